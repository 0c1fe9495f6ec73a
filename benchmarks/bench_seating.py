"""Seating and speed-dating rotation figures.

seating_hard_met   400 guests / 40 tables of 10: time until every hard constraint is met (or the
                   proven minimum reached), target 1 s. Four synthetic events: employers of
                   1..35 people, a quarter of the guests in friend groups of 2..5, 55 % men, ten
                   pinned guests, round and long tables; the fourth one tight (five employers
                   with one guest per table, 35 % in friend groups of up to six).
seating_converged  the full run (constructive phase + annealing until converged), target 10 s,
                   with the score reached next to two naive baselines scored in the same run:
                   a random plan and a first-fit greedy (pins first, then each guest at the first
                   table with a free seat and no colleague).
rotation_200x200   speed-dating schedule, 200 women x 200 men with colleagues, all 200 rounds,
                   p50/p95 over repeats, target 50 ms; baseline: the same cyclic schedule built
                   with plain Python loops.
rotation_200x200_15_rounds  the same with 15 rounds, where colleague pairs are re-matched.
rotation_cards     building every person's card rows (no target: a printing step).
"""

from __future__ import annotations

import random
import statistics
import time

from _common import report, scale, time_calls

from xzdesk.domain.seating import (
    RotationSettingsInfo,
    SeatGuestInfo,
    SeatPlanInfo,
    SeatRef,
    SeatTableInfo,
    TableShape,
    assign_seats,
    schedule_speed_dating,
    score_plan,
)


def synthetic_event(n: int, *, seed: int, tight: bool = False) -> tuple[list[SeatGuestInfo], list[SeatTableInfo]]:
    """`tight`: five employers as large as the number of tables, 35 % of guests in friend groups
    of up to six (every hard constraint can still be met, but only just)."""
    rng = random.Random(seed)
    n_tables = max(1, n // 10)
    tables = [SeatTableInfo(f"T{i}", str(i + 1), TableShape.LONG if i % 4 == 0 else TableShape.ROUND, 10)
              for i in range(n_tables)]
    employers: list[str] = []
    if tight:
        for _ in range(min(5, n // n_tables)):
            employers += [f"E{len(employers)}"] * n_tables
    while len(employers) < n:
        size = min(n - len(employers), rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 8, 12, 20, 35]), n_tables)
        employers += [f"E{len(employers)}"] * size
    rng.shuffle(employers)
    groups: dict[int, str] = {}
    i = 0
    while i < (n * 35 // 100 if tight else n // 4):
        size = rng.choice([2, 3, 4, 6] if tight else [2, 2, 3, 4, 5])
        for _ in range(size):
            groups[i] = f"F{i}-{size}"
            i += 1
    order = list(range(n))
    rng.shuffle(order)
    guests = []
    for j, k in enumerate(order):
        pinned = SeatRef(f"T{j}", 0) if j < min(10, n_tables) else None
        guests.append(SeatGuestInfo(f"G{k}", 1 if rng.random() < 0.55 else 2,
                                    employers[k] if rng.random() < 0.9 else None, groups.get(k), pinned))
    return guests, tables


def random_plan(guests, tables, *, seed: int) -> SeatPlanInfo:
    rng = random.Random(seed)
    pinned = {g.id: g.pinned for g in guests if g.pinned is not None}
    seats = [SeatRef(t.id, i) for t in tables for i in range(t.capacity) if SeatRef(t.id, i) not in pinned.values()]
    rng.shuffle(seats)
    free = iter(seats)
    return SeatPlanInfo({g.id: pinned.get(g.id) or next(free) for g in guests})


def greedy_plan(guests, tables) -> SeatPlanInfo:
    taken = {g.pinned for g in guests if g.pinned is not None}
    seats = {g.id: g.pinned for g in guests if g.pinned is not None}
    employers_at: dict[str, set[str]] = {t.id: set() for t in tables}
    for g in guests:
        if g.pinned is not None and g.employer_key:
            employers_at[g.pinned.table_id].add(g.employer_key)
    for g in guests:
        if g.id in seats:
            continue
        options = [t for t in tables if any(SeatRef(t.id, i) not in taken for i in range(t.capacity))]
        fitting = [t for t in options if g.employer_key not in employers_at[t.id]] or options
        table = fitting[0]
        seat = next(SeatRef(table.id, i) for i in range(table.capacity) if SeatRef(table.id, i) not in taken)
        taken.add(seat)
        seats[g.id] = seat
        if g.employer_key:
            employers_at[table.id].add(g.employer_key)
    return SeatPlanInfo(seats)


def bench_seating() -> None:
    n = scale(400)
    runs = []
    for seed, tight in ((1, False), (2, False), (3, False), (4, True)):
        guests, tables = synthetic_event(n, seed=seed, tight=tight)
        t0 = time.perf_counter()
        greedy = greedy_plan(guests, tables)
        greedy_ms = (time.perf_counter() - t0) * 1000
        result = assign_seats(guests, tables, seed=seed)
        runs.append({
            "result": result,
            "greedy_ms": greedy_ms,
            "greedy": score_plan(guests, tables, greedy),
            "random": score_plan(guests, tables, random_plan(guests, tables, seed=seed)),
        })
    stats = [r["result"].stats for r in runs]
    hard_met = [s.hard_met_ms if s.hard_met_ms is not None else float("inf") for s in stats]
    report("seating_hard_met", n=n, samples_ms=hard_met, target_ms=1000,
           construct_ms_p50=round(statistics.median(s.construct_ms for s in stats), 1),
           events=len(runs), hard_left=[r["result"].score.hard for r in runs],
           best_possible=all(r["result"].best_possible for r in runs))
    scores = [r["result"].score for r in runs]
    report("seating_converged", n=n, samples_ms=[s.elapsed_ms for s in stats], target_ms=10000,
           greedy_ms=round(statistics.median(r["greedy_ms"] for r in runs), 1),
           iterations=[s.iterations for s in stats], stopped_by=[str(s.stopped_by) for s in stats],
           score=[round(s.total, 1) for s in scores],
           score_after_construct=[round(s.construct_score, 1) for s in stats],
           score_greedy=[round(r["greedy"].total, 1) for r in runs],
           score_random=[round(r["random"].total, 1) for r in runs],
           hard=[s.hard for s in scores], hard_greedy=[r["greedy"].hard for r in runs],
           hard_random=[r["random"].hard for r in runs],
           soft=[round(s.soft, 1) for s in scores], soft_greedy=[round(r["greedy"].soft, 1) for r in runs],
           soft_random=[round(r["random"].soft, 1) for r in runs])


def naive_rotation(women, men) -> list[list[tuple[str, str]]]:
    """The same cyclic schedule with plain loops (colleague pairs skipped)."""
    n = max(len(women), len(men))
    rounds = []
    for d in range(n):
        pairs = []
        for k, w in enumerate(women):
            j = (k - d) % n
            if j < len(men) and not (w.employer_key and w.employer_key == men[j].employer_key):
                pairs.append((w.id, men[j].id))
        rounds.append(pairs)
    return rounds


def bench_rotation() -> None:
    n = scale(200)
    rng = random.Random(5)
    employers = [f"E{i}" for i in range(max(1, n // 3))]
    women = [SeatGuestInfo(f"W{i}", 2, rng.choice(employers) if rng.random() < 0.8 else None) for i in range(n)]
    men = [SeatGuestInfo(f"M{i}", 1, rng.choice(employers) if rng.random() < 0.8 else None) for i in range(n)]
    guests = women + men
    full = RotationSettingsInfo(round_minutes=5, changeover_minutes=1, break_every=10, break_minutes=15)
    samples = time_calls(lambda: schedule_speed_dating(guests, settings=full), repeat=50, warmup=3)
    base = time_calls(lambda: naive_rotation(women, men), repeat=5, warmup=1)
    schedule = schedule_speed_dating(guests, settings=full)
    report("rotation_200x200", n=n, samples_ms=samples, target_ms=50, baseline_ms=statistics.median(base),
           rounds=schedule.n_rounds, meetings=schedule.meetings(),
           skipped_colleague_pairs=schedule.skipped_colleague_pairs)
    limited = RotationSettingsInfo(round_minutes=8, rounds=15, break_every=5, break_minutes=10)
    samples = time_calls(lambda: schedule_speed_dating(guests, settings=limited), repeat=30, warmup=2)
    schedule = schedule_speed_dating(guests, settings=limited)
    rests = [sum(p is None for p in partners) for partners in schedule.partners_by_person().values()]
    report("rotation_200x200_15_rounds", n=n, samples_ms=samples, target_ms=50, rounds=schedule.n_rounds,
           meetings=schedule.meetings(), skipped_colleague_pairs=schedule.skipped_colleague_pairs,
           rest_spread=max(rests) - min(rests))
    schedule = schedule_speed_dating(guests, settings=full)
    samples = time_calls(schedule.card_rows, repeat=5, warmup=1)
    report("rotation_cards", n=2 * n, samples_ms=samples, rows=2 * n * schedule.n_rounds)


def main() -> None:
    bench_rotation()
    bench_seating()


if __name__ == "__main__":
    main()
