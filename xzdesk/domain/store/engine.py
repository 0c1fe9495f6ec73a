"""The encrypted local database: SQLCipher through SQLAlchemy's pysqlcipher dialect.

`Store.open(path)` gets the key (keyring or passphrase, see keys.py), opens the file with a raw
256-bit key (no per-connection PBKDF2), sets WAL mode, `secure_delete`, foreign keys and a page
cache large enough for 100k members, backs the file up and applies Alembic migrations when the
schema is behind, and creates this device's identity (device id, blind-index key) on first use.

Transactions: SQLite's own BEGIN is used (the driver's implicit transactions are switched off);
write units of work start with BEGIN IMMEDIATE so two writers never dead-lock on an upgrade.
Threads: the engine's pool gives each thread its own connection; ORM objects never cross threads.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from xzdesk.domain.errors import XzError
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.store import jsontext, migrate
from xzdesk.domain.store import keys as keymod
from xzdesk.domain.store.gone import take_members_gone
from xzdesk.domain.store.hlc import HybridClock
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.store.indexes import DEFERRED_INDEXES, restore_kept_indexes
from xzdesk.domain.store.models import LocalMeta, OutboxRow, put_meta

log = logging.getLogger(__name__)

ANALYSIS_LIMIT = 400  # rows sampled per index when statistics are gathered (PRAGMA optimize)
CACHE_KIB = 64 * 1024  # page cache per connection: decrypted index pages of the case list stay in memory


def _connect_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (SQLAlchemy's pysqlite recipe)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported by us, not on stderr
    cur.execute("PRAGMA cipher_memory_security = OFF")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA secure_delete = ON")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute("PRAGMA busy_timeout = 30000")
    cur.close()


def sqlite_begin(conn: Any) -> None:
    """`begin` listener for SQLite engines whose driver transactions are off: BEGIN DEFERRED, or
    the mode in the `xz_begin` execution option (IMMEDIATE for writers). Used by the server too."""
    mode = conn.get_execution_options().get("xz_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path, key: bytes) -> Engine:
    """An engine on an encrypted file (created if absent). Raises XzError store.wrong_key."""
    url = URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))
    engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=QueuePool, pool_size=4,
                           max_overflow=4, json_deserializer=jsontext.parsed)  # fmt: skip
    event.listen(engine, "connect", _connect_pragmas)
    event.listen(engine, "begin", sqlite_begin)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except DatabaseError as exc:
        engine.dispose()
        raise XzError("store.wrong_key") from exc
    return engine


class Store:
    """An open local database and this device's identity in it. Safe to share across threads;
    sessions are not."""

    def __init__(self, path: Path, engine: Engine, *, created: bool) -> None:
        self.path = path
        self.engine = engine
        self.created = created
        self._read = sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)
        self._write = sessionmaker(
            bind=engine.execution_options(xz_begin="IMMEDIATE"), expire_on_commit=False, autoflush=True
        )
        self._gone_listeners: list[Callable[[frozenset[str]], None]] = []
        event.listen(self._write, "after_commit", self._after_commit)
        event.listen(self._write, "after_rollback", take_members_gone)
        meta = self.meta()
        self.device_id = meta["device_id"]
        self._index_key = bytes.fromhex(meta["blind_index_key"])
        with self.read() as s:
            last = s.execute(select(OutboxRow.hlc).order_by(OutboxRow.seq.desc()).limit(1)).scalar()
        self.hlc = HybridClock(last or meta.get("hlc_last"))

    # --- opening --------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: Path,
        *,
        passphrase: keymod.PassphraseProvider | None = None,
        demo: bool = False,
        key: bytes | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> Store:
        """Open (creating if needed) and migrate the database at `path`."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        created = False
        if key is None:
            key, created = keymod.database_key(path, passphrase=passphrase, demo=demo)
        engine = make_engine(path, key)
        try:
            migrate.upgrade(engine, path=path, progress=progress, cancel=cancel)
            _ensure_identity(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine, created=created)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.meta_set("hlc_last", self.hlc.now())
        with contextlib.suppress(Exception):
            self._optimize()
        self.engine.dispose()

    def _optimize(self) -> None:
        """Let SQLite keep its statistics current, as its documentation asks of every application
        before closing: it analyses only tables never analysed or much changed since (after a first
        pull or an import of thousands), reading a bounded sample of each index (about a second at
        100,000 members, the first time; nothing afterwards). With them the planner picks e.g. the
        mobile number's index over the district's for a matchmaker's search."""
        with self.engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            conn.exec_driver_sql("PRAGMA optimize = 0x10002")

    # --- who vanished -------------------------------------------------------------------------
    def on_members_gone(self, listener: Callable[[frozenset[str]], None]) -> Callable[[], None]:
        """Call `listener(member_ids)` after each committed transaction that deleted members'
        case files (erasure, local or through sync), on the committing thread. Returns a function
        that unsubscribes. A failing listener is logged and never undoes the commit."""
        self._gone_listeners.append(listener)
        return lambda: self._gone_listeners.remove(listener) if listener in self._gone_listeners else None

    def _after_commit(self, session: Session) -> None:
        gone = take_members_gone(session)
        for listener in list(self._gone_listeners) if gone else ():
            try:
                listener(gone)
            except Exception:  # a screen's trouble must not reach the committing job
                log.exception("members-gone listener failed")

    # --- sessions ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (rolled back at the end)."""
        session = self._read()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def write_session(self) -> Session:
        """A session whose transaction starts with BEGIN IMMEDIATE. Caller commits or rolls back."""
        return self._write()

    # --- metadata -------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        with self.read() as s:
            return dict(s.execute(select(LocalMeta.key, LocalMeta.value)).all())

    def meta_set(self, key: str, value: str) -> None:
        with self._write.begin() as s:
            put_meta(s, {key: value})

    def blind_index(self, kind: str, value: str) -> bytes:
        """Keyed HMAC-SHA256 of a normalised identifier (a plain hash is reversible by
        enumeration). `kind` separates ID numbers from phones."""
        return compute_blind_index(self._index_key, kind, value)

    def set_blind_index_key(self, key_hex: str) -> None:
        """Adopt the organisation's shared key (at enrolment, before any member exists)."""
        self.meta_set("blind_index_key", key_hex)
        self._index_key = bytes.fromhex(key_hex)


def compute_blind_index(key: bytes, kind: str, value: str) -> bytes:
    """HMAC-SHA256 of `kind:value` under the organisation's key (the server computes the same
    indexes for online intake)."""
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).digest()


def _ensure_identity(engine: Engine) -> None:
    with Session(engine.execution_options(xz_begin="IMMEDIATE")) as s, s.begin():
        have = dict(s.execute(select(LocalMeta.key, LocalMeta.value)).all())
        defaults = {
            "device_id": new_id(),
            "blind_index_key": secrets.token_hex(32),
            "created_at": datetime.now(UTC).isoformat(),
        }
        for k, v in defaults.items():
            if k not in have:
                s.add(LocalMeta(key=k, value=v))
        if DEFERRED_INDEXES in have:  # a first pull stopped before it built its indexes again
            restore_kept_indexes(s, have[DEFERRED_INDEXES])


NowFn = Callable[[], datetime]
