from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from xzdesk.domain.errors import XzError
from xzdesk.domain.reports.codes import PeriodKind
from xzdesk.domain.reports.periods import parse_period


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "code"),
    [
        ("2026-Q3", PeriodKind.QUARTER, date(2026, 7, 1), date(2026, 10, 1), "2026-Q3"),
        ("2026q4", PeriodKind.QUARTER, date(2026, 10, 1), date(2027, 1, 1), "2026-Q4"),
        ("2026-07", PeriodKind.MONTH, date(2026, 7, 1), date(2026, 8, 1), "2026-07"),
        (" 2026-12 ", PeriodKind.MONTH, date(2026, 12, 1), date(2027, 1, 1), "2026-12"),
        ("2026-2", PeriodKind.MONTH, date(2026, 2, 1), date(2026, 3, 1), "2026-02"),
        ("2026", PeriodKind.YEAR, date(2026, 1, 1), date(2027, 1, 1), "2026"),
    ],
)
def test_periods(text, kind, start, end, code):
    period = parse_period(text)
    assert (period.kind, period.start, period.end, period.code) == (kind, start, end, code)
    assert parse_period(period.code) == period


def test_months_and_local_bounds():
    q = parse_period("2026-Q1")
    assert q.months == ((2026, 1), (2026, 2), (2026, 3))
    assert len(parse_period("2026").months) == 12
    # midnight in Xuzhou is 16:00 UTC the day before
    assert q.start_utc == datetime(2025, 12, 31, 16, tzinfo=UTC)
    assert q.end_utc == datetime(2026, 3, 31, 16, tzinfo=UTC)
    assert q.contains(date(2026, 3, 31)) and not q.contains(date(2026, 4, 1))


@pytest.mark.parametrize("text", ["", "2026-Q5", "2026-13", "2026-00", "26-07", "1999", "next year", "2026-Q3-1"])
def test_bad_periods(text):
    with pytest.raises(XzError) as exc:
        parse_period(text)
    assert exc.value.code == "reports.bad_period"
