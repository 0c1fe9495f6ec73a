"""What the sync layer plugs in for the check-in entities (the domain may not import
xzdesk.sync, so xzdesk/sync or the server's start-up code registers them):

    from xzdesk.domain.checkin import sync_hooks as h
    registry.register_scope_resolver(
        "checkin_walk_in", lambda values, ctx: RecordScope(**h.walk_in_scope_fields(values, device_id=ctx.device_id)))
    conflicts.register_conflict_editor("checkin_roster", h.edit_roster)
    conflicts.register_conflict_editor("checkin_walk_in", h.edit_walk_in)

Entities (class attributes in models.py), all in the scope of the organising office's district
(`office_district`) and of the event, so the office and the event's venue laptops see and write
them whatever the member's own district:

- checkin_roster (case fields; id = registration id): written by the office as its registrations
  change (roster.py; publish_roster catches up a whole event),
  walk-in rows by the venue laptop that registered them.
- checkin_scan (CHECKIN, natural key event_id + checkin_key, duplicate field duplicate_of).
- checkin_annulment, interest_card (append-only).
- checkin_walk_in (case fields; holds an ID number and a phone): without the scope resolver it
  is visible to every venue laptop of the event; with it, only to the office and its origin.

VENUE_ENTITIES is everything a venue laptop enrolled for one event needs (design: "it receives
only what check-in needs"). The engine today sends an event device every row scoped to the event,
which also includes registrations (member ids, remarks), seats and rotations; a server-side
filter to these entities for event-only devices would make the projection exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from xzdesk.domain.changes import Area
from xzdesk.domain.checkin.models import CheckinRoster, CheckinWalkIn
from xzdesk.domain.errors import NotFound, XzError
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import UnitOfWork

VENUE_ENTITIES: tuple[str, ...] = (
    "event", "checkin_roster", "checkin_scan", "checkin_annulment", "interest_card", "checkin_walk_in",
)  # fmt: skip

# Fields a person may settle in a conflict (the rest follow from the registration or are facts).
ROSTER_EDITABLE = ("plate", "table_label", "status", "display_name", "nickname")
WALK_IN_EDITABLE = ("nickname", "member_id", "adopted_registration_id")


def edit_roster(uow: UnitOfWork, entity_id: str, changes: dict[str, Any]) -> None:
    """Resolve a roster conflict: the chosen values of the editable fields. The office's
    `publish_roster` rewrites the roster from the registrations anyway."""
    uow.require(Permission.EVENTS_MANAGE)
    row = uow.session.get(CheckinRoster, entity_id)
    if row is None:
        raise NotFound("checkin.not_on_roster")
    unknown = set(changes) - set(ROSTER_EDITABLE)
    if unknown:
        raise XzError("checkin.not_editable", fields=sorted(unknown))
    for key, value in changes.items():
        setattr(row, key, value)
    row.updated_at = uow.now
    uow.mark(Area.CHECKIN)


def edit_walk_in(uow: UnitOfWork, entity_id: str, changes: dict[str, Any]) -> None:
    """Resolve a walk-in conflict (e.g. two offices linked it differently)."""
    uow.require(Permission.EVENTS_MANAGE)
    row = uow.session.get(CheckinWalkIn, entity_id)
    if row is None:
        raise NotFound("checkin.walk_in_not_found")
    unknown = set(changes) - set(WALK_IN_EDITABLE)
    if unknown:
        raise XzError("checkin.not_editable", fields=sorted(unknown))
    for key, value in changes.items():
        setattr(row, key, value)
    uow.audit("checkin.walk_in_resolve", member_id=row.member_id, fields=sorted(changes))
    uow.mark(Area.CHECKIN)


def walk_in_scope_fields(values: Mapping[str, Any], *, device_id: str | None) -> dict[str, Any]:
    """Where a `checkin_walk_in` row belongs, as RecordScope keyword arguments: the organising
    office's district and the laptop that pushed it, never the other devices of the event (the row
    holds an ID number and a phone). The sync layer registers it:

        register_scope_resolver("checkin_walk_in",
            lambda values, ctx: RecordScope(**walk_in_scope_fields(values, device_id=ctx.device_id)))
    """
    return {"district": values.get("office_district"), "event_id": None, "owner_device": device_id}


__all__ = ["VENUE_ENTITIES", "edit_roster", "edit_walk_in", "walk_in_scope_fields"]
