"""Staff accounts on this laptop.

The first account of a new database is created without a permission check (the person
installing the app); every later one needs `staff.manage`. On an enrolled laptop the server's
accounts arrive through sync.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from xzdesk.domain.errors import FieldProblem, NotFound, ValidationError
from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.staff.models import Permission, Role, Staff
from xzdesk.domain.store.uow import ActorInfo, UnitOfWork

_USERNAME = re.compile(r"^[a-z0-9_.-]{2,32}$")


@dataclass(frozen=True)
class StaffInfo:
    id: str
    username: str
    display_name: str
    role: str
    district_code: str | None
    active: bool

    def actor(self) -> ActorInfo:
        return ActorInfo(self.id, Role(self.role), self.district_code, self.display_name)


def _info(s: Staff) -> StaffInfo:
    return StaffInfo(s.id, s.username, s.display_name, s.role, s.district_code, s.active)


def create_staff(
    uow: UnitOfWork, *, username: str, display_name: str, role: Role | str, district_code: str | None
) -> StaffInfo:
    first = uow.session.execute(select(func.count()).select_from(Staff)).scalar_one() == 0
    if not first:
        uow.require(Permission.STAFF_MANAGE)
    problems = []
    username = (username or "").strip().lower()
    if not _USERNAME.match(username):
        problems.append(FieldProblem("username", "staff.username_format"))
    elif uow.session.execute(select(Staff.id).where(Staff.username == username)).first():
        problems.append(FieldProblem("username", "staff.username_taken"))
    display_name = " ".join((display_name or "").split())
    if not display_name:
        problems.append(FieldProblem("display_name", "members.required"))
    try:
        role = Role(role)
    except ValueError:
        problems.append(FieldProblem("role", "members.unknown_code", value=str(role)))
    if district_code and district_code not in DISTRICTS:
        problems.append(FieldProblem("district_code", "members.unknown_code", value=district_code))
    if problems:
        raise ValidationError(problems)
    staff = Staff(
        username=username, display_name=display_name, role=Role(role).value,
        district_code=district_code or None, active=True, created_at=uow.now,
    )  # fmt: skip
    uow.session.add(staff)
    uow.session.flush()
    uow.audit("staff.create", fields=["role"])
    return _info(staff)


def list_staff(session: Session, *, role: Role | None = None) -> list[StaffInfo]:
    query = select(Staff).where(Staff.active.is_(True)).order_by(Staff.display_name)
    if role:
        query = query.where(Staff.role == role.value)
    return [_info(s) for s in session.execute(query).scalars()]


def get_staff(session: Session, staff_id: str) -> StaffInfo:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("staff.not_found")
    return _info(staff)
