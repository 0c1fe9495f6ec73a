"""The venue laptop types the pack passphrase it was read out by phone: the field shows what is
typed (a slip in 20 hidden characters cannot be found) and says that case and hyphens do not
matter (the walk found a masked field for a passphrase the office shows openly)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit

from tests.domain.checkin._factory import make_venue
from tests.e2e.walker import Modal
from xzdesk.domain.checkin import packs
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
