"""Printed materials of an event: badges, table tents, seat chart, sign-in sheet, speed-dating
cards. Builds the print engine's DTOs (`xzdesk.domain.printing`) from the event's tables and
calls it.

Contracts
- `print_*(uow, *, event_id, out, ..., progress, cancel)` run on a worker/writer thread inside the
  caller's transaction (they write `plate_printed_at` and an audit entry). They require
  `events.manage` or `checkin.record`, write `out` only on success (a path atomically), raise
  Cancelled when `cancel` is set, and return an `EventPrintInfo`.
- What is printed: people holding a badge (approved or attended), in plate order. People whose
  basic-processing consent is no longer in force are left out (counted as `withheld`): their
  data may not be printed. A seat of a withheld person prints empty on the seat chart.
- Badges carry the number plate, surname + 先生/女士 (or the nickname), the event name, date
  and venue, the table label and the QR token; sign-in sheets the plate, the MASKED name with
  先生/女士, the last four digits of the mobile and the table, sorted by the pinyin of the
  surname; tents the table label (and theme) and the table's guests as plate + surname
  先生/女士; the seat chart the plates on the plan, then the find-your-table list (plate,
  surname 先生/女士, table) sorted by the pinyin of the surname; cards plates and round times.
  No full name, whole phone number, ID number or employer is ever handed to the print engine.
- Badges: the first print of a plate is recorded (`plate_printed_at`); plates are never
  renumbered afterwards (the services never renumber at all).
- The audit log records each job: `event.print.<document>` with the event id and the count.
- `preflight(session, ...)` lists characters no font can draw before printing; a print job's
  report lists them too (they print as a visible fallback, never blank).

Errors: events.not_found, events.no_rotation (cards without a schedule), events.rotation_stale,
the print engine's codes (printing.*), PermissionDenied, Cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import XzError
from xzdesk.domain.events._state import (
    MemberFacts,
    basic_consents,
    get_event,
    local_start,
    plate_sort_key,
    registrations_with_members,
)
from xzdesk.domain.events.codes import ON_LIST, NameStyle
from xzdesk.domain.events.dto import EventPrintInfo, PrintPreflightInfo
from xzdesk.domain.events.models import Event, EventRegistration, EventSeat, EventTable
from xzdesk.domain.events.seatplans import stored_schedule
from xzdesk.domain.events.service import check_scope, require_venue
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.names import TITLES, polite_name, split_surname
from xzdesk.domain.printing import (
    NO_CALIBRATION,
    BadgeInfo,
    CalibrationInfo,
    CardBreakRow,
    CardRoundRow,
    EventHeaderInfo,
    FindTableRow,
    Output,
    PrintReportInfo,
    SeatTableInfo,
    SignInRow,
    SpeedDatingCardInfo,
    TableTentInfo,
    check_glyphs,
)
from xzdesk.domain.printing import print_badges as _print_badges
from xzdesk.domain.printing import print_calibration_page as _print_calibration_page
from xzdesk.domain.printing import print_seat_chart as _print_seat_chart
from xzdesk.domain.printing import print_sign_in_sheet as _print_sign_in_sheet
from xzdesk.domain.printing import print_speed_dating_cards as _print_cards
from xzdesk.domain.printing import print_table_tents as _print_tents
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.tokens import mint_token
from xzdesk.domain.uow import UnitOfWork

DOCUMENTS = ("badges", "tents", "seat-chart", "sign-in", "cards")


@dataclass
class _Person:
    reg: EventRegistration
    member: MemberFacts
    table_label: str


@dataclass
class _Attendees:
    event: Event
    people: list[_Person]  # consenting, in plate order
    withheld: list[EventRegistration]
    tables: list[EventTable]
    seats: dict[str, EventSeat]


def _attendees(session: Session, event_id: str, registration_ids: Sequence[str] | None = None) -> _Attendees:
    event = get_event(session, event_id)
    rows = registrations_with_members(session, event_id, [s.value for s in ON_LIST])
    if registration_ids is not None:
        wanted = set(registration_ids)
        rows = [r for r in rows if r[0].id in wanted]
    rows.sort(key=lambda rm: (plate_sort_key(rm[0].plate), rm[0].requested_at, rm[0].id))
    consenting = basic_consents(session, [m.id for _r, m in rows])
    tables = list(session.execute(select(EventTable).where(EventTable.event_id == event_id)
                                  .order_by(EventTable.position, EventTable.label, EventTable.id)).scalars())  # fmt: skip
    labels = {t.id: t.label for t in tables}
    seats = {s.registration_id: s for s in session.execute(select(EventSeat).where(EventSeat.event_id == event_id)).scalars()}
    people, withheld = [], []
    for reg, member in rows:
        if member.id not in consenting:
            withheld.append(reg)
            continue
        seat = seats.get(reg.id)
        label = labels.get(seat.table_id, "") if seat is not None and seat.table_id else ""
        people.append(_Person(reg, member, label))
    return _Attendees(event, people, withheld, tables, seats)


def event_header(event: Event) -> EventHeaderInfo:
    return EventHeaderInfo(name=event.name, starts_at=local_start(event).replace(tzinfo=None), venue=event.venue)


def badge_name(member: MemberFacts | Member, style: NameStyle | str = NameStyle.SURNAME) -> str:
    """Surname + 先生/女士 (compound surnames kept whole), or the nickname when asked for and set."""
    if NameStyle(style) == NameStyle.NICKNAME and (member.nickname or "").strip():
        return member.nickname.strip()  # type: ignore[union-attr]
    return polite_name(member.name, int(member.sex))


def _badges(a: _Attendees, style: NameStyle | str) -> list[BadgeInfo]:
    return [BadgeInfo(number_plate=p.reg.plate or "", display_name=badge_name(p.member, style),
                      table_label=p.table_label, token=p.reg.token or "") for p in a.people]  # fmt: skip


def surname_sort_key(member: MemberFacts) -> tuple[str, str]:
    """(pinyin of the surname, the surname): the project's pinyin sort key (`Member.name_pinyin`,
    with surname readings such as 单 shan) cut to the surname, so that people are listed by
    surname the way they look themselves up, and 张 and 章 stay apart within "zhang"."""
    surname, _given = split_surname(member.name)
    syllables = (member.name_pinyin or "").split()
    return " ".join(syllables[: len(surname)]) or surname, surname


def _group(key: tuple[str, str]) -> str:
    first = key[0][:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _by_surname(people: Sequence[_Person]) -> list[_Person]:
    return sorted(people, key=lambda p: (surname_sort_key(p.member), plate_sort_key(p.reg.plate), p.reg.id))


def _sign_in(a: _Attendees) -> list[SignInRow]:
    return [SignInRow(number_plate=p.reg.plate or "",
                      masked_name=f"{mask(p.member.name, 'name')} {TITLES.get(int(p.member.sex), '')}".strip(),
                      table_label=p.table_label, phone_last4=p.member.mobile_last4 or "")
            for p in _by_surname(a.people)]  # fmt: skip


def _finder(a: _Attendees) -> list[FindTableRow]:
    return [FindTableRow(number_plate=p.reg.plate or "", display_name=badge_name(p.member),
                         table_label=p.table_label, group=_group(surname_sort_key(p.member)))
            for p in _by_surname(a.people)]  # fmt: skip


def _tents(a: _Attendees) -> list[TableTentInfo]:
    guests: dict[str, list[str]] = {}
    for p in a.people:  # plate order
        seat = a.seats.get(p.reg.id)
        if seat is not None and seat.table_id:
            guests.setdefault(seat.table_id, []).append(f"{p.reg.plate or ''} {badge_name(p.member)}".strip())
    return [TableTentInfo(label=t.label, subtitle=t.theme or "", guests=tuple(guests.get(t.id, ()))) for t in a.tables]


def _seat_chart(a: _Attendees) -> list[SeatTableInfo]:
    plates = {p.reg.id: p.reg.plate or "" for p in a.people}
    out = []
    for t in a.tables:
        seats = [""] * t.capacity
        for reg_id, seat in a.seats.items():
            if seat.table_id == t.id and seat.seat_index is not None and 0 <= seat.seat_index < t.capacity:
                seats[seat.seat_index] = plates.get(reg_id, "")
        out.append(SeatTableInfo(label=t.label, seats=tuple(seats), shape=t.shape, x=t.x, y=t.y,
                                 rotation=t.rotation or 0.0))  # fmt: skip
    return out


def _cards(session: Session, a: _Attendees) -> list[SpeedDatingCardInfo]:
    found = stored_schedule(session, event_id=a.event.id)
    if found is None:
        raise XzError("events.no_rotation")
    schedule, _row = found
    everyone = {p.reg.id for p in a.people} | {r.id for r in a.withheld}
    if everyone != set(schedule.seated_ids) | set(schedule.rotating_ids):
        raise XzError("events.rotation_stale")
    plates = {p.reg.id: p.reg.plate or "" for p in a.people}
    plates.update({r.id: r.plate or "" for r in a.withheld})
    rows = schedule.card_rows()
    start = local_start(a.event).replace(tzinfo=None)

    def clock(minute: int) -> datetime:
        return start + timedelta(minutes=minute)

    breaks = tuple(CardBreakRow(b.after_round, clock(b.start_minute).time(), clock(b.end_minute).time())
                   for b in schedule.breaks)  # fmt: skip
    return [
        SpeedDatingCardInfo(
            number_plate=p.reg.plate or "",
            rounds=tuple(CardRoundRow(r.round_no, plates.get(r.partner_id, "") if r.partner_id else "",
                                      str(r.table_no) if r.table_no and r.partner_id else "",
                                      clock(r.start_minute).time()) for r in rows.get(p.reg.id, ())),
            breaks=breaks,
        )  # fmt: skip
        for p in a.people
    ]


def _strings(session: Session, a: _Attendees, document: str, style: NameStyle | str) -> list[str]:
    if document == "badges":
        return [f"{b.number_plate} {b.display_name} {b.table_label}" for b in _badges(a, style)]
    if document == "sign-in":
        return [f"{r.number_plate} {r.masked_name} {r.phone_last4} {r.table_label}" for r in _sign_in(a)]
    if document == "tents":
        return [" ".join((t.label, t.subtitle, *t.guests)) for t in _tents(a)]
    if document == "seat-chart":
        finder = [f"{r.number_plate} {r.display_name} {r.table_label}" for r in _finder(a)]
        return [t.label + " " + " ".join(t.seats) for t in _seat_chart(a)] + finder
    if document == "cards":
        return [c.number_plate for c in _cards(session, a)]
    raise XzError("events.unknown_document", choices=list(DOCUMENTS))


def preflight(
    session: Session, *, event_id: str, document: str, name_style: NameStyle | str = NameStyle.SURNAME
) -> PrintPreflightInfo:
    """How many items a print would hold, how many people are withheld, and which characters
    no bundled font can draw (item indices refer to the printed order)."""
    a = _attendees(session, event_id)
    strings = _strings(session, a, document, name_style)
    header = event_header(a.event)
    missing = check_glyphs([*strings, header.name, header.venue])
    withheld = len(a.withheld) if document not in ("tents",) else 0
    # counted as the print counts them: the seat chart's items are its tables (its find-your-table
    # list is checked for glyphs above, but is not items of its own)
    items = len(_seat_chart(a)) if document == "seat-chart" else len(strings)
    return PrintPreflightInfo(document=document, items=items, withheld=withheld, missing_glyphs=tuple(missing))


def _finish(uow: UnitOfWork, document: str, event: Event, report: PrintReportInfo, *, withheld: int,
            marked: int = 0) -> EventPrintInfo:  # fmt: skip
    uow.audit(f"event.print.{document}", fields=[f"event:{event.id}", f"count:{report.items}"])
    return EventPrintInfo(document=document, pages=report.pages, items=report.items, withheld=withheld,
                          plates_marked=marked, missing_glyphs=tuple(report.missing_glyphs))  # fmt: skip


def _load(uow: UnitOfWork, event_id: str, registration_ids: Sequence[str] | None = None) -> _Attendees:
    require_venue(uow)
    a = _attendees(uow.session, event_id, registration_ids)
    check_scope(uow, a.event)
    return a


def print_badges(
    uow: UnitOfWork,
    *,
    event_id: str,
    out: Output,
    preset: str = "a4-10up",
    calibration: CalibrationInfo = NO_CALIBRATION,
    name_style: NameStyle | str = NameStyle.SURNAME,
    registration_ids: Sequence[str] | None = None,
    only_unprinted: bool = False,
    cut_marks: bool = False,
    outlines: bool = False,
    record: bool = True,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> EventPrintInfo:
    """Badges for the event's guests (or the given registrations; `only_unprinted` skips
    plates printed before). Mints a token for any guest that lacks one and records the first
    print of each plate. With `record=False` (an on-screen preview) nothing is recorded as
    printed; call `record_badges_printed` with the returned `registration_ids` once the PDF is
    really saved or printed."""
    a = _load(uow, event_id, registration_ids)
    if only_unprinted:
        a.people = [p for p in a.people if p.reg.plate_printed_at is None]
    for p in a.people:
        if not p.reg.token:
            p.reg.token = mint_token(a.event.code, a.event.token_key)
            p.reg.updated_at = uow.now
    report = _print_badges(_badges(a, name_style), out, event=event_header(a.event), preset=preset,
                           calibration=calibration, cut_marks=cut_marks, outlines=outlines, progress=progress,
                           cancel=cancel)  # fmt: skip
    printed = tuple(p.reg.id for p in a.people)
    uow.mark(Area.EVENTS)
    if not record:
        return EventPrintInfo(document="badges", pages=report.pages, items=report.items, withheld=len(a.withheld),
                              missing_glyphs=tuple(report.missing_glyphs), registration_ids=printed)  # fmt: skip
    marked = _mark_printed(uow, [p.reg for p in a.people])
    info = _finish(uow, "badges", a.event, report, withheld=len(a.withheld), marked=marked)
    return replace(info, registration_ids=printed)


def _mark_printed(uow: UnitOfWork, registrations: Sequence[EventRegistration]) -> int:
    marked = 0
    for reg in registrations:
        if reg.plate_printed_at is None:
            reg.plate_printed_at = uow.now
            reg.updated_at = uow.now
            marked += 1
    return marked


def record_badges_printed(uow: UnitOfWork, *, event_id: str, registration_ids: Sequence[str]) -> EventPrintInfo:
    """Record that badges previewed with `print_badges(record=False)` were saved or printed:
    their plates become fixed (first print) and the print is audited."""
    a = _load(uow, event_id, registration_ids)
    marked = _mark_printed(uow, [p.reg for p in a.people])
    uow.mark(Area.EVENTS)
    uow.audit("event.print.badges", fields=[f"event:{a.event.id}", f"count:{len(a.people)}"])
    return EventPrintInfo(document="badges", pages=0, items=len(a.people), withheld=len(a.withheld),
                          plates_marked=marked, registration_ids=tuple(p.reg.id for p in a.people))  # fmt: skip


def print_sign_in_sheet(
    uow: UnitOfWork, *, event_id: str, out: Output, progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> EventPrintInfo:  # fmt: skip
    """The sign-in sheet, sorted by the pinyin of the surname: plate, masked name with 先生/女士,
    mobile last four digits, table and a signature box per guest."""
    a = _load(uow, event_id)
    report = _print_sign_in_sheet(_sign_in(a), out, event=event_header(a.event), by_name=True, progress=progress,
                                  cancel=cancel)  # fmt: skip
    return _finish(uow, "sign-in", a.event, report, withheld=len(a.withheld))


def print_table_tents(
    uow: UnitOfWork, *, event_id: str, out: Output, progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> EventPrintInfo:  # fmt: skip
    """One folded tent per table (label, theme and the guests seated there), in table order."""
    a = _load(uow, event_id)
    if not a.tables:
        raise XzError("events.no_tables")
    report = _print_tents(_tents(a), out, event=event_header(a.event), progress=progress, cancel=cancel)
    return _finish(uow, "tents", a.event, report, withheld=0)


def print_seat_chart(
    uow: UnitOfWork, *, event_id: str, out: Output, page_size: str = "A4", progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> EventPrintInfo:  # fmt: skip
    """The floor plan with every table and the plate on each seat, then the find-your-table
    list of every guest by surname."""
    a = _load(uow, event_id)
    if not a.tables:
        raise XzError("events.no_tables")
    report = _print_seat_chart(_seat_chart(a), out, event=event_header(a.event), page_size=page_size,
                               finder=_finder(a), progress=progress, cancel=cancel)  # fmt: skip
    return _finish(uow, "seat-chart", a.event, report, withheld=len(a.withheld))


def print_speed_dating_cards(
    uow: UnitOfWork, *, event_id: str, out: Output, progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> EventPrintInfo:  # fmt: skip
    """Every guest's 心动卡 from the stored rotation (events.rotation_stale when the guests
    changed since it was generated)."""
    a = _load(uow, event_id)
    cards = _cards(uow.session, a)
    report = _print_cards(cards, out, event=event_header(a.event), progress=progress, cancel=cancel)
    return _finish(uow, "cards", a.event, report, withheld=len(a.withheld))


def print_calibration(
    out: Output, *, preset: str = "a4-10up", calibration: CalibrationInfo = NO_CALIBRATION,
    progress: Progress = no_progress, cancel: CancelToken = NEVER_CANCELLED,
) -> EventPrintInfo:  # fmt: skip
    """The crosshair calibration page of a badge preset (no event, no personal data)."""
    report = _print_calibration_page(out, preset=preset, calibration=calibration, progress=progress, cancel=cancel)
    return EventPrintInfo(document="calibration", pages=report.pages, items=report.items)


PRINTERS = {
    "badges": print_badges,
    "tents": print_table_tents,
    "seat-chart": print_seat_chart,
    "sign-in": print_sign_in_sheet,
    "cards": print_speed_dating_cards,
}

__all__ = [
    "DOCUMENTS",
    "PRINTERS",
    "badge_name",
    "event_header",
    "preflight",
    "print_badges",
    "print_calibration",
    "print_seat_chart",
    "print_sign_in_sheet",
    "print_speed_dating_cards",
    "print_table_tents",
]
