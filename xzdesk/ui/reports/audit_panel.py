"""Audit-log viewer (auditor): filters by member number, action, staff and dates; the hash chain
is verified and its result shown."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.privacy.dto import AuditFilter, ChainInfo
from xzdesk.domain.privacy.queries import audit_actions, chain_status
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.ui.ops import Ops
from xzdesk.ui.reports import messages as words
from xzdesk.ui.reports.dialogs import qdate, to_date
from xzdesk.ui.reports.models import AuditTableModel, alive, error_reporter
from xzdesk.ui.table_model import setup_table

FILTER_DELAY_MS = 250


class AuditPanel(QWidget):
    sig_choices_filled = Signal()  # the action codes of the log are in the filter's list

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.chain: ChainInfo | None = None
        self.model = AuditTableModel(ctx, ops, self)
        self.model.sig_loaded.connect(self._on_loaded)
        today = datetime.now(CHINA_TZ).date()
        self.member_no = QLineEdit()
        self.member_no.setObjectName("audit_member_no")
        self.member_no.setPlaceholderText(self.tr("Member no."))
        self.member_no.setClearButtonEnabled(True)
        self.action = QComboBox()
        self.action.setObjectName("audit_action")
        self.staff = QComboBox()
        self.staff.setObjectName("audit_staff")
        self.use_from = QCheckBox(self.tr("From"))
        self.use_from.setObjectName("audit_use_from")
        self.date_from = QDateEdit(qdate(today - timedelta(days=30)))
        self.use_to = QCheckBox(self.tr("to"))
        self.use_to.setObjectName("audit_use_to")
        self.date_to = QDateEdit(qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.verify_button = QPushButton(self.tr("Verify the chain"))
        self.verify_button.setObjectName("verify_chain")
        self.verify_button.clicked.connect(self.verify)
        self.chain_label = QLabel()
        self.chain_label.setObjectName("chain_status")
        self.count = QLabel()
        self.count.setObjectName("audit_count")
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.member_no.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.action, self.staff):
            combo.currentIndexChanged.connect(lambda _i: self._timer.start())
        for box in (self.use_from, self.use_to):
            box.toggled.connect(lambda _c: self._timer.start())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._timer.start())

        self.table = QTableView()
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        setup_table(self.table, resize=QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(2, 200)
        bar = QHBoxLayout()
        for w in (self.member_no, self.action, self.staff, self.use_from, self.date_from, self.use_to, self.date_to):
            bar.addWidget(w)
        bar.addStretch(1)
        chain = QHBoxLayout()
        chain.addWidget(self.verify_button)
        chain.addWidget(self.chain_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(chain)
        self.fill_choices()

    def fill_choices(self) -> None:
        """The staff at once (a short list); the action codes found in the log from a reader
        thread (they take a pass over the whole log). `sig_choices_filled` says when both are in."""
        current_staff = self.staff.currentData()
        self.staff.blockSignals(True)
        self.staff.clear()
        self.staff.addItem(self.tr("All staff"), None)
        for s in self.ctx.staff():
            self.staff.addItem(s.display_name, s.id)
        self.staff.setCurrentIndex(max(0, self.staff.findData(current_staff)))
        self.staff.blockSignals(False)
        actor = self.ctx.actor
        self.ops.run(lambda s, _p, _c: audit_actions(s, actor=actor), on_done=alive(self, self._fill_actions),
                     on_error=alive(self, lambda _e: self._fill_actions([])), mode="read")  # fmt: skip

    def _fill_actions(self, codes: list[str]) -> None:
        """No codes without the permission yet (the page guards the panel): the list stays short."""
        current_action = self.action.currentData()
        self.action.blockSignals(True)
        self.action.clear()
        self.action.addItem(self.tr("All actions"), "")
        families = sorted({c.split(".", 1)[0] + "." for c in codes if "." in c})
        for prefix in families:
            self.action.addItem(self.tr("All “{family}” actions").format(family=prefix.rstrip(".")), prefix)
        for code in codes:
            self.action.addItem(f"{words.action(code)} ({code})", code)
        self.action.setCurrentIndex(max(0, self.action.findData(current_action)))
        self.action.blockSignals(False)
        self.sig_choices_filled.emit()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            member_no=self.member_no.text(), action=self.action.currentData() or "", staff_id=self.staff.currentData(),
            date_from=to_date(self.date_from.date()) if self.use_from.isChecked() else None,
            date_to=to_date(self.date_to.date()) if self.use_to.isChecked() else None,
        )  # fmt: skip

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter(), on_error=error_reporter(self))

    def refresh(self) -> None:
        self.fill_choices()
        self.apply_filter()

    def _on_loaded(self, n: int) -> None:
        self.count.setText(self.tr("{n} entries").format(n=n))

    def verify(self) -> None:
        actor = self.ctx.actor
        self.chain_label.setText(self.tr("Verifying…"))
        self.ops.run(lambda session, _p, _c: chain_status(session, actor=actor),
                     on_done=alive(self, self._on_chain), on_error=error_reporter(self), mode="read")  # fmt: skip

    def _on_chain(self, info: ChainInfo) -> None:
        self.chain = info
        if info.intact:
            self.chain_label.setText(self.tr("Hash chain intact: {n} entries, none altered or missing.").format(n=info.entries))
            self.chain_label.setStyleSheet("color: #1b5e20;")
        else:
            self.chain_label.setText(self.tr("Hash chain broken at entry {seq}: the log was altered or an entry is "
                                             "missing.").format(seq=info.first_broken_seq))  # fmt: skip
            self.chain_label.setStyleSheet("color: #b00020; font-weight: bold;")
