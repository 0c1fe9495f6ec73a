"""活动: the events screen — the calendar and list of events beside the workspace of the chosen
event (details, registrations, seat plan, rotations) and its print dialog.

Loading is done on reader threads; every change is one service call through `Ops`. After a job
that touched events or seating (`Changes`), `on_changed` refreshes the list, the calendar and the open
event (without overwriting a form with unsaved edits).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.events.codes import EventKind
from xzdesk.domain.events.dto import EventInfo
from xzdesk.domain.events.queries import event_info
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui.events import labels
from xzdesk.ui.events import messages as _messages  # noqa: F401  (registers the error sentences)
from xzdesk.ui.events.browser import EventBrowser, hhmm
from xzdesk.ui.events.editor import EventEditor
from xzdesk.ui.events.print_dialog import PrintDialog
from xzdesk.ui.events.registrations import RegistrationsTab
from xzdesk.ui.events.rotations import RotationsTab
from xzdesk.ui.events.seatplan import SeatPlanTab
from xzdesk.ui.ops import Ops

TAB_DETAILS, TAB_REGISTRATIONS, TAB_SEATS, TAB_ROTATIONS = range(4)


class EventsPage(QWidget):
    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.info: EventInfo | None = None
        self._loaded_once = False
        self._open_generation = 0

        self.browser = EventBrowser(ctx, ops, self)
        self.browser.sig_event_chosen.connect(self.open_event)
        self.browser.sig_new_requested.connect(self.new_event)

        self.title = QLabel()
        self.title.setObjectName("event_title")
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("event_subtitle")
        for label in (self.title, self.subtitle):
            label.setWordWrap(True)  # a long name or venue wraps instead of widening the window
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("print_event")
        self.print_button.clicked.connect(lambda: self.open_print_dialog())
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        head.addWidget(self.print_button)

        self.editor = EventEditor(ctx, ops, self)
        self.editor.sig_saved.connect(self._on_saved)
        self.editor.sig_deleted.connect(self._on_deleted)
        self.registrations = RegistrationsTab(ctx, ops, self)
        self.seat_plan = SeatPlanTab(ctx, ops, self)
        self.rotations = RotationsTab(ctx, ops, self)
        self.rotations.sig_print_cards.connect(lambda: self.open_print_dialog("cards"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("event_tabs")
        self.tabs.addTab(self.editor, self.tr("Details"))
        self.tabs.addTab(self.registrations, self.tr("Registrations"))
        self.tabs.addTab(self.seat_plan, self.tr("Seat plan"))
        self.tabs.addTab(self.rotations, self.tr("Rotations"))

        workspace = QWidget()
        wl = QVBoxLayout(workspace)
        wl.setContentsMargins(4, 0, 0, 0)
        wl.addLayout(head)
        wl.addWidget(self.tabs, 1)
        self.empty = QLabel(self.tr("Choose an event in the calendar or the list, or plan a new one."))
        self.empty.setObjectName("events_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666; font-size: 14px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(workspace)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.browser)
        self.split.addWidget(self.stack)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 5)
        self.split.setSizes([460, 820])  # the list shows event names; the workspace keeps its buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.split)
        self._apply_permissions()
        self.browser.reload()

    def _apply_permissions(self) -> None:
        actor = self.ctx.actor
        self.browser.new_button.setEnabled(bool(actor and actor.can(Permission.EVENTS_MANAGE)))

    # --- choosing an event --------------------------------------------------------------------------
    def new_event(self, day: date | None = None) -> None:
        self.info = None
        self.editor.new_event(day)
        self.title.setText(self.tr("New event"))
        self.subtitle.setText(self.tr("Fill in the details and create the event; it starts as a draft."))
        self.print_button.setEnabled(False)
        for i in (TAB_REGISTRATIONS, TAB_SEATS, TAB_ROTATIONS):
            self.tabs.setTabEnabled(i, False)
        self.tabs.setCurrentIndex(TAB_DETAILS)
        self.registrations.set_event(None)
        self.seat_plan.set_event(None)
        self.rotations.set_event(None)
        self.stack.setCurrentIndex(1)

    def open_event(self, event_id: str) -> None:
        """Load the event and show it in the workspace (a read job)."""
        self._open_generation += 1
        generation = self._open_generation

        def done(info: EventInfo) -> None:
            if generation == self._open_generation:
                self.show_event(info)

        self.ops.run(lambda s, _p, _c: event_info(s, event_id), on_done=done, mode="read",
                     on_error=lambda _e: self._on_deleted(event_id))  # fmt: skip

    def show_event(self, info: EventInfo, *, keep_form: bool = False) -> None:
        same = self.info is not None and self.info.id == info.id
        self.info = info
        self.title.setText(f"{info.name}  ·  {info.code}")
        when = f"{info.event_date.isoformat()} {hhmm(info.start_time)}" + (f"–{hhmm(info.end_time)}" if info.end_time else "")
        self.subtitle.setText(" · ".join((labels.kind(info.kind), labels.event_status(info.status), when, info.venue,
                                          self.tr("{approved}/{capacity} places taken").format(
                                              approved=info.counts.approved, capacity=info.capacity))))  # fmt: skip
        if not (keep_form and same and self.editor.info is not None and self.editor.changes()):
            self.editor.show_info(info)
        for i in (TAB_REGISTRATIONS, TAB_SEATS):
            self.tabs.setTabEnabled(i, True)
        self.tabs.setTabEnabled(TAB_ROTATIONS, info.kind == EventKind.SPEED_DATING)
        if self.tabs.currentIndex() == TAB_ROTATIONS and info.kind != EventKind.SPEED_DATING:
            self.tabs.setCurrentIndex(TAB_DETAILS)
        self.print_button.setEnabled(True)
        self.registrations.set_event(info)
        self.seat_plan.set_event(info)
        self.rotations.set_event(info)
        self.stack.setCurrentIndex(1)
        self.browser.select_event(info.id)

    def _on_saved(self, info: EventInfo) -> None:
        self.show_event(info)

    def _on_deleted(self, event_id: str) -> None:
        if self.info is not None and self.info.id == event_id:
            self.info = None
            self.registrations.set_event(None)
            self.seat_plan.set_event(None)
            self.rotations.set_event(None)
            self.stack.setCurrentIndex(0)

    # --- printing -----------------------------------------------------------------------------------
    def make_print_dialog(self, document: str = "badges") -> PrintDialog:
        assert self.info is not None
        return PrintDialog(self.ctx, self.ops, self.info, self, document=document)

    def open_print_dialog(self, document: str = "badges") -> None:
        if self.info is not None:
            self.make_print_dialog(document).exec()

    # --- refreshing ---------------------------------------------------------------------------------
    def on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.STAFF, Area.ACTOR):
            self.editor.fill_staff()
            self._apply_permissions()
        if changes.touches(Area.EVENTS, Area.SEATING, Area.MEMBERS, Area.SYNC, Area.ACTOR, Area.CHECKIN):
            self.browser.reload()
            if self.info is not None:
                event_id = self.info.id
                self._open_generation += 1
                generation = self._open_generation

                def done(info: EventInfo) -> None:
                    if generation == self._open_generation and self.info is not None and self.info.id == info.id:
                        self.show_event(info, keep_form=True)

                self.ops.run(lambda s, _p, _c: event_info(s, event_id), on_done=done, mode="read",
                             on_error=lambda _e: self._on_deleted(event_id))  # fmt: skip

    def on_shown(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            return
        self.browser.search.setFocus()

    def closeEvent(self, event: Any) -> None:
        self.registrations.on_close()
        super().closeEvent(event)
