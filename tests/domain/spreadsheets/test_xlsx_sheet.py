"""XlsxSheet.row picks each plain cell's writer by the value's exact type; the calls it makes to
the worksheet must be those of the reference (every cell through `_write`'s isinstance chain,
identifier columns as text cells with the text format)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import xlsxwriter

from xzdesk.domain.spreadsheets.tables import XlsxSheet


class Recorder:
    """A worksheet that records what it is asked to write."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def __getattr__(self, name: str) -> Any:
        def call(*args: Any) -> None:
            self.calls.append((name, *args))

        return call


class Word(enum.StrEnum):
    MARRIED = "married"


class Count(int):
    pass


def reference_row(sheet: XlsxSheet, values: list[Any]) -> None:
    for col, value in enumerate(values):
        if value is None:
            continue
        if col in sheet.text:
            sheet.ws.write_string(sheet.next_row, col, str(value), sheet.formats["text"])
        else:
            sheet._write(col, value, None)
    sheet.next_row += 1


ROWS = [
    ["XZ0001", "王*", 1, 2.5, True, False, date(2026, 3, 1), datetime(2026, 3, 1, 10, 30), None, "=SUM(A1)"],
    [12345, "", 0, -1.0, Word.MARRIED, Count(3), Decimal("1.5"), b"x", "", None],
    [None, None, None, None, None, None, None, None, None, None],
]


def test_row_writes_what_the_reference_writes(tmp_path):
    fast, slow = Recorder(), Recorder()
    book = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))  # one book: the same format objects
    sheets = iter((fast, slow))
    book.add_worksheet = lambda *a, **k: next(sheets)  # type: ignore[method-assign]
    headers = [f"h{i}" for i in range(10)]
    fast_sheet = XlsxSheet(book, "甲", headers=headers, text_columns={0})
    slow_sheet = XlsxSheet(book, "乙", headers=headers, text_columns={0})
    for values in ROWS:
        fast_sheet.row(values)
        reference_row(slow_sheet, values)
    assert fast.calls == slow.calls
    assert len([c for c in fast.calls if c[0].startswith("write_")]) > 20
    assert fast_sheet.next_row == slow_sheet.next_row
