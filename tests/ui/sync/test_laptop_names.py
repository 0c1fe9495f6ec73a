"""A laptop has one short name everywhere: 同步 says the name 签到's scan log gives it (the walk
found 同步 showing the first characters of the device id, a timestamp the same on every laptop
set up that minute, while the scan log said 笔记本 NNJ9)."""

from __future__ import annotations

from xzdesk.domain.checkin.service import device_label
from xzdesk.sync.conflicts import ConflictPartyRow
from xzdesk.ui.checkin.messages import device_name
from xzdesk.ui.sync.page import party_text


def test_sync_screen_names_this_laptop_as_the_scan_log_does(qtbot, window, ctx):
    page = window.show_page("sync")
    window.sync.refresh_status()
    qtbot.waitUntil(lambda: page.fields["device"].text() != "", timeout=5000)
    label = device_label(ctx.store.device_id)
    assert page.fields["device"].text() == label
    assert label in device_name(ctx.store.device_id, here=False)
    assert ctx.store.device_id[:8] not in page.fields["device"].text()


def test_a_conflict_from_an_unnamed_laptop_names_it_the_same_way():
    other = "01a24bff-1234-7abc-8def-0123456789ab"
    text = party_text(ConflictPartyRow(device_id=other, device_label=None, operator_id="s1", operator_name="李红娘",
                                       at=None))  # fmt: skip
    assert device_label(other) in text and "01a24b" not in text
