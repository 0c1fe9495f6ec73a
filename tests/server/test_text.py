"""Text: a lone surrogate anywhere in a JSON body (resolutions, erasures, field names, values,
ids, user names) was a 500; bytes that are not UTF-8 too, and a NUL in an id broke PostgreSQL.
Each is refused 422 with words that say where, and nothing is written."""

from __future__ import annotations

import json
from typing import Any

import httpx
from sqlalchemy import func, select

from tests.server.api import Api, member_row, resident_id
from tests.sync.harness import PASSWORD, add_user
from xzdesk.server.db import current_seq
from xzdesk.server.models import AppliedMutation, Record, Rejected
from xzdesk.server.runner import ServerThread

LONE = "\ud800"
JSON = {"Content-Type": "application/json"}


def _escaped(value: Any) -> bytes:
    """JSON text with every non-ASCII character escaped (a lone surrogate as "\\ud800"), as a
    client in any language may send it."""
    return json.dumps(value, ensure_ascii=True).encode("ascii")


def _state(server: ServerThread) -> tuple[int, int, int, int]:
    with server.app.state.db.read() as s:
        count = lambda model: s.execute(select(func.count()).select_from(model)).scalar_one()  # noqa: E731
        return current_seq(s), count(Record), count(AppliedMutation), count(Rejected)


def _bad_text(r: httpx.Response, where: str, problem: str = "surrogate") -> None:
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["code"] == "request.bad_text"
    assert body["params"] == {"where": where, "problem": problem}
    assert where in body["message_zh"] and where in body["message_en"]
    assert ("代理码位" if problem == "surrogate" else "UTF-8") in body["message_zh"]
    assert body["message_en"].startswith("the request holds invalid text")


def test_a_lone_surrogate_anywhere_in_a_push_is_refused_and_nothing_written(server: ServerThread) -> None:
    add_user(server, "gulou")
    api = Api(server.url, "gulou")
    m = member_row()
    good = api.mutation("member", "insert", m["id"], fields=m, member_id=m["id"])
    cases = {
        "resolutions.0": {"mutations": [good], "resolutions": [LONE]},
        "erasures.1": {"mutations": [good], "erasures": [m["id"], "a" + LONE]},
        "mutations.0.fields.name": {"mutations": [{**good, "fields": {**m, "name": "王" + LONE}}]},
        "mutations.0.fields.<key 0>": {"mutations": [{**good, "fields": {LONE + "name": "x"}}]},
        "mutations.0.base.name": {"mutations": [{**good, "base": {"name": LONE}}]},
        "mutations.0.entity_id": {"mutations": [{**good, "entity_id": LONE}]},
        "mutations.0.idempotency_key": {"mutations": [{**good, "idempotency_key": "k" + LONE}]},
        "mutations.0.fields.hobbies.1": {"mutations": [{**good, "fields": {**m, "hobbies": ["跑步", LONE]}}]},
    }
    before = _state(server)
    for where, body in cases.items():
        r = api.http.post("/sync/v1/push", content=_escaped(body), headers=JSON)
        _bad_text(r, where)
    assert _state(server) == before  # nothing of the good mutation either: the batch was refused whole
    # a surrogate *pair* is a character (an emoji escaped by the client) and is taken
    ok = {"mutations": [{**good, "fields": {**m, "self_description": "喜欢\U0001f600"}}]}
    assert b"\\ud83d\\ude00" in _escaped(ok)
    r = api.http.post("/sync/v1/push", content=_escaped(ok), headers=JSON)
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied"
    api.close()


def test_a_lone_surrogate_in_other_requests_is_refused(server: ServerThread) -> None:
    add_user(server, "gulou")
    add_user(server, "mini", role="intake", district=None)
    api, mini = Api(server.url, "gulou"), Api(server.url, "mini")
    _bad_text(httpx.post(server.url + "/sync/v1/enrol", content=_escaped({"username": "gulou" + LONE,
                                                                          "password": PASSWORD}), headers=JSON),
              "username")  # fmt: skip
    _bad_text(httpx.post(server.url + "/sync/v1/enrol", content=_escaped({"username": "gulou",
                                                                          "password": LONE}), headers=JSON), "password")  # fmt: skip
    _bad_text(api.http.post("/sync/v1/erasures", content=_escaped({"member_id": LONE}), headers=JSON), "member_id")
    _bad_text(api.http.post("/sync/v1/erasures/ack", content=_escaped({"member_ids": ["x", LONE]}), headers=JSON),
              "member_ids.1")  # fmt: skip
    _bad_text(mini.http.post("/intake/v1/members", content=_escaped({"name": "李" + LONE}), headers=JSON), "name")
    api.close()
    mini.close()


def test_bytes_that_are_not_utf8_are_refused(server: ServerThread) -> None:
    add_user(server, "gulou")
    api = Api(server.url, "gulou")
    before = _state(server)
    for raw in (b"\xed\xa0\x80", b"\xff", b"\xc0\xaf"):  # an encoded surrogate, a stray byte, an overlong "/"
        body = b'{"mutations": [], "resolutions": ["' + raw + b'"]}'
        r = api.http.post("/sync/v1/push", content=body, headers=JSON)
        _bad_text(r, f"byte {body.index(raw)}", "encoding")
    assert _state(server) == before
    api.close()


def test_control_characters_are_refused_where_the_field_forbids_them(server: ServerThread) -> None:
    add_user(server, "gulou")
    add_user(server, "mini", role="intake", district=None)
    api, mini = Api(server.url, "gulou"), Api(server.url, "mini")
    m = member_row()
    good = api.mutation("member", "insert", m["id"], fields=m, member_id=m["id"])
    before = _state(server)
    # ids, keys, codes and names: no control character at all (a NUL there broke PostgreSQL)
    for field, value in (("idempotency_key", "k\x00"), ("entity_id", m["id"][:-1] + "\x00"), ("entity", "member\x07"),
                         ("hlc", "1\n2"), ("operator_id", "\x1b[31m")):  # fmt: skip
        r = api.http.post("/sync/v1/push", json={"mutations": [{**good, field: value}]})
        assert r.status_code == 422 and r.json()["code"] == "request.invalid", (field, r.text)
        assert r.json()["params"]["fields"] == [f"mutations.0.{field}"]
        assert "mutations.0." + field in r.json()["message_en"]
    r = httpx.post(server.url + "/sync/v1/enrol", json={"username": "gulou\x00", "password": PASSWORD})
    assert r.status_code == 422 and r.json()["params"]["fields"] == ["username"]
    assert _state(server) == before
    # a record's values: a NUL is refused for that change only (acknowledged, in the inbox), the rest goes on
    bad = member_row(mobile="13900000009", name="王\x00明")
    refused = api.mutation("member", "insert", bad["id"], fields=bad, member_id=bad["id"])
    results = {r["seq"]: r for r in api.push_ok(refused, good)}
    assert results[refused["seq"]]["status"] == "rejected" and results[refused["seq"]]["code"] == "sync.invalid"
    assert results[refused["seq"]]["params"] == {"field": "name", "problem": "sync.field_type"}
    assert results[good["seq"]]["status"] == "applied"
    # free text keeps its line breaks; a name does not take one
    person = {"name": "李四", "id_number": resident_id(), "mobile": "13912345678", "district_code": "320303",
              "consents": ["basic"], "notice_version": "2024-1"}  # fmt: skip
    r = mini.http.post("/intake/v1/members", json={**person, "name": "李\n四"})
    assert r.status_code == 422 and r.json()["params"]["fields"] == ["name"]
    r = mini.http.post("/intake/v1/members", json={**person, "self_description": "爱好：\n\t跑步\x00"})
    assert r.status_code == 422 and r.json()["params"]["fields"] == ["self_description"]
    r = mini.http.post("/intake/v1/members", json={**person, "self_description": "爱好：\n\t跑步"})
    assert r.status_code == 201, r.text
    api.close()
    mini.close()
