"""Speed-dating rotations and the print dialog (PDF generated through the services, preview
rendered with pypdfium2, saving, printing to a QPrinter, calibration per printer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import select

from tests.ui.conftest import wait_jobs
from tests.ui.events._setup import add_guests, make_event, seated_event
from xzdesk.domain.events.models import EventRegistration
from xzdesk.domain.members.models import Member
from xzdesk.domain.privacy.models import AuditEntry


def open_event(qtbot, window, event_id, tab: int = 0):
    page = window.show_page("events")
    page.open_event(event_id)
    qtbot.waitUntil(lambda: page.info is not None and page.info.id == event_id, timeout=5000)
    page.tabs.setCurrentIndex(tab)
    wait_jobs(qtbot, window)
    return page


def test_rotation_generated_and_shown_by_round_and_by_person(qtbot, window, ctx):
    event_id = make_event(ctx, kind="speed_dating")
    add_guests(ctx, event_id, men=5, women=5)
    page = open_event(qtbot, window, event_id, tab=3)
    tab = page.rotations
    assert page.tabs.isTabEnabled(3) and tab.generate_button.isEnabled()
    assert tab.view is None and "No rotation" in tab.summary.text()
    tab.round_minutes.setValue(6)
    tab.break_every.setValue(2)
    tab.break_minutes.setValue(5)
    tab.generate()
    qtbot.waitUntil(lambda: tab.view is not None, timeout=10000)
    view = tab.view
    assert view.n_rounds >= 5 and not view.stale
    meetings = [r for r in range(tab.by_round.rowCount()) if tab.by_round.item(r, 2).text()]
    # everyone meets everyone once, except colleagues, who never meet
    assert len(meetings) == len(view.slots) == 25 - view.skipped_colleague_pairs
    assert any(tab.by_round.item(r, 2).text() == "" for r in range(tab.by_round.rowCount()))  # a break row
    assert tab.by_person.rowCount() == 10 and tab.by_person.columnCount() == view.n_rounds
    # each man meets each woman at most once; the times follow the settings (14:30 start + 15 min)
    men = [p for p in tab.person_rows(view) if p.startswith("M")]
    women = {p for p in tab.person_rows(view) if p.startswith("F")}
    met = 0
    for plate in men:
        partners = tab.partners_of(plate)
        assert len(partners) == len(set(partners)) and set(partners) <= women
        met += len(partners)
    assert met == len(view.slots)
    if view.skipped_colleague_pairs:
        assert "colleagues" in tab.summary.text()
    assert tab.by_round.item(0, 1).text() == "14:45–14:51"


def test_rotations_tab_is_off_for_other_events(qtbot, window, ctx):
    event_id = make_event(ctx, kind="mixer")
    page = open_event(qtbot, window, event_id)
    assert not page.tabs.isTabEnabled(3)


def test_print_badges_preview_save_and_print(qtbot, window, ctx, tmp_path):
    event_id = seated_event(ctx, men=3, women=3, tables=1, capacity=6)
    page = open_event(qtbot, window, event_id)
    dialog = page.make_print_dialog("badges")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preflight_info is not None, timeout=5000)
    assert dialog.preflight_info.items == 6 and "6" in dialog.preflight_label.text()
    assert not dialog.save_button.isEnabled()
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=15000)
    assert dialog.page_count() == 1 and dialog.report.items == 6
    assert dialog.page_image is not None and not dialog.page_image.isNull()
    assert not dialog.preview.pixmap().isNull()
    # the preview is the page: mostly white paper with dark print on it
    img = dialog.page_image
    dark = sum(1 for x in range(0, img.width(), 4) for y in range(0, img.height(), 4) if img.pixelColor(x, y).value() < 80)
    assert dark > 50
    # the file name carries the event code and document kind only
    name = dialog.default_file_name()
    assert name == f"{page.info.code}-badges.pdf"
    with ctx.store.read() as s:
        names = [m.name for m in s.execute(select(Member)).scalars()]
        # a preview is not a print: plates stay open until the PDF is saved or printed
        assert all(reg.plate_printed_at is None for reg in s.execute(select(EventRegistration)).scalars())
        assert s.execute(select(AuditEntry).where(AuditEntry.action == "event.print.badges")).first() is None
    assert not any(n in name for n in names)
    saved = dialog.save_as(str(tmp_path / "out.pdf"))
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")

    def recorded() -> bool:
        with ctx.store.read() as s:
            regs = s.execute(select(EventRegistration)).scalars().all()
            audited = s.execute(select(AuditEntry).where(AuditEntry.action == "event.print.badges")).first()
            return all(reg.plate_printed_at is not None for reg in regs) and audited is not None

    qtbot.waitUntil(recorded, timeout=10000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert dialog.print_document(printer, ask=False)
    assert printed.exists() and printed.read_bytes().startswith(b"%PDF")
    # page navigation and zoom
    dialog.zoom.setCurrentIndex(dialog.zoom.findData(0.5))
    small = dialog.page_image.width()
    dialog.zoom.setCurrentIndex(dialog.zoom.findData(1.0))
    assert dialog.page_image.width() > small
    dialog.reject()
    assert not Path(dialog._tmp).exists()  # the temporary PDF is gone


def test_sign_in_sheet_and_multi_page_navigation(qtbot, window, ctx):
    event_id = make_event(ctx, capacity=60, quota_male=30, quota_female=30)
    add_guests(ctx, event_id, men=30, women=30)
    page = open_event(qtbot, window, event_id)
    dialog = page.make_print_dialog("sign-in")
    qtbot.addWidget(dialog)
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=15000)
    assert dialog.page_count() >= 2
    dialog.next_button.click()
    assert dialog.page_index == 1 and dialog.page_spin.value() == 2
    dialog.show_page(99)
    assert dialog.page_index == dialog.page_count() - 1 and not dialog.next_button.isEnabled()
    dialog.reject()


def test_changing_options_needs_a_new_preview(qtbot, window, ctx):
    event_id = seated_event(ctx, men=2, women=2, tables=1, capacity=4)
    page = open_event(qtbot, window, event_id)
    dialog = page.make_print_dialog("seat-chart")
    qtbot.addWidget(dialog)
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=15000)
    assert dialog.save_button.isEnabled()
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("A3"))
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    dialog.reject()


def test_calibration_is_kept_per_printer(qtbot, window, ctx):
    from xzdesk.config import Settings

    event_id = make_event(ctx)
    page = open_event(qtbot, window, event_id)
    dialog = page.make_print_dialog("calibration")
    qtbot.addWidget(dialog)
    key = dialog.printer_key()
    dialog.offset_x.setValue(1.3)
    dialog.offset_y.setValue(-0.4)
    assert ctx.settings.badge_calibration[key] == {"x": 1.3, "y": -0.4}
    assert Settings.load(ctx.home).badge_calibration[key] == {"x": 1.3, "y": -0.4}
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=15000)
    assert dialog.report.document == "calibration" and dialog.page_count() == 1
    assert dialog.default_file_name() == "calibration-a4-10up.pdf"
    dialog.reject()
    again = page.make_print_dialog("badges")
    qtbot.addWidget(again)
    assert (again.offset_x.value(), again.offset_y.value()) == (1.3, -0.4)
    again.reject()


def test_missing_glyphs_are_reported_before_printing(qtbot, window, ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    event_id = make_event(ctx, name="联谊会\U0010fffd")  # a private-use character no font has
    add_guests(ctx, event_id, men=1, women=1)
    page = open_event(qtbot, window, event_id)
    dialog = page.make_print_dialog("sign-in")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preflight_info is not None, timeout=5000)
    assert dialog.preflight_info.missing_glyphs
    assert not dialog.glyph_warning.isHidden() and "U+10FFFD" in dialog.glyph_warning.text()
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=15000)
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    assert dialog.save_as("/nonexistent/never.pdf") is None  # refused at the warning
    assert asked
    dialog.reject()
