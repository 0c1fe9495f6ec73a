"""MemberEditor: one case file — fields, verification and consent, notes, follow-ups.

Shows masked identifiers; "Show" asks for a reason and reveals them through the audited service.
Every change is one service call through `Ops` (one transaction); the editor reloads the case
from the returned DTO.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.errors import ValidationError
from xzdesk.domain.members import codes
from xzdesk.domain.members.dto import MemberInfo
from xzdesk.domain.members.service import (
    add_follow_up,
    add_note,
    change_status,
    complete_follow_up,
    confirm_link,
    grant_consent,
    member_info,
    record_verification,
    reject_link,
    reveal_member,
    set_fraud_flag,
    update_member,
    withdraw_consent,
)
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui import labels
from xzdesk.ui.members.dialogs import FollowUpDialog, VerificationDialog, confirm_discard
from xzdesk.ui.members.form import IDENTITY, MemberForm, form_changes
from xzdesk.ui.members.link_dialog import LinkRequestDialog, banner_text
from xzdesk.ui.messages import describe_all, show_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.reason import ReasonDialog
from xzdesk.ui.table_model import setup_table


class MemberEditor(QWidget):
    sig_saved = Signal(str)  # member id

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.info: MemberInfo | None = None
        self._revealed: dict[str, Any] = {}

        self.title = QLabel()
        self.title.setObjectName("editor_title")
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badges = QLabel()
        self.badges.setObjectName("editor_badges")
        for label in (self.title, self.badges):
            label.setWordWrap(True)  # the header wraps rather than widen the screen
        self.reveal_button = QPushButton(self.tr("Show identity…"))
        self.reveal_button.setObjectName("reveal")
        self.reveal_button.clicked.connect(self._on_reveal)
        self.status_button = QToolButton()
        self.status_button.setText(self.tr("Status"))
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self)
        self.status_button.setMenu(self.status_menu)
        self.flag_button = QPushButton(self.tr("Flag suspected fraud…"))
        self.flag_button.clicked.connect(self._on_flag)
        # Two rows: who it is (number, name, sex, age and the badges) never competes with the buttons.
        head = QVBoxLayout()
        who = QHBoxLayout()
        who.addWidget(self.title)
        who.addWidget(self.badges, 1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.reveal_button)
        actions.addWidget(self.status_button)
        actions.addWidget(self.flag_button)
        head.addLayout(who)
        head.addLayout(actions)
        # Someone registered online as this person: shown until decided, then what was decided.
        self.link_label = QLabel()
        self.link_label.setObjectName("link_banner")
        self.link_label.setWordWrap(True)
        self.link_button = QPushButton(self.tr("Check and decide…"))
        self.link_button.setObjectName("link_check")
        self.link_button.clicked.connect(self._on_link_request)
        self.link_row = QWidget()
        link_layout = QHBoxLayout(self.link_row)
        link_layout.setContentsMargins(0, 0, 0, 0)
        link_layout.addWidget(self.link_label, 1)
        link_layout.addWidget(self.link_button)
        self.link_row.hide()
        head.addWidget(self.link_row)

        self.form = MemberForm(staff=ctx.staff(), new=False)
        self.form.sig_edited.connect(self._update_buttons)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self._on_save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self._on_revert)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: #b00020;")
        form_tab = QWidget()
        fl = QVBoxLayout(form_tab)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        fl.addLayout(buttons)

        self.tabs = QTabWidget()
        self.tabs.addTab(form_tab, self.tr("Profile"))
        self.tabs.addTab(self._build_checks_tab(), self.tr("Verification and consent"))
        self.tabs.addTab(self._build_notes_tab(), self.tr("Notes"))
        self.tabs.addTab(self._build_follow_tab(), self.tr("Follow-ups"))

        self.empty = QLabel(self.tr("Choose a case file from the list, or create a new one."))
        self.empty.setObjectName("editor_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.body = QWidget()
        bl = QVBoxLayout(self.body)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addLayout(head)
        bl.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        self.body.hide()

    # --- tabs ---------------------------------------------------------------------------------
    def _build_checks_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("Verification facts")))
        self.verif_table = QTableWidget(0, 4)
        self.verif_table.setHorizontalHeaderLabels([self.tr("Check"), self.tr("Evidence"), self.tr("By"), self.tr("When")])
        setup_table(self.verif_table, resize=QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.verif_table)
        add_verif = QPushButton(self.tr("Record a verification…"))
        add_verif.clicked.connect(self._on_add_verification)
        layout.addWidget(add_verif, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(QLabel(self.tr("Consents")))
        self.consent_table = QTableWidget(0, 5)
        self.consent_table.setHorizontalHeaderLabels(
            [self.tr("Consent"), self.tr("Notice"), self.tr("Granted"), self.tr("Channel"), self.tr("Withdrawn")]
        )
        setup_table(self.consent_table, resize=QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.consent_table)
        row = QHBoxLayout()
        self.grant_button = QToolButton()
        self.grant_button.setText(self.tr("Record consent"))
        self.grant_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.withdraw_button = QToolButton()
        self.withdraw_button.setText(self.tr("Withdraw consent"))
        self.withdraw_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        grant_menu, withdraw_menu = QMenu(self), QMenu(self)
        for c in codes.ConsentType:
            grant_menu.addAction(labels.consent(c.value), lambda c=c.value: self._on_grant(c))
            withdraw_menu.addAction(labels.consent(c.value), lambda c=c.value: self._on_withdraw(c))
        self.grant_button.setMenu(grant_menu)
        self.withdraw_button.setMenu(withdraw_menu)
        row.addWidget(self.grant_button)
        row.addWidget(self.withdraw_button)
        row.addStretch(1)
        layout.addLayout(row)
        return tab

    def _build_notes_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.notes_view = QTextBrowser()
        self.notes_view.setObjectName("notes")
        layout.addWidget(self.notes_view, 1)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setPlaceholderText(self.tr("New note (notes cannot be edited or deleted later)"))
        self.note_edit.setMaximumHeight(80)
        layout.addWidget(self.note_edit)
        add = QPushButton(self.tr("Add note"))
        add.setObjectName("add_note")
        add.clicked.connect(self._on_add_note)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignRight)
        return tab

    def _build_follow_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.follow_table = QTableWidget(0, 4)
        self.follow_table.setHorizontalHeaderLabels([self.tr("Due"), self.tr("Title"), self.tr("Assigned to"), self.tr("Done")])
        setup_table(self.follow_table, resize=QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.follow_table, 1)
        row = QHBoxLayout()
        add = QPushButton(self.tr("New follow-up…"))
        add.clicked.connect(self._on_add_follow)
        done = QPushButton(self.tr("Mark done…"))
        done.clicked.connect(self._on_follow_done)
        row.addWidget(add)
        row.addWidget(done)
        row.addStretch(1)
        layout.addLayout(row)
        return tab

    # --- loading --------------------------------------------------------------------------------
    def load(self, member_id: str | None) -> None:
        if member_id is None:
            self.clear()
            return
        self.ops.run(lambda uow, _p, _c: member_info(uow, member_id), on_done=self.show_info)

    def clear(self, message: str | None = None) -> None:
        """Show no case file (every value, revealed or masked, leaves the screen), with `message`
        saying why, or the usual hint."""
        self.info = None
        self._revealed = {}
        self.form.identity_revealed = False
        self.form.set_identity_masked({key: "" for key in IDENTITY})
        self.body.hide()
        self.empty.setText(message or self.tr("Choose a case file from the list, or create a new one."))
        self.empty.show()

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def show_info(self, info: MemberInfo) -> None:
        self.info = info
        self.empty.hide()
        self.body.show()
        self._revealed = {}
        self._set_title(info.name_masked, revealed=False)
        badges = [labels.status(info.status)]
        badges.append(self.tr("✓ all four checks on file") if info.verified else self.tr("checks incomplete"))
        if info.fraud_flag:
            badges.append(self.tr("⚠ suspected fraud"))
        self.badges.setText(" · ".join(badges))
        self.badges.setStyleSheet("color: #b00020;" if info.fraud_flag else "")
        self.flag_button.setText(self.tr("Clear fraud flag") if info.fraud_flag else self.tr("Flag suspected fraud…"))
        self._mask_form(info)
        self.form.set_values(info.fields)
        can_unmask = bool(self.ctx.actor and self.ctx.actor.can(Permission.MEMBERS_UNMASK))
        self.reveal_button.setEnabled(can_unmask)
        self.reveal_button.setText(self.tr("Show identity…"))
        self._fill_status_menu(info)
        self._show_link_request(info)
        self._fill_checks(info)
        self._fill_notes(info)
        self._fill_follow(info)
        self._update_buttons()

    def _set_title(self, name: str, *, revealed: bool) -> None:
        """The header names the member as the form does: masked, or the revealed name while the
        audited reveal lasts."""
        info = self.info
        assert info is not None
        self.title.setText(f"{info.member_no}  {name}  {labels.sex(info.fields['sex'])} {info.age}")
        self.title.setToolTip(self.tr("Identity shown (the viewing is recorded in the audit log)") if revealed else "")
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;" + (" color: #8a4b00;" if revealed else ""))

    def _mask_form(self, info: MemberInfo) -> None:
        self.form.identity_revealed = False
        self.form.set_identity_masked(
            {"name": info.name_masked, "id_number": info.id_masked, "mobile": info.mobile_masked, "wechat": ""}
        )

    def is_revealed(self) -> bool:
        return bool(self._revealed)

    def _show_link_request(self, info: MemberInfo) -> None:
        link = info.link_request
        self.link_row.setVisible(link is not None)
        if link is None:
            return
        self.link_label.setText(banner_text(link))
        self.link_label.setStyleSheet("color: #8a4b00; font-weight: bold;" if link.pending else "color: #555;")
        can_edit = bool(self.ctx.actor and self.ctx.actor.can(Permission.MEMBERS_EDIT))
        self.link_button.setVisible(link.pending and can_edit)

    def _fill_status_menu(self, info: MemberInfo) -> None:
        self.status_menu.clear()
        for target in sorted(codes.STATUS_TRANSITIONS[codes.MemberStatus(info.status)], key=lambda s: s.value):
            self.status_menu.addAction(labels.status(target.value), lambda t=target.value: self._on_status(t))
        self.status_button.setEnabled(not self.status_menu.isEmpty())

    def _fill_checks(self, info: MemberInfo) -> None:
        self.verif_table.setRowCount(len(info.verifications))
        for r, v in enumerate(info.verifications):
            for c, text in enumerate(
                (labels.verification(v.kind), labels.evidence(v.evidence), v.checked_by_name, labels.local_time(v.checked_at))
            ):
                self.verif_table.setItem(r, c, QTableWidgetItem(text))
        self.consent_table.setRowCount(len(info.consents))
        for r, c in enumerate(info.consents):
            cells = (labels.consent(c.type), c.notice_version, labels.local_time(c.granted_at), labels.channel(c.channel),
                     labels.local_time(c.withdrawn_at))  # fmt: skip
            for col, text in enumerate(cells):
                self.consent_table.setItem(r, col, QTableWidgetItem(text))

    def _fill_notes(self, info: MemberInfo) -> None:
        from html import escape

        parts = [
            f"<p><b>{escape(labels.local_time(n.created_at))}</b> · {escape(n.author_name)}<br/>{escape(n.body).replace(chr(10), '<br/>')}</p>"
            for n in info.notes
        ]
        self.notes_view.setHtml("".join(parts) or f"<p><i>{escape(self.tr('No notes yet.'))}</i></p>")

    def _fill_follow(self, info: MemberInfo) -> None:
        self.follow_table.setRowCount(len(info.follow_ups))
        for r, f in enumerate(info.follow_ups):
            cells = (f.due_date.isoformat(), labels.follow_up_title(f.title), f.assigned_to_name or "", labels.local_time(f.done_at))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, f.id)
                self.follow_table.setItem(r, c, item)

    # --- editing ----------------------------------------------------------------------------------
    def changes(self) -> dict[str, Any]:
        return form_changes(self.form, self.info.fields, self._revealed) if self.info is not None else {}

    def _update_buttons(self) -> None:
        dirty = bool(self.changes())
        blocking = self.form.blocking_problems()
        self.save_button.setEnabled(dirty and not blocking)
        self.revert_button.setEnabled(dirty)
        self.problem_label.setText(self.tr("{n} field(s) need correcting").format(n=len(blocking)) if blocking else "")

    def _on_save(self) -> None:
        if self.info is None:
            return
        changes = self.changes()
        if not changes:
            return
        if self.form.blocking_problems():
            QMessageBox.warning(self, self.tr("Save"), describe_all(ValidationError(self.form.blocking_problems())))
            return
        member_id, version = self.info.id, self.info.version
        self.save_button.setEnabled(False)
        self.ops.run(
            lambda uow, _p, _c: update_member(uow, member_id=member_id, changes=changes, base_version=version),
            on_done=self._on_saved,
            on_error=self._on_error,
            title=self.tr("Saving"),
            parent=self,
        )

    def _on_saved(self, info: MemberInfo) -> None:
        self.show_info(info)
        self.sig_saved.emit(info.id)

    def _on_error(self, exc: BaseException) -> None:
        self._update_buttons()
        show_error(self, exc)

    def _on_revert(self) -> None:
        if self.info is not None:
            self.show_info(self.info)

    def _run(self, fn: Any) -> None:
        self.ops.run(fn, on_done=self._after_action, on_error=lambda e: show_error(self, e), parent=self)

    def _after_action(self, result: Any) -> None:
        if isinstance(result, MemberInfo):
            self.show_info(result)
            self.sig_saved.emit(result.id)
        elif self.info is not None:
            self.load(self.info.id)
            self.sig_saved.emit(self.info.id)

    # --- actions ----------------------------------------------------------------------------------
    def _on_link_request(self) -> None:
        if self.info is None or self.info.link_request is None:
            return
        link = self.info.link_request
        dialog = LinkRequestDialog(link, self.info.member_no, self)
        if not dialog.exec() or dialog.decision is None:
            return
        request_id, version, reason = link.id, link.version, dialog.reason
        if dialog.decision == "confirm":
            self._run(lambda uow, _p, _c: confirm_link(uow, request_id=request_id, base_version=version))
        else:
            self._run(lambda uow, _p, _c: reject_link(uow, request_id=request_id, reason=reason, base_version=version))

    def _on_reveal(self) -> None:
        if self.info is None:
            return
        if self.is_revealed():
            self.end_reveal()
            return
        dialog = ReasonDialog(self.tr("Show identity"), self.tr("Why do you need the unmasked name, ID number and phone?"),
                              self, placeholder=self.tr("e.g. phone call to arrange an introduction"))  # fmt: skip
        if not dialog.exec():
            return
        member_id, reason = self.info.id, dialog.reason.text()
        self.ops.run(
            lambda uow, _p, _c: reveal_member(uow, member_id=member_id, fields=IDENTITY, reason=reason),
            on_done=self._on_revealed,
            on_error=lambda e: show_error(self, e),
        )

    def _on_revealed(self, values: dict[str, Any]) -> None:
        assert self.info is not None
        self._revealed = {**values, "sex": self.info.fields["sex"], "birth_date": self.info.fields["birth_date"]}
        self.form.reveal(values)
        self.form.set_values({"sex": self.info.fields["sex"], "birth_date": self.info.fields["birth_date"]})
        self._set_title(values.get("name") or self.info.name_masked, revealed=True)
        self.reveal_button.setText(self.tr("Hide identity"))
        self._update_buttons()

    def end_reveal(self) -> None:
        """Mask the identity again (form and header); unsaved identity edits are given up only
        after asking."""
        info = self.info
        if info is None or not self.is_revealed():
            return
        pending = set(self.changes()) & {*IDENTITY, "sex", "birth_date"}
        if pending and not confirm_discard(self, self.tr("Hide identity"),
                                           self.tr("Discard your unsaved changes to the identity fields?")):  # fmt: skip
            return
        self._revealed = {}
        self._mask_form(info)
        self.form.set_values({"sex": info.fields["sex"], "birth_date": info.fields["birth_date"]})
        self._set_title(info.name_masked, revealed=False)
        self.reveal_button.setText(self.tr("Show identity…"))
        self._update_buttons()

    def _on_status(self, target: str) -> None:
        assert self.info is not None
        member_id = self.info.id
        self._run(lambda uow, _p, _c: change_status(uow, member_id=member_id, status=target))

    def _on_flag(self) -> None:
        assert self.info is not None
        member_id = self.info.id
        if self.info.fraud_flag:
            self._run(lambda uow, _p, _c: set_fraud_flag(uow, member_id=member_id, flagged=False))
            return
        dialog = ReasonDialog(self.tr("Flag suspected fraud"), self.tr("What makes you suspect fraud?"), self)
        if dialog.exec():
            reason = dialog.reason.text()
            self._run(lambda uow, _p, _c: set_fraud_flag(uow, member_id=member_id, flagged=True, reason=reason))

    def _on_add_verification(self) -> None:
        assert self.info is not None
        dialog = VerificationDialog(self)
        if dialog.exec():
            member_id = self.info.id
            kind, evidence, remark = dialog.kind.currentData(), dialog.evidence.currentData(), dialog.remark.text()
            self._run(lambda uow, _p, _c: record_verification(uow, member_id=member_id, kind=kind, evidence=evidence,
                                                              remark=remark))  # fmt: skip

    def _on_grant(self, ctype: str) -> None:
        assert self.info is not None
        member_id = self.info.id
        self._run(lambda uow, _p, _c: grant_consent(uow, member_id=member_id, type=ctype, channel="in_person"))

    def _on_withdraw(self, ctype: str) -> None:
        assert self.info is not None
        answer = QMessageBox.question(
            self, self.tr("Withdraw consent"),
            self.tr("Withdraw “{consent}”? It takes effect at once.").format(consent=labels.consent(ctype)),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            member_id = self.info.id
            self._run(lambda uow, _p, _c: withdraw_consent(uow, member_id=member_id, type=ctype))

    def _on_add_note(self) -> None:
        assert self.info is not None
        body = self.note_edit.toPlainText()
        if not body.strip():
            return
        member_id = self.info.id

        def done(_result: Any) -> None:
            self.note_edit.clear()
            self._after_action(_result)

        self.ops.run(lambda uow, _p, _c: add_note(uow, member_id=member_id, body=body), on_done=done,
                     on_error=lambda e: show_error(self, e))  # fmt: skip

    def _on_add_follow(self) -> None:
        assert self.info is not None
        dialog = FollowUpDialog(self)
        if dialog.exec():
            member_id, due, title = self.info.id, dialog.due_date(), dialog.title.text()
            self._run(lambda uow, _p, _c: add_follow_up(uow, member_id=member_id, due_date=due, title=title))

    def _on_follow_done(self) -> None:
        item = self.follow_table.currentItem()
        if item is None:
            return
        follow_id = item.data(Qt.ItemDataRole.UserRole)
        dialog = ReasonDialog(self.tr("Follow-up done"), self.tr("Outcome of the follow-up:"), self)
        if dialog.exec():
            outcome = dialog.reason.text()
            self._run(lambda uow, _p, _c: complete_follow_up(uow, follow_up_id=follow_id, outcome=outcome))
