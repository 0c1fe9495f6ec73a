"""The venue roster follows the registrations with no publish step: a laptop that holds the event
checks approved badges at once, and every later change (cancel, waiting list, plates, seats,
names) reaches the verdicts and the sync outbox in the same transaction. Venue laptops without the
registrations keep checking in from their pack. Also: which event the 签到 screen opens on."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import delete, select

from tests.domain.checkin._factory import PEOPLE, make_venue, open_laptop
from tests.domain.events._factory import make_event
from xzdesk.domain.checkin import packs, queries, roster, service
from xzdesk.domain.checkin.codes import UnknownReason, Verdict
from xzdesk.domain.checkin.dto import VenueEventRow
from xzdesk.domain.checkin.models import CheckinRoster, CheckinScan
from xzdesk.domain.events import seatplans
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import EventRegistration, EventSeat, EventTable
from xzdesk.domain.members.service import update_member
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.uow import CHINA_TZ, unit_of_work


@pytest.fixture
def venue(store, matchmaker):
    return make_venue(store, matchmaker, men=3, women=3, publish=False)


def scan(store, actor, event_id, text):
    with unit_of_work(store, actor) as uow:
        return service.record_scan(uow, event_id=event_id, text=text)


def test_approved_badges_check_in_without_any_publish_step(store, matchmaker, venue):
    with store.read() as s:
        assert roster.missing_rows(s, event_id=venue.event_id) == 0
        assert queries.counts(s, event_id=venue.event_id).total.expected == 6
        found = queries.search_roster(s, event_id=venue.event_id, text="F2")
    assert [r.plate for r in found] == ["F02"] and found[0].display_name.endswith("女士")
    for reg in (*venue.men, *venue.women):
        result = scan(store, matchmaker, venue.event_id, venue.tokens[reg])
        assert (result.verdict, result.plate) == (Verdict.CHECKED_IN, venue.plates[reg])
        assert result.table_label in {"1", "2"}


def test_roster_rows_travel_with_the_registration_change(store, matchmaker, venue):
    with store.read() as s:
        regs = set(s.execute(select(EventRegistration.id).where(EventRegistration.event_id == venue.event_id)).scalars())
        outbox = set(s.execute(select(OutboxRow.entity_id).where(OutboxRow.entity == "checkin_roster")).scalars())
    assert outbox == regs  # every roster row is in the sync outbox, written with the registrations


def test_cancel_reopen_and_waiting_list_reach_the_verdict(store, matchmaker):
    v = make_venue(store, matchmaker, men=2, women=1, publish=False, quota_male=1)
    first, second = v.men
    assert v.tokens[second] is None  # waitlisted: no badge yet
    with unit_of_work(store, matchmaker) as uow:
        cancelled = ev.cancel_registration(uow, registration_id=first)
    assert [p.id for p in cancelled.promoted] == [second]
    with store.read() as s:
        token = s.get(EventRegistration, second).token
    assert scan(store, matchmaker, v.event_id, v.tokens[first]).verdict == Verdict.CANCELLED
    promoted = scan(store, matchmaker, v.event_id, token)
    assert (promoted.verdict, promoted.plate) == (Verdict.CHECKED_IN, "M02")
    with unit_of_work(store, matchmaker) as uow:
        ev.reopen_registration(uow, registration_id=first)  # pending again, keeps its badge
    refused = scan(store, matchmaker, v.event_id, v.tokens[first])
    assert (refused.verdict, refused.detail) == (Verdict.NOT_APPROVED, "pending")


def test_seat_table_plate_and_name_changes_follow(store, matchmaker, venue):
    reg = venue.men[0]
    with store.read() as s:
        table_id = s.execute(select(EventSeat.table_id).where(EventSeat.registration_id == reg)).scalar()
        other = s.execute(select(EventTable.id).where(EventTable.event_id == venue.event_id,
                                                      EventTable.id != table_id)).scalar()  # fmt: skip
    with unit_of_work(store, matchmaker) as uow:
        seatplans.update_table(uow, table_id=other, changes={"label": "玫瑰"})
        seatplans.move_guest(uow, registration_id=reg, seat=(other, 5))
        update_member(uow, member_id=venue.members[reg], changes={"name": "欧阳明"})
    result = scan(store, matchmaker, venue.event_id, venue.tokens[reg])
    assert (result.table_label, result.display_name, result.name_masked) == ("玫瑰", "欧阳先生", "欧阳*")
    with unit_of_work(store, matchmaker) as uow:  # a plate set by hand (e.g. a conflict settled)
        uow.session.get(EventRegistration, venue.women[0]).plate = "F21"
    with store.read() as s:
        assert s.get(CheckinRoster, venue.women[0]).plate == "F21"


def test_a_failed_action_leaves_no_roster_row(store, matchmaker, venue):
    with pytest.raises(RuntimeError), unit_of_work(store, matchmaker) as uow:
        ev.cancel_registration(uow, registration_id=venue.men[1])
        uow.session.flush()
        raise RuntimeError("the action fails after the change")
    with store.read() as s:
        assert s.get(CheckinRoster, venue.men[1]).status == "approved"
    # and the next action still works (no leftover state in the session factory)
    assert scan(store, matchmaker, venue.event_id, venue.tokens[venue.men[1]]).verdict == Verdict.CHECKED_IN


def test_a_registration_without_its_row_is_checked_in_and_gets_one(store, matchmaker, venue):
    """A database made before the roster followed the registrations: the scan writes the row."""
    reg = venue.women[2]
    with unit_of_work(store, matchmaker) as uow:
        uow.session.execute(delete(CheckinRoster).where(CheckinRoster.id == reg))
    with store.read() as s:
        assert roster.missing_rows(s, event_id=venue.event_id) == 1
    result = scan(store, matchmaker, venue.event_id, venue.tokens[reg])
    assert (result.verdict, result.plate) == (Verdict.CHECKED_IN, "F03")
    with store.read() as s:
        assert s.get(CheckinRoster, reg).token == venue.tokens[reg]
        assert roster.missing_rows(s, event_id=venue.event_id) == 0
    with unit_of_work(store, matchmaker) as uow:  # publish catches up whole events, idempotently
        uow.session.execute(delete(CheckinRoster).where(CheckinRoster.event_id == venue.event_id))
        assert service.publish_roster(uow, event_id=venue.event_id).added == 6
        assert service.publish_roster(uow, event_id=venue.event_id).added == 0


def test_venue_laptop_checks_in_from_its_pack_and_keeps_unknown_tokens(store, matchmaker, venue, store_template,
                                                                        tmp_path):  # fmt: skip
    from tests.domain.checkin._factory import staff_actor

    with unit_of_work(store, matchmaker) as uow:
        data = packs.export_event_pack(uow, event_id=venue.event_id, passphrase="correct horse battery").data
    laptop = open_laptop(store_template, tmp_path / "venue", "v1")
    staff = staff_actor(laptop, username="door")
    with unit_of_work(laptop, staff) as uow:
        packs.import_pack(uow, data=data, passphrase="correct horse battery")
    with laptop.read() as s:
        assert s.execute(select(EventRegistration)).first() is None  # no registrations here
    assert scan(laptop, staff, venue.event_id, venue.tokens[venue.men[1]]).verdict == Verdict.CHECKED_IN
    # a badge approved at the office after the pack was made: valid, but this laptop cannot place it
    late = PEOPLE.make(store, matchmaker, sex=2, age=28, consents=("basic", "share_profile", "matching"))
    with unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=venue.event_id, member_ids=[late])
        token = uow.session.execute(select(EventRegistration.token).where(EventRegistration.member_id == late)).scalar()
    assert scan(store, matchmaker, venue.event_id, token).verdict == Verdict.CHECKED_IN  # the office: at once
    unresolved = scan(laptop, staff, venue.event_id, token)
    assert (unresolved.verdict, unresolved.detail) == (Verdict.UNKNOWN, UnknownReason.NOT_ON_ROSTER)
    with laptop.read() as s:
        kept = s.get(CheckinScan, unresolved.scan_id)
        assert kept.token == token and kept.checkin_key is None and kept.registration_id is None


def test_other_event_names_the_event_and_its_date(store, matchmaker, venue):
    other = make_venue(store, matchmaker, men=1, women=0, publish=False, name="秋季读书会", event_date=date(2026, 9, 12))
    result = scan(store, matchmaker, venue.event_id, other.tokens[other.men[0]])
    assert (result.verdict, result.other_event_name, result.other_event_date) == (
        Verdict.OTHER_EVENT, "秋季读书会", date(2026, 9, 12))


# --- which event the screen opens on ------------------------------------------------------------
def row(event_id: str, day: date, start: str = "14:00", status: str = "open") -> VenueEventRow:
    return VenueEventRow(event_id, event_id.upper(), event_id, day, start, "文化宫", status, 0, "A")


def at(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, datetime.strptime(hhmm, "%H:%M").time(), tzinfo=CHINA_TZ)


TODAY = date(2026, 5, 20)


@pytest.mark.parametrize(
    ("rows", "now", "expected"),
    [
        # today's event wins over a later and an earlier one
        ([row("next", date(2026, 6, 1)), row("today", TODAY), row("past", date(2026, 5, 1))], at(TODAY, "09:00"), "today"),
        # two today: the one starting by two hours from now, else the first of the day
        ([row("am", TODAY, "09:30"), row("pm", TODAY, "14:30")], at(TODAY, "13:00"), "pm"),
        ([row("am", TODAY, "09:30"), row("pm", TODAY, "14:30")], at(TODAY, "08:00"), "am"),
        # none today: the next upcoming one, not the furthest
        ([row("far", date(2026, 12, 1)), row("soon", date(2026, 5, 24)), row("past", date(2026, 5, 1))],
         at(TODAY, "10:00"), "soon"),
        # nothing ahead: the most recent
        ([row("old", date(2026, 3, 1)), row("recent", date(2026, 5, 10))], at(TODAY, "10:00"), "recent"),
        # a cancelled event today is passed over
        ([row("off", TODAY, status="cancelled"), row("soon", date(2026, 5, 24))], at(TODAY, "10:00"), "soon"),
        ([], at(TODAY, "10:00"), None),
    ],
)
def test_default_event(rows, now, expected):
    assert queries.default_event(rows, now=now) == expected


def test_default_event_from_the_laptops_events(store, matchmaker):
    today = datetime.now(CHINA_TZ).date()
    make_event(store, matchmaker, name="下个月的", event_date=date(today.year + 1, 1, 5))
    todays = make_event(store, matchmaker, name="今天的", event_date=today)
    with store.read() as s:
        rows = queries.venue_events(s, device_id=store.device_id)
    assert rows[0].name == "下个月的"  # newest first in the list...
    assert queries.default_event(rows, now=datetime.now(CHINA_TZ)) == todays  # ...but today's is chosen


# --- one form of a person's name on paper -------------------------------------------------------
@pytest.mark.parametrize(("name", "sex", "expected"), [("欧阳明", 1, "欧阳先生"), ("李静", 2, "李女士"),
                                                      ("𠇔华", 2, "𠇔女士"), ("欧阳", 1, "欧阳先生"), ("张伟", None, "张")])
def test_polite_name(name, sex, expected):
    from xzdesk.domain.members.names import polite_name

    assert polite_name(name, sex) == expected


def test_badge_roster_and_introduction_slip_name_a_person_alike(store, matchmaker, venue):
    from xzdesk.domain.events.prints import badge_name
    from xzdesk.domain.introductions.service import propose_introduction
    from xzdesk.domain.introductions.slips import build_introduction_slips
    from xzdesk.domain.members.models import Member

    man, woman = venue.members[venue.men[0]], venue.members[venue.women[0]]
    with unit_of_work(store, matchmaker) as uow:
        update_member(uow, member_id=man, changes={"name": "欧阳明"})
        intro = propose_introduction(uow, member_a=man, member_b=woman).id
    with unit_of_work(store, matchmaker) as uow:
        slips = build_introduction_slips(uow, introduction_id=intro)
        badge = badge_name(uow.session.get(Member, man))
        shown = uow.session.get(CheckinRoster, venue.men[0]).display_name
    assert badge == shown == "欧阳先生" and "欧阳先生" in {slip.recipient for slip in slips}


def test_a_rolled_back_savepoint_keeps_the_rest_of_the_action(store, matchmaker, venue):
    """reconcile_event and create_event_introductions roll back savepoints for the rows they skip:
    the roster still follows the changes the action keeps."""
    with unit_of_work(store, matchmaker) as uow:
        ev.cancel_registration(uow, registration_id=venue.men[2])
        uow.session.flush()
        savepoint = uow.session.begin_nested()
        ev.cancel_registration(uow, registration_id=venue.women[2])
        uow.session.flush()
        savepoint.rollback()
    with store.read() as s:
        assert s.get(CheckinRoster, venue.men[2]).status == "cancelled"
        assert s.get(CheckinRoster, venue.women[2]).status == "approved"
