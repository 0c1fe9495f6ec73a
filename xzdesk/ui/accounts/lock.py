"""The screen lock (锁屏): after an idle time, when the computer's session locks, or on demand
(File → Lock screen, Ctrl+L), the person's work is covered until they type their password again.

Nothing is lost: the lock is a blank cover over every open window of xzdesk (the main window and
any dialog, message or progress window shown before or during the lock) plus a small modal
"Screen locked" window on top. The screens stay as they were underneath, with their widgets, the
text typed into them and the focus; long jobs go on running. Only the signed-in person's password
unlocks (the same checks, throttle and lock as signing in, `staff.service.unlock_screen`);
"Switch user…" first says which unsaved changes only the locked person could save and that
switching discards them, then asks who is signing in (cancel: still locked). Every lock, unlock,
refused password, throttled attempt and account lock is in the audit log.

Idle time is keyboard and mouse input anywhere in xzdesk (an application event filter); the limit
is the settings' `idle_lock_minutes` (`Settings.idle_lock_after`: 1-60 minutes, default 10; never
only on the demo database). Tests inject the clock and call `IdleWatcher.check()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import DEMO_PASSWORD
from xzdesk.config import IDLE_LOCK_CHOICES
from xzdesk.domain.errors import XzError
from xzdesk.domain.staff.service import get_staff, record_screen_locked, unlock_screen
from xzdesk.ui.accounts.os_lock import OsLockMonitor
from xzdesk.ui.accounts.sign_in import ERROR_STYLE, RefusalLine
from xzdesk.ui.messages import describe
from xzdesk.ui.ops import peek

if TYPE_CHECKING:
    from xzdesk.ui.main_window import MainWindow

IDLE_CHECK_MS = 5000
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})  # fmt: skip
_BLOCKED_WHILE_LOCKED = _INPUT_EVENTS | {
    QEvent.Type.KeyRelease, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride, QEvent.Type.InputMethod, QEvent.Type.ContextMenu,
}  # fmt: skip


class IdleWatcher(QObject):
    """Notes the time of the last keyboard or mouse input anywhere in the application and emits
    `sig_idle` once the limit has passed without any (checked every IDLE_CHECK_MS)."""

    sig_idle = Signal()

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self.limit_s: float | None = None
        self.last = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(IDLE_CHECK_MS)
        self._timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_limit(self, seconds: float | None) -> None:
        """Lock after `seconds` without input; None: never."""
        self.limit_s = seconds
        self.touch()
        if seconds is None:
            self._timer.stop()
        else:
            self._timer.start()

    def touch(self) -> None:
        self.last = self.clock()

    def idle_for(self) -> float:
        return self.clock() - self.last

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.last = self.clock()
        return False

    def check(self) -> None:
        if self.limit_s is not None and self.idle_for() >= self.limit_s:
            self.sig_idle.emit()


class LockCover(QWidget):
    """A blank sheet over one window while the screen is locked: nothing of the window shows,
    and its widgets (and the text typed into them) stay as they are underneath."""

    def __init__(self, window: QWidget, text: str) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#lock_cover { background: #37474f; } QLabel { color: #eceff1; font-size: 18px; }")
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 48, 24, 24)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        elif event.type() == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self._raise_if_alive)  # a widget added to the window stays under the cover
        return False

    def _raise_if_alive(self) -> None:
        if shiboken6.isValid(self):
            self.raise_()

    def remove(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.setParent(None)
        self.deleteLater()


class LockSheet(QDialog):
    """The "Screen locked" window: whose work it is, why it locked, their password, Unlock and
    Switch user. Escape and the close button do nothing: only a password opens it."""

    sig_unlocked = Signal()
    sig_switch = Signal()

    def __init__(self, ctx: Any, ops: Any, parent: QWidget, *, reason: str, idle_minutes: int | None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.checking = False
        self.setObjectName("lock_sheet")
        self.setWindowTitle(self.tr("Screen locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.releasing = False
        actor = ctx.actor
        username = peek(ctx, get_staff, actor.staff_id).username
        heading = QLabel(self.tr("Screen locked"))
        heading.setStyleSheet("font-size: 18px; font-weight: bold;")
        who = QLabel(self.tr("{name} ({username}) is signed in.").format(name=actor.display_name, username=username))
        who.setObjectName("lock_who")
        who.setStyleSheet("font-size: 15px;")
        why = QLabel(self._reason_text(reason, idle_minutes))
        why.setObjectName("lock_reason")
        why.setWordWrap(True)
        kept = QLabel(self.tr("Everything on the screens stays as it was, unsaved changes included. Type your "
                              "password to go on."))  # fmt: skip
        kept.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("lock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMinimumWidth(300)
        self.password.returnPressed.connect(self._on_unlock)
        self.status = QLabel()
        self.status.setObjectName("lock_status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(ERROR_STYLE)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.switch_button = QPushButton(self.tr("Switch user…"))
        self.switch_button.setObjectName("lock_switch_user")
        self.switch_button.setAutoDefault(False)
        self.switch_button.clicked.connect(self.sig_switch.emit)
        self.refusal = RefusalLine(self.status, self.unlock_button, self.tr("Unlock"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        for widget in (heading, who, why, kept, self.password):
            layout.addWidget(widget)
        if ctx.demo:
            demo = QLabel(self.tr("Demo database: every demo account's password is {password}").format(
                password=DEMO_PASSWORD))  # fmt: skip
            demo.setStyleSheet("color: #555;")
            layout.addWidget(demo)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMaximumWidth(520)

    def _reason_text(self, reason: str, idle_minutes: int | None) -> str:
        if reason == "idle" and idle_minutes:
            return self.tr("Locked after {minutes} minutes without use.").format(minutes=idle_minutes)
        if reason == "os":
            return self.tr("Locked because this computer was locked.")
        return self.tr("Locked on request (File → Lock screen, Ctrl+L).")

    def _on_unlock(self) -> None:
        """Check the password on the writer thread (after the lock's own audit entry, in order);
        the window stays responsive meanwhile."""
        if self.refusal.waiting or self.checking:
            return
        password = self.password.text()
        self.password.clear()
        self.checking = True
        self.unlock_button.setEnabled(False)
        self.ops.run(lambda uow, _p, _c: unlock_screen(uow, password=password), on_done=self._on_checked,
                     on_error=self._on_check_failed)  # fmt: skip

    def _on_checked(self, result: Any) -> None:
        self.checking = False
        self.unlock_button.setEnabled(True)
        if not result.ok:
            self.refusal.show(result.error())
            self.password.setFocus()
            return
        self.sig_unlocked.emit()

    def _on_check_failed(self, exc: BaseException) -> None:
        self.checking = False
        self.unlock_button.setEnabled(True)
        self.status.setText(describe(exc) if isinstance(exc, XzError) else str(type(exc).__name__))

    def reject(self) -> None:  # Escape: stays locked
        return

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.releasing:
            super().closeEvent(event)
        else:
            event.ignore()


def unsaved_editors(window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    """(screen title, editor) of every open editor holding changes not saved yet. An editor is a
    widget of a screen with `changes()` (what differs from the saved record) and a `save_button`
    (the case-file and event forms)."""
    from xzdesk.ui.main_window import PAGES

    titles = {spec.key: spec.title() for spec in PAGES}
    for key, page in list(window.pages.items()):
        for widget in (page, *page.findChildren(QWidget)):
            changes = getattr(widget, "changes", None)
            if callable(changes) and hasattr(widget, "save_button") and changes():
                yield titles.get(key, key), widget


class ScreenLock(QObject):
    """Locks and unlocks the main window's session (see the module docstring). Owned by the
    session controller; `start()` begins listening for the computer's own lock."""

    sig_locked = Signal(str)  # reason: idle | os | manual
    sig_unlocked = Signal()

    def __init__(self, window: MainWindow, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window, self.ctx = window, window.ctx
        self.sheet: LockSheet | None = None
        self.covers: list[LockCover] = []
        self._switching = False  # the sign-in of "Switch user" is open over the lock
        self._focus: QWidget | None = None
        self.idle = IdleWatcher(self, clock=clock)
        self.idle.sig_idle.connect(lambda: self.lock("idle"))
        self.os_monitor = OsLockMonitor(self)
        self.os_monitor.sig_os_locked.connect(lambda: self.lock("os"))
        self.lock_action = QAction(self.tr("Lock screen"), window)
        self.lock_action.setObjectName("lock_screen")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.lock("manual"))
        self.idle_menu = self._build_idle_menu(window)
        self.apply_settings()

    @property
    def locked(self) -> bool:
        return self.sheet is not None

    def start(self) -> list[str]:
        """Listen for the computer's own lock where the system offers it."""
        return self.os_monitor.start(self.window)

    def refresh(self) -> None:
        """The person working changed: the lock action is for a signed-in person only."""
        self.lock_action.setEnabled(self.ctx.actor is not None)

    # --- the idle limit -----------------------------------------------------------------------
    def _build_idle_menu(self, window: QWidget) -> QMenu:
        menu = QMenu(self.tr("Lock when idle"), window)
        menu.setObjectName("idle_lock_menu")
        group = QActionGroup(menu)
        choices: list[tuple[int, str]] = [(m, self.tr("After {minutes} minutes").format(minutes=m)) for m in IDLE_LOCK_CHOICES]
        choices.append((0, self.tr("Never (demo database only)")))
        current = self.ctx.settings.idle_lock_after(demo=self.ctx.demo) or 0
        for minutes, text in choices:
            action = QAction(text, menu, checkable=True)
            action.setData(minutes)
            action.setChecked(minutes == current)
            action.setEnabled(minutes != 0 or self.ctx.demo)
            action.triggered.connect(lambda _checked=False, m=minutes: self.set_idle_minutes(m))
            group.addAction(action)
            menu.addAction(action)
        return menu

    def set_idle_minutes(self, minutes: int) -> None:
        self.ctx.settings.idle_lock_minutes = minutes
        self.ctx.settings.save(self.ctx.home)
        self.apply_settings()

    def apply_settings(self) -> None:
        minutes = self.ctx.settings.idle_lock_after(demo=self.ctx.demo)
        self.idle.set_limit(None if minutes is None else minutes * 60)

    # --- locking ------------------------------------------------------------------------------
    def lock(self, reason: str) -> None:
        """Cover every window and ask for the password (nothing happens when nobody is signed in
        or the screen is locked already)."""
        if self.locked or self.ctx.actor is None:
            return
        self._focus = QApplication.focusWidget()
        if self._focus is not None:
            self._focus.clearFocus()  # nothing typed reaches the covered screens (modality also blocks it)
        self.sheet = LockSheet(self.ctx, self.window.ops, self.window, reason=reason,
                               idle_minutes=self.ctx.settings.idle_lock_after(demo=self.ctx.demo))  # fmt: skip
        self.sheet.sig_unlocked.connect(self._on_unlocked)
        self.sheet.sig_switch.connect(self._on_switch)
        for widget in QApplication.topLevelWidgets():
            self._cover(widget)
        QApplication.instance().installEventFilter(self)  # windows shown while locked are covered too
        self._show_sheet()
        self.ops_run(lambda uow, _p, _c: record_screen_locked(uow, reason=reason))
        self.sig_locked.emit(reason)

    def ops_run(self, fn: Callable[[Any, Any, Any], Any]) -> None:
        self.window.ops.run(fn)

    def _cover(self, widget: QWidget) -> None:
        self.covers = [c for c in self.covers if shiboken6.isValid(c)]  # a covered window may be gone
        if (not widget.isVisible() or widget is self.sheet or isinstance(widget, LockCover | QMenu)
                or widget.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup)
                or any(c.parentWidget() is widget for c in self.covers)):  # fmt: skip
            return
        self.covers.append(LockCover(widget, self.tr("xzdesk is locked")))

    def _show_sheet(self) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        sheet.show()
        sheet.raise_()
        sheet.activateWindow()
        sheet.password.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While locked: a window shown is covered, and input meant for anything but the lock
        window (or a dialog it opened) is dropped, whatever the window manager focuses."""
        kind = event.type()
        if (kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow() and not self._switching
                and self.sheet is not None and watched is not self.sheet and not self._inside_sheet(watched)):  # fmt: skip
            QTimer.singleShot(0, lambda w=watched: self._cover_late(w))
            return False
        if kind in _BLOCKED_WHILE_LOCKED and self.sheet is not None:
            allowed = QApplication.activeModalWidget() or self.sheet
            if not isinstance(watched, QWidget):
                return kind in (QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride)  # menu shortcuts of covered windows
            return not (watched is allowed or allowed.isAncestorOf(watched))
        return False

    def _inside_sheet(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self.sheet:
                return True
            parent = parent.parentWidget()
        return False

    def _cover_late(self, widget: QWidget) -> None:
        """A window that appeared while locked (a job's message, a progress window): covered,
        and the lock window is shown again on top of it."""
        if self.sheet is None or not shiboken6.isValid(self.sheet) or not shiboken6.isValid(widget):
            return
        self._cover(widget)
        self.sheet.hide()
        self._show_sheet()

    def _release(self) -> None:
        QApplication.instance().removeEventFilter(self)
        for cover in self.covers:
            if shiboken6.isValid(cover):
                cover.remove()
        self.covers = []
        sheet, self.sheet = self.sheet, None
        if sheet is not None:
            sheet.releasing = True
            sheet.close()
            sheet.deleteLater()
        self.idle.touch()

    def _on_unlocked(self) -> None:
        focus = self._focus
        self._release()
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.window().activateWindow()
            focus.setFocus()
        self.sig_unlocked.emit()

    # --- switching user from the lock -----------------------------------------------------------
    def _on_switch(self) -> None:
        """Someone else signs in: the locked person's unsaved changes are discarded (said first),
        cancel keeps the screen locked."""
        sheet = self.sheet
        if sheet is None or not self._discard_confirmed(sheet):
            return
        session = self.window.session
        self._switching = True  # its sign-in (and a forced password change) show above the lock
        try:
            signed_in = session.sign_in(title=self.tr("Switch user"), cancel_text=self.tr("Cancel"))
        finally:
            self._switching = False
        if signed_in:
            self._release()
            self.sig_unlocked.emit()
        elif self.ctx.actor is None:  # gave up changing a temporary password: signed out
            self._release()
            session.sign_out()

    def _discard_confirmed(self, parent: QWidget) -> bool:
        editors = list(unsaved_editors(self.window))
        if not editors:
            return True
        where = self.tr(", ").join(sorted({title for title, _w in editors}))
        answer = QMessageBox.question(parent, self.tr("Switch user"), self.tr(
            "{name} has unsaved changes in: {where}. Only they can save them, by unlocking with their password. "
            "Switching user discards these changes. Switch anyway?").format(
            name=self.ctx.actor.display_name, where=where))  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def close(self) -> None:
        """The window closes: let the lock go without unlocking anyone."""
        self._release()
