"""The 报表 screen in a real main window: tabs by role, statistics preview and export, rights
requests handled through the dialogs (new, refuse, erase), retention review, audit-log viewer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox
from sqlalchemy import select, text, update

from tests.domain.privacy._world import add_staff
from tests.ui.conftest import wait_jobs
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.service import reveal_member
from xzdesk.domain.privacy.models import AuditEntry, RightsRequest
from xzdesk.domain.staff.codes import Role
from xzdesk.ui.reason import ReasonDialog
from xzdesk.ui.reports import dialogs
from xzdesk.ui.reports.models import AuditTableModel
from xzdesk.ui.reports.page import ReportsPage


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    """Message boxes never block a test: their texts are collected (and must stay empty unless a
    test expects one)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text() + " " + box.detailedText()) or QMessageBox.StandardButton.Ok)
    yield shown
    assert shown == [], shown


def as_role(window, ctx, role: Role, username: str, name: str):
    actor = add_staff(ctx.store, username=username, name=name, role=role)
    ctx.act_as(actor.staff_id)
    window._on_ops_changed(Changes.of(Area.ACTOR))
    return actor


def page_of(qtbot, window) -> ReportsPage:
    page = window.show_page("reports")
    wait_jobs(qtbot, window)
    return page


def a_member(ctx) -> tuple[str, str]:
    with ctx.store.read() as s:
        m = s.execute(select(Member).order_by(Member.member_no).limit(1)).scalar_one()
        return m.id, m.member_no


def closed(page: ReportsPage, index: int) -> bool:
    widget = page.tabs.widget(index)
    return isinstance(widget, QLabel) and widget.objectName() == "closed_to_role"


def test_tabs_follow_the_role(qtbot, window, ctx):
    page = page_of(qtbot, window)
    assert page.stats is not None and page.retention is not None and page.rights is None and page.audit is None
    assert closed(page, 3) and closed(page, 5) and page.tabs.currentIndex() == 0
    assert page.analytics is not None and page.schedule is not None  # a matchmaker plans events
    as_role(window, ctx, Role.PRIVACY_OFFICER, "po", "周隐私")
    assert page.rights is not None and page.audit is not None and page.stats is None and page.retention is None
    as_role(window, ctx, Role.AUDITOR, "au", "吴审计")
    assert [closed(page, i) for i in range(6)] == [True, True, True, True, True, False]


def test_statistics_preview_and_export(qtbot, window, ctx, tmp_path, qtmodeltester):
    page = page_of(qtbot, window)
    stats = page.stats
    qtbot.waitUntil(lambda: stats.report is not None, timeout=10000)
    assert stats.summary_model.rowCount() == 10
    assert stats.district_model.rowCount() == 13 and stats.month_model.rowCount() == 4  # a quarter: 3 months + total
    texts = {stats.summary_model.data(stats.summary_model.index(r, 1)) for r in range(10)}
    assert texts and all(t == "<5" or t == "*" or int(t) == 0 or int(t) >= 5 for t in texts)
    assert not stats.internal.isVisibleTo(stats) and not stats.banner.isVisibleTo(stats)  # a matchmaker
    qtmodeltester.check(stats.district_model)
    stats.kind.setCurrentIndex(stats.kind.findData("month"))
    stats.refresh()
    qtbot.waitUntil(lambda: stats.report is not None and stats.report.period.kind.value == "month", timeout=10000)
    assert not stats.tabs.isTabEnabled(2)
    path = tmp_path / "stats.xlsx"
    with qtbot.waitSignal(stats.sig_exported, timeout=10000):
        stats.export(path)
    assert openpyxl.load_workbook(path).sheetnames == ["汇总", "分区统计"]
    with ctx.store.read() as s:
        assert s.execute(select(AuditEntry.fields).where(AuditEntry.action == "report.stats")).scalar_one() == [
            stats.period().code]


def test_rights_request_received_refused_and_erased(qtbot, window, ctx, monkeypatch):
    member_id, number = a_member(ctx)
    as_role(window, ctx, Role.PRIVACY_OFFICER, "po", "周隐私")
    page = page_of(qtbot, window)
    rights = page.show_tab("rights")
    wait_jobs(qtbot, window)

    def fill_new(dialog):
        dialog.member_no.setText(number.lower())
        dialog.kind.setCurrentIndex(dialog.kind.findData("erasure"))
        dialog.channel.setCurrentIndex(dialog.channel.findData("letter"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.NewRequestDialog, "exec", fill_new)
    with qtbot.waitSignal(rights.sig_done, timeout=10000):
        qtbot.mouseClick(rights.buttons["new"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rights.model.rowCount() == 1, timeout=5000)
    row = rights.model.rows[0]
    assert row[2] == number and row[1] in ("删除", "Erasure")
    rights.table.selectRow(0)
    assert rights.buttons["erase"].isEnabled() and not rights.buttons["export"].isEnabled()
    # erase: the confirmation wants the member number typed again
    monkeypatch.setattr(dialogs.ConfirmErasureDialog, "exec",
                        lambda d: (d.typed.setText(d.member_no), QDialog.DialogCode.Accepted)[1])  # fmt: skip
    with qtbot.waitSignal(rights.sig_done, timeout=15000):
        qtbot.mouseClick(rights.buttons["erase"], Qt.MouseButton.LeftButton)
    wait_jobs(qtbot, window)
    qtbot.waitUntil(lambda: rights.requests and rights.requests[0].status == "done", timeout=5000)
    with ctx.store.read() as s:
        assert s.get(Member, member_id) is None
        assert s.execute(select(RightsRequest.member_no)).scalar_one() is None
    assert rights.model.rows[0][2] != number and not rights.buttons["erase"].isEnabled()


def test_a_refusal_takes_a_reason(qtbot, window, ctx, monkeypatch):
    _member_id, number = a_member(ctx)
    as_role(window, ctx, Role.PRIVACY_OFFICER, "po", "周隐私")
    page = page_of(qtbot, window)
    rights = page.show_tab("rights")

    def fill_new(dialog):
        dialog.member_no.setText(number)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.NewRequestDialog, "exec", fill_new)
    with qtbot.waitSignal(rights.sig_done, timeout=10000):
        rights._on_new()
    qtbot.waitUntil(lambda: rights.model.rowCount() == 1, timeout=5000)
    rights.table.selectRow(0)
    assert rights.buttons["export"].isEnabled()  # a request for a copy
    monkeypatch.setattr(ReasonDialog, "exec",
                        lambda d: (d.reason.setText("涉及正在处理的投诉"), QDialog.DialogCode.Accepted)[1])  # fmt: skip
    with qtbot.waitSignal(rights.sig_done, timeout=10000):
        qtbot.mouseClick(rights.buttons["refuse"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rights.requests[0].status == "refused", timeout=5000)
    rights.table.selectRow(0)
    assert "涉及正在处理的投诉" in rights.detail.text()


def test_retention_keep_with_a_reason(qtbot, window, ctx, monkeypatch):
    member_id, number = a_member(ctx)
    with ctx.store.write_session() as s, s.begin():
        s.execute(update(Member).where(Member.id == member_id)
                  .values(last_activity_at=datetime.now(UTC) - timedelta(days=800)))  # fmt: skip
    page = page_of(qtbot, window)
    retention = page.show_tab("retention")
    wait_jobs(qtbot, window)
    qtbot.waitUntil(lambda: any(r.member_id == member_id for r in retention.rows), timeout=5000)
    row = next(i for i, r in enumerate(retention.rows) if r.member_id == member_id)
    assert retention.model.rows[row][0] == number and "*" in retention.model.rows[row][1]
    retention.table.selectRow(row)
    monkeypatch.setattr(ReasonDialog, "exec",
                        lambda d: (d.reason.setText("本人来电表示仍在找"), QDialog.DialogCode.Accepted)[1])  # fmt: skip
    with qtbot.waitSignal(retention.sig_done, timeout=10000):
        qtbot.mouseClick(retention.buttons["keep"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(r.member_id != member_id for r in retention.rows), timeout=5000)
    with ctx.store.read() as s:
        assert s.execute(select(AuditEntry.reason).where(AuditEntry.action == "retention.keep")).scalar_one() == "本人来电表示仍在找"


def test_audit_viewer_filters_and_shows_the_chain(qtbot, window, ctx, qtmodeltester):
    member_id, number = a_member(ctx)
    with ctx.uow() as uow:  # the matchmaker looks at the member's phone: audited
        reveal_member(uow, member_id=member_id, fields=("mobile",), reason="电话联系本人")
    as_role(window, ctx, Role.AUDITOR, "au", "吴审计")
    page = page_of(qtbot, window)
    audit = page.show_tab("audit")
    wait_jobs(qtbot, window)
    qtbot.waitUntil(lambda: audit.chain is not None, timeout=10000)
    assert audit.chain.intact and str(audit.chain.entries) in audit.chain_label.text()
    total = audit.model.rowCount()
    assert total >= 2
    qtmodeltester.check(audit.model)
    audit.member_no.setText(number)
    audit.apply_filter()
    qtbot.waitUntil(lambda: 0 < audit.model.rowCount() < total, timeout=5000)
    with ctx.store.read() as s:
        expected = s.execute(select(AuditEntry.seq).where(AuditEntry.member_id == member_id)).scalars().all()
    assert sorted(audit.model.seqs) == sorted(expected)
    assert {audit.model.data(audit.model.index(r, 3)) for r in range(audit.model.rowCount())} == {number}
    # an altered entry breaks the chain, and the viewer says so
    with ctx.store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_append_only_u"))
        conn.execute(text("UPDATE audit_log SET action = 'member.view' WHERE seq = :s"), {"s": expected[0]})
    audit.verify()
    qtbot.waitUntil(lambda: audit.chain is not None and not audit.chain.intact, timeout=10000)
    assert str(expected[0]) in audit.chain_label.text()


def test_audit_model_alone(qtbot, ctx, qtmodeltester):
    from xzdesk.ui.ops import Ops

    actor = add_staff(ctx.store, username="au", name="吴审计", role=Role.AUDITOR)
    ctx.act_as(actor.staff_id)
    ops = Ops(ctx)
    model = AuditTableModel(ctx, ops)
    from xzdesk.domain.privacy.dto import AuditFilter

    with qtbot.waitSignal(model.sig_loaded, timeout=5000):  # the list is read on a reader thread
        model.set_filter(AuditFilter(action="staff."))
    assert model.rowCount() >= 1  # the first account
    assert all(model.row_for(r).action.startswith("staff.") for r in range(model.rowCount()))
    qtmodeltester.check(model)
    ops.wait_idle()


@pytest.mark.parametrize("language", ["zh_CN"])
def test_every_string_of_the_area_is_translated(language):
    import xml.etree.ElementTree as ET
    from pathlib import Path

    root = ET.parse(Path(__file__).resolve().parents[3] / "resources" / "i18n" / f"reports_{language}.ts").getroot()
    missing = [m.findtext("source") for m in root.iter("message")
               if (m.find("translation") is None or m.find("translation").get("type") == "unfinished"
                   or not (m.find("translation").text or "").strip())]  # fmt: skip
    assert missing == []


def test_statistics_charts_follow_the_table(qtbot, window, ctx):
    page = page_of(qtbot, window)
    stats = page.stats
    qtbot.waitUntil(lambda: stats.report is not None, timeout=10000)
    charts = stats.charts
    assert charts.measure.count() == len(stats.report.district_measures)
    charts.measure.setCurrentIndex(charts.measure.findData("new_members"))
    rows = {r.key: r.cells[stats.report.district_measures.index("new_members")] for r in stats.report.by_district}
    districts = [k for k in rows if k != "total"]
    assert len(charts.districts.categories) == len(districts)
    for label, value, key in zip(charts.districts.categories, charts.districts.values, districts, strict=True):
        cell = rows[key]
        if cell.value is None:  # suppressed: no bar, and the label says what the table says
            assert value == 0 and label.endswith(f"（{cell.text}）")
        else:
            assert value == cell.value and "（" not in label
    assert charts.month_stack.currentWidget() is charts.months and len(charts.months.categories) == 3
    stats.kind.setCurrentIndex(stats.kind.findData("month"))
    stats.refresh()
    qtbot.waitUntil(lambda: stats.report.period.kind.value == "month", timeout=10000)
    assert charts.month_stack.currentWidget() is charts.no_months
    assert charts.measure.currentData() == "new_members"  # the chosen measure stays


def test_internal_view_for_a_union_administrator_is_audited_and_export_stays_protected(qtbot, window, ctx, tmp_path):
    admin = as_role(window, ctx, Role.UNION_ADMIN, "ua", "郑管理")
    page = page_of(qtbot, window)
    stats = page.stats
    qtbot.waitUntil(lambda: stats.report is not None, timeout=10000)
    assert stats.internal.isVisibleTo(stats) and not stats.report.internal
    stats.kind.setCurrentIndex(stats.kind.findData("year"))
    stats.refresh()
    qtbot.waitUntil(lambda: stats.report.period.kind.value == "year", timeout=10000)
    public = stats.report
    stats.internal.setChecked(True)
    qtbot.waitUntil(lambda: stats.report.internal, timeout=10000)
    wait_jobs(qtbot, window)
    assert stats.banner.isVisibleTo(stats)
    inside = stats.report
    assert all(c.value is not None for r in (*inside.summary, *inside.by_district) for c in r.cells)
    public_new = {r.key: r.cells[0] for r in public.summary}["new_members"]
    inside_new = {r.key: r.cells[0] for r in inside.summary}["new_members"]
    assert public_new.value is None or public_new.value == inside_new.value
    shown = [stats.district_model.data(stats.district_model.index(r, c))
             for r in range(stats.district_model.rowCount()) for c in range(1, stats.district_model.columnCount())]  # fmt: skip
    assert "<5" not in shown and "*" not in shown
    with ctx.store.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "report.stats_internal")).scalar_one()
        assert entry.actor_id == admin.staff_id and entry.fields == [stats.period().code]
    path = tmp_path / "federation.xlsx"
    with qtbot.waitSignal(stats.sig_exported, timeout=10000):
        stats.export(path)
    written = [v for ws in openpyxl.load_workbook(path) for row in ws.iter_rows(values_only=True) for v in row]
    summary = {r.key: r.cells[0] for r in public.summary}
    small = [k for k, c in summary.items() if c.text == "<5"]
    assert small and written.count("<5") >= len(small)  # the export is the protected report
    stats.internal.setChecked(False)
    qtbot.waitUntil(lambda: not stats.report.internal, timeout=10000)
    assert not stats.banner.isVisibleTo(stats)


def _new_request(qtbot, window, ctx, monkeypatch, number, kind):
    page = page_of(qtbot, window)
    rights = page.show_tab("rights")
    wait_jobs(qtbot, window)

    def fill_new(dialog):
        dialog.member_no.setText(number)
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.NewRequestDialog, "exec", fill_new)
    with qtbot.waitSignal(rights.sig_done, timeout=10000):
        qtbot.mouseClick(rights.buttons["new"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(r.kind == kind for r in rights.requests), timeout=5000)
    rights.select(next(r.id for r in rights.requests if r.kind == kind and r.is_open))
    return rights


def test_the_new_request_kinds_show_only_their_own_actions(qtbot, window, ctx, monkeypatch):
    _member_id, number = a_member(ctx)
    as_role(window, ctx, Role.PRIVACY_OFFICER, "po", "周隐私")
    dialog = dialogs.NewRequestDialog([], today=datetime.now(UTC).date(), me=None)
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert kinds == ["access", "correction", "explanation", "withdrawal", "erasure"]
    texts = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
    assert all(t and "." not in t and "_" not in t for t in texts)
    rights = _new_request(qtbot, window, ctx, monkeypatch, number, "correction")
    visible = {k for k, b in rights.buttons.items() if b.isVisibleTo(rights)}
    assert {"correct", "refuse", "assign", "new"} <= visible and not visible & {"export", "erase", "partial", "explain"}
    assert rights.buttons["correct"].isEnabled()


def test_a_correction_request_edits_the_case_file_and_says_what_was_corrected(qtbot, window, ctx, monkeypatch):
    member_id, number = a_member(ctx)
    as_role(window, ctx, Role.PRIVACY_OFFICER, "po", "周隐私")
    rights = _new_request(qtbot, window, ctx, monkeypatch, number, "correction")
    seen = {}

    def correct(dialog):
        seen["ok_before"] = dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        dialog.form.editors["height_cm"].setValue(183)
        dialog.form.editors["occupation"].setText("地铁调度员")
        dialog.form.validate()
        seen["summary"] = dialog.summary.text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.CorrectionDialog, "exec", correct)
    with qtbot.waitSignal(rights.sig_done, timeout=10000):
        qtbot.mouseClick(rights.buttons["correct"], Qt.MouseButton.LeftButton)
    assert seen["ok_before"] is False and ("身高" in seen["summary"] or "Height" in seen["summary"])
    with ctx.store.read() as s:
        m = s.get(Member, member_id)
        assert m.height_cm == 183 and m.occupation == "地铁调度员"
    qtbot.waitUntil(lambda: rights.selected() is not None and rights.selected().status == "done", timeout=5000)
    assert "职业" in rights.detail.text() or "Occupation" in rights.detail.text()


def test_withdrawal_and_explanation_requests(qtbot, window, ctx, monkeypatch, tmp_path):
    member_id, number = a_member(ctx)
    as_role(window, ctx, Role.PRIVACY_OFFICER, "po", "周隐私")
    rights = _new_request(qtbot, window, ctx, monkeypatch, number, "withdrawal")
    offered = []

    def tick(dialog):
        offered.extend(dialog.boxes)
        dialog.boxes[offered[-1]].setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.WithdrawalDialog, "exec", tick)
    with qtbot.waitSignal(rights.sig_done, timeout=10000):
        qtbot.mouseClick(rights.buttons["withdraw"], Qt.MouseButton.LeftButton)
    with ctx.store.read() as s:
        live = set(s.execute(text("select type from consent where member_id = :m and withdrawn_at is null"),
                             {"m": member_id}).scalars())  # fmt: skip
    assert offered and offered[-1] not in live and set(offered[:-1]) <= live
    rights = _new_request(qtbot, window, ctx, monkeypatch, number, "explanation")
    announced = []
    monkeypatch.setattr("xzdesk.ui.reports.rights_panel.announce_saved",
                        lambda _p, path, **_k: announced.append(path) or "close")  # fmt: skip
    with qtbot.waitSignal(rights.sig_done, timeout=15000):
        rights.explain(rights.selected().id, tmp_path)
    qtbot.waitUntil(lambda: bool(announced), timeout=5000)
    assert announced[0].exists() and announced[0].suffix == ".pdf" and number in announced[0].name
