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
made as the current staff account (the one last chosen in the app) and audited. Exit 0 on
success, 1 when the print was refused (a message says why), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from xzdesk.commands._common import TerminalProgress, open_context
from xzdesk.commands._messages import describe
from xzdesk.domain.errors import XzError
from xzdesk.domain.events.codes import NameStyle
from xzdesk.domain.events.dto import EventFilter, EventPrintInfo
from xzdesk.domain.events.prints import PRINTERS, print_calibration
from xzdesk.domain.events.queries import find_event, list_events, month_calendar
from xzdesk.domain.printing import PRESETS, make_calibration

DOCUMENTS = ("badges", "tents", "seat-chart", "sign-in", "cards")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("print", help="print badges, table tents, seat charts, sign-in sheets and cards to PDF")
    what = p.add_subparsers(dest="document", metavar="document", required=True)
    for document in DOCUMENTS:
        d = what.add_parser(document, help=f"the event's {document} as PDF")
        d.add_argument("--event", required=True, metavar="ID|CODE", help="event id or 6-character event code")
        d.add_argument("-o", "--output", type=Path, metavar="FILE", help="PDF to write (default <document>-<CODE>.pdf)")
        d.add_argument("--demo", action="store_true", help="use the demo database")
        if document == "badges":
            _calibration_args(d)
            d.add_argument("--name-style", choices=[s.value for s in NameStyle], default=NameStyle.SURNAME.value,
                           help="surname + 先生/女士 (default) or the nickname")
            d.add_argument("--only-unprinted", action="store_true", help="only badges never printed before")
            d.add_argument("--cut-marks", action="store_true", help="cut marks in the sheet margins")
            d.add_argument("--outlines", action="store_true", help="a light border around each badge")
        if document == "seat-chart":
            d.add_argument("--page-size", default="A4", choices=("A4", "A3"))
        d.set_defaults(func=run)
    c = what.add_parser("calibration", help="the crosshair calibration page of a badge preset")
    _calibration_args(c)
    c.add_argument("-o", "--output", type=Path, metavar="FILE", help="PDF to write (default calibration-<preset>.pdf)")
    c.set_defaults(func=run_calibration)
    e = what.add_parser("events", help="list events (id, code, date, status, name)")
    e.add_argument("--month", metavar="YYYY-MM", help="only this month")
    e.add_argument("--demo", action="store_true", help="use the demo database")
    e.set_defaults(func=run_events)


def _calibration_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--preset", default="a4-10up", choices=sorted(PRESETS), help="badge stock")
    p.add_argument("--calibration-x", type=float, default=0.0, metavar="MM", help="shift right (+) / left (-), ±5 mm")
    p.add_argument("--calibration-y", type=float, default=0.0, metavar="MM", help="shift down (+) / up (-), ±5 mm")


def _report(info: EventPrintInfo, out: Path) -> None:
    print(f"已打印 printed {info.document}: {info.items} 项 / items, {info.pages} 页 / pages → {out}")
    if info.withheld:
        print(f"xzdesk print: {info.withheld} 人因撤回同意未打印 / left out: consent withdrawn", file=sys.stderr)
    if info.plates_marked:
        print(f"号码牌已锁定 plates now fixed: {info.plates_marked}")
    if info.missing_glyphs:
        chars = ", ".join(g.label for g in info.missing_glyphs)
        print(f"xzdesk print: 字体缺字 / characters the fonts cannot draw: {chars}", file=sys.stderr)


def _fail(exc: XzError) -> int:
    print(f"xzdesk print: {describe(exc)}", file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        if ctx.actor is None:
            raise XzError("events.no_actor")
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
        _report(info, out)
        return 0
    except XzError as exc:
        return _fail(exc)
    finally:
        ctx.close()


def run_calibration(args: argparse.Namespace) -> int:
    try:
        calibration = make_calibration(args.calibration_x, args.calibration_y)
        out = args.output or Path(f"calibration-{args.preset}.pdf")
        info = print_calibration(out, preset=args.preset, calibration=calibration)
    except XzError as exc:
        return _fail(exc)
    _report(info, out)
    return 0


def run_events(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        with ctx.store.read() as session:
            if args.month:
                try:
                    year, month = (int(p) for p in args.month.split("-"))
                    date(year, month, 1)
                except ValueError:
                    print("xzdesk print events: --month must be YYYY-MM", file=sys.stderr)
                    return 2
                rows = month_calendar(session, year=year, month=month).events()
            else:
                rows = tuple(list_events(session, flt=EventFilter()))
        for row in rows:
            print(f"{row.id}  {row.code}  {row.event_date.isoformat()}  {row.status:<9}  "
                  f"{row.approved:>3}/{row.capacity:<3}  {row.name}")  # fmt: skip
        return 0
    except XzError as exc:
        return _fail(exc)
    finally:
        ctx.close()
