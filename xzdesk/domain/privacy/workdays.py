"""Working days in mainland China, for the due date of a data-subject request.

GB/T 35273-2020 §8.7 asks a controller to answer a data subject's request within 15 working days
(PIPL Arts. 45, 47 and 50 require a timely answer and a channel for requests). A working day is
a weekday that is not a public holiday, plus the weekend days the State Council declares working
days (调休上班).

The table below is kept by hand from the State Council's yearly notice:

- 2026: 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电, 2025-11-04): holidays and the
  weekend working days (1-04, 2-14, 2-28, 5-09, 9-20, 10-10) as published.
- 2027: the notice is published in November of the year before and was not available when this
  table was written. Only the statutory holidays of the 全国年节及纪念日放假办法 (as amended
  2024, in force 2025-01-01) are listed: 元旦 1 day, 春节 4 days (除夕 to 初三), 清明 1, 劳动节 2,
  端午 1, 中秋 1, 国庆 3; lunar dates computed from the new moons (春节 2027-02-06, 端午 06-09,
  中秋 09-15). The bridging days and weekend working days are unknown, so 2027 due dates are
  marked provisional: update `HOLIDAYS`/`WORKING_WEEKENDS` and add 2027 to `PUBLISHED_YEARS` when
  the notice appears.
- Any other year: weekends only, provisional.

In a provisional year an unknown bridging day off only makes the computed date earlier than the
real one (safe), but an unknown weekend working day makes it one day later than the real one: the
UI shows the "provisional" mark so that the privacy officer plans with a margin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

REQUEST_WORKING_DAYS = 15


def _days(year: int, spans: tuple[tuple[int, int, int, int], ...]) -> frozenset[date]:
    out: set[date] = set()
    for m1, d1, m2, d2 in spans:
        day, last = date(year, m1, d1), date(year, m2, d2)
        while day <= last:
            out.add(day)
            day += timedelta(days=1)
    return frozenset(out)


# Days off (including weekend days inside a holiday span, which changes nothing).
HOLIDAYS: frozenset[date] = (
    _days(2026, (
        (1, 1, 1, 3),  # 元旦
        (2, 15, 2, 23),  # 春节
        (4, 4, 4, 6),  # 清明节
        (5, 1, 5, 5),  # 劳动节
        (6, 19, 6, 21),  # 端午节
        (9, 25, 9, 27),  # 中秋节
        (10, 1, 10, 7),  # 国庆节
    ))
    | _days(2027, (
        (1, 1, 1, 1),  # 元旦 (statutory day only)
        (2, 5, 2, 8),  # 春节: 除夕 to 初三 (statutory days only)
        (4, 5, 4, 5),  # 清明节
        (5, 1, 5, 2),  # 劳动节
        (6, 9, 6, 9),  # 端午节
        (9, 15, 9, 15),  # 中秋节
        (10, 1, 10, 3),  # 国庆节
    ))
)  # fmt: skip

# Weekend days declared working days (调休上班).
WORKING_WEEKENDS: frozenset[date] = frozenset(
    {date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20), date(2026, 10, 10)}
)

# Years whose full arrangement (holidays and working weekends) is in the table.
PUBLISHED_YEARS: frozenset[int] = frozenset({2026})


def is_working_day(day: date) -> bool:
    if day in WORKING_WEEKENDS:
        return True
    if day in HOLIDAYS:
        return False
    return day.weekday() < 5


@dataclass(frozen=True)
class DueDateInfo:
    due: date
    provisional: bool  # some day counted lies in a year whose arrangement is not in the table


def add_working_days(start: date, days: int = REQUEST_WORKING_DAYS) -> DueDateInfo:
    """The date `days` working days after `start` (the day of receipt is not counted: a request
    received on Monday 2026-03-02 is due 15 working days later, on Monday 2026-03-23)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    provisional = start.year not in PUBLISHED_YEARS
    left = days
    while left:
        day += timedelta(days=1)
        provisional = provisional or day.year not in PUBLISHED_YEARS
        if is_working_day(day):
            left -= 1
    return DueDateInfo(day, provisional)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
