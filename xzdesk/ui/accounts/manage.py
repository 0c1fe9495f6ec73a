"""账号管理: the accounts screen (File → Accounts…).

On a computer of its own (not connected to a union server), the local administrator's screen
(staff.manage): every account of this computer with its role, district and sign-in state; it
creates accounts with a temporary password, resets passwords, unlocks, changes roles and closes
or reopens accounts, each through the staff services as one unit of work. The administrator's
own row offers none of the changes the services refuse for oneself.

On a computer connected to a union server the accounts are the server's: the screen lists the
accounts that can sign in here (this office's district and the city-wide ones, as the last sync
brought them) read-only for everyone signed in, says where they are managed, and offers only
Unlock (a lock after wrong passwords on this computer) to whoever has staff.manage.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.staff import passwords
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.staff.service import (
    StaffAccountRow,
    accounts_managed_by_server,
    assignable_roles,
    create_staff,
    deactivate_staff,
    grant_role,
    list_accounts,
    reopen_staff,
    reset_password,
    unlock_staff,
)
from xzdesk.ui import labels
from xzdesk.ui.accounts.fields import by_name, district_combo, role_combo
from xzdesk.ui.accounts.messages import account_problems, problem_texts
from xzdesk.ui.help.window import help_key
from xzdesk.ui.messages import show_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import Column, RowListModel, setup_table

_ALPHABET = "abcdefghjkmnpqrstuvwxyz"  # no i, l, o: read out or copied by hand without mistakes


def temporary_password() -> str:
    """A random password to hand over in person (changed at the first sign-in): `abcd-2345-efgh`."""
    def letters() -> str:
        return "".join(secrets.choice(_ALPHABET) for _ in range(4))

    return f"{letters()}-{secrets.randbelow(9000) + 1000}-{letters()}"


def state_text(row: StaffAccountRow) -> str:
    """An account's sign-in state in words (the most pressing first)."""
    if not row.active:
        return QCoreApplication.translate("Accounts", "Closed")
    if row.locked:
        return QCoreApplication.translate("Accounts", "Locked")
    if not row.has_password:
        return QCoreApplication.translate("Accounts", "No password yet")
    if row.must_change_password:
        return QCoreApplication.translate("Accounts", "Must change password")
    return QCoreApplication.translate("Accounts", "Active")


class AccountTableModel(RowListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[StaffAccountRow] = []
        self.columns = (
            Column("name", self.tr("Name"), lambda r: r.display_name),
            Column("username", self.tr("User name"), lambda r: r.username),
            Column("role", self.tr("Role"), lambda r: labels.role(r.role)),
            Column("district", self.tr("District"),
                   lambda r: labels.district(r.district_code) if r.district_code else self.tr("City-wide")),
            Column("state", self.tr("State"), state_text),
        )  # fmt: skip

    def row_foreground(self, r: StaffAccountRow) -> str | None:
        """A closed account greyed, a locked one red."""
        return "#888888" if not r.active else "#c62828" if r.locked else None


class _FormDialog(QDialog):
    """A small form with a problems line; OK only when `problems()` is empty."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)

    def problems(self) -> list[str]:
        return []

    def _recheck(self) -> None:
        texts = self.problems()
        self.problems_label.setText("\n".join(texts))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not texts)

    def _temporary_row(self) -> QLineEdit:
        """A temporary password field (shown in clear: it is handed over) with a 'new' button."""
        field = QLineEdit(temporary_password())
        field.setObjectName("temporary_password")
        again = QPushButton(self.tr("Make another"))
        again.clicked.connect(lambda: field.setText(temporary_password()))
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(again)
        self.form.addRow(self.tr("Temporary password"), row)
        note = QLabel(self.tr("Give it to the person yourself. They must change it when they first sign in."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.form.addRow("", note)
        field.textChanged.connect(self._recheck)
        return field


class NewAccountDialog(_FormDialog):
    def __init__(self, ctx: AppContext, taken: set[str], parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.taken = taken
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.display = QLineEdit()
        self.display.setObjectName("display_name")
        self.role = role_combo(assignable_roles(ctx.actor, for_self=False), "matchmaker")
        self.district = district_combo()
        self.form.addRow(self.tr("User name"), self.username)
        self.form.addRow(self.tr("Name shown"), self.display)
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow(self.tr("District"), self.district)
        self.password = self._temporary_row()
        for field in (self.username, self.display):
            field.textChanged.connect(self._recheck)
        self.setWindowTitle(self.tr("New account"))
        self._recheck()

    def values(self) -> dict[str, Any]:
        return {"username": self.username.text().strip().lower(), "display_name": self.display.text(),
                "role": self.role.currentData(), "district_code": self.district.currentData(),
                "password": self.password.text()}  # fmt: skip

    def problems(self) -> list[str]:
        v = self.values()
        return account_problems(v["username"], v["display_name"], role=v["role"], district_code=v["district_code"],
                                taken=self.taken, password=v["password"])  # fmt: skip


class ResetPasswordDialog(_FormDialog):
    def __init__(self, row: StaffAccountRow, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.row = row
        self.setWindowTitle(self.tr("Reset the password of {name}").format(name=row.display_name))
        if row.locked:
            self.form.addRow(QLabel(self.tr("This also unlocks the account.")))
        self.password = self._temporary_row()
        self._recheck()

    def problems(self) -> list[str]:
        return problem_texts(passwords.password_problems(self.password.text(), username=self.row.username,
                                                         display_name=self.row.display_name))  # fmt: skip


class RoleDialog(_FormDialog):
    def __init__(self, ctx: AppContext, row: StaffAccountRow, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Role of {name}").format(name=row.display_name))
        self.role = role_combo(assignable_roles(ctx.actor, for_self=False), row.role)
        self.district = district_combo(row.district_code)
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow(self.tr("District"), self.district)
        self._recheck()


class AccountsDialog(QDialog):
    """The accounts of this computer and what the administrator can do with each."""

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.from_server = ops.peek(accounts_managed_by_server)
        self.setWindowTitle(self.tr("Accounts"))
        self.model = AccountTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("accounts_table")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self._on_role())
        intro = QLabel(self.tr(
            "Everyone who works on this computer has an account of their own. New accounts get a temporary "
            "password that the person changes at the first sign-in. Nobody changes their own role."))  # fmt: skip
        if self.from_server:
            intro.setText(self.tr(
                "This computer is connected to the union server, and its accounts are the server's: the accounts of "
                "this office's district and the city-wide ones, as the last sync brought them. Accounts are created, "
                "changed, given new passwords and closed on the server (by the union's administrator); the changes "
                "apply here at the next sync. An account closed on the server can no longer sign in here."))  # fmt: skip
            intro.setObjectName("server_accounts_note")
        intro.setWordWrap(True)
        self.new_button = self._button("new_account", self.tr("New account…"), self._on_new)
        self.reset_button = self._button("reset_password", self.tr("Reset password…"), self._on_reset)
        self.unlock_button = self._button("unlock", self.tr("Unlock"), self._on_unlock)
        self.role_button = self._button("change_role", self.tr("Change role…"), self._on_role)
        self.close_button = self._button("close_account", self.tr("Close account"), self._on_close_account)
        self.own_note = QLabel()
        self.own_note.setObjectName("own_note")
        self.own_note.setWordWrap(True)
        self.own_note.setStyleSheet("color: #555;")
        manage = bool(ctx.actor and ctx.actor.can(Permission.STAFF_MANAGE))
        buttons = QHBoxLayout()
        for b in (self.new_button, self.reset_button, self.unlock_button, self.role_button, self.close_button):
            buttons.addWidget(b)
            b.setVisible(not self.from_server or (b is self.unlock_button and manage))
        buttons.addStretch(1)
        done = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        done.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.own_note)
        layout.addWidget(done)
        self.resize(820, 480)
        help_key(self, "accounts")
        self.refresh()

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def refresh(self, select_id: str | None = None) -> None:
        current = select_id or (self.selected().id if self.selected() else None)
        rows = self.ops.peek(list_accounts)
        if self.from_server:  # the union's other accounts cannot sign in here: not listed
            rows = [r for r in rows if r.has_password]
        self.model.set_rows(by_name(rows))
        for i, row in enumerate(self.model.rows):
            if row.id == current:
                self.table.selectRow(i)
        self._update_buttons()

    def selected(self) -> StaffAccountRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        own = bool(row and self.ctx.actor and row.id == self.ctx.actor.staff_id)
        other = bool(row) and not own
        manage = bool(self.ctx.actor and self.ctx.actor.can(Permission.STAFF_MANAGE))
        self.reset_button.setEnabled(other and bool(row and row.active))
        self.unlock_button.setEnabled(manage and other and bool(row and row.locked))
        self.role_button.setEnabled(other and bool(row and row.active))
        self.close_button.setEnabled(other)
        self.close_button.setText(self.tr("Reopen account") if row and not row.active else self.tr("Close account"))
        if self.from_server:
            self.own_note.setText(self.tr("This is your own account. Your password and role are changed on the union "
                                          "server.") if own else "")  # fmt: skip
            return
        self.own_note.setText(self.tr(
            "This is your own account: change your password under File → Change password. Your role can only be "
            "changed by another administrator.") if own else "")  # fmt: skip

    # --- actions ---------------------------------------------------------------------------------
    def _run(self, fn: Callable[[Any], Any], done: str, staff_id: str | None = None) -> None:
        def finished(result: Any) -> None:
            new_id = getattr(result, "id", None) or staff_id
            self.refresh(new_id)
            if done:
                QMessageBox.information(self, self.windowTitle(), done)

        self.ops.run(lambda uow, _p, _c: fn(uow), on_done=finished, on_error=lambda e: show_error(self, e),
                     title=self.tr("Saving"), parent=self)  # fmt: skip

    def _on_new(self) -> None:
        dialog = NewAccountDialog(self.ctx, {r.username for r in self.model.rows}, self)
        if not dialog.exec():
            return
        v = dialog.values()
        self._run(lambda uow: create_staff(uow, **v), self.tr(
            "The account {username} was created. Give the temporary password to the person yourself: {password}"
        ).format(username=v["username"], password=v["password"]))  # fmt: skip

    def _on_reset(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = ResetPasswordDialog(row, self)
        if not dialog.exec():
            return
        password = dialog.password.text()
        self._run(lambda uow: reset_password(uow, staff_id=row.id, new_password=password), self.tr(
            "The password of {name} was reset. Give the temporary password to the person yourself: {password}"
        ).format(name=row.display_name, password=password), row.id)  # fmt: skip

    def _on_unlock(self) -> None:
        row = self.selected()
        if row is not None and row.locked:
            self._run(lambda uow: unlock_staff(uow, staff_id=row.id), "", row.id)

    def _on_role(self) -> None:
        row = self.selected()
        if row is None or self.from_server or not self.role_button.isEnabled():
            return
        dialog = RoleDialog(self.ctx, row, self)
        if not dialog.exec():
            return
        role, district = dialog.role.currentData(), dialog.district.currentData()
        self._run(lambda uow: grant_role(uow, staff_id=row.id, role=role, district_code=district), "", row.id)

    def _on_close_account(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not row.active:
            self._run(lambda uow: reopen_staff(uow, staff_id=row.id), "", row.id)
            return
        answer = QMessageBox.question(self, self.windowTitle(), self.tr(
            "Close the account of {name}? They can no longer sign in on this computer. Their past work and the "
            "audit log keep their name. You can reopen the account later.").format(name=row.display_name))  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda uow: deactivate_staff(uow, staff_id=row.id), "", row.id)

    def select_username(self, username: str) -> None:
        for i, row in enumerate(self.model.rows):
            if row.username == username:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0, QModelIndex()))
