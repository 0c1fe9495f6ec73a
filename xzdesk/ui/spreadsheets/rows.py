"""Reading a roster's first rows and masking what the screens show of it (any thread; no widgets).

`load_source` inspects a file and keeps its header and first data rows for the mapping page;
`masked_names` reads the name column once more so the preview can show whom each row is about,
masked. `masked_cell` is the mapping page's rule for raw cells: names, WeChat ids and anything
that looks like an ID number or a phone are masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.progress import CancelToken
from xzdesk.domain.spreadsheets import MappingInfo, SourceInfo, inspect_source
from xzdesk.domain.spreadsheets.sources import RowStream, sheet_names
from xzdesk.domain.spreadsheets.values import clean_name

SAMPLE_ROWS = 8  # data rows shown under the header on the mapping page
SAMPLE_SCAN = 40  # rows read at most to find them (blank rows are not shown)
NAME_CHECK_EVERY = 500


@dataclass(frozen=True)
class LoadedSourceInfo:
    """The result of reading a file's first rows: where the data is, the sheets, and the header
    and first data rows as (sheet row number, raw values)."""

    source: SourceInfo
    sheets: tuple[str, ...]
    sample: tuple[tuple[int, tuple[Any, ...]], ...]


def load_source(path: Path, sheet: str | None = None) -> LoadedSourceInfo:
    """Inspect a roster and read its header and first data rows (any thread)."""
    source = inspect_source(path, sheet=sheet)
    sheets = sheet_names(path) if source.kind == "xlsx" else ()
    sample: list[tuple[int, tuple[Any, ...]]] = []
    data_rows = 0
    with RowStream(source, start_row=min(source.header_rows)) as stream:
        for n, (number, values) in enumerate(stream):
            if number >= source.data_row:
                if not any(v is not None and str(v).strip() for v in values):
                    if n >= SAMPLE_SCAN:
                        break
                    continue
                data_rows += 1
            sample.append((number, tuple(values)))
            if data_rows >= SAMPLE_ROWS or n >= SAMPLE_SCAN:
                break
    return LoadedSourceInfo(source, sheets, tuple(sample))


def masked_names(source: SourceInfo, mapping: MappingInfo, rows: frozenset[int], cancel: CancelToken) -> dict[int, str]:
    """Sheet row number -> masked name for `rows`, from the name column(s) (any thread)."""
    columns = mapping.field_columns().get("name", ())
    out: dict[int, str] = {}
    if not columns or not rows:
        return out
    with RowStream(source) as stream:
        for n, (number, values) in enumerate(stream):
            if n % NAME_CHECK_EVERY == 0:
                cancel.check()
            if number not in rows:
                continue
            for i in columns:
                name = clean_name(values[i]) if i < len(values) else None
                if name:
                    out[number] = mask(name, "name")
                    break
    return out


# --- display of raw cells ---------------------------------------------------------------------------
def cell_text(value: Any) -> str:
    """A raw cell as the mapping page shows it: dates as dates, numbers as Excel keeps them."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def masked_cell(value: Any, field: str | None) -> str:
    """Cells of name and WeChat columns masked, and any mostly-digit cell with seven digits or
    more (ID numbers, phones, even when Excel damaged them) masked like an ID: first 3 and last 4
    kept. Dates stay readable."""
    text = cell_text(value)
    if not text or isinstance(value, (date, datetime)) or field == "birth_date":
        return text
    if field == "name":
        return mask(text, "name")
    if field == "wechat":
        return mask(text, "text")
    digits = sum(ch.isdigit() for ch in text)
    if digits >= 7 and digits >= 0.6 * len(text.replace(" ", "")):
        return mask(text, "id")
    return text
