"""Staff passwords: argon2id hashing (the same parameters on the laptop and the server), the
password policy, and the sign-in throttle schedule.

Pure functions; the services in `staff.service` own the rows and the audit entries.
"""

from __future__ import annotations

import functools
import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass

from argon2 import PasswordHasher, Type, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError

from xzdesk.domain.errors import FieldProblem

MIN_LENGTH = 8
MIN_STRENGTH = 2  # zxcvbn score 0-4: 2 = "somewhat guessable", enough behind a throttle
TIME_COST = 3
MEMORY_KIB = 65536
PARALLELISM = 4  # argon2-cffi's default lanes
# Argon2 takes 64 MiB per hash: at most this many run at once in one process, so parallel
# sign-in attempts cannot exhaust memory (they queue instead).
MAX_PARALLEL_HASHES = 4
_slots = threading.BoundedSemaphore(MAX_PARALLEL_HASHES)


@functools.cache
def password_hasher(*, time_cost: int = TIME_COST, memory_kib: int = MEMORY_KIB) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=PARALLELISM)


@functools.cache
def _dummy_hash() -> str:
    return password_hasher().hash("not a password")


def hash_password(password: str, hasher: PasswordHasher | None = None) -> str:
    with _slots:
        return (hasher or password_hasher()).hash(password)


def verify_password(
    stored: str | None, password: str, hasher: PasswordHasher | None = None, *,
    slots: AbstractContextManager[object] | None = None,
) -> bool:
    """True when `password` matches `stored`. An unknown account (None) is checked against a
    dummy hash, so the time taken does not tell whether the account exists. `slots` bounds the
    hashes running at once (default: this process's `MAX_PARALLEL_HASHES`; the server passes its
    own, sized from its settings)."""
    hasher = hasher or password_hasher()
    try:
        with slots or _slots:
            return hasher.verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def hash_parameters_ok(stored: str) -> bool:
    """Whether a hash that came from elsewhere (the server's, on an enrolled laptop) is an argon2id
    hash costing no more to check than ours: a hash asking for more time or memory is never
    checked (it would stall every sign-in). Cheaper settings (a test server's) pass."""
    try:
        p = extract_parameters(stored)
    except (InvalidHashError, ValueError, TypeError):
        return False
    return p.type is Type.ID and p.time_cost <= TIME_COST and p.memory_cost <= MEMORY_KIB and p.parallelism <= PARALLELISM


def password_problems(password: str, *, username: str = "", display_name: str = "") -> list[FieldProblem]:
    """What is wrong with a new password (empty list when it is acceptable). Codes:
    `staff.password_too_short(minimum)`, `staff.password_weak(hint)` where hint is zxcvbn's
    warning code in words-free form (`common`, `sequence`, `repeat`, `personal`, `guessable`)."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return [FieldProblem("password", "staff.password_too_short", minimum=MIN_LENGTH)]
    personal = [v for v in (username, display_name) if v]
    if any(v.lower() in password.lower() for v in personal if len(v) >= 3):
        return [FieldProblem("password", "staff.password_weak", hint="personal")]
    score, hint = strength(password, personal)
    if score < MIN_STRENGTH:
        return [FieldProblem("password", "staff.password_weak", hint=hint)]
    return []


# The database passphrase guards a file that can be copied and attacked offline, with no
# throttle in front of it: it must be longer and stronger than a sign-in password.
PASSPHRASE_MIN_LENGTH = 10
PASSPHRASE_MIN_STRENGTH = 3


def passphrase_problems(passphrase: str) -> list[FieldProblem]:
    """What is wrong with a new database passphrase (empty list when acceptable); the codes of
    `password_problems` with field `passphrase`."""
    passphrase = passphrase or ""
    if len(passphrase) < PASSPHRASE_MIN_LENGTH:
        return [FieldProblem("passphrase", "staff.password_too_short", minimum=PASSPHRASE_MIN_LENGTH)]
    score, hint = strength(passphrase)
    if score < PASSPHRASE_MIN_STRENGTH:
        return [FieldProblem("passphrase", "staff.password_weak", hint=hint)]
    return []


def strength(password: str, personal: list[str] | tuple[str, ...] = ()) -> tuple[int, str]:
    """(zxcvbn score 0-4, a short hint code) for a password or passphrase."""
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:100], user_inputs=list(personal))
    return int(result["score"]), _hint(result)


_HINTS = (
    ("common", ("common", "top-", "similar to a commonly")),
    ("sequence", ("sequence", "abc", "straight rows", "keyboard")),
    ("repeat", ("repeat",)),
    ("date", ("date", "year")),
)


def _hint(result: dict) -> str:
    warning = str((result.get("feedback") or {}).get("warning") or "").lower()
    for code, needles in _HINTS:
        if any(n in warning for n in needles):
            return code
    return "guessable"


@dataclass(frozen=True)
class ThrottleRule:
    """After `free` failures each further one doubles the wait from `first_wait_s`; at `lock_at`
    failures the account locks: for `lock_s` seconds, or until an administrator unlocks it when
    `lock_s` is None (the laptop's rule; the server's locks for a while, see server/login.py)."""

    free: int = 4
    first_wait_s: int = 5
    max_wait_s: int = 300
    lock_at: int = 10
    lock_s: int | None = None

    def wait_after(self, failures: int) -> int:
        """Seconds to wait before the next attempt after `failures` consecutive failures."""
        if failures <= self.free:
            return 0
        return min(self.max_wait_s, self.first_wait_s * 2 ** (failures - self.free - 1))

    def locks(self, failures: int) -> bool:
        return failures >= self.lock_at


THROTTLE = ThrottleRule()
