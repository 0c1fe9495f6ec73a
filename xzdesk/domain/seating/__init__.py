"""Seat plans and speed-dating rotations for events (pure Python, no database, no Qt).

Thread contract: every public function here is pure (its result depends only on its arguments,
it keeps no global state and does no I/O), so it is safe on any thread. `assign_seats` takes
seconds: run it off the UI thread with a CancelToken (abandon) and a stop token (keep the best so
far). `SeatPlanScorer` is a small mutable object confined to the thread that uses it.

How the events area uses it
1. Build `SeatTableInfo` rows from its tables and `SeatGuestInfo` rows from its registrations
   (id = registration id, sex from the member, employer_key = a stable employer id or the
   normalised employer name, friend_group = the "came together" group, pinned = a seat the
   organiser fixed for that guest).
2. `assign_seats(guests, tables, previous=stored_plan, seed=..., stop=..., cancel=...)` returns
   a `SeatingResultInfo`: store `result.plan.seats` (guest -> SeatRef) and `result.plan.locked`;
   show `result.issues` through the UI's code -> message table.
3. The floor-plan editor keeps a `SeatPlanScorer(guests, tables, plan)` and calls
   `delta_move`/`delta_swap` while dragging, `move`/`swap` on drop, `issues()` after, and
   `explain()` (or `explain_plan`) for the result in the organiser's terms: hard rules broken,
   wishes missed and for whom (`SeatingExplanationInfo`), which the UI says in words.
4. Speed dating: `schedule_speed_dating(guests, settings=...)` (or `schedule_rotation` with
   explicit seated/rotating groups) returns a `RotationScheduleInfo`; `slots()` feeds the
   organiser's sheet, `card_rows()` every person's 心动卡 lines.

Nothing here raises user-facing sentences: errors are XzError codes with params, unmet
constraints are SeatingIssueInfo codes with params.
"""

from __future__ import annotations

from xzdesk.domain.seating.codes import StoppedBy, TableShape
from xzdesk.domain.seating.dto import (
    DEFAULT_ROTATION,
    DEFAULT_WEIGHTS,
    FEMALE,
    MALE,
    RotationBreakRow,
    RotationCardRow,
    RotationRoundRow,
    RotationSettingsInfo,
    RotationSlotRow,
    SeatGuestInfo,
    SeatingDeltaInfo,
    SeatingExplanationInfo,
    SeatingIssueInfo,
    SeatingResultInfo,
    SeatingScoreInfo,
    SeatingStatsInfo,
    SeatingWeightsInfo,
    SeatPairRow,
    SeatPlanInfo,
    SeatRef,
    SeatTableInfo,
    TableMixRow,
)
from xzdesk.domain.seating.geometry import SeatGeometryRow, facing_pairs, neighbour_pairs, seat_geometry
from xzdesk.domain.seating.rotation import (
    RotationScheduleInfo,
    round_times,
    schedule_rotation,
    schedule_speed_dating,
)
from xzdesk.domain.seating.scoring import SeatPlanScorer, explain_plan, plan_issues, score_plan
from xzdesk.domain.seating.solver import assign_seats, default_iterations

__all__ = [
    "DEFAULT_ROTATION",
    "DEFAULT_WEIGHTS",
    "FEMALE",
    "MALE",
    "RotationBreakRow",
    "RotationCardRow",
    "RotationRoundRow",
    "RotationScheduleInfo",
    "RotationSettingsInfo",
    "RotationSlotRow",
    "SeatGeometryRow",
    "SeatGuestInfo",
    "SeatPairRow",
    "SeatPlanInfo",
    "SeatPlanScorer",
    "SeatRef",
    "SeatTableInfo",
    "SeatingDeltaInfo",
    "SeatingExplanationInfo",
    "SeatingIssueInfo",
    "SeatingResultInfo",
    "SeatingScoreInfo",
    "SeatingStatsInfo",
    "SeatingWeightsInfo",
    "StoppedBy",
    "TableMixRow",
    "TableShape",
    "assign_seats",
    "default_iterations",
    "explain_plan",
    "facing_pairs",
    "neighbour_pairs",
    "plan_issues",
    "round_times",
    "schedule_rotation",
    "schedule_speed_dating",
    "score_plan",
    "seat_geometry",
]
