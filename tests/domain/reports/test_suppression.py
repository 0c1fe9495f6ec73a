"""Small-cell suppression: every count under 5 shows as "<5", and no suppressed value can be
worked out from the published totals, checked by a linear program (scipy) over exactly what a
reader sees, independent of the protector's own interval arithmetic."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linprog

from xzdesk.domain.reports.suppression import (
    CellState,
    ProtectedMeasure,
    display,
    protect,
    protect_alone,
    reader_intervals,
)

BIG = 10**6


def reader_lp(total: int, partitions: list[list[int]], protected: ProtectedMeasure) -> dict[tuple[int, int], tuple[float, float]]:
    """Min and max of every unpublished value (and of the total, key (-1, -1)) subject to what is
    published: each breakdown adds up to the total; "<5" in 0..4; "*" complementary in 5..;
    a withheld breakdown in 0.."""
    variables: list[tuple[int, int]] = []
    bounds: list[tuple[float, float | None]] = []
    fixed_total = None

    def bound(state: CellState, value: int) -> tuple[float, float | None]:
        return {CellState.SMALL: (0, 4), CellState.HIDDEN: (5, None), CellState.WITHHELD: (0, None)}.get(state, (value, value))

    if protected.total is CellState.SHOWN:
        fixed_total = total
    else:
        variables.append((-1, -1))
        bounds.append(bound(protected.total, total))
    for p, (values, states) in enumerate(zip(partitions, protected.partitions, strict=True)):
        for i, (v, s) in enumerate(zip(values, states, strict=True)):
            if s is not CellState.SHOWN:
                variables.append((p, i))
                bounds.append(bound(s, v))
    index = {v: k for k, v in enumerate(variables)}
    a_eq, b_eq = [], []
    for p, (values, states) in enumerate(zip(partitions, protected.partitions, strict=True)):
        row = [0.0] * len(variables)
        shown = sum(v for v, s in zip(values, states, strict=True) if s is CellState.SHOWN)
        for i, s in enumerate(states):
            if s is not CellState.SHOWN:
                row[index[(p, i)]] = 1.0
        rhs = -shown
        if fixed_total is None:
            row[index[(-1, -1)]] = -1.0
        else:
            rhs += fixed_total
        a_eq.append(row)
        b_eq.append(rhs)
    out = {}
    for var, k in index.items():
        c = [0.0] * len(variables)
        lo_hi = []
        for sign in (1.0, -1.0):
            c[k] = sign
            res = linprog(c, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds, method="highs")
            if res.status == 3:  # unbounded
                lo_hi.append(math.inf)
            else:
                assert res.status == 0, res.message
                lo_hi.append(sign * res.fun)
        out[var] = (lo_hi[0], lo_hi[1])
    return out


def check(total: int, partitions: list[list[int]]) -> ProtectedMeasure:
    protected = protect(total, partitions)
    # primary suppression: every value under 5 is "<5", nothing under 5 is shown or "*"
    assert (protected.total is CellState.SMALL) == (total < 5)
    for values, states in zip(partitions, protected.partitions, strict=True):
        for v, s in zip(values, states, strict=True):
            if s is CellState.WITHHELD:
                continue
            assert (s is CellState.SMALL) == (v < 5)
            assert display(v, s) == (v if s is CellState.SHOWN else "<5" if s is CellState.SMALL else "*")
    assert all(s is not CellState.WITHHELD for s in protected.partitions[0])
    # nothing suppressed can be worked out, and the protector's intervals are exactly the LP's
    lp = reader_lp(total, partitions, protected)
    t_iv, cells = reader_intervals(total, partitions, protected)
    for (p, i), (lo, hi) in lp.items():
        assert hi - lo >= 1, (total, partitions, protected, (p, i), lo, hi)
        mine = t_iv if p < 0 else cells[p][i]
        assert (round(mine[0]), mine[1] if math.isinf(mine[1]) else round(mine[1])) == (round(lo), hi if math.isinf(hi) else round(hi))
    return protected


@st.composite
def measures(draw):
    small = st.integers(0, 4)
    values = st.one_of(small, small, st.integers(5, 12), st.integers(0, 60))
    first = draw(st.lists(values, min_size=1, max_size=12))
    total = sum(first)
    partitions = [first]
    if draw(st.booleans()):
        k = draw(st.integers(1, 12))
        cuts = sorted(draw(st.lists(st.integers(0, total), min_size=k - 1, max_size=k - 1)))
        bounds = [0, *cuts, total]
        partitions.append([b - a for a, b in zip(bounds, bounds[1:], strict=False)])
    return total, partitions


@given(measures())
def test_no_suppressed_value_is_recoverable_from_the_totals(case):
    total, partitions = case
    check(total, partitions)


@pytest.mark.parametrize(
    ("total", "partitions", "expected_total"),
    [
        (60, [[20, 40]], CellState.SHOWN),  # nothing small: everything shown
        (3, [[1, 2, 0], [3]], CellState.SMALL),  # a small total: every cell small
        (10, [[0, 5, 5]], CellState.HIDDEN),  # zeros and fives pin each other: the total goes
        (20, [[4, 4, 4, 4, 4], [5, 5, 5, 5]], CellState.HIDDEN),  # breakdown 2 withheld
        (57, [[1, 20, 36], [10, 2, 45]], CellState.SHOWN),
    ],
)
def test_examples(total, partitions, expected_total):
    protected = check(total, partitions)
    assert protected.total is expected_total


def test_one_small_cell_gets_a_complement_and_the_roomy_one_first():
    protected = check(26, [[2, 5, 19]])
    assert protected.partitions[0] == (CellState.SMALL, CellState.SHOWN, CellState.HIDDEN)
    assert protected.total is CellState.SHOWN


def test_the_degenerate_case_withholds_the_second_breakdown():
    protected = check(20, [[4, 4, 4, 4, 4], [5, 5, 5, 5]])
    assert protected.partitions[1] == (CellState.WITHHELD,) * 4


def test_breakdowns_must_add_up():
    with pytest.raises(ValueError):
        protect(10, [[3, 3]])
    with pytest.raises(ValueError):
        protect(0, [[1, -1]])


def test_figures_without_a_breakdown():
    assert protect_alone(4) is CellState.SMALL and protect_alone(0) is CellState.SMALL
    assert protect_alone(5) is CellState.SHOWN and protect_alone(BIG) is CellState.SHOWN


@st.composite
def wide_measures(draw):
    """District-sized first breakdowns (12 rows) and twelve months, as in a yearly report."""
    small = st.integers(0, 4)
    first = draw(st.lists(st.one_of(small, small, st.integers(5, 9), st.integers(0, 200)), min_size=12, max_size=12))
    total = sum(first)
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=11, max_size=11)))
    bounds = [0, *cuts, total]
    return total, [first, [b - a for a, b in zip(bounds, bounds[1:], strict=False)]]


@pytest.mark.slow
@given(wide_measures())
def test_no_suppressed_value_is_recoverable_in_a_yearly_layout(case):
    check(*case)
