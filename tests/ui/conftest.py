"""UI fixtures: a real AppContext on a real encrypted store, and the real main window (offscreen)."""

from __future__ import annotations

import pytest

from tests.accounts import first_run
from xzdesk.app_context import AppContext
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.staff.codes import Role


@pytest.fixture
def ctx(tmp_path):
    context = AppContext.open(home=tmp_path / "home")
    first_run(context, username="mm", display_name="王红娘", role=Role.MATCHMAKER)
    with context.uow() as uow:
        seed_members(uow, count=120, seed=11)
    yield context
    context.close()


@pytest.fixture
def window(qtbot, ctx):
    from xzdesk.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    yield win
    win.ops.wait_idle()


def wait_jobs(qtbot, window, timeout=10000):
    """Wait until the window's ops runner has no job left (results delivered on the UI thread)."""
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=timeout)
