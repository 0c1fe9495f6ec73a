"""Seat geometry: where seat i of a table is, who its neighbours are, who sits opposite.

Pure functions of (shape, capacity), cached; safe on any thread.

Round table of capacity c: seats 0..c-1 clockwise from the top ("ring"). Neighbours of i are
i-1 and i+1 (mod c); opposite is i + c/2 when c is even, none when c is odd.

Long table of capacity c: side "a" (top) has ka = ceil(c/2) seats 0..ka-1 from left to right,
side "b" (bottom) has kb = floor(c/2) seats ka..c-1 from left to right (the numbering the printed
seat chart uses). Bottom seat ka+j sits opposite top seat j; when c is odd the last top seat
faces nobody. Neighbours are the seats next to each other on the same side.

Scoring uses `neighbour_pairs` for alternation on both shapes and `facing_pairs` only for long
tables: across a round table the opposite person is far away, and for c divisible by 4 perfect
alternation puts the same sex opposite, so scoring it would fight alternation.

Coordinates are in units of the seat pitch, relative to the table centre, with y growing
downwards (screen convention); the floor-plan view scales them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from xzdesk.domain.errors import XzError
from xzdesk.domain.seating.codes import TableShape


@dataclass(frozen=True, slots=True)
class SeatGeometryRow:
    seat_index: int
    side: str  # "ring" (round), "a" / "b" (top / bottom side of a long table)
    x: float
    y: float
    neighbours: tuple[int, ...]
    opposite: int | None


def _check(shape: TableShape | str, capacity: int) -> TableShape:
    try:
        kind = TableShape(shape)
    except ValueError:
        raise XzError("seating.invalid_shape", shape=str(shape)) from None
    if not isinstance(capacity, int) or capacity < 1:
        raise XzError("seating.invalid_capacity", capacity=capacity)
    return kind


@lru_cache(maxsize=256)
def seat_geometry(shape: TableShape | str, capacity: int) -> tuple[SeatGeometryRow, ...]:
    """Every seat of a table of this shape and capacity, indexed by seat number."""
    kind = _check(shape, capacity)
    c = capacity
    rows: list[SeatGeometryRow] = []
    if kind is TableShape.ROUND:
        radius = max(0.8, c / (2 * math.pi))
        for i in range(c):
            theta = 2 * math.pi * i / c
            nbrs = sorted({(i - 1) % c, (i + 1) % c} - {i})
            opposite = (i + c // 2) % c if c % 2 == 0 else None
            rows.append(
                SeatGeometryRow(i, "ring", round(radius * math.sin(theta), 6),
                                round(-radius * math.cos(theta), 6), tuple(nbrs), opposite)
            )
        return tuple(rows)
    ka = (c + 1) // 2
    kb = c // 2
    for i in range(c):
        side_a = i < ka
        pos, length = (i, ka) if side_a else (i - ka, kb)
        nbrs = [i + d for d in (-1, 1) if 0 <= pos + d < length]
        if side_a:
            opposite = i + ka if i < kb else None
        else:
            opposite = i - ka
        rows.append(SeatGeometryRow(i, "a" if side_a else "b", pos - (ka - 1) / 2,
                                    -0.75 if side_a else 0.75, tuple(nbrs), opposite))
    return tuple(rows)


@lru_cache(maxsize=256)
def neighbour_pairs(shape: TableShape | str, capacity: int) -> tuple[tuple[int, int], ...]:
    """Unordered pairs (i < j) of adjacent seats."""
    pairs = {(min(r.seat_index, n), max(r.seat_index, n)) for r in seat_geometry(shape, capacity)
             for n in r.neighbours}
    return tuple(sorted(pairs))


@lru_cache(maxsize=256)
def facing_pairs(shape: TableShape | str, capacity: int) -> tuple[tuple[int, int], ...]:
    """Unordered pairs (i < j) of seats facing each other that the score looks at (long tables)."""
    if _check(shape, capacity) is not TableShape.LONG:
        return ()
    return tuple((r.seat_index, r.opposite) for r in seat_geometry(shape, capacity)
                 if r.opposite is not None and r.seat_index < r.opposite)
