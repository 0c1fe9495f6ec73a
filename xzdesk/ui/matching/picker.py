"""Member picker: the case list's search (name, pinyin initials, phone last 4, member no.) over
the same lazily fetched, masked id-list model, reduced to the columns a matchmaker needs here."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelection, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from xzdesk.app_context import AppContext
from xzdesk.domain.members.codes import MemberStatus
from xzdesk.domain.members.dto import MemberRow
from xzdesk.ui.members.model import MemberTableModel
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import setup_table

SEARCH_DELAY_MS = 200
VISIBLE_COLUMNS = (0, 1, 2, 3, 4, 5)  # no., name (masked), sex, age, district, status


class MemberPicker(QWidget):
    sig_picked = Signal(str)  # member id

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.model = MemberTableModel(ctx, ops, self)
        self.model.sig_loaded.connect(self._on_loaded)
        self.search = QLineEdit()
        self.search.setObjectName("picker_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Find a member: name, pinyin initials, phone last 4, member no."))
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.active_only = QCheckBox(self.tr("Active only"))
        self.active_only.setObjectName("picker_active_only")
        self.active_only.setChecked(True)
        self.active_only.toggled.connect(self.apply_filter)
        self.count = QLabel()
        self.table = QTableView()
        self.table.setObjectName("picker_table")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.setSortingEnabled(True)
        for col in range(self.model.columnCount()):
            self.table.setColumnHidden(col, col not in VISIBLE_COLUMNS)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.active_only)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.picked: str | None = None
        self.apply_filter()

    def apply_filter(self) -> None:
        status = MemberStatus.ACTIVE.value if self.active_only.isChecked() else None
        self.model.set_filter(replace(self.model.filter, text=self.search.text(), status=status))

    def reload(self) -> None:
        self.model.reload()

    def _on_loaded(self, n: int) -> None:
        self.count.setText(self.tr("{n} members").format(n=n))
        if self.picked is not None:
            row = self.model.row_of(self.picked)
            if row >= 0:
                self.table.selectRow(row)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {i.row() for i in selected.indexes()}
        if len(rows) != 1:
            return
        member_id = self.model.id_at(rows.pop())
        if member_id and member_id != self.picked:
            self.picked = member_id
            self.sig_picked.emit(member_id)

    def pick(self, member_id: str) -> None:
        """Pick a member programmatically (selects the row when it is listed)."""
        self.picked = member_id
        row = self.model.row_of(member_id)
        if row >= 0:
            self.table.selectRow(row)
        self.sig_picked.emit(member_id)

    def row_of_picked(self) -> MemberRow | None:
        if self.picked is None:
            return None
        row = self.model.row_of(self.picked)
        return self.model.row_for(row) if row >= 0 else None
