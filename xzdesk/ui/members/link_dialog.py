"""LinkRequestDialog: someone already on file registered in the member web app; the matchmaker
compares the case file with what was registered online (both masked, side by side, with a mark
where they differ) and confirms the link or rejects it with a reason the member reads online.

The dialog only decides: the caller runs `confirm_link` / `reject_link` as one unit of work."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xzdesk.domain.members.codes import LINK_REASON_MAX, LinkStatus
from xzdesk.domain.members.dto import LinkRequestInfo
from xzdesk.ui import labels
from xzdesk.ui.messages import register_param
from xzdesk.ui.reason import ReasonDialog
from xzdesk.ui.table_model import setup_table

DIFFERENT = QColor("#b00020")


def link_status(code: str) -> str:
    return {
        LinkStatus.PENDING.value: QCoreApplication.translate("LinkRequest", "awaiting your check"),
        LinkStatus.CONFIRMED.value: QCoreApplication.translate("LinkRequest", "confirmed"),
        LinkStatus.REJECTED.value: QCoreApplication.translate("LinkRequest", "rejected"),
    }.get(code, code)


register_param("members.link_decided", "status", link_status)


def field_name(field: str) -> str:
    return {
        "name": QCoreApplication.translate("LinkRequest", "Name"),
        "id_number": QCoreApplication.translate("LinkRequest", "ID number"),
        "mobile": QCoreApplication.translate("LinkRequest", "Mobile"),
        "sex": QCoreApplication.translate("LinkRequest", "Sex"),
        "birth_year": QCoreApplication.translate("LinkRequest", "Year of birth"),
        "district_code": QCoreApplication.translate("LinkRequest", "District"),
        "base_union": QCoreApplication.translate("LinkRequest", "Base union"),
        "employer": QCoreApplication.translate("LinkRequest", "Employer"),
    }.get(field, field)


def value_text(field: str, value: Any) -> str:
    if value in (None, ""):
        return "—"
    if field == "sex":
        return labels.sex(int(value))
    if field == "district_code":
        return labels.district(str(value))
    return str(value)


def banner_text(info: LinkRequestInfo) -> str:
    """One line for the case file's header: where the newest link request stands."""
    when = labels.local_time(info.created_at)
    if info.pending:
        return QCoreApplication.translate(
            "LinkRequest", "Someone registered in the member web app as this person on {when}: check and decide."
        ).format(when=when)
    if info.status == LinkStatus.CONFIRMED:
        return QCoreApplication.translate("LinkRequest", "Online account linked by {who} on {when}.").format(
            who=info.decided_by_name or "—", when=labels.local_time(info.decided_at))
    return QCoreApplication.translate("LinkRequest", "Online link request rejected by {who} on {when}: {reason}").format(
        who=info.decided_by_name or "—", when=labels.local_time(info.decided_at), reason=info.reason or "")


class LinkRequestDialog(QDialog):
    """`decision` after exec(): "confirm" or "reject" (then `reason`), else None."""

    def __init__(self, info: LinkRequestInfo, member_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.decision: str | None = None
        self.reason = ""
        self.setWindowTitle(self.tr("Online link request: {member_no}").format(member_no=member_no))
        intro = QLabel(self.tr(
            "Someone who says they are this member registered in the member web app. Compare what they gave "
            "with the case file, then check with the person (by phone or at the office) before you decide. "
            "Confirming ties their online account to this case file: they will see it, its checks and "
            "their history online."))  # fmt: skip
        intro.setWordWrap(True)
        self.table = QTableWidget(len(info.rows), 3)
        self.table.setObjectName("link_compare")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Case file"), self.tr("Registered online")])
        setup_table(self.table, selectable=False)
        for r, row in enumerate(info.rows):
            cells = (field_name(row.field), value_text(row.field, row.case_value), value_text(row.field, row.online_value))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not row.same and c > 0:
                    item.setForeground(QBrush(DIFFERENT))
                    item.setToolTip(self.tr("Different from the case file"))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.setMinimumHeight(self.table.verticalHeader().length() + self.table.horizontalHeader().height() + 4)
        differ = sum(1 for row in info.rows if not row.same)
        summary = QLabel()
        summary.setObjectName("link_summary")
        summary.setWordWrap(True)
        if not info.same_id:
            summary.setText(self.tr("The ID number given online is not this case file's: only the phone number "
                                    "matched, and an account is never linked by the phone alone. Reject the "
                                    "request and tell the person what to do."))  # fmt: skip
            summary.setStyleSheet("color: #b00020;")
        elif differ:
            summary.setText(self.tr("The ID number is the same; {n} other entries differ (in red). Ask the person "
                                    "before you confirm.").format(n=differ))  # fmt: skip
        else:
            summary.setText(self.tr("The ID number and every entry above are the same."))
        self.confirm_button = QPushButton(self.tr("Confirm link"))
        self.confirm_button.setObjectName("link_confirm")
        self.confirm_button.setEnabled(info.same_id)
        self.reject_button = QPushButton(self.tr("Reject…"))
        self.reject_button.setObjectName("link_reject")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.reject_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.confirm_button.clicked.connect(self._on_confirm)
        self.reject_button.clicked.connect(self._on_reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(summary)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _on_confirm(self) -> None:
        self.decision = "confirm"
        self.accept()

    def _on_reject(self) -> None:
        dialog = ReasonDialog(
            self.tr("Reject the link request"),
            self.tr("The member reads this reason online. Say why, and what they should do next."),
            self, placeholder=self.tr("e.g. please bring your ID card to the district office"),
        )  # fmt: skip
        dialog.reason.setMaxLength(LINK_REASON_MAX)
        if not dialog.exec():
            return
        self.decision, self.reason = "reject", dialog.text()
        self.accept()
