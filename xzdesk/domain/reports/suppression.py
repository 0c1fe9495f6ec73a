"""Small-cell suppression for the federation statistics, with protection against totals.

The rule (domain.md "Statistics"; written into every report's notes, see labels.py):

1. Only counts of people are suppressed. Counts of events, base unions and employers are always
   shown (`protect(..., people=False)`).
2. Primary suppression: a count of people from 1 to 4 is shown as "<5"; zero is shown as 0.
3. A measure's total is published once (the summary sheet and the 合计 row show the same cell),
   and the measure may be broken down in several ways that each add up to that total (by
   district, by month). A reader who knows the rule knows that a "<5" cell lies in 1..4; a "*"
   cell tells nothing (any value from 0 up). From a published total they can subtract the
   published cells. Complementary suppression: as long as any suppressed cell's value can be
   worked out exactly from that knowledge, another cell of the same breakdown is hidden as "*"
   (the smallest non-zero one first); when a breakdown has no such cell left, the total itself is
   hidden as "*", and only then a zero of the breakdown.
4. If a breakdown still pins a value, that breakdown of the measure is withheld altogether (every
   cell "*"); the first breakdown (by district) alone can always be protected by hiding the total.

"Worked out exactly" is decided by exact interval arithmetic on the published table: the
breakdowns share only the total, so for each suppressed cell the set of values consistent with
everything published is an interval, computed in `reader_intervals`. The tests check the result
against a linear program over the same published information.

Not covered: relations between different measures (unique participants never exceed
person-times, events shown beside their participations) and reports for overlapping periods (a
month and its year, made separately): a reader holding both can subtract one from the other.
Publish one granularity per audience, or the yearly report with its monthly breakdown (protected
together) rather than twelve separate monthly reports plus a yearly one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from xzdesk.domain.reports.codes import CellState

THRESHOLD = 5
SMALL_TEXT = "<5"
HIDDEN_TEXT = "*"
INF = math.inf


@dataclass(frozen=True)
class ProtectedMeasure:
    total: CellState
    partitions: tuple[tuple[CellState, ...], ...]


Interval = tuple[float, float]


def _bounds(state: CellState, value: int, threshold: int) -> Interval:
    if state is CellState.SHOWN:
        return (value, value)
    if state is CellState.SMALL:
        return (1, threshold - 1)
    return (0, INF)  # hidden or withheld: nothing is told


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


def _candidate(values: Sequence[int], states: Sequence[CellState], *, zeros: bool) -> int | None:
    """The cell to hide next in a breakdown: the smallest shown non-zero one; a shown zero only
    when `zeros` (the last resort: zeros are published as 0 whenever that is safe)."""
    shown = [i for i, s in enumerate(states) if s is CellState.SHOWN and (values[i] > 0 or zeros)]
    if not shown:
        return None
    return min(shown, key=lambda i: (values[i] == 0, values[i], i))


def _pinning_partition(
    partitions: Sequence[Sequence[int]], states: list[list[CellState]], threshold: int, *, zeros: bool
) -> int | None:
    """A breakdown with a cell left to hide, narrowest range first (it is what pins the total)."""
    best: tuple[float, int] | None = None
    for p, values in enumerate(partitions):
        if _candidate(values, states[p], zeros=zeros) is None:
            continue
        width = sum(_bounds(s, v, threshold)[1] - _bounds(s, v, threshold)[0] for s, v in zip(states[p], values, strict=True))
        if best is None or width < best[0]:
            best = (width, p)
    return None if best is None else best[1]


TOTAL_CELL = (-1, -1)


def _next_hide(
    pinned: tuple[int, int],
    partitions: Sequence[Sequence[int]],
    states: list[list[CellState]],
    t_state: CellState,
    threshold: int,
) -> tuple[int, int] | None:
    """What to hide next so that the pinned value gets room: a non-zero cell of its own breakdown,
    else the total, else a non-zero cell of the breakdown that pins the total, else a zero (own
    breakdown first). TOTAL_CELL means the total; None when nothing is left to hide."""
    own = pinned[0]
    steps: list[tuple[int | None, bool]] = []
    if own >= 0:
        steps.append((own, False))
    steps.append((None, False))  # the total
    steps.append((_pinning_partition(partitions, states, threshold, zeros=False), False))
    if own >= 0:
        steps.append((own, True))
    steps.append((_pinning_partition(partitions, states, threshold, zeros=True), True))
    for p, zeros in steps:
        if p is None and not zeros:
            if t_state is not CellState.HIDDEN:
                return TOTAL_CELL
            continue
        index = None if p is None else _candidate(partitions[p], states[p], zeros=zeros)
        if index is not None and p is not None:
            return (p, index)
    return None


def _primary(value: int, threshold: int) -> CellState:
    return CellState.SMALL if 0 < value < threshold else CellState.SHOWN


def _protect(
    total: int, partitions: Sequence[Sequence[int]], threshold: int
) -> tuple[CellState, list[list[CellState]]] | None:
    states = [[_primary(v, threshold) for v in values] for values in partitions]
    t_state = _primary(total, threshold)
    for _ in range(sum(len(v) for v in partitions) + 2):
        pinned = _find_pinned(total, partitions, states, t_state, threshold)
        if pinned is None:
            return t_state, states
        step = _next_hide(pinned, partitions, states, t_state, threshold)
        if step is None:
            return None
        if step == TOTAL_CELL:
            t_state = CellState.HIDDEN
        else:
            states[step[0]][step[1]] = CellState.HIDDEN
    return None


def protect(
    total: int, partitions: Sequence[Sequence[int]], *, threshold: int = THRESHOLD, people: bool = True
) -> ProtectedMeasure:
    """Suppression states for a measure's total and every cell of its breakdowns (each breakdown
    must add up to `total`). Counts of things other than people (`people=False`: events, unions,
    employers) are shown as they are. See the module docstring for the rule."""
    for values in partitions:
        if sum(values) != total or any(v < 0 for v in values):
            raise ValueError("a breakdown must add up to the total, with no negative cell")
    if not people:
        return ProtectedMeasure(CellState.SHOWN, tuple(tuple(CellState.SHOWN for _ in v) for v in partitions))
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


def unprotected(total: int, partitions: Sequence[Sequence[int]]) -> ProtectedMeasure:
    """Every figure shown: the union's internal view (audited by its caller, never exported)."""
    return protect(total, partitions, people=False)


def display(value: int, state: CellState) -> int | str:
    """The published form of a cell."""
    if state is CellState.SHOWN:
        return value
    return SMALL_TEXT if state is CellState.SMALL else HIDDEN_TEXT


def protect_alone(value: int, *, threshold: int = THRESHOLD, people: bool = True) -> CellState:
    """A figure published with no breakdown: a count of people from 1 to threshold-1 is "<5";
    zero and counts of things (`people=False`) are shown."""
    return _primary(value, threshold) if people else CellState.SHOWN
