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
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.members import codes
from xzdesk.domain.members.codes import ConsentType, ReferralSource
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.spreadsheets import (
    Decision,
    ImportOptions,
    ImportPreviewInfo,
    ImportReportInfo,
    MappingInfo,
    RowStatus,
    SourceInfo,
    analyse_import,
    commit_import,
    guess_mapping,
    inspect_source,
    mapping_for,
    write_error_workbook,
)
from xzdesk.domain.spreadsheets.fields import IMPORT_FIELDS
from xzdesk.domain.spreadsheets.sources import RowStream
from xzdesk.domain.spreadsheets.values import clean_name
from xzdesk.ui import labels as core_labels
from xzdesk.ui.messages import describe_all, show_error
from xzdesk.ui.ops import Job, Ops
from xzdesk.ui.spreadsheets import labels
from xzdesk.ui.spreadsheets.messages import ProblemWords, describe_failure
from xzdesk.ui.spreadsheets.preview_model import (
    FILTER_PROBLEMS,
    FILTER_REVIEW,
    DecisionDelegate,
    ImportPreviewModel,
)

SAMPLE_ROWS = 8  # data rows shown under the header on the mapping page
SAMPLE_SCAN = 40  # rows read at most to find them (blank rows are not shown)
NAME_CHECK_EVERY = 500
FILE_FILTER_SUFFIXES = "*.xlsx *.xlsm *.csv"
ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: #8a5300;"


# --- worker functions (no widgets) ----------------------------------------------------------------
@dataclass(frozen=True)
class LoadedSourceInfo:
    """The result of reading a file's first rows: where the data is, the sheets, and the header
    and first data rows as (sheet row number, raw values)."""

    source: SourceInfo
    sheets: tuple[str, ...]
    sample: tuple[tuple[int, tuple[Any, ...]], ...]


def sheet_names(path: Path) -> tuple[str, ...]:
    wb = load_workbook(path, read_only=True)
    try:
        return tuple(wb.sheetnames)
    finally:
        wb.close()


def load_source(path: Path, sheet: str | None = None) -> LoadedSourceInfo:
    """Inspect a roster and read its header and first data rows (any thread)."""
    source = inspect_source(path, sheet=sheet)
    sheets = sheet_names(path) if source.kind == "xlsx" else ()
    sample: list[tuple[int, tuple[Any, ...]]] = []
    data_rows = 0
    with RowStream(source, start_row=min(source.header_rows)) as stream:
        for n, (number, values) in enumerate(stream):
            if number >= source.data_row:
                if not any(v is not None and str(v).strip() for v in values):
                    if n >= SAMPLE_SCAN:
                        break
                    continue
                data_rows += 1
            sample.append((number, tuple(values)))
            if data_rows >= SAMPLE_ROWS or n >= SAMPLE_SCAN:
                break
    return LoadedSourceInfo(source, sheets, tuple(sample))


def masked_names(source: SourceInfo, mapping: MappingInfo, rows: frozenset[int], cancel: Any) -> dict[int, str]:
    """Sheet row number -> masked name for `rows`, from the name column(s) (any thread)."""
    columns = mapping.field_columns().get("name", ())
    out: dict[int, str] = {}
    if not columns or not rows:
        return out
    with RowStream(source) as stream:
        for n, (number, values) in enumerate(stream):
            if n % NAME_CHECK_EVERY == 0:
                cancel.check()
            if number not in rows:
                continue
            for i in columns:
                name = clean_name(values[i]) if i < len(values) else None
                if name:
                    out[number] = mask(name, "name")
                    break
    return out


# --- display of raw cells ---------------------------------------------------------------------------
def cell_text(value: Any) -> str:
    """A raw cell as the mapping page shows it: dates as dates, numbers as Excel keeps them."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def masked_cell(value: Any, field: str | None) -> str:
    """Cells of name and WeChat columns masked, and any mostly-digit cell with seven digits or
    more (ID numbers, phones, even when Excel damaged them) masked like an ID: first 3 and last 4
    kept. Dates stay readable."""
    text = cell_text(value)
    if not text or isinstance(value, (date, datetime)) or field == "birth_date":
        return text
    if field == "name":
        return mask(text, "name")
    if field == "wechat":
        return mask(text, "text")
    digits = sum(ch.isdigit() for ch in text)
    if digits >= 7 and digits >= 0.6 * len(text.replace(" ", "")):
        return mask(text, "id")
    return text


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


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


# --- 1. the file ------------------------------------------------------------------------------------
class SourcePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self._generation = 0
        self._loading = False
        self.setTitle(self.tr("Choose the roster"))
        self.setSubTitle(self.tr(
            "An Excel or WPS workbook (.xlsx, .xlsm) or a CSV file (UTF-8 or GB18030). Title rows above "
            "the header and merged header cells are fine."
        ))  # fmt: skip
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.path.setPlaceholderText(self.tr("The roster file"))
        self.path.editingFinished.connect(self._on_path_edited)
        self.browse = QPushButton(self.tr("Choose file…"))
        self.browse.setObjectName("browse")
        self.browse.clicked.connect(self._on_browse)
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheet")
        self.sheet.setEnabled(False)
        self.sheet.activated.connect(self._on_sheet_chosen)
        self.info = QLabel()
        self.info.setObjectName("source_info")
        self.info.setWordWrap(True)
        self.error = _error_label()
        self.error.setObjectName("source_error")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Sheet"), self.sheet)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.info)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return self.wiz.loaded is not None and not self._loading

    def _on_browse(self) -> None:
        start = self.path.text() or str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the roster"), start,
            self.tr("Spreadsheets ({patterns})").format(patterns=FILE_FILTER_SUFFIXES),
        )  # fmt: skip
        if chosen:
            self.set_path(chosen)

    def _on_path_edited(self) -> None:
        text = self.path.text().strip()
        current = str(self.wiz.source.path) if self.wiz.source else ""
        if text and text != current:
            self.set_path(text)

    def _on_sheet_chosen(self, _index: int) -> None:
        sheet = self.sheet.currentData()
        if self.wiz.source is not None and sheet and sheet != self.wiz.source.sheet:
            self.set_path(self.wiz.source.path, sheet=sheet)

    def set_path(self, path: Path | str, *, sheet: str | None = None) -> None:
        """Read the file's first rows on a reader thread (the page completes when they are in)."""
        path = Path(path)
        self.path.setText(str(path))
        self._generation += 1
        generation = self._generation
        self._loading = True
        self.wiz.loaded = None
        self.info.setText(self.tr("Reading the file…"))
        self.error.clear()
        self.completeChanged.emit()
        self.wiz.run_job(
            lambda _s, _p, _c: load_source(path, sheet),
            on_done=lambda loaded: self._on_loaded(generation, loaded),
            on_error=lambda exc: self._on_failed(generation, exc),
        )

    def _on_loaded(self, generation: int, loaded: LoadedSourceInfo) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.wiz.set_loaded(loaded)
        src = loaded.source
        self.sheet.clear()
        for name in loaded.sheets:
            self.sheet.addItem(name, name)
        self.sheet.setCurrentIndex(max(0, self.sheet.findData(src.sheet)))
        self.sheet.setEnabled(len(loaded.sheets) > 1)
        rows = self.tr(" and ").join(str(r) for r in src.header_rows)
        columns = sum(1 for c in src.columns if c.header)
        if src.kind == "csv":
            text = self.tr("CSV file ({encoding}): header in row {rows}, data from row {data}, {n} named columns.")
            text = text.format(encoding=(src.encoding or "").upper(), rows=rows, data=src.data_row, n=columns)
        else:
            text = self.tr("Sheet “{sheet}”: header in row {rows}, data from row {data}, {n} named columns.")
            text = text.format(sheet=src.sheet, rows=rows, data=src.data_row, n=columns)
        self.info.setText(text)
        self.completeChanged.emit()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.info.clear()
        if isinstance(exc, XzError):
            self.error.setText(describe_all(exc))
        elif isinstance(exc, OSError):
            self.error.setText(self.tr("The file could not be read: {reason}").format(reason=exc.strerror or ""))
        else:
            show_error(self, exc)
        self.completeChanged.emit()


# --- 2. the columns ---------------------------------------------------------------------------------
class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.combos: dict[str, QComboBox] = {}
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(self.tr(
            "Each column fills one field of the case file. Correct the guesses where needed: the choice is "
            "remembered for files with the same headers. Identifiers are shown masked."
        ))  # fmt: skip
        self.state = QLabel()
        self.state.setObjectName("mapping_state")
        self.reset = QPushButton(self.tr("Guess again"))
        self.reset.setObjectName("mapping_reset")
        self.reset.clicked.connect(self._on_reset)
        self.table = QTableWidget()
        self.table.setObjectName("mapping_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setDefaultSectionSize(132)
        self.warning = QLabel()
        self.warning.setObjectName("mapping_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(NOTE_STYLE)

        self.on_duplicate = QComboBox()
        self.on_duplicate.setObjectName("on_duplicate")
        for d in (Decision.UPDATE, Decision.SKIP, Decision.REVIEW):
            self.on_duplicate.addItem(labels.decision(d.value), d.value)
        self.district = QComboBox()
        self.district.setObjectName("default_district")
        self.district.addItem(self.tr("None (the file must give it)"), None)
        for code, name in codes.DISTRICTS.items():
            self.district.addItem(name, code)
        self.district.currentIndexChanged.connect(self._refresh_warning)
        self.consents: dict[str, QCheckBox] = {}
        consent_row = QGridLayout()
        for i, ctype in enumerate(ConsentType):
            box = QCheckBox(core_labels.consent(ctype.value))
            box.setObjectName(f"consent_{ctype.value}")
            if ctype is ConsentType.BASIC:
                box.setChecked(True)
                box.setEnabled(False)
            self.consents[ctype.value] = box
            consent_row.addWidget(box, i // 3, i % 3)
        self.referral = QComboBox()
        self.referral.setObjectName("referral")
        for r in ReferralSource:
            self.referral.addItem(core_labels.referral(r.value), r.value)
        self.referral.setCurrentIndex(self.referral.findData(ReferralSource.EMPLOYER_UNION_LIST.value))
        options = QGroupBox(self.tr("Options"))
        form = QFormLayout(options)
        form.addRow(self.tr("A row matches an existing case file"), self.on_duplicate)
        form.addRow(self.tr("District for rows without one"), self.district)
        form.addRow(self.tr("Consents on the members' signed forms"), consent_row)
        form.addRow(self.tr("Referral source of new members"), self.referral)

        head = QHBoxLayout()
        head.addWidget(self.state, 1)
        head.addWidget(self.reset)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warning)
        layout.addWidget(options)

    def initializePage(self) -> None:
        actor = self.wiz.ctx.actor
        if actor is not None and actor.district_code:
            self.district.setCurrentIndex(max(0, self.district.findData(actor.district_code)))
            self.district.setEnabled(False)
        self._build()

    # --- the table ------------------------------------------------------------------------------
    def _build(self) -> None:
        loaded, mapping = self.wiz.loaded, self.wiz.mapping
        assert loaded is not None and mapping is not None
        src = loaded.source
        columns = mapping.columns
        self.combos.clear()
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setRowCount(1 + len(loaded.sample))
        self.table.setHorizontalHeaderLabels([c.letter for c in columns])
        self.table.setVerticalHeaderLabels([self.tr("Field"), *(str(n) for n, _v in loaded.sample)])
        for col in columns:
            box = QComboBox()
            box.setObjectName(f"map_{col.letter}")
            box.addItem(labels.not_imported(), "")
            for name in IMPORT_FIELDS:
                box.addItem(labels.field(name), name)
            box.setCurrentIndex(max(0, box.findData(col.field or "")))
            box.currentIndexChanged.connect(lambda _i, letter=col.letter, b=box: self._on_field_chosen(letter, b))
            self.combos[col.letter] = box
            self.table.setCellWidget(0, col.index, box)
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, (number, _values) in enumerate(loaded.sample, 1):
            if number in src.header_rows:
                for c in range(len(columns)):
                    item = self.table.item(r, c) or QTableWidgetItem()
                    item.setFont(bold)
                    item.setBackground(QColor("#e8e8e8"))
                    item.setForeground(QColor("#000000"))
                    self.table.setItem(r, c, item)
        self._fill_cells()
        self.table.resizeRowsToContents()
        self._refresh()

    def _fill_cells(self) -> None:
        loaded, mapping = self.wiz.loaded, self.wiz.mapping
        assert loaded is not None and mapping is not None
        fields = [c.field for c in mapping.columns]
        header_rows = loaded.source.header_rows
        for r, (number, values) in enumerate(loaded.sample, 1):
            for c in range(len(fields)):
                value = values[c] if c < len(values) else None
                text = cell_text(value) if number in header_rows else masked_cell(value, fields[c])
                item = self.table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(r, c, item)
                item.setText(text)

    def _on_field_chosen(self, letter: str, box: QComboBox) -> None:
        assert self.wiz.mapping is not None
        self.wiz.mapping = self.wiz.mapping.with_changes({letter: box.currentData() or ""})
        self.wiz.preview = None
        self._fill_cells()
        self._refresh()

    def set_field(self, letter: str, field: str) -> None:
        """Choose the field a column fills ("" for not imported), as the column's combo does."""
        box = self.combos[letter]
        box.setCurrentIndex(box.findData(field))

    def _on_reset(self) -> None:
        assert self.wiz.source is not None
        self.wiz.mapping = guess_mapping(self.wiz.source)
        self._build()

    def _refresh(self) -> None:
        mapping = self.wiz.mapping
        assert mapping is not None
        if mapping.remembered:
            self.state.setText(self.tr("The columns are mapped as you chose last time for a file with these headers."))
        else:
            self.state.setText(self.tr("The columns are mapped from their headers."))
        self._refresh_warning()

    def _refresh_warning(self) -> None:
        mapping = self.wiz.mapping
        if mapping is None:
            return
        actor = self.wiz.ctx.actor
        has_district = self.district.currentData() is not None or bool(actor and actor.district_code)
        missing = [f for f in mapping.missing_required if not (f == "district_code" and has_district)]
        notes = []
        if missing:
            notes.append(self.tr(
                "No column fills {fields}: new members cannot be registered without it; rows that match "
                "existing case files can still update them."
            ).format(fields="、".join(labels.field(f) for f in missing)))  # fmt: skip
        for name, columns in mapping.field_columns().items():
            if len(columns) > 1:
                notes.append(self.tr("{n} columns fill {field}: the first non-empty cell of a row is used.").format(
                    n=len(columns), field=labels.field(name)))  # fmt: skip
        self.warning.setText("\n".join(notes))
        self.warning.setVisible(bool(notes))

    # --- options --------------------------------------------------------------------------------
    def import_options(self) -> ImportOptions:
        defaults: dict[str, Any] = {}
        if self.district.currentData() is not None:
            defaults["district_code"] = self.district.currentData()
        consents = tuple(k for k, box in self.consents.items() if box.isChecked())
        return ImportOptions(
            defaults=defaults, referral_source=self.referral.currentData(),
            on_duplicate=Decision(self.on_duplicate.currentData()), consents=consents,
        )  # fmt: skip

    def validatePage(self) -> bool:
        self.wiz.options = self.import_options()
        return True


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
        self.bulk_apply = QPushButton(self.tr("Apply to the rows shown"))
        self.bulk_apply.setObjectName("bulk_apply")
        self.bulk_apply.clicked.connect(lambda: self.model.apply_to_shown(self.bulk.currentData()))
        self.errors_button = QPushButton(self.tr("Save error workbook…"))
        self.errors_button.setObjectName("save_errors")
        self.errors_button.clicked.connect(lambda: self.wiz.save_error_workbook(self, self.status))
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Show")))
        tools.addWidget(self.filter)
        tools.addSpacing(16)
        tools.addWidget(QLabel(self.tr("Decision")))
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
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
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
        self.failed.setPlainText("\n".join(lines))
        self.failed.setVisible(bool(lines))
        self.errors_button.setVisible(any(r.problems for r in preview.rows))
