"""Table models of the 报表 screen.

- `RowsTableModel`: a small list of display rows (statistics, requests, the retention queue),
  each with an optional key and a colour.
- `AuditTableModel`: the audit log, which may hold millions of entries: only the ordered list of
  sequence numbers is kept (queried on a reader thread); rows are fetched a page at a time into a
  small cache, as in the case list.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from xzdesk.app_context import AppContext
from xzdesk.domain.privacy.dto import AuditFilter, AuditRow
from xzdesk.domain.privacy.queries import audit_rows, audit_seqs
from xzdesk.domain.reads import PAGE_ROWS
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui.ops import Ops
from xzdesk.ui.reports import messages as words

Index = QModelIndex | QPersistentModelIndex
PAGE = PAGE_ROWS  # rows fetched at once, on the UI thread (a key read: see ui/ops.py)
CACHE_PAGES = 20


def alive(
    owner: QObject, fn: Callable[..., Any], *, otherwise: Callable[..., Any] | None = None
) -> Callable[..., None]:
    """`fn`, called only while `owner` still exists (else `otherwise`, if given): a job's result may
    arrive after its panel was rebuilt (another user signed in) or closed."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            fn(*args)
        elif otherwise is not None:
            otherwise(*args)

    return call


def error_reporter(owner: QWidget) -> Callable[[BaseException], None]:
    """Show a job's error over `owner`, or on its own when `owner` is gone."""
    from xzdesk.ui.messages import show_error

    return alive(owner, lambda exc: show_error(owner, exc), otherwise=lambda exc: show_error(None, exc))


class RowsTableModel(QAbstractTableModel):
    """Display rows; `keys[i]` identifies row i for the caller, `colours[i]` tints it."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[list[str]] = []
        self.keys: list[Any] = []
        self.colours: list[str | None] = []
        self.dim: set[tuple[int, int]] = set()  # cells shown greyed (suppressed figures)

    def set_rows(
        self, rows: Sequence[Sequence[str]], *, keys: Sequence[Any] | None = None,
        colours: Sequence[str | None] | None = None, dim: set[tuple[int, int]] | None = None,
        headers: Sequence[str] | None = None,
    ) -> None:  # fmt: skip
        self.beginResetModel()
        if headers is not None:
            self.headers = list(headers)
        self.rows = [list(r) for r in rows]
        self.keys = list(keys) if keys is not None else [None] * len(self.rows)
        self.colours = list(colours) if colours is not None else [None] * len(self.rows)
        self.dim = set(dim or ())
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.rows[r]
            return row[c] if c < len(row) else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            if (r, c) in self.dim:
                return QBrush(QColor("#888888"))
            if self.colours[r]:
                return QBrush(QColor(self.colours[r]))
        if role == Qt.ItemDataRole.UserRole:
            return self.keys[r]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def key_at(self, row: int) -> Any:
        return self.keys[row] if 0 <= row < len(self.keys) else None


class AuditTableModel(QAbstractTableModel):
    """Columns: time, staff, action, member number, field names, reason."""

    sig_loaded = Signal(int)

    def __init__(self, ctx: AppContext, ops: Ops, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.seqs: list[int] = []
        self.filter = AuditFilter()
        self._cache: OrderedDict[int, list[AuditRow]] = OrderedDict()
        self._generation = 0
        self._headers = (self.tr("Time"), self.tr("Staff"), self.tr("Action"), self.tr("Member no."),
                         self.tr("Fields"), self.tr("Reason"))  # fmt: skip

    def set_filter(self, flt: AuditFilter, *, on_error: Callable[[BaseException], None] | None = None) -> None:
        """Re-run the query for `flt` on a reader thread (it sorts the whole log); `sig_loaded`
        says when the list is in."""
        self.filter = flt
        self._generation += 1
        generation, actor = self._generation, self.ctx.actor
        self.ops.run(lambda session, _p, _c: audit_seqs(session, flt, actor=actor),
                     on_done=alive(self, lambda seqs: self._apply(generation, seqs)), on_error=on_error, mode="read")  # fmt: skip

    def _apply(self, generation: int, seqs: list[int]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self.seqs = list(seqs)
        self._cache.clear()
        self.endResetModel()
        self.sig_loaded.emit(len(self.seqs))

    def row_for(self, row: int) -> AuditRow | None:
        if not 0 <= row < len(self.seqs):
            return None
        page = row // PAGE
        if page not in self._cache:
            self._cache[page] = self.ops.peek(audit_rows, self.seqs[page * PAGE : (page + 1) * PAGE], actor=self.ctx.actor)
            while len(self._cache) > CACHE_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(page)
        rows = self._cache[page]
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.seqs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.row_for(index.row())
        if r is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.action if index.column() == 2 else None
        return (
            r.at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S"),
            r.staff_name or (r.staff_id or "")[:8],
            words.action(r.action),
            r.member_no or "",
            "、".join(r.fields),
            r.reason or "",
        )[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None
