"""Event and registration services: plan, open/close/hold/cancel, invite, approve, waiting list,
walk-ins, cancellations, attendance and no-shows.

Contract (every function): takes the caller's `UnitOfWork` and never commits; checks the actor's
permission (`events.manage`, or `checkin.record` where the venue acts) and district scope;
writes an audit entry with codes and counts only; leaves the sync outbox to the flush hook;
returns frozen DTOs. Runs on the writer thread; the work is proportional to the event's
registrations (one load of the event, its registrations and their members per call).

Rules (shared/design/domain.md, Events):
- Event status: draft -> open -> closed -> held, closed -> open, and cancelled from any state
  before held (`codes.EVENT_TRANSITIONS`); held and cancelled events are read-only.
- One registration per member and event. Statuses and transitions in
  `codes.REGISTRATION_TRANSITIONS`; approval needs the member eligible (status active or
  verified, basic consent in force, not fraud-flagged, the event's own criteria) and a free place
  under the capacity and every quota (sex, age band, age band and sex; ages at the event date).
- The waiting list is ordered by time of request (invitations in the order given). When a place
  is freed (cancellation, larger capacity or quota), the waitlisted registrations are promoted in
  order, each one that fits: a freed woman's place goes to the first waiting woman when the men's
  quota is full.
- Number plates M01.., F01.. are assigned on approval in order, per sex; a plate is never
  renumbered and never reused (a cancelled registration keeps its plate); `plate_printed_at`
  records the first print of a badge. Every approved registration gets a QR token
  (`tokens.mint_token`) under the event's key.

Errors (XzError codes): events.not_found, events.registration_not_found, events.not_in_scope,
events.bad_transition (current, target), events.locked (status), events.not_eligible (problems),
events.quota_full (rule, limit, sex[, band]), events.already_registered (status),
events.capacity_below_approved / events.quota_below_approved, events.not_held, events.has_registrations,
ValidationError with FieldProblems for drafts; PermissionDenied.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import FieldProblem, NotFound, PermissionDenied, ValidationError, XzError
from xzdesk.domain.events._state import EventState, bands_of, get_event
from xzdesk.domain.events.codes import (
    CANCELLABLE,
    EVENT_TRANSITIONS,
    PLACE_HOLDING,
    PLANNING_STATUSES,
    REGISTRATION_TRANSITIONS,
    WALK_IN_STATUSES,
    CancelReason,
    EventKind,
    EventStatus,
    RegistrationSource,
    RegistrationStatus,
)
from xzdesk.domain.events.dto import (
    AgeBandInfo,
    CancelResultInfo,
    EventDraft,
    EventInfo,
    InviteResultInfo,
    NoShowResultInfo,
    RegistrationInfo,
    SkippedRow,
)
from xzdesk.domain.events.models import Event, EventRegistration, EventRotation, EventSeat, EventTable
from xzdesk.domain.events.queries import event_info, registration_info
from xzdesk.domain.members import codes as member_codes
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.validation import text_or_none
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.tokens import event_code_from_id, mint_token, new_event_key
from xzdesk.domain.uow import ActorInfo, UnitOfWork

MAX_CAPACITY = 2000
MAX_NAME = 64
MAX_VENUE = 128
MAX_REMARK = 200
MIN_AGE, MAX_AGE = 18, 99
EDITABLE_EVENT_FIELDS = tuple(f.name for f in fields(EventDraft))


# --- permissions and scope ------------------------------------------------------------------------
def require_manage(uow: UnitOfWork) -> ActorInfo:
    return uow.require(Permission.EVENTS_MANAGE)


def require_venue(uow: UnitOfWork) -> ActorInfo:
    """Venue work (walk-ins, attendance): check-in staff or organisers."""
    actor = uow.actor
    if actor is None or not (actor.can(Permission.CHECKIN) or actor.can(Permission.EVENTS_MANAGE)):
        raise PermissionDenied(permission=str(Permission.CHECKIN), role=str(actor.role) if actor else None)
    return actor


def check_scope(uow: UnitOfWork, event: Event) -> None:
    """District staff work on their district's events; city staff (no district) on all."""
    actor = uow.actor
    if actor is not None and actor.district_code and event.district_code != actor.district_code:
        raise XzError("events.not_in_scope", event_code=event.code)


def load_event_for_edit(uow: UnitOfWork, event_id: str, *, statuses: Iterable[str] = PLANNING_STATUSES) -> Event:
    event = get_event(uow.session, event_id)
    check_scope(uow, event)
    if event.status not in set(statuses):
        raise XzError("events.locked", status=event.status, event_code=event.code)
    return event


def _managed(uow: UnitOfWork, registration_id: str) -> tuple[EventState, EventRegistration]:
    """An organiser's change of one registration: permission, the event still being planned, and
    the event's state with the registration in it."""
    require_manage(uow)
    reg = _registration(uow, registration_id)
    state = EventState(uow.session, load_event_for_edit(uow, reg.event_id))
    return state, state.regs[registration_id]


def _registration(uow: UnitOfWork, registration_id: str) -> EventRegistration:
    reg = uow.session.get(EventRegistration, registration_id)
    if reg is None:
        raise NotFound("events.registration_not_found")
    return reg


# --- event drafts -------------------------------------------------------------------------------
def _hhmm(field: str, value: time | str | None, problems: list[FieldProblem]) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    text = str(value).strip().replace("：", ":")
    try:
        parsed = time.fromisoformat(text if len(text) > 4 else "0" + text)
    except ValueError:
        problems.append(FieldProblem(field, "events.time_format"))
        return None
    return f"{parsed.hour:02d}:{parsed.minute:02d}"


def _count(field: str, value: Any, problems: list[FieldProblem], *, lo: int, hi: int, required: bool = False) -> int | None:
    if value is None or value == "":
        if required:
            problems.append(FieldProblem(field, "members.required"))
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        problems.append(FieldProblem(field, "events.not_a_number"))
        return None
    if isinstance(value, float) and value != number:
        problems.append(FieldProblem(field, "events.not_a_number"))
        return None
    if not lo <= number <= hi:
        problems.append(FieldProblem(field, "events.out_of_range", min=lo, max=hi))
        return None
    return number


def _codes(field: str, values: Iterable[Any], allowed: Iterable[str], problems: list[FieldProblem]) -> list[str]:
    allowed_set = set(allowed)
    out = [str(v).strip() for v in values if str(v).strip()]
    bad = sorted({v for v in out if v not in allowed_set})
    if bad:
        problems.append(FieldProblem(field, "members.unknown_code", value=",".join(bad)))
    return list(dict.fromkeys(v for v in out if v in allowed_set))


def validate_event_draft(draft: EventDraft) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Normalised column values and every problem found (empty = valid)."""
    problems: list[FieldProblem] = []
    values: dict[str, Any] = {}
    values["name"] = _required_text("name", draft.name, MAX_NAME, problems)
    try:
        values["kind"] = EventKind(draft.kind).value
    except ValueError:
        problems.append(FieldProblem("kind", "members.unknown_code", value=str(draft.kind)))
    if not isinstance(draft.event_date, date) or isinstance(draft.event_date, datetime):
        problems.append(FieldProblem("event_date", "events.date_format"))
    values["event_date"] = draft.event_date
    start = _hhmm("start_time", draft.start_time, problems)
    if start is None and not any(p.field == "start_time" for p in problems):
        problems.append(FieldProblem("start_time", "members.required"))
    end = _hhmm("end_time", draft.end_time, problems)
    if start and end and end <= start:
        problems.append(FieldProblem("end_time", "events.end_before_start"))
    values["start_time"], values["end_time"] = start, end
    values["venue"] = _required_text("venue", draft.venue, MAX_VENUE, problems)
    description = (draft.description or "").strip() or None
    values["description"] = description
    capacity = _count("capacity", draft.capacity, problems, lo=1, hi=MAX_CAPACITY, required=True)
    values["capacity"] = capacity
    cap = capacity or MAX_CAPACITY
    values["quota_male"] = _count("quota_male", draft.quota_male, problems, lo=0, hi=cap)
    values["quota_female"] = _count("quota_female", draft.quota_female, problems, lo=0, hi=cap)
    age_min = _count("age_min", draft.age_min, problems, lo=MIN_AGE, hi=MAX_AGE)
    age_max = _count("age_max", draft.age_max, problems, lo=MIN_AGE, hi=MAX_AGE)
    if age_min is not None and age_max is not None and age_min > age_max:
        problems.append(FieldProblem("age_max", "events.range_reversed"))
    values["age_min"], values["age_max"] = age_min, age_max
    bands = _age_bands(draft, cap, problems)
    values["age_bands"] = sorted(bands, key=lambda b: b["min"])
    values["sectors"] = _codes("sectors", draft.sectors, (s.value for s in member_codes.Sector), problems)
    if values.get("kind") == EventKind.SECTOR and not values["sectors"]:
        problems.append(FieldProblem("sectors", "events.sector_required"))
    values["districts"] = _codes("districts", draft.districts, member_codes.DISTRICTS, problems)
    values["marital"] = _codes("marital", draft.marital, (str(m.value) for m in member_codes.Marital), problems)
    values["verified_only"] = bool(draft.verified_only)
    if draft.district_code is not None and draft.district_code not in member_codes.DISTRICTS:
        problems.append(FieldProblem("district_code", "members.unknown_code", value=str(draft.district_code)))
    values["district_code"] = draft.district_code
    values["organiser_id"] = draft.organiser_id
    return values, problems


def _required_text(name: str, value: str | None, limit: int, problems: list[FieldProblem]) -> str | None:
    text = text_or_none(value)
    if not text:
        problems.append(FieldProblem(name, "members.required"))
    elif len(text) > limit:
        problems.append(FieldProblem(name, "events.too_long", max=limit))
    return text


def _age_bands(draft: EventDraft, cap: int, problems: list[FieldProblem]) -> list[dict[str, Any]]:
    """The valid age bands (JSON form); a reversed or overlapping band is a problem and left out."""
    bands: list[dict[str, Any]] = []
    for i, band in enumerate(draft.age_bands):
        f = f"age_bands.{i}"
        lo = _count(f + ".min_age", band.min_age, problems, lo=MIN_AGE, hi=MAX_AGE, required=True)
        hi = _count(f + ".max_age", band.max_age, problems, lo=MIN_AGE, hi=MAX_AGE, required=True)
        limit = _count(f + ".limit", band.limit, problems, lo=0, hi=cap)
        male = _count(f + ".male_limit", band.male_limit, problems, lo=0, hi=cap)
        female = _count(f + ".female_limit", band.female_limit, problems, lo=0, hi=cap)
        if lo is None or hi is None:
            continue
        if lo > hi:
            problems.append(FieldProblem(f + ".max_age", "events.range_reversed"))
            continue
        if any(not (hi < b["min"] or lo > b["max"]) for b in bands):
            problems.append(FieldProblem(f, "events.bands_overlap"))
            continue
        bands.append(AgeBandInfo(lo, hi, limit, male, female).to_json())
    return bands


def _organiser_problem(uow: UnitOfWork, organiser_id: str | None) -> FieldProblem | None:
    if organiser_id is None:
        return None
    if uow.session.get(Staff, organiser_id) is None:
        return FieldProblem("organiser_id", "events.unknown_staff")
    return None


def draft_from_event(event: Event) -> EventDraft:
    """The full draft of a stored event (what an edit form starts from)."""
    return EventDraft(
        name=event.name, kind=event.kind, event_date=event.event_date, start_time=event.start_time,
        venue=event.venue, capacity=event.capacity, end_time=event.end_time, description=event.description,
        quota_male=event.quota_male, quota_female=event.quota_female, age_bands=bands_of(event),
        age_min=event.age_min, age_max=event.age_max, sectors=tuple(event.sectors or ()),
        districts=tuple(event.districts or ()), marital=tuple(event.marital or ()),
        verified_only=event.verified_only, organiser_id=event.organiser_id, district_code=event.district_code,
    )  # fmt: skip


# --- events -------------------------------------------------------------------------------------
def create_event(uow: UnitOfWork, *, draft: EventDraft) -> EventInfo:
    """A new event in status draft, with its own token key and event code."""
    actor = require_manage(uow)
    if draft.district_code is None and actor.district_code:
        draft = replace(draft, district_code=actor.district_code)
    if draft.organiser_id is None:
        draft = replace(draft, organiser_id=actor.staff_id)
    values, problems = validate_event_draft(draft)
    extra = _organiser_problem(uow, values["organiser_id"])
    if extra:
        problems.append(extra)
    if problems:
        raise ValidationError(problems)
    if actor.district_code and values["district_code"] != actor.district_code:
        raise ValidationError([FieldProblem("district_code", "events.not_in_scope")])
    event_id = new_id()
    event = Event(
        id=event_id, version=0, code=event_code_from_id(event_id), status=EventStatus.DRAFT.value,
        token_key=new_event_key(), created_at=uow.now, updated_at=uow.now, **values,
    )  # fmt: skip
    uow.session.add(event)
    uow.session.flush()
    uow.audit("event.create", fields=[f"event:{event_id}"])
    uow.mark(Area.EVENTS)
    return event_info(uow.session, event_id)


def update_event(
    uow: UnitOfWork, *, event_id: str, changes: dict[str, Any], base_version: int | None = None
) -> EventInfo:
    """Edit an event (fields of EventDraft). Capacity and quotas may not drop below the places
    already taken; a larger capacity or quota promotes the waiting list."""
    require_manage(uow)
    event = load_event_for_edit(uow, event_id)
    unknown = set(changes) - set(EDITABLE_EVENT_FIELDS)
    if unknown:
        raise XzError("events.not_editable", fields=sorted(unknown))
    if base_version is not None and base_version != event.version:
        raise XzError("events.stale", event_code=event.code)
    current = draft_from_event(event)
    if "age_bands" in changes:
        changes = {**changes, "age_bands": tuple(
            b if isinstance(b, AgeBandInfo) else AgeBandInfo.from_json(b) for b in changes["age_bands"])}  # fmt: skip
    for key in ("sectors", "districts", "marital"):
        if key in changes:
            changes = {**changes, key: tuple(changes[key] or ())}
    draft = replace(current, **changes)
    values, problems = validate_event_draft(draft)
    extra = _organiser_problem(uow, values["organiser_id"]) if "organiser_id" in changes else None
    if extra:
        problems.append(extra)
    if problems:
        raise ValidationError(problems)
    actor = uow.actor
    if actor is not None and actor.district_code and values["district_code"] != actor.district_code:
        raise ValidationError([FieldProblem("district_code", "events.not_in_scope")])
    new_values = {k: v for k, v in values.items() if getattr(event, k) != v}
    if not new_values:
        return event_info(uow.session, event_id)
    state = EventState(uow.session, event)
    state.with_caps(capacity=values["capacity"], quota_male=values["quota_male"],
                    quota_female=values["quota_female"],
                    bands=tuple(AgeBandInfo.from_json(b) for b in values["age_bands"]))  # fmt: skip
    _check_caps(state)  # before anything changes: a refused edit leaves no trace
    for key, value in new_values.items():
        setattr(event, key, value)
    if "kind" in new_values and event.kind != EventKind.SPEED_DATING:
        for rotation in uow.session.execute(select(EventRotation).where(EventRotation.event_id == event_id)).scalars():
            uow.session.delete(rotation)
    event.updated_at = uow.now
    caps = {"capacity", "quota_male", "quota_female", "age_bands", "age_min", "age_max", "sectors", "districts",
            "marital", "verified_only"}
    promoted = _promote(uow, state) if set(new_values) & caps else []
    uow.audit("event.edit", fields=[f"event:{event_id}", *sorted(new_values)])
    if promoted:
        uow.audit("event.waitlist.promote", fields=[f"event:{event_id}", f"count:{len(promoted)}"])
    uow.mark(Area.EVENTS)
    return event_info(uow.session, event_id)


def _check_caps(state: EventState) -> None:
    """Refuse caps below the places already taken."""
    for rule in state.rules:
        taken = state.rule_count(rule)
        if taken > rule.limit:
            code = "events.capacity_below_approved" if rule.code == "capacity" else "events.quota_below_approved"
            params: dict[str, Any] = {"rule": rule.code, "limit": rule.limit, "approved": taken}
            if rule.sex is not None:
                params["sex"] = rule.sex
            if rule.band is not None:
                params["band"] = rule.band
            raise XzError(code, **params)


def change_event_status(uow: UnitOfWork, *, event_id: str, status: EventStatus | str) -> EventInfo:
    """Move an event along draft -> open -> closed -> held (closed -> open reopens sign-ups);
    cancelling also cancels every open registration (reason event_cancelled)."""
    require_manage(uow)
    event = get_event(uow.session, event_id)
    check_scope(uow, event)
    target = EventStatus(status)
    current = EventStatus(event.status)
    if target != current:
        if target not in EVENT_TRANSITIONS[current]:
            raise XzError("events.bad_transition", current=current.value, target=target.value)
        event.status = target.value
        event.updated_at = uow.now
        if target == EventStatus.CANCELLED:
            open_states = {RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED, RegistrationStatus.APPROVED}
            regs = uow.session.execute(
                select(EventRegistration).where(EventRegistration.event_id == event_id,
                                                EventRegistration.status.in_([s.value for s in open_states]))
            ).scalars()  # fmt: skip
            for reg in regs:
                _set_status(uow, reg, RegistrationStatus.CANCELLED)
                reg.cancelled_at = uow.now
                reg.cancel_reason = CancelReason.EVENT_CANCELLED.value
        uow.audit(f"event.status.{target.value}", fields=[f"event:{event_id}"])
        uow.mark(Area.EVENTS)
    return event_info(uow.session, event_id)


def delete_event(uow: UnitOfWork, *, event_id: str) -> None:
    """Remove a draft event that has no registrations (with its tables). Anything else is
    cancelled instead, so that its history stays."""
    require_manage(uow)
    event = get_event(uow.session, event_id)
    check_scope(uow, event)
    if event.status != EventStatus.DRAFT:
        raise XzError("events.locked", status=event.status, event_code=event.code)
    if uow.session.execute(select(EventRegistration.id).where(EventRegistration.event_id == event_id).limit(1)).first():
        raise XzError("events.has_registrations", event_code=event.code)
    for model in (EventTable, EventSeat, EventRotation):
        for row in uow.session.execute(select(model).where(model.event_id == event_id)).scalars():
            uow.session.delete(row)
    uow.session.delete(event)
    uow.audit("event.delete", fields=[f"event:{event_id}"])
    uow.mark(Area.EVENTS)


# --- registrations: internals -------------------------------------------------------------------
def _set_status(uow: UnitOfWork, reg: EventRegistration, target: RegistrationStatus) -> None:
    current = reg.status
    if target.value == current:
        return
    if target.value not in REGISTRATION_TRANSITIONS[RegistrationStatus(current)]:
        raise XzError("events.bad_transition", current=current, target=target.value)
    reg.status = target.value
    reg.updated_at = uow.now
    if uow.actor is not None and target in (RegistrationStatus.APPROVED, RegistrationStatus.WAITLISTED,
                                            RegistrationStatus.CANCELLED):  # fmt: skip
        reg.decided_at = uow.now
        reg.decided_by = uow.actor.staff_id


def _approve(uow: UnitOfWork, state: EventState, reg: EventRegistration) -> None:
    """Approve (caller checked eligibility and room): take the place, plate and token."""
    member = state.members[reg.member_id]
    _set_status(uow, reg, RegistrationStatus.APPROVED)
    state.take(member)
    if reg.plate is None:
        reg.plate = state.next_plate(int(member.sex))
    if reg.token is None:
        reg.token = mint_token(state.event.code, state.event.token_key)


def _try_place(uow: UnitOfWork, state: EventState, reg: EventRegistration, *, waitlist_if_full: bool) -> str:
    """Approve when a place is free, else waitlist (or raise events.quota_full)."""
    member = state.members[reg.member_id]
    rule = state.blocking_rule(*state.cell(member))
    if rule is None:
        _approve(uow, state, reg)
        return RegistrationStatus.APPROVED
    if not waitlist_if_full:
        raise state.quota_error(rule, member)
    _set_status(uow, reg, RegistrationStatus.WAITLISTED)
    return RegistrationStatus.WAITLISTED


def _promote(uow: UnitOfWork, state: EventState) -> list[EventRegistration]:
    """Promote waitlisted registrations in queue order, each one that fits and is eligible."""
    if state.event.status not in PLANNING_STATUSES:
        return []
    promoted = []
    for reg in state.waitlist():
        member = state.members[reg.member_id]
        if state.problems(member):
            continue
        if state.blocking_rule(*state.cell(member)) is None:
            _approve(uow, state, reg)
            promoted.append(reg)
    return promoted


def _unseat(uow: UnitOfWork, registration_id: str) -> None:
    seat = uow.session.execute(select(EventSeat).where(EventSeat.registration_id == registration_id)).scalar()
    if seat is not None and (seat.table_id is not None or seat.pinned):
        seat.table_id = None
        seat.seat_index = None
        seat.pinned = False
        seat.updated_at = uow.now


def _new_registration(
    uow: UnitOfWork, event: Event, member_id: str, *, source: RegistrationSource, at: datetime,
    remark: str | None = None,
) -> EventRegistration:  # fmt: skip
    reg = EventRegistration(
        id=new_id(), version=0, event_id=event.id, member_id=member_id, source=source.value,
        status=RegistrationStatus.PENDING.value, requested_at=at, created_at=uow.now, updated_at=uow.now,
        invited_by=uow.actor.staff_id if uow.actor and source == RegistrationSource.INVITATION else None,
        remark=_remark(remark),
    )  # fmt: skip
    uow.session.add(reg)
    return reg


def _remark(remark: str | None) -> str | None:
    text = text_or_none(remark)
    if text and len(text) > MAX_REMARK:
        raise ValidationError([FieldProblem("remark", "events.too_long", max=MAX_REMARK)])
    return text


def _member_in_scope(uow: UnitOfWork, member: Member) -> bool:
    actor = uow.actor
    return not (actor is not None and actor.district_code and member.district_code != actor.district_code)


def _info(uow: UnitOfWork, registration_id: str) -> RegistrationInfo:
    return registration_info(uow.session, registration_id)


# --- registrations: services --------------------------------------------------------------------
def invite_members(
    uow: UnitOfWork,
    *,
    event_id: str,
    member_ids: Sequence[str],
    approve: bool = True,
    remark: str | None = None,
) -> InviteResultInfo:
    """Invite members (from a caseload or matching suggestions) in the order given.

    Each eligible member not yet registered gets a registration (source invitation); a cancelled
    registration is reopened. With `approve`, each is approved while a place is free for their
    sex and age band, else waitlisted (the order given is the waiting-list order); without it
    they stay pending. Members that cannot be invited are skipped with a code:
    events.member_not_found, members.not_in_scope, events.already_registered (problems = the
    status), events.not_eligible (problems = Ineligibility codes)."""
    require_manage(uow)
    event = load_event_for_edit(uow, event_id)
    state = EventState(uow.session, event)
    ordered = list(dict.fromkeys(member_ids))
    fresh = state.load_members(ordered)
    approved: list[str] = []
    waitlisted: list[str] = []
    pending: list[str] = []
    skipped: list[SkippedRow] = []
    for i, member_id in enumerate(ordered):
        member = state.members.get(member_id) or fresh.get(member_id)
        if member is None:
            skipped.append(SkippedRow(member_id, "events.member_not_found"))
            continue
        if not _member_in_scope(uow, member):
            skipped.append(SkippedRow(member_id, "members.not_in_scope"))
            continue
        existing = state.by_member.get(member_id)
        if existing is not None and existing.status != RegistrationStatus.CANCELLED:
            skipped.append(SkippedRow(member_id, "events.already_registered", (existing.status,)))
            continue
        state.members[member_id] = member
        problems = state.problems(member)
        if problems:
            skipped.append(SkippedRow(member_id, "events.not_eligible", problems))
            continue
        at = uow.now + timedelta(microseconds=i)  # the order given is the queue order
        if existing is not None:
            _set_status(uow, existing, RegistrationStatus.PENDING)
            existing.requested_at = at
            existing.cancelled_at = existing.cancel_reason = None
            reg = existing
        else:
            reg = _new_registration(uow, event, member_id, source=RegistrationSource.INVITATION, at=at,
                                    remark=remark)  # fmt: skip
            state.add_registration(reg, member)
        if not approve:
            pending.append(reg.id)
        elif _try_place(uow, state, reg, waitlist_if_full=True) == RegistrationStatus.APPROVED:
            approved.append(reg.id)
        else:
            waitlisted.append(reg.id)
    uow.session.flush()
    uow.audit("event.invite", fields=[f"event:{event_id}", f"count:{len(approved) + len(waitlisted) + len(pending)}"])
    uow.mark(Area.EVENTS)
    return InviteResultInfo(tuple(approved), tuple(waitlisted), tuple(pending), tuple(skipped))


def submit_registration(
    uow: UnitOfWork,
    *,
    event_id: str,
    member_id: str,
    source: RegistrationSource | str = RegistrationSource.ONLINE,
    remark: str | None = None,
) -> RegistrationInfo:
    """Record a sign-up as pending (a phone or counter sign-up; the mini-program's arrive by
    sync in the same shape). The event must be open; the member eligible."""
    require_manage(uow)
    event = load_event_for_edit(uow, event_id, statuses=(EventStatus.OPEN,))
    state = EventState(uow.session, event)
    existing = state.by_member.get(member_id)
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        raise XzError("events.already_registered", status=existing.status)
    state.eligible_member(member_id)  # NotFound or events.not_eligible
    if existing is not None:
        _set_status(uow, existing, RegistrationStatus.PENDING)
        existing.requested_at = uow.now
        existing.cancelled_at = existing.cancel_reason = None
        reg = existing
    else:
        reg = _new_registration(uow, event, member_id, source=RegistrationSource(source), at=uow.now, remark=remark)
    uow.session.flush()
    uow.audit("event.register", member_id=member_id, fields=[f"event:{event_id}"])
    uow.mark(Area.EVENTS)
    return _info(uow, reg.id)


def approve_registration(uow: UnitOfWork, *, registration_id: str, waitlist_if_full: bool = False) -> RegistrationInfo:
    """Approve a pending or waitlisted registration when the member is eligible and a place is
    free; otherwise events.not_eligible / events.quota_full (or, with `waitlist_if_full`, the
    registration goes to the waiting list)."""
    state, reg = _managed(uow, registration_id)
    if reg.status not in (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED):
        raise XzError("events.bad_transition", current=reg.status, target=RegistrationStatus.APPROVED.value)
    member = state.members[reg.member_id]
    problems = state.problems(member)
    if problems:
        raise XzError("events.not_eligible", problems=list(problems), member_no=member.member_no)
    outcome = _try_place(uow, state, reg, waitlist_if_full=waitlist_if_full)
    uow.audit(f"event.registration.{outcome}", member_id=reg.member_id, fields=[f"event:{state.event.id}"])
    uow.mark(Area.EVENTS)
    return _info(uow, reg.id)


def approve_pending(uow: UnitOfWork, *, event_id: str) -> InviteResultInfo:
    """Decide every pending sign-up in order of request: approved while places are free,
    otherwise waitlisted; ineligible ones stay pending and come back as skipped."""
    require_manage(uow)
    event = load_event_for_edit(uow, event_id)
    state = EventState(uow.session, event)
    approved: list[str] = []
    waitlisted: list[str] = []
    skipped: list[SkippedRow] = []
    for reg in state.pending():
        problems = state.problems(state.members[reg.member_id])
        if problems:
            skipped.append(SkippedRow(reg.member_id, "events.not_eligible", problems))
            continue
        if _try_place(uow, state, reg, waitlist_if_full=True) == RegistrationStatus.APPROVED:
            approved.append(reg.id)
        else:
            waitlisted.append(reg.id)
    uow.audit("event.approve_pending", fields=[f"event:{event_id}", f"count:{len(approved)}"])
    uow.mark(Area.EVENTS)
    return InviteResultInfo(tuple(approved), tuple(waitlisted), (), tuple(skipped))


def waitlist_registration(uow: UnitOfWork, *, registration_id: str) -> RegistrationInfo:
    """Put a pending registration on the waiting list (its place in the queue is its request time)."""
    require_manage(uow)
    reg = _registration(uow, registration_id)
    load_event_for_edit(uow, reg.event_id)
    _set_status(uow, reg, RegistrationStatus.WAITLISTED)
    uow.audit("event.registration.waitlisted", member_id=reg.member_id, fields=[f"event:{reg.event_id}"])
    uow.mark(Area.EVENTS)
    return _info(uow, reg.id)


def cancel_registration(
    uow: UnitOfWork,
    *,
    registration_id: str,
    reason: CancelReason | str = CancelReason.MEMBER_REQUEST,
    promote: bool = True,
) -> CancelResultInfo:
    """Cancel a pending, waitlisted or approved registration. The person's seat is freed (a
    lock on it stays), the plate stays theirs (never reused); when a place was freed, the
    waiting list is promoted (unless `promote` is False)."""
    state, reg = _managed(uow, registration_id)
    promoted = _cancel(uow, state, reg, CancelReason(reason), promote=promote)
    uow.mark(Area.EVENTS)
    return CancelResultInfo(_info(uow, reg.id), tuple(_info(uow, p.id) for p in promoted))


def _cancel(uow: UnitOfWork, state: EventState, reg: EventRegistration, reason: CancelReason, *,
            promote: bool) -> list[EventRegistration]:  # fmt: skip
    """Cancel one registration (audited): its place and seat freed, the plate kept; returns the
    waitlisted registrations promoted into the freed place."""
    held_place = reg.status in PLACE_HOLDING
    _set_status(uow, reg, RegistrationStatus.CANCELLED)
    reg.cancelled_at = uow.now
    reg.cancel_reason = reason.value
    if held_place:
        state.release(state.members[reg.member_id])
    _unseat(uow, reg.id)
    promoted = _promote(uow, state) if promote and held_place else []
    event_id = state.event.id
    uow.audit("event.registration.cancelled", member_id=reg.member_id, fields=[f"event:{event_id}", reason.value])
    if promoted:
        uow.audit("event.waitlist.promote", fields=[f"event:{event_id}", f"count:{len(promoted)}"])
    return promoted


def cancel_for_withdrawn_consent(uow: UnitOfWork, *, member_id: str) -> list[str]:
    """The consequence of withdrawn basic processing for the member's events: every registration
    for an event still being planned (draft, open, closed) that is pending, waitlisted or approved
    is cancelled with reason `consent_withdrawn` (their seat freed, the waiting list promoted), so
    no badge, seat or sign-in line is printed for them. Held events keep their records. No
    permission check of its own: it is part of the withdrawal the caller was allowed to record.
    Returns the registration ids cancelled."""
    rows = uow.session.execute(
        select(EventRegistration.id, EventRegistration.event_id).join(Event, Event.id == EventRegistration.event_id)
        .where(EventRegistration.member_id == member_id, Event.status.in_([s.value for s in PLANNING_STATUSES]),
               EventRegistration.status.in_([s.value for s in CANCELLABLE]))
    ).all()  # fmt: skip
    for registration_id, event_id in rows:
        state = EventState(uow.session, uow.session.get(Event, event_id))
        _cancel(uow, state, state.regs[registration_id], CancelReason.CONSENT_WITHDRAWN, promote=True)
    if rows:
        uow.mark(Area.EVENTS)
    return [registration_id for registration_id, _e in rows]


def reopen_registration(uow: UnitOfWork, *, registration_id: str) -> RegistrationInfo:
    """A cancelled registration back to pending (it joins the queue now)."""
    require_manage(uow)
    reg = _registration(uow, registration_id)
    load_event_for_edit(uow, reg.event_id)
    _set_status(uow, reg, RegistrationStatus.PENDING)
    reg.requested_at = uow.now
    reg.cancelled_at = reg.cancel_reason = None
    uow.audit("event.registration.reopened", member_id=reg.member_id, fields=[f"event:{reg.event_id}"])
    uow.mark(Area.EVENTS)
    return _info(uow, reg.id)


def promote_waitlist(uow: UnitOfWork, *, event_id: str) -> tuple[RegistrationInfo, ...]:
    """Promote waitlisted registrations in queue order while places are free (see module rules)."""
    require_manage(uow)
    event = load_event_for_edit(uow, event_id)
    promoted = _promote(uow, EventState(uow.session, event))
    if promoted:
        uow.audit("event.waitlist.promote", fields=[f"event:{event_id}", f"count:{len(promoted)}"])
        uow.mark(Area.EVENTS)
    return tuple(_info(uow, p.id) for p in promoted)


def register_walk_in(
    uow: UnitOfWork,
    *,
    event_id: str,
    member_id: str,
    attended: bool = True,
    over_quota: bool = False,
) -> RegistrationInfo:
    """A member registered at the venue: approved (plate and token, for a badge) and, with
    `attended`, marked present. An existing pending or waitlisted registration is used. A full
    quota refuses the walk-in (events.quota_full) unless an organiser passes `over_quota`
    (audited)."""
    actor = require_venue(uow)
    if over_quota and not actor.can(Permission.EVENTS_MANAGE):
        raise PermissionDenied(permission=str(Permission.EVENTS_MANAGE), role=str(actor.role))
    event = load_event_for_edit(uow, event_id, statuses=WALK_IN_STATUSES)
    state = EventState(uow.session, event)
    member = state.eligible_member(member_id)
    reg = state.by_member.get(member_id)
    if reg is not None and reg.status not in (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED,
                                              RegistrationStatus.CANCELLED):  # fmt: skip
        raise XzError("events.already_registered", status=reg.status)
    rule = state.blocking_rule(*state.cell(member))
    if rule is not None and not over_quota:
        raise state.quota_error(rule, member)
    if reg is None:
        reg = _new_registration(uow, event, member_id, source=RegistrationSource.WALK_IN, at=uow.now)
        state.add_registration(reg, member)
    elif reg.status == RegistrationStatus.CANCELLED:
        _set_status(uow, reg, RegistrationStatus.PENDING)
        reg.requested_at = uow.now
        reg.cancelled_at = reg.cancel_reason = None
    _approve(uow, state, reg)
    if attended:
        _set_status(uow, reg, RegistrationStatus.ATTENDED)
        reg.attended_at = uow.now
    uow.session.flush()
    uow.audit("event.walk_in", member_id=member_id, fields=[f"event:{event_id}"],
              reason="over_quota" if over_quota and rule is not None else None)  # fmt: skip
    uow.mark(Area.EVENTS)
    return _info(uow, reg.id)


def mark_attended(uow: UnitOfWork, *, registration_id: str, at: datetime | None = None) -> RegistrationInfo:
    """Record that an approved person came (check-in), or correct a no-show."""
    require_venue(uow)
    reg = _registration(uow, registration_id)
    event = get_event(uow.session, reg.event_id)
    check_scope(uow, event)
    if event.status == EventStatus.CANCELLED:
        raise XzError("events.locked", status=event.status, event_code=event.code)
    _set_status(uow, reg, RegistrationStatus.ATTENDED)
    reg.attended_at = at or uow.now
    uow.audit("event.attended", member_id=reg.member_id, fields=[f"event:{event.id}"])
    uow.mark(Area.EVENTS)
    return _info(uow, reg.id)


def renumber_plate(uow: UnitOfWork, *, registration_id: str) -> RegistrationInfo:
    """Give a registration the next free plate of its sex: the one exception to "never
    renumbered", for a plate two laptops handed out while offline (the organiser chose who
    keeps it; a badge already printed with the old plate must be printed again). The old plate
    is not reused: the next number is above every plate of the event."""
    require_manage(uow)
    reg = _registration(uow, registration_id)
    event = get_event(uow.session, reg.event_id)
    check_scope(uow, event)
    if event.status in (EventStatus.HELD, EventStatus.CANCELLED):
        raise XzError("events.locked", status=event.status, event_code=event.code)
    state = EventState(uow.session, event)
    member = state.members.get(reg.member_id)
    if reg.plate is None or member is None:
        raise XzError("events.no_plate")
    reg.plate = state.next_plate(int(member.sex))
    reg.updated_at = uow.now
    uow.audit("event.plate_renumbered", member_id=reg.member_id, fields=[f"event:{event.id}", "plate"])
    uow.mark(Area.EVENTS)
    return _info(uow, reg.id)


def record_no_shows(uow: UnitOfWork, *, event_id: str) -> NoShowResultInfo:
    """After the event (status held): every approved registration not checked in becomes a
    no-show. A late check-in later corrects it (no_show -> attended)."""
    require_manage(uow)
    event = get_event(uow.session, event_id)
    check_scope(uow, event)
    if event.status != EventStatus.HELD:
        raise XzError("events.not_held", status=event.status)
    regs = uow.session.execute(
        select(EventRegistration).where(EventRegistration.event_id == event_id,
                                        EventRegistration.status == RegistrationStatus.APPROVED.value)
    ).scalars().all()  # fmt: skip
    for reg in regs:
        _set_status(uow, reg, RegistrationStatus.NO_SHOW)
    uow.audit("event.no_shows", fields=[f"event:{event_id}", f"count:{len(regs)}"])
    uow.mark(Area.EVENTS)
    return NoShowResultInfo(tuple(r.id for r in regs))


def ensure_tokens(uow: UnitOfWork, *, event_id: str) -> int:
    """Give every approved or attended registration without a token one (registrations that
    arrived by sync approved elsewhere carry theirs; this repairs any that do not). Returns how
    many were minted."""
    require_manage(uow)
    event = get_event(uow.session, event_id)
    check_scope(uow, event)
    minted = 0
    regs = uow.session.execute(
        select(EventRegistration).where(EventRegistration.event_id == event_id,
                                        EventRegistration.token.is_(None),
                                        EventRegistration.status.in_(["approved", "attended"]))
    ).scalars()  # fmt: skip
    for reg in regs:
        reg.token = mint_token(event.code, event.token_key)
        reg.updated_at = uow.now
        minted += 1
    return minted


__all__ = [
    "EDITABLE_EVENT_FIELDS",
    "approve_pending",
    "approve_registration",
    "cancel_registration",
    "change_event_status",
    "create_event",
    "delete_event",
    "draft_from_event",
    "ensure_tokens",
    "invite_members",
    "mark_attended",
    "promote_waitlist",
    "record_no_shows",
    "register_walk_in",
    "reopen_registration",
    "submit_registration",
    "update_event",
    "validate_event_draft",
    "waitlist_registration",
]
