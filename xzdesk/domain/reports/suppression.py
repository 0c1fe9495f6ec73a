"""Small-cell suppression for the federation statistics, with protection against totals.

The rule (written into every report's notes, see labels.py):

1. Primary suppression: every count under 5 (0 to 4) is shown as "<5".
2. A measure's total is published once (the summary sheet and the 合计 row show the same cell),
   and the measure may be broken down in several ways that each add up to that total (by
   district, by month). A reader who knows the rule knows that a "<5" cell lies in 0..4 and that
   a "*" cell lies at 5 or more; from a published total they can subtract the published cells.
   Complementary suppression: as long as any suppressed cell's value can be worked out exactly
   from that knowledge, another cell of the same breakdown is hidden as "*" (the smallest one
   above 5 first, so the hidden cell has room to move, else the smallest); when a breakdown has
   no cell left to hide, the total itself is hidden as "*".
3. If a breakdown still pins a value (all of its cells hidden at exactly their bounds), that
   breakdown of the measure is withheld altogether (every cell "*"); the first breakdown (by
   district) alone can always be protected by hiding the total.

"Worked out exactly" is decided by exact interval arithmetic on the published table: the
breakdowns share only the total, so for each suppressed cell the set of values consistent with
everything published is an interval, computed in `reader_intervals`. The tests check the result
against a linear program over the same published information.

Not covered: relations between different measures (unique participants never exceed
person-times) and reports for overlapping periods (a month and its year, made separately): a
reader holding both can subtract one from the other. Publish one granularity per audience, or
the yearly report with its monthly breakdown (protected together) rather than twelve separate
monthly reports plus a yearly one.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5
SMALL_TEXT = "<5"
HIDDEN_TEXT = "*"
INF = math.inf


class CellState(enum.StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # under the threshold: "<5"
    HIDDEN = "hidden"  # complementary suppression (value at or above the threshold): "*"
    WITHHELD = "withheld"  # the whole breakdown is not published for this measure: "*"


@dataclass(frozen=True)
class ProtectedMeasure:
    total: CellState
    partitions: tuple[tuple[CellState, ...], ...]


Interval = tuple[float, float]


def _bounds(state: CellState, value: int, threshold: int) -> Interval:
    if state is CellState.SHOWN:
        return (value, value)
    if state is CellState.SMALL:
        return (0, threshold - 1)
    if state is CellState.HIDDEN:
        return (threshold, INF)
    return (0, INF)


def reader_intervals(
    total: int,
    partitions: Sequence[Sequence[int]],
    protected: ProtectedMeasure,
    *,
    threshold: int = THRESHOLD,
) -> tuple[Interval, tuple[tuple[Interval, ...], ...]]:
    """What a reader who knows the rule can infer: the interval of values consistent with the
    published cells for the total and for every cell (exact for this star-shaped structure:
    each breakdown adds up to the total and shares nothing else)."""
    own = _bounds(protected.total, total, threshold)
    cell_bounds = [
        [_bounds(state, v, threshold) for state, v in zip(states, values, strict=True)]
        for states, values in zip(protected.partitions, partitions, strict=True)
    ]
    sums = [(sum(b[0] for b in bs), sum(b[1] for b in bs)) for bs in cell_bounds]
    t_lo = max([own[0], *(s[0] for s in sums)])
    t_hi = min([own[1], *(s[1] for s in sums)])
    out = []
    for bs in cell_bounds:
        row = []
        for i, (lo, hi) in enumerate(bs):
            others_lo = sum(b[0] for j, b in enumerate(bs) if j != i)
            others_hi = sum(b[1] for j, b in enumerate(bs) if j != i)
            row.append((max(lo, t_lo - others_hi), min(hi, t_hi - others_lo)))
        out.append(tuple(row))
    return (t_lo, t_hi), tuple(out)


def _pinned(interval: Interval) -> bool:
    return interval[0] >= interval[1]


def _find_pinned(
    total: int, partitions: Sequence[Sequence[int]], states: list[list[CellState]], t_state: CellState, threshold: int
) -> tuple[int, int] | None:
    """(-1, -1) when the hidden total is pinned, (p, i) for a pinned suppressed cell, else None."""
    protected = ProtectedMeasure(t_state, tuple(tuple(s) for s in states))
    t_iv, cells = reader_intervals(total, partitions, protected, threshold=threshold)
    if t_state is not CellState.SHOWN and _pinned(t_iv):
        return (-1, -1)
    for p, row in enumerate(cells):
        for i, iv in enumerate(row):
            if states[p][i] is not CellState.SHOWN and _pinned(iv):
                return (p, i)
    return None


def _candidate(values: Sequence[int], states: Sequence[CellState], threshold: int) -> int | None:
    """The cell to hide next in a breakdown: the smallest shown one above the threshold (it has room
    to move), else the smallest shown one."""
    shown = [i for i, s in enumerate(states) if s is CellState.SHOWN]
    if not shown:
        return None
    roomy = [i for i in shown if values[i] > threshold]
    pool = roomy or shown
    return min(pool, key=lambda i: (values[i], i))


def _pinning_partition(partitions: Sequence[Sequence[int]], states: list[list[CellState]], threshold: int) -> int | None:
    """A breakdown with a cell left to hide, narrowest range first (it is what pins the total)."""
    best: tuple[float, int] | None = None
    for p, values in enumerate(partitions):
        if _candidate(values, states[p], threshold) is None:
            continue
        width = sum(_bounds(s, v, threshold)[1] - _bounds(s, v, threshold)[0] for s, v in zip(states[p], values, strict=True))
        if best is None or width < best[0]:
            best = (width, p)
    return None if best is None else best[1]


def _protect(
    total: int, partitions: Sequence[Sequence[int]], threshold: int
) -> tuple[CellState, list[list[CellState]]] | None:
    states = [[CellState.SMALL if v < threshold else CellState.SHOWN for v in values] for values in partitions]
    if total < threshold:
        return CellState.SMALL, [[CellState.SMALL] * len(values) for values in partitions]
    t_state = CellState.SHOWN
    for _ in range(sum(len(v) for v in partitions) + 2):
        pinned = _find_pinned(total, partitions, states, t_state, threshold)
        if pinned is None:
            return t_state, states
        p = pinned[0] if pinned[0] >= 0 else _pinning_partition(partitions, states, threshold)
        index = None if p is None else _candidate(partitions[p], states[p], threshold)
        if index is not None and p is not None:
            states[p][index] = CellState.HIDDEN
        elif t_state is CellState.SHOWN:
            t_state = CellState.HIDDEN
        else:
            other = _pinning_partition(partitions, states, threshold)
            if other is None:
                return None
            states[other][_candidate(partitions[other], states[other], threshold)] = CellState.HIDDEN  # type: ignore[index]
    return None


def protect(total: int, partitions: Sequence[Sequence[int]], *, threshold: int = THRESHOLD) -> ProtectedMeasure:
    """Suppression states for a measure's total and every cell of its breakdowns (each breakdown
    must add up to `total`). See the module docstring for the rule."""
    for values in partitions:
        if sum(values) != total or any(v < 0 for v in values):
            raise ValueError("a breakdown must add up to the total, with no negative cell")
    result = _protect(total, partitions, threshold)
    if result is not None:
        t_state, states = result
        return ProtectedMeasure(t_state, tuple(tuple(s) for s in states))
    # Degenerate: withhold every breakdown but the first; one breakdown can always be protected.
    first = _protect(total, partitions[:1], threshold)
    assert first is not None, "a single breakdown is always protectable by hiding the total"
    t_state, states = first
    withheld = [tuple(CellState.WITHHELD for _ in values) for values in partitions[1:]]
    return ProtectedMeasure(t_state, (tuple(states[0]), *withheld))


def display(value: int, state: CellState) -> int | str:
    """The published form of a cell."""
    if state is CellState.SHOWN:
        return value
    return SMALL_TEXT if state is CellState.SMALL else HIDDEN_TEXT


def protect_alone(value: int, *, threshold: int = THRESHOLD) -> CellState:
    """A figure published with no breakdown (non-additive counts such as base unions served)."""
    return CellState.SMALL if value < threshold else CellState.SHOWN
