"""ExportMembersDialog: the case list, with the list's current filter, to xlsx or CSV.

Masked by default. Unmasked names, ID numbers and mobiles only for a role with
`members.unmask`, and with a typed reason; a reason is also needed above
`Settings.bulk_export_threshold` rows even when masked (`export_members` enforces both and
audits every export). The default file name carries no personal data. The file is written on the
writer thread (the audit entry and the file belong to one unit of work) with progress and cancel.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.errors import Cancelled, PermissionDenied, ValidationError, XzError
from xzdesk.domain.members.queries import MemberFilter, list_member_ids
from xzdesk.domain.spreadsheets import DEFAULT_COLUMNS, ExportInfo, export_members
from xzdesk.domain.spreadsheets import labels as file_labels
from xzdesk.domain.spreadsheets.export import MIN_REASON
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui.messages import describe_all, show_error
from xzdesk.ui.ops import Job, Ops
from xzdesk.ui.spreadsheets import labels
from xzdesk.ui.spreadsheets import messages as _messages  # noqa: F401  (registers the export codes)

ERROR_STYLE = "color: #b00020;"


def default_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(folder) if folder else Path.home()
    return path if path.is_dir() else Path.home()


class ExportMembersDialog(QDialog):
    def __init__(self, ctx: AppContext, ops: Ops, *, flt: MemberFilter | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.flt = flt or MemberFilter()
        self.rows: int | None = None  # how many case files the filter matches (counted on a reader)
        self.result_info: ExportInfo | None = None
        self.job: Job | None = None
        self._count_job: Job | None = None
        self._closing: int | None = None
        self.setWindowTitle(self.tr("Export the case list"))
        self.setObjectName("export_dialog")
        self.resize(560, 640)

        self.scope = QLabel(self.tr("Counting the case files…"))
        self.scope.setObjectName("export_scope")
        self.scope.setWordWrap(True)
        self.xlsx = QRadioButton(self.tr("Excel workbook (.xlsx)"))
        self.xlsx.setObjectName("format_xlsx")
        self.csv = QRadioButton(self.tr("CSV, UTF-8 (.csv)"))
        self.csv.setObjectName("format_csv")
        self.xlsx.setChecked(True)
        formats = QButtonGroup(self)
        formats.addButton(self.xlsx)
        formats.addButton(self.csv)
        self.xlsx.toggled.connect(self._on_format_changed)
        format_row = QHBoxLayout()
        format_row.addWidget(self.xlsx)
        format_row.addWidget(self.csv)
        format_row.addStretch(1)

        self.columns = QListWidget()
        self.columns.setObjectName("export_columns")
        for key in file_labels.MEMBER_COLUMNS:
            item = QListWidgetItem(labels.export_column(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in DEFAULT_COLUMNS else Qt.CheckState.Unchecked)
            if key == "marital_status":
                item.setToolTip(self.tr("Left blank for members without the sensitive-information consent."))
            self.columns.addItem(item)

        actor = ctx.actor
        self.may_unmask = bool(actor and actor.can(Permission.MEMBERS_UNMASK))
        self.unmasked = QCheckBox(self.tr("Full names, ID numbers and mobiles (unmasked)"))
        self.unmasked.setObjectName("export_unmasked")
        self.unmasked.setEnabled(self.may_unmask)
        if not self.may_unmask:
            self.unmasked.setToolTip(self.tr("Your role may export masked data only."))
        self.unmasked.toggled.connect(self._refresh_reason)
        self.masked_note = QLabel(self.tr("Masked by default: 张*, 320***********001X, 138****5678."))
        self.masked_note.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("export_reason")
        self.reason.setPlaceholderText(self.tr("Why is this export needed? (recorded in the audit log)"))
        self.reason_hint = QLabel()
        self.reason_hint.setObjectName("export_reason_hint")
        self.reason_hint.setWordWrap(True)

        self.path = QLineEdit(str(self._default_path("xlsx")))
        self.path.setObjectName("export_path")
        self.path.editingFinished.connect(self._on_path_edited)
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.clicked.connect(self._on_choose)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.choose)

        self.status = QLabel()
        self.status.setObjectName("export_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton(self.tr("Open the folder"))
        self.open_folder.setObjectName("open_folder")
        self.open_folder.clicked.connect(self._on_open_folder)
        self.open_folder.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("export_button")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Format"), format_row)
        form.addRow(self.tr("File"), path_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Columns")))
        layout.addWidget(self.columns, 1)
        layout.addWidget(self.unmasked)
        layout.addWidget(self.masked_note)
        layout.addWidget(self.reason)
        layout.addWidget(self.reason_hint)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.open_folder)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self._refresh_reason()
        self._count()

    # --- the rows -------------------------------------------------------------------------------
    def _count(self) -> None:
        flt, store = self.flt, self.ctx.store
        actor = self.ctx.actor
        scope = actor.district_code if actor else None
        today = datetime.now(CHINA_TZ).date()

        def done(ids: list[str]) -> None:
            self._count_job = None
            if self._closing is not None:
                return
            self.rows = len(ids)
            self.scope.setText(self.tr("{n} case files match the current list filter.").format(n=self.rows))
            self._refresh_reason()

        def failed(exc: BaseException) -> None:
            self._count_job = None
            if self._closing is None and not isinstance(exc, Cancelled):
                self.scope.setText(self.tr("The case files could not be counted."))

        self._count_job = self.ops.run(
            lambda session, _p, _c: list_member_ids(session, flt, blind_index=store.blind_index, today=today,
                                                    scope_district=scope),
            on_done=done, on_error=failed, mode="read",
        )  # fmt: skip
        self._count_job.sig_finished.connect(self._after_job)

    @property
    def threshold(self) -> int:
        return self.ctx.settings.bulk_export_threshold

    def reason_needed(self) -> bool:
        return self.unmasked.isChecked() or (self.rows is not None and self.rows > self.threshold)

    def _refresh_reason(self) -> None:
        if self.unmasked.isChecked():
            hint = self.tr("An unmasked export needs a reason; it is recorded in the audit log with the export.")
        elif self.rows is not None and self.rows > self.threshold:
            hint = self.tr(
                "More than {threshold} rows: a reason is needed even for a masked export; it is recorded in the "
                "audit log."
            ).format(threshold=self.threshold)
        else:
            hint = self.tr("Every export is recorded in the audit log (who, when, which columns, how many rows).")
        self.reason_hint.setStyleSheet("")
        self.reason_hint.setText(hint)
        self.reason.setEnabled(True)

    # --- the file -------------------------------------------------------------------------------
    def _format(self) -> str:
        return "xlsx" if self.xlsx.isChecked() else "csv"

    def _default_path(self, fmt: str) -> Path:
        """<Documents>/会员名单-20260301.xlsx: a date, never a person's data; -2, -3... if taken."""
        stem = self.tr("case-list") + "-" + datetime.now(CHINA_TZ).strftime("%Y%m%d")
        folder = default_folder()
        path = folder / f"{stem}.{fmt}"
        n = 2
        while path.exists():
            path = folder / f"{stem}-{n}.{fmt}"
            n += 1
        return path

    def _on_format_changed(self) -> None:
        path = Path(self.path.text().strip()) if self.path.text().strip() else self._default_path(self._format())
        self.path.setText(str(path.with_suffix("." + self._format())))

    def _on_path_edited(self) -> None:
        suffix = Path(self.path.text().strip()).suffix.lower()
        if suffix == ".csv":
            self.csv.setChecked(True)
        elif suffix == ".xlsx":
            self.xlsx.setChecked(True)

    def _on_choose(self) -> None:
        fmt = self._format()
        pattern = self.tr("Excel workbook (*.xlsx)") if fmt == "xlsx" else self.tr("CSV file (*.csv)")
        chosen, _f = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text(), pattern)
        if chosen:
            path = Path(chosen)
            if path.suffix.lower() not in (".xlsx", ".csv"):
                path = path.with_name(path.name + "." + fmt)
            self.path.setText(str(path))
            self._on_path_edited()

    def chosen_columns(self) -> list[str]:
        out = []
        for i in range(self.columns.count()):
            item = self.columns.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_columns(self, keys: list[str]) -> None:
        for i in range(self.columns.count()):
            item = self.columns.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in keys
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # --- export ---------------------------------------------------------------------------------
    def _fail(self, text: str, *, focus_reason: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(text)
        if focus_reason:
            self.reason_hint.setStyleSheet(ERROR_STYLE)
            self.reason.setFocus()

    def start_export(self) -> None:
        if self.job is not None:
            return
        columns = self.chosen_columns()
        if not columns:
            self._fail(self.tr("Choose at least one column."))
            return
        text = self.path.text().strip()
        if not text:
            self._fail(self.tr("Choose where to save the file."))
            return
        path = Path(text)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + "." + self._format())
            self.path.setText(str(path))
        reason = " ".join(self.reason.text().split())
        if self.reason_needed() and len(reason) < MIN_REASON:
            self._fail(self.tr("Please type the reason for this export (at least two characters)."), focus_reason=True)
            return
        unmasked = self.unmasked.isChecked() and self.may_unmask
        flt, threshold = self.flt, self.threshold
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Exporting…"))
        self.open_folder.hide()
        self.export_button.setEnabled(False)
        self.job = self.ops.run(
            lambda uow, progress, cancel: export_members(
                uow, path=path, flt=flt, columns=columns, unmasked=unmasked, reason=reason or None,
                bulk_threshold=threshold, progress=progress, cancel=cancel,
            ),
            on_done=self._on_exported, on_error=self._on_failed, title=self.tr("Exporting the case list"),
            parent=self, progress_labels=labels.progress_step,
        )  # fmt: skip
        self.job.sig_finished.connect(self._after_job)

    def _on_exported(self, info: ExportInfo) -> None:
        self.job = None
        if self._closing is not None:
            return
        self.result_info = info
        self.export_button.setEnabled(True)
        kind = self.tr("masked") if info.masked else self.tr("unmasked")
        self.status.setStyleSheet("")
        self.status.setText(self.tr("{n} rows exported ({kind}) to {path}").format(n=info.rows, kind=kind,
                                                                                   path=str(info.path)))  # fmt: skip
        self.open_folder.show()

    def _on_failed(self, exc: BaseException) -> None:
        self.job = None
        if self._closing is not None:
            return
        self.export_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            self._fail(self.tr("The export was cancelled: no file was written."))
        elif isinstance(exc, ValidationError):
            self._fail(describe_all(exc), focus_reason=any(p.field == "reason" for p in exc.problems))
        elif isinstance(exc, (PermissionDenied, XzError)):
            self._fail(describe_all(exc))
        elif isinstance(exc, OSError):
            self._fail(self.tr("The file could not be written: {reason}").format(reason=exc.strerror or ""))
        else:
            self._fail(self.tr("The export failed."))
            show_error(self, exc)

    def _on_open_folder(self) -> None:
        if self.result_info is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_info.path.parent)))

    # --- closing --------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """A running export is cancelled (nothing written) and the dialog closes when it stopped."""
        running = [j for j in (self.job, self._count_job) if j is not None]
        if running:
            self._closing = result
            for job in running:
                job.stop()
            return
        super().done(result)

    def _after_job(self) -> None:
        QTimer.singleShot(0, self._maybe_close)  # after the job's own callbacks have run

    def _maybe_close(self) -> None:
        if self._closing is not None and self.job is None and self._count_job is None:
            result, self._closing = self._closing, None
            super().done(result)
