"""签到: the venue screen. The event and this laptop's station at the top with the live counts
(arrived / expected, by sex); tabs for check-in, interest cards, after the event, and venue packs.
The check-in tab can go full screen (F11 or the button; Esc returns)."""

from __future__ import annotations

import logging
from datetime import datetime

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.checkin import queries, roster
from xzdesk.domain.checkin.dto import CountsInfo, VenueEventRow
from xzdesk.domain.checkin.service import publish_roster, set_station
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui import labels
from xzdesk.ui.checkin import messages as _messages  # noqa: F401  (registers the area's error texts)
from xzdesk.ui.checkin.after_panel import AfterPanel
from xzdesk.ui.checkin.cards_panel import CardsPanel
from xzdesk.ui.checkin.packs_panel import PacksPanel
from xzdesk.ui.checkin.scan_panel import ScanPanel
from xzdesk.ui.checkin.walk_in import WalkInDialog
from xzdesk.ui.events import labels as event_labels
from xzdesk.ui.messages import show_error
from xzdesk.ui.ops import Ops

log = logging.getLogger(__name__)
# What the venue screen shows: scans, registrations and seats, people, matches, who may do what.
SHOWN = (Area.CHECKIN, Area.EVENTS, Area.SEATING, Area.SYNC, Area.MEMBERS, Area.INTRODUCTIONS, Area.ACTOR, Area.STAFF)


class FullScreenHost(QWidget):
    """A top-level window holding the check-in tab while full screen."""

    sig_closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("checkin_full_screen")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 12, 12, 12)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sig_closed.emit()
        super().closeEvent(event)


class CheckinPage(QWidget):
    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.event_id: str | None = None
        self._wanted: str | None = None  # the event asked for before the list had it
        self._events_generation = 0
        self.counts: CountsInfo | None = None

        self.event_combo = QComboBox()
        self.event_combo.setObjectName("checkin_event")
        self.event_combo.setMinimumWidth(320)
        self.event_combo.currentIndexChanged.connect(self._on_event_changed)
        self.station_label = QLabel()
        self.station_label.setObjectName("station")
        self.station_button = QPushButton(self.tr("Station…"))
        self.station_button.setToolTip(self.tr("This laptop's letter for walk-in numbers (MA01, FA01...). "
                                                "Each laptop of one event needs its own."))  # fmt: skip
        self.station_button.clicked.connect(self._on_station)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts")
        font = QFont()
        font.setPointSize(15)
        font.setBold(True)
        self.counts_label.setFont(font)
        self.full_button = QPushButton(self.tr("Full screen"))
        self.full_button.setObjectName("full_screen")
        self.full_button.setCheckable(True)
        self.full_button.toggled.connect(self.set_full_screen)

        self.scan = ScanPanel(ctx, ops)
        self.scan.sig_recorded.connect(self.refresh_counts)
        self.scan.sig_walk_in_requested.connect(self.open_walk_in)
        self.cards = CardsPanel(ctx, ops)
        self.after = AfterPanel(ctx, ops)
        self.after.sig_open_case_file.connect(self.open_case_file)
        self.packs = PacksPanel(ctx, ops)
        self.packs.sig_imported.connect(self.reload_events)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("checkin_tabs")
        self.scan_tab = QWidget()
        self._scan_holder = QVBoxLayout(self.scan_tab)
        self._scan_holder.setContentsMargins(0, 0, 0, 0)
        self.scan_header = QWidget()
        header = QHBoxLayout(self.scan_header)
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.counts_label, 1)
        header.addWidget(self.full_button)
        self._scan_holder.addWidget(self.scan_header)
        self._scan_holder.addWidget(self.scan, 1)
        self.tabs.addTab(self.scan_tab, self.tr("Check-in"))
        self.tabs.addTab(self.cards, self.tr("Interest cards"))
        self.tabs.addTab(self.after, self.tr("After the event"))
        self.tabs.addTab(self.packs, self.tr("Venue packs"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.host: FullScreenHost | None = None
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, activated=self.full_button.toggle)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Event")))
        top.addWidget(self.event_combo, 1)
        top.addWidget(self.station_label)
        top.addWidget(self.station_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.reload_events()

    # --- events and station -------------------------------------------------------------------
    def reload_events(self) -> None:
        """Read the event list on a reader thread (every event of this laptop), then fill it."""
        self._events_generation += 1
        generation, device_id = self._events_generation, self.ctx.store.device_id
        self.ops.run(lambda s, _p, _c: queries.venue_events(s, device_id=device_id),
                     on_done=lambda rows: self._fill_events(generation, rows), mode="read")  # fmt: skip

    def _fill_events(self, generation: int, rows: list[VenueEventRow]) -> None:
        """The event list (newest first). The choice stays (or the event `select_event` asked
        for); the first time, or when the chosen event is gone, today's event is chosen, else
        the next one, else the latest."""
        if generation != self._events_generation or not shiboken6.isValid(self):
            return  # a newer list is on its way, or the screen is gone
        current, self._wanted = self._wanted or self.event_id, None
        today = labels.today()
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        for row in rows:
            day = row.event_date.isoformat() if row.event_date else ""
            text = f"{day} {row.start_time}  {row.name}  [{row.code}] · {event_labels.event_status(row.status)}"
            if row.event_date == today:
                text = self.tr("{event} · today").format(event=text)
            self.event_combo.addItem(text, row.event_id)
        self.event_combo.blockSignals(False)
        index = self.event_combo.findData(current) if current else -1
        if index < 0:
            index = self.event_combo.findData(queries.default_event(rows, now=datetime.now(CHINA_TZ)))
        self.event_combo.setCurrentIndex(index)  # a new index shows its event at once (the signal)
        if self.event_combo.currentData() != self.event_id or self.event_id is None:
            self._on_event_changed()
        else:
            self.refresh_station()

    def select_event(self, event_id: str) -> None:
        """Show `event_id` (once the list has it: an event new to this laptop is read first)."""
        index = self.event_combo.findData(event_id)
        if index >= 0:
            self.event_combo.setCurrentIndex(index)
            return
        self._wanted = event_id
        self.reload_events()

    def _on_event_changed(self, *_args: object) -> None:
        self.event_id = self.event_combo.currentData()
        for panel in (self.scan, self.cards, self.after, self.packs):
            panel.set_event(self.event_id)
        if self.event_combo.count() == 0:  # nothing to choose: say how an event gets here
            self.scan.banner.show_state("info", self.tr("No event on this laptop yet"), self.tr(
                "Import the event pack from the office on the “Venue packs” tab, or connect this laptop to the "
                "union server under 同步."))  # fmt: skip
        self.refresh_station()
        self.refresh_counts()
        self._catch_up_roster()

    def _catch_up_roster(self) -> None:
        """A database made before the list followed the registrations: bring the event's list up
        to date once, quietly (the office only; a venue laptop has no registrations to do it from)."""
        event_id, actor = self.event_id, self.ctx.actor
        if not event_id or actor is None or not actor.can(Permission.EVENTS_MANAGE):
            return
        if self.ops.peek(roster.missing_rows, event_id=event_id):  # quietly: a failure leaves the scan path's own catch-up (service.record_scan)
            self.ops.run(lambda uow, _p, _c: publish_roster(uow, event_id=event_id),
                         on_error=lambda e: log.warning("roster catch-up failed: %s", getattr(e, "code", type(e).__name__)))  # fmt: skip

    def open_case_file(self, member_id: str, member_no: str = "") -> None:
        """Show a member's case file on the 档案 screen (from an after-event problem)."""
        show_page = getattr(self.window(), "show_page", None)
        if show_page is not None:
            show_page("members").open_case_file(member_id, member_no or None)

    def refresh_station(self) -> None:
        if not self.event_id:
            self.station_label.clear()
            self.station_button.setEnabled(False)
            return
        letter = self.ops.peek(queries.station_of, event_id=self.event_id, device_id=self.ctx.store.device_id)
        self.station_label.setText(self.tr("Station {letter}").format(letter=letter))
        actor = self.ctx.actor
        self.station_button.setEnabled(bool(actor and actor.can(Permission.CHECKIN)))

    def _on_station(self) -> None:
        event_id = self.event_id
        if not event_id:
            return
        letters = list(queries.STATION_LETTERS)
        current = self.ops.peek(queries.station_of, event_id=event_id, device_id=self.ctx.store.device_id)
        letter, ok = QInputDialog.getItem(self, self.tr("Station letter"),
                                          self.tr("Letter of this laptop for walk-in numbers:"), letters,
                                          letters.index(current), False)  # fmt: skip
        if ok and letter:
            self.ops.run(lambda uow, _p, _c: set_station(uow, event_id=event_id, letter=letter),
                         on_done=lambda _r: self.refresh_station(), on_error=lambda e: show_error(self, e))  # fmt: skip

    # --- counts -------------------------------------------------------------------------------
    def refresh_counts(self) -> None:
        if not self.event_id:
            self.counts = None
            self.counts_label.setText(self.tr("No event on this laptop yet: import an event pack or sync."))
            return
        self.counts = c = self.ops.peek(queries.counts, event_id=self.event_id)
        men, women = c.by_sex
        self.counts_label.setText(self.tr("Arrived {arrived} / {expected}   ·   men {m_arrived} / {m_expected}   ·   "
                                          "women {f_arrived} / {f_expected}   ·   walk-ins {walk_ins}").format(
            arrived=c.total.arrived, expected=c.total.expected, m_arrived=men.arrived, m_expected=men.expected,
            f_arrived=women.arrived, f_expected=women.expected, walk_ins=c.walk_ins))  # fmt: skip

    # --- walk-ins -----------------------------------------------------------------------------
    def open_walk_in(self) -> None:
        if not self.event_id:
            return
        dialog = WalkInDialog(self.ctx, self.ops, self.event_id, self)
        if dialog.exec() and dialog.result_info is not None:
            info = dialog.result_info
            where = self.tr("Badge saved to {path} and opened for printing.").format(path=dialog.badge_path) if (
                dialog.badge_path) else ""  # fmt: skip
            self.scan.banner.show_state("checked_in", self.tr("Walk-in checked in"),
                                        self.tr("Number {plate} · {name}").format(plate=info.plate, name=info.display_name),
                                        where)  # fmt: skip
            self.scan.sounds.play("checked_in")
        self.scan.refresh()
        self.refresh_counts()
        self.scan.scan_field.setFocus()

    # --- full screen --------------------------------------------------------------------------
    def set_full_screen(self, on: bool) -> None:
        if on and self.host is None:
            self.host = FullScreenHost(self)
            self.host.setWindowTitle(self.tr("Check-in"))
            self.host.sig_closed.connect(lambda: self.full_button.setChecked(False))
            self.host.layout_.addWidget(self.scan_header)
            self.host.layout_.addWidget(self.scan, 1)
            self.full_button.setText(self.tr("Leave full screen"))
            self.host.showFullScreen()
            self.scan.scan_field.setFocus()
        elif not on and self.host is not None:
            host, self.host = self.host, None
            self._scan_holder.addWidget(self.scan_header)
            self._scan_holder.addWidget(self.scan, 1)
            self.full_button.setText(self.tr("Full screen"))
            host.close()
            host.deleteLater()
            self.scan.scan_field.setFocus()

    @property
    def full_screen(self) -> bool:
        return self.host is not None

    # --- main window hooks --------------------------------------------------------------------
    def _on_tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.scan_tab:
            self.scan.scan_field.setFocus()
        elif widget is self.cards:
            self.cards.refresh()
            self.cards.card_field.setFocus()
        elif widget is self.after:
            self.after.refresh()
        elif widget is self.packs:
            self.packs.refresh()

    def on_changed(self, changes: Changes) -> None:
        if not changes.touches(*SHOWN):
            return
        if changes.touches(Area.ACTOR, Area.STAFF):
            for panel in (self.scan, self.cards, self.after, self.packs):
                panel.apply_permissions()
        if changes.touches(Area.EVENTS, Area.SYNC):
            self.reload_events()
        self.refresh_counts()
        self.scan.refresh()
        current = self.tabs.currentWidget()
        if current is self.cards:
            self.cards.refresh()
        elif current is self.after:
            self.after.refresh()

    def on_shown(self) -> None:
        self.reload_events()
        if self.tabs.currentWidget() is self.scan_tab:
            self.scan.scan_field.setFocus()
