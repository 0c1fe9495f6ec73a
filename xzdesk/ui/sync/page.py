"""同步: connect this laptop to the union server, see the sync status, resolve conflicts, read the
rejected-changes inbox."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.checkin.service import device_label
from xzdesk.domain.errors import XzError
from xzdesk.domain.members.queries import member_labels
from xzdesk.domain.privacy.masking import mask
from xzdesk.sync.client import check_server_url
from xzdesk.sync.conflicts import (
    ConflictPartyRow,
    ConflictRow,
    RejectedRow,
    list_conflicts,
    list_rejected,
    resolve_conflict,
)
from xzdesk.sync.engine import EnrolmentInfo, SyncReport, SyncStatusInfo
from xzdesk.ui import labels
from xzdesk.ui.messages import describe, show_error
from xzdesk.ui.ops import Ops
from xzdesk.ui.sync import messages as _messages  # noqa: F401  (registers the sync texts)
from xzdesk.ui.sync.controller import SyncController
from xzdesk.ui.table_model import setup_table

IDENTITY = {"name": "name", "id_number": "id", "mobile": "phone", "wechat": "text"}
VALUE_KINDS = frozenset({"field", "transition", "natural_key"})  # conflicts about values (base/theirs/mine)


@dataclass(frozen=True)
class _ListsInfo:
    conflicts: list[ConflictRow]
    rejected: list[RejectedRow]
    names: dict[str, str]  # member id -> number and masked name


class _Code(Exception):
    """Carries an error code to messages.describe (which wants an object with code/params)."""

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}


class SyncPage(QWidget):
    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        window = parent
        controller = getattr(window, "sync", None)
        self.controller: SyncController = controller or SyncController(ctx, ops, self)
        self.controller.sig_status.connect(self.show_status)
        self.controller.sig_finished.connect(self._on_finished)
        self.conflict_rows: list[ConflictRow] = []
        self._names: dict[str, str] = {}  # member id -> number and masked name, of the lists shown
        self.rejected_rows: list[RejectedRow] = []
        self._lists_generation = 0

        # --- connect -------------------------------------------------------------------------
        self.enrol_box = QGroupBox(self.tr("Connect this computer to the union server"))
        self.url = QLineEdit()
        self.url.setObjectName("server_url")
        self.url.setPlaceholderText("https://hongniang.xzzgh.example:8765")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.events = QLineEdit()
        self.events.setPlaceholderText(self.tr("Venue laptops only: the event codes, separated by commas"))
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName("ca_file")
        self.ca_file.setPlaceholderText(self.tr("Only if the union gave you one (.pem .crt .cer)"))
        choose_ca = QPushButton(self.tr("Choose…"))
        choose_ca.setObjectName("choose_ca")
        choose_ca.clicked.connect(self._on_choose_ca)
        ca_row = QHBoxLayout()
        ca_row.setContentsMargins(0, 0, 0, 0)
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(choose_ca)
        self.enrol_button = QPushButton(self.tr("Connect"))
        self.enrol_button.setObjectName("enrol")
        self.enrol_button.clicked.connect(self._on_enrol)
        form = QFormLayout(self.enrol_box)
        form.addRow(self.tr("Server address"), self.url)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Events"), self.events)
        form.addRow(self.tr("Union certificate"), ca_row)
        note = QLabel(self.tr("Connecting needs an empty database: the server sends this computer what its "
                              "account may see. The address starts with https:// and the server's certificate "
                              "is checked. The password is not stored; the computer keeps a device key in the "
                              "system keyring."))  # fmt: skip
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(self.enrol_button)

        # --- status ----------------------------------------------------------------------------
        self.status_box = QGroupBox(self.tr("Sync status"))
        grid = QGridLayout(self.status_box)
        self.fields: dict[str, QLabel] = {}
        rows = [
            ("server", self.tr("Server")), ("user", self.tr("Account")), ("device", self.tr("This computer")),
            ("last_ok", self.tr("Last successful sync")), ("last_try", self.tr("Last attempt")),
            ("pending", self.tr("Changes waiting to be sent")), ("conflicts", self.tr("Open conflicts")),
            ("rejected", self.tr("Rejected changes")), ("error", self.tr("Last problem")),
        ]  # fmt: skip
        for n, (key, text) in enumerate(rows):
            grid.addWidget(QLabel(text), n, 0)
            value = QLabel()
            value.setObjectName(f"status_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, n, 1)
            self.fields[key] = value
        grid.setColumnStretch(1, 1)
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setObjectName("sync_now")
        self.sync_button.clicked.connect(self.controller.sync_now)
        self.result = QLabel()
        self.result.setObjectName("result")
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.result, 1)
        grid.addLayout(buttons, len(rows), 0, 1, 2)

        # --- conflicts and rejected --------------------------------------------------------------
        self.conflicts = QTableWidget(0, 7)
        self.conflicts.setObjectName("conflicts")
        self.conflicts.setHorizontalHeaderLabels([self.tr("Record"), self.tr("Field"), self.tr("Before"),
                                                  self.tr("Server now"), self.tr("This computer"), self.tr("When"),
                                                  self.tr("Other change by")])  # fmt: skip
        setup_table(self.conflicts, resize=QHeaderView.ResizeMode.Stretch)
        # who made the other change is read in full (device label, person, time); the values share the rest
        self.conflicts.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.ResizeToContents)
        self.conflicts.doubleClicked.connect(lambda _i: self._on_resolve())
        resolve = QPushButton(self.tr("Resolve…"))
        resolve.setObjectName("resolve")
        resolve.clicked.connect(self._on_resolve)
        self.rejected = QTableWidget(0, 4)
        self.rejected.setObjectName("rejected")
        self.rejected.setHorizontalHeaderLabels([self.tr("Record"), self.tr("Change"), self.tr("Why refused"),
                                                 self.tr("When")])  # fmt: skip
        setup_table(self.rejected, resize=QHeaderView.ResizeMode.Stretch)
        dismiss = QPushButton(self.tr("Mark as read"))
        dismiss.clicked.connect(self._on_dismiss)

        conflict_box = QGroupBox(self.tr("Conflicts: changes made here and elsewhere that do not fit together"))
        cl = QVBoxLayout(conflict_box)
        cl.addWidget(self.conflicts)
        cl.addWidget(resolve, 0, Qt.AlignmentFlag.AlignRight)
        rejected_box = QGroupBox(self.tr("Changes the server refused (nothing else was held back)"))
        rl = QVBoxLayout(rejected_box)
        rl.addWidget(self.rejected)
        rl.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignRight)

        left, right = QVBoxLayout(), QVBoxLayout()  # two columns: the screen fits a 720-pixel laptop
        left.addWidget(self.enrol_box)
        left.addWidget(self.status_box)
        left.addStretch(1)
        right.addWidget(conflict_box, 1)
        right.addWidget(rejected_box, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        if self.controller.status is not None:  # the last one known at once; a fresh one follows
            self.show_status(self.controller.status)
        self.controller.refresh_status()

    # --- status -----------------------------------------------------------------------------------
    def show_status(self, status: SyncStatusInfo) -> None:
        self.enrol_box.setVisible(not status.enrolled)
        self.enrol_box.setEnabled(status.syncable)
        if not status.syncable:
            self.enrol_box.setTitle(self.tr("The demo database is never connected to a server"))
        f = self.fields
        f["server"].setText(status.server_url or self.tr("not connected"))
        f["user"].setText(status.username or "—")
        f["device"].setText(device_label(status.device_id))  # the name 签到's scan log gives this laptop
        f["last_ok"].setText(labels.local_time(status.last_success_at, empty="—"))
        f["last_try"].setText(labels.local_time(status.last_attempt_at, empty="—"))
        f["pending"].setText(str(status.pending) if status.syncable else self.tr("none: demo data is never sent"))
        f["conflicts"].setText(str(status.conflicts))
        f["rejected"].setText(str(status.rejected))
        problem = describe(_Code(status.last_error)) if status.last_error else self.tr("none")
        if status.locked:
            problem = describe(_Code("sync.offline_too_long"))
        if status.revoked:
            problem = describe(_Code("device.revoked"))
        f["error"].setText(problem)
        f["error"].setStyleSheet("color: #b00020;" if status.last_error or status.locked or status.revoked else "")
        self._show_sync_button(status.enrolled)

    def _show_sync_button(self, enrolled: bool) -> None:
        running = self.controller.running
        self.sync_button.setEnabled(enrolled and not running)
        self.sync_button.setText(self.tr("Syncing…") if running else self.tr("Sync now"))
        self._load_lists()

    def _load_lists(self) -> None:
        """The open conflicts and the rejected changes, with the members they concern (a reader
        thread: both lists grow with the data)."""
        self._lists_generation += 1
        generation = self._lists_generation

        def read(session: Any, _p: Any, _c: Any) -> _ListsInfo:
            conflicts = [c for c in list_conflicts(session) if not c.resolved_here]
            rejected = list_rejected(session)
            names = member_labels(session, {c.member_id for c in conflicts} | {r.member_id for r in rejected})
            return _ListsInfo(conflicts, rejected, {i: row.text for i, row in names.items()})

        self.ops.run(read, on_done=lambda info: self._show_lists(generation, info), mode="read")

    def _show_lists(self, generation: int, info: _ListsInfo) -> None:
        if generation != self._lists_generation or not shiboken6.isValid(self):
            return  # a newer load is on its way, or the screen is gone
        self.conflict_rows, self.rejected_rows, names = info.conflicts, info.rejected, info.names
        self._names = names  # the members the lists name, for the conflict dialog
        self.conflicts.setRowCount(len(self.conflict_rows))
        for r, c in enumerate(self.conflict_rows):
            other = party_text(c.other_party(self.ctx.store.device_id))
            cells = (self._record(c.entity, c.member_id, names, c.entity_id), field_label(c.field, c.kind), *value_cells(c),
                     labels.local_time(c.created_at, empty="—"), other)  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.conflicts.setItem(r, col, item)
        self.rejected.setRowCount(len(self.rejected_rows))
        for r, x in enumerate(self.rejected_rows):
            change = ", ".join(field_label(f, "field") for f in x.field_names) or x.op
            cells = (self._record(x.entity, x.member_id, names), change, describe(_Code(x.code, x.params)),
                     labels.local_time(x.rejected_at, empty="—"))  # fmt: skip
            for col, text in enumerate(cells):
                self.rejected.setItem(r, col, QTableWidgetItem(text))

    def _record(self, entity: str, member_id: str | None, names: dict[str, str], entity_id: str = "") -> str:
        kind = entity_label(entity)
        if entity == "event" and entity_id:
            return f"{kind} · {self._event_name(entity_id)}".rstrip(" ·")
        return f"{kind} · {names[member_id]}" if member_id and member_id in names else kind

    def _event_name(self, event_id: str) -> str:
        from xzdesk.domain.errors import NotFound
        from xzdesk.domain.events.queries import event_info  # loaded when a conflict names an event

        try:
            info = self.ops.peek(event_info, event_id)
        except NotFound:
            return ""
        return f"{info.name}（{info.code}）"

    # --- actions ----------------------------------------------------------------------------------
    def _on_enrol(self) -> None:
        url, user, password = self.url.text().strip(), self.username.text().strip(), self.password.text()
        if not url or not user or not password:
            QMessageBox.warning(self, self.enrol_box.title(), self.tr("Please fill in the address, user name and password."))
            return
        try:
            check_server_url(url)  # at once, before any connection: plain http to another computer is refused
        except XzError as exc:
            show_error(self, exc)
            return
        events = tuple(e.strip() for e in self.events.text().replace("，", ",").split(",") if e.strip())
        ca_file = self.ca_file.text().strip() or None
        engine = self.controller.engine
        self.enrol_button.setEnabled(False)
        self.ops.run(
            lambda _ctx, _p, _c: engine.enrol(url, user, password, events=events, ca_file=ca_file),
            on_done=self._on_enrolled,
            on_error=self._on_enrol_error,
            mode="bare",
            background=True,
            title=self.tr("Connecting"),
            parent=self,
            cancellable=False,
        )

    def _on_choose_ca(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("The union's CA certificate"), "",
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )  # fmt: skip
        if path:
            self.ca_file.setText(path)

    def _on_enrolled(self, info: EnrolmentInfo) -> None:
        self.password.clear()
        self.enrol_button.setEnabled(True)
        self.ctx.act_as(info.staff_id)
        self.ops.sig_changed.emit(Changes.of(Area.STAFF, Area.ACTOR, Area.SYNC))
        self.controller.enrolled(info)

    def _on_enrol_error(self, exc: BaseException) -> None:
        self.password.clear()
        self.enrol_button.setEnabled(True)
        show_error(self, exc)

    def _on_finished(self, report: SyncReport) -> None:
        status = self.controller.status  # the button comes back at once, not after the status is read again
        self._show_sync_button(bool(status and status.enrolled) and not report.wiped)
        if report.error:
            self.result.setText(describe(_Code(report.error)))
        elif report.skipped:
            self.result.setText(self.tr("A sync was already running."))
        else:
            self.result.setText(self.tr("Sent {sent}, received {received}.").format(sent=report.acked,
                                                                                  received=report.pulled))  # fmt: skip

    def _selected(self, table: QTableWidget) -> int:
        rows = {i.row() for i in table.selectedIndexes()}
        return rows.pop() if len(rows) == 1 else (0 if table.rowCount() == 1 else -1)

    def _on_resolve(self) -> None:
        row = self._selected(self.conflicts)
        if not 0 <= row < len(self.conflict_rows):
            return
        conflict = self.conflict_rows[row]
        record = self._record(conflict.entity, conflict.member_id, self._names,
                              conflict.entity_id)  # fmt: skip
        dialog = ConflictDialog(conflict, self, device_id=self.ctx.store.device_id, record=record)
        if not dialog.exec():
            return
        choice, value = dialog.choice()
        self.ops.run(
            lambda uow, _p, _c: resolve_conflict(uow, conflict_id=conflict.id, choice=choice, value=value),
            on_done=lambda _r: self.controller.refresh_status(),
            on_error=lambda e: show_error(self, e),
        )

    def _on_dismiss(self) -> None:
        row = self._selected(self.rejected)
        if 0 <= row < len(self.rejected_rows):
            self.controller.engine.dismiss_rejected(self.rejected_rows[row].id)
            self.controller.refresh_status()

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.SYNC, Area.MEMBERS):
            self.controller.refresh_status()

    def on_shown(self) -> None:
        self.controller.refresh_status()


def party_text(party: ConflictPartyRow | None) -> str:
    """Who made a change elsewhere, in words: the device's label, the person, the time."""
    if party is None or not (party.device_id or party.operator_id):
        return QCoreApplication.translate("SyncPage", "not known (the server did not say)")
    device = party.device_label or QCoreApplication.translate("SyncPage", "a computer without a name ({code})").format(
        code=device_label(party.device_id) if party.device_id else "?")  # fmt: skip
    person = party.operator_name or QCoreApplication.translate("SyncPage", "an unknown account")
    when = labels.local_time(party.at, empty="")
    if when:
        return QCoreApplication.translate("SyncPage", "{device}, {person}, {time}").format(
            device=device, person=person, time=when)  # fmt: skip
    return QCoreApplication.translate("SyncPage", "{device}, {person}").format(device=device, person=person)


class ConflictDialog(QDialog):
    """Base, theirs and mine side by side; choose one, or type a value (text fields). The
    resolution is an ordinary edit: validated, audited and synced like any other."""

    def __init__(self, conflict: ConflictRow, parent: QWidget | None = None, *, device_id: str = "",
                 record: str = "") -> None:  # fmt: skip
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle(self.tr("Resolve a conflict"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if record:
            subject = QLabel(self.tr("Record: {record}").format(record=record))
            subject.setObjectName("conflict_record")
            layout.addWidget(subject)
        intro = QLabel(conflict_question(conflict))
        intro.setObjectName("conflict_question")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.who = QLabel(self.tr("The other change: {party}.").format(party=party_text(conflict.other_party(device_id))))
        self.who.setObjectName("conflict_other_party")
        self.who.setWordWrap(True)
        self.who.setVisible(conflict.kind != "quota")  # a cap is exceeded by several approvals together
        layout.addWidget(self.who)
        grid = QGridLayout()
        values = conflict.kind in VALUE_KINDS  # plate and quota conflicts are about rows, not values
        if values and conflict.kind != "natural_key":  # two copies typed in apart have no common "before"
            grid.addWidget(QLabel(self.tr("Before both changes")), 0, 0)
            grid.addWidget(QLabel(show_value(conflict.field, conflict.base)), 0, 1)
        theirs_text, mine_text = choice_texts(conflict)
        self.theirs = QRadioButton(theirs_text)
        self.theirs.setObjectName("theirs")
        self.mine = QRadioButton(mine_text or "")
        self.mine.setObjectName("mine")
        self.other = QRadioButton(self.tr("Type another value"))
        self.other.setObjectName("other")
        self.value = QLineEdit()
        self.value.setObjectName("value")
        self.value.setEnabled(False)
        group = QButtonGroup(self)
        for b in (self.theirs, self.mine, self.other):
            group.addButton(b)
        self.theirs.setChecked(True)
        grid.addWidget(self.theirs, 1, 0)
        grid.addWidget(self.mine, 2, 0)
        if values:
            grid.addWidget(QLabel(show_value(conflict.field, conflict.theirs)), 1, 1)
            grid.addWidget(QLabel(show_value(conflict.field, conflict.mine)), 2, 1)
        self.mine.setVisible(mine_text is not None)
        editable = conflict.kind == "field" and (isinstance(conflict.theirs, str) or isinstance(conflict.mine, str)) \
            and conflict.field not in IDENTITY  # fmt: skip
        if editable:
            grid.addWidget(self.other, 3, 0)
            grid.addWidget(self.value, 3, 1)
            self.other.toggled.connect(self.value.setEnabled)
        else:
            self.other.hide()
            self.value.hide()
        layout.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> tuple[str, Any]:
        if self.mine.isChecked():
            return "mine", None
        if self.other.isChecked():
            return "value", self.value.text().strip()
        return "theirs", None


# --- labels for fields and values ----------------------------------------------------------------
def entity_label(entity: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        "member": QCoreApplication.translate("SyncLabels", "Case file"),
        "consent": QCoreApplication.translate("SyncLabels", "Consent"),
        "follow_up": QCoreApplication.translate("SyncLabels", "Follow-up"),
        "note": QCoreApplication.translate("SyncLabels", "Note"),
        "event": QCoreApplication.translate("SyncLabels", "Event"),
        "registration": QCoreApplication.translate("SyncLabels", "Registration"),
        "introduction": QCoreApplication.translate("SyncLabels", "Introduction"),
        "checkin_scan": QCoreApplication.translate("SyncLabels", "Check-in"),
    }.get(entity, entity)


def field_label(field: str | None, kind: str) -> str:
    from PySide6.QtCore import QCoreApplication

    if kind == "natural_key":
        return QCoreApplication.translate("SyncLabels", "registered twice")
    if kind == "transition":
        return QCoreApplication.translate("SyncLabels", "stage")
    if kind == "plate":
        return QCoreApplication.translate("SyncLabels", "number plate given twice")
    if kind == "quota":
        return cap_label(field)
    names = {
        "name": QCoreApplication.translate("SyncLabels", "Name"),
        "id_number": QCoreApplication.translate("SyncLabels", "ID number"),
        "mobile": QCoreApplication.translate("SyncLabels", "Mobile"),
        "wechat": QCoreApplication.translate("SyncLabels", "WeChat"),
        "nickname": QCoreApplication.translate("SyncLabels", "Nickname"),
        "district_code": QCoreApplication.translate("SyncLabels", "District"),
        "employer": QCoreApplication.translate("SyncLabels", "Employer"),
        "education": QCoreApplication.translate("SyncLabels", "Education"),
        "height_cm": QCoreApplication.translate("SyncLabels", "Height"),
        "marital_status": QCoreApplication.translate("SyncLabels", "Marital history"),
        "hobbies": QCoreApplication.translate("SyncLabels", "Hobbies"),
        "status": QCoreApplication.translate("SyncLabels", "Status"),
        "matchmaker_id": QCoreApplication.translate("SyncLabels", "Matchmaker"),
        "self_description": QCoreApplication.translate("SyncLabels", "Self-description"),
    }
    return names.get(field or "", field or "")


def show_value(field: str | None, value: Any) -> str:
    from PySide6.QtCore import QCoreApplication

    if value is None or value == "" or value == []:
        return QCoreApplication.translate("SyncLabels", "(empty)")
    if field in IDENTITY and isinstance(value, str):
        return mask(value, IDENTITY[field])
    if field == "district_code":
        return labels.district(str(value))
    if field == "status":
        return labels.status(str(value))
    if field == "education":
        return labels.education(int(value))
    if field == "marital_status":
        return labels.marital(int(value))
    if isinstance(value, list):
        return "、".join(map(str, value))
    if isinstance(value, dict):  # a merged duplicate's differing fields, each shown as its field is
        return QCoreApplication.translate("SyncLabels", "; ").join(
            f"{field_label(k, 'field')}: {show_value(k, v)}" for k, v in sorted(value.items()))  # fmt: skip
    return str(value)


def value_cells(conflict: ConflictRow) -> tuple[str, str, str]:
    """Before / server now / this computer, as the conflicts table shows them."""
    from PySide6.QtCore import QCoreApplication

    if conflict.kind == "quota":
        return ("—", QCoreApplication.translate("SyncLabels", "{n} places").format(n=conflict.theirs),
                QCoreApplication.translate("SyncLabels", "{n} taken").format(n=conflict.mine))  # fmt: skip
    if conflict.kind == "plate":
        return "—", str(conflict.theirs), str(conflict.mine)
    return (show_value(conflict.field, conflict.base), show_value(conflict.field, conflict.theirs),
            show_value(conflict.field, conflict.mine))  # fmt: skip


def cap_label(field: str | None) -> str:
    """An event's cap named by a quota conflict: capacity, quota_male/female, band:<i>[:<sex>]."""
    from PySide6.QtCore import QCoreApplication

    fixed = {
        "capacity": QCoreApplication.translate("SyncLabels", "Places in all"),
        "quota_male": QCoreApplication.translate("SyncLabels", "Places for men"),
        "quota_female": QCoreApplication.translate("SyncLabels", "Places for women"),
    }
    if field in fixed:
        return fixed[field]
    parts = (field or "").split(":")
    if len(parts) >= 2 and parts[0] == "band" and parts[1].isdigit():
        band = int(parts[1]) + 1
        if len(parts) == 3 and parts[2] == "1":
            return QCoreApplication.translate("SyncLabels", "Places for men in age band {band}").format(band=band)
        if len(parts) == 3 and parts[2] == "2":
            return QCoreApplication.translate("SyncLabels", "Places for women in age band {band}").format(band=band)
        return QCoreApplication.translate("SyncLabels", "Places in age band {band}").format(band=band)
    return field or ""


def conflict_question(conflict: ConflictRow) -> str:
    """What the conflict dialog asks, by kind."""
    from PySide6.QtCore import QCoreApplication

    if conflict.kind == "plate":
        return QCoreApplication.translate(
            "SyncLabels", "Number plate {plate} was given to two people while computers worked offline. Who keeps "
            "it? The other person gets the next free plate; print that badge again.").format(plate=conflict.theirs)  # fmt: skip
    if conflict.kind == "quota":
        return QCoreApplication.translate(
            "SyncLabels", "{cap}: {limit}, but {taken} places are taken: computers approved people while offline. "
            "Move people to the waiting list in the event's registrations, or keep everyone.").format(
            cap=cap_label(conflict.field), limit=conflict.theirs, taken=conflict.mine)  # fmt: skip
    if conflict.kind == "natural_key":
        return QCoreApplication.translate(
            "SyncLabels", "The same record was entered on this computer and elsewhere; the server joined the two "
            "copies into one. Where they differ, which values are right?")  # fmt: skip
    return QCoreApplication.translate("SyncLabels", "“{field}” was changed on this computer and elsewhere before they "
                                      "synced. Which value is right?").format(field=field_label(conflict.field, conflict.kind))  # fmt: skip


def choice_texts(conflict: ConflictRow) -> tuple[str, str | None]:
    """The two choices of the conflict dialog (None: no second choice)."""
    from PySide6.QtCore import QCoreApplication

    if conflict.kind == "plate":
        return (QCoreApplication.translate("SyncLabels", "The person who had it first keeps {plate}; this one gets a new plate").format(plate=conflict.theirs),
                QCoreApplication.translate("SyncLabels", "This person keeps {plate}; the other one gets a new plate").format(plate=conflict.theirs))  # fmt: skip
    if conflict.kind == "quota":
        return QCoreApplication.translate("SyncLabels", "Keep everyone (close this conflict)"), None
    if conflict.kind == "natural_key":
        return (QCoreApplication.translate("SyncLabels", "Keep the joined record's values"),
                QCoreApplication.translate("SyncLabels", "Use this computer's values"))  # fmt: skip
    return (QCoreApplication.translate("SyncLabels", "Keep the server's value"),
            QCoreApplication.translate("SyncLabels", "Use this computer's value"))  # fmt: skip
