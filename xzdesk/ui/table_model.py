"""Table models by column spec, and the house look of the views that show them.

A table is a tuple of `Column`s: per column its name, header, the text each row shows, and,
where it has them, alignment, tooltip, colours, bold, a tick box, the value an editor starts
from and a sample of its widest usual text. `ColumnTableModel.data()` is then one generic
lookup (role -> what the column, or else the row, says), never a branch per column number:

    self.columns = (
        Column("no", self.tr("No."), lambda r: r.member_no),
        Column("age", self.tr("Age"), lambda r: str(r.age), align=CENTER),
        Column("status", self.tr("Status"), lambda r: labels.status(r.status), foreground=status_colour),
    )

Subclasses say how to reach the item of a row (`item_at`: the DTO itself, or the row number when
the cells need it) and may add row-wide rules that apply where the column has none
(`row_tooltip`, `row_foreground`, `row_background`) and whole-row roles (`row_roles`, e.g. the
key under `Qt.ItemDataRole.UserRole`).

`RowListModel`: the same over an in-memory list `self.rows` (small tables: events, candidates,
registrations, previews). Big tables (the case list, the audit log) keep an id list and fetch
rows lazily a page at a time (`PageCache`).
`setup_table`: the house look of every table view of the screens (QTableWidget lists too).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
K = TypeVar("K")

CENTER = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
Role = Qt.ItemDataRole


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: what it is called and what it shows for the item of a row (see the module
    docstring). Colours are names ("#b00020"); a function returning None leaves the role to the
    row-wide rule of the model."""

    name: str
    header: str
    text: Callable[[R], str | None]
    align: Qt.AlignmentFlag | None = None
    tooltip: Callable[[R], str | None] | None = None
    foreground: Callable[[R], str | None] | None = None
    background: Callable[[R], str | None] | None = None
    bold: Callable[[R], bool] | None = None
    check: Callable[[R], bool] | None = None  # a tick box (CheckStateRole)
    edit: Callable[[R], Any] | None = None  # the value an editor starts from (EditRole)
    sample: str = ""  # the widest text it usually holds (its width on screen)


def _brush(colour: str | None) -> QBrush | None:
    return QBrush(QColor(colour)) if colour else None


def _either(cell: Callable[[R], Any] | None, item: R, row_rule: Callable[[R], Any]) -> Any:
    """What the column says for `item`, else what the row-wide rule says."""
    value = cell(item) if cell is not None else None
    return value if value is not None else row_rule(item)


def _bold_font(column: Column[Any], item: Any) -> QFont | None:
    if column.bold is None or not column.bold(item):
        return None
    font = QFont()
    font.setBold(True)
    return font


# role -> what a cell shows for that role: (model, column, item) -> value
_CELL_ROLES: dict[Qt.ItemDataRole, Callable[[ColumnTableModel, Column[Any], Any], Any]] = {
    Role.DisplayRole: lambda _m, c, item: c.text(item),
    Role.ToolTipRole: lambda m, c, item: _either(c.tooltip, item, m.row_tooltip),
    Role.ForegroundRole: lambda m, c, item: _brush(_either(c.foreground, item, m.row_foreground)),
    Role.BackgroundRole: lambda m, c, item: _brush(_either(c.background, item, m.row_background)),
    Role.TextAlignmentRole: lambda _m, c, _item: int(c.align) if c.align is not None else None,
    Role.FontRole: lambda _m, c, item: _bold_font(c, item),
    Role.CheckStateRole: lambda _m, c, item: (
        None if c.check is None else Qt.CheckState.Checked if c.check(item) else Qt.CheckState.Unchecked
    ),
    Role.EditRole: lambda _m, c, item: c.edit(item) if c.edit is not None else None,
}


class ColumnTableModel(QAbstractTableModel):
    """A flat table described by `self.columns` (set in __init__, with translated headers)."""

    columns: tuple[Column[Any], ...] = ()
    row_roles: Mapping[int, Callable[[Any], Any]] = {}  # whole-row roles, e.g. {UserRole: key}

    # --- what subclasses give -----------------------------------------------------------------
    def item_at(self, _row: int) -> Any:
        """The item the column functions get for view row `row`; None outside the table. A
        subclass gives it together with `rowCount` (RowListModel: an in-memory list); the base,
        which has no rows, has no item."""
        return None

    def row_tooltip(self, _item: Any) -> str | None:
        return None

    def row_foreground(self, _item: Any) -> str | None:
        return None

    def row_background(self, _item: Any) -> str | None:
        return None

    # --- lookups --------------------------------------------------------------------------------
    def column_index(self, name: str) -> int:
        """The position of the column called `name` (ValueError when there is none)."""
        for i, column in enumerate(self.columns):
            if column.name == name:
                return i
        raise ValueError(name)

    # --- Qt model -------------------------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole) -> Any:
        if role == Role.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        item = self.item_at(index.row())
        if item is None:
            return None
        cell = _CELL_ROLES.get(role)  # type: ignore[call-overload]  # roles are IntEnum: ints match
        if cell is not None:
            return cell(self, self.columns[index.column()], item)
        whole_row = self.row_roles.get(role)
        return whole_row(item) if whole_row is not None else None



class RowListModel(ColumnTableModel):
    """Columns over an in-memory list `self.rows`; the column functions get the row's DTO."""

    rows: Sequence[Any] = ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def item_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    row_at = item_at  # the row's DTO

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, key: Any) -> int:
        """The row whose key (`row_roles[UserRole]`) is `key`, or -1."""
        key_of = self.row_roles.get(Role.UserRole)
        return next((i for i, r in enumerate(self.rows) if key_of is not None and key_of(r) == key), -1)


class PageCache(Generic[K, R]):
    """Rows of a long key list fetched a page at a time (`fetch(keys) -> rows in that order,
    missing ones skipped`), the most recently used `pages` kept (Anki's browser, calibre's
    view). The fetch is a key read: it runs on the UI thread (see ui/ops.py)."""

    def __init__(self, fetch: Callable[[Sequence[K]], Sequence[R]], key: Callable[[R], K], *, page: int,
                 pages: int) -> None:  # fmt: skip
        self.fetch, self.key, self.page, self.pages = fetch, key, page, pages
        self._cache: OrderedDict[int, list[R | None]] = OrderedDict()

    def clear(self) -> None:
        self._cache.clear()

    def get(self, keys: Sequence[K], row: int) -> R | None:
        """The row `row` of `keys` (None outside, or when its record is gone)."""
        if not 0 <= row < len(keys):
            return None
        page = row // self.page
        rows = self._cache.get(page)
        if rows is None:
            wanted = keys[page * self.page : (page + 1) * self.page]
            found = {self.key(r): r for r in self.fetch(wanted)}
            rows = self._cache[page] = [found.get(k) for k in wanted]
            while len(self._cache) > self.pages:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(page)
        return rows[row - page * self.page]


def setup_table(
    table: QTableView,
    *,
    multi: bool = False,
    selectable: bool = True,
    resize: QHeaderView.ResizeMode = QHeaderView.ResizeMode.ResizeToContents,
    stretch: int | None = None,
    row_headers: bool = False,
    row_height: int = 24,
) -> None:
    """The house look of every table of the screens: whole rows selected (one, or several with
    `multi`; none when not `selectable`), no row numbers (unless the rows have headers of their
    own: `row_headers`), alternating rows, no wrapping, columns sized by `resize` with the last
    one (or column `stretch`) taking the rest. A QTableWidget is a list to read, never typed in."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.NoSelection if not selectable
        else QAbstractItemView.SelectionMode.ExtendedSelection if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )  # fmt: skip
    table.verticalHeader().setVisible(row_headers)
    table.verticalHeader().setDefaultSectionSize(row_height)
    header = table.horizontalHeader()
    header.setSectionResizeMode(resize)
    header.setStretchLastSection(stretch is None)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    if isinstance(table, QTableWidget):
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
