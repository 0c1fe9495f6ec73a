"""Every subcommand's error paths, run for real: missing or wrong account, wrong password,
unknown event or member, bad dates and periods, bad files, not enrolled, server unreachable,
refused permissions... Each must fail with its exit status and say why in Chinese with English
beside it, and no output may hold a bare error code (`members.not_found`, `sync.offline`)."""

from __future__ import annotations

import re
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.accounts import PASSWORD, add_account, first_run
from tests.cli.test_messages import codes_in
from tests.domain.spreadsheets.helpers import person, roster_rows, write_csv, write_xlsx
from xzdesk.app_context import AppContext
from xzdesk.cli import main
from xzdesk.domain.events.models import Event
from xzdesk.domain.events.seed import seed_events
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.staff.codes import Role
from xzdesk.server.runner import free_port

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Case:
    argv: tuple[str, ...]
    exit: int = 1
    says: str = ""  # words the message must hold
    env: dict[str, str | None] = field(default_factory=dict)
    fresh: bool = False  # on a new, empty database instead of the office's


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """One office database: administrator, a matchmaker, a privacy officer and an event-staff
    account; 60 members and two events (one speed dating); files for the import errors."""
    home = tmp_path_factory.mktemp("office")
    ctx = AppContext.open(home=home)
    first_run(ctx, username="mm", display_name="王红娘", role=Role.MATCHMAKER)
    add_account(ctx.store, username="po", display_name="周隐私", role=Role.PRIVACY_OFFICER, password=PASSWORD)
    add_account(ctx.store, username="door", display_name="签到员", role=Role.EVENT_STAFF, password=PASSWORD)
    add_account(ctx.store, username="ua", display_name="工会管理员", role=Role.UNION_ADMIN, password=PASSWORD)
    with ctx.uow() as uow:
        seed_members(uow, count=60, seed=5)
        seed_events(uow, count=3, seed=7)
    with ctx.store.read() as s:
        kinds = {e.kind: e.code for e in s.execute(select(Event)).scalars()}
        paused = s.execute(select(Member.member_no).where(Member.status == "paused").limit(1)).scalar()
        member = s.execute(select(Member.member_no).limit(1)).scalar()
    ctx.close()
    files = home / "files"
    files.mkdir()
    write_xlsx(files / "roster.xlsx", roster_rows([person(1), person(2, 身份证号="3.20302E+17"), person(3, 手机="12")]))
    (files / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0not really")
    (files / "broken.xlsx").write_bytes(b"not a zip at all")
    write_csv(files / "noheader.csv", [["a", "b"]], headers=["x", "y"])
    (files / "garbage.xzpack").write_bytes(b"garbage")
    (files / "garbage.json").write_text("{not json", "utf-8")
    (files / "people_noid.csv").write_text("sex,age\n男,30\n", "utf-8")
    (files / "people.csv").write_text("\ufeffid,sex,age\np1,男,30\np2,女,28\n", "utf-8")
    (files / "pairs_stranger.csv").write_text("a_id,b_id,group,match\np1,p9,e1,1\n", "utf-8")
    (files / "pairs_bad.csv").write_text("a_id,b_id,group,a_yes\np1,p2,e1,maybe\n", "utf-8")
    other = next(code for kind, code in kinds.items() if kind != "speed_dating")
    names = {"event": other, "paused": paused or member, "member": member}
    return home, names


def _port_taken() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def cases(files: Path, out: Path, names: dict[str, str], busy_port: int) -> dict[str, Case]:
    roster = str(files / "roster.xlsx")
    mm, po, root, door = ("--as", "mm"), ("--as", "po"), ("--as", "root"), ("--as", "door")
    server_db = ("--db", f"sqlite:///{out / 'server.db'}")
    return {
        # accounts and sign-in
        "account add, nobody signed in": Case(("account", "add", "li", "--role", "matchmaker"), says="需要登录"),
        "account add as a matchmaker": Case(("account", "add", "li", "--role", "matchmaker", *mm), says="无权管理账号"),
        "account add, bad user name": Case(("account", "add", "Li Li!", "--role", "matchmaker", *root), says="用户名为"),
        "account add, name taken": Case(("account", "add", "mm", "--role", "matchmaker", *root), says="已被使用"),
        "account add, weak password": Case(("account", "add", "li", "--role", "matchmaker", *root),
                                           env={"XZDESK_NEW_PASSWORD": "12345678"}, says="太容易被猜到"),  # fmt: skip
        "account add, unknown district": Case(("account", "add", "li", "--role", "matchmaker", "--district", "南京",
                                               *root), says="所在区无法识别"),  # fmt: skip
        "wrong password": Case(("account", "list", *mm), env={"XZDESK_PASSWORD": "not the password"}, says="密码不对"),
        "unknown account": Case(("account", "list", "--as", "ghost"), says="用户名或密码不对"),
        "no password, no terminal": Case(("account", "list", *mm), env={"XZDESK_PASSWORD": None},
                                         says="XZDESK_PASSWORD"),  # fmt: skip
        "passwd, same new password rules": Case(("account", "passwd", *mm), env={"XZDESK_NEW_PASSWORD": "short"},
                                                says="至少需要 8 个字符"),  # fmt: skip
        "passwd, no new password": Case(("account", "passwd", *mm), env={"XZDESK_NEW_PASSWORD": None},
                                        says="XZDESK_NEW_PASSWORD"),  # fmt: skip
        "unlock an unknown account": Case(("account", "unlock", "ghost", *root), says="找不到工作人员账号 ghost"),
        "own role": Case(("account", "role", "root", "--role", "matchmaker", *root), says="不能修改自己的角色"),
        "close oneself": Case(("account", "close", "root", *root), says="不能停用自己的账号"),
        # rosters and lists
        "import, not signed in": Case(("import", roster), says="需要登录"),
        "import, no such file": Case(("import", str(files / "missing.xlsx"), *mm), says="找不到文件"),
        "import, old xls": Case(("import", str(files / "old.xls"), *mm), says="不支持 .xls 格式"),
        "import, broken xlsx": Case(("import", str(files / "broken.xlsx"), *mm), says="文件已损坏"),
        "import, no header": Case(("import", str(files / "noheader.csv"), *mm), says="找不到表头行"),
        "import, no such sheet": Case(("import", roster, "--sheet", "Nope", *mm), says="找不到工作表“Nope”"),
        "import, bad mapping": Case(("import", roster, "--mapping", "{bad", *mm), says="不是有效的 JSON"),
        "import, mapping column": Case(("import", roster, "--mapping", '{"ZZ": "name"}', *mm), says="没有“ZZ”这一列"),
        "import, mapping field": Case(("import", roster, "--mapping", '{"A": "shoe_size"}', *mm), says="字段“shoe_size”"),
        "import, consent type": Case(("import", roster, "--consent", "basic,weird", *mm), says="同意书无法识别"),
        "import, bad rows (dry run)": Case(("import", roster, "--dry-run", *mm), exit=0, says="科学计数法"),
        "export, not signed in": Case(("export", "members", "-o", str(out / "m.xlsx")), says="需要登录"),
        "export, pdf": Case(("export", "members", "-o", str(out / "m.pdf"), *mm), says="不支持导出为 .pdf"),
        "export unmasked without reason": Case(("export", "members", "-o", str(out / "m.xlsx"), "--unmasked", *mm),
                                               says="请填写导出理由"),  # fmt: skip
        "export as event staff": Case(("export", "members", "-o", str(out / "m.xlsx"), *door), says="无权"),
        # matching
        "match, unknown member": Case(("match", "suggest", "--member", "XZNOPE0000", *mm), says="找不到会员档案 XZNOPE0000"),
        "match why, unknown member": Case(("match", "why", "--member", names["member"], "--other", "XZNOPE0000", *mm),
                                          says="找不到会员档案"),  # fmt: skip
        "match fit, one event": Case(("match", "fit", *mm), exit=0, says="按组留出评估至少需要 5 组"),
        "match adopt as a matchmaker": Case(("match", "adopt", "--latest", *mm), says="无权修改配对策略"),
        "match adopt, no model": Case(("match", "adopt", "--model", "nope", "--as", "ua"), says="找不到这个模型"),
        "match evaluate, no id column": Case(("match", "evaluate", "--people", str(files / "people_noid.csv"),
                                              "--pairs", str(files / "pairs_bad.csv")), says="缺少“id”列"),  # fmt: skip
        "match evaluate, no such file": Case(("match", "evaluate", "--people", str(files / "nope.csv"),
                                              "--pairs", str(files / "pairs_bad.csv")), says="找不到文件"),  # fmt: skip
        "match score, stranger": Case(("match", "score", "--people", str(files / "people.csv"), "--pairs",
                                       str(files / "pairs_stranger.csv"), "--rule", "-o", str(out / "s.csv")),
                                      says="第 2 行的 b_id 不在人员表中"),  # fmt: skip
        "match evaluate, bad label": Case(("match", "evaluate", "--people", str(files / "people.csv"), "--pairs",
                                           str(files / "pairs_bad.csv")), says="a_yes 应为 1 或 0"),  # fmt: skip
        "match fit, files incomplete": Case(("match", "fit", "--people", str(files / "people.csv")),
                                            says="--pairs 和 -o 都要给出"),  # fmt: skip
        "match score, model file unreadable": Case(("match", "score", "--people", str(files / "people.csv"), "--pairs",
                                                    str(files / "pairs_bad.csv"), "--model", str(files / "garbage.json"),
                                                    "-o", str(out / "s.csv")), says="a_yes 应为 1 或 0"),  # fmt: skip
        # events and prints
        "print, not signed in": Case(("print", "badges", "--event", names["event"], "-o", str(out / "b.pdf")),
                                     says="需要登录"),  # fmt: skip
        "print, unknown event": Case(("print", "badges", "--event", "ZZZZZZ", "-o", str(out / "b.pdf"), *mm),
                                     says="找不到该活动"),  # fmt: skip
        "print cards, no rotation": Case(("print", "cards", "--event", names["event"], "-o", str(out / "c.pdf"), *mm),
                                         says="还没有轮换表"),  # fmt: skip
        "print calibration off range": Case(("print", "calibration", "--calibration-x", "7", "-o", str(out / "c.pdf")),
                                            says="偏移量必须在"),  # fmt: skip
        "print as a privacy officer": Case(("print", "tents", "--event", names["event"], "-o", str(out / "t.pdf"), *po),
                                     says="无权"),  # fmt: skip
        "print events, bad month": Case(("print", "events", "--month", "2026-13"), exit=2, says="月份请写成"),
        # venue packs
        "venue export, unknown event": Case(("venue", "export-pack", "--event", "ZZZZZZ", "-o", str(out), *mm),
                                            says="找不到该活动"),  # fmt: skip
        "venue import, no such file": Case(("venue", "import-pack", str(files / "missing.xzpack"), *mm), says="活动包"),
        "venue import, not a pack": Case(("venue", "import-pack", str(files / "garbage.xzpack"), *mm),
                                         says="不是 xzdesk 活动包"),  # fmt: skip
        "venue return, unknown event": Case(("venue", "export-return", "--event", "ZZZZZZ", "-o", str(out), *mm),
                                            says="找不到该活动"),  # fmt: skip
        "venue, not signed in": Case(("venue", "export-pack", "--event", names["event"], "-o", str(out)), says="需要登录"),
        # statistics and rights
        "report, bad period": Case(("report", "stats", "--period", "2026-Q5", "-o", str(out / "s.xlsx"), *mm),
                                   says="统计期间写法应为"),  # fmt: skip
        "report, csv": Case(("report", "stats", "--period", "2026-Q1", "-o", str(out / "s.csv"), *mm), says="不支持导出为"),
        "report as event staff": Case(("report", "stats", "--period", "2026", "-o", str(out / "s.xlsx"), *door),
                                      says="无权查看统计"),  # fmt: skip
        "rights, unknown member": Case(("rights", "export", "--member", "XZNOPE0000", "-o", str(out), "--reason",
                                        "本人申请", *po), says="找不到会员 XZNOPE0000"),  # fmt: skip
        "rights as a matchmaker": Case(("rights", "export", "--member", names["member"], "-o", str(out), "--reason",
                                        "本人申请", *mm), says="个人信息保护负责人"),  # fmt: skip
        "rights, bad date": Case(("rights", "erase", "--member", names["member"], "--reason", "本人申请", "--received",
                                  "2026-13-01", *po), says="日期格式应为 YYYY-MM-DD"),  # fmt: skip
        "rights, future date": Case(("rights", "erase", "--member", names["member"], "--reason", "本人申请",
                                     "--received", "2099-01-01", *po), says="不能晚于今天"),  # fmt: skip
        "rights import, garbage": Case(("rights", "import", str(files / "garbage.json"), *po), says="不是 xzdesk 会员数据文件"),
        "rights list, not signed in": Case(("rights", "list",), says="需要登录"),
        # sync
        "sync now, not enrolled": Case(("sync", "now",), says="尚未接入"),
        "sync status after a failure": Case(("sync", "status",), exit=0, says="上次错误"),
        "sync enrol, unreachable": Case(("sync", "enrol", "--server", f"http://127.0.0.1:{free_port()}", "--username",
                                         "mm"), env={"XZDESK_SYNC_PASSWORD": "a-long-password"},
                                        says="无法连接服务器", fresh=True),  # fmt: skip
        "sync enrol, demo rows": Case(("sync", "enrol", "--server", "http://127.0.0.1:9", "--username", "mm"),
                                      env={"XZDESK_SYNC_PASSWORD": "a-long-password"}, says="演示数据库"),  # fmt: skip
        "sync enrol, no password": Case(("sync", "enrol", "--server", "http://127.0.0.1:9", "--username", "mm"),
                                        env={"XZDESK_SYNC_PASSWORD": None}, says="XZDESK_SYNC_PASSWORD"),  # fmt: skip
        "sync conflicts": Case(("sync", "conflicts"), exit=0, says="个冲突"),
        "sync rejected": Case(("sync", "rejected"), exit=0, says="项被拒绝的修改"),
        # demo data
        "seed, negative": Case(("seed", "--members", "-1"), exit=2, says="必须是 0 或更大的整数"),
        # the server
        "server, busy port": Case(("server", *server_db, "--port", str(busy_port)), says="端口已被占用"),
        "server, unknown user": Case(("server", "set-password", "--username", "ghost", *server_db), says="服务器上没有账号"),
        "server, short password": Case(("server", "add-user", "--username", "li", "--role", "matchmaker", *server_db),
                                       env={"XZDESK_NEW_PASSWORD": "short"}, says="至少需要 8 个字符"),  # fmt: skip
        "server, unknown device": Case(("server", "revoke-device", "--device", "nope", *server_db), says="没有这台设备"),
        "server, bad role": Case(("server", "add-user", "--username", "li", "--role", "boss", *server_db), exit=2,
                                 says="无效的选择"),  # fmt: skip
        # usage
        "missing argument": Case(("rights", "export", "--member", "X"), exit=2, says="缺少必填参数"),
        "unknown command": Case(("frobnicate",), exit=2, says="无效的选择"),
    }


def _names() -> list[str]:
    return list(cases(Path("/f"), Path("/o"), {"event": "E", "paused": "P", "member": "M"}, 1))


@pytest.mark.parametrize("name", _names())
def test_error_path_in_words(name, template, _private_home, monkeypatch, capsys, tmp_path):
    home, names = template
    busy = _port_taken()
    try:
        case = cases(home / "files", tmp_path, names, busy.getsockname()[1])[name]
        if not case.fresh:
            shutil.copytree(home, _private_home, dirs_exist_ok=True, ignore=shutil.ignore_patterns("files"))
        monkeypatch.setenv("XZDESK_PASSWORD", PASSWORD)
        monkeypatch.setenv("XZDESK_NEW_PASSWORD", PASSWORD)
        monkeypatch.delenv("XZDESK_AS", raising=False)
        monkeypatch.delenv("XZDESK_SYNC_PASSWORD", raising=False)
        for key, value in case.env.items():
            if value is None:
                monkeypatch.delenv(key, raising=False)
            else:
                monkeypatch.setenv(key, value)
        if name == "sync status after a failure":
            assert main(["sync", "now"]) == 1
        try:
            code = main(list(case.argv))
        except SystemExit as exit_:
            code = exit_.code
    finally:
        busy.close()
    printed = capsys.readouterr()
    text = printed.out + printed.err
    assert code == case.exit, text
    assert case.says in text, text
    assert not codes_in(text), f"bare codes {codes_in(text)} in: {text}"
    if case.exit:
        message = printed.err.strip().splitlines()[-1]
        assert CHINESE.search(message) and " / " in message, message  # Chinese, English beside it
    logged = _private_home / "logs" / "xzdesk-cli.log"
    assert not logged.exists() or "Traceback" not in logged.read_text("utf-8")  # no unexpected failure
