"""Sign-in, switching user, signing out, changing one's password, the role's first screen, and
the administrator's accounts screen, through the real main window."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.accounts import PASSWORD, add_account, administrator
from tests.ui.conftest import wait_jobs
from xzdesk.app_context import DEMO_PASSWORD, AppContext
from xzdesk.domain.errors import XzError
from xzdesk.domain.staff import passwords
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import list_accounts, sign_in
from xzdesk.domain.uow import unit_of_work
from xzdesk.ui.accounts import manage
from xzdesk.ui.accounts.sign_in import ChangePasswordDialog, SignInDialog
from xzdesk.ui.main_window import PAGES, MainWindow
from xzdesk.ui.messages import describe


@pytest.fixture(scope="module")
def office_template(tmp_path_factory):
    """A non-demo database with its administrator and three people (hashing passwords is slow:
    made once, copied for each test)."""
    home = tmp_path_factory.mktemp("office")
    ctx = AppContext.open(home=home)
    administrator(ctx.store)
    add_account(ctx.store, username="li", role=Role.MATCHMAKER, display_name="李红娘", password=PASSWORD)
    add_account(ctx.store, username="door", role=Role.EVENT_STAFF, display_name="门岗小赵", password=PASSWORD)
    add_account(ctx.store, username="zhou", role=Role.PRIVACY_OFFICER, display_name="周负责人", password=PASSWORD)
    ctx.close()
    return home


@pytest.fixture
def office(office_template, tmp_path):
    """The office database, nobody signed in."""
    home = tmp_path / "office"
    shutil.copytree(office_template, home)
    ctx = AppContext.open(home=home)
    yield ctx
    ctx.close()


def _answer_sign_in(monkeypatch, username: str, password: str = PASSWORD, seen: list | None = None):
    """Replace the modal sign-in: choose `username`, type `password`, press Sign in."""

    def fake_exec(self):
        if seen is not None:
            seen.append(self.account.currentData())
        self.account.setCurrentIndex(self.account.findData(username))
        self.password.setText(password)
        self._on_sign_in()
        return self.result()

    monkeypatch.setattr(SignInDialog, "exec", fake_exec)


def _window(qtbot, ctx) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    return win


def _enabled(win) -> dict[str, bool]:
    from PySide6.QtCore import Qt

    return {spec.key: bool(win.nav.item(i).flags() & Qt.ItemFlag.ItemIsEnabled) for i, spec in enumerate(PAGES)}


@pytest.mark.parametrize(("username", "first", "closed"), [
    ("door", "checkin", "members"),
    ("zhou", "reports", "events"),
    ("li", "members", None),
    ("root", "sync", "members"),
])  # fmt: skip
def test_sign_in_opens_the_roles_first_screen(qtbot, monkeypatch, office, username, first, closed):
    _answer_sign_in(monkeypatch, username)
    win = _window(qtbot, office)
    assert office.actor is not None and win.current_page_key() == first
    assert set(win.pages) == {first}  # nothing else was built
    if closed:
        row = [p.key for p in PAGES].index(closed)
        assert not _enabled(win)[closed] and "Not open to your role" in win.nav.item(row).toolTip()
    assert win.session.accounts_action.isVisible() is (username == "root")
    win.ops.wait_idle()


def test_no_screen_before_sign_in_and_giving_up_closes(qtbot, monkeypatch, office):
    monkeypatch.setattr(SignInDialog, "exec", lambda self: 0)
    win = _window(qtbot, office)
    assert win.pages == {} and not any(_enabled(win).values())
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=3000)


def test_wrong_password_then_wait_then_locked_in_words(qtbot, office):
    dialog = SignInDialog(office)
    qtbot.addWidget(dialog)
    dialog.account.setCurrentIndex(dialog.account.findData("li"))
    dialog.password.setText("not-it")
    dialog._on_sign_in()
    assert dialog.status.text() == describe(XzError("staff.wrong_password")) and office.actor is None
    for _ in range(passwords.THROTTLE.free):
        dialog.refusal.wait_left = 0
        dialog.password.setText("not-it")
        dialog._on_sign_in()
    assert "seconds" in dialog.status.text()  # throttled: seconds to wait, button counts down
    assert not dialog.ok_button.isEnabled() and dialog.ok_button.text().startswith("Wait ")
    dialog.refusal.wait_left = 1
    dialog.refusal.tick()
    assert dialog.ok_button.isEnabled() and dialog.status.text() == "You can try again now."
    at = datetime.now(UTC)
    for n in range(passwords.THROTTLE.lock_at):  # lock the account (a day apart: never throttled)
        when = at + timedelta(days=n + 1)
        with unit_of_work(office.store, None, clock=lambda when=when: when) as uow:
            sign_in(uow, username="li", password="wrong")
    dialog.password.setText(PASSWORD)
    dialog._on_sign_in()
    assert dialog.status.text() == describe(XzError("staff.locked")) and office.actor is None


def test_few_tries_left_are_announced(qtbot, office):
    at = datetime.now(UTC) - timedelta(days=30)
    for n in range(passwords.THROTTLE.lock_at - 3):
        when = at + timedelta(days=n)
        with unit_of_work(office.store, None, clock=lambda when=when: when) as uow:
            sign_in(uow, username="li", password="wrong")
    dialog = SignInDialog(office)
    qtbot.addWidget(dialog)
    dialog.account.setCurrentIndex(dialog.account.findData("li"))
    dialog.password.setText("wrong")
    dialog._on_sign_in()
    assert "After 2 more wrong passwords the account locks." in dialog.status.text()


def test_switch_user_preselects_the_current_account_and_sign_out_clears_every_screen(qtbot, monkeypatch, office):
    _answer_sign_in(monkeypatch, "li")
    win = _window(qtbot, office)
    win.show_page("reports")
    assert set(win.pages) == {"members", "reports"}
    seen: list = []
    _answer_sign_in(monkeypatch, "door", seen=seen)
    win.session.switch_user()
    assert seen == ["li"]  # the current person preselected, not the first account
    assert office.actor.role is Role.EVENT_STAFF and set(win.pages) == {"checkin"}
    seen.clear()
    monkeypatch.setattr(SignInDialog, "exec", lambda self: seen.append(self.account.currentData()) or 0)
    win.session.sign_out()
    assert seen == ["door"] and office.actor is None and win.pages == {}
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=3000)


def test_a_temporary_password_must_be_changed_at_first_sign_in(qtbot, monkeypatch, office):
    admin = administrator(office.store)
    from xzdesk.domain.staff.service import reset_password

    li = next(a for a in office.staff() if a.username == "li")
    with unit_of_work(office.store, admin) as uow:
        reset_password(uow, staff_id=li.id, new_password="abcd-2345-efgh")
    _answer_sign_in(monkeypatch, "li", "abcd-2345-efgh")
    forced = []

    def change(self):
        forced.append(self.findChild(object, "forced_note") is not None)
        self.old.setText("abcd-2345-efgh")
        self.new.first.setText("Yunlong#lake-9")
        self.new.again.setText("Yunlong#lake-9")
        assert self.ok_button.isEnabled()
        self._on_ok()
        qtbot.waitUntil(lambda: self.result() == 1, timeout=5000)
        return 1

    monkeypatch.setattr(ChangePasswordDialog, "exec", change)
    win = _window(qtbot, office)
    assert forced == [True] and not office.must_change_password and win.current_page_key() == "members"
    with office.store.read() as s:
        assert not {a.username: a for a in list_accounts(s)}["li"].must_change_password


def test_change_password_says_a_wrong_current_password(qtbot, office, window):
    dialog = ChangePasswordDialog(window.ctx, window.ops, window)
    qtbot.addWidget(dialog)
    dialog.old.setText("not-my-password")
    dialog.new.first.setText("Yunlong#lake-9")
    dialog.new.again.setText("Yunlong#lake-9")
    dialog._on_ok()
    wait_jobs(qtbot, window)
    assert dialog.status.text() == "The current password is wrong." and dialog.result() == 0


def test_demo_opens_signed_in_and_switching_uses_the_documented_password(qtbot, monkeypatch, tmp_path):
    ctx = AppContext.open(demo=True, home=tmp_path / "demo")
    try:
        with ctx.uow() as uow:
            from xzdesk.app_context import _create_demo_accounts

            _create_demo_accounts(uow)
        ctx.store.meta_set("demo_data", "1")
        ctx._restore_actor()
        win = _window(qtbot, ctx)
        assert ctx.actor.display_name == "演示红娘" and win.current_page_key() == "members"
        dialog = SignInDialog(ctx, win)
        qtbot.addWidget(dialog)
        assert DEMO_PASSWORD in dialog.findChild(object, "demo_hint").text()
        _answer_sign_in(monkeypatch, "door", DEMO_PASSWORD)
        win.session.switch_user()
        assert ctx.actor.role is Role.EVENT_STAFF and win.current_page_key() == "checkin"
        win.ops.wait_idle()
    finally:
        ctx.close()


# --- the accounts screen ------------------------------------------------------------------------
@pytest.fixture
def admin_window(qtbot, monkeypatch, office):
    _answer_sign_in(monkeypatch, "root")
    win = _window(qtbot, office)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    yield win
    win.ops.wait_idle()


def _accounts(qtbot, win) -> manage.AccountsDialog:
    dialog = manage.AccountsDialog(win.ctx, win.ops, win)
    qtbot.addWidget(dialog)
    return dialog


def _rows(dialog) -> dict:
    return {r.username: r for r in dialog.model.rows}


def test_administrator_creates_an_account_with_a_temporary_password(qtbot, monkeypatch, admin_window):
    dialog = _accounts(qtbot, admin_window)

    def fill(self):
        self.username.setText("sun")
        self.display.setText("孙红娘")
        self.role.setCurrentIndex(self.role.findData("matchmaker"))
        self.district.setCurrentIndex(self.district.findData("320311"))
        assert self.problems() == []
        return 1

    monkeypatch.setattr(manage.NewAccountDialog, "exec", fill)
    dialog._on_new()
    wait_jobs(qtbot, admin_window)
    sun = _rows(dialog)["sun"]
    assert sun.role == "matchmaker" and sun.district_code == "320311" and sun.must_change_password
    assert manage.state_text(sun) == "Must change password"


def test_new_account_form_says_what_to_fix(qtbot, admin_window):
    dialog = manage.NewAccountDialog(admin_window.ctx, {"li"}, admin_window)
    qtbot.addWidget(dialog)
    dialog.username.setText("li")
    dialog.display.setText("又一个李")
    assert "User name: " + describe(XzError("staff.username_taken")) in dialog.problems()  # the field is named
    dialog.username.setText("li2")
    dialog.password.setText("123")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert manage.temporary_password() != manage.temporary_password()
    assert passwords.password_problems(manage.temporary_password()) == []


def test_administrator_resets_unlocks_changes_role_and_closes(qtbot, monkeypatch, admin_window, office):
    at = datetime.now(UTC) - timedelta(days=30)
    for n in range(passwords.THROTTLE.lock_at):
        when = at + timedelta(days=n)
        with unit_of_work(office.store, None, clock=lambda when=when: when) as uow:
            sign_in(uow, username="li", password="wrong")
    dialog = _accounts(qtbot, admin_window)
    assert _rows(dialog)["li"].locked and manage.state_text(_rows(dialog)["li"]) == "Locked"
    dialog.select_username("li")
    assert dialog.unlock_button.isEnabled()
    dialog._on_unlock()
    wait_jobs(qtbot, admin_window)
    assert not _rows(dialog)["li"].locked
    monkeypatch.setattr(manage.ResetPasswordDialog, "exec", lambda self: 1)
    dialog.select_username("li")
    dialog._on_reset()
    wait_jobs(qtbot, admin_window)
    assert _rows(dialog)["li"].must_change_password

    def role(self):
        self.role.setCurrentIndex(self.role.findData("union_admin"))
        return 1

    monkeypatch.setattr(manage.RoleDialog, "exec", role)
    dialog.select_username("li")
    dialog._on_role()
    wait_jobs(qtbot, admin_window)
    assert _rows(dialog)["li"].role == "union_admin"
    dialog.select_username("li")
    dialog._on_close_account()
    wait_jobs(qtbot, admin_window)
    assert not _rows(dialog)["li"].active and list(_rows(dialog))[-1] == "li"
    dialog.select_username("li")
    assert dialog.close_button.text() == "Reopen account"
    dialog._on_close_account()
    wait_jobs(qtbot, admin_window)
    assert _rows(dialog)["li"].active


def test_own_row_offers_no_change_the_services_refuse(qtbot, admin_window):
    dialog = _accounts(qtbot, admin_window)
    dialog.select_username("root")
    for button in (dialog.reset_button, dialog.role_button, dialog.close_button, dialog.unlock_button):
        assert not button.isEnabled()
    assert "your own account" in dialog.own_note.text()


def test_only_the_administrator_has_the_accounts_menu_entry(qtbot, monkeypatch, office):
    _answer_sign_in(monkeypatch, "li")
    win = _window(qtbot, office)
    assert not win.session.accounts_action.isVisible()
    file_menu = win.menuBar().actions()[0].menu()
    assert win.session.accounts_action in file_menu.actions()  # present but hidden
    _answer_sign_in(monkeypatch, "root")
    win.session.switch_user()
    assert win.session.accounts_action.isVisible()
    win.ops.wait_idle()


def test_only_accounts_that_can_sign_in_are_offered(qtbot, office):
    add_account(office.store, username="nopw", role=Role.MATCHMAKER, display_name="无密码")  # e.g. synthetic
    dialog = SignInDialog(office)
    qtbot.addWidget(dialog)
    offered = {dialog.account.itemData(i) for i in range(dialog.account.count())}
    assert offered == {"root", "li", "door", "zhou"}


def test_accounts_are_listed_in_pinyin_order_open_ones_first(qtbot, admin_window, office):
    dialog = _accounts(qtbot, admin_window)
    names = [r.display_name for r in dialog.model.rows]
    # 本机管理员 (ben), 李红娘 (li), 门岗小赵 (men), 周负责人 (zhou)
    assert names == ["本机管理员", "李红娘", "门岗小赵", "周负责人"]
    signin = SignInDialog(office)
    qtbot.addWidget(signin)
    assert [signin.account.itemData(i) for i in range(signin.account.count())] == ["root", "li", "door", "zhou"]
