"""Two venue laptops enrolled for one event through the real sync server check the same person
in while offline; after syncing both scans exist everywhere and exactly one is canonical."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.domain.checkin._factory import make_venue
from tests.domain.checkin.test_walk_ins import walk_in_draft
from tests.sync.conftest import _template, laptops, server  # noqa: F401  (fixtures)
from tests.sync.harness import add_user
from xzdesk.domain.checkin import cards, queries, service
from xzdesk.domain.checkin.codes import Verdict
from xzdesk.domain.checkin.matches import mutual_matches
from xzdesk.domain.checkin.models import CheckinRoster, CheckinScan, CheckinWalkIn
from xzdesk.domain.checkin.sync_hooks import walk_in_scope_fields
from xzdesk.domain.events.models import Event
from xzdesk.domain.members.models import Member
from xzdesk.server.models import Record


def _scans(laptop, registration_id):
    with laptop.store.read() as s:
        rows = s.execute(select(CheckinScan).where(CheckinScan.registration_id == registration_id)).scalars().all()
        return {r.id: (r.device_id, r.duplicate_of) for r in rows}


@pytest.fixture
def walk_in_resolver(monkeypatch):
    """The scope resolver the sync layer is asked to register (see checkin.sync_hooks)."""
    from xzdesk.sync import registry

    def resolve(values, ctx):  # type: ignore[no-untyped-def]
        return registry.RecordScope(**walk_in_scope_fields(values, device_id=ctx.device_id))

    monkeypatch.setitem(registry._RESOLVERS, "checkin_walk_in", resolve)
    monkeypatch.setattr(registry, "_CACHE", {})


def test_two_laptops_check_the_same_member_in_offline(server, laptops, walk_in_resolver):  # noqa: F811
    add_user(server, "office", role="matchmaker", district="320302")
    add_user(server, "door1", role="event_staff", district=None)
    add_user(server, "door2", role="event_staff", district=None)
    office = laptops.make(server.url, "office")
    venue = make_venue(office.store, office.actor, men=2, women=2)
    assert office.engine.sync_once().error is None

    doors = [laptops.make(server.url, name, events=(venue.event_id,)) for name in ("door1", "door2")]
    try:
        for door in doors:
            assert door.engine.sync_once().error is None
            with door.store.read() as s:  # what the venue laptop received: the roster, not case files
                assert s.get(Event, venue.event_id).token_key
                assert len(s.execute(select(CheckinRoster.id)).all()) == 4
                assert s.execute(select(Member.id)).first() is None
        reg = venue.men[0]
        results = []
        for door in doors:  # offline: neither knows about the other's scan
            with door.uow() as uow:
                results.append(service.record_scan(uow, event_id=venue.event_id, text=venue.tokens[reg].lower()))
        assert [r.verdict for r in results] == [Verdict.CHECKED_IN, Verdict.CHECKED_IN]
        for door in (*doors, *doors):
            assert door.engine.sync_once().error is None
        first, second = (r.scan_id for r in results)  # door1 pushed first: its scan is canonical
        for laptop in (*doors, office):
            assert office.engine.sync_once().error is None
            assert _scans(laptop, reg) == {
                first: (doors[0].store.device_id, None),
                second: (doors[1].store.device_id, first),
            }
            with laptop.store.read() as s:
                counts = queries.counts(s, event_id=venue.event_id)
                assert (counts.total.arrived, counts.duplicates) == (1, 1)
        with server.app.state.db.read() as s:
            records = s.execute(select(Record).where(Record.entity == "checkin_scan")).scalars().all()
            assert {r.id for r in records} == {first, second}
        # after the sync, a third scan anywhere says "already checked in" with the canonical scan
        with doors[1].uow() as uow:
            again = service.record_scan(uow, event_id=venue.event_id, text=venue.tokens[reg])
        assert again.verdict == Verdict.ALREADY and again.earlier_scan_id == first and not again.earlier_here

        # a walk-in, an unknown badge and an interest card at the venue reach the office by sync
        with doors[0].uow() as uow:
            walk = service.register_walk_in(uow, event_id=venue.event_id,
                                             draft=walk_in_draft(sex=2, district_code="320302"))  # fmt: skip
            unknown = service.record_scan(uow, event_id=venue.event_id, text="NOT-A-BADGE")
            cards.enter_interest_card(uow, event_id=venue.event_id, card_plate=walk.plate, ticked=["M01"])
            cards.enter_interest_card(uow, event_id=venue.event_id, card_plate="M01", ticked=[walk.plate])
        assert doors[0].engine.sync_once().error is None
        assert office.engine.sync_once().error is None
        with office.store.read() as s:
            assert s.get(CheckinScan, unknown.scan_id).verdict == Verdict.UNKNOWN  # kept unresolved
            assert s.get(CheckinRoster, walk.registration_id).plate == walk.plate
            assert s.execute(select(CheckinWalkIn.id)).first() is not None
        assert doors[1].engine.sync_once().error is None
        with doors[1].store.read() as s:  # the other venue laptop sees the badge, not the ID number
            assert s.get(CheckinRoster, walk.registration_id) is not None
            assert s.execute(select(CheckinWalkIn.id)).first() is None
        with office.uow() as uow:
            rec = service.reconcile_event(uow, event_id=venue.event_id)
        assert (rec.created, rec.attended, rec.problems) == (1, 2, ())
        with office.store.read() as s:
            assert [(p.a_plate, p.b_plate) for p in mutual_matches(s, event_id=venue.event_id)] == [("M01", walk.plate)]
        assert office.engine.sync_once().error is None
    finally:
        for laptop in (*doors, office):
            laptop.close()
