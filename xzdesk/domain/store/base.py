"""ORM base, shared column types and the registry of synced tables with their merge classes."""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Integer, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from xzdesk.domain.store.ids import new_id

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes stored as naive UTC (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class MergeClass(enum.StrEnum):
    """How the sync engine merges a table (see shared/design/sync.md)."""

    CASE_FIELDS = "case_fields"  # three-way merge per field; same-field clash -> conflict record
    APPEND_ONLY = "append_only"  # insert-only facts; ON CONFLICT (id) DO NOTHING
    CHECKIN = "checkin"  # scan id is the key; duplicates kept and marked
    STATE_MACHINE = "state_machine"  # transitions validated by the server
    NATURAL_KEY = "natural_key"  # one row per natural key; merged on the server


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime(), dict[str, Any]: JSON, list[str]: JSON}


class SyncedMixin:
    """Columns every synced table has. `version` is the server's row version (0 = never synced);
    local edits leave it alone and record it as the base version in the outbox."""

    __sync__: ClassVar[MergeClass]
    # Column holding the member a row belongs to (for erasure and scope); None for non-member rows.
    __member_column__: ClassVar[str | None] = "member_id"
    # Bookkeeping timestamps merged by taking the later value, never a conflict.
    __sync_max__: ClassVar[tuple[str, ...]] = ()
    # Columns computed from others (search keys, blind indexes): they travel with their source
    # and are hidden from conflict screens.
    __sync_derived__: ClassVar[tuple[str, ...]] = ()
    # --- sync extension points (read by xzdesk.sync.registry; see xzdesk/sync/__init__.py) ---
    # NATURAL_KEY / CHECKIN: the columns that identify "the same thing" across devices
    # (e.g. ("member_id", "event_id") for a registration, ("event_id", "token") for a scan).
    __natural_key__: ClassVar[tuple[str, ...]] = ()
    # CHECKIN: column the server fills with the canonical row's id on later duplicates.
    __duplicate_field__: ClassVar[str | None] = None
    # STATE_MACHINE (or any class): the state column and its allowed transitions {from: {to}}.
    __state_field__: ClassVar[str | None] = None
    __transitions__: ClassVar[Mapping[str, Collection[str]]] = {}
    # Scope: {"district": column} and/or {"event": column}; "global" = every device. None: the
    # member's scope for member rows, else the pushing device's own scope.
    __scope__: ClassVar[Mapping[str, str] | str | None] = None
    # Case files: a delete becomes this (column, value) update (archive), never a removal.
    __archive__: ClassVar[tuple[str, Any] | None] = None
    # Further columns holding member ids (rows referencing an erased member are purged too).
    __member_refs__: ClassVar[tuple[str, ...]] = ()

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    version: Mapped[int] = mapped_column(Integer, default=0, nullable=False)


SYNC_REGISTRY: dict[str, type[SyncedMixin]] = {}


def register_synced(cls: type[Any]) -> type[Any]:
    """Class decorator: make a mapped class known to the outbox and (later) the sync engine."""
    if not hasattr(cls, "__sync__"):
        raise TypeError(f"{cls.__name__} must declare __sync__")
    SYNC_REGISTRY[cls.__tablename__] = cls
    return cls


def to_jsonable(value: Any) -> Any:
    """Column value -> JSON value for the outbox (dates as ISO strings, enums as values, bytes as
    hex). `from_jsonable` is the inverse, driven by the column type."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


def from_jsonable(column: Any, value: Any) -> Any:
    """JSON value -> Python value for `column` (a mapped Column), inverse of `to_jsonable`."""
    if value is None:
        return None
    from sqlalchemy import Date, LargeBinary

    ctype = column.type
    if isinstance(ctype, UtcDateTime):
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if isinstance(ctype, Date):
        return date.fromisoformat(value)
    if isinstance(ctype, LargeBinary):
        return bytes.fromhex(value)
    return value
