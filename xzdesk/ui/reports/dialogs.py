"""Dialogs of the 报表 screen: a new rights request, a typed reason, the erasure confirmation,
choosing the handler."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from xzdesk.domain.privacy.rights_dto import RequestChannel, RequestKind
from xzdesk.domain.staff.service import StaffInfo
from xzdesk.ui.reports import messages as words


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class NewRequestDialog(QDialog):
    """Record a request received from a member: who (member number), what, when, how."""

    def __init__(self, officers: list[StaffInfo], *, today: date, me: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New rights request"))
        self.member_no = QLineEdit()
        self.member_no.setObjectName("member_no")
        self.member_no.setPlaceholderText("XZ…")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for k in RequestKind:
            self.kind.addItem(words.kind(k.value), k.value)
        self.received = QDateEdit(qdate(today))
        self.received.setObjectName("received")
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.received.setMaximumDate(qdate(today))
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for c in RequestChannel:
            if c != RequestChannel.RETENTION_REVIEW:
                self.channel.addItem(words.channel(c.value), c.value)
        self.handler = QComboBox()
        self.handler.setObjectName("handler")
        for s in officers:
            self.handler.addItem(s.display_name, s.id)
        self.handler.setCurrentIndex(max(0, self.handler.findData(me)))
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("optional: the basis the member gives, no identifiers"))
        form = QFormLayout(self)
        form.addRow(self.tr("Member number"), self.member_no)
        form.addRow(self.tr("Request"), self.kind)
        form.addRow(self.tr("Received on"), self.received)
        form.addRow(self.tr("Received by"), self.channel)
        form.addRow(self.tr("Handled by"), self.handler)
        form.addRow(self.tr("Note"), self.note)
        hint = QLabel(self.tr("The answer is due within 15 working days (weekends and public holidays excluded)."))
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _on_ok(self) -> None:
        if not self.member_no.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Please type the member number."))
            return
        self.accept()

    def values(self) -> dict[str, object]:
        return {
            "member_no": self.member_no.text().strip(),
            "kind": self.kind.currentData(),
            "received_on": to_date(self.received.date()),
            "channel": self.channel.currentData(),
            "handler_id": self.handler.currentData(),
            "note": self.note.text().strip() or None,
        }


class ConfirmErasureDialog(QDialog):
    """The erasure cannot be undone: the officer types the member number again."""

    def __init__(self, member_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.member_no = member_no
        self.setWindowTitle(self.tr("Erase a member"))
        self.typed = QLineEdit()
        self.typed.setObjectName("typed")
        text = QLabel(self.tr(
            "All data of member {member_no} will be deleted from this computer for good: case file, "
            "consents, notes, introductions, event history, check-ins. Backups of this database are "
            "deleted too, and the erasure is sent to the server at the next sync. Only the audit trail "
            "(ids and names of actions) remains.\n\nType the member number to confirm:"
        ).format(member_no=member_no))  # fmt: skip
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.typed)
        layout.addWidget(buttons)

    def _on_ok(self) -> None:
        if "".join(self.typed.text().split()).upper() != self.member_no:
            QMessageBox.warning(self, self.windowTitle(), self.tr("The member number does not match."))
            return
        self.accept()


class AssignDialog(QDialog):
    def __init__(self, officers: list[StaffInfo], current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign the request"))
        self.handler = QComboBox()
        self.handler.setObjectName("handler")
        for s in officers:
            self.handler.addItem(s.display_name, s.id)
        self.handler.setCurrentIndex(max(0, self.handler.findData(current)))
        form = QFormLayout(self)
        form.addRow(self.tr("Handled by"), self.handler)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
