from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xzdesk.domain.errors import XzError
from xzdesk.domain.seating import (
    RotationSettingsInfo,
    SeatGuestInfo,
    schedule_rotation,
    schedule_speed_dating,
)

M, W = 1, 2


def people(prefix, n, sex, employers):
    return [SeatGuestInfo(f"{prefix}{i}", sex, employers[i % len(employers)] if employers else None)
            for i in range(n)]


def meetings(schedule) -> list[tuple[int, str, str]]:
    return [(s.round_no, s.seated_id, s.rotating_id) for s in schedule.slots()]


def check_schedule(seated, rotating, settings, schedule):
    """The invariants every schedule keeps. Returns the pairs met."""
    S, R = len(seated), len(rotating)
    N = max(S, R)
    wanted = N if settings.rounds is None else settings.rounds
    assert schedule.n_rounds == (min(N, wanted) if S and R else 0)
    emp = {g.id: g.employer_key for g in (*seated, *rotating)}
    rows = meetings(schedule)
    pairs = [(s, r) for _, s, r in rows]
    assert len(pairs) == len(set(pairs)), "a pair met twice"
    assert not [p for p in pairs if emp[p[0]] is not None and emp[p[0]] == emp[p[1]]], "colleagues paired"
    for r in range(1, schedule.n_rounds + 1):
        this = [(s, o) for n, s, o in rows if n == r]
        assert len({s for s, _ in this}) == len(this) and len({o for _, o in this}) == len(this)
        resting_s, resting_r = schedule.resting(r)
        assert set(resting_s) | {s for s, _ in this} == {g.id for g in seated}
        assert set(resting_r) | {o for _, o in this} == {g.id for g in rotating}
    # tables: the seated guest's own, 1-based
    table_of = {g.id: k + 1 for k, g in enumerate(seated)}
    assert all(s.table_no == table_of[s.seated_id] for s in schedule.slots())
    # every round has min(S, R) seats in use, less the colleague pairs that had to be skipped
    assert len(rows) + schedule.skipped_colleague_pairs == schedule.n_rounds * min(S, R)
    check_times(settings, schedule)
    check_person_views(schedule, seated, rotating)
    return set(pairs)


def check_times(settings, schedule):
    rounds = schedule.rounds
    breaks = {b.after_round: b for b in schedule.breaks}
    if rounds:
        assert rounds[0].start_minute == settings.start_minute
    for i, rnd in enumerate(rounds):
        assert rnd.round_no == i + 1
        assert rnd.end_minute - rnd.start_minute == settings.round_minutes
        if i + 1 < len(rounds):
            gap = rounds[i + 1].start_minute - rnd.end_minute
            has_break = (settings.break_every > 0 and settings.break_minutes > 0
                         and (i + 1) % settings.break_every == 0)
            assert (rnd.round_no in breaks) == has_break
            assert gap == settings.changeover_minutes + (settings.break_minutes if has_break else 0)
            if has_break:
                b = breaks[rnd.round_no]
                assert (b.start_minute, b.end_minute) == (rnd.end_minute, rnd.end_minute + settings.break_minutes)
    assert all(b.after_round < len(rounds) for b in schedule.breaks)  # never after the last round
    for slot in schedule.slots():
        rnd = rounds[slot.round_no - 1]
        assert (slot.start_minute, slot.end_minute) == (rnd.start_minute, rnd.end_minute)


def check_person_views(schedule, seated, rotating):
    by_person = schedule.partners_by_person()
    cards = schedule.card_rows()
    assert set(by_person) == set(cards) == {g.id for g in (*seated, *rotating)}
    met = {(s.round_no, s.seated_id): s for s in schedule.slots()}
    met_r = {(s.round_no, s.rotating_id): s for s in schedule.slots()}
    for g in seated:
        assert len(by_person[g.id]) == schedule.n_rounds
        for r, partner in enumerate(by_person[g.id], start=1):
            slot = met.get((r, g.id))
            assert partner == (slot.rotating_id if slot else None)
            card = cards[g.id][r - 1]
            assert (card.round_no, card.partner_id, card.table_no) == (r, partner, slot.table_no if slot else None)
    for g in rotating:
        for r, partner in enumerate(by_person[g.id], start=1):
            slot = met_r.get((r, g.id))
            assert partner == (slot.seated_id if slot else None)
            assert cards[g.id][r - 1].table_no == (slot.table_no if slot else None)


settings_strategy = st.builds(
    RotationSettingsInfo,
    round_minutes=st.integers(1, 10), changeover_minutes=st.integers(0, 3),
    break_every=st.integers(0, 4), break_minutes=st.integers(0, 15), start_minute=st.integers(0, 120),
    rounds=st.none() | st.integers(0, 16),
)


@given(st.integers(0, 12), st.integers(0, 12), st.lists(st.sampled_from([None, "A", "B", "C"]), max_size=6),
       settings_strategy)
def test_random_schedules_keep_every_rule(n_seated, n_rotating, employers, settings):
    seated = people("S", n_seated, W, employers)
    rotating = people("R", n_rotating, M, employers[::-1])
    schedule = schedule_rotation(seated, rotating, settings=settings)
    pairs = check_schedule(seated, rotating, settings, schedule)
    if settings.rounds is None or settings.rounds >= max(n_seated, n_rotating):
        allowed = {(s.id, r.id) for s in seated for r in rotating
                   if s.employer_key is None or s.employer_key != r.employer_key}
        assert pairs == allowed  # rounds suffice: every possible pair meets (exactly once)


@given(st.integers(1, 15), st.integers(1, 15), st.integers(1, 15))
def test_rests_are_spread_evenly(n_seated, n_rotating, rounds):
    seated = people("S", n_seated, W, [])
    rotating = people("R", n_rotating, M, [])
    schedule = schedule_rotation(seated, rotating, settings=RotationSettingsInfo(rounds=rounds))
    assert schedule.skipped_colleague_pairs == 0
    partners = schedule.partners_by_person()
    for group in (seated, rotating):
        for last in range(1, schedule.n_rounds + 1):  # every prefix of the session
            rests = [sum(1 for p in partners[g.id][:last] if p is None) for g in group]
            assert max(rests) - min(rests) <= 1


def test_speed_dating_200_by_200_with_colleagues():
    employers = [f"E{i}" for i in range(37)]
    women = people("W", 200, W, employers)
    men = people("M", 200, M, employers[5:] + employers[:5])
    settings = RotationSettingsInfo(round_minutes=5, changeover_minutes=1, break_every=10, break_minutes=15)
    schedule = schedule_speed_dating(women + men, settings=settings)
    assert schedule.seated_ids == tuple(g.id for g in women)  # women stay seated by default
    pairs = check_schedule(women, men, settings, schedule)
    colleague_pairs = sum(1 for w in women for m in men if w.employer_key == m.employer_key)
    assert len(pairs) == 200 * 200 - colleague_pairs
    assert schedule.skipped_colleague_pairs == colleague_pairs
    assert len(schedule.breaks) == 19 and schedule.end_minute == 200 * 6 - 1 + 19 * 15


def test_colleague_repairs_keep_rests_even():
    employers = [f"E{i}" for i in range(60)]
    women = people("W", 200, W, employers)
    men = people("M", 170, M, employers[::-1])
    settings = RotationSettingsInfo(rounds=15)
    schedule = schedule_rotation(women, men, settings=settings)
    check_schedule(women, men, settings, schedule)
    assert schedule.skipped_colleague_pairs == 0
    partners = schedule.partners_by_person()
    for group in (women, men):
        rests = [sum(p is None for p in partners[g.id]) for g in group]
        assert max(rests) - min(rests) <= 1


def test_limited_rounds_avoid_and_repair_colleague_pairs():
    women = people("W", 30, W, ["A", "B", "C"])
    men = people("M", 24, M, ["A", "B", "C", None])
    settings = RotationSettingsInfo(rounds=8)
    schedule = schedule_rotation(women, men, settings=settings)
    check_schedule(women, men, settings, schedule)
    assert schedule.n_rounds == 8 and schedule.skipped_colleague_pairs == 0
    assert schedule.meetings() == 8 * 24
    rests = Counter(p is None for g in women for p in schedule.partners_by_person()[g.id])
    assert rests[True] == 8 * (30 - 24)


def test_unequal_groups_use_rest_slots():
    women = people("W", 3, W, [])
    men = people("M", 5, M, [])
    schedule = schedule_speed_dating(women + men, seated_sex=M)
    assert schedule.seated_ids == ("M0", "M1", "M2", "M3", "M4") and schedule.n_rounds == 5
    by_person = schedule.partners_by_person()
    assert all(sum(p is None for p in by_person[m.id]) == 2 for m in men)
    assert all(sum(p is None for p in by_person[w.id]) == 0 for w in women)
    assert isinstance(schedule.partners, np.ndarray) and not schedule.partners.flags.writeable


def test_empty_and_invalid():
    empty = schedule_rotation([], people("R", 3, M, []))
    assert empty.n_rounds == 0 and empty.slots() == () and empty.end_minute == 0
    for bad in (RotationSettingsInfo(round_minutes=0), RotationSettingsInfo(break_every=-1),
                RotationSettingsInfo(rounds=-2), RotationSettingsInfo(changeover_minutes=-1)):
        with pytest.raises(XzError) as err:
            schedule_rotation([], [], settings=bad)
        assert err.value.code == "rotation.invalid_settings"
    with pytest.raises(XzError) as err:
        schedule_rotation(people("X", 1, W, []), people("X", 1, M, []))
    assert err.value.code == "rotation.duplicate_guest"
    with pytest.raises(XzError) as err:
        schedule_speed_dating([SeatGuestInfo("a", 0)])
    assert err.value.code == "seating.invalid_sex"
