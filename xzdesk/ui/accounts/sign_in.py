"""Sign in (at start, after signing out, to switch user) and change one's own password."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import DEMO_PASSWORD, AppContext
from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.staff.service import StaffAccountRow, change_own_password, list_accounts
from xzdesk.ui import labels
from xzdesk.ui.accounts import messages as _messages  # noqa: F401 - registers the area's texts
from xzdesk.ui.accounts.fields import by_name
from xzdesk.ui.accounts.strength import NewPasswordFields
from xzdesk.ui.messages import describe, describe_all
from xzdesk.ui.ops import Ops, peek

ERROR_STYLE = "color: #c62828;"
WARN_WHEN_TRIES_LEFT = 3  # say how many tries are left before the account locks


def _can_sign_in(ctx: AppContext) -> list[StaffAccountRow]:
    """The accounts that can sign in on this computer: open, with a password (an account without
    one, e.g. arrived from the server, is given one by the administrator under 账号管理)."""
    return by_name(a for a in peek(ctx, list_accounts) if a.active and a.has_password)


class RefusalLine(QObject):
    """Says a sign-in refusal in words under a password field: wrong password (and how many tries
    are left when few), wait N seconds (counted down on `button`, disabled meanwhile), locked.
    Shared by the sign-in dialog and the lock screen."""

    def __init__(self, status: QLabel, button: QPushButton, button_text: str, parent: QObject) -> None:
        super().__init__(parent)
        self.status, self.button, self.button_text = status, button, button_text
        self.wait_left = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

    @property
    def waiting(self) -> bool:
        return self.wait_left > 0

    def show(self, exc: XzError) -> None:
        text = describe(exc)
        remaining = int(exc.params.get("remaining", 0) or 0)
        if exc.code == "staff.wrong_password" and 0 < remaining <= WARN_WHEN_TRIES_LEFT:
            text = self._then(text, self.tr("After {n} more wrong passwords the account locks.").format(n=remaining))
        wait = int(exc.params.get("retry_after", 0) or 0)
        if wait > 0 and exc.code != "staff.throttled":
            text = self._then(text, describe(XzError("staff.throttled", retry_after=wait)))
        self.status.setText(text)
        if wait > 0:
            self.wait_left = wait
            self.tick(first=True)
            self._timer.start()

    def _then(self, first: str, second: str) -> str:
        """Two sentences in a row (no space between Chinese sentences)."""
        return self.tr("{first} {second}").format(first=first, second=second)

    def tick(self, first: bool = False) -> None:
        if not first:
            self.wait_left -= 1
        if self.wait_left <= 0:
            self._timer.stop()
            self.button.setEnabled(True)
            self.button.setText(self.button_text)
            self.status.setText(self.tr("You can try again now."))
            return
        self.button.setEnabled(False)
        self.button.setText(self.tr("Wait {seconds} s").format(seconds=self.wait_left))


class SignInDialog(QDialog):
    """Choose your account and type your password. Refusals are said in words under the
    password: wrong password (and how many tries are left when few), wait N seconds (counted
    down, the button disabled meanwhile), locked (an administrator unlocks)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, preselect: str | None = None,
                 title: str | None = None, cancel_text: str | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title or self.tr("Sign in"))
        self.account = QComboBox()
        self.account.setObjectName("account")
        wanted = (preselect or ctx.settings.last_username or "").lower()
        for s in _can_sign_in(ctx):
            scope = labels.district(s.district_code) if s.district_code else self.tr("city-wide")
            self.account.addItem(f"{s.display_name}（{s.username}）· {labels.role(s.role)} · {scope}", s.username)
            if s.username == wanted:
                self.account.setCurrentIndex(self.account.count() - 1)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMinimumWidth(320)
        self.status = QLabel()
        self.status.setObjectName("sign_in_status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text or self.tr("Cancel"))
        self.buttons.accepted.connect(self._on_sign_in)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Password"), self.password)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Everyone works under their own account, so the audit log shows who did what."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        if ctx.demo:
            demo = QLabel(self.tr("Demo database: every demo account's password is {password}").format(
                password=DEMO_PASSWORD))  # fmt: skip
            demo.setObjectName("demo_hint")
            demo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            demo.setStyleSheet("color: #555;")
            layout.addWidget(demo)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.refusal = RefusalLine(self.status, self.ok_button, self.tr("Sign in"), self)
        self.password.setFocus()

    def _on_sign_in(self) -> None:
        if self.refusal.waiting:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.ctx.sign_in(self.account.currentData() or "", self.password.text())
        except XzError as exc:
            self.password.clear()
            self.refusal.show(exc)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()


class ChangePasswordDialog(QDialog):
    """Change one's own password (the current one is checked). `forced`: the administrator set
    it, so it must be changed before working; cancelling then signs out (the caller does)."""

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None, *, forced: bool = False) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.setWindowTitle(self.tr("Change password"))
        self.old = QLineEdit()
        self.old.setObjectName("old_password")
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.new = NewPasswordFields(kind="password")
        actor = ctx.actor
        if actor is not None:
            self.new.set_personal(ctx.settings.last_username or "", actor.display_name)
        self.status = QLabel()
        self.status.setObjectName("change_status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Change password"))
        if forced:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Sign out"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.new.sig_changed.connect(lambda: self.ok_button.setEnabled(self.new.is_acceptable()))
        self.ok_button.setEnabled(False)
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel(self.tr("Your password was set by the administrator. Choose your own password now: "
                                  "only you should know it."))  # fmt: skip
            note.setObjectName("forced_note")
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.old)
        layout.addLayout(form)
        layout.addWidget(self.new)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _on_ok(self) -> None:
        old, new = self.old.text(), self.new.text()
        self.ok_button.setEnabled(False)
        self.ops.run(lambda uow, _p, _c: change_own_password(uow, old_password=old, new_password=new),
                     on_done=self._on_done, on_error=self._on_error, title=self.tr("Saving"), parent=self)  # fmt: skip

    def _on_done(self, _result: object) -> None:
        self.ctx.must_change_password = False
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(self.new.is_acceptable())
        if isinstance(exc, ValidationError) and exc.for_field("old_password"):
            self.status.setText(self.tr("The current password is wrong."))
            self.old.clear()
            self.old.setFocus()
        elif isinstance(exc, XzError):
            self.status.setText(describe_all(exc))
        else:
            raise exc
