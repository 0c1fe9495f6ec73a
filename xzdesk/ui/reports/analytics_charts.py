"""活动分析's charts (Qt Charts, offline, as the statistics' charts): turnout by month, mutual
matches per 10 people by format, demand against supply by age band, the pool by district."""

from __future__ import annotations

from collections import defaultdict
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
from PySide6.QtCore import QMargins, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QWidget

from xzdesk.domain.analytics.dto import AnalyticsInfo
from xzdesk.ui import labels as core
from xzdesk.ui.events import labels as event_labels
from xzdesk.ui.reports import analytics_words as words
from xzdesk.ui.reports import messages as report_words

BLUE, ORANGE, GREEN, RED = "#3b7dd8", "#e08a2c", "#4c9a4c", "#c85a7c"

BarSets = Sequence[tuple[str, Sequence[float], str]]


class BarChart(QChartView):
    """Bars of one or more sets over categories; `horizontal` puts the categories on the left."""

    def __init__(self, name: str, *, horizontal: bool = False) -> None:
        super().__init__()
        self.setObjectName(name)
        self.horizontal = horizontal
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart = QChart()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setBackgroundRoundness(0)
        self.setChart(chart)
        self.setMinimumHeight(120)
        self.categories: list[str] = []
        self.sets: dict[str, list[float]] = {}

    def sizeHint(self) -> QSize:
        return QSize(320, 160)  # take the room given (see charts._BarChart.sizeHint)

    def show_bars(self, title: str, categories: Sequence[str], sets: BarSets) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        order = slice(None, None, -1) if self.horizontal else slice(None)  # the first row on top
        self.categories = list(categories)
        self.sets = {name: [float(v) for v in values] for name, values, _c in sets}
        series = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        for name, values, colour in sets:
            bars = QBarSet(name)
            bars.append([float(v) for v in values][order])
            bars.setColor(QColor(colour))
            series.append(bars)
        chart.addSeries(series)
        chart.legend().setVisible(len(sets) > 1)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        axis = QBarCategoryAxis()
        axis.append(self.categories[order])  # categories must differ: equal labels are merged into one
        axis.setTruncateLabels(False)  # district names are short; "…" told nothing
        scale = QValueAxis()
        scale.setRange(0, max([v for vs in self.sets.values() for v in vs] + [1.0]) * 1.1)
        scale.applyNiceNumbers()
        scale.setLabelFormat("%.0f")
        sides = ((Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom) if self.horizontal
                 else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft))  # fmt: skip
        chart.addAxis(axis, sides[0])
        chart.addAxis(scale, sides[1])
        series.attachAxis(axis)
        series.attachAxis(scale)


def last_months(latest: str | None, count: int = 12) -> list[str]:
    """The `count` months ending with `latest` ("YYYY-MM"), oldest first (month labels stay unique)."""
    if latest is None:
        return []
    year, month = int(latest[:4]), int(latest[5:])
    out = []
    for _ in range(count):
        out.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def short_district(code: str) -> str:
    """A district's name short enough for a chart's axis (鼓楼区 → 鼓楼, 徐州经济技术开发区 → 经开区)."""
    name = core.district(code)
    if name.endswith("经济技术开发区"):
        return "经开区"
    return name[:-1] if len(name) == 3 and name[-1] in "区县市" else name


class AnalyticsCharts(QWidget):
    """Four charts in a 2×2 grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.turnout = BarChart("chart_turnout")
        self.match_rate = BarChart("chart_match_rate")
        self.demand = BarChart("chart_demand")
        self.balance = BarChart("chart_balance")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, chart in enumerate((self.turnout, self.match_rate, self.demand, self.balance)):
            grid.addWidget(chart, i // 2, i % 2)

    def show_info(self, info: AnalyticsInfo) -> None:
        months: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for e in info.events:
            cell = months[f"{e.event_date.year}-{e.event_date.month:02d}"]
            cell[0] += e.came
            cell[1] += e.no_shows
        keys = last_months(max(months) if months else None)
        self.turnout.show_bars(self.tr("Turnout by month (12 months)"), [report_words.month_short(k) for k in keys], [
            (self.tr("Came"), [months[k][0] if k in months else 0 for k in keys], BLUE),
            (self.tr("No-shows"), [months[k][1] if k in months else 0 for k in keys], ORANGE)])  # fmt: skip
        kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for e in info.events:
            kinds[e.kind][0] += e.mutual
            kinds[e.kind][1] += e.came
        order = sorted(kinds)
        self.match_rate.show_bars(self.tr("Mutual matches per 10 people who came, by format"),
                                  [event_labels.kind(k) for k in order],
                                  [(self.tr("Mutual matches per 10"),
                                    [round(10 * kinds[k][0] / kinds[k][1], 1) if kinds[k][1] else 0 for k in order],
                                    GREEN)])  # fmt: skip
        bands = [r for r in info.demand if r.dimension == "age_band"]
        self.demand.show_bars(self.tr("Demand against supply by age band"), [words.band(r.key) for r in bands], [
            (self.tr("Sign-ups (last year)"), [r.sign_ups for r in bands], BLUE),
            (self.tr("Members in the pool"), [r.pool for r in bands], GREEN)])  # fmt: skip
        by_district: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for cell in info.pool:
            by_district[cell.district_code][cell.sex - 1 if cell.sex in (1, 2) else 0] += cell.people
        districts = sorted(by_district, key=lambda d: -sum(by_district[d]))
        self.balance.show_bars(self.tr("The pool by district (ages 22–45)"), [short_district(d) for d in districts], [
            (core.sex(1), [by_district[d][0] for d in districts], BLUE),
            (core.sex(2), [by_district[d][1] for d in districts], RED)])  # fmt: skip
