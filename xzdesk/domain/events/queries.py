"""Read side of the events area: event details, list and month calendar, registrations, the
quota balance, eligibility of invitation candidates, and token look-ups for check-in.

Every function takes a Session (read or write) and returns frozen DTOs; none writes. Safe on any
thread that owns its session. Names are masked (`张*`); no identifier, phone or employer leaves
here, and the event's token key only through `event_token_key` (for check-in verification).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from xzdesk.domain.errors import NotFound, XzError
from xzdesk.domain.events._state import (
    EventState,
    band_index,
    bands_of,
    get_event,
    local_start,
    parse_hhmm,
    plate_sort_key,
)
from xzdesk.domain.events.codes import (
    EVENT_TRANSITIONS,
    PLACE_HOLDING,
    REGISTRATION_TRANSITIONS,
    RegistrationStatus,
)
from xzdesk.domain.events.dto import (
    CalendarDayRow,
    CalendarMonthInfo,
    EligibilityRow,
    EventFilter,
    EventInfo,
    EventRow,
    QuotaBalanceInfo,
    QuotaCellRow,
    RegistrationCountsInfo,
    RegistrationInfo,
    RegistrationRow,
)
from xzdesk.domain.events.models import Event, EventRegistration, EventRotation, EventSeat, EventTable
from xzdesk.domain.members.identity import age_on
from xzdesk.domain.members.models import Member
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.reads import key_read
from xzdesk.domain.staff.models import Staff


# --- events -------------------------------------------------------------------------------------
def find_event(session: Session, ref: str) -> Event:
    """An event by id or by its 6-character code (case-insensitive); NotFound otherwise, and
    events.code_ambiguous when two events share the code (use the id)."""
    ref = (ref or "").strip()
    event = session.get(Event, ref) if len(ref) == 36 else None
    if event is not None:
        return event
    rows = session.execute(select(Event).where(Event.code == ref.upper()).limit(2)).scalars().all()
    if len(rows) == 1:
        return rows[0]
    if len(rows) > 1:
        raise XzError("events.code_ambiguous", code=ref.upper())
    raise NotFound("events.not_found")


def _counts(session: Session, event_ids: Sequence[str]) -> dict[str, RegistrationCountsInfo]:
    """Registration counts per event, by status and (for places taken) by sex."""
    raw: dict[str, Counter[str]] = {}
    for event_id, status, sex, n in session.execute(
        select(EventRegistration.event_id, EventRegistration.status, Member.sex, func.count())
        .join(Member, Member.id == EventRegistration.member_id)
        .where(EventRegistration.event_id.in_(list(event_ids)))
        .group_by(EventRegistration.event_id, EventRegistration.status, Member.sex)
    ):
        c = raw.setdefault(event_id, Counter())
        c[status] += n
        if status in PLACE_HOLDING:
            c[f"taken_{sex}"] += n
    out = {}
    for event_id in event_ids:
        c = raw.get(event_id, Counter())
        out[event_id] = RegistrationCountsInfo(
            pending=c["pending"], approved=sum(c[s] for s in PLACE_HOLDING), waitlisted=c["waitlisted"],
            cancelled=c["cancelled"], attended=c["attended"], no_show=c["no_show"],
            approved_male=c["taken_1"], approved_female=c["taken_2"],
        )  # fmt: skip
    return out


def _staff_names(session: Session, ids: set[str]) -> dict[str, str]:
    ids.discard(None)  # type: ignore[arg-type]
    if not ids:
        return {}
    return dict(session.execute(select(Staff.id, Staff.display_name).where(Staff.id.in_(list(ids)))).all())


@key_read
def event_info(session: Session, event_id: str) -> EventInfo:
    """Everything the event editor shows."""
    e = get_event(session, event_id)
    counts = _counts(session, [e.id])[e.id]
    names = _staff_names(session, {e.organiser_id} if e.organiser_id else set())
    has_rotation = session.execute(select(EventRotation.id).where(EventRotation.event_id == e.id)).first() is not None
    return EventInfo(
        id=e.id, version=e.version, code=e.code, name=e.name, kind=e.kind, status=e.status,
        event_date=e.event_date, start_time=parse_hhmm(e.start_time), end_time=parse_hhmm(e.end_time),  # type: ignore[arg-type]
        starts_at=local_start(e), venue=e.venue, description=e.description, capacity=e.capacity,
        quota_male=e.quota_male, quota_female=e.quota_female, age_bands=bands_of(e), age_min=e.age_min,
        age_max=e.age_max, sectors=tuple(e.sectors or ()), districts=tuple(e.districts or ()),
        marital=tuple(e.marital or ()), verified_only=e.verified_only, organiser_id=e.organiser_id,
        organiser_name=names.get(e.organiser_id or ""), district_code=e.district_code,
        created_at=e.created_at, updated_at=e.updated_at, counts=counts,
        allowed_statuses=tuple(sorted(EVENT_TRANSITIONS[e.status])), has_rotation=has_rotation,
    )  # fmt: skip


def _filtered(flt: EventFilter) -> Select:
    query = select(Event)
    if flt.date_from is not None:
        query = query.where(Event.event_date >= flt.date_from)
    if flt.date_to is not None:
        query = query.where(Event.event_date <= flt.date_to)
    if flt.statuses:
        query = query.where(Event.status.in_(list(flt.statuses)))
    if flt.kinds:
        query = query.where(Event.kind.in_(list(flt.kinds)))
    if flt.district_code is not None:
        query = query.where(Event.district_code == flt.district_code)
    if flt.organiser_id is not None:
        query = query.where(Event.organiser_id == flt.organiser_id)
    text = (flt.text or "").strip()
    if text:
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(Event.name.like(like, escape="\\"), Event.venue.like(like, escape="\\"),
                                Event.code == text.upper()))  # fmt: skip
    return query


def list_events(session: Session, *, flt: EventFilter | None = None, newest_first: bool = False) -> list[EventRow]:
    """Events matching the filter, by date and start time (or newest first)."""
    flt = flt or EventFilter()
    order = (Event.event_date.desc(), Event.start_time.desc()) if newest_first else (Event.event_date, Event.start_time)
    events = session.execute(_filtered(flt).order_by(*order, Event.id)).scalars().all()
    counts = _counts(session, [e.id for e in events])
    names = _staff_names(session, {e.organiser_id for e in events if e.organiser_id})
    return [
        EventRow(
            id=e.id, code=e.code, name=e.name, kind=e.kind, status=e.status, event_date=e.event_date,
            start_time=parse_hhmm(e.start_time), end_time=parse_hhmm(e.end_time), venue=e.venue,  # type: ignore[arg-type]
            capacity=e.capacity, approved=counts[e.id].approved, pending=counts[e.id].pending,
            waitlisted=counts[e.id].waitlisted, district_code=e.district_code,
            organiser_name=names.get(e.organiser_id or ""),
        )  # fmt: skip
        for e in events
    ]


def month_calendar(session: Session, *, year: int, month: int, flt: EventFilter | None = None) -> CalendarMonthInfo:
    """Every day of the month with its events (the filter's dates are replaced by the month)."""
    flt = flt or EventFilter()
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    flt = EventFilter(date_from=first, date_to=last, statuses=flt.statuses, kinds=flt.kinds,
                      district_code=flt.district_code, organiser_id=flt.organiser_id, text=flt.text)  # fmt: skip
    by_day: dict[date, list[EventRow]] = {}
    for row in list_events(session, flt=flt):
        by_day.setdefault(row.event_date, []).append(row)
    days = []
    day = first
    while day <= last:
        days.append(CalendarDayRow(day, tuple(by_day.get(day, ()))))
        day += timedelta(days=1)
    return CalendarMonthInfo(year, month, tuple(days))


# --- registrations ------------------------------------------------------------------------------
def _waitlist_positions(state: EventState) -> dict[str, int]:
    return {reg.id: i + 1 for i, reg in enumerate(state.waitlist())}


def _registration_info(event: Event, reg: EventRegistration, member: Member, position: int | None) -> RegistrationInfo:
    age = age_on(member.birth_date, event.event_date)
    return RegistrationInfo(
        id=reg.id, version=reg.version, event_id=reg.event_id, member_id=reg.member_id,
        member_no=member.member_no, name_masked=mask(member.name, "name"), sex=int(member.sex),
        age=age, band_index=band_index(bands_of(event), age), status=reg.status, source=reg.source,
        plate=reg.plate, plate_printed_at=reg.plate_printed_at, has_token=bool(reg.token),
        requested_at=reg.requested_at, decided_at=reg.decided_at, cancelled_at=reg.cancelled_at,
        cancel_reason=reg.cancel_reason, attended_at=reg.attended_at, remark=reg.remark,
        waitlist_position=position, allowed_statuses=tuple(sorted(REGISTRATION_TRANSITIONS[reg.status])),
    )  # fmt: skip


def registration_info(session: Session, registration_id: str) -> RegistrationInfo:
    """One registration (three primary-key reads and, when waitlisted, one count)."""
    reg = session.get(EventRegistration, registration_id)
    if reg is None:
        raise NotFound("events.registration_not_found")
    event = get_event(session, reg.event_id)
    member = session.get(Member, reg.member_id)
    if member is None:
        raise NotFound("members.not_found")
    position = None
    if reg.status == RegistrationStatus.WAITLISTED:
        ahead = session.execute(
            select(func.count()).select_from(EventRegistration).where(
                EventRegistration.event_id == reg.event_id,
                EventRegistration.status == RegistrationStatus.WAITLISTED.value,
                or_(EventRegistration.requested_at < reg.requested_at,
                    and_(EventRegistration.requested_at == reg.requested_at, EventRegistration.id < reg.id)),
            )
        ).scalar_one()  # fmt: skip
        position = ahead + 1
    return _registration_info(event, reg, member, position)


def registration_for_member(session: Session, *, event_id: str, member_id: str) -> RegistrationInfo | None:
    """The member's registration for the event, if any (one per member and event)."""
    reg_id = session.execute(
        select(EventRegistration.id).where(EventRegistration.event_id == event_id,
                                           EventRegistration.member_id == member_id)
    ).scalar()  # fmt: skip
    return registration_info(session, reg_id) if reg_id else None


def list_registrations(
    session: Session,
    *,
    event_id: str,
    statuses: Sequence[str] = (),
    sex: int | None = None,
    text: str | None = None,
) -> list[RegistrationRow]:
    """The event's registrations: places taken first (by plate), then waitlisted (queue order),
    pending (request order), then the rest. `text` matches a plate, member number or the masked
    name's surname."""
    state = EventState.load(session, event_id, readonly=True)
    positions = _waitlist_positions(state)
    seats = {
        s.registration_id: s
        for s in session.execute(select(EventSeat).where(EventSeat.event_id == event_id)).scalars()
    }
    labels = dict(session.execute(select(EventTable.id, EventTable.label).where(EventTable.event_id == event_id)).all())
    group = {RegistrationStatus.APPROVED: 0, RegistrationStatus.ATTENDED: 0, RegistrationStatus.NO_SHOW: 0,
             RegistrationStatus.WAITLISTED: 1, RegistrationStatus.PENDING: 2, RegistrationStatus.CANCELLED: 3}  # fmt: skip
    needle = (text or "").strip()
    rows = []
    for reg in state.regs.values():
        member = state.members[reg.member_id]
        if statuses and reg.status not in statuses:
            continue
        if sex is not None and int(member.sex) != sex:
            continue
        masked = mask(member.name, "name")
        if needle and needle.upper() not in ((reg.plate or "").upper(), member.member_no.upper()) \
                and not masked.startswith(needle):
            continue
        seat = seats.get(reg.id)
        on_seat = seat is not None and seat.table_id is not None
        rows.append(RegistrationRow(
            id=reg.id, member_id=reg.member_id, member_no=member.member_no, name_masked=masked,
            sex=int(member.sex), age=state.age(member), band_index=state.band(member), status=reg.status,
            source=reg.source, plate=reg.plate, plate_printed=reg.plate_printed_at is not None,
            requested_at=reg.requested_at, waitlist_position=positions.get(reg.id),
            table_label=labels.get(seat.table_id) if on_seat else None,  # type: ignore[union-attr]
            seat_index=seat.seat_index if on_seat else None,  # type: ignore[union-attr]
            problems=state.problems(member) if reg.status != RegistrationStatus.CANCELLED else (),
        ))  # fmt: skip
    def order(r: RegistrationRow) -> tuple:
        g = group[RegistrationStatus(r.status)]
        return (g, plate_sort_key(r.plate) if g == 0 else (0, "", 0), r.waitlist_position or 0, r.requested_at, r.id)

    rows.sort(key=order)
    return rows


def quota_balance(session: Session, *, event_id: str) -> QuotaBalanceInfo:
    """Places by sex and age band: caps, approved (places taken), pending, waitlisted, free.

    `free` of a cell is exact for one more person of that cell; per-sex and total `free` are
    upper bounds on how many more can be approved (sums of the cells, capped by the caps that
    apply to the whole row)."""
    state = EventState.load(session, event_id, readonly=True)
    pending: Counter[tuple[int, int | None]] = Counter()
    waiting: Counter[tuple[int, int | None]] = Counter()
    for reg in state.regs.values():
        cell = state.cell(state.members[reg.member_id])
        if reg.status == RegistrationStatus.PENDING:
            pending[cell] += 1
        elif reg.status == RegistrationStatus.WAITLISTED:
            waiting[cell] += 1
    band_ids: list[int | None] = list(range(len(state.bands)))
    if state.outside_possible():
        band_ids.append(None)
    cells: list[QuotaCellRow] = []
    by_sex: list[QuotaCellRow] = []
    for sex in (1, 2):
        sex_cells = []
        for b in band_ids:
            band = state.bands[b] if b is not None else None
            row = QuotaCellRow(
                sex=sex, band_index=b, min_age=band.min_age if band else None, max_age=band.max_age if band else None,
                limit=state.tightest_limit(sex, b), approved=state.counts[(sex, b)], pending=pending[(sex, b)],
                waitlisted=waiting[(sex, b)], free=state.free_for(sex, b), outside_bands=b is None and bool(state.bands),
            )  # fmt: skip
            sex_cells.append(row)
        cells.extend(sex_cells)
        sex_room = state.free_for(sex, None)  # caps on the whole sex (capacity, sex quota)
        by_sex.append(QuotaCellRow(
            sex=sex, band_index=None, min_age=None, max_age=None, limit=state.tightest_limit(sex, None),
            approved=sum(c.approved for c in sex_cells), pending=sum(c.pending for c in sex_cells),
            waitlisted=sum(c.waitlisted for c in sex_cells),
            free=max(0, min(sex_room, sum(c.free for c in sex_cells))),
        ))  # fmt: skip
    approved = sum(state.counts.values())
    capacity = int(state.event.capacity)
    return QuotaBalanceInfo(
        capacity=capacity, approved=approved, pending=sum(pending.values()), waitlisted=sum(waiting.values()),
        free=max(0, min(capacity - approved, sum(r.free for r in by_sex))), by_sex=tuple(by_sex), cells=tuple(cells),
    )  # fmt: skip


def check_eligibility(session: Session, *, event_id: str, member_ids: Sequence[str]) -> list[EligibilityRow]:
    """For the invitation screen: each candidate's problems, existing registration and whether a
    place is free for them now (in the order given; unknown ids are left out)."""
    state = EventState.load(session, event_id, readonly=True)
    fresh = state.load_members(member_ids)
    out = []
    for member_id in dict.fromkeys(member_ids):
        member = state.members.get(member_id) or fresh.get(member_id)
        if member is None:
            continue
        reg = state.by_member.get(member_id)
        sex, band = state.cell(member)
        reasons = state.reasons(member)
        out.append(EligibilityRow(
            member_id=member_id, member_no=member.member_no, name_masked=mask(member.name, "name"), sex=sex,
            age=state.age(member), band_index=band, problems=tuple(r.code for r in reasons),
            registration_status=reg.status if reg else None, fits_quota=state.blocking_rule(sex, band) is None,
            reasons=reasons,
        ))  # fmt: skip
    return out


# --- check-in support ---------------------------------------------------------------------------
def event_token_key(session: Session, event_id: str) -> bytes:
    """The event's secret key for `tokens.verify_token` (check-in only; never display it)."""
    return get_event(session, event_id).token_key


def registration_by_token(session: Session, *, event_id: str, token: str) -> RegistrationInfo | None:
    """The registration holding this canonical token in this event, if any."""
    reg_id = session.execute(
        select(EventRegistration.id).where(EventRegistration.event_id == event_id, EventRegistration.token == token)
    ).scalar()
    return registration_info(session, reg_id) if reg_id else None


__all__ = [
    "check_eligibility",
    "event_info",
    "event_token_key",
    "find_event",
    "list_events",
    "list_registrations",
    "month_calendar",
    "quota_balance",
    "registration_by_token",
    "registration_for_member",
    "registration_info",
]
