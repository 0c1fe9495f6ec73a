"""`xzdesk report stats --period 2026-Q3 -o FILE.xlsx`: the union statistics for the federation.

    xzdesk report stats --period 2026-07|2026-Q3|2026 -o FILE.xlsx [--as USERNAME]

Aggregates only, in the signed-in account's scope (a district account: its district); counts of
people from 1 to 4 show as "<5" and further cells as "*" where totals would give them away; zeros and
counts of events, base unions and employers are shown (see the report's notes). Always the
protected figures: the union's internal view never leaves the desktop. Needs `reports.aggregate` (matchmaker, union administrator). The export is audited.
Exit 0 on success, 1 when refused, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xzdesk.commands._common import TerminalProgress, open_context
from xzdesk.commands.rights import describe, use_actor
from xzdesk.domain.errors import XzError
from xzdesk.domain.reports.periods import parse_period
from xzdesk.domain.reports.stats import export_statistics, period_label


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="union statistics for the federation (xlsx)")
    what = p.add_subparsers(dest="what", metavar="what", required=True)
    s = what.add_parser("stats", help="monthly, quarterly or yearly statistics")
    s.add_argument("--period", required=True, help="2026-07 (month), 2026-Q3 (quarter) or 2026 (year)")
    s.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")
    s.add_argument("--as", dest="as_user", metavar="USERNAME", help="act as this staff account")
    s.add_argument("--demo", action="store_true", help="use the demo database")
    s.set_defaults(func=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        period = parse_period(args.period)
        if args.output.suffix.lower() != ".xlsx":
            raise XzError("export.unsupported_format", suffix=args.output.suffix or "?")
        use_actor(ctx, args.as_user, code="reports.no_actor")
        with ctx.uow() as uow:
            info = export_statistics(uow, period=period, path=args.output, progress=TerminalProgress())
        print(f"已生成 written: {period_label(period)} ({info.period_code}) → {info.path}")
        return 0
    except XzError as exc:
        print(f"xzdesk report: {describe(exc)}", file=sys.stderr)
        return 1
    finally:
        ctx.close()
