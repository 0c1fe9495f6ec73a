"""NATURAL_KEY, STATE_MACHINE, CHECKIN and event scope, with test-only entities shaped like
the registrations and scans that later areas will add (the engine must need no change)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tests.server.api import Api, member_row, resident_id, row
from tests.server.entities import synced_test_entities
from tests.sync.harness import add_user
from xzdesk.server.models import Record
from xzdesk.server.runner import ServerThread

EVENT = "01a00000-0000-7000-8000-0000000000e1"
OTHER_EVENT = "01a00000-0000-7000-8000-0000000000e2"


@pytest.fixture(autouse=True)
def _entities() -> Iterator[None]:
    with synced_test_entities():
        yield


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _setup(server: ServerThread) -> tuple[Api, Api, Api, dict]:
    add_user(server, "gulou")
    add_user(server, "venue", role="event_staff", district=None)
    add_user(server, "venue2", role="event_staff", district=None)
    mm, venue = Api(server.url, "gulou"), Api(server.url, "venue", events=[EVENT])
    venue2 = Api(server.url, "venue2", events=[OTHER_EVENT])
    member = member_row()
    mm.push_ok(mm.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]))
    return mm, venue, venue2, member


def _reg(member_id: str, event_id: str = EVENT, **values: object) -> dict:
    values.setdefault("created_at", _now())
    return row("registration", member_id=member_id, event_id=event_id, **values)


def test_natural_key_merges_duplicates_and_tells_both_devices(server: ServerThread) -> None:
    mm, venue, venue2, member = _setup(server)
    stamp = _now()
    first = _reg(member["id"], channel="office", created_at=stamp)
    second = _reg(member["id"], channel="walk_in", created_at=stamp)
    r1 = mm.push_ok(mm.mutation("registration", "insert", first["id"], fields=first, member_id=member["id"]))
    r2 = venue.push_ok(venue.mutation("registration", "insert", second["id"], fields=second, member_id=member["id"]))
    assert r1[0]["status"] == "applied"
    assert r2[0]["status"] == "merged" and r2[0]["merged_into"] == first["id"]
    assert r2[0]["conflict_fields"] == ["channel"]
    # both devices are told (the venue sees its duplicate removed, pointing at the canonical row)
    for api in (mm, venue):
        changes, _, conflicts = api.pull_all()
        assert [(c["kind"], c["other_id"]) for c in conflicts] == [("natural_key", second["id"])]
        assert conflicts[0]["mine"] == {"channel": "walk_in"} and conflicts[0]["theirs"] == {"channel": "office"}
    venue_changes = venue.pull_all()[0]
    removed = [c for c in venue_changes if c.get("id") == second["id"]]
    assert removed and removed[-1]["kind"] == "remove" and removed[-1]["merged_into"] == first["id"]
    # an edit the venue makes to its duplicate lands on the canonical row
    r3 = venue.push_ok(venue.mutation("registration", "update", second["id"], fields={"remark": "到场"},
                                      base={"remark": None}))  # fmt: skip
    assert r3[0]["status"] in ("applied", "merged") and r3[0]["merged_into"] == first["id"]
    with server.app.state.db.read() as s:
        assert json.loads(s.get(Record, ("registration", first["id"])).fields)["remark"] == "到场"
    # the other event's venue saw none of it; it never sees the member itself either
    changes, _, conflicts = venue2.pull_all()
    assert conflicts == [] and {c.get("entity") for c in changes} <= {"staff"}
    assert all(c.get("entity") != "member" for c in venue.pull_all()[0])


def test_state_machine_validates_and_turns_stale_moves_into_conflicts(server: ServerThread) -> None:
    mm, venue, _, member = _setup(server)
    reg = _reg(member["id"])
    mm.push_ok(mm.mutation("registration", "insert", reg["id"], fields=reg, member_id=member["id"]))
    venue.pull_all()
    ok = mm.push_ok(mm.mutation("registration", "update", reg["id"], fields={"status": "approved"},
                                base={"status": "pending"}, base_version=1))  # fmt: skip
    assert ok[0]["status"] == "applied"
    stale = venue.push_ok(venue.mutation("registration", "update", reg["id"], fields={"status": "rejected"},
                                         base={"status": "pending"}))  # fmt: skip
    assert stale[0]["status"] == "conflict"
    conflicts = venue.pull_all()[2]
    assert [(c["kind"], c["base"], c["theirs"], c["mine"]) for c in conflicts] == [
        ("transition", "pending", "approved", "rejected")
    ]
    bad = mm.push_ok(mm.mutation("registration", "update", reg["id"], fields={"status": "pending"},
                                 base={"status": "approved"}))  # fmt: skip
    assert bad[0]["status"] == "rejected" and bad[0]["code"] == "sync.bad_transition"
    with server.app.state.db.read() as s:
        assert json.loads(s.get(Record, ("registration", reg["id"])).fields)["status"] == "approved"


def test_checkin_keeps_every_scan_and_marks_later_duplicates(server: ServerThread) -> None:
    add_user(server, "v1", role="event_staff", district=None)
    add_user(server, "v2", role="event_staff", district=None)
    v1, v2 = Api(server.url, "v1", events=[EVENT]), Api(server.url, "v2", events=[EVENT])
    scans = [row("checkin_scan", event_id=EVENT, token="ABCD1234", scanned_at=_now()) for _ in range(2)]
    unknown = [row("checkin_scan", event_id=EVENT, token=None, scanned_at=_now()) for _ in range(2)]
    r1 = v1.push_ok(v1.mutation("checkin_scan", "insert", scans[0]["id"], fields=scans[0]),
                    v1.mutation("checkin_scan", "insert", unknown[0]["id"], fields=unknown[0]))  # fmt: skip
    r2 = v2.push_ok(v2.mutation("checkin_scan", "insert", scans[1]["id"], fields=scans[1]),
                    v2.mutation("checkin_scan", "insert", unknown[1]["id"], fields=unknown[1]))  # fmt: skip
    assert [r["status"] for r in r1 + r2] == ["applied"] * 4  # never "already checked in"
    assert r2[0]["params"] == {"duplicate_of": scans[0]["id"]}
    rows = {c["id"]: c["fields"] for c in v1.pull_all()[0] if c.get("entity") == "checkin_scan"}
    assert len(rows) == 4
    assert rows[scans[0]["id"]]["duplicate_of"] is None
    assert rows[scans[1]["id"]]["duplicate_of"] == scans[0]["id"]
    assert rows[unknown[0]["id"]]["duplicate_of"] is None and rows[unknown[1]["id"]]["duplicate_of"] is None
    # a scan for another event is outside this venue's scope
    foreign = row("checkin_scan", event_id=OTHER_EVENT, token="ZZZZ", scanned_at=_now())
    assert v1.push_ok(v1.mutation("checkin_scan", "insert", foreign["id"], fields=foreign))[0]["code"] == (
        "sync.out_of_scope"
    )


def test_online_signup_and_public_events(server: ServerThread) -> None:
    add_user(server, "city", district=None)
    add_user(server, "mini", role="intake", district=None)
    city, mini = Api(server.url, "city"), Api(server.url, "mini")
    published = row("event", id=EVENT, title="春季联谊会", status="published", starts_at=_now(), internal_note="x")
    draft = row("event", id=OTHER_EVENT, title="草稿", status="draft", starts_at=_now())
    city.push_ok(city.mutation("event", "insert", EVENT, fields=published),
                 city.mutation("event", "insert", OTHER_EVENT, fields=draft))  # fmt: skip
    listed = mini.http.get("/intake/v1/events").json()
    assert [e["id"] for e in listed] == [EVENT]
    assert set(listed[0]["fields"]) == {"title", "starts_at", "status"}  # no internal fields
    person = {"name": "赵敏", "id_number": resident_id(), "mobile": "13955556666",
              "district_code": "320302", "consents": ["basic"], "notice_version": "2026-01"}  # fmt: skip
    assert mini.http.post("/intake/v1/members", json=person).status_code == 201
    ident = {"id_number": person["id_number"], "mobile": person["mobile"]}
    r = mini.http.post(f"/intake/v1/events/{EVENT}/signups", json=ident)
    assert r.status_code == 201 and r.json()["status"] == "pending"
    again = mini.http.post(f"/intake/v1/events/{EVENT}/signups", json=ident)
    assert again.json()["registration_id"] == r.json()["registration_id"]  # one per member and event
    assert mini.http.post(f"/intake/v1/events/{OTHER_EVENT}/signups", json=ident).status_code == 404
    wrong = {"id_number": person["id_number"], "mobile": "13900000000"}
    assert mini.http.post(f"/intake/v1/events/{EVENT}/signups", json=wrong).status_code == 404
    rows = [c for c in city.pull_all()[0] if c.get("entity") == "registration"]
    assert len(rows) == 1 and rows[0]["fields"]["channel"] == "mini_program"


def test_signup_answers_501_until_registrations_exist(server: ServerThread) -> None:
    from tests.server.entities import MODELS
    from xzdesk.domain.store.base import SYNC_REGISTRY

    SYNC_REGISTRY.pop("registration")
    try:
        add_user(server, "mini", role="intake", district=None)
        mini = Api(server.url, "mini")
        r = mini.http.post(f"/intake/v1/events/{EVENT}/signups",
                           json={"id_number": "320303199505050026", "mobile": "13955556666"})  # fmt: skip
        assert r.status_code == 501 and r.json()["code"] == "intake.signup_unavailable"
    finally:
        SYNC_REGISTRY["registration"] = MODELS[1]
