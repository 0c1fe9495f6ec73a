"""The server refuses a pushed value its laptops could not store: `registry.check_value` per
column kind (a rule table), pinned value by value."""

from __future__ import annotations

from typing import Any

import pytest

from xzdesk.sync.registry import MAX_JSON, MAX_TEXT, ColumnSpec, check_value

TYPE, LONG, RANGE, REQUIRED = "sync.field_type", "sync.field_too_long", "sync.field_range", "sync.field_required"


def col(kind: str, *, length: int | None = None, nullable: bool = True, bits: int = 64) -> ColumnSpec:
    return ColumnSpec("c", kind, length, nullable, bits)


CASES: list[tuple[ColumnSpec, Any, str | None]] = [
    (col("str"), None, None),
    (col("str", nullable=False), None, REQUIRED),
    (col("int", nullable=False), None, REQUIRED),
    (col("str"), "徐州", None),
    (col("str"), 3, TYPE),
    (col("str", length=2), "云龙湖", LONG),
    (col("str", length=2), "\x00\x00\x00", LONG),  # too long is reported before the NUL
    (col("str"), "a\x00b", TYPE),
    (col("str"), "x" * MAX_TEXT, None),
    (col("str"), "x" * (MAX_TEXT + 1), LONG),
    (col("int"), 5, None),
    (col("int"), True, TYPE),
    (col("int"), 1.0, TYPE),
    (col("int"), "5", TYPE),
    (col("int", bits=16), 2**15 - 1, None),
    (col("int", bits=16), 2**15, RANGE),
    (col("int", bits=16), -(2**15), None),
    (col("int"), 2**63, RANGE),
    (col("float"), 1, None),
    (col("float"), 1.5, None),
    (col("float"), False, TYPE),
    (col("float"), "1.5", TYPE),
    (col("bool"), False, None),
    (col("bool"), 0, TYPE),
    (col("date"), "2026-04-01", None),
    (col("date"), "2026-4-1", TYPE),
    (col("date"), "2026-02-30", TYPE),
    (col("date"), 20260401, TYPE),
    (col("datetime"), "2026-04-01T14:00:00+08:00", None),
    (col("datetime"), "2026-04-01 14:00", None),
    (col("datetime"), "yesterday", TYPE),
    (col("datetime"), "2026-04-01T14:00:00.000000+08:00" + " " * 9, TYPE),  # over 40 characters
    (col("bytes"), "00ff", None),
    (col("bytes"), "0ff", TYPE),
    (col("bytes"), "zz", TYPE),
    (col("bytes", length=1), "00ff", LONG),
    (col("json"), {"a": [1, 2]}, None),
    (col("json"), {"a": object()}, TYPE),
    (col("json"), ["x" * MAX_JSON], LONG),
    (col("unknown"), object(), None),
]


@pytest.mark.parametrize("column, value, expected", CASES)
def test_check_value(column: ColumnSpec, value: Any, expected: str | None) -> None:
    assert check_value(column, value) == expected
