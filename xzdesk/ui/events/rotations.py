"""The rotations tab of an 8分钟约会 event: settings (round length, changeovers, breaks, seated
sex), generating the schedule (`generate_rotation`), and the stored schedule by round (who meets
whom at which table and when) and by person (each plate's partner in every round)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.events.codes import PLANNING_STATUSES, EventKind
from xzdesk.domain.events.dto import EventInfo, RotationViewInfo
from xzdesk.domain.events.seatplans import generate_rotation, rotation_view
from xzdesk.domain.seating import FEMALE, MALE, RotationSettingsInfo
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui import labels as core_labels
from xzdesk.ui.events.messages import load_failed, show_events_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import setup_table


def _ask_print_cards(parent: QWidget, title: str, text: str) -> bool:
    """Tell what was generated; True when the organiser asks to print the cards now. (Tests
    replace this modal box.)"""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent)
    print_cards = box.addButton(QCoreApplication.translate("RotationsTab", "Print the cards…"),
                                QMessageBox.ButtonRole.AcceptRole)  # fmt: skip
    box.addButton(QCoreApplication.translate("RotationsTab", "Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(print_cards)
    box.exec()
    return box.clickedButton() is print_cards


def _spin(lo: int, hi: int, value: int, special: str | None = None) -> QSpinBox:
    box = QSpinBox()
    box.setRange(lo, hi)
    box.setValue(value)
    if special:
        box.setSpecialValueText(special)
    return box


class RotationsTab(QWidget):
    sig_print_cards = Signal()  # the organiser asked to print the cards of the new rotation

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.event_info: EventInfo | None = None
        self.view: RotationViewInfo | None = None
        self._generation = 0

        self.round_minutes = _spin(1, 60, 8)
        self.round_minutes.setObjectName("round_minutes")
        self.round_minutes.setSuffix(self.tr(" min"))
        self.changeover = _spin(0, 15, 1)
        self.changeover.setSuffix(self.tr(" min"))
        self.break_every = _spin(0, 50, 0, self.tr("no breaks"))
        self.break_every.setObjectName("break_every")
        self.break_minutes = _spin(0, 60, 10)
        self.break_minutes.setSuffix(self.tr(" min"))
        self.start_minute = _spin(0, 240, 15)
        self.start_minute.setSuffix(self.tr(" min"))
        self.rounds = _spin(0, 200, 0, self.tr("until everyone met everyone"))
        self.rounds.setObjectName("rounds")
        self.seated_sex = QComboBox()
        self.seated_sex.setObjectName("seated_sex")
        self.seated_sex.addItem(self.tr("Women stay seated, men rotate"), FEMALE)
        self.seated_sex.addItem(self.tr("Men stay seated, women rotate"), MALE)
        self.generate_button = QPushButton(self.tr("Generate rotation"))
        self.generate_button.setObjectName("generate_rotation")
        self.generate_button.clicked.connect(self.generate)
        settings = QGroupBox(self.tr("Settings"))
        sf = QFormLayout(settings)
        sf.addRow(self.tr("Round length"), self.round_minutes)
        sf.addRow(self.tr("Changeover between rounds"), self.changeover)
        breaks = QHBoxLayout()
        breaks.addWidget(QLabel(self.tr("every")))
        breaks.addWidget(self.break_every)
        breaks.addWidget(QLabel(self.tr("rounds, lasting")))
        breaks.addWidget(self.break_minutes)
        breaks.addStretch(1)
        sf.addRow(self.tr("Breaks"), breaks)
        sf.addRow(self.tr("First round starts after"), self.start_minute)
        sf.addRow(self.tr("Number of rounds"), self.rounds)
        sf.addRow(self.tr("Groups"), self.seated_sex)
        sf.addRow("", self.generate_button)

        self.summary = QLabel()
        self.summary.setObjectName("rotation_summary")
        self.summary.setWordWrap(True)
        self.stale = QLabel(self.tr("The guests changed since this rotation was generated: generate it again "
                                    "before printing the cards."))  # fmt: skip
        self.stale.setObjectName("rotation_stale")
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet("color: #b00020; font-weight: bold;")
        self.stale.hide()
        self.by_round = QTableWidget(0, 5)
        self.by_round.setObjectName("by_round")
        self.by_round.setHorizontalHeaderLabels([self.tr("Round"), self.tr("Time"), self.tr("Table"),
                                                 self.tr("Seated"), self.tr("Visitor")])  # fmt: skip
        self.by_person = QTableWidget(0, 0)
        self.by_person.setObjectName("by_person")
        setup_table(self.by_round, resize=QHeaderView.ResizeMode.Stretch, row_height=22)
        setup_table(self.by_person, resize=QHeaderView.ResizeMode.Interactive, row_headers=True, row_height=22)  # plates
        self.views = QTabWidget()
        self.views.addTab(self.by_round, self.tr("By round"))
        self.views.addTab(self.by_person, self.tr("By person"))
        self.not_applicable = QLabel(self.tr("Rotations are only for 8-minute dating events."))
        self.not_applicable.setAlignment(Qt.AlignmentFlag.AlignCenter)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.summary)
        rl.addWidget(self.stale)
        rl.addWidget(self.views, 1)
        self.body = QWidget()
        bl = QHBoxLayout(self.body)
        bl.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(settings)
        left.addStretch(1)
        bl.addLayout(left)
        bl.addWidget(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.not_applicable)
        layout.addWidget(self.body, 1)

    # --- loading ----------------------------------------------------------------------------------
    def set_event(self, event: EventInfo | None) -> None:
        self.event_info = event
        speed = event is not None and event.kind == EventKind.SPEED_DATING
        self.not_applicable.setVisible(not speed)
        self.body.setVisible(speed)
        manage = bool(self.ctx.actor and self.ctx.actor.can(Permission.EVENTS_MANAGE))
        self.generate_button.setEnabled(speed and manage and event is not None and event.status in PLANNING_STATUSES)
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        event = self.event_info
        if event is None or event.kind != EventKind.SPEED_DATING:
            self.show_view(None)
            return
        event_id = event.id
        self.ops.run(lambda s, _p, _c: rotation_view(s, event_id=event_id),
                     on_done=lambda v: self._apply(generation, v), mode="read",
                     on_error=lambda e: load_failed(self.summary, e))  # fmt: skip

    def _apply(self, generation: int, view: RotationViewInfo | None) -> None:
        if generation == self._generation:
            self.show_view(view)

    def settings(self) -> RotationSettingsInfo:
        return RotationSettingsInfo(
            round_minutes=self.round_minutes.value(), changeover_minutes=self.changeover.value(),
            break_every=self.break_every.value(), break_minutes=self.break_minutes.value() if self.break_every.value() else 0,
            start_minute=self.start_minute.value(), rounds=self.rounds.value() or None,
        )  # fmt: skip

    def generate(self) -> None:
        if self.event_info is None:
            return
        event_id, settings, sex = self.event_info.id, self.settings(), self.seated_sex.currentData()
        self.generate_button.setEnabled(False)

        def done(view: RotationViewInfo) -> None:
            self.generate_button.setEnabled(True)
            self.show_view(view)
            self.confirm_generated(view)

        def failed(exc: BaseException) -> None:
            self.generate_button.setEnabled(True)
            show_events_error(self, exc)

        self.ops.run(lambda uow, _p, _c: generate_rotation(uow, event_id=event_id, settings=settings, seated_sex=sex),
                     on_done=done, on_error=failed, title=self.tr("Generating the rotation"), parent=self)  # fmt: skip

    def generated_text(self, view: RotationViewInfo) -> str:
        """What a new rotation holds, and where its cards are printed."""
        text = self.tr("{rounds} rounds at {tables} tables, {meetings} meetings, from {start} to {end}.").format(
            rounds=view.n_rounds, tables=len(view.seated), meetings=len(view.slots),
            start=self.clock(view.rounds[0].start_minute) if view.rounds else "",
            end=self.clock(view.rounds[-1].end_minute) if view.rounds else "")  # fmt: skip
        if view.breaks:
            times = self.tr(", ").join(f"{self.clock(b.start_minute)}–{self.clock(b.end_minute)}" for b in view.breaks)
            text += "\n" + self.tr("Breaks for everyone: {times}.").format(times=times)
        else:
            text += "\n" + self.tr("No breaks.")
        if view.skipped_colleague_pairs:
            text += "\n" + self.tr("{n} meetings of colleagues were left out: those guests have a round off "
                                   "(their cards say 本轮轮空, without the reason).").format(n=view.skipped_colleague_pairs)
        text += "\n\n" + self.tr("Each guest's card, with the round times, is printed from Print… → "
                                  "Speed-dating cards.")
        return text

    def confirm_generated(self, view: RotationViewInfo) -> None:
        if _ask_print_cards(self, self.tr("Rotation generated"), self.generated_text(view)):
            self.sig_print_cards.emit()

    # --- showing ----------------------------------------------------------------------------------
    def clock(self, minute: int) -> str:
        if self.event_info is None:
            return str(minute)
        start = datetime.combine(self.event_info.event_date, self.event_info.start_time) + timedelta(minutes=minute)
        return start.strftime("%H:%M")

    def show_view(self, view: RotationViewInfo | None) -> None:
        self.view = view
        if view is None:
            self.summary.setText(self.tr("No rotation yet: choose the settings and generate it."))
            self.stale.hide()
            self.by_round.setRowCount(0)
            self.by_person.setRowCount(0)
            self.by_person.setColumnCount(0)
            return
        s = view.settings
        self.round_minutes.setValue(s.round_minutes)
        self.changeover.setValue(s.changeover_minutes)
        self.break_every.setValue(s.break_every)
        self.break_minutes.setValue(s.break_minutes or 10)
        self.start_minute.setValue(s.start_minute)
        self.rounds.setValue(s.rounds or 0)
        self.seated_sex.setCurrentIndex(max(0, self.seated_sex.findData(view.seated_sex)))
        end = view.rounds[-1].end_minute if view.rounds else 0
        text = self.tr("{rounds} rounds at {tables} tables, {meetings} meetings, {start}–{end}; {seated} seated "
                       "({sex}), {rotating} rotating.").format(
            rounds=view.n_rounds, tables=len(view.seated), meetings=len(view.slots),
            start=self.clock(view.rounds[0].start_minute) if view.rounds else "", end=self.clock(end),
            seated=len(view.seated), sex=core_labels.sex(view.seated_sex), rotating=len(view.rotating))  # fmt: skip
        if view.skipped_colleague_pairs:
            text += " " + self.tr("{n} meetings of colleagues were left out.").format(n=view.skipped_colleague_pairs)
        self.summary.setText(text)
        self.stale.setVisible(view.stale)
        self._fill_by_round(view)
        self._fill_by_person(view)

    def _fill_by_round(self, view: RotationViewInfo) -> None:
        breaks = {b.after_round: b for b in view.breaks}
        rows: list[tuple[str, ...] | None] = []
        last_round = 0
        for slot in view.slots:
            if slot.round_no != last_round and last_round in breaks:
                b = breaks[last_round]
                rows.append(None)
                rows.append((self.tr("Break"), f"{self.clock(b.start_minute)}–{self.clock(b.end_minute)}", "", "", ""))
            last_round = slot.round_no
            rows.append((str(slot.round_no), f"{self.clock(slot.start_minute)}–{self.clock(slot.end_minute)}",
                         str(slot.table_no), slot.seated_plate or "—", slot.rotating_plate or "—"))  # fmt: skip
        rows = [r for r in rows if r is not None]
        self.by_round.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            assert cells is not None
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if cells[2] == "":
                    item.setBackground(QBrush(QColor("#fff4e5")))
                elif int(cells[0]) % 2 == 0:
                    item.setBackground(QBrush(QColor("#f5f9ff")))
                self.by_round.setItem(r, c, item)

    def person_rows(self, view: RotationViewInfo) -> dict[str, list[tuple[str, str]]]:
        """plate -> per round (partner plate or "", table number or "")."""
        n = view.n_rounds
        out: dict[str, list[tuple[str, str]]] = {}
        seated_order: dict[str, int] = {}
        for slot in view.slots:
            # a guest who left since the schedule was made has no plate any more ("—", stale)
            seated, rotating = slot.seated_plate or "—", slot.rotating_plate or "—"
            seated_order.setdefault(seated, slot.table_no)
            for plate, partner in ((seated, rotating), (rotating, seated)):
                if plate == "—":
                    continue
                row = out.setdefault(plate, [("", "")] * n)
                row[slot.round_no - 1] = (partner, str(slot.table_no))
        seated = sorted((p for p in out if p in seated_order), key=lambda p: seated_order[p])
        rotating = sorted(p for p in out if p not in seated_order)
        return {p: out[p] for p in (*seated, *rotating)}

    def _fill_by_person(self, view: RotationViewInfo) -> None:
        people = self.person_rows(view)
        self.by_person.setColumnCount(view.n_rounds)
        self.by_person.setHorizontalHeaderLabels([self.tr("R{n}").format(n=i + 1) for i in range(view.n_rounds)])
        self.by_person.setRowCount(len(people))
        rest = self.tr("round off")
        for r, (plate, rounds) in enumerate(people.items()):
            self.by_person.setVerticalHeaderItem(r, QTableWidgetItem(plate))
            for c, (partner, table) in enumerate(rounds):
                item = QTableWidgetItem(partner or rest)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if table:
                    item.setToolTip(self.tr("Table {n}").format(n=table))
                else:
                    item.setForeground(QBrush(QColor("#999")))
                self.by_person.setItem(r, c, item)
        self.by_person.resizeColumnsToContents()

    def partners_of(self, plate: str) -> list[str]:
        """The plates `plate` meets, in round order (rests left out)."""
        if self.view is None:
            return []
        return [p for p, _t in self.person_rows(self.view).get(plate, []) if p]
