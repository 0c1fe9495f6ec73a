"""The case-list export dialog: masked by default, reasons enforced, audited, the list's filter."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.accounts import add_account
from tests.ui.conftest import wait_jobs
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.members.queries import MemberFilter
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff.codes import Role
from xzdesk.ui.spreadsheets.export_dialog import ExportMembersDialog


def audit_entries(ctx, prefix: str = "export.members") -> list[AuditEntry]:
    with ctx.store.read() as s:
        rows = list(s.execute(select(AuditEntry).where(AuditEntry.action.startswith(prefix)).order_by(AuditEntry.seq)).scalars())
        for r in rows:
            s.expunge(r)
        return rows


@pytest.fixture
def dialog_for(qtbot, window):
    made: list[ExportMembersDialog] = []

    def make(flt: MemberFilter | None = None) -> ExportMembersDialog:
        dialog = ExportMembersDialog(window.ctx, window.ops, flt=flt, parent=window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.rows is not None, timeout=5000)
        made.append(dialog)
        return dialog

    yield make
    window.ops.wait_idle()


def run_export(qtbot, dialog: ExportMembersDialog) -> None:
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20000)


def test_masked_by_default_with_text_identifiers_and_an_audit_entry(qtbot, dialog_for, ctx, tmp_path):
    dialog = dialog_for()
    assert dialog.rows == 120 and "120" in dialog.scope.text()
    assert not dialog.unmasked.isChecked() and dialog.unmasked.isEnabled()  # a matchmaker may unmask
    default = Path(dialog.path.text())
    assert default.suffix == ".xlsx" and default.name.startswith("case-list-") and default.stem[-8:].isdigit()
    out = tmp_path / "list.xlsx"
    dialog.path.setText(str(out))
    run_export(qtbot, dialog)
    assert out.exists() and str(out) in dialog.status.text() and "masked" in dialog.status.text()
    assert dialog.open_folder.isVisible()
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["会员编号", "姓名", "性别"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 120
    name_col, id_col, mobile_col = header.index("姓名"), header.index("身份证号"), header.index("手机号")
    assert all(r[name_col].endswith("*") for r in rows)
    assert all("*" in r[id_col] and "*" in r[mobile_col] for r in rows)
    assert ws.cell(row=2, column=id_col + 1).data_type == "s"
    entries = audit_entries(ctx)
    assert [e.action for e in entries] == ["export.members"] and "rows:120" in entries[0].fields


def test_reason_required_above_the_bulk_threshold_even_masked(qtbot, dialog_for, ctx, tmp_path):
    ctx.settings.bulk_export_threshold = 50
    dialog = dialog_for()
    assert dialog.reason_needed() and "50" in dialog.reason_hint.text()
    out = tmp_path / "list.csv"
    dialog.csv.setChecked(True)
    assert dialog.path.text().endswith(".csv")
    dialog.path.setText(str(out))
    dialog.export_button.click()
    assert dialog.job is None and "reason" in dialog.status.text()  # refused before any work
    assert not out.exists() and audit_entries(ctx) == []
    dialog.reason.setText("区工会季度核对")
    run_export(qtbot, dialog)
    assert out.exists()
    with out.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert len(lines) == 121 and out.read_bytes().startswith(b"\xef\xbb\xbf")
    [entry] = audit_entries(ctx)
    assert entry.reason == "区工会季度核对"


def test_unmasked_needs_a_reason_and_is_audited_as_such(qtbot, dialog_for, ctx, tmp_path):
    dialog = dialog_for(MemberFilter(status="registered"))
    out = tmp_path / "full.xlsx"
    dialog.path.setText(str(out))
    dialog.set_columns(["member_no", "name", "id_number"])
    dialog.unmasked.setChecked(True)
    assert dialog.reason_needed()
    dialog.export_button.click()
    assert not out.exists() and "reason" in dialog.status.text()
    dialog.reason.setText("会员本人申请")
    run_export(qtbot, dialog)
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == dialog.rows and rows
    assert all("*" not in r[1] and "*" not in r[2] and len(r[2]) == 18 for r in rows)
    [entry] = audit_entries(ctx)
    assert entry.action == "export.members.unmasked" and entry.reason == "会员本人申请"
    assert {"id_number", "member_no", "name"} <= set(entry.fields)


def test_the_engine_refuses_what_the_dialog_let_through(qtbot, dialog_for, ctx, tmp_path):
    """The threshold lowered after the dialog counted: export_members itself asks for the reason."""
    dialog = dialog_for()
    ctx.settings.bulk_export_threshold = 10
    out = tmp_path / "late.xlsx"
    dialog.path.setText(str(out))
    dialog.rows = 5  # as if counted before members were added
    run_export(qtbot, dialog)
    assert not out.exists() and "reason" in dialog.status.text().lower()
    assert audit_entries(ctx) == []


def test_no_unmask_for_a_role_without_the_permission(qtbot, window, ctx, tmp_path):
    staff = add_account(ctx.store, username="venue", display_name="现场", role=Role.EVENT_STAFF)
    ctx.act_as(staff.staff_id)
    window._on_ops_changed(Changes.of(Area.ACTOR))
    page = window.show_page("members")
    wait_jobs(qtbot, window)
    assert not page.export_button.isEnabled() and not page.import_button.isEnabled()
    dialog = ExportMembersDialog(ctx, window.ops, parent=window)
    qtbot.addWidget(dialog)
    assert not dialog.unmasked.isEnabled()
    qtbot.waitUntil(lambda: dialog._count_job is None, timeout=5000)
    dialog.path.setText(str(tmp_path / "x.xlsx"))
    run_export(qtbot, dialog)
    assert not (tmp_path / "x.xlsx").exists() and "role" in dialog.status.text()  # the service refuses too


def test_export_from_the_case_list_uses_its_filter(qtbot, window, ctx, tmp_path):
    page = window.show_page("members")
    wait_jobs(qtbot, window)
    page.district.setCurrentIndex(page.district.findData("320302"))
    wait_jobs(qtbot, window)
    shown = page.model.rowCount()
    page.export_button.click()
    dialog = page.findChild(ExportMembersDialog)
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=5000)
    assert dialog.rows == shown and dialog.flt.district_code == "320302"
    out = tmp_path / "gulou.xlsx"
    dialog.path.setText(str(out))
    run_export(qtbot, dialog)
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    districts = {r[header.index("所在区")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert ws.max_row - 1 == shown and districts <= {"鼓楼区"}
    dialog.reject()
