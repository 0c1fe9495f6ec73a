"""Event analytics (活动分析): what each past event brought, demand by sex, age band, district,
sector and interest, the balance of the active pool, and the members not offered an event for
months. Read-only (`reports.aggregate`), in the actor's scope (a district account: its district's
events and members); run on a reader thread (`ops.run(..., mode="read")`).

Figures on screen are the union's own working figures for planning (the people are its members
and each matchmaker already sees them one by one); nothing here leaves the union. What leaves it
goes through `export.py`, where counts of people follow `reports.suppression`.

Definitions:
- An event's registrations are counted by source (invitation, online, walk-in) whatever became of
  them; "approved" had a place (approved, attended or no-show); "waitlisted" are those still on
  the waiting list; "came" attended, "no-shows" did not. Cards and mutual pairs are those of
  `checkin.matches.event_summary` (cards of people present). Introductions are those created
  from the event; "dating" those now dating, engaged or married.
- Demand: registrations requested in the last DEMAND_DAYS (cancelled by the organiser excluded),
  the waiting-list entries among them, and online interest: online sign-ups plus "想认识" asks
  (introductions of source online, counted for the member who asked: the side whose "yes" is
  dated with the proposal). Each is counted for the
  person's sex, age band today, district, sector and every interest tag, against the pool.
- The pool's balance: see `pool.fitting_partners` (two-way age fit in the same district).
- Not served: members of the pool with no registration of any kind for NOT_SERVED_DAYS.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from xzdesk.domain.analytics.codes import (
    AGE_BANDS,
    DEMAND_DAYS,
    MIN_CELL,
    NOT_SERVED_DAYS,
    NOT_SERVED_LIST,
    SHORT_RATIO,
    TOP_INTERESTS,
    Dimension,
)
from xzdesk.domain.analytics.dto import AnalyticsInfo, DemandRow, EventOutcomeRow, NotServedRow, PoolCellRow
from xzdesk.domain.analytics.pool import CHUNK, PoolArrays, band_label, band_of, fitting_partners, load_pool
from xzdesk.domain.checkin.matches import event_summary
from xzdesk.domain.errors import PermissionDenied
from xzdesk.domain.events.codes import CancelReason, EventStatus, RegistrationSource, RegistrationStatus
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.introductions.codes import Source as IntroSource
from xzdesk.domain.introductions.codes import Stage
from xzdesk.domain.introductions.models import Introduction
from xzdesk.domain.members.models import Member
from xzdesk.domain.privacy.codes import MaskKind
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import CHINA_TZ, ActorInfo

DATING_STAGES = frozenset({Stage.DATING.value, Stage.ENGAGED.value, Stage.MARRIED.value})
APPROVED = frozenset({RegistrationStatus.APPROVED.value, RegistrationStatus.ATTENDED.value,
                      RegistrationStatus.NO_SHOW.value})  # fmt: skip
# registration field -> how it is counted for an event: (column of the row, value)
_SOURCE_COLUMN = {RegistrationSource.INVITATION.value: "invited", RegistrationSource.ONLINE.value: "online",
                  RegistrationSource.WALK_IN.value: "walk_ins"}  # fmt: skip
_STATUS_COLUMN = {RegistrationStatus.WAITLISTED.value: "waitlisted", RegistrationStatus.ATTENDED.value: "came",
                  RegistrationStatus.NO_SHOW.value: "no_shows"}  # fmt: skip


def require_analytics(actor: ActorInfo | None) -> ActorInfo:
    if actor is None or not actor.can(Permission.REPORTS_AGGREGATE):
        raise PermissionDenied(permission=str(Permission.REPORTS_AGGREGATE), role=str(actor.role) if actor else None)
    return actor


# --- events ---------------------------------------------------------------------------------------
def held_events(session: Session, *, district: str | None) -> list[Event]:
    query = select(Event).where(Event.status == EventStatus.HELD.value)
    if district:
        query = query.where(Event.district_code == district)
    return list(session.execute(query.order_by(Event.event_date.desc(), Event.start_time.desc())).scalars())


def _registration_counts(session: Session, event_ids: list[str]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for start in range(0, len(event_ids), CHUNK):
        part = event_ids[start : start + CHUNK]
        for event_id, source, status, n in session.execute(
            select(EventRegistration.event_id, EventRegistration.source, EventRegistration.status, func.count())
            .where(EventRegistration.event_id.in_(part))
            .group_by(EventRegistration.event_id, EventRegistration.source, EventRegistration.status)
        ):  # fmt: skip
            counts = out[event_id]
            counts[_SOURCE_COLUMN.get(source, "walk_ins")] += n
            if status in APPROVED:
                counts["approved"] += n
            if status in _STATUS_COLUMN:
                counts[_STATUS_COLUMN[status]] += n
    return out


def _introduction_counts(session: Session, event_ids: list[str]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for start in range(0, len(event_ids), CHUNK):
        part = event_ids[start : start + CHUNK]
        for event_id, stage, n in session.execute(
            select(Introduction.event_id, Introduction.stage, func.count())
            .where(Introduction.event_id.in_(part)).group_by(Introduction.event_id, Introduction.stage)
        ):  # fmt: skip
            out[event_id]["introductions"] += n
            if stage in DATING_STAGES:
                out[event_id]["dating"] += n
    return out


def event_outcomes(session: Session, *, district: str | None, cancel: CancelToken = NEVER_CANCELLED,
                   progress: Progress = no_progress) -> list[EventOutcomeRow]:  # fmt: skip
    """Every held event in scope, newest first (module docstring for the definitions)."""
    events = held_events(session, district=district)
    ids = [e.id for e in events]
    regs = _registration_counts(session, ids)
    intros = _introduction_counts(session, ids)
    rows = []
    for i, e in enumerate(events):
        cancel.check()
        progress(0.5 * i / max(1, len(events)), "analytics.events")
        summary = event_summary(session, event_id=e.id)
        c = regs.get(e.id, Counter()) + intros.get(e.id, Counter())
        rows.append(EventOutcomeRow(
            event_id=e.id, code=e.code, name=e.name, kind=e.kind, event_date=e.event_date, start_time=e.start_time,
            district_code=e.district_code, venue=e.venue, sector=(e.sectors or [None])[0], capacity=e.capacity,
            invited=c["invited"], online=c["online"], walk_ins=c["walk_ins"], approved=c["approved"],
            waitlisted=c["waitlisted"], came=c["came"], no_shows=c["no_shows"], cards=summary.total.cards,
            mutual=summary.mutual_pairs, introductions=c["introductions"], dating=c["dating"],
        ))  # fmt: skip
    return rows


# --- demand ---------------------------------------------------------------------------------------
def _demand_people(session: Session, pool: PoolArrays, *, since: datetime) -> tuple[Counter, Counter, Counter]:
    """Per pool index: registrations, waiting-list entries and online interest since `since`."""
    index = {member_id: i for i, member_id in enumerate(pool.ids)}
    sign_ups: Counter[int] = Counter()
    waitlisted: Counter[int] = Counter()
    online: Counter[int] = Counter()
    for member_id, source, status, reason in session.execute(
        select(EventRegistration.member_id, EventRegistration.source, EventRegistration.status,
               EventRegistration.cancel_reason).where(EventRegistration.requested_at >= since)
    ):  # fmt: skip
        i = index.get(member_id)
        if i is None or reason in (CancelReason.DECLINED.value, CancelReason.INELIGIBLE.value):
            continue
        sign_ups[i] += 1
        waitlisted[i] += status == RegistrationStatus.WAITLISTED.value
        online[i] += source == RegistrationSource.ONLINE.value
    for a, b, a_at, b_at, at in session.execute(
        select(Introduction.member_a_id, Introduction.member_b_id, Introduction.a_responded_at,
               Introduction.b_responded_at, Introduction.proposed_at)
        .where(Introduction.source == IntroSource.ONLINE.value, Introduction.proposed_at >= since)
    ):  # fmt: skip
        # the asker answered "yes" when asking (server/h5/matching.want_to_meet): that side asked
        i = index.get(a if a_at == at else b if b_at == at else "")
        if i is not None:
            online[i] += 1
    return sign_ups, waitlisted, online


def _keys_of(pool: PoolArrays, i: int, dimension: Dimension) -> Iterable[str]:
    if dimension is Dimension.SEX:
        return (str(int(pool.sex[i])),)
    if dimension is Dimension.AGE_BAND:
        band = band_of(int(pool.age[i]))
        return (band,) if band else ()
    if dimension is Dimension.DISTRICT:
        return (pool.district[i],)
    if dimension is Dimension.SECTOR:
        return (pool.sector[i] or "other",)
    return pool.hobbies[i]


def _order(dimension: Dimension, totals: dict[str, Counter[str]]) -> list[str]:
    if dimension is Dimension.AGE_BAND:
        return [k for k in (band_label(lo, hi) for lo, hi in AGE_BANDS) if k in totals]
    if dimension is Dimension.SEX:
        return sorted(totals)
    keys = sorted(totals, key=lambda k: (-totals[k]["sign_ups"] - totals[k]["online"], -totals[k]["pool"], k))
    return keys[:TOP_INTERESTS] if dimension is Dimension.INTEREST else keys


def demand(session: Session, pool: PoolArrays, *, today: date) -> list[DemandRow]:
    since = datetime.combine(today - timedelta(days=DEMAND_DAYS), datetime.min.time(), tzinfo=CHINA_TZ)
    sign_ups, waitlisted, online = _demand_people(session, pool, since=since)
    rows = []
    for dimension in Dimension:
        totals: dict[str, Counter[str]] = defaultdict(Counter)
        for i in range(len(pool)):
            for key in _keys_of(pool, i, dimension):
                c = totals[key]
                c["pool"] += 1
                c["sign_ups"] += sign_ups[i]
                c["waitlisted"] += waitlisted[i]
                c["online"] += online[i]
        for key in _order(dimension, totals):
            c = totals[key]
            rows.append(DemandRow(dimension.value, key, c["sign_ups"], c["waitlisted"], c["online"], c["pool"]))
    return rows


# --- the pool's balance ---------------------------------------------------------------------------
def pool_balance(pool: PoolArrays, cancel: CancelToken = NEVER_CANCELLED) -> list[PoolCellRow]:
    """Every (district, sex, age band) cell of the pool, the shortest of partners first."""
    bands = pool.bands()
    cells: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for i, band in enumerate(bands):
        if band is not None:
            cells[(pool.district[i], int(pool.sex[i]), band)].append(i)
    rows = []
    for (district, sex, band), members in cells.items():
        cancel.check()
        partners, each = fitting_partners(pool, np.array(members, dtype=np.int64))
        per_person = float(each.mean()) if each.size else 0.0
        people = len(members)
        rows.append(PoolCellRow(district, sex, band, people, partners, round(per_person, 1),
                                short=people >= MIN_CELL and partners < SHORT_RATIO * people))  # fmt: skip
    return sorted(rows, key=lambda r: (not r.short, r.ratio, -r.people, r.district_code, r.sex, r.band))


# --- not served -----------------------------------------------------------------------------------
def not_served_indices(pool: PoolArrays, *, today: date, days: int = NOT_SERVED_DAYS) -> list[int]:
    """Pool indices with no registration for `days`, the longest wait (never first) first."""
    cutoff = today - timedelta(days=days)
    waiting = [i for i, last in enumerate(pool.last_offered) if last is None or last < cutoff]
    return sorted(waiting, key=lambda i: (pool.last_offered[i] is not None, pool.last_offered[i] or date.min, i))


def not_served(session: Session, pool: PoolArrays, indices: list[int]) -> list[NotServedRow]:
    chosen = indices[:NOT_SERVED_LIST]
    ids = [pool.ids[i] for i in chosen]
    facts = {r.id: r for r in session.execute(select(Member.id, Member.member_no, Member.name)
                                              .where(Member.id.in_(ids)))} if ids else {}  # fmt: skip
    rows = []
    for i in chosen:
        f = facts.get(pool.ids[i])
        if f is None:
            continue
        rows.append(NotServedRow(f.id, f.member_no, mask(f.name, MaskKind.NAME), int(pool.sex[i]), int(pool.age[i]),
                                 pool.district[i], pool.sector[i], pool.last_offered[i]))  # fmt: skip
    return rows


# --- the screen's read ----------------------------------------------------------------------------
def event_analytics(session: Session, *, actor: ActorInfo | None, now: datetime, progress: Progress = no_progress,
                    cancel: CancelToken = NEVER_CANCELLED) -> AnalyticsInfo:  # fmt: skip
    """Everything the 活动分析 screen shows, in the actor's scope."""
    actor = require_analytics(actor)
    district = actor.district_code
    today = now.astimezone(CHINA_TZ).date()
    events = event_outcomes(session, district=district, cancel=cancel, progress=progress)
    progress(0.55, "analytics.pool")
    pool = load_pool(session, today=today, district=district, cancel=cancel)
    progress(0.7, "analytics.demand")
    rows = demand(session, pool, today=today)
    progress(0.8, "analytics.balance")
    balance = pool_balance(pool, cancel)
    waiting = not_served_indices(pool, today=today)
    listed = not_served(session, pool, waiting) if actor.can(Permission.MEMBERS_VIEW) else []
    progress(1.0, "analytics.done")
    return AnalyticsInfo(
        generated_at=now, scope_district=district, events=tuple(events), demand=tuple(rows), pool=tuple(balance),
        not_served=tuple(listed), not_served_total=len(waiting), not_served_days=NOT_SERVED_DAYS, pool_size=len(pool),
    )  # fmt: skip
