"""`xzdesk venue ...`: prepare a venue laptop and bring its records back without any network.

    xzdesk venue export-pack   --event ID|CODE [-o FILE|DIR] [--station X] [--passphrase-file F]
    xzdesk venue import-pack   FILE [--passphrase-file F] [--no-reconcile]
    xzdesk venue export-return --event ID|CODE [-o FILE|DIR] [--passphrase-file F]
    xzdesk venue events                                   (events this laptop can check in for)

At the office, `export-pack` writes the signed, encrypted event pack for one venue laptop and
prints the pack passphrase (generated unless given): tell it to the venue staff apart from the
USB stick. Each event pack of an event is numbered (1, 2, 3 ...): on the venue laptop,
`import-pack` opens it with that passphrase and applies it only when it is newer than every pack
of that event imported there before (an older pack, or the same one again, changes nothing).
After the event, `export-return` on the venue laptop writes the return pack, sealed with the event
pack's return key; `import-pack` at the office reads it and, unless `--no-reconcile`, turns
walk-ins into case files and marks attendance.

`export-return --passphrase-file` is only for a venue laptop prepared by sync (connected to the
union server, no event pack of the event opened): it is refused on a laptop that opened an event
pack of the event, and on a laptop not connected to a server; the office accepts a
passphrase-sealed return pack only when it is connected to a server too.

The passphrase is read from --passphrase-file, else XZDESK_PACK_PASSPHRASE, else asked in the
terminal. Default file names carry the event code, station letter and date only. Exit 0 on
success, 1 when refused (a message in Chinese and English says why), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from xzdesk.commands._common import TerminalProgress, open_context, require_actor
from xzdesk.commands._messages import describe_code, entity_words, value_words
from xzdesk.commands._parser import subcommands
from xzdesk.domain.errors import XzError

ENV = "XZDESK_PACK_PASSPHRASE"
PASSPHRASE_HELP = "从这个文件读取活动包口令 / read the pack passphrase from this file"


def configure(p: argparse.ArgumentParser) -> None:
    what = subcommands(p, dest="action")
    e = what.add_parser("export-pack", help="为一台现场电脑导出加密活动包（办公室）/ write the event pack for one venue laptop")
    e.add_argument("--event", required=True, metavar="ID|CODE", help="活动 ID 或 6 位活动码 / event id or 6-character code")
    e.add_argument("-o", "--output", type=Path, metavar="FILE|DIR", help="活动包文件或文件夹（默认当前目录）/ file or folder")
    e.add_argument("--station", metavar="X", help="现场电脑的工位字母（默认下一个空闲的）/ station letter (default: the next free one)")
    e.add_argument("--passphrase-file", type=Path, metavar="F", help=PASSPHRASE_HELP)
    e.set_defaults(func=run_export)
    i = what.add_parser("import-pack", help="打开活动包：现场电脑导入活动包，办公室导入回传包 / open a venue pack")
    i.add_argument("file", type=Path, metavar="FILE")
    i.add_argument("--passphrase-file", type=Path, metavar="F", help=PASSPHRASE_HELP)
    i.add_argument("--no-reconcile", action="store_true",
                   help="在办公室：暂不为现场报名者建档、不登记到场 / at the office: do not create walk-ins' case files and attendance now")  # fmt: skip
    i.set_defaults(func=run_import)
    r = what.add_parser("export-return", help="导出本机签到记录的回传包（现场电脑）/ write the return pack (venue laptop)")
    r.add_argument("--event", required=True, metavar="ID|CODE", help="活动 ID 或 6 位活动码 / event id or 6-character code")
    r.add_argument("-o", "--output", type=Path, metavar="FILE|DIR", help="回传包文件或文件夹（默认当前目录）/ file or folder")
    r.add_argument("--passphrase-file", type=Path, metavar="F",
                   help="用口令加密：仅用于经同步准备（已接入服务器、未导入过该活动的活动包）的电脑，否则拒绝 / "
                        "seal with a passphrase: only on a laptop prepared by sync (connected to the server, no event "
                        "pack of the event opened); refused otherwise")  # fmt: skip
    r.set_defaults(func=run_return)
    v = what.add_parser("events", help="本机可以签到的活动 / events this laptop can check in for")
    v.set_defaults(func=run_events)


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
    from xzdesk.domain.checkin import packs
    from xzdesk.domain.events.queries import find_event

    with open_context(args) as ctx:
        require_actor(ctx)
        given = _passphrase(args, prompt=False)
        passphrase = given or packs.new_passphrase()
        with ctx.uow() as uow:
            event = find_event(uow.session, args.event)
            info = packs.export_event_pack(uow, event_id=event.id, passphrase=passphrase, station=args.station,
                                           progress=TerminalProgress())  # fmt: skip
            out = packs.write_pack(info.data, _target(args.output, info.suggested_name))
    print(f"活动包已导出 event pack written: {out}（工位 station {info.header.station}，"
          f"{info.counts['checkin_roster']} 人 / people）")  # fmt: skip
    if not given:
        print(f"活动包口令 pack passphrase: {passphrase}")
        print("请另行告知现场工作人员，勿与 U 盘放在一起 / tell the venue staff apart from the USB stick")
    return 0


def _counts(counts: dict[str, int], sign: str) -> str:
    return "，".join(f"{entity_words(k)} {sign}{v}" for k, v in counts.items() if v)


def run_import(args: argparse.Namespace) -> int:
    from xzdesk.domain.checkin import packs
    from xzdesk.domain.checkin.service import reconcile_event
    from xzdesk.domain.staff.codes import Permission

    with open_context(args) as ctx:
        actor = require_actor(ctx)
        data = packs.read_pack_file(args.file)
        header = packs.read_pack_header(data)
        passphrase = _passphrase(args, prompt=header.key_source == "passphrase")
        with ctx.uow() as uow:
            result = packs.import_pack(uow, data=data, passphrase=passphrase, progress=TerminalProgress())
        if result.stale and not result.already_imported:
            print(f"xzdesk venue: {describe_code('checkin.pack_stale', {'sequence': header.sequence, 'latest': result.latest_sequence})}",
                  file=sys.stderr)  # fmt: skip
            return 1
        changes = "；".join(filter(None, (_counts(result.added, "+"), _counts(result.updated, "~")))) or "0"
        kind = "活动包 event pack" if header.kind == "event" else "回传包 return pack"
        note = "（已导入过 imported before）" if result.already_imported else ""
        print(f"{kind} {header.event_code} {result.event_name}{note}: {changes}")
        if (header.kind == "return" and not args.no_reconcile and actor.can(Permission.EVENTS_MANAGE)
                and actor.can(Permission.MEMBERS_EDIT)):  # fmt: skip
            with ctx.uow() as uow:
                rec = reconcile_event(uow, event_id=header.event_id)
            print(f"新建档案 case files created {rec.created}，关联 linked {rec.linked}，到场 attended {rec.attended}")
            for problem in rec.problems:
                print(f"xzdesk venue: {'/'.join(problem.plates)}: {describe_code(problem.code, problem.params)}",
                      file=sys.stderr)  # fmt: skip
    return 0


def run_return(args: argparse.Namespace) -> int:
    from xzdesk.domain.checkin import packs
    from xzdesk.domain.events.queries import find_event

    with open_context(args) as ctx:
        require_actor(ctx)
        passphrase = _passphrase(args, prompt=False) if args.passphrase_file else None
        with ctx.uow() as uow:
            event = find_event(uow.session, args.event)
            info = packs.export_return_pack(uow, event_id=event.id, passphrase=passphrase, progress=TerminalProgress())
            out = packs.write_pack(info.data, _target(args.output, info.suggested_name))
    counts = info.counts
    print(f"回传包已导出 return pack written: {out}（签到记录 scans {counts['checkin_scan']}，"
          f"现场报名 walk-ins {counts['checkin_walk_in']}，心动卡 cards {counts['interest_card']}）")  # fmt: skip
    return 0


def run_events(args: argparse.Namespace) -> int:
    from xzdesk.domain.checkin import queries

    with open_context(args) as ctx:
        with ctx.store.read() as s:
            rows = queries.venue_events(s, device_id=ctx.store.device_id)
    print("ID | 活动码 code | 日期 date | 状态 status | 名单人数 roster | 工位 station | 名称 name")
    for row in rows:
        print(f"{row.event_id} | {row.code} | {row.event_date} | {value_words(row.status, 0)} {row.status} | "
              f"{row.roster_size} | {row.station} | {row.name}")  # fmt: skip
    return 0
