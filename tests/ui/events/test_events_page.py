"""The 活动 screen in a real main window on a real store: the calendar and list, the event
editor, registrations with the quota balance, invitations, walk-ins and the attendee export."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime
from sqlalchemy import select

from tests.ui.conftest import wait_jobs
from tests.ui.events._setup import add_guests, eligible_members, make_event, today
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.events.queries import list_events, list_registrations
from xzdesk.ui.events.browser import EventListModel, qdate
from xzdesk.ui.events.registrations import RegistrationTableModel


def open_page(qtbot, window, event_id=None):
    page = window.show_page("events")
    wait_jobs(qtbot, window)
    if event_id is not None:
        page.open_event(event_id)
        qtbot.waitUntil(lambda: page.info is not None and page.info.id == event_id, timeout=5000)
        wait_jobs(qtbot, window)
    return page


def test_models_pass_the_qt_model_tester(qtmodeltester, ctx):
    event_id = make_event(ctx)
    add_guests(ctx, event_id, men=3, women=3)
    with ctx.store.read() as s:
        events = list_events(s)
        regs = list_registrations(s, event_id=event_id)
    events_model = EventListModel()
    events_model.set_rows(events)
    qtmodeltester.check(events_model)
    regs_model = RegistrationTableModel()
    regs_model.set_rows(None, regs)
    assert regs_model.rowCount() == 6
    qtmodeltester.check(regs_model)
    # names are masked, plates assigned per sex
    assert all(regs_model.data(regs_model.index(r, 2)).endswith("*") for r in range(6))
    assert {regs_model.data(regs_model.index(r, 0))[0] for r in range(6)} == {"M", "F"}


def test_create_an_event_through_the_editor_and_open_it(qtbot, window, ctx):
    page = open_page(qtbot, window)
    assert page.stack.currentIndex() == 0  # nothing chosen yet
    qtbot.mouseClick(page.browser.new_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert editor.info is None and not page.tabs.isTabEnabled(1)
    editor.name.setText("秋日读书分享沙龙")
    editor.kind.setCurrentIndex(editor.kind.findData("salon"))
    day = today().replace(day=1)
    editor.event_date.setDate(qdate(day))
    editor.start_time.setTime(QTime(19, 0))
    editor.end_time.setTime(QTime(21, 0))
    editor.venue.setText("徐州市图书馆报告厅")
    editor.capacity.setValue(24)
    editor.quota_male.setValue(12)
    editor.quota_female.setValue(12)
    editor.add_band(None)
    editor.age_min.setValue(22)
    editor.age_max.setValue(40)
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.info is not None, timeout=5000)
    with ctx.store.read() as s:
        event = s.execute(select(Event).where(Event.name == "秋日读书分享沙龙")).scalar_one()
        assert (event.kind, event.capacity, event.quota_male, event.age_min, event.age_max) == ("salon", 24, 12, 22, 40)
        assert event.start_time == "19:00" and event.end_time == "21:00" and event.status == "draft"
        assert len(event.age_bands) == 1
        event_id = event.id
    assert page.info.id == event_id and page.tabs.isTabEnabled(1)
    # the new event is in the list and marked in the calendar
    qtbot.waitUntil(lambda: page.browser.model.row_of(event_id) >= 0, timeout=5000)
    page.browser.calendar.setSelectedDate(qdate(day))
    qtbot.waitUntil(lambda: any(e.id == event_id for e in page.browser.calendar.events_on(day)), timeout=5000)
    assert page.browser.day_list.count() >= 1
    # status buttons offer the allowed moves only
    buttons = {b.objectName() for b in editor.findChildren(type(editor.save_button)) if b.objectName().startswith("status_")}
    assert buttons == {"status_open", "status_cancelled"}
    editor.change_status("open")
    qtbot.waitUntil(lambda: page.info.status == "open", timeout=5000)
    with ctx.store.read() as s:
        assert s.get(Event, event_id).status == "open"


def test_editor_lists_problems_by_field_and_saves_nothing(qtbot, window, ctx):
    page = open_page(qtbot, window)
    page.new_event()
    editor = page.editor
    editor.kind.setCurrentIndex(editor.kind.findData("sector"))  # needs a sector
    editor.age_min.setValue(40)
    editor.age_max.setValue(30)
    editor.save()
    qtbot.waitUntil(lambda: bool(editor.problem_label.text()), timeout=5000)
    text = editor.problem_label.text()
    assert "Name" in text and "Venue" in text and "Sectors" in text and "Maximum age" in text
    with ctx.store.read() as s:
        assert s.execute(select(Event)).first() is None


def test_edit_capacity_below_taken_places_is_refused(qtbot, window, ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    event_id = make_event(ctx, capacity=10, quota_male=None, quota_female=None)
    add_guests(ctx, event_id, men=3, women=3)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    page = open_page(qtbot, window, event_id)
    page.editor.capacity.setValue(4)
    page.editor.save()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "6" in shown[0]  # "cannot go below the 6 places already approved"
    with ctx.store.read() as s:
        assert s.get(Event, event_id).capacity == 10


def test_invite_members_and_see_the_quota_balance_change(qtbot, window, ctx):
    event_id = make_event(ctx, capacity=10, quota_male=2, quota_female=5)
    page = open_page(qtbot, window, event_id)
    page.tabs.setCurrentIndex(1)
    regs = page.registrations
    qtbot.waitUntil(lambda: regs.balance_info is not None, timeout=5000)
    assert regs.balance.cell_text(1, 4) == "2"  # men: 2 free
    dialog = regs.make_invite_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.rows) and dialog.balance.balance is not None, timeout=5000)
    dialog.sex.setCurrentIndex(dialog.sex.findData(1))
    assert dialog.pick_visible(3) == 3  # three men for two places
    dialog.sex.setCurrentIndex(dialog.sex.findData(2))
    dialog.pick_visible(2)
    assert "5" in dialog.picked_label.text()
    # the balance shows what was picked and what stays free: men 2 - 3 = -1 (one to the waiting list)
    assert dialog.balance.cell_text(1, 5) == "3" and dialog.balance.cell_text(1, 6) == "-1"
    assert dialog.balance.cell_text(2, 5) == "2" and dialog.balance.cell_text(2, 6) == "3"
    # ticking a box in the table picks too (in the order ticked)
    dialog.sex.setCurrentIndex(dialog.sex.findData(2))
    item = next(dialog.table.item(r, 0) for r in range(dialog.table.rowCount())
                if dialog.table.item(r, 0).checkState() == Qt.CheckState.Unchecked
                and dialog.table.item(r, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable)  # fmt: skip
    item.setCheckState(Qt.CheckState.Checked)
    assert len(dialog.picked) == 6 and dialog.picked[-1] == item.data(Qt.ItemDataRole.UserRole)
    dialog.invite()
    qtbot.waitUntil(lambda: dialog.result_info is not None, timeout=5000)
    result = dialog.result_info
    assert len(result.approved) == 5 and len(result.waitlisted) == 1
    # the registrations tab shows the plates and the new balance
    qtbot.waitUntil(lambda: regs.model.rowCount() == 6, timeout=5000)
    plates = sorted(r.plate for r in regs.model.rows if r.plate)
    assert plates == ["F01", "F02", "F03", "M01", "M02"]
    qtbot.waitUntil(lambda: regs.balance.cell_text(0, 1) == "5", timeout=5000)
    assert regs.balance.cell_text(1, 4) == "0" and regs.balance.cell_text(1, 3) == "1"  # men full, one waiting


def test_approve_pending_registrations_and_see_plates(qtbot, window, ctx):
    event_id = make_event(ctx)
    ids = add_guests(ctx, event_id, men=2, women=2, approve=False)
    page = open_page(qtbot, window, event_id)
    regs = page.registrations
    qtbot.waitUntil(lambda: regs.model.rowCount() == 4, timeout=5000)
    assert all(r.status == "pending" and r.plate is None for r in regs.model.rows)
    regs.select_ids(ids[:3])
    assert regs.approve_button.isEnabled()
    qtbot.mouseClick(regs.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sum(r.status == "approved" for r in regs.model.rows) == 3, timeout=5000)
    assert sorted(r.plate for r in regs.model.rows if r.plate) == ["F01", "M01", "M02"]
    assert "M01" in regs.last_action.text()
    # the last one via "approve all pending"
    regs.approve_all()
    qtbot.waitUntil(lambda: all(r.status == "approved" for r in regs.model.rows), timeout=5000)
    with ctx.store.read() as s:
        plates = sorted(r.plate for r in s.execute(select(EventRegistration)).scalars())
    assert plates == ["F01", "F02", "M01", "M02"]


def test_cancel_frees_a_place_for_the_waiting_list(qtbot, window, ctx):
    event_id = make_event(ctx, capacity=10, quota_male=1, quota_female=5)
    add_guests(ctx, event_id, men=2, women=0)  # one approved, one waiting
    page = open_page(qtbot, window, event_id)
    regs = page.registrations
    qtbot.waitUntil(lambda: regs.model.rowCount() == 2, timeout=5000)
    approved = next(r for r in regs.model.rows if r.status == "approved")
    waiting = next(r for r in regs.model.rows if r.status == "waitlisted")
    assert waiting.waitlist_position == 1 and "#1" in regs.model.data(regs.model.index(regs.model.row_of(waiting.id), 6))
    regs.select_ids([approved.id])
    regs.cancel_selected(reason="member_request", promote=True)
    qtbot.waitUntil(lambda: any(r.id == waiting.id and r.status == "approved" for r in regs.model.rows), timeout=5000)
    assert "M02" in regs.last_action.text()
    cancelled = next(r for r in regs.model.rows if r.id == approved.id)
    assert cancelled.status == "cancelled" and cancelled.plate == "M01"  # the plate stays theirs


def test_walk_in_registers_and_checks_in(qtbot, window, ctx):
    event_id = make_event(ctx)
    member_id = eligible_members(ctx, event_id, sex=2, n=1)[0]
    page = open_page(qtbot, window, event_id)
    from xzdesk.ui.events.invite import WalkInDialog

    dialog = WalkInDialog(ctx, window.ops, page.info, page)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.rows), timeout=5000)
    assert dialog.select_member(member_id)
    assert dialog.register_button.isEnabled()
    dialog.register()
    qtbot.waitUntil(lambda: dialog.result_info is not None, timeout=5000)
    assert dialog.result_info.status == "attended" and dialog.result_info.plate == "F01"
    with ctx.store.read() as s:
        reg = s.execute(select(EventRegistration).where(EventRegistration.member_id == member_id)).scalar_one()
        assert (reg.source, reg.status) == ("walk_in", "attended")


def test_attendee_export_is_masked_by_default(qtbot, window, ctx, tmp_path):
    from openpyxl import load_workbook

    event_id = make_event(ctx)
    add_guests(ctx, event_id, men=2, women=2)
    page = open_page(qtbot, window, event_id)
    out = tmp_path / "list.xlsx"
    page.registrations.export(str(out))
    qtbot.waitUntil(out.exists, timeout=5000)
    wait_jobs(qtbot, window)
    ws = load_workbook(out).active
    names = [ws.cell(row=r, column=3).value for r in range(2, 6)]
    phones = [ws.cell(row=r, column=7).value for r in range(2, 6)]
    assert all(n.endswith("*") for n in names) and all("****" in p for p in phones)
    assert "4" in page.registrations.last_action.text()


def test_filters_of_the_list(qtbot, window, ctx):
    make_event(ctx, name="春季联谊会", status="draft")
    held = make_event(ctx, name="云龙湖徒步交友", kind="outdoor")
    page = open_page(qtbot, window)
    browser = page.browser
    qtbot.waitUntil(lambda: browser.model.rowCount() == 2, timeout=5000)
    browser.status.setCurrentIndex(browser.status.findData("draft"))
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1, timeout=5000)
    assert browser.model.rows[0].name == "春季联谊会"
    browser.status.setCurrentIndex(0)
    browser.kind.setCurrentIndex(browser.kind.findData("outdoor"))
    qtbot.waitUntil(lambda: [r.id for r in browser.model.rows] == [held], timeout=5000)
    browser.kind.setCurrentIndex(0)
    browser.range.setCurrentIndex(browser.range.findData("past"))
    qtbot.waitUntil(lambda: browser.model.rowCount() == 0, timeout=5000)
    assert browser.dates_row.isHidden()  # only the custom range shows the dates
    # choosing a row opens the event
    browser.range.setCurrentIndex(0)
    qtbot.waitUntil(lambda: browser.model.rowCount() == 2, timeout=5000)
    browser._on_table_clicked(browser.model.index(browser.model.row_of(held), 3))
    qtbot.waitUntil(lambda: page.info is not None and page.info.id == held, timeout=5000)
    assert page.title.text().startswith("云龙湖徒步交友")


def test_invite_from_matching_suggestions(qtbot, window, ctx):
    from xzdesk.domain.matching.index import MatchIndex

    event_id = make_event(ctx, capacity=40, quota_male=20, quota_female=20)
    add_guests(ctx, event_id, men=2, women=2)
    page = open_page(qtbot, window, event_id)
    dialog = page.registrations.make_invite_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.anchor.count() == 5 and bool(dialog.rows), timeout=5000)
    dialog.source_tabs.setCurrentIndex(1)
    dialog.anchor.setCurrentIndex(1)  # the first guest (M01)
    anchor = dialog.anchor.currentData()[0]
    searched = list(dialog.rows)
    dialog.run_suggestions()
    qtbot.waitUntil(lambda: dialog.rows != searched and not window.ops.busy, timeout=20000)
    expected = [r.member_id for r in MatchIndex.build(ctx.store).rank(anchor, k=50)]
    assert expected and [r.member_id for r in dialog.rows] == expected  # best first
    assert all(r.sex == 2 for r in dialog.rows)
    assert page.registrations.match_index().index is not None  # built once, shared, kept for the next time
    assert page.registrations.match_index() is window.match_index
    picked = dialog.pick_visible(1)
    assert picked == 1 and dialog.picked[0] in expected


def test_guests_who_came_together(qtbot, window, ctx):
    from xzdesk.domain.events.models import EventSeat

    event_id = make_event(ctx)
    ids = add_guests(ctx, event_id, men=1, women=2)
    page = open_page(qtbot, window, event_id)
    regs = page.registrations
    qtbot.waitUntil(lambda: regs.model.rowCount() == 3, timeout=5000)
    regs.select_ids(ids[1:])
    menu = regs.context_menu()
    action = next(a for a in menu.actions() if a.text().startswith("Came together"))
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: "2" in regs.last_action.text(), timeout=5000)
    with ctx.store.read() as s:
        groups = {r.registration_id: r.friend_group for r in s.execute(select(EventSeat)).scalars()}
    assert groups[ids[1]] and groups[ids[1]] == groups[ids[2]] and ids[0] not in groups


def test_unmasked_export_needs_a_reason_and_is_audited(qtbot, window, ctx, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QDialog

    from xzdesk.domain.privacy.models import AuditEntry
    from xzdesk.ui.reason import ReasonDialog

    event_id = make_event(ctx)
    add_guests(ctx, event_id, men=1, women=1)
    page = open_page(qtbot, window, event_id)
    regs = page.registrations
    assert regs.export_unmasked_action.isEnabled()
    out = tmp_path / "full.xlsx"

    def fake_exec(dialog):
        dialog.reason.setText("联系参会者确认时间")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReasonDialog, "exec", fake_exec)
    monkeypatch.setattr(regs, "export", lambda path=None, **kw: type(regs).export(regs, str(out), **kw))
    regs.export_unmasked()
    qtbot.waitUntil(out.exists, timeout=5000)
    wait_jobs(qtbot, window)
    ws = load_workbook(out).active
    assert not ws.cell(row=2, column=3).value.endswith("*")
    with ctx.store.read() as s:
        entries = s.execute(select(AuditEntry).where(AuditEntry.action == "event.export.attendees.unmasked")).all()
    assert len(entries) == 2
