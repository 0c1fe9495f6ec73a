"""排期建议: the next events worth holding with their predicted turnout, expected mutual matches
and reasons; the predictor's back-test against the naive rule; one click makes a suggestion a
draft event with its invitations (one unit of work, `analytics.service.create_suggested_event`)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget

from xzdesk.app_context import AppContext
from xzdesk.domain.analytics.dto import BacktestInfo, DraftEventInfo, ErrorInfo, ScheduleInfo, SuggestionInfo
from xzdesk.domain.analytics.service import create_suggested_event
from xzdesk.domain.analytics.suggest import schedule
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui import labels as core
from xzdesk.ui.events import labels as event_labels
from xzdesk.ui.messages import show_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.reports import analytics_words as words
from xzdesk.ui.reports.analytics_panel import table_of
from xzdesk.ui.reports.models import RowsTableModel, alive, error_reporter


def _error_text(e: ErrorInfo | None) -> str:
    if e is None:
        return "–"
    return f"{e.mae:.1f}" + (f" ({e.mape:.0f}%)" if e.mape is not None else "")


class SchedulePanel(QWidget):
    sig_shown = Signal(object)  # ScheduleInfo
    sig_created = Signal(object)  # DraftEventInfo

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.info: ScheduleInfo | None = None
        self._generation = 0
        self.refresh_button = QPushButton(self.tr("Suggest again"))
        self.refresh_button.setObjectName("schedule_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.create_button = QPushButton(self.tr("Create draft event with invitations"))
        self.create_button.setObjectName("schedule_create")
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self._on_create)
        actor = ctx.actor
        self.can_create = bool(actor and actor.can(Permission.EVENTS_MANAGE))
        self.create_button.setVisible(self.can_create)
        self.status = QLabel()
        self.status.setObjectName("schedule_status")
        self.status.setWordWrap(True)
        self.model = RowsTableModel([
            self.tr("Format"), self.tr("Sector"), self.tr("District"), self.tr("Date"), self.tr("Time"),
            self.tr("Ages"), self.tr("Places (men/women)"), self.tr("Venue"), self.tr("Members waiting who fit"),
            self.tr("Predicted turnout"), self.tr("Expected mutual matches")], self)  # fmt: skip
        self.view = table_of(self.model, "schedule_suggestions")
        self.view.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_reasons(current.row()))
        self.reasons = QLabel()
        self.reasons.setObjectName("schedule_reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.backtest_model = RowsTableModel([
            self.tr("Event"), self.tr("Date"), self.tr("Came"), self.tr("Turnout: model"),
            self.tr("Turnout: last of format"), self.tr("Mutual matches"), self.tr("Matches: model"),
            self.tr("Matches: last of format")], self)  # fmt: skip
        self.backtest_note = QLabel()
        self.backtest_note.setObjectName("schedule_backtest_note")
        self.backtest_note.setWordWrap(True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.reasons)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.backtest_note)
        bottom_layout.addWidget(table_of(self.backtest_model, "schedule_backtest"), 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    def refresh(self) -> None:
        self._generation += 1
        generation, actor = self._generation, self.ctx.actor
        self.status.setText(self.tr("Learning from past events…"))
        self.ops.run(
            lambda session, progress, cancel: schedule(session, actor=actor, now=datetime.now(CHINA_TZ),
                                                       progress=progress, cancel=cancel),
            on_done=alive(self, lambda info: self._on_info(info, generation)),
            on_error=alive(self, self._on_error, otherwise=error_reporter(self)),
            mode="read", title=self.tr("Working out suggestions"), parent=self,
        )  # fmt: skip

    def _on_error(self, exc: BaseException) -> None:
        self.status.setText("")
        show_error(self, exc)

    def _cells(self, s: SuggestionInfo) -> list[str]:
        return [event_labels.kind(s.kind), core.sector(s.sector) if s.sector else "", core.district(s.district_code)
                if s.district_code else self.tr("Citywide"), s.event_date.isoformat(),
                f"{words.weekday(s.event_date.weekday())} {s.start_time}",
                self.tr("{lo}–{hi}").format(lo=s.age_min, hi=s.age_max), f"{s.quota_male}/{s.quota_female}", s.venue,
                str(s.audience), f"{s.predicted_turnout:.0f}", f"{s.expected_matches:.1f}"]  # fmt: skip

    def _on_info(self, info: ScheduleInfo, generation: int) -> None:
        if generation != self._generation:
            return
        self.info = info
        self.model.set_rows([self._cells(s) for s in info.suggestions], keys=[s.key for s in info.suggestions])
        self._fill_backtest(info.backtest)
        if info.suggestions:
            self.view.selectRow(0)
        self._show_reasons(0 if info.suggestions else -1)
        self.status.setText(self.tr("{n} suggestions from {events} past events; predicted by: {predictor}.").format(
            n=len(info.suggestions), events=info.history, predictor=words.predictor(info.predictor)) if info.suggestions
            else self.tr("No suggestion: too few past events or members waiting who fit."))  # fmt: skip
        self.sig_shown.emit(info)

    def _fill_backtest(self, test: BacktestInfo) -> None:
        self.backtest_model.set_rows([
            [r.name, r.event_date.isoformat(), str(r.turnout), f"{r.model_turnout:.0f}", f"{r.naive_turnout:.0f}",
             str(r.matches), f"{r.model_matches:.1f}", f"{r.naive_matches:.0f}"] for r in reversed(test.rows)])  # fmt: skip
        if not test.rows:
            self.backtest_note.setText(self.tr("Back-test: not enough past events yet."))
            return
        verdict = (self.tr("The model beats the rule and predicts the suggestions.") if test.model_wins
                   else self.tr("The model does not beat the rule, so the rule predicts the suggestions."))  # fmt: skip
        self.backtest_note.setText(self.tr(
            "Back-test on {n} past events, each predicted from the events before it. Mean error of turnout "
            "(people; in brackets %): model {mt}, “same as the last event of the format” {nt}. Mutual matches: "
            "model {mm}, rule {nm}. {verdict}").format(
            n=len(test.rows), mt=_error_text(test.model_turnout), nt=_error_text(test.naive_turnout),
            mm=_error_text(test.model_matches), nm=_error_text(test.naive_matches), verdict=verdict))  # fmt: skip

    def current(self) -> SuggestionInfo | None:
        row = self.view.currentIndex().row()
        if self.info is None or not 0 <= row < len(self.info.suggestions):
            return None
        return self.info.suggestions[row]

    def _show_reasons(self, row: int) -> None:
        ok = self.info is not None and 0 <= row < len(self.info.suggestions)
        self.create_button.setEnabled(ok and self.can_create)
        if not ok:
            self.reasons.setText("")
            return
        s = self.info.suggestions[row]  # type: ignore[union-attr]
        self.reasons.setText(self.tr("Why:") + "".join(f"\n• {words.reason(r)}" for r in s.reasons))

    def draft_name(self, s: SuggestionInfo) -> str:
        where = core.sector(s.sector) if s.sector else (core.district(s.district_code) if s.district_code else "")
        return self.tr("{where} {kind} ({lo}–{hi})").format(where=where, kind=event_labels.kind(s.kind),
                                                          lo=s.age_min, hi=s.age_max).strip()  # fmt: skip

    def _on_create(self) -> None:
        s = self.current()
        if s is None:
            return
        answer = QMessageBox.question(self, self.tr("Create draft event"), self.tr(
            "Create “{name}” on {day} as a draft and invite up to {n} members who fit and waited longest? The "
            "invitations stay pending until you approve them on the events screen.").format(
            name=self.draft_name(s), day=s.event_date.isoformat(), n=s.quota_male * 6 // 5 + s.quota_female * 6 // 5))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.create(s)

    def create(self, s: SuggestionInfo) -> None:
        name = self.draft_name(s)
        self.ops.run(
            lambda uow, progress, cancel: create_suggested_event(uow, suggestion=s, name=name),
            on_done=alive(self, self._on_created), on_error=alive(self, self._on_error, otherwise=error_reporter(self)),
            title=self.tr("Creating the event"), parent=self,
        )  # fmt: skip

    def _on_created(self, made: DraftEventInfo) -> None:
        self.status.setText(self.tr("Draft event “{name}” created with {n} invitations (pending). Open it on the "
                                    "events screen to approve and publish.").format(name=made.name, n=made.invited))  # fmt: skip
        self.sig_created.emit(made)
        show_page = getattr(self.window(), "show_page", None)
        if show_page is not None:
            page = show_page("events")
            opener = getattr(page, "open_event", None)
            if opener is not None:
                opener(made.event_id)
