"""Frozen results of the analytics area for the UI, the command line and the benchmarks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class EventOutcomeRow:
    """What one past (held) event brought. Registrations by how they came (`invited` by a
    matchmaker, `online` sign-ups from the member app, `walk_ins` at the venue); `approved` had a
    place (came, no-show or still approved), `waitlisted` were left on the waiting list; `cards`
    are the interest cards that count (their owners present), `mutual` the mutual pairs on them,
    `introductions` those made from the event, `dating` the ones that reached dating or beyond."""

    event_id: str
    code: str
    name: str
    kind: str
    event_date: date
    start_time: str
    district_code: str | None
    venue: str
    sector: str | None
    capacity: int
    invited: int
    online: int
    walk_ins: int
    approved: int
    waitlisted: int
    came: int
    no_shows: int
    cards: int
    mutual: int
    introductions: int
    dating: int

    @property
    def signed_up(self) -> int:
        return self.invited + self.online + self.walk_ins


@dataclass(frozen=True)
class DemandRow:
    """Demand for one value of a dimension (sex 1/2, an age band "28-32", a district code, a
    sector code, an interest tag): registrations of the last year, those still or last on a
    waiting list, online interest (sign-ups from the member app and "想认识" asks), and the
    active pool holding that value (the supply)."""

    dimension: str
    key: str
    sign_ups: int
    waitlisted: int
    online: int
    pool: int

    @property
    def per_100(self) -> float:
        """Sign-ups per 100 members of the pool with that value."""
        return 100.0 * self.sign_ups / self.pool if self.pool else 0.0


@dataclass(frozen=True)
class PoolCellRow:
    """One (district, sex, age band) cell of the active pool: its people, the distinct people of
    the other sex in the district whose age fits both ways (each side's stated range, or
    DEFAULT_AGE_SPREAD), and how many of those face each person on average."""

    district_code: str
    sex: int
    band: str
    people: int
    partners: int
    per_person: float
    short: bool  # fewer partners than SHORT_RATIO x people

    @property
    def ratio(self) -> float:
        return self.partners / self.people if self.people else 0.0


@dataclass(frozen=True)
class NotServedRow:
    """A member who could take part in events and was not offered one for months (masked)."""

    member_id: str
    member_no: str
    name_masked: str
    sex: int
    age: int
    district_code: str
    sector: str | None
    last_offered: date | None  # None: never


@dataclass(frozen=True)
class AnalyticsInfo:
    generated_at: datetime
    scope_district: str | None
    events: tuple[EventOutcomeRow, ...]  # held events, newest first
    demand: tuple[DemandRow, ...]
    pool: tuple[PoolCellRow, ...]  # shortest of partners first
    not_served: tuple[NotServedRow, ...]  # longest wait first, at most NOT_SERVED_LIST
    not_served_total: int
    not_served_days: int
    pool_size: int


@dataclass(frozen=True)
class ReasonInfo:
    code: str  # codes.Reason
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SuggestionInfo:
    """An event worth holding: what, for whom, where and when, with what it should bring."""

    key: str  # stable within one computation: "kind|sector|district|band|slot"
    kind: str
    sector: str | None
    district_code: str | None
    venue: str
    event_date: date
    start_time: str
    slot: str
    capacity: int
    quota_male: int
    quota_female: int
    age_min: int
    age_max: int
    audience: int  # members who fit and were not served recently
    predicted_turnout: float
    expected_matches: float
    predictor: str  # codes.Predictor
    reasons: tuple[ReasonInfo, ...]


@dataclass(frozen=True)
class BacktestRow:
    """One past event predicted from the events before it (rolling origin)."""

    event_id: str
    name: str
    kind: str
    event_date: date
    turnout: int
    matches: int
    model_turnout: float
    model_matches: float
    naive_turnout: float
    naive_matches: float


@dataclass(frozen=True)
class ErrorInfo:
    """Mean absolute error and mean absolute percentage error (events with a non-zero actual)."""

    mae: float
    mape: float | None


@dataclass(frozen=True)
class BacktestInfo:
    rows: tuple[BacktestRow, ...]
    model_turnout: ErrorInfo | None
    model_matches: ErrorInfo | None
    naive_turnout: ErrorInfo | None
    naive_matches: ErrorInfo | None

    @property
    def model_wins(self) -> bool:
        m, n = self.model_turnout, self.naive_turnout
        return m is not None and n is not None and m.mae <= n.mae


@dataclass(frozen=True)
class ScheduleInfo:
    generated_at: datetime
    suggestions: tuple[SuggestionInfo, ...]
    backtest: BacktestInfo
    history: int  # held events the predictor learnt from
    predictor: str  # what predicts the suggestions (the model only where it won the back-test)


@dataclass(frozen=True)
class DraftEventInfo:
    event_id: str
    name: str
    invited: int  # invitations made (pending: the organiser approves them)
    skipped: int
