"""The statistics as charts beside the tables: one measure at a time, its trend by month (a
quarter or a year) and its figures by district. Drawn with Qt Charts (offline).

A suppressed figure ("<5", "*") is never drawn as a bar of some made-up height: its bar is left
out and its category label carries the published text, so the chart tells exactly what the table
tells. The union's internal view (all figures real) draws every bar.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from xzdesk.domain.reports.stats import TOTAL, StatRow, StatsReportInfo
from xzdesk.ui.reports import messages as words

BAR_COLOUR = "#3b7dd8"
INTERNAL_COLOUR = "#b8621b"


def chart_points(rows: Sequence[StatRow], measures: Sequence[str], measure: str) -> list[tuple[str, int | None, str]]:
    """(row key, value or None when suppressed, published text) of `measure`, total row left out."""
    if measure not in measures:
        return []
    column = list(measures).index(measure)
    return [(r.key, r.cells[column].value, r.cells[column].text) for r in rows if r.key != TOTAL]


def _category(key: str, value: int | None, text: str, *, month: bool) -> str:
    name = words.month_short(key) if month else words.row(key)
    return name if value is not None else f"{name}（{text}）"


class _BarChart(QChartView):
    """One bar chart; `horizontal` puts categories on the left (district names are long)."""

    def __init__(self, name: str, *, horizontal: bool) -> None:
        super().__init__()
        self.setObjectName(name)
        self.horizontal = horizontal
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        self.setChart(chart)
        self.setMinimumHeight(150)
        self.categories: list[str] = []
        self.values: list[float] = []

    def sizeHint(self) -> QSize:
        # A graphics view prefers its scene's size (two charts asked for 918 px together), and the
        # screen's scroll area grows a page with wrapped text to its preferred height: a chart
        # takes the room it is given instead of asking for a tall one.
        return QSize(320, 180)

    def show_points(self, title: str, points: list[tuple[str, int | None, str]], *, month: bool, colour: str) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        self.categories = [_category(k, v, t, month=month) for k, v, t in points]
        self.values = [float(v or 0) for _k, v, _t in points]
        order = slice(None, None, -1) if self.horizontal else slice(None)  # the first row on top
        bars = QBarSet(title)
        bars.append(self.values[order])
        bars.setColor(QColor(colour))
        series = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(self.categories[order])
        categories.setTruncateLabels(False)  # district names are short; "…" told nothing
        scale = QValueAxis()
        scale.setLabelFormat("%d")
        scale.setRange(0, max([*self.values, 4.0]) * 1.1)
        scale.applyNiceNumbers()
        category_side, scale_side = (
            (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom) if self.horizontal
            else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
        )  # fmt: skip
        chart.addAxis(categories, category_side)
        chart.addAxis(scale, scale_side)
        series.attachAxis(categories)
        series.attachAxis(scale)


class StatsChartsView(QWidget):
    """A measure picker and two charts: by month (quarter and year) and by district."""

    sig_measure_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: StatsReportInfo | None = None
        self.measure = QComboBox()
        self.measure.setObjectName("chart_measure")
        self.measure.currentIndexChanged.connect(lambda _i: self._draw())
        self.months = _BarChart("chart_months", horizontal=False)
        self.no_months = QLabel(self.tr("The trend by month is drawn for a quarter or a year."))
        self.no_months.setObjectName("chart_no_months")
        self.no_months.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_months.setWordWrap(True)
        self.no_months.setStyleSheet("color: #666;")
        self.month_stack = QStackedWidget()
        self.month_stack.addWidget(self.months)
        self.month_stack.addWidget(self.no_months)
        self.districts = _BarChart("chart_districts", horizontal=True)
        self.note = QLabel()
        self.note.setObjectName("chart_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Chart")))
        picker.addWidget(self.measure, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(picker)
        layout.addWidget(self.month_stack, 2)
        layout.addWidget(self.districts, 3)
        layout.addWidget(self.note)

    def show_report(self, report: StatsReportInfo) -> None:
        self.report = report
        current = self.measure.currentData()
        self.measure.blockSignals(True)
        self.measure.clear()
        for m in report.district_measures:
            self.measure.addItem(words.measure(m), m)
        index = self.measure.findData(current)
        self.measure.setCurrentIndex(index if index >= 0 else 0)
        self.measure.blockSignals(False)
        self._draw()

    def _draw(self) -> None:
        report, measure = self.report, self.measure.currentData()
        if report is None or measure is None:
            return
        colour = INTERNAL_COLOUR if report.internal else BAR_COLOUR
        name = words.measure(measure)
        by_month = chart_points(report.by_month, report.month_measures, measure)
        if by_month:
            self.months.show_points(self.tr("{measure} by month").format(measure=name), by_month, month=True,
                                    colour=colour)  # fmt: skip
            self.month_stack.setCurrentWidget(self.months)
        else:
            self.month_stack.setCurrentWidget(self.no_months)
            self.no_months.setText(self.tr("The trend by month is drawn for a quarter or a year.") if not report.by_month
                                   else self.tr("{measure} has no monthly breakdown.").format(measure=name))  # fmt: skip
        by_district = chart_points(report.by_district, report.district_measures, measure)
        self.districts.show_points(self.tr("{measure} by district").format(measure=name), by_district, month=False,
                                   colour=colour)  # fmt: skip
        hidden = any(v is None for _k, v, _t in (*by_month, *by_district))
        if report.internal:
            self.note.setText(self.tr("Internal figures: every bar is the real count."))
        else:
            self.note.setText(self.tr("Figures shown as “<5” or “*” are not drawn; their label says so.") if hidden else "")
        self.sig_measure_changed.emit(measure)
