"""Dialogs of the 报表 screen: a new rights request, a typed reason, the erasure confirmation,
choosing the handler, a correction of the case file and the consents to withdraw."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from xzdesk.domain.members.dto import MemberInfo
from xzdesk.domain.privacy.codes import RequestChannel, RequestKind
from xzdesk.domain.staff.service import StaffInfo
from xzdesk.ui import labels
from xzdesk.ui.members.form import IDENTITY, MemberForm, field_label, form_changes
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


class CorrectionDialog(QDialog):
    """Correct or supplement a case file as the member asked (PIPL Art. 46): the case-file form
    with its checks, identity masked until revealed through `reveal(then)` (the caller's audited
    reveal with a reason, which calls `then(values)`). OK once something changed and nothing blocks."""

    def __init__(self, info: MemberInfo, staff: list[StaffInfo], *,
                 reveal: Callable[[Callable[[dict[str, Any]], None]], None] | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.info = info
        self.revealed: dict[str, Any] = {}
        self._reveal = reveal
        self.setWindowTitle(self.tr("Correct or supplement member {member_no}").format(member_no=info.member_no))
        self.resize(720, 620)
        self.form = MemberForm(staff=staff, new=False)
        self.form.set_identity_masked(
            {"name": info.name_masked, "id_number": info.id_masked, "mobile": info.mobile_masked, "wechat": ""}
        )
        self.form.set_values(info.fields)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.reveal_button = QPushButton(self.tr("Show identity to correct it…"))
        self.reveal_button.setObjectName("correction_reveal")
        self.reveal_button.setEnabled(reveal is not None)
        self.reveal_button.clicked.connect(lambda: self._reveal(self.show_revealed) if self._reveal else None)
        self.summary = QLabel()
        self.summary.setObjectName("correction_summary")
        self.summary.setWordWrap(True)
        hint = QLabel(self.tr("Change only what the member asked to correct or add. The case file is saved through "
                              "the usual checks, and the request records which fields were corrected."))  # fmt: skip
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Correct and close the request"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.form.sig_edited.connect(self._update)
        self._update()

    def show_revealed(self, values: dict[str, Any]) -> None:
        self.revealed = {**values, "sex": self.info.fields["sex"], "birth_date": self.info.fields["birth_date"]}
        self.form.reveal({k: values.get(k) for k in IDENTITY})
        self.form.set_values({"sex": self.info.fields["sex"], "birth_date": self.info.fields["birth_date"]})
        self.reveal_button.setEnabled(False)
        self._update()

    def changes(self) -> dict[str, Any]:
        return form_changes(self.form, self.info.fields, self.revealed)

    def _update(self) -> None:
        changes = self.changes()
        blocking = self.form.blocking_problems()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(changes) and not blocking)
        if blocking:
            self.summary.setText(self.tr("{n} field(s) need correcting first.").format(n=len(blocking)))
        elif changes:
            self.summary.setText(self.tr("To be corrected: {fields}").format(
                fields="、".join(field_label(k) for k in sorted(changes))))  # fmt: skip
        else:
            self.summary.setText(self.tr("Nothing changed yet."))


class WithdrawalDialog(QDialog):
    """The consents the member withdraws (only those in force can be chosen)."""

    def __init__(self, member_no: str, in_force: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Withdraw consents of member {member_no}").format(member_no=member_no))
        self.setMinimumWidth(420)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("Tick the consents the member withdraws. Withdrawal takes effect at once; withdrawing "
                              "basic processing ends the case."))  # fmt: skip
        text.setWordWrap(True)
        layout.addWidget(text)
        for ctype in in_force:
            box = QCheckBox(labels.consent(ctype))
            box.setObjectName(f"withdraw_{ctype}")
            box.toggled.connect(lambda _c: self._update())
            self.boxes[ctype] = box
            layout.addWidget(box)
        if not in_force:
            layout.addWidget(QLabel(self.tr("The member has no consent in force: refuse the request with that reason.")))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Withdraw and close the request"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def chosen(self) -> list[str]:
        return [ctype for ctype, box in self.boxes.items() if box.isChecked()]

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.chosen()))
