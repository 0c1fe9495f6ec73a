"""Read-side of check-in: the check-in in force, live counts, manual search, the scan log, the
events this laptop can check in for, and the station letter.

All functions take a Session (any thread, read-only) and return frozen Rows/Infos. The hot path
of a scan (`in_force`) is two indexed lookups; counts are three grouped queries over one event.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from xzdesk.domain.checkin.codes import ATTENDED, EXPECTED_STATUSES, Verdict
from xzdesk.domain.checkin.dto import CountsInfo, PackRow, RosterRow, ScanRow, SexCountRow, VenueEventRow
from xzdesk.domain.checkin.models import (
    CheckinAnnulment,
    CheckinRoster,
    CheckinScan,
    CheckinWalkIn,
    VenuePack,
)
from xzdesk.domain.errors import NotFound
from xzdesk.domain.events.models import Event
from xzdesk.domain.reads import key_read
from xzdesk.domain.store.models import LocalMeta
from xzdesk.domain.uow import CHINA_TZ

STATION_LETTERS = "ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford letters: no I, L, O, U
STATION_KEY = "checkin.station.{event_id}"
SEARCH_LIMIT = 50
_PLATE = re.compile(r"^([A-Z]+)0*(\d+)$")


def not_annulled(scan: type[CheckinScan] = CheckinScan) -> object:
    return ~exists().where(CheckinAnnulment.scan_id == scan.id)


def in_force(session: Session, *, event_id: str, registration_id: str) -> CheckinScan | None:
    """The check-in in force for a registration: an accepted scan not annulled, the canonical one
    (not a duplicate) first, then the earliest."""
    return session.execute(
        select(CheckinScan)
        .where(
            CheckinScan.event_id == event_id,
            CheckinScan.registration_id == registration_id,
            CheckinScan.verdict == Verdict.CHECKED_IN.value,
            not_annulled(),
        )
        .order_by(CheckinScan.duplicate_of.is_not(None), CheckinScan.scanned_at, CheckinScan.id)
        .limit(1)
    ).scalar()


def arrivals(session: Session, *, event_id: str) -> dict[str, object]:
    """{registration id: time of its first check-in in force} for every arrived registration."""
    rows = session.execute(
        select(CheckinScan.registration_id, func.min(CheckinScan.scanned_at))
        .where(
            CheckinScan.event_id == event_id,
            CheckinScan.verdict == Verdict.CHECKED_IN.value,
            CheckinScan.registration_id.is_not(None),
            not_annulled(),
        )
        .group_by(CheckinScan.registration_id)
    ).all()
    return {reg_id: at for reg_id, at in rows}


def annulments_of(session: Session, *, event_id: str, registration_id: str) -> int:
    return int(
        session.execute(
            select(func.count()).where(
                CheckinAnnulment.event_id == event_id, CheckinAnnulment.registration_id == registration_id
            )
        ).scalar_one()
    )


@key_read
def counts(session: Session, *, event_id: str) -> CountsInfo:
    """Present / expected by sex, walk-ins, scans, refusals and duplicates of one event
    ("present" as in `present`: the same people the summary and the matches count)."""
    expected = dict(
        session.execute(
            select(CheckinRoster.sex, func.count())
            .where(CheckinRoster.event_id == event_id, CheckinRoster.status.in_(EXPECTED_STATUSES))
            .group_by(CheckinRoster.sex)
        ).all()
    )
    checked_in = exists().where(
        CheckinScan.event_id == event_id,
        CheckinScan.registration_id == CheckinRoster.id,
        CheckinScan.verdict == Verdict.CHECKED_IN.value,
        not_annulled(),
    )
    arrived = dict(  # present (see `present`): a check-in in force, or marked attended by the office
        session.execute(
            select(CheckinRoster.sex, func.count())
            .where(CheckinRoster.event_id == event_id, or_(CheckinRoster.status == ATTENDED, checked_in))
            .group_by(CheckinRoster.sex)
        ).all()
    )
    scans, refused, duplicates = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((CheckinScan.verdict != Verdict.CHECKED_IN.value, 1), else_=0)), 0),
            func.coalesce(func.sum(case((CheckinScan.duplicate_of.is_not(None), 1), else_=0)), 0),
        ).where(CheckinScan.event_id == event_id)
    ).one()
    walk_ins = session.execute(
        select(func.count()).where(CheckinRoster.event_id == event_id, CheckinRoster.walk_in.is_(True))
    ).scalar_one()
    by_sex = tuple(SexCountRow(sex, int(expected.get(sex, 0)), int(arrived.get(sex, 0))) for sex in (1, 2))
    total = SexCountRow(None, sum(int(v) for v in expected.values()), sum(int(v) for v in arrived.values()))
    return CountsInfo(event_id, total, by_sex, int(walk_ins), int(scans), int(refused), int(duplicates))


def _roster_row(row: CheckinRoster, arrived_at: object) -> RosterRow:
    return RosterRow(
        registration_id=row.id, plate=row.plate, name_masked=row.name_masked, display_name=row.display_name, sex=row.sex,
        table_label=row.table_label, mobile_last4=row.mobile_last4, status=row.status, walk_in=row.walk_in,
        arrived_at=arrived_at,  # type: ignore[arg-type]
        present=arrived_at is not None or row.status == ATTENDED,  # the same rule as `present`
    )  # fmt: skip


def plate_key(text: str) -> tuple[str, int] | None:
    """(letters, number) of a plate as typed: `m1`, `M01`, `Ｍ０１` and `ma7` all read."""
    m = _PLATE.match(unicodedata.normalize("NFKC", text or "").strip().upper())
    return (m.group(1), int(m.group(2))) if m else None


@key_read
def search_roster(session: Session, *, event_id: str, text: str, limit: int = SEARCH_LIMIT) -> list[RosterRow]:
    """Manual search at the venue: by number plate (`M1` finds M01), by the masked name or badge
    name (a surname finds `张*`), by nickname, or by the phone's last 4 digits. Empty text lists
    everyone in plate order."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    base = select(CheckinRoster).where(CheckinRoster.event_id == event_id)
    if not text:
        found = list(session.execute(base).scalars())
    else:
        pattern = _like(text)
        conds = [
            CheckinRoster.name_masked.like(f"{pattern}%", escape="\\"),
            CheckinRoster.display_name.like(f"{pattern}%", escape="\\"),
            CheckinRoster.nickname.like(f"%{pattern}%", escape="\\"),
        ]
        if text.isdigit() and len(text) == 4:
            conds.append(CheckinRoster.mobile_last4 == text)
        found = list(session.execute(base.where(or_(*conds))).scalars())
        key = plate_key(text)
        if key is not None:
            candidates = session.execute(base.where(CheckinRoster.plate.like(f"{key[0]}%"))).scalars()
            found.extend(r for r in candidates if plate_key(r.plate or "") == key)
    unique = {r.id: r for r in found}
    rows = sorted(unique.values(), key=lambda r: (r.sex, plate_sort_key(r.plate)))[:limit]
    arrived = _arrived_for(session, event_id, [r.id for r in rows])
    return [_roster_row(r, arrived.get(r.id)) for r in rows]


def plate_sort_key(plate: str | None) -> tuple[int, int, str, int, str]:
    """Men's plates first, then women's (as the events area prints them): M01 < M02 < M10 < MA01
    < F01; rows without a plate last."""
    key = plate_key(plate or "")
    if key is None:
        return (1, 0, "", 0, plate or "")
    letters, number = key
    return (0, {"M": 0, "F": 1}.get(letters[:1], 2), letters, number, plate or "")


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _arrived_for(session: Session, event_id: str, registration_ids: Sequence[str]) -> dict[str, object]:
    if not registration_ids:
        return {}
    rows = session.execute(
        select(CheckinScan.registration_id, func.min(CheckinScan.scanned_at))
        .where(
            CheckinScan.event_id == event_id,
            CheckinScan.registration_id.in_(list(registration_ids)),
            CheckinScan.verdict == Verdict.CHECKED_IN.value,
            not_annulled(),
        )
        .group_by(CheckinScan.registration_id)
    ).all()
    return dict(rows)


def roster_row(session: Session, registration_id: str) -> RosterRow:
    r = session.get(CheckinRoster, registration_id)
    if r is None:
        raise NotFound("checkin.not_on_roster")
    return _roster_row(r, _arrived_for(session, r.event_id, [r.id]).get(r.id))


def roster(session: Session, *, event_id: str) -> list[RosterRow]:
    """Everyone on the roster in plate order (men first), with arrival times."""
    rows = list(
        session.execute(
            select(CheckinRoster).where(CheckinRoster.event_id == event_id).order_by(CheckinRoster.sex, CheckinRoster.plate)
        ).scalars()
    )
    arrived = arrivals(session, event_id=event_id)
    return [_roster_row(r, arrived.get(r.id)) for r in rows]


@key_read
def recent_scans(session: Session, *, event_id: str, device_id: str, limit: int = 50) -> list[ScanRow]:
    """The newest scans of the event (every laptop), newest first."""
    annulled = exists().where(CheckinAnnulment.scan_id == CheckinScan.id)
    rows = session.execute(
        select(CheckinScan, CheckinRoster.name_masked, annulled)
        .outerjoin(CheckinRoster, CheckinRoster.id == CheckinScan.registration_id)
        .where(CheckinScan.event_id == event_id)
        .order_by(CheckinScan.scanned_at.desc(), CheckinScan.id.desc())
        .limit(limit)
    ).all()
    return [
        ScanRow(
            scan_id=s.id, scanned_at=s.scanned_at, device_id=s.device_id, here=s.device_id == device_id,
            method=s.method, verdict=s.verdict, detail=s.detail, plate=s.plate, name_masked=name or "",
            annulled=bool(is_annulled), duplicate_of=s.duplicate_of,
        )  # fmt: skip
        for s, name, is_annulled in rows
    ]


@key_read
def last_undoable(session: Session, *, event_id: str, device_id: str) -> ScanRow | None:
    """The latest check-in made on this laptop that is still in force (what "Undo" annuls)."""
    s = session.execute(
        select(CheckinScan)
        .where(
            CheckinScan.event_id == event_id,
            CheckinScan.device_id == device_id,
            CheckinScan.verdict == Verdict.CHECKED_IN.value,
            not_annulled(),
        )
        .order_by(CheckinScan.scanned_at.desc(), CheckinScan.id.desc())
        .limit(1)
    ).scalar()
    if s is None:
        return None
    r = session.get(CheckinRoster, s.registration_id) if s.registration_id else None
    return ScanRow(s.id, s.scanned_at, s.device_id, True, s.method, s.verdict, s.detail, s.plate,
                   r.name_masked if r else "", False, s.duplicate_of)  # fmt: skip


@key_read
def station_of(session: Session, *, event_id: str, device_id: str) -> str:
    """This laptop's station letter for the event (walk-in plates M{letter}01..): the one set by
    an event pack or by hand, else one derived from the device id."""
    row = session.get(LocalMeta, STATION_KEY.format(event_id=event_id))
    if row is not None and row.value in STATION_LETTERS:
        return row.value
    digest = hashlib.sha256(device_id.encode("ascii")).digest()
    return STATION_LETTERS[digest[0] % len(STATION_LETTERS)]


def venue_events(session: Session, *, device_id: str, statuses: Iterable[str] = ("open", "closed", "held")) -> list[
    VenueEventRow
]:
    """Events this laptop can work on at a venue (newest first), with their roster sizes."""
    sizes = dict(
        session.execute(select(CheckinRoster.event_id, func.count()).group_by(CheckinRoster.event_id)).all()
    )
    events = session.execute(
        select(Event)
        .where(or_(Event.status.in_(list(statuses)), Event.id.in_(list(sizes))))
        .order_by(Event.event_date.desc(), Event.start_time.desc())
    ).scalars()
    return [
        VenueEventRow(
            event_id=e.id, code=e.code, name=e.name, event_date=e.event_date, start_time=e.start_time,  # type: ignore[arg-type]
            venue=e.venue, status=e.status, roster_size=int(sizes.get(e.id, 0)),
            station=station_of(session, event_id=e.id, device_id=device_id),
        )  # fmt: skip
        for e in events
    ]


def default_event(rows: Sequence[VenueEventRow], *, now: datetime) -> str | None:
    """The event the 签到 screen opens on: today's (of several, the latest that starts by two
    hours from now, else the first of the day), else the next upcoming one, else the most recent.
    Cancelled events are chosen only when nothing else is there. `now` is aware (local date and
    time in China Standard Time)."""
    local = now.astimezone(CHINA_TZ)
    today, soon = local.date(), (local + timedelta(hours=2)).strftime("%H:%M")
    live = [r for r in rows if r.status != "cancelled" and r.event_date is not None] or [
        r for r in rows if r.event_date is not None
    ]
    todays = sorted((r for r in live if r.event_date == today), key=lambda r: r.start_time)
    started = [r for r in todays if r.start_time <= soon]
    if todays:
        return (started[-1] if started else todays[0]).event_id
    upcoming = [r for r in live if r.event_date > today]  # type: ignore[operator]
    if upcoming:
        return min(upcoming, key=lambda r: (r.event_date, r.start_time)).event_id
    if live:
        return max(live, key=lambda r: (r.event_date, r.start_time)).event_id
    return rows[0].event_id if rows else None


def present(session: Session, *, event_id: str) -> set[str]:
    """Registrations counted as present at the event: a check-in in force (a scan at the door, a
    walk-in, or attendance confirmed by staff afterwards), or a registration the office marked
    attended. Attendance figures, cards that count and mutual matches all use this one set."""
    ids = set(arrivals(session, event_id=event_id))
    ids.update(session.execute(
        select(CheckinRoster.id).where(CheckinRoster.event_id == event_id, CheckinRoster.status == ATTENDED)
    ).scalars())  # fmt: skip
    return ids


@key_read
def event_code(session: Session, *, event_id: str) -> str | None:
    """The event's short code (for file names: carries no personal data), or None if not here."""
    return session.execute(select(Event.code).where(Event.id == event_id)).scalar()


def pack_history(session: Session, *, limit: int = 50) -> list[PackRow]:
    """Venue packs made or imported on this laptop, newest first."""
    rows = session.execute(
        select(VenuePack, Event.code).outerjoin(Event, Event.id == VenuePack.event_id)
        .order_by(VenuePack.at.desc()).limit(limit)
    ).all()  # fmt: skip
    return [
        PackRow(p.at, p.kind, code or "", p.station or "", sum(v for v in p.counts.values() if isinstance(v, int)))
        for p, code in rows
    ]


@key_read
def pending_walk_ins(session: Session, *, event_id: str) -> int:
    """Walk-ins not yet turned into (or linked to) a case file."""
    return int(
        session.execute(
            select(func.count()).where(CheckinWalkIn.event_id == event_id, CheckinWalkIn.member_id.is_(None))
        ).scalar_one()
    )


def duplicate_scans(session: Session, *, event_id: str) -> list[tuple[str, str]]:
    """(scan id, canonical scan id) of accepted scans marked as duplicates."""
    return [
        (a, b)
        for a, b in session.execute(
            select(CheckinScan.id, CheckinScan.duplicate_of).where(
                and_(CheckinScan.event_id == event_id, CheckinScan.duplicate_of.is_not(None))
            )
        ).all()
    ]
