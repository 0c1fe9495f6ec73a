"""The registrations of an event: the list (masked names, plates, statuses, sources), the
actions on them (approve, waiting list, cancel, reopen, attended, no-shows), invitations and
walk-ins, the quota balance, and the attendee export.

An event has at most a few thousand registrations: the model holds the RegistrationRow list
from `list_registrations` (filtered in SQL/Python by the query) and is reloaded on a reader
thread after every change to the events area.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.events.codes import (
    PLACE_HOLDING,
    PLANNING_STATUSES,
    REGISTRATION_TRANSITIONS,
    SYSTEM_CANCEL_REASONS,
    WALK_IN_STATUSES,
    CancelReason,
    RegistrationStatus,
)
from xzdesk.domain.events.dto import EventInfo, InviteResultInfo, QuotaBalanceInfo, RegistrationRow
from xzdesk.domain.events.export import export_attendees
from xzdesk.domain.events.queries import list_registrations, quota_balance
from xzdesk.domain.events.seatplans import clear_friend_group, set_friend_group
from xzdesk.domain.events.service import (
    approve_pending,
    approve_registration,
    cancel_registration,
    mark_attended,
    promote_waitlist,
    record_no_shows,
    reopen_registration,
    waitlist_registration,
)
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui import labels as core_labels
from xzdesk.ui.events import labels
from xzdesk.ui.events.invite import InviteDialog, WalkInDialog
from xzdesk.ui.events.messages import describe_events_error, load_failed, show_events_error
from xzdesk.ui.events.quota import QuotaBalanceTable, band_text
from xzdesk.ui.geometry import shrinkable
from xzdesk.ui.matching.index_holder import MatchIndexHolder
from xzdesk.ui.ops import Ops
from xzdesk.ui.saved import announce_saved, prints_folder
from xzdesk.ui.table_model import CENTER, Column, RowListModel, setup_table

Index = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 250


PROBLEM_TEXT = "#b00020"
CLOSED_TEXT = "#888"  # cancelled or no-show: the row is greyed
PENDING_TEXT = "#c05000"
PLATE_BACKGROUND = {1: "#dceeff", 2: "#ffe0ea"}  # by sex, as the badges


class RegistrationTableModel(RowListModel):
    """Columns: plate, member no., name (masked), sex, age, age band, status, source, table and
    seat, requested, problems."""

    row_roles = {Qt.ItemDataRole.UserRole: lambda r: r.id}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RegistrationRow] = []
        self.event_info: EventInfo | None = None
        self.columns = (
            Column("plate", self.tr("Plate"), lambda r: r.plate or "", align=CENTER,
                   background=lambda r: PLATE_BACKGROUND.get(r.sex, PLATE_BACKGROUND[2]) if r.plate else None),
            Column("member_no", self.tr("No."), lambda r: r.member_no),
            Column("name", self.tr("Name"), lambda r: r.name_masked),
            Column("sex", self.tr("Sex"), lambda r: core_labels.sex(r.sex), align=CENTER),
            Column("age", self.tr("Age"), lambda r: str(r.age), align=CENTER),
            Column("band", self.tr("Age band"), self._band_text, align=CENTER),
            Column("status", self.tr("Status"), self.status_text,
                   foreground=lambda r: PENDING_TEXT if r.status == RegistrationStatus.PENDING else None),
            Column("source", self.tr("Source"), lambda r: labels.source(r.source)),
            Column("seat", self.tr("Seat"), self._seat_text),
            Column("requested", self.tr("Requested"), lambda r: core_labels.local_time(r.requested_at, "%m-%d %H:%M")),
            Column("problems", self.tr("Notes"), lambda r: ", ".join(labels.ineligibility(p) for p in r.problems),
                   foreground=lambda r: PROBLEM_TEXT if r.problems else None),
        )  # fmt: skip

    def set_rows(self, event: EventInfo | None, rows: Sequence[RegistrationRow]) -> None:  # type: ignore[override]
        self.beginResetModel()
        self.event_info = event
        self.rows = list(rows)
        self.endResetModel()

    def status_text(self, r: RegistrationRow) -> str:
        text = labels.registration_status(r.status)
        if r.status == RegistrationStatus.WAITLISTED and r.waitlist_position:
            text = self.tr("{status} #{n}").format(status=text, n=r.waitlist_position)
        return text

    def _band_text(self, r: RegistrationRow) -> str:
        return band_text(self.event_info.age_bands, r.band_index) if self.event_info else ""

    def _seat_text(self, r: RegistrationRow) -> str:
        if r.table_label is None:
            return ""
        return self.tr("Table {table}, seat {seat}").format(table=r.table_label, seat=(r.seat_index or 0) + 1)

    def row_foreground(self, r: RegistrationRow) -> str | None:
        return CLOSED_TEXT if r.status in (RegistrationStatus.CANCELLED, RegistrationStatus.NO_SHOW) else None


class CancelRegistrationDialog(QDialog):
    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cancel registrations"))
        self.reason = QComboBox()
        self.reason.setObjectName("cancel_reason")
        for r in CancelReason:
            if r not in SYSTEM_CANCEL_REASONS:
                self.reason.addItem(labels.cancel_reason(r.value), r.value)
        self.promote = QCheckBox(self.tr("Give freed places to the waiting list"))
        self.promote.setChecked(True)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Cancel {n} registration(s)? Plates are never handed to anyone else.").format(n=count)))
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.promote)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class RegistrationsTab(QWidget):
    """The registrations tab of the event workspace."""

    sig_message = Signal(str)  # a line for the status area (what the last action did)

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.event_info: EventInfo | None = None
        self.balance_info: QuotaBalanceInfo | None = None
        self._own_index: MatchIndexHolder | None = None
        self._generation = 0
        self._batch_errors: list[BaseException] = []

        self.status = QComboBox()
        self.status.setObjectName("reg_filter_status")
        self.status.addItem(self.tr("All registrations"), "")
        self.status.addItem(self.tr("Places taken"), ",".join(sorted(s.value for s in PLACE_HOLDING)))
        for s in RegistrationStatus:
            self.status.addItem(labels.registration_status(s.value), s.value)
        self.sex = QComboBox()
        self.sex.setObjectName("reg_filter_sex")
        self.sex.addItem(self.tr("Both sexes"), None)
        self.sex.addItem(core_labels.sex(1), 1)
        self.sex.addItem(core_labels.sex(2), 2)
        self.search = QLineEdit()
        self.search.setObjectName("reg_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Plate, member no. or surname"))
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.status.currentIndexChanged.connect(self.reload)
        self.sex.currentIndexChanged.connect(self.reload)

        self.invite_button = QPushButton(self.tr("Invite…"))
        self.invite_button.setObjectName("invite_members")
        self.invite_button.clicked.connect(self.open_invite)
        self.walk_in_button = QPushButton(self.tr("Walk-in…"))
        self.walk_in_button.setObjectName("walk_in")
        self.walk_in_button.clicked.connect(self.open_walk_in)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export list…"))
        self.export_button.setObjectName("export_attendees")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.export_button.clicked.connect(lambda: self.export())
        export_menu = QMenu(self)
        export_menu.addAction(self.tr("Masked list (names 张*, phones 138****5678)…"), lambda: self.export())
        self.export_unmasked_action = export_menu.addAction(self.tr("Unmasked list (needs a reason, audited)…"),
                                                            self.export_unmasked)  # fmt: skip
        self.export_button.setMenu(export_menu)

        self.model = RegistrationTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("registration_table")
        self.table.setModel(self.model)
        setup_table(self.table, multi=True)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.count = QLabel()
        self.count.setObjectName("reg_count")

        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setObjectName("approve")
        self.approve_button.clicked.connect(self.approve_selected)
        self.waitlist_button = QPushButton(self.tr("To waiting list"))
        self.waitlist_button.setObjectName("waitlist")
        self.waitlist_button.clicked.connect(self.waitlist_selected)
        self.cancel_button = QPushButton(self.tr("Cancel…"))
        self.cancel_button.setObjectName("cancel_registration")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.reopen_button = QPushButton(self.tr("Reopen"))
        self.reopen_button.setObjectName("reopen")
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.attended_button = QPushButton(self.tr("Attended"))
        self.attended_button.setObjectName("attended")
        self.attended_button.clicked.connect(self.attended_selected)
        self.approve_all_button = QPushButton(self.tr("Approve all pending"))
        self.approve_all_button.setObjectName("approve_all")
        self.approve_all_button.clicked.connect(self.approve_all)
        self.promote_button = QPushButton(self.tr("Fill from waiting list"))
        self.promote_button.setObjectName("promote")
        self.promote_button.clicked.connect(self.promote)
        self.no_show_button = QPushButton(self.tr("Record no-shows"))
        self.no_show_button.setObjectName("no_shows")
        self.no_show_button.clicked.connect(self.no_shows)

        self.balance = QuotaBalanceTable()
        self.balance.setObjectName("quota_balance")
        self.summary = QLabel()
        self.summary.setObjectName("reg_summary")
        self.summary.setWordWrap(True)
        self.last_action = QLabel()
        self.last_action.setObjectName("last_action")
        self.last_action.setWordWrap(True)
        self.last_action.setStyleSheet("color: #1b5e20;")

        # Rows that stay narrow enough for 1366×768 (and 1280×720) beside the event browser.
        adding = QHBoxLayout()
        for b in (self.invite_button, self.walk_in_button, self.export_button):
            adding.addWidget(b)
        adding.addStretch(1)
        top = QHBoxLayout()
        shrinkable(self.status, self.sex, chars=4)
        top.addWidget(self.status)
        top.addWidget(self.sex)
        top.addWidget(self.search, 1)
        actions = QHBoxLayout()
        for b in (self.approve_button, self.waitlist_button, self.cancel_button, self.reopen_button,
                  self.attended_button):  # fmt: skip
            actions.addWidget(b)
        actions.addStretch(1)
        bulk = QHBoxLayout()
        for b in (self.approve_all_button, self.promote_button, self.no_show_button):
            bulk.addWidget(b)
        bulk.addStretch(1)
        bulk.addWidget(self.count)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(adding)
        ll.addLayout(top)
        ll.addWidget(self.table, 1)
        ll.addLayout(actions)
        ll.addLayout(bulk)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Quota balance"))
        title.setStyleSheet("font-weight: bold;")
        rl.addWidget(title)
        rl.addWidget(self.balance, 1)
        rl.addWidget(self.summary)
        rl.addWidget(self.last_action)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        right.setMinimumWidth(220)
        split.setSizes([700, 330])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(split)
        self._update_buttons()

    # --- loading ----------------------------------------------------------------------------------
    def set_event(self, event: EventInfo | None) -> None:
        changed = self.event_info is None or event is None or self.event_info.id != event.id
        self.event_info = event
        if changed:
            self.last_action.clear()
            self.model.set_rows(event, [])
        self.reload()

    def reload(self) -> None:
        event = self.event_info
        self._generation += 1
        generation = self._generation
        if event is None:
            self.model.set_rows(None, [])
            self.balance.set_balance(None)
            self._update_buttons()
            return
        statuses = tuple(c for c in str(self.status.currentData() or "").split(",") if c)
        sex, text = self.sex.currentData(), self.search.text().strip()
        event_id = event.id

        def query(session: Any, _p: Any, _c: Any) -> tuple[list[RegistrationRow], QuotaBalanceInfo]:
            rows = list_registrations(session, event_id=event_id, statuses=statuses, sex=sex, text=text or None)
            return rows, quota_balance(session, event_id=event_id)

        self.ops.run(query, on_done=lambda r: self._apply(generation, *r), mode="read",
                     on_error=lambda e: load_failed(self.count, e))  # fmt: skip

    def _apply(self, generation: int, rows: list[RegistrationRow], balance: QuotaBalanceInfo) -> None:
        if generation != self._generation or self.event_info is None:
            return
        selected = set(self.selected_ids())
        self.model.set_rows(self.event_info, rows)
        for i, r in enumerate(rows):
            if r.id in selected:
                self.table.selectionModel().select(
                    self.model.index(i, 0),
                    self.table.selectionModel().SelectionFlag.Select | self.table.selectionModel().SelectionFlag.Rows,
                )
        self.balance_info = balance
        self.balance.set_balance(balance, self.event_info.age_bands)
        self.count.setText(self.tr("{n} registrations shown").format(n=len(rows)))
        self.summary.setText(self.tr("{approved} of {capacity} places taken · {pending} pending · {waiting} waiting · "
                                     "{free} free").format(approved=balance.approved, capacity=balance.capacity,
                                                           pending=balance.pending, waiting=balance.waitlisted,
                                                           free=balance.free))  # fmt: skip
        self._update_buttons()

    # --- selection and buttons --------------------------------------------------------------------
    def selected_rows(self) -> list[RegistrationRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if 0 <= r < len(self.model.rows)]

    def selected_ids(self) -> list[str]:
        return [r.id for r in self.selected_rows()]

    def select_ids(self, ids: Sequence[str]) -> None:
        self.table.clearSelection()
        sm = self.table.selectionModel()
        for rid in ids:
            row = self.model.row_of(rid)
            if row >= 0:
                sm.select(self.model.index(row, 0), sm.SelectionFlag.Select | sm.SelectionFlag.Rows)

    def _can(self, target: str) -> bool:
        rows = self.selected_rows()
        return bool(rows) and all(target in REGISTRATION_TRANSITIONS[RegistrationStatus(r.status)] for r in rows)

    def _update_buttons(self) -> None:
        event = self.event_info
        manage = bool(self.ctx.actor and self.ctx.actor.can(Permission.EVENTS_MANAGE))
        venue = bool(self.ctx.actor and (self.ctx.actor.can(Permission.CHECKIN) or manage))
        planning = event is not None and event.status in PLANNING_STATUSES
        self.invite_button.setEnabled(manage and planning)
        self.walk_in_button.setEnabled(venue and event is not None and event.status in WALK_IN_STATUSES)
        self.export_button.setEnabled(manage and event is not None)
        self.export_unmasked_action.setEnabled(bool(self.ctx.actor and self.ctx.actor.can(Permission.MEMBERS_UNMASK)))
        self.approve_button.setEnabled(manage and planning and self._can("approved"))
        self.waitlist_button.setEnabled(manage and planning and all(r.status == "pending" for r in self.selected_rows())
                                        and bool(self.selected_rows()))  # fmt: skip
        self.cancel_button.setEnabled(manage and planning and self._can("cancelled"))
        self.reopen_button.setEnabled(manage and planning and self._can("pending"))
        self.attended_button.setEnabled(venue and event is not None and event.status != "cancelled" and self._can("attended"))
        balance = self.balance_info
        self.approve_all_button.setEnabled(manage and planning and bool(balance and balance.pending))
        self.promote_button.setEnabled(manage and planning and bool(balance and balance.waitlisted and balance.free))
        self.no_show_button.setEnabled(manage and event is not None and event.status == "held")

    def context_menu(self) -> QMenu:
        """The actions on the selected registrations (also the table's right-click menu)."""
        menu = QMenu(self)
        for button in (self.approve_button, self.waitlist_button, self.cancel_button, self.reopen_button,
                       self.attended_button):  # fmt: skip
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
        menu.addSeparator()
        guests = [r for r in self.selected_rows() if r.status in ("approved", "attended")]
        manage = bool(self.ctx.actor and self.ctx.actor.can(Permission.EVENTS_MANAGE))
        planning = self.event_info is not None and self.event_info.status in PLANNING_STATUSES
        together = menu.addAction(self.tr("Came together (seat at one table)"), self.mark_together)
        together.setEnabled(manage and planning and len(guests) >= 2)
        apart = menu.addAction(self.tr("Not a group any more"), self.clear_together)
        apart.setEnabled(manage and planning and bool(guests))
        return menu

    def _on_context_menu(self, pos: Any) -> None:
        self.context_menu().exec(self.table.viewport().mapToGlobal(pos))

    def mark_together(self) -> None:
        """Friends who came together: the seat plan keeps them at one table."""
        ids = [r.id for r in self.selected_rows() if r.status in ("approved", "attended")]
        if len(ids) < 2:
            return
        self.ops.run(lambda uow, _p, _c: set_friend_group(uow, registration_ids=ids),
                     on_done=lambda _g: self.last_action.setText(
                         self.tr("{n} guests marked as having come together.").format(n=len(ids))),
                     on_error=lambda e: show_events_error(self, e), parent=self)  # fmt: skip

    def clear_together(self) -> None:
        ids = [r.id for r in self.selected_rows() if r.status in ("approved", "attended")]
        if ids:
            self.ops.run(lambda uow, _p, _c: clear_friend_group(uow, registration_ids=ids),
                         on_done=lambda _r: self.last_action.setText(self.tr("Group removed.")),
                         on_error=lambda e: show_events_error(self, e), parent=self)  # fmt: skip

    # --- running actions --------------------------------------------------------------------------
    def _run_each(self, ids: list[str], fn: Callable[[Any, str], Any], done_text: Callable[[int, list[Any]], str],
                  *, title: str) -> None:  # fmt: skip
        """One service call per registration (each its own transaction, in order); then one
        summary line, and the first error if any failed."""
        if not ids:
            return
        results: list[Any] = []
        errors: list[BaseException] = []
        remaining = [len(ids)]

        def finish_one() -> None:
            remaining[0] -= 1
            if remaining[0]:
                return
            self.last_action.setText(done_text(len(results), results))
            if errors:
                text = describe_events_error(errors[0])
                if len(errors) > 1:
                    text += "\n" + self.tr("({n} of {total} could not be done.)").format(n=len(errors), total=len(ids))
                QMessageBox.warning(self, title, text)

        for rid in ids:
            self.ops.run(lambda uow, _p, _c, rid=rid: fn(uow, rid),
                         on_done=lambda r: (results.append(r), finish_one()),
                         on_error=lambda e: (errors.append(e), finish_one()), parent=self)  # fmt: skip

    def approve_selected(self) -> None:
        self._run_each(self.selected_ids(),
                       lambda uow, rid: approve_registration(uow, registration_id=rid),
                       lambda n, rs: self.tr("{n} approved: plates {plates}.").format(
                           n=n, plates=", ".join(r.plate or "?" for r in rs)),
                       title=self.tr("Approve"))  # fmt: skip

    def waitlist_selected(self) -> None:
        self._run_each(self.selected_ids(), lambda uow, rid: waitlist_registration(uow, registration_id=rid),
                       lambda n, _rs: self.tr("{n} put on the waiting list.").format(n=n),
                       title=self.tr("To waiting list"))  # fmt: skip

    def cancel_selected(self, *, reason: str | None = None, promote: bool | None = None) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if reason is None:
            dialog = CancelRegistrationDialog(len(ids), self)
            if not dialog.exec():
                return
            reason, promote = dialog.reason.currentData(), dialog.promote.isChecked()

        def text(n: int, results: list[Any]) -> str:
            promoted = [p for r in results for p in r.promoted]
            line = self.tr("{n} cancelled.").format(n=n)
            if promoted:
                line += " " + self.tr("Moved up from the waiting list: {plates}.").format(
                    plates=", ".join(p.plate or "?" for p in promoted))  # fmt: skip
            return line

        self._run_each(ids, lambda uow, rid: cancel_registration(uow, registration_id=rid, reason=reason,
                                                                  promote=bool(promote)),
                       text, title=self.tr("Cancel registrations"))  # fmt: skip

    def reopen_selected(self) -> None:
        self._run_each(self.selected_ids(), lambda uow, rid: reopen_registration(uow, registration_id=rid),
                       lambda n, _rs: self.tr("{n} reopened (pending).").format(n=n), title=self.tr("Reopen"))  # fmt: skip

    def attended_selected(self) -> None:
        self._run_each(self.selected_ids(), lambda uow, rid: mark_attended(uow, registration_id=rid),
                       lambda n, _rs: self.tr("{n} marked as attended.").format(n=n), title=self.tr("Attended"))  # fmt: skip

    def _event_job(self, fn: Callable[[Any, str], Any], on_done: Callable[[Any], None], title: str) -> None:
        if self.event_info is None:
            return
        event_id = self.event_info.id
        self.ops.run(lambda uow, _p, _c: fn(uow, event_id), on_done=on_done,
                     on_error=lambda e: show_events_error(self, e), title=title, parent=self)  # fmt: skip

    def approve_all(self) -> None:
        def done(result: InviteResultInfo) -> None:
            self.last_action.setText(self.invite_summary(result))

        self._event_job(lambda uow, eid: approve_pending(uow, event_id=eid), done, self.tr("Approving"))

    def promote(self) -> None:
        def done(promoted: tuple[Any, ...]) -> None:
            if promoted:
                self.last_action.setText(self.tr("Moved up from the waiting list: {plates}.").format(
                    plates=", ".join(p.plate or "?" for p in promoted)))  # fmt: skip
            else:
                self.last_action.setText(self.tr("Nobody on the waiting list fits the free places."))

        self._event_job(lambda uow, eid: promote_waitlist(uow, event_id=eid), done, self.tr("Waiting list"))

    def no_shows(self) -> None:
        answer = QMessageBox.question(self, self.tr("Record no-shows"),
                                      self.tr("Mark every approved guest who did not check in as a no-show?"))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._event_job(lambda uow, eid: record_no_shows(uow, event_id=eid),
                        lambda r: self.last_action.setText(self.tr("{n} no-shows recorded.").format(n=len(r.no_show))),
                        self.tr("Record no-shows"))  # fmt: skip

    def invite_summary(self, result: InviteResultInfo) -> str:
        parts = [self.tr("{n} approved").format(n=len(result.approved))]
        if result.waitlisted:
            parts.append(self.tr("{n} on the waiting list").format(n=len(result.waitlisted)))
        if result.pending:
            parts.append(self.tr("{n} pending").format(n=len(result.pending)))
        if result.skipped:
            parts.append(self.tr("{n} skipped").format(n=len(result.skipped)))
        return "; ".join(parts) + "."

    # --- dialogs ----------------------------------------------------------------------------------
    def make_invite_dialog(self) -> InviteDialog:
        assert self.event_info is not None
        return InviteDialog(self.ctx, self.ops, self.event_info, self.match_index(), self)

    def match_index(self) -> MatchIndexHolder:
        """The main window's shared matching index (or one of this tab's own, outside a window)."""
        shared = getattr(self.window(), "match_index", None)
        if isinstance(shared, MatchIndexHolder):
            return shared
        if self._own_index is None:
            self._own_index = MatchIndexHolder(self.ctx, self.ops, self)
        return self._own_index

    def open_invite(self) -> None:
        if self.event_info is None:
            return
        dialog = self.make_invite_dialog()
        if dialog.exec() and dialog.result_info is not None:
            self.last_action.setText(self.invite_summary(dialog.result_info))

    def open_walk_in(self) -> None:
        if self.event_info is None:
            return
        dialog = WalkInDialog(self.ctx, self.ops, self.event_info, self)
        if dialog.exec() and dialog.result_info is not None:
            info = dialog.result_info
            self.last_action.setText(self.tr("Walk-in registered: plate {plate}.").format(plate=info.plate or "?"))

    def export(self, path: str | None = None, *, unmasked: bool = False, reason: str | None = None) -> None:
        """Write the attendee list (places taken) to an xlsx file, masked unless asked."""
        if self.event_info is None:
            return
        if path is None:
            default = str(prints_folder(self.ctx) / f"{self.event_info.code}-attendees.xlsx")
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export attendee list"), default,
                                                        self.tr("Excel workbook (*.xlsx)"))  # fmt: skip
            if not path:
                return
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
        event_id = self.event_info.id

        def done(info: Any) -> None:
            text = self.tr("{n} attendees exported (masked).") if info.masked else self.tr("{n} attendees exported.")
            line = text.format(n=info.rows)
            if info.withheld:
                line += " " + self.tr("{n} left out: consent withdrawn.").format(n=info.withheld)
            self.last_action.setText(line)
            announce_saved(self, Path(path), title=self.tr("Attendee list saved"), summary=line)

        self.ops.run(lambda uow, _p, _c: export_attendees(uow, event_id=event_id, out=path, unmasked=unmasked,
                                                          reason=reason),
                     on_done=done, on_error=lambda e: show_events_error(self, e), title=self.tr("Exporting"),
                     parent=self)  # fmt: skip

    def export_unmasked(self) -> None:
        from xzdesk.ui.reason import ReasonDialog

        dialog = ReasonDialog(self.tr("Unmasked attendee list"),
                              self.tr("Why do you need full names and phone numbers in the file?"), self)  # fmt: skip
        if dialog.exec():
            self.export(unmasked=True, reason=dialog.reason.text().strip())

    def on_close(self) -> None:
        if self._own_index is not None:
            self._own_index.close()
