"""The plan's result in the organiser's terms (issue 10, item 7): which hard rules are broken,
which wishes are missed and for whom, agreeing with the score's components."""

from __future__ import annotations

from hypothesis import given

from tests.domain.seating._strategies import instances, plans
from xzdesk.domain.seating import (
    SeatGuestInfo,
    SeatPairRow,
    SeatPlanInfo,
    SeatPlanScorer,
    SeatTableInfo,
    TableMixRow,
    TableShape,
    explain_plan,
    plan_issues,
    score_plan,
)

M, W = 1, 2


def test_example_explained():
    tables = [SeatTableInfo("T1", "1", TableShape.ROUND, 4), SeatTableInfo("T2", "2", TableShape.LONG, 4),
              SeatTableInfo("T3", "3", TableShape.ROUND, 6)]
    guests = [
        SeatGuestInfo("a", M, "E1"), SeatGuestInfo("b", M, "E1"), SeatGuestInfo("c", W),
        SeatGuestInfo("d", W, None, "F"), SeatGuestInfo("e", W, None, "F"), SeatGuestInfo("f", M),
    ]
    plan = SeatPlanInfo({"a": ("T1", 0), "b": ("T1", 1), "c": ("T1", 2), "d": ("T2", 0), "e": ("T2", 2),
                         "f": ("T2", 1)})
    why = explain_plan(guests, tables, plan)
    assert not why.hard_rules_met and [i.code for i in why.issues] == ["seating.employer_clash"]
    assert why.issues[0].guest_ids == ("a", "b")
    assert why.same_sex_neighbours == (SeatPairRow("T1", "a", "b"),)
    assert why.same_sex_facing == (SeatPairRow("T2", "d", "e"),)
    assert why.tables == (TableMixRow("T1", 2, 1, 4), TableMixRow("T2", 1, 2, 4), TableMixRow("T3", 0, 0, 6))
    assert why.uneven_sexes == ()  # 2:1 at a table of three is as even as it gets
    # six guests on 14 seats: T3 (6 seats) holds none of its share of 2.6 guests
    assert why.uneven_fill == (TableMixRow("T3", 0, 0, 6),)
    assert (why.men, why.women) == (3, 3) and not why.wishes_met


def test_uneven_sexes_beyond_what_the_number_forces():
    tables = [SeatTableInfo("T1", "1", TableShape.ROUND, 8)]
    guests = [SeatGuestInfo(f"m{i}", M) for i in range(5)] + [SeatGuestInfo(f"w{i}", W) for i in range(3)]
    plan = SeatPlanInfo({g.id: ("T1", i) for i, g in enumerate(guests)})
    why = explain_plan(guests, tables, plan)
    assert why.uneven_sexes == (TableMixRow("T1", 5, 3, 8),)
    assert why.hard_rules_met


def test_a_plan_that_meets_everything():
    tables = [SeatTableInfo("T1", "1", TableShape.ROUND, 4)]
    guests = [SeatGuestInfo("m1", M), SeatGuestInfo("w1", W), SeatGuestInfo("m2", M), SeatGuestInfo("w2", W)]
    plan = SeatPlanInfo({g.id: ("T1", i) for i, g in enumerate(guests)})
    why = SeatPlanScorer(guests, tables, plan).explain()
    assert why.hard_rules_met and why.wishes_met


@given(instances().flatmap(lambda inst: plans(*inst).map(lambda plan: (*inst, plan))))
def test_explanation_agrees_with_the_score(case):
    guests, tables, plan = case
    why = explain_plan(guests, tables, plan)
    score = score_plan(guests, tables, plan)
    assert len(why.same_sex_neighbours) == score.same_sex_neighbours
    assert len(why.same_sex_facing) == score.same_sex_facing
    assert sum((t.men - t.women) ** 2 for t in why.tables) == score.sex_imbalance
    assert why.men + why.women == len(guests) - score.unseated
    assert why.issues == plan_issues(guests, tables, plan)
    sign = {g.id: g.sex for g in guests}
    for pair in (*why.same_sex_neighbours, *why.same_sex_facing):
        assert sign[pair.guest_a] == sign[pair.guest_b] and plan.seats[pair.guest_a].table_id == pair.table_id
