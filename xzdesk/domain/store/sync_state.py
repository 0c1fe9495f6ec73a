"""Local sync state (conflicts, rejected mutations, erasures) and the laptop-side purge.

Tables here are local to this laptop (never synced):
- `sync_conflict`: the open conflicts in this device's scope as the server last served them
  (base / theirs / mine per field), replaced on every complete pull.
- `sync_rejected`: mutations the server refused for good (acknowledged so the queue never
  wedges), kept for the user to see until dismissed. Field *names* only, never values.
- `sync_erasure`: the random ids of erased members, whether the erasure came from the server or
  was started here, when the rows were purged, and whether the server has heard of it.
- `sync_resolution`: conflicts the user closed here without changing a value ("keep theirs"),
  waiting to be told to the server.

Erasure entry point for other areas (the privacy area calls it for a locally decided erasure):

    with unit_of_work(store, actor) as uow:
        purge_member_rows(uow.session, member_id, origin=ErasureOrigin.LOCAL)
        uow.audit("member.erase", member_id=member_id)
    finish_erasure(store)           # after the commit: WAL checkpoint(TRUNCATE), backups removed

or simply `erase_member(store, member_id)`. The sync engine pushes local erasures to the server
on its next run, and purges erasures the server announces through the same two functions.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Index, Integer, String, delete, func, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from xzdesk.domain.store.base import SYNC_REGISTRY, Base
from xzdesk.domain.store.files import checkpoint
from xzdesk.domain.store.gone import note_member_gone
from xzdesk.domain.store.models import LocalMeta, OutboxRow, put_meta

if TYPE_CHECKING:
    from xzdesk.domain.store.engine import Store

log = logging.getLogger(__name__)

# Tables whose rows survive an erasure, and keep syncing: the audit log holds only the random
# member id, action names and field names (never values), is hash-chained and its triggers
# refuse DELETE; the erasure itself is recorded there. (xzdesk.sync.registry reads this set.)
KEEP_ON_ERASURE = frozenset({"audit_log"})
ERASING_KEY = "erasure_in_progress"  # see the append-only triggers in the initial migration


class ErasureOrigin(enum.StrEnum):
    SERVER = "server"  # announced by the server in a pull (purge entry)
    LOCAL = "local"  # decided on this laptop; pushed to the server on the next sync


class SyncConflict(Base):
    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the server's conflict id
    kind: Mapped[str] = mapped_column(String(24))  # field | transition | natural_key
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(36))
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    field: Mapped[str | None] = mapped_column(String(64))
    base: Mapped[Any] = mapped_column(JSON, nullable=True)
    theirs: Mapped[Any] = mapped_column(JSON, nullable=True)
    mine: Mapped[Any] = mapped_column(JSON, nullable=True)
    other_id: Mapped[str | None] = mapped_column(String(36))  # natural_key: the merged duplicate
    device_id: Mapped[str | None] = mapped_column(String(36))  # device that pushed "mine"
    operator_id: Mapped[str | None] = mapped_column(String(36))
    client_time: Mapped[str | None] = mapped_column(String(40))  # "mine"'s HLC, display only
    clock_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    # {"mine": party, "theirs": party}, each {device_id, device_label, operator_id, operator_name, at}:
    # who made each side, as the server sent it (staff names and device labels only)
    parties: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    __table_args__ = (Index("ix_sync_conflict_entity", "entity", "entity_id"),)


class SyncRejected(Base):
    __tablename__ = "sync_rejected"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(Integer)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(36))
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    field_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    operator_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime]  # when the edit was made
    rejected_at: Mapped[datetime]
    dismissed_at: Mapped[datetime | None]


class SyncErasure(Base):
    __tablename__ = "sync_erasure"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    origin: Mapped[str] = mapped_column(String(16))
    purged_at: Mapped[datetime]
    reported_at: Mapped[datetime | None]  # server told (ack of a purge, or the local request)


class SyncResolution(Base):
    __tablename__ = "sync_resolution"

    conflict_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    resolved_at: Mapped[datetime]
    resolved_by: Mapped[str | None] = mapped_column(String(36))


@dataclass(frozen=True)
class ErasureInfo:
    member_id: str
    rows_deleted: int
    wal_bytes: int  # size of the WAL file after the checkpoint (0 = truncated)
    backups_removed: int


def _now() -> datetime:
    return datetime.now(UTC)


def member_row_ids(session: Session, member_id: str) -> dict[str, list[str]]:
    """Ids of every synced row that belongs to or references `member_id`, per table."""
    out: dict[str, list[str]] = {}
    for name, cls in SYNC_REGISTRY.items():
        columns = [c for c in (getattr(cls, "__member_column__", None), *getattr(cls, "__member_refs__", ())) if c]
        table = cls.__table__  # type: ignore[attr-defined]
        ids: list[str] = []
        for col in dict.fromkeys(columns):
            if col not in table.c:
                continue
            ids.extend(session.execute(select(table.c.id).where(table.c[col] == member_id)).scalars())
        if ids:
            out[name] = list(dict.fromkeys(ids))
    return out


def purge_member_rows(
    session: Session, member_id: str, *, origin: ErasureOrigin = ErasureOrigin.LOCAL, now: datetime | None = None
) -> int:
    """Delete every local row of a member inside the caller's transaction: rows of every synced
    table (the audit log excepted, see KEEP_ON_ERASURE), outbox entries, conflict copies,
    rejected-inbox entries; record the erasure. Returns the number of rows deleted.

    The caller commits, then calls `finish_erasure(store)`."""
    now = now or _now()
    deleted = 0
    note_member_gone(session, member_id)  # the screens showing the member are told on commit
    put_meta(session, {ERASING_KEY: "1"})
    try:
        rows = member_row_ids(session, member_id)
        for name, ids in rows.items():
            if name in KEEP_ON_ERASURE:
                continue  # kept, and still pushed: the audit trail of the member's file and erasure
            cls = SYNC_REGISTRY[name]
            table = cls.__table__  # type: ignore[attr-defined]
            for chunk in _chunks(ids):
                session.execute(
                    delete(OutboxRow).where(OutboxRow.entity == name, OutboxRow.entity_id.in_(chunk))
                )
                session.execute(delete(SyncConflict).where(SyncConflict.entity == name, SyncConflict.entity_id.in_(chunk)))
                session.execute(delete(SyncRejected).where(SyncRejected.entity == name, SyncRejected.entity_id.in_(chunk)))
                deleted += session.execute(delete(table).where(table.c.id.in_(chunk))).rowcount or 0
        deleted += session.execute(
            delete(OutboxRow).where(
                (OutboxRow.member_id == member_id) | (OutboxRow.entity_id == member_id),
                OutboxRow.entity.not_in(sorted(KEEP_ON_ERASURE)),
            )
        ).rowcount or 0
        session.execute(delete(SyncConflict).where(SyncConflict.member_id == member_id))
        session.execute(delete(SyncRejected).where(SyncRejected.member_id == member_id))
        existing = session.get(SyncErasure, member_id)
        if existing is None:
            session.add(SyncErasure(member_id=member_id, origin=str(origin), purged_at=now, reported_at=None))
        else:
            existing.purged_at = now
        session.flush()
    finally:
        session.execute(delete(LocalMeta).where(LocalMeta.key == ERASING_KEY))
    return deleted


# Local-only tables (never synced) that hold personal data or member numbers; a wipe empties them
# too. Areas add theirs with the `local_personal` class decorator.
LOCAL_PERSONAL: dict[str, Any] = {}


def local_personal(cls: Any) -> Any:
    """Class decorator: this local-only table is emptied when the device is wiped."""
    LOCAL_PERSONAL[cls.__tablename__] = cls
    return cls


def wipe_personal_rows(session: Session, *, keep_inbox: bool = False) -> int:
    """Delete every row of every synced table (the audit log excepted), the outbox and the sync
    state, inside the caller's transaction (device revoked, scope changed, offline too long).
    Erasure records are kept: they hold only random ids and stop a purged member coming back.
    `keep_inbox` (a scope change, not a revocation) keeps the rejected-mutation inbox (codes and
    field names, no values) and the local-only work records (`local_personal` tables)."""
    deleted = 0
    put_meta(session, {ERASING_KEY: "1"})
    try:
        for name, cls in SYNC_REGISTRY.items():
            if name in KEEP_ON_ERASURE:
                continue
            deleted += session.execute(delete(cls.__table__)).rowcount or 0  # type: ignore[attr-defined]
        if not keep_inbox:  # revoked or offline too long: nothing personal stays on this laptop
            for cls in LOCAL_PERSONAL.values():
                deleted += session.execute(delete(cls.__table__)).rowcount or 0
        tables = (OutboxRow, SyncConflict, SyncResolution) + (() if keep_inbox else (SyncRejected,))
        for table in tables:
            deleted += session.execute(delete(table)).rowcount or 0
    finally:
        session.execute(delete(LocalMeta).where(LocalMeta.key == ERASING_KEY))
    return deleted


def finish_erasure(store: Store) -> tuple[int, int]:
    """After an erasure or wipe was committed: fold the WAL into the file and truncate it
    (secure_delete has overwritten the freed pages), then delete the backups/ copies of this
    database, which still hold the erased rows. Returns (wal bytes left, backups removed)."""
    checkpoint(store.engine)
    wal = Path(str(store.path) + "-wal")
    wal_bytes = wal.stat().st_size if wal.exists() else 0
    removed = 0
    folder = store.path.parent / "backups"
    if folder.is_dir():
        for old in folder.glob(f"{store.path.stem}-*"):
            old.unlink(missing_ok=True)
            removed += 1
    if wal_bytes:
        log.warning("WAL not truncated after erasure (%d bytes): a reader held it open", wal_bytes)
    return wal_bytes, removed


def erase_member(store: Store, member_id: str, *, origin: ErasureOrigin = ErasureOrigin.LOCAL) -> ErasureInfo:
    """Erase one member from this laptop for real (one transaction, then checkpoint and backups).
    A LOCAL erasure is pushed to the server by the sync engine on its next run."""
    session = store.write_session()
    try:
        with session.begin():
            deleted = purge_member_rows(session, member_id, origin=origin)
    finally:
        session.close()
    wal_bytes, removed = finish_erasure(store)
    return ErasureInfo(member_id, deleted, wal_bytes, removed)


def erased_member_ids(session: Session) -> set[str]:
    return set(session.execute(select(SyncErasure.member_id)).scalars())


def open_conflict_count(session: Session) -> int:
    resolved = select(SyncResolution.conflict_id)
    return session.execute(
        select(func.count()).select_from(SyncConflict).where(SyncConflict.id.not_in(resolved))
    ).scalar_one()


def rejected_count(session: Session) -> int:
    return session.execute(
        select(func.count()).select_from(SyncRejected).where(SyncRejected.dismissed_at.is_(None))
    ).scalar_one()


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def secure_delete_enabled(session: Session) -> bool:
    return bool(session.execute(text("PRAGMA secure_delete")).scalar())
