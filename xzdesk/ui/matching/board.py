"""The introductions board (牵线看板): introductions by stage, overdue 回访 highlighted, and the
actions each stage allows: record each side's answer, exchange contacts, show them (audited, with
a reason), record the meeting and the outcome, withdraw, print the slips."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QAction, QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.introductions.codes import (
    CONTACT_STAGES,
    ENTRY_STAGES,
    OPEN_STAGES,
    OUTCOMES,
    TRANSITIONS,
    Stage,
)
from xzdesk.domain.introductions.dto import (
    BoardColumnInfo,
    IntroductionContactsInfo,
    IntroductionInfo,
    IntroductionRow,
    IntroductionSideRow,
    LiveIntroductionRow,
    OutcomeResultInfo,
)
from xzdesk.domain.introductions.queries import board_columns, list_introductions
from xzdesk.domain.introductions.service import (
    exchange_contacts,
    record_meeting,
    record_outcome,
    record_response,
    reveal_contacts,
    undo_decline,
    withdraw_introduction,
)
from xzdesk.domain.introductions.slips import print_introduction_slips_for
from xzdesk.domain.printing import PrintReportInfo
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui import labels as core_labels
from xzdesk.ui.labels import local_time, today
from xzdesk.ui.matching import labels
from xzdesk.ui.matching.common import PROGRESS_LABELS
from xzdesk.ui.matching.dialogs import ContactsDialog, DeclineDialog, MeetingDialog, WithdrawDialog
from xzdesk.ui.matching.messages import show_matching_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.reason import ReasonDialog
from xzdesk.ui.saved import prints_folder
from xzdesk.ui.table_model import Column, RowListModel, setup_table

Index = QModelIndex | QPersistentModelIndex
BOARD_LIMIT = 1000
OPEN = "open"  # the first entry of the stage list: every open introduction
OVERDUE_BACKGROUND = "#fde2e1"
OVERDUE_TEXT = "#b00020"
LIVE_TEXT = "#a05a00"  # a member who is in another introduction in progress


@dataclass(frozen=True)
class BoardInfo:
    rows: list[IntroductionRow]
    columns: list[BoardColumnInfo]


ANSWER_TEXT = {"accepted": "#1b7f3b", "declined": OVERDUE_TEXT}


class IntroductionBoardModel(RowListModel):
    """Introductions: stage, both sides with their answers, source, proposed, matchmaker, 回访."""

    row_roles = {Qt.ItemDataRole.UserRole: lambda r: r.id}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[IntroductionRow] = []
        self.columns = (
            Column("stage", self.tr("Stage"), lambda r: labels.stage(r.stage),
                   tooltip=lambda r: labels.decline_reason(r.decline_reason) if r.decline_reason else None),
            *self._side_columns("a", self.tr("Member A"), self.tr("A's answer"), lambda r: r.a),
            *self._side_columns("b", self.tr("Member B"), self.tr("B's answer"), lambda r: r.b),
            Column("source", self.tr("Source"), lambda r: labels.source(r.source)),
            Column("proposed", self.tr("Proposed on"), lambda r: local_time(r.proposed_at)),
            Column("matchmaker", self.tr("Matchmaker"), lambda r: r.matchmaker_name or ""),
            Column("follow_up", self.tr("Next follow-up"), self._follow_up,
                   foreground=lambda r: OVERDUE_TEXT if r.overdue_follow_ups else None,
                   bold=lambda r: bool(r.overdue_follow_ups)),
        )  # fmt: skip

    def _side_columns(self, name: str, member: str, answer: str,
                      side: Callable[[IntroductionRow], IntroductionSideRow]) -> tuple[Column[IntroductionRow], ...]:  # fmt: skip
        """A side of the pair (⚠ and amber when in another introduction in progress) and its answer."""

        def live(r: IntroductionRow) -> list[LiveIntroductionRow]:
            return self.live_of(r, side(r).member_id)

        return (
            Column(name, member, lambda r: self.side_text(side(r)) + (" ⚠" if live(r) else ""),
                   tooltip=lambda r: "\n".join(labels.also_live(x) for x in live(r)) or None,
                   foreground=lambda r: LIVE_TEXT if live(r) else None),
            Column(f"{name}_answer", answer, lambda r: labels.response(side(r).response),
                   foreground=lambda r: ANSWER_TEXT.get(side(r).response or "")),
        )  # fmt: skip

    def row_background(self, r: IntroductionRow) -> str | None:
        return OVERDUE_BACKGROUND if r.overdue_follow_ups else None

    @staticmethod
    def side_text(side: IntroductionSideRow) -> str:
        return f"{side.member_no} {side.name_masked}".strip()

    def _follow_up(self, r: IntroductionRow) -> str:
        if r.next_follow_up is None:
            return ""
        text = r.next_follow_up.isoformat()
        if r.overdue_follow_ups:
            text += " " + self.tr("({n} overdue)").format(n=r.overdue_follow_ups)
        return text

    @staticmethod
    def live_of(r: IntroductionRow, member_id: str) -> list[LiveIntroductionRow]:
        return [x for x in r.also_live if x.member_id == member_id]


class BoardPanel(QWidget):
    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self._generation = 0
        self.selected_id: str | None = None
        self.loaded = False
        self.last_print: Path | None = None

        self.stages = QListWidget()
        self.stages.setObjectName("stage_list")
        self.stages.setFixedWidth(210)
        self.stages.setSpacing(2)
        self._fill_stage_list([])
        self.stages.setCurrentRow(0)
        self.stages.currentRowChanged.connect(lambda _r: self.reload())
        self.mine = QCheckBox(self.tr("Only mine"))
        self.mine.setObjectName("board_mine")
        self.mine.toggled.connect(lambda _c: self.reload())
        self.overdue_only = QCheckBox(self.tr("Only with overdue follow-ups"))
        self.overdue_only.setObjectName("board_overdue")
        self.overdue_only.toggled.connect(lambda _c: self.reload())
        self.count = QLabel()
        self.count.setObjectName("board_count")

        self.model = IntroductionBoardModel(self)
        self.table = QTableView()
        self.table.setObjectName("board_table")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._on_selection())

        self.detail = QLabel()
        self.detail.setObjectName("board_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)

        self.answer_a = QPushButton(self.tr("Answer of A"))
        self.answer_a.setObjectName("answer_a")
        self.answer_a.setMenu(self._answer_menu("a"))
        self.answer_b = QPushButton(self.tr("Answer of B"))
        self.answer_b.setObjectName("answer_b")
        self.answer_b.setMenu(self._answer_menu("b"))
        self.exchange_button = QPushButton(self.tr("Exchange contacts"))
        self.exchange_button.setObjectName("exchange")
        self.exchange_button.clicked.connect(self.exchange)
        self.contacts_button = QPushButton(self.tr("Show contacts…"))
        self.contacts_button.setObjectName("show_contacts")
        self.contacts_button.clicked.connect(self.show_contacts)
        self.meeting_button = QPushButton(self.tr("Record meeting…"))
        self.meeting_button.setObjectName("meeting")
        self.meeting_button.clicked.connect(self.ask_meeting)
        self.outcome_button = QPushButton(self.tr("Outcome"))
        self.outcome_button.setObjectName("outcome")
        self.outcome_menu = QMenu(self)
        self.outcome_actions: dict[str, QAction] = {}
        for stage in OUTCOMES:
            action = self.outcome_menu.addAction(labels.stage(stage.value))
            action.triggered.connect(lambda _c=False, s=stage.value: self.record_outcome(s))
            self.outcome_actions[stage.value] = action
        self.outcome_button.setMenu(self.outcome_menu)
        self.withdraw_button = QPushButton(self.tr("Withdraw…"))
        self.withdraw_button.setObjectName("withdraw")
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.undo_button = QPushButton(self.tr("Undo decline"))
        self.undo_button.setObjectName("undo_decline")
        self.undo_button.setToolTip(self.tr("Back to the answers, as if the decline had not been recorded"))
        self.undo_button.clicked.connect(self.undo_selected)
        self.undo_button.hide()  # in the withdraw button's place for a declined introduction
        self.print_button = QPushButton(self.tr("Print slips"))
        self.print_button.setObjectName("print_slips")
        self.print_button.setToolTip(self.tr("One slip for each side, as a PDF"))
        self.print_button.clicked.connect(self.print_slips)
        self.buttons = (self.answer_a, self.answer_b, self.exchange_button, self.contacts_button,
                        self.meeting_button, self.outcome_button, self.withdraw_button, self.undo_button,
                        self.print_button)  # fmt: skip
        # After a decline: what was recorded, with its undo (the row may leave the list shown).
        self.notice = QLabel()
        self.notice.setObjectName("board_notice")
        self.notice.setWordWrap(True)
        self.notice_undo = QPushButton(self.tr("Undo"))
        self.notice_undo.setObjectName("notice_undo")
        self.notice_undo.clicked.connect(self._on_notice_undo)
        self.notice_box = QWidget()
        self.notice_box.setObjectName("board_notice_box")
        self.notice_box.setStyleSheet("#board_notice_box { background: #fff3e0; border: 1px solid #f0b870; }")
        nl = QHBoxLayout(self.notice_box)
        nl.setContentsMargins(6, 2, 6, 2)
        nl.addWidget(self.notice, 1)
        nl.addWidget(self.notice_undo)
        self.notice_box.hide()
        self._last_decline: str | None = None
        self._decline_members: set[str] = set()

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(self.tr("Stages")))
        ll.addWidget(self.stages, 1)
        ll.addWidget(self.mine)
        ll.addWidget(self.overdue_only)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.notice_box)
        rl.addWidget(self.table, 1)
        rl.addWidget(self.count)
        rl.addWidget(self.detail)
        actions = QHBoxLayout()
        for b in self.buttons:
            actions.addWidget(b)
        actions.addStretch(1)
        rl.addLayout(actions)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._update_actions()

    def _answer_menu(self, side: str) -> QMenu:
        menu = QMenu(self)
        yes = menu.addAction(self.tr("Accepted"))
        yes.triggered.connect(lambda _c=False: self.record_answer(side, accepted=True))
        no = menu.addAction(self.tr("Declined…"))
        no.triggered.connect(lambda _c=False: self.ask_decline(side))
        return menu

    # --- loading ----------------------------------------------------------------------------------
    def _fill_stage_list(self, columns: list[BoardColumnInfo]) -> None:
        counts = {c.stage: c for c in columns}
        open_values = [s.value for s in Stage if s in OPEN_STAGES]
        open_count = sum(counts[s].count for s in open_values if s in counts)
        open_overdue = sum(counts[s].overdue for s in open_values if s in counts)
        entries = [(OPEN, self.tr("All open"), open_count, open_overdue)]
        entries += [(s.value, labels.stage(s.value), counts[s.value].count if s.value in counts else 0,
                     counts[s.value].overdue if s.value in counts else 0) for s in Stage]  # fmt: skip
        current = self.current_stage() if self.stages.count() else OPEN
        self.stages.blockSignals(True)
        self.stages.clear()
        for key, title, count, overdue in entries:
            text = f"{title}  ({count})"
            if overdue:
                text += "  " + self.tr("{n} overdue").format(n=overdue)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            if overdue:
                item.setForeground(QBrush(QColor(OVERDUE_TEXT)))
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.stages.addItem(item)
        keys = [e[0] for e in entries]
        self.stages.setCurrentRow(keys.index(current) if current in keys else 0)
        self.stages.blockSignals(False)

    def current_stage(self) -> str:
        item = self.stages.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else OPEN

    def select_stage(self, key: str) -> None:
        for row in range(self.stages.count()):
            if self.stages.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.stages.setCurrentRow(row)
                return

    def reload(self) -> None:
        actor = self.ctx.actor
        stage = self.current_stage()
        stages = None if stage == OPEN else [stage]
        mine = actor.staff_id if (actor and self.mine.isChecked()) else None
        district = actor.district_code if actor else None
        overdue = self.overdue_only.isChecked()
        day = today()
        self._generation += 1
        generation = self._generation

        def load(session: Any, _p: Any, _c: Any) -> BoardInfo:
            rows = list_introductions(session, today=day, stages=stages, matchmaker_id=mine, district_code=district,
                                      overdue_only=overdue, limit=BOARD_LIMIT)  # fmt: skip
            columns = board_columns(session, today=day, matchmaker_id=mine, district_code=district)
            return BoardInfo(rows, columns)

        self.ops.run(load, on_done=lambda info: self._on_loaded(generation, info),
                     on_error=lambda e: show_matching_error(self, e), mode="read")  # fmt: skip

    def _on_loaded(self, generation: int, info: BoardInfo) -> None:
        if generation != self._generation:
            return
        self._fill_stage_list(info.columns)
        self.model.set_rows(info.rows)
        self.table.resizeColumnsToContents()
        self.count.setText(self.tr("{n} introductions").format(n=len(info.rows)))
        self.loaded = True
        row = self.model.row_of(self.selected_id) if self.selected_id else -1
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._on_selection()

    # --- selection --------------------------------------------------------------------------------
    def selected(self) -> IntroductionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, introduction_id: str) -> bool:
        self.selected_id = introduction_id
        row = self.model.row_of(introduction_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _on_selection(self) -> None:
        r = self.selected()
        if r is not None:
            self.selected_id = r.id
        self._update_actions()

    def _update_actions(self) -> None:
        r = self.selected()
        actor = self.ctx.actor
        can_edit = bool(actor and actor.can(Permission.MEMBERS_EDIT))
        if r is None:
            for b in self.buttons:
                b.setEnabled(False)
            self.undo_button.hide()
            self.withdraw_button.show()
            self.answer_a.setText(self.tr("Answer of A"))
            self.answer_b.setText(self.tr("Answer of B"))
            self.detail.setText(self.tr("Select an introduction to act on it."))
            return
        stage = Stage(r.stage)
        allowed = TRANSITIONS[stage]
        entry = stage in ENTRY_STAGES
        self.answer_a.setText(self.tr("Answer of {member}").format(member=r.a.member_no))
        self.answer_b.setText(self.tr("Answer of {member}").format(member=r.b.member_no))
        self.answer_a.setEnabled(can_edit and entry)
        self.answer_b.setEnabled(can_edit and entry)
        self.exchange_button.setEnabled(can_edit and stage == Stage.ACCEPTED)
        self.contacts_button.setEnabled(bool(actor and actor.can(Permission.MEMBERS_UNMASK)) and stage in CONTACT_STAGES)
        self.meeting_button.setEnabled(can_edit and Stage.MET in allowed)
        for code, action in self.outcome_actions.items():
            action.setEnabled(Stage(code) in allowed)
        self.outcome_button.setEnabled(can_edit and any(Stage(c) in allowed for c in self.outcome_actions))
        self.withdraw_button.setEnabled(can_edit and Stage.WITHDRAWN in allowed)
        undoable = stage == Stage.DECLINED
        self.undo_button.setVisible(undoable)
        self.withdraw_button.setVisible(not undoable)
        self.undo_button.setEnabled(can_edit and undoable and self._undo_open(r))
        self.print_button.setEnabled(can_edit and stage not in (Stage.DECLINED, Stage.WITHDRAWN))
        self.detail.setText("\n".join(self._detail_lines(r)))

    @staticmethod
    def _undo_open(r: IntroductionRow) -> bool:
        return r.undo_until is not None and datetime.now(UTC) < r.undo_until

    def _detail_lines(self, r: IntroductionRow) -> list[str]:
        lines = [
            self.tr("{stage}: {a} ({a_answer}) and {b} ({b_answer})").format(
                stage=labels.stage(r.stage), a=self.model.side_text(r.a), a_answer=labels.response(r.a.response),
                b=self.model.side_text(r.b), b_answer=labels.response(r.b.response)),
            self.tr("{a}: {a_age} years, {a_district}; {b}: {b_age} years, {b_district}").format(
                a=r.a.member_no, a_age=r.a.age, a_district=core_labels.district(r.a.district_code),
                b=r.b.member_no, b_age=r.b.age, b_district=core_labels.district(r.b.district_code)),
        ]  # fmt: skip
        if r.decline_reason:
            reason = labels.decline_reason(r.decline_reason)
            lines.append(self.tr("Reason for declining: {reason}").format(reason=reason)
                         + (f" — {r.decline_note}" if r.decline_note else ""))  # fmt: skip
        if r.stage == Stage.DECLINED and self._undo_open(r):
            lines.append(self.tr("The decline can be undone until {time}.").format(time=local_time(r.undo_until)))
        lines += ["⚠ " + labels.also_live(x) for x in r.also_live]
        if r.overdue_follow_ups:
            lines.append(self.tr("{n} follow-ups are overdue.").format(n=r.overdue_follow_ups))
        elif r.next_follow_up:
            lines.append(self.tr("Next follow-up on {date}.").format(date=r.next_follow_up.isoformat()))
        return lines

    # --- actions ----------------------------------------------------------------------------------
    def _run(self, fn: Any, *, on_done: Any = None, title: str | None = None) -> None:
        self.ops.run(fn, on_done=on_done or (lambda _r: None), on_error=lambda e: show_matching_error(self, e),
                     parent=self, title=title, progress_labels=PROGRESS_LABELS)  # fmt: skip

    def record_answer(self, side: str, *, accepted: bool) -> None:
        r = self.selected()
        if r is None:
            return
        intro_id, member_id = r.id, (r.a if side == "a" else r.b).member_id
        self._run(lambda uow, _p, _c: record_response(uow, introduction_id=intro_id, member_id=member_id,
                                                      accepted=accepted))  # fmt: skip

    def ask_decline(self, side: str) -> None:
        """Record a decline after asking who declined and why (the introduction ends)."""
        r = self.selected()
        if r is None:
            return
        dialog = DeclineDialog((r.a, r.b), side, self)
        if dialog.exec():
            self.decline(*dialog.chosen())

    def decline(self, side: str, reason: str, note: str | None = None) -> None:
        r = self.selected()
        if r is None:
            return
        intro_id, member = r.id, (r.a if side == "a" else r.b)
        member_id, member_no = member.member_id, member.member_no
        self._run(lambda uow, _p, _c: record_response(uow, introduction_id=intro_id, member_id=member_id,
                                                      accepted=False, decline_reason=reason, decline_note=note),
                  on_done=lambda info: self._on_declined(info, member_no))  # fmt: skip

    def _on_declined(self, info: IntroductionInfo, member_no: str) -> None:
        self._last_decline = info.id if info.undo_until else None
        self._decline_members = {info.a.member_id, info.b.member_id}
        self.notice.setText(self.tr("Recorded: {member} declined ({reason}). The introduction has ended.").format(
            member=member_no, reason=labels.decline_reason(info.decline_reason)))  # fmt: skip
        self.notice_undo.setVisible(self._last_decline is not None)
        self.notice_box.show()

    def undo_selected(self) -> None:
        r = self.selected()
        if r is not None:
            self.undo(r.id)

    def _on_notice_undo(self) -> None:
        if self._last_decline is not None:
            self.undo(self._last_decline)

    def undo(self, introduction_id: str) -> None:
        """Undo a decline (audited as a reversing transition); the introduction is selected again."""
        self.selected_id = introduction_id

        def done(info: IntroductionInfo) -> None:
            self._last_decline = None
            self.notice.setText(self.tr("Decline undone: {a} and {b} are back at “{stage}”.").format(
                a=info.a.member_no, b=info.b.member_no, stage=labels.stage(info.stage)))  # fmt: skip
            self.notice_undo.hide()
            self.notice_box.show()

        self._run(lambda uow, _p, _c: undo_decline(uow, introduction_id=introduction_id), on_done=done)

    def exchange(self) -> None:
        r = self.selected()
        if r is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Exchange contacts"),
            self.tr("Both accepted. Hand each side the other's name, mobile and WeChat now? Follow-ups are "
                    "created at +3 days, +3 weeks and +3 months."),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        intro_id = r.id

        def done(info: IntroductionContactsInfo) -> None:
            # The details are shown only through the audited reveal, with a reason.
            del info
            QMessageBox.information(
                self, self.tr("Exchange contacts"),
                self.tr("Contacts exchanged and follow-ups created. Use “Show contacts…” to see the details "
                        "you pass on (with a reason for the audit log)."),
            )  # fmt: skip

        self._run(lambda uow, _p, _c: exchange_contacts(uow, introduction_id=intro_id), on_done=done)

    def show_contacts(self) -> None:
        r = self.selected()
        if r is None:
            return
        dialog = ReasonDialog(self.tr("Show contacts"),
                              self.tr("Why do you need both members' contact details?"), self)  # fmt: skip
        if not dialog.exec():
            return
        intro_id, reason = r.id, dialog.reason.text()
        self._run(lambda uow, _p, _c: reveal_contacts(uow, introduction_id=intro_id, reason=reason),
                  on_done=self._show_contacts_dialog)  # fmt: skip

    def _show_contacts_dialog(self, info: IntroductionContactsInfo) -> None:
        ContactsDialog(info, self).exec()

    def ask_meeting(self) -> None:
        r = self.selected()
        if r is None:
            return
        dialog = MeetingDialog(today(), self)
        if dialog.exec():
            self.record_meeting(dialog.met_on())

    def record_meeting(self, met_on: Any = None) -> None:
        r = self.selected()
        if r is None:
            return
        intro_id = r.id
        self._run(lambda uow, _p, _c: record_meeting(uow, introduction_id=intro_id, met_on=met_on))

    def record_outcome(self, outcome: str) -> None:
        r = self.selected()
        if r is None:
            return
        intro_id = r.id
        self._run(lambda uow, _p, _c: record_outcome(uow, introduction_id=intro_id, outcome=outcome),
                  on_done=self._on_outcome)  # fmt: skip

    def _on_outcome(self, result: OutcomeResultInfo) -> None:
        if not result.status_changes:
            return
        lines = []
        for c in result.status_changes:
            template = (self.tr("{member}: {old} → {new}") if c.applied
                        else self.tr("{member}: stays {old} (cannot become {new} from there)"))  # fmt: skip
            lines.append(template.format(member=c.member_no, old=core_labels.status(c.old_status),
                                         new=core_labels.status(c.new_status)))  # fmt: skip
        QMessageBox.information(self, self.tr("Outcome recorded"),
                                self.tr("Case status:") + "\n" + "\n".join(lines))  # fmt: skip

    def ask_withdraw(self) -> None:
        r = self.selected()
        if r is None:
            return
        dialog = WithdrawDialog(self)
        if dialog.exec():
            self.withdraw(dialog.reason.currentData())

    def withdraw(self, reason: str) -> None:
        r = self.selected()
        if r is None:
            return
        intro_id = r.id
        self._run(lambda uow, _p, _c: withdraw_introduction(uow, introduction_id=intro_id, reason=reason))

    def print_slips(self) -> None:
        r = self.selected()
        if r is None:
            return
        intro_id = r.id
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = prints_folder(self.ctx) / f"introduction-slips-{stamp}-{secrets.token_hex(2)}.pdf"

        def work(uow: Any, progress: Any, cancel: Any) -> PrintReportInfo:
            return print_introduction_slips_for(uow, introduction_ids=[intro_id], out=path, progress=progress,
                                                cancel=cancel)  # fmt: skip

        self._run(work, on_done=lambda report: self._on_printed(path, report), title=self.tr("Printing slips"))

    def _on_printed(self, path: Path, report: PrintReportInfo) -> None:
        self.last_print = path
        if report.missing_glyphs:
            chars = "".join(chr(g.codepoint) for g in report.missing_glyphs)
            QMessageBox.warning(self, self.tr("Print slips"),
                                self.tr("Some characters cannot be printed with the bundled fonts and show as □: "
                                        "{chars}").format(chars=chars))  # fmt: skip
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _forget(self, member_ids: frozenset[str]) -> None:
        """Introductions of erased members leave the board at once (their rows are gone too)."""
        keep = [r for r in self.model.rows if r.a.member_id not in member_ids and r.b.member_id not in member_ids]
        if len(keep) != len(self.model.rows):
            self.model.set_rows(keep)
            self.count.setText(self.tr("{n} introductions").format(n=len(keep)))
            self._on_selection()
        if self._decline_members & member_ids:
            self.notice_box.hide()
            self._last_decline, self._decline_members = None, set()

    def on_changed(self, changes: Changes) -> None:
        if changes.gone:
            self._forget(changes.gone)
        if changes.touches(Area.INTRODUCTIONS, Area.MATCHING, Area.MEMBERS, Area.FOLLOW_UPS, Area.ACTOR, Area.SYNC):
            self.reload()
        if changes.touches(Area.ACTOR):
            self._update_actions()

