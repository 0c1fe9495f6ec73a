"""Reporting periods: a month (`2026-07`), a quarter (`2026-Q3`) or a year (`2026`), as China
local calendar dates [start, end)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from xzdesk.domain.errors import XzError
from xzdesk.domain.reports.codes import PeriodKind
from xzdesk.domain.uow import CHINA_TZ


@dataclass(frozen=True)
class PeriodInfo:
    kind: PeriodKind
    year: int
    number: int  # month 1-12, quarter 1-4, or 1 for a year
    start: date  # first day
    end: date  # day after the last day

    @property
    def code(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        return f"{self.year}"

    @property
    def months(self) -> tuple[tuple[int, int], ...]:
        """(year, month) of every month in the period, in order."""
        out = []
        y, m = self.start.year, self.start.month
        while date(y, m, 1) < self.end:
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return tuple(out)

    @property
    def start_utc(self) -> datetime:
        return datetime.combine(self.start, time(), tzinfo=CHINA_TZ).astimezone(UTC)

    @property
    def end_utc(self) -> datetime:
        return datetime.combine(self.end, time(), tzinfo=CHINA_TZ).astimezone(UTC)

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end


def _next_month(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def month_period(year: int, month: int) -> PeriodInfo:
    return PeriodInfo(PeriodKind.MONTH, year, month, date(year, month, 1), _next_month(year, month))


def quarter_period(year: int, quarter: int) -> PeriodInfo:
    first = 3 * (quarter - 1) + 1
    return PeriodInfo(PeriodKind.QUARTER, year, quarter, date(year, first, 1), _next_month(year, first + 2))


def year_period(year: int) -> PeriodInfo:
    return PeriodInfo(PeriodKind.YEAR, year, 1, date(year, 1, 1), date(year + 1, 1, 1))


_PATTERNS = (
    (re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE), lambda y, n: quarter_period(y, n)),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), lambda y, n: month_period(y, n)),
    (re.compile(r"^(\d{4})$"), lambda y, _n: year_period(y)),
)


def parse_period(text: str) -> PeriodInfo:
    """`2026-07` / `2026-7` (month), `2026-Q3` (quarter), `2026` (year). XzError
    `reports.bad_period` (text) otherwise."""
    value = "".join((text or "").split())
    for pattern, make in _PATTERNS:
        match = pattern.match(value)
        if not match:
            continue
        year = int(match.group(1))
        number = int(match.group(2)) if match.lastindex and match.lastindex > 1 else 1
        if not 2000 <= year <= 2100 or not 1 <= number <= 12:
            break
        return make(year, number)
    raise XzError("reports.bad_period", text=value[:16])
