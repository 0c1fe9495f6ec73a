"""The first-run wizard of a new (non-demo) database.

Pages: welcome (what xzdesk keeps and where) → the database passphrase (only when this computer
has no secure keyring) → the local administrator → optionally the installer's own working
account. The wizard only collects and checks; nothing is written until Finish, and then
everything is made in one go (`AppContext.create_new`, or `set_up_accounts` for an existing
database that has no administrator yet), so Cancel anywhere leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from xzdesk.domain.errors import XzError
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import NewAccount, assignable_roles, list_accounts
from xzdesk.domain.uow import ActorInfo
from xzdesk.ui.accounts.fields import district_combo, role_combo
from xzdesk.ui.accounts.messages import account_problems
from xzdesk.ui.accounts.strength import NewPasswordFields
from xzdesk.ui.help.window import help_key
from xzdesk.ui.messages import describe, show_error
from xzdesk.ui.ops import peek
from xzdesk.ui.waiting import run_off_thread

if TYPE_CHECKING:
    from xzdesk.app_context import AppContext

PROBLEM_STYLE = "color: #c62828;"


@dataclass(frozen=True)
class FirstRunPlan:
    """What the wizard collected: made in one go after Finish."""

    passphrase: str | None
    admin: NewAccount
    own: NewAccount | None


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _problem_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(PROBLEM_STYLE)
    return label


class WelcomePage(QWizardPage):
    def __init__(self, data_folder: Path, *, with_passphrase: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to the Xuzhou Union Matchmaker workbench"))
        layout = QVBoxLayout(self)
        layout.addWidget(_note(self.tr(
            "xzdesk keeps the members' case files, events, check-ins and introductions of your office on "
            "this computer. Everything is stored in one encrypted database file; nothing is sent anywhere "
            "until you connect to the union server under 同步 (Sync).")))  # fmt: skip
        where = _note(self.tr("The data folder of this computer:\n{folder}").format(folder=str(data_folder)))
        where.setObjectName("data_folder")
        where.setStyleSheet("background: #f3f6fa; padding: 6px;")
        layout.addWidget(where)
        steps = [self.tr("Setting up takes three short steps:")]
        if with_passphrase:
            steps.append(self.tr("• a passphrase that locks the database file on this computer;"))
        steps.append(self.tr("• the administrator account, which creates everyone else's accounts;"))
        steps.append(self.tr("• if you also work with the case files, your own working account."))
        if not with_passphrase:
            steps[0] = self.tr("Setting up takes two short steps:")
        layout.addWidget(_note("\n".join(steps)))
        layout.addWidget(_note(self.tr("Nothing is saved until you press Create on the last page.")))
        layout.addStretch(1)


class PassphrasePage(QWizardPage):
    """Only when the computer has no secure keyring to keep the database key in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Database passphrase"))
        self.setSubTitle(self.tr("This computer has no secure keyring, so the database is locked with a passphrase."))
        layout = QVBoxLayout(self)
        layout.addWidget(_note(self.tr(
            "The passphrase encrypts the case files stored on this computer. It is asked for every time "
            "xzdesk starts. It is never written anywhere.")))  # fmt: skip
        warning = _note(self.tr(
            "If the passphrase is lost, the data on this computer cannot be recovered by anyone — not by "
            "the union, not by the developers. Write it down and keep it in a locked place."))  # fmt: skip
        warning.setStyleSheet("background: #fff4e5; border: 1px solid #f0c36d; padding: 6px;")
        layout.addWidget(warning)
        self.fields = NewPasswordFields(kind="passphrase")
        self.fields.sig_changed.connect(self.completeChanged)
        layout.addWidget(self.fields)
        self.understood = QCheckBox(self.tr("I understand: a lost passphrase means lost data."))
        self.understood.setObjectName("understood")
        self.understood.toggled.connect(self.completeChanged)
        layout.addWidget(self.understood)
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return self.fields.is_acceptable() and self.understood.isChecked()


class _AccountForm(QWidget):
    """User name, display name and a new password, checked as they are typed."""

    def __init__(self, *, taken: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taken = taken
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setMaxLength(32)
        self.username.setPlaceholderText(self.tr("e.g. wangfang (letters, digits, . - _)"))
        self.display = QLineEdit()
        self.display.setObjectName("display_name")
        self.display.setMaxLength(64)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tr("User name"), self.username)
        self.form.addRow(self.tr("Name shown"), self.display)
        self.password = NewPasswordFields(kind="password", form=self.form, parent=self)
        for field in (self.username, self.display):
            field.textChanged.connect(self._on_names_changed)

    def _on_names_changed(self) -> None:
        self.password.set_personal(self.username.text().strip().lower(), self.display.text().strip())

    def account(self, role: Role | str = Role.ADMIN, district_code: str | None = None) -> NewAccount:
        return NewAccount(self.username.text().strip().lower(), " ".join(self.display.text().split()),
                          self.password.text(), role, district_code)  # fmt: skip

    def name_problems(self, role: Role | str = Role.ADMIN) -> list[str]:
        """Problems of the user name and display name (the password has its own verdict)."""
        account = self.account(role)
        return account_problems(account.username, account.display_name, role=str(role), district_code=None,
                                taken=self.taken)  # fmt: skip


class AdminPage(QWizardPage):
    def __init__(self, *, taken: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The administrator of this computer"))
        self.setSubTitle(self.tr("The first account is the local administrator."))
        layout = QVBoxLayout(self)
        layout.addWidget(_note(self.tr(
            "The administrator creates the accounts of everyone who works on this computer, gives them "
            "their roles, resets forgotten passwords and unlocks locked accounts. The administrator account "
            "does nothing else: it cannot open case files. Usually the office head or the person who "
            "installs xzdesk holds it.")))  # fmt: skip
        self.form = _AccountForm(taken=taken)
        self.form.username.setText("admin")
        self.form.display.setText(self.tr("Administrator"))
        layout.addWidget(self.form)
        self.problems = _problem_label("admin_problems")
        layout.addWidget(self.problems)
        layout.addStretch(1)
        for signal in (self.form.username.textChanged, self.form.display.textChanged, self.form.password.sig_changed):
            signal.connect(self._on_changed)
        self._on_changed()
        self._on_changed()

    def _on_changed(self) -> None:
        self.problems.setText("\n".join(self.form.name_problems()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.form.name_problems() and self.form.password.is_acceptable()


class OwnAccountPage(QWizardPage):
    """Optional: the installer's own working account (never a role nobody may give themselves)."""

    def __init__(self, admin_page: AdminPage, *, taken: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.admin_page = admin_page
        self.setTitle(self.tr("Your own working account"))
        self.setSubTitle(self.tr("Optional: if you also work with case files, events or check-in."))
        layout = QVBoxLayout(self)
        layout.addWidget(_note(self.tr(
            "Everyone signs in with an account of their own, so the audit log shows who did what. If you "
            "will also work on this computer (as a matchmaker, for example), create your working account "
            "now; the administrator account is then kept for managing accounts. The privacy officer and "
            "auditor roles cannot be given to oneself: the administrator creates those accounts for "
            "the people who hold them.")))  # fmt: skip
        self.wanted = QCheckBox(self.tr("Create my working account now"))
        self.wanted.setObjectName("own_wanted")
        self.wanted.setChecked(True)
        layout.addWidget(self.wanted)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        self.form = _AccountForm(taken=taken)
        admin = ActorInfo("", Role.ADMIN)
        self.role = role_combo((r for r in assignable_roles(admin, for_self=True) if r is not Role.ADMIN), "matchmaker")
        self.role.setObjectName("own_role")
        self.district = district_combo()
        self.district.setObjectName("own_district")
        self.form.form.insertRow(2, self.tr("Role"), self.role)
        self.form.form.insertRow(3, self.tr("District"), self.district)
        body.addWidget(self.form)
        layout.addWidget(self.body)
        self.problems = _problem_label("own_problems")
        layout.addWidget(self.problems)
        layout.addStretch(1)
        self.wanted.toggled.connect(self._on_wanted)
        for signal in (self.form.username.textChanged, self.form.display.textChanged, self.form.password.sig_changed):
            signal.connect(self._on_changed)
        self._on_changed()

    def _on_wanted(self, wanted: bool) -> None:
        self.body.setEnabled(wanted)
        self._on_changed()

    def initializePage(self) -> None:
        if not self.form.display.text() and self.admin_page.form.display.text() != self.tr("Administrator"):
            self.form.display.setText(self.admin_page.form.display.text())
        self._on_changed()

    def _texts(self) -> list[str]:
        if not self.wanted.isChecked():
            return []
        texts = self.form.name_problems(self.role.currentData() or Role.MATCHMAKER)
        if self.form.account().username and self.form.account().username == self.admin_page.form.account().username:
            texts.append(describe(XzError("staff.same_username")))
        return texts

    def _on_changed(self) -> None:
        self.problems.setText("\n".join(self._texts()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.wanted.isChecked() or (not self._texts() and self.form.password.is_acceptable())

    def account(self) -> NewAccount | None:
        if not self.wanted.isChecked():
            return None
        return self.form.account(self.role.currentData(), self.district.currentData())


class FirstRunWizard(QWizard):
    """Collects a FirstRunPlan. `with_passphrase` adds the passphrase page (no secure keyring);
    `taken` holds user names that already exist (a database that has staff but no administrator)."""

    def __init__(self, data_folder: Path, *, with_passphrase: bool, taken: set[str] | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        taken = taken or set()
        self.setWindowTitle(self.tr("Setting up xzdesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Create"))
        self.welcome = WelcomePage(data_folder, with_passphrase=with_passphrase)
        self.passphrase = PassphrasePage() if with_passphrase else None
        self.admin = AdminPage(taken=taken)
        self.own = OwnAccountPage(self.admin, taken=taken)
        for page in (self.welcome, self.passphrase, self.admin, self.own):
            if page is not None:
                self.addPage(page)
        self.resize(640, 600)
        help_key(self, "first-run")

    def plan(self) -> FirstRunPlan:
        passphrase = self.passphrase.fields.text() if self.passphrase is not None else None
        return FirstRunPlan(passphrase, self.admin.form.account(), self.own.account())

    def reject(self) -> None:
        """Cancel: say that nothing was saved, and that xzdesk closes."""
        answer = QMessageBox.question(
            self, self.windowTitle(),
            self.tr("Stop setting up? Nothing has been saved; xzdesk will close. You can set it up the next "
                    "time it starts."),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            super().reject()


def first_run(home: Path, *, existing: AppContext | None = None) -> AppContext | None:
    """Show the wizard and make what it collected: a new database with its accounts, or (for
    `existing`, a database without an administrator) its accounts. Returns the signed-in context,
    or None when the person cancels. A failure is explained and the wizard shown again, with
    what was typed, and nothing half-made."""
    from xzdesk.domain.store.keys import keyring_is_secure

    taken: set[str] = set()
    if existing is not None:
        taken = {a.username for a in peek(existing, list_accounts)}
    wizard = FirstRunWizard(home, with_passphrase=existing is None and not keyring_is_secure(), taken=taken)
    while wizard.exec():
        try:
            return _make(wizard.plan(), home=home, existing=existing, parent=wizard)
        except XzError as exc:
            show_error(wizard, exc)
    return None


def _make(plan: FirstRunPlan, *, home: Path, existing: AppContext | None, parent: QWidget) -> AppContext:
    from xzdesk.app_context import AppContext

    if existing is not None:
        run_off_thread(lambda _p, _c: existing.set_up_accounts(admin=plan.admin, own=plan.own),
                       label=QCoreApplication.translate("FirstRunWizard", "Creating the accounts…"), parent=parent)  # fmt: skip
        return existing
    return run_off_thread(
        lambda progress, cancel: AppContext.create_new(admin=plan.admin, own=plan.own, passphrase=plan.passphrase,
                                                       home=home, progress=progress, cancel=cancel),
        label=QCoreApplication.translate("FirstRunWizard", "Creating the encrypted database…"), parent=parent,
    )  # fmt: skip
