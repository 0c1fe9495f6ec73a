"""After the event: the summary (attendance, no-shows, walk-ins, cards, matches by sex and age
band), the mutual matches, private result slips, and the office's steps: case files for
walk-ins and attendance, then introductions in both case files.

Attendance and matches agree: only people present count (a card of someone with no check-in is
kept aside until staff confirm they were there, on the 心动卡 tab). An introduction the rules
refuse is listed with the member concerned (number plate and masked name), the reason in words
and what to do, and the member's case file opens from the list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.checkin import cards, matches
from xzdesk.domain.checkin.dto import (
    CardOwnerInfo,
    EventSummaryInfo,
    IntroductionProblemRow,
    IntroductionsResultInfo,
    ProblemRow,
    ReconcileInfo,
)
from xzdesk.domain.checkin.queries import event_code, pending_walk_ins
from xzdesk.domain.checkin.service import reconcile_event
from xzdesk.domain.errors import XzError
from xzdesk.domain.printing import PrintReportInfo
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui.checkin import messages as words
from xzdesk.ui.checkin.scan_panel import selected_item
from xzdesk.ui.messages import describe, show_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.saved import announce_saved, prints_folder
from xzdesk.ui.table_model import setup_table


def _item(text: str, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _empty_state(table: QTableWidget, text: str) -> tuple[QStackedWidget, QLabel]:
    """A table that shows `text` instead of an empty grid (see `_show_rows`)."""
    note = QLabel(text)
    note.setWordWrap(True)
    note.setAlignment(Qt.AlignmentFlag.AlignCenter)
    note.setStyleSheet("color: #607d8b; padding: 12px;")
    stack = QStackedWidget()
    stack.addWidget(note)
    stack.addWidget(table)
    return stack, note


def _show_rows(stack: QStackedWidget, rows: int) -> None:
    stack.setCurrentIndex(1 if rows else 0)


class AfterPanel(QWidget):
    """See module docstring. `sig_open_case_file(member_id, member_no)` asks the window for a case
    file."""

    sig_open_case_file = Signal(str, str)

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.event_id: str | None = None
        self.summary: EventSummaryInfo | None = None
        self.last_report: PrintReportInfo | None = None
        self.slips_path: Path | None = None
        self.problems: tuple[IntroductionProblemRow, ...] = ()

        self.table = QTableWidget(0, 8)
        self.table.setObjectName("summary_table")
        self.table.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Expected"), self.tr("Present"),
                                              self.tr("Attendance"), self.tr("No-shows"), self.tr("Walk-ins"),
                                              self.tr("Cards counted"), self.tr("With a match")])  # fmt: skip
        setup_table(self.table)
        self.totals = QLabel()
        self.totals.setObjectName("summary_totals")
        self.totals.setWordWrap(True)
        self.aside_note = QLabel()
        self.aside_note.setObjectName("cards_aside_note")
        self.aside_note.setWordWrap(True)
        self.aside_note.setStyleSheet("color: #e65100;")
        self.pairs = QTableWidget(0, 2)
        self.pairs.setObjectName("mutual_pairs")
        self.pairs.setHorizontalHeaderLabels([self.tr("Man"), self.tr("Woman")])
        setup_table(self.pairs)
        self.pairs_stack, self.pairs_empty = _empty_state(self.pairs, "")
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
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_table = QTableWidget(0, 4)
        self.problem_table.setObjectName("introduction_problems")
        self.problem_table.setHorizontalHeaderLabels([self.tr("Pair"), self.tr("Member"), self.tr("Why not"),
                                                      self.tr("What to do")])  # fmt: skip
        setup_table(self.problem_table)
        self.problem_table.setWordWrap(True)
        header = self.problem_table.horizontalHeader()
        for column in (2, 3):  # long sentences wrap inside the window instead of widening it
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.problem_table.itemSelectionChanged.connect(self._on_problem_selected)
        self.problem_table.itemDoubleClicked.connect(lambda _i: self._on_open_case_file())
        self.open_button = QPushButton(self.tr("Open case file"))
        self.open_button.setObjectName("open_case_file")
        self.open_button.setToolTip(self.tr("Open the case file of the member in the selected row (or double-click "
                                            "the row)."))  # fmt: skip
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._on_open_case_file)
        self.problems_box = QGroupBox(self.tr("Introductions not created"))
        self.problems_box.setObjectName("problems_box")
        pl = QVBoxLayout(self.problems_box)
        pl.addWidget(self.problem_table, 1)
        open_row = QHBoxLayout()
        open_row.addStretch(1)
        open_row.addWidget(self.open_button)
        pl.addLayout(open_row)
        self.problems_box.hide()

        office = QGroupBox(self.tr("At the office"))
        ol = QVBoxLayout(office)
        ol.addWidget(self.reconcile_button)
        ol.addWidget(self.intro_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.slips_button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Mutual matches")))
        right.addWidget(self.pairs_stack, 1)
        right.addLayout(buttons)
        right.addWidget(office)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Event summary (only people present count)")))
        left.addWidget(self.table, 1)
        left.addWidget(self.totals)
        left.addWidget(self.aside_note)
        row = QHBoxLayout()
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 3)
        layout.addWidget(self.outcome)
        layout.addWidget(self.problems_box, 2)
        self.apply_permissions()

    def apply_permissions(self) -> None:
        actor = self.ctx.actor
        present = bool(self.summary and self.summary.total.arrived)
        self.slips_button.setEnabled(bool(actor and actor.can(Permission.CHECKIN)) and present)
        self.slips_button.setToolTip("" if present else self.tr("Nobody is checked in yet: there is no slip to print."))
        office = bool(actor and actor.can(Permission.EVENTS_MANAGE) and actor.can(Permission.MEMBERS_EDIT))
        self.reconcile_button.setEnabled(office)
        self.intro_button.setEnabled(office)
        self._on_problem_selected()

    def set_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        self.outcome.clear()
        self._show_problems(())
        self.refresh()

    def refresh(self) -> None:
        self.table.setRowCount(0)
        self.pairs.setRowCount(0)
        self.totals.clear()
        self.aside_note.clear()
        self.summary = None
        event_id, peek = self.event_id, self.ops.peek
        if not event_id or peek(event_code, event_id=event_id) is None:
            self._show_pairs_empty()
            self.apply_permissions()
            return
        self.summary = summary = peek(matches.event_summary, event_id=event_id)
        pairs = peek(matches.mutual_matches, event_id=event_id)
        waiting = peek(pending_walk_ins, event_id=event_id)
        aside = peek(cards.cards_aside, event_id=event_id) if summary.cards_aside else []
        rows = [summary.total, *summary.by_sex, *summary.by_age_band]
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            rate = "" if r.attendance_rate is None else f"{r.attendance_rate:.0%}"
            values = [words.summary_group(r.group), r.expected, r.arrived, rate, r.no_shows, r.walk_ins, r.cards, r.matched]
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(str(value)))
        self.pairs.setRowCount(len(pairs))
        for i, p in enumerate(pairs):
            self.pairs.setItem(i, 0, _item(f"{p.a_plate} {p.a_name}".strip()))
            self.pairs.setItem(i, 1, _item(f"{p.b_plate} {p.b_name}".strip()))
        self._show_pairs_empty(len(pairs))
        self.totals.setText(self.tr("Mutual pairs: {pairs} · duplicate scans: {dups} · refused scans: {refused} · "
                                    "walk-ins without a case file: {waiting}").format(
            pairs=summary.mutual_pairs, dups=summary.duplicates, refused=summary.refused_scans, waiting=waiting))  # fmt: skip
        self.aside_note.setText(self._aside_text(aside))
        self.apply_permissions()

    def _aside_text(self, aside: list[CardOwnerInfo]) -> str:
        """What to do about the cards kept aside: attendance can be confirmed only where the
        registration holds a place; a cancelled, pending or waiting-list one needs the organiser."""
        confirmable = [o.plate for o in aside if o.confirmable]
        blocked = [o.plate for o in aside if not o.confirmable]
        lines = []
        if confirmable:
            lines.append(self.tr("{n} interest cards are kept aside: their owners ({plates}) have no check-in. They "
                                 "count once you confirm attendance on the Interest cards tab.").format(
                n=len(confirmable), plates="、".join(confirmable)))  # fmt: skip
        if blocked:
            lines.append(self.tr("{n} interest cards belong to registrations that hold no place ({plates}: cancelled, "
                                 "pending or on the waiting list): they do not count unless the organiser approves the "
                                 "registration under Events.").format(n=len(blocked), plates="、".join(blocked)))  # fmt: skip
        return "\n".join(lines)

    def _show_pairs_empty(self, rows: int = 0) -> None:
        summary = self.summary
        if summary is None:
            text = self.tr("Choose the event.")
        elif summary.total.arrived == 0:
            text = self.tr("Nobody is checked in for this event yet, so there are no matches. Check people in on "
                           "the Check-in tab (or confirm attendance on the Interest cards tab).")  # fmt: skip
        elif summary.total.cards == 0:
            text = self.tr("No interest cards counted yet: enter them on the Interest cards tab.")
        else:
            text = self.tr("No mutual matches: nobody ticked someone who ticked them back.")
        self.pairs_empty.setText(text)
        _show_rows(self.pairs_stack, rows)

    # --- office steps -----------------------------------------------------------------------
    def _problems_text(self, problems: tuple[ProblemRow, ...]) -> str:
        return "\n".join(f"{'/'.join(p.plates)}: {describe(XzError(p.code, **p.params))}" for p in problems)

    def _on_reconcile(self) -> None:
        event_id = self.event_id
        if not event_id:
            return
        self.ops.run(lambda uow, _p, _c: reconcile_event(uow, event_id=event_id), on_done=self._on_reconciled,
                     on_error=lambda e: show_error(self, e), title=self.tr("Updating the case files"), parent=self)  # fmt: skip

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
                     on_done=self._on_introduced, on_error=lambda e: show_error(self, e),
                     title=self.tr("Creating introductions"), parent=self)  # fmt: skip

    def _on_introduced(self, info: IntroductionsResultInfo) -> None:
        text = self.tr("Introductions created: {created} (already there: {existing}).").format(
            created=info.created, existing=info.existing)  # fmt: skip
        if info.problems:
            pairs = len({p.plates for p in info.problems})
            text += " " + self.tr("{n} pairs were not introduced: see why below, fix it and press the button "
                                  "again.").format(n=pairs)  # fmt: skip
        self.outcome.setText(text)
        self._show_problems(info.problems)

    def _show_problems(self, problems: tuple[IntroductionProblemRow, ...]) -> None:
        self.problems = problems
        self.problem_table.setRowCount(len(problems))
        for i, p in enumerate(problems):
            who = f"{p.person.plate} {p.person.name_masked}".strip() if p.person else self.tr("both")
            member_id = p.person.member_id if p.person else None
            why, todo = words.introduction_problem(p.code, p.params)
            for j, text in enumerate((" × ".join(p.plates), who, why, todo)):
                self.problem_table.setItem(i, j, _item(text, member_id))
        self.problem_table.resizeRowsToContents()
        self.problems_box.setVisible(bool(problems))
        first = next((i for i, p in enumerate(problems) if p.person and p.person.member_id), None)
        if first is not None:  # ready for "Open case file" with no extra click
            self.problem_table.selectRow(first)
        self._on_problem_selected()

    def selected_problem(self) -> IntroductionProblemRow | None:
        return selected_item(self.problem_table, self.problems)

    def _on_problem_selected(self) -> None:
        p = self.selected_problem()
        actor = self.ctx.actor
        can_view = bool(actor and actor.can(Permission.MEMBERS_VIEW))
        self.open_button.setEnabled(bool(p and p.person and p.person.member_id) and can_view)

    def _on_open_case_file(self) -> None:
        p = self.selected_problem()
        if p is not None and p.person is not None and p.person.member_id and self.open_button.isEnabled():
            self.sig_open_case_file.emit(p.person.member_id, p.person.member_no or "")

    # --- result slips -----------------------------------------------------------------------
    def _on_print_slips(self) -> None:
        event_id = self.event_id
        if not event_id:
            return
        code = self.ops.peek(event_code, event_id=event_id) or "EVENT"
        default = prints_folder(self.ctx) / self.tr("result-slips-{code}.pdf").format(code=code)
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the result slips"), str(default),
                                                      self.tr("PDF document (*.pdf)"))  # fmt: skip
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
        self.ops.run(lambda uow, p, c: matches.print_result_slips_for_event(uow, event_id=event_id, out=path,
                                                                             progress=p, cancel=c),
                     on_done=lambda report: self._on_printed(path, report), on_error=lambda e: show_error(self, e),
                     title=self.tr("Printing result slips"), parent=self)  # fmt: skip

    def _on_printed(self, path: Path, report: PrintReportInfo) -> None:
        self.slips_path, self.last_report = path, report
        summary = self.tr("{n} result slips on {pages} pages, in number order, two to a sheet: cut along the "
                          "dashed line and hand each one to its owner in private.").format(
            n=report.items, pages=report.pages)  # fmt: skip
        self.outcome.setText(self.tr("{summary} Saved to: {path}").format(summary=summary, path=path))
        announce_saved(self, path, title=self.tr("Result slips"), summary=summary)
