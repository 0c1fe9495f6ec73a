"""`list_accounts`: every account with the sign-in state an administrator needs (the command
line's `account list`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.accounts import PASSWORD, add_account, administrator
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import create_staff, deactivate_staff, list_accounts, reset_password, sign_in
from xzdesk.domain.uow import unit_of_work


def test_accounts_with_their_sign_in_state(store):
    admin = administrator(store)
    ok = add_account(store, username="wangli", role=Role.MATCHMAKER, display_name="甲", password=PASSWORD)
    temp = add_account(store, username="zhaomin", role=Role.MATCHMAKER, display_name="乙", password=PASSWORD)
    closed = add_account(store, username="sunhao", role=Role.AUDITOR, display_name="丙", password=PASSWORD)
    with unit_of_work(store, admin) as uow:
        create_staff(uow, username="nopass", display_name="丁", role=Role.EVENT_STAFF, district_code="320302")
        reset_password(uow, staff_id=temp.staff_id, new_password="Yunlong#2026-new")
        deactivate_staff(uow, staff_id=closed.staff_id)
    start = datetime(2026, 5, 1, tzinfo=UTC)
    for n in range(10):  # an hour apart: no throttle wait, every failure counts, the tenth locks
        with unit_of_work(store, None, clock=lambda n=n: start + timedelta(hours=n)) as uow:
            sign_in(uow, username="wangli", password="wrong password!")
    with store.read() as s:
        rows = {r.username: r for r in list_accounts(s)}
    assert list(rows)[-1] == "sunhao" and not rows["sunhao"].active  # open accounts first
    assert rows["wangli"].locked and rows["wangli"].failures == 10 and rows["wangli"].has_password
    assert rows["zhaomin"].must_change_password and not rows["zhaomin"].locked
    assert not rows["nopass"].has_password and rows["nopass"].district_code == "320302"
    assert rows["root"].role == Role.ADMIN.value and not rows["root"].must_change_password
    assert ok.staff_id == rows["wangli"].id
