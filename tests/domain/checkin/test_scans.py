"""Scans and verdicts: every verdict, forgiving token reading, already checked in, undo,
counts, manual search, and the append-only guarantees of the scan log."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from tests.domain.checkin._factory import make_venue
from xzdesk.domain.checkin import queries, service
from xzdesk.domain.checkin.codes import UnknownReason, Verdict
from xzdesk.domain.checkin.models import CheckinScan
from xzdesk.domain.errors import Conflict, NotFound, XzError
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import Event
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.tokens import mint_token
from xzdesk.domain.uow import unit_of_work


@pytest.fixture
def venue(store, matchmaker):
    return make_venue(store, matchmaker, men=3, women=3)


def scan(store, actor, venue, text, **kw):
    with unit_of_work(store, actor) as uow:
        return service.record_scan(uow, event_id=venue.event_id, text=text, **kw)


def test_checked_in_shows_plate_and_table(store, matchmaker, venue):
    reg = venue.men[0]
    result = scan(store, matchmaker, venue, venue.tokens[reg])
    assert result.verdict == Verdict.CHECKED_IN and result.accepted
    assert result.plate == venue.plates[reg] == "M01"
    assert result.table_label in {"1", "2"}
    assert result.name_masked.endswith("*") and result.display_name.endswith("先生")
    with store.read() as s:
        row = s.get(CheckinScan, result.scan_id)
        assert row.registration_id == reg and row.checkin_key == f"{reg}/0" and row.device_id == store.device_id
        assert row.staff_id == matchmaker.staff_id and row.token == venue.tokens[reg]


def test_lower_case_spaces_and_confusables_are_read(store, matchmaker, venue):
    token = venue.tokens[venue.women[0]]
    typed = "  " + token.lower().replace("1", "l") + "\t"
    result = scan(store, matchmaker, venue, typed)
    assert result.verdict == Verdict.CHECKED_IN and result.plate == "F01"


def test_already_checked_in_says_when_and_where(store, matchmaker, venue):
    reg = venue.women[1]
    first = scan(store, matchmaker, venue, venue.tokens[reg])
    again = scan(store, matchmaker, venue, venue.tokens[reg])
    assert again.verdict == Verdict.ALREADY
    assert again.earlier_scan_id == first.scan_id and again.earlier_at == first.scanned_at
    assert again.earlier_device_id == store.device_id and again.earlier_here
    with store.read() as s:
        assert s.get(CheckinScan, again.scan_id).checkin_key is None  # refused scans carry no key


def test_other_event(store, matchmaker, venue):
    other = make_venue(store, matchmaker, men=1, women=0, name="另一场联谊会")
    result = scan(store, matchmaker, venue, other.tokens[other.men[0]])
    assert result.verdict == Verdict.OTHER_EVENT and result.other_event_name == "另一场联谊会"
    # a badge of an event this laptop does not know at all
    stranger = mint_token("ZZZZZZ", b"k" * 32)
    result = scan(store, matchmaker, venue, stranger)
    assert result.verdict == Verdict.OTHER_EVENT and result.other_event_name is None


def test_cancelled(store, matchmaker, venue):
    reg = venue.men[1]
    with unit_of_work(store, matchmaker) as uow:
        ev.cancel_registration(uow, registration_id=reg)
        service.publish_roster(uow, event_id=venue.event_id)
    result = scan(store, matchmaker, venue, venue.tokens[reg])
    assert result.verdict == Verdict.CANCELLED and result.plate == venue.plates[reg]


def test_not_approved_by_token_and_by_manual_pick(store, matchmaker, venue):
    reg = venue.men[2]
    with unit_of_work(store, matchmaker) as uow:
        ev.cancel_registration(uow, registration_id=reg)
        ev.reopen_registration(uow, registration_id=reg)  # pending again, keeps its token
        service.publish_roster(uow, event_id=venue.event_id)
    result = scan(store, matchmaker, venue, venue.tokens[reg])
    assert result.verdict == Verdict.NOT_APPROVED and result.detail == "pending"
    with unit_of_work(store, matchmaker) as uow:
        manual = service.check_in_registration(uow, event_id=venue.event_id, registration_id=reg)
    assert manual.verdict == Verdict.NOT_APPROVED and manual.method == "manual"


def test_unknown_malformed_forged_and_not_on_roster(store, matchmaker, venue):
    with store.read() as s:
        event = s.get(Event, venue.event_id)
        code, key = event.code, event.token_key
    malformed = scan(store, matchmaker, venue, "https://example.com/?x=1")
    assert (malformed.verdict, malformed.detail) == (Verdict.UNKNOWN, UnknownReason.MALFORMED)
    real = venue.tokens[venue.men[0]]
    forged_mac = real[:-1] + ("A" if real[-1] != "A" else "B")
    forged = scan(store, matchmaker, venue, forged_mac)
    assert (forged.verdict, forged.detail) == (Verdict.UNKNOWN, UnknownReason.FORGED)
    unissued = scan(store, matchmaker, venue, mint_token(code, key))  # valid, but nobody has it
    assert (unissued.verdict, unissued.detail) == (Verdict.UNKNOWN, UnknownReason.NOT_ON_ROSTER)
    with store.read() as s:
        rows = {r.id: (r.token, r.registration_id) for r in s.execute(select(CheckinScan)).scalars()}
    assert rows[malformed.scan_id][0] == "HTTPS://EXAMPLE.COM/?X=1"  # kept, normalised
    assert all(rows[r.scan_id][1] is None for r in (malformed, forged, unissued))


def test_every_scan_is_recorded_and_goes_to_the_outbox(store, matchmaker, venue):
    texts = [venue.tokens[venue.men[0]], venue.tokens[venue.men[0]], "garbage", venue.tokens[venue.women[0]]]
    results = [scan(store, matchmaker, venue, t) for t in texts]
    with store.read() as s:
        ids = set(s.execute(select(CheckinScan.id)).scalars())
        outbox = set(s.execute(select(OutboxRow.entity_id).where(OutboxRow.entity == "checkin_scan")).scalars())
    assert {r.scan_id for r in results} == ids == outbox
    assert [r.verdict for r in results] == ["checked_in", "already", "unknown", "checked_in"]


def test_undo_last_checkin_then_check_in_again(store, matchmaker, venue):
    reg = venue.women[2]
    first = scan(store, matchmaker, venue, venue.tokens[reg])
    with store.read() as s:
        last = queries.last_undoable(s, event_id=venue.event_id, device_id=store.device_id)
    assert last.scan_id == first.scan_id
    with unit_of_work(store, matchmaker) as uow:
        info = service.annul_scan(uow, scan_id=first.scan_id)
    assert info.plate == venue.plates[reg]
    with store.read() as s:
        assert queries.in_force(s, event_id=venue.event_id, registration_id=reg) is None
        assert queries.last_undoable(s, event_id=venue.event_id, device_id=store.device_id) is None
        assert s.get(CheckinScan, first.scan_id) is not None  # never deleted
    again = scan(store, matchmaker, venue, venue.tokens[reg])
    assert again.verdict == Verdict.CHECKED_IN
    with store.read() as s:
        assert s.get(CheckinScan, again.scan_id).checkin_key == f"{reg}/1"
    with pytest.raises(Conflict) as exc, unit_of_work(store, matchmaker) as uow:
        service.annul_scan(uow, scan_id=first.scan_id)
    assert exc.value.code == "checkin.already_annulled"
    refused = scan(store, matchmaker, venue, venue.tokens[reg])
    with pytest.raises(XzError) as exc, unit_of_work(store, matchmaker) as uow:
        service.annul_scan(uow, scan_id=refused.scan_id)
    assert exc.value.code == "checkin.not_a_checkin"


def test_counts_by_sex(store, matchmaker, venue):
    for reg in (venue.men[0], venue.women[0], venue.women[1]):
        scan(store, matchmaker, venue, venue.tokens[reg])
    scan(store, matchmaker, venue, venue.tokens[venue.women[1]])  # already
    scan(store, matchmaker, venue, "nonsense")
    with store.read() as s:
        c = queries.counts(s, event_id=venue.event_id)
    assert (c.total.expected, c.total.arrived) == (6, 3)
    assert [(r.sex, r.expected, r.arrived) for r in c.by_sex] == [(1, 3, 1), (2, 3, 2)]
    assert (c.scans, c.refused, c.duplicates, c.walk_ins) == (5, 2, 0, 0)


def test_manual_search_by_plate_surname_and_phone(store, matchmaker, venue):
    with store.read() as s:
        by_plate = queries.search_roster(s, event_id=venue.event_id, text="m2")
        assert [r.plate for r in by_plate] == ["M02"]
        row = by_plate[0]
        surname = row.name_masked.rstrip("*")
        by_name = queries.search_roster(s, event_id=venue.event_id, text=surname)
        assert row.registration_id in {r.registration_id for r in by_name}
        assert all(r.name_masked.startswith(surname) or r.display_name.startswith(surname) for r in by_name)
        assert [r.registration_id for r in queries.search_roster(s, event_id=venue.event_id, text=row.mobile_last4)] == [
            row.registration_id
        ]
        assert len(queries.search_roster(s, event_id=venue.event_id, text="")) == 6
        assert queries.search_roster(s, event_id=venue.event_id, text="100%") == []


def test_manual_check_in_of_someone_not_on_the_roster(store, matchmaker, venue):
    with pytest.raises(NotFound), unit_of_work(store, matchmaker) as uow:
        service.check_in_registration(uow, event_id=venue.event_id, registration_id="nobody")


def test_scan_log_is_append_only(store, matchmaker, venue):
    result = scan(store, matchmaker, venue, venue.tokens[venue.men[0]])
    with pytest.raises(DatabaseError), store.write_session() as s, s.begin():
        s.execute(text("UPDATE checkin_scan SET verdict = 'unknown' WHERE id = :id"), {"id": result.scan_id})
    with pytest.raises(DatabaseError), store.write_session() as s, s.begin():
        s.execute(text("DELETE FROM checkin_scan WHERE id = :id"), {"id": result.scan_id})
    with store.write_session() as s, s.begin():  # the server's duplicate marking may change
        s.execute(text("UPDATE checkin_scan SET duplicate_of = 'x', version = 3 WHERE id = :id"), {"id": result.scan_id})


def test_event_staff_may_scan_but_not_publish(store, matchmaker, venue):
    from tests.domain.checkin._factory import staff_actor
    from xzdesk.domain.errors import PermissionDenied

    staff = staff_actor(store, username="door")
    assert scan(store, staff, venue, venue.tokens[venue.men[0]]).accepted
    with pytest.raises(PermissionDenied), unit_of_work(store, staff) as uow:
        service.publish_roster(uow, event_id=venue.event_id)


def test_office_work_stays_in_the_district(store, matchmaker, venue):
    from tests.domain.checkin._factory import staff_actor
    from xzdesk.domain.checkin import packs

    other = staff_actor(store, username="jiawang", role="matchmaker", district="320305")
    for fn in (lambda uow: service.publish_roster(uow, event_id=venue.event_id),
               lambda uow: service.reconcile_event(uow, event_id=venue.event_id),
               lambda uow: packs.export_event_pack(uow, event_id=venue.event_id, passphrase="K7Q2-9FHM-4TZD-8WXA")):
        with pytest.raises(XzError) as exc, unit_of_work(store, other) as uow:
            fn(uow)
        assert exc.value.code == "events.not_in_scope"
