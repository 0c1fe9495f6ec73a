"""Demo events for the demo database, tests and benchmarks (`xzdesk seed --events N`).

Builds events of every kind around today on a plausible calendar (`plan_calendar`: festival
events on their days, 七夕 by the lunar calendar, ordinary ones on Saturdays and Sundays; past ones
held, with attendance, no-shows and interest cards with some mutual matches; coming ones open or
closed) from the members already in the database, through the real services: invitations with
quotas and a waiting list, online sign-ups left pending, a few cancellations that promote the
waiting list, tables and an optimised seat plan, and a rotation for speed-dating events.

Deterministic for a seed and a database: the same (count, seed) picks the same members, dates,
quotas, plates and seats. Record ids, token keys and QR tokens are random (they are secrets or
minted by the services). Like the member seed, it writes no sync outbox rows (the demo database
is never pushed) and runs with progress and cancel; the caller owns the transaction.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import XzError
from xzdesk.domain.events import seatplans
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.codes import EventKind, EventStatus, RegistrationStatus
from xzdesk.domain.events.dto import AgeBandInfo, EventDraft
from xzdesk.domain.events.models import EventRegistration
from xzdesk.domain.members.codes import DISTRICTS, MemberStatus
from xzdesk.domain.members.models import Member
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.seating import RotationSettingsInfo
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.store.models import DEMO_DATA, LocalMeta
from xzdesk.domain.uow import ActorInfo, UnitOfWork

ORGANISER = ("events", "市总工会活动组")
VENUES = ("徐州市工人文化宫", "云龙湖景区游客中心", "徐州市图书馆报告厅", "彭城广场青年之家", "潘安湖湿地公园",
          "徐州奥体中心", "户部山文化街区茶社", "徐州市职工服务中心")  # fmt: skip
SECTOR_NAMES = {"education": "教师", "health": "医务工作者", "transport": "交通运输", "manufacturing": "产业工人",
                "public_service": "公共服务", "finance": "金融系统", "energy": "能源系统", "it": "信息技术"}  # fmt: skip
KINDS = ((EventKind.MIXER, 4), (EventKind.SPEED_DATING, 3), (EventKind.OUTDOOR, 2), (EventKind.SALON, 2),
         (EventKind.SECTOR, 2))  # fmt: skip
# Titles of ordinary weekend events (festival events have their own, in FESTIVALS).
TITLES = {
    EventKind.MIXER: ("{district}青年职工联谊会", "周末单身青年联谊会", "{district}职工交友联谊会"),
    EventKind.SPEED_DATING: ("8分钟约会·第{n}期", "职工8分钟约会专场"),
    EventKind.OUTDOOR: ("云龙湖徒步交友", "潘安湖骑行联谊", "户外拓展交友营"),
    EventKind.SALON: ("读书分享沙龙", "咖啡与电影沙龙", "手工茶艺沙龙"),
    EventKind.SECTOR: ("{sector}专场联谊会",),
}
SEAT_ITERATIONS = 20_000  # a fixed search length keeps the seat plans deterministic
PAST_DAYS, FUTURE_DAYS = 100, 150  # the demo calendar's window around today
# Ordinary events: weeks from today (negative = past, held), on a Saturday or a Sunday.
WEEKS = (-3, 1, 2, 4, -7, 6, 8, -11, 10, 12, 14, -5, 16, 3, 5, 7, 9, 11, 13, 15, 17, 18, 19, 20)


@dataclass(frozen=True)
class OccasionInfo:
    """When a demo event takes place, what it is and how it is called."""

    day: date
    kind: EventKind
    title: str  # may hold {district}, {n}, {sector}
    start_time: str


def _weekday_time(day: date, weekend: str) -> str:
    return weekend if day.weekday() >= 5 else "19:00"  # on a working day: an evening event


def _saturday_on_or_before(day: date) -> date:
    return day - timedelta(days=(day.weekday() - 5) % 7)


def _saturday_on_or_after(day: date) -> date:
    return day + timedelta(days=(5 - day.weekday()) % 7)


def _festivals(year: int) -> list[OccasionInfo]:
    """The year's festival events: 5·20 on 20 May, 七夕 on the 7th day of the 7th lunar month,
    国庆 in the October holidays, 元旦 on the weekend before New Year, 春节 on the first Saturday
    after the Spring Festival holidays."""
    from lunardate import LunarDate  # the Chinese calendar (only for seeding)

    qixi = LunarDate(year, 7, 7).to_solar_date()
    spring = LunarDate(year, 1, 1).to_solar_date()
    may20 = date(year, 5, 20)
    return [
        OccasionInfo(may20, EventKind.SPEED_DATING, "“5·20”告白日8分钟约会", _weekday_time(may20, "14:30")),
        OccasionInfo(qixi, EventKind.MIXER, "七夕主题联谊会", _weekday_time(qixi, "14:30")),
        OccasionInfo(date(year, 10, 3), EventKind.OUTDOOR, "国庆假期云龙湖徒步交友", "09:30"),
        OccasionInfo(_saturday_on_or_before(date(year, 12, 31)), EventKind.MIXER, "元旦迎新联谊会", "14:30"),
        OccasionInfo(_saturday_on_or_after(spring + timedelta(days=8)), EventKind.MIXER, "新春联谊会", "14:00"),
    ]


def _next_kind(kinds_left: list[EventKind], *, past: bool) -> EventKind:
    """The next kind still to show; a past event is not the speed dating one while others are
    left (its rotation is what the demo shows before the event)."""
    if past:
        for i, kind in enumerate(kinds_left):
            if kind != EventKind.SPEED_DATING:
                return kinds_left.pop(i)
    return kinds_left.pop(0)


def plan_calendar(today: date, count: int, rng: random.Random) -> list[OccasionInfo]:
    """`count` plausible occasions around today: the festivals that fall between PAST_DAYS before
    and FUTURE_DAYS after it (at most half of the events), then ordinary events on Saturdays and
    Sundays, past (held) and coming; the first events show every kind once. Deterministic for
    (today, count, rng's state)."""
    low, high = today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS)
    festivals = sorted((o for y in (today.year - 1, today.year, today.year + 1) for o in _festivals(y)
                        if low <= o.day <= high), key=lambda o: abs((o.day - today).days))  # fmt: skip
    chosen = festivals[: count // 2]
    used_days = {o.day for o in chosen}
    kinds_left = [k for k, _w in KINDS if k not in {o.kind for o in chosen}]
    for week in WEEKS:
        if len(chosen) >= count:
            break
        day = _saturday_on_or_after(today) + timedelta(weeks=week, days=rng.choice((0, 1)))
        if day in used_days or day == today:
            continue
        kind = _next_kind(kinds_left, past=day < today) if kinds_left else _weighted(rng, KINDS)
        start = "14:30" if kind == EventKind.SPEED_DATING else rng.choice(("09:30", "14:00", "14:30"))
        chosen.append(OccasionInfo(day, kind, rng.choice(TITLES[kind]), start))
        used_days.add(day)
    return sorted(chosen, key=lambda o: o.day)


@dataclass(frozen=True)
class EventSeedReport:
    events: int
    registrations: int
    tables: int
    seated: int


def _organiser(uow: UnitOfWork) -> ActorInfo:
    staff = uow.session.execute(select(Staff).where(Staff.username == ORGANISER[0])).scalar()
    if staff is None:
        staff = Staff(username=ORGANISER[0], display_name=ORGANISER[1], role=Role.MATCHMAKER.value,
                      district_code=None, active=True, created_at=uow.now)  # fmt: skip
        uow.session.add(staff)
        uow.session.flush()
    return ActorInfo(staff.id, Role.MATCHMAKER, None, staff.display_name)


def _pool(uow: UnitOfWork) -> list[Member]:
    return list(uow.session.execute(
        select(Member)
        .where(Member.status.in_([MemberStatus.ACTIVE.value, MemberStatus.VERIFIED.value]), Member.fraud_flag.is_(False))
        .order_by(Member.member_no)
    ).scalars())  # fmt: skip


def _weighted(rng: random.Random, pairs: tuple[tuple[EventKind, int], ...]) -> EventKind:
    kinds, weights = zip(*pairs, strict=True)
    return rng.choices(kinds, weights=weights)[0]


@contextlib.contextmanager
def _demo_rows(uow: UnitOfWork) -> Iterator[None]:
    """Demo rows write no outbox (the demo database is never pushed to a real server)."""
    info = uow.session.info
    was_applying = info.get("sync_apply")
    info["sync_apply"] = True
    try:
        yield
    finally:
        if was_applying is None:
            info.pop("sync_apply", None)
        else:
            info["sync_apply"] = was_applying
    uow.session.merge(LocalMeta(key=DEMO_DATA, value="1"))


def seed_events(
    uow: UnitOfWork,
    *,
    count: int,
    seed: int = 0,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> EventSeedReport:
    """Add `count` demo events with registrations and seat plans (see module docstring)."""
    if count <= 0:
        return EventSeedReport(0, 0, 0, 0)
    pool = _pool(uow)
    if not pool:
        raise XzError("events.seed_no_members")
    rng = random.Random(f"xzdesk-events-{seed}")
    work = uow.acting_as(_organiser(uow))
    today = uow.today()
    totals = [0, 0, 0, 0]
    with _demo_rows(uow):
        for i, occasion in enumerate(plan_calendar(today, count, rng)):
            cancel.check()
            progress(i / count, "seed.events")
            totals = [a + b for a, b in zip(totals, _one_event(work, rng, pool, i, occasion, today=today), strict=True)]
        progress(1.0, "seed.events")
    uow.audit("seed.events", fields=[f"count:{count}"])
    uow.mark(Area.EVENTS)
    return EventSeedReport(*totals)


def _one_event(uow: UnitOfWork, rng: random.Random, pool: list[Member], i: int, occasion: OccasionInfo, *,
               today: date) -> list[int]:  # fmt: skip
    kind, day = occasion.kind, occasion.day
    offset = (day - today).days
    district = rng.choice(list(DISTRICTS))
    sector = rng.choice(list(SECTOR_NAMES)) if kind == EventKind.SECTOR else None
    title = occasion.title.format(district=DISTRICTS[district], n=i + 1, sector=SECTOR_NAMES.get(sector or "", ""))
    if kind == EventKind.SPEED_DATING:
        capacity = rng.choice((16, 20, 24, 30))
    else:
        capacity = rng.choice((20, 24, 30, 40, 50, 60))
    half = capacity // 2
    bands: tuple[AgeBandInfo, ...] = ()
    if rng.random() < 0.4:
        bands = (AgeBandInfo(22, 29, limit=capacity * 6 // 10), AgeBandInfo(30, 45, limit=capacity * 6 // 10))
    draft = EventDraft(
        name=title, kind=kind.value, event_date=day, start_time=occasion.start_time,
        end_time=None, venue=rng.choice(VENUES), capacity=capacity, quota_male=half, quota_female=capacity - half,
        age_bands=bands, age_min=22, age_max=45, sectors=(sector,) if sector else (),
        description=None,
    )  # fmt: skip
    event = ev.create_event(uow, draft=draft)
    ev.change_event_status(uow, event_id=event.id, status=EventStatus.OPEN)
    # Candidates: eligible for the sector, shuffled deterministically; ~120% of the capacity.
    candidates = [m for m in pool if sector is None or m.sector == sector]
    rng.shuffle(candidates)
    invited = candidates[: int(capacity * 1.2)]
    online = candidates[int(capacity * 1.2): int(capacity * 1.2) + rng.randint(0, 4)]
    result = ev.invite_members(uow, event_id=event.id, member_ids=[m.id for m in invited])
    for member in online:
        try:
            ev.submit_registration(uow, event_id=event.id, member_id=member.id)
        except XzError:
            continue
    for reg_id in result.approved[: rng.randint(0, 2)]:
        ev.cancel_registration(uow, registration_id=reg_id)
    tables = 0
    seated = 0
    approved = len(result.approved)
    if approved:
        per_table = 6 if kind == EventKind.SALON else 10
        shape = "long" if kind == EventKind.SALON else "round"
        n_tables = max(1, -(-approved // per_table))
        seatplans.add_tables(uow, event_id=event.id, count=n_tables, shape=shape, capacity=per_table)
        tables = n_tables
        if kind != EventKind.SPEED_DATING:
            run = seatplans.optimise_seat_plan(uow, event_id=event.id, seed=rng.randrange(1 << 30),
                                               max_iterations=SEAT_ITERATIONS, time_budget_s=60.0)  # fmt: skip
            seated = len(run.result.plan.seats)
        else:
            seatplans.generate_rotation(uow, event_id=event.id,
                                        settings=RotationSettingsInfo(round_minutes=8, changeover_minutes=2,
                                                                      break_every=5, break_minutes=10))  # fmt: skip
    if offset < 0:  # past: the event was held, most came
        regs = uow.session.execute(
            select(EventRegistration).where(EventRegistration.event_id == event.id,
                                            EventRegistration.status == RegistrationStatus.APPROVED.value)
            .order_by(EventRegistration.plate)
        ).scalars().all()  # fmt: skip
        for reg in regs:
            if rng.random() < 0.88:
                ev.mark_attended(uow, registration_id=reg.id)
        ev.change_event_status(uow, event_id=event.id, status=EventStatus.HELD)
        ev.record_no_shows(uow, event_id=event.id)
        _seed_interest_cards(uow, rng, event.id)
    elif offset < 7:
        ev.change_event_status(uow, event_id=event.id, status=EventStatus.CLOSED)
    registrations = uow.session.execute(
        select(EventRegistration.id).where(EventRegistration.event_id == event.id)).all()  # fmt: skip
    return [1, len(registrations), tables, seated]


MUTUAL_SHARE = 0.25  # of the smaller side: pairs who tick each other (the demo's 双向心动)


def _seed_interest_cards(uow: UnitOfWork, rng: random.Random, event_id: str, share: float = MUTUAL_SHARE) -> int:
    """心动卡 of a held event, as staff would have typed them in: most people present hand in a
    card ticking one to three of the other sex; about a quarter of the smaller side are pairs who
    ticked each other, so 活动结束后 has mutual matches and result slips to show. Returns the
    number of cards."""
    from xzdesk.domain.checkin import roster as venue_roster
    from xzdesk.domain.checkin.cards import enter_interest_card
    from xzdesk.domain.checkin.queries import plate_sort_key, roster

    # the roster follows the registrations when the transaction commits: bring it up to date now
    venue_roster.refresh_rows(uow.session, venue_roster.event_registration_ids(uow.session, event_id), now=uow.now)
    there = [r for r in roster(uow.session, event_id=event_id) if r.present and r.plate]
    men = sorted((r.plate for r in there if r.sex == 1), key=plate_sort_key)
    women = sorted((r.plate for r in there if r.sex == 2), key=plate_sort_key)
    if not men or not women:
        return 0
    rng.shuffle(men)
    rng.shuffle(women)
    ticks: dict[str, set[str]] = {plate: set() for plate in (*men, *women)}
    for man, woman in list(zip(men, women, strict=False))[: max(1, round(share * min(len(men), len(women))))]:
        ticks[man].add(woman)
        ticks[woman].add(man)
    for plate in ticks:
        others = women if plate in men else men
        ticks[plate].update(rng.sample(others, min(len(others), rng.randint(0, 2))))
    handed_in = [plate for plate in sorted(ticks, key=plate_sort_key) if ticks[plate] or rng.random() < 0.5]
    for plate in handed_in:
        enter_interest_card(uow, event_id=event_id, card_plate=plate, ticked=sorted(ticks[plate], key=plate_sort_key))
    return len(handed_in)


# --- a year of past events (the history 活动分析 and 排期建议 learn from) -----------------------------
HISTORY_FIRST_WEEK = 16  # the history ends before the ordinary demo calendar's past events begin
# Hidden truths of the demo history (never read by the analytics): the share of approved people
# who come, by format and by slot, and the share of the smaller sex in mutual pairs, by format.
SHOW_RATE = {EventKind.MIXER: 0.82, EventKind.SPEED_DATING: 0.9, EventKind.OUTDOOR: 0.7, EventKind.SALON: 0.86,
             EventKind.SECTOR: 0.88}  # fmt: skip
SLOT_RATE = {"09:30": 0.9, "14:30": 1.0, "19:00": 0.8}
MUTUAL_RATE = {EventKind.MIXER: 0.2, EventKind.SPEED_DATING: 0.34, EventKind.OUTDOOR: 0.16, EventKind.SALON: 0.26,
               EventKind.SECTOR: 0.3}  # fmt: skip
DATING_SHARE = 0.3  # of the introductions made from mutual pairs: went on to date


def seed_event_history(
    uow: UnitOfWork,
    *,
    count: int,
    seed: int = 0,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> EventSeedReport:
    """`count` held events over the past year (one every two weeks, further back than the demo
    calendar's): every format, districts, sectors, weekend mornings and afternoons and weekday
    evenings; invitations with a waiting list, online sign-ups, attendance and no-shows, interest
    cards with mutual matches, introductions from them, some of which went on to date. No seat
    plans (nobody looks at a past event's tables). Registrations are dated two weeks before their
    event. Deterministic for (count, seed, database) like `seed_events`."""
    if count <= 0:
        return EventSeedReport(0, 0, 0, 0)
    pool = _pool(uow)
    if not pool:
        raise XzError("events.seed_no_members")
    rng = random.Random(f"xzdesk-history-{seed}")
    work = uow.acting_as(_organiser(uow))
    today = uow.today()
    registrations = 0
    with _demo_rows(uow):
        for i in range(count):
            cancel.check()
            progress(i / count, "seed.events")
            registrations += _past_event(work, rng, pool, i, today=today)
        progress(1.0, "seed.events")
    uow.audit("seed.events", fields=[f"count:{count}"])
    uow.mark(Area.EVENTS, Area.INTRODUCTIONS)
    return EventSeedReport(count, registrations, 0, 0)


def _history_occasion(rng: random.Random, i: int, today: date) -> tuple[EventKind, date, str]:
    kind = [k for k, _w in KINDS][i % len(KINDS)] if i < len(KINDS) else _weighted(rng, KINDS)
    start = rng.choice(tuple(SLOT_RATE))
    saturday = _saturday_on_or_before(today) - timedelta(weeks=HISTORY_FIRST_WEEK + 2 * i)
    day = saturday - timedelta(days=1) if start == "19:00" else saturday + timedelta(days=rng.choice((0, 1)))
    return kind, day, start


def _past_event(uow: UnitOfWork, rng: random.Random, pool: list[Member], i: int, *, today: date) -> int:
    kind, day, start = _history_occasion(rng, i, today)
    district = rng.choice(list(DISTRICTS))
    sector = rng.choice(list(SECTOR_NAMES)) if kind == EventKind.SECTOR else None
    capacity = rng.choice((16, 20, 24) if kind == EventKind.SPEED_DATING else (20, 24, 30, 40, 50))
    title = rng.choice(TITLES[kind]).format(district=DISTRICTS[district], n=i + 1, sector=SECTOR_NAMES.get(sector or "", ""))
    event = ev.create_event(uow, draft=EventDraft(
        name=title, kind=kind.value, event_date=day, start_time=start, venue=rng.choice(VENUES), capacity=capacity,
        quota_male=capacity // 2, quota_female=capacity - capacity // 2, age_min=22, age_max=45,
        sectors=(sector,) if sector else (), district_code=district,
    ))  # fmt: skip
    ev.change_event_status(uow, event_id=event.id, status=EventStatus.OPEN)
    candidates = [m for m in pool if sector is None or m.sector == sector]
    rng.shuffle(candidates)
    invited = int(capacity * rng.uniform(1.0, 1.4))
    ev.invite_members(uow, event_id=event.id, member_ids=[m.id for m in candidates[:invited]])
    for member in candidates[invited : invited + rng.randint(0, 6)]:
        try:
            ev.submit_registration(uow, event_id=event.id, member_id=member.id)
        except XzError:
            continue
    show = SHOW_RATE[kind] * SLOT_RATE[start]
    regs = uow.session.execute(select(EventRegistration).where(EventRegistration.event_id == event.id)
                               .order_by(EventRegistration.plate)).scalars().all()  # fmt: skip
    for reg in regs:
        if reg.status == RegistrationStatus.APPROVED.value and rng.random() < show:
            ev.mark_attended(uow, registration_id=reg.id)
    ev.change_event_status(uow, event_id=event.id, status=EventStatus.HELD)
    ev.record_no_shows(uow, event_id=event.id)
    _seed_interest_cards(uow, rng, event.id, share=MUTUAL_RATE[kind] * rng.uniform(0.6, 1.4))
    _seed_outcomes(uow, rng, event.id)
    asked = datetime.combine(day - timedelta(days=14), time(12, 0), tzinfo=UTC)
    for reg in regs:  # signed up or invited two weeks before the event (demand by date, not served)
        reg.requested_at = reg.created_at = asked
    return len(regs)


def _seed_outcomes(uow: UnitOfWork, rng: random.Random, event_id: str) -> None:
    """Introductions from the mutual pairs; DATING_SHARE of them went on to date."""
    from xzdesk.domain.checkin.matches import create_event_introductions
    from xzdesk.domain.introductions import service as intro
    from xzdesk.domain.introductions.models import Introduction

    create_event_introductions(uow, event_id=event_id)
    made = uow.session.execute(select(Introduction).where(Introduction.event_id == event_id)
                               .order_by(Introduction.member_a_id)).scalars().all()  # fmt: skip
    for row in made:
        if rng.random() >= DATING_SHARE:
            continue
        try:
            for member in (row.member_a_id, row.member_b_id):
                intro.record_response(uow, introduction_id=row.id, member_id=member, accepted=True)
            intro.exchange_contacts(uow, introduction_id=row.id)
            intro.record_meeting(uow, introduction_id=row.id)
            intro.record_outcome(uow, introduction_id=row.id, outcome="dating")
        except XzError:
            continue


__all__ = ["EventSeedReport", "seed_event_history", "seed_events"]
