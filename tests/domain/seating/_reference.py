"""Independent, slow reference implementations for the seating tests: the score computed
straight from its definition, the pin/lock rules, and brute force over table assignments.

Kept deliberately naive (no shared code with the engine apart from the seat geometry, which
test_geometry.py pins down on its own)."""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from xzdesk.domain.seating import (
    FEMALE,
    MALE,
    SeatGuestInfo,
    SeatPlanInfo,
    SeatRef,
    SeatTableInfo,
    facing_pairs,
    neighbour_pairs,
)


def honoured_pins(guests: Sequence[SeatGuestInfo], tables: Sequence[SeatTableInfo],
                  plan_locked: frozenset[SeatRef], locked_occupant: dict[SeatRef, str]) -> dict[str, SeatRef]:
    """guest id -> pinned seat, for the pins that can be honoured (locks first, then pins in order)."""
    caps = {t.id: t.capacity for t in tables}
    ids = {g.id for g in guests}
    locked_guest_seat = {}
    for ref in sorted(plan_locked):
        occupant = locked_occupant.get(ref)
        if occupant in ids and occupant not in locked_guest_seat:
            locked_guest_seat[occupant] = ref
    taken: set[SeatRef] = set()
    out = {}
    for g in guests:
        if g.pinned is None:
            continue
        ref = SeatRef(*g.pinned)
        if ref.table_id not in caps or not (0 <= ref.seat_index < caps[ref.table_id]):
            continue
        if g.id in locked_guest_seat:
            if locked_guest_seat[g.id] == ref:
                out[g.id] = ref
                taken.add(ref)
            continue
        if ref in plan_locked or ref in taken:
            continue
        out[g.id] = ref
        taken.add(ref)
    return out


def fixed_seats(guests, tables, plan_locked, locked_occupant) -> tuple[dict[str, SeatRef], set[SeatRef]]:
    """(guest -> seat for pinned and locked guests, locked seats that stay empty)."""
    ids = {g.id for g in guests}
    fixed: dict[str, SeatRef] = {}
    blocked: set[SeatRef] = set()
    for ref in sorted(plan_locked):
        occupant = locked_occupant.get(ref)
        if occupant in ids and occupant not in fixed:
            fixed[occupant] = ref
        else:
            blocked.add(ref)
    fixed.update(honoured_pins(guests, tables, plan_locked, locked_occupant))
    return fixed, blocked


def unit_of(g: SeatGuestInfo) -> str:
    return "F:" + g.friend_group if g.friend_group else "G:" + g.id


def _units(guests, table_of):
    units = defaultdict(set)
    for g in guests:
        if g.employer_key and g.id in table_of:
            units[(table_of[g.id], g.employer_key)].add(unit_of(g))
    return units


def employer_excess_by_employer(guests, table_of: dict[str, str]) -> Counter:
    out: Counter = Counter()
    for (_, e), us in _units(guests, table_of).items():
        out[e] += len(us) - 1
    return out


def colleague_crowding(guests, table_of: dict[str, str]) -> int:
    return sum(math.comb(len(us) - 1, 2) for us in _units(guests, table_of).values())


def split_by_group(guests, table_of: dict[str, str]) -> Counter:
    tables = defaultdict(set)
    for g in guests:
        if g.friend_group and g.id in table_of:
            tables[g.friend_group].add(table_of[g.id])
    return Counter({k: len(v) - 1 for k, v in tables.items()})


def components(guests: Sequence[SeatGuestInfo], tables: Sequence[SeatTableInfo], plan: SeatPlanInfo) -> dict:
    sex = {g.id: g.sex for g in guests}
    occupant = {seat: gid for gid, seat in plan.seats.items()}
    table_of = {gid: seat.table_id for gid, seat in plan.seats.items()}
    locked_occupant = {ref: occupant[ref] for ref in plan.locked if ref in occupant}
    pins = honoured_pins(guests, tables, plan.locked, locked_occupant)
    out = {
        "unseated": sum(1 for g in guests if g.id not in plan.seats),
        "pin_violations": sum(1 for gid, ref in pins.items() if plan.seats.get(gid) != ref),
        "employer_excess": sum(employer_excess_by_employer(guests, table_of).values()),
        "friends_split": sum(split_by_group(guests, table_of).values()),
        "sex_imbalance": 0, "same_sex_neighbours": 0, "same_sex_facing": 0,
        "colleague_crowding": colleague_crowding(guests, table_of),
    }
    fill = 0.0
    n_total = len(plan.seats)
    cap_total = sum(t.capacity for t in tables)
    for t in tables:
        here = [occupant.get(SeatRef(t.id, i)) for i in range(t.capacity)]
        men = sum(1 for gid in here if gid is not None and sex[gid] == MALE)
        women = sum(1 for gid in here if gid is not None and sex[gid] == FEMALE)
        out["sex_imbalance"] += (men - women) ** 2
        for a, b in neighbour_pairs(t.shape, t.capacity):
            if here[a] is not None and here[b] is not None and sex[here[a]] == sex[here[b]]:
                out["same_sex_neighbours"] += 1
        for a, b in facing_pairs(t.shape, t.capacity):
            if here[a] is not None and here[b] is not None and sex[here[a]] == sex[here[b]]:
                out["same_sex_facing"] += 1
        fill += (men + women) ** 2 / t.capacity
    out["fill_unevenness"] = fill - (n_total * n_total / cap_total if cap_total else 0.0)
    return out


def table_assignments(guests, tables, fixed: dict[str, SeatRef], blocked: set[SeatRef], seated: set[str]):
    """Every way to put the seated, non-fixed guests at tables within the free seats
    (yields guest id -> table id, fixed guests included)."""
    free = {t.id: t.capacity for t in tables}
    for ref in blocked:
        free[ref.table_id] -= 1
    for ref in fixed.values():
        free[ref.table_id] -= 1
    movable = [g.id for g in guests if g.id in seated and g.id not in fixed]
    ids = [t.id for t in tables]
    base = {gid: ref.table_id for gid, ref in fixed.items()}
    for choice in itertools.product(ids, repeat=len(movable)):
        counts = Counter(choice)
        if all(counts[t] <= free[t] for t in ids):
            out = dict(base)
            out.update(zip(movable, choice, strict=True))
            yield out
