"""The first two steps of the import wizard: the file and sheet (`SourcePage`), then the columns
and the options (`MappingPage`). Files are read on a reader thread; the pages keep only the
frozen results."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
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
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from xzdesk.domain.errors import XzError
from xzdesk.domain.members import codes
from xzdesk.domain.members.codes import ConsentType, ReferralSource
from xzdesk.domain.spreadsheets import (
    Decision,
    ImportOptions,
    guess_mapping,
)
from xzdesk.domain.spreadsheets.fields import IMPORT_FIELDS
from xzdesk.ui import labels as core_labels
from xzdesk.ui.messages import describe_all, show_error
from xzdesk.ui.spreadsheets import labels
from xzdesk.ui.spreadsheets.common import NOTE_STYLE, error_label
from xzdesk.ui.spreadsheets.rows import LoadedSourceInfo, cell_text, load_source, masked_cell
from xzdesk.ui.table_model import setup_table

if TYPE_CHECKING:
    from xzdesk.ui.spreadsheets.wizard import ImportWizard

FILE_FILTER_SUFFIXES = "*.xlsx *.xlsm *.csv"


# --- 1. the file ------------------------------------------------------------------------------------
class SourcePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self._generation = 0
        self._loading = False
        self._path: Path | None = None
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
        self.error = error_label()
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
        if self._path is not None and sheet and (self.wiz.source is None or sheet != self.wiz.source.sheet):
            self.set_path(self._path, sheet=sheet)

    def set_path(self, path: Path | str, *, sheet: str | None = None) -> None:
        """Read the file's first rows on a reader thread (the page completes when they are in)."""
        path = Path(path)
        if path != self._path:
            self.sheet.clear()
            self.sheet.setEnabled(False)
        self._path = path
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
        # a sheet's columns side by side, its rows numbered as in the sheet; a field chosen per column
        setup_table(self.table, selectable=False, resize=QHeaderView.ResizeMode.Interactive, row_headers=True)
        self.table.horizontalHeader().setDefaultSectionSize(132)
        self.table.horizontalHeader().setStretchLastSection(False)
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
        self.district_note = QLabel()
        self.district_note.setObjectName("district_note")
        self.district_note.setWordWrap(True)
        self.district_note.setStyleSheet(NOTE_STYLE)
        self.district_note.setVisible(False)
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
        form.addRow(self.tr("Default district (rows that give none)"), self.district)
        form.addRow("", self.district_note)
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
        self._preselect_district()
        self._build()

    def _preselect_district(self) -> None:
        """The district the roster names (title row, sheet name or file name) is chosen for rows
        that give none, and the note says where it came from; a matchmaker's own district stays
        (the note says when the roster names another)."""
        hint = self.wiz.source.district_hint if self.wiz.source else None
        self.district_note.setVisible(hint is not None)
        if hint is None:
            return
        name = codes.DISTRICTS.get(hint.code, hint.code)
        if hint.origin == "title":
            where = self.tr("the title in row {row} (“{words}”)").format(row=hint.row, words=hint.words)
        elif hint.origin == "sheet":
            where = self.tr("the sheet name “{sheet}”").format(sheet=hint.sheet or "")
        else:
            where = self.tr("the file name (“{words}”)").format(words=hint.words)
        if not self.district.isEnabled():
            if self.district.currentData() != hint.code:
                self.district_note.setText(self.tr(
                    "{where} names {district}, but you import for your own district only."
                ).format(where=where, district=name))  # fmt: skip
            else:
                self.district_note.setVisible(False)
            return
        self.district.setCurrentIndex(max(0, self.district.findData(hint.code)))
        self.district_note.setText(self.tr(
            "{district} was chosen because {where} names it. Change it if that is wrong."
        ).format(district=name, where=where))  # fmt: skip

    # --- the table ------------------------------------------------------------------------------
    def _build(self) -> None:
        loaded, mapping = self.wiz.loaded, self.wiz.mapping
        assert loaded is not None and mapping is not None
        src = loaded.source
        columns = mapping.columns[: self._shown_columns()]
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

    def _shown_columns(self) -> int:
        """Columns up to the last one with a header, a field or a sample value: a sheet whose
        formatting reaches column XFD must not become 16,384 combos."""
        loaded, mapping = self.wiz.loaded, self.wiz.mapping
        assert loaded is not None and mapping is not None
        last = -1
        for c in mapping.columns:
            if c.header or c.field:
                last = max(last, c.index)
        for _number, values in loaded.sample:
            for i in range(len(values) - 1, last, -1):
                if values[i] is not None and str(values[i]).strip():
                    last = i
                    break
        return last + 1

    def _fill_cells(self) -> None:
        loaded, mapping = self.wiz.loaded, self.wiz.mapping
        assert loaded is not None and mapping is not None
        fields = [c.field for c in mapping.columns[: self._shown_columns()]]
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
