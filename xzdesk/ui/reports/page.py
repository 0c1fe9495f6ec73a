"""报表: statistics for the federation, event analytics (活动分析) and scheduling suggestions
(排期建议), members' rights requests (privacy officer), the retention
review queue (matchmaker) and the audit-log viewer (auditor). Each part is shown to the roles
allowed to use it; the others see why it is closed to them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui.ops import Ops
from xzdesk.ui.reports import messages as _messages  # noqa: F401 - registers the area's error texts
from xzdesk.ui.reports.analytics_panel import AnalyticsPanel
from xzdesk.ui.reports.audit_panel import AuditPanel
from xzdesk.ui.reports.retention_panel import RetentionPanel
from xzdesk.ui.reports.rights_panel import RightsPanel
from xzdesk.ui.reports.schedule_panel import SchedulePanel
from xzdesk.ui.reports.stats_panel import StatisticsPanel

# What the statistics are counted from: a report on screen is stale once any of them changed.
STATISTICS_INPUTS = (Area.EVENTS, Area.MEMBERS, Area.INTRODUCTIONS, Area.CHECKIN, Area.REPORTS)

TABS = ("stats", "analytics", "schedule", "rights", "retention", "audit")


class ReportsPage(QWidget):
    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reports_tabs")
        self.stats: StatisticsPanel | None = None
        self.analytics: AnalyticsPanel | None = None
        self.schedule: SchedulePanel | None = None
        self.rights: RightsPanel | None = None
        self.retention: RetentionPanel | None = None
        self.audit: AuditPanel | None = None
        self._shown = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        self._build()
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())

    def _closed(self, text: str) -> QWidget:
        label = QLabel(text)
        label.setObjectName("closed_to_role")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def _build(self) -> None:
        """(Re)build the tabs for the current user's role."""
        index = self.tabs.currentIndex()
        self.tabs.blockSignals(True)  # removing tabs must not refresh the old panels as the new user
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        actor = self.ctx.actor
        can = actor.can if actor else (lambda _p: False)
        self.stats = StatisticsPanel(self.ctx, self.ops, self) if can(Permission.REPORTS_AGGREGATE) else None
        self.analytics = AnalyticsPanel(self.ctx, self.ops, self) if can(Permission.REPORTS_AGGREGATE) else None
        self.schedule = SchedulePanel(self.ctx, self.ops, self) if can(Permission.REPORTS_AGGREGATE) else None
        self.rights = RightsPanel(self.ctx, self.ops, self) if can(Permission.RIGHTS_REQUESTS) else None
        self.retention = RetentionPanel(self.ctx, self.ops, self) if can(Permission.MEMBERS_EDIT) else None
        self.audit = AuditPanel(self.ctx, self.ops, self) if can(Permission.AUDIT_READ) else None
        self.tabs.addTab(self.stats or self._closed(self.tr(
            "Statistics are for matchmakers and union administrators.")), self.tr("Statistics"))  # fmt: skip
        self.tabs.addTab(self.analytics or self._closed(self.tr(
            "Event analytics are for matchmakers and union administrators.")), self.tr("Event analytics"))  # fmt: skip
        self.tabs.addTab(self.schedule or self._closed(self.tr(
            "Scheduling suggestions are for matchmakers and union administrators.")), self.tr("Scheduling"))  # fmt: skip
        self.tabs.addTab(self.rights or self._closed(self.tr(
            "Rights requests are handled by the privacy officer.")), self.tr("Rights requests"))  # fmt: skip
        self.tabs.addTab(self.retention or self._closed(self.tr(
            "The retention review is done by matchmakers.")), self.tr("Retention review"))  # fmt: skip
        self.tabs.addTab(self.audit or self._closed(self.tr(
            "The audit log is open to auditors and the privacy officer.")), self.tr("Audit log"))  # fmt: skip
        panels = (self.stats, self.analytics, self.schedule, self.rights, self.retention, self.audit)
        for i, panel in enumerate(panels):
            self.tabs.setTabEnabled(i, True)
            if panel is None:
                self.tabs.setTabToolTip(i, self.tr("Not available to your role"))
        first = next((i for i, p in enumerate(panels) if p), 0)
        self.tabs.setCurrentIndex(index if 0 <= index < self.tabs.count() and self._shown else first)
        self.tabs.blockSignals(False)
        if self._shown:
            self._refresh_current()

    def show_tab(self, key: str) -> QWidget:
        self.tabs.setCurrentIndex(TABS.index(key))
        return self.tabs.currentWidget()

    def _refresh_current(self) -> None:
        panel = self.tabs.currentWidget()
        if panel is self.stats and self.stats is not None and self.stats.report is None:
            self.stats.refresh()
        elif panel in (self.analytics, self.schedule) and panel is not None and panel.info is None:  # type: ignore[union-attr]
            panel.refresh()  # type: ignore[union-attr]
        elif panel is self.audit and self.audit is not None:
            self.audit.refresh()
            if self.audit.chain is None:
                self.audit.verify()
        elif panel in (self.rights, self.retention) and panel is not None:
            panel.refresh()  # type: ignore[union-attr]

    def on_shown(self) -> None:
        self._shown = True
        self._refresh_current()

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.ACTOR, Area.STAFF):
            self._build()
            return
        if not self._shown:
            return
        if self.rights is not None and changes.touches(Area.RIGHTS, Area.MEMBERS):
            self.rights.refresh()
        if self.retention is not None and changes.touches(Area.RIGHTS, Area.MEMBERS):
            self.retention.refresh()
        if self.audit is not None and self.tabs.currentWidget() is self.audit:
            self.audit.apply_filter()
        if self.stats is not None and self.stats.report is not None and changes.touches(*STATISTICS_INPUTS):
            self.stats.report = None
        for panel in (self.analytics, self.schedule):
            if panel is not None and changes.touches(*STATISTICS_INPUTS):
                panel.info = None  # counted again when shown next
                if self.tabs.currentWidget() is panel:
                    panel.refresh()
