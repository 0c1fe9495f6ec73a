"""`xzdesk rights ...` and `xzdesk report stats` in-process, on the database in XZDESK_HOME."""

from __future__ import annotations

import json

import openpyxl
import pytest
from sqlalchemy import select

from tests.accounts import PASSWORD, add_account, first_run
from xzdesk.app_context import AppContext
from xzdesk.cli import main
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.staff.codes import Role


@pytest.fixture
def home(_private_home, monkeypatch):
    monkeypatch.setenv("XZDESK_PASSWORD", PASSWORD)
    ctx = AppContext.open(home=_private_home)
    first_run(ctx, username="mm", display_name="王红娘", role=Role.MATCHMAKER)
    with ctx.uow() as uow:
        seed_members(uow, count=30, seed=3)
    add_account(ctx.store, username="po", display_name="周隐私", role=Role.PRIVACY_OFFICER, password=PASSWORD)
    with ctx.store.read() as s:
        member = s.execute(select(Member).order_by(Member.member_no).limit(1)).scalar_one()
        secrets = (member.member_no, member.name, member.id_number, member.mobile)
    ctx.close()
    return _private_home, secrets


def test_export_erase_list(home, tmp_path, capsys):
    folder, (number, name, id_number, mobile) = home
    out = tmp_path / "out"
    assert main(["rights", "export", "--member", number, "-o", str(out), "--reason", "本人申请", "--as", "po"]) == 0
    printed = capsys.readouterr().out
    assert number in printed and name not in printed and id_number not in printed
    doc = json.loads(next(out.glob("*.json")).read_text("utf-8"))
    assert doc["tables"]["member"][0]["mobile"] == mobile
    assert openpyxl.load_workbook(next(out.glob("*.xlsx"))).sheetnames[0] == "个人资料"
    # a matchmaker may not erase; the privacy officer may
    assert main(["rights", "erase", "--member", number, "--reason", "本人书面申请", "--as", "mm"]) == 1
    assert "无权" in capsys.readouterr().err
    assert main(["rights", "erase", "--member", number, "--reason", "本人书面申请", "--channel", "letter",
                 "--as", "po"]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert "已删除" in printed and "WAL 已截断" in printed and name not in printed
    assert main(["rights", "list", "--as", "po"]) == 0
    listing = capsys.readouterr().out
    assert "erasure" in listing and "done" in listing and "已删除" in listing and number not in listing
    ctx = AppContext.open(home=folder)
    try:
        with ctx.store.read() as s:
            assert s.execute(select(Member.id).where(Member.member_no == number)).first() is None
    finally:
        ctx.close()
    assert main(["rights", "erase", "--member", number, "--reason", "再来一次", "--as", "po"]) == 1
    assert "找不到会员" in capsys.readouterr().err


def test_refusals(home, tmp_path, capsys):
    _folder, (number, *_rest) = home
    assert main(["rights", "export", "--member", number, "-o", str(tmp_path), "--reason", " ", "--as", "po"]) == 1
    assert "理由" in capsys.readouterr().err
    assert main(["rights", "list", "--as", "nobody"]) == 1
    assert "用户名或密码不对" in capsys.readouterr().err  # never says whether the account exists
    assert main(["rights", "erase", "--member", number, "--reason", "x y", "--received", "2026/01/01", "--as", "po"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_report_stats(home, tmp_path, capsys):
    path = tmp_path / "q.xlsx"
    assert main(["report", "stats", "--period", "2026-Q3", "-o", str(path), "--as", "mm"]) == 0
    assert "2026年第3季度" in capsys.readouterr().out
    assert openpyxl.load_workbook(path).sheetnames == ["汇总", "分区统计", "分月统计"]
    assert main(["report", "stats", "--period", "2026-Q9", "-o", str(path), "--as", "mm"]) == 1
    assert "2026-Q3" in capsys.readouterr().err
    assert main(["report", "stats", "--period", "2026", "-o", str(path), "--as", "po"]) == 1
    assert main(["report", "stats", "--period", "2026", "-o", str(tmp_path / "a.csv"), "--as", "mm"]) == 1


def _contact(folder, number):
    ctx = AppContext.open(home=folder)
    try:
        with ctx.store.read() as s:
            return s.execute(select(Member.mobile, Member.employer).where(Member.member_no == number)).one()
    finally:
        ctx.close()


def test_correction_explanation_and_withdrawal_from_the_command_line(home, tmp_path, capsys):
    """The three PIPL requests the 报表 screen handles are offered here too: each is recorded and
    handled at once, and `rights list` names every kind in words."""
    from pypdf import PdfReader

    folder, (number, name, _id_number, mobile) = home
    new_mobile = "139" + ("12345678" if not mobile.endswith("12345678") else "87654321")
    assert main(["rights", "correct", "--member", number, "--set", f"mobile={new_mobile}", "--set", "employer=徐州矿务集团",
                 "--channel", "letter", "--as", "po"]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert "更正或补充" in printed and "手机" in printed and "工作单位" in printed and new_mobile not in printed
    assert tuple(_contact(folder, number)) == (new_mobile, "徐州矿务集团")

    out = tmp_path / "explain"
    assert main(["rights", "explain", "--member", number, "-o", str(out), "--as", "po"]) == 0
    printed = capsys.readouterr().out
    pdf = next(out.glob("*.pdf"))
    assert "解释处理规则" in printed and str(pdf) in printed and name not in pdf.name
    assert number in "".join(page.extract_text() for page in PdfReader(pdf).pages)

    assert main(["rights", "withdraw", "--member", number, "--consent", "matching", "--as", "po"]) == 0
    assert "撤回了 withdrawn: 算法配对 algorithmic matching" in capsys.readouterr().out

    assert main(["rights", "list", "--as", "po"]) == 0
    listing = capsys.readouterr().out
    for words in ("更正或补充 correction or supplement", "解释处理规则 explanation of the rules",
                  "撤回同意 withdrawal of consent", "已办结 done", "信函 letter"):  # fmt: skip
        assert words in listing, words


def test_a_correction_that_cannot_be_read_changes_nothing(home, capsys):
    folder, (number, _name, _id, mobile) = home
    assert main(["rights", "correct", "--member", number, "--set", "id_number=1", "--as", "po"]) == 1
    err = capsys.readouterr().err
    assert "“身份证号”不能用这个命令更正" in err and "mobile" in err and "rights." not in err
    assert main(["rights", "correct", "--member", number, "--set", "mobile=12345", "--as", "po"]) == 1
    err = capsys.readouterr().err
    assert "手机" in err and "members." not in err
    assert main(["rights", "list", "--as", "po"]) == 0
    assert "0 条 / requests" in capsys.readouterr().out  # nothing half-written: no request left open
    assert _contact(folder, number).mobile == mobile
