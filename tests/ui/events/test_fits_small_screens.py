"""The 活动 screen's own widgets fit a 1280×720 office laptop (issue 10, items 3 and 7): the page
(browser beside the event's tabs), the print dialog for every document, and the invite dialog
never ask for more than the screen."""

from __future__ import annotations

from tests.ui.events._setup import seated_event
from tests.ui.events.test_rotations_and_print import open_event

# 1280×720 less the navigation column, the window frame, the menu and the status bar
PAGE_ROOM = (1280 - 130, 720 - 110)
DIALOG_ROOM = (1280 - 40, 720 - 60)


def fits(size, room) -> bool:
    return size.width() <= room[0] and size.height() <= room[1]


def test_events_page_and_dialogs_fit_1280_by_720(qtbot, window, ctx):
    event_id = seated_event(ctx, men=3, women=3, tables=1, capacity=6)
    page = open_event(qtbot, window, event_id)
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        assert fits(page.minimumSizeHint(), PAGE_ROOM), (tab, page.minimumSizeHint())
    for document in ("badges", "tents", "seat-chart", "sign-in", "calibration"):
        dialog = page.make_print_dialog(document)
        qtbot.addWidget(dialog)
        assert fits(dialog.minimumSizeHint(), DIALOG_ROOM), (document, dialog.minimumSizeHint())
        room = dialog.screen().availableGeometry()
        assert dialog.width() <= room.width() and dialog.height() <= room.height()
    invite = page.registrations.make_invite_dialog()
    qtbot.addWidget(invite)
    assert fits(invite.minimumSizeHint(), DIALOG_ROOM) and fits(invite.size(), DIALOG_ROOM)
