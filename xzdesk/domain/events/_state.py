"""Internal: one event loaded with its registrations and the member facts the rules need.

`EventState` is built once per service call (two queries: registrations joined with members, and
the basic consents in force) and then answers eligibility, quota and plate questions in memory,
updating its counts as the service approves or cancels, so bulk operations stay linear.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.errors import NotFound, XzError
from xzdesk.domain.events.codes import (
    ELIGIBLE_MEMBER_STATUSES,
    PLACE_HOLDING,
    SEX_PREFIX,
    Ineligibility,
    RegistrationStatus,
)
from xzdesk.domain.events.dto import AgeBandInfo, IneligibleReasonInfo
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.members.codes import ConsentType
from xzdesk.domain.members.identity import age_on
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.uow import CHINA_TZ

CHUNK = 900  # ids per IN (...) list, well under SQLite's variable limit
_PLATE = re.compile(r"^([MF])(\d+)$")


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def get_event(session: Session, event_id: str) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("events.not_found")
    return event


def parse_hhmm(value: str | None) -> time | None:
    if not value:
        return None
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def local_start(event: Event) -> datetime:
    start = parse_hhmm(event.start_time) or time(0, 0)
    return datetime.combine(event.event_date, start, tzinfo=CHINA_TZ)


def bands_of(event: Event) -> tuple[AgeBandInfo, ...]:
    return tuple(AgeBandInfo.from_json(b) for b in (event.age_bands or []))


def band_index(bands: Sequence[AgeBandInfo], age: int) -> int | None:
    for i, band in enumerate(bands):
        if band.contains(age):
            return i
    return None


def basic_consents(session: Session, member_ids: Sequence[str]) -> set[str]:
    """The members among `member_ids` whose basic-processing consent is in force."""
    out: set[str] = set()
    for part in chunks(list(member_ids)):
        out.update(
            session.execute(
                select(Consent.member_id).where(
                    Consent.member_id.in_(part),
                    Consent.type == ConsentType.BASIC.value,
                    Consent.withdrawn_at.is_(None),
                )
            ).scalars()
        )
    return out


def plate_number(plate: str | None) -> tuple[str, int] | None:
    m = _PLATE.match(plate or "")
    return (m.group(1), int(m.group(2))) if m else None


def format_plate(sex: int, number: int) -> str:
    return f"{SEX_PREFIX[sex]}{number:02d}"


def plate_sort_key(plate: str | None) -> tuple[int, str, int]:
    """Plates in print order: M01, M02, ..., F01, ...; registrations without a plate last."""
    parsed = plate_number(plate)
    if parsed is None:
        return (1, "", 0)
    prefix, number = parsed
    return (0, "0" if prefix == "M" else "1", number)


def _preferred(reg: EventRegistration) -> tuple[bool, datetime, str]:
    return (reg.status == RegistrationStatus.CANCELLED, reg.requested_at, reg.id)


class MemberFacts:
    """The member columns the events area reads (a plain object: loading 1,000 of these is far
    cheaper than 1,000 full case-file entities, and nothing here edits members)."""

    __slots__ = ("birth_date", "district_code", "employer", "fraud_flag", "id", "marital_status", "member_no",
                 "mobile_last4", "name", "name_pinyin", "nickname", "sector", "sex", "status", "verified")  # fmt: skip

    def __init__(self, values: Sequence[Any]) -> None:
        for key, value in zip(self.__slots__, values, strict=True):
            setattr(self, key, value)


MEMBER_COLUMNS = tuple(getattr(Member, key) for key in MemberFacts.__slots__)


def member_facts(session: Session, member_ids: Sequence[str]) -> dict[str, MemberFacts]:
    out: dict[str, MemberFacts] = {}
    for part in chunks(list(dict.fromkeys(member_ids))):
        for row in session.execute(select(*MEMBER_COLUMNS).where(Member.id.in_(part))):
            facts = MemberFacts(tuple(row))
            out[facts.id] = facts
    return out


class RegistrationFacts:
    """A registration's columns as a plain read-only object (list screens, prints' reads)."""

    __slots__ = tuple(c.key for c in EventRegistration.__table__.columns)  # type: ignore[attr-defined]

    def __init__(self, values: Any) -> None:
        for key, value in zip(self.__slots__, values, strict=True):
            setattr(self, key, value)


_REG_COLUMNS = tuple(getattr(EventRegistration, key) for key in RegistrationFacts.__slots__)


def registrations_with_members(
    session: Session, event_id: str, statuses: Iterable[str] | None = None, *, readonly: bool = False
) -> list[tuple[Any, MemberFacts]]:
    """The event's registrations with their members' facts, in one query: ORM rows (editable)
    by default, `RegistrationFacts` with `readonly` (much cheaper to load)."""
    head: tuple[Any, ...] = _REG_COLUMNS if readonly else (EventRegistration,)
    query = (
        select(*head, *MEMBER_COLUMNS)
        .join(Member, Member.id == EventRegistration.member_id)
        .where(EventRegistration.event_id == event_id)
    )
    if statuses is not None:
        query = query.where(EventRegistration.status.in_(list(statuses)))
    n = len(head)
    if readonly:
        return [(RegistrationFacts(row[:n]), MemberFacts(row[n:])) for row in session.execute(query)]
    return [(row[0], MemberFacts(row[n:])) for row in session.execute(query)]


def _status_rule(state: EventState, m: MemberFacts) -> dict[str, Any] | None:
    if m.status in ELIGIBLE_MEMBER_STATUSES:
        return None
    return {"status": m.status, "needed": tuple(sorted(ELIGIBLE_MEMBER_STATUSES))}


def _age_rule(state: EventState, m: MemberFacts) -> dict[str, Any] | None:
    e, age = state.event, state.age(m)
    if (e.age_min is not None and age < e.age_min) or (e.age_max is not None and age > e.age_max):
        return {"age": age, "min": e.age_min, "max": e.age_max}
    return None


def _in_list(field: str, allowed: str) -> Any:
    """A rule: the member's `field` must be one of the event's `allowed` codes (empty = any)."""

    def check(state: EventState, m: MemberFacts) -> dict[str, Any] | None:
        codes = tuple(getattr(state.event, allowed) or ())
        value = getattr(m, field)
        value = None if value is None else str(value)
        if codes and value not in codes:
            return {"value": value, "allowed": codes}
        return None

    return check


def _sex_rule(state: EventState, m: MemberFacts) -> dict[str, Any] | None:
    sex = int(m.sex)
    if any(rule.code == "sex_quota" and rule.sex == sex and rule.limit <= 0 for rule in state.rules):
        return {"sex": sex}
    return None


# Eligibility, in the order reasons are given: (Ineligibility code, check -> params or None).
_RULES: tuple[tuple[str, Any], ...] = (
    (Ineligibility.STATUS, _status_rule),
    (Ineligibility.CONSENT, lambda state, m: None if m.id in state.consenting else {}),
    (Ineligibility.FRAUD_FLAG, lambda _state, m: {} if m.fraud_flag else None),
    (Ineligibility.UNVERIFIED, lambda state, m: {} if state.event.verified_only and not m.verified else None),
    (Ineligibility.AGE, _age_rule),
    (Ineligibility.SECTOR, _in_list("sector", "sectors")),
    (Ineligibility.DISTRICT, _in_list("district_code", "districts")),
    (Ineligibility.MARITAL, _in_list("marital_status", "marital")),
    (Ineligibility.SEX, _sex_rule),
)


class Rule:
    """A cap on the place-holding registrations of one quota cell group."""

    __slots__ = ("band", "code", "limit", "sex")

    def __init__(self, code: str, limit: int, sex: int | None = None, band: int | None = None) -> None:
        self.code = code
        self.limit = limit
        self.sex = sex
        self.band = band

    def matches(self, sex: int | None, band: int | None) -> bool:
        return (self.sex is None or self.sex == sex) and (self.band is None or self.band == band)


def quota_rules(
    capacity: int, quota_male: int | None, quota_female: int | None, bands: Sequence[AgeBandInfo]
) -> list[Rule]:
    """Capacity first, then sex quotas, then band quotas, then band-and-sex quotas."""
    rules = [Rule("capacity", int(capacity))]
    if quota_male is not None:
        rules.append(Rule("sex_quota", int(quota_male), sex=1))
    if quota_female is not None:
        rules.append(Rule("sex_quota", int(quota_female), sex=2))
    for i, band in enumerate(bands):
        if band.limit is not None:
            rules.append(Rule("band_quota", int(band.limit), band=i))
    for i, band in enumerate(bands):
        for sex, limit in ((1, band.male_limit), (2, band.female_limit)):
            if limit is not None:
                rules.append(Rule("band_sex_quota", int(limit), sex=sex, band=i))
    return rules


class EventState:
    """An event, its registrations, their members and the quota counts (see module docstring)."""

    def __init__(self, session: Session, event: Event, *, readonly: bool = False) -> None:
        self.session = session
        self.event = event
        self.bands = bands_of(event)
        self.rules = quota_rules(event.capacity, event.quota_male, event.quota_female, self.bands)
        self.regs: dict[str, EventRegistration] = {}
        self.by_member: dict[str, EventRegistration] = {}
        self.members: dict[str, MemberFacts] = {}
        self.consenting: set[str] = set()
        self.counts: Counter[tuple[int, int | None]] = Counter()
        self.plate_max: dict[str, int] = {"M": 0, "F": 0}
        for reg, member in registrations_with_members(session, event.id, readonly=readonly):
            self._add(reg, member)
        self.consenting = basic_consents(session, list(self.members))

    def with_caps(self, *, capacity: int, quota_male: int | None, quota_female: int | None,
                  bands: Sequence[AgeBandInfo]) -> None:
        """Use other caps and bands (an edit being checked); recounts the places per cell."""
        self.bands = tuple(bands)
        self.rules = quota_rules(capacity, quota_male, quota_female, self.bands)
        self.counts = Counter()
        for reg in self.regs.values():
            if reg.status in PLACE_HOLDING:
                self.counts[self.cell(self.members[reg.member_id])] += 1

    @classmethod
    def load(cls, session: Session, event_id: str, *, readonly: bool = False) -> EventState:
        """`readonly`: registrations as RegistrationFacts (for queries; never edit them)."""
        return cls(session, get_event(session, event_id), readonly=readonly)

    def _add(self, reg: EventRegistration, member: MemberFacts) -> None:
        self.regs[reg.id] = reg
        # Two rows for one member exist only until sync merges them: use the live, older one.
        other = self.by_member.get(reg.member_id)
        if other is None or _preferred(reg) < _preferred(other):
            self.by_member[reg.member_id] = reg
        self.members[member.id] = member
        if reg.status in PLACE_HOLDING:
            self.counts[self.cell(member)] += 1
        parsed = plate_number(reg.plate)
        if parsed is not None:
            prefix, number = parsed
            self.plate_max[prefix] = max(self.plate_max[prefix], number)

    def add_registration(self, reg: EventRegistration, member: MemberFacts) -> None:
        """Track a registration the service just created (its status must not hold a place yet)."""
        self._add(reg, member)

    def load_members(self, member_ids: Sequence[str]) -> dict[str, MemberFacts]:
        """Members not registered yet (for invitations); adds their consents."""
        found = member_facts(self.session, [m for m in dict.fromkeys(member_ids) if m not in self.members])
        self.consenting |= basic_consents(self.session, list(found))
        return found

    # --- facts about a member --------------------------------------------------------------
    def age(self, member: MemberFacts) -> int:
        return age_on(member.birth_date, self.event.event_date)

    def band(self, member: MemberFacts) -> int | None:
        return band_index(self.bands, self.age(member))

    def cell(self, member: MemberFacts) -> tuple[int, int | None]:
        return int(member.sex), self.band(member)

    def eligible_member(self, member_id: str) -> MemberFacts:
        """The member, loaded when not registered yet; NotFound, or events.not_eligible with the
        ineligibility codes when they may not take part."""
        member = self.members.get(member_id) or self.load_members([member_id]).get(member_id)
        if member is None:
            raise NotFound("members.not_found")
        problems = self.problems(member)
        if problems:
            raise XzError("events.not_eligible", problems=list(problems), member_no=member.member_no)
        return member

    def problems(self, member: MemberFacts) -> tuple[str, ...]:
        """Ineligibility codes for this member and event (empty = may take part)."""
        return tuple(reason.code for reason in self.reasons(member))

    def reasons(self, member: MemberFacts) -> tuple[IneligibleReasonInfo, ...]:
        """Why this member may not take part, each reason with what the event needs and what the
        member has (codes and numbers, for the UI to put in words); empty = may take part."""
        out = []
        for code, check in _RULES:
            params = check(self, member)
            if params is not None:
                out.append(IneligibleReasonInfo(code, params))
        return tuple(out)

    # --- quotas ------------------------------------------------------------------------------
    def rule_count(self, rule: Rule) -> int:
        return sum(n for (sex, band), n in self.counts.items() if rule.matches(sex, band))

    def blocking_rule(self, sex: int, band: int | None) -> Rule | None:
        """The first cap a new place for (sex, band) would exceed, or None when it fits."""
        for rule in self.rules:
            if rule.matches(sex, band) and self.rule_count(rule) >= rule.limit:
                return rule
        return None

    def free_for(self, sex: int | None, band: int | None) -> int:
        """Places open to a person of this cell: the room under the tightest matching cap
        (sex None = only the caps that apply to both sexes)."""
        return max(0, min(rule.limit - self.rule_count(rule) for rule in self.rules if rule.matches(sex, band)))

    def tightest_limit(self, sex: int | None, band: int | None) -> int | None:
        """The smallest cap specific to this cell (beyond the capacity), or None."""
        limits = [r.limit for r in self.rules if r.code != "capacity" and r.matches(sex, band)
                  and (sex is not None or r.sex is None) and (band is not None or r.band is None)]
        return min(limits) if limits else None

    def outside_possible(self) -> bool:
        """Whether an eligible person can be outside every age band."""
        e = self.event
        if not self.bands:
            return True
        if e.age_min is None or e.age_max is None:
            return True
        return any(band_index(self.bands, age) is None for age in range(e.age_min, e.age_max + 1))

    def take(self, member: MemberFacts) -> None:
        self.counts[self.cell(member)] += 1

    def release(self, member: MemberFacts) -> None:
        cell = self.cell(member)
        if self.counts[cell] > 0:
            self.counts[cell] -= 1

    def quota_error(self, rule: Rule, member: MemberFacts) -> XzError:
        sex, band = self.cell(member)
        params: dict[str, Any] = {"rule": rule.code, "limit": rule.limit, "sex": sex}
        if rule.band is not None:
            params["band"] = rule.band
        return XzError("events.quota_full", **params)

    # --- plates ------------------------------------------------------------------------------
    def next_plate(self, sex: int) -> str:
        prefix = SEX_PREFIX[sex]
        self.plate_max[prefix] += 1
        return format_plate(sex, self.plate_max[prefix])

    # --- lists -------------------------------------------------------------------------------
    def waitlist(self) -> list[EventRegistration]:
        """Waitlisted registrations in queue order (time of request, then id)."""
        rows = [r for r in self.regs.values() if r.status == RegistrationStatus.WAITLISTED]
        return sorted(rows, key=lambda r: (r.requested_at, r.id))

    def pending(self) -> list[EventRegistration]:
        rows = [r for r in self.regs.values() if r.status == RegistrationStatus.PENDING]
        return sorted(rows, key=lambda r: (r.requested_at, r.id))
