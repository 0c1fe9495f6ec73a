"""Table models of the 报表 screen.

- `RowsTableModel`: a small list of display rows (statistics, requests, the retention queue),
  each with an optional key and a colour.
- `AuditTableModel`: the audit log, which may hold millions of entries: only the ordered list of
  sequence numbers is kept (queried on a reader thread); rows are fetched a page at a time into a
  small cache, as in the case list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from xzdesk.app_context import AppContext
from xzdesk.domain.privacy.dto import AuditFilter, AuditRow
from xzdesk.domain.privacy.queries import audit_rows, audit_seqs
from xzdesk.domain.reads import PAGE_ROWS
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui.ops import Ops
from xzdesk.ui.reports import messages as words
from xzdesk.ui.table_model import Column, ColumnTableModel, PageCache

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


DIM_TEXT = "#888888"  # a figure suppressed to protect small groups


class RowsTableModel(ColumnTableModel):
    """Display rows; `keys[i]` identifies row i for the caller, `colours[i]` tints it, cells in
    `dim` are greyed. The cells get the row number."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[list[str]] = []
        self.keys: list[Any] = []
        self.colours: list[str | None] = []
        self.dim: set[tuple[int, int]] = set()  # cells shown greyed (suppressed figures)
        self.row_roles = {Qt.ItemDataRole.UserRole: lambda r: self.keys[r]}
        self._set_headers(headers)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def _set_headers(self, headers: Sequence[str]) -> None:
        self.columns = tuple(
            Column(f"c{c}", header, lambda r, c=c: self.rows[r][c] if c < len(self.rows[r]) else "",
                   foreground=lambda r, c=c: DIM_TEXT if (r, c) in self.dim else None)
            for c, header in enumerate(headers)
        )  # fmt: skip

    def set_rows(
        self, rows: Sequence[Sequence[str]], *, keys: Sequence[Any] | None = None,
        colours: Sequence[str | None] | None = None, dim: set[tuple[int, int]] | None = None,
        headers: Sequence[str] | None = None,
    ) -> None:  # fmt: skip
        self.beginResetModel()
        if headers is not None:
            self._set_headers(headers)
        self.rows = [list(r) for r in rows]
        self.keys = list(keys) if keys is not None else [None] * len(self.rows)
        self.colours = list(colours) if colours is not None else [None] * len(self.rows)
        self.dim = set(dim or ())
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def item_at(self, row: int) -> int | None:
        return row if 0 <= row < len(self.rows) else None

    def row_foreground(self, r: int) -> str | None:
        return self.colours[r]

    def key_at(self, row: int) -> Any:
        return self.keys[row] if 0 <= row < len(self.keys) else None


class AuditTableModel(ColumnTableModel):
    """Columns: time, staff, action, member number, field names, reason."""

    sig_loaded = Signal(int)

    def __init__(self, ctx: AppContext, ops: Ops, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.seqs: list[int] = []
        self.filter = AuditFilter()
        self._pages: PageCache[int, AuditRow] = PageCache(
            lambda seqs: ops.peek(audit_rows, seqs, actor=self.ctx.actor), lambda r: r.seq, page=PAGE,
            pages=CACHE_PAGES,
        )  # fmt: skip
        self._generation = 0
        self.columns = (
            Column("at", self.tr("Time"), lambda r: r.at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S")),
            Column("staff", self.tr("Staff"), self._who),
            Column("action", self.tr("Action"), lambda r: words.action(r.action), tooltip=lambda r: r.action),
            Column("member_no", self.tr("Member no."), lambda r: r.member_no or ""),
            Column("fields", self.tr("Fields"), lambda r: "、".join(r.fields)),
            Column("reason", self.tr("Reason"), lambda r: r.reason or ""),
        )  # fmt: skip

    def _who(self, row: AuditRow) -> str:
        if row.by_member:
            return self.tr("The member, online")
        return row.staff_name or (row.staff_id or "")[:8]

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
        self._pages.clear()
        self.endResetModel()
        self.sig_loaded.emit(len(self.seqs))

    def row_for(self, row: int) -> AuditRow | None:
        return self._pages.get(self.seqs, row)

    def item_at(self, row: int) -> AuditRow | None:
        return self.row_for(row)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.seqs)
