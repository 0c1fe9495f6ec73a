"""Sign-in on the server: throttled by user name and by client address, audited, and with the
argon2 work bounded.

The rule is the laptop's (`passwords.ThrottleRule`) with a timed lock: after 4 failures each
further one doubles a wait from 1 s (at most 60 s); at 20 the name (or the address) is locked
for 15 minutes, and every failure after that locks it again. A refused attempt is answered 429
with Retry-After and costs no hash. The state lives in the database (`login_throttle`), so every
worker of the server shares it; `xzdesk server unlock-login` lifts a lock.

Each attempt is counted as a failure *before* its password is checked, in one short writing
transaction that also checks the throttle, and taken back when the password is right. So
attempts sent in parallel are throttled as if one after another: 40 wrong passwords in parallel
and then the right one do not get in while the lock holds.

Hashes: at most `max_parallel_hashes` argon2 checks run at once in a process (64 MiB each); an
attempt that cannot get a slot within `hash_wait_s` is answered 503 (server.busy) and not counted.

The audit trail (`server_audit`) records every sign-in, every failure with its reason, every lock
and every unlock; attempts refused by the throttle are counted on the throttle row instead of one
audit row each (so a flood cannot grow the table). No password, no member data.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import and_, delete, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from xzdesk.domain.staff import passwords
from xzdesk.domain.staff.passwords import ThrottleRule
from xzdesk.server.db import ServerDB
from xzdesk.server.models import LoginThrottle, ServerAudit, User

SERVER_RULE = ThrottleRule(free=4, first_wait_s=1, max_wait_s=60, lock_at=20, lock_s=15 * 60)
USER, ADDRESS = "user", "address"


def _cpu_count() -> int:
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class LoginSettings:
    by_user: ThrottleRule = SERVER_RULE
    by_address: ThrottleRule = SERVER_RULE
    forget_after: timedelta = timedelta(days=1)  # a quiet name or address starts again from 0
    max_parallel_hashes: int = field(default_factory=_cpu_count)
    hash_wait_s: float = 10.0


class LoginRefused(Exception):
    """A sign-in refused: 401 auth.bad_credentials, 429 auth.throttled / auth.locked (with
    `retry_after` seconds), 503 server.busy."""

    def __init__(self, status: int, code: str, *, retry_after: int | None = None) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.retry_after = retry_after

    @property
    def params(self) -> dict[str, int]:
        if self.retry_after is None:
            return {}
        return {"retry_after": self.retry_after, "retry_after_min": math.ceil(self.retry_after / 60)}


class _Busy(Exception):
    pass


class _TimedSlots:
    """A bounded semaphore used as a context manager that gives up after `timeout` seconds."""

    def __init__(self, size: int, timeout: float) -> None:
        self._sem = threading.BoundedSemaphore(max(1, size))
        self._timeout = timeout

    def __enter__(self) -> None:
        if not self._sem.acquire(timeout=self._timeout):
            raise _Busy

    def __exit__(self, *exc: object) -> None:
        self._sem.release()


@dataclass(frozen=True)
class _Before:
    """A throttle row as it was before this attempt was counted (to take the count back)."""

    kind: str
    key: str
    failures: int
    locked_until: datetime | None


def utc_now() -> datetime:
    return datetime.now(UTC)


class LoginGuard:
    """Checks passwords for the server's endpoints. Thread-safe; one per app (process)."""

    def __init__(
        self, db: ServerDB, hasher: PasswordHasher, settings: LoginSettings | None = None,
        *, clock: Callable[[], datetime] = utc_now,
    ) -> None:  # fmt: skip
        self.db = db
        self.hasher = hasher
        self.settings = settings or LoginSettings()
        self.clock = clock
        self._slots = _TimedSlots(self.settings.max_parallel_hashes, self.settings.hash_wait_s)
        self._pruned_at: datetime | None = None

    def sign_in(self, *, username: str, password: str, address: str, purpose: str = "enrol") -> User:
        """The active account whose password this is (detached). Raises LoginRefused."""
        name, address = username.strip().lower()[:64], (address or "unknown")[:64]
        self._forget_old()
        before = self._admit(name, address)
        with self.db.read() as s:
            user = s.execute(select(User).where(User.username == name)).scalar()
        try:
            ok = passwords.verify_password(user.password_hash if user else None, password, self.hasher,
                                           slots=self._slots)  # fmt: skip
        except _Busy:
            self._take_back(before, reset_user=False)
            raise LoginRefused(503, "server.busy", retry_after=5) from None
        if user is not None and ok and user.active:
            self._take_back(before, reset_user=True)
            with self.db.write() as s:
                audit(s, "login.ok", username=name, address=address, now=self.clock(), purpose=purpose)
            return user
        reason = "unknown_user" if user is None else "password" if not ok else "inactive"
        self._failed(before, name, address, reason)
        raise LoginRefused(401, "auth.bad_credentials")

    # --- the throttle ---------------------------------------------------------------------------
    def _rules(self) -> dict[str, ThrottleRule]:
        return {USER: self.settings.by_user, ADDRESS: self.settings.by_address}

    def _admit(self, name: str, address: str) -> list[_Before]:
        """Refuse (429) a throttled or locked name or address; else count this attempt as a
        failure on both and return the rows as they were."""
        now = self.clock()
        rules = self._rules()
        with self.db.write() as s:
            rows = [_row(s, USER, name, now), _row(s, ADDRESS, address, now)]
            refusal = next((r for r in (_refusal(row, rules[row.kind], now) for row in rows) if r), None)
            before = [_Before(r.kind, r.key, r.failures, r.locked_until) for r in rows]
            for row in rows:
                if refusal is not None:
                    row.refused += 1
                else:
                    _count(row, rules[row.kind], now)
        if refusal is not None:
            raise refusal
        return before

    def _take_back(self, before: list[_Before], *, reset_user: bool) -> None:
        """Undo this attempt's count: a right password clears the name's failures; the
        address keeps its others (a success does not wipe what other names tried from there)."""
        with self.db.write() as s:
            for b in before:
                row = s.get(LoginThrottle, (b.kind, b.key), with_for_update=True)
                if row is None:
                    continue
                if b.kind == USER and reset_user:
                    s.delete(row)
                    continue
                row.failures = max(0, row.failures - 1)
                if not self._rules()[b.kind].locks(row.failures):
                    row.locked_until = b.locked_until if b.locked_until and b.locked_until > self.clock() else None

    def _failed(self, before: list[_Before], name: str, address: str, reason: str) -> None:
        """Audit a wrong password, and the lock when this failure started one."""
        now = self.clock()
        rules = self._rules()
        with self.db.write() as s:
            audit(s, "login.failed", username=name, address=address, now=now, reason=reason)
            for b in before:
                rule = rules[b.kind]
                if rule.locks(b.failures + 1):
                    until = now + timedelta(seconds=rule.lock_s) if rule.lock_s else None
                    audit(s, "login.locked", username=name if b.kind == USER else None, address=address, now=now,
                          kind=b.kind, failures=b.failures + 1, until=until.isoformat() if until else None)  # fmt: skip

    def _forget_old(self) -> None:
        """Drop rows quiet for `forget_after` (and not locked), at most once a minute, in a
        transaction of its own (never while an attempt holds its rows)."""
        now = self.clock()
        if self._pruned_at is not None and now - self._pruned_at < timedelta(minutes=1):
            return
        self._pruned_at = now
        cutoff = now - self.settings.forget_after
        with self.db.write() as s:
            s.execute(delete(LoginThrottle).where(
                LoginThrottle.last_attempt_at < cutoff,
                or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until < now),
            ))  # fmt: skip


def _row(s: Session, kind: str, key: str, now: datetime) -> LoginThrottle:
    """The throttle row of (kind, key), created when missing, locked for this transaction
    (two workers creating the same row at once both end up with the one row)."""
    dialect = s.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    s.execute(insert(LoginThrottle).values(kind=kind, key=key, failures=0, last_attempt_at=now, locked_until=None,
                                           refused=0).on_conflict_do_nothing(index_elements=["kind", "key"]))  # fmt: skip
    return s.execute(
        select(LoginThrottle).where(LoginThrottle.kind == kind, LoginThrottle.key == key).with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()  # fmt: skip


def _refusal(row: LoginThrottle, rule: ThrottleRule, now: datetime) -> LoginRefused | None:
    if row.locked_until is not None and row.locked_until > now:
        return LoginRefused(429, "auth.locked", retry_after=_seconds(row.locked_until - now))
    wait = rule.wait_after(row.failures)
    ready = row.last_attempt_at + timedelta(seconds=wait)
    if wait and ready > now:
        return LoginRefused(429, "auth.throttled", retry_after=_seconds(ready - now))
    return None


def _count(row: LoginThrottle, rule: ThrottleRule, now: datetime) -> None:
    row.failures += 1
    row.last_attempt_at = now
    if rule.locks(row.failures):
        row.locked_until = now + timedelta(seconds=rule.lock_s) if rule.lock_s else datetime.max.replace(tzinfo=UTC)


def _seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))


def audit(s: Session, action: str, *, username: str | None, address: str | None, now: datetime, **detail: Any) -> None:
    """One row of the server's audit trail (inside the caller's transaction)."""
    s.add(ServerAudit(at=now, action=action, username=username, address=address,
                      detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)))  # fmt: skip


# --- administration (`xzdesk server unlock-login / login-locks / login-audit`) ----------------------
@dataclass(frozen=True)
class ThrottleInfo:
    kind: str  # "user" | "address"
    key: str
    failures: int
    last_attempt_at: datetime
    locked_until: datetime | None
    refused: int


@dataclass(frozen=True)
class AuditInfo:
    at: datetime
    action: str
    username: str | None
    address: str | None
    detail: dict[str, Any]


def unlock(s: Session, *, username: str | None = None, address: str | None = None, now: datetime) -> int:
    """Lift the throttle of a user name and/or a client address (their failures are forgotten).
    Returns how many throttle rows were cleared; audited as login.unlocked."""
    wanted = []
    if username:
        wanted.append(and_(LoginThrottle.kind == USER, LoginThrottle.key == username.strip().lower()))
    if address:
        wanted.append(and_(LoginThrottle.kind == ADDRESS, LoginThrottle.key == address.strip()))
    if not wanted:
        return 0
    count = s.execute(delete(LoginThrottle).where(or_(*wanted))).rowcount or 0
    audit(s, "login.unlocked", username=username.strip().lower() if username else None,
          address=address.strip() if address else None, now=now, by="command", cleared=count)  # fmt: skip
    return int(count)


def throttles(s: Session) -> list[ThrottleInfo]:
    """Names and addresses with failures on record, most recent first."""
    rows = s.execute(select(LoginThrottle).where(LoginThrottle.failures > 0)
                     .order_by(LoginThrottle.last_attempt_at.desc())).scalars()  # fmt: skip
    return [ThrottleInfo(r.kind, r.key, r.failures, r.last_attempt_at, r.locked_until, r.refused) for r in rows]


def audit_entries(s: Session, *, limit: int = 100) -> list[AuditInfo]:
    rows = s.execute(select(ServerAudit).order_by(ServerAudit.id.desc()).limit(limit)).scalars()
    return [AuditInfo(r.at, r.action, r.username, r.address, json.loads(r.detail)) for r in rows]
