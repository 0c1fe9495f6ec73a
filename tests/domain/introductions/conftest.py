from __future__ import annotations

from datetime import UTC, datetime

import pytest

from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import create_staff
from xzdesk.domain.uow import ActorInfo, unit_of_work

T0 = datetime(2026, 1, 31, 2, 0, tzinfo=UTC)  # 2026-01-31 10:00 in Xuzhou


@pytest.fixture
def admin() -> ActorInfo:
    """A union administrator (no staff row needed: permissions come from the role)."""
    return ActorInfo("00000000-0000-7000-8000-00000000ad01", Role.ADMIN, None, "管理员")


@pytest.fixture
def staff_factory(store, admin):
    def make(username: str, role: Role, district: str | None = None) -> ActorInfo:
        with unit_of_work(store, admin) as uow:
            return create_staff(uow, username=username, display_name=username, role=role,
                                district_code=district).actor()  # fmt: skip

    return make
