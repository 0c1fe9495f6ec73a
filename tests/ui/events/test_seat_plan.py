"""The seat-plan tab on a real store: dragging guests (with the score preview), the database after
each drop, undo/redo through the services, locks, pins, tables, and the automatic arrangement
with Stop."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.ui.conftest import wait_jobs
from tests.ui.events._setup import add_guests, make_event, seated_event, seats_in_db
from xzdesk.domain.events.models import EventSeat, EventTable
from xzdesk.domain.seating import SeatRef
from xzdesk.ui.events.floorplan import GuestItem, SeatItem


def open_seat_plan(qtbot, window, event_id):
    page = window.show_page("events")
    page.open_event(event_id)
    qtbot.waitUntil(lambda: page.info is not None and page.info.id == event_id, timeout=5000)
    page.tabs.setCurrentIndex(2)
    tab = page.seat_plan
    qtbot.waitUntil(lambda: tab.state is not None and tab.state.event_id == event_id, timeout=5000)
    wait_jobs(qtbot, window)
    return page, tab


def settle(qtbot, window, tab, *, check=lambda: True):
    """Wait for the edit jobs, then for the reload they trigger."""
    qtbot.waitUntil(lambda: tab.edits_running == 0 and not window.ops.busy, timeout=10000)
    generation = tab._generation
    tab.reload()
    qtbot.waitUntil(lambda: tab._generation == generation + 1 and not window.ops.busy, timeout=5000)
    qtbot.waitUntil(check, timeout=5000)


def empty_seat(tab) -> SeatRef:
    taken = set(tab.state.plan.seats.values())
    for table in tab.state.tables:
        for i in range(table.capacity):
            if SeatRef(table.id, i) not in taken:
                return SeatRef(table.id, i)
    raise AssertionError("no empty seat")


def test_floor_plan_shows_tables_seats_and_guests(qtbot, window, ctx):
    event_id = seated_event(ctx)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    scene = tab.scene
    assert len(scene.tables) == 2
    assert sum(len(t.seats) for t in scene.tables.values()) == 16
    assert len(scene.guests) == 12
    seated = [g for g in scene.guests.values() if isinstance(g.parentItem(), SeatItem)]
    assert len(seated) == 12  # the optimiser seated everybody
    for guest in seated:
        assert guest.row.plate[0] in "MF" and guest.row.name_masked.endswith("*")
        assert guest.parentItem().ref == guest.row.seat
    assert tab.score_label.text().startswith("Every hard rule")  # the result in words, no score


def test_drag_a_guest_onto_an_empty_seat_previews_and_moves(qtbot, window, ctx):
    event_id = seated_event(ctx)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    scene = tab.scene
    row = tab.state.rows[0]
    guest = scene.guests[row.registration_id]
    target = empty_seat(tab)
    before_total = tab.score.total
    scene.begin_drag(guest, guest.scenePos())
    scene.drag_to(scene.seat_scene_pos(target))
    preview = scene.preview
    assert preview is not None and preview.refusal is None and preview.target == target
    assert row.plate in tab.preview_label.text()
    expected = before_total + preview.delta.total
    scene.end_drag(scene.seat_scene_pos(target))
    settle(qtbot, window, tab, check=lambda: tab.state.plan.seats.get(row.registration_id) == target)
    assert seats_in_db(ctx, event_id)[row.registration_id] == tuple(target)
    assert tab.score.total == pytest.approx(expected)  # the preview told the truth
    assert tab.undo_stack.count() == 1


def test_drop_on_a_taken_seat_swaps_and_undo_redo_restore_the_database(qtbot, window, ctx):
    event_id = seated_event(ctx)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    a, b = tab.state.rows[0], tab.state.rows[-1]
    seat_a, seat_b = a.seat, b.seat
    original = seats_in_db(ctx, event_id)
    scene = tab.scene
    guest = scene.guests[a.registration_id]
    scene.begin_drag(guest, guest.scenePos())
    scene.end_drag(scene.seat_scene_pos(seat_b))
    # the swap shows at once, before the service answers
    assert guest.parentItem() is scene.seat_item(seat_b)
    assert scene.guests[b.registration_id].parentItem() is scene.seat_item(seat_a)
    settle(qtbot, window, tab, check=lambda: tab.state.plan.seats.get(a.registration_id) == seat_b)
    moved = seats_in_db(ctx, event_id)
    assert moved[a.registration_id] == tuple(seat_b) and moved[b.registration_id] == tuple(seat_a)
    score_after = tab.score.total

    tab.undo_stack.undo()
    settle(qtbot, window, tab, check=lambda: tab.state.plan.seats.get(a.registration_id) == seat_a)
    assert seats_in_db(ctx, event_id) == original

    tab.undo_stack.redo()
    settle(qtbot, window, tab, check=lambda: tab.state.plan.seats.get(a.registration_id) == seat_b)
    assert seats_in_db(ctx, event_id) == moved
    assert tab.score.total == pytest.approx(score_after)


def test_unseat_to_the_bench_then_seat_again_and_undo_both(qtbot, window, ctx):
    event_id = seated_event(ctx)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    original = seats_in_db(ctx, event_id)
    row = tab.state.rows[2]
    scene = tab.scene
    guest = scene.guests[row.registration_id]
    scene.begin_drag(guest, guest.scenePos())
    scene.end_drag(scene.bench.rect.center())
    settle(qtbot, window, tab, check=lambda: row.registration_id not in tab.state.plan.seats)
    assert seats_in_db(ctx, event_id)[row.registration_id] is None
    assert tab.score.unseated == 1 and tab.issue_list.count() >= 1
    bench_guest = tab.scene.guests[row.registration_id]
    assert bench_guest.parentItem() is None and tab.scene.bench.rect.contains(bench_guest.scenePos())
    # back onto another guest's seat: the other one goes to the bench
    other = tab.state.rows[3]
    tab.drop_guest(row.registration_id, other.seat)
    settle(qtbot, window, tab, check=lambda: other.registration_id not in tab.state.plan.seats)
    tab.undo_stack.undo()
    tab.undo_stack.undo()
    settle(qtbot, window, tab, check=lambda: len(tab.state.plan.seats) == 12)
    assert seats_in_db(ctx, event_id) == original


def test_locked_seat_refuses_drops_and_lock_is_undoable(qtbot, window, ctx):
    event_id = seated_event(ctx)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    target = empty_seat(tab)
    tab.set_locked(target, True)
    settle(qtbot, window, tab, check=lambda: target in tab.state.plan.locked)
    with ctx.store.read() as s:
        assert target.seat_index in s.get(EventTable, target.table_id).locked_seats
    assert tab.scene.seat_item(target).locked
    row = tab.state.rows[0]
    preview = tab.scene.preview_drop(row.registration_id, target, on_bench=False)
    assert preview.refusal == "seating.seat_locked"
    guest = tab.scene.guests[row.registration_id]
    tab.scene.begin_drag(guest, guest.scenePos())
    tab.scene.end_drag(tab.scene.seat_scene_pos(target))
    wait_jobs(qtbot, window)
    assert seats_in_db(ctx, event_id)[row.registration_id] == tuple(row.seat)  # nothing moved
    assert guest.parentItem() is tab.scene.seat_item(row.seat)  # put back
    tab.undo_stack.undo()
    settle(qtbot, window, tab, check=lambda: target not in tab.state.plan.locked)
    with ctx.store.read() as s:
        assert target.seat_index not in s.get(EventTable, target.table_id).locked_seats


def test_pinned_guest_keeps_the_seat_from_others(qtbot, window, ctx):
    event_id = seated_event(ctx)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    pinned, other = tab.state.rows[0], tab.state.rows[1]
    menu = tab.context_menu("guest", pinned.registration_id)
    pin_action = next(a for a in menu.actions() if a.text() == "Pin to this seat")
    pin_action.trigger()
    settle(qtbot, window, tab, check=lambda: next(r for r in tab.state.rows if r.registration_id == pinned.registration_id).pinned)
    with ctx.store.read() as s:
        row = s.execute(select(EventSeat).where(EventSeat.registration_id == pinned.registration_id)).scalar_one()
        assert row.pinned
    preview = tab.scene.preview_drop(other.registration_id, pinned.seat, on_bench=False)
    assert preview.refusal == "events.guest_pinned"


def test_a_refused_edit_leaves_no_trace_in_the_history(qtbot, window, ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    event_id = seated_event(ctx)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    target = empty_seat(tab)
    with ctx.uow() as uow:  # someone locks the seat meanwhile (the tab does not know yet)
        from xzdesk.domain.events.seatplans import set_seat_locked

        set_seat_locked(uow, table_id=target.table_id, seat_index=target.seat_index, locked=True)
    row = tab.state.rows[0]
    tab.drop_guest(row.registration_id, target)
    settle(qtbot, window, tab, check=lambda: bool(shown))
    assert tab.undo_stack.count() == 0 and "locked" in shown[0]
    assert seats_in_db(ctx, event_id)[row.registration_id] == tuple(row.seat)


def test_tables_are_added_edited_and_moved(qtbot, window, ctx):
    event_id = make_event(ctx)
    add_guests(ctx, event_id, men=3, women=3)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    assert not tab.arrange_button.isEnabled() and not tab.empty_label.isHidden()
    tab.add_tables(count=2, shape="long", capacity=6)
    settle(qtbot, window, tab, check=lambda: len(tab.state.tables) == 2)
    assert tab.arrange_button.isEnabled()
    table_id = tab.state.table_rows[0].id
    item = tab.scene.tables[table_id]
    old = item.pos()
    item.setPos(old.x() + 55, old.y() + 30)
    tab.move_table(table_id, old, item.pos())
    settle(qtbot, window, tab)
    with ctx.store.read() as s:
        t = s.get(EventTable, table_id)
        assert (t.x, t.y) == (old.x() + 55, old.y() + 30)
    tab.undo_stack.undo()
    settle(qtbot, window, tab)
    with ctx.store.read() as s:
        t = s.get(EventTable, table_id)
        assert (t.x, t.y) == (old.x(), old.y())


def test_arrange_automatically_seats_everyone_and_is_undoable(qtbot, window, ctx):
    event_id = make_event(ctx)
    add_guests(ctx, event_id, men=5, women=5)
    from xzdesk.domain.events.seatplans import add_tables

    with ctx.uow() as uow:
        add_tables(uow, event_id=event_id, count=2, shape="round", capacity=6)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    assert not tab.state.plan.seats
    tab.max_budget_s = 2.0
    tab.arrange()
    assert not tab.arrange_panel.isHidden() and not tab.arrange_button.isEnabled()
    qtbot.waitUntil(lambda: tab.arrange_job is None, timeout=20000)
    settle(qtbot, window, tab, check=lambda: len(tab.state.plan.seats) == 10)
    assert all(v is not None for v in seats_in_db(ctx, event_id).values())
    assert tab.last_arrangement is not None and "Arranged" in tab.arrange_result.text()
    assert tab.score.unseated == 0
    tab.undo_stack.undo()
    settle(qtbot, window, tab, check=lambda: not tab.state.plan.seats)
    assert all(v is None for v in seats_in_db(ctx, event_id).values())


def test_stop_keeps_the_best_plan_so_far(qtbot, window, ctx):
    event_id = make_event(ctx)
    add_guests(ctx, event_id, men=6, women=6)
    from xzdesk.domain.events.seatplans import add_tables

    with ctx.uow() as uow:
        add_tables(uow, event_id=event_id, count=2, shape="round", capacity=8)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    tab.budget.setCurrentIndex(tab.budget.findData(60.0))
    tab.arrange()
    tab.stop_arrange()
    qtbot.waitUntil(lambda: tab.arrange_job is None, timeout=20000)
    assert tab.last_arrangement is not None
    assert tab.last_arrangement.stats.stopped_by.value in ("stopped", "converged")
    settle(qtbot, window, tab, check=lambda: len(tab.state.plan.seats) == 12)


def test_cancel_leaves_the_plan_unchanged(qtbot, window, ctx):
    event_id = seated_event(ctx)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    original = seats_in_db(ctx, event_id)
    tab.budget.setCurrentIndex(tab.budget.findData(60.0))
    tab.arrange()
    tab.cancel_arrange()
    qtbot.waitUntil(lambda: tab.arrange_job is None, timeout=20000)
    wait_jobs(qtbot, window)
    assert tab.undo_stack.count() == 0 and seats_in_db(ctx, event_id) == original


def test_cancel_pressed_as_the_run_ends_still_leaves_the_plan_unchanged(qtbot, window, ctx):
    """The optimiser may finish before it sees the cancel (a small event, a fast machine): the
    result that arrives after the user pressed 取消 is dropped, not saved."""
    event_id = seated_event(ctx)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    original = seats_in_db(ctx, event_id)
    tab.budget.setCurrentIndex(tab.budget.findData(tab.budget.itemData(0)))
    tab.arrange()
    window.ops.wait_idle()  # the run has ended on its thread; its answer waits in the event queue
    tab.cancel_arrange()
    qtbot.waitUntil(lambda: tab.arrange_job is None, timeout=20000)
    wait_jobs(qtbot, window)
    assert tab.undo_stack.count() == 0 and seats_in_db(ctx, event_id) == original
    assert "cancelled" in tab.arrange_result.text()


def test_floor_plan_renders_guests_in_colour(qtbot, window, ctx, tmp_path):
    event_id = seated_event(ctx)
    page, tab = open_seat_plan(qtbot, window, event_id)
    window.resize(1400, 900)
    tab.view.fit()
    qtbot.wait(50)
    image = tab.view.grab().toImage()
    image.save(str(tmp_path / "floor.png"))
    blue = pink = 0
    for x in range(0, image.width(), 3):
        for y in range(0, image.height(), 3):
            c = image.pixelColor(x, y)
            if c.blue() > 200 and c.red() < 180 and c.green() > 170:
                blue += 1
            elif c.red() > 230 and c.green() < 200 and c.blue() > 180:
                pink += 1
    assert blue > 20 and pink > 20
    items = [i for i in tab.scene.items() if isinstance(i, GuestItem)]
    assert len(items) == 12


def test_clear_plan_keeps_locked_seats_and_is_undoable(qtbot, window, ctx):
    event_id = seated_event(ctx)
    _page, tab = open_seat_plan(qtbot, window, event_id)
    original = seats_in_db(ctx, event_id)
    kept = tab.state.rows[0]
    tab.set_locked(kept.seat, True)
    settle(qtbot, window, tab, check=lambda: kept.seat in tab.state.plan.locked)
    tab.clear_plan()
    settle(qtbot, window, tab, check=lambda: len(tab.state.plan.seats) == 1)
    assert tab.state.plan.seats[kept.registration_id] == kept.seat  # the locked seat keeps its guest
    tab.undo_stack.undo()
    settle(qtbot, window, tab, check=lambda: len(tab.state.plan.seats) == 12)
    assert seats_in_db(ctx, event_id) == original
