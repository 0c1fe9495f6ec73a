"""Scheduling suggestions (排期建议): the next events worth holding, each with its audience,
predicted turnout, expected mutual matches and the reasons in words (codes with figures).

Candidates are every format (专场 for the sectors with the most members waiting) × the districts
with the most members not served recently (and citywide) × two adjacent age bands × each slot. Each candidate's
audience is the members of the pool who fit it (district, ages, sector) and had no event for
NOT_SERVED_DAYS; its capacity is what the smaller sex of that audience can fill (even, within the
format's usual size). Its turnout and matches come from the predictor that won the back-test.
Candidates are ranked by expected mutual matches plus a small bonus per person served, and the
best are kept with no two for the same district (or sector) and at most two of a format, a slot or
an age window (a calendar of varied events, not five of the same afternoon).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.analytics.codes import (
    AGE_BANDS,
    NOT_SERVED_DAYS,
    SLOT_TIMES,
    SUGGESTIONS,
    Predictor,
    Reason,
    Slot,
)
from xzdesk.domain.analytics.dto import (
    BacktestInfo,
    EventOutcomeRow,
    PoolCellRow,
    ReasonInfo,
    ScheduleInfo,
    SuggestionInfo,
)
from xzdesk.domain.analytics.pool import PoolArrays, band_label, load_pool
from xzdesk.domain.analytics.predict import EventModel, Plan, backtest, naive, slot_of
from xzdesk.domain.analytics.queries import (
    event_outcomes,
    not_served_indices,
    pool_balance,
    require_analytics,
)
from xzdesk.domain.events.codes import PLANNING_STATUSES, EventKind
from xzdesk.domain.events.models import Event
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.uow import CHINA_TZ, ActorInfo

SIZES = {EventKind.SPEED_DATING.value: (12, 30), EventKind.SALON.value: (12, 24)}  # else (16, 60)
DEFAULT_SIZE = (16, 60)
SERVED_BONUS = 0.02  # expected matches one person served is worth when ranking
PER_KIND = 2
FIRST_WEEK = 3  # the first suggestion is this many weeks ahead (time to invite)
DISTRICTS_TRIED = 4
SECTORS_TRIED = 2
DEFAULT_VENUE = "待定"


@dataclass(frozen=True)
class Audience:
    men: list[int]
    women: list[int]


def audience_of(pool: PoolArrays, waiting: Sequence[int], *, district: str | None, age_min: int, age_max: int,
                sector: str | None) -> Audience:  # fmt: skip
    """Pool indices (from `waiting`, in its order) who fit: district, ages, sector."""
    men, women = [], []
    for i in waiting:
        if district and pool.district[i] != district:
            continue
        if sector and pool.sector[i] != sector:
            continue
        if not age_min <= int(pool.age[i]) <= age_max:
            continue
        (men if int(pool.sex[i]) == 1 else women).append(i)
    return Audience(men, women)


def capacity_for(kind: str, audience: Audience) -> int:
    lo, hi = SIZES.get(kind, DEFAULT_SIZE)
    pairs = min(len(audience.men), len(audience.women))
    return 0 if 2 * pairs < lo else min(hi, 2 * pairs)


def _rate(rows: Sequence[EventOutcomeRow], num: str, den: str) -> float | None:
    a, b = sum(getattr(r, num) for r in rows), sum(getattr(r, den) for r in rows)
    return a / b if b else None


def _venue(rows: Sequence[EventOutcomeRow], district: str | None, kind: str) -> str:
    for chosen in ([r for r in rows if r.district_code == district and r.kind == kind],
                   [r for r in rows if r.district_code == district], list(rows)):  # fmt: skip
        if chosen:
            return Counter(r.venue for r in chosen).most_common(1)[0][0]
    return DEFAULT_VENUE


def _date(today: date, slot: Slot, weeks: int) -> date:
    weekday = SLOT_TIMES[slot][0]
    start = today + timedelta(weeks=weeks)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


@dataclass
class _Context:
    rows: list[EventOutcomeRow]
    model: EventModel | None
    use_model: bool
    pool: PoolArrays
    waiting: list[int]
    short: dict[tuple[str, str], list[PoolCellRow]]
    today: date


def _predict(ctx: _Context, plan: Plan) -> tuple[float, float, str] | None:
    if ctx.use_model and ctx.model is not None:
        turnout, matches = ctx.model.predict(plan)
        return turnout, matches, Predictor.MODEL.value
    base = naive(ctx.rows, plan)
    if base is None:
        return None
    scale = min(1.0, plan.capacity / max(1.0, base[0] / 0.85))  # the last event was bigger: scale it down
    return base[0] * scale, base[1] * scale, Predictor.NAIVE.value


def _reasons(ctx: _Context, kind: str, slot: Slot, district: str | None, bands: tuple[str, ...],
             sector: str | None, audience: Audience, predictor: str) -> tuple[ReasonInfo, ...]:  # fmt: skip
    out = []
    for band in bands:
        for cell in ctx.short.get((district or "", band), [])[:1]:
            out.append(ReasonInfo(Reason.SHORT_CELL.value, {"district": cell.district_code, "sex": cell.sex,
                                  "band": cell.band, "people": cell.people, "partners": cell.partners}))  # fmt: skip
    out.append(ReasonInfo(Reason.NOT_SERVED.value, {"count": len(audience.men) + len(audience.women),
                                                    "months": NOT_SERVED_DAYS // 30}))  # fmt: skip
    if sector:
        out.append(ReasonInfo(Reason.SECTOR_POOL.value, {"sector": sector, "people": len(audience.men) + len(audience.women)}))
    same_kind = [r for r in ctx.rows if r.kind == kind]
    per_person = _rate(same_kind, "mutual", "came")
    if per_person is not None:
        out.append(ReasonInfo(Reason.FORMAT_MATCHES.value, {"kind": kind, "per_10": round(10 * per_person, 1),
                                                            "events": len(same_kind)}))  # fmt: skip
    came = _rate([r for r in ctx.rows if slot_of(r.event_date, r.start_time) == slot], "came", "approved")
    if came is not None:
        out.append(ReasonInfo(Reason.SLOT_TURNOUT.value, {"slot": slot.value, "rate": round(100 * came)}))
    if predictor == Predictor.NAIVE.value:
        out.append(ReasonInfo(Reason.NAIVE.value, {"events": len(ctx.rows)}))
    return tuple(out)


def _candidate(ctx: _Context, kind: str, sector: str | None, district: str | None, b: int, slot: Slot,
               weeks: int) -> tuple[float, SuggestionInfo] | None:  # fmt: skip
    lo, hi = AGE_BANDS[b][0], AGE_BANDS[min(b + 1, len(AGE_BANDS) - 1)][1]
    audience = audience_of(ctx.pool, ctx.waiting, district=district, age_min=lo, age_max=hi, sector=sector)
    capacity = capacity_for(kind, audience)
    if not capacity:
        return None
    day = _date(ctx.today, slot, weeks)
    predicted = _predict(ctx, Plan(kind, slot, capacity, day))
    if predicted is None:
        return None
    turnout, matches, predictor = predicted
    bands = tuple(band_label(*AGE_BANDS[i]) for i in sorted({b, min(b + 1, len(AGE_BANDS) - 1)}))
    served = min(capacity, len(audience.men) + len(audience.women))
    suggestion = SuggestionInfo(
        key=f"{kind}|{sector or ''}|{district or ''}|{lo}-{hi}|{slot.value}", kind=kind, sector=sector,
        district_code=district, venue=_venue(ctx.rows, district, kind), event_date=day,
        start_time=SLOT_TIMES[slot][1], slot=slot.value, capacity=capacity, quota_male=capacity // 2,
        quota_female=capacity - capacity // 2, age_min=lo, age_max=hi,
        audience=len(audience.men) + len(audience.women), predicted_turnout=round(turnout, 1),
        expected_matches=round(matches, 1), predictor=predictor,
        reasons=_reasons(ctx, kind, slot, district, bands, sector, audience, predictor),
    )  # fmt: skip
    return matches + SERVED_BONUS * served, suggestion


def _top(counter: Counter[str], n: int) -> list[str]:
    return [k for k, _c in counter.most_common(n)]


def _candidates(ctx: _Context, district_scope: str | None) -> list[tuple[float, SuggestionInfo]]:
    waiting_districts = Counter(ctx.pool.district[i] for i in ctx.waiting)
    districts = [district_scope] if district_scope else [*_top(waiting_districts, DISTRICTS_TRIED), None]  # None: citywide
    sectors = _top(Counter(s for s in (ctx.pool.sector[i] for i in ctx.waiting) if s and s != "other"),
                   SECTORS_TRIED)  # fmt: skip
    out = []
    for b in range(len(AGE_BANDS) - 1):
        for slot in Slot:
            for district in districts:
                for kind in (k.value for k in EventKind if k is not EventKind.SECTOR):
                    out.append(_candidate(ctx, kind, None, district, b, slot, FIRST_WEEK))
            for sector in sectors:
                out.append(_candidate(ctx, EventKind.SECTOR.value, sector, district_scope, b, slot, FIRST_WEEK))
    return [c for c in out if c is not None]


@dataclass(frozen=True)
class Planned:
    """Events already planned (not cancelled, not yet held) in scope: their days, and what they are
    (format, sector, district), so that a suggestion neither falls on their day nor repeats them."""

    days: frozenset[date] = frozenset()
    events: frozenset[tuple[str, str | None, str | None]] = frozenset()


def planned_events(session: Session, *, today: date, district: str | None) -> Planned:
    query = select(Event.event_date, Event.kind, Event.sectors, Event.district_code).where(
        Event.event_date >= today, Event.status.in_(sorted(PLANNING_STATUSES)))  # fmt: skip
    if district:
        query = query.where(Event.district_code == district)
    rows = session.execute(query).all()
    return Planned(frozenset(r.event_date for r in rows),
                   frozenset((r.kind, (r.sectors or [None])[0], r.district_code) for r in rows))  # fmt: skip


def choose(candidates: list[tuple[float, SuggestionInfo]], *, today: date, n: int = SUGGESTIONS,
           planned: Planned = Planned()) -> list[SuggestionInfo]:  # fmt: skip
    """The best candidates, varied: one per district (or sector), at most PER_KIND per format,
    per slot and per age window, none repeating an event already planned (same format, sector and
    district), each on a day after the one before with no other event planned (a week later on the
    slot's weekday, or later still)."""
    chosen: list[SuggestionInfo] = []
    seen: set[tuple[str | None, str | None]] = set()
    used: Counter[tuple[str, object]] = Counter()  # ("kind", k), ("slot", s), ("ages", lo)
    for _score, s in sorted(candidates, key=lambda c: (-c[0], c[1].key)):
        where = (s.district_code, s.sector)
        marks = (("kind", s.kind), ("slot", s.slot), ("ages", s.age_min))
        if where in seen or any(used[m] >= PER_KIND for m in marks) or (s.kind, s.sector, s.district_code) in planned.events:
            continue
        seen.add(where)
        used.update(marks)
        week = FIRST_WEEK + len(chosen)
        taken = planned.days | {c.event_date for c in chosen}
        while _date(today, Slot(s.slot), week) in taken:
            week += 1
        chosen.append(replace(s, event_date=_date(today, Slot(s.slot), week)))
        if len(chosen) >= n:
            break
    return chosen


def schedule(session: Session, *, actor: ActorInfo | None, now: datetime, progress: Progress = no_progress,
             cancel: CancelToken = NEVER_CANCELLED) -> ScheduleInfo:  # fmt: skip
    """The suggestions and the back-test of the predictor, in the actor's scope."""
    actor = require_analytics(actor)
    district = actor.district_code
    today = now.astimezone(CHINA_TZ).date()
    rows = event_outcomes(session, district=district, cancel=cancel,
                          progress=lambda f, code: progress(0.5 * f, code))  # fmt: skip
    progress(0.5, "analytics.backtest")
    test: BacktestInfo = backtest(rows, progress=lambda f: progress(0.5 + 0.3 * f, "analytics.backtest"), cancel=cancel)
    model = EventModel.fit(rows)
    pool = load_pool(session, today=today, district=district, cancel=cancel)
    progress(0.8, "analytics.suggestions")
    short: dict[tuple[str, str], list[PoolCellRow]] = {}
    for cell in pool_balance(pool, cancel):
        if cell.short:
            short.setdefault((cell.district_code, cell.band), []).append(cell)
    use_model = model is not None and test.model_wins
    ctx = _Context(rows, model, use_model, pool, not_served_indices(pool, today=today), short, today)
    chosen = choose(_candidates(ctx, district), today=today,
                    planned=planned_events(session, today=today, district=district))  # fmt: skip
    progress(1.0, "analytics.done")
    return ScheduleInfo(generated_at=now, suggestions=tuple(chosen), backtest=test, history=len(rows),
                        predictor=Predictor.MODEL.value if use_model else Predictor.NAIVE.value)  # fmt: skip


def audience_ids(pool: PoolArrays, waiting: Sequence[int], suggestion: SuggestionInfo) -> list[str]:
    """Whom a suggested event invites: those who fit and waited longest, up to 120 % of each
    sex's quota, men and women alternately (the invitation order is the waiting-list order)."""
    audience = audience_of(pool, waiting, district=suggestion.district_code, age_min=suggestion.age_min,
                           age_max=suggestion.age_max, sector=suggestion.sector)  # fmt: skip
    men = audience.men[: suggestion.quota_male * 6 // 5]
    women = audience.women[: suggestion.quota_female * 6 // 5]
    order = [x for pair in zip(men, women, strict=False) for x in pair]
    order += men[len(women):] + women[len(men):]
    return [pool.ids[i] for i in order]

