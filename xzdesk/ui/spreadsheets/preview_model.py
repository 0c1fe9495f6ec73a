"""ImportPreviewModel: the rows of an import preview with their status, problems and decision.

Holds the preview's rows (one small record each, up to 100,000) and the decision per row in numpy
arrays; the status filter is a numpy selection over them (never a proxy model). Masked names
arrive later from a second pass over the file (`set_names`). Only the decision column is
editable, and only with a decision the engine allows for that row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from xzdesk.domain.spreadsheets import Decision, ImportPreviewInfo, ImportRowInfo, RowStatus
from xzdesk.ui.spreadsheets import labels
from xzdesk.ui.spreadsheets.messages import ProblemWords, where
from xzdesk.ui.table_model import RIGHT, Column, ColumnTableModel

Index = QModelIndex | QPersistentModelIndex
ALLOWED_ROLE = Qt.ItemDataRole.UserRole + 1
STATUSES: tuple[RowStatus, ...] = tuple(RowStatus)
DECISIONS: tuple[Decision, ...] = tuple(Decision)
FILTER_PROBLEMS = "problems"  # rows with any problem, warnings included
FILTER_REVIEW = "review"  # rows currently decided "leave for review"


class ImportPreviewModel(ColumnTableModel):
    """Columns: sheet row, name (masked), status, decision, member no., details. The cells get
    `k`, the index into `rows` of the row shown."""

    sig_decisions_changed = Signal()
    DECISION_COLUMN = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.preview: ImportPreviewInfo | None = None
        self.rows: tuple[ImportRowInfo, ...] = ()
        self.names: dict[int, str] = {}
        self.filter: str | None = None
        self._status = np.zeros(0, dtype=np.int8)
        self._default = np.zeros(0, dtype=np.int8)
        self._decision = np.zeros(0, dtype=np.int8)
        self._problems = np.zeros(0, dtype=bool)
        self._shown = np.zeros(0, dtype=np.int64)  # indexes into rows, in file order
        self._details: dict[int, tuple[str, str]] = {}
        self._index: dict[int, int] = {}  # sheet row number -> index into rows
        self._words = ProblemWords()
        self.row_roles = {
            Qt.ItemDataRole.UserRole: lambda k: self.rows[k].row,
            ALLOWED_ROLE: lambda k: [d.value for d in self.rows[k].allowed],
        }
        self.columns = (
            Column("row", self.tr("Row"), lambda k: str(self.rows[k].row), align=RIGHT),
            Column("name", self.tr("Name"), lambda k: self.names.get(self.rows[k].row, "")),
            Column("status", self.tr("Status"), self._status_text, tooltip=lambda k: self.details(k)[1] or None),
            Column("decision", self.tr("Decision"), lambda k: labels.decision(self._decided(k).value),
                   edit=lambda k: self._decided(k).value),
            Column("member_no", self.tr("Case file"), lambda k: self.rows[k].member_no or ""),
            Column("details", self.tr("What the check found"), lambda k: self.details(k)[0],
                   tooltip=lambda k: self.details(k)[1] or None),
        )  # fmt: skip

    # --- content --------------------------------------------------------------------------------
    def set_preview(self, preview: ImportPreviewInfo | None) -> None:
        self.beginResetModel()
        self.preview = preview
        self.rows = preview.rows if preview else ()
        self.names = {}
        self._details = {}
        self._index = {r.row: k for k, r in enumerate(self.rows)}
        self._words = ProblemWords()
        self._status = np.fromiter((STATUSES.index(r.status) for r in self.rows), dtype=np.int8, count=len(self.rows))
        self._default = np.fromiter((DECISIONS.index(r.decision) for r in self.rows), dtype=np.int8, count=len(self.rows))
        self._decision = self._default.copy()
        self._problems = np.fromiter((bool(r.problems) for r in self.rows), dtype=bool, count=len(self.rows))
        self._shown = self._select(self.filter)
        self.endResetModel()
        self.sig_decisions_changed.emit()

    def set_names(self, names: Mapping[int, str]) -> None:
        """Masked names by sheet row number (from a second pass over the file)."""
        self.names = dict(names)
        if len(self._shown):
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._shown) - 1, 1))

    def _select(self, key: str | None) -> np.ndarray:
        if key is None:
            return np.arange(len(self.rows), dtype=np.int64)
        if key == FILTER_PROBLEMS:
            return np.flatnonzero(self._problems)
        if key == FILTER_REVIEW:
            return np.flatnonzero(self._decision == DECISIONS.index(Decision.REVIEW))
        return np.flatnonzero(self._status == STATUSES.index(RowStatus(key)))

    def set_filter(self, key: str | None) -> None:
        """None for every row, a RowStatus value, FILTER_PROBLEMS or FILTER_REVIEW."""
        self.beginResetModel()
        self.filter = key
        self._shown = self._select(key)
        self.endResetModel()

    def row_at(self, row: int) -> ImportRowInfo | None:
        if 0 <= row < len(self._shown):
            return self.rows[int(self._shown[row])]
        return None

    def view_row_of(self, number: int) -> int:
        """The table row showing sheet row `number`, or -1 (filtered out or unknown)."""
        k = self._index.get(number)
        hits = np.flatnonzero(self._shown == k) if k is not None else ()
        return int(hits[0]) if len(hits) else -1

    # --- decisions ------------------------------------------------------------------------------
    def decision_of(self, number: int) -> Decision:
        return DECISIONS[int(self._decision[self._index[number]])]

    def set_decision(self, number: int, decision: Decision | str) -> bool:
        """Change one row's decision (sheet row number); False when the row does not allow it."""
        k = self._index.get(number)
        return False if k is None else self._set(k, Decision(decision))

    def _set(self, k: int, decision: Decision) -> bool:
        if decision not in self.rows[k].allowed:
            return False
        value = DECISIONS.index(decision)
        if self._decision[k] == value:
            return True
        self._decision[k] = value
        hits = np.flatnonzero(self._shown == k)
        if len(hits):
            cell = self.index(int(hits[0]), self.DECISION_COLUMN)
            self.dataChanged.emit(cell, cell)
        self.sig_decisions_changed.emit()
        return True

    def apply_to_shown(self, decision: Decision | str) -> int:
        """Set `decision` on every shown row that allows it; returns how many rows changed."""
        decision = Decision(decision)
        value = DECISIONS.index(decision)
        changed = 0
        for k in self._shown:
            k = int(k)
            if self._decision[k] != value and decision in self.rows[k].allowed:
                self._decision[k] = value
                changed += 1
        if changed:
            if len(self._shown):
                self.dataChanged.emit(self.index(0, self.DECISION_COLUMN),
                                      self.index(len(self._shown) - 1, self.DECISION_COLUMN))  # fmt: skip
            self.sig_decisions_changed.emit()
        return changed

    def decision_overrides(self) -> dict[int, Decision]:
        """Rows whose decision differs from the preview's default (what commit_import takes)."""
        return {self.rows[int(k)].row: DECISIONS[int(self._decision[k])] for k in np.flatnonzero(self._decision != self._default)}

    def rows_decided(self, decision: Decision | str) -> list[int]:
        """Sheet row numbers currently decided `decision`, in file order."""
        value = DECISIONS.index(Decision(decision))
        return [self.rows[int(k)].row for k in np.flatnonzero(self._decision == value)]

    def tally(self) -> dict[Decision, int]:
        """How many rows of the whole preview are decided each way (error and unchanged rows are
        decided skip)."""
        counts = np.bincount(self._decision, minlength=len(DECISIONS))
        return {d: int(counts[i]) for i, d in enumerate(DECISIONS)}

    # --- texts ----------------------------------------------------------------------------------
    def details(self, k: int) -> tuple[str, str]:
        """(cell text, tooltip) of the details column for rows[k]; computed once per row."""
        cached = self._details.get(k)
        if cached is not None:
            return cached
        r = self.rows[k]
        assert self.preview is not None
        mapping = self.preview.mapping
        if r.problems:
            sentences = [self._words.problem(p) for p in r.problems]
            text = " ".join(sentences)
            tip = "\n".join(f"{where(p, mapping)}: {s}" for p, s in zip(r.problems, sentences, strict=True))
        elif r.status is RowStatus.UPDATE:
            fields = "、".join(labels.field(f) for f in r.changes)
            text = tip = self.tr("Changes: {fields}").format(fields=fields)
        elif r.status is RowStatus.UNCHANGED:
            text = tip = self.tr("Already in the case files; nothing to change.")
        else:
            text = tip = ""
        self._details[k] = (text, tip)
        return text, tip

    # --- Qt model -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.DECISION_COLUMN:
            r = self.row_at(index.row())
            if r is not None and len(r.allowed) > 1:
                return base | Qt.ItemFlag.ItemIsEditable
        return base

    def item_at(self, row: int) -> int | None:
        return int(self._shown[row]) if 0 <= row < len(self._shown) else None

    def _decided(self, k: int) -> Decision:
        return DECISIONS[int(self._decision[k])]

    def _status_text(self, k: int) -> str:
        r = self.rows[k]
        text = labels.status(r.status.value)
        if r.status is not RowStatus.ERROR and any(p.warning for p in r.problems):
            text += " ⚠"
        return text

    def row_background(self, k: int) -> str:
        return labels.status_colour(self.rows[k].status.value).name()

    def row_foreground(self, _k: int) -> str:
        return "#000000"  # the tints are light: black stays readable in a dark theme too

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.DECISION_COLUMN:
            return False
        if not 0 <= index.row() < len(self._shown):
            return False
        try:
            decision = Decision(value)
        except ValueError:
            return False
        return self._set(int(self._shown[index.row()]), decision)


class DecisionDelegate(QStyledItemDelegate):
    """A combo of the decisions the row allows."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = QComboBox(parent)
        for value in index.data(ALLOWED_ROLE) or ():
            box.addItem(labels.decision(value), value)
        box.activated.connect(lambda _i, b=box: self.commitData.emit(b))
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
