"""Events (活动), registrations, seat-plan tables and seats, speed-dating rotations.

References between rows are plain id columns without foreign keys (rows arrive by sync in server
order), as in the members area. The services in service.py keep every invariant:

- one registration per member and event (the natural key for sync; kept by the services, not
  by a UNIQUE index: a row pulled from the server must always apply, and the server merges two
  offline registrations of one member into one, removing the other from every laptop);
- approved registrations never exceed the capacity or any quota of the event;
- number plates are unique per event (`M01`.., `F01`..), assigned on approval in order, never
  renumbered once printed (`plate_printed_at`) and never reused after a cancellation;
- a QR token (`xzdesk.domain.tokens`) under the event's own key for every approved registration;
- a seat row (`EventSeat`) exists for a registration once it was seated, pinned or grouped;
  at most one guest per seat; pins are to the guest's current seat.

Sync (shared/design/sync.md): `Event`, `EventTable`, `EventSeat` and `EventRotation` are case
fields (three-way merge per field); `EventRegistration` is merged by its natural key
(event_id, member_id) and its `status` is a validated state machine. Every row is in the scope of
its event; member rows (registrations, seats) are purged with the member on erasure.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, Index, Integer, LargeBinary, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from xzdesk.domain.events.codes import EVENT_TRANSITIONS, REGISTRATION_TRANSITIONS
from xzdesk.domain.store.base import Base, MergeClass, SyncedMixin, register_synced


@register_synced
class Event(SyncedMixin, Base):
    """An event. `token_key` is the per-event secret (32 random bytes) for QR tokens: it travels
    to the venue laptops by sync and is never printed, exported or shown. `code` is the 6-character
    event code embedded in every token (`tokens.event_code_from_id(id)`), also a short handle for
    people (`xzdesk print badges --event CODE`)."""

    __tablename__ = "event"
    __sync__ = MergeClass.CASE_FIELDS
    __member_column__ = None
    __sync_max__ = ("updated_at",)
    __sync_derived__ = ("code",)
    __state_field__ = "status"
    __transitions__ = EVENT_TRANSITIONS
    __scope__ = {"district": "district_code", "event": "id"}

    code: Mapped[str] = mapped_column(String(8), index=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    event_date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[str] = mapped_column(String(5))  # local "HH:MM" (China Standard Time)
    end_time: Mapped[str | None] = mapped_column(String(5))
    venue: Mapped[str] = mapped_column(String(128))
    description: Mapped[str | None] = mapped_column(Text)
    capacity: Mapped[int] = mapped_column(Integer)
    quota_male: Mapped[int | None] = mapped_column(Integer)
    quota_female: Mapped[int | None] = mapped_column(Integer)
    # [{"min": 22, "max": 29, "limit": 20, "male": 10, "female": 10}, ...]; limits may be null
    age_bands: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # Eligibility; empty lists mean "any"
    age_min: Mapped[int | None] = mapped_column(SmallInteger)
    age_max: Mapped[int | None] = mapped_column(SmallInteger)
    sectors: Mapped[list[str]] = mapped_column(default=list)
    districts: Mapped[list[str]] = mapped_column(default=list)
    marital: Mapped[list[str]] = mapped_column(default=list)
    verified_only: Mapped[bool] = mapped_column(Boolean, default=False)
    organiser_id: Mapped[str | None] = mapped_column(String(36), index=True)
    district_code: Mapped[str | None] = mapped_column(String(6), index=True)  # organising office; None = city
    status: Mapped[str] = mapped_column(String(16), index=True, default="draft")
    token_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


@register_synced
class EventRegistration(SyncedMixin, Base):
    """One member's registration for one event (natural key: event_id, member_id).

    `requested_at` orders the waiting list. `plate` is the number plate (号码牌), `token` the
    canonical QR token for check-in; both are set on approval and kept afterwards (a cancelled
    registration keeps its plate so that it is never handed to someone else)."""

    __tablename__ = "registration"  # the sync entity name the online intake uses
    __sync__ = MergeClass.NATURAL_KEY
    __natural_key__ = ("event_id", "member_id")
    __state_field__ = "status"
    __transitions__ = REGISTRATION_TRANSITIONS
    __scope__ = {"event": "event_id"}
    __sync_max__ = ("updated_at", "plate_printed_at")

    event_id: Mapped[str] = mapped_column(String(36))  # indexed by the unique key
    member_id: Mapped[str] = mapped_column(String(36), index=True)
    source: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    requested_at: Mapped[datetime]
    invited_by: Mapped[str | None] = mapped_column(String(36))
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(36))
    plate: Mapped[str | None] = mapped_column(String(8))
    plate_printed_at: Mapped[datetime | None]
    token: Mapped[str | None] = mapped_column(String(40), index=True)
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(String(24))
    attended_at: Mapped[datetime | None]
    remark: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_registration_event_member", "event_id", "member_id"),
        Index("ix_registration_event_status", "event_id", "status"),
    )


@register_synced
class EventTable(SyncedMixin, Base):
    """A table of the seat plan. `x`/`y` place its centre on the floor plan (editor units, y
    down); `locked_seats` lists the seat indices the optimiser must leave as they are."""

    __tablename__ = "event_table"
    __sync__ = MergeClass.CASE_FIELDS
    __member_column__ = None
    __scope__ = {"event": "event_id"}

    event_id: Mapped[str] = mapped_column(String(36), index=True)
    label: Mapped[str] = mapped_column(String(16))
    shape: Mapped[str] = mapped_column(String(8))
    capacity: Mapped[int] = mapped_column(SmallInteger)
    x: Mapped[float | None] = mapped_column(Float)
    y: Mapped[float | None] = mapped_column(Float)
    rotation: Mapped[float] = mapped_column(Float, default=0.0)
    position: Mapped[int] = mapped_column(SmallInteger, default=0)  # order in lists and prints
    theme: Mapped[str | None] = mapped_column(String(32))  # optional line on the table tent
    locked_seats: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime]


@register_synced
class EventSeat(SyncedMixin, Base):
    """Where one registration sits (table_id/seat_index None = unseated), whether the guest is
    pinned to that seat, and the friend group ("came together") the guest belongs to.

    The row's id IS the registration id: two laptops seating the same guest offline write the
    same row (merged per field by sync), never two rows for one guest."""

    __tablename__ = "event_seat"
    __sync__ = MergeClass.CASE_FIELDS
    __scope__ = {"event": "event_id"}
    __sync_max__ = ("updated_at",)

    event_id: Mapped[str] = mapped_column(String(36), index=True)
    registration_id: Mapped[str] = mapped_column(String(36))  # == id
    member_id: Mapped[str] = mapped_column(String(36), index=True)
    table_id: Mapped[str | None] = mapped_column(String(36), index=True)
    seat_index: Mapped[int | None] = mapped_column(SmallInteger)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    friend_group: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime]


@register_synced
class EventRotation(SyncedMixin, Base):
    """The stored speed-dating schedule of an event (one per event).

    `seated_ids`/`rotating_ids` are registration ids (table k = the k-th seated guest);
    `partners` is the schedule's (rounds x seated) matrix as zlib-compressed little-endian int16
    (index into `rotating_ids`, -1 = rest), so a 200 x 200 schedule stays small; `settings` holds
    the RotationSettingsInfo fields. The row's id IS the event id (one schedule per event, the
    same row on every laptop)."""

    __tablename__ = "event_rotation"
    __sync__ = MergeClass.CASE_FIELDS
    __member_column__ = None
    __scope__ = {"event": "event_id"}

    event_id: Mapped[str] = mapped_column(String(36))  # == id
    seated_sex: Mapped[int] = mapped_column(SmallInteger)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    seated_ids: Mapped[list[str]] = mapped_column(JSON)
    rotating_ids: Mapped[list[str]] = mapped_column(JSON)
    n_rounds: Mapped[int] = mapped_column(SmallInteger)
    partners: Mapped[bytes] = mapped_column(LargeBinary)
    skipped_colleague_pairs: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    created_by: Mapped[str | None] = mapped_column(String(36))


__all__ = ["Event", "EventRegistration", "EventRotation", "EventSeat", "EventTable"]
