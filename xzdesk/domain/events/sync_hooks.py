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

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from xzdesk.domain.errors import NotFound
from xzdesk.domain.events._state import band_index, plate_sort_key, quota_rules
from xzdesk.domain.events.codes import PLACE_HOLDING, CancelReason, RegistrationSource, RegistrationStatus
from xzdesk.domain.events.dto import AgeBandInfo
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.members.identity import age_on
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


# --- offline approvals: what the server checks after each push ----------------------------------
# Two laptops approving offline each take "the next plate" and "a free place" from what they
# know, so together they can hand out one plate twice or approve more than a cap allows. The
# server keeps every registration as pushed and reports each problem as a conflict for the
# organiser (see xzdesk/server/group_checks.py); these functions only find the problems, from
# rows in JSON form (the server holds no ORM objects of the areas).
PLACE_HOLDING_CODES = frozenset(s.value for s in PLACE_HOLDING)


def _rule_field(rule: Any) -> str:
    """A quota cap as a conflict field: capacity, quota_male, quota_female, band:<i>, band:<i>:<sex>."""
    if rule.code == "capacity":
        return "capacity"
    if rule.code == "sex_quota":
        return "quota_male" if rule.sex == 1 else "quota_female"
    if rule.code == "band_quota":
        return f"band:{rule.band}"
    return f"band:{rule.band}:{rule.sex}"


def _plate_order(reg: Mapping[str, Any]) -> tuple[bool, str, str]:
    """Who keeps a plate handed out twice, by default: a printed badge first, then the earlier
    decision, then the id (stable on every laptop)."""
    return (reg.get("plate_printed_at") is None, str(reg.get("decided_at") or ""), str(reg["id"]))


def duplicate_plates(registrations: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One problem per registration that shares its plate with an earlier one (cancelled ones
    count: a plate is never reused)."""
    by_plate: dict[str, list[Mapping[str, Any]]] = {}
    for reg in registrations:
        if reg.get("plate"):
            by_plate.setdefault(str(reg["plate"]), []).append(reg)
    out = []
    for plate in sorted(by_plate, key=plate_sort_key):
        holders = sorted(by_plate[plate], key=_plate_order)
        for later in holders[1:]:
            out.append({"kind": "plate", "entity": "registration", "entity_id": str(later["id"]),
                        "other_id": str(holders[0]["id"]), "field": "plate", "theirs": plate, "mine": plate})  # fmt: skip
    return out


def over_quota(event: Mapping[str, Any], registrations: Iterable[Mapping[str, Any]],
               members: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:  # fmt: skip
    """One problem per cap (capacity, sex quotas, age-band quotas) that the place-holding
    registrations exceed: theirs = the cap, mine = the places taken."""
    bands = tuple(AgeBandInfo.from_json(b) for b in (event.get("age_bands") or []))
    rules = quota_rules(int(event.get("capacity") or 0), event.get("quota_male"), event.get("quota_female"), bands)
    day = date.fromisoformat(str(event["event_date"]))
    cells: Counter[tuple[int, int | None]] = Counter()
    for reg in registrations:
        member = members.get(str(reg.get("member_id")))
        if reg.get("status") not in PLACE_HOLDING_CODES or member is None:
            continue
        age = age_on(date.fromisoformat(str(member["birth_date"])), day)
        cells[(int(member["sex"]), band_index(bands, age))] += 1
    out = []
    for rule in rules:
        taken = sum(n for (sex, band), n in cells.items() if rule.matches(sex, band))
        if taken > rule.limit:
            out.append({"kind": "quota", "entity": "event", "entity_id": str(event["id"]), "other_id": None,
                        "field": _rule_field(rule), "theirs": rule.limit, "mine": taken})  # fmt: skip
    return out


def offline_problems(event: Mapping[str, Any], registrations: list[Mapping[str, Any]],
                     members: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:  # fmt: skip
    """Plates handed out twice and caps exceeded in one event (rows in JSON form)."""
    return [*duplicate_plates(registrations), *over_quota(event, registrations, members)]


def renumber_duplicate_plate(uow: UnitOfWork, registration_id: str) -> None:
    """Resolve a plate handed out twice: this registration gets the next free plate (the other
    one keeps the plate)."""
    from xzdesk.domain.events import service as ev  # heavy (seating, printing): load on use

    ev.renumber_plate(uow, registration_id=registration_id)


__all__ = ["PUBLIC_FIELDS", "PUBLIC_FILTER", "duplicate_plates", "edit_event", "edit_registration", "offline_problems",
           "online_signup_fields", "over_quota", "renumber_duplicate_plate"]
