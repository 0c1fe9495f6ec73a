"""`xzdesk import` and `xzdesk export members` end to end (the command line reuses the domain)."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from tests.accounts import cli_as, first_run
from tests.domain.spreadsheets.helpers import HEADERS, person, roster_rows, write_xlsx
from xzdesk.app_context import AppContext
from xzdesk.cli import main
from xzdesk.config import Settings
from xzdesk.domain.members.service import count_members
from xzdesk.domain.staff.codes import Role


@pytest.fixture
def app(_private_home, monkeypatch):
    cli_as(monkeypatch, "li")
    ctx = AppContext.open(home=_private_home)
    first_run(ctx, username="li", display_name="李红娘", role=Role.MATCHMAKER)
    ctx.close()
    return _private_home


def members(home) -> int:
    ctx = AppContext.open(home=home)
    try:
        with ctx.store.read() as s:
            return count_members(s)
    finally:
        ctx.close()


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def no_personal_data(text, people):
    return not any(p["身份证号"] in text or p["手机"] in text or p["姓名"] in text for p in people)


def test_import_dry_run_then_commit_then_again(app, capsys, tmp_path):
    people = [person(n) for n in range(1, 6)]
    bad = person(9, 身份证号="3.20302E+17")
    path = write_xlsx(tmp_path / "花名册.xlsx", roster_rows([*people, bad]), title="徐工集团单身职工花名册")

    code, out, _ = run(capsys, "import", str(path), "--dry-run")
    assert code == 0 and "新增 new: 5" in out and "错误 errors: 1" in out and "科学计数法" in out
    assert "C 身份证号 → 身份证号 (id_number)" in out.replace("  ", " ")
    assert members(app) == 0

    errors = tmp_path / "错误.xlsx"
    code, out, _ = run(capsys, "import", str(path), "--errors", str(errors))
    assert code == 0 and "新增 new 5" in out and members(app) == 5
    assert no_personal_data(out, people)
    ws = load_workbook(errors).active
    assert ws.cell(8, len(HEADERS) + 1).value and "科学计数法" in ws.cell(8, len(HEADERS) + 1).value
    assert Settings.load(app).import_mappings  # the mapping is remembered for this layout

    code, out, _ = run(capsys, "import", str(path))
    assert code == 1 and "未变 unchanged 5" in out  # nothing imported, and a row in error
    clean = write_xlsx(tmp_path / "clean.xlsx", roster_rows(people))
    code, out, _ = run(capsys, "import", str(clean))
    assert code == 0 and "已记住" in out and "未变 unchanged 5" in out  # same layout; nothing to do is no failure


def test_nothing_importable_exits_non_zero(app, capsys, tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", roster_rows([person(1, 手机="123"), person(2, 身份证号="3.2E+17")]))
    code, out, _ = run(capsys, "import", str(path))
    assert code == 1 and "错误 errors: 2" in out and members(app) == 0
    code, _, err = run(capsys, "import", str(tmp_path / "missing.xlsx"))
    assert code == 1 and "找不到文件" in err
    (tmp_path / "old.xls").write_bytes(b"x")
    code, _, err = run(capsys, "import", str(tmp_path / "old.xls"))
    assert code == 1 and ".xls" in err


def test_mapping_correction_district_and_duplicates(app, capsys, tmp_path):
    people = [person(n) for n in range(1, 4)]
    headers = ["姓名", "证件", "手机"]
    path = write_xlsx(tmp_path / "m.xlsx", [[p["姓名"], p["身份证号"], p["手机"]] for p in people], headers=headers)
    code, out, _ = run(capsys, "import", str(path), "--district", "云龙区")
    assert code == 1 and "错误 errors: 3" in out
    mapping = json.dumps({"证件": "id_number"}, ensure_ascii=False)
    code, out, _ = run(capsys, "import", str(path), "--district", "云龙区", "--mapping", mapping)
    assert code == 0 and "新增 new 3" in out
    changed = [[p["姓名"], p["身份证号"], "137" + p["手机"][3:]] for p in people]
    path2 = write_xlsx(tmp_path / "m2.xlsx", changed, headers=headers)
    code, out, _ = run(capsys, "import", str(path2), "--on-duplicate", "skip", "--dry-run")
    assert code == 0 and "更新 updated: 3" in out
    code, out, _ = run(capsys, "import", str(path2), "--on-duplicate", "skip")
    assert "跳过 skipped 3" in out and "更新 updated 0" in out
    code, out, _ = run(capsys, "import", str(path2))
    assert code == 0 and "更新 updated 3" in out


def test_export_members(app, capsys, tmp_path):
    people = [person(n) for n in range(1, 4)]
    run(capsys, "import", str(write_xlsx(tmp_path / "r.xlsx", roster_rows(people))))
    out_file = tmp_path / "名单.xlsx"
    code, out, _ = run(capsys, "export", "members", "-o", str(out_file))
    assert code == 0 and "3 行" in out and "已脱敏" in out
    ws = load_workbook(out_file).active
    assert "*" in ws.cell(2, 2).value
    code, _, err = run(capsys, "export", "members", "-o", str(tmp_path / "full.csv"), "--unmasked")
    assert code == 1 and "--reason" in err and not (tmp_path / "full.csv").exists()
    code, out, _ = run(capsys, "export", "members", "-o", str(tmp_path / "full.csv"), "--unmasked", "--reason", "核对")
    assert code == 0 and "未脱敏" in out
    text = (tmp_path / "full.csv").read_text("utf-8-sig")
    assert people[0]["身份证号"] in text


def _district_roster(tmp_path, title):
    headers = [h for h in HEADERS if h != "所在区"]
    people = [person(n) for n in range(21, 24)]
    rows = [[p.get(h) for h in headers] for p in people]
    return write_xlsx(tmp_path / "花名册.xlsx", rows, title=title, headers=headers, sheet="Sheet1"), people


def test_a_district_named_in_the_title_is_confirmed_with_district(app, capsys, tmp_path):
    path, people = _district_roster(tmp_path, "徐州市鼓楼区总工会2026年单身职工花名册")
    code, out, err = run(capsys, "import", str(path))
    assert code == 1 and members(app) == 0
    assert "标题（第 1 行）写的是鼓楼区（320302）" in err and "--district 320302" in err and "the title (row 1)" in err
    code, out, err = run(capsys, "import", str(path), "--dry-run")
    assert code == 0 and "试运行按标题（第 1 行）写的鼓楼区（320302）分析" in out and "新增 new: 3" in out
    assert members(app) == 0
    code, out, err = run(capsys, "import", str(path), "--district", "鼓楼区")
    assert code == 0 and "新增 new 3" in out and members(app) == 3
    assert no_personal_data(out + err, people)


def test_another_district_given_is_used_and_the_title_is_mentioned(app, capsys, tmp_path):
    path, _people = _district_roster(tmp_path, "徐州市鼓楼区总工会花名册")
    code, out, _err = run(capsys, "import", str(path), "--district", "320303")
    assert code == 0 and "标题（第 1 行）写的是鼓楼区（320302），本次按云龙区导入没填所在区的行" in out
    ctx = AppContext.open(home=app)
    try:
        with ctx.store.read() as s:
            from sqlalchemy import select

            from xzdesk.domain.members.models import Member

            assert set(s.execute(select(Member.district_code)).scalars()) == {"320303"}
    finally:
        ctx.close()
