"""MemberTableModel: the case list over 100,000 members.

Holds only the ordered id list from SQL; row DTOs are fetched lazily a page at a time into a small
cache (Anki's browser model). Sorting and filtering re-run the SQL query (never a proxy model over
100k rows); the id query runs on a reader thread and its result replaces the list in one reset.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from xzdesk.app_context import AppContext
from xzdesk.domain.members.codes import SortKey
from xzdesk.domain.members.dto import MemberRow
from xzdesk.domain.members.queries import MemberFilter, fetch_rows, list_member_ids
from xzdesk.domain.reads import PAGE_ROWS
from xzdesk.ui import labels
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import CENTER, Column, ColumnTableModel, PageCache

PAGE = PAGE_ROWS  # rows fetched at once, on the UI thread (a key read: see ui/ops.py)
CACHE_PAGES = 20
Index = QModelIndex | QPersistentModelIndex


FRAUD_TEXT = "#b00020"
DUE_TEXT = "#c05000"


class MemberTableModel(ColumnTableModel):
    """Columns: number, name (masked), sex, age, district, status, verified, matchmaker, mobile
    (masked), next follow-up. Each cell's tooltip is its text (long values are elided)."""

    sig_loaded = Signal(int)  # row count after a (re)load
    row_roles = {Qt.ItemDataRole.UserRole: lambda r: r.id}

    def __init__(self, ctx: AppContext, ops: Ops, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ops = ops
        self.ids: list[str] = []
        self.filter = MemberFilter()
        self._pages: PageCache[str, MemberRow] = PageCache(
            lambda ids: ops.peek(fetch_rows, ids, today=self.today()), lambda r: r.id, page=PAGE, pages=CACHE_PAGES
        )
        self._generation = 0
        # The sample of each column is the widest text it usually holds: its width on screen.
        # Masked values have a fixed shape, so these are exact for them.
        self.columns = (
            _cell("member_no", self.tr("No."), lambda r: r.member_no, "XZW1YGEBHAM"),
            _cell("name", self.tr("Name"), lambda r: r.name_masked, "欧阳**"),
            _cell("sex", self.tr("Sex"), lambda r: labels.sex(r.sex), "女", align=CENTER),
            _cell("age", self.tr("Age"), lambda r: str(r.age), "99", align=CENTER),
            _cell("district", self.tr("District"), lambda r: labels.district(r.district_code), "贾汪区泉"),
            _cell("status", self.tr("Status"), lambda r: labels.status(r.status), "恋爱中"),
            _cell("verified", self.tr("Verified"), lambda r: "✓" if r.verified else "", "✓", align=CENTER),
            _cell("matchmaker", self.tr("Matchmaker"), lambda r: r.matchmaker_name or "", "欧阳红娘"),
            _cell("mobile", self.tr("Mobile"), lambda r: r.mobile_masked, "189****7716"),
            _cell("follow_up", self.tr("Next follow-up"), lambda r: r.next_follow_up.isoformat() if r.next_follow_up else "",
                  "2026-12-31", foreground=self._due_colour),
        )  # fmt: skip
        # Columns the list sorts by (in SQL, never a proxy model).
        self.sortable = {self.column_index(name): key for name, key in (
            ("member_no", SortKey.MEMBER_NO), ("name", SortKey.NAME), ("district", SortKey.DISTRICT),
            ("status", SortKey.STATUS))}  # fmt: skip

    def _due_colour(self, r: MemberRow) -> str | None:
        """A follow-up due today or earlier (a fraud flag, the whole row in red, says more)."""
        due = not r.fraud_flag and r.next_follow_up is not None and r.next_follow_up <= self.today()
        return DUE_TEXT if due else None

    def row_foreground(self, r: MemberRow) -> str | None:
        return FRAUD_TEXT if r.fraud_flag else None

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
        self._pages.clear()
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
            self._pages.clear()

    def invalidate_rows(self) -> None:
        """Row contents changed (not the list): drop the cache and repaint."""
        self._pages.clear()
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(self.columns) - 1))

    def row_for(self, row: int) -> MemberRow | None:
        return self._pages.get(self.ids, row)

    def item_at(self, row: int) -> MemberRow | None:
        return self.row_for(row)

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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.sortable.get(column)
        if key is None:
            return
        from dataclasses import replace

        self.set_filter(replace(self.filter, sort=key, descending=order == Qt.SortOrder.DescendingOrder))


def _cell(name: str, header: str, text: Callable[[MemberRow], str], sample: str, **more: Any) -> Column[MemberRow]:
    """A case-list column whose tooltip is its text (elided values can be read in full)."""
    return Column(name, header, text, tooltip=lambda r: text(r) or None, sample=sample, **more)
