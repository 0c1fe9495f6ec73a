"""A plate handed out twice offline is resolved by giving one registration the next free plate:
above every plate of the event (never a reused one), audited, refused for held events."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.domain.events._factory import People, make_event
from xzdesk.domain.errors import XzError
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import EventRegistration
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.uow import unit_of_work


def test_the_next_free_plate_never_a_reused_one(store, matchmaker):
    people = People()
    men = [people.make(store, matchmaker, sex=1, age=28) for _ in range(3)]
    woman = people.make(store, matchmaker, sex=2, age=28)
    eid = make_event(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow:
        res = ev.invite_members(uow, event_id=eid, member_ids=[*men, woman])
        first, second, third, her = res.approved
        ev.cancel_registration(uow, registration_id=third)  # M03 stays with the cancelled registration
        with uow.session.no_autoflush:
            uow.session.get(EventRegistration, second).plate = "M01"  # as two laptops offline would have it
    with unit_of_work(store, matchmaker) as uow:
        info = ev.renumber_plate(uow, registration_id=second)
    assert info.plate == "M04"  # above M03, which a cancelled registration keeps
    with unit_of_work(store, matchmaker) as uow:
        assert ev.renumber_plate(uow, registration_id=her).plate == "F02"
    with store.read() as s:
        plates = dict(s.execute(select(EventRegistration.id, EventRegistration.plate)).all())
        audited = s.execute(select(AuditEntry.action).where(AuditEntry.action == "event.plate_renumbered")).all()
    assert plates[first] == "M01" and plates[second] == "M04" and len(audited) == 2


def test_no_new_plate_after_the_event_or_without_one(store, matchmaker):
    people = People()
    man = people.make(store, matchmaker, sex=1, age=28)
    other = people.make(store, matchmaker, sex=1, age=30)
    eid = make_event(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow:
        approved = ev.invite_members(uow, event_id=eid, member_ids=[man]).approved[0]
        pending = ev.invite_members(uow, event_id=eid, member_ids=[other], approve=False).pending[0]
    with unit_of_work(store, matchmaker) as uow, pytest.raises(XzError) as err:
        ev.renumber_plate(uow, registration_id=pending)
    assert err.value.code == "events.no_plate"
    with unit_of_work(store, matchmaker) as uow:
        ev.change_event_status(uow, event_id=eid, status="closed")
        ev.change_event_status(uow, event_id=eid, status="held")
    with unit_of_work(store, matchmaker) as uow, pytest.raises(XzError) as err:
        ev.renumber_plate(uow, registration_id=approved)
    assert err.value.code == "events.locked"
