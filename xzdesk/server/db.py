"""Server database: SQLite (embedded default) or PostgreSQL through psycopg.

Writes: one transaction per request, started with BEGIN IMMEDIATE on SQLite (single writer, no
upgrade dead-locks); on PostgreSQL the first statement of every writing transaction takes the
`server_seq` counter row lock, so writing transactions are serialised and commit in seq order.
Reads (pull): one snapshot per page (REPEATABLE READ on PostgreSQL, a read transaction on SQLite).

SQLite's WAL checkpoints (copying the log back into the database file and syncing both) run on a
background thread while the server serves (`WalCheckpointer`), not inside a request's commit: at
100k members one took about 90 ms, paid by whichever push crossed SQLite's 1,000-page mark.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import threading
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
CHECKPOINT_EVERY_S = 1.0  # how often the background checkpointer looks for new writes
# While the checkpointer runs, SQLite's own checkpoint inside a commit is only a safety net for a
# log the thread cannot keep up with (a reader pinning it): 10,000 pages of 4 KiB.
BACKGROUND_AUTOCHECKPOINT_PAGES = 10_000

log = logging.getLogger(__name__)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA secure_delete = ON")  # erased rows are overwritten, not just unlinked
    cur.execute("PRAGMA busy_timeout = 30000")
    cur.execute("PRAGMA cache_size = -65536")
    cur.close()


def _background_checkpoints(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.execute(f"PRAGMA wal_autocheckpoint = {BACKGROUND_AUTOCHECKPOINT_PAGES}")


def make_engine(url: str, *, background_checkpoints: bool = False) -> Engine:
    """An engine for `url` (sqlite:///path or postgresql+psycopg://...). SQL parameters are
    hidden from error messages: a failed statement must not put a row's values into a log.
    `background_checkpoints` (SQLite; the serving app, which runs a `WalCheckpointer`): commits
    leave the WAL checkpoints to that thread."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, poolclass=QueuePool,
            pool_size=8, max_overflow=8, hide_parameters=True,
        )  # fmt: skip
        event.listen(engine, "connect", _sqlite_pragmas)
        if background_checkpoints:
            event.listen(engine, "connect", _background_checkpoints)
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
        self.writes = 0  # writing transactions committed (for the checkpointer: has anything changed?)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One writing transaction: committed at the end, rolled back on any exception."""
        with self._write() as session, session.begin():
            yield session
        self.writes += 1

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

    def checkpoint(self) -> None:
        """SQLite: copy what the WAL holds into the database file, without waiting for readers or
        writers (PASSIVE: frames a reader still needs stay for the next time)."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").all()

    def dispose(self) -> None:
        self.engine.dispose()


class WalCheckpointer:
    """SQLite's WAL checkpoints on a thread of their own, every `every_s` seconds after anything
    was written, so that no request's commit pays for one. Use as a context manager (the app's
    lifespan); the thread ends when the block does."""

    def __init__(self, db: ServerDB, *, every_s: float = CHECKPOINT_EVERY_S) -> None:
        self.db, self.every_s = db, every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="xzdesk-wal-checkpoint", daemon=True)
        self.checkpoints = 0

    def __enter__(self) -> WalCheckpointer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        seen = -1  # the first round also folds in what an earlier process left in the WAL
        while not self._stop.wait(self.every_s):
            if self.db.writes == seen:
                continue
            seen = self.db.writes
            try:
                self.db.checkpoint()
                self.checkpoints += 1
            except Exception:  # a locked or vanished file: the commits' own checkpoint is the safety net
                log.warning("the background WAL checkpoint failed", exc_info=True)


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
