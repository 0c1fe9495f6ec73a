"""NATURAL_KEY (registrations), STATE_MACHINE transitions (registrations), CHECKIN (scans) and
the event scope, with the real models of the events and check-in areas, over HTTP."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from tests.server.api import Api, member_row, resident_id, row
from tests.sync.harness import add_user
from xzdesk.server.models import Record
from xzdesk.server.runner import ServerThread

EVENT = "01a00000-0000-7000-8000-0000000000e1"
OTHER_EVENT = "01a00000-0000-7000-8000-0000000000e2"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def event_row(event_id: str, *, status: str = "open", district: str = "320302", **values: object) -> dict:
    stamp = _now()
    return row("event", id=event_id, code=f"E{event_id[-4:]}", name="春季联谊会", kind="mixer", event_date="2027-04-01",
               start_time="14:00", venue="云龙湖", capacity=40, token_key="ab" * 16, created_at=stamp,
               updated_at=stamp, status=status, district_code=district, **values)  # fmt: skip


def reg_row(member_id: str, event_id: str = EVENT, **values: object) -> dict:
    stamp = values.pop("stamp", None) or _now()
    return row("registration", event_id=event_id, member_id=member_id, source="invitation", requested_at=stamp,
               created_at=stamp, updated_at=stamp, **values)  # fmt: skip


def scan_row(device: str, token: str, key: str | None, event_id: str = EVENT) -> dict:
    return row("checkin_scan", event_id=event_id, office_district="320302", device_id=device, scanned_at=_now(),
               method="scanner", token=token, verdict="checked_in", checkin_key=key)  # fmt: skip


def _setup(server: ServerThread) -> tuple[Api, Api, dict]:
    add_user(server, "gulou")
    add_user(server, "gulou2")
    a, b = Api(server.url, "gulou"), Api(server.url, "gulou2")
    member = member_row()
    ev = event_row(EVENT)
    res = a.push_ok(a.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]),
                    a.mutation("event", "insert", EVENT, fields=ev))  # fmt: skip
    assert [r["status"] for r in res] == ["applied", "applied"], res
    return a, b, member


def test_natural_key_merges_duplicates_and_tells_both_devices(server: ServerThread) -> None:
    a, b, member = _setup(server)
    stamp = _now()
    first = reg_row(member["id"], stamp=stamp, remark="办公室登记")
    second = reg_row(member["id"], stamp=stamp, remark="电话登记")
    r1 = a.push_ok(a.mutation("registration", "insert", first["id"], fields=first, member_id=member["id"]))
    r2 = b.push_ok(b.mutation("registration", "insert", second["id"], fields=second, member_id=member["id"]))
    assert r1[0]["status"] == "applied"
    assert r2[0]["status"] == "merged" and r2[0]["merged_into"] == first["id"]
    assert r2[0]["conflict_fields"] == ["remark"]
    for api in (a, b):  # both devices are told
        _, _, conflicts = api.pull_all()
        assert [(c["kind"], c["other_id"]) for c in conflicts] == [("natural_key", second["id"])]
        assert conflicts[0]["mine"] == {"remark": "电话登记"} and conflicts[0]["theirs"] == {"remark": "办公室登记"}
    removed = [c for c in b.pull_all()[0] if c.get("id") == second["id"]]
    assert removed and removed[-1]["kind"] == "remove" and removed[-1]["merged_into"] == first["id"]
    # an edit b makes to its duplicate lands on the canonical row
    r3 = b.push_ok(b.mutation("registration", "update", second["id"], fields={"remark": "到场"},
                              base={"remark": "办公室登记"}))  # fmt: skip
    assert r3[0]["status"] in ("applied", "merged") and r3[0]["merged_into"] == first["id"]
    with server.app.state.db.read() as s:
        assert json.loads(s.get(Record, ("registration", first["id"])).fields)["remark"] == "到场"


def test_state_machine_validates_and_turns_stale_moves_into_conflicts(server: ServerThread) -> None:
    a, b, member = _setup(server)
    reg = reg_row(member["id"])
    a.push_ok(a.mutation("registration", "insert", reg["id"], fields=reg, member_id=member["id"]))
    b.pull_all()
    ok = a.push_ok(a.mutation("registration", "update", reg["id"], fields={"status": "approved"},
                              base={"status": "pending"}, base_version=1))  # fmt: skip
    assert ok[0]["status"] == "applied"
    stale = b.push_ok(b.mutation("registration", "update", reg["id"], fields={"status": "waitlisted"},
                                 base={"status": "pending"}))  # fmt: skip
    assert stale[0]["status"] == "conflict"
    conflicts = b.pull_all()[2]
    assert [(c["kind"], c["base"], c["theirs"], c["mine"]) for c in conflicts] == [
        ("transition", "pending", "approved", "waitlisted")
    ]
    bad = a.push_ok(a.mutation("registration", "update", reg["id"], fields={"status": "pending"},
                               base={"status": "approved"}))  # fmt: skip
    assert bad[0]["status"] == "rejected" and bad[0]["code"] == "sync.bad_transition"
    with server.app.state.db.read() as s:
        assert json.loads(s.get(Record, ("registration", reg["id"])).fields)["status"] == "approved"


def test_checkin_keeps_every_scan_and_venues_see_only_check_in_data(server: ServerThread) -> None:
    office, _, member = _setup(server)
    reg = reg_row(member["id"])
    office.push_ok(office.mutation("registration", "insert", reg["id"], fields=reg, member_id=member["id"]))
    add_user(server, "v1", role="event_staff", district=None)
    add_user(server, "v2", role="event_staff", district=None)
    v1, v2 = Api(server.url, "v1", events=[EVENT]), Api(server.url, "v2", events=[EVENT])
    key = f"reg:{reg['id']}"
    scans = [scan_row(v1.device_id, "TOKEN1", key), scan_row(v2.device_id, "TOKEN1", key)]
    unknown = [scan_row(v1.device_id, "FORGED", None), scan_row(v2.device_id, "FORGED", None)]
    r1 = v1.push_ok(v1.mutation("checkin_scan", "insert", scans[0]["id"], fields=scans[0]),
                    v1.mutation("checkin_scan", "insert", unknown[0]["id"], fields=unknown[0]))  # fmt: skip
    r2 = v2.push_ok(v2.mutation("checkin_scan", "insert", scans[1]["id"], fields=scans[1]),
                    v2.mutation("checkin_scan", "insert", unknown[1]["id"], fields=unknown[1]))  # fmt: skip
    assert [r["status"] for r in r1 + r2] == ["applied"] * 4  # never "already checked in"
    assert r2[0]["params"] == {"duplicate_of": scans[0]["id"]}
    changes = v1.pull_all()[0]
    rows = {c["id"]: c["fields"] for c in changes if c.get("entity") == "checkin_scan"}
    assert len(rows) == 4
    assert rows[scans[0]["id"]]["duplicate_of"] is None
    assert rows[scans[1]["id"]]["duplicate_of"] == scans[0]["id"]
    assert rows[unknown[0]["id"]]["duplicate_of"] is None and rows[unknown[1]["id"]]["duplicate_of"] is None
    # the venue gets the event and the scans, not the member's case file nor registrations
    # check-in data, the staff directory and the password hashes of city-wide accounts (these
    # venue staff have no district: they may sign in at any venue laptop)
    assert {c.get("entity") for c in changes} <= {"staff", "staff_password", "event", "checkin_scan"}
    assert "event" in {c.get("entity") for c in changes}
    # a venue laptop may not write what check-in does not need, nor another event's scans
    foreign = scan_row(v1.device_id, "TOKEN9", None, event_id=OTHER_EVENT)
    reg2 = reg_row(member["id"], event_id=EVENT)
    res = v1.push_ok(v1.mutation("checkin_scan", "insert", foreign["id"], fields=foreign),
                     v1.mutation("registration", "insert", reg2["id"], fields=reg2, member_id=member["id"]))  # fmt: skip
    assert [r["code"] for r in res] == ["sync.out_of_scope", "sync.out_of_scope"]


def test_online_signup_and_public_events(server: ServerThread) -> None:
    add_user(server, "gulou")
    add_user(server, "mini", role="intake", district=None)
    office, mini = Api(server.url, "gulou"), Api(server.url, "mini")
    office.push_ok(office.mutation("event", "insert", EVENT, fields=event_row(EVENT, status="open")),
                   office.mutation("event", "insert", OTHER_EVENT, fields=event_row(OTHER_EVENT, status="draft")))  # fmt: skip
    listed = mini.http.get("/intake/v1/events").json()
    assert [e["id"] for e in listed] == [EVENT]
    assert "token_key" not in listed[0]["fields"] and listed[0]["fields"]["name"] == "春季联谊会"
    person = {"name": "赵敏", "id_number": resident_id(), "mobile": "13955556666",
              "district_code": "320302", "consents": ["basic"], "notice_version": "2026-01"}  # fmt: skip
    assert mini.http.post("/intake/v1/members", json=person).status_code == 201
    ident = {"id_number": person["id_number"], "mobile": person["mobile"], "remark": "想参加"}
    r = mini.http.post(f"/intake/v1/events/{EVENT}/signups", json=ident)
    assert r.status_code == 201 and r.json()["status"] == "pending"
    again = mini.http.post(f"/intake/v1/events/{EVENT}/signups", json=ident)
    assert again.json()["registration_id"] == r.json()["registration_id"]  # one per member and event
    assert mini.http.post(f"/intake/v1/events/{OTHER_EVENT}/signups", json=ident).status_code == 404
    wrong = {"id_number": person["id_number"], "mobile": "13900000000"}
    assert mini.http.post(f"/intake/v1/events/{EVENT}/signups", json=wrong).status_code == 404
    rows = [c for c in office.pull_all()[0] if c.get("entity") == "registration"]
    assert len(rows) == 1 and (rows[0]["fields"]["source"], rows[0]["fields"]["status"]) == ("online", "pending")


def test_an_older_time_in_a_max_field_is_served_back_to_the_laptop_that_sent_it(server: ServerThread) -> None:
    """A laptop whose clock is behind sends only an older `last_activity_at` (a note added there):
    the server keeps its later time (noop) and serves the row again, so that laptop's next pull
    carries the server's value and the two end equal."""
    a, b, member = _setup(server)
    _, cursor, _ = b.pull_all()
    later = member["last_activity_at"]
    older = "2020-01-01T08:00:00+00:00"
    res = b.push_ok(b.mutation("member", "update", member["id"], fields={"last_activity_at": older},
                               base={"last_activity_at": later}, member_id=member["id"], base_version=1))  # fmt: skip
    assert res[0]["status"] == "noop"
    changes, _, _ = b.pull_all(cursor)
    served = [c for c in changes if c.get("id") == member["id"]]
    assert served, "the row the laptop holds an older value of must be served again"
    assert served[-1]["fields"]["last_activity_at"] == later
