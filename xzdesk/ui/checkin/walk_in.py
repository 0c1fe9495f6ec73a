"""Walk-in registration at the venue: minimum fields, consent capture, number plate, and the
badge printed on the spot (a PDF the system opens for printing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.checkin.dto import WalkInDraft, WalkInInfo
from xzdesk.domain.checkin.queries import event_code
from xzdesk.domain.checkin.service import print_venue_badge, register_walk_in
from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.members import codes
from xzdesk.domain.printing import PrintReportInfo
from xzdesk.ui import labels
from xzdesk.ui.messages import describe, show_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.saved import open_path, prints_folder

FIELDS = ("name", "id_number", "mobile", "district_code", "nickname")
OPTIONAL_CONSENTS = ("matching", "share_profile", "sensitive")


class WalkInDialog(QDialog):
    """Register a walk-in, check them in, print their badge. `result_info` holds the outcome."""

    def __init__(self, ctx: AppContext, ops: Ops, event_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops, self.event_id = ctx, ops, event_id
        self.result_info: WalkInInfo | None = None
        self.badge_path: Path | None = None
        self.setWindowTitle(self.tr("Walk-in registration"))
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.problems: dict[str, QLabel] = {}
        form = QFormLayout()
        captions = {
            "name": self.tr("Name"),
            "id_number": self.tr("ID number"),
            "mobile": self.tr("Mobile"),
            "district_code": self.tr("District"),
            "nickname": self.tr("Nickname (optional)"),
        }
        for name in FIELDS:
            if name == "district_code":
                editor: QLineEdit | QComboBox = QComboBox()
                editor.addItem("", None)
                for code, title in codes.DISTRICTS.items():
                    editor.addItem(title, code)
                if ctx.actor and ctx.actor.district_code:
                    editor.setCurrentIndex(editor.findData(ctx.actor.district_code))
            else:
                editor = QLineEdit()
            editor.setObjectName(f"walk_in_{name}")
            self.editors[name] = editor
            problem = QLabel()
            problem.setStyleSheet("color: #c62828;")
            problem.setWordWrap(True)
            problem.hide()
            self.problems[name] = problem
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(problem)
            form.addRow(captions[name], box)
        self.basic = QCheckBox(labels.consent("basic"))
        self.basic.setObjectName("walk_in_consent_basic")
        self.optional = {c: QCheckBox(labels.consent(c)) for c in OPTIONAL_CONSENTS}
        self.problems["consents"] = QLabel()
        self.problems["consents"].setStyleSheet("color: #c62828;")
        self.problems["consents"].hide()
        notice = QLabel(self.tr("Read the privacy notice to the person (or let them read it) before ticking "
                                "their consent. Basic processing is required; the others are their choice."))  # fmt: skip
        notice.setWordWrap(True)
        self.general = QLabel()
        self.general.setStyleSheet("color: #c62828;")
        self.general.setWordWrap(True)
        self.general.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = self.buttons.addButton(self.tr("Register, check in and print badge"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        self.save.setObjectName("walk_in_save")
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Consents given on the spot:")))
        layout.addWidget(notice)
        layout.addWidget(self.basic)
        for box in self.optional.values():
            layout.addWidget(box)
        layout.addWidget(self.problems["consents"])
        layout.addWidget(self.general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def draft(self) -> WalkInDraft:
        values: dict[str, str | None] = {}
        for name, editor in self.editors.items():
            raw = editor.currentData() if isinstance(editor, QComboBox) else editor.text().strip()
            values[name] = raw or None
        consents = (["basic"] if self.basic.isChecked() else []) + [c for c, b in self.optional.items() if b.isChecked()]
        return WalkInDraft(**values, consents=tuple(consents))  # type: ignore[arg-type]

    def _clear_problems(self) -> None:
        for label in (*self.problems.values(), self.general):
            label.clear()
            label.hide()

    def _on_save(self) -> None:
        self._clear_problems()
        draft, event_id = self.draft(), self.event_id
        self.save.setEnabled(False)
        self.ops.run(lambda uow, _p, _c: register_walk_in(uow, event_id=event_id, draft=draft),
                     on_done=self._on_registered, on_error=self._on_error, title=self.tr("Registering"), parent=self)  # fmt: skip

    def _on_error(self, exc: BaseException) -> None:
        self.save.setEnabled(True)
        if isinstance(exc, ValidationError):
            for problem in exc.problems:
                label = self.problems.get(problem.field, self.general)
                label.setText((label.text() + "\n" if label.text() else "") + describe(problem))
                label.show()
            first = next((self.editors[p.field] for p in exc.problems if p.field in self.editors), None)
            if first is not None:
                first.setFocus()
            return
        if isinstance(exc, XzError):
            self.general.setText(describe(exc))
            self.general.show()
            return
        show_error(self, exc)

    def _on_registered(self, info: WalkInInfo) -> None:
        self.result_info = info
        code = self.ops.peek(event_code, event_id=self.event_id) or "EVENT"
        path = prints_folder(self.ctx) / f"badge-{code}-{info.plate}.pdf"
        registration_id = info.registration_id
        self.ops.run(lambda uow, _p, _c: print_venue_badge(uow, registration_id=registration_id, out=path),
                     on_done=lambda report: self._on_printed(path, report), on_error=self._on_print_error)  # fmt: skip

    def _on_printed(self, path: Path, _report: PrintReportInfo) -> None:
        self.badge_path = path
        open_path(path)
        self.accept()

    def _on_print_error(self, exc: BaseException) -> None:
        # registered and checked in already: say so, and let them reprint from the list
        show_error(self, exc, title=self.tr("The badge could not be printed"))
        self.accept()
