"""The import wizard on a real store, driven through its pages' widgets and handlers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard
from sqlalchemy import func, select

from tests.accounts import add_account
from tests.ui.conftest import wait_jobs
from tests.ui.spreadsheets._rosters import (
    existing_person,
    messy_people,
    person,
    write_csv,
    write_messy_xlsx,
)
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.members.service import register_member
from xzdesk.domain.spreadsheets import Decision, RowStatus
from xzdesk.ui.spreadsheets import preview_page as preview_mod
from xzdesk.ui.spreadsheets.preview_model import FILTER_PROBLEMS, ImportPreviewModel
from xzdesk.ui.spreadsheets.rows import masked_cell
from xzdesk.ui.spreadsheets.wizard import ImportWizard

GULOU = "320302"


def members(ctx) -> int:
    with ctx.store.read() as s:
        return s.execute(select(func.count()).select_from(Member)).scalar_one()


def member_by_mobile(ctx, mobile: str) -> Member | None:
    with ctx.store.read() as s:
        m = s.execute(select(Member).where(Member.mobile_hmac == ctx.store.blind_index("mobile", mobile))).scalar()
        if m is not None:
            s.expunge(m)
        return m


def register_existing(ctx) -> None:
    p = existing_person()
    with ctx.uow() as uow:
        register_member(uow, draft=MemberDraft(name=p["姓名"], id_number=p["公民身份号码"], mobile=p["手机"],
                                               district_code=GULOU, height_cm=170))  # fmt: skip


@pytest.fixture
def wizard(qtbot, window):
    wiz = ImportWizard(window.ctx, window.ops, window)
    qtbot.addWidget(wiz)
    wiz.show()
    yield wiz
    window.ops.wait_idle()


def open_file(qtbot, wiz: ImportWizard, path: Path) -> None:
    wiz.source_page.set_path(path)
    qtbot.waitUntil(lambda: wiz.source_page.isComplete() or bool(wiz.source_page.error.text()), timeout=10000)
    assert wiz.source_page.isComplete(), wiz.source_page.error.text()


def to_preview(qtbot, wiz: ImportWizard) -> None:
    assert wiz.currentId() == ImportWizard.PAGE_MAPPING
    wiz.next()
    assert wiz.currentId() == ImportWizard.PAGE_PREVIEW
    qtbot.waitUntil(lambda: wiz.preview_page.isComplete() or wiz.preview_page.again.isVisible(), timeout=20000)
    assert wiz.preview is not None, wiz.preview_page.status.text()


def commit(qtbot, wiz: ImportWizard) -> None:
    wiz.next()  # the commit button ("Import")
    qtbot.waitUntil(lambda: wiz.currentId() == ImportWizard.PAGE_RESULT, timeout=20000)


def test_messy_roster_mapping_counts_decisions_commit_and_case_list(qtbot, window, wizard, ctx, tmp_path):
    register_existing(ctx)
    before = members(ctx)
    path = write_messy_xlsx(tmp_path / "花名册.xlsx", messy_people())
    wiz = wizard

    # 1. the file: header found under the title rows, in rows 3 and 4 (merged group header)
    open_file(qtbot, wiz, path)
    src = wiz.source
    assert src.header_rows == (3, 4) and src.data_row == 5
    assert "单身职工" in wiz.source_page.info.text() and "3" in wiz.source_page.info.text()
    wiz.next()

    # 2. the columns: guesses shown in combos, the sample masked, one column corrected by hand
    page = wiz.mapping_page
    assert page.combos["E"].currentData() == "mobile"  # 联系方式/手机 under the merged group cell
    assert page.combos["D"].currentData() == "id_number" and page.combos["F"].currentData() == ""
    assert page.combos["L"].currentData() == ""  # 个人爱好: not a known name
    assert "Hobbies" not in page.warning.text()
    header_row = [page.table.item(1, c).text() for c in range(page.table.columnCount())]
    assert "公民身份号码" in header_row
    first = [page.table.item(3, c).text() if page.table.item(3, c) else "" for c in range(page.table.columnCount())]
    assert first[1].endswith("*") and "*" in first[3] and "*" in first[4]  # name, ID, mobile masked
    assert first[6] == "1990-01-01"  # a date cell shown as a date
    assert "District" in page.warning.text()  # no district column and no default yet
    page.set_field("L", "hobbies")
    assert wiz.mapping.to_dict()["L"] == "hobbies"
    page.district.setCurrentIndex(page.district.findData(GULOU))
    assert "District" not in page.warning.text()
    page.consents["sensitive"].setChecked(True)
    to_preview(qtbot, wiz)

    # 3. the check: counts per status, problems in words, decisions per row
    preview = wiz.preview
    counts = preview.counts
    assert (counts.new, counts.update, counts.unchanged, counts.duplicate_in_file, counts.conflict, counts.errors) == (
        3, 1, 0, 1, 0, 1)  # fmt: skip
    pp = wiz.preview_page
    assert pp.counts["new"].text().endswith("3") and pp.counts["error"].text().endswith("1")
    model: ImportPreviewModel = pp.model
    assert model.rowCount() == 6
    statuses = {r.row: r.status for r in preview.rows}
    assert statuses == {5: RowStatus.NEW, 6: RowStatus.NEW, 7: RowStatus.NEW, 8: RowStatus.ERROR,
                        9: RowStatus.DUPLICATE_IN_FILE, 10: RowStatus.UPDATE}  # fmt: skip
    error_row = model.view_row_of(8)
    details = model.index(error_row, 5).data()
    assert "scientific notation" in details
    assert "D 公民身份号码" in model.index(error_row, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert "row 5" in model.index(model.view_row_of(9), 5).data()
    assert "Height" in model.index(model.view_row_of(10), 5).data()  # what the update changes
    qtbot.waitUntil(lambda: model.names.get(5, "").endswith("*"), timeout=5000)  # masked names, second pass

    pp.filter.setCurrentIndex(pp.filter.findData(FILTER_PROBLEMS))
    assert model.rowCount() == 2  # the error and the repeat
    pp.filter.setCurrentIndex(pp.filter.findData(RowStatus.NEW.value))
    assert model.rowCount() == 3
    # skip row 7 through the decision column; an error row cannot be decided otherwise
    index = model.index(model.view_row_of(7), ImportPreviewModel.DECISION_COLUMN)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, Decision.SKIP.value)
    assert model.decision_of(7) is Decision.SKIP
    assert not model.set_decision(8, Decision.NEW)
    assert model.set_decision(9, Decision.REVIEW)  # the repeat with the same data: a person looks
    assert "register 2 new members and update 1" in pp.summary.text()

    # 4. commit in one unit of work, then the result and the case list
    commit(qtbot, wiz)
    report = wiz.report
    assert (report.created, report.updated, report.skipped, report.review, report.errors) == (2, 1, 1, 1, 1)
    assert "Registered 2 new members and updated 1" in wiz.result_page.headline.text()
    assert "Left for review" in wiz.result_page.failed.toPlainText() and "rows 9" in wiz.result_page.failed.toPlainText()
    assert members(ctx) == before + 2
    a = member_by_mobile(ctx, "19955010001")
    assert a is not None and a.district_code == GULOU and a.hobbies == ["羽毛球", "旅行"]
    assert a.referral_source == "employer_union_list"
    assert member_by_mobile(ctx, "19955010003") is None  # decided skip
    assert member_by_mobile(ctx, "19955010005").height_cm == 178  # updated
    with ctx.store.read() as s:
        kinds = set(s.execute(select(Consent.type).where(Consent.member_id == a.id)).scalars())
    assert kinds == {"basic", "sensitive"}
    # the mapping is remembered for this layout
    assert ctx.settings.import_mappings[src.source_key]["L"] == "hobbies"

    cases = window.show_page("members")
    wait_jobs(qtbot, window)
    cases.search.setText("19955010001"[-4:])
    qtbot.waitUntil(lambda: a.id in cases.model.ids, timeout=5000)


def test_reimport_shows_everything_unchanged_and_the_mapping_is_remembered(qtbot, window, ctx, tmp_path):
    people = [person(n, male=n % 2 == 0, birth=(1976 + n, n - 9, 10 + n)) for n in range(10, 16)]
    path = write_messy_xlsx(tmp_path / "r.xlsx", people)

    def run_once() -> ImportWizard:
        wiz = ImportWizard(ctx, window.ops, window)
        qtbot.addWidget(wiz)
        wiz.show()
        open_file(qtbot, wiz, path)
        wiz.next()
        return wiz

    first = run_once()
    first.mapping_page.set_field("L", "hobbies")
    first.mapping_page.district.setCurrentIndex(first.mapping_page.district.findData(GULOU))
    to_preview(qtbot, first)
    assert first.preview.counts.new == 6
    commit(qtbot, first)
    assert first.report.created == 6
    first.accept()
    window.ops.wait_idle()
    count = members(ctx)

    again = run_once()
    assert again.mapping.remembered and again.mapping_page.combos["L"].currentData() == "hobbies"
    assert "last time" in again.mapping_page.state.text()
    to_preview(qtbot, again)
    c = again.preview.counts
    assert (c.rows, c.unchanged, c.new, c.update, c.errors) == (6, 6, 0, 0, 0)
    assert all(again.preview_page.model.decision_of(r.row) is Decision.SKIP for r in again.preview.rows)
    commit(qtbot, again)
    assert again.report.imported == 0 and again.report.unchanged == 6
    assert "already in the case files" in again.result_page.headline.text()
    assert members(ctx) == count


def test_cancel_during_commit_rolls_everything_back(qtbot, window, ctx, tmp_path, monkeypatch):
    """600 new rows: the cancel comes after the first batch of 500 was written in the transaction."""
    people = [person(n, male=n % 2 == 0, birth=(1980 + n % 20, 1 + n % 12, 1 + n % 28)) for n in range(100, 700)]
    path = write_csv(tmp_path / "big.csv", people)
    before = members(ctx)
    written_inside: list[int] = []
    real = preview_mod.commit_import

    def commit_cancelled_midway(uow, preview, *, decisions, progress, cancel):
        def progress_then_cancel(fraction: float, code: str) -> None:
            progress(fraction, code)
            if code == "import.commit" and fraction > 0 and not cancel.cancelled:
                uow.session.flush()
                written_inside.append(uow.session.execute(select(func.count()).select_from(Member)).scalar_one())
                cancel.cancel()  # as the progress dialog's Cancel button does

        return real(uow, preview, decisions=decisions, progress=progress_then_cancel, cancel=cancel)

    monkeypatch.setattr(preview_mod, "commit_import", commit_cancelled_midway)
    wiz = ImportWizard(ctx, window.ops, window)
    qtbot.addWidget(wiz)
    wiz.show()
    open_file(qtbot, wiz, path)
    assert wiz.source.encoding == "gb18030"
    wiz.next()
    to_preview(qtbot, wiz)
    assert wiz.preview.counts.new == 600
    wiz.next()
    qtbot.waitUntil(lambda: not wiz.preview_page.busy, timeout=30000)
    assert written_inside and written_inside[0] >= before + 500  # rows were written, then cancelled
    assert "cancelled" in wiz.preview_page.status.text() and "nothing was written" in wiz.preview_page.status.text()
    assert wiz.currentId() == ImportWizard.PAGE_PREVIEW and wiz.report is None
    assert members(ctx) == before
    assert ctx.settings.import_mappings.get(wiz.source.source_key) is None  # not a real import


def test_cancel_button_while_the_writer_is_busy(qtbot, window, ctx, tmp_path):
    """The job's own cancel (the progress dialog's button) before the commit starts: nothing written."""
    path = write_csv(tmp_path / "r.csv", [person(n, male=True, birth=(1990, 1, n)) for n in range(1, 4)], encoding="utf-8")
    wiz = ImportWizard(ctx, window.ops, window)
    qtbot.addWidget(wiz)
    wiz.show()
    open_file(qtbot, wiz, path)
    wiz.next()
    to_preview(qtbot, wiz)
    before = members(ctx)
    gate = threading.Event()
    window.ops.run(lambda _uow, _p, _c: gate.wait(10))  # hold the writer thread
    wiz.next()
    assert wiz.preview_page.commit_job is not None and not wiz.preview_page.isComplete()
    wiz.preview_page.commit_job.stop()
    gate.set()
    qtbot.waitUntil(lambda: not wiz.preview_page.busy, timeout=10000)
    assert "cancelled" in wiz.preview_page.status.text()
    assert members(ctx) == before
    assert wiz.preview_page.isComplete()  # may try again


def test_error_workbook_written_with_translated_messages(qtbot, window, wizard, ctx, tmp_path, monkeypatch, qapp):
    from xzdesk.ui.app import install_translators

    path = write_messy_xlsx(tmp_path / "花名册.xlsx", messy_people())
    out = tmp_path / "out" / "errors.xlsx"
    out.parent.mkdir()
    asked: list[str] = []

    def fake_save(_parent, _title, default, _filter):
        asked.append(default)
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    loaded = install_translators(qapp, "zh_CN")
    try:
        assert "spreadsheets_zh_CN" in loaded
        open_file(qtbot, wizard, path)
        wizard.next()
        wizard.mapping_page.district.setCurrentIndex(wizard.mapping_page.district.findData(GULOU))
        to_preview(qtbot, wizard)
        pp = wizard.preview_page
        assert pp.errors_button.isEnabled()
        pp.errors_button.click()
        qtbot.waitUntil(lambda: out.exists() and not wizard.busy, timeout=10000)
        assert asked and Path(asked[0]).name.startswith("花名册") and asked[0].endswith(".xlsx")
        assert str(out) in pp.status.text()
    finally:
        install_translators(qapp, "en")
    ws = load_workbook(out).active
    header = [c.value for c in ws[4]]
    message_col = header.index("错误说明") + 1
    bad = ws.cell(row=8, column=message_col).value
    assert "科学计数法" in bad
    assert ws.cell(row=8, column=4).fill.fgColor.rgb.endswith("FFC7CE")
    assert "第 5 行" in ws.cell(row=9, column=message_col).value  # the repeat of row 5
    assert ws.cell(row=5, column=message_col).value in (None, "")


def test_unreadable_and_headerless_files_say_why(qtbot, wizard, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    wizard.source_page.set_path(junk)
    qtbot.waitUntil(lambda: bool(wizard.source_page.error.text()), timeout=5000)
    assert "damaged" in wizard.source_page.error.text() and not wizard.source_page.isComplete()
    plain = tmp_path / "notes.csv"
    plain.write_text("a,b\n1,2\n", encoding="utf-8")
    wizard.source_page.set_path(plain)
    qtbot.waitUntil(lambda: "header" in wizard.source_page.error.text(), timeout=5000)
    wizard.source_page.set_path(tmp_path / "roster.xls")
    qtbot.waitUntil(lambda: "not found" in wizard.source_page.error.text(), timeout=5000)


def test_closing_during_analysis_waits_for_the_job(qtbot, window, ctx, tmp_path):
    people = [person(n, male=True, birth=(1985, 1, 1 + n % 28)) for n in range(1, 400)]
    path = write_csv(tmp_path / "r.csv", people)
    wiz = ImportWizard(ctx, window.ops, window)
    qtbot.addWidget(wiz)
    wiz.show()
    open_file(qtbot, wiz, path)
    wiz.next()
    wiz.next()
    assert wiz.preview_page.analysis_job is not None
    wiz.reject()
    qtbot.waitUntil(lambda: not wiz.isVisible(), timeout=10000)
    assert not wiz.busy


def test_masked_sample_cells():
    assert masked_cell("320303199001010011", "id_number") == "320***********0011"
    assert masked_cell(3.2030319900101e17, None).startswith("3.2") and "*" in masked_cell(3.2030319900101e17, None)
    assert masked_cell("王秀", "name") == "王*"
    assert masked_cell("徐工集团", "employer") == "徐工集团"
    assert masked_cell(175, "height_cm") == "175"


def test_preview_model_passes_the_model_tester(qtmodeltester, qtbot, window, wizard, ctx, tmp_path):
    path = write_messy_xlsx(tmp_path / "r.xlsx", messy_people())
    open_file(qtbot, wizard, path)
    wizard.next()
    to_preview(qtbot, wizard)
    qtmodeltester.check(wizard.preview_page.model)


def test_the_case_list_buttons_open_the_dialogs(qtbot, window, ctx):
    from xzdesk.ui.spreadsheets.export_dialog import ExportMembersDialog

    page = window.show_page("members")
    wait_jobs(qtbot, window)
    assert page.import_button.isEnabled() and page.export_button.isEnabled()
    page.import_button.click()
    wiz = page.findChild(QWizard)
    assert isinstance(wiz, ImportWizard) and wiz.isVisible()
    wiz.reject()
    page.status.setCurrentIndex(page.status.findData("registered"))
    page.export_button.click()
    dialog = page.findChild(ExportMembersDialog)
    assert dialog is not None and dialog.flt == page.current_filter()
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=5000)
    dialog.reject()


def test_sheet_choice_and_decision_combo_in_the_table(qtbot, window, wizard, ctx, tmp_path):
    from openpyxl import Workbook
    from PySide6.QtWidgets import QComboBox

    path = tmp_path / "two.xlsx"
    wb = Workbook()
    wb.active.title = "填表说明"
    wb.active.append(["请用文本格式填写身份证号"])
    for title, people in (("一车间", [person(30, male=True, birth=(1990, 2, 2))]),
                          ("二车间", [person(31, male=False, birth=(1991, 3, 3)), person(32, male=True, birth=(1989, 4, 4))])):  # fmt: skip
        ws = wb.create_sheet(title)
        ws.append(["姓名", "性别", "身份证号", "手机", "所在区"])
        for p in people:
            ws.append([p["姓名"], p["性别"], p["公民身份号码"], p["手机"], "鼓楼区"])
    wb.save(path)
    open_file(qtbot, wizard, path)
    page = wizard.source_page
    assert wizard.source.sheet == "一车间"  # the first sheet with a header row
    assert page.sheet.isEnabled() and page.sheet.count() == 3
    page.sheet.setCurrentIndex(page.sheet.findData("二车间"))
    page.sheet.activated.emit(page.sheet.currentIndex())
    qtbot.waitUntil(lambda: page.isComplete() and wizard.source.sheet == "二车间", timeout=5000)
    page.sheet.setCurrentIndex(page.sheet.findData("填表说明"))
    page.sheet.activated.emit(page.sheet.currentIndex())
    qtbot.waitUntil(lambda: "header" in page.error.text(), timeout=5000)
    assert not page.isComplete()
    page.sheet.setCurrentIndex(page.sheet.findData("二车间"))
    page.sheet.activated.emit(page.sheet.currentIndex())
    qtbot.waitUntil(lambda: page.isComplete(), timeout=5000)
    wizard.next()
    to_preview(qtbot, wizard)
    assert wizard.preview.counts.new == 2
    pp = wizard.preview_page
    index = pp.model.index(0, ImportPreviewModel.DECISION_COLUMN)
    pp.table.setCurrentIndex(index)
    pp.table.edit(index)
    editor = pp.table.findChild(QComboBox)
    assert editor is not None and editor.count() == 3  # new, skip, review
    editor.setCurrentIndex(editor.findData(Decision.REVIEW.value))
    editor.activated.emit(editor.currentIndex())
    assert pp.model.decision_of(pp.model.row_at(0).row) is Decision.REVIEW
    assert "1 rows are left for review" in pp.summary.text()


def test_a_district_bound_matchmaker_imports_into_their_district(qtbot, window, ctx, tmp_path):
    from xzdesk.domain.staff.codes import Role

    staff = add_account(ctx.store, username="gl", display_name="鼓楼红娘", role=Role.MATCHMAKER, district_code=GULOU)
    ctx.act_as(staff.staff_id)
    path = write_messy_xlsx(tmp_path / "r.xlsx", [person(40, male=True, birth=(1990, 6, 6))])
    wiz = ImportWizard(ctx, window.ops, window)
    qtbot.addWidget(wiz)
    wiz.show()
    open_file(qtbot, wiz, path)
    wiz.next()
    district = wiz.mapping_page.district
    assert district.currentData() == GULOU and not district.isEnabled()
    assert "District" not in wiz.mapping_page.warning.text()
    to_preview(qtbot, wiz)
    assert wiz.preview.counts.new == 1
    commit(qtbot, wiz)
    assert member_by_mobile(ctx, "19955010040").district_code == GULOU


def test_formatting_far_to_the_right_does_not_make_hundreds_of_combos(qtbot, wizard, tmp_path):
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    path = tmp_path / "wide.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "身份证号", "手机", "所在区"])
    p = person(50, male=True, birth=(1990, 1, 1))
    ws.append([p["姓名"], p["性别"], p["公民身份号码"], p["手机"], "鼓楼区"])
    ws.cell(row=2, column=300).fill = PatternFill("solid", fgColor="FFFF00")  # styled, empty
    wb.save(path)
    open_file(qtbot, wizard, path)
    # The reader (calamine) counts cells with values, not styled empty ones (openpyxl read 300
    # columns here): the source has the five columns that hold data.
    assert [c.letter for c in wizard.source.columns] == ["A", "B", "C", "D", "E"]
    wizard.next()
    assert wizard.mapping_page.table.columnCount() == 5 and len(wizard.mapping_page.combos) == 5
