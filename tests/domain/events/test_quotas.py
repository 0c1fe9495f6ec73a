"""Capacity and quotas, the waiting list and number plates: worked examples, then a property
test that drives random operation sequences and checks the invariants against an independent
count made from the stored rows."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.domain.events._factory import AgeBandInfo, People, make_event
from xzdesk.domain.errors import XzError
from xzdesk.domain.events import prints
from xzdesk.domain.events import queries as q
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.members.identity import age_on
from xzdesk.domain.members.models import Member
from xzdesk.domain.uow import unit_of_work


def _status(store, reg_id):
    with store.read() as s:
        return s.get(EventRegistration, reg_id).status


def test_waiting_list_order_and_promotion_by_the_freed_place(store, matchmaker):
    people = People()
    m1, m2, m3, m4 = (people.make(store, matchmaker, sex=1, age=28) for _ in range(4))
    f1, f2, f3 = (people.make(store, matchmaker, sex=2, age=28) for _ in range(3))
    eid = make_event(store, matchmaker, capacity=4, quota_male=2, quota_female=2)
    with unit_of_work(store, matchmaker) as uow:
        first = ev.invite_members(uow, event_id=eid, member_ids=[m1, m2, f1, f2])
        queue = ev.invite_members(uow, event_id=eid, member_ids=[m3, f3, m4])
    assert len(first.approved) == 4 and len(queue.waitlisted) == 3
    r_m1, _r_m2, r_f1, _r_f2 = first.approved
    r_m3, r_f3, r_m4 = queue.waitlisted
    with store.read() as s:
        assert [q.registration_info(s, r).waitlist_position for r in queue.waitlisted] == [1, 2, 3]
        balance = q.quota_balance(s, event_id=eid)
    assert (balance.capacity, balance.approved, balance.waitlisted, balance.free) == (4, 4, 3, 0)
    assert [(c.sex, c.limit, c.approved, c.free) for c in balance.by_sex] == [(1, 2, 2, 0), (2, 2, 2, 0)]

    with unit_of_work(store, matchmaker) as uow:  # a woman's place: the waiting man cannot take it
        result = ev.cancel_registration(uow, registration_id=r_f1)
    assert [p.id for p in result.promoted] == [r_f3]
    assert result.promoted[0].plate == "F03" and result.registration.plate == "F01"
    with unit_of_work(store, matchmaker) as uow:  # a man's place: the first waiting man
        result = ev.cancel_registration(uow, registration_id=r_m1)
    assert [p.id for p in result.promoted] == [r_m3] and result.promoted[0].plate == "M03"
    assert _status(store, r_m4) == "waitlisted"
    with store.read() as s:
        assert q.registration_info(s, r_m4).waitlist_position == 1


def test_age_band_and_band_sex_quotas(store, matchmaker):
    people = People()
    young_m = [people.make(store, matchmaker, sex=1, age=25) for _ in range(3)]
    young_f = [people.make(store, matchmaker, sex=2, age=25) for _ in range(2)]
    older = [people.make(store, matchmaker, sex=1, age=35) for _ in range(2)]
    teen_age = people.make(store, matchmaker, sex=2, age=19)
    eid = make_event(store, matchmaker, capacity=10, age_min=20, age_max=39,
                     age_bands=(AgeBandInfo(20, 29, limit=3, male_limit=1), AgeBandInfo(30, 39, limit=1)))
    with unit_of_work(store, matchmaker) as uow:
        res = ev.invite_members(uow, event_id=eid, member_ids=young_m + young_f + older + [teen_age])
    assert len(res.approved) == 4  # 1 young man, 2 young women, 1 older man
    assert len(res.waitlisted) == 3 and res.skipped[0].problems == ("age",)
    with store.read() as s:
        balance = q.quota_balance(s, event_id=eid)
        cells = {(c.sex, c.band_index): c for c in balance.cells}
    assert (cells[(1, 0)].limit, cells[(1, 0)].approved, cells[(1, 0)].waitlisted, cells[(1, 0)].free) == (1, 1, 2, 0)
    assert (cells[(2, 0)].approved, cells[(2, 0)].free) == (2, 0)  # band limit 3 reached
    assert (cells[(1, 1)].limit, cells[(1, 1)].approved, cells[(1, 1)].free) == (1, 1, 0)
    assert (1, None) not in cells  # the bands cover the whole age range
    assert balance.free == 0
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        ev.approve_registration(uow, registration_id=res.waitlisted[0])
    assert err.value.params == {"rule": "band_quota", "limit": 3, "sex": 1, "band": 0}  # first cap hit


def test_plates_in_approval_order_never_reused_and_stable_after_printing(store, matchmaker, tmp_path):
    people = People()
    men = [people.make(store, matchmaker, sex=1, age=28) for _ in range(4)]
    women = [people.make(store, matchmaker, sex=2, age=28) for _ in range(2)]
    eid = make_event(store, matchmaker, capacity=10)
    with unit_of_work(store, matchmaker) as uow:
        res = ev.invite_members(uow, event_id=eid, member_ids=[men[0], women[0], men[1]], approve=False)
        for reg_id in reversed(res.pending):  # approval order decides the plates
            ev.approve_registration(uow, registration_id=reg_id)
    with store.read() as s:
        plates = {r.member_id: r.plate for r in s.execute(select(EventRegistration)).scalars()}
    assert (plates[men[1]], plates[women[0]], plates[men[0]]) == ("M01", "F01", "M02")
    with unit_of_work(store, matchmaker) as uow:
        printed = prints.print_badges(uow, event_id=eid, out=tmp_path / "b.pdf")
        ev.cancel_registration(uow, registration_id=res.pending[2])  # M01 cancelled
        later = ev.invite_members(uow, event_id=eid, member_ids=[men[2]])
        ev.reopen_registration(uow, registration_id=res.pending[2])
        back = ev.approve_registration(uow, registration_id=res.pending[2])
    assert printed.plates_marked == 3
    with store.read() as s:
        assert s.get(EventRegistration, later.approved[0]).plate == "M03"  # M01 is not handed on
    assert back.plate == "M01" and back.plate_printed_at is not None  # the person keeps their plate
    with unit_of_work(store, matchmaker) as uow:
        again = prints.print_badges(uow, event_id=eid, out=tmp_path / "b2.pdf")
    assert again.plates_marked == 1  # only M03 is new; printed plates keep their first print time
    with store.read() as s:
        stamps = {r.plate: r.plate_printed_at for r in s.execute(select(EventRegistration)).scalars()}
    assert stamps["M01"] == stamps["F01"] == stamps["M02"] and stamps["M03"] > stamps["M01"]


# --- property test ---------------------------------------------------------------------------------
def _check_invariants(store, event_id, seen_plates: dict[str, str]) -> None:
    """Independent of the service code: recount from the rows."""
    with store.read() as s:
        event = s.get(Event, event_id)
        rows = s.execute(select(EventRegistration, Member).join(Member, Member.id == EventRegistration.member_id)
                         .where(EventRegistration.event_id == event_id)).all()
        s.expunge_all()  # keep the loaded values after the read session ends
    bands = [AgeBandInfo.from_json(b) for b in event.age_bands]

    def band(member):
        age = age_on(member.birth_date, event.event_date)
        return next((i for i, b in enumerate(bands) if b.contains(age)), None)

    taken = [(int(m.sex), band(m)) for r, m in rows if r.status in ("approved", "attended", "no_show")]
    caps = [(None, None, event.capacity), (1, None, event.quota_male), (2, None, event.quota_female)]
    for i, b in enumerate(bands):
        caps += [(None, i, b.limit), (1, i, b.male_limit), (2, i, b.female_limit)]

    def room(sex, b):
        return all(limit is None or sum(1 for s2, b2 in taken if (cs in (None, s2)) and (cb in (None, b2))) < limit
                   for cs, cb, limit in caps if (cs in (None, sex)) and (cb in (None, b)))

    for cs, cb, limit in caps:
        if limit is not None:
            n = sum(1 for s2, b2 in taken if (cs in (None, s2)) and (cb in (None, b2)))
            assert n <= limit, (cs, cb, n, limit)
    plates = [r.plate for r, _m in rows if r.plate]
    assert len(plates) == len(set(plates)), "a plate is held twice"
    for r, m in rows:
        if r.status in ("approved", "attended"):
            assert r.plate and r.plate[0] == ("M" if m.sex == 1 else "F") and r.token
        if r.plate:
            assert seen_plates.setdefault(r.id, r.plate) == r.plate, "a plate changed"
        if r.status == "waitlisted":  # the list is maximal: nobody waiting fits
            assert not room(int(m.sex), band(m))


@pytest.fixture
def pool(store, matchmaker):
    people = People()
    men = [people.make(store, matchmaker, sex=1, age=25 + 10 * (i % 2)) for i in range(7)]
    women = [people.make(store, matchmaker, sex=2, age=25 + 10 * (i % 2)) for i in range(7)]
    return men + women


OPS = st.sampled_from(["invite", "invite", "invite_pending", "approve_pending", "approve_one", "cancel", "cancel",
                       "reopen", "promote", "capacity"])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=st.data())
def test_random_operations_keep_quotas_plates_and_queue(store, matchmaker, pool, data):
    capacity = data.draw(st.integers(1, 10), "capacity")
    quota = st.one_of(st.none(), st.integers(0, capacity), st.integers(0, min(3, capacity)))
    bands = data.draw(st.one_of(st.just(()), st.tuples(
        st.builds(AgeBandInfo, st.just(20), st.just(29), quota, quota, quota),
        st.builds(AgeBandInfo, st.just(30), st.just(39), quota, quota, quota))), "bands")
    eid = make_event(store, matchmaker, capacity=capacity, quota_male=data.draw(quota, "qm"),
                     quota_female=data.draw(quota, "qf"), age_bands=bands)
    seen: dict[str, str] = {}
    for _ in range(data.draw(st.integers(3, 10), "steps")):
        op = data.draw(OPS, "op")
        with store.read() as s:
            regs = s.execute(select(EventRegistration).where(EventRegistration.event_id == eid)
                             .order_by(EventRegistration.id)).scalars().all()
            s.expunge_all()
        try:
            with unit_of_work(store, matchmaker) as uow:
                if op in ("invite", "invite_pending"):
                    picked = data.draw(st.permutations(pool), "order")[: data.draw(st.integers(2, 10), "n")]
                    ev.invite_members(uow, event_id=eid, member_ids=picked, approve=op == "invite")
                elif op == "approve_pending":
                    ev.approve_pending(uow, event_id=eid)
                elif op == "promote":
                    ev.promote_waitlist(uow, event_id=eid)
                elif op == "capacity":
                    ev.update_event(uow, event_id=eid, changes={"capacity": data.draw(st.integers(1, 12), "cap")})
                elif regs:
                    reg = data.draw(st.sampled_from(regs), "reg")
                    if op == "approve_one":
                        ev.approve_registration(uow, registration_id=reg.id, waitlist_if_full=data.draw(st.booleans()))
                    elif op == "cancel":
                        before = {r.id for r in regs if r.status == "waitlisted"}
                        result = ev.cancel_registration(uow, registration_id=reg.id)
                        promoted = [p.id for p in result.promoted]
                        queue = [r.id for r in sorted((r for r in regs if r.id in before),
                                                      key=lambda r: (r.requested_at, r.id))]
                        assert promoted == [rid for rid in queue if rid in promoted]  # in queue order
                    else:
                        ev.reopen_registration(uow, registration_id=reg.id)
        except XzError as exc:
            assert exc.code in {"events.quota_full", "events.bad_transition", "events.capacity_below_approved",
                                "events.quota_below_approved", "validation.failed"}, exc.code
        _check_invariants(store, eid, seen)
    with store.read() as s:
        balance = q.quota_balance(s, event_id=eid)
        counts = Counter(r.status for r in s.execute(select(EventRegistration).where(
            EventRegistration.event_id == eid)).scalars())
    assert balance.approved == counts["approved"] + counts["attended"] + counts["no_show"] <= balance.capacity
    assert balance.waitlisted == counts["waitlisted"] and balance.pending == counts["pending"]
