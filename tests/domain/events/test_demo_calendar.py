"""A plausible demo calendar (issue 10, item 12): 七夕 in August by the lunar calendar, 5·20 in
May, 国庆 in the October holidays, 元旦 and 春节 on weekends, ordinary events on Saturdays and
Sundays, past ones and coming ones around today; the same for the same seed."""

from __future__ import annotations

import random
from datetime import date

import pytest

from xzdesk.domain.events.codes import EventKind
from xzdesk.domain.events.seed import plan_calendar

FESTIVAL_DAYS = {
    "七夕": {date(2025, 8, 29), date(2026, 8, 19), date(2027, 8, 8)},
    "5·20": {date(2025, 5, 20), date(2026, 5, 20), date(2027, 5, 20)},
}


@pytest.mark.parametrize("today", [date(2026, 12, 6), date(2026, 8, 1), date(2026, 5, 1), date(2027, 2, 1),
                                   date(2026, 9, 25)])
def test_calendar_is_plausible(today):
    plan = plan_calendar(today, 8, random.Random("xzdesk-events-2026"))
    assert len(plan) == 8 and len({o.day for o in plan}) == 8
    assert [o.day for o in plan] == sorted(o.day for o in plan)
    assert any(o.day < today for o in plan) and sum(o.day > today for o in plan) >= 3
    assert {o.kind for o in plan} == set(EventKind)  # every kind once at least
    for o in plan:
        if "七夕" in o.title:
            assert o.day in FESTIVAL_DAYS["七夕"]
        elif "5·20" in o.title:
            assert o.day in FESTIVAL_DAYS["5·20"]
        elif "国庆" in o.title:
            assert o.day.month == 10 and o.day.day <= 7
        elif "元旦" in o.title:
            assert o.day.weekday() == 5 and (o.day.month, o.day.day) >= (12, 25)
        elif "新春" in o.title:
            assert o.day.weekday() == 5 and o.day.month in (1, 2, 3)
        else:  # an ordinary event: on a weekend
            assert o.day.weekday() >= 5, (o.day, o.title)
        if o.day.weekday() < 5:
            assert o.start_time >= "18:00"  # a working day: an evening event
        assert "五月" not in o.title or o.day.month == 5


def test_festivals_fall_in_the_window_and_at_most_half():
    plan = plan_calendar(date(2026, 8, 1), 8, random.Random(1))
    titles = [o.title for o in plan]
    assert any("七夕" in t for t in titles) and any("5·20" in t for t in titles)
    assert sum(any(f in t for f in ("七夕", "5·20", "国庆", "元旦", "新春")) for t in titles) <= 4
    november = plan_calendar(date(2026, 11, 15), 8, random.Random(1))
    assert not any("七夕" in o.title and o.day.month != 8 for o in november)


def test_calendar_is_deterministic_for_a_seed():
    a = plan_calendar(date(2026, 12, 6), 8, random.Random("s"))
    b = plan_calendar(date(2026, 12, 6), 8, random.Random("s"))
    assert a == b
