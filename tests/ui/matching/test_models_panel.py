"""配对 → 模型 (union administrators only): the kept models with their evaluation in words and a
table, adopt with a typed reason (disabled, with the reason, for a model that lost to the rule),
withdraw, retrain on request with the index, the schedule, and a due retrain at start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from tests.accounts import add_account
from tests.domain.matching._factory import planted
from tests.ui.conftest import wait_jobs
from xzdesk.domain.introductions.models import MatchModelRecord
from xzdesk.domain.matching import LabelledPairRow, fit_with_evaluation
from xzdesk.domain.matching.queries import ranking_choice
from xzdesk.domain.matching.retraining import WEEKLY, retrain_schedule
from xzdesk.domain.matching.service import save_matching_model, set_retrain_schedule
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import unit_of_work
from xzdesk.ui.matching.models_panel import EvaluationTableModel, KeptModelsModel
from xzdesk.ui.reason import ReasonDialog


@pytest.fixture(scope="module")
def fitted():
    """(a model that beat the rule on held-out events, one fitted on coin flips that did not)."""
    import numpy as np

    profiles, pairs = planted()
    winner, info = fit_with_evaluation(profiles, pairs, n_splits=4, n_resamples=200)
    rng = np.random.default_rng(2)
    coins = [LabelledPairRow(p.member_a, p.member_b, None, "event", p.group, a_yes=bool(rng.random() < 0.4),
                             b_yes=bool(rng.random() < 0.4)) for p in pairs]  # fmt: skip
    loser, lost = fit_with_evaluation(profiles, coins, n_splits=4, n_resamples=200)
    assert info.verdict.uses_model and not lost.verdict.uses_model
    return winner, loser


def _as_union_admin(ctx):
    admin = add_account(ctx.store, username="ua", display_name="工会管理员", role=Role.UNION_ADMIN)
    ctx.act_as(admin.staff_id)
    return admin


def _models_panel(qtbot, window):
    wait_jobs(qtbot, window, timeout=20000)  # the previous person's screens finish their reads first
    window.reset_for_actor()
    page = window.show_page("matching")
    panel = page.models
    assert panel is not None
    qtbot.waitUntil(lambda: panel.overview is not None, timeout=10000)
    return page, panel


def _select(qtbot, panel, record_id):
    panel.list.selectRow(panel.list_model.row_of(record_id))
    assert panel.selected_id() == record_id


def _reason(monkeypatch, text):
    def accept(dialog):
        dialog.reason.setText(text)
        return ReasonDialog.DialogCode.Accepted

    monkeypatch.setattr(ReasonDialog, "exec", accept)


def test_only_union_administrators_see_the_model_tab(qtbot, window, ctx):
    page = window.show_page("matching")
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert page.models is None and "Model" not in tabs and tabs[:3] == ["Candidates", "Batch suggestions",
                                                                        "Introductions board"]  # fmt: skip
    _as_union_admin(ctx)
    page, panel = _models_panel(qtbot, window)
    # no case files for someone who does not work on them: the weights and the model, the model first
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["Weights", "Model"]
    assert page.tabs.currentIndex() == 1 and page.candidates is None and page.board is None
    assert not panel.adopt_button.isEnabled() and "no model" in panel.adopt_note.text()
    assert not panel.withdraw_button.isEnabled()


def test_evaluation_shown_in_words_and_table_adopt_with_reason_and_withdraw(qtbot, window, ctx, fitted, monkeypatch,
                                                                           qtmodeltester):  # fmt: skip
    winner, loser = fitted
    admin = _as_union_admin(ctx)
    with unit_of_work(ctx.store, admin) as uow:
        good = save_matching_model(uow, model=winner)
    with unit_of_work(ctx.store, admin) as uow:
        bad = save_matching_model(uow, model=loser)
    page, panel = _models_panel(qtbot, window)
    assert [r.id for r in panel.list_model.rows] == [bad.id, good.id]
    assert not panel.awaiting.isHidden() and "did not beat the rule: the rule keeps ranking." in panel.awaiting.text()
    # the loser: figures shown, adoption disabled with the reason
    _select(qtbot, panel, bad.id)
    assert [r.method for r in panel.eval_model.rows] == ["model", "rule", "random"]
    ev = loser.evaluation
    m = panel.eval_model
    assert m.data(m.index(0, 1)) == f"{ev['model']['auc']:.2f}"
    assert m.data(m.index(1, 2)) == f"{ev['rule']['auc_low']:.2f} – {ev['rule']['auc_high']:.2f}"
    assert m.data(m.index(2, 1)) == "0.50" and m.headerData(3, Qt.Orientation.Horizontal) == "Top 1"
    assert "rule score still ranks" in panel.words.text() and f"{ev['n_judged']} pairs" in panel.words.text()
    assert not panel.adopt_button.isEnabled() and "did not beat the rule" in panel.adopt_note.text()
    # the winner: adopt with a typed reason
    _select(qtbot, panel, good.id)
    assert panel.adopt_button.isEnabled() and "the model ranks" in panel.words.text()
    _reason(monkeypatch, "留出检验优于规则")
    qtbot.mouseClick(panel.adopt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.overview.choice.model_version == winner.version_id, timeout=10000)
    assert panel.list_model.rows[1].adopted and "工会管理员" in panel.in_force.text()
    assert not panel.adopt_button.isEnabled() and panel.withdraw_button.isEnabled()
    with ctx.store.read() as s:
        assert ranking_choice(s).uses_model
        reasons = s.execute(select(AuditEntry.reason).where(AuditEntry.action == "matching.model_adopt")).scalars()
        assert list(reasons) == ["留出检验优于规则"]
    page.holder.start()  # the window's index (the 活动 screen's, a matchmaker's) ranks with it
    qtbot.waitUntil(lambda: page.holder.index is not None and page.holder.index.model is not None, timeout=10000)
    # withdraw
    _reason(monkeypatch, "复核")
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.overview.choice.model_version is None, timeout=10000)
    assert "No model is adopted" in panel.in_force.text() and not panel.withdraw_button.isEnabled()
    for model in (panel.list_model, panel.eval_model, KeptModelsModel(), EvaluationTableModel()):
        qtmodeltester.check(model)


def test_retrain_on_request_keeps_a_model_and_says_why_it_was_not_evaluated(qtbot, window, ctx, monkeypatch):
    _as_union_admin(ctx)
    _page, panel = _models_panel(qtbot, window)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    qtbot.mouseClick(panel.retrain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.list_model.rows) == 1, timeout=20000)
    wait_jobs(qtbot, window)
    assert shown and "could not be evaluated" in shown[0] and "rule keeps ranking" in shown[0]
    assert "matching." not in shown[0]  # words, never a code
    assert panel.retrain_button.isEnabled() and "Not evaluated" in panel.adopt_note.text()
    assert not panel.awaiting.isHidden() and "could not be evaluated" in panel.awaiting.text()
    # the schedule is this laptop's setting
    panel.schedule.setCurrentIndex(panel.schedule.findData(WEEKLY))
    panel.schedule.activated.emit(panel.schedule.currentIndex())
    wait_jobs(qtbot, window)
    with ctx.store.read() as s:
        assert retrain_schedule(s) == WEEKLY


def test_a_due_scheduled_retrain_runs_in_the_background_at_start_and_awaits_a_decision(qtbot, ctx):
    from xzdesk.ui.main_window import RETRAIN_CHECK_DELAY_MS, MainWindow

    admin = _as_union_admin(ctx)
    with unit_of_work(ctx.store, admin) as uow:
        set_retrain_schedule(uow, schedule=WEEKLY)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    wait_jobs(qtbot, win, timeout=20000)
    win.reset_for_actor()  # signed in: the schedule is checked once
    def kept() -> int:
        with ctx.store.read() as s:  # a fresh read each time (a held one would keep its snapshot)
            return len(s.execute(select(MatchModelRecord.id)).all())

    qtbot.waitUntil(lambda: kept() == 1, timeout=30000)  # after the check's delay, in the background
    qtbot.waitUntil(lambda: "awaits your decision" in win.statusBar().currentMessage(), timeout=10000)
    wait_jobs(qtbot, win, timeout=30000)
    win.reset_for_actor()  # not twice in one run
    qtbot.wait(RETRAIN_CHECK_DELAY_MS + 500)
    wait_jobs(qtbot, win, timeout=30000)
    assert kept() == 1
    page = win.show_page("matching")
    qtbot.waitUntil(lambda: page.models.overview is not None, timeout=10000)
    assert not page.models.awaiting.isHidden()
    win.ops.wait_idle()
