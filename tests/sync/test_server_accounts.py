"""On an enrolled laptop the server's staff are the truth (issue 11, "Staff are people"), through
the real server over HTTP and real SQLCipher laptops:

- enrolment stores the enrolling person's server argon2id hash: they sign in offline at once, with
  the same password, and the first-run wizard does not come back;
- sync brings the accounts of the laptop's district and the city-wide ones (their hashes only);
- an account closed on the server is refused after the next sync, in words; a password changed
  on the server works after the next sync and the old one stops; the audit log records each;
- accounts are managed on the server only.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tests.sync.harness import PASSWORD, Laptop, LaptopFactory, add_user
from xzdesk.commands._messages import describe_code
from xzdesk.domain.errors import PermissionDenied
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff import passwords
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.models import Staff, StaffCredential, StaffPassword
from xzdesk.domain.staff.service import (
    NewAccount,
    change_own_password,
    create_staff,
    deactivate_staff,
    find_staff,
    grant_role,
    list_accounts,
    needs_first_account,
    reset_password,
    set_up_first_accounts,
    sign_in,
    unlock_staff,
)
from xzdesk.domain.uow import unit_of_work
from xzdesk.server import admin
from xzdesk.server.models import User
from xzdesk.server.runner import ServerThread

NEW_PASSWORD = "Yunlong-lake-2027"


def attempt(laptop: Laptop, username: str, password: str):
    with unit_of_work(laptop.store, None) as uow:
        return sign_in(uow, username=username, password=password)


def audit(laptop: Laptop) -> list[tuple[str, str | None, list[str]]]:
    with laptop.store.read() as s:
        return [(a.action, a.actor_id, list(a.fields)) for a in s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()]


def lock_out(laptop: Laptop, username: str) -> None:
    """Wrong passwords until the account locks on this laptop (a day apart: never throttled)."""
    for n in range(passwords.THROTTLE.lock_at):
        with unit_of_work(laptop.store, None, clock=lambda n=n: datetime(2020, 1, 1 + n, tzinfo=UTC)) as uow:
            sign_in(uow, username=username, password="Wrong-password-99")


def staff_id(laptop: Laptop, username: str) -> str:
    with laptop.store.read() as s:
        info = find_staff(s, username)
        assert info is not None
        return info.id


def server_hash(server: ServerThread, username: str) -> str:
    with server.app.state.db.read() as s:
        return s.execute(select(User.password_hash).where(User.username == username)).scalar_one()


def test_enrolment_stores_the_servers_hash_and_the_person_signs_in_offline(server: ServerThread,
                                                                           laptops: LaptopFactory) -> None:  # fmt: skip
    add_user(server, "gulou")
    fresh = laptops.make(server.url, "gulou", enrol=False)
    with unit_of_work(fresh.store, None) as uow:  # a laptop set up on its own first: a local administrator
        set_up_first_accounts(uow, admin=NewAccount("root", "本机管理员", "Amber-ledger-2026"))
    fresh.engine.enrol(server.url, "gulou", PASSWORD)
    server.stop()  # offline from here on
    with fresh.store.read() as s:
        stored = s.execute(select(StaffPassword.password_hash)).scalars().all()
        assert stored == [server_hash(server, "gulou")]  # the server's argon2id hash, not a new one
        assert stored[0].startswith("$argon2id$") and PASSWORD not in stored[0]
        assert not needs_first_account(s)  # the wizard does not come back
        assert [a.username for a in list_accounts(s) if a.has_password] == ["gulou"]
    assert attempt(fresh, "gulou", PASSWORD).ok
    assert attempt(fresh, "gulou", "Not-the-password-1").refusal == "staff.wrong_password"
    assert attempt(fresh, "root", "Amber-ledger-2026").refusal == "staff.wrong_password"  # local accounts gave way
    gulou = staff_id(fresh, "gulou")
    actions = audit(fresh)
    assert ("staff.enrolled", gulou, []) in actions and ("staff.sign_in", gulou, []) in actions
    assert ("staff.sign_in_failed", gulou, ["password"]) in actions
    fresh.close()


def test_sync_brings_the_districts_accounts_and_the_city_wide_ones(server: ServerThread,
                                                                   laptops: LaptopFactory) -> None:  # fmt: skip
    add_user(server, "gulou")
    add_user(server, "gulou2")
    add_user(server, "yunlong", district="320303")
    add_user(server, "privacy", role="privacy_officer", district=None)
    laptop = laptops.make(server.url, "gulou")
    assert laptop.engine.sync_once().error is None
    for username in ("gulou2", "privacy"):
        assert attempt(laptop, username, PASSWORD).ok
    refused = attempt(laptop, "yunlong", PASSWORD)  # another district's account: its hash never came here
    assert refused.refusal == "staff.not_here" and "sign in on this computer" in describe_code("staff.not_here")
    with laptop.store.read() as s:
        hashes = {h for h in s.execute(select(StaffPassword.password_hash)).scalars()}
        assert server_hash(server, "yunlong") not in hashes and len(hashes) == 3
        assert {st.username for st in s.execute(select(Staff)).scalars()} >= {"gulou", "gulou2", "yunlong", "privacy"}
    laptop.close()


def test_an_account_closed_on_the_server_is_refused_after_the_next_sync(server: ServerThread,
                                                                        laptops: LaptopFactory) -> None:  # fmt: skip
    add_user(server, "gulou")
    add_user(server, "gulou2")
    laptop = laptops.make(server.url, "gulou")
    laptop.engine.sync_once()
    assert attempt(laptop, "gulou2", PASSWORD).ok
    with server.app.state.db.write() as s:
        admin.deactivate_user(s, username="gulou2", now=datetime.now(UTC))
    assert attempt(laptop, "gulou2", PASSWORD).ok  # not heard yet (the offline window bounds this)
    assert laptop.engine.sync_once().error is None
    refused = attempt(laptop, "gulou2", PASSWORD)
    assert refused.refusal == "staff.inactive" and not refused.ok
    assert describe_code("staff.inactive") == "账号已停用 / the account is closed"
    assert ("staff.sign_in_failed", staff_id(laptop, "gulou2"), ["inactive"]) in audit(laptop)
    assert attempt(laptop, "gulou", PASSWORD).ok  # the others work on
    laptop.close()


def test_a_password_changed_on_the_server_replaces_the_old_one_at_the_next_sync(server: ServerThread,
                                                                                laptops: LaptopFactory) -> None:  # fmt: skip
    add_user(server, "gulou")
    add_user(server, "gulou2")
    laptop = laptops.make(server.url, "gulou")
    laptop.engine.sync_once()
    lock_out(laptop, "gulou2")  # locked out on this laptop meanwhile
    assert attempt(laptop, "gulou2", PASSWORD).refusal == "staff.locked"
    with server.app.state.db.write() as s:
        admin.set_password(s, hasher=server.app.state.hasher, username="gulou2", password=NEW_PASSWORD,
                           now=datetime.now(UTC))  # fmt: skip
    assert attempt(laptop, "gulou2", NEW_PASSWORD).refusal == "staff.locked"  # not here before the sync
    assert laptop.engine.sync_once().error is None
    assert attempt(laptop, "gulou2", PASSWORD).refusal == "staff.wrong_password"  # the old one stops working
    assert attempt(laptop, "gulou2", NEW_PASSWORD).ok  # the new one works, and lifted the lock
    who = staff_id(laptop, "gulou2")
    actions = audit(laptop)
    assert actions.index(("staff.unlocked", who, ["server_password"])) < actions.index(("staff.sign_in", who, []))
    assert ("staff.locked", who, []) in actions and ("staff.sign_in_failed", who, ["locked"]) in actions
    with laptop.store.read() as s:
        assert s.get(StaffPassword, who).version >= 2  # the server's version of the record
    laptop.close()


def test_accounts_are_managed_on_the_server_only(server: ServerThread, laptops: LaptopFactory) -> None:
    add_user(server, "gulou")
    add_user(server, "gulou2")
    add_user(server, "boss", role=Role.ADMIN.value, district=None)
    laptop = laptops.make(server.url, "gulou")
    laptop.engine.sync_once()
    boss = attempt(laptop, "boss", PASSWORD).actor
    other = staff_id(laptop, "gulou2")
    refused = [
        lambda uow: create_staff(uow, username="new", display_name="新人", role=Role.MATCHMAKER, district_code=None,
                                 password="Brand-new-pass-1"),
        lambda uow: grant_role(uow, staff_id=other, role=Role.AUDITOR),
        lambda uow: reset_password(uow, staff_id=other, new_password="Brand-new-pass-1"),
        lambda uow: deactivate_staff(uow, staff_id=other),
    ]  # fmt: skip
    for change in refused:
        with pytest.raises(PermissionDenied) as err, unit_of_work(laptop.store, boss) as uow:
            change(uow)
        assert err.value.code == "staff.managed_by_server"
    with pytest.raises(PermissionDenied) as err, unit_of_work(laptop.store, laptop.actor) as uow:
        change_own_password(uow, old_password=PASSWORD, new_password="Brand-new-pass-1")
    assert err.value.code == "staff.managed_by_server"
    assert "xzdesk server" in describe_code("staff.managed_by_server")
    # this laptop's own throttle lock is lifted here by an administrator
    lock_out(laptop, "gulou2")
    with unit_of_work(laptop.store, boss) as uow:
        unlock_staff(uow, staff_id=other)
    assert attempt(laptop, "gulou2", PASSWORD).ok
    laptop.close()


def test_server_password_policy_is_the_laptops(server: ServerThread) -> None:
    """One rule in one place: the server refuses what a laptop would, with the same codes."""
    from xzdesk.domain.errors import ValidationError

    for password, code in (("short1", "staff.password_too_short"), ("12345678", "staff.password_weak"),
                           ("wangli-2026", "staff.password_weak")):  # fmt: skip
        with pytest.raises(ValidationError) as err, server.app.state.db.write() as s:
            admin.add_user(s, hasher=server.app.state.hasher, username="wangli", password=password,
                           role="matchmaker", district_code="320302", now=datetime.now(UTC))  # fmt: skip
        assert [p.code for p in err.value.problems] == [code]
        assert [p.code for p in passwords.password_problems(password, username="wangli")] == [code]
    add_user(server, "wangli")
    with pytest.raises(ValidationError) as err, server.app.state.db.write() as s:
        admin.set_password(s, hasher=server.app.state.hasher, username="wangli", password="12345678",
                           now=datetime.now(UTC))  # fmt: skip
    assert err.value.problems[0].code == "staff.password_weak"
    assert "太容易被猜到" in describe_code("staff.password_weak", {"hint": "sequence"})


def test_a_revoked_laptop_keeps_no_password_hash(server: ServerThread, laptops: LaptopFactory) -> None:
    add_user(server, "gulou")
    add_user(server, "gulou2")
    laptop = laptops.make(server.url, "gulou")
    laptop.engine.sync_once()
    assert attempt(laptop, "gulou2", PASSWORD).ok  # a throttle row for a server account now exists
    with server.app.state.db.write() as s:
        admin.revoke_device(s, device_id=laptop.store.device_id, now=datetime.now(UTC))
    assert laptop.engine.sync_once().wiped
    with laptop.store.read() as s:
        assert s.execute(select(StaffPassword.id)).first() is None
        assert s.execute(select(StaffCredential.staff_id)).first() is None
    assert attempt(laptop, "gulou", PASSWORD).refusal == "staff.wrong_password"  # nobody left to sign in
    laptop.close()
