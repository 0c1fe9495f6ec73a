"""Request size: bodies over the endpoint's limit are refused 413 before they are read in full
(a declared length at once, a chunked body as soon as it passes the limit); headers too many or
too large are refused 431 (and a head beyond uvicorn's own bound 400); every refusal has words
and nothing is written. The laptop splits a push that is too large."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from tests.server import raw
from tests.server.api import Api, member_row
from tests.sync.harness import FAST, LaptopFactory, add_user
from tests.sync.helpers import register
from xzdesk.commands._server_security import hardening_from
from xzdesk.server.db import current_seq
from xzdesk.server.guard import RequestLimits
from xzdesk.server.hardening import Hardening
from xzdesk.server.models import Record
from xzdesk.server.runner import ServerThread

KIB = 1024
JSON = {"Content-Type": "application/json"}


def _server(tmp_path: Path, limits: RequestLimits | None = None) -> ServerThread:
    settings = replace(FAST, hardening=Hardening(limits=limits or RequestLimits()))
    return ServerThread(f"sqlite:///{tmp_path / 'server.db'}", settings=settings, max_lifetime_s=120)


@pytest.fixture
def plain(tmp_path: Path) -> Iterator[ServerThread]:
    """The guard does not depend on the database: SQLite only."""
    with _server(tmp_path) as srv:
        yield srv


def _refusal(r: raw.RawResponse | httpx.Response, status: int, code: str) -> dict:
    actual = r.status_code if isinstance(r, httpx.Response) else r.status
    body = r.json()
    assert actual == status, body
    assert body["code"] == code, body
    assert body["message_zh"] and body["message_en"] and code not in body["message_zh"] + body["message_en"]
    return body


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_sent(plain: ServerThread) -> None:
    # nothing of the body is ever sent: a server that waited for it would not answer at all
    r = raw.request(plain.url, "POST", "/sync/v1/enrol", {**JSON, "Content-Length": str(100 * 1024 * KIB)})
    assert r.status == 413 and r.headers["connection"] == "close"
    body = _refusal(r, 413, "request.too_large")
    assert body["params"] == {"limit_kib": 64}
    assert "64 KiB" in body["message_zh"] and "64 KiB" in body["message_en"]
    r = raw.request(plain.url, "POST", "/sync/v1/push", {**JSON, "Content-Length": str(9 * 1024 * KIB)})
    assert _refusal(r, 413, "request.too_large")["params"] == {"limit_kib": 8192}
    r = raw.request(plain.url, "POST", "/intake/v1/members", {**JSON, "Content-Length": str(65 * KIB)})
    assert _refusal(r, 413, "request.too_large")["params"] == {"limit_kib": 64}


def test_a_chunked_body_is_counted_while_it_streams(plain: ServerThread) -> None:
    piece = b"x" * (16 * KIB)
    with raw.connect(plain.url) as sock:
        head = raw.head("POST", "/sync/v1/enrol", {**JSON, "Transfer-Encoding": "chunked"})
        raw.send(sock, [head, *(raw.chunk(piece) for _ in range(5))])  # 80 KiB, and no end: the body never ends
        r = raw.read_response(sock)
    assert _refusal(r, 413, "request.too_large")["params"] == {"limit_kib": 64}
    # under the limit a chunked body is read and handed on whole: the endpoint's own answer
    body = json.dumps({"username": "nobody", "password": "x" * 200}).encode()
    with raw.connect(plain.url) as sock:
        raw.send(sock, [raw.head("POST", "/sync/v1/enrol", {**JSON, "Transfer-Encoding": "chunked"}),
                        raw.chunk(body[:100]), raw.chunk(body[100:]), b"0\r\n\r\n"])  # fmt: skip
        r = raw.read_response(sock)
    assert r.status == 401 and r.json()["code"] == "auth.bad_credentials"


def test_a_push_may_be_larger_than_other_requests(plain: ServerThread) -> None:
    add_user(plain, "gulou")
    api = Api(plain.url, "gulou")
    padding = "x" * (300 * KIB)  # over 64 KiB, far under 8 MiB: read and judged by the endpoint
    r = api.http.post("/sync/v1/push", json={"mutations": [], "padding": padding})
    assert r.status_code == 422 and r.json()["code"] == "request.invalid"
    r = api.http.post("/sync/v1/erasures/ack", json={"member_ids": [], "padding": padding})
    assert _refusal(r, 413, "request.too_large")["params"] == {"limit_kib": 64}
    api.close()


def test_limits_are_settings_and_a_refused_push_writes_nothing(tmp_path: Path) -> None:
    with _server(tmp_path, RequestLimits(max_body_bytes=2 * KIB, max_push_bytes=16 * KIB)) as srv:
        add_user(srv, "gulou")
        api = Api(srv.url, "gulou")
        with srv.app.state.db.read() as s:
            seq = current_seq(s)
        members = [member_row(mobile=f"139{n:08d}", self_description="我" * 300) for n in range(20)]
        r = api.push(*(api.mutation("member", "insert", m["id"], fields=m, member_id=m["id"]) for m in members))
        assert _refusal(r, 413, "request.too_large")["params"] == {"limit_kib": 16}
        with srv.app.state.db.read() as s:
            assert current_seq(s) == seq
            assert s.execute(select(func.count()).select_from(Record).where(Record.entity == "member")).scalar() == 0
        r = httpx.post(srv.url + "/sync/v1/enrol", json={"username": "gulou", "password": "p" * 200, "label": "l" * 2100})
        assert _refusal(r, 413, "request.too_large")["params"] == {"limit_kib": 2}
        api.close()


def test_headers_too_many_or_too_large_are_refused(plain: ServerThread) -> None:
    with httpx.Client(base_url=plain.url) as http:
        many = {f"x-filler-{n}": "1" for n in range(150)}
        body = _refusal(http.get("/health", headers=many), 431, "request.headers_too_large")
        assert body["params"] == {"max_headers": 100, "max_bytes": 16 * KIB}
        _refusal(http.post("/sync/v1/enrol", headers={"x-big": "a" * (20 * KIB)}, json={}), 431,
                 "request.headers_too_large")  # fmt: skip
        assert http.get("/health", headers={f"x-filler-{n}": "1" for n in range(60)}).status_code == 200
    # a head that keeps coming past uvicorn's own bound (4 x 16 KiB) is not buffered further: a
    # plain 400 while the head is still unfinished (a server without the bound would wait), and
    # the server goes on serving
    with raw.connect(plain.url) as sock:
        unfinished = raw.head("GET", "/health", {"x-huge": "a" * (80 * KIB)})[:-4]
        raw.send(sock, [unfinished])
        assert raw.read_response(sock).status == 400
    assert httpx.get(plain.url + "/health").status_code == 200


def test_the_laptop_sends_fewer_changes_at_a_time_when_a_push_is_too_large(tmp_path: Path,
                                                                          laptops: LaptopFactory) -> None:  # fmt: skip
    with _server(tmp_path, RequestLimits(max_push_bytes=24 * KIB)) as srv:
        add_user(srv, "gulou")
        laptop = laptops.make(srv.url, "gulou", batch_size=200)
        ids = [register(laptop, seq=n) for n in range(1, 41)]  # ~60 KiB in one batch: over the limit
        report = laptop.engine.sync_once()
        assert report.error is None and report.acked >= len(ids)
        with srv.app.state.db.read() as s:
            held = set(s.execute(select(Record.id).where(Record.entity == "member")).scalars())
        assert set(ids) <= held
        laptop.close()


def test_the_limits_come_from_the_server_command() -> None:
    args = argparse.Namespace(max_body_kib=32, max_push_kib=1024, max_parallel_hashes=3)
    hardening = hardening_from(args)
    assert hardening.limits.max_body_bytes == 32 * KIB and hardening.limits.max_push_bytes == 1024 * KIB
    assert hardening.login.max_parallel_hashes == 3
    defaults = hardening_from(argparse.Namespace(max_body_kib=None, max_push_kib=None, max_parallel_hashes=None))
    assert defaults == Hardening()
