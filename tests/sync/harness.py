"""Real components for sync and server tests: servers on 127.0.0.1, SQLCipher laptops, faults.

- `server_url_for(backend)`: a fresh SQLite file, or a fresh PostgreSQL schema (search_path) on
  XZDESK_TEST_PG_URL; PostgreSQL tests skip when it is unreachable, unless CI is set.
- `LaptopFactory`: laptops copied from one migrated template database (fast), each enrolled as
  its own device (enrolment replaces the device id and the blind-index key).
- `FaultyTransport`: an httpx transport that performs the request on the real server and then
  drops the response, or sends it twice (duplicated request).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from xzdesk.domain.staff.codes import Role
from xzdesk.domain.store import keys as keymod
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.hlc import HybridClock
from xzdesk.domain.uow import ActorInfo, UnitOfWork, unit_of_work
from xzdesk.server import admin
from xzdesk.server.app import ServerSettings
from xzdesk.server.runner import ServerThread
from xzdesk.sync.engine import SyncEngine

PG_DEFAULT = "postgresql+psycopg://xzdesk:xzdesk@127.0.0.1:5432/xzdesk_test"
FAST = ServerSettings(argon2_time_cost=1, argon2_memory_kib=1024)
PASSWORD = "password-123"


def pg_url() -> str:
    return os.environ.get("XZDESK_TEST_PG_URL", PG_DEFAULT)


def pg_reachable() -> bool:
    try:
        engine = create_engine(pg_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


def require_pg() -> None:
    if not pg_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL not reachable at {make_url(pg_url()).render_as_string(hide_password=True)}")
        pytest.skip("PostgreSQL not reachable (set XZDESK_TEST_PG_URL; CI fails instead of skipping)")


@contextlib.contextmanager
def pg_schema() -> Iterator[str]:
    """A fresh schema; yields a URL whose search_path points at it; dropped afterwards."""
    require_pg()
    name = "t_" + uuid.uuid4().hex[:12]
    admin_engine = create_engine(pg_url(), isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    url = make_url(pg_url()).update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin_engine.dispose()


@contextlib.contextmanager
def server_db(backend: str, folder: Path) -> Iterator[str]:
    if backend == "postgresql":
        with pg_schema() as url:
            yield url
    else:
        folder.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{folder / ('server-' + uuid.uuid4().hex[:8] + '.db')}"


def add_user(
    server: ServerThread, username: str, *, role: str = "matchmaker", district: str | None = "320302",
    password: str = PASSWORD,
) -> admin.UserInfo:  # fmt: skip
    with server.app.state.db.write() as s:
        return admin.add_user(s, hasher=server.app.state.hasher, username=username, password=password, role=role,
                              district_code=district, now=datetime.now(UTC))  # fmt: skip


class FaultyTransport(httpx.BaseTransport):
    """Wraps the real transport. `drop_next(n)`: the next n requests reach the server and are
    processed, then the client sees a network error. `duplicate_next(n)`: the next n requests
    are sent twice (the client sees the second answer). `before_raise` runs between the
    server's answer and the error (e.g. restart the server)."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.drops = 0
        self.duplicates = 0
        self.before_raise: Callable[[], None] | None = None
        self.sent: list[str] = []

    def drop_next(self, n: int = 1) -> None:
        self.drops = n

    def duplicate_next(self, n: int = 1) -> None:
        self.duplicates = n

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(f"{request.method} {request.url.path}")
        if self.duplicates > 0:
            self.duplicates -= 1
            first = self.inner.handle_request(_copy(request))
            first.read()
            first.close()
        response = self.inner.handle_request(request)
        if self.drops > 0:
            self.drops -= 1
            response.read()
            response.close()
            if self.before_raise is not None:
                hook, self.before_raise = self.before_raise, None
                hook()
            raise httpx.ReadError("connection dropped after the server answered (test fault)", request=request)
        return response

    def close(self) -> None:
        self.inner.close()


def _copy(request: httpx.Request) -> httpx.Request:
    request.read()
    return httpx.Request(request.method, request.url, headers=request.headers, content=request.content)


@dataclass
class Laptop:
    name: str
    path: Path
    key: bytes
    store: Store
    engine: SyncEngine
    actor: ActorInfo
    transport: FaultyTransport
    skew: timedelta = timedelta(0)
    extra: dict[str, Any] = field(default_factory=dict)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.skew

    @contextlib.contextmanager
    def uow(self) -> Iterator[UnitOfWork]:
        with unit_of_work(self.store, self.actor, clock=self.now) as uow:
            yield uow

    def set_skew(self, skew: timedelta) -> None:
        self.skew = skew
        offset_ms = int(skew.total_seconds() * 1000)
        self.store.hlc = HybridClock(wall_ms=lambda: int(datetime.now(UTC).timestamp() * 1000) + offset_ms)

    def reopen(self) -> None:
        """Close and reopen the database file (a crash: nothing in memory survives)."""
        device_id = self.store.device_id
        self.store.close()
        self.store = Store.open(self.path, key=self.key)
        assert self.store.device_id == device_id
        self.engine = SyncEngine(self.store, transport=self.transport, batch_size=self.engine.batch_size,
                                 page_size=self.engine.page_size)  # fmt: skip
        if self.skew:
            self.set_skew(self.skew)

    def close(self) -> None:
        self.store.close()
        self.transport.close()


class LaptopFactory:
    """Laptops from one migrated template file (copying beats migrating each one)."""

    def __init__(self, folder: Path, *, template: LaptopFactory | None = None) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.count = 0
        if template is not None:
            self.template, self.key = template.template, template.key
            return
        self.template = folder / "template.db"
        store = Store.open(self.template)
        store.close()
        self.key, _ = keymod.database_key(self.template)

    def make(
        self, server_url: str, username: str, *, password: str = PASSWORD, events: tuple[str, ...] = (),
        batch_size: int = 200, page_size: int | None = None, enrol: bool = True,
    ) -> Laptop:  # fmt: skip
        self.count += 1
        path = self.folder / f"laptop-{self.count}-{username}.db"
        shutil.copy(self.template, path)
        store = Store.open(path, key=self.key)
        transport = FaultyTransport()
        engine = SyncEngine(store, transport=transport, batch_size=batch_size, page_size=page_size)
        actor = ActorInfo("", Role.MATCHMAKER)
        if enrol:
            info = engine.enrol(server_url, username, password, events=events)
            actor = ActorInfo(info.staff_id, Role(info.role), info.district_code, info.display_name)
        return Laptop(username, path, self.key, store, engine, actor, transport)
