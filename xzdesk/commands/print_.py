"""`xzdesk print ...`: an event's printed materials as PDF, scriptable.

    xzdesk print badges     --event ID|CODE [--preset a4-10up] [--calibration-x MM] [--calibration-y MM]
                            [--name-style surname|nickname] [--only-unprinted] [--cut-marks] [--outlines]
                            [-o FILE]
    xzdesk print tents      --event ID|CODE [-o FILE]
    xzdesk print seat-chart --event ID|CODE [--page-size A4|A3] [-o FILE]
    xzdesk print sign-in    --event ID|CODE [-o FILE]
    xzdesk print cards      --event ID|CODE [-o FILE]          (8分钟约会: the stored rotation)
    xzdesk print calibration --preset P [--calibration-x MM] [--calibration-y MM] [-o FILE]
    xzdesk print events     [--month YYYY-MM]                   (ids and codes to print from)

The event is given by its id or its 6-character code. The default output name is
`<document>-<CODE>.pdf` in the current directory: it never contains personal data. Prints are
made as the account signed in with `--as` (or XZDESK_AS) and audited. Exit 0 on
success, 1 when the print was refused (a message says why), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from xzdesk.commands._common import TerminalProgress, open_context, require_actor
from xzdesk.commands._parser import subcommands, year_month

if TYPE_CHECKING:
    from xzdesk.domain.events.dto import EventPrintInfo

DOCUMENTS: dict[str, tuple[str, str]] = {
    "badges": ("胸牌", "badges"), "tents": ("桌卡", "tents"), "seat-chart": ("座位图", "seat-chart"),
    "sign-in": ("签到表", "sign-in sheet"), "cards": ("心动卡", "speed-dating cards"),
}  # fmt: skip


def configure(p: argparse.ArgumentParser) -> None:
    from xzdesk.domain.events.codes import NameStyle
    from xzdesk.domain.printing.presets import PRESETS

    what = subcommands(p, dest="document", metavar="document")
    for document, (zh, en) in DOCUMENTS.items():
        d = what.add_parser(document, help=f"活动的{zh}（PDF）/ the event's {en} as PDF")
        d.add_argument("--event", required=True, metavar="ID|CODE", help="活动 ID 或 6 位活动码 / event id or 6-character code")
        d.add_argument("-o", "--output", type=Path, metavar="FILE",
                       help="要写入的 PDF（默认 <文档>-<活动码>.pdf）/ PDF to write (default <document>-<CODE>.pdf)")  # fmt: skip
        if document == "badges":
            _calibration_args(d, PRESETS)
            d.add_argument("--name-style", choices=[s.value for s in NameStyle], default=NameStyle.SURNAME.value,
                           help="姓 + 先生/女士（默认）或昵称 / surname + 先生/女士 (default) or the nickname")  # fmt: skip
            d.add_argument("--only-unprinted", action="store_true", help="只打印没打印过的 / only badges never printed")
            d.add_argument("--cut-marks", action="store_true", help="页边裁切线 / cut marks in the margins")
            d.add_argument("--outlines", action="store_true", help="每个胸牌加浅色边框 / a light border around each badge")
        if document == "seat-chart":
            d.add_argument("--page-size", default="A4", choices=("A4", "A3"), help="纸张 / page size")
        d.set_defaults(func=run)
    c = what.add_parser("calibration", help="胸牌纸的十字校准页 / the crosshair calibration page of a badge stock")
    _calibration_args(c, PRESETS)
    c.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="要写入的 PDF（默认 calibration-<规格>.pdf）/ PDF to write (default calibration-<preset>.pdf)")  # fmt: skip
    c.set_defaults(func=run_calibration)
    e = what.add_parser("events", help="列出活动（ID、活动码、日期、状态、名称）/ list events")
    e.add_argument("--month", type=year_month, metavar="YYYY-MM", help="只列这个月 / only this month")
    e.set_defaults(func=run_events)


def _calibration_args(p: argparse.ArgumentParser, presets: dict) -> None:
    p.add_argument("--preset", default="a4-10up", choices=sorted(presets), help="胸牌纸规格 / badge stock")
    p.add_argument("--calibration-x", type=float, default=0.0, metavar="MM",
                   help="向右（+）/ 向左（-）偏移，±5 毫米 / shift right (+) or left (-), ±5 mm")  # fmt: skip
    p.add_argument("--calibration-y", type=float, default=0.0, metavar="MM",
                   help="向下（+）/ 向上（-）偏移，±5 毫米 / shift down (+) or up (-), ±5 mm")  # fmt: skip


def _report(info: EventPrintInfo, out: Path, document: str) -> None:
    zh, en = DOCUMENTS[document]
    print(f"已打印{zh} printed {en}: {info.items} 项 / items, {info.pages} 页 / pages → {out}")
    if info.withheld:
        print(f"xzdesk print: {info.withheld} 人因撤回同意未打印 / {info.withheld} left out: consent withdrawn",
              file=sys.stderr)  # fmt: skip
    if info.plates_marked:
        print(f"号码牌已固定 plates now fixed: {info.plates_marked}")
    if info.missing_glyphs:
        chars = ", ".join(g.label for g in info.missing_glyphs)
        print(f"xzdesk print: 字体缺字 / characters the fonts cannot draw: {chars}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from xzdesk.domain.events.prints import PRINTERS
    from xzdesk.domain.events.queries import find_event
    from xzdesk.domain.printing import make_calibration

    with open_context(args) as ctx:
        require_actor(ctx)
        kwargs: dict = {"progress": TerminalProgress()}
        if args.document == "badges":
            kwargs.update(preset=args.preset, name_style=args.name_style, only_unprinted=args.only_unprinted,
                          cut_marks=args.cut_marks, outlines=args.outlines,
                          calibration=make_calibration(args.calibration_x, args.calibration_y))  # fmt: skip
        if args.document == "seat-chart":
            kwargs["page_size"] = args.page_size
        with ctx.uow() as uow:
            event = find_event(uow.session, args.event)
            out = args.output or Path(f"{args.document}-{event.code}.pdf")
            info = PRINTERS[args.document](uow, event_id=event.id, out=out, **kwargs)
    _report(info, out, args.document)
    return 0


def run_calibration(args: argparse.Namespace) -> int:
    from xzdesk.domain.events.prints import print_calibration
    from xzdesk.domain.printing import make_calibration

    calibration = make_calibration(args.calibration_x, args.calibration_y)
    out = args.output or Path(f"calibration-{args.preset}.pdf")
    info = print_calibration(out, preset=args.preset, calibration=calibration)
    print(f"已打印 printed 校准页 / calibration page: {info.pages} 页 / pages → {out}")
    return 0


def run_events(args: argparse.Namespace) -> int:
    from xzdesk.commands._messages import value_words
    from xzdesk.domain.events.dto import EventFilter
    from xzdesk.domain.events.queries import list_events, month_calendar

    with open_context(args) as ctx:
        with ctx.store.read() as session:
            if args.month:
                year, month = args.month
                rows = month_calendar(session, year=year, month=month).events()
            else:
                rows = tuple(list_events(session, flt=EventFilter()))
    print("ID | 活动码 code | 日期 date | 状态 status | 已通过/名额 approved/capacity | 名称 name")
    for row in rows:
        print(f"{row.id} | {row.code} | {row.event_date.isoformat()} | {value_words(row.status, 0)} {row.status} | "
              f"{row.approved}/{row.capacity} | {row.name}")  # fmt: skip
    print(f"{len(rows)} 场活动 / events")
    return 0
