"""Where the demo database met the other areas: it never syncs, so nothing "waits to upload"
there (screen, status, command line), and its local administrator, whose 同步 has nothing to
do on a demo, starts on the work that role can do there (the accounts)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.ui.conftest import wait_jobs
from xzdesk.app_context import DEMO_PASSWORD, AppContext, _create_demo_accounts
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.store.models import OutboxRow
from xzdesk.ui.accounts.manage import AccountsDialog
from xzdesk.ui.accounts.sign_in import SignInDialog


@pytest.fixture
def demo(tmp_path):
    """A small demo database: the documented accounts and 30 synthetic members (changes whose
    outbox rows a real database would upload)."""
    ctx = AppContext.open(demo=True, home=tmp_path / "demo")
    with ctx.uow() as uow:
        _create_demo_accounts(uow)
    ctx.store.meta_set("demo_data", "1")
    ctx._restore_actor()
    with ctx.uow() as uow:
        seed_members(uow, count=30, seed=3)
    yield ctx
    ctx.close()


def _window(qtbot, ctx):
    from xzdesk.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    return win


def test_a_demo_database_has_nothing_waiting_to_upload(qtbot, demo):
    with demo.store.read() as s:
        assert s.execute(select(func.count()).select_from(OutboxRow)).scalar_one() > 0  # rows a real one would send
    status = demo.sync_engine().status()
    assert (status.syncable, status.pending, status.enrolled) == (False, 0, False)
    win = _window(qtbot, demo)
    page = win.show_page("sync")
    wait_jobs(qtbot, win)
    assert page.fields["pending"].text() == "none: demo data is never sent"
    assert not page.enrol_box.isEnabled()
    assert page.enrol_box.title() == "The demo database is never connected to a server"
    win.sync.stop()
    win.ops.wait_idle()


def test_the_demo_administrator_starts_on_the_accounts(qtbot, demo, monkeypatch):
    opened = []
    monkeypatch.setattr(AccountsDialog, "exec", lambda self: opened.append(self.model.rows) or 0)

    def sign_in_as_admin(self):
        self.account.setCurrentIndex(self.account.findData("admin"))
        self.password.setText(DEMO_PASSWORD)
        self._on_sign_in()
        return self.result()

    monkeypatch.setattr(SignInDialog, "exec", sign_in_as_admin)
    win = _window(qtbot, demo)
    assert opened == []  # the demo matchmaker starts on 档案, nothing opens over it
    win.session.switch_user()
    qtbot.waitUntil(lambda: bool(opened), timeout=3000)
    assert {row.username for row in opened[0]} >= {"admin", "demo", "door", "privacy", "union"}
    win.sync.stop()
    win.ops.wait_idle()
