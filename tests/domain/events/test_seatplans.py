"""Seat plans and speed-dating rotations through the events services on a real store."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.domain.events._factory import People, make_event
from xzdesk.domain.errors import Cancelled, ValidationError, XzError
from xzdesk.domain.events import seatplans as sp
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import EventSeat
from xzdesk.domain.progress import CancelToken
from xzdesk.domain.seating import RotationSettingsInfo, SeatRef
from xzdesk.domain.uow import unit_of_work


@pytest.fixture
def seated_event(store, matchmaker):
    """12 guests (6 men, 6 women; two men and a woman from one employer) on 3 tables of 4."""
    people = People()
    men = [people.make(store, matchmaker, sex=1, age=28, employer="徐工集团" if i < 2 else f"单位{i}")
           for i in range(6)]
    women = [people.make(store, matchmaker, sex=2, age=28, employer="徐工 集团" if i < 1 else f"医院{i}")
             for i in range(6)]
    eid = make_event(store, matchmaker, capacity=12)
    with unit_of_work(store, matchmaker) as uow:
        res = ev.invite_members(uow, event_id=eid, member_ids=men + women)
        tables = sp.add_tables(uow, event_id=eid, count=3, capacity=4)
    return eid, list(res.approved), tables


def _state(store, eid):
    with store.read() as s:
        return sp.seat_plan_state(s, event_id=eid)


def test_tables_are_numbered_and_laid_out(store, matchmaker, seated_event):
    eid, _regs, tables = seated_event
    assert [t.label for t in tables] == ["1", "2", "3"]
    assert len({(t.x, t.y) for t in tables}) == 3
    with unit_of_work(store, matchmaker) as uow:
        more = sp.add_tables(uow, event_id=eid, count=2, shape="long", capacity=6)
        one = sp.add_table(uow, event_id=eid, label="主桌", capacity=8, x=10, y=20)
        with pytest.raises(ValidationError):
            sp.add_tables(uow, event_id=eid, shape="long", capacity=5)  # long tables seat pairs
    assert [t.label for t in more] == ["4", "5"] and min(t.y for t in more) > max(t.y for t in tables)
    assert (one.label, one.x, one.y) == ("主桌", 10.0, 20.0)
    state = _state(store, eid)
    assert [t.label for t in state.table_rows] == ["1", "2", "3", "4", "5", "主桌"]


def test_optimiser_meets_hard_constraints_and_saves(store, matchmaker, seated_event):
    eid, regs, _tables = seated_event
    with unit_of_work(store, matchmaker) as uow:
        run = sp.optimise_seat_plan(uow, event_id=eid, seed=3, time_budget_s=5.0)
    assert run.result.hard_constraints_met and run.moved == 12
    state = _state(store, eid)
    assert len(state.plan.seats) == 12 and not state.plan.unseated
    by_table: dict[str, list[int]] = {}
    for row in state.rows:
        by_table.setdefault(row.seat.table_id, []).append(row.sex)
    assert all(sorted(sexes) == [1, 1, 2, 2] for sexes in by_table.values())  # balanced
    colleagues = [r for r, g in zip(state.rows, state.guests, strict=True) if g.employer_key == "徐工集团"]
    assert len(colleagues) == 3  # a space in the name does not hide a colleague
    assert len({r.seat.table_id for r in colleagues}) == 3
    with store.read() as s:
        score = sp.seat_plan_score(s, event_id=eid)
    assert score.score.hard == 0 and not score.issues


def test_move_swap_lock_pin_and_undo(store, matchmaker, seated_event):
    eid, regs, tables = seated_event
    with unit_of_work(store, matchmaker) as uow:
        sp.optimise_seat_plan(uow, event_id=eid, seed=1, time_budget_s=2.0)
    state = _state(store, eid)
    a, b = regs[0], regs[6]
    seat_a, seat_b = state.plan.seats[a], state.plan.seats[b]
    with unit_of_work(store, matchmaker) as uow:
        edit = sp.move_guest(uow, registration_id=a, seat=seat_b)  # drop on an occupied seat: swap
    assert {(c.registration_id, c.before, c.after) for c in edit.changes} == {(a, seat_a, seat_b), (b, seat_b, seat_a)}
    with unit_of_work(store, matchmaker) as uow:  # undo by replaying the before seats
        for change in edit.changes:
            sp.move_guest(uow, registration_id=change.registration_id, seat=change.before)
    assert _state(store, eid).plan.seats[a] == seat_a
    with unit_of_work(store, matchmaker) as uow:
        sp.set_seat_locked(uow, table_id=seat_a.table_id, seat_index=seat_a.seat_index, locked=True)
        with pytest.raises(XzError) as err:
            sp.swap_guests(uow, registration_a=a, registration_b=b)
        assert err.value.code == "seating.seat_locked"
        sp.set_seat_locked(uow, table_id=seat_a.table_id, seat_index=seat_a.seat_index, locked=False)
        sp.pin_guest(uow, registration_id=b)
        with pytest.raises(XzError) as err:
            sp.move_guest(uow, registration_id=a, seat=seat_b)  # b is pinned there
        assert err.value.code == "events.guest_pinned"
        free = SeatRef(tables[2].id, 3)
        occupied = _state_in(uow, eid).plan.occupants().get(free)
        if occupied is not None:
            sp.move_guest(uow, registration_id=occupied, seat=None)
        moved = sp.move_guest(uow, registration_id=b, seat=free)  # the pin moves with its guest
    state = _state(store, eid)
    assert state.plan.seats[b] == free and {g.id: g.pinned for g in state.guests}[b] == free
    assert moved.score.hard >= 0
    with unit_of_work(store, matchmaker) as uow:  # the optimiser keeps the pin
        run = sp.optimise_seat_plan(uow, event_id=eid, seed=9, time_budget_s=2.0)
    assert run.result.plan.seats[b] == free


def _state_in(uow, eid):
    return sp.seat_plan_state(uow.session, event_id=eid)


def test_friend_groups_sit_together(store, matchmaker, seated_event):
    eid, regs, _tables = seated_event
    group = [regs[2], regs[3], regs[8]]
    with unit_of_work(store, matchmaker) as uow:
        key = sp.set_friend_group(uow, registration_ids=group)
        run = sp.optimise_seat_plan(uow, event_id=eid, seed=2, time_budget_s=3.0)
        with pytest.raises(ValidationError):
            sp.set_friend_group(uow, registration_ids=[regs[0]])
    assert run.result.hard_constraints_met
    state = _state(store, eid)
    assert len({state.plan.seats[r].table_id for r in group}) == 1
    assert {g.id for g in state.guests if g.friend_group == key} == set(group)


def test_stale_plans_are_refused_and_cancelled_guests_leave_their_seat(store, matchmaker, seated_event):
    eid, regs, tables = seated_event
    before = _state(store, eid)
    with unit_of_work(store, matchmaker) as uow:
        sp.set_seat_locked(uow, table_id=tables[0].id, seat_index=0, locked=True)
    result = sp.solve_seat_plan(before, seed=0, time_budget_s=1.0)
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        sp.save_seat_plan(uow, event_id=eid, plan=result.plan, fingerprint=before.fingerprint)
    assert err.value.code == "events.seat_plan_stale"
    fresh = _state(store, eid)
    with unit_of_work(store, matchmaker) as uow:
        moved = sp.save_seat_plan(uow, event_id=eid, plan=sp.solve_seat_plan(fresh, time_budget_s=1.0).plan,
                                  fingerprint=fresh.fingerprint)
        assert moved == 11  # the locked empty seat stays empty
        ev.cancel_registration(uow, registration_id=regs[5], promote=False)
    with store.read() as s:
        seat = s.get(EventSeat, regs[5])
        assert seat.table_id is None and seat.seat_index is None
    state = _state(store, eid)
    assert regs[5] not in {g.id for g in state.guests} and SeatRef(tables[0].id, 0) in state.plan.locked


def test_smaller_or_removed_tables_unseat_their_guests(store, matchmaker, seated_event):
    eid, _regs, tables = seated_event
    with unit_of_work(store, matchmaker) as uow:
        sp.optimise_seat_plan(uow, event_id=eid, time_budget_s=1.0)
        sp.set_seat_locked(uow, table_id=tables[0].id, seat_index=3, locked=True)
        row = sp.update_table(uow, table_id=tables[0].id, changes={"capacity": 2, "theme": "玫瑰", "rotation": 450})
        sp.remove_table(uow, table_id=tables[1].id)
    assert (row.capacity, row.theme, row.rotation, row.locked_seats) == (2, "玫瑰", 90.0, ())
    state = _state(store, eid)
    assert len(state.plan.seats) == 6 and len(state.plan.unseated) == 6
    with unit_of_work(store, matchmaker) as uow:
        assert sp.clear_seat_plan(uow, event_id=eid) == 6


def test_optimiser_cancel_and_stop(store, matchmaker, seated_event):
    eid, _regs, _tables = seated_event
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled), unit_of_work(store, matchmaker) as uow:
        sp.optimise_seat_plan(uow, event_id=eid, cancel=cancel)
    assert not _state(store, eid).plan.seats  # nothing saved
    stop = CancelToken()
    stop.cancel()  # "stop and keep the best so far" at once: the constructed plan is kept and saved
    with unit_of_work(store, matchmaker) as uow:
        run = sp.optimise_seat_plan(uow, event_id=eid, stop=stop)
    # (a plan already at the proven optimum reports converged before looking at the stop token)
    assert run.result.stats.stopped_by in ("stopped", "converged") and len(run.result.plan.seats) == 12
    assert _state(store, eid).plan == run.result.plan


def test_speed_dating_rotation_is_stored_and_flags_changes(store, matchmaker):
    people = People()
    men = [people.make(store, matchmaker, sex=1, age=28, employer="徐州地铁" if i == 0 else None) for i in range(5)]
    women = [people.make(store, matchmaker, sex=2, age=28, employer="徐州地铁" if i == 0 else None)
             for i in range(4)]
    mixer = make_event(store, matchmaker)
    eid = make_event(store, matchmaker, kind="speed_dating", capacity=20)
    with unit_of_work(store, matchmaker) as uow:
        res = ev.invite_members(uow, event_id=eid, member_ids=men + women)
        with pytest.raises(XzError) as err:
            sp.generate_rotation(uow, event_id=mixer)
        assert err.value.code == "events.not_speed_dating"
        view = sp.generate_rotation(uow, event_id=eid, settings=RotationSettingsInfo(
            round_minutes=8, changeover_minutes=2, break_every=2, break_minutes=10))
    assert view.n_rounds == 5 and len(view.seated) == 4 and len(view.rotating) == 5 and not view.stale
    assert [r.start_minute for r in view.rounds] == [0, 10, 30, 40, 60] and len(view.breaks) == 2
    pairs = {(s.seated_plate, s.rotating_plate) for s in view.slots}
    assert len(pairs) == len(view.slots)  # nobody meets twice
    assert ("F01", "M01") not in pairs and view.skipped_colleague_pairs == 1  # colleagues never paired
    assert all(s.seated_plate.startswith("F") and s.rotating_plate.startswith("M") for s in view.slots)
    with unit_of_work(store, matchmaker) as uow:
        ev.cancel_registration(uow, registration_id=res.approved[1])
    with store.read() as s:
        assert sp.rotation_view(s, event_id=eid).stale
    with unit_of_work(store, matchmaker) as uow:
        again = sp.generate_rotation(uow, event_id=eid)
    assert not again.stale and len(again.rotating) == 4
    with store.read() as s:
        found = sp.stored_schedule(s, event_id=eid)
        assert found is not None and found[1].id == eid  # one row per event, the same on every laptop
        assert found[0].partners.shape == (again.n_rounds, 4)


def test_changing_kind_drops_the_rotation(store, matchmaker):
    people = People()
    m, f = people.make(store, matchmaker, sex=1, age=28), people.make(store, matchmaker, sex=2, age=28)
    eid = make_event(store, matchmaker, kind="speed_dating")
    with unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=eid, member_ids=[m, f])
        sp.generate_rotation(uow, event_id=eid)
        info = ev.update_event(uow, event_id=eid, changes={"kind": "mixer"})
    assert not info.has_rotation
    with store.read() as s:
        assert sp.rotation_view(s, event_id=eid) is None
        assert s.execute(select(EventSeat)).first() is None
