"""`xzdesk rights ...`: members' privacy rights from the command line (privacy officer).

    xzdesk rights export --member XZ1A2B3C4D -o DIR --reason TEXT [--format xlsx|json|both]
    xzdesk rights erase    --member XZ1A2B3C4D --reason TEXT [--channel letter] [--received YYYY-MM-DD]
    xzdesk rights correct  --member XZ1A2B3C4D --set FIELD=VALUE [--set ...] [--channel C] [--received D]
    xzdesk rights explain  --member XZ1A2B3C4D -o DIR [--channel C] [--received D]
    xzdesk rights withdraw --member XZ1A2B3C4D --consent TYPE [--consent TYPE ...] [--channel C] [--received D]
    xzdesk rights import FILE.json                       (into an empty database)
    xzdesk rights list   [--open]

Every subcommand runs as the signed-in staff account, or `--as USERNAME`; handling requests needs
the privacy officer's role. `export` writes the member's data for the member: an xlsx workbook
and a JSON document (file names carry the member number and the date only). `erase` records an
erasure request (received today through `--channel`, unless given) and carries it out at once:
every row of the member is deleted from this laptop, the WAL is checkpointed and truncated, the
backups are removed, and the erasure is sent to the server at the next sync; in a terminal it
asks to type the member number again. `correct`, `explain` and `withdraw` record the member's
request (correction or supplement, an explanation of the rules applied, withdrawal of consent:
PIPL Art. 46, 48, 15) and handle it at once, in one transaction: the case file corrected through
its usual checks, the explanation written as a PDF for the member, the chosen consents withdrawn.
Output never shows personal data. Exit 0 on success, 1 when
refused (a message in Chinese and English says why), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xzdesk.commands._common import TerminalProgress, open_context, require_actor
from xzdesk.commands._messages import (
    REQUEST_KIND_WORDS,
    REQUEST_STATUS_WORDS,
    VALUE_WORDS,
    Words,
    field_words,
    value_words,
)
from xzdesk.commands._parser import subcommands
from xzdesk.domain.errors import FieldProblem, ValidationError, XzError

if TYPE_CHECKING:
    from xzdesk.app_context import AppContext
    from xzdesk.domain.privacy.dto import RightsRequestInfo
    from xzdesk.domain.uow import UnitOfWork


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise XzError("rights.bad_date") from exc


# Fields a member most often asks to correct or supplement, read as a roster cell is read.
CORRECTABLE: tuple[str, ...] = (
    "name", "nickname", "mobile", "wechat", "district_code", "hukou_place", "employer", "base_union", "union_no",
    "sector", "occupation", "education", "height_cm", "weight_kg", "marital_status", "children", "self_description",
)  # fmt: skip


def _channels() -> list[str]:
    from xzdesk.domain.privacy.codes import RequestChannel

    return [c.value for c in RequestChannel if c != RequestChannel.RETENTION_REVIEW]


def _request_arguments(p: argparse.ArgumentParser) -> None:
    """The member and how and when the request came (the same for every kind of request)."""
    p.add_argument("--member", required=True, metavar="NO", help="会员编号（XZ……）/ member number (XZ...)")
    p.add_argument("--channel", choices=_channels(), default="in_person", help="请求的渠道 / how the request came")
    p.add_argument("--received", metavar="YYYY-MM-DD", help="收到请求的日期（默认今天）/ date received (default today)")


def configure(p: argparse.ArgumentParser) -> None:
    from xzdesk.domain.members.codes import ConsentType

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
    d.add_argument("--channel", choices=_channels(), default="in_person", help="请求的渠道 / how the request came")
    d.add_argument("--received", metavar="YYYY-MM-DD", help="收到请求的日期（默认今天）/ date received (default today)")
    d.add_argument("--yes", action="store_true", help="在终端中不再要求确认 / do not ask for confirmation in a terminal")
    d.set_defaults(func=run_erase)

    c = what.add_parser("correct", help="按会员要求更正或补充档案 / correct or supplement a case file as the member asked")
    _request_arguments(c)
    c.add_argument("--set", dest="changes", action="append", required=True, metavar="FIELD=VALUE",
                   help="要更正的项目及新值，可重复；项目：" + "、".join(f"{f}（{field_words(f, 0)}）" for f in CORRECTABLE)
                   + " / a field to correct and its new value, repeatable")  # fmt: skip
    c.set_defaults(func=run_correct)

    x = what.add_parser("explain", help="向会员说明对其个人信息的处理规则（PDF）/ explain the rules applied to a member's data (PDF)")
    _request_arguments(x)
    x.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="保存到的文件夹 / folder")
    x.set_defaults(func=run_explain)

    w = what.add_parser("withdraw", help="按会员要求撤回授权 / withdraw consents as the member asked")
    _request_arguments(w)
    w.add_argument("--consent", dest="consents", action="append", required=True, choices=[t.value for t in ConsentType],
                   metavar="TYPE", help="要撤回的授权，可重复：" + "、".join(f"{t.value}（{_both(t.value)}）" for t in ConsentType)
                   + " / a consent to withdraw, repeatable")  # fmt: skip
    w.set_defaults(func=run_withdraw)

    i = what.add_parser("import", help="把导出的 JSON 文件导入空数据库 / re-import an exported JSON file into an empty database")
    i.add_argument("file", type=Path, metavar="FILE.json")
    i.set_defaults(func=run_import)

    ls = what.add_parser("list", help="本机的权利请求 / rights requests on this laptop")
    ls.add_argument("--open", action="store_true", help="只列未办结的 / open requests only")
    ls.set_defaults(func=run_list)


def _both(code: str, table: dict[str, Words] = VALUE_WORDS) -> str:
    return f"{value_words(code, 0, table)} {value_words(code, 1, table)}"


def _run(args: argparse.Namespace, body: Callable[[AppContext], int]) -> int:
    with open_context(args) as ctx:
        require_actor(ctx)
        return int(body(ctx) or 0)


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


def _receive(uow: UnitOfWork, args: argparse.Namespace, kind: str) -> RightsRequestInfo:
    from xzdesk.domain.privacy.rights import receive_request

    return receive_request(uow, member_no="".join(args.member.split()).upper(), kind=kind,
                           received_on=_date(args.received) or uow.today(), channel=args.channel)  # fmt: skip


def _changes(pairs: list[str]) -> dict[str, Any]:
    """`FIELD=VALUE` pairs -> case-file values, each read as the roster import reads a cell;
    every problem is reported at once."""
    from xzdesk.domain.spreadsheets.values import clean_value

    changes: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for pair in pairs:
        field, sep, raw = pair.partition("=")
        field = field.strip()
        if not sep or field not in CORRECTABLE:
            problems.append(FieldProblem(field or pair, "rights.not_correctable", fields=", ".join(CORRECTABLE)))
            continue
        changes[field] = clean_value(field, raw.strip(), problems=problems)
    if problems:
        raise ValidationError(problems)
    return changes


def _done(info: RightsRequestInfo, what: str) -> None:
    print(f"已办结 done: {_both(info.kind, REQUEST_KIND_WORDS)}, {info.member_no}, {what}")


def run_correct(args: argparse.Namespace) -> int:
    changes = _changes(args.changes)

    def body(ctx: AppContext) -> int:
        from xzdesk.domain.privacy.rights import complete_correction

        with ctx.uow() as uow:
            request = _receive(uow, args, "correction")
            info = complete_correction(uow, request_id=request.id, changes=changes)
        fields = "、".join(field_words(f, 0) for f in info.outcome_fields)
        _done(info, f"更正了 corrected: {fields} / {', '.join(field_words(f, 1) for f in info.outcome_fields)}")
        return 0

    return _run(args, body)


def run_explain(args: argparse.Namespace) -> int:
    def body(ctx: AppContext) -> int:
        from xzdesk.domain.privacy.rights import complete_explanation

        with ctx.uow() as uow:
            request = _receive(uow, args, "explanation")
            info = complete_explanation(uow, request_id=request.id, directory=args.output, progress=TerminalProgress())
        print(f"已办结 done: {_both('explanation', REQUEST_KIND_WORDS)}, {info.member_no}, {info.pages} 页 / pages")
        print(f"  → {info.path}")
        return 0

    return _run(args, body)


def run_withdraw(args: argparse.Namespace) -> int:
    def body(ctx: AppContext) -> int:
        from xzdesk.domain.privacy.rights import complete_withdrawal

        with ctx.uow() as uow:
            request = _receive(uow, args, "withdrawal")
            info = complete_withdrawal(uow, request_id=request.id, types=args.consents)
        _done(info, "撤回了 withdrawn: " + "、".join(_both(t) for t in info.outcome_fields))
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
            print(f"{r.received_on} | {_both(r.kind, REQUEST_KIND_WORDS)} | {r.member_no or '已删除 erased'} | {_both(r.channel)} | "
                  f"{due}{left} | {_both(r.status, REQUEST_STATUS_WORDS)} | {r.handler_name or '-'}")  # fmt: skip
        print(f"{len(rows)} 条 / requests")
        return 0

    return _run(args, body)
