"""Batch suggestions for a matchmaker's caseload: preview pairs (nobody double-booked), tick the
ones to keep, and only then create them, all in one unit of work."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.errors import XzError
from xzdesk.domain.introductions.dto import BatchProposalInfo, IntroductionSideRow
from xzdesk.domain.introductions.service import propose_introductions
from xzdesk.domain.matching import SuggestedPairRow
from xzdesk.domain.matching.views import BatchLoadInfo, load_batch
from xzdesk.domain.staff.codes import Permission, Role
from xzdesk.ui import messages
from xzdesk.ui.matching import labels
from xzdesk.ui.matching.common import PROGRESS_LABELS
from xzdesk.ui.matching.index_holder import MatchIndexHolder
from xzdesk.ui.matching.messages import phrased, show_matching_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import CENTER, Column, ColumnTableModel, setup_table

Index = QModelIndex | QPersistentModelIndex


class BatchPreviewModel(ColumnTableModel):
    """Proposed pairs with a tick box each: caseload member, candidate, score, reasons. The cells
    get the row number (the tick and the reasons are kept per row)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.pairs: list[SuggestedPairRow] = []
        self.sides: dict[str, IntroductionSideRow] = {}
        self.checked: list[bool] = []
        self._reasons: list[str] = []
        self.columns = (
            Column("pick", self.tr("Propose"), lambda _i: None, check=lambda i: self.checked[i]),
            Column("member", self.tr("Member"), lambda i: self.side_text(self.pairs[i].member_id)),
            Column("candidate", self.tr("Candidate"), self._candidate_text),
            Column("score", self.tr("Score"), lambda i: labels.percent(self.pairs[i].score), align=CENTER),
            Column("reasons", self.tr("Why suggested"), lambda i: self._reasons[i],
                   tooltip=lambda i: labels.reasons(self.pairs[i].factors)),
        )  # fmt: skip

    def set_preview(self, pairs: tuple[SuggestedPairRow, ...], sides: dict[str, IntroductionSideRow]) -> None:
        self.beginResetModel()
        self.pairs = list(pairs)
        self.sides = dict(sides)
        self.checked = [True] * len(pairs)
        self._reasons = [labels.reasons(p.factors, with_fit=False) or labels.reasons(p.factors) for p in pairs]
        self.endResetModel()

    def clear(self) -> None:
        self.set_preview((), {})

    def selected_pairs(self) -> list[SuggestedPairRow]:
        return [p for p, c in zip(self.pairs, self.checked, strict=True) if c]

    def set_all(self, value: bool) -> None:
        self.checked = [value] * len(self.pairs)
        if self.pairs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.pairs) - 1, 0))

    def side_text(self, member_id: str) -> str:
        side = self.sides.get(member_id)
        return f"{side.member_no} {side.name_masked}" if side else ""

    def _candidate_text(self, i: int) -> str:
        p = self.pairs[i]
        return self.side_text(p.candidate_id) + (" " + self.tr("(also in the caseload)") if p.candidate_in_caseload else "")

    def item_at(self, row: int) -> int | None:
        return row if 0 <= row < len(self.pairs) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.pairs)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 0:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == 0:
            state = value.value if isinstance(value, Qt.CheckState) else int(value)
            self.checked[index.row()] = state == Qt.CheckState.Checked.value
            self.dataChanged.emit(index, index, [role])
            return True
        return False


class BatchPanel(QWidget):
    sig_created = Signal(object)  # BatchProposalInfo

    def __init__(self, ctx: AppContext, ops: Ops, holder: MatchIndexHolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops, self.holder = ctx, ops, holder
        self.result: BatchLoadInfo | None = None
        self.matchmaker = QComboBox()
        self.matchmaker.setObjectName("batch_matchmaker")
        self.matchmaker.setMinimumWidth(160)
        self.per_member = QSpinBox()
        self.per_member.setObjectName("batch_per_member")
        self.per_member.setRange(1, 3)
        self.per_member.setValue(1)
        self.preview_button = QPushButton(self.tr("Preview suggestions"))
        self.preview_button.setObjectName("batch_preview")
        self.preview_button.clicked.connect(self.preview)
        self.summary = QLabel(self.tr("Choose a caseload and preview: nothing is created until you confirm."))
        self.summary.setObjectName("batch_summary")
        self.summary.setWordWrap(True)
        self.model = BatchPreviewModel(self)
        self.model.dataChanged.connect(lambda *_a: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.table = QTableView()
        self.table.setObjectName("batch_table")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.all_button = QPushButton(self.tr("Tick all"))
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button = QPushButton(self.tr("Untick all"))
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.create_button = QPushButton(self.tr("Propose ticked pairs…"))
        self.create_button.setObjectName("batch_create")
        self.create_button.clicked.connect(self.create_selected)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Caseload of")))
        top.addWidget(self.matchmaker)
        top.addWidget(QLabel(self.tr("Pairs per member")))
        top.addWidget(self.per_member)
        top.addWidget(self.preview_button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.all_button)
        bottom.addWidget(self.none_button)
        bottom.addStretch(1)
        bottom.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.fill_matchmakers()
        self._update_buttons()

    def fill_matchmakers(self) -> None:
        actor = self.ctx.actor
        current = self.matchmaker.currentData() or (actor.staff_id if actor else None)
        self.matchmaker.clear()
        for s in self.ctx.staff():
            if s.role != Role.MATCHMAKER or (actor and actor.district_code and s.district_code != actor.district_code):
                continue
            self.matchmaker.addItem(s.display_name, s.id)
        index = self.matchmaker.findData(current)
        self.matchmaker.setCurrentIndex(max(0, index))

    def _update_buttons(self) -> None:
        actor = self.ctx.actor
        n = len(self.model.selected_pairs())
        self.create_button.setText(self.tr("Propose ticked pairs ({n})…").format(n=n))
        self.create_button.setEnabled(bool(n and actor and actor.can(Permission.MEMBERS_EDIT)))
        has = bool(self.model.pairs)
        self.all_button.setEnabled(has)
        self.none_button.setEnabled(has)
        self.preview_button.setEnabled(self.matchmaker.count() > 0)

    # --- preview ----------------------------------------------------------------------------------
    def preview(self) -> None:
        matchmaker_id = self.matchmaker.currentData()
        if matchmaker_id is None:
            return
        actor = self.ctx.actor
        scope = actor.district_code if actor else None
        per_member = self.per_member.value()
        blind_index = self.ctx.store.blind_index
        self.model.clear()
        self.preview_button.setEnabled(False)
        self.summary.setText(self.tr("Working out suggestions…"))
        self.holder.run(
            lambda index, progress, cancel: load_batch(index, matchmaker_id=matchmaker_id, scope=scope,
                                                       blind_index=blind_index, per_member=per_member,
                                                       progress=progress, cancel=cancel),
            on_done=self._on_preview,
            on_error=self._on_preview_error,
            title=self.tr("Batch suggestions"),
            parent=self,
            progress_labels=PROGRESS_LABELS,
        )  # fmt: skip

    def _on_preview(self, info: BatchLoadInfo) -> None:
        self.result = info
        p = info.preview
        self.model.set_preview(p.pairs, info.sides)
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("{pairs} pairs suggested for {caseload} active members of the caseload (nobody is "
                    "double-booked). {unmatched} got fewer pairs than asked; {ineligible} cannot be matched now. "
                    "Nothing has been created yet.").format(
                pairs=len(p.pairs), caseload=info.caseload, unmatched=len(p.unmatched), ineligible=len(p.ineligible))
        )  # fmt: skip
        self._update_buttons()

    def _on_preview_error(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("No preview."))
        self._update_buttons()
        show_matching_error(self, exc)

    # --- creating ---------------------------------------------------------------------------------
    def create_selected(self) -> None:
        pairs = self.model.selected_pairs()
        if not pairs:
            return
        answer = QMessageBox.question(
            self, self.tr("Propose introductions"),
            self.tr("Propose {n} introductions now? Each will appear on the board as “proposed”.").format(n=len(pairs)),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        triples = [(p.member_id, p.candidate_id, p.score) for p in pairs]
        self.create_button.setEnabled(False)
        self.ops.run(
            lambda uow, _p, _c: propose_introductions(uow, pairs=triples),
            on_done=self._on_created,
            on_error=self._on_create_error,
            parent=self,
            title=self.tr("Proposing introductions"),
        )

    def _on_created(self, result: BatchProposalInfo) -> None:
        sides = self.model.sides
        text = self.tr("{n} introductions proposed.").format(n=len(result.created))
        if result.skipped:
            lines = []
            for s in result.skipped:
                a, b = sides.get(s.member_a), sides.get(s.member_b)
                why = messages.describe(phrased(XzError(s.code, **s.params)))  # type: ignore[arg-type]
                lines.append(f"{a.member_no if a else ''} – {b.member_no if b else ''}: {why}")
            text += "\n" + self.tr("{n} skipped:").format(n=len(result.skipped)) + "\n" + "\n".join(lines)
        self.model.clear()
        self.result = None
        self.summary.setText(text)
        self.sig_created.emit(result)

    def _on_create_error(self, exc: BaseException) -> None:
        self._update_buttons()
        show_matching_error(self, exc)

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.STAFF, Area.ACTOR):
            self.fill_matchmakers()
            self._update_buttons()
