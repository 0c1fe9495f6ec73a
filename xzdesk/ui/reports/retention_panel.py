"""Retention review (matchmaker): members inactive for 24 months or married; keep (with a reason),
archive, or ask the privacy officer to erase."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.privacy.dto import RetentionRow
from xzdesk.domain.privacy.queries import retention_queue
from xzdesk.domain.privacy.rights import confirm_retention
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui import labels
from xzdesk.ui.ops import Ops
from xzdesk.ui.reason import ReasonDialog
from xzdesk.ui.reports import messages as words
from xzdesk.ui.reports.models import RowsTableModel, alive, error_reporter
from xzdesk.ui.table_model import setup_table


class RetentionPanel(QWidget):
    sig_done = Signal(str)

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.rows: list[RetentionRow] = []
        self.model = RowsTableModel([
            self.tr("Member no."), self.tr("Name"), self.tr("District"), self.tr("Status"), self.tr("Last activity"),
            self.tr("Why"), self.tr("Matchmaker"), self.tr("Erasure requested"),
        ], self)  # fmt: skip
        self.table = QTableView()
        self.table.setObjectName("retention_table")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.mine = QCheckBox(self.tr("Only my case files"))
        self.mine.setObjectName("only_mine")
        self.mine.toggled.connect(lambda _c: self.refresh())
        self.count = QLabel()
        self.count.setObjectName("retention_count")
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot in (
            ("keep", self.tr("Keep…"), self._on_keep),
            ("archive", self.tr("Archive…"), self._on_archive),
            ("erase", self.tr("Ask for erasure…"), self._on_erase),
        ):
            button = QPushButton(text)
            button.setObjectName(f"retention_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.mine)
        hint = QLabel(self.tr(
            "Members inactive for 24 months, or married, are reviewed here. Keeping a member needs a reason and "
            "restarts the 24 months; an erasure is carried out by the privacy officer."
        ))  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._update_buttons()

    def refresh(self) -> None:
        actor = self.ctx.actor
        mine = actor.staff_id if actor and self.mine.isChecked() else None
        now = datetime.now(UTC)
        self.ops.run(lambda session, _p, _c: retention_queue(session, actor=actor, now=now, matchmaker_id=mine),
                     on_done=alive(self, self._on_loaded), on_error=error_reporter(self), mode="read")  # fmt: skip

    def _on_loaded(self, rows: list[RetentionRow]) -> None:
        self.rows = rows
        self.model.set_rows([
            [r.member_no, r.name_masked, labels.district(r.district_code), labels.status(r.status),
             r.last_activity_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d"),
             "、".join(words.retention_reason(x) for x in r.reasons), r.matchmaker_name or "",
             self.tr("yes") if r.erasure_requested else ""]
            for r in rows
        ], keys=[r.member_id for r in rows])  # fmt: skip
        self.count.setText(self.tr("{n} members to review").format(n=len(rows)))
        self._update_buttons()

    def selected(self) -> RetentionRow | None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        key = self.model.key_at(rows.pop())
        return next((r for r in self.rows if r.member_id == key), None)

    def _update_buttons(self) -> None:
        r = self.selected()
        for key in ("keep", "archive"):
            self.buttons[key].setEnabled(r is not None)
        self.buttons["erase"].setEnabled(r is not None and not r.erasure_requested)

    def decide(self, member_id: str, decision: str, reason: str | None) -> None:
        def done(_result: Any) -> None:
            self.refresh()
            self.sig_done.emit(decision)

        self.ops.run(lambda uow, _p, _c: confirm_retention(uow, member_id=member_id, decision=decision, reason=reason),
                     on_done=alive(self, done), on_error=error_reporter(self))  # fmt: skip

    def _on_keep(self) -> None:
        r = self.selected()
        dialog = ReasonDialog(self.tr("Keep the case file"), self.tr("Why is the case file kept?"), parent=self)
        if r and dialog.exec() == QDialog.DialogCode.Accepted:
            self.decide(r.member_id, "keep", dialog.text())

    def _on_archive(self) -> None:
        r = self.selected()
        if r is None:
            return
        answer = QMessageBox.question(self, self.tr("Archive the case file"), self.tr(
            "Archive case file {member_no}? It leaves matching and lists but stays stored.").format(member_no=r.member_no))  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.decide(r.member_id, "archive", None)

    def _on_erase(self) -> None:
        r = self.selected()
        dialog = ReasonDialog(self.tr("Ask for erasure"), self.tr(
            "An erasure request goes to the privacy officer, due in 15 working days. Why?"), optional=True, parent=self)  # fmt: skip
        if r and dialog.exec() == QDialog.DialogCode.Accepted:
            self.decide(r.member_id, "erase", dialog.text() or None)
