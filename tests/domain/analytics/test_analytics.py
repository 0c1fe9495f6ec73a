"""Event analytics and scheduling suggestions on a real encrypted store, with a year of held
events made through the real services (events.seed.seed_event_history): the per-event figures
against the registrations and interest cards themselves, demand and the pool, the not-served
list, the predictor's back-test against the naive rule, and a suggestion made a draft event."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import numpy as np
import openpyxl
import pytest
from sqlalchemy import func, select

from tests.accounts import add_account
from xzdesk.domain.analytics.codes import HISTORY_MIN, NOT_SERVED_DAYS, Slot
from xzdesk.domain.analytics.dto import EventOutcomeRow, SuggestionInfo
from xzdesk.domain.analytics.export import export_analytics
from xzdesk.domain.analytics.pool import PoolArrays, fitting_partners, load_pool
from xzdesk.domain.analytics.predict import EventModel, Plan, backtest, naive
from xzdesk.domain.analytics.queries import demand, event_analytics, event_outcomes
from xzdesk.domain.analytics.service import create_suggested_event
from xzdesk.domain.analytics.suggest import Planned, choose, schedule
from xzdesk.domain.checkin.matches import mutual_matches
from xzdesk.domain.errors import PermissionDenied
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.events.seed import seed_event_history
from xzdesk.domain.introductions.models import Introduction
from xzdesk.domain.introductions.service import propose_introduction
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import CHINA_TZ, unit_of_work

HISTORY = 10


@pytest.fixture
def world(store, matchmaker):
    with unit_of_work(store, matchmaker) as uow:
        seed_members(uow, count=400, seed=5)
    with unit_of_work(store, matchmaker) as uow:
        seed_event_history(uow, count=HISTORY, seed=5)
    return store, matchmaker


def _now() -> datetime:
    return datetime.now(CHINA_TZ)


def test_each_held_event_counts_what_its_registrations_and_cards_say(world):
    store, actor = world
    with store.read() as s:
        rows = event_outcomes(s, district=None)
        assert len(rows) == HISTORY and [r.event_date for r in rows] == sorted((r.event_date for r in rows), reverse=True)
        for row in rows:
            regs = s.execute(select(EventRegistration.source, EventRegistration.status)
                             .where(EventRegistration.event_id == row.event_id)).all()  # fmt: skip
            by_source = Counter(src for src, _st in regs)
            by_status = Counter(st for _src, st in regs)
            assert (row.invited, row.online, row.walk_ins) == (by_source["invitation"], by_source["online"], by_source["walk_in"])
            assert row.came == by_status["attended"] and row.no_shows == by_status["no_show"]
            assert row.waitlisted == by_status["waitlisted"]
            assert row.approved == row.came + row.no_shows + by_status["approved"]
            assert row.mutual == len(mutual_matches(s, event_id=row.event_id))
            assert row.mutual <= row.cards <= row.came
            assert row.dating <= row.introductions <= row.mutual
        assert sum(r.mutual for r in rows) > 0 and sum(r.online for r in rows) > 0 and sum(r.waitlisted for r in rows) > 0


def test_analytics_show_demand_the_pool_and_who_waited(world):
    store, actor = world
    with store.read() as s:
        info = event_analytics(s, actor=actor, now=_now())
        pool = load_pool(s, today=_now().date(), district=None)
    assert info.pool_size == len(pool) > 0
    sexes = {r.key: r for r in info.demand if r.dimension == "sex"}
    assert sexes["1"].pool + sexes["2"].pool == info.pool_size
    assert sum(r.sign_ups for r in sexes.values()) > 0
    assert sum(c.people for c in info.pool) <= info.pool_size
    assert [c.ratio for c in info.pool if c.short] == sorted(c.ratio for c in info.pool if c.short)
    # not served: no registration for NOT_SERVED_DAYS; the history's registrations are older than
    # that only for events long ago
    cutoff = _now().date() - timedelta(days=NOT_SERVED_DAYS)
    listed = {r.member_id: r for r in info.not_served}
    assert listed and info.not_served_total >= len(listed)
    with store.read() as s:
        recent = set(s.execute(select(EventRegistration.member_id).where(
            EventRegistration.requested_at >= datetime.combine(cutoff, datetime.min.time(), tzinfo=UTC))).scalars())  # fmt: skip
    assert not recent & set(listed), "someone offered an event lately is listed as not served"
    assert all(r.name_masked.endswith("*") and len(r.name_masked) <= 3 for r in listed.values())


def test_partners_fit_both_ways_and_in_the_same_district():
    # two women 30 (want 30-35); men 32 (wants 25-31: fits), 34 (wants 35-40: not), 33 elsewhere
    pool = PoolArrays(
        ids=("w1", "w2", "m1", "m2", "m3"), sex=np.array([2, 2, 1, 1, 1]), age=np.array([30, 30, 32, 34, 33]),
        district=("A", "A", "A", "A", "B"), sector=(None,) * 5, hobbies=((),) * 5,
        want_lo=np.array([30, 30, 25, 35, 20]), want_hi=np.array([35, 35, 31, 40, 40]), last_offered=(None,) * 5,
    )  # fmt: skip
    partners, each = fitting_partners(pool, np.array([0, 1]))
    assert partners == 1 and each.tolist() == [1, 1]


def _row(i: int, kind: str, came: int, mutual: int, day: date, start: str = "14:30") -> EventOutcomeRow:
    return EventOutcomeRow(f"e{i}", f"C{i}", f"event {i}", kind, day, start, None, "v", None, 40, 40, 0, 0, 40, 0,
                           came, 40 - came, came, mutual, 0, 0)  # fmt: skip


def test_the_naive_rule_repeats_the_last_event_of_the_format():
    d = date(2026, 1, 3)
    rows = [_row(1, "mixer", 30, 3, d), _row(2, "salon", 20, 5, d + timedelta(days=7)),
            _row(3, "mixer", 25, 2, d + timedelta(days=14))]  # fmt: skip
    assert naive(rows, Plan("mixer", Slot.WEEKEND_AFTERNOON, 40, d + timedelta(days=30))) == (25.0, 2.0)
    assert naive(rows, Plan("outdoor", Slot.WEEKEND_AFTERNOON, 40, d + timedelta(days=30))) == (25.0, 2.0)
    assert naive(rows, Plan("mixer", Slot.WEEKEND_AFTERNOON, 40, d)) is None  # nothing before it


def test_the_model_learns_the_formats_and_beats_the_naive_rule_when_formats_alternate():
    # turnout depends on the format (outdoor 20, salon 34) with noise; formats alternate, so the
    # last event of the same format is one noisy draw while the model pools all of them
    rng = np.random.default_rng(1)
    d = date(2025, 1, 4)
    rows = []
    for i in range(30):
        kind = ("outdoor", "salon")[i % 2]
        came = int(rng.poisson(20 if kind == "outdoor" else 34))
        rows.append(_row(i, kind, came, came // 8, d + timedelta(weeks=i)))
    test = backtest(rows)
    assert len(test.rows) == 30 - HISTORY_MIN
    assert test.model_turnout is not None and test.naive_turnout is not None
    assert test.model_turnout.mae < test.naive_turnout.mae and test.model_wins
    manual = sum(abs(r.naive_turnout - r.turnout) for r in test.rows) / len(test.rows)
    assert test.naive_turnout.mae == round(manual, 2)
    model = EventModel.fit(rows)
    assert model is not None
    outdoor, _m = model.predict(Plan("outdoor", Slot.WEEKEND_AFTERNOON, 40, d))
    salon, _m = model.predict(Plan("salon", Slot.WEEKEND_AFTERNOON, 40, d))
    assert 16 < outdoor < 24 and 30 < salon < 38


def test_a_suggestion_becomes_a_draft_event_inviting_who_waited(world):
    store, actor = world
    with store.read() as s:
        plan = schedule(s, actor=actor, now=_now())
    assert plan.history == HISTORY and plan.suggestions
    assert len(plan.backtest.rows) == HISTORY - HISTORY_MIN
    first = plan.suggestions[0]
    assert first.predicted_turnout <= first.capacity and first.expected_matches >= 0 and first.reasons
    with store.read() as s:
        before = s.execute(select(func.count()).select_from(Event)).scalar_one()
    with unit_of_work(store, actor) as uow:
        made = create_suggested_event(uow, suggestion=first, name="建议活动")
    assert made.invited > 0
    cutoff = datetime.combine(_now().date() - timedelta(days=NOT_SERVED_DAYS), datetime.min.time(), tzinfo=UTC)
    with store.read() as s:
        event = s.get(Event, made.event_id)
        assert event.status == "draft" and event.kind == first.kind and event.capacity == first.capacity
        regs = s.execute(select(EventRegistration).where(EventRegistration.event_id == made.event_id)).scalars().all()
        assert len(regs) == made.invited and {r.status for r in regs} == {"pending"}
        for reg in regs:
            older = s.execute(select(func.count()).select_from(EventRegistration).where(
                EventRegistration.member_id == reg.member_id, EventRegistration.event_id != made.event_id,
                EventRegistration.requested_at >= cutoff)).scalar_one()  # fmt: skip
            assert older == 0, "an invited member had been offered an event lately"
        assert s.execute(select(func.count()).select_from(Event)).scalar_one() == before + 1


def test_refused_to_roles_without_the_right_and_nothing_is_written(world):
    store, _actor = world
    auditor = add_account(store, username="au", display_name="审计", role=Role.AUDITOR)
    with store.read() as s, pytest.raises(PermissionDenied):
        event_analytics(s, actor=auditor, now=_now())
    with store.read() as s:
        plan = schedule(s, actor=_actor, now=_now())
        before = s.execute(select(func.count()).select_from(Event)).scalar_one()
    staff = add_account(store, username="es", display_name="场馆", role=Role.EVENT_STAFF)
    with pytest.raises(PermissionDenied), unit_of_work(store, staff) as uow:
        create_suggested_event(uow, suggestion=plan.suggestions[0], name="x")
    with store.read() as s:
        assert s.execute(select(func.count()).select_from(Event)).scalar_one() == before


def _suggestion(kind: str, district: str, slot: str, age_min: int) -> SuggestionInfo:
    return SuggestionInfo(f"{kind}|{district}|{slot}|{age_min}", kind, None, district, "v", date(2027, 1, 1), "14:30",
                          slot, 20, 10, 10, age_min, age_min + 10, 50, 15.0, 2.0, "poisson", ())  # fmt: skip


def test_chosen_suggestions_vary_and_avoid_days_already_planned():
    today = date(2026, 12, 7)  # a Monday
    candidates = [(10.0 - i, _suggestion("mixer" if i < 4 else "salon", f"d{i}", "weekend_afternoon" if i < 3 else
                                         "weekday_evening", 22 if i % 2 else 28)) for i in range(8)]  # fmt: skip
    first_saturday = date(2026, 12, 26)  # FIRST_WEEK (3) weeks on, on the slot's Saturday
    planned = Planned(days=frozenset({first_saturday}), events=frozenset({("salon", None, "d4")}))
    chosen = choose(candidates, today=today, planned=planned)
    kinds = Counter(s.kind for s in chosen)
    slots = Counter(s.slot for s in chosen)
    ages = Counter(s.age_min for s in chosen)
    assert max(kinds.values()) <= 2 and max(slots.values()) <= 2 and max(ages.values()) <= 2
    assert [s.district_code for s in chosen] == ["d0", "d1", "d5", "d6"]  # the best first; d4 is planned already
    assert first_saturday not in {s.event_date for s in chosen}
    assert chosen[0].event_date == first_saturday + timedelta(weeks=1)
    assert len({s.event_date for s in chosen}) == len(chosen)


def test_the_export_leaves_no_person_and_hides_small_counts(world, tmp_path):
    store, actor = world
    path = tmp_path / "analytics.xlsx"
    with unit_of_work(store, actor) as uow:
        made = export_analytics(uow, path=path)
    assert made.path == path and made.events == HISTORY
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["往期活动", "需求", "会员供需"]
    cells = [c for ws in book for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    with store.read() as s:
        numbers = set(s.execute(select(Member.member_no)).scalars())
        names = set(s.execute(select(Member.name)).scalars())
    assert not {str(c) for c in cells} & (numbers | names), "a member is named in the export"
    events = book["往期活动"]
    rows = list(events.iter_rows(min_row=4, max_row=3 + HISTORY, values_only=True))
    counts = [c for r in rows for c in r[4:]]
    assert all(c in ("<5", "*") or (isinstance(c, int) and (c == 0 or c >= 5)) for c in counts), counts
    assert "<5" in counts  # the history has small figures (mutual pairs, dating pairs)
    with store.read() as s:
        info = event_analytics(s, actor=actor, now=_now())
    by_code = {e.code: e for e in info.events}
    for r in rows:
        e = by_code[r[1]]
        if isinstance(r[9], int):
            assert r[9] == e.came
    with store.read() as s:
        assert s.execute(select(AuditEntry.fields).where(AuditEntry.action == "report.analytics")).scalar_one() == [
            f"events:{HISTORY}"]  # fmt: skip


def test_online_interest_counts_a_want_to_meet_for_the_member_who_asked(world):
    store, actor = world
    today = _now().date()
    with store.read() as s:
        pool = load_pool(s, today=today, district=None)
        before = {r.key: r.online for r in demand(s, pool, today=today) if r.dimension == "sex"}
    man = next(pool.ids[i] for i in range(len(pool)) if pool.sex[i] == 1)
    woman = next(pool.ids[i] for i in range(len(pool)) if pool.sex[i] == 2)
    with unit_of_work(store, actor) as uow:
        made = propose_introduction(uow, member_a=woman, member_b=man, source="online")
        row = uow.session.get(Introduction, made.id)
        # the second of the ordered pair asked ("想认识"), answering yes as it asked, as the member app records it
        row.b_response, row.b_responded_at = "accepted", row.proposed_at
        asker_sex = "2" if row.member_b_id == woman else "1"
    with store.read() as s:
        after = {r.key: r.online for r in demand(s, pool, today=today) if r.dimension == "sex"}
    assert after == {**before, asker_sex: before[asker_sex] + 1}
