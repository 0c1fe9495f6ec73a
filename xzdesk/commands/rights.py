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
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from xzdesk.commands._common import TerminalProgress, open_context, require_actor
from xzdesk.commands._messages import REQUEST_STATUS_WORDS, VALUE_WORDS, Words, value_words
from xzdesk.commands._parser import subcommands
from xzdesk.domain.errors import XzError

if TYPE_CHECKING:
    from xzdesk.app_context import AppContext


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise XzError("rights.bad_date") from exc


def configure(p: argparse.ArgumentParser) -> None:
    from xzdesk.domain.privacy.codes import RequestChannel

    what = subcommands(p, dest="what", metavar="what")
    e = what.add_parser("export", help="一名会员的全部数据（xlsx 和 JSON）/ one member's data as xlsx and JSON")
    e.add_argument("--member", required=True, metavar="NO", help="会员编号（XZ……）/ member number (XZ...)")
    e.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="保存到的文件夹 / folder")
    e.add_argument("--reason", required=True, help="理由（记入审计日志），如会员本人申请 / why (audited), e.g. the member's request")
    e.add_argument("--format", choices=("both", "xlsx", "json"), default="both", help="格式 / format (default both)")
    e.set_defaults(func=run_export)

    d = what.add_parser("erase", help="从本机删除一名会员，并经同步从各处删除 / erase a member here and, by sync, everywhere")
    d.add_argument("--member", required=True, metavar="NO", help="会员编号 / member number")
    d.add_argument("--reason", required=True, help="删除的依据（与请求一起保存）/ the basis of the erasure (kept with the request)")
    d.add_argument("--channel", choices=[c.value for c in RequestChannel if c != RequestChannel.RETENTION_REVIEW],
                   default=RequestChannel.IN_PERSON.value, help="请求的渠道 / how the request came")  # fmt: skip
    d.add_argument("--received", metavar="YYYY-MM-DD", help="收到请求的日期（默认今天）/ date received (default today)")
    d.add_argument("--yes", action="store_true", help="在终端中不再要求确认 / do not ask for confirmation in a terminal")
    d.set_defaults(func=run_erase)

    i = what.add_parser("import", help="把导出的 JSON 文件导入空数据库 / re-import an exported JSON file into an empty database")
    i.add_argument("file", type=Path, metavar="FILE.json")
    i.set_defaults(func=run_import)

    ls = what.add_parser("list", help="本机的权利请求 / rights requests on this laptop")
    ls.add_argument("--open", action="store_true", help="只列未办结的 / open requests only")
    ls.set_defaults(func=run_list)


def _both(code: str, table: dict[str, Words] = VALUE_WORDS) -> str:
    return f"{value_words(code, 0, table)} {value_words(code, 1, table)}"


def _run(args: argparse.Namespace, body: Callable[[AppContext], int]) -> int:
    ctx = open_context(args)
    try:
        require_actor(ctx)
        return int(body(ctx) or 0)
    finally:
        ctx.close()


def run_export(args: argparse.Namespace) -> int:
    formats = ("xlsx", "json") if args.format == "both" else (args.format,)

    def body(ctx: AppContext) -> int:
        from xzdesk.domain.privacy.portability import export_member_data

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
        from xzdesk.domain.privacy.rights import erase_member_data, receive_request

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
        from xzdesk.domain.privacy.portability import import_member_document, read_member_document

        document = read_member_document(args.file)
        with ctx.uow() as uow:
            info = import_member_document(uow, document=document)
        print(f"已导入 imported: {info.member_no}, {sum(t.rows for t in info.tables)} 行 / rows")
        return 0

    return _run(args, body)


def run_list(args: argparse.Namespace) -> int:
    def body(ctx: AppContext) -> int:
        from datetime import datetime

        from xzdesk.domain.privacy.queries import list_requests
        from xzdesk.domain.uow import CHINA_TZ

        today = datetime.now(CHINA_TZ).date()
        with ctx.store.read() as s:
            rows = list_requests(s, actor=ctx.actor, today=today, open_only=args.open)
        print("收到 received | 类型 kind | 会员 member | 渠道 channel | 期限 due（剩余工作日 working days left）"
              " | 状态 status | 经办人 handler")  # fmt: skip
        for r in rows:
            due = f"{r.due_on}{'（暂定 provisional）' if r.due_provisional else ''}"
            left = f"（{r.working_days_left:+d}）" if r.is_open else ""
            print(f"{r.received_on} | {_both(r.kind)} | {r.member_no or '已删除 erased'} | {_both(r.channel)} | "
                  f"{due}{left} | {_both(r.status, REQUEST_STATUS_WORDS)} | {r.handler_name or '-'}")  # fmt: skip
        print(f"{len(rows)} 条 / requests")
        return 0

    return _run(args, body)
