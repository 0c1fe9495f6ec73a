"""Rights requests (privacy officer): the list with due dates in working days, and handling:
new request, hand over a copy, correct or supplement the case file, explain the rules (a PDF for
the member), withdraw consents, erase, stop processing (partial), refuse, assign. Each kind shows
only the actions that fit it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Changes
from xzdesk.domain.members.dto import MemberInfo
from xzdesk.domain.members.service import member_info, reveal_member
from xzdesk.domain.privacy.codes import RequestKind
from xzdesk.domain.privacy.dto import ExplanationInfo, RightsRequestInfo
from xzdesk.domain.privacy.queries import list_requests
from xzdesk.domain.privacy.rights import (
    ERASURE_AREAS,
    assign_request,
    complete_access_request,
    complete_correction,
    complete_explanation,
    complete_withdrawal,
    erase_member_data,
    receive_request,
    refuse_request,
    stop_processing,
)
from xzdesk.domain.staff.codes import Permission, Role
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui import labels as core_labels
from xzdesk.ui.members.form import IDENTITY, field_label
from xzdesk.ui.ops import Ops
from xzdesk.ui.reason import ReasonDialog
from xzdesk.ui.reports import messages as words
from xzdesk.ui.reports.dialogs import (
    AssignDialog,
    ConfirmErasureDialog,
    CorrectionDialog,
    NewRequestDialog,
    WithdrawalDialog,
)
from xzdesk.ui.reports.models import RowsTableModel, alive, error_reporter
from xzdesk.ui.saved import announce_saved
from xzdesk.ui.table_model import setup_table

OVERDUE = "#b00020"
DUE_SOON = "#b36b00"


class RightsPanel(QWidget):
    sig_done = Signal(str)  # what finished: "received", "erased", ...

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.requests: list[RightsRequestInfo] = []
        self.model = RowsTableModel([
            self.tr("Received"), self.tr("Request"), self.tr("Member no."), self.tr("Channel"), self.tr("Due"),
            self.tr("Working days left"), self.tr("Handler"), self.tr("Status"),
        ], self)  # fmt: skip
        self.table = QTableView()
        self.table.setObjectName("requests_table")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.open_only = QCheckBox(self.tr("Open requests only"))
        self.open_only.setObjectName("open_only")
        self.open_only.toggled.connect(lambda _c: self.refresh())
        self.detail = QLabel()
        self.detail.setObjectName("request_detail")
        self.detail.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot in (
            ("new", self.tr("New request…"), self._on_new),
            ("export", self.tr("Hand over a copy…"), self._on_export),
            ("correct", self.tr("Correct…"), self._on_correct),
            ("explain", self.tr("Write the explanation…"), self._on_explain),
            ("withdraw", self.tr("Withdraw consents…"), self._on_withdraw),
            ("erase", self.tr("Erase…"), self._on_erase),
            ("partial", self.tr("Stop processing…"), self._on_partial),
            ("refuse", self.tr("Refuse…"), self._on_refuse),
            ("assign", self.tr("Assign…"), self._on_assign),
        ):
            button = QPushButton(text)
            button.setObjectName(f"rights_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.open_only)  # its own line: nine actions already fill a 1280-pixel row in English
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self._update_buttons()

    # --- list -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor, today, open_only = self.ctx.actor, core_labels.today(), self.open_only.isChecked()
        self.ops.run(lambda session, _p, _c: list_requests(session, actor=actor, today=today, open_only=open_only),
                     on_done=alive(self, self._on_loaded), on_error=error_reporter(self), mode="read")  # fmt: skip

    def _on_loaded(self, requests: list[RightsRequestInfo]) -> None:
        selected = self.selected()
        self.requests = requests
        rows, colours = [], []
        for r in requests:
            due = r.due_on.isoformat() + (" *" if r.due_provisional else "")
            left = str(r.working_days_left) if r.is_open else ""
            rows.append([r.received_on.isoformat(), words.kind(r.kind), r.member_no or self.tr("(erased)"),
                         words.channel(r.channel), due, left, r.handler_name or "", words.status(r.status)])  # fmt: skip
            colours.append(OVERDUE if r.overdue else DUE_SOON if r.is_open and r.working_days_left <= 3 else None)
        self.model.set_rows(rows, keys=[r.id for r in requests], colours=colours)
        if selected is not None:
            for i, r in enumerate(requests):
                if r.id == selected.id:
                    self.table.selectRow(i)
        self._update_buttons()

    def selected(self) -> RightsRequestInfo | None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        key = self.model.key_at(rows.pop())
        return next((r for r in self.requests if r.id == key), None)

    def select(self, request_id: str) -> None:
        for i, r in enumerate(self.requests):
            if r.id == request_id:
                self.table.selectRow(i)

    # The actions that carry out each kind of request (refuse and assign fit every kind).
    KIND_ACTIONS = {
        "export": RequestKind.ACCESS, "correct": RequestKind.CORRECTION, "explain": RequestKind.EXPLANATION,
        "withdraw": RequestKind.WITHDRAWAL, "erase": RequestKind.ERASURE, "partial": RequestKind.ERASURE,
    }  # fmt: skip

    def _update_buttons(self) -> None:
        r = self.selected()
        is_open = bool(r and r.is_open)
        for key, kind in self.KIND_ACTIONS.items():
            fits = r is None or r.kind == kind
            self.buttons[key].setVisible(fits)
            self.buttons[key].setEnabled(is_open and r is not None and r.kind == kind)
        self.buttons["refuse"].setEnabled(is_open)
        self.buttons["assign"].setEnabled(is_open)
        self.detail.setText(self._detail(r) if r else "")

    def _detail(self, r: RightsRequestInfo) -> str:
        parts = [self.tr("Recorded by {name} on {at}.").format(
            name=r.created_by_name or "—", at=r.created_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M"))]  # fmt: skip
        if r.due_provisional:
            parts.append(self.tr("* The due date is provisional: the public-holiday arrangement of that year is not "
                                 "known yet; plan with a margin."))  # fmt: skip
        if r.reason:
            parts.append(self.tr("Reason: {reason}").format(reason=r.reason))
        if r.closed_at:
            parts.append(self.tr("Closed by {name} on {at}.").format(
                name=r.closed_by_name or "—", at=r.closed_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")))  # fmt: skip
        if r.rows_erased is not None:
            parts.append(self.tr("{n} records erased on this computer.").format(n=r.rows_erased))
        if r.outcome_fields and r.kind == RequestKind.CORRECTION:
            parts.append(self.tr("Corrected: {fields}.").format(fields="、".join(field_label(f) for f in r.outcome_fields)))
        elif r.outcome_fields and r.kind == RequestKind.WITHDRAWAL:
            parts.append(self.tr("Consents withdrawn: {consents}.").format(
                consents="、".join(core_labels.consent(c) for c in r.outcome_fields)))  # fmt: skip
        return " ".join(parts)

    # --- actions ----------------------------------------------------------------------------------
    def _officers(self) -> list[Any]:
        return [s for s in self.ctx.staff() if s.role == Role.PRIVACY_OFFICER]

    def _after(self, what: str) -> Any:
        def done(_result: Any) -> None:
            self.refresh()
            self.sig_done.emit(what)

        return done

    def _on_new(self) -> None:
        me = self.ctx.actor.staff_id if self.ctx.actor else None
        dialog = NewRequestDialog(self._officers(), today=core_labels.today(), me=me, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        self.ops.run(lambda uow, _p, _c: receive_request(uow, **values),  # type: ignore[arg-type]
                     on_done=alive(self, self._after("received")), on_error=error_reporter(self))  # fmt: skip

    def _on_export(self) -> None:
        r = self.selected()
        if r is None:
            return
        reason = ReasonDialog(self.tr("Hand over a copy"), self.tr("Why is the data exported?"), parent=self)
        reason.reason.setText(self.tr("Member's request for a copy of their data"))
        if reason.exec() != QDialog.DialogCode.Accepted:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the member's data"))
        if folder:
            self.export_to(r.id, Path(folder), reason.text())

    def export_to(self, request_id: str, folder: Path, reason: str) -> None:
        self.ops.run(lambda uow, _p, _c: complete_access_request(uow, request_id=request_id, directory=folder, reason=reason),
                     on_done=alive(self, self._after("exported")), on_error=error_reporter(self),
                     title=self.tr("Exporting the member's data"), parent=self)  # fmt: skip

    def _with_case_file(self, then: Any) -> None:
        """Read the selected request's case file (masked), then `then(request, info)`."""
        r = self.selected()
        if r is None:
            return
        member_id = r.member_id
        self.ops.run(lambda uow, _p, _c: member_info(uow, member_id), on_done=alive(self, lambda info: then(r, info)),
                     on_error=error_reporter(self))  # fmt: skip

    def _on_correct(self) -> None:
        self._with_case_file(self._ask_correction)

    def _reveal_for(self, member_id: str) -> Any:
        actor = self.ctx.actor
        if actor is None or not actor.can(Permission.MEMBERS_UNMASK):
            return None

        def reveal(then: Any) -> None:
            reason = self._ask_reason(self.tr("Show identity"), self.tr("Why do you need the unmasked identity?"))
            if reason:
                self.ops.run(lambda uow, _p, _c: reveal_member(uow, member_id=member_id, fields=IDENTITY, reason=reason),
                             on_done=then, on_error=error_reporter(self))  # fmt: skip

        return reveal

    def _ask_correction(self, r: RightsRequestInfo, info: MemberInfo) -> None:
        dialog = CorrectionDialog(info, self.ctx.staff(), reveal=self._reveal_for(info.id), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.correct(r.id, dialog.changes(), base_version=info.version)

    def correct(self, request_id: str, changes: dict[str, Any], *, base_version: int | None = None) -> None:
        self.ops.run(lambda uow, _p, _c: complete_correction(uow, request_id=request_id, changes=changes,
                                                             base_version=base_version),
                     on_done=alive(self, self._after("corrected")), on_error=error_reporter(self))  # fmt: skip

    def _on_withdraw(self) -> None:
        self._with_case_file(self._ask_withdrawal)

    def _ask_withdrawal(self, r: RightsRequestInfo, info: MemberInfo) -> None:
        in_force = [c.type for c in info.consents if c.active]
        dialog = WithdrawalDialog(info.member_no, list(dict.fromkeys(in_force)), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.withdraw(r.id, dialog.chosen())

    def withdraw(self, request_id: str, types: list[str]) -> None:
        self.ops.run(lambda uow, _p, _c: complete_withdrawal(uow, request_id=request_id, types=types),
                     on_done=alive(self, self._after("withdrawn")), on_error=error_reporter(self))  # fmt: skip

    def _on_explain(self) -> None:
        r = self.selected()
        if r is None:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the explanation"))
        if folder:
            self.explain(r.id, Path(folder))

    def explain(self, request_id: str, folder: Path) -> None:
        def done(info: ExplanationInfo) -> None:
            self._after("explained")(info)
            announce_saved(self, info.path, title=self.tr("Explanation written"),
                           summary=self.tr("{pages} page(s) for member {member_no}. Hand it to the member; the "
                                           "request is closed.").format(pages=info.pages, member_no=info.member_no))  # fmt: skip

        self.ops.run(lambda uow, p, c: complete_explanation(uow, request_id=request_id, directory=folder, progress=p,
                                                            cancel=c),
                     on_done=alive(self, done), on_error=error_reporter(self),
                     title=self.tr("Writing the explanation"), parent=self)  # fmt: skip

    def _on_erase(self) -> None:
        r = self.selected()
        if r is None or not r.member_no:
            return
        if ConfirmErasureDialog(r.member_no, self).exec() == QDialog.DialogCode.Accepted:
            self.erase(r.id)

    def erase(self, request_id: str) -> None:
        actor = self.ctx.actor
        self.ops.run(
            lambda ctx, progress, cancel: erase_member_data(ctx.store, actor, request_id=request_id, progress=progress,
                                                            cancel=cancel),
            on_done=alive(self, self._after("erased")), on_error=error_reporter(self), mode="bare",
            changes=Changes.of(*ERASURE_AREAS), title=self.tr("Erasing the member"), parent=self,
        )  # fmt: skip

    def _ask_reason(self, title: str, prompt: str) -> str | None:
        dialog = ReasonDialog(title, prompt, parent=self)
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _on_partial(self) -> None:
        r = self.selected()
        reason = r and self._ask_reason(self.tr("Stop processing"), self.tr(
            "The data must be kept (name the legal retention duty). The case file is archived and every "
            "consent withdrawn; nothing is deleted."))  # fmt: skip
        if r and reason:
            self.ops.run(lambda uow, _p, _c: stop_processing(uow, request_id=r.id, reason=reason),
                         on_done=alive(self, self._after("partial")), on_error=error_reporter(self))  # fmt: skip

    def _on_refuse(self) -> None:
        r = self.selected()
        reason = r and self._ask_reason(self.tr("Refuse the request"), self.tr("Why is the request refused?"))
        if r and reason:
            self.ops.run(lambda uow, _p, _c: refuse_request(uow, request_id=r.id, reason=reason),
                         on_done=alive(self, self._after("refused")), on_error=error_reporter(self))  # fmt: skip

    def _on_assign(self) -> None:
        r = self.selected()
        if r is None:
            return
        dialog = AssignDialog(self._officers(), r.handler_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.handler.currentData():
            handler = dialog.handler.currentData()
            self.ops.run(lambda uow, _p, _c: assign_request(uow, request_id=r.id, handler_id=handler),
                         on_done=alive(self, self._after("assigned")), on_error=error_reporter(self))  # fmt: skip
