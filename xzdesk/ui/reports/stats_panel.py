"""Statistics for the federation: period picker, the published (suppressed) tables with charts
beside them, xlsx export; for a union administrator, the internal view with the real figures
(each viewing audited; the export stays the protected federation version)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.reports.codes import PeriodKind
from xzdesk.domain.reports.periods import PeriodInfo, month_period, quarter_period, year_period
from xzdesk.domain.reports.stats import (
    StatsReportInfo,
    export_statistics,
    union_statistics,
    view_internal_statistics,
)
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui.messages import show_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.reports import messages as words
from xzdesk.ui.reports.charts import StatsChartsView
from xzdesk.ui.reports.models import RowsTableModel, alive, error_reporter
from xzdesk.ui.table_model import setup_table


def _table(model: RowsTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    setup_table(view)
    return view


class StatisticsPanel(QWidget):
    sig_report_shown = Signal(object)  # StatsReportInfo
    sig_exported = Signal(object)  # Path

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.report: StatsReportInfo | None = None
        today = datetime.now(CHINA_TZ).date()
        self.kind = QComboBox()
        self.kind.setObjectName("period_kind")
        self.kind.addItem(self.tr("Month"), PeriodKind.MONTH.value)
        self.kind.addItem(self.tr("Quarter"), PeriodKind.QUARTER.value)
        self.kind.addItem(self.tr("Year"), PeriodKind.YEAR.value)
        self.year = QSpinBox()
        self.year.setObjectName("period_year")
        self.year.setRange(2020, 2100)
        self.year.setValue(today.year)
        self.number = QComboBox()
        self.number.setObjectName("period_number")
        self.kind.setCurrentIndex(1)
        self._fill_numbers(default=(today.month - 1) // 3 + 1)
        self.kind.currentIndexChanged.connect(lambda _i: self._fill_numbers(default=1))
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setObjectName("show_stats")
        self.show_button.clicked.connect(self.refresh)
        self.internal = QCheckBox(self.tr("Internal view (real figures)"))
        self.internal.setObjectName("stats_internal")
        self.internal.setToolTip(self.tr(
            "Shows the union's own figures without hiding small numbers. Each viewing is recorded in the "
            "audit log. The exported file is always the protected version for the federation."
        ))  # fmt: skip
        actor = ctx.actor
        self.can_internal = bool(actor and actor.can(Permission.REPORTS_INTERNAL))
        self.internal.setVisible(self.can_internal)
        self.internal.toggled.connect(lambda _on: self.refresh())
        self.banner = QLabel(self.tr(
            "Internal figures, nothing hidden: for use inside the union only. This viewing is recorded in the "
            "audit log. “Export xlsx…” still writes the protected version for the federation."
        ))  # fmt: skip
        self.banner.setObjectName("stats_internal_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3e0; color: #8a4b00; border: 1px solid #f0b870; padding: 4px;")
        self.banner.hide()
        self.export_button = QPushButton(self.tr("Export xlsx…"))
        self.export_button.setObjectName("export_stats")
        self.export_button.setToolTip(self.tr("The federation version: small counts of people hidden."))
        self.export_button.clicked.connect(self._on_export)
        self.export_button.setEnabled(False)
        self.status = QLabel()
        self.status.setObjectName("stats_status")
        self.status.setWordWrap(True)

        self.summary_model = RowsTableModel([self.tr("Measure"), self.tr("Figure")], self)
        self.district_model = RowsTableModel([], self)
        self.month_model = RowsTableModel([], self)
        self.tabs = QTabWidget()
        self.tabs.addTab(_table(self.summary_model, "stats_summary"), self.tr("Summary"))
        self.tabs.addTab(_table(self.district_model, "stats_districts"), self.tr("By district"))
        self.month_view = _table(self.month_model, "stats_months")
        self.tabs.addTab(self.month_view, self.tr("By month"))
        self.charts = StatsChartsView(self)
        self.charts.setObjectName("stats_charts")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("stats_split")
        split.setChildrenCollapsible(False)
        split.addWidget(self.tabs)
        split.addWidget(self.charts)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        note = QLabel(self.tr(
            "Aggregates only. Counts of people from 1 to 4 show as “<5” and zeros as 0; events, base unions "
            "and employers are always shown. “*” hides a further figure (or the total) wherever the totals "
            "would otherwise give a small figure away."
        ))  # fmt: skip
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period")))
        for w in (self.kind, self.year, self.number, self.show_button, self.internal):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        layout.addWidget(note)
        layout.addWidget(self.status)

    def _fill_numbers(self, *, default: int) -> None:
        self.number.clear()
        kind = PeriodKind(self.kind.currentData())
        if kind is PeriodKind.MONTH:
            for m in range(1, 13):
                self.number.addItem(self.tr("Month {n}").format(n=m), m)
        elif kind is PeriodKind.QUARTER:
            for q in range(1, 5):
                self.number.addItem(self.tr("Q{n}").format(n=q), q)
        self.number.setEnabled(kind is not PeriodKind.YEAR)
        self.number.setCurrentIndex(max(0, self.number.findData(default)))

    def period(self) -> PeriodInfo:
        kind = PeriodKind(self.kind.currentData())
        year = self.year.value()
        if kind is PeriodKind.MONTH:
            return month_period(year, int(self.number.currentData()))
        if kind is PeriodKind.QUARTER:
            return quarter_period(year, int(self.number.currentData()))
        return year_period(year)

    def set_period(self, period: PeriodInfo) -> None:
        self.kind.setCurrentIndex(self.kind.findData(period.kind.value))
        self.year.setValue(period.year)
        self._fill_numbers(default=period.number)

    # --- computing ------------------------------------------------------------------------------
    def refresh(self) -> None:
        period, actor = self.period(), self.ctx.actor
        self.status.setText(self.tr("Counting…"))
        if self.can_internal and self.internal.isChecked():
            self.ops.run(
                lambda uow, progress, cancel: view_internal_statistics(uow, period=period, progress=progress,
                                                                       cancel=cancel),
                on_done=alive(self, self._on_report),
                on_error=alive(self, self._on_error, otherwise=error_reporter(self)),
                title=self.tr("Counting"), parent=self,
            )  # fmt: skip
            return
        self.ops.run(
            lambda session, progress, cancel: union_statistics(session, actor=actor, period=period,
                                                               now=datetime.now(CHINA_TZ), progress=progress,
                                                               cancel=cancel),
            on_done=alive(self, self._on_report), on_error=alive(self, self._on_error, otherwise=error_reporter(self)),
            mode="read", title=self.tr("Counting"), parent=self,
        )  # fmt: skip

    def _on_error(self, exc: BaseException) -> None:
        self.status.setText("")
        show_error(self, exc)

    def _on_report(self, report: StatsReportInfo) -> None:
        self.report = report
        dim = set()
        summary_rows = []
        for i, r in enumerate(report.summary):
            summary_rows.append([words.measure(r.key), r.cells[0].text])
            if r.cells[0].value is None:
                dim.add((i, 1))
        self.summary_model.set_rows(summary_rows, keys=[r.key for r in report.summary], dim=dim)
        self._fill(self.district_model, report.by_district, report.district_measures, self.tr("District"))
        self._fill(self.month_model, report.by_month, report.month_measures, self.tr("Month"))
        self.tabs.setTabEnabled(2, bool(report.by_month))
        self.export_button.setEnabled(True)
        self.banner.setVisible(report.internal)
        self.charts.show_report(report)
        note = self.tr("Monthly breakdown withheld for: {measures}.").format(
            measures="、".join(words.measure(m) for m in report.withheld)) if report.withheld else ""  # fmt: skip
        self.status.setText(self.tr("{period}: {n} measures.").format(period=report.period.code, n=len(report.summary))
                            + (" " + note if note else ""))  # fmt: skip
        self.sig_report_shown.emit(report)

    def _fill(self, model: RowsTableModel, rows: Any, measures: tuple[str, ...], first: str) -> None:
        dim = {(i, j + 1) for i, r in enumerate(rows) for j, c in enumerate(r.cells) if c.value is None}
        model.set_rows([[words.row(r.key), *(c.text for c in r.cells)] for r in rows], keys=[r.key for r in rows],
                       dim=dim, headers=[first, *(words.measure(m) for m in measures)])  # fmt: skip

    # --- export ---------------------------------------------------------------------------------
    def _on_export(self) -> None:
        period = self.period()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export statistics"), f"union-stats-{period.code}.xlsx",
                                              self.tr("Excel workbook (*.xlsx)"))  # fmt: skip
        if not path:
            return
        target = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        self.export(target)

    def export(self, target: Path) -> None:
        period = self.period()
        self.ops.run(
            lambda uow, progress, cancel: export_statistics(uow, period=period, path=target, progress=progress,
                                                            cancel=cancel),
            on_done=alive(self, lambda info: self._on_exported(info.path)),
            on_error=alive(self, self._on_error, otherwise=error_reporter(self)),
            title=self.tr("Writing the statistics"), parent=self,
        )  # fmt: skip

    def _on_exported(self, path: Path) -> None:
        self.status.setText(self.tr("Written to {path}").format(path=str(path)))
        self.sig_exported.emit(path)
