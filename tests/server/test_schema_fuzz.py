"""schemathesis against the server's own OpenAPI schema (in-process ASGI): whatever it sends,
with a valid device token, the server never answers with a 5xx. Bounded: a few dozen examples
per operation."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
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
