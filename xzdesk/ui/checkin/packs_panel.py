"""Preparing venue laptops and bringing their records back: the venue list for laptops enrolled
by sync, and venue packs on a USB stick when there is no network (office -> venue -> office)."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.checkin import packs, queries
from xzdesk.domain.checkin.dto import PackExportInfo, PackImportInfo, PackRow, ReconcileInfo
from xzdesk.domain.checkin.service import reconcile_event
from xzdesk.domain.errors import XzError
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui.messages import describe, show_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import setup_table


class PassphraseDialog(QDialog):
    """Shows a new pack passphrase once, large, with a copy button."""

    def __init__(self, passphrase: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pack passphrase"))
        text = QLineEdit(passphrase)
        text.setObjectName("pack_passphrase")
        text.setReadOnly(True)
        font = QFont("monospace")
        font.setPointSize(18)
        text.setFont(font)
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(passphrase))
        info = QLabel(self.tr("The event pack was written to {path}.\nTell this passphrase to the venue staff by "
                              "phone or on paper kept apart from the USB stick: whoever has both can open the pack. "
                              "It is not shown again.").format(path=path))  # fmt: skip
        info.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(text)
        layout.addWidget(copy)
        layout.addWidget(buttons)


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _section(title: str, note: QLabel, button: QPushButton) -> QGroupBox:
    """A titled box: what this step is for, then its button at its natural width."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(note)
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    return box


class PacksPanel(QWidget):
    sig_imported = Signal()

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._history_generation = 0
        self.ctx, self.ops = ctx, ops
        self.event_id: str | None = None
        self.last_export: PackExportInfo | None = None
        self.last_import: PackImportInfo | None = None
        self.last_path: Path | None = None

        self.roster_note = QLabel()
        self.roster_note.setObjectName("roster_note")
        self.roster_note.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export event pack for a venue laptop…"))
        self.export_button.setObjectName("export_event_pack")
        self.export_button.clicked.connect(lambda: self._on_export())
        self.import_button = QPushButton(self.tr("Import a pack…"))
        self.import_button.setObjectName("import_pack")
        self.import_button.clicked.connect(lambda: self._on_import())
        self.return_button = QPushButton(self.tr("Export return pack for the office…"))
        self.return_button.setObjectName("export_return_pack")
        self.return_button.clicked.connect(lambda: self._on_return())
        self.outcome = QLabel()
        self.outcome.setObjectName("pack_outcome")
        self.outcome.setWordWrap(True)
        self.history = QTableWidget(0, 4)
        self.history.setObjectName("pack_history")
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Pack"), self.tr("Station"), self.tr("Rows")])
        setup_table(self.history)

        office = _section(self.tr("Office"), self.roster_note, self.export_button)
        venue = _section(self.tr("Venue laptop"), _note(self.tr(
            "After the event, take this laptop's check-ins, walk-ins and interest cards back to the office:")),
            self.return_button)  # fmt: skip
        both = _section(self.tr("Both"), _note(self.tr(
            "A venue laptop imports the office's event pack; the office imports the venue's return pack:")),
            self.import_button)  # fmt: skip
        note = QLabel(self.tr("Without network: export an event pack at the office, import it on the venue laptop "
                              "with its passphrase; after the event export the return pack there and import it "
                              "here. Importing a pack twice changes nothing."))  # fmt: skip
        note.setWordWrap(True)
        steps = QHBoxLayout()  # the three steps side by side: the tab stays short on a 720 px screen
        for box in (office, venue, both):
            steps.addWidget(box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(steps)
        layout.addWidget(self.outcome)
        layout.addWidget(QLabel(self.tr("Packs made or imported on this laptop")))
        layout.addWidget(self.history, 1)
        self.apply_permissions()

    def apply_permissions(self) -> None:
        actor = self.ctx.actor
        manage = bool(actor and actor.can(Permission.EVENTS_MANAGE))
        venue = bool(actor and actor.can(Permission.CHECKIN))
        self.export_button.setEnabled(manage and self.event_id is not None)
        self.return_button.setEnabled(venue and self.event_id is not None)
        self.import_button.setEnabled(manage or venue)

    def set_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        self.apply_permissions()
        self.refresh()

    def refresh(self) -> None:
        expected = self.ops.peek(queries.counts, event_id=self.event_id).total.expected if self.event_id else 0
        if self.event_id is None:
            self.roster_note.setText(self.tr("No event chosen: the office writes the pack of the event chosen at the "
                                             "top of this screen."))  # fmt: skip
        else:
            self.roster_note.setText(self.tr(
                "The venue list of this event follows its registrations by itself ({n} people expected): approvals, "
                "cancellations, the waiting list and seats reach it at once. Venue laptops enrolled by sync get it at "
                "their next sync; a laptop without network gets it in an event pack:").format(n=expected))  # fmt: skip
        self._history_generation += 1
        generation = self._history_generation
        self.ops.run(lambda s, _p, _c: queries.pack_history(s), mode="read",  # sorts every pack: a reader thread
                     on_done=lambda rows: self._fill_history(generation, rows))  # fmt: skip

    def _fill_history(self, generation: int, data: list[PackRow]) -> None:
        if generation != self._history_generation or not shiboken6.isValid(self):
            return  # a newer list is on its way, or the screen is gone
        kinds = {
            "event_out": self.tr("event pack made"),
            "event_in": self.tr("event pack imported"),
            "return_out": self.tr("return pack made"),
            "return_in": self.tr("return pack imported"),
        }
        self.history.setRowCount(len(data))
        for i, row in enumerate(data):
            values = [row.at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M"), f"{kinds.get(row.kind, row.kind)} {row.event_code}",
                      row.station, str(row.rows)]  # fmt: skip
            for j, value in enumerate(values):
                self.history.setItem(i, j, QTableWidgetItem(value))

    def _fail(self, exc: BaseException) -> None:
        if isinstance(exc, XzError):
            self.outcome.setStyleSheet("color: #c62828;")
            self.outcome.setText(describe(exc))
            return
        show_error(self, exc)

    def _ok(self, text: str) -> None:
        self.outcome.setStyleSheet("color: #2e7d32;")
        self.outcome.setText(text)

    # --- office ---------------------------------------------------------------------------------
    def _on_export(self) -> None:
        event_id = self.event_id
        if not event_id:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Where to write the event pack (e.g. the USB stick)"))
        if not folder:
            return
        passphrase = packs.new_passphrase()

        def job(uow, progress, cancel):  # type: ignore[no-untyped-def]
            info = packs.export_event_pack(uow, event_id=event_id, passphrase=passphrase, progress=progress,
                                           cancel=cancel)  # fmt: skip
            path = packs.write_pack(info.data, Path(folder) / info.suggested_name)
            return info, path

        self.ops.run(job, on_done=lambda r: self._on_exported(r, passphrase), on_error=self._fail,
                     title=self.tr("Writing the event pack"), parent=self)  # fmt: skip

    def _on_exported(self, result: tuple[PackExportInfo, Path], passphrase: str) -> None:
        info, path = result
        self.last_export, self.last_path = info, path
        self._ok(self.tr("Event pack for station {station} written: {path}").format(station=info.header.station, path=path))
        self.refresh()
        PassphraseDialog(passphrase, path, self).exec()

    # --- venue --------------------------------------------------------------------------------
    def _on_return(self, passphrase: str | None = None) -> None:
        event_id = self.event_id
        if not event_id:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Where to write the return pack (e.g. the USB stick)"))
        if not folder:
            return

        def job(uow, progress, cancel):  # type: ignore[no-untyped-def]
            info = packs.export_return_pack(uow, event_id=event_id, passphrase=passphrase, progress=progress,
                                            cancel=cancel)  # fmt: skip
            return info, packs.write_pack(info.data, Path(folder) / info.suggested_name)

        self.ops.run(job, on_done=self._on_returned, on_error=self._on_return_error,
                     title=self.tr("Writing the return pack"), parent=self)  # fmt: skip

    def _on_return_error(self, exc: BaseException) -> None:
        if isinstance(exc, XzError) and exc.code == "checkin.pack_passphrase_required":
            text, ok = QInputDialog.getText(self, self.tr("Return pack passphrase"),
                                            self.tr("This laptop was prepared by sync, not with an event pack. Choose "
                                                    "a passphrase (at least 12 characters) and tell it to the office:"),
                                            QLineEdit.EchoMode.Normal)  # fmt: skip
            if ok and text.strip():
                self._on_return(text.strip())
            return
        self._fail(exc)

    def _on_returned(self, result: tuple[PackExportInfo, Path]) -> None:
        info, path = result
        self.last_export, self.last_path = info, path
        self._ok(self.tr("Return pack written: {path} ({scans} scans, {walk_ins} walk-ins, {cards} cards).").format(
            path=path, scans=info.counts["checkin_scan"], walk_ins=info.counts["checkin_walk_in"],
            cards=info.counts["interest_card"]))  # fmt: skip
        self.refresh()

    # --- import -------------------------------------------------------------------------------
    def _on_import(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Open a venue pack"), "",
                                                    self.tr("Venue packs (*.xzpack)"))  # fmt: skip
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path, passphrase: str | None = None) -> None:
        try:
            data = packs.read_pack_file(path)
            header = packs.read_pack_header(data)
        except XzError as exc:
            self._fail(exc)
            return
        if header.key_source == "passphrase" and passphrase is None:
            # Shown as typed: it was read out by phone or from paper, and a typo in 20 hidden
            # characters cannot be found (the office showed it openly too).
            text, ok = QInputDialog.getText(self, self.tr("Pack passphrase"), self.tr(
                "Passphrase of the pack for event {code}, as the office gave it (upper or lower case, with or "
                "without the hyphens):").format(code=header.event_code), QLineEdit.EchoMode.Normal)  # fmt: skip
            if not ok:
                return
            passphrase = text
        self.ops.run(lambda uow, p, c: packs.import_pack(uow, data=data, passphrase=passphrase, progress=p, cancel=c),
                     on_done=self._on_imported, on_error=self._fail, title=self.tr("Importing the pack"), parent=self)  # fmt: skip

    def _on_imported(self, info: PackImportInfo) -> None:
        self.last_import = info
        added = sum(info.added.values())
        if info.stale and not info.already_imported:
            self.outcome.setStyleSheet("color: #c62828;")
            self.outcome.setText(self.tr(
                "This is event pack number {number} of “{name}”; number {latest} was imported here already. An older "
                "pack, or the same one again, changes nothing: import the newest pack from the office.").format(
                number=info.header.sequence, name=info.event_name, latest=info.latest_sequence))  # fmt: skip
            return
        if info.already_imported and not info.changed:
            text = self.tr("This pack was imported before: nothing changed.")
        elif info.header.kind == "event":
            text = self.tr("Event “{name}” ready on this laptop: {n} rows added or updated.").format(
                name=info.event_name, n=added + sum(info.updated.values()))  # fmt: skip
        else:
            text = self.tr("Return pack of “{name}” imported: {n} new rows.").format(name=info.event_name, n=added)
        self._ok(text)
        self.refresh()
        self.sig_imported.emit()
        actor = self.ctx.actor
        if (info.header.kind == "return" and info.changed and actor is not None and actor.can(Permission.EVENTS_MANAGE)
                and actor.can(Permission.MEMBERS_EDIT)):  # fmt: skip
            event_id = info.header.event_id
            self.ops.run(lambda uow, _p, _c: reconcile_event(uow, event_id=event_id),
                         on_done=lambda r: self._on_reconciled(text, r), on_error=self._fail)  # fmt: skip

    def _on_reconciled(self, before: str, info: ReconcileInfo) -> None:
        extra = self.tr("Case files created: {created}, linked: {linked}, marked attended: {attended}.").format(
            created=info.created, linked=info.linked, attended=info.attended)  # fmt: skip
        if info.problems:
            extra += " " + self.tr("{n} walk-ins need checking: see “After the event”.").format(n=len(info.problems))
        self._ok(f"{before}\n{extra}")
        self.sig_imported.emit()
