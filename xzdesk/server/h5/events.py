"""Events for members: the calendar, places left, eligibility, sign-up and cancellation, the
e-ticket. The rules are the events area's (quota rules, eligibility checks, transitions); this
module reads them over the server's JSON records.

Places online: a sign-up takes a place while it waits for the organiser (pending) as well as
once approved, so the office approves what the calendar promised; when no place is left for
the member's cell (sex, age band) the sign-up joins the waiting list. Every sign-up runs in one
transaction that first takes the `server_seq` counter lock and then the event row's lock
(SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises writers), so concurrent sign-ups are
counted one after the other and never overfill the event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import JSON, cast, func, select
from sqlalchemy.orm import Session

from xzdesk.domain.events._state import EventState, MemberFacts, band_index, quota_rules
from xzdesk.domain.events.codes import REGISTRATION_TRANSITIONS, CancelReason, RegistrationStatus
from xzdesk.domain.events.dto import AgeBandInfo
from xzdesk.domain.events.sync_hooks import online_signup_fields
from xzdesk.domain.members.codes import ConsentType
from xzdesk.domain.members.identity import age_on
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.server.h5 import records
from xzdesk.server.h5.records import RecordWriter
from xzdesk.server.h5.web import PageError
from xzdesk.server.models import Record

# Statuses that hold a place online (the office's PLACE_HOLDING plus sign-ups awaiting approval).
HOLDING = frozenset({RegistrationStatus.PENDING, RegistrationStatus.APPROVED, RegistrationStatus.ATTENDED,
                     RegistrationStatus.NO_SHOW})  # fmt: skip
LISTED = ("open", "closed", "held")  # events a member may see (sign-up only while open)
CANCELLABLE = frozenset(s for s, targets in REGISTRATION_TRANSITIONS.items() if RegistrationStatus.CANCELLED in targets)


@dataclass(frozen=True)
class SignupResult:
    registration_id: str
    status: str
    created: bool


def event_of(values: dict[str, Any]) -> SimpleNamespace:
    """An event row in the attribute form the events area's rules read."""
    ns = SimpleNamespace(**values)
    ns.event_date = date.fromisoformat(values["event_date"])
    for key in ("sectors", "districts", "marital", "age_bands"):
        setattr(ns, key, values.get(key) or [])
    return ns


def facts_of(member: dict[str, Any]) -> MemberFacts:
    row = dict(member)
    row["birth_date"] = date.fromisoformat(member["birth_date"])
    return MemberFacts(tuple(row.get(k) for k in MemberFacts.__slots__))


class OnlineEventState:
    """The part of the events area's `EventState` its eligibility and quota rules read, built
    from server records (registrations holding a place online, their members)."""

    def __init__(self, session: Session, event: dict[str, Any]) -> None:
        self.event = event_of(event)
        self.bands = tuple(AgeBandInfo.from_json(b) for b in self.event.age_bands)
        self.rules = quota_rules(self.event.capacity, self.event.quota_male, self.event.quota_female, self.bands)
        self.regs = records.rows(session, "registration", Record.event_id == event["id"])
        holders = [r["member_id"] for r in self.regs if r["status"] in HOLDING]
        self.members = {m["id"]: facts_of(m) for m in _members(session, holders)}
        self.counts: dict[tuple[int, int | None], int] = {}
        for member_id in holders:
            facts = self.members.get(member_id)
            if facts is not None:
                cell = self.cell(facts)
                self.counts[cell] = self.counts.get(cell, 0) + 1
        self.consenting: set[str] = set()

    def age(self, member: MemberFacts) -> int:
        return age_on(member.birth_date, self.event.event_date)

    def cell(self, member: MemberFacts) -> tuple[int, int | None]:
        return int(member.sex), band_index(self.bands, self.age(member))

    rule_count = EventState.rule_count
    free_for = EventState.free_for
    reasons = EventState.reasons

    def places_left(self) -> int:
        return self.free_for(None, None)


def _members(session: Session, ids: list[str]) -> list[dict[str, Any]]:
    out = []
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        query = select(Record.fields).where(Record.entity == "member", Record.id.in_(part), Record.deleted.is_(False))
        out.extend(json.loads(raw) for raw in session.execute(query).scalars())
    return out


def consents_in_force(session: Session, member_id: str) -> set[str]:
    return {c["type"] for c in records.member_rows(session, "consent", member_id) if not c.get("withdrawn_at")}


def calendar(session: Session, *, today: date, limit: int = 60) -> list[dict[str, Any]]:
    """Upcoming events open for sign-up (or closed: shown, not open), soonest first."""
    out = []
    for values in records.rows(session, "event"):
        if values.get("status") in ("open", "closed") and date.fromisoformat(values["event_date"]) >= today:
            out.append(values)
    out.sort(key=lambda e: (e["event_date"], e.get("start_time") or "", e["id"]))
    return out[:limit]


def places_by_event(session: Session, events: list[dict[str, Any]]) -> dict[str, int]:
    """Places left under the capacity per event: one grouped count of the registrations holding a
    place (the status read by the database from the stored JSON, not row by row here)."""
    ids = [e["id"] for e in events]
    taken: dict[str, int] = dict.fromkeys(ids, 0)
    status = cast(Record.fields, JSON)["status"].as_string()
    for start in range(0, len(ids), 500):
        query = (
            select(Record.event_id, func.count())
            .where(Record.entity == "registration", Record.event_id.in_(ids[start : start + 500]),
                   Record.deleted.is_(False), status.in_(sorted(HOLDING)))
            .group_by(Record.event_id)
        )  # fmt: skip
        taken.update({event_id: int(n) for event_id, n in session.execute(query)})
    return {e["id"]: max(0, int(e["capacity"]) - taken[e["id"]]) for e in events}


def my_registration(state_regs: list[dict[str, Any]], member_id: str) -> dict[str, Any] | None:
    """The member's live registration (one per member and event; a cancelled one only when no
    other exists)."""
    mine = [r for r in state_regs if r["member_id"] == member_id]
    mine.sort(key=lambda r: (r["status"] == RegistrationStatus.CANCELLED, r["requested_at"], r["id"]))
    return mine[0] if mine else None


def load_event(session: Session, event_id: str, *, lock: bool = False) -> dict[str, Any]:
    rec = session.get(Record, ("event", event_id), with_for_update=lock) if len(event_id) == 36 else None
    values = records.fields_of(rec)
    if values is None or values.get("status") not in LISTED:
        raise PageError(404, "h5.not_found")
    return values


def sign_up(session: Session, *, event_id: str, member: dict[str, Any], now: datetime) -> SignupResult:
    """Sign the member up: a pending registration holding a place, or the waiting list when no
    place is left for them. Raises PageError for a closed event or an ineligible member."""
    writer = RecordWriter(session, now)
    _ = writer.seq  # the counter lock first: every writer waits here, so the count below is current
    event = load_event(session, event_id, lock=True)
    if event["status"] != "open" or date.fromisoformat(event["event_date"]) < now.astimezone(CHINA_TZ).date():
        raise PageError(409, "h5.event_closed")
    state = OnlineEventState(session, event)
    existing = my_registration(state.regs, member["id"])
    if existing is not None and existing["status"] != RegistrationStatus.CANCELLED:
        return SignupResult(existing["id"], existing["status"], False)
    facts = facts_of(member)
    state.consenting = {member["id"]} if ConsentType.BASIC in consents_in_force(session, member["id"]) else set()
    reasons = state.reasons(facts)
    if reasons:
        raise PageError(422, "h5.not_eligible", reasons=[r.code for r in reasons])
    sex, band = state.cell(facts)
    status = RegistrationStatus.PENDING if state.free_for(sex, band) > 0 else RegistrationStatus.WAITLISTED
    if existing is not None:  # a cancelled sign-up comes back (one registration per member and event)
        writer.update("registration", existing["id"], {
            "status": RegistrationStatus.PENDING.value, "requested_at": now.isoformat(), "cancelled_at": None,
            "cancel_reason": None, "updated_at": now.isoformat()})  # fmt: skip
        if status == RegistrationStatus.WAITLISTED:
            writer.update("registration", existing["id"], {"status": status.value})
        return SignupResult(existing["id"], status.value, True)
    given = online_signup_fields(event_id=event_id, event_fields=event, member_id=member["id"], now=now)
    given.update(id=new_id(), status=status.value)
    row = writer.insert("registration", given, member_id=member["id"])
    return SignupResult(row["id"], status.value, True)


def cancel(session: Session, *, event_id: str, member_id: str, now: datetime) -> None:
    writer = RecordWriter(session, now)
    _ = writer.seq
    event = load_event(session, event_id, lock=True)
    regs = records.rows(session, "registration", Record.event_id == event_id, Record.member_id == member_id)
    reg = my_registration(regs, member_id)
    if reg is None or reg["status"] not in CANCELLABLE or event["status"] == "held":
        raise PageError(409, "h5.cannot_cancel")
    writer.update("registration", reg["id"], {
        "status": RegistrationStatus.CANCELLED.value, "cancelled_at": now.isoformat(),
        "cancel_reason": CancelReason.MEMBER_REQUEST.value, "updated_at": now.isoformat()})  # fmt: skip
