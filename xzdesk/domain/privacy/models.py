"""The privacy area's tables: the audit log (synced, append-only, hash-chained: audit.py writes
and checks it) and the data-subject requests received on this laptop (local; rights.py).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from xzdesk.domain.privacy.codes import RequestStatus
from xzdesk.domain.store.base import Base, MergeClass, SyncedMixin, register_synced
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.store.sync_state import local_personal


@register_synced
class AuditEntry(Base):
    __tablename__ = "audit_log"
    __sync__ = MergeClass.APPEND_ONLY
    __member_column__ = "member_id"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    version: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime]
    actor_id: Mapped[str | None] = mapped_column(String(36), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(48), index=True)
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    fields: Mapped[list[str]] = mapped_column(default=list)
    reason: Mapped[str | None] = mapped_column(String(256))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_log_device_seq", "device_id", "seq"),)


@local_personal
class RightsRequest(Base):
    """A data-subject request received on this laptop (local; never synced: the audit entries of
    every step sync instead). Holds no personal data beyond the random member id and, while the
    case file exists, its member number."""

    __tablename__ = "rights_request"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16))
    member_id: Mapped[str] = mapped_column(String(36), index=True)
    member_no: Mapped[str | None] = mapped_column(String(16))
    received_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(24))
    due_on: Mapped[date] = mapped_column(Date, index=True)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    handler_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(16), index=True, default=RequestStatus.OPEN.value)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    created_by: Mapped[str | None] = mapped_column(String(36))
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(36))
    rows_erased: Mapped[int | None] = mapped_column(Integer)
    outcome_fields: Mapped[list[str] | None] = mapped_column(JSON)  # corrected fields / withdrawn consents


@register_synced
class OnlineRightsRequest(SyncedMixin, Base):
    """A data-subject request a member made in the member web app (append-only; the server
    writes it, the laptops of the member's district receive it). It shows in the rights queue
    (`queries.list_requests`) with its due date and becomes this laptop's `RightsRequest` (same
    id) the first time a privacy officer acts on it (`rights.py`)."""

    __tablename__ = "online_rights_request"
    __sync__ = MergeClass.APPEND_ONLY

    member_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    received_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
