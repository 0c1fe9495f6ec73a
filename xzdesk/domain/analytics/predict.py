"""An explainable predictor of an event's turnout and mutual matches, fitted on past events, and
its back-test against the naive rule "same as the last event of that format".

- Turnout (people who came) is a Poisson regression (scikit-learn `PoissonRegressor`, log link)
  on the format, the slot (weekend morning, weekend afternoon, weekday evening) and log capacity:
  exp(coefficient) is the factor each of them multiplies turnout by.
- Mutual matches are a Poisson regression on the format and log(1 + turnout); a planned event's
  matches are predicted from its predicted turnout (never from the actual one).
- Back-test by rolling origin: every past event after the first HISTORY_MIN is predicted from the
  events before it only, by the model and by the naive rule in the same run; MAE and MAPE of both.
  The suggestions use the model only where it beat the naive rule on turnout.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from xzdesk.domain.analytics.codes import HISTORY_MIN, SLOT_TIMES, Slot
from xzdesk.domain.analytics.dto import BacktestInfo, BacktestRow, ErrorInfo, EventOutcomeRow
from xzdesk.domain.events.codes import EventKind
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken

KINDS = tuple(EventKind)
SLOTS = tuple(Slot)
ALPHA = 0.05  # ridge penalty of both regressions (small data: keeps the coefficients tame)


def slot_of(day: date, start_time: str) -> Slot:
    hour = int((start_time or "14:00")[:2])
    if day.weekday() < 5 or hour >= 18:
        return Slot.WEEKDAY_EVENING
    return Slot.WEEKEND_MORNING if hour < 12 else Slot.WEEKEND_AFTERNOON


def slot_day(slot: Slot) -> int:
    return SLOT_TIMES[slot][0]


@dataclass(frozen=True)
class Plan:
    """What the predictor needs to know of an event, past or planned."""

    kind: str
    slot: Slot
    capacity: int
    event_date: date


def plan_of(row: EventOutcomeRow) -> Plan:
    return Plan(row.kind, slot_of(row.event_date, row.start_time), row.capacity, row.event_date)


def _one_hot(value: object, values: Sequence[object]) -> list[float]:
    return [1.0 if value == v else 0.0 for v in values[1:]]  # the first value is the reference


def turnout_features(plan: Plan) -> list[float]:
    return [*_one_hot(plan.kind, KINDS), *_one_hot(plan.slot, SLOTS), math.log(max(1, plan.capacity))]


def match_features(kind: str, turnout: float) -> list[float]:
    return [*_one_hot(kind, KINDS), math.log1p(max(0.0, turnout))]


def _poisson(x: list[list[float]], y: list[int]):
    from sklearn.linear_model import PoissonRegressor  # heavy: imported when a model is fitted

    return PoissonRegressor(alpha=ALPHA, solver="newton-cholesky", max_iter=100).fit(np.array(x), np.array(y, dtype=float))


@dataclass
class EventModel:
    """The two fitted regressions and what they were fitted on."""

    turnout: object
    matches: object
    history: int

    @classmethod
    def fit(cls, rows: Sequence[EventOutcomeRow]) -> EventModel | None:
        if len(rows) < HISTORY_MIN:
            return None
        plans = [plan_of(r) for r in rows]
        turnout = _poisson([turnout_features(p) for p in plans], [r.came for r in rows])
        matches = _poisson([match_features(r.kind, r.came) for r in rows], [r.mutual for r in rows])
        return cls(turnout, matches, len(rows))

    def predict(self, plan: Plan) -> tuple[float, float]:
        """(turnout, mutual matches); turnout never above the capacity."""
        turnout = float(self.turnout.predict(np.array([turnout_features(plan)]))[0])  # type: ignore[attr-defined]
        turnout = min(float(plan.capacity), turnout)
        matches = float(self.matches.predict(np.array([match_features(plan.kind, turnout)]))[0])  # type: ignore[attr-defined]
        return turnout, min(matches, turnout / 2)

    def factors(self) -> dict[str, float]:
        """exp(coefficient) of each format and slot on turnout (against a mixer, a weekend morning)."""
        coef = list(self.turnout.coef_)  # type: ignore[attr-defined]
        names = [*(k.value for k in KINDS[1:]), *(s.value for s in SLOTS[1:]), "log_capacity"]
        return {n: math.exp(c) for n, c in zip(names, coef, strict=True)}


def naive(history: Sequence[EventOutcomeRow], plan: Plan) -> tuple[float, float] | None:
    """The last event of the same format before the plan's date (else the last event at all)."""
    earlier = sorted((r for r in history if r.event_date < plan.event_date), key=lambda r: r.event_date)
    if not earlier:
        return None
    same = [r for r in earlier if r.kind == plan.kind]
    last = (same or earlier)[-1]
    return float(last.came), float(last.mutual)


def _error(pairs: list[tuple[float, int]]) -> ErrorInfo | None:
    if not pairs:
        return None
    mae = sum(abs(p - a) for p, a in pairs) / len(pairs)
    pct = [abs(p - a) / a for p, a in pairs if a > 0]
    return ErrorInfo(round(mae, 2), round(100 * sum(pct) / len(pct), 1) if pct else None)


def backtest(rows: Sequence[EventOutcomeRow], *, progress: Callable[[float], None] = lambda _f: None,
             cancel: CancelToken = NEVER_CANCELLED) -> BacktestInfo:  # fmt: skip
    """Rolling origin: each event from the (HISTORY_MIN+1)-th on, predicted from those before it."""
    ordered = sorted(rows, key=lambda r: (r.event_date, r.start_time, r.event_id))
    out = []
    for i in range(HISTORY_MIN, len(ordered)):
        cancel.check()
        progress((i - HISTORY_MIN) / max(1, len(ordered) - HISTORY_MIN))
        past = [r for r in ordered[:i] if r.event_date < ordered[i].event_date]
        model = EventModel.fit(past)
        row = ordered[i]
        plan = plan_of(row)
        base = naive(past, plan)
        if model is None or base is None:
            continue
        turnout, matches = model.predict(plan)
        out.append(BacktestRow(row.event_id, row.name, row.kind, row.event_date, row.came, row.mutual,
                               round(turnout, 2), round(matches, 2), base[0], base[1]))  # fmt: skip
    return BacktestInfo(
        rows=tuple(out),
        model_turnout=_error([(r.model_turnout, r.turnout) for r in out]),
        model_matches=_error([(r.model_matches, r.matches) for r in out]),
        naive_turnout=_error([(r.naive_turnout, r.turnout) for r in out]),
        naive_matches=_error([(r.naive_matches, r.matches) for r in out]),
    )
