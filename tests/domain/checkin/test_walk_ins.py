"""Walk-ins: quick registration at the venue with consent capture, station plates, the badge on
the spot, and the office turning them into case files and attended registrations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.domain.checkin._factory import PEOPLE, make_venue, staff_actor
from xzdesk.domain.checkin import queries, service
from xzdesk.domain.checkin.codes import Verdict
from xzdesk.domain.checkin.dto import WalkInDraft
from xzdesk.domain.checkin.models import CheckinRoster, CheckinScan, CheckinWalkIn
from xzdesk.domain.errors import Conflict, ValidationError, XzError
from xzdesk.domain.events.models import EventRegistration
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.uow import unit_of_work


def walk_in_draft(*, sex: int = 1, age: int = 30, **kw) -> WalkInDraft:
    d = PEOPLE.draft(sex=sex, age=age)
    values = dict(name=d.name, id_number=d.id_number, mobile=d.mobile, district_code="320303",
                  consents=("basic", "matching"))  # fmt: skip
    values.update(kw)
    return WalkInDraft(**values)


@pytest.fixture
def venue(store, matchmaker):
    return make_venue(store, matchmaker, men=2, women=2)


def test_walk_in_gets_station_plate_token_roster_row_and_check_in(store, matchmaker, venue):
    staff = staff_actor(store, username="door")
    with unit_of_work(store, staff) as uow:
        service.set_station(uow, event_id=venue.event_id, letter="c")
        first = service.register_walk_in(uow, event_id=venue.event_id, draft=walk_in_draft(sex=1))
    with unit_of_work(store, staff) as uow:
        second = service.register_walk_in(uow, event_id=venue.event_id, draft=walk_in_draft(sex=1, nickname="阿杰"))
        woman = service.register_walk_in(uow, event_id=venue.event_id, draft=walk_in_draft(sex=2))
    assert (first.plate, second.plate, woman.plate) == ("MC01", "MC02", "FC01")
    assert first.display_name.endswith("先生") and first.name_masked.endswith("*")
    with store.read() as s:
        scan = s.get(CheckinScan, first.scan_id)
        assert (scan.verdict, scan.method, scan.registration_id) == ("checked_in", "walk_in", first.registration_id)
        row = s.get(CheckinRoster, second.registration_id)
        assert row.walk_in and row.nickname == "阿杰" and row.member_id is None and row.token == second.token
        walk = s.execute(select(CheckinWalkIn).where(CheckinWalkIn.registration_id == first.registration_id)).scalar()
        assert walk.consents == ["basic", "matching"] and walk.collected_by == staff.staff_id
        c = queries.counts(s, event_id=venue.event_id)
    assert (c.total.expected, c.total.arrived, c.walk_ins) == (7, 3, 3)
    # the walk-in's badge scans like any other
    with unit_of_work(store, staff) as uow:
        again = service.record_scan(uow, event_id=venue.event_id, text=first.token.lower())
    assert again.verdict == Verdict.ALREADY and again.plate == "MC01" and again.walk_in


def test_walk_in_needs_basic_consent_and_valid_fields(store, matchmaker, venue):
    with pytest.raises(ValidationError) as exc, unit_of_work(store, matchmaker) as uow:
        service.register_walk_in(uow, event_id=venue.event_id,
                                 draft=walk_in_draft(consents=("matching",), mobile="12345"))  # fmt: skip
    fields = {(p.field, p.code) for p in exc.value.problems}
    assert ("consents", "members.consent_missing") in fields
    assert ("mobile", "identity.mobile_format") in fields
    with store.read() as s:
        assert s.execute(select(CheckinWalkIn)).first() is None  # nothing half-written


def test_same_person_twice_is_refused(store, matchmaker, venue):
    draft = walk_in_draft()
    with unit_of_work(store, matchmaker) as uow:
        info = service.register_walk_in(uow, event_id=venue.event_id, draft=draft)
    with pytest.raises(Conflict) as exc, unit_of_work(store, matchmaker) as uow:
        service.register_walk_in(uow, event_id=venue.event_id, draft=draft)
    assert exc.value.params["plate"] == info.plate


def test_walk_ins_closed_after_the_event(store, matchmaker, venue):
    from xzdesk.domain.events import service as ev

    with unit_of_work(store, matchmaker) as uow:
        ev.change_event_status(uow, event_id=venue.event_id, status="held")
    with pytest.raises(XzError) as exc, unit_of_work(store, matchmaker) as uow:
        service.register_walk_in(uow, event_id=venue.event_id, draft=walk_in_draft())
    assert exc.value.code == "checkin.walk_ins_closed"


def test_badge_printed_on_the_spot(store, matchmaker, venue, tmp_path):
    with unit_of_work(store, matchmaker) as uow:
        info = service.register_walk_in(uow, event_id=venue.event_id, draft=walk_in_draft(sex=2))
    out = tmp_path / "badge.pdf"
    with unit_of_work(store, matchmaker) as uow:
        report = service.print_venue_badge(uow, registration_id=info.registration_id, out=out)
    assert report.items == 1 and report.pages == 1
    text = PdfReader(out).pages[0].extract_text()
    assert info.plate in text and info.display_name in text


def test_office_turns_walk_ins_into_case_files(store, matchmaker, venue):
    staff = staff_actor(store, username="door")
    venue_time = datetime(2026, 6, 20, 7, 0, tzinfo=UTC)
    with unit_of_work(store, staff, clock=lambda: venue_time) as uow:
        new = service.register_walk_in(uow, event_id=venue.event_id, draft=walk_in_draft(sex=2, nickname="小满"))
    existing_id = PEOPLE.make(store, matchmaker, sex=1, age=33)
    with store.read() as s:
        known = s.get(Member, existing_id)
        known_draft = WalkInDraft(name=known.name, id_number=known.id_number, mobile=known.mobile,
                                  district_code=known.district_code)  # fmt: skip
    with unit_of_work(store, staff, clock=lambda: venue_time) as uow:
        linked = service.register_walk_in(uow, event_id=venue.event_id, draft=known_draft)
    with unit_of_work(store, staff) as uow:  # a registered guest checks in too
        service.record_scan(uow, event_id=venue.event_id, text=venue.tokens[venue.men[0]])
    members_before = _count(store, Member)
    with unit_of_work(store, matchmaker) as uow:
        result = service.reconcile_event(uow, event_id=venue.event_id)
    assert (result.created, result.linked, result.attended, result.problems) == (1, 1, 3, ())
    assert _count(store, Member) == members_before + 1
    with store.read() as s:
        walk = s.execute(select(CheckinWalkIn).where(CheckinWalkIn.registration_id == new.registration_id)).scalar()
        member = s.get(Member, walk.member_id)
        assert member.referral_source == "event_walk_in" and member.nickname == "小满"
        consents = {c.type: c for c in s.execute(select(Consent).where(Consent.member_id == member.id)).scalars()}
        assert set(consents) == {"basic", "matching"}
        assert consents["basic"].granted_at == venue_time and consents["basic"].collected_by == staff.staff_id
        reg = s.get(EventRegistration, new.registration_id)
        assert (reg.member_id, reg.plate, reg.token, reg.source) == (member.id, new.plate, new.token, "walk_in")
        assert reg.status == "attended" and reg.attended_at == venue_time
        assert s.get(CheckinRoster, new.registration_id).member_id == member.id
        other = s.get(EventRegistration, linked.registration_id)
        assert other.member_id == existing_id and other.status == "attended"
        assert s.get(EventRegistration, venue.men[0]).status == "attended"
    with unit_of_work(store, matchmaker) as uow:  # idempotent
        again = service.reconcile_event(uow, event_id=venue.event_id)
    assert (again.created, again.linked, again.attended) == (0, 0, 0)
    assert _count(store, Member) == members_before + 1


def test_walk_in_with_a_phone_of_someone_else_is_left_for_a_person(store, matchmaker, venue):
    other = PEOPLE.make(store, matchmaker, sex=1, age=40)
    with store.read() as s:
        mobile = s.get(Member, other).mobile
    with unit_of_work(store, matchmaker) as uow:
        info = service.register_walk_in(uow, event_id=venue.event_id, draft=walk_in_draft(mobile=mobile))
        ok = service.register_walk_in(uow, event_id=venue.event_id, draft=walk_in_draft(sex=2))
    with unit_of_work(store, matchmaker) as uow:
        result = service.reconcile_event(uow, event_id=venue.event_id)
    assert result.created == 1 and [(p.plates, p.code) for p in result.problems] == [((info.plate,), "members.duplicate")]
    assert "name" not in result.problems[0].params and "mobile" not in result.problems[0].params
    with store.read() as s:
        assert s.execute(select(CheckinWalkIn.member_id).where(CheckinWalkIn.id != "")).scalars().all().count(None) == 1
        assert s.get(EventRegistration, ok.registration_id) is not None


def test_late_check_in_corrects_a_no_show(store, matchmaker, venue):
    from xzdesk.domain.events import service as ev

    reg = venue.women[0]
    with unit_of_work(store, matchmaker) as uow:
        service.record_scan(uow, event_id=venue.event_id, text=venue.tokens[reg])
    with unit_of_work(store, matchmaker, clock=lambda: datetime.now(UTC) + timedelta(seconds=1)) as uow:
        ev.change_event_status(uow, event_id=venue.event_id, status="held")
        ev.record_no_shows(uow, event_id=venue.event_id)
    with unit_of_work(store, matchmaker) as uow:
        result = service.reconcile_event(uow, event_id=venue.event_id)
    assert result.attended == 1
    with store.read() as s:
        assert s.get(EventRegistration, reg).status == "attended"
        assert s.get(EventRegistration, venue.women[1]).status == "no_show"


def _count(store, model) -> int:
    with store.read() as s:
        return len(s.execute(select(model.id)).all())


def test_walk_in_of_someone_with_a_pending_registration_is_linked_and_flagged(store, matchmaker, venue):
    from xzdesk.domain.events import service as ev

    member_id = PEOPLE.make(store, matchmaker, sex=2, age=27)
    with unit_of_work(store, matchmaker) as uow:
        pending = ev.invite_members(uow, event_id=venue.event_id, member_ids=[member_id], approve=False)
    assert pending.pending
    with store.read() as s:
        m = s.get(Member, member_id)
        draft = WalkInDraft(name=m.name, id_number=m.id_number, mobile=m.mobile, district_code=m.district_code)
    with unit_of_work(store, matchmaker) as uow:
        walk = service.register_walk_in(uow, event_id=venue.event_id, draft=draft)
    with unit_of_work(store, matchmaker) as uow:
        result = service.reconcile_event(uow, event_id=venue.event_id)
    assert (result.created, result.linked) == (0, 1)
    assert [(p.code, p.params) for p in result.problems] == [("checkin.attended_not_approved", {"status": "pending"})]
    with store.read() as s:
        linked = s.execute(select(CheckinWalkIn).where(CheckinWalkIn.registration_id == walk.registration_id)).scalar()
        reg = s.get(EventRegistration, linked.adopted_registration_id)
        assert reg.member_id == member_id and reg.id != walk.registration_id and reg.status == "pending"
        assert service.registration_aliases(s, event_id=venue.event_id) == {walk.registration_id: reg.id}
