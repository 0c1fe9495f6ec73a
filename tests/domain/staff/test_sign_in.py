"""Staff passwords and sign-in: the first account is the administrator, every person signs in
with their own password, wrong passwords are throttled then locked, and every attempt is audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.accounts import PASSWORD, add_account, administrator
from xzdesk.domain.errors import PermissionDenied, ValidationError
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff import passwords
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.models import StaffCredential
from xzdesk.domain.staff.service import (
    assignable_roles,
    change_own_password,
    create_staff,
    grant_role,
    reset_password,
    sign_in,
    unlock_staff,
)
from xzdesk.domain.uow import unit_of_work


def attempt(store, username, password, *, at=None):
    clock = (lambda: at) if at else None
    with unit_of_work(store, None, **({"clock": clock} if clock else {})) as uow:
        return sign_in(uow, username=username, password=password)


def actions(store):
    with store.read() as s:
        return [e.action for e in s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()]


def test_first_account_must_be_the_administrator(store):
    with pytest.raises(ValidationError) as err, unit_of_work(store, None) as uow:
        create_staff(uow, username="po", display_name="周隐私", role=Role.PRIVACY_OFFICER, district_code=None,
                     password=PASSWORD)  # fmt: skip
    assert [p.code for p in err.value.problems] == ["staff.first_must_be_admin"]
    admin = administrator(store)
    assert admin.role is Role.ADMIN
    with pytest.raises(PermissionDenied), unit_of_work(store, None) as uow:  # the second needs an administrator
        create_staff(uow, username="x2", display_name="某人", role=Role.MATCHMAKER, district_code=None)


def test_weak_and_short_passwords_are_refused_with_a_reason(store):
    with unit_of_work(store, None) as uow, pytest.raises(ValidationError) as err:
        create_staff(uow, username="root", display_name="管理员", role=Role.ADMIN, district_code=None, password="short")
    assert err.value.problems[0].code == "staff.password_too_short"
    assert passwords.password_problems("12345678")[0].code == "staff.password_weak"
    assert passwords.password_problems("wangfang-2026x", username="wangfang")[0].params["hint"] == "personal"
    assert passwords.password_problems(PASSWORD) == []


def test_sign_in_succeeds_only_with_the_right_password_and_is_audited(store):
    add_account(store, username="li", role=Role.MATCHMAKER, password=PASSWORD)
    assert attempt(store, "li", "not-the-password").refusal == "staff.wrong_password"
    ok = attempt(store, "LI ", PASSWORD)  # user names are case-insensitive
    assert ok.ok and ok.actor.role is Role.MATCHMAKER
    unknown = attempt(store, "nobody", PASSWORD)
    assert unknown.refusal == "staff.wrong_password"  # same answer as a wrong password
    log = actions(store)
    assert log.count("staff.sign_in") == 1 and log.count("staff.sign_in_failed") == 2
    with store.read() as s:
        assert verify_chain(s).intact


def test_failures_grow_the_wait_then_lock_until_an_administrator_unlocks(store):
    admin = administrator(store)
    li = add_account(store, username="li", role=Role.MATCHMAKER, password=PASSWORD)
    t = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    rule = passwords.THROTTLE
    for n in range(1, rule.free + 1):
        assert attempt(store, "li", "wrong", at=t).retry_after_s == 0, n
    waits = []
    for _ in range(rule.free, rule.lock_at - 1):
        r = attempt(store, "li", "wrong", at=t)
        waits.append(r.retry_after_s)
        early = attempt(store, "li", PASSWORD, at=t + timedelta(seconds=1))  # even the right one waits
        assert early.refusal == "staff.throttled" and early.retry_after_s > 0
        t += timedelta(seconds=r.retry_after_s)
    assert waits == sorted(waits) and waits[0] < waits[-1]
    locked = attempt(store, "li", "wrong", at=t)
    assert locked.refusal == "staff.locked"
    assert attempt(store, "li", PASSWORD, at=t + timedelta(days=2)).refusal == "staff.locked"
    assert "staff.locked" in actions(store)
    with pytest.raises(PermissionDenied), unit_of_work(store, li) as uow:
        unlock_staff(uow, staff_id=li.staff_id)
    with unit_of_work(store, admin) as uow:
        unlock_staff(uow, staff_id=li.staff_id)
    assert attempt(store, "li", PASSWORD, at=t + timedelta(days=2)).ok


def test_passwords_an_administrator_sets_must_be_changed(store):
    admin = administrator(store)
    with unit_of_work(store, admin) as uow:
        info = create_staff(uow, username="zhao", display_name="赵红娘", role=Role.MATCHMAKER, district_code=None,
                            password="Temporary-2026")  # fmt: skip
    first = attempt(store, "zhao", "Temporary-2026")
    assert first.ok and first.must_change_password
    with unit_of_work(store, first.actor) as uow, pytest.raises(ValidationError):
        change_own_password(uow, old_password="wrong", new_password="Yunlong#lake-9")
    with unit_of_work(store, first.actor) as uow:
        change_own_password(uow, old_password="Temporary-2026", new_password="Yunlong#lake-9")
    again = attempt(store, "zhao", "Yunlong#lake-9")
    assert again.ok and not again.must_change_password
    with unit_of_work(store, admin) as uow:
        reset_password(uow, staff_id=info.id, new_password="Another-start-77")
    assert attempt(store, "zhao", "Another-start-77").must_change_password
    with store.read() as s:  # only the argon2id hash is kept
        assert s.get(StaffCredential, info.id).password_hash.startswith("$argon2id$")


def test_nobody_grants_a_role_to_themselves(store):
    admin = administrator(store)
    other = add_account(store, username="qian", role=Role.MATCHMAKER)
    with pytest.raises(PermissionDenied) as err, unit_of_work(store, admin) as uow:
        grant_role(uow, staff_id=admin.staff_id, role=Role.PRIVACY_OFFICER)
    assert err.value.code == "staff.self_grant"
    with unit_of_work(store, admin) as uow:
        assert grant_role(uow, staff_id=other.staff_id, role=Role.AUDITOR).role == "auditor"
    assert assignable_roles(None, for_self=True) == [Role.ADMIN]
    mine = assignable_roles(admin, for_self=True)
    assert Role.PRIVACY_OFFICER not in mine and Role.AUDITOR not in mine and Role.MATCHMAKER in mine
    assert assignable_roles(other, for_self=False) == []
