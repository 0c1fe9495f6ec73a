"""MemberForm: every case-file field with inline validation messages.

Used by the case editor (existing member) and the new-member dialog. Validation is the domain's
`validate_draft`, run as the user types (it is pure and fast), with each problem shown under its
field. Identity fields (name, ID number, mobile, WeChat) of an existing member are shown masked
and read-only until revealed through the audited "show" action.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from xzdesk.domain.errors import FieldProblem
from xzdesk.domain.members import codes
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.validation import split_tags, validate_draft
from xzdesk.domain.staff.service import StaffInfo
from xzdesk.ui import labels
from xzdesk.ui.messages import describe

IDENTITY = ("name", "id_number", "mobile", "wechat")
NONE = None


def _combo(items: list[tuple[Any, str]], *, empty: str | None = "") -> QComboBox:
    box = QComboBox()
    if empty is not None:
        box.addItem(empty, NONE)
    for value, text in items:
        box.addItem(text, value)
    return box


def _set_combo(box: QComboBox, value: Any) -> None:
    index = box.findData(value)
    box.setCurrentIndex(index if index >= 0 else 0)


def _spin(lo: int, hi: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(lo - 1, hi)
    box.setSpecialValueText(" ")  # lo-1 shows as empty = not given
    box.setValue(lo - 1)
    return box


def _spin_value(box: QSpinBox) -> int | None:
    return None if box.value() == box.minimum() else box.value()


def field_label(key: str) -> str:
    """A case-file field as the form labels it (also used to say which fields a correction changed)."""
    return {
        "name": QCoreApplication.translate("MemberForm", "Name"),
        "id_number": QCoreApplication.translate("MemberForm", "ID number"),
        "sex": QCoreApplication.translate("MemberForm", "Sex"),
        "birth_date": QCoreApplication.translate("MemberForm", "Birth date"),
        "mobile": QCoreApplication.translate("MemberForm", "Mobile"),
        "wechat": QCoreApplication.translate("MemberForm", "WeChat"),
        "nickname": QCoreApplication.translate("MemberForm", "Nickname"),
        "district_code": QCoreApplication.translate("MemberForm", "District"),
        "hukou_place": QCoreApplication.translate("MemberForm", "Hukou place"),
        "employer": QCoreApplication.translate("MemberForm", "Employer"),
        "base_union": QCoreApplication.translate("MemberForm", "Base union"),
        "union_no": QCoreApplication.translate("MemberForm", "Union card no."),
        "sector": QCoreApplication.translate("MemberForm", "Sector"),
        "occupation": QCoreApplication.translate("MemberForm", "Occupation"),
        "education": QCoreApplication.translate("MemberForm", "Education"),
        "height_cm": QCoreApplication.translate("MemberForm", "Height (cm)"),
        "weight_kg": QCoreApplication.translate("MemberForm", "Weight (kg)"),
        "marital_status": QCoreApplication.translate("MemberForm", "Marital history"),
        "children": QCoreApplication.translate("MemberForm", "Children"),
        "income_band": QCoreApplication.translate("MemberForm", "Yearly income"),
        "housing": QCoreApplication.translate("MemberForm", "Housing"),
        "has_car": QCoreApplication.translate("MemberForm", "Car"),
        "hobbies": QCoreApplication.translate("MemberForm", "Hobbies"),
        "self_description": QCoreApplication.translate("MemberForm", "Self-description"),
        "req_age_min": QCoreApplication.translate("MemberForm", "Age from"),
        "req_age_max": QCoreApplication.translate("MemberForm", "Age to"),
        "req_height_min": QCoreApplication.translate("MemberForm", "Height from"),
        "req_height_max": QCoreApplication.translate("MemberForm", "Height to"),
        "req_education_min": QCoreApplication.translate("MemberForm", "Education at least"),
        "req_other": QCoreApplication.translate("MemberForm", "Other wishes"),
        "matchmaker_id": QCoreApplication.translate("MemberForm", "Matchmaker"),
        "referral_source": QCoreApplication.translate("MemberForm", "Referral source"),
        "req_districts": QCoreApplication.translate("MemberForm", "Districts"),
        "req_marital": QCoreApplication.translate("MemberForm", "Marital history accepted"),
        "req_children_ok": QCoreApplication.translate("MemberForm", "Accepts a partner with children"),
    }.get(key, key)


class MemberForm(QWidget):
    """Emits `sig_edited` whenever a value changes (after validation ran)."""

    sig_edited = Signal()

    def __init__(self, *, staff: list[StaffInfo], new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.identity_revealed = new
        self.errors: dict[str, QLabel] = {}
        self.problems: list[FieldProblem] = []
        self._loading = False
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.validate)

        e = self.editors = {}
        e["name"] = QLineEdit()
        e["nickname"] = QLineEdit()
        e["id_number"] = QLineEdit()
        e["id_number"].setPlaceholderText(self.tr("18 characters; sex and birth date follow from it"))
        e["mobile"] = QLineEdit()
        e["wechat"] = QLineEdit()
        e["sex"] = _combo([(1, labels.sex(1)), (2, labels.sex(2))])
        e["birth_date"] = QDateEdit()
        e["birth_date"].setDisplayFormat("yyyy-MM-dd")
        e["birth_date"].setCalendarPopup(True)
        e["birth_date"].setMinimumDate(QDate(1900, 1, 1))
        e["birth_date"].setSpecialValueText(" ")
        e["birth_date"].setDate(e["birth_date"].minimumDate())
        e["district_code"] = _combo([(c, n) for c, n in codes.DISTRICTS.items()])
        e["hukou_place"] = QLineEdit()
        e["employer"] = QLineEdit()
        e["base_union"] = QLineEdit()
        e["union_no"] = QLineEdit()
        e["sector"] = _combo([(s.value, labels.sector(s.value)) for s in codes.Sector])
        e["occupation"] = QLineEdit()
        e["education"] = _combo([(x.value, labels.education(x.value)) for x in codes.Education])
        e["height_cm"] = _spin(120, 230)
        e["weight_kg"] = _spin(30, 200)
        e["marital_status"] = _combo([(m.value, labels.marital(m.value)) for m in codes.Marital], empty=None)
        e["children"] = _combo([(c.value, labels.children(c.value)) for c in codes.Children], empty=None)
        e["income_band"] = _combo([(i.value, labels.income(i.value)) for i in codes.IncomeBand], empty=None)
        e["housing"] = _combo([(h.value, labels.housing(h.value)) for h in codes.Housing], empty=None)
        e["has_car"] = _combo([(True, self.tr("Yes")), (False, self.tr("No"))])
        e["hobbies"] = QLineEdit()
        e["hobbies"].setPlaceholderText(self.tr("e.g. 羽毛球、旅行 (separate with 、 or commas)"))
        e["self_description"] = QPlainTextEdit()
        e["self_description"].setMaximumHeight(70)
        e["matchmaker_id"] = _combo([(s.id, s.display_name) for s in staff if s.role == "matchmaker"])
        e["referral_source"] = _combo([(r.value, labels.referral(r.value)) for r in codes.ReferralSource], empty=None)
        e["req_age_min"] = _spin(18, 80)
        e["req_age_max"] = _spin(18, 80)
        e["req_height_min"] = _spin(120, 230)
        e["req_height_max"] = _spin(120, 230)
        e["req_education_min"] = _combo([(x.value, labels.education(x.value)) for x in codes.Education])
        e["req_children_ok"] = QCheckBox(self.tr("Accepts a partner with children"))
        e["req_other"] = QPlainTextEdit()
        e["req_other"].setMaximumHeight(60)
        self.district_checks = {c: QCheckBox(n) for c, n in codes.DISTRICTS.items()}
        self.marital_checks = {str(m.value): QCheckBox(labels.marital(m.value)) for m in codes.Marital}

        layout = QVBoxLayout(self)
        layout.addWidget(self._group(self.tr("Identity"), [
            "name", "id_number", "sex",
            "birth_date", "mobile", "wechat",
            "nickname",
        ]))  # fmt: skip
        layout.addWidget(self._group(self.tr("Work and union"), [
            "district_code", "hukou_place",
            "employer", "base_union",
            "union_no", "sector",
            "occupation",
        ]))  # fmt: skip
        layout.addWidget(self._group(self.tr("About"), [
            "education", "height_cm",
            "weight_kg", "marital_status",
            "children", "income_band",
            "housing", "has_car", "hobbies",
            "self_description",
        ]))  # fmt: skip
        req = self._group(self.tr("Partner requirements"), [
            "req_age_min", "req_age_max",
            "req_height_min", "req_height_max",
            "req_education_min", "req_children_ok",
            "req_other",
        ])  # fmt: skip
        assert isinstance(req.layout(), QFormLayout)
        req.layout().addRow(self.tr("Districts"), self._check_grid(self.district_checks, 3))  # type: ignore[union-attr]
        self.errors["req_districts"] = self._error_label()
        req.layout().addRow("", self.errors["req_districts"])  # type: ignore[union-attr]
        req.layout().addRow(self.tr("Marital history accepted"), self._check_grid(self.marital_checks, 4))  # type: ignore[union-attr]
        layout.addWidget(req)
        layout.addWidget(self._group(self.tr("Case"), [
            "matchmaker_id", "referral_source",
        ]))  # fmt: skip
        layout.addStretch(1)
        self._connect()
        self.set_identity_masked(None)

    # --- layout helpers -----------------------------------------------------------------------
    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setStyleSheet("color: #b00020;")
        label.setWordWrap(True)
        label.hide()
        return label

    def _group(self, title: str, keys: list[str]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for key in keys:
            text = "" if key == "req_children_ok" else field_label(key)  # the check box says it itself
            holder = QWidget()
            v = QVBoxLayout(holder)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(1)
            v.addWidget(self.editors[key])
            self.errors[key] = self._error_label()
            v.addWidget(self.errors[key])
            form.addRow(text, holder)
            self.editors[key].setObjectName(f"field_{key}")
        return box

    def _check_grid(self, checks: dict[str, QCheckBox], columns: int) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(checks.values()):
            grid.addWidget(box, n // columns, n % columns)
            box.toggled.connect(self._on_changed)
        return holder

    def _connect(self) -> None:
        for key, w in self.editors.items():
            if isinstance(w, QLineEdit):
                w.textEdited.connect(self._on_changed)
            elif isinstance(w, QPlainTextEdit):
                w.textChanged.connect(self._on_changed)
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self._on_changed)
            elif isinstance(w, QSpinBox):
                w.valueChanged.connect(self._on_changed)
            elif isinstance(w, QDateEdit):
                w.dateChanged.connect(self._on_changed)
            elif isinstance(w, QCheckBox):
                w.toggled.connect(self._on_changed)
            if key == "id_number":
                w.textEdited.connect(self._on_id_edited)  # type: ignore[union-attr]

    def _on_changed(self, *_: Any) -> None:
        if not self._loading:
            self._timer.start()

    def _on_id_edited(self, text: str) -> None:
        """Sex and birth date follow from a valid ID number."""
        from xzdesk.domain.members.identity import parse_resident_id

        try:
            rid = parse_resident_id(text)
        except FieldProblem:
            return
        self._loading = True
        _set_combo(self.editors["sex"], int(rid.sex))
        self.editors["birth_date"].setDate(QDate(rid.birth_date.year, rid.birth_date.month, rid.birth_date.day))
        self._loading = False

    # --- values ---------------------------------------------------------------------------------
    def set_identity_masked(self, masked: dict[str, str] | None) -> None:
        """Show masked identity values read-only (existing member), or editable (new/revealed)."""
        editable = masked is None
        for key in IDENTITY:
            w = self.editors[key]
            assert isinstance(w, QLineEdit)
            w.setReadOnly(not editable)
            if masked is not None:
                w.setText(masked.get(key, ""))
        self.editors["sex"].setEnabled(editable)
        self.editors["birth_date"].setEnabled(editable)

    def reveal(self, values: dict[str, Any]) -> None:
        self._loading = True
        for key in IDENTITY:
            w = self.editors[key]
            assert isinstance(w, QLineEdit)
            w.setText(values.get(key) or "")
            w.setReadOnly(False)
        self.editors["sex"].setEnabled(True)
        self.editors["birth_date"].setEnabled(True)
        self.identity_revealed = True
        self._loading = False

    def set_values(self, fields: dict[str, Any]) -> None:
        self._loading = True
        try:
            for key, value in fields.items():
                w = self.editors.get(key)
                if w is None:
                    continue
                if isinstance(w, QLineEdit):
                    w.setText("、".join(value) if key == "hobbies" else (value or ""))
                elif isinstance(w, QPlainTextEdit):
                    w.setPlainText(value or "")
                elif isinstance(w, QComboBox):
                    _set_combo(w, value)
                elif isinstance(w, QSpinBox):
                    w.setValue(w.minimum() if value is None else int(value))
                elif isinstance(w, QDateEdit):
                    w.setDate(QDate(value.year, value.month, value.day) if value else w.minimumDate())
                elif isinstance(w, QCheckBox):
                    w.setChecked(bool(value) if value is not None else True)
            for code, box in self.district_checks.items():
                box.setChecked(code in (fields.get("req_districts") or []))
            for code, box in self.marital_checks.items():
                box.setChecked(code in [str(m) for m in (fields.get("req_marital") or [])])
        finally:
            self._loading = False
        self.validate()

    def values(self) -> dict[str, Any]:
        """The form's values in the domain's field names (identity only when editable)."""
        out: dict[str, Any] = {}
        for key, w in self.editors.items():
            if key in IDENTITY and not self.identity_revealed:
                continue
            if key in ("sex", "birth_date") and not self.identity_revealed:
                continue
            if isinstance(w, QLineEdit):
                text = w.text().strip()
                out[key] = split_tags(text) if key == "hobbies" else (text or None)
            elif isinstance(w, QPlainTextEdit):
                out[key] = w.toPlainText().strip() or None
            elif isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, QSpinBox):
                out[key] = _spin_value(w)
            elif isinstance(w, QDateEdit):
                d = w.date()
                out[key] = None if d == w.minimumDate() else date(d.year(), d.month(), d.day())
            elif isinstance(w, QCheckBox):
                out[key] = w.isChecked()
        out["req_districts"] = [c for c, box in self.district_checks.items() if box.isChecked()]
        out["req_marital"] = [c for c, box in self.marital_checks.items() if box.isChecked()]
        return out

    # --- validation -----------------------------------------------------------------------------
    def validate(self) -> list[FieldProblem]:
        values = self.values()
        draft = MemberDraft(**{k: v for k, v in values.items() if k in MemberDraft.__dataclass_fields__})
        _, problems = validate_draft(draft, today=labels.today())
        if not self.identity_revealed:  # the stored identity is valid; only what the form holds counts
            problems = [p for p in problems if p.field not in (*IDENTITY, "sex", "birth_date")]
        self.problems = problems
        by_field: dict[str, list[str]] = {}
        for p in problems:
            by_field.setdefault(p.field, []).append(("⚠ " if p.warning else "") + describe(p))
        for key, label in self.errors.items():
            texts = by_field.get(key)
            label.setText("\n".join(texts or []))
            label.setVisible(bool(texts))
            label.setStyleSheet("color: #b06000;" if texts and all(t.startswith("⚠") for t in texts) else "color: #b00020;")
        self.sig_edited.emit()
        return problems

    def blocking_problems(self) -> list[FieldProblem]:
        return [p for p in self.problems if not p.warning]

    def focus_first_problem(self) -> None:
        for p in self.blocking_problems():
            w = self.editors.get(p.field)
            if w is not None:
                w.setFocus(Qt.FocusReason.OtherFocusReason)
                return


def form_changes(form: MemberForm, fields: dict[str, Any], revealed: dict[str, Any]) -> dict[str, Any]:
    """What `form` holds that differs from the stored `fields`: identity fields count only while
    revealed (compared with the revealed values)."""
    out: dict[str, Any] = {}
    for key, value in form.values().items():
        if key in IDENTITY or key in ("sex", "birth_date"):
            if form.identity_revealed and value != revealed.get(key, fields.get(key)):
                out[key] = value
            continue
        current = fields.get(key)
        if isinstance(current, list):
            same = [str(x) for x in current] == [str(x) for x in (value or [])]
        else:
            same = current == value
        if not same:
            out[key] = value
    return out


class ConsentChecks(QWidget):
    """Consent choices for a new member (basic processing is required)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = {c.value: QCheckBox(labels.consent(c.value)) for c in codes.ConsentType}
        self.boxes["basic"].setChecked(True)
        for box in self.boxes.values():
            layout.addWidget(box)
        self.channel = _combo([(c.value, labels.channel(c.value)) for c in codes.ConsentChannel], empty=None)
        layout.addWidget(self.channel)

    def chosen(self) -> tuple[str, ...]:
        return tuple(k for k, box in self.boxes.items() if box.isChecked())
