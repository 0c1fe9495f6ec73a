"""Administration used by `xzdesk server ...` commands and by tests: accounts, devices, scope,
tombstone pruning. Each function runs inside the caller's writing transaction."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from xzdesk.domain.errors import FieldProblem, NotFound, ValidationError
from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.staff import passwords
from xzdesk.domain.store.ids import new_id
from xzdesk.server import auth, credentials
from xzdesk.server.db import meta_set, next_seq
from xzdesk.server.models import Device, Record, Tombstone, User
from xzdesk.server.push import canonical

_USERNAME = re.compile(r"^[a-z0-9_.-]{2,32}$")


@dataclass(frozen=True)
class UserInfo:
    id: str
    username: str
    display_name: str
    role: str
    district_code: str | None
    active: bool


@dataclass(frozen=True)
class DeviceRow:
    id: str
    username: str
    label: str
    districts: list[str] | None
    events: list[str]
    aggregate_only: bool
    last_seen_at: datetime | None
    revoked_at: datetime | None


def _user_info(u: User) -> UserInfo:
    return UserInfo(u.id, u.username, u.display_name, u.role, u.district_code, u.active)


def staff_fields(user: User) -> dict[str, object]:
    """The laptop `staff` row published for a server account."""
    return {
        "id": user.id, "username": user.username, "display_name": user.display_name, "role": user.role,
        "district_code": user.district_code, "active": user.active, "created_at": user.created_at.isoformat(),
    }  # fmt: skip


def publish_staff(session: Session, user: User, *, now: datetime) -> None:
    """Write (or rewrite) the global `staff` record of an account so laptops learn of it, and its
    password hash for the laptops of its district (`credentials`)."""
    if user.role == auth.INTAKE_ROLE:
        return
    seq = next_seq(session)
    credentials.publish_password(session, user, seq=seq, now=now)
    rec = session.get(Record, ("staff", user.id))
    fields = canonical(staff_fields(user))
    if rec is None:
        session.add(Record(entity="staff", id=user.id, member_id=None, version=1, server_seq=seq, deleted=False,
                           fields=fields, created_at=now, updated_at=now))  # fmt: skip
    elif rec.fields != fields:
        rec.fields, rec.version, rec.server_seq, rec.updated_at = fields, rec.version + 1, seq, now


def add_user(
    session: Session, *, hasher: PasswordHasher, username: str, password: str, role: str,
    district_code: str | None, display_name: str | None = None, now: datetime,
) -> UserInfo:  # fmt: skip
    problems = []
    username = (username or "").strip().lower()
    if not _USERNAME.match(username):
        problems.append(FieldProblem("username", "staff.username_format"))
    elif session.execute(select(User.id).where(User.username == username)).first():
        problems.append(FieldProblem("username", "staff.username_taken"))
    if role not in auth.SERVER_ROLES:
        problems.append(FieldProblem("role", "members.unknown_code", value=role))
    if district_code and district_code not in DISTRICTS:
        problems.append(FieldProblem("district_code", "members.unknown_code", value=district_code))
    problems += passwords.password_problems(password, username=username, display_name=display_name or "")
    if problems:
        raise ValidationError(problems)
    user = User(
        id=new_id(), username=username, display_name=(display_name or username).strip()[:64], role=role,
        district_code=district_code or None, password_hash=hasher.hash(password), active=True, created_at=now,
    )  # fmt: skip
    session.add(user)
    session.flush()
    publish_staff(session, user, now=now)
    return _user_info(user)


def set_password(session: Session, *, hasher: PasswordHasher, username: str, password: str, now: datetime) -> None:
    """A new password (the laptops' password policy, `staff.passwords`); the laptops of the
    account's district take it, and refuse the old one, at their next sync."""
    user = _user(session, username)
    problems = passwords.password_problems(password, username=user.username, display_name=user.display_name)
    if problems:
        raise ValidationError(problems)
    user.password_hash = hasher.hash(password)
    publish_staff(session, user, now=now)


def deactivate_user(session: Session, *, username: str, now: datetime) -> int:
    """Deactivate an account and revoke its devices. Returns the number of devices revoked."""
    user = _user(session, username)
    user.active = False
    publish_staff(session, user, now=now)
    count = 0
    for device in session.execute(select(Device).where(Device.user_id == user.id, Device.revoked_at.is_(None))).scalars():
        device.revoked_at = now
        count += 1
    return count


def list_users(session: Session) -> list[UserInfo]:
    return [_user_info(u) for u in session.execute(select(User).order_by(User.username)).scalars()]


def list_devices(session: Session) -> list[DeviceRow]:
    users = {u.id: u.username for u in session.execute(select(User)).scalars()}
    return [
        DeviceRow(d.id, users.get(d.user_id, "?"), d.label, d.districts, list(d.events or []), d.aggregate_only,
                  d.last_seen_at, d.revoked_at)  # fmt: skip
        for d in session.execute(select(Device).order_by(Device.created_at)).scalars()
    ]


def revoke_device(session: Session, *, device_id: str, now: datetime) -> None:
    """The device wipes its personal data when it next contacts the server."""
    device = session.get(Device, device_id)
    if device is None:
        raise NotFound("server.device_not_found")
    device.revoked_at = device.revoked_at or now


def set_device_scope(
    session: Session, *, device_id: str, districts: list[str] | None | object = ..., events: list[str] | None = None
) -> str:
    """Change what a device sees (its next pull gets 410 and bootstraps). Returns the new hash."""
    device = session.get(Device, device_id)
    if device is None:
        raise NotFound("server.device_not_found")
    if districts is not ...:
        device.districts = None if districts is None else sorted(districts)  # type: ignore[arg-type]
    if events is not None:
        device.events = sorted(set(events))
    device.scope_hash = auth.device_scope(device).hash
    return device.scope_hash


def prune_tombstones(session: Session, *, older_than: timedelta, now: datetime) -> int:
    """Delete removal tombstones older than `older_than` and move the horizon: cursors from
    before it get 410 (they might have missed a removal). Purge tombstones are kept."""
    cutoff = now - older_than
    last = session.execute(
        select(Tombstone.server_seq).where(Tombstone.kind == "remove", Tombstone.created_at < cutoff)
        .order_by(Tombstone.server_seq.desc()).limit(1)
    ).scalar()  # fmt: skip
    if last is None:
        return 0
    count = session.execute(delete(Tombstone).where(Tombstone.kind == "remove", Tombstone.server_seq <= last)).rowcount
    meta_set(session, "tombstone_horizon", str(last))
    return int(count or 0)


def _user(session: Session, username: str) -> User:
    user = session.execute(select(User).where(User.username == username.strip().lower())).scalar()
    if user is None:
        raise NotFound("server.user_not_found")
    return user


def dump_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
