"""Auth and scope: no token, a bad or revoked token, another district's token are refused and
nothing leaks."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from tests.server.api import Api, member_row, note_row
from tests.sync.harness import add_user
from xzdesk.server import admin
from xzdesk.server.runner import ServerThread

PROTECTED = [
    ("GET", "/sync/v1/device"), ("POST", "/sync/v1/push"), ("GET", "/sync/v1/pull"), ("GET", "/sync/v1/rejected"),
    ("POST", "/sync/v1/erasures"), ("POST", "/sync/v1/erasures/ack"), ("GET", "/sync/v1/aggregates"),
    ("POST", "/sync/v1/matching/fit"),
    ("POST", "/intake/v1/members"), ("POST", "/intake/v1/events/x/signups"), ("GET", "/intake/v1/events"),
]  # fmt: skip


def test_every_endpoint_but_health_and_enrol_needs_a_token(server: ServerThread) -> None:
    schema = httpx.get(server.url + "/openapi.json").json()
    documented = {(m.upper(), path) for path, ops in schema["paths"].items() for m in ops}
    expected = {(m, p.replace("/x/", "/{event_id}/")) for m, p in PROTECTED} | {
        ("GET", "/health"), ("GET", "/ready"), ("POST", "/sync/v1/enrol")
    }
    assert documented == expected  # a new endpoint must be added to this test
    with httpx.Client(base_url=server.url) as http:
        assert http.get("/health").status_code == 200
        assert http.get("/ready").status_code == 200  # for load balancers: no token, nothing but the id
        for method, path in PROTECTED:
            r = http.request(method, path, json={})
            assert r.status_code == 401, (method, path, r.text)
            assert r.json()["code"] == "auth.missing_token"
            r = http.request(method, path, json={}, headers={"Authorization": "Bearer xzd1_forged"})
            assert r.status_code == 401
            assert r.json()["code"] == "auth.invalid_token"


def test_enrol_refuses_bad_password_and_unknown_user(server: ServerThread) -> None:
    add_user(server, "alice")
    with httpx.Client(base_url=server.url) as http:
        for body in ({"username": "alice", "password": "wrong-password"}, {"username": "nobody", "password": "x"}):
            r = http.post("/sync/v1/enrol", json=body)
            assert r.status_code == 401
            assert r.json() == {"code": "auth.bad_credentials", "params": {}, "wipe": False,
                                 "message_zh": "用户名或密码不正确", "message_en": "wrong user name or password"}


def test_revoked_device_is_told_to_wipe(server: ServerThread) -> None:
    add_user(server, "alice")
    api = Api(server.url, "alice")
    assert api.pull().status_code == 200
    with server.app.state.db.write() as s:
        admin.revoke_device(s, device_id=api.device_id, now=datetime.now(UTC))
    for r in (api.pull(), api.push(), api.http.get("/sync/v1/device")):
        assert r.status_code == 401
        # the shape every laptop version reads (older ones refuse unknown fields): it must wipe
        assert r.json() == {"code": "device.revoked", "params": {}, "wipe": True}
    api.close()


def test_deactivated_user_devices_are_revoked(server: ServerThread) -> None:
    add_user(server, "alice")
    api = Api(server.url, "alice")
    with server.app.state.db.write() as s:
        assert admin.deactivate_user(s, username="alice", now=datetime.now(UTC)) == 1
    r = api.pull()
    assert r.status_code == 401 and r.json()["wipe"] is True
    r = httpx.post(server.url + "/sync/v1/enrol", json={"username": "alice", "password": "password-123"})
    assert r.status_code == 401
    api.close()


def test_another_districts_token_sees_and_changes_nothing(server: ServerThread) -> None:
    add_user(server, "gulou", district="320302")
    add_user(server, "yunlong", district="320303")
    a, b = Api(server.url, "gulou"), Api(server.url, "yunlong")
    member = member_row(district="320302", name="欧阳娜娜", id_number="320302199202020027", mobile="13911112222")
    note = note_row(member["id"], body="只在鼓楼区可见")
    a.push_ok(a.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]),
              a.mutation("note", "insert", note["id"], fields=note, member_id=member["id"]))  # fmt: skip
    # the other district's device pulls: nothing of the member, not even its id
    r = b.pull()
    assert r.status_code == 200
    for secret in (member["id"], "欧阳娜娜", "320302199202020027", "13911112222", "只在鼓楼区可见"):
        assert secret not in r.text
    # it can neither edit, nor annotate, nor erase the member
    results = b.push_ok(
        b.mutation("member", "update", member["id"], fields={"employer": "x"}, base={"employer": None}),
        b.mutation("note", "insert", (n2 := note_row(member["id"]))["id"], fields=n2, member_id=member["id"]),
    )
    assert [r["status"] for r in results] == ["rejected", "rejected"]
    assert {r["code"] for r in results} == {"sync.out_of_scope"}
    assert b.http.post("/sync/v1/erasures", json={"member_id": member["id"]}).status_code == 403
    # the owning district sees its member unchanged, with one note
    changes, _, _ = a.pull_all()
    rows = {c["id"]: c for c in changes if c["kind"] == "upsert"}
    assert rows[member["id"]]["fields"]["employer"] is None
    assert sum(1 for c in changes if c.get("entity") == "note") == 1
    a.close()
    b.close()


def test_cursor_cannot_be_forged_or_borrowed(server: ServerThread) -> None:
    add_user(server, "gulou", district="320302")
    add_user(server, "yunlong", district="320303")
    a, b = Api(server.url, "gulou"), Api(server.url, "yunlong")
    cursor = a.pull().json()["cursor"]
    payload, mac = cursor.split(".")
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + mac
    assert a.pull(forged).status_code == 400
    assert a.pull(forged).json()["code"] == "sync.bad_cursor"
    assert b.pull(cursor).status_code == 400  # another device's cursor
    assert a.pull("garbage").status_code == 400
    a.close()
    b.close()


def test_roles_keep_to_their_endpoints(server: ServerThread) -> None:
    add_user(server, "mini", role="intake", district=None)
    add_user(server, "boss", role="union_admin", district=None)
    add_user(server, "gulou")
    intake, boss, mm = Api(server.url, "mini"), Api(server.url, "boss"), Api(server.url, "gulou")
    assert intake.blind_key == ""  # the intake backend never gets the lookup key
    assert intake.pull().status_code == 403
    assert intake.push().status_code == 403
    assert mm.http.get("/intake/v1/events").status_code == 403
    member = member_row()
    res = boss.push_ok(boss.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]))
    assert res[0]["code"] == "sync.not_permitted"
    mm.push_ok(mm.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]))
    changes, _, _ = boss.pull_all()
    # aggregates only: no member rows; the staff directory, and the password hashes of the
    # city-wide accounts only (a district's hashes go to that district's laptops)
    assert {c["entity"] for c in changes} == {"staff", "staff_password"}
    assert {c["fields"]["district_code"] for c in changes if c["entity"] == "staff_password"} == {None}
    rows = boss.http.get("/sync/v1/aggregates").json()["rows"]
    assert rows == [{"district_code": "320302", "status": "registered", "members": "<5"}]
    for api in (intake, boss, mm):
        api.close()


@pytest.mark.parametrize("role", ["matchmaker", "privacy_officer"])
def test_erasure_permission(server: ServerThread, role: str) -> None:
    add_user(server, "owner")
    add_user(server, "asker", role=role, district="320303")
    owner, asker = Api(server.url, "owner"), Api(server.url, "asker")
    member = member_row()
    owner.push_ok(owner.mutation("member", "insert", member["id"], fields=member, member_id=member["id"]))
    r = asker.http.post("/sync/v1/erasures", json={"member_id": member["id"]})
    assert r.status_code == (200 if role == "privacy_officer" else 403)
    owner.close()
    asker.close()
