"""Offline work on two laptops that no single mutation reveals: one number plate handed out
twice, a cap exceeded by two approvals, one person registered twice. The server keeps every
record, reports each as a conflict both laptops see, and the organiser resolves it; rows of a
merged duplicate follow the survivor on the server and on every laptop. Real laptops (SQLCipher,
the real services and sync engine) against the real server, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from tests.domain.events._factory import FACTS, People, make_event
from tests.server.replicas import assert_laptop_equals_server
from tests.sync.harness import Laptop, LaptopFactory, add_user
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import EventRegistration
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Member, Note, Verification
from xzdesk.domain.members.service import add_note, change_status, record_verification, register_member
from xzdesk.server.erasure import erase_member
from xzdesk.server.models import Conflict, Erasure, Record
from xzdesk.server.runner import ServerThread
from xzdesk.sync.conflicts import resolve_conflict


def sync(*laptops: Laptop) -> None:
    for laptop in laptops:
        report = laptop.engine.sync_once()
        assert report.error is None, (laptop.name, report.error)


def two_laptops(server: ServerThread, laptops: LaptopFactory) -> tuple[Laptop, Laptop]:
    add_user(server, "gulou1")
    add_user(server, "gulou2")
    return laptops.make(server.url, "gulou1"), laptops.make(server.url, "gulou2")


def pending_event(l1: Laptop, l2: Laptop, *, men: int, people: People | None = None,
                  **caps: object) -> tuple[str, list[str]]:  # fmt: skip
    """An open event made on l1 with `men` pending registrations, known to both laptops."""
    people = people or People()
    members = [people.make(l1.store, l1.actor, sex=1, age=28) for _ in range(men)]
    event_id = make_event(l1.store, l1.actor, **caps)
    with l1.uow() as uow:
        ev.invite_members(uow, event_id=event_id, member_ids=members, approve=False)
    with l1.store.read() as s:
        regs = list(s.execute(select(EventRegistration.id).where(EventRegistration.event_id == event_id)
                              .order_by(EventRegistration.requested_at)).scalars())  # fmt: skip
    sync(l1, l2)
    return event_id, regs


def approve(laptop: Laptop, registration_id: str) -> str:
    with laptop.uow() as uow:
        info = ev.approve_registration(uow, registration_id=registration_id)
    assert info.status == "approved"
    return str(info.plate)


def conflicts_of(laptop: Laptop, kind: str) -> list:
    return [c for c in laptop.engine.conflicts() if c.kind == kind]


def server_conflicts(server: ServerThread, kind: str) -> list[Conflict]:
    with server.app.state.db.read() as s:
        return list(s.execute(select(Conflict).where(Conflict.kind == kind).order_by(Conflict.created_seq)).scalars())


def plates(server: ServerThread, event_id: str) -> dict[str, str]:
    with server.app.state.db.read() as s:
        rows = s.execute(select(Record.id, Record.fields).where(Record.entity == "registration",
                                                                Record.event_id == event_id)).all()  # fmt: skip
    return {rid: json.loads(fields)["plate"] for rid, fields in rows}


def test_a_plate_handed_out_twice_offline_is_a_conflict_resolved_by_a_new_plate(
    server: ServerThread, laptops: LaptopFactory
) -> None:
    l1, l2 = two_laptops(server, laptops)
    event_id, (r1, r2) = pending_event(l1, l2, men=2)
    # offline, each laptop approves a different man: each hands out "the next plate", M01
    assert approve(l1, r1) == "M01"
    assert approve(l2, r2) == "M01"
    sync(l1, l2, l1)
    assert plates(server, event_id) == {r1: "M01", r2: "M01"}  # every record kept as pushed
    (conflict,) = server_conflicts(server, "plate")
    assert (conflict.status, conflict.entity_id, conflict.other_id) == ("open", r2, r1)  # r1 had it first
    for laptop in (l1, l2):
        (seen,) = conflicts_of(laptop, "plate")
        assert (seen.entity_id, seen.other_id, seen.theirs) == (r2, r1, "M01")
    # the organiser on l2 keeps M01 with the first person; r2 gets the next free plate
    with l2.uow() as uow:
        resolve_conflict(uow, conflict_id=conflict.id, choice="theirs")
    sync(l2, l1)
    assert plates(server, event_id) == {r1: "M01", r2: "M02"}
    assert [c.status for c in server_conflicts(server, "plate")] == ["resolved"]
    for laptop in (l1, l2):
        assert conflicts_of(laptop, "plate") == []
        assert_laptop_equals_server(laptop, server.app.state.db)


def test_the_other_side_can_keep_the_plate(server: ServerThread, laptops: LaptopFactory) -> None:
    l1, l2 = two_laptops(server, laptops)
    event_id, (r1, r2) = pending_event(l1, l2, men=2)
    approve(l1, r1)
    approve(l2, r2)
    sync(l1, l2)
    (conflict,) = conflicts_of(l2, "plate")
    with l2.uow() as uow:  # this person keeps M01: the one who had it first gets a new plate
        resolve_conflict(uow, conflict_id=conflict.id, choice="mine")
    sync(l2, l1)
    assert plates(server, event_id) == {r1: "M02", r2: "M01"}
    assert conflicts_of(l1, "plate") == []


def test_approvals_over_the_cap_are_kept_and_reported_until_the_organiser_acts(
    server: ServerThread, laptops: LaptopFactory
) -> None:
    l1, l2 = two_laptops(server, laptops)
    people = People()
    event_id, (r1, r2, r3) = pending_event(l1, l2, men=3, people=people, capacity=2, quota_male=1)
    approve(l1, r1)  # each laptop sees one free place for a man
    approve(l2, r2)
    sync(l1, l2, l1)
    open_caps = {(c.field, json.loads(c.theirs), json.loads(c.mine)) for c in server_conflicts(server, "quota")}
    assert open_caps == {("quota_male", 1, 2)}  # capacity 2 holds, the men's quota of 1 does not
    (seen,) = conflicts_of(l1, "quota")
    assert (seen.entity, seen.entity_id, seen.field, seen.theirs, seen.mine) == ("event", event_id, "quota_male", 1, 2)
    with l1.uow() as uow:  # both men may come: the organiser keeps everyone
        resolve_conflict(uow, conflict_id=seen.id, choice="theirs")
    sync(l1, l2)
    assert [c.status for c in server_conflicts(server, "quota")] == ["resolved"]
    with l2.uow() as uow:  # a later change in the event does not bring the closed conflict back
        ev.waitlist_registration(uow, registration_id=r3)
    sync(l2, l1)
    assert [c.status for c in server_conflicts(server, "quota")] == ["resolved"]
    assert conflicts_of(l1, "quota") == conflicts_of(l2, "quota") == []
    # the same overfill on a second event, this time undone: the server closes it by itself
    event2, (s1, s2) = pending_event(l1, l2, men=2, people=people, capacity=1)
    approve(l1, s1)
    approve(l2, s2)
    sync(l1, l2)
    (over,) = [c for c in server_conflicts(server, "quota") if c.event_id == event2]
    assert (over.field, over.status) == ("capacity", "open")
    with l2.uow() as uow:
        ev.cancel_registration(uow, registration_id=s2)
    sync(l2, l1)
    (over,) = [c for c in server_conflicts(server, "quota") if c.event_id == event2]
    assert over.status == "resolved" and over.resolved_by is None
    for laptop in (l1, l2):
        assert conflicts_of(laptop, "quota") == []
        assert_laptop_equals_server(laptop, server.app.state.db)


def _same_person(laptop: Laptop, *, employer: str) -> str:
    draft = MemberDraft(name="欧阳晓明", id_number="320302199003070034", mobile="13912345678",
                        district_code="320302", employer=employer)  # fmt: skip
    with laptop.uow() as uow:  # verified and active: eligible for events
        member_id = register_member(uow, draft=draft, consents=("basic",)).id
        for kind, evidence in FACTS:
            record_verification(uow, member_id=member_id, kind=kind, evidence=evidence)
        change_status(uow, member_id=member_id, status="active")
    return member_id


def test_one_person_registered_on_two_laptops_is_merged_and_their_rows_follow(
    server: ServerThread, laptops: LaptopFactory
) -> None:
    l1, l2 = two_laptops(server, laptops)
    event_id = make_event(l1.store, l1.actor)
    sync(l1, l2)
    # offline: the same person (same ID number) registered at two desks, each with a note;
    # the second desk also signs its copy up for the event
    winner = _same_person(l1, employer="徐工集团")
    loser = _same_person(l2, employer="徐州地铁")
    with l1.uow() as uow:
        note1 = add_note(uow, member_id=winner, body="第一次面谈").id
    with l2.uow() as uow:
        note2 = add_note(uow, member_id=loser, body="电话回访").id
        registration = ev.submit_registration(uow, event_id=event_id, member_id=loser).id
    sync(l1, l2, l1, l2)
    db = server.app.state.db
    with db.read() as s:
        alias = s.get(Record, ("member", loser))
        assert alias is not None and alias.deleted and alias.merged_into == winner
        live = s.execute(select(Record.id).where(Record.entity == "member", Record.deleted.is_(False))).scalars().all()
        assert live == [winner]
        for rid, entity in ((note1, "note"), (note2, "note"), (registration, "registration")):
            assert json.loads(s.get(Record, (entity, rid)).fields)["member_id"] == winner, entity
        consents = s.execute(select(Record.fields).where(Record.entity == "consent")).scalars().all()
        assert {json.loads(c)["member_id"] for c in consents} == {winner}
    # every laptop holds the one person with all rows pointing at them
    for laptop in (l1, l2):
        with laptop.store.read() as s:
            assert s.execute(select(Member.id)).scalars().all() == [winner]
            assert set(s.execute(select(Note.member_id)).scalars()) == {winner}
            assert set(s.execute(select(Verification.member_id)).scalars()) == {winner}
            assert s.get(EventRegistration, registration).member_id == winner
        assert_laptop_equals_server(laptop, db)
    # both desks see the duplicate; the second desk's employer is the right one
    (conflict,) = conflicts_of(l2, "natural_key")
    assert (conflict.entity_id, conflict.other_id) == (winner, loser)
    assert conflict.theirs["employer"] == "徐工集团" and conflict.mine["employer"] == "徐州地铁"
    assert not {"id_number", "name", "mobile", "member_no", "created_at"} & set(conflict.mine)  # same, or not facts
    assert [c.id for c in conflicts_of(l1, "natural_key")] == [conflict.id]
    with l2.uow() as uow:
        resolve_conflict(uow, conflict_id=conflict.id, choice="mine")
    sync(l2, l1)
    with db.read() as s:
        assert json.loads(s.get(Record, ("member", winner)).fields)["employer"] == "徐州地铁"
    assert conflicts_of(l1, "natural_key") == []
    # erasing the person erases the duplicate's copy too: none of its values stay on the server
    with db.write() as s:
        erase_member(s, winner, now=datetime.now(UTC), requested_by=None)
    with db.read() as s:
        assert s.get(Record, ("member", loser)) is None
        assert set(s.execute(select(Erasure.member_id)).scalars()) == {winner, loser}
        leftovers = s.execute(select(Record.fields).where(Record.fields.contains("320302199003070034"))).all()
        assert leftovers == []


def test_scans_of_a_registration_merged_into_another_follow_it(server: ServerThread) -> None:
    """Over the protocol: the second office's registration of the same member is merged into the
    first; a venue scan made against the duplicate's id is stored against the survivor."""
    from tests.server.api import Api
    from tests.server.test_merge_classes import EVENT, _setup, reg_row, scan_row

    office, office2, member = _setup(server)
    first, second = reg_row(member["id"]), reg_row(member["id"])
    office.push_ok(office.mutation("registration", "insert", first["id"], fields=first, member_id=member["id"]))
    merged = office2.push_ok(office2.mutation("registration", "insert", second["id"], fields=second,
                                              member_id=member["id"]))  # fmt: skip
    assert merged[0]["status"] == "merged" and merged[0]["merged_into"] == first["id"]
    add_user(server, "venue", role="event_staff", district=None)
    venue = Api(server.url, "venue", events=[EVENT])
    scan = {**scan_row(venue.device_id, "TOKEN2", f"{second['id']}/0"), "registration_id": second["id"]}
    result = venue.push_ok(venue.mutation("checkin_scan", "insert", scan["id"], fields=scan))
    assert result[0]["status"] == "applied" and result[0]["params"]["repointed"] == {"registration_id": first["id"]}
    with server.app.state.db.read() as s:
        assert json.loads(s.get(Record, ("checkin_scan", scan["id"])).fields)["registration_id"] == first["id"]
    rows = {c["id"]: c for c in venue.pull_all()[0] if c.get("entity") == "checkin_scan"}
    assert rows[scan["id"]]["fields"]["registration_id"] == first["id"]
    for api in (office, office2, venue):
        api.close()


def test_a_person_registered_again_after_archiving_is_not_merged_into_the_archive(server: ServerThread) -> None:
    """The laptop lets an archived person register anew (a new case file); the server keeps both."""
    from tests.server.api import Api, member_row

    add_user(server, "gulou1")
    api = Api(server.url, "gulou1")
    old = member_row(id_number="320302199003070034", mobile="13912345678")
    api.push_ok(api.mutation("member", "insert", old["id"], fields=old, member_id=old["id"]))
    archived = api.push_ok(api.mutation("member", "delete", old["id"], member_id=old["id"]))
    assert archived[0]["status"] == "applied"
    new = member_row(id_number="320302199003070034", mobile="13912345678")
    result = api.push_ok(api.mutation("member", "insert", new["id"], fields=new, member_id=new["id"]))
    assert result[0]["status"] == "applied" and result[0]["merged_into"] is None
    twice = member_row(id_number="320302199003070034", mobile="13912345678")  # but not a third time offline
    result = api.push_ok(api.mutation("member", "insert", twice["id"], fields=twice, member_id=twice["id"]))
    assert result[0]["status"] == "merged" and result[0]["merged_into"] == new["id"]
    api.close()


def test_members_stored_before_the_upgrade_are_found_by_id_number_too(server: ServerThread) -> None:
    """Migration s0003 gives members stored by an older server their identity key."""
    from sqlalchemy import delete, text

    from tests.server.api import Api, member_row
    from xzdesk.server.migrate import upgrade
    from xzdesk.server.models import RecordKey

    add_user(server, "gulou1")
    add_user(server, "gulou2")
    a, b = Api(server.url, "gulou1"), Api(server.url, "gulou2")
    old = member_row(id_number="320302199003070034", mobile="13912345678")
    gone = member_row(id_number="320302199001010011", mobile="13800000001", status="archived")
    a.push_ok(*(a.mutation("member", "insert", m["id"], fields=m, member_id=m["id"]) for m in (old, gone)))
    db = server.app.state.db
    with db.engine.begin() as conn:  # as an older server stored them: no identity key, schema before s0003_member_identity_keys
        conn.execute(delete(RecordKey).where(RecordKey.entity == "member", RecordKey.name == "nk"))
        conn.execute(text("DROP TABLE h5_audit_head"))  # added after s0003_member_identity_keys (s0004)
        conn.execute(text("ALTER TABLE applied_mutation DROP COLUMN echo"))  # and s0005
        conn.execute(text("UPDATE alembic_version SET version_num = 's0003_h5_member_app'"))
    assert upgrade(db.engine)
    with db.read() as s:
        keys = s.execute(select(RecordKey.record_id).where(RecordKey.entity == "member", RecordKey.name == "nk")).scalars()
        assert list(keys) == [old["id"]]  # an archived case file holds none
    again = member_row(id_number="320302199003070034", mobile="13912345678")
    result = b.push_ok(b.mutation("member", "insert", again["id"], fields=again, member_id=again["id"]))
    assert result[0]["status"] == "merged" and result[0]["merged_into"] == old["id"]
    a.close()
    b.close()
