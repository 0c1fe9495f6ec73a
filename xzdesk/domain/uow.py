"""Unit of work: one user action = one transaction, with who did it and when.

    with unit_of_work(store, actor) as uow:
        info = register_member(uow, draft=...)

It sits above the store (engine, outbox) and below every area: it knows the roles' permissions
(`uow.require`) and writes the audit log (`uow.audit`), and nothing else of the business.

Services receive the `UnitOfWork` and never open, commit or roll back a session; the context
manager commits when the block ends normally and rolls back on any exception (including
Cancelled), so nothing is half-written. `uow.now` is fixed for the whole action, so every row an
action writes carries the same time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.errors import PermissionDenied
from xzdesk.domain.privacy.audit import append_audit
from xzdesk.domain.staff.codes import ROLE_PERMISSIONS, Permission, Role
from xzdesk.domain.store import outbox

if TYPE_CHECKING:
    from xzdesk.domain.store.engine import Store

CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")  # no daylight saving since 1991


@dataclass(frozen=True)
class ActorInfo:
    """Who performs an action: a staff account on this laptop."""

    staff_id: str
    role: Role
    district_code: str | None = None
    display_name: str = ""

    @property
    def permissions(self) -> frozenset[Permission]:
        return ROLE_PERMISSIONS.get(Role(self.role), frozenset())

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions


@dataclass
class UnitOfWork:
    session: Session
    store: Store
    actor: ActorInfo | None
    now: datetime
    _marks: set[Area] = field(default_factory=set, repr=False)  # areas touched (`mark`), for UI refresh

    @property
    def device_id(self) -> str:
        return self.store.device_id

    def today(self) -> date:
        """The local (China Standard Time) calendar date of this action."""
        return self.now.astimezone(CHINA_TZ).date()

    def mark(self, *areas: Area) -> None:
        """Note that this action touched `areas` (screens showing them refresh after the commit)."""
        for area in areas:
            if not isinstance(area, Area):
                raise TypeError(f"not an Area: {area!r}")
        self._marks.update(areas)

    @property
    def changes(self) -> Changes:
        """What this action touched so far, as a frozen value."""
        return Changes(frozenset(self._marks))

    def acting_as(self, actor: ActorInfo | None) -> UnitOfWork:
        """The same transaction, clock and marks, done in `actor`'s name (demo seeding acts as
        the organiser of each event it makes)."""
        return UnitOfWork(session=self.session, store=self.store, actor=actor, now=self.now, _marks=self._marks)

    def require(self, permission: Permission) -> ActorInfo:
        """The actor, if allowed; PermissionDenied otherwise."""
        if self.actor is None or not self.actor.can(permission):
            raise PermissionDenied(permission=str(permission), role=str(self.actor.role) if self.actor else None)
        return self.actor

    def audit(
        self,
        action: str,
        *,
        member_id: str | None = None,
        fields: list[str] | tuple[str, ...] = (),
        reason: str | None = None,
    ) -> None:
        append_audit(
            self.session,
            at=self.now,
            actor_id=self.actor.staff_id if self.actor else None,
            device_id=self.device_id,
            action=action,
            member_id=member_id,
            fields=fields,
            reason=reason,
        )

    def blind_index(self, kind: str, value: str) -> bytes:
        return self.store.blind_index(kind, value)


def utc_now() -> datetime:
    return datetime.now(UTC)


@contextlib.contextmanager
def unit_of_work(
    store: Store, actor: ActorInfo | None, *, clock: Callable[[], datetime] = utc_now
) -> Iterator[UnitOfWork]:
    """One transaction (BEGIN IMMEDIATE); commit on success, roll back on any exception."""
    outbox.install()
    session = store.write_session()
    now = clock()
    session.info.update(hlc=store.hlc, now=lambda: now, actor_id=actor.staff_id if actor else None)
    uow = UnitOfWork(session=session, store=store, actor=actor, now=now)
    try:
        yield uow
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
