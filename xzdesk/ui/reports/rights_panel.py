"""Rights requests (privacy officer): the list with due dates in working days, and handling:
new request, hand over a copy, erase, stop processing (partial), refuse, assign."""

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
from xzdesk.domain.privacy.rights import (
    ERASURE_AREAS,
    assign_request,
    complete_access_request,
    erase_member_data,
    receive_request,
    refuse_request,
    stop_processing,
)
from xzdesk.domain.privacy.rights_dto import RequestKind, RightsRequestInfo
from xzdesk.domain.privacy.rights_queries import list_requests
from xzdesk.domain.staff.models import Role
from xzdesk.domain.store.uow import CHINA_TZ
from xzdesk.ui import labels as core_labels
from xzdesk.ui.ops import Ops
from xzdesk.ui.reason import ReasonDialog
from xzdesk.ui.reports import messages as words
from xzdesk.ui.reports.dialogs import AssignDialog, ConfirmErasureDialog, NewRequestDialog
from xzdesk.ui.reports.models import RowsTableModel, alive, error_reporter
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
        bar.addWidget(self.open_only)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
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

    def _update_buttons(self) -> None:
        r = self.selected()
        is_open = bool(r and r.is_open)
        self.buttons["export"].setEnabled(is_open and r is not None and r.kind == RequestKind.ACCESS)
        self.buttons["erase"].setEnabled(is_open and r is not None and r.kind == RequestKind.ERASURE)
        self.buttons["partial"].setEnabled(is_open and r is not None and r.kind == RequestKind.ERASURE)
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
            changed=set(ERASURE_AREAS), title=self.tr("Erasing the member"), parent=self,
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
