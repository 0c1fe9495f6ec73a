"""活动分析: what past events brought, demand, the pool's balance, members not offered an event
for months (masked; a double click opens the case file) and the charts. Read on a reader thread
(`ops.run(..., mode="read")`) with progress; the figures are the union's own working figures."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.analytics.codes import Dimension
from xzdesk.domain.analytics.dto import AnalyticsInfo, EventOutcomeRow, PoolCellRow
from xzdesk.domain.analytics.export import AnalyticsExportInfo, export_analytics
from xzdesk.domain.analytics.queries import event_analytics
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui import labels as core
from xzdesk.ui.events import labels as event_labels
from xzdesk.ui.messages import show_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.reports import analytics_words as words
from xzdesk.ui.reports.analytics_charts import AnalyticsCharts
from xzdesk.ui.reports.models import RowsTableModel, alive, error_reporter
from xzdesk.ui.saved import announce_saved
from xzdesk.ui.table_model import setup_table

SHORT_COLOUR = "#b03030"


def table_of(model: RowsTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    setup_table(view)
    return view


def _event_cells(e: EventOutcomeRow) -> list[str]:
    where = core.district(e.district_code) if e.district_code else QCoreApplication.translate("Analytics", "Citywide")
    return [e.event_date.isoformat(), e.name, event_labels.kind(e.kind), where,
            *(str(v) for v in (e.invited, e.online, e.walk_ins, e.approved, e.waitlisted, e.came, e.no_shows,
                               e.cards, e.mutual, e.introductions, e.dating))]  # fmt: skip


class AnalyticsPanel(QWidget):
    sig_shown = Signal(object)  # AnalyticsInfo
    sig_exported = Signal(object)  # Path

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.info: AnalyticsInfo | None = None
        self._generation = 0
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("analytics_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export xlsx…"))
        self.export_button.setObjectName("analytics_export")
        self.export_button.setToolTip(self.tr("Aggregates only, small counts of people hidden: fit to leave the union."))
        self.export_button.clicked.connect(self._on_export)
        self.status = QLabel()
        self.status.setObjectName("analytics_status")
        self.status.setWordWrap(True)
        self.events_model = RowsTableModel([
            self.tr("Date"), self.tr("Event"), self.tr("Format"), self.tr("District"), self.tr("Invited"),
            self.tr("Online sign-ups"), self.tr("Walk-ins"), self.tr("Approved"), self.tr("Waiting list"),
            self.tr("Came"), self.tr("No-shows"), self.tr("Interest cards"), self.tr("Mutual matches"),
            self.tr("Introductions"), self.tr("Dating pairs")], self)  # fmt: skip
        self.demand_model = RowsTableModel([], self)
        self.pool_model = RowsTableModel([
            self.tr("District"), self.tr("Sex"), self.tr("Age"), self.tr("People"),
            self.tr("Fitting people of the other sex"), self.tr("Each one faces"), self.tr("Partners per person")], self)  # fmt: skip
        self.waiting_model = RowsTableModel([
            self.tr("Member no."), self.tr("Name"), self.tr("Sex"), self.tr("Age"), self.tr("District"),
            self.tr("Sector"), self.tr("Last offered an event")], self)  # fmt: skip
        self.dimension = QComboBox()
        self.dimension.setObjectName("demand_dimension")
        for d in Dimension:
            self.dimension.addItem(words.dimension(d.value), d.value)
        self.dimension.currentIndexChanged.connect(lambda _i: self._fill_demand())
        self.charts = AnalyticsCharts(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("analytics_tabs")
        self.tabs.addTab(table_of(self.events_model, "analytics_events"), self.tr("Past events"))
        self.tabs.addTab(self._demand_tab(), self.tr("Demand"))
        self.tabs.addTab(table_of(self.pool_model, "analytics_pool"), self.tr("Pool balance"))
        self.tabs.addTab(self._waiting_tab(), self.tr("Not served"))
        self.tabs.addTab(self.charts, self.tr("Charts"))
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

    def _demand_tab(self) -> QWidget:
        tab = QWidget()
        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Demand by")))
        picker.addWidget(self.dimension)
        picker.addStretch(1)
        note = QLabel(self.tr("Sign-ups and waiting lists of the last 12 months; online interest is sign-ups "
                              "from the member app and “想认识” requests; the pool is the members who can take part now."))  # fmt: skip
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(tab)
        layout.addLayout(picker)
        layout.addWidget(table_of(self.demand_model, "analytics_demand"), 1)
        layout.addWidget(note)
        return tab

    def _waiting_tab(self) -> QWidget:
        tab = QWidget()
        self.waiting_view = table_of(self.waiting_model, "analytics_waiting")
        self.waiting_view.doubleClicked.connect(lambda index: self.open_case_file(index.row()))
        self.open_button = QPushButton(self.tr("Open case file"))
        self.open_button.setObjectName("analytics_open_case")
        self.open_button.clicked.connect(lambda: self.open_case_file(self.waiting_view.currentIndex().row()))
        self.waiting_note = QLabel()
        self.waiting_note.setObjectName("analytics_waiting_note")
        self.waiting_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.waiting_note, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.waiting_view, 1)
        layout.addLayout(row)
        return tab

    # --- reading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._generation += 1
        generation, actor = self._generation, self.ctx.actor
        self.status.setText(self.tr("Counting…"))
        self.ops.run(
            lambda session, progress, cancel: event_analytics(session, actor=actor, now=datetime.now(CHINA_TZ),
                                                              progress=progress, cancel=cancel),
            on_done=alive(self, lambda info: self._on_info(info, generation)),
            on_error=alive(self, self._on_error, otherwise=error_reporter(self)),
            mode="read", title=self.tr("Counting"), parent=self,
        )  # fmt: skip

    def _on_error(self, exc: BaseException) -> None:
        self.status.setText("")
        show_error(self, exc)

    def _on_info(self, info: AnalyticsInfo, generation: int) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self.info = info
        self.events_model.set_rows([_event_cells(e) for e in info.events], keys=[e.event_id for e in info.events])
        self._fill_demand()
        self.pool_model.set_rows([
            [core.district(c.district_code), core.sex(c.sex), words.band(c.band), str(c.people), str(c.partners),
             f"{c.per_person:.1f}", self.balance_text(c)]
            for c in info.pool], colours=[SHORT_COLOUR if c.short else None for c in info.pool])  # fmt: skip
        self.waiting_model.set_rows([
            [r.member_no, r.name_masked, core.sex(r.sex), str(r.age), core.district(r.district_code),
             core.sector(r.sector), r.last_offered.isoformat() if r.last_offered else self.tr("Never")]
            for r in info.not_served], keys=[(r.member_id, r.member_no) for r in info.not_served])  # fmt: skip
        self.waiting_note.setText(self.tr(
            "{total} members who can take part have not been offered an event for {months} months; the {shown} "
            "who waited longest are listed. Double-click a row to open the case file.").format(
            total=info.not_served_total, months=info.not_served_days // 30, shown=len(info.not_served)))  # fmt: skip
        self.open_button.setEnabled(bool(info.not_served))
        self.charts.show_info(info)
        short = sum(1 for c in info.pool if c.short)
        self.status.setText(self.tr(
            "{events} past events, {pool} members in the pool, {short} groups short of partners, {waiting} not "
            "served for {months} months.").format(events=len(info.events), pool=info.pool_size, short=short,
                                                  waiting=info.not_served_total, months=info.not_served_days // 30))  # fmt: skip
        self.sig_shown.emit(info)

    def balance_text(self, cell: PoolCellRow) -> str:
        ratio = self.tr("{ratio} per person").format(ratio=f"{cell.ratio:.2f}")
        return self.tr("{ratio}: short of partners").format(ratio=ratio) if cell.short else ratio

    def _fill_demand(self) -> None:
        if self.info is None:
            return
        code = self.dimension.currentData()
        rows = [r for r in self.info.demand if r.dimension == code]
        self.demand_model.set_rows(
            [[words.demand_key(code, r.key), str(r.sign_ups), str(r.waitlisted), str(r.online), str(r.pool),
              f"{r.per_100:.0f}"] for r in rows],
            headers=[words.dimension(code), self.tr("Sign-ups"), self.tr("Waiting list"), self.tr("Online interest"),
                     self.tr("In the pool"), self.tr("Sign-ups per 100 in the pool")],
        )  # fmt: skip

    # --- export ---------------------------------------------------------------------------------
    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export event analytics"), "event-analytics.xlsx",
                                              self.tr("Excel workbook (*.xlsx)"))  # fmt: skip
        if path:
            self.export(Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx"))

    def export(self, target: Path) -> None:
        self.ops.run(
            lambda uow, progress, cancel: export_analytics(uow, path=target, progress=progress, cancel=cancel),
            on_done=alive(self, self._on_exported), on_error=alive(self, self._on_error, otherwise=error_reporter(self)),
            title=self.tr("Writing the analytics"), parent=self,
        )  # fmt: skip

    def _on_exported(self, info: AnalyticsExportInfo) -> None:
        self.sig_exported.emit(info.path)
        announce_saved(self, info.path, title=self.tr("Event analytics exported"), summary=self.tr(
            "{n} past events, demand and the pool's balance; small counts of people hidden.").format(n=info.events))

    def open_case_file(self, row: int) -> None:
        key = self.waiting_model.key_at(row)
        show_page = getattr(self.window(), "show_page", None)
        if key is not None and show_page is not None:
            show_page("members").open_case_file(key[0], key[1])
