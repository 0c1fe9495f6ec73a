"""Writing tables to office files: xlsx (XlsxWriter, several times faster than openpyxl's
write-only mode) and CSV (UTF-8 with BOM, which Excel and WPS open correctly). A table known to be
small enough (`cells`, up to SHARED_STRINGS_CELLS) is kept in memory and written with a shared
strings table: each distinct text (a district, 已登记, an employer) is escaped and stored once, about
a third less work than streaming every cell inline; larger or unknown sizes stream out in
XlsxWriter's constant-memory mode, so 100,000 rows take bounded memory.

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

import xlsxwriter
from openpyxl import Workbook

from xzdesk.collector import fewer_collections
from xzdesk.domain.errors import XzError

TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {".xlsx": "xlsx", ".csv": "csv"}
# Tables up to this many cells are written with shared strings, in memory (about 30-60 MB at most).
SHARED_STRINGS_CELLS = 400_000


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


class XlsxSheet:
    """One sheet of an XlsxWriter workbook written row by row: optional bold preamble lines, a
    bold header row frozen at the top, then data rows (`row`) and plain lines (`line`).
    Identifier columns are text cells with format "@"; other strings are string cells (never
    formulas); dates carry DATE_FORMAT; numbers and booleans stay typed."""

    def __init__(self, book: xlsxwriter.Workbook, title: str, *, headers: Sequence[Any],
                 text_columns: Collection[int] = (), widths: Sequence[float] | None = None,
                 preamble: Sequence[str] = ()) -> None:  # fmt: skip
        self.ws = book.add_worksheet(title[:31])
        self.text = frozenset(text_columns)
        self.formats = _formats(book)
        # The writer `_write` chooses for a value of each of these exact types (no format); a
        # value of any other type (a date, a str or int subclass) goes through `_write` itself.
        ws = self.ws
        self.plain = {str: ws.write_string, int: ws.write_number, float: ws.write_number, bool: ws.write_boolean}
        self.next_row = 0
        for i, width in enumerate(column_widths(headers, widths)):
            self.ws.set_column(i, i, width)
        self.ws.freeze_panes(len(preamble) + 1, 0)
        for text in preamble:
            self.line([text], bold=True)
        self.line(headers, bold=True)

    def line(self, values: Sequence[Any], *, bold: bool = False) -> None:
        """A row outside the table (a title, a note): strings and numbers as they are."""
        fmt = self.formats["bold"] if bold else None
        for col, value in enumerate(values):
            if value is not None:
                self._write(col, value, fmt)
        self.next_row += 1

    def row(self, values: Sequence[Any]) -> None:
        r, text, plain, write_string = self.next_row, self.text, self.plain, self.ws.write_string
        text_format = self.formats["text"]
        for col, value in enumerate(values):
            if value is None:
                continue
            if col in text:
                write_string(r, col, str(value), text_format)
                continue
            write = plain.get(value.__class__)
            if write is None:
                self._write(col, value, None)
            else:
                write(r, col, value, None)
        self.next_row += 1

    def _write(self, col: int, value: Any, fmt: Any) -> None:
        ws, r = self.ws, self.next_row
        if isinstance(value, str):
            ws.write_string(r, col, value, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(r, col, value, fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(r, col, value, fmt)
        elif isinstance(value, (date, datetime)):
            ws.write_datetime(r, col, value, fmt or self.formats["date"])
        else:
            ws.write_string(r, col, str(value), fmt)


def _formats(book: xlsxwriter.Workbook) -> dict[str, Any]:
    cached = getattr(book, "_xz_formats", None)
    if cached is None:
        cached = {
            "text": book.add_format({"num_format": TEXT_FORMAT}),
            "date": book.add_format({"num_format": DATE_FORMAT}),
            "bold": book.add_format({"bold": True}),
        }
        book._xz_formats = cached  # type: ignore[attr-defined]
    return cached


def new_xlsx(part: Path, *, cells: int | None = None) -> xlsxwriter.Workbook:
    """An XlsxWriter workbook writing to `part` when closed: streaming (constant memory) unless
    `cells` says the table is small enough for shared strings (SHARED_STRINGS_CELLS)."""
    streaming = cells is None or cells > SHARED_STRINGS_CELLS
    return xlsxwriter.Workbook(str(part), {"constant_memory": streaming, "strings_to_numbers": False,
                                           "strings_to_formulas": False, "strings_to_urls": False})  # fmt: skip


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


def discard_write_only(wb: Any) -> None:
    """Close an unsaved streaming workbook after an error. openpyxl's write-only sheets stream
    into temporary files through generators that would otherwise fail noisily when
    garbage-collected; an XlsxWriter sheet's temporary file stays on disk unless removed."""
    if isinstance(wb, xlsxwriter.Workbook):
        wb.fileclosed = True  # never written, even if closed again
        for ws in wb.worksheets():
            with contextlib.suppress(Exception):
                ws.row_data_fh.close()
            with contextlib.suppress(Exception):
                Path(ws.row_data_filename).unlink(missing_ok=True)
        return
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
    workbook: Workbook | xlsxwriter.Workbook | None = None  # a streaming workbook (discarded on error)


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


def column_widths(headers: Sequence[Any], widths: Sequence[float] | None) -> list[float]:
    """Column widths: the given ones, else from each header's length (at least 10)."""
    return list(widths or [max(10.0, 2.2 * len(str(h)) + 2) for h in headers])


@contextlib.contextmanager
def open_table(
    path: Path,
    *,
    headers: Sequence[str],
    text_columns: Collection[int] = (),
    sheet_title: str = "Sheet1",
    widths: Sequence[float] | None = None,
    rows: int | None = None,
) -> Iterator[TableWriter]:
    """Write a header row, then yield a writer for the data rows; the file is complete at exit.
    `rows`: how many data rows will come, when known (a small xlsx table uses shared strings)."""
    path = Path(path)
    fmt = table_format(path)
    with fewer_collections(), replacing(path) as out:
        if fmt == "xlsx":
            cells = None if rows is None else (rows + 1) * max(1, len(headers))
            wb = out.workbook = new_xlsx(out.part, cells=cells)
            yield XlsxSheet(wb, sheet_title, headers=headers, text_columns=text_columns, widths=widths)
            wb.close()
            out.workbook = None
        else:
            with out.part.open("w", encoding="utf-8-sig", newline="") as f:
                writer = _CsvWriter(csv.writer(f))
                writer.row(list(headers))
                yield writer
