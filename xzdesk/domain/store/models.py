"""Store-level tables: local metadata and the sync outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from xzdesk.domain.store.base import Base

# LocalMeta key set once demo (synthetic) data is written: such a database never syncs.
DEMO_DATA = "demo_data"
# LocalMeta keys the sync engine writes at enrolment and when the server revokes the device.
SYNC_SERVER_URL = "sync_server_url"
SYNC_REVOKED = "sync_revoked"


class LocalMeta(Base):
    """Key/value facts about this database: device id, blind-index key, clock, cursors."""

    __tablename__ = "local_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


def put_meta(session: Session, values: dict[str, str]) -> None:
    """Set local settings in one statement (INSERT ... ON CONFLICT DO UPDATE: no read first)."""
    if values:
        stmt = sqlite_insert(LocalMeta)
        session.execute(stmt.on_conflict_do_update(index_elements=[LocalMeta.key], set_={"value": stmt.excluded.value}),
                        [{"key": k, "value": v} for k, v in values.items()])  # fmt: skip


class OutboxRow(Base):
    """One local change waiting to be pushed (shared/design/sync.md, "Identity and ordering").

    Written by the flush hook in the same transaction as the change; deleted only when the
    server acknowledges its `seq`.
    """

    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(36), nullable=False, unique=True)
    entity: Mapped[str] = mapped_column(String(64), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(36), nullable=False)
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(16), nullable=False)  # insert | update | delete
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    base: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)  # old values of changed fields
    base_version: Mapped[int] = mapped_column(Integer, nullable=False)
    hlc: Mapped[str] = mapped_column(String(40), nullable=False)
    operator_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(nullable=False)

    # AUTOINCREMENT: a seq is never reused, even after every row was acknowledged and deleted
    # (the server refuses a reused device seq with a different payload).
    __table_args__ = (Index("ix_sync_outbox_entity", "entity", "entity_id"), {"sqlite_autoincrement": True})


def is_enrolled(session: Session) -> bool:
    """Whether this laptop is connected to a union server (enrolled and not revoked): its staff
    accounts then come from the server, and venue laptops may have been prepared by sync."""
    rows = session.execute(
        select(LocalMeta.key, LocalMeta.value).where(LocalMeta.key.in_([SYNC_SERVER_URL, SYNC_REVOKED]))
    ).all()
    keys = {key: value for key, value in rows}
    return bool(keys.get(SYNC_SERVER_URL)) and not keys.get(SYNC_REVOKED)
