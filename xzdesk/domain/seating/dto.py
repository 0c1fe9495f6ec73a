"""Value objects of the seating area: guests, tables, seat plans, scores, issues, results.

All of them are immutable and hold plain data (ids, numbers, codes), so they can be handed
between threads and stored by the events area as they are. Guest and table ids are the caller's
opaque strings (registration or member ids, table row ids); nothing here is personal data, and
nothing here is shown to a user without the UI translating the codes.

Semantics shared by the optimiser and the editor's scorer (see `scoring.py`):

* A *seat* is `SeatRef(table_id, seat_index)` with `0 <= seat_index < capacity`; the geometry of
  the indices (who is a neighbour, who sits opposite) is defined in `geometry.py`.
* A guest is *pinned* when `SeatGuestInfo.pinned` names a seat: the optimiser never moves them.
  A seat is *locked* when it is in `SeatPlanInfo.locked`: whatever the plan has there (a guest, or
  nothing) is kept by the optimiser.
* *Friends* share a `friend_group` key and should sit at one table. *Colleagues* share an
  `employer_key` and should sit at different tables. Colleagues who are also in the same friend
  group came together on purpose and are exempt: per table and employer we count *units*
  (a friend group counts once, every other guest counts alone) and a clash is each unit beyond
  the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from xzdesk.domain.seating.codes import StoppedBy, TableShape

MALE = 1  # GB/T 2261.1
FEMALE = 2


class SeatRef(NamedTuple):
    """A seat: table id and 0-based seat index. A hashable key (plain tuples compare equal)."""

    table_id: str
    seat_index: int


@dataclass(frozen=True, slots=True)
class SeatGuestInfo:
    """One person to seat (or to pair in speed dating).

    `sex` is 1 (male) or 2 (female) per GB/T 2261.1. `employer_key`: guests with the same key are
    colleagues (kept at different tables, never paired in speed dating); None or "" = no
    constraint. `friend_group`: guests with the same key sit at one table; None or "" = no group.
    `pinned`: a seat this guest must have.
    """

    id: str
    sex: int
    employer_key: str | None = None
    friend_group: str | None = None
    pinned: SeatRef | None = None


@dataclass(frozen=True, slots=True)
class SeatTableInfo:
    """A table. `x`/`y` place it on the floor plan (the editor's units); None = not placed yet."""

    id: str
    label: str
    shape: TableShape
    capacity: int
    x: float | None = None
    y: float | None = None


def _frozen_map(value: Mapping) -> Mapping:
    return MappingProxyType(dict(value))


@dataclass(frozen=True, eq=False)
class SeatPlanInfo:
    """Who sits where. `seats` maps guest id -> SeatRef; `unseated` lists guests with no seat (in
    the order the caller gave them); `locked` is the set of locked seats (with or without guest).

    Equality compares the three parts; the plan is not hashable.
    """

    seats: Mapping[str, SeatRef]
    unseated: tuple[str, ...] = ()
    locked: frozenset[SeatRef] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "seats", _frozen_map({g: SeatRef(*s) for g, s in self.seats.items()}))
        object.__setattr__(self, "unseated", tuple(self.unseated))
        object.__setattr__(self, "locked", frozenset(SeatRef(*s) for s in self.locked))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SeatPlanInfo):
            return NotImplemented
        return (
            dict(self.seats) == dict(other.seats)
            and self.unseated == other.unseated
            and self.locked == other.locked
        )

    __hash__ = None  # type: ignore[assignment]

    def occupants(self) -> dict[SeatRef, str]:
        """Seat -> guest id (a fresh dict)."""
        return {seat: guest for guest, seat in self.seats.items()}

    def by_table(self) -> dict[str, list[tuple[int, str]]]:
        """Table id -> [(seat_index, guest_id)] sorted by seat index (tables without guests absent)."""
        out: dict[str, list[tuple[int, str]]] = {}
        for guest, seat in self.seats.items():
            out.setdefault(seat.table_id, []).append((seat.seat_index, guest))
        for rows in out.values():
            rows.sort()
        return out


@dataclass(frozen=True, slots=True)
class SeatingWeightsInfo:
    """Weights of the score (lower total is better).

    `hard` multiplies every unit of hard violation (unseated guest, moved pin, employer clash,
    split of a friend group); keep it far above the soft weights so the optimiser never trades a
    hard violation for comfort. Soft terms: `sex_balance` per (men - women)^2 of each table,
    `alternation` per pair of same-sex neighbours, `facing` per same-sex pair sitting opposite at
    a long table, `crowding` per unit of colleague crowding, `fill` per unit of fill unevenness
    (see SeatingScoreInfo).
    """

    hard: float = 1000.0
    sex_balance: float = 1.0
    alternation: float = 1.0
    facing: float = 0.5
    crowding: float = 5.0
    fill: float = 2.0


DEFAULT_WEIGHTS = SeatingWeightsInfo()


@dataclass(frozen=True, slots=True)
class SeatingScoreInfo:
    """The score of a plan and its components (lower is better; every component >= 0).

    Hard components (each unit costs `weights.hard`):
      unseated         guests without a seat
      pin_violations   pinned guests not on their (honourable) pinned seat
      employer_excess  sum over tables and employers of (units at the table - 1) when > 1
      friends_split    sum over friend groups of (tables the seated members use - 1)
    Soft components:
      sex_imbalance        sum over tables of (men - women)^2
      same_sex_neighbours  adjacent occupied seats holding two men or two women
      same_sex_facing      opposite seats of long tables holding two men or two women
      colleague_crowding   sum over tables and employers of C(units - 1, 2): when clashes cannot
                           be avoided, two pairs of colleagues at two tables beat three at one
      fill_unevenness      sum_t n_t^2 / c_t - N^2 / C  (n_t guests and c_t seats at table t, N and
                           C their totals): 0 when every table is filled in proportion to its size
    """

    total: float
    hard: int
    soft: float
    unseated: int
    pin_violations: int
    employer_excess: int
    friends_split: int
    sex_imbalance: int
    same_sex_neighbours: int
    same_sex_facing: int
    colleague_crowding: int
    fill_unevenness: float


@dataclass(frozen=True, slots=True)
class SeatingDeltaInfo:
    """The effect of an edit: the score before and after. `total`/`hard` are the differences."""

    before: SeatingScoreInfo
    after: SeatingScoreInfo

    @property
    def total(self) -> float:
        return self.after.total - self.before.total

    @property
    def hard(self) -> int:
        return self.after.hard - self.before.hard


@dataclass(frozen=True, eq=False)
class SeatingIssueInfo:
    """A hard constraint that is not met, as a code with parameters (never a sentence).

    `guest_ids`/`table_id` say whom and where (for highlighting). `unavoidable` is True only when
    a proof backs it: `proof` is the proof's code and `proof_params` its numbers, a counting
    argument the UI can show ("7 colleagues, 6 tables"). Unavoidable means that no plan which
    honours the pins and locks (and seats the same guests) does better on this constraint.

    Codes (params):
      seating.capacity_short  (needed, available, count)    `count` guests unseated for lack of seats
      seating.unseated        (count)                       guests without a seat although seats are free
      seating.pin_conflict    (table_id, seat_index, reason) a pin that cannot be honoured; reason is
                              no_such_table | no_such_seat | seat_taken | seat_locked | locked_elsewhere
      seating.pin_moved       (table_id, seat_index)        a pinned guest is not on the pinned seat
      seating.employer_clash  (table_id, count, units)      colleagues at one table
      seating.friends_split   (tables, members)             a friend group over several tables
    Proof codes (params):
      seating.proof.capacity            (needed, available)
      seating.proof.pin                 (reason)
      seating.proof.employer_pigeonhole (units, tables, fixed_excess, minimum): `units` units of
          one employer must sit at `tables` tables; beyond one unit per table each costs a clash,
          plus `fixed_excess` clashes among pinned/locked guests; so at least `minimum` clashes
      seating.proof.friends_min_tables  (members, fixed_tables, minimum_tables): the members
          need at least `minimum_tables` tables (pins/locks at `fixed_tables` tables, and the free
          seats of the largest tables cannot hold them all)
    """

    code: str
    params: Mapping[str, int | str]
    guest_ids: tuple[str, ...] = ()
    table_id: str | None = None
    unavoidable: bool = False
    proof: str | None = None
    proof_params: Mapping[str, int | str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen_map(self.params))
        object.__setattr__(self, "proof_params", _frozen_map(self.proof_params))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SeatingIssueInfo):
            return NotImplemented
        return (
            self.code == other.code
            and dict(self.params) == dict(other.params)
            and self.guest_ids == other.guest_ids
            and self.table_id == other.table_id
            and self.unavoidable == other.unavoidable
            and self.proof == other.proof
            and dict(self.proof_params) == dict(other.proof_params)
        )

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class TableMixRow:
    """Who sits at one table: men, women and the table's seats."""

    table_id: str
    men: int
    women: int
    capacity: int

    @property
    def seated(self) -> int:
        return self.men + self.women


@dataclass(frozen=True, slots=True)
class SeatPairRow:
    """Two guests (ids, in seat order) at one table: neighbours or sitting opposite."""

    table_id: str
    guest_a: str
    guest_b: str


@dataclass(frozen=True, eq=False)
class SeatingExplanationInfo:
    """A plan's result as an organiser would say it: the hard rules broken (`issues`, empty =
    all met) and, for whom, the wishes missed:

      uneven_sexes         tables whose men and women differ by more than their number forces
                           (one, at a table with an odd number of guests)
      same_sex_neighbours  adjacent seats holding two men or two women
      same_sex_facing      opposite seats of long tables holding two men or two women
      uneven_fill          tables holding at least two guests more, or fewer, than their share
                           of the guests seated (in proportion to their seats)

    `tables` gives every table's mix (in table order); `men`/`women` count the guests seated.
    """

    issues: tuple[SeatingIssueInfo, ...]
    tables: tuple[TableMixRow, ...]
    uneven_sexes: tuple[TableMixRow, ...]
    same_sex_neighbours: tuple[SeatPairRow, ...]
    same_sex_facing: tuple[SeatPairRow, ...]
    uneven_fill: tuple[TableMixRow, ...]
    men: int
    women: int

    @property
    def hard_rules_met(self) -> bool:
        return not self.issues

    @property
    def wishes_met(self) -> bool:
        return not (self.uneven_sexes or self.same_sex_neighbours or self.same_sex_facing or self.uneven_fill)


@dataclass(frozen=True, slots=True)
class SeatingStatsInfo:
    """How the optimiser ran. Times in ms from the start of the call.

    `hard_met_ms`: when the hard violations first reached the proven minimum (0 when every hard
    constraint can be met), None if they never did. `iterations`/`accepted`: local-search moves
    tried/kept.
    """

    construct_ms: float
    hard_met_ms: float | None
    elapsed_ms: float
    iterations: int
    accepted: int
    improvements: int
    stopped_by: StoppedBy
    seed: int
    construct_score: float


@dataclass(frozen=True, eq=False)
class SeatingResultInfo:
    """The optimiser's answer: the plan, its score, every unmet hard constraint, and run stats."""

    plan: SeatPlanInfo
    score: SeatingScoreInfo
    issues: tuple[SeatingIssueInfo, ...]
    stats: SeatingStatsInfo

    @property
    def hard_constraints_met(self) -> bool:
        """Every hard constraint is met (no issues at all)."""
        return not self.issues

    @property
    def best_possible(self) -> bool:
        """Every unmet hard constraint is proven unavoidable."""
        return all(issue.unavoidable for issue in self.issues)


# ---------------------------------------------------------------------------------------------
# Speed dating


@dataclass(frozen=True, slots=True)
class RotationSettingsInfo:
    """Timing and length of a speed-dating session. Minutes are integers from `start_minute`
    (relative to the event start). A break of `break_minutes` follows every `break_every`-th
    round (0 = no breaks), never the last one; `changeover_minutes` separate every two rounds
    (added to a break). `rounds` None = as many as needed for everyone to meet everyone."""

    round_minutes: int = 8
    changeover_minutes: int = 0
    break_every: int = 0
    break_minutes: int = 0
    start_minute: int = 0
    rounds: int | None = None


DEFAULT_ROTATION = RotationSettingsInfo()


@dataclass(frozen=True, slots=True)
class RotationRoundRow:
    round_no: int  # 1-based
    start_minute: int
    end_minute: int


@dataclass(frozen=True, slots=True)
class RotationBreakRow:
    after_round: int  # 1-based round the break follows
    start_minute: int
    end_minute: int


@dataclass(frozen=True, slots=True)
class RotationSlotRow:
    """One meeting: at `table_no` (1-based, the seated guest's table) in round `round_no`."""

    round_no: int
    table_no: int
    seated_id: str
    rotating_id: str
    start_minute: int
    end_minute: int


@dataclass(frozen=True, slots=True)
class RotationCardRow:
    """One line of a person's 心动卡: a round, its times, the table and the partner (None = rest)."""

    round_no: int
    start_minute: int
    end_minute: int
    table_no: int | None
    partner_id: str | None

