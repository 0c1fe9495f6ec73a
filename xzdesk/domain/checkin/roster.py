"""The venue roster follows the registrations: no manual publish step.

`CheckinRoster` is a projection of registrations, case files and seats (see models.py). On a
laptop that holds the registrations (the organising office, a synced office laptop) it is kept
current in the same transaction as the change it follows: SQLAlchemy flush hooks note which
registrations a flush touched (a registration approved, cancelled, waitlisted or promoted, a plate
or token given, a seat or table label changed, a case file's name, sex, nickname or phone
changed, the event's office changed) and rewrite those roster rows before the transaction
commits, so the rows reach the sync outbox with the change itself (sync.md: every syncable write
appends its outbox row in the same transaction). A venue laptop without the registrations
(event pack, or an event-scoped sync device) never fires the hooks and keeps the roster it was
given.

`refresh_rows` is the one place the projection is computed; `service.publish_roster` (a whole
event, e.g. before an event pack or to catch up a database made before the hooks existed) and the
scan path's fallback (`service.record_scan`: a valid token not on the roster but held here as a
registration) call it too.

Thread and transaction: the hooks run on the caller's thread. Each flush notes what it touched;
just before the transaction commits the noted rows are rewritten, once per transaction, and
written by the commit itself, so they are part of the same transaction (a rollback drops them
with the rest). Within a transaction the roster shows the state of its start until then (the
scan path's fallback and `publish_roster` refresh on demand). Pulled pages (Core statements)
and bulk seeding do not pass through the ORM and fire nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, SessionTransaction, attributes

from xzdesk.domain.checkin.models import CheckinRoster
from xzdesk.domain.events.models import Event, EventRegistration, EventSeat, EventTable
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.names import polite_name
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.reads import key_read
from xzdesk.domain.store.outbox import insert_synced

CHUNK = 900  # SQLite's bound-parameter limit, with room to spare
_PENDING = "checkin.roster_touched"

# The columns each watched table feeds into the roster (a change elsewhere changes nothing there).
REGISTRATION_FIELDS = ("event_id", "member_id", "status", "plate", "token")
MEMBER_FIELDS = ("name", "sex", "nickname", "mobile_last4")
SEAT_FIELDS = ("table_id",)
TABLE_FIELDS = ("label",)
EVENT_FIELDS = ("district_code",)


@dataclass(frozen=True)
class RefreshInfo:
    added: int
    updated: int
    unchanged: int


@dataclass
class _Touched:
    """What flushes of one transaction changed that the roster depends on (ids only)."""

    registrations: set[str] = field(default_factory=set)
    members: set[str] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.registrations or self.members or self.tables or self.events)


def roster_values(event: Event, reg: EventRegistration, member: Member, table_label: str | None) -> dict[str, Any]:
    """The roster columns of one registration: plate, masked name, badge name (surname + 先生/女士),
    nickname, sex, table, phone last 4, status and QR token; nothing else of the case file."""
    return {
        "event_id": reg.event_id,
        "office_district": event.district_code,
        "member_id": member.id,
        "plate": reg.plate,
        "name_masked": mask(member.name, "name"),
        "display_name": polite_name(member.name, int(member.sex)),
        "nickname": member.nickname,
        "sex": int(member.sex),
        "table_label": table_label,
        "mobile_last4": member.mobile_last4,
        "status": reg.status,
        "token": reg.token,
    }


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(ids))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _table_labels(session: Session, registration_ids: list[str]) -> dict[str, str | None]:
    rows = session.execute(
        select(EventSeat.registration_id, EventTable.label)
        .outerjoin(EventTable, EventTable.id == EventSeat.table_id)
        .where(EventSeat.registration_id.in_(registration_ids))
    ).all()
    return {reg_id: label for reg_id, label in rows}


def refresh_rows(session: Session, registration_ids: Iterable[str], *, now: datetime) -> RefreshInfo:
    """Bring the roster rows of these registrations up to date (create the missing ones). Only
    rows whose values differ are written, so only they travel by sync; a walk-in row keeps its
    walk-in flag. Registrations unknown here are skipped."""
    added = updated = unchanged = 0
    for ids in _chunks(registration_ids):
        rows = session.execute(
            select(EventRegistration, Member, Event)
            .join(Member, Member.id == EventRegistration.member_id)
            .join(Event, Event.id == EventRegistration.event_id)
            .where(EventRegistration.id.in_(ids))
        ).all()
        if not rows:
            continue
        labels = _table_labels(session, ids)
        existing = {r.id: r for r in session.execute(select(CheckinRoster).where(CheckinRoster.id.in_(ids))).scalars()}
        fresh: list[dict[str, Any]] = []
        for reg, member, ev in rows:
            values = roster_values(ev, reg, member, labels.get(reg.id))
            row = existing.get(reg.id)
            if row is None:
                fresh.append({"id": reg.id, "version": 0, "walk_in": reg.source == "walk_in", "updated_at": now, **values})
                continue
            changes = {k: v for k, v in values.items() if getattr(row, k) != v}
            for k, v in changes.items():
                setattr(row, k, v)
            if changes:
                row.updated_at = now
            updated += bool(changes)
            unchanged += not changes
        # new rows in one statement, with their outbox rows (a whole event approved at once)
        insert_synced(session, CheckinRoster, fresh)
        added += len(fresh)
    return RefreshInfo(added, updated, unchanged)


def event_registration_ids(session: Session, event_id: str) -> list[str]:
    return list(session.execute(select(EventRegistration.id).where(EventRegistration.event_id == event_id)).scalars())


@key_read
def missing_rows(session: Session, *, event_id: str) -> int:
    """Registrations of the event held here with no roster row yet (a database made before the
    roster followed the registrations, or registrations pulled from an older version)."""
    have = select(CheckinRoster.id).where(CheckinRoster.event_id == event_id)
    return int(
        session.execute(
            select(func.count()).where(EventRegistration.event_id == event_id, EventRegistration.id.not_in(have))
        ).scalar_one()
    )


# --- flush hooks ------------------------------------------------------------------------------------
def _changed(obj: Any, fields: tuple[str, ...]) -> bool:
    return any(attributes.get_history(obj, key).has_changes() for key in fields)


def _note(touched: _Touched, obj: Any, *, new: bool, deleted: bool) -> None:
    """Record the ids `obj` (new, dirty or deleted in this flush) makes the roster depend on."""
    if isinstance(obj, EventRegistration):
        if not deleted and (new or _changed(obj, REGISTRATION_FIELDS)):
            touched.registrations.add(obj.id)
    elif isinstance(obj, EventSeat):
        if new or deleted or _changed(obj, SEAT_FIELDS):
            touched.registrations.add(obj.registration_id)
    elif isinstance(obj, Member):
        if not new and not deleted and _changed(obj, MEMBER_FIELDS):
            touched.members.add(obj.id)
    elif isinstance(obj, EventTable):
        if deleted or (not new and _changed(obj, TABLE_FIELDS)):
            touched.tables.add(obj.id)
    elif isinstance(obj, Event) and not new and not deleted and _changed(obj, EVENT_FIELDS):
        touched.events.add(obj.id)


WATCHED = (EventRegistration, EventSeat, Member, EventTable, Event)


def _after_flush(session: Session, _ctx: Any) -> None:
    touched: _Touched | None = None
    deleted = set(session.deleted)
    new = set(session.new)
    for obj in chain(new, session.dirty, deleted):
        if not isinstance(obj, WATCHED):
            continue
        if touched is None:
            touched = session.info.setdefault(_PENDING, _Touched())
        _note(touched, obj, new=obj in new, deleted=obj in deleted)


def _resolve(session: Session, touched: _Touched) -> set[str]:
    """The registration ids behind what was touched (members, tables and events fan out)."""
    ids = set(touched.registrations)
    for chunk in _chunks(touched.members):
        ids.update(session.execute(select(EventRegistration.id).where(EventRegistration.member_id.in_(chunk))).scalars())
    for chunk in _chunks(touched.tables):
        ids.update(session.execute(select(EventSeat.registration_id).where(EventSeat.table_id.in_(chunk))).scalars())
    for event_id in touched.events:
        ids.update(event_registration_ids(session, event_id))
    return ids


def _now(session: Session) -> datetime:
    clock = session.info.get("now")
    return clock() if callable(clock) else datetime.now(UTC)


def _before_commit(session: Session) -> None:
    """Rewrite the roster rows of everything the transaction touched, once, before it commits
    (inviting 400 people and approving them in one action writes 400 rows, not 800)."""
    session.flush()  # the transaction's last changes are in the database, and noted (commit flushes anyway)
    touched: _Touched | None = session.info.pop(_PENDING, None)
    if touched:
        ids = _resolve(session, touched)
        if ids:
            refresh_rows(session, ids, now=_now(session))


def _after_soft_rollback(session: Session, previous: SessionTransaction) -> None:
    """The whole transaction rolled back: nothing it touched stays. A savepoint rolled back (rows
    an action skips) keeps what the rest of the action touched; refreshing an id whose change was
    undone just rewrites the row as it is."""
    if previous.parent is None:
        session.info.pop(_PENDING, None)


def install(session_class: type[Session] = Session) -> None:
    """Attach the hooks (idempotent). Importing `xzdesk.domain.checkin` installs them."""
    for name, fn in (("after_flush", _after_flush), ("before_commit", _before_commit),
                     ("after_soft_rollback", _after_soft_rollback)):  # fmt: skip
        if not event.contains(session_class, name, fn):
            event.listen(session_class, name, fn)


__all__ = ["RefreshInfo", "install", "missing_rows", "refresh_rows", "roster_values"]
