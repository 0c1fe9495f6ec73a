from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.domain.seating import _reference as ref
from tests.domain.seating._strategies import all_seats, instances, plans
from xzdesk.domain.errors import XzError
from xzdesk.domain.seating import (
    SeatGuestInfo,
    SeatPlanInfo,
    SeatPlanScorer,
    SeatRef,
    SeatTableInfo,
    TableShape,
    plan_issues,
    score_plan,
)

M, W = 1, 2
COMPONENTS = ("unseated", "pin_violations", "employer_excess", "friends_split", "sex_imbalance",
              "same_sex_neighbours", "same_sex_facing", "colleague_crowding")


def assert_matches_reference(guests, tables, plan, score):
    expected = ref.components(guests, tables, plan)
    for name in COMPONENTS:
        assert getattr(score, name) == expected[name], name
    assert score.fill_unevenness == pytest.approx(expected["fill_unevenness"], abs=1e-9)
    assert score.hard == score.unseated + score.pin_violations + score.employer_excess + score.friends_split
    assert score.total == pytest.approx(1000 * score.hard + score.soft)


def _round(n=4, tid="T1"):
    return SeatTableInfo(tid, tid, TableShape.ROUND, n)


def test_example_scores():
    tables = [_round(4, "T1"), SeatTableInfo("T2", "2", TableShape.LONG, 4)]
    guests = [
        SeatGuestInfo("a", M, "E1"), SeatGuestInfo("b", M, "E1"), SeatGuestInfo("c", W),
        SeatGuestInfo("d", W, None, "F"), SeatGuestInfo("e", W, None, "F"), SeatGuestInfo("f", M),
    ]
    # T1 (ring 0-1-2-3-0): a b c .  -> a/b neighbours, same employer; T2 long: 0 1 / 2 3
    plan = SeatPlanInfo({"a": ("T1", 0), "b": ("T1", 1), "c": ("T1", 2), "d": ("T2", 0), "e": ("T2", 2),
                         "f": ("T2", 1)})
    score = score_plan(guests, tables, plan)
    assert score.employer_excess == 1
    assert score.friends_split == 0
    assert score.same_sex_neighbours == 1  # a-b; b-c and c-(empty) are fine
    assert score.same_sex_facing == 1  # d (T2 seat 0) faces e (seat 2)
    assert score.sex_imbalance == 1 + 1  # T1: 2 men 1 woman; T2: 1 man 2 women
    assert score.fill_unevenness == pytest.approx(0.0)
    assert score.hard == 1
    assert_matches_reference(guests, tables, plan, score)
    issues = plan_issues(guests, tables, plan)
    assert [(i.code, dict(i.params), i.guest_ids, i.unavoidable) for i in issues] == [
        ("seating.employer_clash", {"table_id": "T1", "count": 2, "units": 2}, ("a", "b"), False)
    ]


def test_friends_who_are_colleagues_do_not_clash():
    tables = [_round(4)]
    guests = [SeatGuestInfo("a", M, "E", "F"), SeatGuestInfo("b", W, "E", "F"), SeatGuestInfo("c", M, "E")]
    plan = SeatPlanInfo({"a": ("T1", 0), "b": ("T1", 1)}, unseated=("c",))
    assert score_plan(guests, tables, plan).employer_excess == 0
    plan = SeatPlanInfo({"a": ("T1", 0), "b": ("T1", 1), "c": ("T1", 2)})
    assert score_plan(guests, tables, plan).employer_excess == 1  # the group is one unit, c another


def test_colleague_crowding_counts_units_beyond_two_at_a_table():
    tables = [_round(6, "T1"), _round(6, "T2")]
    guests = [SeatGuestInfo(f"c{i}", M if i % 2 else W, "E") for i in range(4)]
    four_at_one = SeatPlanInfo({f"c{i}": ("T1", i) for i in range(4)})
    two_and_two = SeatPlanInfo({"c0": ("T1", 0), "c1": ("T1", 1), "c2": ("T2", 0), "c3": ("T2", 1)})
    a, b = score_plan(guests, tables, four_at_one), score_plan(guests, tables, two_and_two)
    assert a.employer_excess == 3 and a.colleague_crowding == 3  # C(3, 2)
    assert b.employer_excess == 2 and b.colleague_crowding == 0


def test_issue_codes_for_unseated_pins_and_capacity():
    tables = [_round(2)]
    guests = [SeatGuestInfo("a", M, pinned=SeatRef("T1", 1)), SeatGuestInfo("b", W),
              SeatGuestInfo("c", W, pinned=SeatRef("T9", 0)), SeatGuestInfo("d", M, pinned=SeatRef("T1", 5))]
    plan = SeatPlanInfo({"a": ("T1", 0), "b": ("T1", 1)}, unseated=("c", "d"))
    issues = {i.code: i for i in plan_issues(guests, tables, plan)}
    assert dict(issues["seating.capacity_short"].params) == {"needed": 4, "available": 2, "count": 2}
    assert issues["seating.capacity_short"].unavoidable
    assert dict(issues["seating.pin_moved"].params) == {"table_id": "T1", "seat_index": 1}
    conflicts = [i for i in plan_issues(guests, tables, plan) if i.code == "seating.pin_conflict"]
    assert [(i.guest_ids, i.params["reason"], i.unavoidable) for i in conflicts] == [
        (("c",), "no_such_table", True), (("d",), "no_such_seat", True)]
    score = score_plan(guests, tables, plan)
    assert (score.unseated, score.pin_violations) == (2, 1)
    # free seat but someone left out: "unseated", not a capacity problem
    plan = SeatPlanInfo({"a": ("T1", 1)}, unseated=("b", "c", "d"))
    tables = [_round(4)]
    codes = [i.code for i in plan_issues(guests, tables, plan)]
    assert "seating.unseated" in codes and "seating.capacity_short" not in codes


def test_invalid_plans_are_errors():
    tables = [_round(2)]
    guests = [SeatGuestInfo("a", M), SeatGuestInfo("b", W)]
    with pytest.raises(XzError) as err:
        score_plan(guests, tables, SeatPlanInfo({"a": ("T1", 0), "b": ("T1", 0)}))
    assert err.value.code == "seating.seat_taken"
    with pytest.raises(XzError) as err:
        score_plan(guests, tables, SeatPlanInfo({"zz": ("T1", 0)}))
    assert err.value.code == "seating.unknown_guest"
    with pytest.raises(XzError) as err:
        score_plan(guests, tables, SeatPlanInfo({"a": ("T1", 2)}))
    assert err.value.code == "seating.unknown_seat"
    with pytest.raises(XzError) as err:
        score_plan(guests, tables, SeatPlanInfo({"a": ("T2", 0)}))
    assert err.value.code == "seating.unknown_table"
    with pytest.raises(XzError) as err:
        score_plan([SeatGuestInfo("a", 0)], tables, SeatPlanInfo({}))
    assert err.value.code == "seating.invalid_sex"


def test_scorer_moves_swaps_and_locks():
    tables = [_round(4, "T1"), _round(4, "T2")]
    guests = [SeatGuestInfo("a", M, "E"), SeatGuestInfo("b", M, "E"), SeatGuestInfo("c", W), SeatGuestInfo("d", W)]
    plan = SeatPlanInfo({"a": ("T1", 0), "b": ("T1", 1), "c": ("T2", 0)}, unseated=("d",),
                        locked=frozenset({SeatRef("T2", 0)}))
    scorer = SeatPlanScorer(guests, tables, plan)
    assert scorer.score().employer_excess == 1
    delta = scorer.delta_move("b", ("T2", 1))
    assert delta.hard == -1 and delta.after.employer_excess == 0
    assert scorer.score() == delta.before  # a what-if leaves the plan as it was
    assert scorer.seat_of("b") == SeatRef("T1", 1)
    after = scorer.move("b", ("T2", 1))
    assert after == delta.after and scorer.seat_of("b") == SeatRef("T2", 1)
    # dropping on an occupied seat swaps
    scorer.move("a", ("T2", 1))
    assert scorer.seat_of("a") == SeatRef("T2", 1) and scorer.seat_of("b") == SeatRef("T1", 0)
    # the locked seat's guest cannot move, nobody can take it
    for action in (lambda: scorer.move("c", ("T1", 3)), lambda: scorer.swap("a", "c"),
                   lambda: scorer.delta_move("d", ("T2", 0)), lambda: scorer.unseat("c")):
        with pytest.raises(XzError) as err:
            action()
        assert err.value.code == "seating.seat_locked"
    scorer.set_locked(("T2", 0), False)
    scorer.move("d", ("T2", 0))  # swaps with c
    assert scorer.seat_of("c") is None and scorer.occupant(("T2", 0)) == "d"
    assert scorer.plan().unseated == ("c",)
    assert scorer.plan().locked == frozenset()
    scorer.swap("c", "b")  # the unseated guest takes the seated one's place
    assert scorer.seat_of("c") == SeatRef("T1", 0) and scorer.seat_of("b") is None
    assert scorer.score() == score_plan(guests, tables, scorer.plan())


@given(st.data())
def test_score_matches_the_definition(data):
    guests, tables = data.draw(instances())
    plan = data.draw(plans(guests, tables))
    assert_matches_reference(guests, tables, plan, score_plan(guests, tables, plan))


@given(st.data())
def test_deltas_equal_full_rescoring_after_random_edits(data):
    guests, tables = data.draw(instances())
    plan = data.draw(plans(guests, tables))
    scorer = SeatPlanScorer(guests, tables, plan)
    seats = all_seats(tables)
    locked = plan.locked
    for _ in range(data.draw(st.integers(1, 15))):
        if not guests:
            break
        before_plan = scorer.plan()
        before = scorer.score()
        g = data.draw(st.sampled_from(guests)).id
        kind = data.draw(st.sampled_from(["move", "swap", "unseat"]))
        if kind == "swap":
            h = data.draw(st.sampled_from(guests)).id
            args = (g, h)
            touched = {before_plan.seats.get(g), before_plan.seats.get(h)} if g != h else set()
            if before_plan.seats.get(g) is None and before_plan.seats.get(h) is None:
                touched = set()
            what_if, do = scorer.delta_swap, scorer.swap
        else:
            seat = data.draw(st.sampled_from(seats)) if kind == "move" else None
            args = (g, seat)
            current = before_plan.seats.get(g)
            touched = set() if seat == current or (seat is None and current is None) else {current, seat}
            what_if, do = scorer.delta_move, scorer.move
        if touched & locked:
            with pytest.raises(XzError):
                what_if(*args)
            with pytest.raises(XzError):
                do(*args)
            assert scorer.plan() == before_plan
            continue
        predicted = what_if(*args)
        assert predicted.before == before and scorer.plan() == before_plan
        after = do(*args)
        assert after == predicted.after
        full = score_plan(guests, tables, scorer.plan())
        assert after == full
        assert_matches_reference(guests, tables, scorer.plan(), after)
        assert predicted.total == pytest.approx(full.total - before.total)
