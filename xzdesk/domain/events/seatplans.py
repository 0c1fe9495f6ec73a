"""Seat plans and speed-dating rotations of events: tables, the plan, edits, the optimiser run,
and the stored rotation schedule. The rules and the optimiser live in `xzdesk.domain.seating`;
this module persists its inputs and outputs.

Contracts
- Services `verb_noun(uow, *, ...)` run on the writer thread inside the caller's transaction,
  require `events.manage` and an event in draft/open/closed (events.locked otherwise), write
  audit entries (codes and counts only) and leave the outbox to the flush hook.
- Guests are the registrations holding a badge (approved, attended), in plate order (the
  optimiser's priority order when seats run short); guest id = registration id, table id =
  EventTable id. Colleagues are members with the same employer (compared after Unicode and
  space normalisation; the key never leaves memory).
- Each edit (`move_guest`, `swap_guests`, `set_seat_locked`, `pin_guest`, friend groups) is one
  call and returns the plan's new score and unmet hard constraints (`SeatEditInfo`) plus the seat
  changes, so the editor can undo an edit by replaying the `before` seats with `move_guest`.
- A pinned guest sits on their seat; the optimiser never moves them. Moving a pinned guest by hand
  moves the pin with them; dropping someone on a pinned guest's seat is refused
  (events.guest_pinned). A locked seat keeps whatever it holds (seating.seat_locked on edits).
- The optimiser: `seat_plan_state` (read) -> `solve_seat_plan` (pure, any thread: seconds, with
  progress, cancel and "stop and keep the best so far") -> `save_seat_plan` (writer; refuses a
  plan computed from outdated inputs: events.seat_plan_stale). `optimise_seat_plan` does the
  three in one call (command line, seeding, benchmarks).

Errors: events.not_found, events.table_not_found, events.registration_not_found,
events.not_a_guest, events.not_seated, events.guest_pinned, events.seat_plan_stale,
events.not_speed_dating, events.locked, the seating package's codes (seating.*), ValidationError.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import FieldProblem, NotFound, ValidationError, XzError
from xzdesk.domain.events._state import MemberFacts, get_event, plate_sort_key, registrations_with_members
from xzdesk.domain.events.codes import ON_LIST, EventKind
from xzdesk.domain.events.dto import (
    RotationSlotViewRow,
    RotationViewInfo,
    SeatChangeRow,
    SeatEditInfo,
    SeatGuestRow,
    SeatingRunInfo,
    SeatPlanStateInfo,
    SeatTableRow,
)
from xzdesk.domain.events.models import EventRegistration, EventRotation, EventSeat, EventTable
from xzdesk.domain.events.service import load_event_for_edit, require_manage
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.seating import (
    DEFAULT_ROTATION,
    FEMALE,
    RotationScheduleInfo,
    RotationSettingsInfo,
    SeatGuestInfo,
    SeatingResultInfo,
    SeatPlanInfo,
    SeatPlanScorer,
    SeatRef,
    SeatTableInfo,
    TableShape,
    assign_seats,
    plan_issues,
    round_times,
    schedule_speed_dating,
    score_plan,
)
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.uow import UnitOfWork

MAX_TABLE_CAPACITY = 40
MAX_LABEL = 16
GRID_SPACING = 220.0  # floor-plan units between table centres when tables are laid out in a grid


def employer_key(employer: str | None) -> str | None:
    """Colleague key: the employer name normalised (NFKC, no spaces, case-folded); None if empty."""
    if not employer:
        return None
    key = "".join(unicodedata.normalize("NFKC", employer).split()).casefold()
    return key or None


# --- loading ------------------------------------------------------------------------------------
def _table_row(t: EventTable) -> SeatTableRow:
    return SeatTableRow(
        id=t.id, version=t.version, label=t.label, shape=t.shape, capacity=t.capacity, x=t.x, y=t.y,
        rotation=t.rotation or 0.0, position=t.position, theme=t.theme,
        locked_seats=tuple(sorted(int(i) for i in (t.locked_seats or []) if 0 <= int(i) < t.capacity)),
    )  # fmt: skip


def _tables(session: Session, event_id: str) -> list[EventTable]:
    return list(session.execute(
        select(EventTable).where(EventTable.event_id == event_id).order_by(EventTable.position, EventTable.label,
                                                                           EventTable.id)
    ).scalars())  # fmt: skip


def _guests(session: Session, event_id: str) -> list[tuple[EventRegistration, MemberFacts]]:
    rows = registrations_with_members(session, event_id, [s.value for s in ON_LIST], readonly=True)
    return sorted(rows, key=lambda rm: (plate_sort_key(rm[0].plate), rm[0].requested_at, rm[0].id))


def _seats(session: Session, event_id: str) -> dict[str, EventSeat]:
    return {s.registration_id: s for s in session.execute(select(EventSeat).where(EventSeat.event_id == event_id)).scalars()}


def seat_plan_state(session: Session, *, event_id: str) -> SeatPlanStateInfo:
    """The current plan and the seating package's inputs (see module docstring).

    Stored rows that no longer fit (a seat beyond a table's capacity, a removed table, two guests
    on one seat after a sync merge) are read as unseated for the later guest, never as an error."""
    get_event(session, event_id)
    tables = _tables(session, event_id)
    table_rows = [_table_row(t) for t in tables]
    by_id = {t.id: t for t in table_rows}
    guests = _guests(session, event_id)
    seat_rows = _seats(session, event_id)
    seats: dict[str, SeatRef] = {}
    taken: set[SeatRef] = set()
    for reg, _member in guests:
        row = seat_rows.get(reg.id)
        if row is None or row.table_id is None or row.seat_index is None:
            continue
        table = by_id.get(row.table_id)
        ref = SeatRef(row.table_id, int(row.seat_index))
        if table is None or not 0 <= ref.seat_index < table.capacity or ref in taken:
            continue
        seats[reg.id] = ref
        taken.add(ref)
    locked = frozenset(SeatRef(t.id, i) for t in table_rows for i in t.locked_seats)
    seating_guests = []
    rows = []
    for reg, member in guests:
        row = seat_rows.get(reg.id)
        seat = seats.get(reg.id)
        pinned = bool(row is not None and row.pinned and seat is not None)
        group = row.friend_group if row is not None else None
        seating_guests.append(SeatGuestInfo(id=reg.id, sex=int(member.sex), employer_key=employer_key(member.employer),
                                            friend_group=group, pinned=seat if pinned else None))  # fmt: skip
        rows.append(SeatGuestRow(
            registration_id=reg.id, plate=reg.plate, name_masked=mask(member.name, "name"), sex=int(member.sex),
            friend_group=group, pinned=pinned, seat=seat, table_label=by_id[seat.table_id].label if seat else None,
        ))  # fmt: skip
    seating_tables = tuple(SeatTableInfo(id=t.id, label=t.label, shape=TableShape(t.shape), capacity=t.capacity,
                                         x=t.x, y=t.y) for t in table_rows)  # fmt: skip
    plan = SeatPlanInfo(seats=seats, unseated=tuple(g.id for g in seating_guests if g.id not in seats), locked=locked)
    return SeatPlanStateInfo(
        event_id=event_id, guests=tuple(seating_guests), tables=seating_tables, plan=plan, rows=tuple(rows),
        table_rows=tuple(table_rows), fingerprint=_fingerprint(seating_guests, seating_tables, locked),
    )  # fmt: skip


def _fingerprint(guests: Sequence[SeatGuestInfo], tables: Sequence[SeatTableInfo], locked: frozenset[SeatRef]) -> str:
    h = hashlib.sha256()
    for g in guests:
        h.update(repr((g.id, g.sex, g.employer_key, g.friend_group, g.pinned)).encode())
    for t in tables:
        h.update(repr((t.id, t.shape, t.capacity)).encode())
    for ref in sorted(locked):
        h.update(repr(tuple(ref)).encode())
    return h.hexdigest()[:32]


def seat_plan_score(session: Session, *, event_id: str) -> SeatEditInfo:
    """The stored plan's score and its unmet hard constraints."""
    state = seat_plan_state(session, event_id=event_id)
    return SeatEditInfo(score_plan(state.guests, state.tables, state.plan),
                        plan_issues(state.guests, state.tables, state.plan))  # fmt: skip


# --- tables -------------------------------------------------------------------------------------
def _check_table(label: str | None, shape: str, capacity: int) -> tuple[str | None, str, int]:
    problems = []
    text = " ".join(unicodedata.normalize("NFC", label or "").split()) or None
    if text and len(text) > MAX_LABEL:
        problems.append(FieldProblem("label", "events.too_long", max=MAX_LABEL))
    try:
        shape = TableShape(shape).value
    except ValueError:
        problems.append(FieldProblem("shape", "members.unknown_code", value=str(shape)))
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 1 <= capacity <= MAX_TABLE_CAPACITY:
        problems.append(FieldProblem("capacity", "events.out_of_range", min=1, max=MAX_TABLE_CAPACITY))
    elif shape == TableShape.LONG and capacity % 2:
        problems.append(FieldProblem("capacity", "events.long_table_even"))
    if problems:
        raise ValidationError(problems)
    return text, shape, capacity


def add_tables(
    uow: UnitOfWork,
    *,
    event_id: str,
    count: int = 1,
    shape: TableShape | str = TableShape.ROUND,
    capacity: int = 10,
    labels: Sequence[str] | None = None,
    columns: int | None = None,
) -> tuple[SeatTableRow, ...]:
    """Add `count` tables of one shape and size, labelled 1, 2, ... after the existing ones (or
    `labels`), placed in a grid below the existing tables (`columns` per row)."""
    require_manage(uow)
    load_event_for_edit(uow, event_id)
    if not 1 <= count <= 200:
        raise ValidationError([FieldProblem("count", "events.out_of_range", min=1, max=200)])
    if labels is not None and len(labels) != count:
        raise ValidationError([FieldProblem("labels", "events.labels_count", count=count)])
    _, shape_value, capacity = _check_table(None, str(shape), capacity)
    existing = _tables(uow.session, event_id)
    start = len(existing)
    cols = columns or max(1, math.ceil(math.sqrt(start + count)))
    numbers = {t.label for t in existing}
    made = []
    next_no = 1
    top = max((t.y for t in existing if t.y is not None), default=-GRID_SPACING) + GRID_SPACING if existing else 0.0
    for i in range(count):
        if labels is not None:
            label, _, _ = _check_table(labels[i], shape_value, capacity)
        else:
            while str(next_no) in numbers:
                next_no += 1
            label = str(next_no)
            numbers.add(label)
        table = EventTable(
            id=new_id(), version=0, event_id=event_id, label=label or str(start + i + 1), shape=shape_value,
            capacity=capacity, x=(i % cols) * GRID_SPACING, y=top + (i // cols) * GRID_SPACING, rotation=0.0,
            position=start + i, theme=None, locked_seats=[], created_at=uow.now,
        )  # fmt: skip
        uow.session.add(table)
        made.append(table)
    uow.session.flush()
    uow.audit("event.tables.add", fields=[f"event:{event_id}", f"count:{count}"])
    uow.mark(Area.SEATING)
    return tuple(_table_row(t) for t in made)


def add_table(
    uow: UnitOfWork,
    *,
    event_id: str,
    shape: TableShape | str = TableShape.ROUND,
    capacity: int = 10,
    label: str | None = None,
    x: float | None = None,
    y: float | None = None,
) -> SeatTableRow:
    """One table (label defaults to the next free number; placed at x/y or in the grid)."""
    (row,) = add_tables(uow, event_id=event_id, count=1, shape=shape, capacity=capacity,
                        labels=[label] if label else None)  # fmt: skip
    if x is not None or y is not None:
        return update_table(uow, table_id=row.id, changes={"x": x, "y": y})
    return row


TABLE_FIELDS = ("label", "shape", "capacity", "x", "y", "rotation", "theme", "position")


def update_table(uow: UnitOfWork, *, table_id: str, changes: dict[str, Any]) -> SeatTableRow:
    """Change a table (TABLE_FIELDS). A smaller capacity unseats the guests and drops the locks of
    the seats that disappear."""
    require_manage(uow)
    table = _table(uow, table_id)
    load_event_for_edit(uow, table.event_id)
    unknown = set(changes) - set(TABLE_FIELDS)
    if unknown:
        raise XzError("events.not_editable", fields=sorted(unknown))
    label, shape, capacity = _check_table(changes.get("label", table.label), changes.get("shape", table.shape),
                                          changes.get("capacity", table.capacity))  # fmt: skip
    if not label:
        raise ValidationError([FieldProblem("label", "members.required")])
    theme = " ".join(str(changes.get("theme", table.theme) or "").split()) or None
    if theme and len(theme) > 32:
        raise ValidationError([FieldProblem("theme", "events.too_long", max=32)])
    table.label, table.shape, table.theme = label, shape, theme
    for key in ("x", "y"):
        if key in changes:
            value = changes[key]
            setattr(table, key, None if value is None else float(value))
    if "rotation" in changes:
        table.rotation = float(changes["rotation"] or 0.0) % 360.0
    if "position" in changes:
        table.position = int(changes["position"])
    if capacity != table.capacity:
        if capacity < table.capacity:
            for seat in uow.session.execute(select(EventSeat).where(EventSeat.table_id == table.id,
                                                                    EventSeat.seat_index >= capacity)).scalars():  # fmt: skip
                _place(uow, seat, None)
            table.locked_seats = [i for i in (table.locked_seats or []) if int(i) < capacity]
        table.capacity = capacity
    uow.audit("event.tables.edit", fields=[f"event:{table.event_id}", *sorted(changes)])
    uow.mark(Area.SEATING)
    return _table_row(table)


def remove_table(uow: UnitOfWork, *, table_id: str) -> None:
    """Remove a table; its guests become unseated (and unpinned)."""
    require_manage(uow)
    table = _table(uow, table_id)
    load_event_for_edit(uow, table.event_id)
    for seat in uow.session.execute(select(EventSeat).where(EventSeat.table_id == table.id)).scalars():
        _place(uow, seat, None)
    uow.session.delete(table)
    uow.audit("event.tables.remove", fields=[f"event:{table.event_id}"])
    uow.mark(Area.SEATING)


def _table(uow: UnitOfWork, table_id: str) -> EventTable:
    table = uow.session.get(EventTable, table_id)
    if table is None:
        raise NotFound("events.table_not_found")
    return table


# --- seat rows ----------------------------------------------------------------------------------
def _seat_row(uow: UnitOfWork, rows: dict[str, EventSeat], reg: EventRegistration) -> EventSeat:
    row = rows.get(reg.id)
    if row is None:
        row = EventSeat(id=reg.id, version=0, event_id=reg.event_id, registration_id=reg.id, member_id=reg.member_id,
                        table_id=None, seat_index=None, pinned=False, friend_group=None, updated_at=uow.now)  # fmt: skip
        uow.session.add(row)
        rows[reg.id] = row
    return row


def _place(uow: UnitOfWork, row: EventSeat, seat: SeatRef | None) -> None:
    table_id, index = (seat.table_id, seat.seat_index) if seat is not None else (None, None)
    if row.table_id != table_id or row.seat_index != index:
        row.table_id, row.seat_index = table_id, index
        if seat is None:
            row.pinned = False
        row.updated_at = uow.now


def _apply_plan(uow: UnitOfWork, event_id: str, before: SeatPlanInfo, after: SeatPlanInfo,
                guest_ids: Sequence[str]) -> list[SeatChangeRow]:  # fmt: skip
    """Persist the seats that differ between two plans; returns the changes."""
    rows = _seats(uow.session, event_id)
    regs = {r.id: r for r in uow.session.execute(
        select(EventRegistration).where(EventRegistration.id.in_(list(guest_ids)))).scalars()} if guest_ids else {}  # fmt: skip
    changes = []
    for gid in guest_ids:
        old, new = before.seats.get(gid), after.seats.get(gid)
        if old == new:
            continue
        row = rows.get(gid)
        if row is None:
            if new is None:
                continue
            row = _seat_row(uow, rows, regs[gid])
        _place(uow, row, new)
        changes.append(SeatChangeRow(gid, old, new))
    return changes


def _state_for_edit(uow: UnitOfWork, event_id: str) -> SeatPlanStateInfo:
    """The seat plan of an event the actor may manage and that may still change."""
    require_manage(uow)
    load_event_for_edit(uow, event_id)
    return seat_plan_state(uow.session, event_id=event_id)


def _edit_result(uow: UnitOfWork, event_id: str, changes: Sequence[SeatChangeRow]) -> SeatEditInfo:
    uow.session.flush()
    state = seat_plan_state(uow.session, event_id=event_id)
    score = score_plan(state.guests, state.tables, state.plan)
    return SeatEditInfo(score, plan_issues(state.guests, state.tables, state.plan), tuple(changes))


def _guest_event(uow: UnitOfWork, registration_id: str) -> EventRegistration:
    reg = uow.session.get(EventRegistration, registration_id)
    if reg is None:
        raise NotFound("events.registration_not_found")
    if reg.status not in ON_LIST:
        raise XzError("events.not_a_guest", status=reg.status)
    return reg


# --- edits --------------------------------------------------------------------------------------
def move_guest(uow: UnitOfWork, *, registration_id: str, seat: SeatRef | tuple[str, int] | None) -> SeatEditInfo:
    """Drop a guest on a seat (swapping with whoever sits there) or unseat them (seat None)."""
    require_manage(uow)
    reg = _guest_event(uow, registration_id)
    load_event_for_edit(uow, reg.event_id)
    state = seat_plan_state(uow.session, event_id=reg.event_id)
    ref = SeatRef(*seat) if seat is not None else None
    rows = _seats(uow.session, reg.event_id)
    if ref is not None:
        other = state.plan.occupants().get(ref)
        if other is not None and other != registration_id and rows.get(other) is not None and rows[other].pinned:
            raise XzError("events.guest_pinned", table_id=ref.table_id, seat_index=ref.seat_index)
    scorer = SeatPlanScorer(_unpinned(state.guests, {registration_id}), state.tables, state.plan)
    scorer.move(registration_id, ref)
    changes = _apply_plan(uow, reg.event_id, state.plan, scorer.plan(), [g.id for g in state.guests])
    uow.audit("event.seat.move", fields=[f"event:{reg.event_id}"])
    uow.mark(Area.SEATING)
    return _edit_result(uow, reg.event_id, changes)


def swap_guests(uow: UnitOfWork, *, registration_a: str, registration_b: str) -> SeatEditInfo:
    """Exchange two guests' seats (either may be unseated); pinned guests are refused."""
    require_manage(uow)
    reg_a = _guest_event(uow, registration_a)
    reg_b = _guest_event(uow, registration_b)
    if reg_a.event_id != reg_b.event_id:
        raise XzError("events.not_a_guest", status="other_event")
    load_event_for_edit(uow, reg_a.event_id)
    rows = _seats(uow.session, reg_a.event_id)
    for rid in (registration_a, registration_b):
        if rows.get(rid) is not None and rows[rid].pinned:
            seat = rows[rid]
            raise XzError("events.guest_pinned", table_id=seat.table_id, seat_index=seat.seat_index)
    state = seat_plan_state(uow.session, event_id=reg_a.event_id)
    scorer = SeatPlanScorer(state.guests, state.tables, state.plan)
    scorer.swap(registration_a, registration_b)
    changes = _apply_plan(uow, reg_a.event_id, state.plan, scorer.plan(), [g.id for g in state.guests])
    uow.audit("event.seat.swap", fields=[f"event:{reg_a.event_id}"])
    uow.mark(Area.SEATING)
    return _edit_result(uow, reg_a.event_id, changes)


def _unpinned(guests: Sequence[SeatGuestInfo], ids: set[str]) -> tuple[SeatGuestInfo, ...]:
    """The guests with the pins of `ids` lifted (a hand-moved pinned guest takes the pin along)."""
    return tuple(
        SeatGuestInfo(g.id, g.sex, g.employer_key, g.friend_group, None) if g.id in ids and g.pinned else g
        for g in guests
    )


def set_seat_locked(uow: UnitOfWork, *, table_id: str, seat_index: int, locked: bool) -> SeatEditInfo:
    """Lock or unlock one seat: a locked seat keeps what it holds (a guest, or nobody)."""
    require_manage(uow)
    table = _table(uow, table_id)
    load_event_for_edit(uow, table.event_id)
    if not 0 <= seat_index < table.capacity:
        raise XzError("seating.unknown_seat", table_id=table_id, seat_index=seat_index)
    current = {int(i) for i in (table.locked_seats or [])}
    wanted = current | {seat_index} if locked else current - {seat_index}
    if wanted != current:
        table.locked_seats = sorted(wanted)
        uow.audit("event.seat.lock" if locked else "event.seat.unlock", fields=[f"event:{table.event_id}"])
        uow.mark(Area.SEATING)
    return _edit_result(uow, table.event_id, ())


def pin_guest(uow: UnitOfWork, *, registration_id: str, pinned: bool = True) -> SeatEditInfo:
    """Pin a seated guest to their current seat (the optimiser will not move them), or unpin."""
    require_manage(uow)
    reg = _guest_event(uow, registration_id)
    load_event_for_edit(uow, reg.event_id)
    rows = _seats(uow.session, reg.event_id)
    row = rows.get(registration_id)
    if pinned and (row is None or row.table_id is None):
        raise XzError("events.not_seated")
    if row is not None and row.pinned != pinned:
        row.pinned = pinned
        row.updated_at = uow.now
        uow.audit("event.seat.pin" if pinned else "event.seat.unpin", fields=[f"event:{reg.event_id}"])
        uow.mark(Area.SEATING)
    return _edit_result(uow, reg.event_id, ())


def set_friend_group(uow: UnitOfWork, *, registration_ids: Sequence[str]) -> str:
    """Mark guests as having come together (they should share a table). Any earlier group of
    theirs is left. Returns the new group key."""
    require_manage(uow)
    ids = list(dict.fromkeys(registration_ids))
    if len(ids) < 2:
        raise ValidationError([FieldProblem("registration_ids", "events.group_too_small")])
    regs = [_guest_event(uow, rid) for rid in ids]
    event_id = regs[0].event_id
    if any(r.event_id != event_id for r in regs):
        raise XzError("events.not_a_guest", status="other_event")
    load_event_for_edit(uow, event_id)
    rows = _seats(uow.session, event_id)
    group = new_id()
    for reg in regs:
        row = _seat_row(uow, rows, reg)
        row.friend_group = group
        row.updated_at = uow.now
    uow.audit("event.friend_group", fields=[f"event:{event_id}", f"count:{len(ids)}"])
    uow.mark(Area.SEATING)
    return group


def clear_friend_group(uow: UnitOfWork, *, registration_ids: Sequence[str]) -> None:
    """Take guests out of their friend groups."""
    require_manage(uow)
    for rid in dict.fromkeys(registration_ids):
        reg = _guest_event(uow, rid)
        load_event_for_edit(uow, reg.event_id)
        row = uow.session.execute(select(EventSeat).where(EventSeat.registration_id == rid)).scalar()
        if row is not None and row.friend_group is not None:
            row.friend_group = None
            row.updated_at = uow.now
    uow.mark(Area.SEATING)


def clear_seat_plan(uow: UnitOfWork, *, event_id: str) -> int:
    """Unseat every guest except pinned ones and those on locked seats. Returns how many."""
    state = _state_for_edit(uow, event_id)
    keep = {g.id for g in state.guests if g.pinned} | {
        gid for gid, ref in state.plan.seats.items() if ref in state.plan.locked}
    after = SeatPlanInfo(seats={g: s for g, s in state.plan.seats.items() if g in keep}, locked=state.plan.locked)
    changes = _apply_plan(uow, event_id, state.plan, after, [g.id for g in state.guests])
    uow.audit("event.seat.clear", fields=[f"event:{event_id}", f"count:{len(changes)}"])
    uow.mark(Area.SEATING)
    return len(changes)


# --- optimiser ----------------------------------------------------------------------------------
def solve_seat_plan(
    state: SeatPlanStateInfo,
    *,
    seed: int = 0,
    time_budget_s: float = 10.0,
    max_iterations: int | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    stop: CancelToken | None = None,
) -> SeatingResultInfo:
    """Run the optimiser on a loaded state (pure: no database; any thread). Pins and locked seats
    of the stored plan are honoured. `cancel` abandons (Cancelled), `stop` keeps the best so far."""
    if not state.tables:
        raise XzError("events.no_tables")
    return assign_seats(state.guests, state.tables, previous=state.plan, seed=seed, time_budget_s=time_budget_s,
                        max_iterations=max_iterations, progress=progress, cancel=cancel, stop=stop)  # fmt: skip


def save_seat_plan(uow: UnitOfWork, *, event_id: str, plan: SeatPlanInfo, fingerprint: str | None = None) -> int:
    """Store a computed plan (guest -> seat). With `fingerprint` (from the state it was computed
    from), refuse it when guests, tables, pins, groups or locks changed since
    (events.seat_plan_stale). Returns how many guests changed seat."""
    state = _state_for_edit(uow, event_id)
    if fingerprint is not None and fingerprint != state.fingerprint:
        raise XzError("events.seat_plan_stale")
    guest_ids = {g.id for g in state.guests}
    table_caps = {t.id: t.capacity for t in state.tables}
    used: set[SeatRef] = set()
    for gid, ref in plan.seats.items():
        if gid not in guest_ids:
            raise XzError("seating.unknown_guest", guest_id=gid)
        if ref.table_id not in table_caps or not 0 <= ref.seat_index < table_caps[ref.table_id]:
            raise XzError("seating.unknown_seat", table_id=ref.table_id, seat_index=ref.seat_index)
        if ref in used:
            raise XzError("seating.seat_taken", table_id=ref.table_id, seat_index=ref.seat_index)
        used.add(ref)
    changes = _apply_plan(uow, event_id, state.plan, plan, [g.id for g in state.guests])
    uow.audit("event.seat.plan", fields=[f"event:{event_id}", f"count:{len(changes)}"])
    uow.mark(Area.SEATING)
    return len(changes)


def optimise_seat_plan(
    uow: UnitOfWork,
    *,
    event_id: str,
    seed: int = 0,
    time_budget_s: float = 10.0,
    max_iterations: int | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    stop: CancelToken | None = None,
) -> SeatingRunInfo:
    """Load, optimise and save in one call (holds the write transaction while it runs: for the
    GUI prefer seat_plan_state + solve_seat_plan off the writer thread + save_seat_plan)."""
    state = _state_for_edit(uow, event_id)
    result = solve_seat_plan(state, seed=seed, time_budget_s=time_budget_s, max_iterations=max_iterations,
                             progress=progress, cancel=cancel, stop=stop)  # fmt: skip
    moved = save_seat_plan(uow, event_id=event_id, plan=result.plan, fingerprint=state.fingerprint)
    return SeatingRunInfo(result, moved)


# --- speed dating -------------------------------------------------------------------------------
def _pack(partners: np.ndarray) -> bytes:
    return zlib.compress(np.ascontiguousarray(partners, dtype="<i2").tobytes(), 6)


def _unpack(blob: bytes, n_rounds: int, n_seated: int) -> np.ndarray:
    data = np.frombuffer(zlib.decompress(blob), dtype="<i2").astype(np.int32)
    return data.reshape((n_rounds, n_seated)) if n_rounds and n_seated else np.zeros((n_rounds, n_seated), np.int32)


def generate_rotation(
    uow: UnitOfWork,
    *,
    event_id: str,
    settings: RotationSettingsInfo = DEFAULT_ROTATION,
    seated_sex: int = FEMALE,
) -> RotationViewInfo:
    """Compute and store the speed-dating schedule of an 8分钟约会 event from its current guests
    (plate order: table k is the k-th seated guest). Replaces any earlier schedule."""
    actor = require_manage(uow)
    event = load_event_for_edit(uow, event_id)
    if event.kind != EventKind.SPEED_DATING:
        raise XzError("events.not_speed_dating", kind=event.kind)
    guests = [SeatGuestInfo(id=reg.id, sex=int(m.sex), employer_key=employer_key(m.employer))
              for reg, m in _guests(uow.session, event_id)]  # fmt: skip
    schedule = schedule_speed_dating(guests, seated_sex=seated_sex, settings=settings)
    row = uow.session.get(EventRotation, event_id)
    values = dict(
        seated_sex=seated_sex, settings=asdict(settings), seated_ids=list(schedule.seated_ids),
        rotating_ids=list(schedule.rotating_ids), n_rounds=schedule.n_rounds, partners=_pack(schedule.partners),
        skipped_colleague_pairs=int(schedule.skipped_colleague_pairs), created_at=uow.now, created_by=actor.staff_id,
    )  # fmt: skip
    if row is None:
        row = EventRotation(id=event_id, version=0, event_id=event_id, **values)
        uow.session.add(row)
    else:
        for key, value in values.items():
            setattr(row, key, value)
    uow.session.flush()
    uow.audit("event.rotation", fields=[f"event:{event_id}", f"count:{schedule.n_rounds}"])
    uow.mark(Area.SEATING)
    view = rotation_view(uow.session, event_id=event_id)
    assert view is not None
    return view


def stored_schedule(session: Session, *, event_id: str) -> tuple[RotationScheduleInfo, EventRotation] | None:
    """The stored schedule rebuilt as the seating package's RotationScheduleInfo."""
    row = session.execute(select(EventRotation).where(EventRotation.event_id == event_id)).scalar()
    if row is None:
        return None
    settings = RotationSettingsInfo(**row.settings)
    rounds, breaks = round_times(row.n_rounds, settings)
    partners = _unpack(row.partners, row.n_rounds, len(row.seated_ids))
    partners.setflags(write=False)
    schedule = RotationScheduleInfo(seated_ids=tuple(row.seated_ids), rotating_ids=tuple(row.rotating_ids),
                                    rounds=rounds, breaks=breaks, partners=partners,
                                    skipped_colleague_pairs=row.skipped_colleague_pairs)  # fmt: skip
    return schedule, row


def rotation_view(session: Session, *, event_id: str) -> RotationViewInfo | None:
    """The stored schedule with plates, or None when none was generated."""
    found = stored_schedule(session, event_id=event_id)
    if found is None:
        return None
    schedule, row = found
    guests = _guests(session, event_id)
    plates = {reg.id: reg.plate or "" for reg, _m in guests}
    current = {reg.id for reg, _m in guests}
    stale = current != set(schedule.seated_ids) | set(schedule.rotating_ids)
    slots = tuple(
        RotationSlotViewRow(s.round_no, s.table_no, plates.get(s.seated_id, ""), plates.get(s.rotating_id, ""),
                            s.start_minute, s.end_minute)  # fmt: skip
        for s in schedule.slots()
    )
    return RotationViewInfo(
        event_id=event_id, settings=RotationSettingsInfo(**row.settings), seated_sex=row.seated_sex,
        n_rounds=schedule.n_rounds, rounds=schedule.rounds, breaks=schedule.breaks, slots=slots,
        seated=schedule.seated_ids, rotating=schedule.rotating_ids,
        skipped_colleague_pairs=schedule.skipped_colleague_pairs, stale=stale, created_at=row.created_at,
    )  # fmt: skip


__all__ = [
    "TABLE_FIELDS",
    "add_table",
    "add_tables",
    "clear_friend_group",
    "clear_seat_plan",
    "employer_key",
    "generate_rotation",
    "move_guest",
    "optimise_seat_plan",
    "pin_guest",
    "remove_table",
    "rotation_view",
    "save_seat_plan",
    "seat_plan_score",
    "seat_plan_state",
    "set_friend_group",
    "set_seat_locked",
    "solve_seat_plan",
    "stored_schedule",
    "swap_guests",
    "update_table",
]
