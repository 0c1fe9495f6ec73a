"""The candidates panel: pick a member, see the ranked candidates with their reasons in words,
compare two masked profiles side by side, and propose an introduction (one click + confirm)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.introductions.dto import IntroductionInfo, IntroductionSideRow, LiveIntroductionRow
from xzdesk.domain.introductions.queries import live_introductions
from xzdesk.domain.introductions.service import block_pair, propose_introduction
from xzdesk.domain.matching import MatchCandidateRow
from xzdesk.domain.matching.views import CandidateListInfo, ComparisonInfo, load_candidates, load_comparison
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui import labels as core_labels
from xzdesk.ui.labels import today
from xzdesk.ui.matching import labels
from xzdesk.ui.matching.cards import ComparisonWidget
from xzdesk.ui.matching.common import side_cell
from xzdesk.ui.matching.dialogs import BlockDialog
from xzdesk.ui.matching.index_holder import MatchIndexHolder
from xzdesk.ui.matching.messages import show_matching_error
from xzdesk.ui.matching.picker import MemberPicker
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import CENTER, Column, RowListModel, setup_table

Index = QModelIndex | QPersistentModelIndex


DAMPED_TEXT = "#8a6d00"  # a score lowered by fairness damping (the candidate is much proposed)


@dataclass(frozen=True)
class _Line:
    """What a candidate's row shows besides the DTO, worked out once per ranking."""

    rank: int
    reasons: str
    details: str


class CandidateTableModel(RowListModel):
    """Ranked candidates: rank, member no., masked name, sex, age, district, score, reasons."""

    row_roles = {Qt.ItemDataRole.UserRole: lambda r: r.member_id}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[MatchCandidateRow] = []
        self.sides: dict[str, IntroductionSideRow] = {}
        self._lines: dict[str, _Line] = {}
        side = self._side
        self.columns = (
            Column("rank", self.tr("#"), lambda r: str(self._lines[r.member_id].rank), align=CENTER),
            Column("member_no", self.tr("No."), lambda r: side(r, lambda s: s.member_no)),
            Column("name", self.tr("Name"), lambda r: side(r, lambda s: s.name_masked)),
            Column("sex", self.tr("Sex"), lambda r: side(r, lambda s: core_labels.sex(s.sex)), align=CENTER),
            Column("age", self.tr("Age"), lambda r: side(r, lambda s: str(s.age)), align=CENTER),
            Column("district", self.tr("District"), lambda r: side(r, lambda s: core_labels.district(s.district_code))),
            Column("score", self.tr("Score"), lambda r: labels.percent(r.score), align=CENTER,
                   tooltip=lambda r: self._lines[r.member_id].details,
                   foreground=lambda r: DAMPED_TEXT if r.damping < 0.999 else None),
            Column("reasons", self.tr("Why suggested"), lambda r: self._lines[r.member_id].reasons,
                   tooltip=lambda r: self._lines[r.member_id].details),
        )  # fmt: skip

    def _side(self, r: MatchCandidateRow, text: Callable[[IntroductionSideRow], str]) -> str:
        return side_cell(self.sides, r.member_id, text)

    def set_rows(self, rows: tuple[MatchCandidateRow, ...], sides: dict[str, IntroductionSideRow]) -> None:  # type: ignore[override]
        self.beginResetModel()
        self.rows = list(rows)
        self.sides = dict(sides)
        self._lines = {r.member_id: _Line(i + 1, labels.reasons(r.factors, with_fit=False) or labels.reasons(r.factors),
                                          self._detail(r)) for i, r in enumerate(rows)}  # fmt: skip
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows((), {})

    def _detail(self, r: MatchCandidateRow) -> str:
        lines = [labels.reasons(r.factors)]
        lines.append(self.tr("Rule score {rule}, damping ×{damp:.2f}").format(rule=labels.percent(r.rule_score),
                                                                              damp=r.damping))  # fmt: skip
        if r.model_score is not None:
            lines.append(self.tr("Outcome model {p}%").format(p=labels.percent(r.model_score)))
        return "\n".join(lines)

    def id_at(self, row: int) -> str | None:
        return self.rows[row].member_id if 0 <= row < len(self.rows) else None

    def reason_text(self, row: int) -> str:
        return self._lines[self.rows[row].member_id].reasons


class CandidatesPanel(QWidget):
    """Picker | candidate table over the comparison, with the propose button."""

    sig_proposed = Signal(object)  # IntroductionInfo

    def __init__(self, ctx: AppContext, ops: Ops, holder: MatchIndexHolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops, self.holder = ctx, ops, holder
        self.member_id: str | None = None
        self.info: CandidateListInfo | None = None
        self._generation = 0
        self._compare_generation = 0

        self.picker = MemberPicker(ctx, ops, self)
        self.picker.sig_picked.connect(self.show_member)

        self.heading = QLabel(self.tr("Pick a member on the left to see suggested candidates."))
        self.heading.setObjectName("candidates_heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.notice = QLabel()
        self.notice.setObjectName("candidates_notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b00020;")
        self.notice.hide()
        self.model = CandidateTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("candidate_table")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.comparison = ComparisonWidget(self)
        self.propose_button = QPushButton(self.tr("Propose introduction…"))
        self.propose_button.setObjectName("propose")
        self.propose_button.setEnabled(False)
        self.propose_button.clicked.connect(self._on_propose)
        self.block_button = QPushButton(self.tr("Never suggest…"))
        self.block_button.setObjectName("block")
        self.block_button.setToolTip(self.tr("Never suggest or introduce these two (relatives, colleagues, ...)"))
        self.block_button.setEnabled(False)
        self.block_button.clicked.connect(self._on_block)
        self.status = QLabel()
        self.status.setObjectName("candidates_status")

        right_top = QWidget()
        rt = QVBoxLayout(right_top)
        rt.setContentsMargins(0, 0, 0, 0)
        rt.addWidget(self.heading)
        rt.addWidget(self.notice)
        rt.addWidget(self.table, 1)
        right_bottom = QWidget()
        rb = QVBoxLayout(right_bottom)
        rb.setContentsMargins(0, 0, 0, 0)
        rb.addWidget(self.comparison, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.block_button)
        actions.addWidget(self.propose_button)
        rb.addLayout(actions)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(right_top)
        right.addWidget(right_bottom)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.picker)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([390, 770])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        holder.sig_ready.connect(self.refresh)
        holder.sig_updated.connect(self.refresh)

    # --- loading --------------------------------------------------------------------------------
    def show_member(self, member_id: str) -> None:
        if member_id != self.member_id:
            self.model.clear()
            self.comparison.clear()
            self.status.clear()
        self.member_id = member_id
        self.heading.setText(self.tr("Ranking candidates…"))
        self.refresh()

    def _forget(self, member_ids: frozenset[str]) -> None:
        """Erased members leave at once: the picked member (everything cleared) or a candidate
        (its row, and the comparison when it showed that candidate)."""
        if self.member_id in member_ids:
            self.member_id = None
            self.info = None
            self._generation += 1  # a ranking still on its way is for nobody now
            self.model.clear()
            self.comparison.clear()
            self.notice.hide()
            self.propose_button.setEnabled(False)
            self.block_button.setEnabled(False)
            self.heading.setText(self.tr("The member shown was erased. Pick a member on the left."))
            return
        if self.selected_candidate() in member_ids:
            self.comparison.clear()
        if any(self.model.row_of(m) >= 0 for m in member_ids):
            self.model.set_rows([r for r in self.model.rows if r.member_id not in member_ids], self.model.sides)

    def refresh(self) -> None:
        """Rank the picked member again (after a pick or when the index caught up with edits)."""
        member_id = self.member_id
        if member_id is None:
            return
        self._generation += 1
        generation = self._generation
        self.holder.run(
            lambda index, _p, _c: load_candidates(index, member_id),
            on_done=lambda info: self._on_loaded(generation, info),
            on_error=self._on_load_error,
        )

    def _on_load_error(self, exc: BaseException) -> None:
        self.heading.setText(self.tr("Candidates could not be ranked."))
        show_matching_error(self, exc)

    def _describe(self, side: IntroductionSideRow | None) -> str:
        if side is None:
            return ""
        parts = (side.member_no, side.name_masked, core_labels.sex(side.sex),
                 self.tr("{age} years").format(age=side.age), core_labels.district(side.district_code))  # fmt: skip
        return " · ".join(p for p in parts if p)

    def _on_loaded(self, generation: int, info: CandidateListInfo) -> None:
        if generation != self._generation or info.member_id != self.member_id:
            return
        self.info = info
        selected = self.selected_candidate()
        self.model.set_rows(info.rows, info.sides)
        who = self._describe(info.member)
        self.heading.setText(self.tr("Candidates for {member}: {n}").format(member=who, n=len(info.rows)))
        if info.ineligible:
            reasons = labels.list_sep().join(labels.ineligibility(c) for c in info.ineligible)
            self.notice.setText(self.tr("Not matchable now: {reasons}.").format(reasons=reasons))
            self.notice.show()
        elif not info.rows:
            self.notice.setText(self.tr("No candidate passes both sides' requirements at the moment."))
            self.notice.show()
        else:
            self.notice.hide()
        row = self.model.row_of(selected) if selected else -1
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.comparison.clear()
            self.propose_button.setEnabled(False)
            self.block_button.setEnabled(False)

    # --- selection and comparison -----------------------------------------------------------------
    def selected_candidate(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        candidate = self.selected_candidate()
        actor = self.ctx.actor
        can_edit = bool(candidate and actor and actor.can(Permission.MEMBERS_EDIT))
        self.propose_button.setEnabled(can_edit)
        self.block_button.setEnabled(can_edit)
        if candidate is None or self.member_id is None:
            self.comparison.clear()
            return
        member_id = self.member_id
        self._compare_generation += 1
        generation = self._compare_generation
        day = today()
        self.holder.run(
            lambda index, _p, _c: load_comparison(index, member_id, candidate, today=day),
            on_done=lambda info: self._on_compared(generation, info),
            on_error=lambda exc: show_matching_error(self, exc),
        )

    def _on_compared(self, generation: int, info: ComparisonInfo | None) -> None:
        if generation != self._compare_generation:
            return
        if info is None:
            self.comparison.clear()
        else:
            self.comparison.show_comparison(info)

    # --- proposing ----------------------------------------------------------------------------------
    def _on_propose(self) -> None:
        """Ask before proposing, saying why the pair is suggested and warning when either member
        is already in an introduction in progress (read first, off the UI thread)."""
        candidate = self.selected_candidate()
        member_id = self.member_id
        if candidate is None or member_id is None or self.info is None:
            return
        day = today()
        self.ops.run(
            lambda session, _p, _c: live_introductions(session, [member_id, candidate], today=day),
            on_done=lambda live: self._confirm_proposal(member_id, candidate, live),
            on_error=lambda exc: show_matching_error(self, exc), mode="read",
        )  # fmt: skip

    def _confirm_proposal(self, member_id: str, candidate: str, live: dict[str, list[LiveIntroductionRow]]) -> None:
        if self.info is None or member_id != self.member_id or self.model.row_of(candidate) < 0:
            return
        row = self.model.rows[self.model.row_of(candidate)]
        a, b = self.info.member, self.info.sides.get(candidate)
        text = self.tr("Propose introducing {a} and {b}?\n\nReasons: {reasons}").format(
            a=self._describe(a), b=self._describe(b), reasons=labels.reasons(row.factors)
        )
        warnings = [labels.also_live(x) for m in (member_id, candidate) for x in live.get(m, ())]
        if warnings:
            text += "\n\n" + "\n".join("⚠ " + w for w in warnings)
        answer = QMessageBox.question(self, self.tr("Propose introduction"), text)
        if answer != QMessageBox.StandardButton.Yes:
            return
        score = row.score
        self.propose_button.setEnabled(False)
        self.ops.run(
            lambda uow, _p, _c: propose_introduction(uow, member_a=member_id, member_b=candidate, score=score),
            on_done=self._on_proposed,
            on_error=self._on_propose_error,
            parent=self,
        )

    def _on_proposed(self, info: IntroductionInfo) -> None:
        self.status.setText(self.tr("Proposed: {a} and {b}. Follow it on the board.").format(
            a=info.a.member_no, b=info.b.member_no))  # fmt: skip
        self.sig_proposed.emit(info)

    def _on_propose_error(self, exc: BaseException) -> None:
        self.propose_button.setEnabled(self.selected_candidate() is not None)
        show_matching_error(self, exc)

    def _on_block(self) -> None:
        candidate = self.selected_candidate()
        member_id = self.member_id
        if candidate is None or member_id is None or self.info is None:
            return
        a, b = self.info.member, self.info.sides.get(candidate)
        pair = self.tr("{a} and {b}").format(a=a.member_no if a else "", b=b.member_no if b else "")
        dialog = BlockDialog(pair, self)
        if not dialog.exec():
            return
        reason = dialog.reason.currentData()
        self.ops.run(
            lambda uow, _p, _c: block_pair(uow, member_id=member_id, other_member_id=candidate, reason=reason),
            on_done=lambda _b: self.status.setText(self.tr("{pair} will not be suggested again.").format(pair=pair)),
            on_error=lambda exc: show_matching_error(self, exc),
            parent=self,
        )

    def on_changed(self, changes: Changes) -> None:
        if changes.gone:
            self._forget(changes.gone)
        if changes.touches(Area.MEMBERS, Area.STAFF, Area.ACTOR, Area.SYNC):
            self.picker.reload()
        if changes.touches(Area.ACTOR):
            self._on_selection(QItemSelection(), QItemSelection())
