"""Tables of venue check-in: the roster a venue laptop checks against, every scan, annulments,
walk-ins, interest cards, and the local record of venue packs.

Design (shared/design/sync.md, domain.md "Print and venue"):

- `CheckinRoster` is the projection a venue laptop needs and nothing more: one row per
  registration (its id IS the registration id), with number plate, masked name, badge name, sex,
  table label, phone last 4 (manual search), registration status and the QR token. The office
  keeps it current from registrations, members and seats as they change (roster.py); it reaches the venue
  by sync (event scope) or in an event pack. Walk-ins add rows at the venue (id = the registration
  id reserved for them).
- `CheckinScan` is one append-only record per scan, accepted or refused. Its id (UUIDv7 minted on
  the laptop) is the sync key. `checkin_key` is set only on accepted check-ins
  (`<registration id>/<annulments so far>`), so two laptops checking the same person in offline
  produce two rows with the same natural key: the server keeps both, the first by server order is
  canonical and the later one gets `duplicate_of` (MergeClass.CHECKIN). Refused scans and scans
  of unknown tokens have no key and are kept unresolved.
- `CheckinAnnulment` undoes an accepted check-in without deleting anything (append-only).
- `CheckinWalkIn` is a person registered at the venue: the minimum case-file fields, the consent
  captured, and the plate/token/registration id handed out there. The office turns it into a case
  file and a registration (`service.reconcile_event`), recording the result in `member_id` and
  `adopted_registration_id`. It holds personal data, so its scope is the organising office plus the
  laptop that made it (`walk_in_scope_fields`), never the other venue laptops.
- `InterestCard` is one entry of a 心动卡 (append-only): the card owner's registration and the
  registrations ticked. A correction is a new row that `supersedes` the previous one; the current
  card of an owner is the newest row not superseded (`cards.current_cards`).
- `VenuePack` (local only, not synced) remembers packs made and imported here: the return key
  handed to a venue, the station letter given to it, and which packs were imported already.

References are plain id columns without foreign keys (rows arrive by sync in server order).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, LargeBinary, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from xzdesk.domain.store.base import Base, MergeClass, SyncedMixin, register_synced

TOKEN_TEXT_MAX = 64  # normalised scanned text kept per scan (longer input is cut)
# Every check-in row belongs to the organising office's district and to the event: the office
# and the event's venue laptops see and write it (a row of a person from another district, or
# of a walk-in without a case file yet, still reaches the office). A city-wide event (no district)
# is seen by city-wide devices and the venue laptops.
SCOPE = {"district": "office_district", "event": "event_id"}


@register_synced
class CheckinRoster(SyncedMixin, Base):
    """What a venue laptop knows about one registration (id = the registration id)."""

    __tablename__ = "checkin_roster"
    __sync__ = MergeClass.CASE_FIELDS
    __scope__ = SCOPE
    __sync_max__ = ("updated_at",)

    event_id: Mapped[str] = mapped_column(String(36))
    office_district: Mapped[str | None] = mapped_column(String(6))  # the event's organising office
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)  # None: walk-in not adopted yet
    plate: Mapped[str | None] = mapped_column(String(8))
    name_masked: Mapped[str] = mapped_column(String(16))
    display_name: Mapped[str] = mapped_column(String(32))  # badge name: 张先生 / 欧阳女士
    nickname: Mapped[str | None] = mapped_column(String(32))  # public handle on result slips
    sex: Mapped[int] = mapped_column(SmallInteger)
    table_label: Mapped[str | None] = mapped_column(String(16))
    mobile_last4: Mapped[str | None] = mapped_column(String(4))
    status: Mapped[str] = mapped_column(String(16))
    token: Mapped[str | None] = mapped_column(String(40))
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime]

    __table_args__ = (
        Index("ix_checkin_roster_event_token", "event_id", "token"),
        Index("ix_checkin_roster_event_plate", "event_id", "plate"),
    )


@register_synced
class CheckinScan(SyncedMixin, Base):
    """One scan at the venue, accepted or refused (append-only; the server may set
    `duplicate_of`)."""

    __tablename__ = "checkin_scan"
    __sync__ = MergeClass.CHECKIN
    __scope__ = SCOPE
    __natural_key__ = ("event_id", "checkin_key")
    __duplicate_field__ = "duplicate_of"

    event_id: Mapped[str] = mapped_column(String(36))
    office_district: Mapped[str | None] = mapped_column(String(6))  # the event's organising office
    device_id: Mapped[str] = mapped_column(String(36))
    staff_id: Mapped[str | None] = mapped_column(String(36))
    scanned_at: Mapped[datetime]
    method: Mapped[str] = mapped_column(String(12))
    token: Mapped[str] = mapped_column(String(TOKEN_TEXT_MAX))  # normalised scanned text ("" if manual)
    verdict: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(String(24))  # UnknownReason, or a registration status
    registration_id: Mapped[str | None] = mapped_column(String(36))
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    plate: Mapped[str | None] = mapped_column(String(8))
    checkin_key: Mapped[str | None] = mapped_column(String(48))
    earlier_scan_id: Mapped[str | None] = mapped_column(String(36))  # ALREADY: the check-in in force
    duplicate_of: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (
        Index("ix_checkin_scan_event_registration", "event_id", "registration_id"),
        Index("ix_checkin_scan_event_time", "event_id", "scanned_at"),
        Index("ix_checkin_scan_key", "event_id", "checkin_key"),
    )


@register_synced
class CheckinAnnulment(SyncedMixin, Base):
    """An accepted check-in undone (the scan stays; this row says it no longer counts)."""

    __tablename__ = "checkin_annulment"
    __sync__ = MergeClass.APPEND_ONLY
    __scope__ = SCOPE

    event_id: Mapped[str] = mapped_column(String(36))
    office_district: Mapped[str | None] = mapped_column(String(6))  # the event's organising office
    scan_id: Mapped[str] = mapped_column(String(36), index=True)
    registration_id: Mapped[str | None] = mapped_column(String(36))
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    staff_id: Mapped[str | None] = mapped_column(String(36))
    annulled_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(24))

    __table_args__ = (Index("ix_checkin_annulment_event_registration", "event_id", "registration_id"),)


@register_synced
class CheckinWalkIn(SyncedMixin, Base):
    """A person registered at the venue, waiting to become (or linked to) a case file."""

    __tablename__ = "checkin_walk_in"
    __sync__ = MergeClass.CASE_FIELDS
    # Without the scope resolver (`walk_in_scope_fields`) the row would be visible to the organising
    # office and every device of the event; the resolver narrows it to office + origin laptop.
    __scope__ = SCOPE
    __sync_max__ = ("adopted_at",)

    event_id: Mapped[str] = mapped_column(String(36), index=True)
    office_district: Mapped[str | None] = mapped_column(String(6))  # the event's organising office
    registration_id: Mapped[str] = mapped_column(String(36), unique=True)  # reserved at the venue
    plate: Mapped[str] = mapped_column(String(8))
    token: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(64))
    nickname: Mapped[str | None] = mapped_column(String(32))
    sex: Mapped[int] = mapped_column(SmallInteger)
    id_number: Mapped[str] = mapped_column(String(18))
    mobile: Mapped[str] = mapped_column(String(11))
    district_code: Mapped[str] = mapped_column(String(6))
    consents: Mapped[list[str]] = mapped_column(JSON, default=list)
    notice_version: Mapped[str] = mapped_column(String(16))
    collected_by: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime]
    # Set by the office (reconcile_event)
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    adopted_registration_id: Mapped[str | None] = mapped_column(String(36))
    adopted_at: Mapped[datetime | None]
    adopted_by: Mapped[str | None] = mapped_column(String(36))


@register_synced
class InterestCard(SyncedMixin, Base):
    """One entry of a 心动卡 (append-only; corrections supersede, see module docstring)."""

    __tablename__ = "interest_card"
    __sync__ = MergeClass.APPEND_ONLY
    __scope__ = SCOPE

    event_id: Mapped[str] = mapped_column(String(36))
    office_district: Mapped[str | None] = mapped_column(String(6))  # the event's organising office
    owner_registration_id: Mapped[str] = mapped_column(String(36))
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)  # the card owner
    ticked: Mapped[list[str]] = mapped_column(JSON, default=list)  # registration ids
    supersedes: Mapped[str | None] = mapped_column(String(36))
    voided: Mapped[bool] = mapped_column(Boolean, default=False)  # entered by mistake: no card
    entered_by: Mapped[str | None] = mapped_column(String(36))
    entered_at: Mapped[datetime]
    device_id: Mapped[str] = mapped_column(String(36))

    __table_args__ = (Index("ix_interest_card_event_owner", "event_id", "owner_registration_id"),)


class VenuePack(Base):
    """A venue pack made or imported on this laptop (local only; never synced). `seq` is the
    event pack's number: counted per event by the office that makes them, so a venue laptop can
    refuse a pack older than (or the same as) one it already imported."""

    __tablename__ = "checkin_pack"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # pack id (from its header)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    return_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    station: Mapped[str | None] = mapped_column(String(1))
    origin_device: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime]
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    seq: Mapped[int | None] = mapped_column(Integer)  # event packs: 1, 2, 3 ... per event and office


__all__ = [
    "CheckinAnnulment",
    "CheckinRoster",
    "CheckinScan",
    "CheckinWalkIn",
    "InterestCard",
    "VenuePack",
]
