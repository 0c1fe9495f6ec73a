"""Table models by column spec (ui/table_model.py): every table model of the screens is one,
`data()` is the one generic lookup, the roles fall back from the column to the row as documented,
big tables fetch pages lazily, and the models pass pytest-qt's model tester."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, Qt

import xzdesk.ui
from tests.accounts import add_account
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import deactivate_staff, list_accounts
from xzdesk.domain.uow import unit_of_work
from xzdesk.ui.accounts.manage import AccountTableModel
from xzdesk.ui.table_model import CENTER, Column, ColumnTableModel, PageCache, RowListModel

Role_ = Qt.ItemDataRole


@dataclass(frozen=True)
class _Row:
    id: str
    name: str
    flagged: bool
    urgent: bool


class _Model(RowListModel):
    row_roles = {Role_.UserRole: lambda r: r.id}

    def __init__(self) -> None:
        super().__init__()
        self.columns = (
            Column("name", "Name", lambda r: r.name, tooltip=lambda r: f"about {r.name}", sample="王小明"),
            Column("state", "State", lambda r: "!" if r.urgent else "", align=CENTER,
                   foreground=lambda r: "#c05000" if r.urgent else None, bold=lambda r: r.urgent),
            Column("pick", "Pick", lambda _r: None, check=lambda r: r.flagged, edit=lambda r: r.flagged),
        )  # fmt: skip

    def row_foreground(self, r: _Row) -> str | None:
        return "#b00020" if r.flagged else None

    def row_background(self, r: _Row) -> str | None:
        return "#fff3e0" if r.urgent else None

    def row_tooltip(self, r: _Row) -> str:
        return f"row {r.id}"


def _colour(model, row, column, role):
    brush = model.data(model.index(row, column), role)
    return brush.color().name() if brush is not None else None


def test_each_role_comes_from_the_column_else_the_row(qtmodeltester):
    model = _Model()
    model.set_rows([_Row("a", "甲", flagged=True, urgent=True), _Row("b", "乙", flagged=False, urgent=False)])
    qtmodeltester.check(model)
    data = lambda r, c, role=Role_.DisplayRole: model.data(model.index(r, c), role)  # noqa: E731
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Name", "State", "Pick"]
    assert (data(0, 0), data(0, 1), data(0, 2)) == ("甲", "!", None)
    assert data(0, 0, Role_.ToolTipRole) == "about 甲" and data(1, 1, Role_.ToolTipRole) == "row b"  # column, else row
    assert _colour(model, 0, 1, Role_.ForegroundRole) == "#c05000"  # the column's own rule first
    assert _colour(model, 0, 0, Role_.ForegroundRole) == "#b00020"  # else the row's
    assert _colour(model, 1, 0, Role_.ForegroundRole) is None
    assert _colour(model, 0, 2, Role_.BackgroundRole) == "#fff3e0" and _colour(model, 1, 2, Role_.BackgroundRole) is None
    assert data(0, 1, Role_.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignCenter) and data(0, 0, Role_.TextAlignmentRole) is None
    assert data(0, 1, Role_.FontRole).bold() and data(1, 1, Role_.FontRole) is None
    assert data(0, 2, Role_.CheckStateRole) == Qt.CheckState.Checked and data(1, 2, Role_.CheckStateRole) == Qt.CheckState.Unchecked
    assert data(0, 0, Role_.CheckStateRole) is None and data(0, 2, Role_.EditRole) is True
    assert data(1, 0, Role_.UserRole) == "b" and data(1, 0, Role_.DecorationRole) is None
    assert model.row_of("b") == 1 and model.row_of("zz") == -1 and model.column_index("pick") == 2
    assert model.data(model.index(5, 0)) is None  # outside the table


def test_pages_are_fetched_lazily_and_the_least_used_dropped():
    fetched: list[list[int]] = []

    def fetch(keys):
        fetched.append(list(keys))
        return [k * 10 for k in keys if k != 7]  # record 7 is gone

    cache: PageCache[int, int] = PageCache(fetch, lambda r: r // 10, page=5, pages=2)
    keys = list(range(20))
    assert cache.get(keys, 3) == 30 and cache.get(keys, 4) == 40 and fetched == [[0, 1, 2, 3, 4]]
    assert cache.get(keys, 7) is None and cache.get(keys, 8) == 80  # a missing record, same page
    assert cache.get(keys, 12) == 120 and len(fetched) == 3  # a third page: the first is dropped
    cache.get(keys, 0)
    assert fetched[-1] == [0, 1, 2, 3, 4] and len(fetched) == 4
    assert cache.get(keys, 20) is None and cache.get(keys, -1) is None and len(fetched) == 4


def test_the_accounts_table(store, qtmodeltester):
    add_account(store, username="mm", display_name="王红娘", role=Role.MATCHMAKER, district_code="320302")
    gone = add_account(store, username="old", display_name="老李", role=Role.MATCHMAKER)
    with unit_of_work(store, add_account(store, username="boss", role=Role.ADMIN)) as uow:
        deactivate_staff(uow, staff_id=gone.staff_id)
    with store.read() as s:
        rows = sorted(list_accounts(s), key=lambda r: r.username)
    model = AccountTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    by_name = {model.data(model.index(r, 1)): r for r in range(model.rowCount())}
    assert model.data(model.index(by_name["old"], 4)) == "Closed"
    assert _colour(model, by_name["old"], 0, Role_.ForegroundRole) == "#888888"
    assert _colour(model, by_name["mm"], 0, Role_.ForegroundRole) is None
    assert model.data(model.index(by_name["boss"], 3)) == "City-wide"


def test_every_table_model_of_the_screens_is_a_column_spec():
    """No screen writes its own data(): each table model is a ColumnTableModel (one lookup)."""
    for info in pkgutil.walk_packages(xzdesk.ui.__path__, "xzdesk.ui."):
        importlib.import_module(info.name)
    models = [cls for module in list(sys.modules.values())
              if getattr(module, "__name__", "").startswith("xzdesk.ui.")
              for _n, cls in inspect.getmembers(module, inspect.isclass)
              if issubclass(cls, QAbstractItemModel) and cls.__module__ == module.__name__]  # fmt: skip
    assert len(models) >= 12
    for cls in models:
        assert issubclass(cls, ColumnTableModel), cls
        assert "data" not in cls.__dict__ or cls is ColumnTableModel, f"{cls.__qualname__} writes its own data()"
