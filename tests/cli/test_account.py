"""`xzdesk account ...`: the first account is the administrator, later ones need --as ADMIN;
own password changes check the current one; an administrator's reset is temporary; unlock,
role and close; every refusal in words."""

from __future__ import annotations

import pytest

from tests.accounts import PASSWORD
from xzdesk.app_context import AppContext
from xzdesk.cli import main
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff import passwords
from xzdesk.domain.staff.service import find_staff, list_accounts

NEW = "Yunlong#2026-new"
TEMP = "Temp-pass#7781"


@pytest.fixture
def cli(capsys, monkeypatch):
    monkeypatch.setenv("XZDESK_NEW_PASSWORD", PASSWORD)
    monkeypatch.delenv("XZDESK_AS", raising=False)
    monkeypatch.delenv("XZDESK_PASSWORD", raising=False)

    def run(*argv: str, password: str | None = None, new: str | None = None) -> tuple[int, str, str]:
        if password is not None:
            monkeypatch.setenv("XZDESK_PASSWORD", password)
        if new is not None:
            monkeypatch.setenv("XZDESK_NEW_PASSWORD", new)
        code = main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def accounts(home):
    ctx = AppContext.open(home=home)
    try:
        with ctx.store.read() as s:
            return {r.username: r for r in list_accounts(s)}
    finally:
        ctx.close()


def test_first_account_is_the_administrator_then_admin_adds_others(cli, _private_home):
    code, out, _err = cli("account", "add", "root", "--role", "admin", "--name", "本机管理员")
    assert code == 0 and "account created" in out and "--as root" in out
    code, _out, err = cli("account", "add", "wangli", "--role", "matchmaker")  # nobody signed in
    assert code == 1 and "需要登录" in err and "--as" in err
    code, out, _err = cli("--as", "root", "account", "add", "wangli", "--role", "matchmaker", "--district", "鼓楼区",
                          "--name", "王丽", password=PASSWORD)  # fmt: skip
    assert code == 0 and "鼓楼区" in out and "临时密码" in out
    rows = accounts(_private_home)
    assert rows["root"].role == "admin" and rows["wangli"].district_code == "320302"
    assert rows["wangli"].must_change_password and not rows["root"].must_change_password


def test_the_first_account_must_be_the_administrator(cli, _private_home):
    code, _out, err = cli("account", "add", "wangli", "--role", "matchmaker")
    assert code == 1 and "第一个账号必须是本机管理员" in err and "--role admin" in err
    assert accounts(_private_home) == {}


@pytest.fixture
def office(cli, _private_home):
    assert cli("account", "add", "root", "--role", "admin")[0] == 0
    assert cli("account", "add", "wangli", "--role", "matchmaker", "--as", "root", password=PASSWORD)[0] == 0
    return _private_home


def test_a_temporary_password_must_be_changed_before_anything_else(cli, office):
    code, _out, err = cli("--as", "wangli", "account", "list", password=PASSWORD)
    assert code == 1 and "临时密码" in err and "xzdesk account passwd --as wangli" in err
    code, out, _err = cli("account", "passwd", "--as", "wangli", password=PASSWORD, new=NEW)
    assert code == 0 and "已修改 wangli 的密码" in out
    code, out, _err = cli("account", "list", "--as", "wangli", password=NEW)
    assert code == 0 and "wangli | wangli | 红娘 matchmaker | 全市 - | 正常 active" in out
    assert "root | root | 本机管理员 admin" in out and "2 个账号" in out


def test_own_password_change_checks_the_current_one(cli, office):
    code, _out, err = cli("account", "passwd", "root", password="not the password", new=NEW)
    assert code == 1 and "用户名或密码不对" in err
    code, _out, err = cli("account", "passwd", "root", password=PASSWORD, new="short")
    assert code == 1 and "密码至少需要 8 个字符" in err
    assert cli("account", "passwd", "root", password=PASSWORD, new=NEW)[0] == 0
    assert cli("account", "list", "--as", "root", password=NEW)[0] == 0


def test_wrong_passwords_are_throttled_in_words(cli, office, monkeypatch):
    monkeypatch.setattr(passwords, "THROTTLE", passwords.ThrottleRule(free=1, first_wait_s=60, lock_at=10))
    cli("--as", "root", "account", "list", password="wrong password!")
    cli("--as", "root", "account", "list", password="wrong password!")
    code, _out, err = cli("--as", "root", "account", "list", password=PASSWORD)
    assert code == 1 and "尝试次数过多，请" in err and "秒后再试" in err


def test_an_administrator_resets_unlocks_changes_roles_and_closes(cli, office, monkeypatch):
    monkeypatch.setattr(passwords, "THROTTLE", passwords.ThrottleRule(free=10, lock_at=3))
    for _ in range(3):  # lock wangli out
        cli("--as", "wangli", "account", "list", password="wrong password!")
    assert accounts(office)["wangli"].locked
    code, _out, err = cli("--as", "wangli", "account", "list", password=PASSWORD)
    assert code == 1 and "账号已锁定" in err and "account unlock" in err
    assert cli("account", "unlock", "wangli", "--as", "root", password=PASSWORD)[0] == 0
    assert not accounts(office)["wangli"].locked
    code, out, _err = cli("account", "passwd", "wangli", "--as", "root", password=PASSWORD, new=TEMP)
    assert code == 0 and "临时密码" in out and accounts(office)["wangli"].must_change_password
    code, out, _err = cli("account", "role", "wangli", "--role", "event_staff", "--as", "root", password=PASSWORD)
    assert code == 0 and "签到员" in out and accounts(office)["wangli"].role == "event_staff"
    code, _out, err = cli("account", "role", "root", "--role", "matchmaker", "--as", "root", password=PASSWORD)
    assert code == 1 and "任何人都不能修改自己的角色" in err
    code, _out, err = cli("account", "unlock", "nobody", "--as", "root", password=PASSWORD)
    assert code == 1 and "找不到工作人员账号 nobody" in err
    assert cli("account", "close", "wangli", "--as", "root", password=PASSWORD)[0] == 0
    code, out, _err = cli("account", "list", "--as", "root", password=PASSWORD)
    assert "已停用 closed" in out
    code, _out, err = cli("--as", "wangli", "account", "list", password=TEMP)
    assert code == 1 and "账号已停用" in err
    ctx = AppContext.open(home=office)
    with ctx.store.read() as s:
        actions = [a for (a,) in s.query(AuditEntry.action).all()]
        assert find_staff(s, "wangli") is not None
    ctx.close()
    for action in ("staff.create", "staff.unlocked", "staff.password_set", "staff.role_granted", "staff.deactivated"):
        assert action in actions


def test_a_matchmaker_cannot_manage_accounts(cli, office):
    assert cli("account", "passwd", "--as", "wangli", password=PASSWORD, new=NEW)[0] == 0
    code, _out, err = cli("account", "add", "li", "--role", "matchmaker", "--as", "wangli", password=NEW)
    assert code == 1 and "当前账号（红娘）无权管理账号" in err


def test_the_demo_database_has_its_documented_administrator(cli, demo_home):
    from xzdesk.app_context import DEMO_PASSWORD

    code, out, _err = cli("--demo", "account", "add", "wangli", "--role", "matchmaker", "--as", "admin",
                          password=DEMO_PASSWORD)  # fmt: skip
    assert code == 0 and "wangli" in out
    code, _out, err = cli("--demo", "account", "add", "li", "--role", "matchmaker")  # the demo matchmaker
    assert code == 1 and "无权管理账号" in err


def test_no_terminal_and_no_new_password_is_a_clear_refusal(cli, monkeypatch, _private_home):
    monkeypatch.delenv("XZDESK_NEW_PASSWORD")
    code, _out, err = cli("account", "add", "root", "--role", "admin")
    assert code == 1 and "XZDESK_NEW_PASSWORD" in err and accounts(_private_home) == {}
