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
from pathlib import Path

from xzdesk.commands._common import TerminalProgress, open_context, require_actor
from xzdesk.commands._parser import subcommands
from xzdesk.domain.errors import XzError


def configure(p: argparse.ArgumentParser) -> None:
    what = subcommands(p, dest="what", metavar="what")
    s = what.add_parser("stats", help="月度、季度或年度统计 / monthly, quarterly or yearly statistics")
    s.add_argument("--period", required=True,
                   help="2026-07（月 month）、2026-Q3（季度 quarter）或 2026（年 year）")  # fmt: skip
    s.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")
    s.set_defaults(func=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    from xzdesk.domain.reports.periods import parse_period
    from xzdesk.domain.reports.stats import export_statistics, period_label

    with open_context(args) as ctx:
        period = parse_period(args.period)
        if args.output.suffix.lower() != ".xlsx":
            raise XzError("export.unsupported_format", suffix=args.output.suffix or "?")
        require_actor(ctx)
        with ctx.uow() as uow:
            info = export_statistics(uow, period=period, path=args.output, progress=TerminalProgress())
    print(f"已生成 written: {period_label(period)}（{info.period_code}）→ {info.path}")
    return 0
