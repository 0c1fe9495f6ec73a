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

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken
from xzdesk.domain.spreadsheets.tables import _XlsxWriter, discard_write_only


@dataclass(frozen=True)
class SheetSpec:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    text_columns: Collection[int] = ()
    widths: Sequence[float] | None = None
    preamble: Sequence[str] = field(default_factory=tuple)  # lines above the header row
    notes: Sequence[str] = field(default_factory=tuple)  # lines after the last row


def _bold(ws: Any, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = Font(bold=True)
    return cell


def write_workbook(path: Path | str, sheets: Sequence[SheetSpec], *, cancel: CancelToken = NEVER_CANCELLED) -> Path:
    """Write `sheets` (in order) to `path` (.xlsx). Raises on error, leaving no file."""
    path = Path(path)
    part = path.with_name(path.name + ".part")
    wb: Workbook | None = Workbook(write_only=True)
    try:
        assert wb is not None
        for spec in sheets:
            cancel.check()
            ws = wb.create_sheet(spec.title[:31])
            ws.freeze_panes = f"A{len(spec.preamble) + 2}"
            widths = spec.widths or [max(10.0, 2.2 * len(str(h)) + 2) for h in spec.headers]
            for i, width in enumerate(widths, 1):
                ws.column_dimensions[get_column_letter(i)].width = width
            for line in spec.preamble:
                ws.append([_bold(ws, line)])
            ws.append([_bold(ws, h) for h in spec.headers])
            writer = _XlsxWriter(ws, spec.text_columns)
            for row in spec.rows:
                writer.row(list(row))
            if spec.notes:
                ws.append([])
                for line in spec.notes:
                    ws.append([line])
        cancel.check()
        wb.save(part)
        wb = None
        part.replace(path)
    except BaseException:
        if wb is not None:
            discard_write_only(wb)
        part.unlink(missing_ok=True)
        raise
    return path
