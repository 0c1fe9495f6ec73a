"""QuotaBalanceTable: places per sex and age band — limit, approved, pending, waiting, free — and,
while the organiser picks people to invite, how many were picked and what stays free."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from xzdesk.domain.events.dto import AgeBandInfo, QuotaBalanceInfo, QuotaCellRow
from xzdesk.ui import labels as core_labels
from xzdesk.ui.table_model import setup_table

Cell = tuple[int, int | None]  # (sex, band index)


def band_text(bands: tuple[AgeBandInfo, ...], index: int | None) -> str:
    if index is None or not 0 <= index < len(bands):
        return ""
    b = bands[index]
    return f"{b.min_age}–{b.max_age}"


class QuotaBalanceTable(QTableWidget):
    """Rows: all, men, women, then each sex per age band (and the ages outside every band)."""

    def __init__(self, parent: QWidget | None = None, *, picking: bool = False) -> None:
        super().__init__(parent)
        self.picking = picking
        headers = [self.tr("Limit"), self.tr("Approved"), self.tr("Pending"), self.tr("Waiting"), self.tr("Free")]
        if picking:
            headers += [self.tr("Picked"), self.tr("Free after")]
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(headers)
        setup_table(self, selectable=False, row_headers=True)  # the rows are named (men, women, bands)
        self.horizontalHeader().setStretchLastSection(False)  # a compact grid of figures
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.balance: QuotaBalanceInfo | None = None
        self.bands: tuple[AgeBandInfo, ...] = ()
        self.picked: Counter[Cell] = Counter()

    def set_balance(self, balance: QuotaBalanceInfo | None, bands: tuple[AgeBandInfo, ...] = ()) -> None:
        self.balance, self.bands = balance, tuple(bands)
        self._fill()

    def set_picked(self, picked: Counter[Cell]) -> None:
        self.picked = Counter(picked)
        self._fill()

    def _row_title(self, row: QuotaCellRow | None) -> str:
        if row is None:
            return self.tr("All")
        sex = core_labels.sex(row.sex) if row.sex else self.tr("Both")
        if row.band_index is None and not row.outside_bands:
            return sex
        if row.outside_bands:
            return self.tr("{sex}, other ages").format(sex=sex)
        return self.tr("{sex}, {band}").format(sex=sex, band=band_text(self.bands, row.band_index))

    def _picked_for(self, row: QuotaCellRow | None) -> int:
        if row is None:
            return sum(self.picked.values())
        if row.band_index is None and not row.outside_bands:
            return sum(n for (sex, _b), n in self.picked.items() if sex == row.sex)
        return self.picked.get((row.sex or 0, row.band_index), 0)

    def _fill(self) -> None:
        b = self.balance
        if b is None:
            self.setRowCount(0)
            return
        rows: list[QuotaCellRow | None] = [None, *b.by_sex]
        if self.bands:
            rows += list(b.cells)
        self.setRowCount(len(rows))
        bold = QFont(self.font())
        bold.setBold(True)
        for r, row in enumerate(rows):
            head = QTableWidgetItem(self._row_title(row))
            if row is None or (row.band_index is None and not row.outside_bands):
                head.setFont(bold)
            self.setVerticalHeaderItem(r, head)
            if row is None:
                values = [b.capacity, b.approved, b.pending, b.waitlisted, b.free]
            else:
                values = [row.limit, row.approved, row.pending, row.waitlisted, row.free]
            cells = ["—" if v is None else str(v) for v in values]
            free = values[4] or 0
            if self.picking:
                picked = self._picked_for(row)
                after = free - picked
                cells += [str(picked) if picked else "", str(after)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if c == 4 and free == 0:
                    item.setForeground(QBrush(QColor("#b00020")))
                if self.picking and c == 6 and free - self._picked_for(row) < 0:
                    item.setForeground(QBrush(QColor("#b00020")))
                    item.setToolTip(self.tr("More picked than places: the rest go to the waiting list."))
                self.setItem(r, c, item)

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""
