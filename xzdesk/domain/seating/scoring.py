"""Scoring seat plans: a one-shot score, the list of unmet hard constraints, and the incremental
scorer the floor-plan editor calls on every drag.

Contracts
- `score_plan` and `plan_issues` are pure functions: safe on any thread.
- `SeatPlanScorer` is a small mutable object owned by one editor on one thread (the UI thread is
  fine: a move or swap costs microseconds, `issues()` about a millisecond for 400 guests). It
  never touches the database; the events area saves `plan()` when the organiser keeps it.
- Errors: XzError with codes seating.unknown_guest, seating.unknown_table, seating.unknown_seat,
  seating.seat_taken (two guests on one seat in the given plan), seating.seat_locked (an edit that
  would move a locked seat's occupant), plus the input checks of `assign_seats`.

The score's definition is in `SeatingScoreInfo`, the issue codes in `SeatingIssueInfo`.
"""

from __future__ import annotations

from collections.abc import Sequence

from xzdesk.domain.errors import XzError
from xzdesk.domain.seating._engine import Engine
from xzdesk.domain.seating._problem import Bounds, Problem, build_problem, lower_bounds
from xzdesk.domain.seating.dto import (
    DEFAULT_WEIGHTS,
    SeatGuestInfo,
    SeatingDeltaInfo,
    SeatingExplanationInfo,
    SeatingIssueInfo,
    SeatingScoreInfo,
    SeatingWeightsInfo,
    SeatPairRow,
    SeatPlanInfo,
    SeatRef,
    SeatTableInfo,
    TableMixRow,
)


def _problem_for_plan(
    guests: Sequence[SeatGuestInfo], tables: Sequence[SeatTableInfo], plan: SeatPlanInfo
) -> tuple[Problem, list[int]]:
    """Index the problem with the plan's locks, and return the plan as guest -> seat."""
    gids = {guest.id for guest in guests}
    occupants: dict[SeatRef, str] = {}
    for guest_id, seat in plan.seats.items():
        if guest_id not in gids:
            raise XzError("seating.unknown_guest", guest_id=guest_id)
        if seat in occupants:
            raise XzError("seating.seat_taken", table_id=seat.table_id, seat_index=seat.seat_index)
        occupants[seat] = guest_id
    for guest_id in plan.unseated:
        if guest_id not in gids:
            raise XzError("seating.unknown_guest", guest_id=guest_id)
    prob = build_problem(guests, tables, locked=plan.locked,
                         locked_occupants={ref: occupants[ref] for ref in plan.locked if ref in occupants})
    pos = [-1] * prob.n_guests
    for guest_id, seat in plan.seats.items():
        pos[prob.gidx[guest_id]] = prob.seat_of(seat)
    return prob, pos


def plan_from_positions(prob: Problem, pos: Sequence[int]) -> SeatPlanInfo:
    seats = {prob.guests[g].id: prob.seat_ref(s) for g, s in enumerate(pos) if s >= 0}
    unseated = tuple(prob.guests[g].id for g, s in enumerate(pos) if s < 0)
    return SeatPlanInfo(seats=seats, unseated=unseated, locked=prob.locked)


def issues_of(prob: Problem, pos: Sequence[int], bounds: Bounds) -> tuple[SeatingIssueInfo, ...]:
    """Every unmet hard constraint of the plan `pos`, with proofs where `bounds` give one."""
    issues: list[SeatingIssueInfo] = list(prob.pin_issues)
    ids = [guest.id for guest in prob.guests]
    unseated = [g for g, s in enumerate(pos) if s < 0]
    if unseated:
        guest_ids = tuple(ids[g] for g in unseated)
        if bounds.shortage:
            issues.append(SeatingIssueInfo(
                "seating.capacity_short",
                {"needed": bounds.needed, "available": bounds.available, "count": len(unseated)},
                guest_ids=guest_ids, unavoidable=len(unseated) == bounds.shortage,
                proof="seating.proof.capacity",
                proof_params={"needed": bounds.needed, "available": bounds.available},
            ))
        else:
            issues.append(SeatingIssueInfo("seating.unseated", {"count": len(unseated)}, guest_ids=guest_ids))
    for g, pin in enumerate(prob.pin_seat):
        if pin >= 0 and pos[g] != pin:
            ref = prob.seat_ref(pin)
            issues.append(SeatingIssueInfo(
                "seating.pin_moved", {"table_id": ref.table_id, "seat_index": ref.seat_index},
                guest_ids=(ids[g],), table_id=ref.table_id,
            ))
    # employer clashes, per table and employer
    at: dict[tuple[int, int], list[int]] = {}
    for g, s in enumerate(pos):
        if s >= 0 and prob.emp[g] >= 0:
            at.setdefault((prob.seat_table[s], prob.emp[g]), []).append(g)
    excess: dict[int, int] = {}
    clashes: list[tuple[int, int, list[int], int]] = []
    for (t, e), members in at.items():
        units = len({prob.unit[g] for g in members})
        if units > 1:
            excess[e] = excess.get(e, 0) + units - 1
            clashes.append((t, e, members, units))
    for t, e, members, units in sorted(clashes, key=lambda c: (c[0], c[2][0])):
        minimum, proof = bounds.employer.get(e, (0, {}))
        table_id = prob.tables[t].id
        issues.append(SeatingIssueInfo(
            "seating.employer_clash", {"table_id": table_id, "count": len(members), "units": units},
            guest_ids=tuple(ids[g] for g in members), table_id=table_id,
            unavoidable=minimum > 0 and excess[e] == minimum,
            proof="seating.proof.employer_pigeonhole" if minimum > 0 else None, proof_params=proof,
        ))
    for gi, members in enumerate(prob.group_members):
        seated = [g for g in members if pos[g] >= 0]
        tables = {prob.seat_table[pos[g]] for g in seated}
        if len(tables) > 1:
            minimum, proof = bounds.friends.get(gi, (0, {}))
            issues.append(SeatingIssueInfo(
                "seating.friends_split", {"tables": len(tables), "members": len(seated)},
                guest_ids=tuple(ids[g] for g in seated),
                unavoidable=minimum > 0 and len(tables) - 1 == minimum,
                proof="seating.proof.friends_min_tables" if minimum > 0 else None, proof_params=proof,
            ))
    return tuple(issues)


def _same_sex_pairs(prob: Problem, pos: Sequence[int]) -> tuple[list[SeatPairRow], list[SeatPairRow]]:
    occ = [-1] * prob.n_seats
    for g, s in enumerate(pos):
        if s >= 0:
            occ[s] = g
    neighbours, facing = [], []
    for s, g in enumerate(occ):
        if g < 0:
            continue
        table_id = prob.tables[prob.seat_table[s]].id
        for n in prob.nbrs[s]:
            h = occ[n]
            if n > s and h >= 0 and prob.sign[h] == prob.sign[g]:
                neighbours.append(SeatPairRow(table_id, prob.guests[g].id, prob.guests[h].id))
        o = prob.opp[s]
        if o > s and occ[o] >= 0 and prob.sign[occ[o]] == prob.sign[g]:
            facing.append(SeatPairRow(table_id, prob.guests[g].id, prob.guests[occ[o]].id))
    return neighbours, facing


def _table_mix(prob: Problem, pos: Sequence[int]) -> list[TableMixRow]:
    men = [0] * prob.n_tables
    women = [0] * prob.n_tables
    for g, s in enumerate(pos):
        if s >= 0:
            counts = men if prob.sign[g] > 0 else women
            counts[prob.seat_table[s]] += 1
    return [TableMixRow(t.id, men[i], women[i], prob.table_cap[i]) for i, t in enumerate(prob.tables)]


def explain(prob: Problem, pos: Sequence[int], issues: Sequence[SeatingIssueInfo]) -> SeatingExplanationInfo:
    """The plan `pos` in the organiser's terms (see SeatingExplanationInfo)."""
    mix = _table_mix(prob, pos)
    neighbours, facing = _same_sex_pairs(prob, pos)
    seated = sum(t.seated for t in mix)
    capacity = max(1, prob.total_capacity)
    return SeatingExplanationInfo(
        issues=tuple(issues), tables=tuple(mix),
        uneven_sexes=tuple(t for t in mix if abs(t.men - t.women) > t.seated % 2),
        same_sex_neighbours=tuple(neighbours), same_sex_facing=tuple(facing),
        uneven_fill=tuple(t for t in mix if abs(t.seated - seated * t.capacity / capacity) >= 2),
        men=sum(t.men for t in mix), women=sum(t.women for t in mix),
    )


def explain_plan(
    guests: Sequence[SeatGuestInfo], tables: Sequence[SeatTableInfo], plan: SeatPlanInfo
) -> SeatingExplanationInfo:
    """The plan's result as an organiser would say it: hard rules broken, wishes missed, for whom."""
    prob, pos = _problem_for_plan(guests, tables, plan)
    return explain(prob, pos, issues_of(prob, pos, _bounds_for(prob, pos)))


def _bounds_for(prob: Problem, pos: Sequence[int]) -> Bounds:
    return lower_bounds(prob, [g for g, s in enumerate(pos) if s >= 0])


def score_plan(
    guests: Sequence[SeatGuestInfo],
    tables: Sequence[SeatTableInfo],
    plan: SeatPlanInfo,
    *,
    weights: SeatingWeightsInfo = DEFAULT_WEIGHTS,
) -> SeatingScoreInfo:
    """Score a whole plan (guests missing from `plan.seats` count as unseated)."""
    prob, pos = _problem_for_plan(guests, tables, plan)
    engine = Engine(prob, weights)
    engine.load(pos)
    return engine.score()


def plan_issues(
    guests: Sequence[SeatGuestInfo], tables: Sequence[SeatTableInfo], plan: SeatPlanInfo
) -> tuple[SeatingIssueInfo, ...]:
    """Every hard constraint the plan does not meet (empty = all met), with proofs where they
    are unavoidable given the guests the plan seats and its pins and locks."""
    prob, pos = _problem_for_plan(guests, tables, plan)
    return issues_of(prob, pos, _bounds_for(prob, pos))


class SeatPlanScorer:
    """Keeps a plan and its score up to date while the organiser edits it.

    `delta_move`/`delta_swap` tell what an edit would do without doing it (the state is the same
    afterwards); `move`/`swap`/`unseat` do it. Dropping a guest on an occupied seat swaps the two
    guests. Locked seats (the plan's `locked`) refuse edits that would empty or fill them; change
    locks with `set_locked`. Each call costs O(neighbours), independent of the plan's size.
    """

    def __init__(
        self,
        guests: Sequence[SeatGuestInfo],
        tables: Sequence[SeatTableInfo],
        plan: SeatPlanInfo,
        *,
        weights: SeatingWeightsInfo = DEFAULT_WEIGHTS,
    ) -> None:
        self._guests = tuple(guests)
        self._tables = tuple(tables)
        self._weights = weights
        self._rebuild(plan)

    def _rebuild(self, plan: SeatPlanInfo) -> None:
        self._prob, pos = _problem_for_plan(self._guests, self._tables, plan)
        self._locked_seats = {self._prob.seat_of(ref) for ref in self._prob.locked}
        self._engine = Engine(self._prob, self._weights)
        self._engine.load(pos)

    # -- reading -------------------------------------------------------------------------------

    def score(self) -> SeatingScoreInfo:
        return self._engine.score()

    def plan(self) -> SeatPlanInfo:
        return plan_from_positions(self._prob, self._engine.pos)

    def issues(self) -> tuple[SeatingIssueInfo, ...]:
        """Unmet hard constraints of the current plan (a full pass, O(guests))."""
        pos = self._engine.pos
        return issues_of(self._prob, pos, _bounds_for(self._prob, pos))

    violations = issues

    def explain(self) -> SeatingExplanationInfo:
        """The current plan's result as an organiser would say it (a full pass, O(guests))."""
        pos = self._engine.pos
        return explain(self._prob, pos, issues_of(self._prob, pos, _bounds_for(self._prob, pos)))

    def seat_of(self, guest_id: str) -> SeatRef | None:
        s = self._engine.pos[self._guest(guest_id)]
        return self._prob.seat_ref(s) if s >= 0 else None

    def occupant(self, seat: SeatRef | tuple[str, int]) -> str | None:
        g = self._engine.occ[self._prob.seat_of(SeatRef(*seat))]
        return self._prob.guests[g].id if g >= 0 else None

    # -- what-if -------------------------------------------------------------------------------

    def delta_move(self, guest_id: str, seat: SeatRef | tuple[str, int] | None) -> SeatingDeltaInfo:
        """The effect of dropping `guest_id` on `seat` (swap if taken; None = unseat)."""
        before = self._engine.score()
        undo = self._apply_move(self._guest(guest_id), seat)
        after = self._engine.score()
        undo()
        return SeatingDeltaInfo(before, after)

    def delta_swap(self, guest_a: str, guest_b: str) -> SeatingDeltaInfo:
        """The effect of exchanging two guests' places (either may be unseated)."""
        before = self._engine.score()
        undo = self._apply_swap(self._guest(guest_a), self._guest(guest_b))
        after = self._engine.score()
        undo()
        return SeatingDeltaInfo(before, after)

    # -- edits ---------------------------------------------------------------------------------

    def move(self, guest_id: str, seat: SeatRef | tuple[str, int] | None) -> SeatingScoreInfo:
        self._apply_move(self._guest(guest_id), seat)
        return self._engine.score()

    def swap(self, guest_a: str, guest_b: str) -> SeatingScoreInfo:
        self._apply_swap(self._guest(guest_a), self._guest(guest_b))
        return self._engine.score()

    def unseat(self, guest_id: str) -> SeatingScoreInfo:
        return self.move(guest_id, None)

    def set_locked(self, seat: SeatRef | tuple[str, int], locked: bool) -> None:
        """Lock or unlock a seat (whoever sits there stays). Proofs are recomputed."""
        ref = SeatRef(*seat)
        self._prob.seat_of(ref)  # validates
        plan = self.plan()
        refs = set(plan.locked)
        if locked:
            refs.add(ref)
        else:
            refs.discard(ref)
        self._rebuild(SeatPlanInfo(seats=plan.seats, unseated=plan.unseated, locked=frozenset(refs)))

    # -- internals -----------------------------------------------------------------------------

    def _guest(self, guest_id: str) -> int:
        g = self._prob.gidx.get(guest_id)
        if g is None:
            raise XzError("seating.unknown_guest", guest_id=guest_id)
        return g

    def _check_unlocked(self, s: int) -> None:
        if s in self._locked_seats:
            ref = self._prob.seat_ref(s)
            raise XzError("seating.seat_locked", table_id=ref.table_id, seat_index=ref.seat_index)

    def _apply_move(self, g: int, seat: SeatRef | tuple[str, int] | None):
        eng = self._engine
        old = eng.pos[g]
        if seat is None:
            if old < 0:
                return lambda: None
            self._check_unlocked(old)
            eng.remove(g)
            return lambda: eng.add(g, old)
        s = self._prob.seat_of(SeatRef(*seat))
        if s == old:
            return lambda: None
        h = eng.occ[s]
        if h >= 0:
            return self._apply_swap(g, h)
        self._check_unlocked(s)
        if old >= 0:
            self._check_unlocked(old)
            eng.move(g, s)
            return lambda: eng.move(g, old)
        eng.add(g, s)
        return lambda: eng.remove(g)

    def _apply_swap(self, g: int, h: int):
        eng = self._engine
        sg, sh = eng.pos[g], eng.pos[h]
        if g == h or (sg < 0 and sh < 0):
            return lambda: None
        for s in (sg, sh):
            if s >= 0:
                self._check_unlocked(s)
        if sg >= 0 and sh >= 0:
            eng.swap(g, h)
            return lambda: eng.swap(g, h)
        seated, other = (g, h) if sg >= 0 else (h, g)
        seat = eng.remove(seated)
        eng.add(other, seat)

        def undo() -> None:
            eng.remove(other)
            eng.add(seated, seat)

        return undo
