"""档案: the case list (search, filters, today's follow-ups) beside the case editor."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.members import codes
from xzdesk.domain.members.codes import SortKey
from xzdesk.domain.members.queries import MemberFilter
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui import labels
from xzdesk.ui.geometry import shrinkable
from xzdesk.ui.members.model import MemberTableModel
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import setup_table

if TYPE_CHECKING:
    from xzdesk.ui.members.editor import MemberEditor

SEARCH_DELAY_MS = 200
EDITOR_AFTER_ROWS_MS = 30  # the case editor is built just after the list's first rows are on screen
LINK_PENDING = "link_pending"  # the "verified" filter's last choice: case files with an online link request to check


class CaseListPage(QWidget):
    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.model = MemberTableModel(ctx, ops, self)
        self.model.sig_loaded.connect(self._on_model_loaded)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: name, pinyin initials, phone last 4, member no., ID"))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.district = QComboBox()
        self.district.setObjectName("filter_district")
        self.district.addItem(self.tr("All districts"), None)
        for code, name in codes.DISTRICTS.items():
            self.district.addItem(name, code)
        self.status = QComboBox()
        self.status.setObjectName("filter_status")
        self.status.addItem(self.tr("All statuses"), None)
        for s in codes.MemberStatus:
            self.status.addItem(labels.status(s.value), s.value)
        self.verified = QComboBox()
        self.verified.addItem(self.tr("Verified or not"), None)
        self.verified.addItem(self.tr("Verified"), True)
        self.verified.addItem(self.tr("Not verified"), False)
        self.verified.addItem(self.tr("Online link to check"), LINK_PENDING)
        self.verified.setObjectName("filter_verified")
        self.matchmaker = QComboBox()
        self.matchmaker.setObjectName("filter_matchmaker")
        self._fill_matchmakers()
        self.due = QCheckBox(self.tr("Follow-ups due"))
        self.due.setObjectName("filter_due")
        for w in (self.district, self.status, self.verified, self.matchmaker):
            w.currentIndexChanged.connect(self.apply_filter)
        shrinkable(self.district, self.status, self.verified, self.matchmaker)
        self.due.toggled.connect(self.apply_filter)
        self.count = QLabel()
        self.count.setObjectName("count")
        self.new_button = QPushButton(self.tr("New case file…"))
        self.new_button.setObjectName("new_member")
        self.new_button.clicked.connect(self._on_new)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setObjectName("import_members")
        self.import_button.clicked.connect(self._on_import)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("export_members")
        self.export_button.clicked.connect(self._on_export)

        self.table = QTableView()
        self.table.setObjectName("member_table")
        self.table.setModel(self.model)
        setup_table(self.table, resize=QHeaderView.ResizeMode.Interactive)  # widths: _fit_columns
        # Most recently worked-on case files first until the user sorts by a column.
        self.model.filter = replace(self.model.filter, sort=SortKey.UPDATED, descending=True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._fit_columns()
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        # The list's read starts now, on a reader thread; the case editor (a large form) is built
        # once the first rows are on screen, or when something needs it first.
        self._searched = False  # the next list load answers the user's search or filter
        self._apply_permissions()
        self.apply_filter()
        self._editor: MemberEditor | None = None
        self._listed = False  # the list has been read once
        self._editor_slot = QWidget()  # holds the editor's place in the splitter until it is built

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        filters = QHBoxLayout()
        for w in (self.district, self.status, self.verified, self.matchmaker, self.due):
            filters.addWidget(w)
        filters.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(top)
        ll.addLayout(filters)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.count)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self._editor_slot)
        self._split = split
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([660, 600])  # the list's fitted columns, and room for the case file's header
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split)

    def _fit_columns(self) -> None:
        """Each column as wide as its usual content or its header, whichever is wider: nothing a
        matchmaker needs (红娘, 手机) is clipped on a 1366 screen; rarer long values are elided with a
        tooltip."""
        header = self.table.horizontalHeader()
        content = self.table.fontMetrics()
        titles = header.fontMetrics()
        for column, sample in enumerate(c.sample for c in self.model.columns):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(content.horizontalAdvance(sample), titles.horizontalAdvance(title) + 14) + 14
            header.resizeSection(column, width)

    def _fill_matchmakers(self) -> None:
        current = self.matchmaker.currentData()
        self.matchmaker.blockSignals(True)
        self.matchmaker.clear()
        self.matchmaker.addItem(self.tr("All matchmakers"), None)
        for s in self.ctx.staff():
            if s.role == "matchmaker":
                self.matchmaker.addItem(s.display_name, s.id)
        index = self.matchmaker.findData(current)
        self.matchmaker.setCurrentIndex(max(0, index))
        self.matchmaker.blockSignals(False)

    def _apply_permissions(self) -> None:
        actor = self.ctx.actor
        self.new_button.setEnabled(bool(actor and actor.can(Permission.MEMBERS_EDIT)))
        self.import_button.setEnabled(bool(actor and actor.can(Permission.MEMBERS_EDIT)))
        self.export_button.setEnabled(bool(actor and actor.can(Permission.MEMBERS_VIEW)))
        scoped = bool(actor and actor.district_code)
        self.district.setEnabled(not scoped)
        if scoped:
            self.district.setCurrentIndex(self.district.findData(actor.district_code))  # type: ignore[union-attr]

    # --- filtering ------------------------------------------------------------------------------
    def current_filter(self) -> MemberFilter:
        return replace(
            self.model.filter,
            text=self.search.text(),
            district_code=self.district.currentData(),
            status=self.status.currentData(),
            verified=None if self.verified.currentData() == LINK_PENDING else self.verified.currentData(),
            link_pending=self.verified.currentData() == LINK_PENDING,
            matchmaker_id=self.matchmaker.currentData(),
            follow_ups_due=self.due.isChecked(),
        )

    def apply_filter(self) -> None:
        self._searched = True
        self.model.set_filter(self.current_filter())

    @property
    def editor(self) -> MemberEditor:
        """The case editor, built on first use (see EDITOR_AFTER_ROWS_MS)."""
        if self._editor is None:
            from xzdesk.ui.members.editor import MemberEditor

            self._editor = MemberEditor(self.ctx, self.ops, self)
            self._editor.sig_saved.connect(self._on_editor_saved)
            self._split.replaceWidget(1, self._editor)
            self._editor_slot.deleteLater()
            if self._listed and self.model.rowCount() == 0:
                self._editor.clear(self._empty_hint())
        return self._editor

    def _on_model_loaded(self, n: int) -> None:
        self.count.setText(self.tr("{n} case files").format(n=n))
        searched, self._searched = self._searched, False
        if self._editor is None:  # the first load: the rows first, then the editor
            self._listed = True
            QTimer.singleShot(EDITOR_AFTER_ROWS_MS, self, lambda: self.editor)
            return
        if n == 0 and self.editor.info is None:
            self.editor.clear(self._empty_hint())
        if self.editor.info is not None:
            row = self.model.row_of(self.editor.info.id)
            if row >= 0:
                self.table.selectRow(row)
            elif searched and not self.editor.is_dirty():
                # the detail pane follows the list: a case file the search no longer lists leaves it
                self.editor.clear(self.tr("The case file shown before is not in the list for this search."))

    def _empty_hint(self) -> str:
        """What to do when the list is empty: widen the search, or make the first case files."""
        flt = self.current_filter()
        if flt.text.strip() or flt.status or flt.verified is not None or flt.matchmaker_id or flt.follow_ups_due or flt.link_pending:
            return self.tr("No case file matches this search and these filters.")
        return self.tr("No case files yet. Create one with “New case file…”, or read a base union's roster "
                       "with “Import…”.")  # fmt: skip

    def _forget(self, member_ids: frozenset[str]) -> None:
        """Members erased (here or through sync): out of the list and the detail pane at once."""
        self.model.forget(member_ids)
        self.count.setText(self.tr("{n} case files").format(n=self.model.rowCount()))
        if self._editor is not None and self._editor.info is not None and self._editor.info.id in member_ids:
            self.editor.clear(self.tr("This case file was erased (a member's erasure request). Nothing of it is "
                                      "kept on this computer."))  # fmt: skip

    # --- selection and editing --------------------------------------------------------------------
    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {i.row() for i in selected.indexes()}
        if len(rows) == 1:
            member_id = self.model.id_at(rows.pop())
            if member_id and (self.editor.info is None or self.editor.info.id != member_id):
                self.editor.load(member_id)

    def _on_new(self) -> None:
        from xzdesk.ui.members.dialogs import NewMemberDialog

        dialog = NewMemberDialog(self.ctx, self.ops, self)
        if dialog.exec() and dialog.result_info is not None:
            self.editor.show_info(dialog.result_info)
            self.search.setText(dialog.result_info.member_no)

    def _on_import(self) -> None:
        from xzdesk.ui.spreadsheets.wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self.ops, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()

    def _on_export(self) -> None:
        from xzdesk.ui.spreadsheets.export_dialog import ExportMembersDialog

        dialog = ExportMembersDialog(self.ctx, self.ops, flt=self.current_filter(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_case_file(self, member_id: str, member_no: str | None = None) -> None:
        """Show one case file (asked for by another screen, e.g. 签到 → 活动结束后): the list is
        searched for its number so that it stays listed, and the detail pane loads it."""
        if member_no:
            self.search.setText(member_no)
        self.editor.load(member_id)

    def _on_editor_saved(self, _member_id: str) -> None:
        self.model.invalidate_rows()

    def on_changed(self, changes: Changes) -> None:
        if changes.gone:
            self._forget(changes.gone)
        if changes.touches(Area.STAFF, Area.ACTOR):
            self._fill_matchmakers()
            self._apply_permissions()
        if changes.touches(Area.MEMBERS, Area.STAFF, Area.ACTOR, Area.SYNC):
            self.model.reload()

    def on_shown(self) -> None:
        self.search.setFocus()
