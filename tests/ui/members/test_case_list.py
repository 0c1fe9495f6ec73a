"""The 档案 screen in a real main window: list model, search, edit, reveal, new member."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from tests.ui.conftest import wait_jobs
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.service import register_member
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.ui.members.model import MemberTableModel


def _add_zhang(ctx):
    with ctx.uow() as uow:
        return register_member(uow, draft=MemberDraft(name="张三丰", id_number="320302197001010012",
                                                       mobile="13812345678", district_code="320302"))  # fmt: skip


def test_model_passes_qt_model_tester(qtmodeltester, ctx, qtbot):
    from xzdesk.ui.ops import Ops

    ops = Ops(ctx)
    model = MemberTableModel(ctx, ops)
    with qtbot.waitSignal(model.sig_loaded, timeout=5000):  # the list is read on a reader thread
        model.set_filter(model.filter)
    assert model.rowCount() == 120
    qtmodeltester.check(model)
    # rows are fetched lazily in pages, and masked
    assert "*" in model.data(model.index(5, 1))
    assert model.data(model.index(119, 0)).startswith("XZ")
    ops.wait_idle()


def test_search_select_edit_and_see_the_change(qtbot, window, ctx):
    info = _add_zhang(ctx)
    page = window.show_page("members")
    wait_jobs(qtbot, window)
    qtbot.keyClicks(page.search, "zsf")
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1 and info.id in page.model.ids, timeout=5000)
    page.table.selectRow(page.model.row_of(info.id))
    qtbot.waitUntil(lambda: page.editor.info is not None and page.editor.info.id == info.id, timeout=5000)
    assert page.editor.title.text().startswith(info.member_no)
    height = page.editor.form.editors["height_cm"]
    height.setValue(181)
    qtbot.waitUntil(lambda: page.editor.save_button.isEnabled(), timeout=3000)
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor.info.fields["height_cm"] == 181, timeout=5000)
    with ctx.store.read() as s:
        assert s.get(Member, info.id).height_cm == 181
    assert not page.editor.save_button.isEnabled()


def test_inline_validation_blocks_save(qtbot, window, ctx):
    info = _add_zhang(ctx)
    page = window.show_page("members")
    page.editor.load(info.id)
    qtbot.waitUntil(lambda: page.editor.info is not None, timeout=5000)
    form = page.editor.form
    form.editors["req_age_min"].setValue(40)
    form.editors["req_age_max"].setValue(30)
    qtbot.waitUntil(lambda: form.errors["req_age_max"].isVisible(), timeout=3000)
    assert form.errors["req_age_max"].text()
    assert not page.editor.save_button.isEnabled()


def test_reveal_asks_a_reason_and_is_audited(qtbot, window, ctx, monkeypatch):
    from xzdesk.ui.members import editor as editor_mod

    info = _add_zhang(ctx)
    page = window.show_page("members")
    page.editor.load(info.id)
    qtbot.waitUntil(lambda: page.editor.info is not None, timeout=5000)
    assert page.editor.form.editors["mobile"].text() == "138****5678"

    def fake_exec(dialog):
        dialog.reason.setText("电话安排见面")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(editor_mod.ReasonDialog, "exec", fake_exec)
    qtbot.mouseClick(page.editor.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor.form.editors["mobile"].text() == "13812345678", timeout=5000)
    assert page.editor.form.editors["name"].text() == "张三丰"
    with ctx.store.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "member.reveal")).scalar_one()
        assert entry.reason == "电话安排见面" and entry.member_id == info.id


def test_new_member_dialog_registers_and_refuses_duplicates(qtbot, window, ctx, monkeypatch):
    from xzdesk.ui.members.dialogs import NewMemberDialog

    _add_zhang(ctx)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    dialog = NewMemberDialog(ctx, window.ops, window)
    qtbot.addWidget(dialog)
    e = dialog.form.editors
    e["name"].setText("李四")
    e["id_number"].setText("320302197001010012")  # already registered
    e["id_number"].textEdited.emit("320302197001010012")
    e["mobile"].setText("13912345678")
    e["district_code"].setCurrentIndex(e["district_code"].findData("320302"))
    dialog._on_save()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "320***********0012" in shown[0] and "王红娘" in shown[0]
    assert "320302197001010012" not in shown[0]
    e["id_number"].setText("11010519491231002X")
    e["id_number"].textEdited.emit("11010519491231002X")
    assert e["sex"].currentData() == 2  # follows from the ID number
    dialog._on_save()
    qtbot.waitUntil(lambda: dialog.result_info is not None, timeout=5000)
    assert dialog.result_info.name_masked == "李*"


def test_follow_ups_due_filter(qtbot, window, ctx):
    page = window.show_page("members")
    wait_jobs(qtbot, window)
    total = page.model.rowCount()
    page.due.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() < total, timeout=5000)
    assert all(page.model.row_for(r).next_follow_up is not None for r in range(page.model.rowCount()))


def test_recently_updated_first_until_sorted_by_a_column(qtbot, window, ctx):
    page = window.show_page("members")
    qtbot.waitUntil(lambda: page.model.rowCount() == 120, timeout=5000)
    info = _add_zhang(ctx)  # the newest case file
    page.model.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 121, timeout=5000)
    assert page.model.id_at(0) == info.id
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: page.model.filter.sort == "member_no", timeout=5000)
    qtbot.waitUntil(lambda: page.model.row_for(0).member_no <= page.model.row_for(1).member_no, timeout=5000)


def _answer_boxes(monkeypatch, answer):
    """Every QMessageBox answers `answer`; returns the texts asked."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or int(answer.value))
    return asked


def _typed_dialog(qtbot, window, ctx):
    from xzdesk.ui.members.dialogs import NewMemberDialog

    dialog = NewMemberDialog(ctx, window.ops, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.editors["name"].setText("李四")
    dialog.form.editors["mobile"].setText("13912345678")
    return dialog


def test_new_case_file_cancel_esc_and_close_ask_before_dropping_typed_data(qtbot, window, ctx, monkeypatch):
    asked = _answer_boxes(monkeypatch, QMessageBox.StandardButton.Cancel)  # "Keep editing"
    dialog = _typed_dialog(qtbot, window, ctx)
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert dialog.isVisible() and dialog.form.editors["name"].text() == "李四" and len(asked) == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and len(asked) == 2
    dialog.close()
    assert dialog.isVisible() and len(asked) == 3
    assert "新建" in asked[0] or "new case file" in asked[0]
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or int(QMessageBox.StandardButton.Discard.value))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected and len(asked) == 4


def test_new_case_file_with_nothing_typed_closes_without_asking(qtbot, window, ctx, monkeypatch):
    from xzdesk.ui.members.dialogs import NewMemberDialog

    asked = _answer_boxes(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog = NewMemberDialog(ctx, window.ops, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == []


def _reveal(qtbot, page, monkeypatch):
    from xzdesk.ui.members import editor as editor_mod

    def fake_exec(dialog):
        dialog.reason.setText("电话安排见面")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(editor_mod.ReasonDialog, "exec", fake_exec)
    qtbot.mouseClick(page.editor.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor.is_revealed(), timeout=5000)


def test_the_header_shows_the_revealed_name_and_masks_again(qtbot, window, ctx, monkeypatch):
    info = _add_zhang(ctx)
    page = window.show_page("members")
    wait_jobs(qtbot, window)
    page.editor.load(info.id)
    qtbot.waitUntil(lambda: page.editor.info is not None, timeout=5000)
    assert "张*" in page.editor.title.text() and "张三丰" not in page.editor.title.text()
    _reveal(qtbot, page, monkeypatch)
    assert "张三丰" in page.editor.title.text() and "张*" not in page.editor.title.text()
    # the reveal ends on request: header and form masked again
    qtbot.mouseClick(page.editor.reveal_button, Qt.MouseButton.LeftButton)
    assert "张*" in page.editor.title.text() and "张三丰" not in page.editor.title.text()
    assert page.editor.form.editors["mobile"].text() == "138****5678"
    # revealed again, then another member opened: masked
    _reveal(qtbot, page, monkeypatch)
    other = page.model.id_at(0) if page.model.id_at(0) != info.id else page.model.id_at(1)
    page.editor.load(other)
    qtbot.waitUntil(lambda: page.editor.info.id == other, timeout=5000)
    assert "张三丰" not in page.editor.title.text() and "*" in page.editor.title.text()
    assert not page.editor.is_revealed()


def test_red_niang_and_mobile_columns_fit_at_1366(qtbot, window, ctx):
    window.resize(1366, 768)
    page = window.show_page("members")
    qtbot.waitUntil(lambda: page.model.rowCount() == 120, timeout=5000)
    header = page.table.horizontalHeader()
    metrics = page.table.fontMetrics()
    for column in (7, 8):  # 红娘, 手机
        widest = max(metrics.horizontalAdvance(page.model.data(page.model.index(r, column)) or "") for r in range(20))
        assert header.sectionSize(column) >= widest + 8, column
    # narrow columns stay narrow, so the list leaves room for the case file beside it
    assert header.sectionSize(2) < 60 and header.sectionSize(3) < 60
    assert sum(header.sectionSize(c) for c in range(9)) < 760
    row = page.model.row_for(0)
    assert page.model.data(page.model.index(0, 8), Qt.ItemDataRole.ToolTipRole) == row.mobile_masked
    assert page.model.data(page.model.index(0, 7), Qt.ItemDataRole.ToolTipRole) == row.matchmaker_name


def test_an_empty_list_says_what_to_do(qtbot, tmp_path):
    """A new laptop's 档案 (the walk's first screen of the matchmaker): the empty pane says how case
    files come in, not "choose one from the list"; a search that finds nothing says so."""
    from tests.accounts import first_run
    from xzdesk.app_context import AppContext
    from xzdesk.domain.staff.codes import Role
    from xzdesk.ui.main_window import MainWindow

    ctx = AppContext.open(home=tmp_path / "new")
    first_run(ctx, username="wu", role=Role.MATCHMAKER, display_name="吴秀兰", district_code="320303")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    try:
        window.show()
        window.start()
        page = window.pages["members"]
        qtbot.waitUntil(lambda: page.count.text() == "0 case files", timeout=5000)
        assert "Import…" in page.editor.empty.text() and "Choose a case file" not in page.editor.empty.text()
        page.search.setText("张")
        qtbot.waitUntil(lambda: "matches" in page.editor.empty.text(), timeout=5000)
    finally:
        window.ops.wait_idle()
        window.close()
        ctx.close()


def test_the_list_shows_its_rows_before_the_case_editor_is_built(qtbot, ctx):
    """Start-up at 100k members: the case editor (a large form) is built once the first rows are on
    screen, in the splitter's second place, not before the list's rows."""
    from xzdesk.ui.members.editor import MemberEditor
    from xzdesk.ui.members.page import CaseListPage
    from xzdesk.ui.ops import Ops

    ops = Ops(ctx)
    page = CaseListPage(ctx, ops)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    assert page._editor is None
    with qtbot.waitSignal(page.model.sig_loaded, timeout=5000):
        pass
    assert page.model.rowCount() == 120 and page._editor is None  # rows first
    qtbot.waitUntil(lambda: page._editor is not None, timeout=5000)
    assert page._split.widget(1) is page.editor and isinstance(page.editor, MemberEditor)
    assert page._split.sizes()[1] > 300  # it takes the place kept for it
    page.table.selectRow(3)
    qtbot.waitUntil(lambda: page.editor.info is not None, timeout=5000)
    assert page.editor.info.id == page.model.id_at(3)
    ops.wait_idle()
