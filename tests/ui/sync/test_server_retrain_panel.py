"""配对 → 模型 on a union administrator's laptop (aggregate-only: no case files, no outcomes): the
button says the server retrains, the server fits on every district's outcomes, and the kept model
awaits the administrator's decision with its evaluation, adoptable because it beat the rule."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from tests.server.h5.helpers import seed_planted_union
from tests.sync.harness import add_user
from tests.ui.sync.conftest import _connect


def test_admin_retrains_on_the_server_from_the_model_tab(qtbot, sync_window, empty_ctx, server):
    add_user(server, "admin", role="union_admin", district=None)
    seed_planted_union(server.app)
    _connect(qtbot, sync_window, server, user="admin")
    qtbot.waitUntil(lambda: empty_ctx.actor is not None and empty_ctx.actor.role == "union_admin", timeout=20000)
    sync_window.reset_for_actor()
    page = sync_window.show_page("matching")
    panel = page.models
    assert panel is not None
    qtbot.waitUntil(lambda: panel.overview is not None and panel.on_server, timeout=20000)
    assert page.tabs.currentIndex() == page.tabs.count() - 1  # the model first: no case files here
    assert "server" in panel.retrain_button.text() and "server" in panel.words.text()
    assert "case files" in panel.retrain_button.toolTip()

    qtbot.mouseClick(panel.retrain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.list_model.rows) == 1, timeout=60000)
    qtbot.waitUntil(lambda: panel.retrain_button.isEnabled(), timeout=10000)
    kept = panel.list_model.rows[0]
    assert kept.summary is not None and kept.may_rank
    assert not panel.awaiting.isHidden() and "beats the rule" in panel.awaiting.text()
    assert panel.adopt_button.isEnabled() and panel.adopt_note.text() == ""
    shots = os.environ.get("XZDESK_WALK_SHOTS")
    if shots:
        sync_window.resize(1366, 768)
        qtbot.wait(200)
        sync_window.grab().save(str(Path(shots) / "matching-model-server-retrain.png"))


def test_a_due_scheduled_retrain_on_an_admin_laptop_runs_on_the_server(qtbot, sync_window, empty_ctx, server):
    from xzdesk.domain.matching.retraining import WEEKLY, model_overview
    from xzdesk.domain.matching.service import set_retrain_schedule
    from xzdesk.ui.matching import schedule

    add_user(server, "admin", role="union_admin", district=None)
    seed_planted_union(server.app)
    _connect(qtbot, sync_window, server, user="admin")
    qtbot.waitUntil(lambda: empty_ctx.actor is not None and empty_ctx.actor.role == "union_admin", timeout=20000)
    with empty_ctx.uow() as uow:
        set_retrain_schedule(uow, schedule=WEEKLY)  # due: nothing was ever fitted here
    setattr(sync_window, schedule._CHECKED, False)  # as at the next start of the program
    schedule.check_scheduled_retrain(sync_window)

    def kept():
        with empty_ctx.store.read() as s:
            return model_overview(s).models

    qtbot.waitUntil(lambda: len(kept()) == 1, timeout=60000)  # fitted by the server, kept here
    assert kept()[0].may_rank and kept()[0].summary.n_groups > 0
    qtbot.waitUntil(lambda: "awaits your decision" in sync_window.statusBar().currentMessage(), timeout=10000)
