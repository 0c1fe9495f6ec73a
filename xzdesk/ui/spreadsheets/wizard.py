"""ImportWizard: a base union's roster into the case files, in four steps.

1. `SourcePage`: the file (.xlsx/.xlsm/.csv) and the sheet; the header row is found by the engine.
2. `MappingPage`: the header and the first rows as the file has them (identifiers masked), one
   combo per column to correct the field it fills, and the import options.
3. `PreviewPage`: every row checked on a reader thread (`analyse_import`, progress and cancel);
   counts, a table of rows with status, problems and a decision per row, the error workbook.
   Its commit button writes everything in one unit of work on the writer thread
   (`commit_import`); a cancel rolls all of it back.
4. `ResultPage`: what was written, and the rows that could not be.

The column mapping is remembered per layout in `Settings.import_mappings` after a real import.
Thread contract: worker functions get only frozen DTOs and paths; widgets are touched only in the
callbacks, which `Ops` delivers on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QWidget,
    QWizard,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.spreadsheets import (
    ImportOptions,
    ImportPreviewInfo,
    ImportReportInfo,
    MappingInfo,
    SourceInfo,
    mapping_for,
    write_error_workbook,
)
from xzdesk.ui.messages import describe_all, show_error
from xzdesk.ui.ops import Job, Ops
from xzdesk.ui.spreadsheets import labels
from xzdesk.ui.spreadsheets.common import ERROR_STYLE
from xzdesk.ui.spreadsheets.messages import ProblemWords
from xzdesk.ui.spreadsheets.preview_page import PreviewPage, ResultPage
from xzdesk.ui.spreadsheets.rows import LoadedSourceInfo
from xzdesk.ui.spreadsheets.source_pages import MappingPage, SourcePage


# --- the wizard -----------------------------------------------------------------------------------
class ImportWizard(QWizard):
    """Import a roster. Emits `sig_imported(ImportReportInfo)` after a commit."""

    sig_imported = Signal(object)

    PAGE_SOURCE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_RESULT = range(4)

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.loaded: LoadedSourceInfo | None = None
        self.mapping: MappingInfo | None = None
        self.options = ImportOptions()
        self.preview: ImportPreviewInfo | None = None
        self.report: ImportReportInfo | None = None
        self.jobs: set[Job] = set()
        self._closing: int | None = None
        self.setWindowTitle(self.tr("Import a roster"))
        self.setObjectName("import_wizard")
        self.resize(1060, 720)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        self.setPage(self.PAGE_SOURCE, self.source_page)
        self.setPage(self.PAGE_MAPPING, self.mapping_page)
        self.setPage(self.PAGE_PREVIEW, self.preview_page)
        self.setPage(self.PAGE_RESULT, self.result_page)

    @property
    def source(self) -> SourceInfo | None:
        return self.loaded.source if self.loaded else None

    # --- jobs -----------------------------------------------------------------------------------
    def run_job(
        self,
        fn: Callable[[Any, Any, Any], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        mode: str = "read",
        title: str | None = None,
    ) -> Job:
        """Run `fn` through Ops; the callbacks are skipped once the wizard is closing."""

        def done(result: Any) -> None:
            if self._closing is None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if self._closing is None:
                on_error(exc)

        job = self.ops.run(fn, on_done=done, on_error=failed, mode=mode, title=title, parent=self,
                           progress_labels=labels.progress_step)  # fmt: skip
        self.jobs.add(job)
        job.sig_finished.connect(lambda: self._on_job_finished(job))
        return job

    def _on_job_finished(self, job: Job) -> None:
        self.jobs.discard(job)
        if self._closing is not None and not self.jobs:
            QTimer.singleShot(0, self._finish_closing)

    def _finish_closing(self) -> None:
        result, self._closing = self._closing, None
        if result is not None:
            super().done(result)

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    def done(self, result: int) -> None:
        """Closing stops running jobs first (a running commit is rolled back) and closes when
        they have finished, so no callback ever reaches a deleted wizard."""
        if self.jobs:
            self._closing = result
            for job in list(self.jobs):
                job.stop()
            return
        super().done(result)

    # --- shared state ---------------------------------------------------------------------------
    def set_loaded(self, loaded: LoadedSourceInfo) -> None:
        same_layout = self.mapping is not None and self.mapping.source_key == loaded.source.source_key
        self.loaded = loaded
        if not same_layout:
            self.mapping = mapping_for(loaded.source, self.ctx.settings.import_mappings)
        self.preview = None

    def remember_mapping(self) -> None:
        """Keep the mapping for files with the same headers (after a real import)."""
        if self.mapping is None:
            return
        self.ctx.settings.import_mappings[self.mapping.source_key] = self.mapping.to_dict()
        self.ctx.settings.save(self.ctx.home)

    def save_error_workbook(self, parent: QWidget, status: QLabel) -> None:
        """Ask where, then write the marked copy of the roster on a worker thread."""
        preview = self.preview
        if preview is None:
            return
        src = preview.source.path
        default = src.with_name(self.tr("{stem}-errors").format(stem=src.stem) + ".xlsx")
        chosen, _filter = QFileDialog.getSaveFileName(
            parent, self.tr("Save the error workbook"), str(default), self.tr("Excel workbook (*.xlsx)")
        )
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
        words = ProblemWords()
        status.setStyleSheet("")
        status.setText(self.tr("Writing the error workbook…"))

        def done(marked: int) -> None:
            status.setText(self.tr("{n} rows marked in {path}").format(n=marked, path=str(out)))

        def failed(exc: BaseException) -> None:
            status.setStyleSheet(ERROR_STYLE)
            if isinstance(exc, Cancelled):
                status.setText(self.tr("The error workbook was not written."))
            elif isinstance(exc, XzError):
                status.setText(describe_all(exc))
            elif isinstance(exc, OSError):
                status.setText(self.tr("The file could not be written: {reason}").format(reason=exc.strerror or ""))
            else:
                show_error(self, exc)

        self.run_job(
            lambda _s, progress, cancel: write_error_workbook(preview, out, describe=words, progress=progress,
                                                              cancel=cancel),
            on_done=done, on_error=failed, title=self.tr("Writing the error workbook"),
        )  # fmt: skip
