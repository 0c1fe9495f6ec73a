"""Events and registrations on a real encrypted store: drafts, transitions, eligibility, one
registration per member and event, walk-ins, no-shows, permissions, scope, audit and outbox."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tests.domain.events._factory import AgeBandInfo, People, event_draft, make_event
from xzdesk.domain.errors import PermissionDenied, ValidationError, XzError
from xzdesk.domain.events import queries as q
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.codes import EVENT_TRANSITIONS, REGISTRATION_TRANSITIONS, EventStatus
from xzdesk.domain.events.dto import EventFilter
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.members import service as members
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import create_staff
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.tokens import parse_token, verify_token
from xzdesk.domain.uow import ActorInfo, unit_of_work


def as_admin(actor: ActorInfo) -> ActorInfo:
    """The same account acting as the local administrator (who may create staff accounts)."""
    return ActorInfo(actor.staff_id, Role.ADMIN, None, actor.display_name)


@pytest.fixture
def people():
    return People()


def test_create_event_has_code_key_and_draft_status(store, matchmaker):
    with unit_of_work(store, matchmaker) as uow:
        info = ev.create_event(uow, draft=event_draft(age_bands=(AgeBandInfo(30, 39, 5), AgeBandInfo(22, 29, 5))))
    assert info.status == "draft" and len(info.code) == 6 and info.organiser_name == "王红娘"
    assert info.start_time.isoformat() == "14:30:00" and info.starts_at.utcoffset().total_seconds() == 8 * 3600
    assert [b.min_age for b in info.age_bands] == [22, 30]  # sorted
    assert not hasattr(info, "token_key")
    with store.read() as s:
        event = s.get(Event, info.id)
        assert len(event.token_key) == 32
        assert q.find_event(s, info.code.lower()).id == info.id
        row = s.execute(select(OutboxRow).where(OutboxRow.entity == "event")).scalar_one()
        assert row.op == "insert" and row.member_id is None
        audit = s.execute(select(AuditEntry).where(AuditEntry.action == "event.create")).scalar_one()
        assert audit.fields == [f"event:{info.id}"]


def test_invalid_draft_reports_every_field(store, matchmaker):
    bad = event_draft(name=" ", kind="party", start_time="25:00", capacity=0, quota_male=5,
                      age_min=40, age_max=30, sectors=("nurses",), districts=("999999",),
                      age_bands=(AgeBandInfo(22, 30), AgeBandInfo(28, 35)))
    with pytest.raises(ValidationError) as err, unit_of_work(store, matchmaker) as uow:
        ev.create_event(uow, draft=bad)
    fields = {(p.field, p.code) for p in err.value.problems}
    assert ("name", "members.required") in fields
    assert ("kind", "members.unknown_code") in fields
    assert ("start_time", "events.time_format") in fields
    assert ("capacity", "events.out_of_range") in fields
    assert ("age_max", "events.range_reversed") in fields
    assert ("sectors", "members.unknown_code") in fields
    assert ("districts", "members.unknown_code") in fields
    assert ("age_bands.1", "events.bands_overlap") in fields
    with store.read() as s:
        assert s.execute(select(Event)).first() is None


def test_sector_event_needs_a_sector_and_filters_by_it(store, matchmaker, people):
    with pytest.raises(ValidationError) as err, unit_of_work(store, matchmaker) as uow:
        ev.create_event(uow, draft=event_draft(kind="sector"))
    assert err.value.problems[0].code == "events.sector_required"
    teacher = people.make(store, matchmaker, sex=1, age=30, sector="education")
    nurse = people.make(store, matchmaker, sex=2, age=30, sector="health")
    eid = make_event(store, matchmaker, kind="sector", sectors=("education",))
    with unit_of_work(store, matchmaker) as uow:
        result = ev.invite_members(uow, event_id=eid, member_ids=[teacher, nurse])
    assert len(result.approved) == 1
    assert [(s.member_id, s.code, s.problems) for s in result.skipped] == [(nurse, "events.not_eligible", ("sector",))]


@pytest.mark.parametrize("current", list(EventStatus))
def test_event_transitions_allowed_and_forbidden(store, matchmaker, current):
    path = {"draft": [], "open": ["open"], "closed": ["open", "closed"], "held": ["open", "held"],
            "cancelled": ["cancelled"]}[current.value]
    with unit_of_work(store, matchmaker) as uow:
        eid = ev.create_event(uow, draft=event_draft()).id
        for step in path:
            ev.change_event_status(uow, event_id=eid, status=step)
    for target in EventStatus:
        if target == current:
            continue
        allowed = target in EVENT_TRANSITIONS[current]
        try:
            with unit_of_work(store, matchmaker) as uow:
                info = ev.change_event_status(uow, event_id=eid, status=target)
                assert info.status == target
                raise RuntimeError("rollback")  # keep the event in `current` for the next target
        except RuntimeError:
            assert allowed
        except XzError as exc:
            assert not allowed and exc.code == "events.bad_transition"


def test_held_and_cancelled_events_are_read_only(store, matchmaker, people):
    m = people.make(store, matchmaker, sex=1, age=28)
    eid = make_event(store, matchmaker, status="held")
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=eid, member_ids=[m])
    assert err.value.code == "events.locked"
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        ev.update_event(uow, event_id=eid, changes={"capacity": 50})
    assert err.value.code == "events.locked"


def test_cancelling_an_event_cancels_its_open_registrations(store, matchmaker, people):
    men, women = people.many(store, matchmaker, men=2, women=1)
    eid = make_event(store, matchmaker, capacity=2)
    with unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=eid, member_ids=men + women)  # 2 approved, 1 waitlisted
        ev.change_event_status(uow, event_id=eid, status="cancelled")
    with store.read() as s:
        regs = s.execute(select(EventRegistration)).scalars().all()
        assert {r.status for r in regs} == {"cancelled"} and {r.cancel_reason for r in regs} == {"event_cancelled"}


def test_one_registration_per_member_and_event(store, matchmaker, people):
    m = people.make(store, matchmaker, sex=1, age=28)
    eid = make_event(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow:
        first = ev.invite_members(uow, event_id=eid, member_ids=[m, m])  # duplicates in one call count once
        again = ev.invite_members(uow, event_id=eid, member_ids=[m])
    assert len(first.approved) == 1 and not first.skipped
    assert again.skipped[0].code == "events.already_registered" and again.skipped[0].problems == ("approved",)
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        ev.submit_registration(uow, event_id=eid, member_id=m)
    assert err.value.code == "events.already_registered"
    with store.read() as s:
        assert len(s.execute(select(EventRegistration)).all()) == 1
    with unit_of_work(store, matchmaker) as uow:  # cancelled, then invited again: the same row
        reg_id = uow.session.execute(select(EventRegistration.id)).scalar_one()
        ev.cancel_registration(uow, registration_id=reg_id)
        assert ev.invite_members(uow, event_id=eid, member_ids=[m]).approved == (reg_id,)
    with store.read() as s:
        assert len(s.execute(select(EventRegistration)).all()) == 1


def test_eligibility_status_consent_fraud_age_district(store, matchmaker, people):
    ok = people.make(store, matchmaker, sex=1, age=28)
    registered = people.make(store, matchmaker, sex=1, age=28, status="registered")
    withdrawn = people.make(store, matchmaker, sex=2, age=28, consents=("basic", "matching"))
    flagged = people.make(store, matchmaker, sex=2, age=28)
    old = people.make(store, matchmaker, sex=2, age=50)
    elsewhere = people.make(store, matchmaker, sex=2, age=28, district="320303")
    with unit_of_work(store, matchmaker) as uow:
        members.withdraw_consent(uow, member_id=withdrawn, type="basic")
        members.set_fraud_flag(uow, member_id=flagged, flagged=True, reason="举报")
    eid = make_event(store, matchmaker, age_min=22, age_max=45, districts=("320302",))
    with store.read() as s:
        rows = {r.member_id: r for r in q.check_eligibility(s, event_id=eid, member_ids=[
            ok, registered, withdrawn, flagged, old, elsewhere, "no-such-member"])}
    assert rows[ok].eligible and rows[ok].fits_quota and rows[ok].registration_status is None
    assert rows[registered].problems == ("status",)
    assert "consent" in rows[withdrawn].problems and "status" in rows[withdrawn].problems
    assert rows[flagged].problems == ("fraud_flag",)
    assert rows[old].problems == ("age",)
    assert rows[elsewhere].problems == ("district",)
    assert "no-such-member" not in rows
    assert rows[ok].name_masked.endswith("*") and len(rows[ok].name_masked) == 2
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        ev.submit_registration(uow, event_id=eid, member_id=flagged)
    assert err.value.code == "events.not_eligible" and err.value.params["problems"] == ["fraud_flag"]


def test_verified_only_and_marital_filters(store, matchmaker, people):
    verified = people.make(store, matchmaker, sex=1, age=28, status="verified")
    eid = make_event(store, matchmaker, verified_only=True, marital=("40",))
    with store.read() as s:
        (row,) = q.check_eligibility(s, event_id=eid, member_ids=[verified])
    assert row.problems == ("marital",)  # verified status is fine; never married is not 40


def test_registration_transitions_follow_the_table(store, matchmaker, people):
    men, _ = people.many(store, matchmaker, men=3)
    eid = make_event(store, matchmaker, capacity=1)
    with unit_of_work(store, matchmaker) as uow:
        res = ev.invite_members(uow, event_id=eid, member_ids=men, approve=False)
    a, b, c = res.pending
    with unit_of_work(store, matchmaker) as uow:
        info = ev.approve_registration(uow, registration_id=a)
        assert info.status == "approved" and info.plate == "M01" and info.has_token
        assert set(info.allowed_statuses) == set(REGISTRATION_TRANSITIONS["approved"])
        with pytest.raises(XzError) as err:
            ev.approve_registration(uow, registration_id=b)
        assert err.value.code == "events.quota_full" and err.value.params["rule"] == "capacity"
        assert ev.approve_registration(uow, registration_id=b, waitlist_if_full=True).status == "waitlisted"
        with pytest.raises(XzError) as err:
            ev.mark_attended(uow, registration_id=c)  # pending -> attended is not a transition
        assert err.value.code == "events.bad_transition"
        ev.cancel_registration(uow, registration_id=c, reason="declined")
        assert ev.reopen_registration(uow, registration_id=c).status == "pending"
        with pytest.raises(XzError) as err:
            ev.record_no_shows(uow, event_id=eid)
        assert err.value.code == "events.not_held"


def test_walk_in_and_no_shows_after_the_event(store, matchmaker, people):
    men, women = people.many(store, matchmaker, men=2, women=2)
    eid = make_event(store, matchmaker, capacity=3, status="closed")
    with unit_of_work(store, matchmaker) as uow:
        res = ev.invite_members(uow, event_id=eid, member_ids=[men[0], women[0]])
        walk = ev.register_walk_in(uow, event_id=eid, member_id=men[1])
        assert walk.status == "attended" and walk.source == "walk_in" and walk.plate == "M02"
        with pytest.raises(XzError) as err:
            ev.register_walk_in(uow, event_id=eid, member_id=women[1], attended=False)  # full
        assert err.value.code == "events.quota_full"
        over = ev.register_walk_in(uow, event_id=eid, member_id=women[1], over_quota=True, attended=False)
        assert over.status == "approved" and over.plate == "F02"
        ev.mark_attended(uow, registration_id=res.approved[0])
        ev.change_event_status(uow, event_id=eid, status="held")
        result = ev.record_no_shows(uow, event_id=eid)
        assert set(result.no_show) == {res.approved[1], over.id}
        # a late check-in (synced after) corrects the no-show
        assert ev.mark_attended(uow, registration_id=res.approved[1]).status == "attended"
    with store.read() as s:
        audit = s.execute(select(AuditEntry).where(AuditEntry.action == "event.walk_in")).scalars().all()
        assert [a.reason for a in audit] == [None, "over_quota"]
        assert verify_chain(s).intact


def test_event_staff_may_walk_in_but_not_plan(store, matchmaker, people):
    m = people.make(store, matchmaker, sex=1, age=28)
    eid = make_event(store, matchmaker)
    with unit_of_work(store, as_admin(matchmaker)) as uow:
        staff = create_staff(uow, username="venue", display_name="现场", role="event_staff", district_code=None).actor()
    with pytest.raises(PermissionDenied), unit_of_work(store, staff) as uow:
        ev.create_event(uow, draft=event_draft())
    with pytest.raises(PermissionDenied), unit_of_work(store, staff) as uow:
        ev.invite_members(uow, event_id=eid, member_ids=[m])
    with pytest.raises(PermissionDenied), unit_of_work(store, staff) as uow:
        ev.register_walk_in(uow, event_id=eid, member_id=m, over_quota=True)
    with unit_of_work(store, staff) as uow:
        assert ev.register_walk_in(uow, event_id=eid, member_id=m).status == "attended"


def test_district_staff_work_on_their_district(store, matchmaker, people):
    with unit_of_work(store, as_admin(matchmaker)) as uow:
        gulou = create_staff(uow, username="gl", display_name="鼓楼红娘", role="matchmaker",
                             district_code="320302").actor()
    mine = people.make(store, matchmaker, sex=1, age=28, district="320302")
    other = people.make(store, matchmaker, sex=1, age=28, district="320303")
    with unit_of_work(store, gulou) as uow:
        eid = ev.create_event(uow, draft=event_draft()).id
        res = ev.invite_members(uow, event_id=eid, member_ids=[mine, other])
    assert len(res.approved) == 1 and res.skipped[0].code == "members.not_in_scope"
    with store.read() as s:
        assert s.get(Event, eid).district_code == "320302"
    city = make_event(store, matchmaker)
    with pytest.raises(XzError) as err, unit_of_work(store, gulou) as uow:
        ev.update_event(uow, event_id=city, changes={"venue": "别处"})
    assert err.value.code == "events.not_in_scope"


def test_update_refuses_caps_below_places_taken(store, matchmaker, people):
    men, women = people.many(store, matchmaker, men=3, women=1)
    eid = make_event(store, matchmaker, capacity=3)
    with unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=eid, member_ids=men + women)
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        ev.update_event(uow, event_id=eid, changes={"capacity": 2})
    assert err.value.code == "events.capacity_below_approved" and err.value.params["approved"] == 3
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        ev.update_event(uow, event_id=eid, changes={"quota_male": 2})
    assert err.value.code == "events.quota_below_approved" and err.value.params["sex"] == 1
    with unit_of_work(store, matchmaker) as uow:  # more room: the waiting woman is promoted
        info = ev.update_event(uow, event_id=eid, changes={"capacity": 4, "venue": "新地点"}, base_version=0)
    assert info.counts.approved == 4 and info.counts.waitlisted == 0 and info.venue == "新地点"
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        ev.update_event(uow, event_id=eid, changes={"token_key": b"x"})
    assert err.value.code == "events.not_editable"


def test_tokens_verify_under_the_event_key_and_are_unique(store, matchmaker, people):
    men, women = people.many(store, matchmaker, men=3, women=3)
    eid = make_event(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=eid, member_ids=men + women)
    with store.read() as s:
        key = q.event_token_key(s, eid)
        event = s.get(Event, eid)
        tokens = [r.token for r in s.execute(select(EventRegistration)).scalars()]
        assert len(set(tokens)) == 6
        for token in tokens:
            parsed = parse_token(token.lower())
            assert verify_token(parsed, key) and parsed.event_code == event.code
        found = q.registration_by_token(s, event_id=eid, token=tokens[0])
        assert found is not None and found.has_token


def test_list_and_calendar(store, matchmaker):
    with unit_of_work(store, matchmaker) as uow:
        a = ev.create_event(uow, draft=event_draft(name="春季联谊", event_date=date(2026, 5, 3))).id
        b = ev.create_event(uow, draft=event_draft(name="8分钟约会", kind="speed_dating", event_date=date(2026, 5, 17),
                                                   start_time="19:00", end_time="21:00")).id
        ev.create_event(uow, draft=event_draft(name="六月沙龙", kind="salon", event_date=date(2026, 6, 1)))
        ev.change_event_status(uow, event_id=b, status="open")
    with store.read() as s:
        may = q.month_calendar(s, year=2026, month=5)
        assert len(may.days) == 31 and [e.id for e in may.events()] == [a, b]
        assert [e.name for e in may.days[2].events] == ["春季联谊"]
        assert [r.id for r in q.list_events(s, flt=EventFilter(statuses=("open",)))] == [b]
        assert [r.name for r in q.list_events(s, flt=EventFilter(kinds=("salon",)))] == ["六月沙龙"]
        assert [r.name for r in q.list_events(s, flt=EventFilter(text="约会"))] == ["8分钟约会"]
        assert [r.name for r in q.list_events(s, newest_first=True)][0] == "六月沙龙"
        assert q.month_calendar(s, year=2026, month=5, flt=EventFilter(kinds=("salon",))).events() == ()


def test_delete_only_empty_drafts(store, matchmaker, people):
    m = people.make(store, matchmaker, sex=1, age=28)
    with unit_of_work(store, matchmaker) as uow:
        empty = ev.create_event(uow, draft=event_draft()).id
        used = ev.create_event(uow, draft=event_draft()).id
        ev.invite_members(uow, event_id=used, member_ids=[m])
        ev.delete_event(uow, event_id=empty)
        with pytest.raises(XzError) as err:
            ev.delete_event(uow, event_id=used)
        assert err.value.code == "events.has_registrations"
    with store.read() as s:
        assert s.get(Event, empty) is None
        assert s.execute(select(OutboxRow).where(OutboxRow.entity_id == empty, OutboxRow.op == "delete")).first()


def test_withdrawn_basic_consent_cancels_registrations_for_events_still_planned(store, matchmaker, people):
    """No badge, seat or sign-in line for someone who withdrew consent to processing: their places
    in events still being planned are cancelled (the waiting list moves up); held events keep
    their record; withdrawing another consent changes no registration."""
    man, other = people.many(store, matchmaker, men=2)[0]
    woman = people.make(store, matchmaker, sex=2, age=28, consents=("basic", "matching"))
    held = make_event(store, matchmaker, name="上月联谊会")
    with unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=held, member_ids=[man])
        reg = uow.session.execute(select(EventRegistration.id).where(EventRegistration.event_id == held)).scalar_one()
        ev.mark_attended(uow, registration_id=reg)
        ev.change_event_status(uow, event_id=held, status="held")
    full = make_event(store, matchmaker, capacity=2)
    pending = make_event(store, matchmaker, name="秋季读书会")
    with unit_of_work(store, matchmaker) as uow:
        ev.invite_members(uow, event_id=full, member_ids=[man, woman, other])  # other waits
        ev.submit_registration(uow, event_id=pending, member_id=man)
        members.withdraw_consent(uow, member_id=woman, type="matching")  # not basic: nothing changes
    with store.read() as s:
        before = {(r.event_id, r.member_id): r.status for r in s.execute(select(EventRegistration)).scalars()}
    assert before[(full, other)] == "waitlisted" and before[(full, woman)] == "approved"
    with unit_of_work(store, matchmaker) as uow:
        members.withdraw_consent(uow, member_id=man, type="basic")
    with store.read() as s:
        rows = {(r.event_id, r.member_id): r for r in s.execute(select(EventRegistration)).scalars()}
        assert (rows[(full, man)].status, rows[(full, man)].cancel_reason) == ("cancelled", "consent_withdrawn")
        assert (rows[(pending, man)].status, rows[(pending, man)].cancel_reason) == ("cancelled", "consent_withdrawn")
        assert rows[(full, other)].status == "approved"  # the freed place went to the waiting list
        assert rows[(held, man)].status == "attended"  # what happened stays on record
        assert rows[(full, woman)].status == "approved"
        audit = [(a.action, a.fields) for a in s.execute(select(AuditEntry).where(AuditEntry.member_id == man)).scalars()]
        assert ("event.registration.cancelled", sorted([f"event:{full}", "consent_withdrawn"])) in audit
        pushed = set(s.execute(select(OutboxRow.entity_id).where(OutboxRow.entity == "registration")).scalars())
        assert rows[(full, man)].id in pushed and rows[(full, other)].id in pushed  # the offices learn it by sync
