from __future__ import annotations

import threading
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.seating import _reference as ref
from tests.domain.seating._strategies import instances, plans
from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.progress import CancelToken
from xzdesk.domain.seating import (
    SeatGuestInfo,
    SeatPlanInfo,
    SeatRef,
    SeatTableInfo,
    StoppedBy,
    TableShape,
    assign_seats,
    plan_issues,
    score_plan,
)
from xzdesk.domain.seating._problem import build_problem, lower_bounds

M, W = 1, 2


def check_result(guests, tables, previous, result):
    """Everything the result claims, checked independently. Returns (fixed, blocked, table_of)."""
    plan = result.plan
    locked = previous.locked if previous else frozenset()
    occupants = previous.occupants() if previous else {}
    fixed, blocked = ref.fixed_seats(guests, tables, locked, {r: occupants[r] for r in locked if r in occupants})
    caps = {t.id: t.capacity for t in tables}
    # a valid plan: seats exist, one guest per seat, every guest exactly once
    assert len(set(plan.seats.values())) == len(plan.seats)
    assert all(0 <= s.seat_index < caps[s.table_id] for s in plan.seats.values())
    assert sorted(list(plan.seats) + list(plan.unseated)) == sorted(g.id for g in guests)
    available = sum(caps.values()) - len(blocked)
    assert len(plan.unseated) == max(0, len(guests) - available)
    # the guests left out are the last ones given (pinned and locked guests are always seated)
    movable = [g.id for g in guests if g.id not in fixed]
    assert set(plan.unseated) == set(movable[len(movable) - len(plan.unseated):])
    # pins and locks honoured, empty locked seats stay empty
    for gid, seat in fixed.items():
        assert plan.seats[gid] == seat
    assert not blocked & set(plan.seats.values())
    assert plan.locked == locked
    # the issues are exactly the violations, and the score is the plan's
    table_of = {gid: s.table_id for gid, s in plan.seats.items()}
    by_code = Counter(i.code for i in result.issues)
    clashes = ref.employer_excess_by_employer(guests, table_of)
    splits = ref.split_by_group(guests, table_of)
    pinned_not_honoured = {g.id for g in guests if g.pinned is not None and g.id not in
                           ref.honoured_pins(guests, tables, locked, {r: occupants[r] for r in locked
                                                                      if r in occupants})}
    assert {i.guest_ids[0] for i in result.issues if i.code == "seating.pin_conflict"} == pinned_not_honoured
    assert by_code["seating.employer_clash"] == 0 if sum(clashes.values()) == 0 else by_code["seating.employer_clash"] > 0
    assert by_code["seating.friends_split"] == sum(1 for v in splits.values() if v > 0)
    assert by_code["seating.capacity_short"] == (1 if plan.unseated else 0)
    assert by_code["seating.pin_moved"] == 0 and by_code["seating.unseated"] == 0
    assert result.score == score_plan(guests, tables, plan)
    assert result.score.hard == len(plan.unseated) + sum(clashes.values()) + sum(splits.values())
    assert plan_issues(guests, tables, plan) == result.issues
    return fixed, blocked, table_of


def brute_force_minima(guests, tables, fixed, blocked, seated):
    """Per employer and per friend group the least violation any table assignment achieves, and
    the least total."""
    best_emp: dict = {}
    best_split: dict = {}
    best_total = None
    for assignment in ref.table_assignments(guests, tables, fixed, blocked, seated):
        emp = ref.employer_excess_by_employer(guests, assignment)
        split = ref.split_by_group(guests, assignment)
        for g in guests:
            if g.employer_key:
                best_emp[g.employer_key] = min(best_emp.get(g.employer_key, 99), emp[g.employer_key])
            if g.friend_group:
                best_split[g.friend_group] = min(best_split.get(g.friend_group, 99), split[g.friend_group])
        total = sum(emp.values()) + sum(split.values())
        best_total = total if best_total is None else min(best_total, total)
    return best_emp, best_split, best_total


# ---------------------------------------------------------------------------------------------
# examples


def test_alternates_and_balances_an_easy_event():
    tables = [SeatTableInfo(f"T{i}", str(i), TableShape.ROUND if i % 2 else TableShape.LONG, 8) for i in range(4)]
    guests = [SeatGuestInfo(f"G{i}", M if i % 2 else W, f"E{i // 4}") for i in range(32)]
    result = assign_seats(guests, tables, seed=3)
    assert result.hard_constraints_met and result.issues == ()
    assert result.score.total == 0  # balanced, alternating, facing man/woman, evenly filled
    check_result(guests, tables, None, result)


def test_employer_with_more_people_than_tables_is_proven_unavoidable():
    tables = [SeatTableInfo(f"T{i}", str(i), TableShape.ROUND, 4) for i in range(3)]
    guests = [SeatGuestInfo(f"A{i}", M if i % 2 else W, "ACME") for i in range(5)]
    guests += [SeatGuestInfo(f"B{i}", M if i % 2 else W) for i in range(5)]
    result = assign_seats(guests, tables)
    check_result(guests, tables, None, result)
    assert result.score.employer_excess == 2  # 5 colleagues at 3 tables
    clashes = [i for i in result.issues if i.code == "seating.employer_clash"]
    assert clashes and all(i.unavoidable for i in clashes)
    assert dict(clashes[0].proof_params) == {"units": 5, "tables": 3, "fixed_excess": 0, "minimum": 2}
    assert result.best_possible and not result.hard_constraints_met
    per_table = Counter(result.plan.seats[g.id].table_id for g in guests if g.employer_key == "ACME")
    assert sorted(per_table.values()) == [1, 2, 2]  # unavoidable clashes spread, not piled up


def test_friend_group_too_big_for_any_table_is_proven_split():
    tables = [SeatTableInfo("T1", "1", TableShape.ROUND, 4), SeatTableInfo("T2", "2", TableShape.ROUND, 4)]
    guests = [SeatGuestInfo(f"F{i}", M if i % 2 else W, None, "gang") for i in range(6)]
    result = assign_seats(guests, tables)
    check_result(guests, tables, None, result)
    (issue,) = result.issues
    assert issue.code == "seating.friends_split" and issue.unavoidable
    assert dict(issue.proof_params) == {"members": 6, "fixed_tables": 0, "minimum_tables": 2}


def test_friends_sit_together_and_colleagues_apart():
    tables = [SeatTableInfo(f"T{i}", str(i), TableShape.ROUND, 6) for i in range(4)]
    guests = []
    for grp in range(4):  # four groups of three, each with a colleague of the next group
        for k in range(3):
            guests.append(SeatGuestInfo(f"g{grp}{k}", M if k % 2 else W, f"E{(grp + k) % 4}", f"F{grp}"))
    guests += [SeatGuestInfo(f"s{i}", M if i % 2 else W, f"E{4 + i % 4}") for i in range(8)]
    result = assign_seats(guests, tables, seed=1)
    assert result.issues == ()
    check_result(guests, tables, None, result)
    table_of = {g: s.table_id for g, s in result.plan.seats.items()}
    for grp in range(4):
        assert len({table_of[f"g{grp}{k}"] for k in range(3)}) == 1


def test_pins_and_locks_are_honoured_and_conflicts_reported():
    tables = [SeatTableInfo("T1", "1", TableShape.ROUND, 4), SeatTableInfo("T2", "2", TableShape.LONG, 4)]
    guests = [
        SeatGuestInfo("vip", M, pinned=SeatRef("T1", 0)),
        SeatGuestInfo("dup", W, pinned=SeatRef("T1", 0)),  # same seat as vip: conflict
        SeatGuestInfo("gone", W, pinned=SeatRef("T9", 0)),  # table does not exist
        SeatGuestInfo("kept", W, pinned=SeatRef("T1", 1)),  # locked elsewhere in the previous plan
    ] + [SeatGuestInfo(f"x{i}", M if i % 2 else W) for i in range(3)]
    previous = SeatPlanInfo({"kept": ("T2", 3), "x0": ("T1", 3)},
                            locked=frozenset({SeatRef("T2", 3), SeatRef("T2", 0)}))
    result = assign_seats(guests, tables, previous=previous)
    check_result(guests, tables, previous, result)
    plan = result.plan
    assert plan.seats["vip"] == SeatRef("T1", 0)
    assert plan.seats["kept"] == SeatRef("T2", 3)  # the lock wins over the guest's pin
    assert SeatRef("T2", 0) not in plan.occupants()  # locked empty seat stays empty
    reasons = {i.guest_ids[0]: i.params["reason"] for i in result.issues if i.code == "seating.pin_conflict"}
    assert reasons == {"dup": "seat_taken", "gone": "no_such_table", "kept": "locked_elsewhere"}
    assert all(i.unavoidable for i in result.issues)


def test_a_locked_seat_whose_guest_left_stays_empty():
    tables = [SeatTableInfo("T1", "1", TableShape.ROUND, 3)]
    guests = [SeatGuestInfo("a", M), SeatGuestInfo("b", W)]
    previous = SeatPlanInfo({"cancelled": ("T1", 1), "a": ("T1", 0)}, locked=frozenset({SeatRef("T1", 1)}))
    result = assign_seats(guests, tables, previous=previous)
    assert SeatRef("T1", 1) not in result.plan.occupants()
    assert result.plan.locked == {SeatRef("T1", 1)} and result.issues == ()
    assert set(result.plan.seats.values()) == {SeatRef("T1", 0), SeatRef("T1", 2)}


def test_capacity_short_leaves_the_last_guests_out():
    tables = [SeatTableInfo("T1", "1", TableShape.ROUND, 3)]
    guests = [SeatGuestInfo(f"G{i}", M if i % 2 else W) for i in range(4)]
    guests.append(SeatGuestInfo("P", W, pinned=SeatRef("T1", 2)))
    result = assign_seats(guests, tables)
    check_result(guests, tables, None, result)
    assert result.plan.unseated == ("G2", "G3")
    (issue,) = result.issues
    assert issue.code == "seating.capacity_short" and issue.unavoidable
    assert dict(issue.params) == {"needed": 5, "available": 3, "count": 2}


def test_same_seed_same_plan_and_empty_inputs():
    tables = [SeatTableInfo(f"T{i}", str(i), TableShape.ROUND, 5) for i in range(3)]
    guests = [SeatGuestInfo(f"G{i}", M if i % 3 else W, f"E{i % 2}", f"F{i % 4}" if i < 6 else None)
              for i in range(13)]
    a = assign_seats(guests, tables, seed=7, max_iterations=5000)
    b = assign_seats(guests, tables, seed=7, max_iterations=5000)
    assert a.plan == b.plan and a.score == b.score
    assert assign_seats([], tables).plan == SeatPlanInfo({})
    empty = assign_seats(guests[:2], [])
    assert empty.plan.unseated == ("G0", "G1") and empty.issues[0].code == "seating.capacity_short"


def test_invalid_input_is_an_error():
    tables = [SeatTableInfo("T1", "1", TableShape.ROUND, 3)]
    for guests, tables_, code in [
        ([SeatGuestInfo("a", M), SeatGuestInfo("a", W)], tables, "seating.duplicate_guest"),
        ([SeatGuestInfo("a", 9)], tables, "seating.invalid_sex"),
        ([], tables * 2, "seating.duplicate_table"),
        ([], [SeatTableInfo("T1", "1", "oval", 3)], "seating.invalid_shape"),
        ([], [SeatTableInfo("T1", "1", TableShape.LONG, 0)], "seating.invalid_capacity"),
    ]:
        with pytest.raises(XzError) as err:
            assign_seats(guests, tables_)
        assert err.value.code == code
    with pytest.raises(XzError) as err:
        assign_seats([], tables, previous=SeatPlanInfo({}, locked=frozenset({SeatRef("T1", 5)})))
    assert err.value.code == "seating.unknown_seat"


def _big_instance():
    tables = [SeatTableInfo(f"T{i}", str(i), TableShape.ROUND, 10) for i in range(12)]
    guests = [SeatGuestInfo(f"G{i}", M if i % 7 < 4 else W, f"E{i % 23}", f"F{i // 3}" if i < 30 else None)
              for i in range(115)]
    return guests, tables


def test_stop_returns_the_best_plan_so_far_and_cancel_raises():
    guests, tables = _big_instance()
    stop = CancelToken()
    seen = []

    def progress(fraction, code):
        seen.append((fraction, code))
        if code == "seating.improve":
            stop.cancel()

    result = assign_seats(guests, tables, stop=stop, progress=progress, max_iterations=10_000_000)
    assert result.stats.stopped_by is StoppedBy.STOPPED
    assert result.stats.iterations < 10_000_000
    assert result.score.total <= result.stats.construct_score
    check_result(guests, tables, None, result)
    assert [c for _, c in seen][0] == "seating.construct"
    assert all(0.0 <= f <= 1.0 for f, _ in seen)

    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled):
        assign_seats(guests, tables, cancel=cancel)

    late = CancelToken()
    with pytest.raises(Cancelled):
        assign_seats(guests, tables, cancel=late, max_iterations=10_000_000,
                     progress=lambda f, c: late.cancel() if c == "seating.improve" else None)


def test_time_budget_ends_the_search():
    guests, tables = _big_instance()
    result = assign_seats(guests, tables, time_budget_s=0.0, max_iterations=10_000_000)
    assert result.stats.stopped_by is StoppedBy.TIME_BUDGET
    check_result(guests, tables, None, result)


def test_runs_on_a_worker_thread():
    guests, tables = _big_instance()
    out = {}
    worker = threading.Thread(target=lambda: out.update(r=assign_seats(guests, tables, max_iterations=2000)))
    worker.start()
    worker.join()
    assert out["r"].plan == assign_seats(guests, tables, max_iterations=2000).plan


# ---------------------------------------------------------------------------------------------
# properties on random small instances


@given(st.data())
def test_random_instances_meet_what_they_claim(data):
    guests, tables = data.draw(instances(max_tables=4, max_capacity=5, max_guests=14))
    previous = data.draw(st.none() | plans(guests, tables))
    seed = data.draw(st.integers(0, 3))
    result = assign_seats(guests, tables, previous=previous, seed=seed, max_iterations=3000)
    check_result(guests, tables, previous, result)


@settings(max_examples=40)
@given(st.data())
def test_unavoidable_claims_are_genuine_by_brute_force(data):
    guests, tables = data.draw(instances(max_tables=3, max_capacity=4, max_guests=8))
    previous = data.draw(st.none() | plans(guests, tables, max_locks=2))
    result = assign_seats(guests, tables, previous=previous, max_iterations=4000)
    fixed, blocked, table_of = check_result(guests, tables, previous, result)
    seated = set(result.plan.seats)
    best_emp, best_split, best_total = brute_force_minima(guests, tables, fixed, blocked, seated)
    excess = ref.employer_excess_by_employer(guests, table_of)
    splits = ref.split_by_group(guests, table_of)
    employer_of = {g.id: g.employer_key for g in guests}
    group_of = {g.id: g.friend_group for g in guests}
    for issue in result.issues:
        if issue.code == "seating.employer_clash":
            e = employer_of[issue.guest_ids[0]]
            if issue.unavoidable:  # no table assignment does better for this employer
                assert best_emp[e] == excess[e] == issue.proof_params["minimum"]
        if issue.code == "seating.friends_split":
            f = group_of[issue.guest_ids[0]]
            if issue.unavoidable:
                assert best_split[f] == splits[f] == issue.proof_params["minimum_tables"] - 1
    # every proven minimum holds for every plan, whatever the solver found
    occupants = previous.occupants() if previous else {}
    locked = previous.locked if previous else frozenset()
    prob = build_problem(guests, tables, locked=locked,
                         locked_occupants={r: occupants[r] for r in locked if r in occupants})
    bounds = lower_bounds(prob, [prob.gidx[g] for g in seated])
    for e, (minimum, _) in bounds.employer.items():
        assert best_emp[prob.guests[next(g for g in range(prob.n_guests) if prob.emp[g] == e)].employer_key] >= minimum
    for gi, (minimum, _) in bounds.friends.items():
        assert best_split[prob.guests[prob.group_members[gi][0]].friend_group] >= minimum
    # and on instances this small the search finds the least possible hard violations
    assert result.score.hard - len(result.plan.unseated) == best_total


@pytest.mark.slow
@given(st.data())
def test_larger_random_instances_meet_what_they_claim(data):
    guests, tables = data.draw(instances(max_tables=8, max_capacity=8, max_guests=40,
                                         employers=(None, "A", "B", "C", "D", "E"),
                                         groups=(None, None, None, "F1", "F2", "F3", "F4")))
    previous = data.draw(st.none() | plans(guests, tables, max_locks=6))
    result = assign_seats(guests, tables, previous=previous, seed=data.draw(st.integers(0, 9)),
                          max_iterations=5_000)
    check_result(guests, tables, previous, result)
