"""Hypothesis strategies for small seating instances (a few tables, a dozen guests)."""

from __future__ import annotations

from hypothesis import strategies as st

from xzdesk.domain.seating import SeatGuestInfo, SeatPlanInfo, SeatRef, SeatTableInfo, TableShape


@st.composite
def instances(draw, *, max_tables: int = 4, max_capacity: int = 5, max_guests: int = 12,
              employers: tuple = (None, "", "A", "B", "C"), groups: tuple = (None, "", "F1", "F2", "F3"),
              pins: bool = True):
    n_tables = draw(st.integers(1, max_tables))
    tables = [
        SeatTableInfo(f"T{i}", str(i + 1), draw(st.sampled_from(list(TableShape))),
                      draw(st.integers(1, max_capacity)))
        for i in range(n_tables)
    ]
    n = draw(st.integers(0, max_guests))
    guests = []
    for i in range(n):
        pinned = None
        if pins and draw(st.integers(0, 7)) == 0:
            pinned = SeatRef(draw(st.sampled_from([t.id for t in tables] + ["TX"])),
                             draw(st.integers(0, max_capacity)))
        guests.append(SeatGuestInfo(f"G{i}", draw(st.sampled_from([1, 2])), draw(st.sampled_from(employers)),
                                    draw(st.sampled_from(groups)), pinned))
    return guests, tables


def all_seats(tables) -> list[SeatRef]:
    return [SeatRef(t.id, i) for t in tables for i in range(t.capacity)]


@st.composite
def plans(draw, guests, tables, *, locks: bool = True, max_locks: int = 3):
    """A valid plan: some guests on distinct seats, the rest unseated, maybe some locked seats."""
    seats = all_seats(tables)
    perm = draw(st.permutations(seats))
    k = draw(st.integers(0, min(len(guests), len(seats))))
    order = draw(st.permutations(guests))
    seated = {g.id: s for g, s in zip(order[:k], perm[:k], strict=False)}
    locked = frozenset()
    if locks and seats:
        locked = frozenset(draw(st.sets(st.sampled_from(seats), max_size=max_locks)))
    return SeatPlanInfo(seated, tuple(g.id for g in guests if g.id not in seated), locked)
