"""Test-only synced entities for the merge classes whose real models come later (events,
registrations, check-in scans). They live on their own metadata (never on a laptop database) and
are registered only for the duration of a test: `with synced_test_entities(): ...`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from xzdesk.domain.store.base import NAMING, SYNC_REGISTRY, MergeClass, SyncedMixin, UtcDateTime
from xzdesk.sync import registry


class _TestBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime()}


class EventT(SyncedMixin, _TestBase):
    __tablename__ = "event"
    __sync__ = MergeClass.CASE_FIELDS
    __member_column__ = None
    __scope__ = "global"

    title: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    starts_at: Mapped[datetime]
    internal_note: Mapped[str | None] = mapped_column(String(64))


class RegistrationT(SyncedMixin, _TestBase):
    __tablename__ = "registration"
    __sync__ = MergeClass.NATURAL_KEY
    __natural_key__ = ("member_id", "event_id")
    __scope__ = {"event": "event_id"}
    __state_field__ = "status"
    __transitions__ = {"pending": {"approved", "rejected"}, "approved": {"cancelled"}}

    member_id: Mapped[str] = mapped_column(String(36))
    event_id: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    channel: Mapped[str] = mapped_column(String(16), default="office")
    remark: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]


class ScanT(SyncedMixin, _TestBase):
    __tablename__ = "checkin_scan"
    __sync__ = MergeClass.CHECKIN
    __member_column__ = None
    __natural_key__ = ("event_id", "token")
    __duplicate_field__ = "duplicate_of"
    __scope__ = {"event": "event_id"}

    event_id: Mapped[str] = mapped_column(String(36))
    token: Mapped[str | None] = mapped_column(String(32))
    scanned_at: Mapped[datetime]
    duplicate_of: Mapped[str | None] = mapped_column(String(36))


MODELS: tuple[type[Any], ...] = (EventT, RegistrationT, ScanT)


@contextlib.contextmanager
def synced_test_entities() -> Iterator[None]:
    names = [m.__tablename__ for m in MODELS]
    assert not set(names) & set(SYNC_REGISTRY), "a real model now exists: use it instead"
    for model in MODELS:
        SYNC_REGISTRY[model.__tablename__] = model
    registry.configure_entity("event", public_fields=("title", "starts_at", "status"))
    try:
        yield
    finally:
        for name in names:
            SYNC_REGISTRY.pop(name, None)
            registry._CACHE.pop(name, None)
            registry._OVERRIDES.pop(name, None)
