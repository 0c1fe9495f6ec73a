"""Who is working in the main window: sign in at start, switch user, sign out, change one's own
password (forced at the first sign-in after an administrator set it), and the accounts screen.

The window gives a `reset_for_actor()` hook: it drops every screen built for the previous person
(nothing of theirs stays on screen), applies the new person's access and opens their first screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction

from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.staff.service import get_staff
from xzdesk.ui.accounts.sign_in import ChangePasswordDialog, SignInDialog

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
        self.refresh()

    def actions(self) -> list[QAction]:
        return [self.switch_action, self.sign_out_action, self.password_action, self.accounts_action]

    def refresh(self) -> None:
        actor = self.ctx.actor
        self.sign_out_action.setEnabled(actor is not None)
        self.password_action.setEnabled(actor is not None)
        self.accounts_action.setVisible(bool(actor and actor.can(Permission.STAFF_MANAGE)))

    def _username(self) -> str | None:
        if self.ctx.actor is None:
            return None
        return self.ops.peek(get_staff, self.ctx.actor.staff_id).username

    # --- sign in ------------------------------------------------------------------------------
    def start(self) -> bool:
        """At start: a database without an administrator gets one (wizard); a signed-out one asks
        who is working. False when the person gave up (the window then closes)."""
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
        """Sign in as someone else; the current account is preselected. Cancel keeps the current
        person working."""
        self.ops.wait_idle()
        self.sign_in(preselect=self._username(), title=self.tr("Switch user"))

    def sign_out(self) -> None:
        """Nobody works until the next sign-in; giving up the sign-in closes xzdesk."""
        username = self._username()
        self.ops.wait_idle()
        self.ctx.sign_out()
        self._after_sign_in()
        if not self.sign_in(preselect=username, cancel_text=self.tr("Quit xzdesk")):
            self.window.close()

    # --- passwords and accounts ---------------------------------------------------------------
    def change_password(self, *, forced: bool) -> bool:
        return bool(ChangePasswordDialog(self.ctx, self.ops, self.window, forced=forced).exec())

    def open_accounts(self) -> None:
        from xzdesk.ui.accounts.manage import AccountsDialog

        AccountsDialog(self.ctx, self.ops, self.window).exec()
