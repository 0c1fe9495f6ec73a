"""Functions the sync layer plugs in for the events entities (the domain may not import
xzdesk.sync, so xzdesk/sync or the server's start-up code registers them):

    from xzdesk.domain.events import sync_hooks as h
    registry.configure_entity("event", public_filter=h.PUBLIC_FILTER, public_fields=h.PUBLIC_FIELDS)
    registry.register_intake_builder("registration", h.online_signup_fields)
    conflicts.register_conflict_editor("event", h.edit_event)
    conflicts.register_conflict_editor("registration", h.edit_registration)

Entities (class attributes in models.py): event (case fields; status transitions
codes.EVENT_TRANSITIONS; scope district_code + the event itself), registration (natural key
event_id + member_id; status transitions codes.REGISTRATION_TRANSITIONS; scope the event, plus
the member's district), event_table / event_seat / event_rotation (case fields; scope the
event; seats are purged with their member).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from xzdesk.domain.errors import NotFound
from xzdesk.domain.events.codes import CancelReason, RegistrationSource, RegistrationStatus
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.uow import UnitOfWork

# The mini-program lists events open for sign-up, with these fields only (no token key, no
# organiser, no quotas).
PUBLIC_FILTER = ("status", "open")
PUBLIC_FIELDS = ("code", "name", "kind", "event_date", "start_time", "end_time", "venue", "capacity",
                 "age_min", "age_max", "sectors", "districts", "district_code", "status")  # fmt: skip
MAX_REMARK = 200


def online_signup_fields(
    *, event_id: str, event_fields: dict[str, Any], member_id: str, now: datetime, remark: str | None = None,
    **_: Any,
) -> dict[str, Any]:  # fmt: skip
    """The JSON field values of a mini-program sign-up: a pending registration queued at `now`
    (the organiser approves it; eligibility and quotas are checked then)."""
    stamp = now.isoformat()
    text = " ".join((remark or "").split())[:MAX_REMARK] or None
    return {
        "event_id": event_id, "member_id": member_id, "source": RegistrationSource.ONLINE.value,
        "status": RegistrationStatus.PENDING.value, "requested_at": stamp, "created_at": stamp,
        "updated_at": stamp, "remark": text,
    }  # fmt: skip


def edit_event(uow: UnitOfWork, entity_id: str, changes: dict[str, Any]) -> None:
    """Resolve an event conflict through the services (validation, caps, audit)."""
    from xzdesk.domain.events import service as ev  # heavy (seating, printing): load on use

    if uow.session.get(Event, entity_id) is None:
        raise NotFound("events.not_found")
    status = changes.pop("status", None)
    editable = {k: v for k, v in changes.items() if k in ev.EDITABLE_EVENT_FIELDS}
    if editable:
        ev.update_event(uow, event_id=entity_id, changes=editable)
    if status is not None:
        ev.change_event_status(uow, event_id=entity_id, status=status)


def edit_registration(uow: UnitOfWork, entity_id: str, changes: dict[str, Any]) -> None:
    """Resolve a registration conflict: a status goes through the service of that transition
    (quotas, plates, tokens, waiting list); a remark is set directly."""
    from xzdesk.domain.events import service as ev  # heavy (seating, printing): load on use

    reg = uow.session.get(EventRegistration, entity_id)
    if reg is None:
        raise NotFound("events.registration_not_found")
    if "remark" in changes:
        reg.remark = changes["remark"]
        reg.updated_at = uow.now
    status = changes.get("status")
    if status is None or status == reg.status:
        return
    if status == RegistrationStatus.APPROVED:
        ev.approve_registration(uow, registration_id=entity_id)
    elif status == RegistrationStatus.WAITLISTED:
        ev.waitlist_registration(uow, registration_id=entity_id)
    elif status == RegistrationStatus.CANCELLED:
        ev.cancel_registration(uow, registration_id=entity_id, reason=changes.get("cancel_reason") or CancelReason.OTHER)
    elif status == RegistrationStatus.PENDING:
        ev.reopen_registration(uow, registration_id=entity_id)
    elif status == RegistrationStatus.ATTENDED:
        ev.mark_attended(uow, registration_id=entity_id)
    else:  # no_show: only after the event, for every approved guest at once
        ev.record_no_shows(uow, event_id=reg.event_id)


__all__ = ["PUBLIC_FIELDS", "PUBLIC_FILTER", "edit_event", "edit_registration", "online_signup_fields"]
