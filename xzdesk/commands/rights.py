"""`xzdesk rights ...`: members' privacy rights from the command line (privacy officer).

    xzdesk rights export --member XZ1A2B3C4D -o DIR --reason TEXT [--format xlsx|json|both]
    xzdesk rights erase  --member XZ1A2B3C4D --reason TEXT [--channel letter] [--received YYYY-MM-DD]
    xzdesk rights import FILE.json                       (into an empty database)
    xzdesk rights list   [--open]

Every subcommand runs as the signed-in staff account, or `--as USERNAME`; handling requests needs
the privacy officer's role. `export` writes the member's data for the member: an xlsx workbook
and a JSON document (file names carry the member number and the date only). `erase` records an
erasure request (received today through `--channel`, unless given) and carries it out at once:
every row of the member is deleted from this laptop, the WAL is checkpointed and truncated, the
backups are removed, and the erasure is sent to the server at the next sync; in a terminal it
asks to type the member number again. Output never shows personal data. Exit 0 on success, 1 when
refused (a message in Chinese and English says why), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from xzdesk.app_context import AppContext
from xzdesk.commands._common import TerminalProgress, open_context
from xzdesk.commands._messages import describe as describe_common
from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.privacy.portability import export_member_data, import_member_document, read_member_document
from xzdesk.domain.privacy.rights import erase_member_data, receive_request
from xzdesk.domain.privacy.rights_dto import RequestChannel
from xzdesk.domain.privacy.rights_queries import list_requests
from xzdesk.domain.store.uow import CHINA_TZ

WORDS: dict[str, tuple[str, str]] = {
    "rights.no_actor": ("还没有登录的工作人员账号：请先在图形界面中创建账号，或用 --as 指定", "no staff account is signed in: create one in the GUI or use --as"),
    "rights.unknown_user": ("找不到工作人员账号 {username}", "no staff account {username}"),
    "rights.member_not_found": ("找不到会员 {member_no}", "no member {member_no}"),
    "rights.request_not_found": ("找不到该请求", "no such request"),
    "rights.request_open": ("会员 {member_no} 已有一个未办结的同类请求", "member {member_no} already has an open request of this kind"),
    "rights.request_closed": ("该请求已办结（{status}）", "the request is closed ({status})"),
    "rights.wrong_kind": ("该请求的类型不符（{kind}）", "the request is of another kind ({kind})"),
    "rights.reason_required": ("请填写理由（至少 {minimum} 个字）", "give a reason (at least {minimum} characters)"),
    "rights.received_in_future": ("收到日期不能晚于今天", "the date received cannot be in the future"),
    "rights.not_a_privacy_officer": ("经办人必须是个人信息保护负责人", "the handler must be a privacy officer"),
    "rights.import_format": ("不是 xzdesk 会员数据文件，或文件已损坏（{detail}）", "not an xzdesk member data file, or damaged ({detail})"),
    "rights.import_version": ("会员数据文件版本 {version} 不受支持", "member data file version {version} is not supported"),
    "rights.import_not_empty": ("只能导入到没有任何会员档案的数据库", "import only into a database without case files"),
    "rights.import_exists": ("数据库中已有相同记录（{table}）", "a record already exists ({table})"),
    "rights.confirm_mismatch": ("输入的会员编号不一致，未删除", "the member number typed does not match; nothing erased"),
    "rights.bad_date": ("日期格式应为 YYYY-MM-DD", "dates are written YYYY-MM-DD"),
    "members.not_in_scope": ("会员 {member_no} 属于其他区", "member {member_no} belongs to another district"),
    "export.unsupported_format": ("不支持的格式：{suffix}", "unsupported format: {suffix}"),
    "auth.permission_denied": ("当前账号无权执行此操作（需要个人信息保护负责人）", "the current account may not do this (privacy officer needed)"),
    "reports.bad_period": ("统计期间写法应为 2026-07、2026-Q3 或 2026：{text}", "a period is written 2026-07, 2026-Q3 or 2026: {text}"),
    "reports.no_actor": ("还没有登录的工作人员账号：请先在图形界面中创建账号，或用 --as 指定", "no staff account is signed in: create one in the GUI or use --as"),
}  # fmt: skip


def describe(exc: XzError) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(describe(p) for p in exc.problems)
    words = WORDS.get(exc.code)
    if words is None:
        return describe_common(exc)
    params: Mapping[str, Any] = exc.params
    try:
        return f"{words[0].format(**params)} / {words[1].format(**params)}"
    except (KeyError, IndexError):
        return f"{words[0]} / {words[1]}"


def use_actor(ctx: AppContext, username: str | None, *, code: str = "rights.no_actor") -> None:
    """The command needs a signed-in person (`open_context` signed in `--as USERNAME`)."""
    if ctx.actor is None:
        raise XzError(code)


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise XzError("rights.bad_date") from exc


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rights", help="members' privacy rights: export one member's data, erase, import")
    what = p.add_subparsers(dest="what", metavar="what", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--as", dest="as_user", metavar="USERNAME", help="act as this staff account")
    common.add_argument("--demo", action="store_true", help="use the demo database")

    e = what.add_parser("export", parents=[common], help="one member's data as xlsx and JSON")
    e.add_argument("--member", required=True, metavar="NO", help="member number (XZ...)")
    e.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    e.add_argument("--reason", required=True, help="why (audited), e.g. the member's request")
    e.add_argument("--format", choices=("both", "xlsx", "json"), default="both")
    e.set_defaults(func=run_export)

    d = what.add_parser("erase", parents=[common], help="erase one member from this laptop and, by sync, everywhere")
    d.add_argument("--member", required=True, metavar="NO")
    d.add_argument("--reason", required=True, help="the basis of the erasure (kept with the request)")
    d.add_argument("--channel", choices=[c.value for c in RequestChannel if c != RequestChannel.RETENTION_REVIEW],
                   default=RequestChannel.IN_PERSON.value)  # fmt: skip
    d.add_argument("--received", metavar="YYYY-MM-DD", help="date the request was received (default today)")
    d.add_argument("--yes", action="store_true", help="do not ask for confirmation in a terminal")
    d.set_defaults(func=run_erase)

    i = what.add_parser("import", parents=[common], help="re-import an exported JSON file into an empty database")
    i.add_argument("file", type=Path)
    i.set_defaults(func=run_import)

    ls = what.add_parser("list", parents=[common], help="rights requests on this laptop")
    ls.add_argument("--open", action="store_true", help="open requests only")
    ls.set_defaults(func=run_list)


def _run(args: argparse.Namespace, body: Any) -> int:
    ctx = open_context(args)
    try:
        use_actor(ctx, args.as_user)
        return int(body(ctx) or 0)
    except XzError as exc:
        print(f"xzdesk rights: {describe(exc)}", file=sys.stderr)
        return 1
    finally:
        ctx.close()


def run_export(args: argparse.Namespace) -> int:
    formats = ("xlsx", "json") if args.format == "both" else (args.format,)

    def body(ctx: AppContext) -> int:
        with ctx.uow() as uow:
            info = export_member_data(uow, member_no=args.member, directory=args.output, reason=args.reason,
                                      formats=formats, progress=TerminalProgress())  # fmt: skip
        rows = sum(t.rows for t in info.tables)
        print(f"已导出 exported: {info.member_no}, {len(info.tables)} 类记录 / tables, {rows} 行 / rows, "
              f"{info.access_entries} 条访问记录 / access entries")  # fmt: skip
        for path in (info.xlsx_path, info.json_path):
            if path is not None:
                print(f"  → {path}")
        return 0

    return _run(args, body)


def run_erase(args: argparse.Namespace) -> int:
    def body(ctx: AppContext) -> int:
        received = _date(args.received)
        number = "".join(args.member.split()).upper()
        if sys.stdin.isatty() and not args.yes:
            typed = input(f"将永久删除会员 {number} 的全部数据。请再次输入会员编号确认 / type the member number to confirm: ")
            if "".join(typed.split()).upper() != number:
                raise XzError("rights.confirm_mismatch")
        with ctx.uow() as uow:
            request = receive_request(uow, member_no=number, kind="erasure", received_on=received or uow.today(),
                                      channel=args.channel, note=args.reason)  # fmt: skip
        result = erase_member_data(ctx.store, ctx.actor, request_id=request.id, progress=TerminalProgress())
        print(f"已删除 erased: {number}, {result.rows_deleted} 行 / rows; "
              f"WAL {'已截断 truncated' if result.wal_bytes == 0 else f'{result.wal_bytes} bytes left'}; "
              f"删除备份 backups removed: {result.backups_removed}")  # fmt: skip
        print("下次同步时通知服务器 / the server is told at the next sync")
        return 0

    return _run(args, body)


def run_import(args: argparse.Namespace) -> int:
    def body(ctx: AppContext) -> int:
        document = read_member_document(args.file)
        with ctx.uow() as uow:
            info = import_member_document(uow, document=document)
        print(f"已导入 imported: {info.member_no}, {sum(t.rows for t in info.tables)} 行 / rows")
        return 0

    return _run(args, body)


def run_list(args: argparse.Namespace) -> int:
    def body(ctx: AppContext) -> int:
        from datetime import datetime

        today = datetime.now(CHINA_TZ).date()
        with ctx.store.read() as s:
            rows = list_requests(s, actor=ctx.actor, today=today, open_only=args.open)
        for r in rows:
            due = f"{r.due_on}{'*' if r.due_provisional else ''}"
            left = f"{r.working_days_left:+d}" if r.is_open else ""
            print(f"{r.received_on}  {r.kind:8s} {r.member_no or '(已删除 erased)':12s} {r.channel:12s} "
                  f"due {due} {left:>4s}  {r.status:8s} {r.handler_name or ''}")  # fmt: skip
        print(f"{len(rows)} 条 / requests")
        return 0

    return _run(args, body)
