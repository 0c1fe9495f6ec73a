"""Server tables (their own metadata and Alembic migrations, apart from the laptop's).

Storage is generic over entities: one `record` row per (entity, id) holding the row's current
values as canonical JSON text, its scope columns (district / event / owner device), its member,
its version and the `server_seq` of the transaction that last wrote it. The record table is a
compacted change log: a pull reads records (and tombstones) with `server_seq` above the cursor.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from xzdesk.domain.store.base import NAMING, UtcDateTime

# BIGINT on PostgreSQL, INTEGER on SQLite (where only INTEGER PRIMARY KEY auto-increments).
BigId = BigInteger().with_variant(Integer(), "sqlite")


class ServerBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime()}


class ServerMeta(ServerBase):
    """Server identity and secrets: server_id, cursor_secret, blind_index_key, tombstone horizon."""

    __tablename__ = "server_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Counter(ServerBase):
    """`server_seq`: one row updated inside every writing transaction, so numbers are handed out
    in commit order (a plain sequence can commit out of order and make readers skip rows)."""

    __tablename__ = "counter"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class User(ServerBase):
    """A staff account (`xzdesk server add-user`); its id is the laptops' staff id."""

    __tablename__ = "app_user"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    district_code: Mapped[str | None] = mapped_column(String(6))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class Device(ServerBase):
    """An enrolled laptop (or the mini-program backend). The token is stored as SHA-256 only."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(64), default="")
    districts: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)  # None = all districts
    events: Mapped[list[str]] = mapped_column(JSON, default=list)
    aggregate_only: Mapped[bool] = mapped_column(Boolean, default=False)
    scope_hash: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]
    last_pull_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class Record(ServerBase):
    __tablename__ = "record"

    entity: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    district: Mapped[str | None] = mapped_column(String(16))
    event_id: Mapped[str | None] = mapped_column(String(36))
    owner_device: Mapped[str | None] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer, default=1)
    server_seq: Mapped[int] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into: Mapped[str | None] = mapped_column(String(36))
    fields: Mapped[str] = mapped_column(Text)  # canonical JSON of the row's values
    origin_device: Mapped[str | None] = mapped_column(String(36))
    client_time: Mapped[str | None] = mapped_column(String(40))
    clock_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_record_seq", "server_seq"),
        Index("ix_record_district_seq", "district", "server_seq"),
        Index("ix_record_event_seq", "event_id", "server_seq"),
        Index("ix_record_owner_seq", "owner_device", "server_seq"),
    )


class RecordKey(ServerBase):
    """Lookup keys of records: unique columns (`uq:<col>`), natural keys (`nk`), lookup columns
    such as blind indexes (`lk:<col>`) and further member references (`mref`)."""

    __tablename__ = "record_key"

    entity: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(128), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)

    __table_args__ = (Index("ix_record_key_record", "entity", "record_id"),)


class Tombstone(ServerBase):
    """A removal from a scope (the row moved elsewhere) or a purge (erasure; member id only)."""

    __tablename__ = "tombstone"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    server_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    kind: Mapped[str] = mapped_column(String(8))  # remove | purge
    entity: Mapped[str | None] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(36))
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    district: Mapped[str | None] = mapped_column(String(16))
    event_id: Mapped[str | None] = mapped_column(String(36))
    owner_device: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime]


class AppliedMutation(ServerBase):
    """The stored result of every applied device mutation, replayed for a resent seq."""

    __tablename__ = "applied_mutation"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    result: Mapped[str] = mapped_column(Text)  # MutationResult JSON (no field values)
    server_seq: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    operator_id: Mapped[str | None] = mapped_column(String(36))  # the staff account that made the change
    # the device's copy of the row equals the stored row as of `server_seq` (its pull leaves it out)
    echo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Conflict(ServerBase):
    __tablename__ = "conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))  # field | transition | natural_key
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(36))
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    district: Mapped[str | None] = mapped_column(String(16))
    event_id: Mapped[str | None] = mapped_column(String(36))
    owner_device: Mapped[str | None] = mapped_column(String(36))
    field: Mapped[str | None] = mapped_column(String(64))
    base: Mapped[str] = mapped_column(Text, default="null")
    theirs: Mapped[str] = mapped_column(Text, default="null")
    mine: Mapped[str] = mapped_column(Text, default="null")
    other_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str | None] = mapped_column(String(36))
    operator_id: Mapped[str | None] = mapped_column(String(36))
    client_time: Mapped[str | None] = mapped_column(String(40))
    clock_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    # who wrote "theirs" (the value in force when the conflict arose), when known
    theirs_device_id: Mapped[str | None] = mapped_column(String(36))
    theirs_operator_id: Mapped[str | None] = mapped_column(String(36))
    theirs_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | resolved
    created_at: Mapped[datetime]
    created_seq: Mapped[int] = mapped_column(BigInteger)
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (Index("ix_conflict_open", "entity", "entity_id", "field", "status"),)


class Rejected(ServerBase):
    """Permanently rejected mutations (acknowledged so the queue never wedges). Field names only."""

    __tablename__ = "rejected"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(36))
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(64))
    params: Mapped[str] = mapped_column(Text, default="{}")
    field_names: Mapped[str] = mapped_column(Text, default="[]")
    rejected_at: Mapped[datetime]


class Erasure(ServerBase):
    """The erasure registry: only the random member id survives."""

    __tablename__ = "erasure"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    erased_at: Mapped[datetime]
    server_seq: Mapped[int] = mapped_column(BigInteger)
    requested_by: Mapped[str | None] = mapped_column(String(36))  # user id
    rows_deleted: Mapped[int] = mapped_column(Integer, default=0)


class ErasureAck(ServerBase):
    __tablename__ = "erasure_ack"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    acked_at: Mapped[datetime]


class LoginThrottle(ServerBase):
    """Failed sign-ins per user name (`kind` "user") and per client address ("address"), shared
    by every worker: the throttle and lock of `xzdesk.server.login`."""

    __tablename__ = "login_throttle"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime] = mapped_column(index=True)
    locked_until: Mapped[datetime | None]
    refused: Mapped[int] = mapped_column(Integer, default=0)  # attempts refused while throttled (not audited one by one)


class ServerAudit(ServerBase):
    """The server's own audit trail: sign-ins, failures, locks and unlocks (no member data)."""

    __tablename__ = "server_audit"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(32))
    username: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="{}")
