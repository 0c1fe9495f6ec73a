"""A computer connected to the union server, in the real main window: after enrolment the app
asks for a sign-in with the server password (never the first-run wizard), the accounts screen
shows the server's accounts read-only to everyone and says where they are managed, and a
password cannot be changed here."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from tests.sync.harness import FAST, PASSWORD, add_user
from tests.ui.conftest import wait_jobs
from xzdesk.app_context import AppContext
from xzdesk.server.runner import ServerThread
from xzdesk.ui.accounts import first_run as first_run_module
from xzdesk.ui.accounts.manage import AccountsDialog
from xzdesk.ui.accounts.sign_in import SignInDialog
from xzdesk.ui.main_window import MainWindow


@pytest.fixture
def enrolled_home(tmp_path: Path):
    """A laptop home enrolled as `gulou` (district 320302) and synced once; the server knows a
    colleague of the district, one of another district and a city-wide privacy officer."""
    with ServerThread(f"sqlite:///{tmp_path / 'server.db'}", settings=FAST, max_lifetime_s=300) as server:
        add_user(server, "gulou")
        add_user(server, "gulou2")
        add_user(server, "yunlong", district="320303")
        add_user(server, "privacy", role="privacy_officer", district=None)
        home = tmp_path / "laptop"
        ctx = AppContext.open(home=home)
        assert ctx.needs_first_account  # a new computer, before enrolment
        ctx.sync_engine().enrol(server.url, "gulou", PASSWORD, label="鼓楼区办公室")
        assert ctx.sync_engine().sync_once().error is None
        ctx.close()
    return home


def test_enrolled_computer_signs_in_with_the_server_password_and_shows_accounts_read_only(
    qtbot, monkeypatch, enrolled_home
):  # fmt: skip
    ctx = AppContext.open(home=enrolled_home)
    assert not ctx.needs_first_account and ctx.needs_sign_in
    monkeypatch.setattr(first_run_module, "first_run", lambda *a, **k: pytest.fail("the first-run wizard came back"))
    offered: list[str] = []

    def sign_in_as_gulou(self):
        offered.extend(self.account.itemData(i) for i in range(self.account.count()))
        self.account.setCurrentIndex(self.account.findData("gulou"))
        self.password.setText(PASSWORD)
        self._on_sign_in()
        return self.result()

    monkeypatch.setattr(SignInDialog, "exec", sign_in_as_gulou)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    assert ctx.actor is not None and ctx.actor.display_name == "gulou"
    assert sorted(offered) == ["gulou", "gulou2", "privacy"]  # another district's account cannot sign in here
    assert win.session.accounts_action.isVisible()  # read-only for everyone on an enrolled computer

    dialog = AccountsDialog(ctx, win.ops, win)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [r.username for r in dialog.model.rows] == ["gulou", "gulou2", "privacy"]
    for name in ("new_account", "reset_password", "change_role", "close_account"):
        assert not dialog.findChild(type(dialog.new_button), name).isVisible()
    assert not dialog.unlock_button.isEnabled()  # a matchmaker does not unlock
    note = dialog.findChild(QLabel, "server_accounts_note")
    assert note is not None and "union server" in note.text() and "next sync" in note.text()
    dialog.table.selectRow(0)
    assert "changed on the union server" in dialog.own_note.text()
    dialog.close()

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    assert win.session.change_password(forced=False) is False
    assert told and "union server" in told[0]
    wait_jobs(qtbot, win)
    win.ops.wait_idle()
    win.close()
    ctx.close()
