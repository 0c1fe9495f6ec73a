"""The check-in panel proper: scan field, verdict banner (colour, words, sound), undo, the scan
log, manual search, camera scanning and the walk-in button."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.checkin import queries
from xzdesk.domain.checkin.codes import ScanMethod
from xzdesk.domain.checkin.dto import AnnulmentInfo, RosterRow, ScanResultInfo
from xzdesk.domain.checkin.service import annul_scan, check_in_registration, record_scan
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui.checkin import messages as words
from xzdesk.ui.checkin.camera import camera_support
from xzdesk.ui.checkin.scan_field import ScanLineEdit
from xzdesk.ui.checkin.sounds import VerdictSounds
from xzdesk.ui.events.labels import registration_status
from xzdesk.ui.messages import show_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import setup_table

# background, text colour per verdict (readable from a few metres)
COLOURS: dict[str, tuple[str, str]] = {
    "checked_in": ("#2e7d32", "#ffffff"),
    "already": ("#f9a825", "#212121"),
    "other_event": ("#1565c0", "#ffffff"),
    "cancelled": ("#5d4037", "#ffffff"),
    "not_approved": ("#ef6c00", "#ffffff"),
    "unknown": ("#c62828", "#ffffff"),
    "unresolved": ("#6a1b9a", "#ffffff"),  # a valid badge this laptop cannot place: kept for the office
    "info": ("#eceff1", "#263238"),
}
T = TypeVar("T")
SEARCH_DELAY_MS = 150
LOG_ROWS = 40


class VerdictBanner(QFrame):
    """Big coloured verdict, a line of detail (who, when, which event) and what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdict_banner")
        self.verdict = "info"
        self.title = QLabel()
        self.title.setObjectName("verdict_title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont()
        font.setPointSize(30)
        font.setBold(True)
        self.title.setFont(font)
        self.detail = QLabel()
        self.detail.setObjectName("verdict_detail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        small = QFont()
        small.setPointSize(17)
        self.detail.setFont(small)
        self.action = QLabel()
        self.action.setObjectName("verdict_action")
        self.action.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.action.setWordWrap(True)
        hint = QFont()
        hint.setPointSize(13)
        self.action.setFont(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.action)
        self.setMinimumHeight(170)
        self.show_state("info", "", "")

    def show_state(self, verdict: str, title: str, detail: str, action: str = "") -> None:
        """`verdict` is the colour key (COLOURS); `action` says what to do next (hidden if empty)."""
        self.verdict = verdict
        bg, fg = COLOURS.get(verdict, COLOURS["info"])
        self.setStyleSheet(f"QFrame#verdict_banner {{ background: {bg}; border-radius: 8px; }}"
                           f" QLabel {{ color: {fg}; background: transparent; }}")  # fmt: skip
        self.title.setText(title)
        self.detail.setText(detail)
        self.action.setText(action)
        self.action.setVisible(bool(action))


class ScanPanel(QWidget):
    """See module docstring. `set_event(event_id)` chooses the event; `sig_recorded` tells the
    page to refresh its counts."""

    sig_recorded = Signal()
    sig_walk_in_requested = Signal()

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.event_id: str | None = None
        self.last_result: ScanResultInfo | None = None
        self.sounds = VerdictSounds(ctx.home / "sounds", self)

        self.scan_field = ScanLineEdit()
        self.scan_field.setPlaceholderText(self.tr("Scan a badge here (or type its code and press Enter)"))
        big = QFont()
        big.setPointSize(16)
        self.scan_field.setFont(big)
        self.scan_field.setMinimumHeight(44)
        self.scan_field.sig_code_scanned.connect(lambda text: self.submit(text, ScanMethod.SCANNER))
        self.scan_field.sig_repeat_ignored.connect(self._on_repeat_ignored)
        self.banner = VerdictBanner()

        self.undo_button = QPushButton(self.tr("Undo last check-in"))
        self.undo_button.setObjectName("undo_last")
        self.undo_button.clicked.connect(self._on_undo)
        self.walk_in_button = QPushButton(self.tr("Walk-in…"))
        self.walk_in_button.setObjectName("walk_in")
        self.walk_in_button.clicked.connect(self.sig_walk_in_requested)
        self.camera_button = QPushButton(self.tr("Camera"))
        self.camera_button.setObjectName("camera")
        self.camera_button.setCheckable(True)
        self.camera_button.toggled.connect(self._on_camera_toggled)
        self.camera_note = QLabel(self.tr("Camera unavailable"))
        self.camera_note.setObjectName("camera_note")
        self.camera_note.setStyleSheet("color: #78909c;")
        self.camera = None
        self._setup_camera()
        self.sound_button = QPushButton(self.tr("Sound on"))
        self.sound_button.setCheckable(True)
        self.sound_button.setChecked(True)
        self.sound_button.toggled.connect(self._on_sound_toggled)

        self.log = QTableWidget(0, 6)
        self.log.setObjectName("scan_log")
        self.log.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Result"), self.tr("Number"), self.tr("Name"),
                                            self.tr("Laptop"), self.tr("Note")])  # fmt: skip
        setup_table(self.log)

        self.search = QLineEdit()
        self.search.setObjectName("manual_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Find: number, surname, nickname, phone last 4"))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._on_search_enter)
        self.results = QTableWidget(0, 6)
        self.results.setObjectName("search_results")
        self.results.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Name"), self.tr("Table"),
                                                self.tr("Phone"), self.tr("Registration"), self.tr("Arrived")])  # fmt: skip
        setup_table(self.results)
        self.results.itemSelectionChanged.connect(self._on_result_selection)
        self.results.itemDoubleClicked.connect(lambda _i: self._on_manual_check_in())
        self.check_in_button = QPushButton(self.tr("Check in"))
        self.check_in_button.setObjectName("manual_check_in")
        self.check_in_button.setEnabled(False)
        self.check_in_button.clicked.connect(self._on_manual_check_in)
        self._rows: list[RosterRow] = []

        buttons = QHBoxLayout()
        for w in (self.undo_button, self.walk_in_button, self.camera_button, self.camera_note, self.sound_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.scan_field)
        ll.addWidget(self.banner)
        ll.addLayout(buttons)
        ll.addWidget(QLabel(self.tr("Latest scans (all laptops)")))
        ll.addWidget(self.log, 1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel(self.tr("Manual search")))
        rl.addWidget(self.search)
        rl.addWidget(self.results, 1)
        rl.addWidget(self.check_in_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.banner.show_state("info", self.tr("Ready"), self.tr("Choose the event, then scan badges."))
        self.apply_permissions()

    # --- set-up -------------------------------------------------------------------------------
    def _setup_camera(self) -> None:
        ok, reason, detail = camera_support()
        if ok:
            self.camera_note.hide()
            return
        self.camera_button.hide()
        if reason == "multimedia_missing":
            tip = self.tr("Camera scanning is unavailable: the Qt Multimedia library could not be loaded ({detail}). "
                          "Use a USB scanner or the manual search.").format(detail=detail)  # fmt: skip
        else:
            tip = self.tr("No camera was found on this computer. Use a USB scanner or the manual search.")
        self.camera_note.setToolTip(tip)

    def apply_permissions(self) -> None:
        actor = self.ctx.actor
        allowed = bool(actor and actor.can(Permission.CHECKIN))
        for w in (self.scan_field, self.undo_button, self.walk_in_button, self.check_in_button):
            w.setEnabled(allowed and (w is not self.check_in_button or bool(self.results.selectedItems())))

    def set_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        self.last_result = None
        self.banner.show_state("info", self.tr("Ready"), self.tr("Scan badges now.") if event_id
                               else self.tr("Choose the event, then scan badges."))  # fmt: skip
        self.refresh()

    def refresh(self) -> None:
        self.refresh_log()
        self.refresh_search()

    # --- scanning -----------------------------------------------------------------------------
    def submit(self, text: str, method: ScanMethod = ScanMethod.SCANNER) -> None:
        """Judge and record one scanned code (on the writer thread)."""
        event_id = self.event_id
        if not event_id:
            self.banner.show_state("unknown", self.tr("No event chosen"), self.tr("Choose the event first."))
            return
        self.ops.run(
            lambda uow, _p, _c: record_scan(uow, event_id=event_id, text=text, method=method),
            on_done=self.show_result,
            on_error=self._on_error,
        )

    def show_result(self, result: ScanResultInfo) -> None:
        self.last_result = result
        self.banner.show_state(words.banner_state(result.verdict, result.detail),
                               words.verdict_title(result.verdict, result.detail), self.describe(result),
                               words.next_step(result.verdict, result.detail))  # fmt: skip
        self.sounds.play(result.verdict)
        self.refresh_log()
        if self.search.text():
            self.refresh_search()
        self.sig_recorded.emit()
        self.scan_field.setFocus()

    def describe(self, r: ScanResultInfo) -> str:
        who = " ".join(p for p in (r.plate or "", r.display_name or r.name_masked) if p)
        if r.verdict == "checked_in":
            text = self.tr("Number {who}").format(who=who)
            if r.table_label:
                text += self.tr(" · table {table}").format(table=r.table_label)
            return text
        if r.verdict == "already":
            when = r.earlier_at.astimezone(CHINA_TZ).strftime("%H:%M") if r.earlier_at else "?"
            device = words.device_name(r.earlier_device_id or "", r.earlier_here)
            if r.table_label:
                who += self.tr(" · table {table}").format(table=r.table_label)
            return self.tr("{who}: checked in at {time} on {device}.").format(who=who, time=when, device=device)
        if r.verdict == "other_event":
            if r.other_event_name and r.other_event_date:
                return self.tr("This badge is for “{event}” on {date}.").format(
                    event=r.other_event_name, date=r.other_event_date.isoformat())  # fmt: skip
            if r.other_event_name:
                return self.tr("This badge is for “{event}”.").format(event=r.other_event_name)
            return self.tr("This badge is for an event this laptop does not hold.")
        if r.verdict == "cancelled":
            return self.tr("{who}: the registration was cancelled.").format(who=who)
        if r.verdict == "not_approved":
            status = registration_status(r.detail)
            return self.tr("{who}: the registration is not approved (status: {status}).").format(who=who, status=status)
        return words.unknown_reason(r.detail)

    def _on_repeat_ignored(self, _text: str) -> None:
        self.banner.detail.setText(self.tr("Same code again within 3 seconds: ignored."))

    def _on_error(self, exc: BaseException) -> None:
        self.scan_field.setFocus()
        show_error(self, exc)

    # --- undo ---------------------------------------------------------------------------------
    def _on_undo(self) -> None:
        if not self.event_id:
            return
        last = self.ops.peek(queries.last_undoable, event_id=self.event_id, device_id=self.ctx.store.device_id)
        if last is None:
            self.banner.show_state("info", self.tr("Nothing to undo"), self.tr("No check-in on this laptop is in force."))
            return
        who = " ".join(p for p in (last.plate or "", last.name_masked) if p)
        answer = QMessageBox.question(self, self.tr("Undo check-in"),
                                      self.tr("Undo the check-in of {who}?").format(who=who))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        scan_id = last.scan_id
        self.ops.run(lambda uow, _p, _c: annul_scan(uow, scan_id=scan_id), on_done=self._on_undone,
                     on_error=self._on_error)  # fmt: skip

    def _on_undone(self, info: AnnulmentInfo) -> None:
        who = " ".join(p for p in (info.plate or "", info.name_masked) if p)
        self.banner.show_state("info", self.tr("Check-in undone"), who)
        self.scan_field.forget_last()
        self.refresh_log()
        self.refresh_search()
        self.sig_recorded.emit()
        self.scan_field.setFocus()

    # --- log ----------------------------------------------------------------------------------
    def refresh_log(self) -> None:
        self.log.setRowCount(0)
        if not self.event_id:
            return
        rows = self.ops.peek(queries.recent_scans, event_id=self.event_id, device_id=self.ctx.store.device_id,
                             limit=LOG_ROWS)  # fmt: skip
        self.log.setRowCount(len(rows))
        for i, row in enumerate(rows):
            notes = [words.method(row.method)] if row.method in ("manual", "walk_in", "confirmed") else []
            if row.annulled:
                notes.append(self.tr("undone"))
            if row.duplicate_of:
                notes.append(self.tr("duplicate"))
            values = [row.scanned_at.astimezone(CHINA_TZ).strftime("%H:%M:%S"), words.verdict_title(row.verdict, row.detail),
                      row.plate or "", row.name_masked, words.device_name(row.device_id, row.here), ", ".join(notes)]  # fmt: skip
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                if j == 1:
                    item.setForeground(QColor(COLOURS.get(words.banner_state(row.verdict, row.detail), COLOURS["info"])[0]))
                self.log.setItem(i, j, item)

    # --- manual search ------------------------------------------------------------------------
    def refresh_search(self) -> None:
        self.results.setRowCount(0)
        self._rows = []
        if not self.event_id:
            return
        self._rows = self.ops.peek(queries.search_roster, event_id=self.event_id, text=self.search.text())
        self.results.setRowCount(len(self._rows))
        for i, row in enumerate(self._rows):
            arrived = self._arrived_text(row)
            phone = self.tr("ends {last4}").format(last4=row.mobile_last4) if row.mobile_last4 else ""
            values = [row.plate or "", f"{row.display_name} ({row.name_masked})", row.table_label or "", phone,
                      registration_status(row.status), arrived]  # fmt: skip
            for j, value in enumerate(values):
                self.results.setItem(i, j, QTableWidgetItem(value))
        self._on_result_selection()

    def _arrived_text(self, row: RosterRow) -> str:
        """实到: the time of the check-in in force, or that the office recorded the person as
        there (the same people the counts and the matches take as present)."""
        if row.arrived_at is not None:
            return row.arrived_at.astimezone(CHINA_TZ).strftime("%H:%M")
        return self.tr("yes (recorded by the office)") if row.present else ""

    def _on_search_enter(self) -> None:
        if len(self._rows) == 1:
            self.results.selectRow(0)
            self._on_manual_check_in()

    def _on_result_selection(self) -> None:
        actor = self.ctx.actor
        rows = {i.row() for i in self.results.selectedIndexes()}
        self.check_in_button.setEnabled(bool(rows) and bool(actor and actor.can(Permission.CHECKIN)))

    def selected_row(self) -> RosterRow | None:
        return selected_item(self.results, self._rows)

    def _on_manual_check_in(self) -> None:
        row = self.selected_row()
        event_id = self.event_id
        if row is None or not event_id:
            return
        registration_id = row.registration_id
        self.ops.run(lambda uow, _p, _c: check_in_registration(uow, event_id=event_id, registration_id=registration_id),
                     on_done=self.show_result, on_error=self._on_error)  # fmt: skip

    # --- camera and sound ---------------------------------------------------------------------
    def _on_camera_toggled(self, on: bool) -> None:
        if on and self.camera is None:
            from xzdesk.ui.checkin.camera import CameraScanner

            try:
                self.camera = CameraScanner(self)
            except Exception as exc:  # the device vanished or the backend failed
                self.camera_button.setChecked(False)
                self.camera_button.setToolTip(str(exc)[:200])
                return
            self.camera.sig_code.connect(lambda text: self.submit(text, ScanMethod.CAMERA))
        if self.camera is not None:
            self.camera.start() if on else self.camera.stop()

    def _on_sound_toggled(self, on: bool) -> None:
        self.sounds.enabled = on
        self.sound_button.setText(self.tr("Sound on") if on else self.tr("Sound off"))


def selected_item(table: QTableWidget, items: Sequence[T]) -> T | None:
    """The item behind the first selected row of a table filled from `items`, if any."""
    rows = sorted({i.row() for i in table.selectedIndexes()})
    return items[rows[0]] if rows and rows[0] < len(items) else None

