"""EventEditor: the details of one event — type, date and time, venue, capacity, quotas per sex
and age band, eligibility (sectors for 专场), organiser — and the status buttons for the moves
the event may make next.

Saving is one service call (`create_event` or `update_event` with the changed fields and the
version the form was loaded from); the editor then shows the returned EventInfo. Problems come
back as FieldProblems and are listed under the form with their field names.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.events.codes import EventKind, EventStatus
from xzdesk.domain.events.dto import AgeBandInfo, EventDraft, EventInfo
from xzdesk.domain.events.service import change_event_status, create_event, delete_event, update_event
from xzdesk.domain.members import codes as member_codes
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui import labels as core_labels
from xzdesk.ui.events import labels
from xzdesk.ui.events.browser import pydate, qdate
from xzdesk.ui.events.messages import describe_events_error, pretty, show_events_error
from xzdesk.ui.messages import describe
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import setup_table

NO_LIMIT = -1
AGE_ANY = 17
READ_ONLY_STATUSES = ("held", "cancelled")


def _limit_spin(maximum: int = 2000) -> QSpinBox:
    box = QSpinBox()
    box.setRange(NO_LIMIT, maximum)
    box.setSpecialValueText("—")
    box.setValue(NO_LIMIT)
    return box


def _value(box: QSpinBox, none: int = NO_LIMIT) -> int | None:
    return None if box.value() == none else box.value()


def _set(box: QSpinBox, value: int | None, none: int = NO_LIMIT) -> None:
    box.setValue(none if value is None else int(value))


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _pytime(t: QTime) -> time:
    return time(t.hour(), t.minute())


def _check(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked


class CheckList(QListWidget):
    """A compact list of checkable codes."""

    def __init__(self, items: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, text in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setCheckState(_check(False))
            self.addItem(item)
        self.setMaximumHeight(120)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

    def checked(self) -> tuple[str, ...]:
        return tuple(self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count()) if self.item(i).checkState() == _check(True))

    def set_checked(self, codes: tuple[str, ...] | list[str]) -> None:
        wanted = set(codes)
        for i in range(self.count()):
            self.item(i).setCheckState(_check(self.item(i).data(Qt.ItemDataRole.UserRole) in wanted))


class EventEditor(QWidget):
    """The details tab of an event (or the form of a new one)."""

    sig_saved = Signal(object)  # EventInfo
    sig_deleted = Signal(str)  # event id

    BAND_COLUMNS = 5

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.info: EventInfo | None = None
        self._loading = False

        # --- status row
        self.status_label = QLabel()
        self.status_label.setObjectName("event_status")
        self.status_buttons = QHBoxLayout()
        self.delete_button = QPushButton(self.tr("Delete draft"))
        self.delete_button.setObjectName("delete_event")
        self.delete_button.clicked.connect(self._on_delete)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label)
        status_row.addStretch(1)
        status_row.addLayout(self.status_buttons)
        status_row.addWidget(self.delete_button)

        # --- basics
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setMaxLength(64)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for k in EventKind:
            self.kind.addItem(labels.kind(k.value), k.value)
        self.event_date = QDateEdit()
        self.event_date.setObjectName("event_date")
        self.event_date.setCalendarPopup(True)
        self.event_date.setDisplayFormat("yyyy-MM-dd")
        self.start_time = QTimeEdit(QTime(14, 30))
        self.start_time.setObjectName("start_time")
        self.start_time.setDisplayFormat("HH:mm")
        self.has_end = QCheckBox(self.tr("until"))
        self.end_time = QTimeEdit(QTime(17, 0))
        self.end_time.setObjectName("end_time")
        self.end_time.setDisplayFormat("HH:mm")
        self.has_end.toggled.connect(self.end_time.setEnabled)
        self.has_end.setChecked(True)
        self.venue = QLineEdit()
        self.venue.setObjectName("venue")
        self.venue.setMaxLength(128)
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(70)
        self.organiser = QComboBox()
        self.organiser.setObjectName("organiser")
        self.office = QComboBox()
        self.office.setObjectName("office")
        self.office.addItem(self.tr("City-wide (federation)"), None)
        for code, name in member_codes.DISTRICTS.items():
            self.office.addItem(name, code)
        when = QHBoxLayout()
        when.addWidget(self.event_date)
        when.addWidget(self.start_time)
        when.addWidget(self.has_end)
        when.addWidget(self.end_time)
        when.addStretch(1)
        basics = QGroupBox(self.tr("Event"))
        bf = QFormLayout(basics)
        bf.addRow(self.tr("Name"), self.name)
        bf.addRow(self.tr("Type"), self.kind)
        bf.addRow(self.tr("Date and time"), when)
        bf.addRow(self.tr("Venue"), self.venue)
        bf.addRow(self.tr("Description"), self.description)
        bf.addRow(self.tr("Organiser"), self.organiser)
        bf.addRow(self.tr("Organising office"), self.office)

        # --- capacity and quotas
        self.capacity = QSpinBox()
        self.capacity.setObjectName("capacity")
        self.capacity.setRange(1, 2000)
        self.capacity.setValue(40)
        self.capacity.setMaximumWidth(120)
        self.quota_male = _limit_spin()
        self.quota_male.setObjectName("quota_male")
        self.quota_female = _limit_spin()
        self.quota_female.setObjectName("quota_female")
        quotas = QHBoxLayout()
        quotas.addWidget(QLabel(self.tr("Men")))
        quotas.addWidget(self.quota_male)
        quotas.addWidget(QLabel(self.tr("Women")))
        quotas.addWidget(self.quota_female)
        quotas.addStretch(1)
        self.bands = QTableWidget(0, self.BAND_COLUMNS)
        self.bands.setObjectName("age_bands")
        self.bands.setHorizontalHeaderLabels([self.tr("From age"), self.tr("To age"), self.tr("Places"),
                                              self.tr("Men"), self.tr("Women")])  # fmt: skip
        setup_table(self.bands, resize=QHeaderView.ResizeMode.Stretch, row_height=30)  # spin boxes in the cells
        self.bands.setMaximumHeight(130)
        add_band = QPushButton(self.tr("Add age band"))
        add_band.setObjectName("add_band")
        add_band.clicked.connect(lambda: self.add_band(None))
        remove_band = QPushButton(self.tr("Remove age band"))
        remove_band.clicked.connect(self._on_remove_band)
        band_buttons = QHBoxLayout()
        band_buttons.addWidget(add_band)
        band_buttons.addWidget(remove_band)
        band_buttons.addStretch(1)
        caps = QGroupBox(self.tr("Capacity and quotas"))
        cf = QFormLayout(caps)
        cf.addRow(self.tr("Capacity"), self.capacity)
        cf.addRow(self.tr("Quota per sex"), quotas)
        cf.addRow(self.tr("Age bands"), self.bands)
        cf.addRow("", band_buttons)
        hint = QLabel(self.tr("“—” means no separate limit; the capacity always applies."))
        hint.setStyleSheet("color: #666;")
        cf.addRow("", hint)

        # --- eligibility
        self.age_min = QSpinBox()
        self.age_max = QSpinBox()
        for box in (self.age_min, self.age_max):
            box.setRange(AGE_ANY, 99)
            box.setSpecialValueText(self.tr("any"))
            box.setValue(AGE_ANY)
        ages = QHBoxLayout()
        ages.addWidget(self.age_min)
        ages.addWidget(QLabel("–"))
        ages.addWidget(self.age_max)
        ages.addStretch(1)
        self.verified_only = QCheckBox(self.tr("Verified members only (all four checks)"))
        self.sectors = CheckList([(s.value, core_labels.sector(s.value)) for s in member_codes.Sector])
        self.sectors.setObjectName("sectors")
        self.districts = CheckList(list(member_codes.DISTRICTS.items()))
        self.districts.setObjectName("districts")
        self.marital = CheckList([(str(m.value), core_labels.marital(m.value)) for m in member_codes.Marital])
        self.marital.setMaximumHeight(90)
        who = QGroupBox(self.tr("Who may come"))
        wf = QFormLayout(who)
        wf.addRow(self.tr("Age"), ages)
        wf.addRow("", self.verified_only)
        self.sector_label = QLabel(self.tr("Sectors"))
        wf.addRow(self.sector_label, self.sectors)
        wf.addRow(self.tr("Districts"), self.districts)
        wf.addRow(self.tr("Marital status"), self.marital)
        empty_hint = QLabel(self.tr("Nothing ticked means anyone."))
        empty_hint.setStyleSheet("color: #666;")
        wf.addRow("", empty_hint)

        form = QWidget()
        fl = QVBoxLayout(form)
        fl.addWidget(basics)
        fl.addWidget(caps)
        fl.addWidget(who)
        fl.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("problems")
        self.problem_label.setStyleSheet("color: #b00020;")
        self.problem_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save_event")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self._on_revert)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(status_row)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        for w in (self.name, self.venue):
            w.textChanged.connect(self._on_edited)
        self.description.textChanged.connect(self._on_edited)
        for box in (self.kind, self.organiser, self.office):
            box.currentIndexChanged.connect(self._on_edited)
        self.kind.currentIndexChanged.connect(self._update_kind)
        self.event_date.dateChanged.connect(self._on_edited)
        for te in (self.start_time, self.end_time):
            te.timeChanged.connect(self._on_edited)
        self.has_end.toggled.connect(self._on_edited)
        for sb in (self.capacity, self.quota_male, self.quota_female, self.age_min, self.age_max):
            sb.valueChanged.connect(self._on_edited)
        self.verified_only.toggled.connect(self._on_edited)
        for cl in (self.sectors, self.districts, self.marital):
            cl.itemChanged.connect(self._on_edited)
        self.fill_staff()
        self.new_event(None)

    # --- staff and permissions ------------------------------------------------------------------
    def fill_staff(self) -> None:
        current = self.organiser.currentData()
        self.organiser.blockSignals(True)
        self.organiser.clear()
        for s in self.ctx.staff():
            self.organiser.addItem(s.display_name, s.id)
        index = self.organiser.findData(current)
        if index < 0 and self.ctx.actor is not None:
            index = self.organiser.findData(self.ctx.actor.staff_id)
        self.organiser.setCurrentIndex(max(0, index))
        self.organiser.blockSignals(False)

    def can_manage(self) -> bool:
        return bool(self.ctx.actor and self.ctx.actor.can(Permission.EVENTS_MANAGE))

    # --- age bands --------------------------------------------------------------------------------
    def add_band(self, band: AgeBandInfo | None) -> None:
        row = self.bands.rowCount()
        self.bands.insertRow(row)
        lo, hi = QSpinBox(), QSpinBox()
        for box in (lo, hi):
            box.setRange(18, 99)
        if band is None:
            last = self._band_spin(row - 1, 1).value() if row else 21
            lo.setValue(min(99, last + 1))
            hi.setValue(min(99, last + 8))
        else:
            lo.setValue(band.min_age)
            hi.setValue(band.max_age)
        limits = [_limit_spin() for _ in range(3)]
        if band is not None:
            _set(limits[0], band.limit)
            _set(limits[1], band.male_limit)
            _set(limits[2], band.female_limit)
        for col, box in enumerate((lo, hi, *limits)):
            box.valueChanged.connect(self._on_edited)
            self.bands.setCellWidget(row, col, box)
        self._on_edited()

    def _band_spin(self, row: int, col: int) -> QSpinBox:
        widget = self.bands.cellWidget(row, col)
        assert isinstance(widget, QSpinBox)
        return widget

    def _on_remove_band(self) -> None:
        row = self.bands.currentRow()
        if row < 0:
            row = self.bands.rowCount() - 1
        if row >= 0:
            self.bands.removeRow(row)
            self._on_edited()

    def band_values(self) -> tuple[AgeBandInfo, ...]:
        out = []
        for row in range(self.bands.rowCount()):
            lo, hi, limit, male, female = (self._band_spin(row, c) for c in range(self.BAND_COLUMNS))
            out.append(AgeBandInfo(lo.value(), hi.value(), _value(limit), _value(male), _value(female)))
        return tuple(sorted(out, key=lambda b: b.min_age))

    # --- loading ----------------------------------------------------------------------------------
    def new_event(self, day: Any) -> None:
        """An empty form for a new event on `day` (a date, or None = in two weeks)."""
        from datetime import timedelta

        self._loading = True
        self.info = None
        day = day or core_labels.today() + timedelta(days=14)
        self.name.clear()
        self.kind.setCurrentIndex(0)
        self.event_date.setDate(qdate(day))
        self.start_time.setTime(QTime(14, 30))
        self.has_end.setChecked(True)
        self.end_time.setTime(QTime(17, 0))
        self.venue.clear()
        self.description.clear()
        self.fill_staff()
        actor = self.ctx.actor
        self.office.setCurrentIndex(max(0, self.office.findData(actor.district_code if actor else None)))
        self.capacity.setValue(40)
        _set(self.quota_male, 20)
        _set(self.quota_female, 20)
        self.bands.setRowCount(0)
        self.age_min.setValue(AGE_ANY)
        self.age_max.setValue(AGE_ANY)
        self.verified_only.setChecked(False)
        for cl in (self.sectors, self.districts, self.marital):
            cl.set_checked(())
        self._loading = False
        self._fill_status()
        self._set_editable(self.can_manage())
        self.problem_label.clear()
        self._update_kind()
        self._update_buttons()
        self.name.setFocus()

    def show_info(self, info: EventInfo) -> None:
        self._loading = True
        self.info = info
        self.name.setText(info.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(info.kind)))
        self.event_date.setDate(qdate(info.event_date))
        self.start_time.setTime(_qtime(info.start_time))
        self.has_end.setChecked(info.end_time is not None)
        if info.end_time is not None:
            self.end_time.setTime(_qtime(info.end_time))
        self.venue.setText(info.venue)
        self.description.setPlainText(info.description or "")
        self.fill_staff()
        self.organiser.setCurrentIndex(max(0, self.organiser.findData(info.organiser_id)))
        self.office.setCurrentIndex(max(0, self.office.findData(info.district_code)))
        self.capacity.setValue(info.capacity)
        _set(self.quota_male, info.quota_male)
        _set(self.quota_female, info.quota_female)
        self.bands.setRowCount(0)
        for band in info.age_bands:
            self.add_band(band)
        _set(self.age_min, info.age_min, AGE_ANY)
        _set(self.age_max, info.age_max, AGE_ANY)
        self.verified_only.setChecked(info.verified_only)
        self.sectors.set_checked(info.sectors)
        self.districts.set_checked(info.districts)
        self.marital.set_checked(info.marital)
        self._loading = False
        self._fill_status()
        self._set_editable(self.can_manage() and info.status not in READ_ONLY_STATUSES)
        self.problem_label.clear()
        self._update_kind()
        self._update_buttons()

    def _set_editable(self, on: bool) -> None:
        for w in (self.name, self.kind, self.event_date, self.start_time, self.has_end, self.venue, self.description,
                  self.organiser, self.capacity, self.quota_male, self.quota_female, self.bands, self.age_min,
                  self.age_max, self.verified_only, self.sectors, self.districts, self.marital):  # fmt: skip
            w.setEnabled(on)
        self.end_time.setEnabled(on and self.has_end.isChecked())
        scoped = bool(self.ctx.actor and self.ctx.actor.district_code)
        self.office.setEnabled(on and not scoped)

    def _fill_status(self) -> None:
        while self.status_buttons.count():
            item = self.status_buttons.takeAt(0)
            widget = item.widget()
            if widget is not None:  # gone at once, not only at the next deferred delete
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        info = self.info
        if info is None:
            self.status_label.setText(self.tr("New event (saved as a draft)"))
            self.status_label.setStyleSheet("font-weight: bold; color: #555;")
            self.delete_button.hide()
            return
        colour = labels.STATUS_COLOURS.get(info.status, "#555")
        self.status_label.setText(self.tr("Status: {status}").format(status=labels.event_status(info.status)))
        self.status_label.setStyleSheet(f"font-weight: bold; color: {colour};")
        order = [s.value for s in EventStatus]
        for target in sorted(info.allowed_statuses, key=order.index):
            button = QPushButton(labels.transition_action(info.status, target))
            button.setObjectName(f"status_{target}")
            button.setEnabled(self.can_manage())
            button.clicked.connect(lambda _c=False, t=target: self.change_status(t))
            self.status_buttons.addWidget(button)
        self.delete_button.setVisible(info.status == EventStatus.DRAFT and not self._has_registrations(info))
        self.delete_button.setEnabled(self.can_manage())

    @staticmethod
    def _has_registrations(info: EventInfo) -> bool:
        c = info.counts
        return bool(c.pending or c.approved or c.waitlisted or c.cancelled or c.attended or c.no_show)

    def _update_kind(self) -> None:
        sector = self.kind.currentData() == EventKind.SECTOR
        self.sector_label.setText(self.tr("Sectors (required)") if sector else self.tr("Sectors"))

    # --- the draft --------------------------------------------------------------------------------
    def draft(self) -> EventDraft:
        return EventDraft(
            name=self.name.text(), kind=self.kind.currentData(), event_date=pydate(self.event_date.date()),
            start_time=_pytime(self.start_time.time()), venue=self.venue.text(), capacity=self.capacity.value(),
            end_time=_pytime(self.end_time.time()) if self.has_end.isChecked() else None,
            description=self.description.toPlainText().strip() or None,
            quota_male=_value(self.quota_male), quota_female=_value(self.quota_female), age_bands=self.band_values(),
            age_min=_value(self.age_min, AGE_ANY), age_max=_value(self.age_max, AGE_ANY),
            sectors=self.sectors.checked(), districts=self.districts.checked(), marital=self.marital.checked(),
            verified_only=self.verified_only.isChecked(), organiser_id=self.organiser.currentData(),
            district_code=self.office.currentData(),
        )  # fmt: skip

    @staticmethod
    def draft_of(info: EventInfo) -> EventDraft:
        return EventDraft(
            name=info.name, kind=info.kind, event_date=info.event_date, start_time=info.start_time, venue=info.venue,
            capacity=info.capacity, end_time=info.end_time, description=info.description, quota_male=info.quota_male,
            quota_female=info.quota_female, age_bands=tuple(info.age_bands), age_min=info.age_min,
            age_max=info.age_max, sectors=tuple(info.sectors), districts=tuple(info.districts),
            marital=tuple(info.marital), verified_only=info.verified_only, organiser_id=info.organiser_id,
            district_code=info.district_code,
        )  # fmt: skip

    def changes(self) -> dict[str, Any]:
        if self.info is None:
            return {}
        now, was = self.draft(), self.draft_of(self.info)
        out = {}
        for key in EventDraft.__dataclass_fields__:
            a, b = getattr(now, key), getattr(was, key)
            if key in ("sectors", "districts", "marital"):
                same = sorted(a) == sorted(b)
            elif key == "name" or key == "venue":
                same = " ".join(str(a).split()) == " ".join(str(b).split())
            else:
                same = a == b
            if not same:
                out[key] = a
        return out

    def is_dirty(self) -> bool:
        return self.info is None or bool(self.changes())

    def _on_edited(self, *_args: Any) -> None:
        if not self._loading:
            self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.can_manage() and (self.info is None or self.info.status not in READ_ONLY_STATUSES)
        dirty = bool(self.changes()) if self.info is not None else True
        self.save_button.setEnabled(editable and dirty)
        self.save_button.setText(self.tr("Create event") if self.info is None else self.tr("Save"))
        self.revert_button.setEnabled(editable and self.info is not None and dirty)

    # --- actions ----------------------------------------------------------------------------------
    def save(self) -> None:
        self.problem_label.clear()
        if self.info is None:
            draft = self.draft()
            fn = lambda uow, _p, _c: create_event(uow, draft=draft)  # noqa: E731
        else:
            changes = self.changes()
            if not changes:
                return
            event_id, version = self.info.id, self.info.version
            fn = lambda uow, _p, _c: update_event(uow, event_id=event_id, changes=changes,  # noqa: E731
                                                  base_version=version)  # fmt: skip
        self.save_button.setEnabled(False)
        self.ops.run(fn, on_done=self._on_saved, on_error=self._on_save_error, title=self.tr("Saving"), parent=self)

    def _on_saved(self, info: EventInfo) -> None:
        self.show_info(info)
        self.sig_saved.emit(info)

    def field_label(self, field: str) -> str:
        names = {
            "name": self.tr("Name"), "kind": self.tr("Type"), "event_date": self.tr("Date"),
            "start_time": self.tr("Start time"), "end_time": self.tr("End time"), "venue": self.tr("Venue"),
            "capacity": self.tr("Capacity"), "quota_male": self.tr("Quota for men"),
            "quota_female": self.tr("Quota for women"), "age_min": self.tr("Minimum age"),
            "age_max": self.tr("Maximum age"), "sectors": self.tr("Sectors"), "districts": self.tr("Districts"),
            "marital": self.tr("Marital status"), "district_code": self.tr("Organising office"),
            "organiser_id": self.tr("Organiser"), "description": self.tr("Description"),
        }  # fmt: skip
        if field.startswith("age_bands"):
            parts = field.split(".")
            if len(parts) >= 2 and parts[1].isdigit():
                return self.tr("Age band {n}").format(n=int(parts[1]) + 1)
            return self.tr("Age bands")
        return names.get(field, field)

    def _on_save_error(self, exc: BaseException) -> None:
        self._update_buttons()
        if isinstance(exc, ValidationError):
            shown = pretty(exc)
            assert isinstance(shown, ValidationError)
            lines = [f"{self.field_label(p.field)}: {describe(p)}" for p in shown.problems]
            self.problem_label.setText("\n".join(lines))
            return
        if isinstance(exc, XzError):
            self.problem_label.setText(describe_events_error(exc))
        show_events_error(self, exc)

    def _on_revert(self) -> None:
        if self.info is not None:
            self.show_info(self.info)

    def change_status(self, target: str, *, confirm: bool = True) -> None:
        if self.info is None:
            return
        info = self.info
        if target == EventStatus.CANCELLED and confirm:
            answer = QMessageBox.question(
                self, self.tr("Cancel the event"),
                self.tr("Cancel “{name}”? Every registration still open is cancelled as well. "
                        "This cannot be undone.").format(name=info.name),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.is_dirty() and self.changes():
            answer = QMessageBox.question(
                self, self.tr("Unsaved changes"), self.tr("The form has unsaved changes. Discard them?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        event_id = info.id
        self.ops.run(lambda uow, _p, _c: change_event_status(uow, event_id=event_id, status=target),
                     on_done=self._on_saved, on_error=lambda e: show_events_error(self, e), parent=self)  # fmt: skip

    def _on_delete(self) -> None:
        if self.info is None:
            return
        info = self.info
        answer = QMessageBox.question(self, self.tr("Delete draft"),
                                      self.tr("Delete the draft “{name}”?").format(name=info.name))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        event_id = info.id

        def done(_r: Any) -> None:
            self.sig_deleted.emit(event_id)
            self.new_event(None)

        self.ops.run(lambda uow, _p, _c: delete_event(uow, event_id=event_id), on_done=done,
                     on_error=lambda e: show_events_error(self, e), parent=self)  # fmt: skip
