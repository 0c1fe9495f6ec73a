"""The seat-plan tab: the floor plan, the live score and the unmet hard constraints, undo/redo,
tables, and "Arrange automatically" with Stop (keep the best so far) and Cancel.

Editing model
- The plan shown is `seat_plan_state` read on a reader thread; a SeatPlanScorer over it answers
  the drag previews (`delta_move`) on the UI thread in microseconds.
- Every edit is a QUndoCommand whose redo() and undo() each run one domain service through
  `Ops` (one transaction on the writer thread): a drop calls `move_guest` and keeps the returned
  seat changes; its undo replays the `before` seats with `move_guest` (the documented inverse).
  Locks (`set_seat_locked`), pins (`pin_guest`) and table moves (`update_table`) invert
  themselves; an automatic arrangement stores the plan with `save_seat_plan` and its undo stores
  the plan it replaced. Jobs run in order on the single writer thread, so an undo queued right
  behind its redo sees what the redo recorded.
- After every change the tab reloads the plan (coalesced), so the view always shows the
  database. A refused edit is dropped from the history; when an undo or redo can no longer be
  applied (the plan changed underneath, e.g. by sync), the history is cleared.
- Adding, editing or removing tables is not undoable (it clears the history).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.events.codes import PLANNING_STATUSES
from xzdesk.domain.events.dto import EventInfo, SeatChangeRow, SeatEditInfo, SeatPlanStateInfo
from xzdesk.domain.events.seatplans import (
    add_tables,
    clear_seat_plan,
    move_guest,
    pin_guest,
    remove_table,
    save_seat_plan,
    seat_plan_state,
    set_seat_locked,
    solve_seat_plan,
    update_table,
)
from xzdesk.domain.progress import CancelToken
from xzdesk.domain.seating import (
    SeatingDeltaInfo,
    SeatingExplanationInfo,
    SeatingResultInfo,
    SeatingScoreInfo,
    SeatPlanScorer,
    SeatRef,
)
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import UnitOfWork
from xzdesk.ui.events import labels
from xzdesk.ui.events.floorplan import FloorPlanScene, PreviewInfo, SeatPlanView
from xzdesk.ui.events.messages import (
    describe_events_error,
    describe_issue,
    describe_wishes,
    load_failed,
    plan_headline,
    show_events_error,
)
from xzdesk.ui.ops import Job, Ops

# What an edit changes, in words: (score component, text when it goes down, text when it goes up).
DELTA_WORDS = (
    ("unseated", QT_TRANSLATE_NOOP("SeatPlanTab", "seats a guest"), QT_TRANSLATE_NOOP("SeatPlanTab", "leaves a guest without a seat")),
    ("pin_violations", QT_TRANSLATE_NOOP("SeatPlanTab", "puts a pinned guest back"), QT_TRANSLATE_NOOP("SeatPlanTab", "moves a pinned guest")),
    ("employer_excess", QT_TRANSLATE_NOOP("SeatPlanTab", "parts colleagues"), QT_TRANSLATE_NOOP("SeatPlanTab", "seats colleagues together")),
    ("friends_split", QT_TRANSLATE_NOOP("SeatPlanTab", "brings friends together"), QT_TRANSLATE_NOOP("SeatPlanTab", "splits friends")),
    ("sex_imbalance", QT_TRANSLATE_NOOP("SeatPlanTab", "men and women more even"), QT_TRANSLATE_NOOP("SeatPlanTab", "men and women less even")),
    ("same_sex_neighbours", QT_TRANSLATE_NOOP("SeatPlanTab", "fewer same-sex neighbours"), QT_TRANSLATE_NOOP("SeatPlanTab", "more same-sex neighbours")),
    ("same_sex_facing", QT_TRANSLATE_NOOP("SeatPlanTab", "fewer same-sex pairs facing"), QT_TRANSLATE_NOOP("SeatPlanTab", "more same-sex pairs facing")),
    ("fill_unevenness", QT_TRANSLATE_NOOP("SeatPlanTab", "tables filled more evenly"), QT_TRANSLATE_NOOP("SeatPlanTab", "tables filled less evenly")),
)  # fmt: skip


def replay_seats(uow: UnitOfWork, changes: tuple[SeatChangeRow, ...], *, side: str) -> None:
    """Put the guests of `changes` back on their `before` (or `after`) seats with `move_guest`:
    first those who had no seat, then the others (a drop on a taken seat swaps, so a swap
    replays correctly in any order)."""
    for change in changes:
        if getattr(change, side) is None:
            move_guest(uow, registration_id=change.registration_id, seat=None)
    for change in changes:
        target = getattr(change, side)
        if target is not None:
            move_guest(uow, registration_id=change.registration_id, seat=target)


@dataclass
class _Record:
    """What a redo did, for its undo (written on the writer thread, read there later)."""

    changes: tuple[SeatChangeRow, ...] = ()
    first: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


class ServiceCommand(QUndoCommand):
    """An undoable edit: `do(uow, record)` and `undo(uow, record)` each run as one job."""

    def __init__(self, tab: SeatPlanTab, text: str, do: Callable[[UnitOfWork, _Record], Any],
                 undo: Callable[[UnitOfWork, _Record], Any], *, fit: bool = False) -> None:  # fmt: skip
        super().__init__(text)
        self.tab = tab
        self.record = _Record()
        self._do, self._undo = do, undo
        self.fit = fit  # moves many guests: show the tables afterwards

    def redo(self) -> None:
        if self.isObsolete():
            return
        self.tab.fit_after_reload |= self.fit
        record, fn = self.record, self._do

        def job(uow: UnitOfWork) -> Any:
            result = fn(uow, record)
            record.first = False
            return result

        self.tab.run_edit(job, self, undoing=False)

    def undo(self) -> None:
        if self.isObsolete():
            return
        self.tab.fit_after_reload |= self.fit
        record, fn = self.record, self._undo
        self.tab.run_edit(lambda uow: fn(uow, record), self, undoing=True)


class TableDialog(QDialog):
    """Add tables (count, shape, seats) or edit one (label, shape, seats, theme)."""

    def __init__(self, parent: QWidget | None = None, *, row: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit table") if row is not None else self.tr("Add tables"))
        self.count = QSpinBox()
        self.count.setObjectName("table_count")
        self.count.setRange(1, 200)
        self.count.setValue(1)
        self.shape = QComboBox()
        self.shape.setObjectName("table_shape")
        for code in ("round", "long"):
            self.shape.addItem(labels.shape(code), code)
        self.capacity = QSpinBox()
        self.capacity.setObjectName("table_capacity")
        self.capacity.setRange(1, 40)
        self.capacity.setValue(10)
        self.label = QLineEdit()
        self.label.setObjectName("table_label")
        self.label.setMaxLength(16)
        self.theme = QLineEdit()
        self.theme.setMaxLength(32)
        self.theme.setPlaceholderText(self.tr("Optional line on the table tent"))
        form = QFormLayout(self)
        if row is None:
            form.addRow(self.tr("Number of tables"), self.count)
        else:
            self.label.setText(row.label)
            self.theme.setText(row.theme or "")
            self.shape.setCurrentIndex(max(0, self.shape.findData(row.shape)))
            self.capacity.setValue(row.capacity)
            form.addRow(self.tr("Label"), self.label)
        form.addRow(self.tr("Shape"), self.shape)
        form.addRow(self.tr("Seats"), self.capacity)
        if row is not None:
            form.addRow(self.tr("Theme"), self.theme)
        hint = QLabel(self.tr("Long tables have an even number of seats, half on each side."))
        hint.setStyleSheet("color: #666;")
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class SeatPlanTab(QWidget):
    """The seat plan of one event."""

    sig_plan_loaded = Signal()

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.event_info: EventInfo | None = None
        self.state: SeatPlanStateInfo | None = None
        self.scorer: SeatPlanScorer | None = None
        self.score: SeatingScoreInfo | None = None
        self.issues: tuple[Any, ...] = ()
        self.explanation: SeatingExplanationInfo | None = None
        self.edits_running = 0
        self.max_budget_s = 600.0  # tests lower it to keep runs short
        self.arrange_job: Job | None = None
        self.arrange_stop: CancelToken | None = None
        self.last_arrangement: SeatingResultInfo | None = None
        self.fit_after_reload = False  # tables added or many guests moved: fit the view on the next load
        self._generation = 0
        self._reload_timer = QTimer(self, singleShot=True, interval=0)
        self._reload_timer.timeout.connect(self.reload)

        self.undo_stack = QUndoStack(self)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

        self.scene = FloorPlanScene(self)
        self.scene.sig_drop.connect(self.drop_guest)
        self.scene.sig_preview.connect(self._on_preview)
        self.scene.sig_table_moved.connect(self.move_table)
        self.scene.sig_context.connect(self._on_context)
        self.view = SeatPlanView(self.scene)
        self.view.setObjectName("floor_plan")

        # --- toolbar
        self.add_button = QPushButton(self.tr("Add tables…"))
        self.add_button.setObjectName("add_tables")
        self.add_button.clicked.connect(self.open_add_tables)
        self.arrange_button = QPushButton(self.tr("Arrange automatically"))
        self.arrange_button.setObjectName("arrange")
        self.arrange_button.clicked.connect(self.arrange)
        self.budget = QComboBox()
        self.budget.setObjectName("arrange_budget")
        for seconds in (5, 10, 30, 60):
            self.budget.addItem(self.tr("up to {n} s").format(n=seconds), float(seconds))
        self.budget.setCurrentIndex(1)
        self.clear_button = QPushButton(self.tr("Clear plan"))
        self.clear_button.setObjectName("clear_plan")
        self.clear_button.clicked.connect(self.clear_plan)
        undo_button, redo_button = QToolButton(), QToolButton()
        undo_button.setDefaultAction(self.undo_action)
        undo_button.setObjectName("undo")
        redo_button.setDefaultAction(self.redo_action)
        redo_button.setObjectName("redo")
        zoom_in, zoom_out, fit = QToolButton(), QToolButton(), QToolButton()
        zoom_in.setText("+")
        zoom_in.setToolTip(self.tr("Zoom in (Ctrl+wheel)"))
        zoom_in.clicked.connect(lambda: self.view.zoom(1.25))
        zoom_out.setText("−")
        zoom_out.setToolTip(self.tr("Zoom out (Ctrl+wheel)"))
        zoom_out.clicked.connect(lambda: self.view.zoom(0.8))
        fit.setText(self.tr("Fit"))
        fit.setToolTip(self.tr("Show the whole plan"))
        fit.clicked.connect(self.view.fit)
        toolbar = QHBoxLayout()
        for w in (self.add_button, self.arrange_button, self.budget, self.clear_button, undo_button, redo_button):
            toolbar.addWidget(w)
        toolbar.addStretch(1)
        for w in (zoom_out, zoom_in, fit):
            toolbar.addWidget(w)

        # --- arrange progress
        self.progress = QProgressBar()
        self.progress.setObjectName("arrange_progress")
        self.progress.setRange(0, 1000)
        self.stop_button = QPushButton(self.tr("Stop and keep the best"))
        self.stop_button.setObjectName("arrange_stop")
        self.stop_button.clicked.connect(self.stop_arrange)
        self.cancel_arrange_button = QPushButton(self.tr("Cancel"))
        self.cancel_arrange_button.setObjectName("arrange_cancel")
        self.cancel_arrange_button.clicked.connect(self.cancel_arrange)
        self.arrange_panel = QWidget()
        ap = QHBoxLayout(self.arrange_panel)
        ap.setContentsMargins(0, 0, 0, 0)
        ap.addWidget(QLabel(self.tr("Arranging…")))
        ap.addWidget(self.progress, 1)
        ap.addWidget(self.stop_button)
        ap.addWidget(self.cancel_arrange_button)
        self.arrange_panel.hide()
        self._progress_timer = QTimer(self, interval=100)
        self._progress_timer.timeout.connect(self._poll_progress)

        # --- side panel
        self.score_label = QLabel()
        self.score_label.setObjectName("score")
        self.score_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.score_label.setWordWrap(True)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("preview")
        self.preview_label.setWordWrap(True)
        self.preview_label.setMinimumHeight(36)
        self.issue_list = QListWidget()
        self.issue_list.setObjectName("issues")
        self.issue_list.setWordWrap(True)
        self.issue_list.currentItemChanged.connect(self._on_issue_selected)
        self.wish_list = QListWidget()
        self.wish_list.setObjectName("wishes")
        self.wish_list.setWordWrap(True)
        self.wish_list.currentItemChanged.connect(self._on_issue_selected)
        self.arrange_result = QLabel()
        self.arrange_result.setObjectName("arrange_result")
        self.arrange_result.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("plan_counts")
        legend = QLabel(self.tr("Blue: men · pink: women · red dot: pinned · green dot: came with friends · "
                                "padlock: locked seat. Drag a guest onto a seat to move or swap; right-click for more."))  # fmt: skip
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #666;")
        side = QWidget()
        side.setMinimumWidth(280)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(4, 0, 0, 0)
        sl.addWidget(self.score_label)
        sl.addWidget(self.counts)
        sl.addWidget(self.preview_label)
        issues_title = QLabel(self.tr("Hard rules"))
        issues_title.setStyleSheet("font-weight: bold;")
        sl.addWidget(issues_title)
        sl.addWidget(self.issue_list, 1)
        wishes_title = QLabel(self.tr("Wishes"))
        wishes_title.setStyleSheet("font-weight: bold;")
        sl.addWidget(wishes_title)
        sl.addWidget(self.wish_list, 1)
        sl.addWidget(self.arrange_result)
        sl.addWidget(legend)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #666; font-size: 14px;")
        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.empty_label)
        cl.addWidget(self.view, 1)
        split = QSplitter()
        split.addWidget(centre)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self.arrange_panel)
        layout.addWidget(split, 1)
        self._update_buttons()

    # --- permissions ------------------------------------------------------------------------------
    @property
    def editable(self) -> bool:
        manage = bool(self.ctx.actor and self.ctx.actor.can(Permission.EVENTS_MANAGE))
        return manage and self.event_info is not None and self.event_info.status in PLANNING_STATUSES

    def _update_buttons(self) -> None:
        editable = self.editable
        running = self.arrange_job is not None
        has_tables = bool(self.state and self.state.tables)
        self.add_button.setEnabled(editable and not running)
        self.arrange_button.setEnabled(editable and has_tables and bool(self.state and self.state.guests) and not running)
        self.clear_button.setEnabled(editable and bool(self.state and self.state.plan.seats) and not running)
        self.undo_action.setEnabled(editable and self.undo_stack.canUndo() and not running)
        self.redo_action.setEnabled(editable and self.undo_stack.canRedo() and not running)
        self.scene.editable = editable and not running

    # --- loading ----------------------------------------------------------------------------------
    def set_event(self, event: EventInfo | None) -> None:
        if self.event_info is None or event is None or event.id != self.event_info.id:
            self.cancel_arrange()
            self.undo_stack.clear()
            self.last_arrangement = None
            self.arrange_result.clear()
            self.state = None
            self.event_info = event
            self.reload()
            return
        self.event_info = event
        self.schedule_reload()

    def schedule_reload(self) -> None:
        self._reload_timer.start()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        event = self.event_info
        if event is None:
            self.state = None
            self.scene.clear()
            self._update_buttons()
            return
        event_id = event.id
        self.ops.run(lambda s, _p, _c: seat_plan_state(s, event_id=event_id),
                     on_done=lambda state: self._apply(generation, state), mode="read",
                     on_error=lambda e: load_failed(self.empty_label, e))  # fmt: skip

    def _apply(self, generation: int, state: SeatPlanStateInfo) -> None:
        if generation != self._generation or self.event_info is None or state.event_id != self.event_info.id:
            return
        first = self.state is None
        self.state = state
        self.scorer = SeatPlanScorer(state.guests, state.tables, state.plan)
        self.scene.editable = self.editable and self.arrange_job is None
        self.scene.set_state(state, self.scorer, bench_title=self.tr("Without a seat ({n})"))
        self.show_result(self.scorer.score(), self.scorer.explain())
        seated = len(state.plan.seats)
        seats = sum(t.capacity for t in state.tables)
        self.counts.setText(self.tr("{guests} guests · {seated} seated · {tables} tables · {seats} seats").format(
            guests=len(state.guests), seated=seated, tables=len(state.tables), seats=seats))  # fmt: skip
        if not state.tables:
            self.empty_label.setText(self.tr("No tables yet. Add tables, then arrange the guests automatically "
                                             "or drag them onto seats."))  # fmt: skip
            self.empty_label.show()
        elif not state.guests:
            self.empty_label.setText(self.tr("No approved guests yet: approve registrations first."))
            self.empty_label.show()
        else:
            self.empty_label.hide()
        if first or self.fit_after_reload:
            self.fit_after_reload = False
            self.view.request_fit()
        self._update_buttons()
        self.sig_plan_loaded.emit()

    def table_label(self, table_id: str) -> str:
        if self.state is not None:
            for t in self.state.table_rows:
                if t.id == table_id:
                    return t.label
        return "?"

    def plate_of(self, registration_id: str) -> str:
        if self.state is not None:
            for r in self.state.rows:
                if r.registration_id == registration_id:
                    return r.plate or "?"
        return "?"

    def show_result(self, score: SeatingScoreInfo, why: SeatingExplanationInfo) -> None:
        """The plan's result in words: the headline, the hard rules broken and the wishes missed,
        each naming the guests by plate (select a line to highlight them on the plan)."""
        self.score, self.issues, self.explanation = score, tuple(why.issues), why
        headline, colour = plan_headline(why)
        if why.men != why.women and why.men + why.women:
            headline += " · " + self.tr("{men} men and {women} women seated").format(men=why.men, women=why.women)
        self.score_label.setText(headline)
        self.score_label.setStyleSheet(f"font-size: 15px; font-weight: bold; color: {colour};")
        self.issue_list.clear()
        for issue in why.issues:
            item = QListWidgetItem(describe_issue(issue, table_label=self.table_label, plate_of=self.plate_of))
            item.setData(Qt.ItemDataRole.UserRole, list(issue.guest_ids))
            item.setForeground(QBrush(QColor("#616161") if issue.unavoidable else QColor("#b00020")))
            self.issue_list.addItem(item)
        if not why.issues:
            self.issue_list.addItem(QListWidgetItem(self.tr("All met: everyone has a seat, pins are kept, colleagues "
                                                            "sit apart and friends together.")))  # fmt: skip
        self.wish_list.clear()
        for text, guest_ids in describe_wishes(why, table_label=self.table_label, plate_of=self.plate_of):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, list(guest_ids))
            self.wish_list.addItem(item)
        if why.wishes_met:
            self.wish_list.addItem(QListWidgetItem(self.tr("All met: men and women even and alternating at every "
                                                           "table, tables evenly filled.")))  # fmt: skip

    def _on_issue_selected(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        ids = set(item.data(Qt.ItemDataRole.UserRole) or []) if item is not None else set()
        self.scene.set_highlight(ids)
        first = next((self.scene.guests[g] for g in ids if g in self.scene.guests), None)
        if first is not None:
            self.view.auto_fitted = False
            self.view.centerOn(first)

    # --- preview ----------------------------------------------------------------------------------
    def _on_preview(self, preview: PreviewInfo | None) -> None:
        if preview is None:
            self.preview_label.clear()
            return
        plate = self.plate_of(preview.registration_id)
        if preview.target is None:
            where = self.tr("without a seat")
        else:
            where = self.tr("table {table}, seat {seat}").format(table=self.table_label(preview.target.table_id),
                                                                 seat=preview.target.seat_index + 1)  # fmt: skip
        if preview.refusal is not None:
            from xzdesk.domain.errors import XzError

            self.preview_label.setText(self.tr("{plate} → {where}: not possible. {why}").format(
                plate=plate, where=where, why=describe_events_error(XzError(preview.refusal))))  # fmt: skip
            self.preview_label.setStyleSheet("color: #b00020;")
            return
        delta = preview.delta
        assert delta is not None
        self.preview_label.setText(self.tr("{plate} → {where}: {what}").format(plate=plate, where=where,
                                                                                 what=self.delta_words(delta)))  # fmt: skip
        self.preview_label.setStyleSheet("color: #1b5e20;" if delta.total <= 0 else "color: #b00020;")

    def delta_words(self, delta: SeatingDeltaInfo) -> str:
        """What a drop would change, in words: better or worse, and how."""
        changes = []
        for key, fewer, more in DELTA_WORDS:
            change = getattr(delta.after, key) - getattr(delta.before, key)
            if abs(change) > 1e-9:
                changes.append(self.tr(fewer if change < 0 else more))
        if abs(delta.total) < 1e-9:
            verdict = self.tr("no change")
        else:
            verdict = self.tr("better") if delta.total < 0 else self.tr("worse")
        return verdict + (self.tr(" ({changes})").format(changes=self.tr(", ").join(changes)) if changes else "")

    # --- running edits ----------------------------------------------------------------------------
    def run_edit(self, fn: Callable[[UnitOfWork], Any], command: ServiceCommand | None, *, undoing: bool) -> None:
        self.edits_running += 1
        self.ops.run(lambda uow, _p, _c: fn(uow), on_done=self._edit_done,
                     on_error=lambda e: self._edit_failed(command, e, undoing), parent=self)  # fmt: skip

    def _edit_done(self, result: Any) -> None:
        self.edits_running -= 1
        if isinstance(result, SeatEditInfo):
            self.score, self.issues = result.score, tuple(result.issues)  # the reload says it in words
        self.schedule_reload()

    def _edit_failed(self, command: ServiceCommand | None, exc: BaseException, undoing: bool) -> None:
        self.edits_running -= 1
        if command is not None:
            stack = self.undo_stack
            index = stack.index()
            if not undoing and index > 0 and stack.command(index - 1) is command and command.record.first:
                command.setObsolete(True)  # a refused edit leaves no trace in the history
                stack.undo()
            else:
                stack.clear()  # the plan changed underneath: the history no longer applies
        self.schedule_reload()
        show_events_error(self, exc)

    def push(self, command: ServiceCommand) -> None:
        self.undo_stack.push(command)
        self._update_buttons()

    # --- edits --------------------------------------------------------------------------------
    def drop_guest(self, registration_id: str, seat: SeatRef | None) -> None:
        """Move a guest onto a seat (swapping with its occupant) or off every seat (None): the
        handler of a drop on the floor plan."""
        if not self.editable:
            return
        target = SeatRef(*seat) if seat is not None else None

        def do(uow: UnitOfWork, record: _Record) -> SeatEditInfo:
            info = move_guest(uow, registration_id=registration_id, seat=target)
            record.changes = info.changes
            return info

        def undo(uow: UnitOfWork, record: _Record) -> SeatEditInfo | None:
            replay_seats(uow, record.changes, side="before")
            return None

        plate = self.plate_of(registration_id)
        text = (self.tr("Move {plate} off the seat").format(plate=plate) if target is None
                else self.tr("Move {plate} to table {table}").format(plate=plate, table=self.table_label(target.table_id)))  # fmt: skip
        self.push(ServiceCommand(self, text, do, undo))

    def set_locked(self, seat: SeatRef, locked: bool) -> None:
        table_id, index = seat

        def apply(on: bool) -> Callable[[UnitOfWork, _Record], SeatEditInfo]:
            return lambda uow, _r: set_seat_locked(uow, table_id=table_id, seat_index=index, locked=on)

        text = self.tr("Lock seat") if locked else self.tr("Unlock seat")
        self.push(ServiceCommand(self, text, apply(locked), apply(not locked)))

    def set_pinned(self, registration_id: str, pinned: bool) -> None:
        def apply(on: bool) -> Callable[[UnitOfWork, _Record], SeatEditInfo]:
            return lambda uow, _r: pin_guest(uow, registration_id=registration_id, pinned=on)

        text = self.tr("Pin {plate}") if pinned else self.tr("Unpin {plate}")
        self.push(ServiceCommand(self, text.format(plate=self.plate_of(registration_id)), apply(pinned), apply(not pinned)))

    def move_table(self, table_id: str, old: QPointF, new: QPointF) -> None:
        if not self.editable:
            self.schedule_reload()
            return
        ox, oy, nx, ny = round(old.x(), 1), round(old.y(), 1), round(new.x(), 1), round(new.y(), 1)

        def place(x: float, y: float) -> Callable[[UnitOfWork, _Record], Any]:
            return lambda uow, _r: update_table(uow, table_id=table_id, changes={"x": x, "y": y})

        text = self.tr("Move table {table}").format(table=self.table_label(table_id))
        self.push(ServiceCommand(self, text, place(nx, ny), place(ox, oy)))

    def clear_plan(self) -> None:
        if self.state is None or self.event_info is None:
            return
        event_id, before = self.event_info.id, self.state.plan

        def do(uow: UnitOfWork, _record: _Record) -> int:
            return clear_seat_plan(uow, event_id=event_id)

        def undo(uow: UnitOfWork, _record: _Record) -> int:
            return save_seat_plan(uow, event_id=event_id, plan=before)

        self.push(ServiceCommand(self, self.tr("Clear plan"), do, undo, fit=True))

    # --- tables (not undoable) --------------------------------------------------------------------
    def _table_job(self, fn: Callable[[UnitOfWork], Any]) -> None:
        self.undo_stack.clear()
        self.fit_after_reload = True
        self.ops.run(lambda uow, _p, _c: fn(uow), on_done=lambda _r: self.schedule_reload(),
                     on_error=lambda e: show_events_error(self, e), parent=self)  # fmt: skip

    def open_add_tables(self) -> None:
        dialog = TableDialog(self)
        if dialog.exec():
            self.add_tables(count=dialog.count.value(), shape=dialog.shape.currentData(),
                            capacity=dialog.capacity.value())  # fmt: skip

    def add_tables(self, *, count: int, shape: str, capacity: int) -> None:
        if self.event_info is None:
            return
        event_id = self.event_info.id
        self._table_job(lambda uow: add_tables(uow, event_id=event_id, count=count, shape=shape, capacity=capacity))

    def edit_table(self, table_id: str) -> None:
        row = next((t for t in self.state.table_rows if t.id == table_id), None) if self.state else None
        if row is None:
            return
        dialog = TableDialog(self, row=row)
        if dialog.exec():
            changes = {"label": dialog.label.text(), "shape": dialog.shape.currentData(),
                       "capacity": dialog.capacity.value(), "theme": dialog.theme.text()}  # fmt: skip
            self._table_job(lambda uow: update_table(uow, table_id=table_id, changes=changes))

    def delete_table(self, table_id: str) -> None:
        answer = QMessageBox.question(self, self.tr("Remove table"),
                                      self.tr("Remove table {table}? Its guests lose their seats.").format(
                                          table=self.table_label(table_id)))  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self._table_job(lambda uow: remove_table(uow, table_id=table_id))

    # --- context menu -------------------------------------------------------------------------
    def _on_context(self, kind: str, payload: Any, screen_pos: QPoint) -> None:
        menu = self.context_menu(kind, payload)
        if menu is not None and not menu.isEmpty():
            menu.exec(screen_pos)

    def context_menu(self, kind: str, payload: Any) -> QMenu | None:
        if not self.editable or self.scorer is None or self.state is None:
            return None
        menu = QMenu(self)
        if kind == "guest":
            row = next((r for r in self.state.rows if r.registration_id == payload), None)
            if row is None:
                return None
            if row.seat is not None:
                locked = row.seat in self.state.plan.locked
                menu.addAction(self.tr("Unpin") if row.pinned else self.tr("Pin to this seat"),
                               lambda: self.set_pinned(row.registration_id, not row.pinned))  # fmt: skip
                menu.addAction(self.tr("Unlock seat") if locked else self.tr("Lock seat"),
                               lambda: self.set_locked(row.seat, not locked))  # type: ignore[arg-type]  # fmt: skip
                action = menu.addAction(self.tr("Take off the seat"), lambda: self.drop_guest(row.registration_id, None))
                action.setEnabled(not locked)
        elif kind == "seat":
            ref = SeatRef(*payload)
            locked = ref in self.state.plan.locked
            menu.addAction(self.tr("Unlock seat") if locked else self.tr("Lock seat (keep it empty)"),
                           lambda: self.set_locked(ref, not locked))  # fmt: skip
        elif kind == "table":
            menu.addAction(self.tr("Edit table…"), lambda: self.edit_table(payload))
            menu.addAction(self.tr("Remove table"), lambda: self.delete_table(payload))
        else:
            menu.addAction(self.tr("Add tables…"), self.open_add_tables)
        return menu

    # --- automatic arrangement ------------------------------------------------------------------
    def arrange(self, *, seed: int = 0) -> None:
        if self.event_info is None or self.arrange_job is not None:
            return
        event_id = self.event_info.id
        budget = min(float(self.budget.currentData() or 10.0), self.max_budget_s)
        stop = CancelToken()

        def job(session: Any, progress: Any, cancel: CancelToken) -> tuple[SeatPlanStateInfo, SeatingResultInfo]:
            state = seat_plan_state(session, event_id=event_id)
            result = solve_seat_plan(state, seed=seed, time_budget_s=budget, progress=progress, cancel=cancel, stop=stop)
            return state, result

        self.arrange_stop = stop
        self.arrange_result.clear()
        self.progress.setValue(0)
        self.arrange_panel.show()
        self.arrange_job = self.ops.run(job, on_done=self._arranged, on_error=self._arrange_failed, mode="read")
        self._progress_timer.start()
        self._update_buttons()

    def _poll_progress(self) -> None:
        if self.arrange_job is not None:
            self.progress.setValue(int(self.arrange_job.fraction * 1000))

    def stop_arrange(self) -> None:
        """Stop the optimiser and keep the best plan found so far."""
        if self.arrange_stop is not None:
            self.arrange_stop.cancel()

    def cancel_arrange(self) -> None:
        """Abandon the run; the plan stays as it was."""
        if self.arrange_job is not None:
            self.arrange_job.stop()

    def _end_arrange(self) -> None:
        self._progress_timer.stop()
        self.arrange_panel.hide()
        self.arrange_job = None
        self.arrange_stop = None
        self._update_buttons()

    def _arranged(self, result: tuple[SeatPlanStateInfo, SeatingResultInfo]) -> None:
        cancelled = self.arrange_job is not None and self.arrange_job.cancel.cancelled
        self._end_arrange()
        if cancelled:  # the run ended before it saw the cancel: what was asked for still holds
            self.arrange_result.setText(self.tr("Arrangement cancelled; the plan is unchanged."))
            return
        state, arrangement = result
        if self.event_info is None or state.event_id != self.event_info.id:
            return
        self.last_arrangement = arrangement
        event_id, before, after, fingerprint = state.event_id, state.plan, arrangement.plan, state.fingerprint

        def do(uow: UnitOfWork, record: _Record) -> int:
            return save_seat_plan(uow, event_id=event_id, plan=after, fingerprint=fingerprint if record.first else None)

        def undo(uow: UnitOfWork, _record: _Record) -> int:
            return save_seat_plan(uow, event_id=event_id, plan=before)

        stats = arrangement.stats
        self.arrange_result.setText(self.tr("Arranged {n} guests in {s:.1f} s ({how}). The result is above.").format(
            n=len(arrangement.plan.seats), s=stats.elapsed_ms / 1000, how=labels.stopped_by(stats.stopped_by.value)))  # fmt: skip
        self.push(ServiceCommand(self, self.tr("Arrange automatically"), do, undo, fit=True))

    def _arrange_failed(self, exc: BaseException) -> None:
        self._end_arrange()
        from xzdesk.domain.errors import Cancelled

        if isinstance(exc, Cancelled):
            self.arrange_result.setText(self.tr("Arrangement cancelled; the plan is unchanged."))
            return
        show_events_error(self, exc)

    @property
    def busy(self) -> bool:
        return self.arrange_job is not None or self.edits_running > 0


__all__ = ["SeatPlanTab", "ServiceCommand", "replay_seats"]
