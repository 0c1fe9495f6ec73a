"""The invitation dialog (issue 10, item 8): the count agrees with the table, members who may
not come are shown on request with the reason in words, and select all / invert / none."""

from __future__ import annotations

from tests.ui.events._setup import make_event
from tests.ui.events.test_events_page import open_page
from xzdesk.domain.events.queries import check_eligibility
from xzdesk.domain.members.queries import MemberFilter, list_member_ids
from xzdesk.ui import labels as core_labels


def _dialog(qtbot, window, ctx, **event):
    event_id = make_event(ctx, **event)
    page = open_page(qtbot, window, event_id)
    dialog = page.registrations.make_invite_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.rows) and not window.ops.busy, timeout=10000)
    return dialog, event_id


def test_the_count_agrees_with_the_table_and_hidden_members_come_with_reasons(qtbot, window, ctx):
    dialog, event_id = _dialog(qtbot, window, ctx, age_min=25, age_max=32, capacity=40, quota_male=20,
                               quota_female=20)  # fmt: skip
    with ctx.store.read() as s:
        ids = list_member_ids(s, MemberFilter(), blind_index=ctx.store.blind_index, today=None)[:300]
        rows = check_eligibility(s, event_id=event_id, member_ids=ids)
    may = [r for r in rows if r.eligible and r.registration_status is None]
    may_not = [r for r in rows if not r.eligible]
    assert may and may_not
    # by default only those who may come are listed, and the count says so and how many are hidden
    assert dialog.table.rowCount() == len(may)
    text = dialog.found.text()
    assert f"{len(may)} shown" in text and f"{len(may_not)} who may not come are hidden" in text
    # on request everyone is listed, each with the reason in words
    dialog.show_ineligible.setChecked(True)
    assert dialog.table.rowCount() == len(rows)
    assert f"{len(rows)} shown, {len(may)} may come" in dialog.found.text()
    assert "hidden" not in dialog.found.text()
    reasons = {dialog.table.item(r, 1).text(): dialog.table.item(r, 7).text() for r in range(dialog.table.rowCount())}
    old = next(r for r in may_not if r.age > 32 and r.problems == ("age",))
    assert reasons[old.member_no] == f"No: age {old.age} is outside 25–32"
    unready = next(r for r in may_not if "status" in r.problems)
    status = next(x.params["status"] for x in unready.reasons if x.code == "status")
    assert f"case status is “{core_labels.status(status)}”, needs to be “Active” or “Verified”" \
        in reasons[unready.member_no]
    assert dialog.table.item(0, 7).toolTip() or reasons[dialog.table.item(0, 1).text()] == "Yes"
    # the sex filter: the count still describes the table
    dialog.sex.setCurrentIndex(dialog.sex.findData(2))
    women = [r for r in rows if r.sex == 2]
    assert dialog.table.rowCount() == len(women) and f"{len(women)} shown" in dialog.found.text()


def test_select_all_invert_and_none(qtbot, window, ctx):
    dialog, _event_id = _dialog(qtbot, window, ctx, capacity=60, quota_male=30, quota_female=30)
    pickable = [r for r in dialog.visible_rows() if dialog.can_pick(r)]
    assert pickable and "0 selected" in dialog.picked_label.text()
    dialog.select_all_button.click()
    assert len(dialog.picked) == len(pickable) and f"{len(pickable)} selected" in dialog.picked_label.text()
    assert dialog.invite_button.isEnabled()
    dialog.invert_button.click()
    assert dialog.picked == [] and not dialog.invite_button.isEnabled()
    # invert a partial pick: the others are picked, the picked ones dropped
    dialog.pick_visible(2)
    first_two = list(dialog.picked)
    dialog.invert_button.click()
    assert len(dialog.picked) == len(pickable) - 2 and not set(first_two) & set(dialog.picked)
    # those who may not come are never picked, even when shown
    dialog.show_ineligible.setChecked(True)
    dialog.select_all_button.click()
    assert len(dialog.picked) == len(pickable) and all(dialog.can_pick(dialog.picked_rows[m]) for m in dialog.picked)
    dialog.none_button.click()
    assert dialog.picked == [] and "0 selected" in dialog.picked_label.text()
