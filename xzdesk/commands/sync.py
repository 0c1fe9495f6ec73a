"""`xzdesk sync ...`: this laptop's side of sync, scripted.

    xzdesk sync enrol --server https://HOST:PORT --username U [--label NAME] [--events ID,...] [--ca-file CA.pem]
    xzdesk sync now          push the outbox, pull changes (prints a summary)
    xzdesk sync status       server, last success, pending, conflicts, rejected, last error
    xzdesk sync conflicts    open conflicts (kinds of record and fields; values are not printed)
    xzdesk sync rejected     changes the server refused for good, and why

The password is read from the terminal, or from XZDESK_SYNC_PASSWORD when not attached to one.
The server's address must be https (plain http only to this computer); its certificate is checked
against the system's store, or against the union's CA certificate given with --ca-file (kept with
the enrolment and used by every later sync).
Nothing printed here contains personal data.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from xzdesk.commands._common import TerminalProgress, open_context
from xzdesk.commands._messages import describe_code, entity_words, field_words, value_words
from xzdesk.commands._parser import subcommands
from xzdesk.domain.errors import XzError

CONFLICT_KINDS = {"field": "字段冲突 field", "transition": "状态冲突 state", "natural_key": "重复记录 duplicate",
                  "plate": "号码牌重复 plate given twice", "quota": "名额超出 over the cap"}


def conflict_detail(kind: str, field: str | None, theirs: object, mine: object) -> str:
    """What a conflict is about, in words (numbers and plates only, never personal data)."""
    if kind == "plate":
        return f"号码牌 {theirs} 同时发给了两份报名 / plate {theirs} was given to two registrations"
    if kind == "quota":
        return (f"{field_words(field, 0)} {theirs} 个，已占 {mine} 个 / {field_words(field, 1)}: {theirs}, "
                f"taken: {mine}")  # fmt: skip
    return field_words(field, 0) + " " + field_words(field, 1) if field else "-"


def configure(p: argparse.ArgumentParser) -> None:
    cmds = subcommands(p, dest="sync_command")
    e = cmds.add_parser("enrol", help="把本机接入服务器（一次）/ enrol this laptop (once)")
    e.add_argument("--server", required=True, metavar="URL", help="服务器地址，如 https://hn.example.cn / the server's address")
    e.add_argument("--username", required=True, help="服务器上的用户名 / user name on the server")
    e.add_argument("--label", default="", help="本机的名称，管理员可见 / a name for this laptop, shown to administrators")
    e.add_argument("--events", default="", help="活动 ID，逗号分隔（签到员）/ comma-separated event ids (event staff)")
    e.add_argument("--ca-file", metavar="PEM", help="工会的 CA 证书（服务器使用工会自签证书时）；此后每次同步都用它核对服务器 / "
                                                  "the union's CA certificate (when the server's certificate is the union's own); "
                                                  "every later sync checks the server with it")  # fmt: skip
    e.set_defaults(func=enrol)
    cmds.add_parser("now", help="同步一次 / sync once").set_defaults(func=now)
    cmds.add_parser("status", help="同步状态 / sync status").set_defaults(func=status)
    cmds.add_parser("conflicts", help="未处理的冲突 / open conflicts").set_defaults(func=conflicts)
    cmds.add_parser("rejected", help="服务器拒绝的修改及原因 / changes the server refused, and why").set_defaults(func=rejected)


def _sync_password() -> str:
    if sys.stdin.isatty():
        password = getpass.getpass("服务器密码 / server password: ")
    else:
        password = os.environ.get("XZDESK_SYNC_PASSWORD", "")
    if not password:
        raise XzError("staff.password_required", username="XZDESK_SYNC_PASSWORD")
    return password


def enrol(args: argparse.Namespace) -> int:
    from xzdesk.sync.client import check_server_url

    check_server_url(args.server)  # before asking for a password: plain http to another computer is refused
    password = _sync_password()
    with open_context(args) as ctx:
        info = ctx.sync_engine().enrol(args.server, args.username, password, label=args.label,
                                       events=[e for e in args.events.split(",") if e], ca_file=args.ca_file)  # fmt: skip
        ctx.act_as(info.staff_id)
        ctx.settings.server_url = args.server
        ctx.settings.save(ctx.home)
    scope = "全部区 all districts" if info.districts is None else ",".join(info.districts) or "-"
    print(f"已接入，设备号 / enrolled as device {info.device_id}（{info.username}，{value_words(info.role, 0)} "
          f"{info.role}；范围 scope {scope}）")  # fmt: skip
    return 0


def now(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        report = ctx.sync_engine().sync_once(progress=TerminalProgress())
    print(f"上传 pushed {report.acked}/{report.pushed}，拒绝 rejected {report.rejected}，冲突 conflicts {report.conflicts}，"
          f"下载 pulled {report.pulled}（{report.pages} 页 pages），删除 purged {len(report.purged)}"
          + ("；已清除并重新下载 wiped and downloaded again" if report.wiped else ""))  # fmt: skip
    if report.error:
        print(f"xzdesk sync: {describe_code(report.error)}", file=sys.stderr)
        return 1
    return 0


def _yes(flag: bool) -> str:
    return "是 yes" if flag else "否 no"


def status(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        st = ctx.sync_engine().status()
    rows = [
        ("服务器", "server", st.server_url or "-"), ("已接入", "enrolled", _yes(st.enrolled)),
        ("设备", "device", st.device_id), ("用户", "user", st.username or "-"),
        ("上次成功", "last success", st.last_success_at.isoformat() if st.last_success_at else "-"),
        ("待上传", "pending", str(st.pending) if st.syncable else "- （演示数据从不上传 demo data is never sent）"), ("冲突", "conflicts", str(st.conflicts)),
        ("被拒绝", "rejected", str(st.rejected)),
        ("上次错误", "last error", describe_code(st.last_error) if st.last_error else "-"),
        ("已锁定", "locked", _yes(st.locked)), ("已注销", "revoked", _yes(st.revoked)),
    ]  # fmt: skip
    for zh, en, value in rows:
        print(f"{zh:\u3000<4} {en:13}{value}")
    return 0


def conflicts(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        rows = ctx.sync_engine().conflicts()
    for c in rows:
        here = "（已在本机处理 resolved here）" if c.resolved_here else ""
        field = conflict_detail(c.kind, c.field, c.theirs, c.mine)
        kind = CONFLICT_KINDS.get(c.kind, c.kind)
        print(f"{c.id} | {kind} | {entity_words(c.entity)} | {c.entity_id} | {field}{here}")
    print(f"{len(rows)} 个冲突 / conflicts")
    return 0


def rejected(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        rows = ctx.sync_engine().rejected()
    for r in rows:
        fields = "、".join(field_words(f, 0) for f in r.field_names) or "-"
        print(f"{r.id} | {entity_words(r.entity)} {r.entity_id} | {fields} | {describe_code(r.code, r.params)}")
    print(f"{len(rows)} 项被拒绝的修改 / rejected changes")
    return 0
