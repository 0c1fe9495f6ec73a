"""The last two steps of the import wizard: the checked rows with a decision each, and the
commit (`PreviewPage`, the commit page), then what was written (`ResultPage`). The check runs on a
reader thread; the commit on the writer thread, in one unit of work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.spreadsheets import (
    Decision,
    ImportPreviewInfo,
    ImportReportInfo,
    RowStatus,
    analyse_import,
    commit_import,
)
from xzdesk.ui.messages import describe_all, show_error
from xzdesk.ui.ops import Job
from xzdesk.ui.spreadsheets import labels
from xzdesk.ui.spreadsheets.common import ERROR_STYLE
from xzdesk.ui.spreadsheets.messages import describe_failure
from xzdesk.ui.spreadsheets.preview_model import (
    FILTER_PROBLEMS,
    FILTER_REVIEW,
    DecisionDelegate,
    ImportPreviewModel,
)
from xzdesk.ui.spreadsheets.rows import masked_names
from xzdesk.ui.table_model import setup_table

if TYPE_CHECKING:
    from xzdesk.ui.spreadsheets.wizard import ImportWizard

REVIEW_LISTED = 200  # row numbers listed on the result page


# --- 3. the check -----------------------------------------------------------------------------------
class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.analysis_job: Job | None = None
        self.names_job: Job | None = None
        self.commit_job: Job | None = None
        self.setTitle(self.tr("Check the rows before importing"))
        self.setSubTitle(self.tr(
            "Nothing has been written yet. Choose per row what to do; “Import” writes everything in one go, "
            "and a cancel leaves the case files as they were."
        ))  # fmt: skip
        self.setCommitPage(True)
        self.model = ImportPreviewModel(self)
        self.model.sig_decisions_changed.connect(self._refresh_summary)

        self.counts: dict[str, QLabel] = {}
        counts_row = QHBoxLayout()
        for status in RowStatus:
            label = QLabel()
            label.setObjectName(f"count_{status.value}")
            label.setStyleSheet(
                f"background: {labels.STATUS_COLOURS[status.value]}; color: #000; padding: 4px 8px; border-radius: 3px;"
            )
            self.counts[status.value] = label
            counts_row.addWidget(label)
        counts_row.addStretch(1)

        self.filter = QComboBox()
        self.filter.setObjectName("status_filter")
        self.filter.addItem(self.tr("All rows"), None)
        for status in RowStatus:
            self.filter.addItem(labels.status(status.value), status.value)
        self.filter.addItem(self.tr("Rows with problems"), FILTER_PROBLEMS)
        self.filter.addItem(self.tr("Rows left for review"), FILTER_REVIEW)
        self.filter.currentIndexChanged.connect(lambda _i: self.model.set_filter(self.filter.currentData()))
        self.bulk = QComboBox()
        self.bulk.setObjectName("bulk_decision")
        for d in Decision:
            self.bulk.addItem(labels.decision(d.value), d.value)
        self.bulk_apply = QPushButton(self.tr("Apply"))
        self.bulk_apply.setObjectName("bulk_apply")
        self.bulk_apply.clicked.connect(lambda: self.model.apply_to_shown(self.bulk.currentData()))
        self.errors_button = QPushButton(self.tr("Save error workbook…"))
        self.errors_button.setObjectName("save_errors")
        self.errors_button.clicked.connect(lambda: self.wiz.save_error_workbook(self, self.status))
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Show")))
        tools.addWidget(self.filter)
        tools.addSpacing(16)
        tools.addWidget(QLabel(self.tr("Decide all rows shown:")))
        tools.addWidget(self.bulk)
        tools.addWidget(self.bulk_apply)
        tools.addStretch(1)
        tools.addWidget(self.errors_button)

        self.table = QTableView()
        self.table.setObjectName("preview_table")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ImportPreviewModel.DECISION_COLUMN, DecisionDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )  # fmt: skip
        setup_table(self.table, resize=QHeaderView.ResizeMode.Interactive)
        header = self.table.horizontalHeader()
        for col, width in enumerate((56, 80, 110, 150, 110)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.summary = QLabel()
        self.summary.setObjectName("preview_summary")
        self.summary.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("preview_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.again = QPushButton(self.tr("Check again"))
        self.again.setObjectName("check_again")
        self.again.clicked.connect(self.start_analysis)
        self.again.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.again)

        layout = QVBoxLayout(self)
        layout.addLayout(counts_row)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(bottom)

    # --- analysis -------------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.start_analysis()

    def cleanupPage(self) -> None:
        """Back to the mapping: stop the check and forget its result."""
        for job in (self.analysis_job, self.names_job):
            if job is not None:
                job.stop()
        self.analysis_job = self.names_job = None
        self.wiz.preview = None
        self.model.set_preview(None)

    @property
    def busy(self) -> bool:
        return self.analysis_job is not None or self.commit_job is not None

    def isComplete(self) -> bool:
        return self.wiz.preview is not None and not self.busy

    def _set_tools_enabled(self, enabled: bool) -> None:
        for w in (self.filter, self.bulk, self.bulk_apply, self.table):
            w.setEnabled(enabled)
        self.errors_button.setEnabled(enabled and self.wiz.preview is not None and any(
            r.problems for r in self.wiz.preview.rows))  # fmt: skip

    def start_analysis(self) -> None:
        wiz = self.wiz
        source, mapping, options = wiz.source, wiz.mapping, wiz.options
        assert source is not None and mapping is not None
        store, actor = wiz.ctx.store, wiz.ctx.actor
        wiz.preview = None
        wiz.report = None
        self.model.set_preview(None)
        self.again.hide()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Checking every row…"))
        self._show_counts(None)
        self._set_tools_enabled(False)
        self.analysis_job = wiz.run_job(
            lambda _s, progress, cancel: analyse_import(store, source, mapping=mapping, actor=actor, options=options,
                                                        progress=progress, cancel=cancel),
            on_done=self._on_analysed, on_error=self._on_analysis_failed, title=self.tr("Checking the roster"),
        )  # fmt: skip
        self.completeChanged.emit()

    def _on_analysed(self, preview: ImportPreviewInfo) -> None:
        self.analysis_job = None
        self.wiz.preview = preview
        self.model.set_preview(preview)
        self._show_counts(preview)
        self.status.setText("")
        self._set_tools_enabled(True)
        self.completeChanged.emit()
        self._load_names(preview)

    def _on_analysis_failed(self, exc: BaseException) -> None:
        self.analysis_job = None
        self.status.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("The check was cancelled."))
        elif isinstance(exc, XzError):
            self.status.setText(describe_all(exc))
        elif isinstance(exc, OSError):
            self.status.setText(self.tr("The file could not be read: {reason}").format(reason=exc.strerror or ""))
        else:
            self.status.setText("")
            show_error(self, exc)
        self.again.show()
        self.completeChanged.emit()

    def _load_names(self, preview: ImportPreviewInfo) -> None:
        rows = frozenset(r.row for r in preview.rows)

        def done(names: dict[int, str]) -> None:
            self.names_job = None
            if self.wiz.preview is preview:
                self.model.set_names(names)

        def failed(_exc: BaseException) -> None:
            self.names_job = None  # names are a convenience; the rows stay usable without them

        self.names_job = self.wiz.run_job(
            lambda _s, _p, cancel: masked_names(preview.source, preview.mapping, rows, cancel),
            on_done=done, on_error=failed,
        )  # fmt: skip

    def _show_counts(self, preview: ImportPreviewInfo | None) -> None:
        c = preview.counts if preview else None
        values = {
            "new": c.new if c else None, "update": c.update if c else None, "unchanged": c.unchanged if c else None,
            "duplicate_in_file": c.duplicate_in_file if c else None, "conflict": c.conflict if c else None,
            "error": c.errors if c else None,
        }  # fmt: skip
        for key, label in self.counts.items():
            n = values[key]
            label.setText(f"{labels.status(key)} {'–' if n is None else n}")
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        preview = self.wiz.preview
        if preview is None:
            self.summary.setText("")
            return
        t = self.model.tally()
        text = self.tr(
            "{rows} rows read. Importing will register {new} new members and update {update} case files; "
            "{review} rows are left for review and {skip} are skipped."
        ).format(rows=preview.counts.rows, new=t[Decision.NEW], update=t[Decision.UPDATE], review=t[Decision.REVIEW],
                 skip=t[Decision.SKIP])  # fmt: skip
        if preview.counts.warnings:
            text += " " + self.tr("{n} rows have warnings (⚠) only.").format(n=preview.counts.warnings)
        self.summary.setText(text)

    # --- commit ---------------------------------------------------------------------------------
    def validatePage(self) -> bool:
        if self.wiz.report is not None:
            return True
        if self.wiz.preview is not None and not self.busy:
            self.start_commit()
        return False

    def start_commit(self) -> None:
        preview = self.wiz.preview
        assert preview is not None
        decisions = self.model.decision_overrides()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Importing…"))
        self._set_tools_enabled(False)
        self.commit_job = self.wiz.run_job(
            lambda uow, progress, cancel: commit_import(uow, preview, decisions=decisions, progress=progress,
                                                        cancel=cancel),
            on_done=self._on_committed, on_error=self._on_commit_failed, mode="write", title=self.tr("Importing"),
        )  # fmt: skip
        self.completeChanged.emit()

    def _on_committed(self, report: ImportReportInfo) -> None:
        self.commit_job = None
        self.wiz.report = report
        self.wiz.remember_mapping()
        self.status.setText("")
        self.completeChanged.emit()
        self.wiz.sig_imported.emit(report)
        self.wiz.next()

    def _on_commit_failed(self, exc: BaseException) -> None:
        self.commit_job = None
        self._set_tools_enabled(True)
        self.status.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, Cancelled):
            self.status.setText(self.tr("The import was cancelled: nothing was written."))
        elif isinstance(exc, XzError):
            self.status.setText(self.tr("Nothing was written. {reason}").format(reason=describe_all(exc)))
            if exc.code == "import.source_changed":
                self.again.show()
        else:
            self.status.setText(self.tr("Nothing was written."))
            show_error(self, exc)
        self.completeChanged.emit()


# --- 4. the result ----------------------------------------------------------------------------------
class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Import finished"))
        self.setFinalPage(True)
        self.headline = QLabel()
        self.headline.setObjectName("result_headline")
        self.headline.setWordWrap(True)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.headline.setFont(font)
        self.details = QLabel()
        self.details.setObjectName("result_details")
        self.details.setWordWrap(True)
        self.failed = QPlainTextEdit()
        self.failed.setObjectName("result_failed")
        self.failed.setReadOnly(True)
        self.status = QLabel()
        self.status.setObjectName("result_status")
        self.status.setWordWrap(True)
        self.errors_button = QPushButton(self.tr("Save error workbook…"))
        self.errors_button.setObjectName("result_save_errors")
        self.errors_button.clicked.connect(lambda: self.wiz.save_error_workbook(self, self.status))
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.errors_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addWidget(self.failed, 1)
        layout.addStretch(1)
        layout.addLayout(row)

    def initializePage(self) -> None:
        report, preview = self.wiz.report, self.wiz.preview
        assert report is not None and preview is not None
        if report.imported:
            self.headline.setText(self.tr("Registered {created} new members and updated {updated} case files.").format(
                created=report.created, updated=report.updated))  # fmt: skip
        elif report.unchanged and not (report.errors or report.failed or report.review):
            self.headline.setText(self.tr("Nothing to import: every row is already in the case files."))
        else:
            self.headline.setText(self.tr("No case file was written."))
        self.details.setText(self.tr(
            "{unchanged} rows were already up to date, {skipped} were skipped, {review} are left for review and "
            "{errors} rows with errors were not imported."
        ).format(unchanged=report.unchanged, skipped=report.skipped, review=report.review, errors=report.errors))
        lines = [self.tr("Row {row}: {reason}").format(row=f.row, reason=describe_failure(f)) for f in report.failed]
        if lines:
            lines.insert(0, self.tr("These rows could not be written:"))
        review = self.wiz.preview_page.model.rows_decided(Decision.REVIEW)
        if review:
            shown = "、".join(str(n) for n in review[:REVIEW_LISTED])
            more = self.tr(" and {n} more").format(n=len(review) - REVIEW_LISTED) if len(review) > REVIEW_LISTED else ""
            if lines:
                lines.append("")
            lines.append(self.tr("Left for review (nothing written; check them by hand): rows {rows}{more}").format(
                rows=shown, more=more))  # fmt: skip
        self.failed.setPlainText("\n".join(lines))
        self.failed.setVisible(bool(lines))
        self.errors_button.setVisible(any(r.problems for r in preview.rows))
