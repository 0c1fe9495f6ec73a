"""模型: the learned matching model, for union administrators (`matching.policy`) only.

Which score ranks now and why; retrain on request (this laptop's outcomes, leave-events-out
evaluation, progress and cancel; on a laptop enrolled for the union's figures only, which holds no
outcomes, the server retrains on every district's outcomes: xzdesk/sync/model_fit.py); the kept models with their figures; the evaluation of the
selected one in words and a small table (model / rule / random: AUC with its 95 % bootstrap
interval, top-1/3/5/10 hit rates, the verdict); adopt it with a typed reason (refused, and the
button disabled with the reason, when it did not beat the rule); withdraw; and how often this
laptop retrains by itself (off / weekly / monthly: kept, never adopted automatically).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.matching.evaluation import K_VALUES
from xzdesk.domain.matching.index import FitReportInfo
from xzdesk.domain.matching.retraining import (
    MONTHLY,
    OFF,
    WEEKLY,
    EvaluationSummaryInfo,
    KeptModelRow,
    MethodRow,
    ModelOverviewInfo,
    model_overview,
)
from xzdesk.domain.matching.service import adopt_matching_model, set_retrain_schedule, withdraw_matching_model
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui import messages
from xzdesk.ui.labels import local_time
from xzdesk.ui.matching.common import PROGRESS_LABELS
from xzdesk.ui.matching.index_holder import MatchIndexHolder
from xzdesk.ui.matching.messages import show_matching_error
from xzdesk.ui.matching.ranking_words import ranking_reason
from xzdesk.ui.ops import Ops
from xzdesk.ui.reason import ReasonDialog
from xzdesk.ui.table_model import CENTER, Column, RowListModel, setup_table

ADOPTED_BACKGROUND = "#dff3e4"
REASON_DIALOG_WIDTH = 440  # the question in two lines, not five
AWAITING_STYLE = "QLabel { background: #fff4ce; border: 1px solid #e0c060; padding: 4px; }"


def figure(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def interval(low: float | None, high: float | None) -> str:
    return "—" if low is None or high is None else f"{low:.2f} – {high:.2f}"


def verdict_short(row: KeptModelRow) -> str:
    """The verdict in two or three words for the list."""
    if row.summary is None:
        return QCoreApplication.translate("MatchingModels", "not evaluated")
    if not row.ready:
        return QCoreApplication.translate("MatchingModels", "too few answers")
    if row.may_rank:
        return QCoreApplication.translate("MatchingModels", "beats the rule")
    return QCoreApplication.translate("MatchingModels", "does not beat the rule")


class KeptModelsModel(RowListModel):
    """The kept models: version, fitted at, answers, AUC model / rule, verdict, in use."""

    row_roles = {Qt.ItemDataRole.UserRole: lambda r: r.id}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = (
            Column("version", self.tr("Version"), lambda r: r.version_id),
            Column("fitted", self.tr("Fitted at"), lambda r: local_time(r.fitted_at)),
            Column("answers", self.tr("Answers"), lambda r: str(r.n_answers), align=CENTER),
            Column("auc_model", self.tr("AUC model"), lambda r: figure(_auc(r, 0)), align=CENTER),
            Column("auc_rule", self.tr("AUC rule"), lambda r: figure(_auc(r, 1)), align=CENTER),
            Column("verdict", self.tr("Verdict"), verdict_short),
            Column("adopted", self.tr("In use"), lambda r: self.tr("adopted") if r.adopted else "", align=CENTER),
        )  # fmt: skip

    def row_background(self, r: KeptModelRow) -> str | None:
        return ADOPTED_BACKGROUND if r.adopted else None


def _auc(r: KeptModelRow, i: int) -> float | None:
    return r.summary.methods[i].auc if r.summary is not None else None


class EvaluationTableModel(RowListModel):
    """Model, rule and random side by side: AUC, its 95 % interval, top-k hit rates."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        names = {"model": self.tr("Learned model"), "rule": self.tr("Rule score"), "random": self.tr("Random order")}
        columns: list[Column[MethodRow]] = [
            Column("method", self.tr("Ranking by"), lambda m: names.get(m.method, m.method)),
            Column("auc", self.tr("AUC"), lambda m: figure(m.auc), align=CENTER),
            Column("interval", self.tr("95 % interval"), lambda m: interval(m.auc_low, m.auc_high), align=CENTER),
        ]
        for n, k in enumerate(K_VALUES):
            columns.append(Column(f"top{k}", self.tr("Top {k}").format(k=k),
                                  lambda m, n=n: figure(m.top_k[n][1]), align=CENTER))  # fmt: skip
        self.columns = tuple(columns)


def evaluation_words(s: EvaluationSummaryInfo) -> str:
    """What was judged and how, in one paragraph, then the verdict."""
    facts = QCoreApplication.translate(
        "MatchingModels", "Judged on {pairs} pairs from {groups} events or introductions ({answers} answers; {rate}% "
        "mutual), each event left out of fitting in turn; intervals from {resamples} resamples of whole events. "
        "Top k: the share of people whose mutual match was among their k best-ranked.",
    ).format(pairs=s.n_judged, groups=s.n_groups, answers=s.n_answers, resamples=s.n_resamples,
             rate=figure(None if s.positive_rate is None else 100 * s.positive_rate, 0))  # fmt: skip
    return facts + "\n" + ranking_reason(s.verdict_code, s.verdict_params)


class ModelsPanel(QWidget):
    sig_overview = Signal(object)  # ModelOverviewInfo, after every load (tests wait on it)

    def __init__(self, ctx: AppContext, ops: Ops, holder: MatchIndexHolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops, self.holder = ctx, ops, holder
        self.overview: ModelOverviewInfo | None = None
        self.on_server = False  # this laptop holds no outcomes: the server retrains (read with the overview)
        self._generation = 0

        self.in_force = QLabel()
        self.in_force.setObjectName("models_in_force")
        self.in_force.setWordWrap(True)
        self.awaiting = QLabel()
        self.awaiting.setObjectName("models_awaiting")
        self.awaiting.setWordWrap(True)
        self.awaiting.setStyleSheet(AWAITING_STYLE)
        self.awaiting.hide()
        self.retrain_button = QPushButton(self.tr("Retrain now…"))
        self.retrain_button.setObjectName("models_retrain")
        self.retrain_button.clicked.connect(self.retrain)
        self.schedule = QComboBox()
        self.schedule.setObjectName("models_schedule")
        for value, text in ((OFF, self.tr("Only on request")), (WEEKLY, self.tr("Every week")),
                            (MONTHLY, self.tr("Every month"))):  # fmt: skip
            self.schedule.addItem(text, value)
        self.schedule.setToolTip(self.tr("Checked when the program starts: a due retrain runs in the background and "
                                         "is kept for your decision, never adopted by itself."))  # fmt: skip
        self.schedule.activated.connect(self._on_schedule_chosen)
        self.last_fit = QLabel()
        self.last_fit.setObjectName("models_last_fit")
        top = QHBoxLayout()
        top.addWidget(self.retrain_button)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Retrain by itself:")))
        top.addWidget(self.schedule)
        top.addSpacing(12)
        top.addWidget(self.last_fit, 1)

        self.list_model = KeptModelsModel(self)
        self.list = QTableView()
        self.list.setObjectName("models_list")
        self.list.setModel(self.list_model)
        setup_table(self.list, stretch=5)  # the verdict takes the room
        self.list.setMaximumHeight(190)
        self.list.selectionModel().currentRowChanged.connect(lambda *_a: self._show_selected())

        self.words = QLabel(self.tr("Select a model to see its evaluation."))
        self.words.setObjectName("models_words")
        self.words.setWordWrap(True)
        self.eval_model = EvaluationTableModel(self)
        self.eval_table = QTableView()
        self.eval_table.setObjectName("models_evaluation")
        self.eval_table.setModel(self.eval_model)
        setup_table(self.eval_table, selectable=False, stretch=0)
        self.eval_table.setMaximumHeight(130)
        self.adopt_button = QPushButton(self.tr("Adopt this model…"))
        self.adopt_button.setObjectName("models_adopt")
        self.adopt_button.clicked.connect(self.adopt)
        self.withdraw_button = QPushButton(self.tr("Withdraw the model (rank by the rule)…"))
        self.withdraw_button.setObjectName("models_withdraw")
        self.withdraw_button.clicked.connect(self.withdraw)
        self.adopt_note = QLabel()
        self.adopt_note.setObjectName("models_adopt_note")
        self.adopt_note.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.adopt_button)
        actions.addWidget(self.withdraw_button)
        actions.addWidget(self.adopt_note, 1)

        now_box = QGroupBox(self.tr("Ranking now"))
        nl = QVBoxLayout(now_box)
        nl.addWidget(self.in_force)
        nl.addWidget(self.awaiting)
        nl.addLayout(top)
        kept_box = QGroupBox(self.tr("Kept models (the newest five kept on this computer)"))
        QVBoxLayout(kept_box).addWidget(self.list)
        eval_box = QGroupBox(self.tr("Evaluation of the selected model"))
        el = QVBoxLayout(eval_box)
        el.addWidget(self.words)
        el.addWidget(self.eval_table)
        el.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(now_box)
        layout.addWidget(kept_box)
        layout.addWidget(eval_box)
        layout.addStretch(1)
        self._show_where()
        self.reload()

    # --- reading ------------------------------------------------------------------------------
    def reload(self, *, select: str | None = None) -> None:
        self._generation += 1
        generation = self._generation
        engine = self.ctx.sync_engine()
        self.ops.run(lambda s, _p, _c: (model_overview(s), engine.aggregate_only()), mode="read",
                     on_done=lambda got: self._on_overview(got, generation, select),
                     on_error=lambda e: show_matching_error(self, e))  # fmt: skip

    def _on_overview(self, got: tuple[ModelOverviewInfo, bool], generation: int, select: str | None) -> None:
        if generation != self._generation:
            return  # a newer load is on its way
        info, self.on_server = got
        self._show_where()
        keep = select or self.selected_id() or (info.awaiting.id if info.awaiting else None)
        self.overview = info
        self.list_model.set_rows(info.models)
        row = self.list_model.row_of(keep) if keep else -1
        self.list.selectRow(row if row >= 0 else 0)
        self._show_overview(info)
        self._show_selected()
        self.sig_overview.emit(info)

    def _show_overview(self, info: ModelOverviewInfo) -> None:
        c = info.choice
        text = ranking_reason(c.code, c.params)
        if c.model_version:
            text += "\n" + self.tr("Adopted model {version}, on {at} by {who}.").format(
                version=c.model_version, at=local_time(c.adopted_at), who=info.adopted_by_name or self.tr("unknown"))
        self.in_force.setText(text)
        a = info.awaiting
        if a is not None:
            self.awaiting.setText(self._awaiting_sentence(a).format(version=a.version_id, at=local_time(a.fitted_at)))
        self.awaiting.setVisible(a is not None)
        self.schedule.setCurrentIndex(max(0, self.schedule.findData(info.schedule)))
        self.last_fit.setText(self.tr("Last fitted: {at}").format(at=local_time(info.last_fitted_at, empty=self.tr("never"))))
        self.withdraw_button.setEnabled(c.model_version is not None)

    def _show_where(self) -> None:
        """Where a retrain runs: here, or (no outcomes here) on the server."""
        if self.on_server:
            self.retrain_button.setText(self.tr("Retrain on the server…"))
            self.retrain_button.setToolTip(self.tr(
                "This computer holds the union's figures, not case files. The server fits and evaluates a new model "
                "on every district's introductions and interest cards (members who consented to matching only) and "
                "sends back its parameters and figures, no personal data. Nothing changes until you adopt it."))  # fmt: skip
        else:
            self.retrain_button.setText(self.tr("Retrain now…"))
            self.retrain_button.setToolTip(self.tr("Fit and evaluate a new model on this computer's introductions "
                                                   "and interest cards. Nothing changes until you adopt it."))  # fmt: skip

    def _awaiting_sentence(self, a: KeptModelRow) -> str:
        if a.may_rank:
            return self.tr("A new model ({version}, fitted {at}) awaits your decision: it beats the rule and may be "
                           "adopted.")  # fmt: skip
        if a.summary is None:
            return self.tr("A new model ({version}, fitted {at}) could not be evaluated on held-out events: the rule "
                           "keeps ranking.")  # fmt: skip
        return self.tr("A new model ({version}, fitted {at}) did not beat the rule: the rule keeps ranking.")

    def selected_id(self) -> str | None:
        row = self.selected()
        return row.id if row is not None else None

    def selected(self) -> KeptModelRow | None:
        index = self.list.currentIndex()
        return self.list_model.row_at(index.row()) if index.isValid() else None

    def _show_selected(self) -> None:
        row = self.selected()
        summary = row.summary if row is not None else None
        self.eval_model.set_rows(summary.methods if summary is not None else ())
        if row is None:
            self.words.setText(self.tr("No model is kept on this computer yet: press “{button}”.").format(
                button=self.retrain_button.text()))
        elif summary is None:
            self.words.setText(ranking_reason("matching.ranking.not_evaluated", {}))
        else:
            self.words.setText(evaluation_words(summary))
        why = self._why_not_adoptable(row)
        self.adopt_button.setEnabled(why is None)
        self.adopt_note.setText(why or "")

    def _why_not_adoptable(self, row: KeptModelRow | None) -> str | None:
        if row is None:
            return self.tr("There is no model to adopt.")
        if row.adopted:
            return self.tr("This model is the one in use.")
        if row.summary is None:
            return self.tr("Not evaluated on held-out events: it cannot be adopted.")
        if not row.may_rank:
            return self.tr("It did not beat the rule score on held-out events, so the rule keeps ranking: "
                           "adopting it would make suggestions worse.")  # fmt: skip
        return None

    # --- actions --------------------------------------------------------------------------------
    def retrain(self) -> None:
        actor = self.ctx.actor
        self.retrain_button.setEnabled(False)
        if self.on_server:
            import xzdesk.ui.sync.messages  # noqa: F401  (words for what the server or the network may answer)
            from xzdesk.sync.model_fit import retrain_on_server  # the HTTP stack, only when asked

            engine = self.ctx.sync_engine()
            self.ops.run(lambda _ctx, progress, cancel: retrain_on_server(engine, actor, progress=progress,
                                                                          cancel=cancel),
                         mode="bare", background=True, on_done=self._on_retrained, on_error=self._on_retrain_failed,
                         title=self.tr("Retraining the matching model on the server"), parent=self,
                         progress_labels=PROGRESS_LABELS, changes=Changes.of(Area.MATCHING))  # fmt: skip
            return
        self.holder.run(lambda index, progress, cancel: index.refit_and_store(actor=actor, progress=progress,
                                                                              cancel=cancel),
                        on_done=self._on_retrained, on_error=self._on_retrain_failed,
                        title=self.tr("Retraining the matching model"), parent=self,
                        progress_labels=PROGRESS_LABELS, changes=Changes.of(Area.MATCHING))  # fmt: skip

    def _on_retrain_failed(self, exc: BaseException) -> None:
        self.retrain_button.setEnabled(True)
        if not isinstance(exc, Cancelled):  # the person pressed Cancel: nothing was kept, nothing to say
            show_matching_error(self, exc)

    def _on_retrained(self, report: FitReportInfo) -> None:
        self.retrain_button.setEnabled(True)
        if report.record is not None:
            self.reload(select=report.record.id)
        if report.evaluation is None and report.not_evaluated is not None:
            code, params = report.not_evaluated
            QMessageBox.information(self, self.tr("Retrain"), self.tr(
                "The model was fitted on {used} outcomes but could not be evaluated: {why} Until it is, the rule "
                "keeps ranking.").format(used=report.used, why=messages.describe(XzError(code, **params))))  # fmt: skip

    def _on_schedule_chosen(self, _index: int) -> None:
        value = self.schedule.currentData()
        self.ops.run(lambda uow, _p, _c: set_retrain_schedule(uow, schedule=value), parent=self,
                     on_error=lambda e: show_matching_error(self, e))  # fmt: skip

    def adopt(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = ReasonDialog(self.tr("Adopt model {version}").format(version=row.version_id), self.tr(
            "From the next sync on, every laptop and the member app rank candidates with this model. Why is it "
            "adopted now?"), self)  # fmt: skip
        dialog.setMinimumWidth(REASON_DIALOG_WIDTH)
        if dialog.exec() != ReasonDialog.DialogCode.Accepted:
            return
        reason, model_id = dialog.text(), row.id
        self.ops.run(lambda uow, _p, _c: adopt_matching_model(uow, model_id=model_id, reason=reason), parent=self,
                     on_error=lambda e: show_matching_error(self, e))  # what changed reloads the list

    def withdraw(self) -> None:
        dialog = ReasonDialog(self.tr("Withdraw the model"), self.tr(
            "Every laptop and the member app go back to ranking by the rule score. Why is the model withdrawn?"),
            self)  # fmt: skip
        dialog.setMinimumWidth(REASON_DIALOG_WIDTH)
        if dialog.exec() != ReasonDialog.DialogCode.Accepted:
            return
        reason = dialog.text()
        self.ops.run(lambda uow, _p, _c: withdraw_matching_model(uow, reason=reason), parent=self,
                     on_error=lambda e: show_matching_error(self, e))  # what changed reloads the list

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.MATCHING, Area.SYNC):
            self.reload()


def may_see_models(ctx: AppContext) -> bool:
    actor = ctx.actor
    return bool(actor and actor.can(Permission.MATCHING_POLICY))
