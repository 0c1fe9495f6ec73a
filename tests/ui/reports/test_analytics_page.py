"""活动分析 and 排期建议 in the real main window (offscreen): a year of held events made by the
real services, the figures on screen against the domain's, the charts drawn, a case file opened
from the not-served list, and a suggestion made a draft event from the screen."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from tests.ui.conftest import wait_jobs
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.events.seed import seed_event_history
from xzdesk.domain.members.seed import seed_members
from xzdesk.ui.reports.analytics_charts import last_months


@pytest.fixture
def history(ctx):
    with ctx.uow() as uow:
        seed_members(uow, count=300, seed=12)  # with the window's 120: enough people waiting for suggestions
        seed_event_history(uow, count=9, seed=4)
    return ctx


def test_analytics_tab_shows_events_demand_pool_and_who_waited(qtbot, window, history, qtmodeltester):
    page = window.show_page("reports")
    panel = page.show_tab("analytics")
    assert panel is page.analytics
    qtbot.waitUntil(lambda: panel.info is not None, timeout=20000)
    info = panel.info
    assert panel.events_model.rowCount() == len(info.events) == 9
    first = info.events[0]
    assert panel.events_model.data(panel.events_model.index(0, 9)) == str(first.came)
    assert panel.events_model.data(panel.events_model.index(0, 12)) == str(first.mutual)
    qtmodeltester.check(panel.events_model)
    panel.dimension.setCurrentIndex(panel.dimension.findData("age_band"))
    assert panel.demand_model.rowCount() == sum(1 for r in info.demand if r.dimension == "age_band")
    assert panel.pool_model.rowCount() == len(info.pool)
    shown = set(last_months(max(f"{e.event_date:%Y-%m}" for e in info.events)))
    assert len(panel.charts.turnout.categories) == 12
    assert sum(panel.charts.turnout.sets["Came"]) == sum(e.came for e in info.events if f"{e.event_date:%Y-%m}" in shown) > 0
    assert len(panel.charts.balance.categories) == len({c.district_code for c in info.pool})
    # a masked name, and a double click opens the case file on the members screen
    assert panel.waiting_model.rowCount() == len(info.not_served) > 0
    assert panel.waiting_model.data(panel.waiting_model.index(0, 1)).endswith("*")
    member_id = info.not_served[0].member_id
    panel.open_case_file(0)
    wait_jobs(qtbot, window)
    members = window.pages["members"]
    qtbot.waitUntil(lambda: members.editor.info is not None and members.editor.info.id == member_id, timeout=5000)
    assert members.search.text() == info.not_served[0].member_no


def test_scheduling_tab_suggests_and_creates_a_draft_event(qtbot, window, history, monkeypatch):
    page = window.show_page("reports")
    panel = page.show_tab("schedule")
    qtbot.waitUntil(lambda: panel.info is not None, timeout=30000)
    info = panel.info
    assert panel.model.rowCount() == len(info.suggestions) > 0
    lines = panel.reasons.text().split("\n")
    assert lines[0] == "Why:" and len(lines) == 1 + len(info.suggestions[0].reasons) and all(x.startswith("• ") for x in lines[1:])
    assert panel.backtest_model.rowCount() == len(info.backtest.rows) > 0
    assert "Back-test on" in panel.backtest_note.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    chosen = info.suggestions[0]
    with qtbot.waitSignal(panel.sig_created, timeout=20000) as made:
        panel.create_button.click()
    draft = made.args[0]
    wait_jobs(qtbot, window)
    with window.ctx.store.read() as s:
        event = s.get(Event, draft.event_id)
        assert event.status == "draft" and event.kind == chosen.kind and event.event_date == chosen.event_date
        regs = s.execute(select(EventRegistration.status).where(EventRegistration.event_id == draft.event_id)).scalars().all()
    assert len(regs) == draft.invited > 0 and set(regs) == {"pending"}


def test_analytics_export_writes_the_protected_workbook_and_says_where(qtbot, window, history, tmp_path, monkeypatch):
    from xzdesk.ui import saved

    told = []
    monkeypatch.setattr(saved, "_ask", lambda parent, title, text: told.append(text) or "close")
    page = window.show_page("reports")
    panel = page.show_tab("analytics")
    path = tmp_path / "analytics.xlsx"
    with qtbot.waitSignal(panel.sig_exported, timeout=20000):
        panel.export(path)
    assert openpyxl.load_workbook(path).sheetnames == ["往期活动", "需求", "会员供需"]
    assert told and str(path) in told[0] and "9" in told[0]
