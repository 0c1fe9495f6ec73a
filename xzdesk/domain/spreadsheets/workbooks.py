"""Reading xlsx workbooks fast: cell values through calamine (Rust, `python-calamine`), shaped
exactly as openpyxl's read-only mode gives them, so the importer sees the same rows whichever
library reads (tests/domain/spreadsheets/test_workbooks.py compares the two).

What openpyxl (read-only, `data_only`, `values_only`) gives and calamine gives differently:
- empty cells: openpyxl None, calamine "" -> None;
- whole numbers: openpyxl int (Excel writes `1`, not `1.0`), calamine float -> int when exact
  (below 2**53; a bigger number such as an 18-digit ID stored as a number already lost digits in
  Excel and stays a float, as openpyxl reads Excel's `3.20302197001010E+17`);
- dates at midnight: openpyxl datetime, calamine date -> datetime;
- the first rows and columns: calamine's rows start at the first used column -> padded, so
  column indexes and row numbers are the sheet's own;
- the date system: calamine converts date-formatted cells itself; plain numbers in a date column
  are converted by the importer with the workbook's epoch (`epoch`, 1900 or 1904), read here.
Cell values only: formulas give their saved result, as with openpyxl's `data_only`.
Errors (codes): `import.unreadable` (params: kind).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import python_calamine
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from xzdesk.domain.errors import XzError
from xzdesk.domain.spreadsheets.values import EXCEL_EPOCH

_EXACT = float(2**53)
_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=\"(?:1|true)\"")


def _cell(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float:
        return int(value) if value.is_integer() and -_EXACT < value < _EXACT else value
    if kind is date:
        return datetime(value.year, value.month, value.day)
    return value


def _epoch(path: Path) -> datetime:
    try:
        with zipfile.ZipFile(path) as z:
            head = z.read("xl/workbook.xml")[:8192]
    except (zipfile.BadZipFile, KeyError, OSError):
        return EXCEL_EPOCH
    return CALENDAR_MAC_1904 if _DATE1904.search(head) else EXCEL_EPOCH


class XlsxBook:
    """An open workbook: sheet names (visible sheets first), its epoch and each sheet's rows.
    Use as a context manager. A sheet is read once per book (calamine reads a whole sheet at a
    time): inspecting a roster and then streaming its rows through the same book reads it once."""

    def __init__(self, path: Path) -> None:
        try:
            self._book = python_calamine.CalamineWorkbook.from_path(str(path))
            meta = self._book.sheets_metadata
        except (python_calamine.CalamineError, OSError, ValueError) as exc:
            raise XzError("import.unreadable", kind="xlsx") from exc
        worksheets = [m for m in meta if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
        self.sheetnames = [m.name for m in worksheets]
        hidden = {m.name for m in worksheets if m.visible != python_calamine.SheetVisibleEnum.Visible}
        self.visible_first = sorted(self.sheetnames, key=lambda name: name in hidden)
        self.epoch = _epoch(path)
        self._loaded: dict[str, Any] = {}

    def __enter__(self) -> XlsxBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self._loaded.clear()
        self._book.close()

    def _sheet(self, name: str) -> Any:
        sheet = self._loaded.get(name)
        if sheet is None:
            try:
                sheet = self._loaded[name] = self._book.get_sheet_by_name(name)
            except (python_calamine.CalamineError, ValueError) as exc:
                raise XzError("import.unreadable", kind="xlsx") from exc
        return sheet

    def rows(self, name: str, *, min_row: int = 1) -> tuple[int, Iterator[tuple[Any, ...]]]:
        """(rows in the sheet, its rows from `min_row` (1-based) as tuples of openpyxl-shaped
        values, every row as wide as the sheet)."""
        sheet = self._sheet(name)
        start, end = sheet.start, sheet.end  # 0-based (row, column) of the used range, None if empty
        height = end[0] + 1 if end else 0  # calamine's rows start at row 1 whatever `start` says
        return height, _rows(sheet, pad=start[1] if start else 0, skip=min_row - 1)


def _rows(sheet: Any, *, pad: int, skip: int) -> Iterator[tuple[Any, ...]]:
    left = (None,) * pad
    cell = _cell
    for n, row in enumerate(sheet.iter_rows()):
        if n >= skip:
            yield left + tuple(map(cell, row))
