"""`xzdesk import FILE`: import a roster (xlsx from Excel or WPS, or CSV in UTF-8 or GB18030).

    xzdesk import 花名册.xlsx [--sheet NAME] [--dry-run] [--errors OUT.xlsx] [--mapping JSON]
                 [--on-duplicate update|skip|review] [--district CODE|NAME] [--consent basic,sensitive]

Prints the column mapping, then the counts (new, updated, duplicates, errors) and the problems of
the first rows, writes the error workbook when asked, and (unless --dry-run) commits everything in
one transaction. The mapping used is remembered per layout in the settings (import_mappings).

District: rows that give none take `--district`, else the signed-in matchmaker's own district.
A roster without a district column often names its district in the title (徐州市鼓楼区总工会…),
the sheet name or the file name: the command says which district it found and asks for
`--district` to confirm it before writing anything (a dry run analyses with it).

Consent assumption: rows of an employer union roster come with the members' signed paper forms,
so each new member is registered with basic-processing consent on channel paper_form, collected
by the staff member running the import; `--consent` adds other consent types collected on the
same form (e.g. sensitive for marital history).

Exit status: 0 when rows were imported, or when every row already matched the database (nothing
to do); 1 when nothing could be imported (only errors, conflicts or rows left for review, an
empty file, a file that cannot be read); 2 usage.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xzdesk.commands._common import TerminalProgress, open_context, require_actor
from xzdesk.commands._messages import describe_code, field_words, words
from xzdesk.domain.errors import XzError

if TYPE_CHECKING:
    from xzdesk.app_context import AppContext
    from xzdesk.domain.spreadsheets import ImportOptions, ImportPreviewInfo, MappingInfo, SourceInfo

SHOW_PROBLEM_ROWS = 20


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="花名册（.xlsx、.xlsm、.csv）/ the roster")
    p.add_argument("--sheet", help="工作表名（默认第一个有表头的）/ sheet name (default: the first with a header row)")
    p.add_argument("--dry-run", action="store_true", help="只分析和报告，不写入 / analyse and report only; write nothing")
    p.add_argument("--errors", type=Path, metavar="OUT.xlsx", help="另存一份标出错误单元格的副本 / write a copy with the bad cells marked")
    p.add_argument("--mapping", metavar="JSON",
                   help='修正列映射 / corrections to the column mapping, e.g. \'{"C": "id_number", "联系电话": "mobile", "H": ""}\' '
                        "或 .json 文件 / or a .json file")  # fmt: skip
    p.add_argument("--on-duplicate", choices=("update", "skip", "review"), default="update",
                   help="与已有会员匹配的行：更新、跳过或待核对（默认 update）/ rows matching an existing member")  # fmt: skip
    p.add_argument("--district", metavar="CODE|NAME",
                   help="没填所在区的行用这个区（如 320302 或 鼓楼区）/ district for rows that give none")  # fmt: skip
    p.add_argument("--consent", default="basic", metavar="TYPES",
                   help="会员纸质表格上的同意类型，逗号分隔（basic 必选）/ consent types on the paper forms, comma separated")  # fmt: skip
    p.set_defaults(func=run)


def _mapping_changes(text: str) -> dict[str, str]:
    path = Path(text)
    if text.endswith(".json") and path.exists():
        text = path.read_text("utf-8")
    try:
        data = json.loads(text)
    except ValueError:
        raise XzError("import.mapping_json") from None
    if not isinstance(data, dict) or not all(isinstance(v, (str, type(None))) for v in data.values()):
        raise XzError("import.mapping_json")
    return {str(k): v or "" for k, v in data.items()}


def _print_mapping(mapping: MappingInfo) -> None:
    print("列映射 / column mapping" + ("（已记住 / remembered）" if mapping.remembered else "") + ":")
    for c in mapping.columns:
        if not c.header and not c.field:
            continue
        # the field's key is shown: it is what --mapping takes
        target = f"{field_words(c.field, 0)} ({c.field}) / {field_words(c.field, 1)}" if c.field else "不导入 / not imported"
        print(f"  {c.letter:>3} {c.header or '-'} → {target}")


def _print_counts(preview: ImportPreviewInfo) -> None:
    c = preview.counts
    print(f"行数 rows: {c.rows}")
    print(f"新增 new: {c.new}")
    print(f"更新 updated: {c.update}")
    print(f"重复 duplicates: {c.duplicates}（未变 unchanged {c.unchanged}，文件内重复 in file {c.duplicate_in_file}，"
          f"冲突 conflicts {c.conflict}）")  # fmt: skip
    print(f"错误 errors: {c.errors}")
    if c.warnings:
        print(f"提醒 warnings: {c.warnings}")


def _print_problems(preview: ImportPreviewInfo) -> None:
    letters = {col.index: col.letter for col in preview.mapping.columns}
    kinds = {"error": "错误 error", "duplicate_in_file": "重复 duplicate", "conflict": "冲突 conflict"}
    shown = 0
    for row in preview.rows:
        if not row.problems:
            continue
        if shown >= SHOW_PROBLEM_ROWS:
            rest = sum(1 for r in preview.rows if r.problems) - shown
            print(f"  …… 另有 {rest} 行 / {rest} more rows")
            break
        shown += 1
        for p in row.problems:
            where = letters.get(p.column, "") if p.column is not None else ""
            mark = "提醒 warning" if p.warning else kinds.get(row.status.value, "错误 error")
            print(f"  第 {row.row} 行 row {where} [{mark}] {describe_code(p.code, {'field': p.field, **p.params})}")


def _importable(preview: ImportPreviewInfo) -> int:
    from xzdesk.domain.spreadsheets import Decision

    return sum(1 for r in preview.rows if r.decision in (Decision.NEW, Decision.UPDATE))


def _nothing_to_do(preview: ImportPreviewInfo) -> bool:
    """Every row already matches the database (or an identical earlier row): a no-op, not a failure."""
    from xzdesk.domain.spreadsheets import Decision

    c = preview.counts
    blocked = c.errors + c.conflict + sum(1 for r in preview.rows if r.decision is Decision.REVIEW)
    return c.rows > 0 and blocked == 0


def run(args: argparse.Namespace) -> int:
    with open_context(args) as ctx:
        return _run(ctx, args)


def _district(ctx: AppContext, args: argparse.Namespace, source: SourceInfo, mapping: MappingInfo) -> str | None:
    """The district for rows that give none: --district, else the matchmaker's own; a district the
    roster names (title, sheet or file name) is only said, and must be confirmed with --district
    (a dry run uses it). None: the rows must give their district."""
    from xzdesk.domain.members.codes import DISTRICTS
    from xzdesk.domain.spreadsheets.values import clean_district

    hint = source.district_hint
    chosen = clean_district(args.district) if args.district else (ctx.actor.district_code if ctx.actor else None)
    if hint is None or hint.code == chosen:
        return chosen
    params = {"origin": hint.origin, "row": hint.row, "sheet": hint.sheet, "name": DISTRICTS[hint.code], "code": hint.code}
    if chosen is not None:
        print(f"注意 / note: {describe_code('import.district_named', {**params, 'chosen': DISTRICTS.get(chosen, chosen)})}")
        return chosen
    if "district_code" in mapping.field_columns():
        return None  # the rows give their district; the title is only a title
    if not args.dry_run:
        raise XzError("import.district_to_confirm", **params)
    print(f"注意 / note: {describe_code('import.district_dry_run', params)}")
    return hint.code


def _options(args: argparse.Namespace, district: str | None) -> ImportOptions:
    from xzdesk.domain.members.codes import ConsentType
    from xzdesk.domain.spreadsheets import Decision, ImportOptions

    defaults: dict[str, Any] = {"district_code": district} if district else {}
    consents = tuple(dict.fromkeys(t.strip() for t in args.consent.split(",") if t.strip()))
    known = {t.value for t in ConsentType}
    bad = [t for t in consents if t not in known]
    if bad:
        raise XzError("members.unknown_code", field="consents", value=",".join(bad))
    if ConsentType.BASIC.value not in consents:
        consents = (ConsentType.BASIC.value, *consents)
    return ImportOptions(defaults=defaults, on_duplicate=Decision(args.on_duplicate), consents=consents)


def _run(ctx: AppContext, args: argparse.Namespace) -> int:
    from xzdesk.domain.spreadsheets import (
        analyse_import,
        commit_import,
        inspect_source,
        mapping_for,
        write_error_workbook,
    )

    actor = require_actor(ctx)
    started = time.perf_counter()
    source = inspect_source(args.file, sheet=args.sheet)
    mapping = mapping_for(source, ctx.settings.import_mappings)
    if args.mapping:
        mapping = mapping.with_changes(_mapping_changes(args.mapping))
    _print_mapping(mapping)
    district = _district(ctx, args, source, mapping)
    for f in mapping.missing_required:
        if not (f == "district_code" and district):
            print(f"注意 / note: {describe_code('members.required', {'field': f})}（文件中没有这一列 / no column）")
    options = _options(args, district)
    preview = analyse_import(ctx.store, source, mapping=mapping, actor=actor, options=options,
                             progress=TerminalProgress())  # fmt: skip
    _print_counts(preview)
    _print_problems(preview)
    if args.errors:
        marked = write_error_workbook(preview, args.errors, describe=lambda code, params: words(code, params, 0))
        print(f"错误清单 / error workbook: {args.errors}（{marked} 行 / rows）")
    if args.dry_run:
        print("试运行，未写入 / dry run: nothing written")
        return 0 if _importable(preview) or _nothing_to_do(preview) else 1
    with ctx.uow() as uow:
        report = commit_import(uow, preview, progress=TerminalProgress())
    for failure in report.failed:
        print(f"  第 {failure.row} 行 row [未导入 / not imported] {describe_code(failure.code, failure.params)}")
    print(f"已导入 imported: 新增 new {report.created}，更新 updated {report.updated}；"
          f"未变 unchanged {report.unchanged}，跳过 skipped {report.skipped}，待核对 review {report.review}，"
          f"错误 errors {report.errors + len(report.failed)}（{time.perf_counter() - started:.1f} 秒 s）")  # fmt: skip
    ctx.settings.import_mappings[source.source_key] = mapping.to_dict()  # remembered for this layout
    ctx.settings.save(ctx.home)
    if report.imported:
        return 0
    return 0 if _nothing_to_do(preview) and not report.failed else 1
