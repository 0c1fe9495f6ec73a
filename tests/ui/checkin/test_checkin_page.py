"""The 签到 screen in a real main window: scanner input at scanner and typing speed, repeats,
every verdict's colour and words, manual search, undo, walk-ins with a printed badge, interest
cards, the after-event tab, venue packs between two laptops, the camera fallback and full screen."""

from __future__ import annotations

import io

import pytest
import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from tests.accounts import first_run
from tests.domain.checkin._factory import make_venue
from tests.domain.checkin.test_walk_ins import walk_in_draft
from tests.ui.conftest import wait_jobs
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.checkin.models import CheckinAnnulment, CheckinScan
from xzdesk.domain.tokens import mint_token
from xzdesk.ui.checkin import scan_field as sf
from xzdesk.ui.checkin.camera import FrameDecoder, camera_support, decode_image
from xzdesk.ui.checkin.scan_panel import COLOURS


class FakeClock:
    def __init__(self, step: float = 0.002) -> None:
        self.t = 1000.0
        self.step = step

    def __call__(self) -> float:
        self.t += self.step
        return self.t


@pytest.fixture
def venue(ctx):
    return make_venue(ctx.store, ctx.actor, men=3, women=3)


@pytest.fixture
def page(qtbot, window, venue, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr("xzdesk.ui.saved.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)  # fmt: skip
    p = window.show_page("checkin")
    p.opened = opened
    p.select_event(venue.event_id)
    wait_jobs(qtbot, window)
    assert p.event_id == venue.event_id
    return p


def scans(ctx) -> list[tuple[str, str]]:
    with ctx.store.read() as s:
        return [(r.verdict, r.method) for r in s.execute(select(CheckinScan).order_by(CheckinScan.scanned_at)).scalars()]


def wait_result(qtbot, page, count: int = 1):
    qtbot.waitUntil(lambda: len(scans(page.ctx)) >= count and page.scan.last_result is not None
                    and not page.ops.busy, timeout=8000)  # fmt: skip
    return page.scan.last_result


# --- the scan field ----------------------------------------------------------------------------
def test_scan_field_has_no_input_method(page):
    field = page.scan.scan_field
    assert not field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert field.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly


def test_scanner_speed_with_enter_lower_case(qtbot, page, venue):
    field = page.scan.scan_field
    field._clock = FakeClock()
    qtbot.keyClicks(field, venue.tokens[venue.men[0]].lower())
    qtbot.keyClick(field, Qt.Key.Key_Return)
    result = wait_result(qtbot, page)
    assert result.verdict == "checked_in" and result.plate == "M01"
    assert page.scan.banner.verdict == "checked_in" and "M01" in page.scan.banner.detail.text()
    assert field.text() == "" and field.hasFocus()
    assert "1 / 6" in page.counts_label.text() and page.counts.total.arrived == 1
    assert page.scan.log.rowCount() == 1


def test_scanner_without_suffix_ends_on_idle_pause(qtbot, page, venue):
    field = page.scan.scan_field
    field._clock = FakeClock(0.003)  # 3 ms between keys: a scanner
    seen: list[str] = []
    field.sig_code_scanned.connect(seen.append)
    qtbot.keyClicks(field, venue.tokens[venue.women[0]])
    assert seen == []  # not yet: waits for the idle pause
    qtbot.waitUntil(lambda: seen == [venue.tokens[venue.women[0]]], timeout=3000)
    assert wait_result(qtbot, page).plate == "F01"


def test_tab_ends_a_code_and_keeps_the_focus(qtbot, page, venue):
    field = page.scan.scan_field
    field._clock = FakeClock()
    field.setFocus()
    qtbot.keyClicks(field, venue.tokens[venue.women[1]])
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert wait_result(qtbot, page).plate == "F02"
    assert field.hasFocus()


def test_typing_speed_is_not_cut_by_the_idle_timer(qtbot, page, venue):
    field = page.scan.scan_field
    clock = FakeClock(0.0)
    field._clock = clock
    seen: list[str] = []
    field.sig_code_scanned.connect(seen.append)
    token = venue.tokens[venue.men[1]]
    for i, char in enumerate(token):
        clock.t += 0.15  # a person: 150 ms between keys (the idle pause is 250 ms)
        qtbot.keyClick(field, char)
        if i in (3, 17):
            qtbot.wait(sf.IDLE_MS + 150)  # a real pause longer than the idle threshold
    assert seen == [] and field.text() == token and scans(page.ctx) == []
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert seen == [token]
    assert wait_result(qtbot, page).plate == "M02"


def test_repeat_within_three_seconds_is_ignored(qtbot, page, venue):
    field = page.scan.scan_field
    clock = FakeClock(0.001)
    field._clock = clock
    ignored: list[str] = []
    field.sig_repeat_ignored.connect(ignored.append)
    token = venue.tokens[venue.men[2]]
    for _ in range(2):
        qtbot.keyClicks(field, token)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert wait_result(qtbot, page).verdict == "checked_in"
    assert ignored == [token] and len(scans(page.ctx)) == 1
    clock.t += 3.5
    qtbot.keyClicks(field, token.lower())
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(scans(page.ctx)) == 2 and not page.ops.busy, timeout=8000)
    assert page.scan.last_result.verdict == "already"
    assert "this laptop" in page.scan.banner.detail.text() or "本机" in page.scan.banner.detail.text()


def test_every_verdict_has_its_own_colour_and_words(qtbot, page, venue, ctx):
    from xzdesk.domain.events import service as ev

    other = make_venue(ctx.store, ctx.actor, men=1, women=0, name="秋季读书会")
    with ctx.uow() as uow:
        ev.cancel_registration(uow, registration_id=venue.women[2])
        ev.cancel_registration(uow, registration_id=venue.men[2])
        ev.reopen_registration(uow, registration_id=venue.men[2])
        from xzdesk.domain.checkin.service import publish_roster

        publish_roster(uow, event_id=venue.event_id)
    cases = [
        (venue.tokens[venue.men[0]], "checked_in"),
        (venue.tokens[venue.men[0]], "already"),
        (other.tokens[other.men[0]], "other_event"),
        (venue.tokens[venue.women[2]], "cancelled"),
        (venue.tokens[venue.men[2]], "not_approved"),
        (mint_token("ABCDEF", b"x" * 32)[:-2] + "00", "other_event"),
        ("hello world", "unknown"),
    ]
    shown, details = {}, []
    for i, (text, verdict) in enumerate(cases, start=1):
        page.scan.submit(text)
        qtbot.waitUntil(lambda i=i: len(scans(ctx)) == i and not page.ops.busy, timeout=8000)
        assert page.scan.last_result.verdict == verdict
        banner = page.scan.banner
        assert banner.verdict == verdict and COLOURS[verdict][0] in banner.styleSheet()
        shown[verdict] = banner.title.text()
        details.append(banner.detail.text())
    assert len(set(shown.values())) == 6  # six different headlines
    assert "秋季读书会" in details[2] and "M01" in details[0] and "M01" in details[1]
    assert len({COLOURS[v][0] for v in shown}) == 6


def test_manual_search_and_check_in(qtbot, page, venue):
    panel = page.scan
    qtbot.keyClicks(panel.search, "f3")
    qtbot.waitUntil(lambda: panel.results.rowCount() == 1, timeout=3000)
    assert panel.results.item(0, 0).text() == "F03"
    panel.results.selectRow(0)
    assert panel.check_in_button.isEnabled()
    qtbot.mouseClick(panel.check_in_button, Qt.MouseButton.LeftButton)
    result = wait_result(qtbot, page)
    assert (result.verdict, result.method, result.plate) == ("checked_in", "manual", "F03")
    qtbot.waitUntil(lambda: panel.results.item(0, 5) is not None and panel.results.item(0, 5).text() != "", timeout=3000)
    panel.search.clear()
    qtbot.keyClicks(panel.search, panel._rows[0].mobile_last4 if panel._rows else "0000")


def test_undo_last_check_in(qtbot, page, venue, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.scan.submit(venue.tokens[venue.women[0]])
    wait_result(qtbot, page)
    qtbot.mouseClick(page.scan.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.scan.banner.verdict == "info" and not page.ops.busy, timeout=8000)
    with page.ctx.store.read() as s:
        assert len(s.execute(select(CheckinAnnulment)).all()) == 1
    assert page.counts.total.arrived == 0
    assert "F01" in page.scan.banner.detail.text()


# --- walk-ins ------------------------------------------------------------------------------------
def test_walk_in_registered_checked_in_and_badge_opened(qtbot, page, monkeypatch):
    from xzdesk.ui.checkin.walk_in import WalkInDialog

    dialogs: list[WalkInDialog] = []

    def run(dialog):  # type: ignore[no-untyped-def]
        dialogs.append(dialog)
        draft = walk_in_draft(sex=2, nickname="小满")
        dialog.editors["name"].setText(draft.name)
        dialog.editors["id_number"].setText(draft.id_number)
        dialog.editors["mobile"].setText("12")  # wrong first
        dialog.editors["district_code"].setCurrentIndex(dialog.editors["district_code"].findData("320303"))
        dialog.editors["nickname"].setText("小满")
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.problems["mobile"].isVisibleTo(dialog) and dialog.save.isEnabled(), timeout=8000)
        assert dialog.problems["consents"].isVisibleTo(dialog)  # basic consent not ticked
        dialog.editors["mobile"].setText(draft.mobile)
        dialog.basic.setChecked(True)
        qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.badge_path is not None, timeout=15000)
        return 1

    monkeypatch.setattr(WalkInDialog, "exec", run)
    qtbot.mouseClick(page.scan.walk_in_button, Qt.MouseButton.LeftButton)
    dialog = dialogs[0]
    info = dialog.result_info
    assert info.plate.startswith("F") and len(info.plate) == 4
    assert dialog.badge_path.exists() and dialog.badge_path.read_bytes().startswith(b"%PDF")
    assert "小" not in dialog.badge_path.name and info.plate in dialog.badge_path.name
    assert page.opened == [str(dialog.badge_path)]
    assert page.scan.banner.verdict == "checked_in" and info.plate in page.scan.banner.detail.text()
    assert str(dialog.badge_path) in page.scan.banner.action.text()  # says where the badge went
    assert page.counts.walk_ins == 1 and page.counts.total.arrived == 1


# --- interest cards ----------------------------------------------------------------------------
def test_interest_cards_by_keyboard(qtbot, page, venue):
    for reg in (*venue.men, *venue.women):
        page.scan.submit(venue.tokens[reg])
    qtbot.waitUntil(lambda: len(scans(page.ctx)) == 6 and not page.ops.busy, timeout=10000)
    page.tabs.setCurrentWidget(page.cards)
    panel = page.cards
    qtbot.keyClicks(panel.card_field, "m1")
    qtbot.keyClick(panel.card_field, Qt.Key.Key_Return)
    assert panel.ticks_field.hasFocus() and "M01" == panel.card_field.text()
    qtbot.keyClicks(panel.ticks_field, "1, 3")
    qtbot.keyClick(panel.ticks_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.last_info is not None and not page.ops.busy, timeout=8000)
    assert panel.last_info.ticked_plates == ("F01", "F03")
    assert panel.card_field.hasFocus() and panel.card_field.text() == ""
    assert "1 / " in panel.progress.text() or "1" in panel.progress.text()
    assert panel.table.rowCount() == 1
    # a mistake is reported in place, the ticks stay for correcting
    qtbot.keyClicks(panel.card_field, "F01")
    qtbot.keyClick(panel.card_field, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.ticks_field, "9")
    qtbot.keyClick(panel.ticks_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "M09" in panel.feedback.text() and not page.ops.busy, timeout=8000)
    assert panel.ticks_field.hasFocus()
    panel.ticks_field.selectAll()
    qtbot.keyClicks(panel.ticks_field, "1")
    qtbot.keyClick(panel.ticks_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2 and not page.ops.busy, timeout=8000)
    # correcting M01: its ticks are shown again
    qtbot.keyClicks(panel.card_field, "M01")
    qtbot.keyClick(panel.card_field, Qt.Key.Key_Return)
    assert panel.ticks_field.text() == "F01 F03"
    panel.ticks_field.selectAll()
    qtbot.keyClicks(panel.ticks_field, "F01")
    qtbot.keyClick(panel.ticks_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.last_info.replaced and not page.ops.busy, timeout=8000)

    # after the event: one mutual pair, slips printed and opened
    page.tabs.setCurrentWidget(page.after)
    after = page.after
    assert after.pairs.rowCount() == 1 and after.pairs.item(0, 0).text().startswith("M01 ")
    assert after.pairs.item(0, 0).text().endswith("先生") and after.pairs.item(0, 1).text().startswith("F01 ")
    assert after.table.item(0, 2).text() == "6" and after.table.item(0, 3).text() == "100%"


def test_after_the_event_slips_reconcile_and_introductions(qtbot, page, venue, monkeypatch, tmp_path):
    from xzdesk.domain.checkin import cards

    chosen = tmp_path / "USB" / "slips.pdf"
    chosen.parent.mkdir()
    monkeypatch.setattr("xzdesk.ui.checkin.after_panel.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(chosen), "PDF"))  # fmt: skip
    monkeypatch.setattr("xzdesk.ui.saved._ask", lambda parent, title, text: "file")
    with page.ctx.uow() as uow:
        from xzdesk.domain.checkin.service import record_scan

        for reg in (venue.men[0], venue.women[0]):
            record_scan(uow, event_id=venue.event_id, text=venue.tokens[reg])
    with page.ctx.uow() as uow:
        cards.enter_interest_card(uow, event_id=venue.event_id, card_plate="M01", ticked=["F01"])
        cards.enter_interest_card(uow, event_id=venue.event_id, card_plate="F01", ticked=["M01"])
    page.tabs.setCurrentWidget(page.after)
    after = page.after
    qtbot.mouseClick(after.slips_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: after.slips_path is not None and not page.ops.busy, timeout=15000)
    assert after.slips_path == chosen and chosen.read_bytes().startswith(b"%PDF") and page.opened[-1] == str(chosen)
    qtbot.mouseClick(after.reconcile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "2" in after.outcome.text() and not page.ops.busy, timeout=8000)
    qtbot.mouseClick(after.intro_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.ops.busy and ("1" in after.outcome.text()), timeout=8000)
    from xzdesk.domain.introductions.models import Introduction

    with page.ctx.store.read() as s:
        assert [i.stage for i in s.execute(select(Introduction)).scalars()] == ["mutual_interest"]


# --- venue packs between two laptops -------------------------------------------------------------
def test_event_pack_from_office_to_a_venue_laptop(qtbot, page, venue, tmp_path, monkeypatch):
    from xzdesk.app_context import AppContext
    from xzdesk.domain.staff.codes import Role
    from xzdesk.ui.checkin.packs_panel import PassphraseDialog
    from xzdesk.ui.checkin.page import CheckinPage
    from xzdesk.ui.ops import Ops

    stick = tmp_path / "stick"
    stick.mkdir()
    shown: list[str] = []
    monkeypatch.setattr("xzdesk.ui.checkin.packs_panel.QFileDialog.getExistingDirectory", lambda *a, **k: str(stick))
    monkeypatch.setattr(PassphraseDialog, "exec",
                        lambda self: shown.append(self.findChild(type(page.scan.search), "pack_passphrase").text()))  # fmt: skip
    page.tabs.setCurrentWidget(page.packs)
    qtbot.mouseClick(page.packs.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown) and not page.ops.busy, timeout=15000)
    (path,) = stick.glob("*.xzpack")
    qtbot.waitUntil(lambda: page.packs.history.rowCount() == 1, timeout=5000)  # read on a reader thread
    page.packs.import_file(path, shown[0])  # importing one's own pack here is refused
    qtbot.waitUntil(lambda: not page.ops.busy and page.packs.outcome.text() != "" and "#c62828" in
                    page.packs.outcome.styleSheet(), timeout=15000)  # fmt: skip

    venue_ctx = AppContext.open(home=tmp_path / "venue-laptop")
    first_run(venue_ctx, username="door", display_name="门口", role=Role.EVENT_STAFF)
    ops = Ops(venue_ctx)
    try:
        other = CheckinPage(venue_ctx, ops)
        qtbot.addWidget(other)
        assert other.event_id is None and "import an event pack" in other.counts_label.text().lower() or \
            other.event_combo.count() == 0
        monkeypatch.setattr("xzdesk.ui.checkin.packs_panel.QInputDialog.getText", lambda *a, **k: (shown[0].lower(), True))
        other.packs.import_file(path)
        qtbot.waitUntil(lambda: other.event_combo.count() == 1 and not ops.busy, timeout=15000)
        other.on_changed(Changes.of(Area.CHECKIN, Area.EVENTS))
        assert other.event_id == venue.event_id and other.counts.total.expected == 6
        assert other.station_label.text().endswith(page.packs.last_export.header.station)  # the letter the pack gave
        other.scan.submit(venue.tokens[venue.men[0]])
        qtbot.waitUntil(lambda: other.scan.last_result is not None and not ops.busy, timeout=8000)
        assert other.scan.last_result.verdict == "checked_in"
    finally:
        ops.wait_idle()
        venue_ctx.close()


# --- camera and full screen ---------------------------------------------------------------------
def test_camera_fallback_and_frame_decoding(qtbot, page):
    ok, reason, _detail = camera_support()
    if not ok:
        assert not page.scan.camera_button.isVisibleTo(page)
        assert page.scan.camera_note.isVisibleTo(page) and page.scan.camera_note.toolTip()
        assert reason in {"multimedia_missing", "no_camera"}
    token = mint_token("ABCDEF", b"k" * 32)
    buf = io.BytesIO()
    qrcode.make(token, border=4, box_size=5).save(buf, format="PNG")
    image = QImage.fromData(buf.getvalue())
    assert decode_image(image) == [token]
    assert decode_image(image.convertToFormat(QImage.Format.Format_RGB32)) == [token]
    clock = FakeClock(0.0)
    decoder = FrameDecoder(clock=clock)
    codes: list[str] = []
    decoder.sig_code.connect(codes.append)
    for _ in range(5):  # the same badge in consecutive frames
        clock.t += 0.2
        decoder.feed(image)
    clock.t += 3.0
    decoder.feed(image)
    assert codes == [token, token]


def test_full_screen_and_back(qtbot, page):
    qtbot.mouseClick(page.full_button, Qt.MouseButton.LeftButton)
    assert page.full_screen and page.scan.window() is page.host
    qtbot.waitUntil(lambda: page.host.isVisible(), timeout=3000)
    page.host.close()
    assert not page.full_screen and not page.full_button.isChecked()
    assert page.scan.window() is page.window()


def test_screenshot(qtbot, page, venue, tmp_path):
    page.scan.submit(venue.tokens[venue.women[0]])
    wait_result(qtbot, page)
    page.resize(1200, 760)
    out = tmp_path / "checkin.png"
    assert page.grab().save(str(out))
    assert out.stat().st_size > 10_000
