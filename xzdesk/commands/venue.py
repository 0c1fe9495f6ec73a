"""`xzdesk venue ...`: prepare a venue laptop and bring its records back without any network.

    xzdesk venue export-pack   --event ID|CODE [-o FILE|DIR] [--station X] [--passphrase-file F]
    xzdesk venue import-pack   FILE [--passphrase-file F] [--no-reconcile]
    xzdesk venue export-return --event ID|CODE [-o FILE|DIR] [--passphrase-file F]
    xzdesk venue events                                   (events this laptop can check in for)

At the office, `export-pack` writes the signed, encrypted event pack for one venue laptop and
prints the pack passphrase (generated unless given): tell it to the venue staff apart from the
USB stick. On the venue laptop, `import-pack` opens it with that passphrase. After the event,
`export-return` on the venue laptop writes the return pack (sealed with the event pack's return
key, or with a passphrase for a laptop prepared by sync), and `import-pack` at the office reads it
and, unless `--no-reconcile`, turns walk-ins into case files and marks attendance.

The passphrase is read from --passphrase-file, else XZDESK_PACK_PASSPHRASE, else asked in the
terminal. Default file names carry the event code, station letter and date only. Exit 0 on
success, 1 when refused (a message in Chinese and English says why), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from xzdesk.commands._common import TerminalProgress, open_context
from xzdesk.commands._messages import describe as describe_common
from xzdesk.domain.checkin import packs, queries
from xzdesk.domain.checkin.service import reconcile_event
from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.events.queries import find_event
from xzdesk.domain.staff.models import Permission

ENV = "XZDESK_PACK_PASSPHRASE"

WORDS: dict[str, tuple[str, str]] = {
    "checkin.pack_not_a_pack": ("这不是 xzdesk 活动包文件，或文件已损坏", "this is not an xzdesk venue pack, or the file is damaged"),
    "checkin.pack_version": ("活动包格式 {version} 不受支持：请升级 xzdesk", "pack format {version} is not supported: update xzdesk"),
    "checkin.pack_wrong_passphrase": ("活动包口令不对（或文件不是导出的那一份）", "wrong pack passphrase (or not the file that was exported)"),
    "checkin.pack_tampered": ("活动包被改动过或已损坏，已拒绝导入", "the pack was altered or damaged and is refused"),
    "checkin.pack_foreign": (
        "这个回传包不是由本办公室导出的活动包所在的笔记本生成的，已拒绝",
        "this return pack does not come from a laptop prepared with one of this office's event packs; refused",
    ),
    "checkin.pack_own": ("这个活动包是在本机导出的，不能在本机导入", "this pack was made on this laptop and cannot be imported here"),
    "checkin.pack_passphrase_required": ("需要活动包口令", "the pack passphrase is needed"),
    "checkin.pack_passphrase_short": ("口令太短（至少 {minimum} 个字符）", "the passphrase is too short (at least {minimum} characters)"),
    "checkin.pack_event_unknown": ("本机没有活动 {event_code}", "this laptop does not hold event {event_code}"),
    "checkin.event_not_found": ("找不到该活动", "no such event"),
    "checkin.no_event_key": ("该活动没有二维码密钥", "the event has no QR key"),
    "checkin.station_invalid": ("工位字母只能是 {allowed} 之一", "the station letter must be one of {allowed}"),
    "events.not_found": ("找不到该活动", "no such event"),
    "events.code_ambiguous": ("活动码 {code} 对应多个活动：请用活动 ID", "event code {code} is ambiguous: use the event id"),
    "events.no_actor": ("还没有登录的工作人员账号：请先在图形界面中创建账号", "no staff account is signed in: create one in the GUI first"),
    "auth.permission_denied": ("当前账号无权执行此操作", "the current account may not do this"),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("venue", help="venue packs: prepare a venue laptop and bring its check-ins back, offline")
    what = p.add_subparsers(dest="action", metavar="action", required=True)
    e = what.add_parser("export-pack", help="write the encrypted event pack for one venue laptop (office)")
    e.add_argument("--event", required=True, metavar="ID|CODE", help="event id or 6-character event code")
    e.add_argument("-o", "--output", type=Path, metavar="FILE|DIR", help="pack file or folder (default: here)")
    e.add_argument("--station", metavar="X", help="station letter of the venue laptop (default: the next free one)")
    e.add_argument("--passphrase-file", type=Path, metavar="F", help="read the pack passphrase from this file")
    e.set_defaults(func=run_export)
    i = what.add_parser("import-pack", help="open a venue pack: an event pack on the venue laptop, a return pack at the office")
    i.add_argument("file", type=Path, metavar="FILE")
    i.add_argument("--passphrase-file", type=Path, metavar="F", help="read the pack passphrase from this file")
    i.add_argument("--no-reconcile", action="store_true",
                   help="at the office: do not create the walk-ins' case files and attendance now")  # fmt: skip
    i.set_defaults(func=run_import)
    r = what.add_parser("export-return", help="write the return pack with this laptop's check-ins (venue laptop)")
    r.add_argument("--event", required=True, metavar="ID|CODE", help="event id or 6-character event code")
    r.add_argument("-o", "--output", type=Path, metavar="FILE|DIR", help="pack file or folder (default: here)")
    r.add_argument("--passphrase-file", type=Path, metavar="F",
                   help="seal with a passphrase (only for a laptop prepared by sync, not by an event pack)")  # fmt: skip
    r.set_defaults(func=run_return)
    v = what.add_parser("events", help="events this laptop can check in for")
    v.set_defaults(func=run_events)
    for parser in (e, i, r, v):
        parser.add_argument("--demo", action="store_true", help="use the demo database")


def describe(exc: XzError) -> str:
    if isinstance(exc, ValidationError):
        return describe_common(exc)
    pair = WORDS.get(exc.code)
    if pair is None:
        return describe_common(exc)
    params: dict[str, Any] = {k: v for k, v in exc.params.items()}
    try:
        return f"{pair[0].format(**params)} / {pair[1].format(**params)}"
    except (KeyError, IndexError):
        return f"{pair[0]} / {pair[1]}"


def _fail(exc: XzError) -> int:
    print(f"xzdesk venue: {describe(exc)}", file=sys.stderr)
    return 1


def _passphrase(args: argparse.Namespace, *, prompt: bool) -> str | None:
    if getattr(args, "passphrase_file", None):
        try:
            return args.passphrase_file.read_text("utf-8").strip()
        except OSError:
            raise XzError("checkin.pack_passphrase_required") from None
    if os.environ.get(ENV):
        return os.environ[ENV]
    if prompt and sys.stdin.isatty():
        import getpass

        return getpass.getpass("活动包口令 / pack passphrase: ")
    return None


def _target(output: Path | None, name: str) -> Path:
    if output is None:
        return Path(name)
    if output.is_dir():
        return output / name
    return output


def run_export(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        if ctx.actor is None:
            raise XzError("events.no_actor")
        given = _passphrase(args, prompt=False)
        passphrase = given or packs.new_passphrase()
        with ctx.uow() as uow:
            event = find_event(uow.session, args.event)
            info = packs.export_event_pack(uow, event_id=event.id, passphrase=passphrase, station=args.station,
                                           progress=TerminalProgress())  # fmt: skip
            out = packs.write_pack(info.data, _target(args.output, info.suggested_name))
        print(f"活动包已导出 event pack written: {out} (工位 station {info.header.station}, "
              f"{info.counts['checkin_roster']} 人 / people)")  # fmt: skip
        if not given:
            print(f"活动包口令 pack passphrase: {passphrase}")
            print("请另行告知现场工作人员，勿与 U 盘放在一起 / tell the venue staff apart from the USB stick")
        return 0
    except XzError as exc:
        return _fail(exc)
    finally:
        ctx.close()


def run_import(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        if ctx.actor is None:
            raise XzError("events.no_actor")
        data = packs.read_pack_file(args.file)
        header = packs.read_pack_header(data)
        passphrase = _passphrase(args, prompt=header.key_source == "passphrase")
        with ctx.uow() as uow:
            result = packs.import_pack(uow, data=data, passphrase=passphrase, progress=TerminalProgress())
        added = ", ".join(f"{k} +{v}" for k, v in result.added.items() if v) or "0"
        updated = ", ".join(f"{k} ~{v}" for k, v in result.updated.items() if v)
        kind = "活动包 event pack" if header.kind == "event" else "回传包 return pack"
        note = " (已导入过 imported before)" if result.already_imported else ""
        print(f"{kind} {header.event_code} {result.event_name}{note}: {added}{'; ' + updated if updated else ''}")
        actor = ctx.actor
        if (header.kind == "return" and not args.no_reconcile and actor.can(Permission.EVENTS_MANAGE)
                and actor.can(Permission.MEMBERS_EDIT)):  # fmt: skip
            with ctx.uow() as uow:
                rec = reconcile_event(uow, event_id=header.event_id)
            print(f"新建档案 case files created {rec.created}, 关联 linked {rec.linked}, 到场 attended {rec.attended}")
            for problem in rec.problems:
                exc = XzError(problem.code, **problem.params)
                print(f"xzdesk venue: {'/'.join(problem.plates)}: {describe(exc)}", file=sys.stderr)
        return 0
    except XzError as exc:
        return _fail(exc)
    finally:
        ctx.close()


def run_return(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        if ctx.actor is None:
            raise XzError("events.no_actor")
        passphrase = _passphrase(args, prompt=False) if args.passphrase_file else None
        with ctx.uow() as uow:
            event = find_event(uow.session, args.event)
            info = packs.export_return_pack(uow, event_id=event.id, passphrase=passphrase, progress=TerminalProgress())
            out = packs.write_pack(info.data, _target(args.output, info.suggested_name))
        counts = info.counts
        print(f"回传包已导出 return pack written: {out} (签到记录 scans {counts['checkin_scan']}, "
              f"现场报名 walk-ins {counts['checkin_walk_in']}, 心动卡 cards {counts['interest_card']})")  # fmt: skip
        return 0
    except XzError as exc:
        return _fail(exc)
    finally:
        ctx.close()


def run_events(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        with ctx.store.read() as s:
            rows = queries.venue_events(s, device_id=ctx.store.device_id)
        for row in rows:
            print(f"{row.event_id}  {row.code}  {row.event_date}  {row.status:<9} {row.roster_size:>4}  "
                  f"{row.station}  {row.name}")  # fmt: skip
        return 0
    finally:
        ctx.close()
