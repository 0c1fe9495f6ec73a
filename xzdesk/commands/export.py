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
import sys
from pathlib import Path

from xzdesk.commands._common import TerminalProgress, open_context
from xzdesk.commands._import_words import describe_both
from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.members.queries import MemberFilter
from xzdesk.domain.spreadsheets import export_members
from xzdesk.domain.spreadsheets.values import clean_district


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export lists to xlsx or csv")
    what = p.add_subparsers(dest="what", metavar="what", required=True)
    m = what.add_parser("members", help="the case list")
    m.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help=".xlsx or .csv")
    m.add_argument("--district", metavar="CODE|NAME")
    m.add_argument("--status", help="only this status (registered, active, ...)")
    m.add_argument("--search", default="", metavar="TEXT", help="the case list's search text")
    m.add_argument("--unmasked", action="store_true", help="full names, IDs and phones (needs --reason)")
    m.add_argument("--reason", help="why this export is needed (audited)")
    m.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="export from the demo database")
    m.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        if ctx.actor is None:
            raise XzError("import.no_actor")
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
    except ValidationError as exc:
        for p in exc.problems:
            print(f"xzdesk export: {describe_both(p.code, {'field': p.field, **p.params})}", file=sys.stderr)
        return 1
    except XzError as exc:
        print(f"xzdesk export: {describe_both(exc.code, exc.params)}", file=sys.stderr)
        return 1
    finally:
        ctx.close()
