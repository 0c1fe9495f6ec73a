"""A badge preview does not fix plates; saving or printing it does."""

from __future__ import annotations

from sqlalchemy import select

from tests.domain.events._factory import People, make_event
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import EventRegistration
from xzdesk.domain.events.prints import print_badges, record_badges_printed
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.uow import unit_of_work


def test_preview_then_record(store, matchmaker, tmp_path):
    people = People()
    men, women = people.many(store, matchmaker, men=3, women=3)
    event_id = make_event(store, matchmaker, capacity=6)
    with unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=event_id, member_ids=men + women)
    with unit_of_work(store, matchmaker) as uow:
        preview = print_badges(uow, event_id=event_id, out=tmp_path / "p.pdf", record=False)
    assert (tmp_path / "p.pdf").exists() and len(preview.registration_ids) == 6 and preview.plates_marked == 0
    with store.read() as s:
        assert all(r.plate_printed_at is None for r in s.execute(select(EventRegistration)).scalars())
        assert not s.execute(select(AuditEntry).where(AuditEntry.action == "event.print.badges")).first()
    with unit_of_work(store, matchmaker) as uow:
        done = record_badges_printed(uow, event_id=event_id, registration_ids=preview.registration_ids)
    assert done.plates_marked == 6
    with store.read() as s:
        printed = [r for r in s.execute(select(EventRegistration)).scalars() if r.plate_printed_at is not None]
        assert len(printed) == 6
        assert s.execute(select(AuditEntry).where(AuditEntry.action == "event.print.badges")).first()
