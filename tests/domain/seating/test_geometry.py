from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xzdesk.domain.errors import XzError
from xzdesk.domain.seating import TableShape, facing_pairs, neighbour_pairs, seat_geometry


def test_round_table_of_ten():
    rows = seat_geometry(TableShape.ROUND, 10)
    assert [r.seat_index for r in rows] == list(range(10))
    assert rows[0].neighbours == (1, 9)
    assert rows[3].neighbours == (2, 4)
    assert rows[0].opposite == 5 and rows[7].opposite == 2
    assert rows[0].x == pytest.approx(0) and rows[0].y < 0  # seat 0 at the top
    assert rows[1].x > 0  # clockwise: seat 1 to the right of the top
    assert len(neighbour_pairs("round", 10)) == 10
    assert facing_pairs("round", 10) == ()  # not scored on round tables


def test_round_odd_has_no_opposite_and_small_tables():
    assert all(r.opposite is None for r in seat_geometry("round", 7))
    assert neighbour_pairs("round", 1) == ()
    assert neighbour_pairs("round", 2) == ((0, 1),)
    assert neighbour_pairs("round", 3) == ((0, 1), (0, 2), (1, 2))


def test_long_table_numbering_matches_the_printed_chart():
    rows = seat_geometry("long", 10)
    assert [r.side for r in rows] == ["a"] * 5 + ["b"] * 5
    assert [r.opposite for r in rows] == [5, 6, 7, 8, 9, 0, 1, 2, 3, 4]
    assert rows[0].neighbours == (1,) and rows[2].neighbours == (1, 3) and rows[4].neighbours == (3,)
    assert rows[5].neighbours == (6,)
    assert (4, 5) not in neighbour_pairs("long", 10)  # the ends of the two sides are not neighbours
    assert facing_pairs("long", 10) == ((0, 5), (1, 6), (2, 7), (3, 8), (4, 9))
    assert all(r.y < 0 for r in rows[:5]) and all(r.y > 0 for r in rows[5:])
    assert rows[0].x == rows[5].x  # facing seats line up


def test_long_odd_extra_top_seat_faces_nobody():
    rows = seat_geometry("long", 7)
    assert [r.side for r in rows] == ["a"] * 4 + ["b"] * 3
    assert rows[3].opposite is None and rows[3].neighbours == (2,)
    assert facing_pairs("long", 7) == ((0, 4), (1, 5), (2, 6))


@given(st.sampled_from(["round", "long"]), st.integers(1, 40))
def test_geometry_is_symmetric_and_in_range(shape, capacity):
    rows = seat_geometry(shape, capacity)
    assert len(rows) == capacity
    for r in rows:
        for n in r.neighbours:
            assert 0 <= n < capacity and n != r.seat_index
            assert r.seat_index in rows[n].neighbours
        if r.opposite is not None:
            assert rows[r.opposite].opposite == r.seat_index
    assert len({(r.x, r.y) for r in rows}) == capacity  # no two seats in one place
    for a, b in neighbour_pairs(shape, capacity):
        assert a < b and b in rows[a].neighbours


@pytest.mark.parametrize("shape,capacity", [("square", 4), ("round", 0), ("long", -1)])
def test_invalid_tables_are_errors(shape, capacity):
    with pytest.raises(XzError) as err:
        seat_geometry(shape, capacity)
    assert err.value.code in {"seating.invalid_shape", "seating.invalid_capacity"}
