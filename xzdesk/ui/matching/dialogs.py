"""Dialogs of the introductions board: contacts (after the audited reveal), meeting date,
withdrawal reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from xzdesk.domain.introductions.dto import IntroductionContactsInfo
from xzdesk.domain.introductions.models import BlockReason, WithdrawReason
from xzdesk.ui.matching import labels


class ContactsDialog(QDialog):
    """Both sides' contact details, shown once after an audited reveal; nothing is kept."""

    def __init__(self, info: IntroductionContactsInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Contact details"))
        grid = QGridLayout()
        headers = (self.tr("Member no."), self.tr("Name"), self.tr("Mobile"), self.tr("WeChat"))
        for col, text in enumerate(headers):
            head = QLabel(text)
            head.setStyleSheet("font-weight: bold;")
            grid.addWidget(head, 0, col)
        self.values: list[list[QLabel]] = []
        for row, c in enumerate((info.a, info.b), start=1):
            cells = []
            for col, text in enumerate((c.member_no, c.name, c.mobile, c.wechat or "—")):
                label = QLabel(text)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(label, row, col)
                cells.append(label)
            self.values.append(cells)
        note = QLabel(self.tr("This view was recorded in the audit log. Pass the details on to the two members "
                              "only; do not copy them anywhere else."))  # fmt: skip
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(buttons)


class MeetingDialog(QDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record meeting"))
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setObjectName("met_on")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("The two met on"), self.date)
        form.addRow(buttons)

    def met_on(self) -> date:
        d = self.date.date()
        return date(d.year(), d.month(), d.day())


class WithdrawDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Withdraw introduction"))
        self.setMinimumWidth(380)
        self.reason = QComboBox()
        self.reason.setObjectName("withdraw_reason")
        for r in WithdrawReason:
            self.reason.addItem(labels.withdraw_reason(r.value), r.value)
        hint = QLabel(self.tr("Withdrawing is final: these two will not be proposed to each other again."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(hint)
        form.addRow(buttons)


class BlockDialog(QDialog):
    """Never suggest or introduce two members to each other (a block can be lifted later)."""

    def __init__(self, pair: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Never suggest this pair"))
        self.setMinimumWidth(380)
        self.reason = QComboBox()
        self.reason.setObjectName("block_reason")
        for r in BlockReason:
            self.reason.addItem(labels.block_reason(r.value), r.value)
        hint = QLabel(self.tr("{pair} will not be suggested to each other or introduced.").format(pair=pair))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(hint)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(buttons)
