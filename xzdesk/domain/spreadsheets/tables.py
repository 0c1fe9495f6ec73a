"""Writing tables to office files: xlsx (openpyxl write-only mode, so 100,000 rows stream out in
bounded memory) and CSV (UTF-8 with BOM, which Excel and WPS open correctly).

- Identifier columns (ID numbers, phones, member numbers) are written as text cells with number
  format "@": Excel would otherwise turn `320302197001010012` into `3.20302E+17` and drop digits.
- Formula injection: in CSV, a text cell starting with = + - @ tab or CR gets a leading `'`, so
  a spreadsheet shows it as text and never evaluates it (OWASP "CSV injection"); in xlsx, text
  starting with `=` is written as a string cell, never as a formula.
- The file appears only when complete: rows go to `<name>.part`, renamed on success and removed
  on any error or cancel.

Use for every list the desktop writes (case lists, attendee lists, reports).
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from xzdesk.domain.errors import XzError

TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {".xlsx": "xlsx", ".csv": "csv"}


def neutralise(text: str) -> str:
    """A CSV cell that a spreadsheet will never evaluate as a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def table_format(path: Path) -> str:
    """"xlsx" or "csv" from the file name; XzError `export.unsupported_format` otherwise."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise XzError("export.unsupported_format", suffix=path.suffix or "?")
    return fmt


class TableWriter(Protocol):
    def row(self, values: Sequence[Any]) -> None: ...


class _XlsxWriter:
    def __init__(self, ws: Any, text_columns: Collection[int]) -> None:
        self.ws = ws
        self.text = frozenset(text_columns)

    def row(self, values: Sequence[Any]) -> None:
        out: list[Any] = []
        for i, value in enumerate(values):
            if i in self.text and value is not None:
                cell = WriteOnlyCell(self.ws, value=str(value))
                cell.data_type = "s"
                cell.number_format = TEXT_FORMAT
                out.append(cell)
            elif isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(self.ws, value=value)
                cell.data_type = "s"  # a string, never a formula
                out.append(cell)
            elif isinstance(value, (date, datetime)):
                cell = WriteOnlyCell(self.ws, value=value)
                cell.number_format = DATE_FORMAT
                out.append(cell)
            else:
                out.append(value)
        self.ws.append(out)


class _CsvWriter:
    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def row(self, values: Sequence[Any]) -> None:
        out = []
        for value in values:
            if value is None:
                out.append("")
            elif isinstance(value, (date, datetime)):
                out.append(value.isoformat())
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                out.append(neutralise(str(value)))
            else:
                out.append(value)
        self.writer.writerow(out)


def discard_write_only(wb: Workbook) -> None:
    """Close an unsaved write-only workbook after an error: its sheets stream into temporary
    files through generators that would otherwise fail noisily when garbage-collected."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


@dataclass
class PartFile:
    """A file written next to its target (`<name>.part`) and moved over it only when complete."""

    part: Path
    workbook: Workbook | None = None  # a write-only workbook being written (discarded on error)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[PartFile]:
    """Write to `PartFile.part`; on success it replaces `path`, on any error (or cancel) the part
    file and an unsaved write-only workbook are removed and the error propagates."""
    out = PartFile(path.with_name(path.name + ".part"))
    try:
        yield out
        out.part.replace(path)
    except BaseException:
        if out.workbook is not None:
            discard_write_only(out.workbook)
        out.part.unlink(missing_ok=True)
        raise


def bold_cell(ws: Any, value: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = Font(bold=True)
    return cell


def set_widths(ws: Any, headers: Sequence[Any], widths: Sequence[float] | None) -> None:
    """Column widths: the given ones, else from each header's length (at least 10)."""
    for i, width in enumerate(widths or [max(10.0, 2.2 * len(str(h)) + 2) for h in headers], 1):
        ws.column_dimensions[get_column_letter(i)].width = width


@contextlib.contextmanager
def open_table(
    path: Path,
    *,
    headers: Sequence[str],
    text_columns: Collection[int] = (),
    sheet_title: str = "Sheet1",
    widths: Sequence[float] | None = None,
) -> Iterator[TableWriter]:
    """Write a header row, then yield a writer for the data rows; the file is complete at exit."""
    path = Path(path)
    fmt = table_format(path)
    with replacing(path) as out:
        if fmt == "xlsx":
            wb = out.workbook = Workbook(write_only=True)
            ws = wb.create_sheet(sheet_title[:31])
            ws.freeze_panes = "A2"
            set_widths(ws, headers, widths)
            ws.append([bold_cell(ws, text) for text in headers])
            yield _XlsxWriter(ws, text_columns)
            wb.save(out.part)
            out.workbook = None
        else:
            with out.part.open("w", encoding="utf-8-sig", newline="") as f:
                writer = _CsvWriter(csv.writer(f))
                writer.row(list(headers))
                yield writer
