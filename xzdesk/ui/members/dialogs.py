"""Dialogs of the case-file area: new member, reveal reason, verification, follow-up."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.errors import ValidationError
from xzdesk.domain.members import codes
from xzdesk.domain.members.dto import MemberDraft, MemberInfo
from xzdesk.domain.members.service import register_member
from xzdesk.domain.privacy.notices import SAFETY_NOTICE
from xzdesk.ui import labels
from xzdesk.ui.members.form import ConsentChecks, MemberForm
from xzdesk.ui.messages import describe_all, show_error
from xzdesk.ui.ops import Ops


def confirm_discard(parent: QWidget, title: str, text: str) -> bool:
    """Ask before typed data is dropped: True to discard, False to keep editing (the default)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, parent)  # fmt: skip
    box.button(QMessageBox.StandardButton.Discard).setText(QCoreApplication.translate("Members", "Discard"))
    box.button(QMessageBox.StandardButton.Cancel).setText(QCoreApplication.translate("Members", "Keep editing"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Discard


class NewMemberDialog(QDialog):
    """Register a member: the full form, consents, and the anti-fraud notice (domain.md).

    Cancel, Esc and closing the window ask before anything typed is dropped."""

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.result_info: MemberInfo | None = None
        self.setWindowTitle(self.tr("New case file"))
        self.resize(720, 760)
        self.form = MemberForm(staff=ctx.staff(), new=True)
        if ctx.actor and ctx.actor.district_code:
            from xzdesk.ui.members.form import _set_combo

            _set_combo(self.form.editors["district_code"], ctx.actor.district_code)
            _set_combo(self.form.editors["matchmaker_id"], ctx.actor.staff_id)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.consents = ConsentChecks()
        notice = QLabel(SAFETY_NOTICE)
        notice.setWordWrap(True)
        notice.setStyleSheet("background: #fff4e5; padding: 6px; border: 1px solid #f0c36d;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel(self.tr("Consents given by the member:")))
        layout.addWidget(self.consents)
        layout.addWidget(notice)
        layout.addWidget(self.buttons)
        self._pristine = self._snapshot()

    def _snapshot(self) -> tuple[Any, ...]:
        return (self.form.values(), self.consents.chosen(), self.consents.channel.currentData())

    def has_typed_data(self) -> bool:
        return self._snapshot() != self._pristine

    def reject(self) -> None:
        """Cancel, Esc and the window's close button all come here."""
        if self.result_info is None and self.has_typed_data() and not confirm_discard(
            self, self.windowTitle(), self.tr("Discard what you typed for this new case file?")
        ):
            return
        super().reject()

    def _on_save(self) -> None:
        problems = self.form.validate()
        if any(not p.warning for p in problems):
            self.form.focus_first_problem()
            QMessageBox.warning(self, self.windowTitle(), describe_all(ValidationError(self.form.blocking_problems())))
            return
        values = self.form.values()
        draft = MemberDraft(**{k: v for k, v in values.items() if k in MemberDraft.__dataclass_fields__})
        consents = self.consents.chosen()
        channel = self.consents.channel.currentData()
        self.buttons.setEnabled(False)
        self.ops.run(
            lambda uow, _p, _c: register_member(uow, draft=draft, consents=consents, channel=channel),
            on_done=self._on_saved,
            on_error=self._on_error,
            title=self.tr("Saving"),
            parent=self,
        )

    def _on_saved(self, info: MemberInfo) -> None:
        self.result_info = info
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self, exc)


class VerificationDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a verification"))
        self.kind = QComboBox()
        for k in codes.VerificationKind:
            self.kind.addItem(labels.verification(k.value), k.value)
        self.evidence = QComboBox()
        self.remark = QLineEdit()
        self.kind.currentIndexChanged.connect(self._fill_evidence)
        self._fill_evidence()
        form = QFormLayout(self)
        form.addRow(self.tr("What was checked"), self.kind)
        form.addRow(self.tr("Evidence"), self.evidence)
        form.addRow(self.tr("Remark"), self.remark)
        form.addRow(QLabel(self.tr("ID card images are never stored: record only that the card was seen.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _fill_evidence(self) -> None:
        self.evidence.clear()
        for ev in sorted(codes.EVIDENCE_FOR[codes.VerificationKind(self.kind.currentData())]):
            self.evidence.addItem(labels.evidence(ev.value), ev.value)


class FollowUpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New follow-up"))
        self.title = QLineEdit(self.tr("Follow-up call"))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        soon = date.today() + timedelta(days=7)
        self.due.setDate(QDate(soon.year, soon.month, soon.day))
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Due"), self.due)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def due_date(self) -> date:
        d = self.due.date()
        return date(d.year(), d.month(), d.day())
