"""The administrator's view of accounts and the first run's set-up of accounts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.accounts import PASSWORD, add_account, administrator
from xzdesk.domain.errors import PermissionDenied, ValidationError
from xzdesk.domain.staff import passwords
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import (
    NewAccount,
    deactivate_staff,
    has_administrator,
    list_accounts,
    new_account_problems,
    reopen_staff,
    reset_password,
    set_up_first_accounts,
    sign_in,
)
from xzdesk.domain.uow import unit_of_work


def _sign_in(store, username, password):
    with unit_of_work(store, None) as uow:
        return sign_in(uow, username=username, password=password)


def test_first_run_creates_the_administrator_and_the_installers_own_account(store):
    with unit_of_work(store, None) as uow:
        admin, own = set_up_first_accounts(
            uow, admin=NewAccount("root", "本机管理员", PASSWORD),
            own=NewAccount("wang", "王芳", "Pengzu#lake-88", Role.MATCHMAKER, "320302"),
        )  # fmt: skip
    assert admin.role == "admin" and own is not None and own.role == "matchmaker" and own.district_code == "320302"
    mine = _sign_in(store, "wang", "Pengzu#lake-88")
    assert mine.ok and not mine.must_change_password  # chosen by the person: not temporary
    with unit_of_work(store, None) as uow, pytest.raises(PermissionDenied):
        set_up_first_accounts(uow, admin=NewAccount("root2", "又一个", PASSWORD))


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.AUDITOR])
def test_the_installers_own_account_never_takes_a_role_nobody_gives_themselves(store, role):
    with pytest.raises(ValidationError) as err, unit_of_work(store, None) as uow:
        set_up_first_accounts(uow, admin=NewAccount("root", "本机管理员", PASSWORD),
                              own=NewAccount("zhou", "周某", "Pengzu#lake-88", role))  # fmt: skip
    assert [p.code for p in err.value.problems] == ["staff.not_self_assignable"]
    with store.read() as s:  # nothing half-made
        assert not has_administrator(s)


def test_a_bad_own_account_leaves_no_administrator_behind(store):
    with pytest.raises(ValidationError), unit_of_work(store, None) as uow:
        set_up_first_accounts(uow, admin=NewAccount("root", "本机管理员", PASSWORD),
                              own=NewAccount("root", "同名", "Pengzu#lake-88", Role.MATCHMAKER))  # fmt: skip
    with store.read() as s:
        assert not has_administrator(s) and list_accounts(s) == []


def test_new_account_problems_are_the_rules_create_checks(store):
    assert [p.code for p in new_account_problems(None, username="A B", display_name=" ", role="matchmaker",
                                                 district_code="999999", password="short")] == [
        "staff.username_format", "members.required", "members.unknown_code", "staff.password_too_short"]  # fmt: skip
    administrator(store)
    with store.read() as s:
        taken = new_account_problems(s, username="ROOT", display_name="x", role="admin", district_code=None)
    assert [p.code for p in taken] == ["staff.username_taken"]
    assert new_account_problems(None, username="li", display_name="李", role="matchmaker", district_code=None,
                                password=PASSWORD) == []  # fmt: skip


def test_accounts_list_shows_locked_must_change_and_closed(store):
    admin = administrator(store)
    li = add_account(store, username="li", role=Role.MATCHMAKER, display_name="李红娘", password=PASSWORD)
    add_account(store, username="door", role=Role.EVENT_STAFF, display_name="门口", password=None)
    for n in range(passwords.THROTTLE.lock_at):  # an hour apart: never throttled, locked at the limit
        at = datetime(2030, 1, 1, tzinfo=UTC) + timedelta(hours=n)
        with unit_of_work(store, None, clock=lambda at=at: at) as uow:
            sign_in(uow, username="li", password="wrong")
    with unit_of_work(store, admin) as uow:
        deactivate_staff(uow, staff_id=li.staff_id)
    with store.read() as s:
        rows = {r.username: r for r in list_accounts(s)}
    assert rows["li"].locked and not rows["li"].active and rows["li"].failures == passwords.THROTTLE.lock_at
    assert not rows["door"].has_password and rows["door"].active
    assert list(rows)[-1] == "li"  # closed accounts last
    with unit_of_work(store, admin) as uow:
        reopen_staff(uow, staff_id=li.staff_id)
        reset_password(uow, staff_id=li.staff_id, new_password="Another-start-77")
    with store.read() as s:
        again = {r.username: r for r in list_accounts(s)}["li"]
    assert again.active and not again.locked and again.must_change_password
    with pytest.raises(PermissionDenied), unit_of_work(store, li) as uow:
        reopen_staff(uow, staff_id=li.staff_id)
