"""`xzdesk export members -o FILE`: the case list to xlsx or CSV (UTF-8 with BOM).

    xzdesk export members -o 会员名单.xlsx [--district CODE] [--status S] [--search TEXT]
                          [--unmasked] [--reason TEXT]

Masked by default (names 张*, IDs 320***********001X, phones 138****5678). `--unmasked` needs a
role allowed to unmask and a `--reason`; more rows than the bulk threshold in the settings
(bulk_export_threshold, default 200) need a `--reason` even when masked. Every export is audited
(who, when, which columns, how many rows, the reason). Exit 0 on success, 1 when refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from xzdesk.commands._common import TerminalProgress, open_context, require_actor
from xzdesk.commands._parser import subcommands


def configure(p: argparse.ArgumentParser) -> None:
    what = subcommands(p, dest="what", metavar="what")
    m = what.add_parser("members", help="会员名单 / the case list")
    m.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help=".xlsx 或 .csv / .xlsx or .csv")
    m.add_argument("--district", metavar="CODE|NAME", help="只导出这个区 / only this district")
    m.add_argument("--status", help="只导出这个状态（registered、active……）/ only this status")
    m.add_argument("--search", default="", metavar="TEXT", help="档案列表的搜索词 / the case list's search text")
    m.add_argument("--unmasked", action="store_true",
                   help="完整姓名、身份证号、手机号（需要 --reason）/ full names, IDs and phones (needs --reason)")  # fmt: skip
    m.add_argument("--reason", help="导出理由（记入审计日志）/ why this export is needed (audited)")
    m.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from xzdesk.domain.members.queries import MemberFilter
    from xzdesk.domain.spreadsheets import export_members
    from xzdesk.domain.spreadsheets.values import clean_district

    with open_context(args) as ctx:
        require_actor(ctx)
        district = clean_district(args.district) if args.district else None
        flt = MemberFilter(text=args.search, district_code=district, status=args.status)
        with ctx.uow() as uow:
            info = export_members(
                uow, path=args.output, flt=flt, unmasked=args.unmasked, reason=args.reason,
                bulk_threshold=ctx.settings.bulk_export_threshold, progress=TerminalProgress(),
            )  # fmt: skip
    kind = "已脱敏 / masked" if info.masked else "未脱敏 / unmasked"
    print(f"已导出 exported: {info.rows} 行 / rows, {kind} → {info.path}")
    return 0
