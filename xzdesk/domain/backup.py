"""Backup and restore of the local database (no Qt).

A backup is a consistent copy of the open database made with SQLite's online backup API on the
SQLCipher connection: it is encrypted with this database's own key (so it opens only on a
computer that holds that key, or with the same passphrase), and it is written to a `.partial`
file that is renamed only when complete and checked. Its name carries the date and time only.

Restoring checks the chosen file first (`inspect_backup`: opens with this key, is an xzdesk
database, of a version this program knows, undamaged) and says what it holds. `restore_backup`
then works on a staging copy: it brings the schema up to date, erases again every member erased
here since the backup was made (an old copy must never bring an erased person back), records the
restore in the audit log, keeps the current file as a safety copy in backups/, closes the store
and swaps the files. The caller opens the database again.

Contracts: the functions run on a worker thread, take `progress(fraction, code)` and a
`CancelToken`; a cancel or an error leaves the current database untouched. Errors are XzError
codes `store.backup_*`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import select, text

from xzdesk.domain import models as _registry  # noqa: F401  (an erasure replayed on a restored copy reaches every table)
from xzdesk.domain.errors import Cancelled, PermissionDenied, XzError
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.store import migrate
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.files import backup_file
from xzdesk.domain.store.models import LocalMeta
from xzdesk.domain.store.sync_state import SyncErasure, purge_member_rows
from xzdesk.domain.uow import ActorInfo, unit_of_work

SUFFIX = ".xzbak"
PAGES_PER_STEP = 512  # 2 MiB at SQLCipher's 4 KiB pages: progress often, cancel quickly
MADE_AT = "backup_made_at"
# What a backup is shown to hold before it is restored: (key, table). Table names only: the
# store knows no area's models.
COUNTED = (("members", "member"), ("events", "event"), ("introductions", "introduction"), ("accounts", "staff"))


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, read without changing it."""

    path: Path
    made_at: datetime | None  # when the backup was made (None: a copy made another way)
    size_bytes: int
    counts: dict[str, int]
    needs_upgrade: bool  # made by an older xzdesk: brought up to date when restored


@dataclass(frozen=True)
class RestoreInfo:
    backup: BackupInfo
    safety_copy: Path  # the database as it was before the restore
    erased_again: int  # members erased here after the backup was made, erased again


def backup_name(now: datetime | None = None) -> str:
    """`xzdesk-backup-YYYYMMDD-HHMM.xzbak`: a date, never a name or anything personal."""
    now = (now or datetime.now(UTC)).astimezone()
    return f"xzdesk-backup-{now:%Y%m%d-%H%M}{SUFFIX}"


def may_back_up(actor: ActorInfo | None) -> bool:
    """The local administrator and the people who keep case files on this computer."""
    return bool(actor and (actor.can(Permission.STAFF_MANAGE) or actor.can(Permission.MEMBERS_EDIT)))


def may_restore(actor: ActorInfo | None) -> bool:
    """Only the local administrator: a restore replaces everyone's work on this computer."""
    return bool(actor and actor.can(Permission.STAFF_MANAGE))


def _connect(path: Path, key: bytes) -> Any:
    conn = sqlcipher3.connect(str(path), check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def _copy(source: Any, target_path: Path, key: bytes, *, progress: Progress, cancel: CancelToken,
          start: float = 0.0, span: float = 1.0) -> None:  # fmt: skip
    """Copy an open SQLCipher connection's database page by page into a new file under `key`."""
    target = _connect(target_path, key)
    try:

        def step(_status: int, remaining: int, total: int) -> None:
            progress(start + span * (1 - remaining / max(1, total)), "store.backup_copying")
            cancel.check()

        source.backup(target, pages=PAGES_PER_STEP, progress=step)
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        target.close()


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def make_backup(store: Store, target: Path, *, actor: ActorInfo | None, progress: Progress = no_progress,
                cancel: CancelToken = NEVER_CANCELLED) -> BackupInfo:  # fmt: skip
    """Write a consistent encrypted copy of `store` to `target` (replaced if it exists), check
    it, and audit it. A cancel or failure removes the partial file and leaves `target` alone."""
    if not may_back_up(actor):
        raise PermissionDenied(permission="store.backup", role=str(actor.role) if actor else None)
    target = Path(target)
    if target.resolve() == Path(store.path).resolve():
        raise XzError("store.backup_over_database")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise XzError("store.backup_write_failed", path=str(target.parent)) from exc
    partial = _partial(target)
    _remove(partial)
    key = _store_key(store)
    raw = store.engine.raw_connection()
    try:
        _copy(raw.driver_connection, partial, key, progress=progress, cancel=cancel, span=0.9)
        made_at = datetime.now(UTC)
        stamp = _connect(partial, key)
        try:
            stamp.execute("INSERT OR REPLACE INTO local_meta (key, value) VALUES (?, ?)", (MADE_AT, made_at.isoformat()))
            stamp.commit()
            _check(stamp)
        finally:
            stamp.close()
        cancel.check()
        os.replace(partial, target)
    except (Cancelled, XzError):
        _remove(partial)
        raise
    except (OSError, sqlite3.Error, sqlcipher3.Error) as exc:
        _remove(partial)
        raise XzError("store.backup_write_failed", path=str(target.parent)) from exc
    finally:
        raw.close()
    with unit_of_work(store, actor) as uow:
        uow.audit("store.backup")
    progress(1.0, "store.backup_done")
    return inspect_backup(target, key=key)


def _store_key(store: Store) -> bytes:
    password = store.engine.url.password or ""
    return bytes.fromhex(password.removeprefix("x'").removesuffix("'"))


def _check(conn: Any) -> None:
    """A quick structural check of a copy (page checksums are checked by SQLCipher as it reads)."""
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise XzError("store.backup_damaged")


def _meta(conn: Any) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM local_meta").fetchall())


def inspect_backup(path: Path, *, key: bytes) -> BackupInfo:
    """Read what a backup holds without changing it. Refuses (XzError) a missing file
    (`store.backup_not_found`), one that does not open with `key` (`store.backup_unreadable`:
    another computer's, or not a database), one that is not an xzdesk database
    (`store.backup_not_xzdesk`), one made by a newer xzdesk (`store.backup_newer`) and a damaged
    one (`store.backup_damaged`)."""
    path = Path(path)
    if not path.is_file():
        raise XzError("store.backup_not_found")
    try:
        conn = sqlcipher3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlcipher3.Error as exc:
        raise XzError("store.backup_unreadable") from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlcipher3.DatabaseError as exc:
            raise XzError("store.backup_unreadable") from exc
        if not {"local_meta", "alembic_version", "staff"} <= tables:
            raise XzError("store.backup_not_xzdesk")
        meta = _meta(conn)
        if "device_id" not in meta:
            raise XzError("store.backup_not_xzdesk")
        heads = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        known = migrate.known_revisions()
        if not heads <= known:
            raise XzError("store.backup_newer")
        try:
            _check(conn)
        except sqlcipher3.DatabaseError as exc:
            raise XzError("store.backup_damaged") from exc
        counts = {k: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) if t in tables else 0
                  for k, t in COUNTED}  # fmt: skip
    finally:
        conn.close()
    made = meta.get(MADE_AT)
    return BackupInfo(
        path=path, made_at=datetime.fromisoformat(made) if made else None, size_bytes=path.stat().st_size,
        counts=counts, needs_upgrade=heads != migrate.target_heads(),
    )  # fmt: skip


def inspect_for(store: Store, path: Path) -> BackupInfo:
    """`inspect_backup` with the key of the open database (the key a restore would use)."""
    return inspect_backup(path, key=_store_key(store))


def restore_backup(store: Store, path: Path, *, actor: ActorInfo | None, progress: Progress = no_progress,
                   cancel: CancelToken = NEVER_CANCELLED) -> RestoreInfo:  # fmt: skip
    """Replace the database of `store` with the backup at `path` (see the module docstring).
    On success `store` is closed and the caller opens the database again; on any error or
    cancel before the swap the current database is untouched and `store` stays open."""
    if not may_restore(actor):
        raise PermissionDenied(permission="store.restore", role=str(actor.role) if actor else None)
    key = _store_key(store)
    info = inspect_backup(path, key=key)
    live = Path(store.path)
    staging = live.with_name(f"{live.stem}-restoring{live.suffix}")
    _remove(staging)
    try:
        source = _connect(Path(path), key)
        try:
            _copy(source, staging, key, progress=progress, cancel=cancel, span=0.5)
        finally:
            source.close()
        erased = _erasures(store)
        erased_again = _prepare_staging(staging, key, erased=erased, actor=actor, info=info, cancel=cancel)
        progress(0.8, "store.backup_restoring")
        cancel.check()
        safety = backup_file(live, store.engine, label="before-restore")
    except BaseException:
        _remove(staging)
        raise
    store.close()
    _remove_sidecars(live)
    os.replace(staging, live)
    progress(1.0, "store.backup_restored")
    return RestoreInfo(backup=info, safety_copy=safety, erased_again=erased_again)


def _erasures(store: Store) -> dict[str, str]:
    """Members erased in the current database: id -> origin."""
    with store.read() as s:
        return dict(s.execute(select(SyncErasure.member_id, SyncErasure.origin)).all())


def _prepare_staging(staging: Path, key: bytes, *, erased: dict[str, str], actor: ActorInfo | None,
                     info: BackupInfo, cancel: CancelToken) -> int:  # fmt: skip
    """Bring the staged copy up to date, erase again, audit; leave it as one closed file."""
    staged = Store.open(staging, key=key, cancel=cancel)
    try:
        with unit_of_work(staged, actor) as uow:
            done = set(uow.session.execute(select(SyncErasure.member_id)).scalars())
            again = [m for m in erased if m not in done]
            for member_id in again:
                cancel.check()
                purge_member_rows(uow.session, member_id, origin=erased[member_id], now=uow.now)  # type: ignore[arg-type]
            uow.session.execute(text("DELETE FROM local_meta WHERE key = :k"), {"k": MADE_AT})
            uow.session.merge(LocalMeta(key="restored_at", value=uow.now.isoformat()))
            made = info.made_at.isoformat(timespec="minutes") if info.made_at else "unknown"
            uow.audit("store.restore", fields=[f"backup_made_at:{made}", f"erased_again:{len(again)}"])
    finally:
        staged.engine.dispose()
        for copy in (staging.parent / "backups").glob(f"{staging.stem}-*"):  # the backup itself is the original
            copy.unlink(missing_ok=True)
    conn = _connect(staging, key)  # fold the WAL in: one self-contained file to swap in
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.execute("PRAGMA journal_mode = DELETE").fetchall()
    finally:
        conn.close()
    return len(again)


def _remove_sidecars(live: Path) -> None:
    """After the store closed (its WAL folded in), remove WAL/SHM files: a stale WAL must never
    be applied to the restored file."""
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(live) + suffix).unlink()
