"""Who is working in the main window: sign in at start, switch user, sign out, change one's own
password (forced at the first sign-in after an administrator set it), the screen lock (lock.py)
and the accounts screen.

The window gives a `reset_for_actor()` hook: it drops every screen built for the previous person
(nothing of theirs stays on screen), applies the new person's access and opens their first screen.
Before that, switching user or signing out asks what to do with changes not saved yet (save,
discard, or go back to them).

On a computer connected to a union server the accounts are the server's: the accounts screen
shows them read-only to everyone signed in, and a password is changed on the server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from xzdesk.domain.errors import PermissionDenied
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.staff.service import accounts_managed_by_server, get_staff
from xzdesk.ui.accounts.lock import ScreenLock, unsaved_editors
from xzdesk.ui.accounts.sign_in import ChangePasswordDialog, SignInDialog
from xzdesk.ui.messages import describe
from xzdesk.ui.ops import peek

if TYPE_CHECKING:
    from xzdesk.ui.main_window import MainWindow


class SessionController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx, self.ops = window.ctx, window.ops
        self.switch_action = QAction(self.tr("Switch user…"), window)
        self.switch_action.setObjectName("switch_user")
        self.switch_action.triggered.connect(self.switch_user)
        self.sign_out_action = QAction(self.tr("Sign out"), window)
        self.sign_out_action.setObjectName("sign_out")
        self.sign_out_action.triggered.connect(self.sign_out)
        self.password_action = QAction(self.tr("Change password…"), window)
        self.password_action.setObjectName("change_password")
        self.password_action.triggered.connect(lambda: self.change_password(forced=False))
        self.accounts_action = QAction(self.tr("Accounts…"), window)
        self.accounts_action.setObjectName("accounts")
        self.accounts_action.triggered.connect(self.open_accounts)
        self.screen_lock = ScreenLock(window)
        self.idle_action = self.screen_lock.idle_menu.menuAction()
        self.refresh()

    def actions(self) -> list[QAction]:
        return [self.switch_action, self.sign_out_action, self.password_action, self.accounts_action,
                self.screen_lock.lock_action, self.idle_action]  # fmt: skip

    def refresh(self) -> None:
        actor = self.ctx.actor
        self.sign_out_action.setEnabled(actor is not None)
        self.password_action.setEnabled(actor is not None)
        from_server = peek(self.ctx, accounts_managed_by_server)
        # an enrolled computer shows the server's accounts read-only to everyone signed in
        self.accounts_action.setVisible(bool(actor and (from_server or actor.can(Permission.STAFF_MANAGE))))
        self.screen_lock.refresh()

    def _username(self) -> str | None:
        if self.ctx.actor is None:
            return None
        return self.ops.peek(get_staff, self.ctx.actor.staff_id).username

    # --- sign in ------------------------------------------------------------------------------
    def start(self) -> bool:
        """At start: a database without an administrator gets one (wizard); a signed-out one asks
        who is working. False when the person gave up (the window then closes)."""
        QTimer.singleShot(0, self.screen_lock.start)  # the computer's own lock, where it can be heard
        if self.ctx.needs_first_account and not self.ctx.demo:
            from xzdesk.ui.accounts.first_run import first_run

            if first_run(self.ctx.home, existing=self.ctx) is None:
                return False
        elif self.ctx.actor is None:
            return self.sign_in(cancel_text=self.tr("Quit xzdesk"))
        self._after_sign_in()
        actor = self.ctx.actor
        if actor is not None and actor.can(Permission.STAFF_MANAGE) and len(self.ctx.staff()) == 1:
            QTimer.singleShot(0, self.open_accounts)  # a new computer: the administrator's first job
        return True

    def sign_in(self, *, preselect: str | None = None, title: str | None = None, cancel_text: str | None = None) -> bool:
        dialog = SignInDialog(self.ctx, self.window, preselect=preselect, title=title, cancel_text=cancel_text)
        if not dialog.exec():
            return False
        if self.ctx.must_change_password and not self.change_password(forced=True):
            self.ctx.sign_out()
            self._after_sign_in()
            return self.sign_in(cancel_text=cancel_text)
        self._after_sign_in()
        return True

    def _after_sign_in(self) -> None:
        self.refresh()
        self.window.reset_for_actor()

    def switch_user(self) -> None:
        """Sign in as someone else; the current account is preselected. Unsaved changes are
        settled first (save, discard or go back); cancel keeps the current person working."""
        if not self.settle_unsaved(self.tr("Switch user")):
            return
        self.ops.wait_idle()
        self.sign_in(preselect=self._username(), title=self.tr("Switch user"))

    def settle_unsaved(self, title: str) -> bool:
        """Before the screens are dropped: when a form holds unsaved changes, ask to save them,
        discard them, or go back. True to go on (saved, discarded or none)."""
        editors = list(unsaved_editors(self.window))
        if not editors:
            return True
        where = self.tr(", ").join(sorted({name for name, _w in editors}))
        box = QMessageBox(QMessageBox.Icon.Question, title, self.tr(
            "There are unsaved changes in: {where}. Save them first?").format(where=where),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self.window)  # fmt: skip
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Discard:
            return True
        if answer != QMessageBox.StandardButton.Save:
            return False
        for _name, editor in editors:
            editor.save_button.click()  # type: ignore[attr-defined]  (a form that cannot save keeps its button off)
        self.ops.wait_idle()
        while self.ops.busy:  # the saves' results reach their forms
            QCoreApplication.processEvents()
        return not any(True for _e in unsaved_editors(self.window))  # a refused save keeps the person here

    def sign_out(self) -> None:
        """Nobody works until the next sign-in; giving up the sign-in closes xzdesk."""
        if self.ctx.actor is not None and not self.settle_unsaved(self.tr("Sign out")):
            return
        username = self._username()
        self.ops.wait_idle()
        self.ctx.sign_out()
        self._after_sign_in()
        if not self.sign_in(preselect=username, cancel_text=self.tr("Quit xzdesk")):
            self.window.close()

    # --- passwords and accounts ---------------------------------------------------------------
    def change_password(self, *, forced: bool) -> bool:
        from_server = peek(self.ctx, accounts_managed_by_server)
        if from_server:  # the password is the union server's
            QMessageBox.information(self.window, self.tr("Change password"),
                                    describe(PermissionDenied("staff.managed_by_server")))  # fmt: skip
            return False
        return bool(ChangePasswordDialog(self.ctx, self.ops, self.window, forced=forced).exec())

    def open_accounts(self) -> None:
        from xzdesk.ui.accounts.manage import AccountsDialog

        AccountsDialog(self.ctx, self.ops, self.window).exec()
