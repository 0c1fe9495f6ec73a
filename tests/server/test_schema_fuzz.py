"""schemathesis against the server's own OpenAPI schema (in-process ASGI): whatever it sends,
with a valid device token, the server never answers with a 5xx. Then the same generated cases
made hostile: a lone surrogate or a NUL in a string or a key of the body, a body over the limit,
too many or too large headers: still no 5xx, and each is refused with its own words. Bounded: a
few dozen examples per operation."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from tests.server.api import member_row
from tests.sync.harness import FAST, PASSWORD
from xzdesk.server import admin
from xzdesk.server.app import create_app


@pytest.fixture(scope="module")
def fuzz_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    app = create_app(f"sqlite:///{folder / 'server.db'}", settings=FAST)
    now = datetime.now(UTC)
    with app.state.db.write() as s:
        for name, role, district in (("gulou", "matchmaker", "320302"), ("mini", "intake", None)):
            admin.add_user(s, hasher=app.state.hasher, username=name, password=PASSWORD, role=role,
                           district_code=district, now=now)  # fmt: skip
    tokens = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette prefers httpx2 for its test client
        from starlette.testclient import TestClient
    with TestClient(app) as client:
        for name in ("gulou", "mini"):
            r = client.post("/sync/v1/enrol", json={"username": name, "password": PASSWORD})
            tokens[name] = r.json()["token"]
        # some data so pulls, merges and erasures have something to work on
        m = member_row()
        client.post("/sync/v1/push", headers={"Authorization": f"Bearer {tokens['gulou']}"}, json={"mutations": [{
            "seq": 1, "idempotency_key": "k1", "entity": "member", "entity_id": m["id"], "member_id": m["id"],
            "op": "insert", "fields": m,
        }]})  # fmt: skip
    yield {"schema": schemathesis.openapi.from_asgi("/openapi.json", app), "tokens": tokens}
    app.state.db.dispose()


def test_no_server_error(fuzz_env: dict) -> None:
    schema = fuzz_env["schema"]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:
        who = "mini" if operation.path.startswith("/intake/") else "gulou"
        _fuzz(operation, {"Authorization": f"Bearer {fuzz_env['tokens'][who]}"})


def _fuzz(operation: schemathesis.APIOperation, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    run()


HOSTILE = ("surrogate", "nul", "oversized", "many_headers", "large_header")


def test_no_server_error_on_hostile_input(fuzz_env: dict) -> None:
    schema = fuzz_env["schema"]
    for result in schema.get_all_operations():
        operation = result.ok()
        who = "mini" if operation.path.startswith("/intake/") else "gulou"
        _fuzz_hostile(operation, {"Authorization": f"Bearer {fuzz_env['tokens'][who]}"})


def _fuzz_hostile(operation: schemathesis.APIOperation, headers: dict[str, str]) -> None:
    @given(data=st.data())
    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(data: st.DataObject) -> None:
        case = data.draw(operation.as_strategy())
        kind = data.draw(st.sampled_from(HOSTILE if isinstance(case.body, dict) else HOSTILE[3:]))
        expected = _make_hostile(case, kind, data)
        response = case.call_and_validate(headers=headers, checks=[not_a_server_error])
        if expected is not None:
            assert (response.status_code, response.json()["code"]) == expected, (kind, response.text[:300])
            assert response.json()["message_zh"] and response.json()["message_en"]

    run()


def _make_hostile(case: schemathesis.Case, kind: str, data: st.DataObject) -> tuple[int, str] | None:
    """Change the case; return the (status, code) the guard must answer, when it is certain."""
    if kind == "many_headers":
        case.headers = {**(case.headers or {}), **{f"x-filler-{n}": "1" for n in range(120)}}
        return 431, "request.headers_too_large"
    if kind == "large_header":
        case.headers = {**(case.headers or {}), "x-large": "a" * (20 * 1024)}
        return 431, "request.headers_too_large"
    body: dict = case.body
    if kind == "oversized":
        case.body = {**body, "padding": "a" * (8 * 1024 * 1024 + 1)}
        return 413, "request.too_large"
    bad = "\ud800" if kind == "surrogate" else "\x00"
    leaves = _string_places(body)
    place = data.draw(st.sampled_from(leaves)) if leaves else None
    if place is None or data.draw(st.booleans()):
        body[bad + "key"] = "x"  # a bad key (extra keys are refused too: the text check comes first)
    else:
        container, key = place
        container[key] = container[key] + bad
    return (422, "request.bad_text") if kind == "surrogate" else None  # a NUL: 422 or a per-change refusal


def _string_places(value: object) -> list[tuple[dict | list, str | int]]:
    out: list[tuple[dict | list, str | int]] = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, sub in items:
        if isinstance(sub, str):
            out.append((value, key))  # type: ignore[arg-type]
        else:
            out.extend(_string_places(sub))
    return out
