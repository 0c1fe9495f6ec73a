"""The first-run wizard: each page checks what is typed as it is typed, nothing is written before
Create, Cancel leaves nothing behind, and a failure half-way leaves nothing half-made."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.accounts import PASSWORD
from xzdesk.app_context import AppContext, database_path
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import list_accounts
from xzdesk.domain.store import keys
from xzdesk.domain.store.keys import read_key_info
from xzdesk.ui.accounts import first_run as fr
from xzdesk.ui.accounts.first_run import FirstRunWizard

STRONG_PASSPHRASE = "云龙湖畔 spring walk 2026"


def _fill(wizard: FirstRunWizard, *, own: bool = True) -> None:
    if wizard.passphrase is not None:
        wizard.passphrase.fields.first.setText(STRONG_PASSPHRASE)
        wizard.passphrase.fields.again.setText(STRONG_PASSPHRASE)
        wizard.passphrase.understood.setChecked(True)
    wizard.admin.form.username.setText("root")
    wizard.admin.form.display.setText("办公室主任")
    wizard.admin.form.password.first.setText(PASSWORD)
    wizard.admin.form.password.again.setText(PASSWORD)
    wizard.own.wanted.setChecked(own)
    if own:
        wizard.own.form.username.setText("wangfang")
        wizard.own.form.display.setText("王芳")
        wizard.own.form.password.first.setText("Pengzu#lake-88")
        wizard.own.form.password.again.setText("Pengzu#lake-88")
        wizard.own.role.setCurrentIndex(wizard.own.role.findData("matchmaker"))
        wizard.own.district.setCurrentIndex(wizard.own.district.findData("320302"))


def test_passphrase_page_judges_strength_and_agreement_live(qtbot, tmp_path):
    wizard = FirstRunWizard(tmp_path, with_passphrase=True)
    qtbot.addWidget(wizard)
    page = wizard.passphrase
    assert page is not None and not page.isComplete()
    page.fields.first.setText("12345678901")
    assert "Not accepted" in page.fields.verdict.text() and not page.isComplete()
    page.fields.first.setText("short")
    assert "10" in page.fields.verdict.text()  # the minimum length is said
    page.fields.first.setText(STRONG_PASSPHRASE)
    page.fields.again.setText(STRONG_PASSPHRASE + "x")
    assert "differs" in page.fields.verdict.text() and not page.isComplete()
    page.fields.again.setText(STRONG_PASSPHRASE)
    assert page.fields.verdict.text().endswith("Accepted.")
    assert not page.isComplete()  # the "lost passphrase = lost data" box is not ticked yet
    page.understood.setChecked(True)
    assert page.isComplete()


def test_no_passphrase_page_when_the_keyring_is_secure(qtbot, tmp_path):
    wizard = FirstRunWizard(tmp_path, with_passphrase=False)
    qtbot.addWidget(wizard)
    assert wizard.passphrase is None and len(wizard.pageIds()) == 3
    assert str(tmp_path) in wizard.welcome.findChild(object, "data_folder").text()


def test_administrator_page_refuses_weak_passwords_and_bad_names(qtbot, tmp_path):
    wizard = FirstRunWizard(tmp_path, with_passphrase=False, taken={"li"})
    qtbot.addWidget(wizard)
    page = wizard.admin
    page.form.password.first.setText("password1")
    page.form.password.again.setText("password1")
    assert not page.isComplete() and "Not accepted" in page.form.password.verdict.text()
    page.form.password.first.setText(PASSWORD)
    page.form.password.again.setText(PASSWORD)
    assert page.isComplete()
    page.form.username.setText("Li Si")
    assert not page.isComplete() and "lower-case" in page.problems.text()
    page.form.username.setText("li")  # exists already (a database with staff but no administrator)
    assert not page.isComplete() and "taken" in page.problems.text()


def test_own_account_offers_no_role_nobody_gives_themselves(qtbot, tmp_path):
    wizard = FirstRunWizard(tmp_path, with_passphrase=False)
    qtbot.addWidget(wizard)
    roles = {wizard.own.role.itemData(i) for i in range(wizard.own.role.count())}
    assert roles == {"matchmaker", "event_staff", "union_admin"}
    _fill(wizard)
    assert wizard.own.isComplete()
    wizard.own.form.username.setText("root")
    assert not wizard.own.isComplete() and "administrator's" in wizard.own.problems.text()
    wizard.own.wanted.setChecked(False)
    assert wizard.own.isComplete() and wizard.plan().own is None


def _run_wizard(monkeypatch, answers):
    """Replace the modal exec: fill the pages and answer Create (1) or Cancel (0) in turn."""
    answers = list(answers)

    def fake_exec(self):
        _fill(self)
        return answers.pop(0)

    monkeypatch.setattr(FirstRunWizard, "exec", fake_exec)


def test_first_run_without_keyring_makes_everything_and_signs_in_the_installer(qapp, monkeypatch, tmp_path):
    monkeypatch.setattr(keys, "keyring_is_secure", lambda: False)
    _run_wizard(monkeypatch, [1])
    home = tmp_path / "home"
    home.mkdir()
    ctx = fr.first_run(home)
    assert ctx is not None
    try:
        assert read_key_info(database_path(demo=False, home=home)).method == "scrypt"
        assert ctx.actor.role is Role.MATCHMAKER and ctx.actor.district_code == "320302"
        with ctx.store.read() as s:
            rows = {a.username: a for a in list_accounts(s)}
        assert set(rows) == {"root", "wangfang"} and rows["root"].role == "admin"
        assert not rows["wangfang"].must_change_password
    finally:
        ctx.close()
    # the passphrase opens it again; the keyring is not involved
    again = AppContext.open(home=home, passphrase=lambda _new: STRONG_PASSPHRASE)
    again.close()


def test_cancel_leaves_nothing_behind(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    wizard = FirstRunWizard(tmp_path, with_passphrase=True)
    qtbot.addWidget(wizard)
    _fill(wizard)
    wizard.reject()
    assert wizard.result() == 0
    _run_wizard(monkeypatch, [0])
    home = tmp_path / "new"
    home.mkdir()
    assert fr.first_run(home) is None
    assert list(home.iterdir()) == []


def test_a_failure_half_way_leaves_nothing_half_made(qapp, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(fr, "show_error", lambda _parent, exc: shown.append(exc))

    def broken(uow, *, admin, own=None):
        from xzdesk.domain.errors import XzError

        raise XzError("error")

    monkeypatch.setattr("xzdesk.app_context.set_up_first_accounts", broken)
    _run_wizard(monkeypatch, [1, 0])  # Create fails, the wizard shows again, then Cancel
    home = tmp_path / "new"
    home.mkdir()
    keyring_before = set(keys.MemoryKeyring._store)
    assert fr.first_run(home) is None
    assert [e.code for e in shown] == ["error"]
    assert list(home.iterdir()) == []  # no database, no WAL, no key information
    assert set(keys.MemoryKeyring._store) == keyring_before  # the key made for it is gone again


@pytest.mark.parametrize("with_own", [True, False])
def test_an_existing_database_without_administrator_gets_its_accounts(qapp, monkeypatch, tmp_path, with_own):
    ctx = AppContext.open(home=tmp_path / "home")
    try:
        answers = [1]

        def fake_exec(self):
            _fill(self, own=with_own)
            return answers.pop(0)

        monkeypatch.setattr(FirstRunWizard, "exec", fake_exec)
        assert ctx.needs_first_account
        assert fr.first_run(ctx.home, existing=ctx) is ctx
        assert not ctx.needs_first_account
        assert ctx.actor.role is (Role.MATCHMAKER if with_own else Role.ADMIN)
    finally:
        ctx.close()


def test_start_up_on_a_new_computer_runs_the_wizard(qapp, monkeypatch, _private_home):
    from xzdesk.ui.app import open_context

    _run_wizard(monkeypatch, [1])
    ctx = open_context(demo=False)
    try:
        assert ctx is not None and ctx.actor.role is Role.MATCHMAKER
        assert (_private_home / "xzdesk.db").exists()
    finally:
        ctx.close()


def test_unlock_asks_again_then_gives_up_after_the_limit(qapp, monkeypatch, _private_home):
    from xzdesk.ui import app
    from xzdesk.ui.accounts import unlock

    monkeypatch.setattr(keys, "keyring_is_secure", lambda: False)
    _run_wizard(monkeypatch, [1])
    app.open_context(demo=False).close()
    tries = []
    monkeypatch.setattr(unlock, "ask_unlock", lambda attempt, parent=None: tries.append(attempt) or "wrong words")
    monkeypatch.setattr("xzdesk.ui.messages.show_error", lambda *_a, **_k: None)
    assert app.open_context(demo=False) is None
    assert tries == list(range(unlock.MAX_TRIES))  # each prompt knows how many were wrong
    tries.clear()
    monkeypatch.setattr(unlock, "ask_unlock", lambda attempt, parent=None: tries.append(attempt) or (
        "wrong" if attempt == 0 else STRONG_PASSPHRASE))  # fmt: skip
    ctx = app.open_context(demo=False)
    assert ctx is not None and tries == [0, 1]
    assert ctx.actor is None and ctx.needs_sign_in  # opened; the window asks who is working
    ctx.close()


def test_a_refused_password_is_red_even_when_otherwise_strong(qtbot, tmp_path):
    from xzdesk.ui.accounts.strength import REFUSED

    wizard = FirstRunWizard(tmp_path, with_passphrase=False)
    qtbot.addWidget(wizard)
    fields = wizard.admin.form.password
    fields.first.setText("Gulou#2026-admin")  # strong, but holds the user name "admin"
    assert "Not accepted" in fields.verdict.text() and REFUSED in fields.verdict.styleSheet()
    assert REFUSED in fields.meter.styleSheet()

