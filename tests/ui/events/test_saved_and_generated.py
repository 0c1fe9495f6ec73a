"""Prints and exports from the 活动 screen say where they were saved and offer to open them, and
generating a rotation gives a visible confirmation (issue 10, items 14 and 20)."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import wait_jobs
from tests.ui.events._setup import add_guests, make_event, seated_event
from tests.ui.events.test_rotations_and_print import open_event
from xzdesk.ui.saved import prints_folder


def test_saving_a_print_says_where_and_defaults_to_the_prints_folder(qtbot, window, ctx, tmp_path, announced,
                                                                     monkeypatch):
    event_id = seated_event(ctx, men=3, women=3, tables=1, capacity=6)
    page = open_event(qtbot, window, event_id)
    dialog = page.make_print_dialog("seat-chart")
    qtbot.addWidget(dialog)
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.pdf is not None, timeout=15000)
    out = tmp_path / "chart.pdf"
    assert dialog.save_as(str(out)) == out and out.read_bytes().startswith(b"%PDF")
    kind, title, text = announced[-1]
    assert kind == "saved" and title == "PDF saved" and str(out) in text
    assert "Seat chart: 2 page(s), 1 item(s)." in text  # the plan, then the find-your-table list
    assert str(out) in dialog.result_label.text()
    # the save box opens in the database's prints folder, never in the home folder
    chosen = []

    def pick(_parent, _caption, default, _filter):
        chosen.append(default)
        return "", ""

    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(pick))
    assert dialog.save_as() is None
    assert Path(chosen[0]).parent == prints_folder(ctx) and Path(chosen[0]).name == dialog.default_file_name()


def test_export_says_where_the_list_went(qtbot, window, ctx, tmp_path, announced):
    event_id = make_event(ctx)
    add_guests(ctx, event_id, men=2, women=2)
    page = open_event(qtbot, window, event_id, tab=1)
    out = tmp_path / "list.xlsx"
    page.registrations.export(str(out))
    qtbot.waitUntil(lambda: bool(announced), timeout=10000)
    kind, title, text = announced[-1]
    assert kind == "saved" and title == "Attendee list saved" and str(out) in text and "4 attendees" in text


def test_generating_a_rotation_confirms_it_and_leads_to_the_cards(qtbot, window, ctx, monkeypatch, announced):
    event_id = make_event(ctx, kind="speed_dating")
    add_guests(ctx, event_id, men=4, women=4)
    page = open_event(qtbot, window, event_id, tab=3)
    tab = page.rotations
    tab.break_every.setValue(2)
    tab.break_minutes.setValue(10)
    tab.generate()
    qtbot.waitUntil(lambda: any(k == "rotation" for k, _t, _x in announced), timeout=10000)
    _kind, title, text = next(a for a in announced if a[0] == "rotation")
    view = tab.view
    assert title == "Rotation generated"
    assert f"{view.n_rounds} rounds at 4 tables, {len(view.slots)} meetings, from 14:45 to" in text
    first = view.breaks[0]
    assert f"Breaks for everyone: {tab.clock(first.start_minute)}–{tab.clock(first.end_minute)}" in text
    assert first.end_minute - first.start_minute == 10 and "Print… → Speed-dating cards" in text
    # asking for the cards opens the print dialog on them
    opened = []
    monkeypatch.setattr(page, "open_print_dialog", lambda document="badges": opened.append(document))
    monkeypatch.setattr("xzdesk.ui.events.rotations._ask_print_cards", lambda *_a: True)
    tab.generate()
    qtbot.waitUntil(lambda: opened == ["cards"], timeout=10000)
    wait_jobs(qtbot, window)
