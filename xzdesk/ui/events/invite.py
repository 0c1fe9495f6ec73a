"""Picking members for an event: invitations (several, from a caseload search or from matching
suggestions, with the quota balance as you pick) and walk-ins (one, at the venue).

Candidates are found with the case list's own query (`members.queries.list_member_ids`, the same
search syntax and district scope) and checked with `events.queries.check_eligibility`; matching
suggestions come from the window's shared `MatchIndex` (built once on a reader thread, kept
current by its commit hook). Names are masked; nothing here unmasks anything.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.errors import XzError
from xzdesk.domain.events.dto import EligibilityRow, EventInfo, InviteResultInfo, QuotaBalanceInfo
from xzdesk.domain.events.queries import check_eligibility, list_registrations, quota_balance
from xzdesk.domain.events.service import invite_members, register_walk_in
from xzdesk.domain.members.queries import MemberFilter, list_member_ids
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui import labels as core_labels
from xzdesk.ui.events import labels
from xzdesk.ui.events.messages import show_events_error
from xzdesk.ui.events.quota import QuotaBalanceTable, band_text
from xzdesk.ui.matching.index_holder import MatchIndexHolder
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import setup_table

MAX_CANDIDATES = 300
SUGGESTIONS_PER_GUEST = 20
SEARCH_DELAY_MS = 250


@dataclass(frozen=True)
class CandidatesInfo:
    rows: tuple[EligibilityRow, ...]
    truncated: bool


class MemberPickerDialog(QDialog):
    """Caseload search with each candidate's eligibility for the event (base of both dialogs)."""

    multi = True

    def __init__(self, ctx: AppContext, ops: Ops, event: EventInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops, self.event_info = ctx, ops, event
        self.rows: list[EligibilityRow] = []
        self._generation = 0
        self.resize(980, 620)

        self.search = QLineEdit()
        self.search.setObjectName("member_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: name, pinyin initials, phone last 4, member no., ID"))
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.mine = QCheckBox(self.tr("My caseload only"))
        self.mine.setObjectName("my_caseload")
        self.mine.toggled.connect(self.run_search)
        self.sex = QComboBox()
        self.sex.setObjectName("pick_sex")
        self.sex.addItem(self.tr("Both sexes"), None)
        self.sex.addItem(core_labels.sex(1), 1)
        self.sex.addItem(core_labels.sex(2), 2)
        self.sex.currentIndexChanged.connect(self._refill)
        self.show_ineligible = QCheckBox(self.tr("Also show those who may not come, and why"))
        self.show_ineligible.setObjectName("show_ineligible")
        self.show_ineligible.toggled.connect(self._refill)
        self.truncated = False

        self.table = QTableWidget(0, 8)
        self.table.setObjectName("candidates")
        self.table.setHorizontalHeaderLabels([
            "", self.tr("No."), self.tr("Name"), self.tr("Sex"), self.tr("Age"), self.tr("Age band"),
            self.tr("Registration"), self.tr("May come?"),
        ])  # fmt: skip
        setup_table(self.table, stretch=7)
        if not self.multi:
            self.table.hideColumn(0)
        self.found = QLabel()
        self.found.setObjectName("found")
        self.found.setWordWrap(True)

    # --- searching ----------------------------------------------------------------------------
    def member_filter(self) -> MemberFilter:
        actor = self.ctx.actor
        mine = self.mine.isChecked() and actor is not None
        return MemberFilter(text=self.search.text().strip(), matchmaker_id=actor.staff_id if mine else None)  # type: ignore[union-attr]

    def run_search(self) -> None:
        flt = self.member_filter()
        event_id = self.event_info.id
        index = self.ctx.store.blind_index
        scope = self.ctx.actor.district_code if self.ctx.actor else None
        today = core_labels.today()

        def query(session: Any, _p: Any, _c: Any) -> CandidatesInfo:
            ids = list_member_ids(session, flt, blind_index=index, today=today, scope_district=scope)
            rows = check_eligibility(session, event_id=event_id, member_ids=ids[:MAX_CANDIDATES])
            return CandidatesInfo(tuple(rows), len(ids) > MAX_CANDIDATES)

        self._load(query)

    def _load(self, query: Any) -> None:
        self._generation += 1
        generation = self._generation
        self.ops.run(query, on_done=lambda info: self._apply(generation, info), mode="read",
                     on_error=lambda e: show_events_error(self, e))  # fmt: skip

    def _apply(self, generation: int, info: CandidatesInfo) -> None:
        if generation != self._generation:
            return
        self.rows = list(info.rows)
        self.truncated = info.truncated
        self._refill()

    def can_pick(self, row: EligibilityRow) -> bool:
        return row.eligible and row.registration_status in (None, "cancelled")

    def matching_rows(self) -> list[EligibilityRow]:
        """The rows found, of the sex chosen (whether they may come or not)."""
        sex = self.sex.currentData()
        return [row for row in self.rows if sex is None or row.sex == sex]

    def visible_rows(self) -> list[EligibilityRow]:
        """The rows in the table: those who may be picked, and the others on request."""
        show_all = self.show_ineligible.isChecked()
        return [row for row in self.matching_rows() if show_all or self.can_pick(row)]

    def reasons(self, row: EligibilityRow) -> list[str]:
        """Why the row may not be picked, in words (empty when it may)."""
        if row.reasons:
            return [labels.ineligibility_reason(r.code, dict(r.params)) for r in row.reasons]
        if row.problems:
            return [labels.ineligibility_reason(code) for code in row.problems]
        if not self.can_pick(row):
            return [self.tr("already registered (“{status}”)").format(
                status=labels.registration_status(row.registration_status))]  # fmt: skip
        return []

    def status_text(self, row: EligibilityRow) -> str:
        reasons = self.reasons(row)
        if reasons:
            return self.tr("No: {reasons}").format(reasons=self.tr("; ").join(reasons))
        return self.tr("Yes") if row.fits_quota else self.tr("Yes (quota full: waiting list)")

    def _update_found(self, shown: int) -> None:
        """The count says what the table shows, and how many more were found but are hidden."""
        matching = self.matching_rows()
        may = sum(1 for row in matching if self.can_pick(row))
        hidden = len(matching) - shown
        text = self.tr("{shown} shown, {may} may come").format(shown=shown, may=may)
        if hidden:
            text += self.tr(" · {n} who may not come are hidden: tick “Also show those who may not come”").format(
                n=hidden)  # fmt: skip
        if self.truncated:
            text = self.tr("Only the first {n} matches were checked: refine the search.").format(n=MAX_CANDIDATES) \
                + " " + text  # fmt: skip
        self.found.setText(text)

    def _refill(self) -> None:
        rows = self.visible_rows()
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            check = QTableWidgetItem()
            check.setData(Qt.ItemDataRole.UserRole, row.member_id)
            if self.can_pick(row):
                check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
                check.setCheckState(Qt.CheckState.Checked if self.is_picked(row.member_id) else Qt.CheckState.Unchecked)
            else:
                check.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(r, 0, check)
            registration = labels.registration_status(row.registration_status) if row.registration_status else ""
            cells = (row.member_no, row.name_masked, core_labels.sex(row.sex), str(row.age),
                     band_text(self.event_info.age_bands, row.band_index), registration, self.status_text(row))  # fmt: skip
            reasons = "\n".join(self.reasons(row))
            for c, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.member_id)
                if reasons:
                    item.setToolTip(reasons)
                if not self.can_pick(row):
                    item.setForeground(QBrush(QColor("#888")))
                elif c == 7 and not row.fits_quota:
                    item.setForeground(QBrush(QColor("#c05000")))
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        self._update_found(len(rows))

    def is_picked(self, member_id: str) -> bool:
        return False


class InviteDialog(MemberPickerDialog):
    """Invite several members; the order of ticking is the waiting-list order."""

    def __init__(self, ctx: AppContext, ops: Ops, event: EventInfo, index: MatchIndexHolder,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(ctx, ops, event, parent)
        self.index_holder = index
        self.result_info: InviteResultInfo | None = None
        self.picked: list[str] = []
        self.picked_rows: dict[str, EligibilityRow] = {}
        self.setWindowTitle(self.tr("Invite members to “{name}”").format(name=event.name))
        self.table.itemChanged.connect(self._on_item_changed)

        self.source_tabs = QTabWidget()
        self.source_tabs.setObjectName("invite_source")
        search_tab = QWidget()
        sl = QHBoxLayout(search_tab)
        sl.setContentsMargins(4, 4, 4, 4)
        sl.addWidget(self.search, 1)
        sl.addWidget(self.mine)
        self.anchor = QComboBox()
        self.anchor.setObjectName("suggest_for")
        self.suggest_button = QPushButton(self.tr("Find suggestions"))
        self.suggest_button.setObjectName("find_suggestions")
        self.suggest_button.clicked.connect(self.run_suggestions)
        suggest_tab = QWidget()
        gl = QHBoxLayout(suggest_tab)
        gl.setContentsMargins(4, 4, 4, 4)
        gl.addWidget(QLabel(self.tr("Good matches for")))
        gl.addWidget(self.anchor, 1)
        gl.addWidget(self.suggest_button)
        self.source_tabs.addTab(search_tab, self.tr("From the case files"))
        self.source_tabs.addTab(suggest_tab, self.tr("From matching suggestions"))

        self.balance = QuotaBalanceTable(picking=True)
        self.balance.setObjectName("invite_balance")
        self.picked_label = QLabel()
        self.picked_label.setObjectName("picked")
        self.select_all_button = QPushButton(self.tr("Select all"))
        self.select_all_button.setObjectName("select_all")
        self.select_all_button.setToolTip(self.tr("Pick everyone shown who may come"))
        self.select_all_button.clicked.connect(lambda: self.pick_visible())
        self.invert_button = QPushButton(self.tr("Invert"))
        self.invert_button.setObjectName("select_invert")
        self.invert_button.setToolTip(self.tr("Pick those shown who are not picked, and drop those who are"))
        self.invert_button.clicked.connect(self.invert_visible)
        self.none_button = QPushButton(self.tr("Select none"))
        self.none_button.setObjectName("select_none")
        self.none_button.clicked.connect(self.pick_none)
        self.approve = QCheckBox(self.tr("Approve at once while places are free (the others join the waiting list)"))
        self.approve.setObjectName("approve_now")
        self.approve.setChecked(True)
        self.remark = QLineEdit()
        self.remark.setPlaceholderText(self.tr("Remark (optional, no personal data)"))
        self.remark.setMaxLength(200)

        filters = QHBoxLayout()
        filters.addWidget(self.sex)
        filters.addWidget(self.show_ineligible)
        filters.addStretch(1)
        selection = QHBoxLayout()
        for button in (self.select_all_button, self.invert_button, self.none_button):
            selection.addWidget(button)
        selection.addWidget(self.picked_label, 1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.source_tabs)
        ll.addLayout(filters)
        ll.addWidget(self.found)
        ll.addWidget(self.table, 1)
        ll.addLayout(selection)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel(self.tr("Places")))
        rl.addWidget(self.balance, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.invite_button = self.buttons.addButton(self.tr("Invite"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.invite_button.setObjectName("invite")
        self.buttons.accepted.connect(self.invite)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.approve)
        layout.addWidget(self.remark)
        layout.addWidget(self.buttons)
        self._update_picked()
        self.load_balance()
        self.load_guests()
        self.run_search()

    # --- quota ------------------------------------------------------------------------------------
    def load_balance(self) -> None:
        event_id = self.event_info.id
        self.ops.run(lambda s, _p, _c: quota_balance(s, event_id=event_id), on_done=self._on_balance, mode="read",
                     on_error=lambda e: show_events_error(self, e))  # fmt: skip

    def _on_balance(self, balance: QuotaBalanceInfo) -> None:
        self.balance.set_balance(balance, self.event_info.age_bands)

    # --- picking ----------------------------------------------------------------------------------
    def is_picked(self, member_id: str) -> bool:
        return member_id in self.picked_rows

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        member_id = item.data(Qt.ItemDataRole.UserRole)
        row = next((r for r in self.rows if r.member_id == member_id), None)
        if row is None:
            return
        self.set_picked(row, item.checkState() == Qt.CheckState.Checked)

    def set_picked(self, row: EligibilityRow, on: bool) -> None:
        if on and row.member_id not in self.picked_rows and self.can_pick(row):
            self.picked.append(row.member_id)
            self.picked_rows[row.member_id] = row
        elif not on and row.member_id in self.picked_rows:
            self.picked.remove(row.member_id)
            del self.picked_rows[row.member_id]
        self._update_picked()

    def pick_visible(self, n: int | None = None) -> int:
        """Tick the first `n` (all) pickable visible rows; returns how many are picked."""
        for row in self.visible_rows()[:n] if n is not None else self.visible_rows():
            self.set_picked(row, True)
        self._refill()
        return len(self.picked)

    def invert_visible(self) -> int:
        """Pick the pickable visible rows not picked and drop those picked; returns how many are
        picked."""
        for row in self.visible_rows():
            self.set_picked(row, not self.is_picked(row.member_id))
        self._refill()
        return len(self.picked)

    def pick_none(self) -> None:
        """Drop every pick (also those of earlier searches)."""
        self.picked.clear()
        self.picked_rows.clear()
        self._update_picked()
        self._refill()

    def picked_cells(self) -> Counter[tuple[int, int | None]]:
        return Counter((r.sex, r.band_index) for r in self.picked_rows.values())

    def _update_picked(self) -> None:
        cells = self.picked_cells()
        self.balance.set_picked(cells)
        men, women = sum(n for (s, _b), n in cells.items() if s == 1), sum(n for (s, _b), n in cells.items() if s == 2)
        self.picked_label.setText(self.tr("{n} selected ({men} men, {women} women)").format(
            n=len(self.picked), men=men, women=women))  # fmt: skip
        self.invite_button.setEnabled(bool(self.picked))

    # --- suggestions ------------------------------------------------------------------------------
    def load_guests(self) -> None:
        event_id = self.event_info.id
        self.ops.run(lambda s, _p, _c: list_registrations(s, event_id=event_id, statuses=("approved", "attended")),
                     on_done=self._on_guests, mode="read", on_error=lambda e: show_events_error(self, e))  # fmt: skip

    def _on_guests(self, rows: list[Any]) -> None:
        self.anchor.clear()
        self.anchor.addItem(self.tr("Every approved guest"), [r.member_id for r in rows])
        for r in rows:
            self.anchor.addItem(f"{r.plate or ''} {r.name_masked}", [r.member_id])
        self.suggest_button.setEnabled(bool(rows))

    def run_suggestions(self) -> None:
        anchors = list(self.anchor.currentData() or [])
        if not anchors:
            return
        self.index_holder.run(lambda index, _p, _c: index, on_done=lambda index: self._suggest(index, anchors),
                              on_error=lambda e: show_events_error(self, e), parent=self,
                              title=self.tr("Preparing matching suggestions"))  # fmt: skip

    def _suggest(self, index: Any, anchors: list[str]) -> None:
        event_id = self.event_info.id
        k = SUGGESTIONS_PER_GUEST if len(anchors) > 1 else 50

        def query(session: Any, _p: Any, cancel: Any) -> CandidatesInfo:
            score: Counter[str] = Counter()
            for member_id in anchors:
                cancel.check()
                try:
                    ranked = index.rank(member_id, k=k)
                except XzError:  # a guest outside the matching pool has no suggestions
                    continue
                for row in ranked:
                    score[row.member_id] += row.score
            ordered = [m for m, _s in score.most_common(MAX_CANDIDATES)]
            return CandidatesInfo(tuple(check_eligibility(session, event_id=event_id, member_ids=ordered)), False)

        self._load(query)

    # --- inviting ---------------------------------------------------------------------------------
    def invite(self) -> None:
        if not self.picked:
            return
        event_id, ids, approve = self.event_info.id, list(self.picked), self.approve.isChecked()
        remark = self.remark.text().strip() or None
        self.invite_button.setEnabled(False)
        self.ops.run(lambda uow, _p, _c: invite_members(uow, event_id=event_id, member_ids=ids, approve=approve,
                                                        remark=remark),
                     on_done=self._on_invited, on_error=self._on_error, title=self.tr("Inviting"), parent=self)  # fmt: skip

    def _on_invited(self, result: InviteResultInfo) -> None:
        self.result_info = result
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self.invite_button.setEnabled(True)
        show_events_error(self, exc)


class WalkInDialog(MemberPickerDialog):
    """Register one member at the venue (approved with a plate; attended unless unticked)."""

    multi = False

    def __init__(self, ctx: AppContext, ops: Ops, event: EventInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx, ops, event, parent)
        self.result_info: Any = None
        self.setWindowTitle(self.tr("Walk-in at “{name}”").format(name=event.name))
        self.resize(820, 560)
        self.attended = QCheckBox(self.tr("Present now (checked in)"))
        self.attended.setObjectName("walk_in_attended")
        self.attended.setChecked(True)
        self.over_quota = QCheckBox(self.tr("Allow beyond the quota (recorded in the audit log)"))
        self.over_quota.setObjectName("over_quota")
        self.over_quota.setEnabled(bool(ctx.actor and ctx.actor.can(Permission.EVENTS_MANAGE)))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.register_button = self.buttons.addButton(self.tr("Register walk-in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.register_button.setObjectName("register_walk_in")
        self.buttons.accepted.connect(self.register)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.mine)
        top.addWidget(self.sex)
        top.addWidget(self.show_ineligible)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.found)
        layout.addWidget(self.attended)
        layout.addWidget(self.over_quota)
        layout.addWidget(self.buttons)
        self._update()
        self.run_search()

    def can_pick(self, row: EligibilityRow) -> bool:
        return row.eligible and row.registration_status in (None, "cancelled", "pending", "waitlisted")

    def chosen(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def select_member(self, member_id: str) -> bool:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 1).data(Qt.ItemDataRole.UserRole) == member_id:
                self.table.selectRow(r)
                return True
        return False

    def _update(self) -> None:
        member_id = self.chosen()
        row = next((r for r in self.rows if r.member_id == member_id), None)
        self.register_button.setEnabled(row is not None and self.can_pick(row))

    def register(self) -> None:
        member_id = self.chosen()
        if member_id is None:
            return
        row = next((r for r in self.rows if r.member_id == member_id), None)
        if row is not None and not row.fits_quota and not self.over_quota.isChecked():
            QMessageBox.information(self, self.windowTitle(),
                                    self.tr("No place is free for this person. Tick “Allow beyond the quota” "
                                            "to register them all the same."))  # fmt: skip
            return
        event_id, attended, over = self.event_info.id, self.attended.isChecked(), self.over_quota.isChecked()
        self.register_button.setEnabled(False)
        self.ops.run(lambda uow, _p, _c: register_walk_in(uow, event_id=event_id, member_id=member_id,
                                                          attended=attended, over_quota=over),
                     on_done=self._on_done, on_error=self._on_error, title=self.tr("Registering"), parent=self)  # fmt: skip

    def _on_done(self, info: Any) -> None:
        self.result_info = info
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self._update()
        show_events_error(self, exc)
