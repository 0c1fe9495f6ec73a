"""The events entities as the sync engine sees them: merge classes, natural key, transitions,
scope, member columns (erasure), the online sign-up row and the conflict editors."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from tests.domain.events._factory import People, make_event
from xzdesk.domain.events import seatplans as sp
from xzdesk.domain.events import service as ev
from xzdesk.domain.events import sync_hooks
from xzdesk.domain.events.codes import EVENT_TRANSITIONS, REGISTRATION_TRANSITIONS
from xzdesk.domain.events.models import Event, EventRegistration, EventSeat
from xzdesk.domain.store.base import MergeClass
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.store.sync_state import purge_member_rows
from xzdesk.domain.uow import unit_of_work
from xzdesk.sync.registry import ScopeContext, check_fields, default_values, entity_spec


def test_entity_specs():
    reg = entity_spec("registration")
    assert reg is not None and reg.merge == MergeClass.NATURAL_KEY
    assert reg.natural_key == ("event_id", "member_id") and reg.member_column == "member_id"
    assert reg.state_field == "status" and dict(reg.transitions) == {k: frozenset(v) for k, v in REGISTRATION_TRANSITIONS.items()}
    assert reg.check_transition({"status": "pending"}, {"status": "approved"}) is None
    assert reg.check_transition({"status": "pending"}, {"status": "attended"}) == "sync.bad_transition"
    assert reg.check_transition({"status": "no_show"}, {"status": "attended"}) is None
    assert "plate_printed_at" in reg.max_fields
    scope = reg.resolve_scope({"event_id": "E"}, ScopeContext(None, None, None))
    assert scope.event_id == "E"
    event = entity_spec("event")
    assert event.merge == MergeClass.CASE_FIELDS and event.member_column is None
    assert event.check_transition({"status": "held"}, {"status": "open"}) == "sync.bad_transition"
    assert dict(event.transitions)["draft"] == frozenset(EVENT_TRANSITIONS["draft"])
    ev_scope = event.resolve_scope({"id": "E", "district_code": "320302"}, ScopeContext(None, None, None))
    assert (ev_scope.district, ev_scope.event_id) == ("320302", "E")
    assert entity_spec("event_seat").member_column == "member_id"
    for name in ("event_table", "event_rotation"):
        spec = entity_spec(name)
        assert spec.merge == MergeClass.CASE_FIELDS and spec.member_column is None
        assert spec.resolve_scope({"event_id": "E"}, ScopeContext(None, None, None)).event_id == "E"
    assert not reg.unique_columns and not entity_spec("event_seat").unique_columns


def test_online_signup_row_is_a_valid_pending_registration():
    spec = entity_spec("registration")
    given = sync_hooks.online_signup_fields(event_id="01890a5d-ac96-774b-bcce-b302099a8057", event_fields={},
                                            member_id="01890a5d-ac96-774b-bcce-b302099a8058",
                                            now=datetime(2026, 5, 1, 8, 0, tzinfo=UTC), remark="  想参加  ")
    defaults = default_values(spec)
    row = {name: given.get(name, defaults.get(name)) for name in spec.columns}
    row["id"] = "01890a5d-ac96-774b-bcce-b302099a8059"
    assert check_fields(spec, row, insert=True) is None
    assert (row["status"], row["source"], row["remark"]) == ("pending", "online", "想参加")
    assert "token_key" not in sync_hooks.PUBLIC_FIELDS and sync_hooks.PUBLIC_FILTER == ("status", "open")


def test_outbox_rows_carry_the_member_and_erasure_purges_registrations_and_seats(store, matchmaker):
    people = People()
    m = people.make(store, matchmaker, sex=1, age=28)
    f = people.make(store, matchmaker, sex=2, age=28)
    eid = make_event(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow:
        res = ev.invite_members(uow, event_id=eid, member_ids=[m, f])
        sp.add_tables(uow, event_id=eid, count=1, capacity=4)
        sp.optimise_seat_plan(uow, event_id=eid, time_budget_s=1.0)
    with store.read() as s:
        rows = s.execute(select(OutboxRow).where(OutboxRow.entity == "registration")).scalars().all()
        assert {r.member_id for r in rows} == {m, f}
        insert = next(r for r in rows if r.op == "insert" and r.member_id == m)
        assert insert.fields["event_id"] == eid and insert.fields["status"] == "approved"
        assert insert.fields["plate"] == "M01" and len(insert.fields["token"]) == 31
        assert s.execute(select(OutboxRow).where(OutboxRow.entity == "event_seat", OutboxRow.member_id == m)).first()
    with unit_of_work(store, matchmaker) as uow:
        ev.cancel_registration(uow, registration_id=res.approved[1])
    with store.read() as s:
        update = s.execute(select(OutboxRow).where(OutboxRow.entity == "registration", OutboxRow.op == "update",
                                                   OutboxRow.member_id == f)).scalar_one()
        assert update.fields["status"] == "cancelled" and update.base["status"] == "approved"  # base for sync
    with unit_of_work(store, matchmaker) as uow:
        purge_member_rows(uow.session, m)
    with store.read() as s:
        assert s.get(EventRegistration, res.approved[0]) is None and s.get(EventSeat, res.approved[0]) is None
        assert s.get(EventRegistration, res.approved[1]) is not None
        left = s.execute(select(OutboxRow.entity).where(OutboxRow.member_id == m)).scalars().all()
        assert set(left) <= {"audit_log"}  # only the audit trail survives an erasure
        assert s.get(Event, eid) is not None


def test_conflict_editors_go_through_the_services(store, matchmaker):
    people = People()
    men = [people.make(store, matchmaker, sex=1, age=28) for _ in range(2)]
    eid = make_event(store, matchmaker, capacity=1)
    with unit_of_work(store, matchmaker) as uow:
        res = ev.invite_members(uow, event_id=eid, member_ids=men)
        sync_hooks.edit_registration(uow, res.approved[0], {"status": "cancelled"})
        sync_hooks.edit_event(uow, eid, {"venue": "彭城广场", "status": "closed"})
    with store.read() as s:
        promoted = s.get(EventRegistration, res.waitlisted[0])
        assert promoted.status == "approved" and promoted.plate == "M02"  # the waiting list moved
        event = s.get(Event, eid)
        assert (event.venue, event.status) == ("彭城广场", "closed")
