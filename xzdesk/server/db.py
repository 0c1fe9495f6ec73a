"""Server database: SQLite (embedded default) or PostgreSQL through psycopg.

Writes: one transaction per request, started with BEGIN IMMEDIATE on SQLite (single writer, no
upgrade dead-locks); on PostgreSQL the first statement of every writing transaction takes the
`server_seq` counter row lock, so writing transactions are serialised and commit in seq order.
Reads (pull): one snapshot per page (REPEATABLE READ on PostgreSQL, a read transaction on SQLite).
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from xzdesk.domain.store.engine import sqlite_begin
from xzdesk.domain.store.ids import new_id
from xzdesk.server.models import Counter, ServerMeta

SEQ = "server_seq"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA secure_delete = ON")  # erased rows are overwritten, not just unlinked
    cur.execute("PRAGMA busy_timeout = 30000")
    cur.execute("PRAGMA cache_size = -65536")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for `url` (sqlite:///path or postgresql+psycopg://...). SQL parameters are
    hidden from error messages: a failed statement must not put a row's values into a log."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, poolclass=QueuePool,
            pool_size=8, max_overflow=8, hide_parameters=True,
        )  # fmt: skip
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", sqlite_begin)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise ValueError("server database must be sqlite or postgresql")
    return create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=True, hide_parameters=True)


class ServerDB:
    """Sessions for the server's request handlers. Thread-safe; sessions are not."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_sqlite = engine.dialect.name == "sqlite"
        write_bind = engine.execution_options(xz_begin="IMMEDIATE") if self.is_sqlite else engine
        read_bind = engine if self.is_sqlite else engine.execution_options(isolation_level="REPEATABLE READ")
        self._write = sessionmaker(bind=write_bind, expire_on_commit=False, autoflush=True)
        self._read = sessionmaker(bind=read_bind, expire_on_commit=False, autoflush=False)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One writing transaction: committed at the end, rolled back on any exception."""
        with self._write() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """One consistent snapshot, always rolled back; objects read stay usable (detached)."""
        session = self._read()
        try:
            yield session
        finally:
            session.expunge_all()
            session.rollback()
            session.close()

    def after_erasure(self) -> None:
        """SQLite: fold the WAL into the file and truncate it, so erased rows (overwritten by
        secure_delete) leave no copy in the WAL. PostgreSQL: nothing (VACUUM is the DBA's)."""
        if self.is_sqlite:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").all()

    def dispose(self) -> None:
        self.engine.dispose()


def next_seq(session: Session) -> int:
    """Take the next `server_seq` inside the caller's writing transaction (holds the counter
    row lock until commit on PostgreSQL)."""
    value = session.execute(
        update(Counter).where(Counter.name == SEQ).values(value=Counter.value + 1).returning(Counter.value)
    ).scalar_one()
    return int(value)


def current_seq(session: Session) -> int:
    return int(session.execute(select(Counter.value).where(Counter.name == SEQ)).scalar_one())


def ensure_meta(session: Session) -> dict[str, str]:
    """Create the counter row and the server's identity and secrets on first start."""
    if session.get(Counter, SEQ) is None:
        session.add(Counter(name=SEQ, value=0))
    have = dict(session.execute(select(ServerMeta.key, ServerMeta.value)).all())
    defaults = {
        "server_id": new_id(),
        "cursor_secret": secrets.token_hex(32),
        "blind_index_key": secrets.token_hex(32),
        "tombstone_horizon": "0",
    }
    for key, value in defaults.items():
        if key not in have:
            session.add(ServerMeta(key=key, value=value))
            have[key] = value
    session.flush()
    return have


def meta_set(session: Session, key: str, value: str) -> None:
    session.merge(ServerMeta(key=key, value=value))
