"""Small-cell suppression: a count of people from 1 to 4 shows as "<5", zero as 0, counts of things
(events, unions, employers) as they are; no suppressed value can be worked out from the published
totals, checked by a linear program (scipy) over exactly what a reader sees, independent of the
protector's own interval arithmetic."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linprog

from xzdesk.domain.reports.codes import CellState
from xzdesk.domain.reports.suppression import (
    ProtectedMeasure,
    display,
    protect,
    protect_alone,
    reader_intervals,
)

BIG = 10**6


def reader_lp(total: int, partitions: list[list[int]], protected: ProtectedMeasure) -> dict[tuple[int, int], tuple[float, float]]:
    """Min and max of every unpublished value (and of the total, key (-1, -1)) subject to what is
    published: each breakdown adds up to the total; "<5" in 1..4; "*" (complementary or withheld)
    anything from 0 up."""
    variables: list[tuple[int, int]] = []
    bounds: list[tuple[float, float | None]] = []
    fixed_total = None

    def bound(state: CellState, value: int) -> tuple[float, float | None]:
        return {CellState.SMALL: (1, 4), CellState.HIDDEN: (0, None), CellState.WITHHELD: (0, None)}.get(state, (value, value))

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
    # primary suppression: every value from 1 to 4 is "<5" (the total may be "*" instead), no value
    # from 1 to 4 is ever shown; "<5" is never anything else; zeros and 5s up are shown or "*"
    if 0 < total < 5:
        assert protected.total in (CellState.SMALL, CellState.HIDDEN)
    else:
        assert protected.total in (CellState.SHOWN, CellState.HIDDEN)
    for values, states in zip(partitions, protected.partitions, strict=True):
        for v, s in zip(values, states, strict=True):
            if s is CellState.WITHHELD:
                continue
            assert (s is CellState.SMALL) == (0 < v < 5)
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
        (0, [[0, 0, 0], [0, 0]], CellState.SHOWN),  # nothing at all: zeros everywhere
        (10, [[0, 5, 5]], CellState.SHOWN),  # zeros and fives: nothing to protect
        (3, [[1, 2, 0], [3]], CellState.SMALL),  # a small total: small cells, the zero shown
        (20, [[4, 4, 4, 4, 4], [5, 5, 5, 5]], CellState.HIDDEN),
        (57, [[1, 20, 36], [10, 2, 45]], CellState.SHOWN),
    ],
)
def test_examples(total, partitions, expected_total):
    protected = check(total, partitions)
    assert protected.total is expected_total


def test_cell_by_cell_a_district_row():
    """The district sheet of issue 10: zeros show as 0, one to four as "<5", and the one small cell
    that the total would give away gets a complement: the smallest non-zero cell."""
    protected = check(26, [[0, 2, 0, 5, 19, 0]])
    assert protected.partitions[0] == (
        CellState.SHOWN, CellState.SMALL, CellState.SHOWN, CellState.HIDDEN, CellState.SHOWN, CellState.SHOWN,
    )  # fmt: skip
    assert protected.total is CellState.SHOWN
    assert [display(v, s) for v, s in zip([0, 2, 0, 5, 19, 0], protected.partitions[0], strict=True)] == [
        0, "<5", 0, "*", 19, 0,
    ]  # fmt: skip


def test_two_small_cells_protect_each_other():
    protected = check(17, [[3, 4, 10, 0]])
    assert protected.partitions[0] == (CellState.SMALL, CellState.SMALL, CellState.SHOWN, CellState.SHOWN)


def test_a_small_total_alone_is_small_and_its_zeros_stay_zeros():
    protected = check(3, [[0, 3, 0]])
    assert protected.total is CellState.SMALL and protected.partitions[0] == (
        CellState.SHOWN, CellState.SMALL, CellState.SHOWN,
    )  # fmt: skip


def test_four_ones_would_pin_a_small_total_so_the_total_goes():
    protected = check(4, [[1, 1, 1, 1, 0]])
    assert protected.total is CellState.HIDDEN
    assert protected.partitions[0] == (CellState.SMALL,) * 4 + (CellState.SHOWN,)


def test_small_cells_that_add_up_to_the_total_hide_the_total_before_a_zero():
    protected = check(8, [[4, 4, 0, 0]])
    assert protected.total is CellState.HIDDEN
    assert protected.partitions[0] == (CellState.SMALL, CellState.SMALL, CellState.SHOWN, CellState.SHOWN)


def test_complements_across_two_breakdowns_sharing_the_total():
    # by district and by month: the month breakdown pins nothing on its own, but the total it
    # shares must not let the district's "<5" be worked out
    protected = check(30, [[2, 28], [10, 10, 10]])
    assert protected.partitions[0] == (CellState.SMALL, CellState.HIDDEN)
    assert protected.total is CellState.SHOWN and protected.partitions[1] == (CellState.SHOWN,) * 3


def test_counts_of_things_are_never_suppressed():
    protected = protect(3, [[1, 2, 0], [3]], people=False)
    assert protected.total is CellState.SHOWN
    assert all(s is CellState.SHOWN for states in protected.partitions for s in states)


def test_breakdowns_must_add_up():
    with pytest.raises(ValueError):
        protect(10, [[3, 3]])
    with pytest.raises(ValueError):
        protect(0, [[1, -1]])


def test_figures_without_a_breakdown():
    assert protect_alone(4) is CellState.SMALL and protect_alone(1) is CellState.SMALL
    assert protect_alone(0) is CellState.SHOWN
    assert protect_alone(5) is CellState.SHOWN and protect_alone(BIG) is CellState.SHOWN
    assert protect_alone(3, people=False) is CellState.SHOWN


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
