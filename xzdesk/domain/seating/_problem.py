"""Internal: turn guests, tables and locks into an indexed problem, and prove lower bounds.

Everything is indexed by small integers (guest g, table t, global seat s) so that the engine and
the optimiser work on lists. Pure functions; the Problem is read-only after construction.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from xzdesk.domain.errors import XzError
from xzdesk.domain.seating.codes import TableShape
from xzdesk.domain.seating.dto import FEMALE, MALE, SeatGuestInfo, SeatingIssueInfo, SeatRef, SeatTableInfo
from xzdesk.domain.seating.geometry import facing_pairs, neighbour_pairs


@dataclass
class Problem:
    guests: tuple[SeatGuestInfo, ...]
    tables: tuple[SeatTableInfo, ...]
    gidx: dict[str, int]
    tidx: dict[str, int]
    # seats
    seat_table: list[int]
    seat_local: list[int]
    table_first: list[int]
    table_cap: list[int]
    nbrs: list[tuple[int, ...]]
    opp: list[int]
    fill_w: list[int]  # fill_L // capacity
    fill_L: int
    total_capacity: int
    # guests
    sign: list[int]  # +1 man, -1 woman
    emp: list[int]  # employer index or -1
    unit: list[int]  # unit index: the friend group's, or the guest's own
    group: list[int]  # friend group index or -1
    group_members: list[list[int]]
    n_emp: int
    n_units: int
    # fixed seats
    pin_seat: list[int]  # honourable pin (global seat) or -1
    fixed: dict[int, int]  # guest -> seat for pinned and locked guests
    blocked: set[int]  # locked seats that stay empty
    locked: frozenset[SeatRef]
    pin_issues: list[SeatingIssueInfo] = field(default_factory=list)

    @property
    def n_guests(self) -> int:
        return len(self.guests)

    @property
    def n_tables(self) -> int:
        return len(self.tables)

    @property
    def n_seats(self) -> int:
        return len(self.seat_table)

    def seat_ref(self, s: int) -> SeatRef:
        return SeatRef(self.tables[self.seat_table[s]].id, self.seat_local[s])

    def seat_of(self, ref: SeatRef | tuple[str, int]) -> int:
        table_id, index = ref
        t = self.tidx.get(table_id)
        if t is None:
            raise XzError("seating.unknown_table", table_id=table_id)
        if not isinstance(index, int) or not 0 <= index < self.table_cap[t]:
            raise XzError("seating.unknown_seat", table_id=table_id, seat_index=index)
        return self.table_first[t] + index

    def free_per_table(self) -> list[int]:
        """Seats per table open to guests who are not fixed (not blocked, not held by a fixed guest)."""
        free = list(self.table_cap)
        for s in self.blocked:
            free[self.seat_table[s]] -= 1
        for s in self.fixed.values():
            free[self.seat_table[s]] -= 1
        return free


def build_problem(
    guests: Sequence[SeatGuestInfo],
    tables: Sequence[SeatTableInfo],
    *,
    locked: Collection[SeatRef] = (),
    locked_occupants: Mapping[SeatRef, str] | None = None,
) -> Problem:
    """Validate and index. `locked_occupants` maps locked seats to the guest the plan has there.

    Raises XzError: seating.duplicate_table, seating.invalid_shape, seating.invalid_capacity,
    seating.duplicate_guest, seating.invalid_sex, seating.unknown_table / seating.unknown_seat (a
    locked seat that does not exist). Pins that cannot be honoured are not errors: they become
    `seating.pin_conflict` issues and the guest is seated like any other.
    """
    guests = tuple(guests)
    tables = tuple(tables)
    tidx = _index_tables(tables)
    gidx = _index_guests(guests)
    layout = _SeatLayout.of(tables)
    fill_L = math.lcm(*layout.table_cap) if layout.table_cap else 1
    sign, emp, unit, group, group_members, n_emp = _guest_arrays(guests)
    prob = Problem(
        guests=guests, tables=tables, gidx=gidx, tidx=tidx,
        seat_table=layout.seat_table, seat_local=layout.seat_local, table_first=layout.table_first,
        table_cap=layout.table_cap, nbrs=[tuple(n) for n in layout.nbrs], opp=layout.opp,
        fill_w=[fill_L // c for c in layout.table_cap], fill_L=fill_L, total_capacity=sum(layout.table_cap),
        sign=sign, emp=emp, unit=unit, group=group, group_members=group_members,
        n_emp=n_emp, n_units=len(group_members) + len(guests),
        pin_seat=[-1] * len(guests), fixed={}, blocked=set(), locked=frozenset(),
    )  # fmt: skip
    _resolve_fixed(prob, locked, locked_occupants or {})
    return prob


def _index_tables(tables: tuple[SeatTableInfo, ...]) -> dict[str, int]:
    tidx: dict[str, int] = {}
    for t, table in enumerate(tables):
        if table.id in tidx:
            raise XzError("seating.duplicate_table", table_id=table.id)
        tidx[table.id] = t
        try:
            TableShape(table.shape)
        except ValueError:
            raise XzError("seating.invalid_shape", table_id=table.id, shape=str(table.shape)) from None
        if not isinstance(table.capacity, int) or isinstance(table.capacity, bool) or table.capacity < 1:
            raise XzError("seating.invalid_capacity", table_id=table.id, capacity=table.capacity)
    return tidx


def _index_guests(guests: tuple[SeatGuestInfo, ...]) -> dict[str, int]:
    gidx: dict[str, int] = {}
    for g, guest in enumerate(guests):
        if guest.id in gidx:
            raise XzError("seating.duplicate_guest", guest_id=guest.id)
        gidx[guest.id] = g
        if guest.sex not in (MALE, FEMALE):
            raise XzError("seating.invalid_sex", guest_id=guest.id, sex=guest.sex)
    return gidx


@dataclass
class _SeatLayout:
    """Seats numbered table by table: each seat's table, index at its table, neighbours and the
    seat facing it (-1: none)."""

    seat_table: list[int] = field(default_factory=list)
    seat_local: list[int] = field(default_factory=list)
    table_first: list[int] = field(default_factory=list)
    table_cap: list[int] = field(default_factory=list)
    nbrs: list[list[int]] = field(default_factory=list)
    opp: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, tables: tuple[SeatTableInfo, ...]) -> _SeatLayout:
        layout = cls()
        for t, table in enumerate(tables):
            layout.add_table(t, table)
        return layout

    def add_table(self, t: int, table: SeatTableInfo) -> None:
        first = len(self.seat_table)
        self.table_first.append(first)
        self.table_cap.append(table.capacity)
        for i in range(table.capacity):
            self.seat_table.append(t)
            self.seat_local.append(i)
            self.nbrs.append([])
            self.opp.append(-1)
        for a, b in neighbour_pairs(table.shape, table.capacity):
            self.nbrs[first + a].append(first + b)
            self.nbrs[first + b].append(first + a)
        for a, b in facing_pairs(table.shape, table.capacity):
            self.opp[first + a] = first + b
            self.opp[first + b] = first + a


def _guest_arrays(guests: tuple[SeatGuestInfo, ...]) -> tuple[list[int], list[int], list[int], list[int], list[list[int]], int]:
    """Per guest: sign (+1 man, -1 woman), employer index, unit (friend group, else the guest
    alone), friend group index; the members of each group; the number of employers."""
    emp_index: dict[str, int] = {}
    group_index: dict[str, int] = {}
    sign, emp, group = [], [], []
    group_members: list[list[int]] = []
    for g, guest in enumerate(guests):
        sign.append(1 if guest.sex == MALE else -1)
        emp.append(emp_index.setdefault(guest.employer_key, len(emp_index)) if guest.employer_key else -1)
        if guest.friend_group:
            gi = group_index.setdefault(guest.friend_group, len(group_index))
            if gi == len(group_members):
                group_members.append([])
            group_members[gi].append(g)
            group.append(gi)
        else:
            group.append(-1)
    n_groups = len(group_members)
    unit = [group[g] if group[g] >= 0 else n_groups + g for g in range(len(guests))]
    return sign, emp, unit, group, group_members, len(emp_index)


def _resolve_fixed(prob: Problem, locked: Collection[SeatRef], occupants: Mapping[SeatRef, str]) -> None:
    """Locks first (they are the plan the organiser is looking at), then pins in guest order."""
    refs = frozenset(SeatRef(*ref) for ref in locked)
    prob.locked = refs
    seat_owner: dict[int, int] = {}
    for ref in sorted(refs):
        s = prob.seat_of(ref)
        g = prob.gidx.get(occupants[ref]) if ref in occupants else None
        if g is None or g in prob.fixed:
            prob.blocked.add(s)
        else:
            prob.fixed[g] = s
            seat_owner[s] = g
    locked_seats = {prob.seat_of(ref) for ref in refs}
    for g, guest in enumerate(prob.guests):
        if guest.pinned is None:
            continue
        table_id, index = guest.pinned
        reason = None
        t = prob.tidx.get(table_id)
        if t is None:
            reason = "no_such_table"
        elif not isinstance(index, int) or not 0 <= index < prob.table_cap[t]:
            reason = "no_such_seat"
        else:
            s = prob.table_first[t] + index
            if g in prob.fixed:
                if prob.fixed[g] != s:
                    reason = "locked_elsewhere"
            elif s in locked_seats:
                reason = "seat_locked"
            elif s in seat_owner:
                reason = "seat_taken"
            if reason is None:
                prob.fixed[g] = s
                seat_owner[s] = g
                prob.pin_seat[g] = s
        if reason is not None:
            prob.pin_issues.append(SeatingIssueInfo(
                "seating.pin_conflict", {"table_id": str(table_id), "seat_index": index, "reason": reason},
                guest_ids=(guest.id,), table_id=str(table_id) if t is not None else None,
                unavoidable=True, proof="seating.proof.pin", proof_params={"reason": reason},
            ))


@dataclass
class Bounds:
    """Proven lower bounds for the hard components, given who is seated."""

    shortage: int
    needed: int
    available: int
    employer: dict[int, tuple[int, dict[str, int]]]  # e -> (minimum excess, proof params)
    friends: dict[int, tuple[int, dict[str, int]]]  # group -> (minimum split, proof params)

    @property
    def total(self) -> int:
        return (self.shortage + sum(v[0] for v in self.employer.values())
                + sum(v[0] for v in self.friends.values()))


def available_seats(prob: Problem) -> int:
    return prob.total_capacity - len(prob.blocked)


def lower_bounds(prob: Problem, seated: Iterable[int]) -> Bounds:
    """Counting arguments, each valid for every plan that honours the pins and locks and seats
    exactly the guests in `seated` (fixed guests are always among them).

    Employer e: units whose e-members include a fixed guest sit where those guests are fixed,
    costing `fixed_excess` clashes among themselves. Every other unit needs a table; only the
    `tables` tables with a free seat and no fixed e-unit take one without a clash, so at least
    max(0, units - tables) more clashes (pigeonhole).
    Friend group: members fixed at `fixed_tables` tables use those; the others fit at best in the
    free seats of those tables and then of the largest other tables, which gives the minimum
    number of tables (capacity shared with other guests only makes it worse).
    """
    seated = set(seated) | set(prob.fixed)
    free = prob.free_per_table()
    needed = prob.n_guests
    available = available_seats(prob)
    employer: dict[int, tuple[int, dict[str, int]]] = {}
    by_emp: dict[int, list[int]] = {}
    for g in sorted(seated):
        if prob.emp[g] >= 0:
            by_emp.setdefault(prob.emp[g], []).append(g)
    for e, members in by_emp.items():
        fixed_units: dict[int, set[int]] = {}
        for g in members:
            if g in prob.fixed:
                fixed_units.setdefault(prob.seat_table[prob.fixed[g]], set()).add(prob.unit[g])
        placed = set().union(*fixed_units.values()) if fixed_units else set()
        free_units = {prob.unit[g] for g in members if prob.unit[g] not in placed}
        fixed_excess = sum(len(u) - 1 for u in fixed_units.values())
        open_tables = sum(1 for t in range(prob.n_tables) if free[t] > 0 and t not in fixed_units)
        minimum = fixed_excess + max(0, len(free_units) - open_tables)
        if minimum > 0:
            employer[e] = (minimum, {"units": len(free_units), "tables": open_tables,
                                     "fixed_excess": fixed_excess, "minimum": minimum})
    friends: dict[int, tuple[int, dict[str, int]]] = {}
    for gi, all_members in enumerate(prob.group_members):
        members = [g for g in all_members if g in seated]
        if len(members) < 2:
            continue
        fixed_tables = {prob.seat_table[prob.fixed[g]] for g in members if g in prob.fixed}
        movable = sum(1 for g in members if g not in prob.fixed)
        room = sum(free[t] for t in fixed_tables)
        remaining = movable - room
        extra = 0
        if remaining > 0:
            for cap in sorted((free[t] for t in range(prob.n_tables) if t not in fixed_tables), reverse=True):
                if remaining <= 0 or cap <= 0:
                    break
                remaining -= cap
                extra += 1
        minimum_tables = max(1, len(fixed_tables) + extra)
        if minimum_tables > 1:
            friends[gi] = (minimum_tables - 1, {"members": len(members), "fixed_tables": len(fixed_tables),
                                                "minimum_tables": minimum_tables})
    return Bounds(shortage=max(0, needed - available), needed=needed, available=available, employer=employer, friends=friends)
