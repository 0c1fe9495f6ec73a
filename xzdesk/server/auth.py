"""Accounts, device tokens and what each device may see.

Passwords: argon2id (argon2-cffi). Device tokens: 256 random bits, given to the device once and
stored as SHA-256 (a high-entropy token needs no slow hash). Scope follows the user's role:
matchmaker = the user's district (all districts for a city-wide account), event staff = the
events the device was enrolled for, privacy officer = all districts, union admin and auditor =
aggregates only, intake (the mini-program backend) = the intake endpoints only.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import ColumnElement, and_, false, or_, true

from xzdesk.domain.staff import passwords
from xzdesk.domain.staff.codes import Role
from xzdesk.server.models import Device, User
from xzdesk.sync.registry import RecordScope, event_device_entities

INTAKE_ROLE = "intake"
SERVER_ROLES = (*(r.value for r in Role), INTAKE_ROLE)
TOKEN_PREFIX = "xzd1_"


@dataclass(frozen=True)
class DeviceScope:
    districts: tuple[str, ...] | None  # None = every district
    events: tuple[str, ...]
    aggregate_only: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "districts": None if self.districts is None else sorted(self.districts),
            "events": sorted(self.events),
            "aggregate_only": self.aggregate_only,
        }

    @property
    def hash(self) -> str:
        raw = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(raw.encode()).hexdigest()[:32]


def password_hasher(*, time_cost: int = passwords.TIME_COST, memory_kib: int = passwords.MEMORY_KIB) -> PasswordHasher:
    """The laptop's and the server's argon2id parameters are the same (domain/staff/passwords)."""
    return passwords.password_hasher(time_cost=time_cost, memory_kib=memory_kib)


def verify_password(hasher: PasswordHasher, stored: str | None, password: str) -> bool:
    """Constant-work check (an unknown user is checked against a dummy hash)."""
    return passwords.verify_password(stored, password, hasher)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def scope_for(user: User, *, events: Sequence[str] = ()) -> DeviceScope:
    role = user.role
    if role == Role.MATCHMAKER.value:
        districts = (user.district_code,) if user.district_code else None
        return DeviceScope(districts, (), False)
    if role == Role.PRIVACY_OFFICER.value:
        return DeviceScope(None, (), False)
    if role == Role.EVENT_STAFF.value:
        return DeviceScope((), tuple(sorted(set(events))), False)
    return DeviceScope((), (), True)  # union admin, auditor, intake


def device_scope(device: Device) -> DeviceScope:
    districts = None if device.districts is None else tuple(device.districts)
    return DeviceScope(districts, tuple(device.events or ()), bool(device.aggregate_only))


def scope_filter(table: Any, device: Device) -> ColumnElement[bool]:
    """SQL condition: rows of `table` (with district/event_id/owner_device) the device may see."""
    scope = device_scope(device)
    is_global = and_(table.district.is_(None), table.event_id.is_(None), table.owner_device.is_(None))
    if scope.aggregate_only:
        return is_global
    if scope.districts is None:
        return true()
    parts = [is_global, table.owner_device == device.id]
    if scope.districts:
        parts.append(table.district.in_(scope.districts))
    if scope.events:
        allowed = event_device_entities() if not scope.districts else None
        in_events = table.event_id.in_(scope.events)
        parts.append(in_events if allowed is None else and_(in_events, table.entity.in_(sorted(allowed))))
    return or_(*parts) if parts else false()


def entity_allowed(device: Device, entity: str) -> bool:
    """A device enrolled for events only writes only the venue entities (and its audit trail)."""
    scope = device_scope(device)
    allowed = event_device_entities()
    if allowed is None or scope.districts is None or scope.districts or not scope.events:
        return True
    return entity in allowed or entity == "audit_log"


def can_see(device: Device, scope: RecordScope) -> bool:
    ds = device_scope(device)
    if scope.is_global:
        return True
    if ds.aggregate_only:
        return False
    if ds.districts is None:
        return True
    return (
        (scope.district is not None and scope.district in ds.districts)
        or (scope.event_id is not None and scope.event_id in ds.events)
        or (scope.owner_device is not None and scope.owner_device == device.id)
    )


def can_write(device: Device, scope: RecordScope) -> bool:
    """Devices write inside their scope; global rows only from a city-wide device."""
    ds = device_scope(device)
    if ds.aggregate_only:
        return False
    if scope.is_global:
        return ds.districts is None
    return can_see(device, scope)


def single_district(device: Device) -> str | None:
    ds = device_scope(device)
    if ds.districts is not None and len(ds.districts) == 1:
        return ds.districts[0]
    return None
