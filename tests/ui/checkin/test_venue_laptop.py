"""A venue laptop as the walk found it: before the pack it says how an event gets there (it said
"Ready — choose the event" with nothing to choose, and "0 people expected"); the pack passphrase
read out by phone is typed in the open (a slip in 20 hidden characters cannot be found) and case
and hyphens do not matter."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit

from tests.accounts import first_run
from tests.domain.checkin._factory import make_venue
from tests.e2e.walker import Modal
from xzdesk.app_context import AppContext
from xzdesk.domain.checkin import packs
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import unit_of_work


def test_the_pack_passphrase_is_typed_in_the_open(qtbot, window, ctx, tmp_path):
    venue = make_venue(ctx.store, ctx.actor, men=1, women=1)
    with unit_of_work(ctx.store, ctx.actor) as uow:
        pack = packs.export_event_pack(uow, event_id=venue.event_id, passphrase="K7Q2-9FHM-4TZD-8WXA-R3PN")
    path = packs.write_pack(pack.data, tmp_path / pack.suggested_name)
    page = window.show_page("checkin")
    seen: dict[str, object] = {}

    def look(dialog: QInputDialog) -> None:
        field = dialog.findChild(QLineEdit)
        seen["echo"], seen["label"] = field.echoMode(), dialog.labelText()
        dialog.reject()

    with Modal(QInputDialog, look):
        page.packs.import_file(path)
    assert seen["echo"] == QLineEdit.EchoMode.Normal
    assert pack.header.event_code in seen["label"] and "hyphens" in seen["label"]


def test_a_laptop_without_an_event_says_how_one_gets_there(qtbot, tmp_path):
    from xzdesk.ui.main_window import MainWindow

    ctx = AppContext.open(home=tmp_path / "venue")
    first_run(ctx, username="door", role=Role.EVENT_STAFF, display_name="门岗小赵")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    try:
        window.show()
        window.start()
        page = window.pages["checkin"]
        banner = page.scan.banner
        window.ops.wait_idle()  # the event list is read on a reader thread
        qtbot.waitUntil(lambda: banner.title.text() == "No event on this laptop yet", timeout=5000)
        assert "Venue packs" in banner.detail.text() and "choose" not in banner.detail.text().lower()
        assert "0 people" not in page.packs.roster_note.text()
    finally:
        window.ops.wait_idle()
        window.close()
        ctx.close()
