"""The import wizard pre-selects the district a roster names (title row, sheet name, file name),
says where it came from, and leaves a district-bound matchmaker's own district in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.accounts import add_account
from tests.ui.spreadsheets._rosters import KEYS, person
from tests.ui.spreadsheets.test_import_wizard import commit, member_by_mobile, open_file, to_preview
from xzdesk.domain.staff.codes import Role
from xzdesk.ui.spreadsheets.wizard import ImportWizard

YUNLONG, GULOU = "320303", "320302"
HEADER = [k for k in KEYS if k != "座机"]


def roster(path: Path, *, title: str | None, sheet: str = "Sheet1") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
    ws.append([k if k != "手机" else "手机号码" for k in HEADER])
    p = person(61, male=True, birth=(1990, 6, 6))
    ws.append([p.get(k) for k in HEADER])
    wb.save(path)
    return path


@pytest.fixture
def wizard_on(qtbot, window, ctx):
    def make(path: Path) -> ImportWizard:
        wiz = ImportWizard(ctx, window.ops, window)
        qtbot.addWidget(wiz)
        wiz.show()
        open_file(qtbot, wiz, path)
        wiz.next()
        return wiz

    yield make
    window.ops.wait_idle()


def test_the_district_in_the_title_is_chosen_and_said(qtbot, ctx, wizard_on, tmp_path):
    wiz = wizard_on(roster(tmp_path / "r.xlsx", title="徐州市云龙区总工会2026年单身职工花名册"))
    page = wiz.mapping_page
    assert page.district.currentData() == YUNLONG and page.district.isEnabled()
    assert page.district_note.isVisible()
    assert "row 1" in page.district_note.text() and "云龙区" in page.district_note.text()
    assert "District" not in page.warning.text()  # nothing is missing any more
    to_preview(qtbot, wiz)
    assert wiz.preview.counts.new == 1 and wiz.preview.counts.errors == 0
    commit(qtbot, wiz)
    assert member_by_mobile(ctx, "19955010061").district_code == YUNLONG


def test_the_sheet_name_and_the_file_name_are_sources_too(wizard_on, tmp_path):
    page = wizard_on(roster(tmp_path / "r.xlsx", title=None, sheet="鼓楼")).mapping_page
    assert page.district.currentData() == GULOU and "sheet name" in page.district_note.text()
    page = wizard_on(roster(tmp_path / "贾汪区名单.xlsx", title=None)).mapping_page
    assert page.district.currentData() == "320305" and "file name" in page.district_note.text()


def test_no_district_named_no_choice_made(wizard_on, tmp_path):
    page = wizard_on(roster(tmp_path / "名单.xlsx", title="单身职工花名册")).mapping_page
    assert page.district.currentData() is None and not page.district_note.isVisible()
    assert "District" in page.warning.text()


def test_a_district_bound_matchmaker_keeps_their_district_and_is_told(qtbot, ctx, window, tmp_path):
    staff = add_account(ctx.store, username="gl", display_name="鼓楼红娘", role=Role.MATCHMAKER, district_code=GULOU)
    ctx.act_as(staff.staff_id)
    wiz = ImportWizard(ctx, window.ops, window)
    qtbot.addWidget(wiz)
    wiz.show()
    open_file(qtbot, wiz, roster(tmp_path / "r.xlsx", title="徐州市云龙区总工会花名册"))
    wiz.next()
    page = wiz.mapping_page
    assert page.district.currentData() == GULOU and not page.district.isEnabled()
    assert page.district_note.isVisible() and "own district" in page.district_note.text()
    window.ops.wait_idle()
