"""配对: the matching workbench. Tabs: candidates (picker, ranked candidates with reasons,
side-by-side comparison, propose), batch suggestions for a caseload, the introductions board,
the rank weights (administrators) and the learned model (union administrators only)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Changes
from xzdesk.domain.errors import Cancelled
from xzdesk.domain.introductions.dto import IntroductionInfo
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui.geometry import scrolling
from xzdesk.ui.matching import messages as _messages  # noqa: F401 - registers the error texts
from xzdesk.ui.matching.batch import BatchPanel
from xzdesk.ui.matching.board import BoardPanel
from xzdesk.ui.matching.candidates import CandidatesPanel
from xzdesk.ui.matching.index_holder import MatchIndexHolder
from xzdesk.ui.matching.messages import show_matching_error
from xzdesk.ui.matching.models_panel import ModelsPanel, may_see_models
from xzdesk.ui.matching.weights import WeightsPanel
from xzdesk.ui.ops import Ops


class MatchingPage(QWidget):
    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        shared = getattr(parent, "match_index", None)  # the main window's, shared with 活动
        self.holder: MatchIndexHolder = shared if shared is not None else MatchIndexHolder(ctx, ops, self)
        self._own_holder = shared is None
        self.holder.sig_ready.connect(self._on_index_ready)
        self.holder.sig_failed.connect(self._on_index_failed)

        self.index_status = QLabel(self.tr("The matching index is built when first needed."))
        self.index_status.setObjectName("index_status")
        self.rebuild_button = QPushButton(self.tr("Rebuild index"))
        self.rebuild_button.setObjectName("rebuild_index")
        self.rebuild_button.setToolTip(self.tr("Read every case file again (normally not needed: edits are "
                                               "applied as they happen)"))  # fmt: skip
        self.rebuild_button.clicked.connect(lambda: self.holder.rebuild())

        self.tabs = QTabWidget()
        self.tabs.setObjectName("matching_tabs")
        # Case files are matchmakers' work: someone who decides the union's matching policy without
        # working on case files (a union administrator) sees the weights and the model only.
        self.candidates: CandidatesPanel | None = None
        self.batch: BatchPanel | None = None
        self.board: BoardPanel | None = None
        self.works_on_cases = bool(ctx.actor and ctx.actor.can(Permission.MEMBERS_EDIT))
        if self.works_on_cases:
            self.candidates = CandidatesPanel(ctx, ops, self.holder, self)
            self.batch = BatchPanel(ctx, ops, self.holder, self)
            self.board = BoardPanel(ctx, ops, self)
            self.candidates.sig_proposed.connect(self._on_proposed)
            self.tabs.addTab(self.candidates, self.tr("Candidates"))
            self.tabs.addTab(self.batch, self.tr("Batch suggestions"))
            self.tabs.addTab(self.board, self.tr("Introductions board"))
        self.weights = WeightsPanel(ctx, ops, self.holder, self)
        self.tabs.addTab(scrolling(self.weights), self.tr("Weights"))  # a long form: it scrolls
        self.models: ModelsPanel | None = None
        if may_see_models(ctx):  # union administrators only (the page is rebuilt for each person)
            self.models = ModelsPanel(ctx, ops, self.holder, self)
            self.tabs.addTab(scrolling(self.models), self.tr("Model"))
            if not self.works_on_cases:
                self.tabs.setCurrentIndex(self.tabs.count() - 1)

        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.index_status)
        top.addWidget(self.rebuild_button)
        if self.works_on_cases:  # how many case files the index holds: nothing to say to anyone else
            self.tabs.setCornerWidget(self._corner(top))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)

    @staticmethod
    def _corner(row: QHBoxLayout) -> QWidget:
        w = QWidget()
        row.setContentsMargins(0, 0, 4, 2)
        w.setLayout(row)
        return w

    def _on_index_ready(self) -> None:
        index = self.holder.index
        n = len(index.pool) if index is not None else 0
        self.index_status.setText(self.tr("Matching index: {n} case files").format(n=n))

    def _on_index_failed(self, exc: BaseException) -> None:
        if self.holder.index is None:
            self.index_status.setText(self.tr("The matching index is not built."))
        if not isinstance(exc, Cancelled):
            show_matching_error(self, exc)

    def _on_proposed(self, info: IntroductionInfo) -> None:
        if self.board is not None:
            self.board.selected_id = info.id

    def on_shown(self) -> None:
        if self.candidates is None or self.board is None:
            return  # the weights and the model: the index is built only if a retrain here needs it
        self.holder.start()
        if not self.board.loaded:
            self.board.reload()
        self.candidates.picker.search.setFocus()

    def on_changed(self, changes: Changes) -> None:
        if self._own_holder:  # the window's shared index is kept current by the window
            self.holder.on_changed(changes)
        for panel in (self.candidates, self.batch, self.board, self.weights, self.models):
            if panel is not None:
                panel.on_changed(changes)
