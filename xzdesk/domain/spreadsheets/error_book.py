"""The error workbook: a copy of the imported roster with the bad cells highlighted (a fill and a
comment saying what is wrong) and a message column at the end of each row with a problem.

The clerk fixes the cells in this copy and imports it again. Blocking problems are filled red,
warnings yellow; rows that match an earlier row or another member carry the message too.

Two ways to copy, same result for the reader:
- an xlsx roster of up to `copy_limit` rows is loaded whole and saved with the marks added, so
  title rows, merged cells, column widths and formats stay as the base union made them;
- a CSV roster, or a bigger xlsx, is streamed row by row into a new workbook (read-only in,
  write-only out: bounded memory); identifier columns are written as text cells.
`only_problem_rows=True` keeps the title and header rows and only the rows with a problem.

Wording: the domain has no sentences; the caller passes `describe(code, params) -> str` (the
command line's is in xzdesk/commands/_messages.py; the UI has its own translated one).
The file appears only when complete.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.spreadsheets import labels
from xzdesk.domain.spreadsheets.fields import TEXT_ID_FIELDS
from xzdesk.domain.spreadsheets.importer import CellProblemInfo, ImportPreviewInfo, ImportRowInfo
from xzdesk.domain.spreadsheets.sources import RowStream
from xzdesk.domain.spreadsheets.tables import TEXT_FORMAT, discard_write_only, replacing

Describe = Callable[[str, Mapping[str, Any]], str]
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
COPY_LIMIT = 20_000
COMMENT_SIZE = (90, 240)  # height, width in points


def _sentence(problem: CellProblemInfo, describe: Describe) -> str:
    return describe(problem.code, {"field": problem.field, **problem.params})


def _row_message(row: ImportRowInfo, headers: Mapping[int, str], describe: Describe) -> str:
    parts = []
    for p in row.problems:
        where = headers.get(p.column, "") if p.column is not None else ""
        parts.append(f"{where}：{_sentence(p, describe)}" if where else _sentence(p, describe))
    return "；".join(parts)


def _cell_notes(row: ImportRowInfo, describe: Describe) -> dict[int, tuple[str, bool]]:
    """Column -> (comment text, blocking) for the cells that have problems."""
    notes: dict[int, tuple[str, bool]] = {}
    for p in row.problems:
        if p.column is None:
            continue
        text, blocking = notes.get(p.column, ("", False))
        line = _sentence(p, describe)
        notes[p.column] = (f"{text}\n{line}" if text else line, blocking or not p.warning)
    return notes


def _comment(text: str) -> Comment:
    comment = Comment(text, labels.ERROR_AUTHOR)
    comment.height, comment.width = COMMENT_SIZE
    return comment


def write_error_workbook(
    preview: ImportPreviewInfo,
    out: Path | str,
    *,
    describe: Describe,
    only_problem_rows: bool = False,
    copy_limit: int = COPY_LIMIT,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> int:
    """Write the marked copy to `out` (.xlsx). Returns the number of rows marked."""
    out = Path(out)
    marked = {r.row: r for r in preview.rows if r.problems}
    headers = {c.index: c.header or c.letter for c in preview.mapping.columns}
    src = preview.source
    last_row = max((r.row for r in preview.rows), default=0)
    small = src.kind == "xlsx" and last_row <= copy_limit and not only_problem_rows
    with replacing(out) as target:
        if small:
            _mark_copy(preview, target.part, marked, headers, describe)
        else:
            _stream_copy(preview, target.part, marked, headers, describe, only_problem_rows, progress, cancel)
    progress(1.0, "import.errors")
    return len(marked)


def _mark_copy(preview: ImportPreviewInfo, part: Path, marked: Mapping[int, ImportRowInfo],
               headers: Mapping[int, str], describe: Describe) -> None:  # fmt: skip
    src = preview.source
    wb = load_workbook(src.path)
    ws = wb[src.sheet]
    message_col = max(ws.max_column, len(src.columns)) + 1
    head = ws.cell(row=max(src.header_rows), column=message_col, value=labels.ERROR_COLUMN)
    head.font = Font(bold=True, color="9C0006")
    ws.column_dimensions[head.column_letter].width = 60
    for number, row in marked.items():
        for column, (text, blocking) in _cell_notes(row, describe).items():
            cell = ws.cell(row=number, column=column + 1)
            cell.fill = ERROR_FILL if blocking else WARNING_FILL
            cell.comment = _comment(text)
        ws.cell(row=number, column=message_col, value=_row_message(row, headers, describe))
    wb.save(part)


def _stream_copy(preview: ImportPreviewInfo, part: Path, marked: Mapping[int, ImportRowInfo],
                 headers: Mapping[int, str], describe: Describe, only_problem_rows: bool,
                 progress: Progress, cancel: CancelToken) -> None:  # fmt: skip
    src = preview.source
    text_cols = {c.index for c in preview.mapping.columns if c.field in TEXT_ID_FIELDS}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet((src.sheet or labels.ERROR_COLUMN)[:31])
    try:
        _stream_rows(preview, ws, marked, headers, describe, only_problem_rows, text_cols, progress, cancel)
    except BaseException:
        discard_write_only(wb)
        raise
    wb.save(part)


def _stream_rows(preview: ImportPreviewInfo, ws: Any, marked: Mapping[int, ImportRowInfo],
                 headers: Mapping[int, str], describe: Describe, only_problem_rows: bool, text_cols: set[int],
                 progress: Progress, cancel: CancelToken) -> None:  # fmt: skip
    src = preview.source
    width = len(src.columns)
    last_header = max(src.header_rows)
    with RowStream(src, start_row=1) as stream:
        for n, (number, values) in enumerate(stream, 1):
            if n % 500 == 0:
                cancel.check()
                progress(stream.fraction, "import.errors")
            row = marked.get(number)
            if only_problem_rows and number >= src.data_row and row is None:
                continue
            notes = _cell_notes(row, describe) if row else {}
            cells: list[Any] = []
            for i in range(max(width, len(values))):
                value = values[i] if i < len(values) else None
                cell = WriteOnlyCell(ws, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula
                    if i in text_cols and number >= src.data_row:
                        cell.number_format = TEXT_FORMAT
                if i in notes:
                    text, blocking = notes[i]
                    cell.fill = ERROR_FILL if blocking else WARNING_FILL
                    cell.comment = _comment(text)
                cells.append(cell)
            if number == last_header:
                cells += [None] * (width - len(cells))
                head = WriteOnlyCell(ws, value=labels.ERROR_COLUMN)
                head.font = Font(bold=True, color="9C0006")
                cells.append(head)
            elif row is not None:
                cells += [None] * (width - len(cells))
                cells.append(_row_message(row, headers, describe))
            ws.append(cells)
