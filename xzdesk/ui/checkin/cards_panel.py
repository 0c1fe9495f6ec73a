"""心动卡 entry built for speed, keyboard only:

    card number  [Enter]  ->  numbers ticked (space or comma apart)  [Enter]  -> saved, next card

A bare number among the ticks means the opposite sex's plate (`3` on M05's card is F03). Typing
a card that was entered already shows its ticks for correction; Enter saves the correction.
Esc goes back to the card number. Problems are shown in place (no dialog), so the hands stay on
the keyboard; the progress line counts cards that count against the people present.

Only people present count. A card whose number has no check-in is asked about before its ticks
are typed (Enter = the person was there: attendance is confirmed now; or keep the card aside: it
is saved but does not count until attendance is confirmed, from the list below).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.checkin import cards
from xzdesk.domain.checkin.dto import CardOwnerInfo, CardRow, InterestCardInfo, ScanResultInfo
from xzdesk.domain.checkin.service import confirm_attendance
from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui.checkin import messages as words
from xzdesk.ui.checkin.scan_panel import selected_item
from xzdesk.ui.events.labels import registration_status
from xzdesk.ui.messages import describe, show_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import setup_table

_SPLIT = re.compile(r"[\s,，、;；/]+")


class PlateLineEdit(QLineEdit):
    """A Latin-only field (plates); Esc emits `sig_escape`."""

    sig_escape = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText)
        font = QFont()
        font.setPointSize(15)
        self.setFont(font)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.sig_escape.emit()
            return
        super().keyPressEvent(event)


def split_ticks(text: str) -> list[str]:
    return [t for t in _SPLIT.split(text or "") if t]


def ask_absent(parent: QWidget, owner: CardOwnerInfo) -> str:
    """Card of someone with no check-in: "confirm" (they were there), "aside" or "cancel". When
    the registration holds no place (cancelled, pending, waiting list) attendance cannot be
    confirmed here, and the box says so. A modal box (tests replace this function)."""
    who = f"{owner.plate}\u00a0{owner.display_name}".strip()
    title = QCoreApplication.translate("CardsPanel", "No check-in for {who}").format(who=who)
    if owner.confirmable:
        text = QCoreApplication.translate("CardsPanel", "{who} has no check-in at this event, and only the cards of "
                                          "people present count for matches. Was {who} there?").format(who=who)  # fmt: skip
    else:
        text = QCoreApplication.translate("CardsPanel", "{who} has no check-in, and the registration holds no place "
                                          "(status: {status}), so the card can only be kept aside. If {who} was there, the organiser approves "
                                          "the registration under Events; then confirm attendance here.").format(
            who=who, status=registration_status(owner.status))  # fmt: skip
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    confirm = None
    if owner.confirmable:
        confirm = box.addButton(QCoreApplication.translate("CardsPanel", "Yes: record attendance, then enter the card"),
                                QMessageBox.ButtonRole.AcceptRole)  # fmt: skip
    aside = box.addButton(QCoreApplication.translate("CardsPanel", "Keep the card aside"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QCoreApplication.translate("CardsPanel", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(confirm or aside)
    box.exec()
    clicked = box.clickedButton()
    return "confirm" if confirm is not None and clicked is confirm else "aside" if clicked is aside else "cancel"


class CardsPanel(QWidget):
    sig_saved = Signal()

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.event_id: str | None = None
        self.last_info: InterestCardInfo | None = None
        self.card_field = PlateLineEdit()
        self.card_field.setObjectName("card_number")
        self.card_field.setPlaceholderText(self.tr("e.g. M05"))
        self.card_field.returnPressed.connect(self._on_card_entered)
        self.ticks_field = PlateLineEdit()
        self.ticks_field.setObjectName("card_ticks")
        self.ticks_field.setPlaceholderText(self.tr("e.g. 3 7 12 (or F03 F07); empty = none ticked"))
        self.ticks_field.returnPressed.connect(self._on_ticks_entered)
        self.ticks_field.sig_escape.connect(self._back_to_card)
        self.card_field.sig_escape.connect(self._reset)
        self.current = QLabel()
        self.current.setObjectName("card_current")
        self.feedback = QLabel()
        self.feedback.setObjectName("card_feedback")
        self.feedback.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setObjectName("card_progress")
        font = QFont()
        font.setPointSize(13)
        self.progress.setFont(font)
        self.void_button = QPushButton(self.tr("Delete this card"))
        self.void_button.setObjectName("card_void")
        self.void_button.clicked.connect(self._on_void)
        self.confirm_button = QPushButton(self.tr("Confirm attendance"))
        self.confirm_button.setObjectName("card_confirm_attendance")
        self.confirm_button.setToolTip(self.tr("The selected person was at the event: record their attendance so "
                                               "that their card counts."))  # fmt: skip
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self._on_confirm_selected)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("card_table")
        self.table.setHorizontalHeaderLabels([self.tr("Card"), self.tr("Numbers ticked"), self.tr("Counts")])
        setup_table(self.table)
        self.table.itemDoubleClicked.connect(self._on_row_activated)
        self.table.itemSelectionChanged.connect(self._on_table_selection)
        self._rows: list[CardRow] = []

        form = QFormLayout()
        form.addRow(self.tr("Card number"), self.card_field)
        form.addRow(self.tr("Numbers ticked"), self.ticks_field)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.confirm_button)
        row.addWidget(self.void_button)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Type the card's number and press Enter, then the numbers ticked on it and press "
                              "Enter again. A bare number means the other sex (3 on a man's card is F03)."))  # fmt: skip
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.current)
        layout.addWidget(self.feedback)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.apply_permissions()

    def apply_permissions(self) -> None:
        actor = self.ctx.actor
        allowed = bool(actor and actor.can(Permission.CHECKIN))
        for w in (self.card_field, self.ticks_field, self.void_button):
            w.setEnabled(allowed)
        self._on_table_selection()

    def set_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        self._reset()
        self.refresh()

    # --- flow ---------------------------------------------------------------------------------
    def _say(self, text: str, *, error: bool = False) -> None:
        self.feedback.setStyleSheet(f"color: {'#c62828' if error else '#2e7d32'};")
        self.feedback.setText(text)

    def _reset(self) -> None:
        self.card_field.clear()
        self.ticks_field.clear()
        self.current.clear()
        self.card_field.setFocus()

    def _back_to_card(self) -> None:
        self.ticks_field.clear()
        self.current.clear()
        self.card_field.setFocus()
        self.card_field.selectAll()

    def _on_card_entered(self) -> None:
        plate, event_id = self.card_field.text().strip(), self.event_id
        if not plate or not event_id:
            return
        try:
            owner = self.ops.peek(cards.card_owner, event_id=event_id, plate=plate)
        except ValidationError as exc:
            self._say("\n".join(describe(p) for p in exc.problems), error=True)
            self.card_field.selectAll()
            return
        self.card_field.setText(owner.plate)
        self.feedback.clear()
        if owner.present:
            self._start_ticks(owner)
            return
        choice = ask_absent(self, owner)
        if choice == "confirm":
            registration_id = owner.registration_id
            self.ops.run(lambda uow, _p, _c: confirm_attendance(uow, event_id=event_id, registration_id=registration_id),
                         on_done=lambda r: self._on_confirmed_at_entry(owner, r), on_error=self._on_error)  # fmt: skip
        elif choice == "aside":
            self._start_ticks(owner, aside=True)
        else:
            self._back_to_card()

    def _on_confirmed_at_entry(self, owner: CardOwnerInfo, result: ScanResultInfo) -> None:
        self.sig_saved.emit()
        if not result.accepted:  # a cancelled or unapproved registration: nothing counts
            self._say(self._refusal(result), error=True)
            self._start_ticks(owner, aside=True)
            return
        self._start_ticks(owner)
        self._say(self.tr("{plate}: attendance recorded.").format(plate=owner.plate))

    def _refusal(self, result: ScanResultInfo) -> str:
        return self.tr("{plate}: attendance not recorded ({why}). The card is kept aside.").format(
            plate=result.plate or "", why=words.verdict_title(result.verdict, result.detail))  # fmt: skip

    def _start_ticks(self, owner: CardOwnerInfo, *, aside: bool = False) -> None:
        existing = owner.card
        if existing is not None:
            ticked = " ".join(existing.ticked_plates)
            text = self.tr("Entered already: {ticks}. Enter the ticks again to correct it.").format(
                ticks=ticked or self.tr("none ticked"))  # fmt: skip
            self.ticks_field.setText(ticked)
        else:
            text = self.tr("New card {plate}.").format(plate=owner.plate)
            self.ticks_field.clear()
        if aside:
            text += " " + self.tr("It will be kept aside (no check-in): it does not count until attendance is confirmed.")
        self.current.setText(text)
        self.ticks_field.setFocus()
        self.ticks_field.selectAll()

    def _on_ticks_entered(self) -> None:
        event_id, plate = self.event_id, self.card_field.text().strip()
        if not event_id or not plate:
            self.card_field.setFocus()
            return
        ticks = split_ticks(self.ticks_field.text())
        self.ops.run(lambda uow, _p, _c: cards.enter_interest_card(uow, event_id=event_id, card_plate=plate, ticked=ticks),
                     on_done=self._on_saved, on_error=self._on_error)  # fmt: skip

    def _on_saved(self, info: InterestCardInfo) -> None:
        self.last_info = info
        ticks = " ".join(info.ticked_plates) or self.tr("none ticked")
        if info.unchanged:
            text = self.tr("{plate}: unchanged ({ticks}).")
        elif info.replaced:
            text = self.tr("{plate}: corrected ({ticks}).")
        else:
            text = self.tr("{plate}: saved ({ticks}).")
        text = text.format(plate=info.owner_plate, ticks=ticks)
        if not info.owner_arrived:
            text += " " + self.tr("Kept aside: {plate} has no check-in, so the card does not count yet.").format(
                plate=info.owner_plate)  # fmt: skip
        if info.same_sex_plates:
            text += " " + self.tr("Note: same sex ticked: {plates}.").format(plates=" ".join(info.same_sex_plates))
        self._say(text)
        self._reset()
        self.refresh()
        self.sig_saved.emit()

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self._say("\n".join(describe(p) for p in exc.problems), error=True)
            field = self.card_field if any(p.field == "card" for p in exc.problems) else self.ticks_field
            field.setFocus()
            field.selectAll()
        elif isinstance(exc, XzError):
            self._say(describe(exc), error=True)
        else:
            show_error(self, exc)

    def _on_void(self) -> None:
        event_id, plate = self.event_id, self.card_field.text().strip()
        if not event_id or not plate:
            self._say(self.tr("Type the card's number first."), error=True)
            self.card_field.setFocus()
            return
        answer = QMessageBox.question(self, self.tr("Delete card"),
                                      self.tr("Delete the card entered for {plate}?").format(plate=plate))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.run(lambda uow, _p, _c: cards.void_interest_card(uow, event_id=event_id, card_plate=plate),
                     on_done=lambda _id: self._on_voided(plate), on_error=self._on_error)  # fmt: skip

    def _on_voided(self, plate: str) -> None:
        self._say(self.tr("Card {plate} deleted.").format(plate=plate))
        self._reset()
        self.refresh()
        self.sig_saved.emit()

    def _on_row_activated(self, item: QTableWidgetItem) -> None:
        plate = self.table.item(item.row(), 0).text()
        self.card_field.setText(plate)
        self._on_card_entered()

    # --- cards kept aside ----------------------------------------------------------------------
    def selected_card(self) -> CardRow | None:
        return selected_item(self.table, self._rows)

    def _on_table_selection(self) -> None:
        row = self.selected_card()
        actor = self.ctx.actor
        self.confirm_button.setEnabled(bool(row and not row.counted and actor and actor.can(Permission.CHECKIN)))

    def _on_confirm_selected(self) -> None:
        row, event_id = self.selected_card(), self.event_id
        if row is None or row.counted or not event_id:
            return
        registration_id = row.owner_registration_id
        self.ops.run(lambda uow, _p, _c: confirm_attendance(uow, event_id=event_id, registration_id=registration_id),
                     on_done=self._on_confirmed, on_error=self._on_error)  # fmt: skip

    def _on_confirmed(self, result: ScanResultInfo) -> None:
        if result.accepted:
            self._say(self.tr("{plate}: attendance recorded; the card counts now.").format(plate=result.plate or ""))
        else:
            self._say(self._refusal(result), error=True)
        self.refresh()
        self.sig_saved.emit()

    # --- lists --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.table.setRowCount(0)
        self._rows = []
        if not self.event_id:
            self.progress.clear()
            self._on_table_selection()
            return
        self._rows = rows = self.ops.peek(cards.card_rows, event_id=self.event_id)
        progress = self.ops.peek(cards.card_progress, event_id=self.event_id)
        text = self.tr("Cards that count: {cards} / people present: {attendees}").format(
            cards=progress.cards, attendees=progress.attendees)  # fmt: skip
        if progress.aside:
            text += "   ·   " + self.tr("kept aside (no check-in): {aside}").format(aside=progress.aside)
        self.progress.setText(text)
        self.table.setRowCount(len(rows))
        aside_colour = QColor("#e65100")
        for i, row in enumerate(rows):
            counts = self.tr("yes") if row.counted else self.tr("kept aside: no check-in")
            for j, value in enumerate((row.owner_plate, " ".join(row.ticked_plates), counts)):
                item = QTableWidgetItem(value)
                if not row.counted:
                    item.setForeground(aside_colour)
                self.table.setItem(i, j, item)
        self._on_table_selection()
