"""Dialogs of the introductions board: contacts (after the audited reveal), meeting date,
withdrawal reason, a side's decline (who, why, a note)."""

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
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from xzdesk.domain.introductions.codes import (
    DECLINE_NOTE_MAX,
    UNDO_DECLINE_WINDOW,
    BlockReason,
    DeclineReason,
    WithdrawReason,
)
from xzdesk.domain.introductions.dto import IntroductionContactsInfo, IntroductionSideRow
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


class DeclineDialog(QDialog):
    """Record that one side declined: which side, why (a short list and a note), after saying
    what it does (the introduction ends; it may be undone for a while)."""

    def __init__(self, sides: tuple[IntroductionSideRow, IntroductionSideRow], side: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a decline"))
        self.setMinimumWidth(420)
        self.side = QComboBox()
        self.side.setObjectName("decline_side")
        for key, row in zip(("a", "b"), sides, strict=True):
            self.side.addItem(f"{row.member_no} {row.name_masked}".strip(), key)
        self.side.setCurrentIndex(max(0, self.side.findData(side)))
        self.reason = QComboBox()
        self.reason.setObjectName("decline_reason")
        self.reason.addItem(self.tr("— choose a reason —"), None)
        for r in DeclineReason:
            self.reason.addItem(labels.decline_reason(r.value), r.value)
        self.note = QLineEdit()
        self.note.setObjectName("decline_note")
        self.note.setMaxLength(DECLINE_NOTE_MAX)
        self.note.setPlaceholderText(self.tr("Optional, a few words (needed with “Other”)"))
        hours = int(UNDO_DECLINE_WINDOW.total_seconds() // 3600)
        hint = QLabel(self.tr("The introduction ends and these two are not proposed to each other again. If this "
                              "was a mistake, it can be undone within {hours} hours.").format(hours=hours))  # fmt: skip
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record the decline"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Who declined"), self.side)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(hint)
        form.addRow(self.buttons)
        self.reason.currentIndexChanged.connect(lambda _i: self._update())
        self.note.textChanged.connect(lambda _t: self._update())
        self._update()

    def _update(self) -> None:
        code = self.reason.currentData()
        ready = code is not None and (code != DeclineReason.OTHER or bool(self.note.text().strip()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def chosen(self) -> tuple[str, str, str | None]:
        """(side "a"/"b", reason code, note or None)."""
        return self.side.currentData(), self.reason.currentData(), self.note.text().strip() or None


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
