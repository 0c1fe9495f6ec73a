"""Fixtures of the 同步 screen tests: a real server on 127.0.0.1 with two accounts, an empty
laptop database, the main window on it, and connecting the window to the server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.sync.harness import FAST, PASSWORD, add_user
from xzdesk.app_context import AppContext
from xzdesk.server.runner import ServerThread


@pytest.fixture
def server(tmp_path):
    with ServerThread(f"sqlite:///{tmp_path / 'server.db'}", settings=FAST, max_lifetime_s=300) as srv:
        add_user(srv, "wang", district="320302")
        add_user(srv, "li", district="320302")
        yield srv


@pytest.fixture
def empty_ctx(tmp_path):
    ctx = AppContext.open(home=tmp_path / "laptop")  # a fresh, empty database: no account yet
    yield ctx
    ctx.close()


@pytest.fixture
def sync_window(qtbot, empty_ctx, monkeypatch):
    from xzdesk.ui.accounts.session import SessionController
    from xzdesk.ui.main_window import MainWindow

    # no first-run wizard: connecting creates the account
    monkeypatch.setattr(SessionController, "start", lambda self: True)
    win = MainWindow(empty_ctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    yield win
    win.sync.stop()
    win.ops.wait_idle()


def _connect(qtbot, win, server, user="wang"):
    page = win.show_page("sync")
    assert page.enrol_box.isVisible()
    page.url.setText(server.url)
    page.username.setText(user)
    page.password.setText(PASSWORD)
    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.sync.status is not None and win.sync.status.enrolled, timeout=20000)
    qtbot.waitUntil(lambda: win.sync.last_report is not None and not win.sync.running, timeout=20000)  # the first sync
    return page


