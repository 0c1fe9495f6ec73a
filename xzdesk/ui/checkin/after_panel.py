"""After the event: the summary (attendance, no-shows, walk-ins, cards, matches by sex and age
band), the mutual matches, private result slips, and the office's steps: case files for
walk-ins and attendance, then introductions in both case files."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.checkin import matches
from xzdesk.domain.checkin.dto import EventSummaryInfo, IntroductionsResultInfo, ProblemRow, ReconcileInfo
from xzdesk.domain.checkin.queries import pending_walk_ins
from xzdesk.domain.checkin.service import reconcile_event
from xzdesk.domain.errors import XzError
from xzdesk.domain.events.models import Event
from xzdesk.domain.printing import PrintReportInfo
from xzdesk.domain.staff.models import Permission
from xzdesk.ui.checkin import messages as words
from xzdesk.ui.checkin.scan_panel import _table_style
from xzdesk.ui.messages import describe
from xzdesk.ui.ops import Ops
from xzdesk.ui.saved import open_path, prints_folder


class AfterPanel(QWidget):
    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.event_id: str | None = None
        self.summary: EventSummaryInfo | None = None
        self.last_report: object | None = None
        self.slips_path = None

        self.table = QTableWidget(0, 8)
        self.table.setObjectName("summary_table")
        self.table.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Expected"), self.tr("Arrived"),
                                              self.tr("Attendance"), self.tr("No-shows"), self.tr("Walk-ins"),
                                              self.tr("Cards"), self.tr("With a match")])  # fmt: skip
        _table_style(self.table)
        self.totals = QLabel()
        self.totals.setObjectName("summary_totals")
        self.pairs = QTableWidget(0, 2)
        self.pairs.setObjectName("mutual_pairs")
        self.pairs.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Number")])
        _table_style(self.pairs)
        self.slips_button = QPushButton(self.tr("Print result slips…"))
        self.slips_button.setObjectName("print_slips")
        self.slips_button.clicked.connect(self._on_print_slips)
        self.reconcile_button = QPushButton(self.tr("Create walk-ins' case files and record attendance"))
        self.reconcile_button.setObjectName("reconcile")
        self.reconcile_button.clicked.connect(self._on_reconcile)
        self.intro_button = QPushButton(self.tr("Create introductions for mutual matches"))
        self.intro_button.setObjectName("introductions")
        self.intro_button.clicked.connect(self._on_introductions)
        self.outcome = QLabel()
        self.outcome.setObjectName("after_outcome")
        self.outcome.setWordWrap(True)

        office = QGroupBox(self.tr("At the office"))
        ol = QVBoxLayout(office)
        ol.addWidget(self.reconcile_button)
        ol.addWidget(self.intro_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.slips_button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Mutual matches")))
        right.addWidget(self.pairs, 1)
        right.addLayout(buttons)
        right.addWidget(office)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Event summary")))
        left.addWidget(self.table, 1)
        left.addWidget(self.totals)
        row = QHBoxLayout()
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.outcome)
        self.apply_permissions()

    def apply_permissions(self) -> None:
        actor = self.ctx.actor
        self.slips_button.setEnabled(bool(actor and actor.can(Permission.CHECKIN)))
        office = bool(actor and actor.can(Permission.EVENTS_MANAGE) and actor.can(Permission.MEMBERS_EDIT))
        self.reconcile_button.setEnabled(office)
        self.intro_button.setEnabled(office)

    def set_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        self.outcome.clear()
        self.refresh()

    def refresh(self) -> None:
        self.table.setRowCount(0)
        self.pairs.setRowCount(0)
        self.totals.clear()
        if not self.event_id:
            return
        with self.ctx.store.read() as s:
            if s.get(Event, self.event_id) is None:
                return
            self.summary = summary = matches.event_summary(s, event_id=self.event_id)
            pairs = matches.mutual_matches(s, event_id=self.event_id)
            waiting = pending_walk_ins(s, event_id=self.event_id)
        rows = [summary.total, *summary.by_sex, *summary.by_age_band]
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            rate = "" if r.attendance_rate is None else f"{r.attendance_rate:.0%}"
            values = [words.summary_group(r.group), r.expected, r.arrived, rate, r.no_shows, r.walk_ins, r.cards, r.matched]
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(str(value)))
        self.pairs.setRowCount(len(pairs))
        for i, p in enumerate(pairs):
            self.pairs.setItem(i, 0, QTableWidgetItem(p.a_plate))
            self.pairs.setItem(i, 1, QTableWidgetItem(p.b_plate))
        self.totals.setText(self.tr("Mutual pairs: {pairs} · duplicate scans: {dups} · refused scans: {refused} · "
                                    "walk-ins without a case file: {waiting}").format(
            pairs=summary.mutual_pairs, dups=summary.duplicates, refused=summary.refused_scans, waiting=waiting))  # fmt: skip

    # --- actions ------------------------------------------------------------------------------
    def _problems_text(self, problems: tuple[ProblemRow, ...]) -> str:
        lines = []
        for p in problems:
            lines.append(f"{'/'.join(p.plates)}: {describe(XzError(p.code, **p.params))}")
        return "\n".join(lines)

    def _on_reconcile(self) -> None:
        event_id = self.event_id
        if not event_id:
            return
        self.ops.run(lambda uow, _p, _c: reconcile_event(uow, event_id=event_id), on_done=self._on_reconciled,
                     title=self.tr("Updating the case files"), parent=self)  # fmt: skip

    def _on_reconciled(self, info: ReconcileInfo) -> None:
        text = self.tr("Case files created: {created}, linked to existing ones: {linked}, marked attended: {attended}.").format(
            created=info.created, linked=info.linked, attended=info.attended)  # fmt: skip
        if info.problems:
            text += "\n" + self.tr("Left for you to check:") + "\n" + self._problems_text(info.problems)
        self.outcome.setText(text)
        self.refresh()

    def _on_introductions(self) -> None:
        event_id = self.event_id
        if not event_id:
            return
        self.ops.run(lambda uow, _p, _c: matches.create_event_introductions(uow, event_id=event_id),
                     on_done=self._on_introduced, title=self.tr("Creating introductions"), parent=self)  # fmt: skip

    def _on_introduced(self, info: IntroductionsResultInfo) -> None:
        text = self.tr("Introductions created: {created} (already there: {existing}).").format(
            created=info.created, existing=info.existing)  # fmt: skip
        if info.problems:
            text += "\n" + self.tr("Not created:") + "\n" + self._problems_text(info.problems)
        self.outcome.setText(text)

    def _on_print_slips(self) -> None:
        event_id = self.event_id
        if not event_id:
            return
        with self.ctx.store.read() as s:
            event = s.get(Event, event_id)
            code = event.code if event else "EVENT"
        path = prints_folder(self.ctx) / f"result-slips-{code}.pdf"
        answer = QMessageBox.question(self, self.tr("Result slips"),
                                      self.tr("Each slip shows one person's mutual matches (numbers and nicknames "
                                              "only). Print them and hand each one over privately?"))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.run(lambda uow, p, c: matches.print_result_slips_for_event(uow, event_id=event_id, out=path,
                                                                             progress=p, cancel=c),
                     on_done=lambda report: self._on_printed(path, report), title=self.tr("Printing result slips"),
                     parent=self)  # fmt: skip

    def _on_printed(self, path, report: PrintReportInfo) -> None:  # type: ignore[no-untyped-def]
        self.slips_path = path
        self.last_report = report
        self.outcome.setText(self.tr("{n} result slips on {pages} pages.").format(n=report.items, pages=report.pages))
        open_path(path)
