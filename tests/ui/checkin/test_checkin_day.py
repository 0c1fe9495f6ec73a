"""A union's event day on the real 签到 screen (issue 10 items 4, 13, 14): valid badges check in at
the office with no publish step, every verdict is worded truthfully with what to do next, the
event list opens on today's event, cards of people without a check-in are asked about and kept
aside so that attendance and matches agree, refused introductions say who, why and what to do
and open the case file, and result slips say where they were saved."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from tests.domain.checkin._factory import CONSENTS, PEOPLE, make_venue
from tests.domain.events._factory import make_event
from tests.ui.conftest import wait_jobs
from xzdesk.domain.checkin import cards, queries
from xzdesk.domain.checkin.models import CheckinScan
from xzdesk.domain.checkin.service import record_scan
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.members import service as members
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.names import polite_name
from xzdesk.domain.tokens import mint_token
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui.checkin.scan_panel import COLOURS


@pytest.fixture
def venue(ctx):
    return make_venue(ctx.store, ctx.actor, men=3, women=3, publish=False)


@pytest.fixture
def page(qtbot, window, venue):
    p = window.show_page("checkin")
    p.select_event(venue.event_id)
    wait_jobs(qtbot, window)
    return p


def scan_count(ctx) -> int:
    with ctx.store.read() as s:
        return len(s.execute(select(CheckinScan.id)).all())


def submit(qtbot, page, text: str):
    before = scan_count(page.ctx)
    page.scan.submit(text)
    qtbot.waitUntil(lambda: scan_count(page.ctx) == before + 1 and not page.ops.busy, timeout=8000)
    return page.scan.last_result


def banner_text(page) -> str:
    b = page.scan.banner
    return " ".join((b.title.text(), b.detail.text(), b.action.text()))


# --- item 4: office check-in ------------------------------------------------------------------
def test_valid_badges_check_in_at_the_office_with_no_publish_step(qtbot, page, venue, ctx):
    result = submit(qtbot, page, venue.tokens[venue.men[0]])
    assert (result.verdict, result.plate) == ("checked_in", "M01")
    assert page.scan.banner.verdict == "checked_in" and page.counts.total.expected == 6
    with ctx.uow() as uow:  # cancelled on the 活动 screen: the next scan knows at once
        ev.cancel_registration(uow, registration_id=venue.women[1])
    result = submit(qtbot, page, venue.tokens[venue.women[1]])
    assert result.verdict == "cancelled" and page.scan.banner.title.text() == "Registration cancelled"
    assert "organiser" in page.scan.banner.action.text() and page.scan.banner.action.isVisibleTo(page)
    assert page.counts.total.expected == 5


def test_a_database_from_before_catches_up_when_the_event_is_opened(qtbot, window, venue, ctx):
    from sqlalchemy import delete

    from xzdesk.domain.checkin.models import CheckinRoster

    with ctx.uow() as uow:  # rows written by nothing: as in a database made before this version
        uow.session.execute(delete(CheckinRoster).where(CheckinRoster.event_id == venue.event_id))
    page = window.show_page("checkin")
    page.select_event(venue.event_id)
    wait_jobs(qtbot, window)
    qtbot.waitUntil(lambda: page.counts is not None and page.counts.total.expected == 6, timeout=8000)
    assert page.scan.results.rowCount() == 6


def test_verdicts_are_worded_truthfully_in_chinese(qtbot, page, venue, ctx, qapp):
    from xzdesk.ui.app import install_translators

    other = make_venue(ctx.store, ctx.actor, men=1, women=0, publish=False, name="秋季读书会",
                       event_date=date(2026, 9, 12))  # fmt: skip
    with ctx.store.read() as s:
        event = s.get(Event, venue.event_id)
        code, key = event.code, event.token_key
    real = venue.tokens[venue.men[1]]
    loaded = install_translators(qapp, "zh_CN")
    try:
        assert loaded
        seen: dict[str, str] = {}
        for name, text in (("unissued", mint_token(code, key)), ("malformed", "https://example.com/?id=7"),
                           ("forged", real[:-1] + ("A" if real[-1] != "A" else "B")),
                           ("other", other.tokens[other.men[0]]), ("first", real), ("again", real)):  # fmt: skip
            submit(qtbot, page, text)
            seen[name] = banner_text(page)
            if name == "unissued":  # a valid code this laptop cannot place: its own colour, kept for the office
                assert page.scan.banner.verdict == "unresolved"
                assert COLOURS["unresolved"][0] in page.scan.banner.styleSheet()
    finally:
        install_translators(qapp, "en")
    for name in ("unissued", "malformed", "other", "again"):
        assert "伪造" not in seen[name] and "forged" not in seen[name].lower(), seen[name]
    assert "名单" in seen["unissued"] and "手工查找" in seen["unissued"] and "办公室" in seen["unissued"]
    assert "不是本系统" in seen["malformed"]
    assert "伪造" in seen["forged"]  # only a code that fails its check may be called so
    assert "秋季读书会" in seen["other"] and "2026-09-12" in seen["other"]
    assert "M02" in seen["again"] and "本机" in seen["again"] and "无需" in seen["again"]


def test_event_list_opens_on_todays_event_else_the_next(qtbot, window, ctx):
    today = datetime.now(CHINA_TZ).date()
    make_event(ctx.store, ctx.actor, name="去年的", event_date=today - timedelta(days=300))
    make_event(ctx.store, ctx.actor, name="明年的", event_date=today + timedelta(days=200))
    soon = make_event(ctx.store, ctx.actor, name="下周的", event_date=today + timedelta(days=7))
    page = window.show_page("checkin")
    wait_jobs(qtbot, window)
    assert page.event_combo.itemData(0) != soon  # the list is newest first...
    assert page.event_id == soon  # ...but it opens on the next event
    todays = make_event(ctx.store, ctx.actor, name="今天的", event_date=today)
    page._on_event_changed()  # as if the page were opened afresh
    page.event_id = None
    page.reload_events()  # read on a reader thread
    wait_jobs(qtbot, window)
    assert page.event_id == todays and page.event_combo.currentText().endswith("today")


# --- item 13: cards of people without a check-in, attendance and matches agree -----------------------
def test_cards_without_a_check_in_are_asked_about_and_kept_aside(qtbot, page, venue, ctx, monkeypatch):
    answers: list[str] = []
    asked: list[str] = []

    def ask(_parent, owner):  # type: ignore[no-untyped-def]
        asked.append(owner.plate)
        return answers.pop(0)

    monkeypatch.setattr("xzdesk.ui.checkin.cards_panel.ask_absent", ask)
    for reg in (venue.men[0], venue.women[0]):
        submit(qtbot, page, venue.tokens[reg])
    page.tabs.setCurrentWidget(page.cards)
    panel = page.cards

    def enter(card: str, ticks: str) -> None:
        before = panel.last_info
        qtbot.keyClicks(panel.card_field, card)
        qtbot.keyClick(panel.card_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: panel.ticks_field.hasFocus() and not page.ops.busy, timeout=8000)
        qtbot.keyClicks(panel.ticks_field, ticks)
        qtbot.keyClick(panel.ticks_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: panel.last_info is not before and not page.ops.busy, timeout=8000)

    enter("M01", "1 2")
    enter("F01", "1")
    answers.append("aside")
    enter("F02", "1")  # F02 never checked in: asked, and the card is kept aside
    assert asked == ["F02"] and not panel.last_info.owner_arrived
    assert "Kept aside" in panel.feedback.text()
    counts = {panel.table.item(i, 0).text(): panel.table.item(i, 2).text() for i in range(panel.table.rowCount())}
    assert counts == {"M01": "yes", "F01": "yes", "F02": "kept aside: no check-in"}
    assert "kept aside (no check-in): 1" in panel.progress.text()

    page.tabs.setCurrentWidget(page.after)
    after = page.after
    assert after.pairs.rowCount() == 1 and after.pairs.item(0, 1).text().startswith("F01")  # not M01 × F02
    total = after.summary.total
    assert (total.arrived, total.cards, total.matched) == (2, 2, 2)  # attendance and matches agree
    assert "1 interest cards are kept aside" in after.aside_note.text()

    page.tabs.setCurrentWidget(page.cards)
    row = [panel.table.item(i, 0).text() for i in range(panel.table.rowCount())].index("F02")
    panel.table.selectRow(row)
    assert panel.confirm_button.isEnabled()
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "attendance recorded" in panel.feedback.text() and not page.ops.busy, timeout=8000)
    page.tabs.setCurrentWidget(page.after)
    assert after.pairs.rowCount() == 2 and (after.summary.total.arrived, after.summary.total.matched) == (3, 3)
    assert after.aside_note.text() == ""

    answers.append("confirm")  # M02 was there too: attendance recorded before the card is typed
    page.tabs.setCurrentWidget(page.cards)
    enter("M02", "")
    assert asked == ["F02", "M02"] and panel.last_info.owner_arrived
    with ctx.store.read() as s:
        methods = sorted(m for (m,) in s.execute(select(CheckinScan.method)).all())
    assert methods == ["confirmed", "confirmed", "scanner", "scanner"]
    assert page.counts.total.arrived == 4


# --- item 13: refused introductions say who, why and what to do ---------------------------------------
def test_refused_introductions_name_the_member_and_open_the_case_file(qtbot, window, page, venue, ctx):
    verified = PEOPLE.make(ctx.store, ctx.actor, status="verified", sex=2, age=28, consents=CONSENTS)
    with ctx.uow() as uow:
        ev.invite_members(uow, event_id=venue.event_id, member_ids=[verified])
        reg_f04 = uow.session.execute(select(EventRegistration.id).where(EventRegistration.member_id == verified)).scalar()
        members.set_fraud_flag(uow, member_id=venue.members[venue.men[1]], flagged=True, reason="核实中")
        for reg in (*venue.men, *venue.women, reg_f04):
            record_scan(uow, event_id=venue.event_id, text=uow.session.get(EventRegistration, reg).token)
    with ctx.uow() as uow:
        for card, ticked in (("M01", ["F04"]), ("F04", ["M01"]), ("M02", ["F02"]), ("F02", ["M02"]),
                             ("M03", ["F03"]), ("F03", ["M03"])):  # fmt: skip
            cards.enter_interest_card(uow, event_id=venue.event_id, card_plate=card, ticked=ticked)
    page.tabs.setCurrentWidget(page.after)
    after = page.after
    qtbot.mouseClick(after.intro_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: after.problems_box.isVisibleTo(page) and not page.ops.busy, timeout=8000)
    assert "Introductions created: 1" in after.outcome.text() and "2 pairs were not introduced" in after.outcome.text()
    table = after.problem_table
    rows = [[table.item(i, j).text() for j in range(4)] for i in range(table.rowCount())]
    with ctx.store.read() as s:
        f04 = s.get(Member, verified)
        masked_f04, f04_no = f04.name[0] + "*", f04.member_no
        m02 = s.get(Member, venue.members[venue.men[1]])
        masked_m02 = m02.name[0] + "*"
    by_who = {r[1]: r for r in rows}
    assert set(by_who) == {f"F04 {masked_f04}", f"M02 {masked_m02}"}
    pair, _who, why, todo = by_who[f"F04 {masked_f04}"]
    assert pair == "M01 × F04" and why == "Case file status is “Verified”; it must be “Active” to be introduced."
    assert todo == "The member is verified: set the case file to Active."
    assert "suspected fraud" in by_who[f"M02 {masked_m02}"][2]
    assert all("introductions." not in cell and "Error" not in cell for r in rows for cell in r)

    assert after.open_button.isEnabled()  # the first row is selected, ready to open
    table.clearSelection()
    assert not after.open_button.isEnabled()
    table.selectRow([r[1] for r in rows].index(f"F04 {masked_f04}"))
    assert after.open_button.isEnabled()
    qtbot.mouseClick(after.open_button, Qt.MouseButton.LeftButton)
    case_files = window.pages["members"]
    assert window.nav.currentItem().data(Qt.ItemDataRole.UserRole) == "members"
    qtbot.waitUntil(lambda: case_files.editor.info is not None and case_files.editor.info.id == verified, timeout=8000)
    assert case_files.search.text() == f04_no


# --- item 14: result slips say where they went and name people one way ---------------------------------
def test_result_slips_are_saved_where_chosen_and_announced(qtbot, page, venue, ctx, monkeypatch, tmp_path):
    offered: list[str] = []
    told: list[str] = []
    chosen = tmp_path / "U盘" / "结果单.pdf"
    chosen.parent.mkdir()

    def save_as(_parent, _title, default, _filter):  # type: ignore[no-untyped-def]
        offered.append(default)
        return str(chosen.with_suffix("")), "PDF"  # typed without ".pdf"

    monkeypatch.setattr("xzdesk.ui.checkin.after_panel.QFileDialog.getSaveFileName", save_as)
    monkeypatch.setattr("xzdesk.ui.saved._ask", lambda _p, _title, text: told.append(text) or "close")
    with ctx.uow() as uow:
        for reg in (*venue.men, *venue.women):
            record_scan(uow, event_id=venue.event_id, text=venue.tokens[reg])
        cards.enter_interest_card(uow, event_id=venue.event_id, card_plate="M01", ticked=["F01", "F02"])
        cards.enter_interest_card(uow, event_id=venue.event_id, card_plate="F01", ticked=["M01"])
        cards.enter_interest_card(uow, event_id=venue.event_id, card_plate="F02", ticked=["M01"])
    page.tabs.setCurrentWidget(page.after)
    after = page.after
    assert after.slips_button.isEnabled()
    qtbot.mouseClick(after.slips_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told) and not page.ops.busy, timeout=15000)
    with ctx.store.read() as s:
        code = s.get(Event, venue.event_id).code
        names = {venue.plates[r]: polite_name(m.name, m.sex) for r in (*venue.men, *venue.women)
                 for m in [s.get(Member, venue.members[r])]}  # fmt: skip
    default = offered[0]
    assert default.startswith(str(ctx.home / "prints")) and code in default
    assert not any(n[0] in default.rsplit("/", 1)[-1] for n in names.values())  # no personal data in the name
    assert after.slips_path == chosen and chosen.exists()
    assert str(chosen) in told[0] and "6 result slips on 3 pages" in told[0]
    assert str(chosen) in after.outcome.text()
    text = "".join("".join(page_.extract_text().split()) for page_ in PdfReader(chosen).pages)
    for plate, name in names.items():  # every person present, every name in the badge's form
        assert name in text, (plate, name)


def test_no_slips_before_anyone_is_checked_in(page):
    page.tabs.setCurrentWidget(page.after)
    after = page.after
    assert not after.slips_button.isEnabled() and after.slips_button.toolTip()
    assert after.pairs_stack.currentWidget() is after.pairs_empty
    assert "Nobody is checked in" in after.pairs_empty.text()


def test_the_absent_card_box_offers_only_what_can_be_done(qtbot, page, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from xzdesk.domain.checkin.dto import CardOwnerInfo
    from xzdesk.ui.checkin.cards_panel import ask_absent

    seen: list[tuple[list[str], str, str]] = []

    def fake_exec(box):  # type: ignore[no-untyped-def]
        texts = [b.text() for b in box.buttons()]
        seen.append((texts, box.defaultButton().text(), box.text()))
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    came = CardOwnerInfo("r1", "M05", "张先生", "张*", False, None, "approved")
    assert ask_absent(page, came) == "confirm"
    cancelled = CardOwnerInfo("r2", "F03", "李女士", "李*", False, None, "cancelled")
    assert ask_absent(page, cancelled) == "aside"
    (buttons, default, text), (buttons2, default2, text2) = seen
    assert default.startswith("Yes: record attendance") and len(buttons) == 3
    assert not any("record attendance" in b for b in buttons2) and default2 == "Keep the card aside"
    assert "M05" in text and "(status: Cancelled)" in text2 and "Events" in text2  # the 活动 wording


# --- seams found by the walk ------------------------------------------------------------------------
def test_manual_search_shows_attendance_the_office_recorded(qtbot, page, venue, ctx):
    """实到 in the manual search agrees with the counts: a door check-in shows its time, attendance
    the office recorded on 活动 (no scan) shows that it did, and nobody else shows anything."""
    submit(qtbot, page, venue.tokens[venue.men[0]])
    with ctx.uow() as uow:
        ev.mark_attended(uow, registration_id=venue.women[0])
    page.scan.refresh_search()
    arrived = {page.scan.results.item(i, 0).text(): page.scan.results.item(i, 5).text()
               for i in range(page.scan.results.rowCount())}  # fmt: skip
    assert arrived["M01"].count(":") == 1  # HH:MM
    assert arrived["F01"] == "yes (recorded by the office)"
    assert {plate for plate, text in arrived.items() if text} == {"M01", "F01"}
    with ctx.store.read() as s:
        assert queries.counts(s, event_id=venue.event_id).total.arrived == 2


def test_the_aside_note_says_what_can_be_done_for_each_card(qtbot, page, venue, ctx, monkeypatch):
    """Cards kept aside: only a registration that holds a place can have its attendance confirmed;
    for a cancelled one the note sends staff to the organiser, not to 心动卡."""
    monkeypatch.setattr("xzdesk.ui.checkin.cards_panel.ask_absent", lambda _parent, _owner: "aside")
    submit(qtbot, page, venue.tokens[venue.men[0]])
    with ctx.uow() as uow:
        cards.enter_interest_card(uow, event_id=venue.event_id, card_plate="F01", ticked=["M01"])
        cards.enter_interest_card(uow, event_id=venue.event_id, card_plate="F02", ticked=["M01"])
        ev.cancel_registration(uow, registration_id=venue.women[1])
    page.tabs.setCurrentWidget(page.after)
    page.after.refresh()
    note = page.after.aside_note.text()
    first, second = note.splitlines()
    assert "1 interest cards are kept aside: their owners (F01) have no check-in" in first
    assert "Interest cards tab" in first and "F02" not in first
    assert second.startswith("1 interest cards belong to registrations that hold no place (F02")
    assert "organiser approves" in second and "Interest cards tab" not in second
