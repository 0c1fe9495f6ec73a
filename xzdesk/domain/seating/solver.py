"""Automatic seat assignment: a constructive phase, then local search (simulated annealing).

Contract
- `assign_seats` is a pure function of its arguments: no database, no globals, no I/O; safe on
  any thread (run it off the UI thread: it may take seconds). Same inputs and seed give the same
  plan unless the time budget or the stop token cuts the search short.
- Two ways to end early, on purpose different:
  * `cancel` (CancelToken): the organiser abandons the run -> raises `Cancelled`, nothing to keep.
  * `stop` (a second CancelToken): "stop and keep the best so far" -> returns normally with the
    best plan found, `stats.stopped_by == StoppedBy.STOPPED`. The constructive phase always
    completes first (well under a second for 400 guests), so a plan always comes back.
- `progress(fraction, code)` is called with codes seating.construct and seating.improve, at most
  about ten times a second.
- Errors (XzError): invalid input, see `_problem.build_problem`.

Rules
- Hard: no seat holds two guests; pins and locks are honoured; every guest gets exactly one seat
  when the seats suffice (otherwise the guests given last are left unseated: pass guests in
  priority order); colleagues at different tables; friends at one table. Soft: men and women
  balanced at each table and alternating around it (and facing each other on long tables),
  tables filled in proportion to their size. The score weighs each hard violation far above any
  soft term (SeatingWeightsInfo).
- The result lists every unmet hard constraint as a SeatingIssueInfo, flagged unavoidable when a
  counting argument (in `_problem.lower_bounds`) proves no plan does better.

Method
1. Construct: fixed guests (pins, locks) first; then friend groups as blocks (largest first),
   then single guests, colleagues of large employers first, each to the table with the lowest
   cost (new clashes, sex balance, fill); finally each table's seats are filled greedily so that
   men and women alternate.
2. Improve: simulated annealing over three moves (a guest to any free seat, swapping when taken;
   a guest to another seat of the same table; a friend group's members at one table to another
   table, exchanging places with guests there). Every move is scored incrementally by `Engine`
   and undone if rejected. The best plan seen is kept.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.seating._engine import Engine
from xzdesk.domain.seating._problem import Problem, build_problem, lower_bounds
from xzdesk.domain.seating.codes import StoppedBy
from xzdesk.domain.seating.dto import (
    DEFAULT_WEIGHTS,
    SeatGuestInfo,
    SeatingResultInfo,
    SeatingStatsInfo,
    SeatingWeightsInfo,
    SeatPlanInfo,
    SeatTableInfo,
)
from xzdesk.domain.seating.scoring import issues_of, plan_from_positions

_T_START = 1.0  # in soft-score units: a same-sex neighbour pair costs 1 by default
_T_END = 0.02
_P_BLOCK = 0.08  # share of moves that relocate a friend group (costly: applied, then kept or undone)


def default_iterations(n_guests: int) -> int:
    """Local-search moves tried by default: enough to converge on events up to ~400 guests."""
    return max(5_000, min(500_000, 1_000 * n_guests))


def assign_seats(
    guests: Sequence[SeatGuestInfo],
    tables: Sequence[SeatTableInfo],
    *,
    previous: SeatPlanInfo | None = None,
    weights: SeatingWeightsInfo = DEFAULT_WEIGHTS,
    seed: int = 0,
    time_budget_s: float = 10.0,
    max_iterations: int | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    stop: CancelToken | None = None,
) -> SeatingResultInfo:
    """Seat `guests` at `tables`; honour pins and the locked seats of `previous` (a locked seat
    keeps what `previous` has there, a guest or nothing; the rest of `previous` is ignored).

    `time_budget_s` bounds the whole call (the constructive phase always completes);
    `max_iterations` the local search (default `default_iterations(len(guests))`; 0 = construct
    only). Returns the best plan found, its score, the unmet hard constraints and run stats.
    """
    t0 = time.perf_counter()
    locked = previous.locked if previous is not None else frozenset()
    occupants = previous.occupants() if previous is not None else {}
    prob = build_problem(guests, tables, locked=locked,
                         locked_occupants={ref: occupants[ref] for ref in locked if ref in occupants})
    progress(0.0, "seating.construct")
    cancel.check()
    engine = Engine(prob, weights)
    free = prob.free_per_table()
    room = sum(free)
    movable = [g for g in range(prob.n_guests) if g not in prob.fixed]
    seated_movable = movable[:room]
    bounds = lower_bounds(prob, seated_movable)
    _construct(prob, engine, seated_movable, weights)
    if engine.hard() > bounds.total:
        _repair(prob, engine, seated_movable, target_hard=bounds.total, cancel=cancel)
    construct_ms = (time.perf_counter() - t0) * 1000
    construct_score = engine.score().total
    progress(0.05, "seating.construct")

    iterations = default_iterations(prob.n_guests) if max_iterations is None else max(0, max_iterations)
    search = _Search(prob, engine, seated_movable, seed=seed)
    n_seated = prob.n_guests - bounds.shortage
    # No plan scores below this (hard minimum proven, soft terms >= 0, fill >= N^2/C): stop there.
    floor = (weights.hard * bounds.total
             + (weights.fill * n_seated * n_seated / prob.total_capacity if prob.total_capacity else 0.0))
    best_pos, stats = search.run(
        iterations=iterations, deadline=t0 + time_budget_s, t0=t0, target_hard=bounds.total, floor=floor,
        hard_met_ms=construct_ms if engine.hard() <= bounds.total else None,
        progress=progress, cancel=cancel, stop=stop,
    )
    engine.load(best_pos)
    score = engine.score()
    plan = plan_from_positions(prob, best_pos)
    progress(1.0, "seating.improve")
    return SeatingResultInfo(
        plan=plan, score=score, issues=issues_of(prob, best_pos, bounds),
        stats=SeatingStatsInfo(
            construct_ms=construct_ms, hard_met_ms=stats["hard_met_ms"],
            elapsed_ms=(time.perf_counter() - t0) * 1000, iterations=stats["iterations"],
            accepted=stats["accepted"], improvements=stats["improvements"],
            stopped_by=stats["stopped_by"], seed=seed, construct_score=construct_score,
        ),
    )


# ---------------------------------------------------------------------------------------------
# Constructive phase


def _construct(prob: Problem, eng: Engine, seated_movable: list[int], weights: SeatingWeightsInfo) -> None:
    for g, s in sorted(prob.fixed.items()):
        eng.add(g, s)
    free_seats: list[list[int]] = [[] for _ in range(prob.n_tables)]
    for s in range(prob.n_seats):
        if s not in prob.blocked and eng.occ[s] < 0:
            free_seats[prob.seat_table[s]].append(s)
    order, fixed_tables_of = _placement_order(prob, seated_movable)
    picker = _TablePicker(prob, eng, weights, set(seated_movable), [len(seats) for seats in free_seats])
    for block in order:
        picker.place(block, fixed_tables_of)
    for t in range(prob.n_tables):
        _arrange_table(prob, eng, picker.members_at[t], free_seats[t], weights)


def _placement_order(prob: Problem, seated_movable: list[int]) -> tuple[list[list[int]], dict[int, list[int]]]:
    """Friend groups as blocks (those with a pinned or locked member first, then the largest),
    then single guests, colleagues of large employers first. Also each group's fixed tables."""
    chosen = set(seated_movable)
    emp_size: dict[int, int] = {}
    for g in seated_movable:
        if prob.emp[g] >= 0:
            emp_size[prob.emp[g]] = emp_size.get(prob.emp[g], 0) + 1
    blocks: list[list[int]] = []
    fixed_tables_of: dict[int, list[int]] = {}
    for gi, members in enumerate(prob.group_members):
        block = [g for g in members if g in chosen]
        if block:
            blocks.append(block)
        fixed_tables_of[gi] = [prob.seat_table[prob.fixed[g]] for g in members if g in prob.fixed]
    singles = [g for g in seated_movable if prob.group[g] < 0]
    # Groups with a pinned or locked member first, while their table still has room.
    blocks.sort(key=lambda b: (not fixed_tables_of[prob.group[b[0]]], -len(b), b[0]))
    singles.sort(key=lambda g: (-emp_size.get(prob.emp[g], 0), prob.emp[g], g))
    return blocks + [[g] for g in singles], fixed_tables_of


class _TablePicker:
    """Chooses a table for each block of guests by cost (new clashes, sex balance, fill), with
    tentative counters: the engine gets the guests only when each table is arranged."""

    def __init__(self, prob: Problem, eng: Engine, weights: SeatingWeightsInfo, chosen: set[int],
                 left: list[int]) -> None:  # fmt: skip
        self.prob = prob
        self.left = left
        self.members_at: list[list[int]] = [[] for _ in range(prob.n_tables)]
        self.diff = list(eng.diff)
        self.cnt = list(eng.cnt)
        self.units_at: list[dict[int, set[int]]] = [{} for _ in range(prob.n_tables)]  # t -> e -> units
        for g, s in prob.fixed.items():
            if prob.emp[g] >= 0:
                self.units_at[prob.seat_table[s]].setdefault(prob.emp[g], set()).add(prob.unit[g])
        self.w_hard, self.w_sex, self.w_fill = weights.hard, weights.sex_balance, weights.fill
        # The ideal share of men per seat, to steer each table towards the overall ratio.
        men = sum(1 for g in range(prob.n_guests) if prob.sign[g] > 0 and (g in chosen or g in prob.fixed))
        seated_total = len(chosen) + len(prob.fixed)
        self.ratio = (2 * men - seated_total) / seated_total if seated_total else 0.0

    def cost(self, t: int, block: list[int]) -> float:
        prob = self.prob
        k = len(block)
        clash = 0
        for e in {prob.emp[g] for g in block if prob.emp[g] >= 0}:
            present = self.units_at[t].get(e)
            if present:
                clash += len({prob.unit[g] for g in block if prob.emp[g] == e} - present)
        ssum = sum(prob.sign[g] for g in block)
        c = self.cnt[t]
        target = self.ratio * (c + k)
        sex = (self.diff[t] + ssum - target) ** 2 - (self.diff[t] - self.ratio * c) ** 2
        fill = ((c + k) ** 2 - c * c) / prob.table_cap[t]
        return self.w_hard * clash + self.w_sex * sex + self.w_fill * fill

    def put(self, t: int, block: list[int]) -> None:
        prob = self.prob
        for g in block:
            self.members_at[t].append(g)
            self.diff[t] += prob.sign[g]
            self.cnt[t] += 1
            if prob.emp[g] >= 0:
                self.units_at[t].setdefault(prob.emp[g], set()).add(prob.unit[g])
        self.left[t] -= len(block)

    def place(self, block: list[int], fixed_tables_of: dict[int, list[int]]) -> None:
        """The cheapest table with room (a group's fixed table when it has room); a block too
        big for any table is split over the emptiest tables."""
        prob, left = self.prob, self.left
        k = len(block)
        preferred = []
        if prob.group[block[0]] >= 0:
            preferred = [t for t in fixed_tables_of.get(prob.group[block[0]], []) if left[t] >= k]
        candidates = preferred or [t for t in range(prob.n_tables) if left[t] >= k]
        if candidates:
            self.put(min(candidates, key=lambda t: (self.cost(t, block), t)), block)
            return
        rest = list(block)
        while rest:
            t = max(range(prob.n_tables), key=lambda t: (left[t], -t))
            part, rest = rest[: left[t]], rest[left[t]:]
            self.put(t, part)


def _arrange_table(prob: Problem, eng: Engine, members: list[int], seats: list[int],
                   weights: SeatingWeightsInfo) -> None:
    """Fill `seats` with `members` greedily so that neighbours (and facing seats) differ in sex."""
    if not members:
        return
    n, m = len(seats), len(members)
    use = [seats[(i * n) // m] for i in range(m)] if m < n else list(seats)
    men = [g for g in members if prob.sign[g] > 0]
    women = [g for g in members if prob.sign[g] < 0]
    occ = eng.occ
    for s in use:
        same = {1: 0.0, -1: 0.0}
        for sign in (1, -1):
            for nb in prob.nbrs[s]:
                h = occ[nb]
                if h >= 0 and prob.sign[h] == sign:
                    same[sign] += weights.alternation
            o = prob.opp[s]
            if o >= 0 and occ[o] >= 0 and prob.sign[occ[o]] == sign:
                same[sign] += weights.facing
        if not women or (men and (same[1], -len(men)) <= (same[-1], -len(women))):
            eng.add(men.pop(0), s)
        else:
            eng.add(women.pop(0), s)


def _repair(prob: Problem, eng: Engine, seated_movable: list[int], *, target_hard: int,
            cancel: CancelToken, max_rounds: int = 20) -> None:
    """Steepest descent on the hard violations left by the constructive phase: each colleague at
    a clashing table tries every free seat (swapping when taken); each split friend group tries
    gathering its members at one table. An edit is kept when it lowers the hard count."""
    taken = prob.blocked | set(prob.fixed.values())
    free_seats = [s for s in range(prob.n_seats) if s not in taken]
    movable = set(seated_movable)
    by_table: list[list[int]] = [[] for _ in range(prob.n_tables)]
    for s in free_seats:
        by_table[prob.seat_table[s]].append(s)
    for _ in range(max_rounds):
        if eng.hard() <= target_hard:
            return
        cancel.check()
        improved = False
        for g in _clashing_colleagues(prob, eng, movable):
            if eng.pos[g] < 0:
                continue
            if prob.group[g] >= 0:  # a friend: the whole group moves
                group = [h for h in prob.group_members[prob.group[g]] if h in movable and eng.pos[h] >= 0]
                improved |= _gather_best(prob, eng, group, by_table, eng.hard())
            else:
                improved |= _move_to_best_seat(eng, g, free_seats)
        for members in prob.group_members:
            group = [g for g in members if g in movable and eng.pos[g] >= 0]
            if len({prob.seat_table[eng.pos[g]] for g in members if eng.pos[g] >= 0}) < 2 or not group:
                continue
            improved |= _gather_best(prob, eng, group, by_table, eng.hard())
        if not improved:
            return


def _clashing_colleagues(prob: Problem, eng: Engine, movable: set[int]) -> list[int]:
    """Movable guests sitting at a table with a colleague of another unit."""
    at: dict[tuple[int, int], list[int]] = {}
    for g in range(prob.n_guests):
        if eng.pos[g] >= 0 and prob.emp[g] >= 0:
            at.setdefault((prob.seat_table[eng.pos[g]], prob.emp[g]), []).append(g)
    return [g for members in at.values() if len({prob.unit[h] for h in members}) > 1
            for g in members if g in movable]  # fmt: skip


def _move_to_best_seat(eng: Engine, g: int, free_seats: list[int]) -> bool:
    """Move guest g to the free seat (swapping when taken) that lowers the hard count most, ties
    broken by the objective, when it also lowers the objective. True when it moved."""
    hard, base = eng.hard(), eng.objective()
    best = None
    for s in free_seats:
        if s == eng.pos[g]:
            continue
        undo = _place(eng, g, s)
        key = (eng.hard(), eng.objective())
        undo()
        if key[0] < hard and (best is None or key < best[0]):
            best = (key, s)
    if best is not None and best[0][1] < base:
        _place(eng, g, best[1])
        return True
    return False


def _place(eng: Engine, g: int, s: int) -> Callable[[], None]:
    """Seat guest g at seat s, swapping with its occupant; returns the undo."""
    h = eng.occ[s]
    if h >= 0:
        eng.swap(g, h)
        return lambda: eng.swap(g, h)
    old = eng.move(g, s)
    return lambda: eng.move(g, old)


def _place_all(eng: Engine, guests: list[int], seats: list[int]) -> list[Callable[[], None]]:
    return [_place(eng, g, s) for g, s in zip(guests, seats, strict=True)]


def _undo(ops: list[Callable[[], None]]) -> None:
    for op in reversed(ops):
        op()


def _seats_by_occupant(prob: Problem, occ: list[int], seats: list[int], gid: int) -> tuple[list[int], list[int], list[int]]:
    """A table's seats a friend group `gid` may take: empty ones, those of guests outside any
    group, those of other groups' members (in that order of preference)."""
    empty: list[int] = []
    singles: list[int] = []
    others: list[int] = []
    for s in seats:
        h = occ[s]
        if h < 0:
            empty.append(s)
        elif prob.group[h] < 0:
            singles.append(s)
        elif prob.group[h] != gid:
            others.append(s)
    return empty, singles, others


def _gather_best(prob: Problem, eng: Engine, group: list[int], by_table: list[list[int]], hard: float) -> bool:
    """Move a friend group to the table where it leaves the fewest hard violations (fewer than
    `hard`, ties broken by the objective). True when it moved."""
    best = None
    for t in range(prob.n_tables):
        undo = _gather(prob, eng, group, t, by_table[t])
        if undo is None:
            continue
        key = (eng.hard(), eng.objective())
        _undo(undo)
        if key[0] < hard and (best is None or key < best[0]):
            best = (key, t)
    if best is None:
        return False
    _gather(prob, eng, group, best[1], by_table[best[1]])
    return True


def _gather(prob: Problem, eng: Engine, group: list[int], t: int, seats: list[int]) -> list[Callable[[], None]] | None:
    """Bring the movable `group` members not at table t there, taking empty seats first, then
    the seats of guests outside any friend group, then others. Returns undo operations, or None."""
    coming = [g for g in group if prob.seat_table[eng.pos[g]] != t]
    if not coming:
        return None
    empty, singles, others = _seats_by_occupant(prob, eng.occ, seats, prob.group[group[0]])
    targets = (empty + singles + others)[: len(coming)]
    if len(targets) < len(coming):
        return None
    return _place_all(eng, coming, targets)


# ---------------------------------------------------------------------------------------------
# Local search


def _run_stats(hard_met_ms: float | None, iterations: int, accepted: int, improvements: int,
               stopped_by: StoppedBy) -> dict:  # fmt: skip
    return {"hard_met_ms": hard_met_ms, "iterations": iterations, "accepted": accepted,
            "improvements": improvements, "stopped_by": stopped_by}  # fmt: skip


@dataclass
class _Clock:
    """The search's periodic check (every 256 moves): cancel, stop, time budget, progress
    reports about ten times a second, and convergence (no improvement for `patience` moves once
    the temperature is low)."""

    iterations: int
    deadline: float
    t0: float
    next_report: float
    patience: int
    progress: Progress
    cancel: CancelToken
    stop: CancelToken | None

    def check(self, it: int, temp: float, last_improvement: int) -> StoppedBy | None:
        """Why the search ends now, or None to go on."""
        now = time.perf_counter()
        self.cancel.check()
        if self.stop is not None and self.stop.cancelled:
            return StoppedBy.STOPPED
        if now >= self.deadline:
            return StoppedBy.TIME_BUDGET
        if now >= self.next_report:
            self.next_report = now + 0.1
            self.progress(0.05 + 0.95 * max(it / self.iterations, (now - self.t0) / max(1e-9, self.deadline - self.t0)),
                          "seating.improve")  # fmt: skip
        if it - last_improvement > self.patience and temp < 0.1:
            return StoppedBy.CONVERGED
        return None


class _Search:
    def __init__(self, prob: Problem, eng: Engine, seated_movable: list[int], *, seed: int) -> None:
        self.prob = prob
        self.eng = eng
        self.rng = random.Random(seed)
        self.movable = [g for g in seated_movable if eng.pos[g] >= 0]
        taken = prob.blocked | set(prob.fixed.values())
        self.free_seats = [s for s in range(prob.n_seats) if s not in taken]
        by_table: list[list[int]] = [[] for _ in range(prob.n_tables)]
        for s in self.free_seats:
            by_table[prob.seat_table[s]].append(s)
        self.table_seats = by_table
        movable_set = set(self.movable)
        self.groups = [[g for g in members if g in movable_set] for members in prob.group_members]
        self.groups = [m for m in self.groups if len(m) >= 2]
        self.tables_with_seats = [t for t in range(prob.n_tables) if by_table[t]]

    def run(self, *, iterations: int, deadline: float, t0: float, target_hard: int, floor: float,
            hard_met_ms: float | None, progress: Progress, cancel: CancelToken,
            stop: CancelToken | None) -> tuple[list[int], dict]:  # fmt: skip
        eng = self.eng
        prob = self.prob
        rnd = self.rng.random
        pos = eng.pos
        occ = eng.occ
        seat_table = prob.seat_table
        movable = self.movable
        free_seats = self.free_seats
        table_seats = self.table_seats
        n_mov = len(movable)
        n_free = len(free_seats)
        best_pos = list(pos)
        current = eng.objective()
        best = current
        accepted = improvements = 0
        stopped_by = StoppedBy.CONVERGED
        if self._nothing_to_search(iterations, best, floor):
            return best_pos, _run_stats(hard_met_ms, 0, 0, 0, stopped_by)
        cooling = (_T_END / _T_START) ** (1.0 / iterations)
        temp = _T_START
        p_block = _P_BLOCK if self.groups else 0.0
        p_local = 0.25
        clock = _Clock(iterations, deadline, t0, time.perf_counter() + 0.1, max(20_000, 100 * n_mov),
                       progress, cancel, stop)  # fmt: skip
        last_improvement = 0
        it = 0
        exp = math.exp
        delta_swap = eng.delta_swap
        delta_move = eng.delta_move
        while it < iterations:
            it += 1
            temp *= cooling
            if not it & 255:
                ended = clock.check(it, temp, last_improvement)
                if ended is not None:
                    stopped_by = ended
                    break
            r = rnd()
            if r < p_block:
                # compound move: apply, compare, undo if rejected
                undo = self._block_move(rnd)
                if undo is None:
                    continue
                delta = eng.objective() - current
                if not (delta <= 1e-12 or rnd() < exp(-delta / temp)):
                    _undo(undo)
                    continue
            else:
                # single guest: score the what-if first, touch the plan only when accepted
                g = movable[int(rnd() * n_mov)]
                sg = pos[g]
                if r < p_block + p_local:
                    seats = table_seats[seat_table[sg]]
                    s = seats[int(rnd() * len(seats))]
                else:
                    s = free_seats[int(rnd() * n_free)]
                if s == sg:
                    continue
                h = occ[s]
                delta = delta_swap(g, h) if h >= 0 else delta_move(g, s)
                if not (delta <= 1e-12 or rnd() < exp(-delta / temp)):
                    continue
                if h >= 0:
                    eng.swap(g, h)
                else:
                    eng.move(g, s)
            current = eng.objective()
            accepted += 1
            if current < best - 1e-9:
                best = current
                best_pos = list(pos)
                improvements += 1
                last_improvement = it
                if hard_met_ms is None and eng.hard() <= target_hard:
                    hard_met_ms = (time.perf_counter() - t0) * 1000
                if best <= floor + 1e-9:
                    break
        return best_pos, _run_stats(hard_met_ms, it, accepted, improvements, stopped_by)

    def _nothing_to_search(self, iterations: int, best: float, floor: float) -> bool:
        """No move can help: nobody to move, no budget, nowhere to go, or already at the floor."""
        n_mov, n_free = len(self.movable), len(self.free_seats)
        return n_mov == 0 or iterations == 0 or (n_mov < 2 and n_free <= n_mov) or best <= floor + 1e-9

    def _block_move(self, rnd: Callable[[], float]) -> list[Callable[[], None]] | None:
        """Move the members of a friend group sitting at one table to another table."""
        prob, pos = self.prob, self.eng.pos
        group = self.groups[int(rnd() * len(self.groups))]
        a = prob.seat_table[pos[group[int(rnd() * len(group))]]]
        block = [g for g in group if prob.seat_table[pos[g]] == a]
        tables = self.tables_with_seats
        b = tables[int(rnd() * len(tables))]
        if b == a:
            return None
        empty, singles, others = _seats_by_occupant(prob, self.eng.occ, self.table_seats[b], prob.group[group[0]])
        k = len(block)
        if len(empty) + len(singles) + len(others) < k:
            return None
        # shuffle deterministically with the search's generator
        for lst in (singles, others):
            for i in range(len(lst) - 1, 0, -1):
                j = int(rnd() * (i + 1))
                lst[i], lst[j] = lst[j], lst[i]
        return _place_all(self.eng, block, (empty + singles + others)[:k])
