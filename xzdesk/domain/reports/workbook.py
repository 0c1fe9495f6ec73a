"""Several tables in one xlsx file (the statistics report, a member's data export).

Built on the spreadsheets area's writer (xzdesk/domain/spreadsheets/tables.py): identifier columns
are text cells, strings starting with "=" are never formulas, dates carry a date format, and the
file appears only when complete (`<name>.part`, renamed on success, removed on error). Each sheet
may start with a few preamble lines (a title, the period, notes) above its bold header row.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken
from xzdesk.domain.spreadsheets.tables import XlsxSheet, new_xlsx, replacing


@dataclass(frozen=True)
class SheetSpec:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    text_columns: Collection[int] = ()
    widths: Sequence[float] | None = None
    preamble: Sequence[str] = field(default_factory=tuple)  # lines above the header row
    notes: Sequence[str] = field(default_factory=tuple)  # lines after the last row


def write_workbook(path: Path | str, sheets: Sequence[SheetSpec], *, cancel: CancelToken = NEVER_CANCELLED) -> Path:
    """Write `sheets` (in order) to `path` (.xlsx). Raises on error, leaving no file."""
    path = Path(path)
    with replacing(path) as out:
        wb = out.workbook = new_xlsx(out.part)
        for spec in sheets:
            cancel.check()
            sheet = XlsxSheet(wb, spec.title, headers=spec.headers, text_columns=spec.text_columns,
                              widths=spec.widths, preamble=spec.preamble)  # fmt: skip
            for row in spec.rows:
                sheet.row(list(row))
            if spec.notes:
                sheet.line([])
                for line in spec.notes:
                    sheet.line([line])
        cancel.check()
        wb.close()
        out.workbook = None
    return path
