"""The screen lock in the real main window (pytest-qt, offscreen): idle time with an injected
clock, the computer's own lock through the adapter's signal and through real D-Bus signals on a
private bus, the typed text kept under the cover, the password of the same person, throttling,
switching user from the lock, and the audit trail."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget
from sqlalchemy import select

from tests.accounts import PASSWORD, add_account
from tests.ui.conftest import wait_jobs
from xzdesk.domain.errors import XzError
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.service import register_member
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff import passwords
from xzdesk.ui.accounts import os_lock
from xzdesk.ui.accounts.lock import LockCover, LockSheet
from xzdesk.ui.accounts.sign_in import SignInDialog
from xzdesk.ui.main_window import PAGES
from xzdesk.ui.messages import describe

TYPED = "Xuzhou First Hospital, not saved yet"  # typed key by key (QTest types ASCII only)


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(window):
    """The lock's idle clock, under the test's control."""
    c = Clock()
    window.session.screen_lock.idle.clock = c
    window.session.screen_lock.idle.touch()
    return c


def open_case_file(qtbot, window, ctx):
    with ctx.uow() as uow:
        info = register_member(uow, draft=MemberDraft(name="张三丰", id_number="320302197001010012",
                                                       mobile="13812345678", district_code="320302"))  # fmt: skip
    page = window.show_page("members")
    wait_jobs(qtbot, window)
    page.editor.load(info.id)
    qtbot.waitUntil(lambda: page.editor.info is not None and page.editor.info.id == info.id, timeout=5000)
    return page.editor


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, text)


def audit_actions(ctx) -> list[tuple[str, list[str]]]:
    with ctx.store.read() as s:
        return [(a.action, list(a.fields)) for a in s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()]


def sheet(window) -> LockSheet:
    lock = window.session.screen_lock
    assert lock.sheet is not None
    return lock.sheet


def covered(widget: QWidget) -> bool:
    return any(isinstance(c, LockCover) and c.isVisible() and c.geometry() == widget.rect()
               for c in widget.children())  # fmt: skip


def test_idle_lock_keeps_the_typed_text_and_only_the_password_unlocks(qtbot, window, ctx, clock):
    editor = open_case_file(qtbot, window, ctx)
    employer = editor.form.editors["employer"]
    type_into(qtbot, employer, TYPED)
    assert editor.changes()["employer"] == TYPED
    lock = window.session.screen_lock
    clock.t += 10 * 60 - 1
    lock.idle.check()
    assert not lock.locked  # the default ten minutes have not passed
    clock.t += 1
    lock.idle.check()
    assert lock.locked and sheet(window).isVisible() and covered(window)
    assert "10" in sheet(window).findChild(QWidget, "lock_reason").text()
    assert employer.text() == TYPED and not employer.hasFocus()  # kept, under the cover
    qtbot.keyClicks(employer, "zz")  # keys aimed at the covered form do not reach it
    assert employer.text() == TYPED
    s = sheet(window)
    s.password.setText("not-my-password")
    qtbot.mouseClick(s.unlock_button, Qt.MouseButton.LeftButton)
    wait_jobs(qtbot, window)
    assert lock.locked and s.status.text() == describe(XzError("staff.wrong_password"))
    qtbot.keyClick(s, Qt.Key.Key_Escape)
    assert lock.locked and s.isVisible()  # Escape does not open it
    s.password.setText(PASSWORD)
    qtbot.mouseClick(s.unlock_button, Qt.MouseButton.LeftButton)
    wait_jobs(qtbot, window)
    assert not lock.locked and not covered(window)
    assert employer.text() == TYPED and editor.changes()["employer"] == TYPED
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=3000)  # and can be saved
    wait_jobs(qtbot, window)
    actions = audit_actions(ctx)
    locked_at = actions.index(("staff.screen_locked", ["idle"]))
    assert actions[locked_at:][1:] == [("staff.sign_in_failed", ["password"]), ("staff.screen_unlocked", [])]


def test_the_computers_own_lock_locks_xzdesk(qtbot, window, ctx):
    lock = window.session.screen_lock
    lock.os_monitor.sig_os_locked.emit()
    assert lock.locked and "this computer was locked" in sheet(window).findChild(QWidget, "lock_reason").text()
    lock.os_monitor.sig_os_locked.emit()  # a second signal while locked changes nothing
    assert len([c for c in window.children() if isinstance(c, LockCover)]) == 1
    wait_jobs(qtbot, window)
    assert ("staff.screen_locked", ["os"]) in audit_actions(ctx)


def test_windows_open_or_shown_while_locked_are_covered(qtbot, window, ctx):
    before = QMessageBox(QMessageBox.Icon.Information, "x", "已有的窗口", parent=window)
    before.show()
    window.session.screen_lock.lock("manual")
    assert covered(before) and covered(window)
    during = QMessageBox(QMessageBox.Icon.Information, "y", "锁屏时弹出的窗口", parent=window)
    during.show()  # e.g. a job finishing while locked
    qtbot.waitUntil(lambda: covered(during), timeout=2000)
    assert sheet(window).isVisible()
    sheet(window).password.setText(PASSWORD)
    sheet(window)._on_unlock()
    wait_jobs(qtbot, window)
    assert not covered(before) and not covered(during) and before.isVisible()
    before.close()
    during.close()


def test_wrong_passwords_in_the_lock_are_throttled_and_lock_the_account(qtbot, window, ctx):
    lock = window.session.screen_lock
    lock.lock("manual")
    s = sheet(window)
    for _ in range(passwords.THROTTLE.free + 1):
        s.refusal.wait_left = 0
        s.password.setText("not-my-password")
        s._on_unlock()
        wait_jobs(qtbot, window)
    assert not s.unlock_button.isEnabled() and s.unlock_button.text().startswith("Wait ")
    s.refusal.wait_left = 0
    s.unlock_button.setEnabled(True)
    s.password.setText(PASSWORD)  # too soon: refused without checking, and audited
    s._on_unlock()
    wait_jobs(qtbot, window)
    assert lock.locked and "seconds" in s.status.text()
    assert ("staff.sign_in_failed", ["throttled"]) in audit_actions(ctx)


def test_switch_user_from_the_lock_says_what_is_discarded_and_cancel_stays_locked(qtbot, window, ctx, monkeypatch):
    add_account(ctx.store, username="li", role="matchmaker", display_name="李红娘", password=PASSWORD)
    editor = open_case_file(qtbot, window, ctx)
    type_into(qtbot, editor.form.editors["employer"], TYPED)
    lock = window.session.screen_lock
    lock.lock("manual")
    asked: list[str] = []

    def answer(reply):
        def question(_parent, _title, text, *a, **k):
            asked.append(text)
            return reply

        monkeypatch.setattr(QMessageBox, "question", question)

    answer(QMessageBox.StandardButton.No)
    sheet(window).switch_button.click()
    assert lock.locked and "王红娘" in asked[0] and PAGES[0].title() in asked[0]
    answer(QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(SignInDialog, "exec", lambda self: 0)  # the next person gives up
    sheet(window).switch_button.click()
    assert lock.locked and ctx.actor.display_name == "王红娘"

    def sign_in_as_li(self):
        self.setWindowModality(Qt.WindowModality.ApplicationModal)  # as exec() shows it
        self.show()
        qtbot.wait(50)
        assert not covered(self) and QApplication.activeModalWidget() is self  # usable above the lock
        self.account.setCurrentIndex(self.account.findData("li"))
        self.password.setText(PASSWORD)
        self._on_sign_in()
        return self.result()

    monkeypatch.setattr(SignInDialog, "exec", sign_in_as_li)
    sheet(window).switch_button.click()
    assert not lock.locked and ctx.actor.display_name == "李红娘"
    page = window.page("members")
    assert not page.editor.changes()  # the screens were built again for 李红娘: nothing of the other
    wait_jobs(qtbot, window)


def test_switch_user_and_sign_out_ask_to_save_discard_or_go_back(qtbot, window, ctx, monkeypatch):
    editor = open_case_file(qtbot, window, ctx)
    type_into(qtbot, editor.form.editors["employer"], TYPED)
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=3000)
    opened: list[str] = []
    monkeypatch.setattr(SignInDialog, "exec", lambda self: opened.append("sign in") or 0)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Cancel)
    window.session.switch_user()
    assert opened == [] and editor.changes()["employer"] == TYPED  # back to the form
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Save)
    member_id = editor.info.id
    window.session.switch_user()
    assert opened == ["sign in"]  # saved first, then the sign-in
    with ctx.store.read() as s:
        assert s.get(Member, member_id).employer == TYPED
    type_into(qtbot, editor.form.editors["employer"], "Another employer")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=3000)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(SignInDialog, "exec", lambda self: 0)  # signing out: nobody signs in again
    window.session.sign_out()
    with ctx.store.read() as s:
        assert s.get(Member, member_id).employer == TYPED  # discarded, not saved


def test_idle_limit_choices_and_never_only_on_the_demo(qtbot, window, ctx):
    lock = window.session.screen_lock
    assert lock.idle.limit_s == 600
    never = next(a for a in lock.idle_menu.actions() if a.data() == 0)
    assert not never.isEnabled()
    five = next(a for a in lock.idle_menu.actions() if a.data() == 5)
    five.trigger()
    assert lock.idle.limit_s == 300 and ctx.settings.idle_lock_minutes == 5
    ctx.settings.idle_lock_minutes = 0  # a hand-edited settings file cannot turn it off
    lock.apply_settings()
    assert lock.idle.limit_s == 600
    assert ctx.settings.idle_lock_after(demo=True) is None


def test_nothing_to_lock_before_anyone_signs_in(qtbot, window, ctx):
    ctx.sign_out()
    window.session.screen_lock.lock("idle")
    assert not window.session.screen_lock.locked


# --- the adapters --------------------------------------------------------------------------------
def test_windows_session_lock_message_is_read_from_the_native_event():
    msg = os_lock._Msg(None, os_lock.WM_WTSSESSION_CHANGE, os_lock.WTS_SESSION_LOCK, 0)
    other = os_lock._Msg(None, os_lock.WM_WTSSESSION_CHANGE, 0x8, 0)  # unlock
    seen: list[int] = []
    event_filter = os_lock.WtsEventFilter(lambda: seen.append(1))
    assert event_filter.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(msg)) == (False, 0)
    event_filter.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(other))
    event_filter.nativeEventFilter(b"xcb_generic_event_t", ctypes.addressof(msg))
    assert seen == [1]


@pytest.fixture
def private_bus():
    """A D-Bus daemon of this test only (its address; stopped afterwards)."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("no dbus-daemon on this computer")
    out = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
                         capture_output=True, text=True, timeout=10, check=True)  # fmt: skip
    address, pid = out.stdout.split()[:2]
    yield address
    os.kill(int(pid), 15)


def test_real_dbus_signals_of_logind_and_the_screen_saver_lock(qtbot, window, private_bus):
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    listen = QDBusConnection.connectToBus(private_bus, "xzdesk-test-listen")
    desktop = QDBusConnection.connectToBus(private_bus, "xzdesk-test-desktop")
    assert desktop.registerService(os_lock.LOGIN1) and desktop.registerService("org.gnome.ScreenSaver")
    lock = window.session.screen_lock
    mine, other = "/org/freedesktop/login1/session/_3", "/org/freedesktop/login1/session/_9"
    assert lock.os_monitor.watch_login1(listen, mine) and lock.os_monitor.watch_screensaver(listen)

    def send(path: str, interface: str, name: str, args: list | None = None) -> None:
        message = QDBusMessage.createSignal(path, interface, name)
        if args is not None:
            message.setArguments(args)
        assert desktop.send(message)

    def unlock() -> None:
        sheet(window).password.setText(PASSWORD)
        sheet(window)._on_unlock()
        wait_jobs(qtbot, window)
        assert not lock.locked

    for path, interface, name, args in (
        (other, os_lock.LOGIN1_SESSION, "Lock", None),  # another person's session
        ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", [False]),
        ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", ["not a bool"]),
    ):  # fmt: skip
        send(path, interface, name, args)
    qtbot.wait(300)
    assert not lock.locked
    for path, interface, name, args in (
        (mine, os_lock.LOGIN1_SESSION, "Lock", None),
        (mine, os_lock.PROPERTIES, "PropertiesChanged", [os_lock.LOGIN1_SESSION, {"LockedHint": True}, ["IdleHint"]]),
        ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", [True]),
    ):  # fmt: skip
        send(path, interface, name, args)
        qtbot.waitUntil(lambda: lock.locked, timeout=3000)
        unlock()
    QDBusConnection.disconnectFromBus("xzdesk-test-listen")
    QDBusConnection.disconnectFromBus("xzdesk-test-desktop")


def test_no_bus_no_error(monkeypatch, qtbot):
    """Without any bus (a container, Windows without the API): nothing listens, nothing fails."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/xzdesk-test")
    monitor = os_lock.OsLockMonitor()
    assert monitor.start(QWidget()) == []

