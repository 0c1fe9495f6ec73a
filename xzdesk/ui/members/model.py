"""MemberTableModel: the case list over 100,000 members.

Holds only the ordered id list from SQL; row DTOs are fetched lazily a page at a time into a small
cache (Anki's browser model). Sorting and filtering re-run the SQL query (never a proxy model over
100k rows); the id query runs on a reader thread and its result replaces the list in one reset.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from xzdesk.app_context import AppContext
from xzdesk.domain.members.codes import SortKey
from xzdesk.domain.members.dto import MemberRow
from xzdesk.domain.members.queries import MemberFilter, fetch_rows, list_member_ids
from xzdesk.domain.reads import PAGE_ROWS
from xzdesk.ui import labels
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import HeaderedTableModel

PAGE = PAGE_ROWS  # rows fetched at once, on the UI thread (a key read: see ui/ops.py)
CACHE_PAGES = 20
Index = QModelIndex | QPersistentModelIndex


class MemberTableModel(HeaderedTableModel):
    """Columns: number, name (masked), sex, age, district, status, verified, matchmaker, mobile
    (masked), next follow-up."""

    sig_loaded = Signal(int)  # row count after a (re)load

    COLUMNS = ("member_no", "name", "sex", "age", "district", "status", "verified", "matchmaker", "mobile", "follow_up")
    SORTABLE = {0: SortKey.MEMBER_NO, 1: SortKey.NAME, 4: SortKey.DISTRICT, 5: SortKey.STATUS}
    # The widest text a column usually holds: its width on screen (longer text is elided, with the
    # full text in the tooltip). Masked values have a fixed shape, so these are exact for them.
    SAMPLES = ("XZW1YGEBHAM", "欧阳**", "女", "99", "贾汪区泉", "恋爱中", "✓", "欧阳红娘", "189****7716", "2026-12-31")

    def __init__(self, ctx: AppContext, ops: Ops, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ops = ops
        self.ids: list[str] = []
        self.filter = MemberFilter()
        self._cache: OrderedDict[int, list[MemberRow]] = OrderedDict()
        self._generation = 0
        self._headers = (
            self.tr("No."), self.tr("Name"), self.tr("Sex"), self.tr("Age"), self.tr("District"),
            self.tr("Status"), self.tr("Verified"), self.tr("Matchmaker"), self.tr("Mobile"), self.tr("Next follow-up"),
        )  # fmt: skip

    # --- loading ------------------------------------------------------------------------------
    def today(self) -> date:
        return labels.today()

    def _scope(self) -> str | None:
        actor = self.ctx.actor
        return actor.district_code if actor else None

    def set_filter(self, flt: MemberFilter) -> None:
        """Re-run the query for `flt` on a reader thread (it sorts every case file); a newer request
        supersedes older ones. `sig_loaded` says when the list is in."""
        self.filter = flt
        self._generation += 1
        generation = self._generation
        scope, today, index = self._scope(), self.today(), self.ctx.store.blind_index
        self.ops.run(
            lambda session, _p, _c: list_member_ids(session, flt, blind_index=index, today=today, scope_district=scope),
            on_done=lambda ids: self._apply(generation, ids),
            mode="read",
        )

    def reload(self) -> None:
        self.set_filter(self.filter)

    def _apply(self, generation: int, ids: list[str]) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        self.beginResetModel()
        self.ids = ids
        self._cache.clear()
        self.endResetModel()
        self.sig_loaded.emit(len(ids))

    def forget(self, member_ids: frozenset[str] | set[str]) -> None:
        """Drop vanished members from the list at once (before any reload)."""
        rows = sorted((i for i, mid in enumerate(self.ids) if mid in member_ids), reverse=True)
        for row in rows:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.ids[row]
            self.endRemoveRows()
        if rows:
            self._cache.clear()

    def invalidate_rows(self) -> None:
        """Row contents changed (not the list): drop the cache and repaint."""
        self._cache.clear()
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(self.COLUMNS) - 1))

    def row_for(self, row: int) -> MemberRow | None:
        if not 0 <= row < len(self.ids):
            return None
        page = row // PAGE
        rows = self._cache.get(page)
        if rows is None:
            ids = self.ids[page * PAGE : (page + 1) * PAGE]
            fetched = {r.id: r for r in self.ops.peek(fetch_rows, ids, today=self.today())}
            rows = [fetched.get(i) for i in ids]  # type: ignore[misc]
            self._cache[page] = rows
            while len(self._cache) > CACHE_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(page)
        return rows[row - page * PAGE]

    def id_at(self, row: int) -> str | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def row_of(self, member_id: str) -> int:
        try:
            return self.ids.index(member_id)
        except ValueError:
            return -1

    # --- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_for(index.row())
        if row is None:
            return None
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, col) or None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and row.fraud_flag:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ForegroundRole and col == 9 and row.next_follow_up and row.next_follow_up <= self.today():
            return QBrush(QColor("#c05000"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3, 6):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, r: MemberRow, col: int) -> str:
        match col:
            case 0:
                return r.member_no
            case 1:
                return r.name_masked
            case 2:
                return labels.sex(r.sex)
            case 3:
                return str(r.age)
            case 4:
                return labels.district(r.district_code)
            case 5:
                return labels.status(r.status)
            case 6:
                return "✓" if r.verified else ""
            case 7:
                return r.matchmaker_name or ""
            case 8:
                return r.mobile_masked
            case 9:
                return r.next_follow_up.isoformat() if r.next_follow_up else ""
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORTABLE.get(column)
        if key is None:
            return
        from dataclasses import replace

        self.set_filter(replace(self.filter, sort=key, descending=order == Qt.SortOrder.DescendingOrder))
