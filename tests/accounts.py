"""Staff accounts for tests, made the way the product makes them: the first account of a
database is the local administrator, and the administrator creates everyone else's."""

from __future__ import annotations

from sqlalchemy import select

from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.staff.service import create_staff, get_staff
from xzdesk.domain.uow import ActorInfo, unit_of_work

ADMIN_USERNAME = "root"
PASSWORD = "Gulou#2026-test"


def administrator(store) -> ActorInfo:
    """The database's administrator, created (with PASSWORD) when there is no account yet."""
    with unit_of_work(store, None) as uow:
        row = uow.session.execute(select(Staff).where(Staff.role == Role.ADMIN.value).limit(1)).scalar()
        if row is not None:
            return get_staff(uow.session, row.id).actor()
        return create_staff(uow, username=ADMIN_USERNAME, display_name="本机管理员", role=Role.ADMIN,
                            district_code=None, password=PASSWORD).actor()  # fmt: skip


def add_account(store, *, username: str, role: Role | str, display_name: str | None = None,
                district_code: str | None = None, password: str | None = None) -> ActorInfo:  # fmt: skip
    """A staff account created by the administrator (who is created first if needed)."""
    admin = administrator(store)
    with unit_of_work(store, admin) as uow:
        return create_staff(uow, username=username, display_name=display_name or username, role=role,
                            district_code=district_code, password=password,
                            temporary_password=False).actor()  # fmt: skip


def first_run(ctx, *, username: str, role: Role | str, display_name: str | None = None,
              district_code: str | None = None) -> ActorInfo:  # fmt: skip
    """A new laptop: the administrator account, then this person's account (password
    PASSWORD, so the command line can sign in with `--as`), working as them."""
    if ctx.needs_first_account:
        ctx.create_first_account(username=ADMIN_USERNAME, display_name="本机管理员", password=PASSWORD)
    actor = add_account(ctx.store, username=username, role=role, display_name=display_name,
                        district_code=district_code, password=PASSWORD)  # fmt: skip
    return ctx.act_as(actor.staff_id)


def cli_as(monkeypatch, username: str) -> None:
    """Commands run in this test sign in as `username` (XZDESK_AS / XZDESK_PASSWORD)."""
    monkeypatch.setenv("XZDESK_AS", username)
    monkeypatch.setenv("XZDESK_PASSWORD", PASSWORD)
