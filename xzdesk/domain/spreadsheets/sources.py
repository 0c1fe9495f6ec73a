"""Reading rosters: xlsx (Excel and WPS) through calamine (workbooks.py), and CSV in UTF-8 (with
or without BOM), UTF-16 (Excel's "Unicode text") or GB18030.

Memory stays bounded whatever the file size: an xlsx sheet is held as calamine's compact cell
grid (not Python objects) and turned into Python values row by row; CSV files are decoded
incrementally.

The header row is found among the first rows under any title rows (`find_header`): the row with
the most recognised column names wins; a second header row right under it (sub-headers under a
merged group cell such as 联系方式 -> 手机 / 座机) or right above it (vertically merged cells keep
their text in the top row only) is folded in. Errors (codes): `import.file_not_found`,
`import.unsupported_format` (params: suffix), `import.unreadable`, `import.no_header`,
`import.sheet_not_found`, `import.encoding` (params: row).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from xzdesk.domain.errors import XzError
from xzdesk.domain.spreadsheets.fields import field_for_header, header_key
from xzdesk.domain.spreadsheets.values import EXCEL_EPOCH, districts_named
from xzdesk.domain.spreadsheets.workbooks import XlsxBook

HEADER_SCAN_ROWS = 30
MIN_HEADER_MATCHES = 2
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
_SNIFF_BYTES = 256 * 1024


@dataclass(frozen=True)
class ColumnInfo:
    """One column of the source: 0-based index, spreadsheet letter, header text as shown, and
    the field it fills (`None` not imported because unknown, `IGNORED` known but not collected)."""

    index: int
    letter: str
    header: str
    field: str | None


@dataclass(frozen=True)
class DistrictHintInfo:
    """The district a roster names outside its rows: in a title row above the header
    (徐州市鼓楼区总工会…), else in the sheet name, else in the file name. `words` are the
    words that name it (鼓楼区, 鼓楼), never the rest of the title; `row` is the title's row."""

    code: str
    origin: str  # "title" | "sheet" | "file"
    words: str
    row: int | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class SourceInfo:
    """Where the data is in a file: sheet, header rows, first data row (1-based row numbers as
    Excel shows them; for CSV, record numbers), the columns with their guessed fields, and a
    source key naming the layout (a hash of the folded header texts, no personal data)."""

    path: Path
    kind: str  # "xlsx" | "csv"
    sheet: str | None
    encoding: str | None
    delimiter: str | None
    header_rows: tuple[int, ...]
    data_row: int
    columns: tuple[ColumnInfo, ...]
    source_key: str
    rows_hint: int | None  # rows in the sheet as the file declares them (progress only)
    epoch: datetime = EXCEL_EPOCH
    district_hint: DistrictHintInfo | None = None  # for rows that give no district


# --- header detection -----------------------------------------------------------------------------
@dataclass(frozen=True)
class HeaderInfo:
    header_rows: tuple[int, ...]  # 0-based indexes into the scanned rows
    data_index: int
    labels: tuple[str, ...]
    fields: tuple[str | None, ...]


def _label(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _matches(row: Sequence[Any]) -> int:
    return sum(1 for v in row if isinstance(v, str) and field_for_header(v) is not None)


def _is_subheader(row: Sequence[Any]) -> bool:
    cells = [v for v in row if v not in (None, "")]
    if not cells or not all(isinstance(v, str) and not any(ch.isdigit() for ch in v) for v in cells):
        return False
    return _matches(row) >= 1


def find_header(rows: Sequence[Sequence[Any]]) -> HeaderInfo | None:
    """The header among `rows` (the first rows of a sheet), or None when no row names at least
    two known columns."""
    scores = [_matches(r) for r in rows[:HEADER_SCAN_ROWS]]
    if not scores or max(scores) < MIN_HEADER_MATCHES:
        return None
    best = scores.index(max(scores))
    width = max(len(r) for r in rows[: min(len(rows), best + 3)])

    def padded(r: Sequence[Any]) -> list[Any]:
        return list(r) + [None] * (width - len(r))

    head = padded(rows[best])
    labels = [_label(v) for v in head]
    fields = [field_for_header(v) if isinstance(v, str) else None for v in head]
    used = [best]
    if best + 1 < len(rows) and _is_subheader(rows[best + 1]):
        for col, value in enumerate(padded(rows[best + 1])):
            if value not in (None, ""):
                labels[col] = f"{labels[col]}/{_label(value)}" if labels[col] else _label(value)
                fields[col] = field_for_header(value)
        used.append(best + 1)
    elif best > 0:
        above = padded(rows[best - 1])
        taken = False
        for col, value in enumerate(above):
            if labels[col] == "" and isinstance(value, str) and field_for_header(value) is not None:
                labels[col] = _label(value)
                fields[col] = field_for_header(value)
                taken = True
        if taken:
            used.insert(0, best - 1)
    while labels and labels[-1] == "":
        labels.pop()
        fields.pop()
    return HeaderInfo(tuple(used), max(used) + 1, tuple(labels), tuple(fields))


def source_key(labels: Sequence[str]) -> str:
    """A stable name for a layout: the same headers in the same order give the same key."""
    folded = "\x1f".join(header_key(label) for label in labels)
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def _columns(header: HeaderInfo, width: int) -> tuple[ColumnInfo, ...]:
    out = []
    for i in range(max(width, len(header.labels))):
        label = header.labels[i] if i < len(header.labels) else ""
        field = header.fields[i] if i < len(header.fields) else None
        out.append(ColumnInfo(i, get_column_letter(i + 1), label, field))
    return tuple(out)


def district_hint(title_rows: Sequence[Sequence[Any]], *, sheet: str | None, path: Path) -> DistrictHintInfo | None:
    """The one district named by the title rows (the rows above the header), else by the sheet
    name, else by the file name. Several districts in one place name none (a joint roster)."""
    found = [(n, code, words) for n, row in enumerate(title_rows, 1) for cell in row if isinstance(cell, str)
             for code, words in districts_named(cell)]  # fmt: skip
    if found:
        if len({code for _n, code, _w in found}) > 1:
            return None
        row, code, words = found[0]
        return DistrictHintInfo(code, "title", words, row=row)
    for origin, text in (("sheet", sheet or ""), ("file", path.stem)):
        named = {code: words for code, words in districts_named(text)}
        if len(named) == 1:
            code, words = next(iter(named.items()))
            return DistrictHintInfo(code, origin, words, sheet=sheet if origin == "sheet" else None)
        if named:
            return None
    return None


# --- opening --------------------------------------------------------------------------------------
def _kind(path: Path) -> str:
    if not path.exists():
        raise XzError("import.file_not_found")
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix in CSV_SUFFIXES:
        return "csv"
    raise XzError("import.unsupported_format", suffix=suffix or "?")


def _head(rows: Iterator[Sequence[Any]], n: int) -> list[tuple[Any, ...]]:
    out = []
    for row in rows:
        out.append(tuple(row))
        if len(out) >= n:
            break
    return out


def _inspect_xlsx(path: Path, sheet: str | None, book: XlsxBook | None = None) -> SourceInfo:
    with contextlib.nullcontext(book) if book is not None else XlsxBook(path) as wb:
        if sheet is not None and sheet not in wb.sheetnames:
            raise XzError("import.sheet_not_found", sheet=sheet)
        for name in [sheet] if sheet is not None else wb.visible_first:
            height, stream = wb.rows(name)
            rows = _head(stream, HEADER_SCAN_ROWS + 2)
            header = find_header(rows)
            if header is None:
                continue
            width = max((len(r) for r in rows), default=0)
            return SourceInfo(
                path=path, kind="xlsx", sheet=name, encoding=None, delimiter=None,
                header_rows=tuple(i + 1 for i in header.header_rows), data_row=header.data_index + 1,
                columns=_columns(header, width), source_key=source_key(header.labels),
                rows_hint=height, epoch=wb.epoch,
                district_hint=district_hint(rows[: min(header.header_rows)], sheet=name, path=path),
            )  # fmt: skip
    raise XzError("import.no_header")


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (which also reads GBK and GB2312).
    GB18030 text almost never decodes as valid UTF-8, so a strict UTF-8 attempt decides."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(sample, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _sniff_delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:16384], delimiters=",\t;|").delimiter
    except csv.Error:
        return ","


def _inspect_csv(path: Path) -> SourceInfo:
    with path.open("rb") as f:
        sample = f.read(_SNIFF_BYTES)
    encoding = detect_encoding(sample)
    text = sample.decode(encoding, errors="ignore")
    delimiter = _sniff_delimiter(text)
    rows = _head(csv.reader(io.StringIO(text), delimiter=delimiter), HEADER_SCAN_ROWS + 2)
    header = find_header(rows)
    if header is None:
        raise XzError("import.no_header")
    width = max((len(r) for r in rows), default=0)
    return SourceInfo(
        path=path, kind="csv", sheet=None, encoding=encoding, delimiter=delimiter,
        header_rows=tuple(i + 1 for i in header.header_rows), data_row=header.data_index + 1,
        columns=_columns(header, width), source_key=source_key(header.labels), rows_hint=None,
        district_hint=district_hint(rows[: min(header.header_rows)], sheet=None, path=path),
    )  # fmt: skip


def sheet_names(path: Path | str) -> tuple[str, ...]:
    """The worksheets of an xlsx file, in the workbook's order."""
    with XlsxBook(Path(path)) as wb:
        return tuple(wb.sheetnames)


def inspect_source(path: Path | str, *, sheet: str | None = None, book: XlsxBook | None = None) -> SourceInfo:
    """Find the sheet, the header rows and the columns of a roster (reads only its first rows).
    `book`: the xlsx file already open (see opened_source)."""
    path = Path(path)
    kind = _kind(path)
    return _inspect_xlsx(path, sheet, book) if kind == "xlsx" else _inspect_csv(path)


@contextlib.contextmanager
def opened_source(path: Path | str) -> Iterator[tuple[SourceInfo, XlsxBook | None]]:
    """Inspect a roster and keep an xlsx file open for `RowStream(source, book=...)`, so its
    sheet is read once for both (None for CSV)."""
    path = Path(path)
    if _kind(path) != "xlsx":
        yield inspect_source(path), None
        return
    with XlsxBook(path) as book:
        yield inspect_source(path, book=book), book


# --- streaming rows -------------------------------------------------------------------------------
class RowStream:
    """Data rows of a source as `(row_number, values)`, from the first data row on, with the
    fraction of the file read so far (for progress). `start_row` 1 also yields the title and
    header rows. Use as a context manager."""

    def __init__(self, source: SourceInfo, *, start_row: int | None = None, book: XlsxBook | None = None) -> None:
        self.source = source
        self.book = book  # the source's workbook when already open (left open at exit)
        self.start = start_row or source.data_row
        self._stack = contextlib.ExitStack()
        self._size = max(1, source.path.stat().st_size)
        self._raw: io.BufferedReader | None = None
        self._row = 0

    def __enter__(self) -> RowStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @property
    def fraction(self) -> float:
        if self._raw is not None:
            with contextlib.suppress(OSError, ValueError):
                return min(1.0, self._raw.tell() / self._size)
            return 0.0
        hint = self.source.rows_hint
        return min(1.0, self._row / hint) if hint else 0.0

    def __iter__(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        src = self.source
        if src.kind == "xlsx":
            wb = self.book if self.book is not None else self._stack.enter_context(XlsxBook(src.path))
            _height, rows = wb.rows(src.sheet or wb.sheetnames[0], min_row=self.start)
            for number, values in enumerate(rows, self.start):
                self._row = number
                yield number, values
            return
        self._raw = self._stack.enter_context(src.path.open("rb"))
        text = io.TextIOWrapper(self._raw, encoding=src.encoding or "utf-8", newline="")
        reader = csv.reader(text, delimiter=src.delimiter or ",")
        row = 0
        try:
            for row, values in enumerate(reader, 1):
                if row >= self.start:
                    self._row = row
                    yield row, tuple(values)
        except UnicodeDecodeError as exc:
            raise XzError("import.encoding", row=row + 1) from exc
