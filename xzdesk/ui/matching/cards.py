"""Side-by-side comparison: two masked profile cards, each with its requirements and whether the
other side fits them. No name, phone, ID number or employer is ever shown here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from xzdesk.domain.introductions.dto import ProfileCardInfo
from xzdesk.domain.matching.views import ComparisonInfo
from xzdesk.ui import labels as core_labels
from xzdesk.ui.matching import labels

FIT_COLOUR = "#1b7f3b"
MISFIT_COLOUR = "#b00020"


class ProfileCardWidget(QGroupBox):
    """One masked profile card: facts, then requirements with a fit mark against the other side."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._title = title
        self.facts = QGridLayout()  # two label/value pairs per row, to keep the card short
        self.facts.setHorizontalSpacing(8)
        self.facts.setColumnStretch(1, 1)
        self.facts.setColumnStretch(3, 1)
        self._facts = 0
        self.reqs = QFormLayout()
        self.reqs.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.req_title = QLabel(self.tr("Wishes for a partner"))
        self.req_title.setStyleSheet("font-weight: bold; margin-top: 6px;")
        box = QVBoxLayout(self)
        box.addLayout(self.facts)
        box.addWidget(self.req_title)
        box.addLayout(self.reqs)
        box.addStretch(1)
        self.fit_labels: dict[str, QLabel] = {}

    @staticmethod
    def _clear(form: QFormLayout) -> None:
        while form.rowCount():
            form.removeRow(0)

    def clear(self) -> None:
        while self.facts.count():
            item = self.facts.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self._facts = 0
        self._clear(self.reqs)
        self.fit_labels = {}
        self.setTitle(self._title)

    def _fact(self, label: str, value: str | None) -> None:
        if value:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QLabel(label + self.tr(":"))
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            row, col = divmod(self._facts, 2)
            wide = len(value) > 14  # long values (hobbies, about) take the whole row
            if wide and col == 1:
                row, col = row + 1, 0
                self._facts += 1
            self.facts.addWidget(caption, row, col * 2)
            self.facts.addWidget(text, row, col * 2 + 1, 1, 3 if wide else 1)
            self._facts += 2 if wide else 1

    def set_card(self, card: ProfileCardInfo, *, unmet: tuple[str, ...]) -> None:
        self.clear()
        self.setTitle(f"{self._title} · {card.member_no}")
        c = card
        self._fact(self.tr("Sex"), core_labels.sex(c.sex))
        self._fact(self.tr("Age"), self.tr("{age} years (born {year})").format(age=c.age, year=c.birth_year))
        self._fact(self.tr("Height"), self.tr("{cm} cm").format(cm=c.height_cm) if c.height_cm else None)
        self._fact(self.tr("Education"), core_labels.education(c.education))
        self._fact(self.tr("Occupation"), c.occupation)
        self._fact(self.tr("Sector"), core_labels.sector(c.sector))
        self._fact(self.tr("District"), core_labels.district(c.district_code))
        self._fact(self.tr("Hukou"), c.hukou_place)
        if c.sensitive_shared:
            self._fact(self.tr("Marital history"), core_labels.marital(c.marital_status))
            self._fact(self.tr("Children"), core_labels.children(c.children))
            self._fact(self.tr("Income"), core_labels.income(c.income_band))
            self._fact(self.tr("Housing"), core_labels.housing(c.housing))
            if c.has_car is not None:
                self._fact(self.tr("Car"), self.tr("Yes") if c.has_car else self.tr("No"))
        else:
            self._fact(self.tr("Sensitive details"), self.tr("not shared (no consent)"))
        self._fact(self.tr("Hobbies"), labels.list_sep().join(c.hobbies))
        self._fact(self.tr("About"), c.self_description)
        self._requirements(c, unmet)

    def _requirements(self, c: ProfileCardInfo, unmet: tuple[str, ...]) -> None:
        rows: list[tuple[str, str]] = []
        lo, hi = c.req_age_min, c.req_age_max
        if lo is not None and hi is not None:
            rows.append(("age", self.tr("{lo}–{hi} years").format(lo=lo, hi=hi)))
        elif lo is not None:
            rows.append(("age", self.tr("{lo} years or older").format(lo=lo)))
        elif hi is not None:
            rows.append(("age", self.tr("{hi} years or younger").format(hi=hi)))
        lo, hi = c.req_height_min, c.req_height_max
        if lo is not None and hi is not None:
            rows.append(("height", self.tr("{lo}–{hi} cm").format(lo=lo, hi=hi)))
        elif lo is not None:
            rows.append(("height", self.tr("{lo} cm or taller").format(lo=lo)))
        elif hi is not None:
            rows.append(("height", self.tr("{hi} cm or shorter").format(hi=hi)))
        if c.req_education_min is not None:
            rows.append(("education", self.tr("{education} or higher").format(
                education=core_labels.education(c.req_education_min))))  # fmt: skip
        if c.req_districts:
            rows.append(("district", labels.list_sep().join(core_labels.district(d) for d in c.req_districts)))
        if c.req_marital:
            rows.append(("marital", labels.list_sep().join(core_labels.marital(int(m)) for m in c.req_marital)))
        if not c.req_children_ok:
            rows.append(("children", self.tr("no children")))
        if not rows:
            self.reqs.addRow(QLabel(self.tr("No particular wishes")))
            return
        for code, text in rows:
            fits = code not in unmet
            mark = QLabel(
                (self.tr("✓ {text} — the other fits") if fits else self.tr("✗ {text} — the other does not fit")).format(
                    text=text
                )
            )
            mark.setWordWrap(True)
            mark.setObjectName(f"fit_{code}")
            mark.setProperty("fits", fits)
            mark.setStyleSheet(f"color: {FIT_COLOUR if fits else MISFIT_COLOUR};")
            self.fit_labels[code] = mark
            self.reqs.addRow(labels.requirement(code) + self.tr(":"), mark)


class ComparisonWidget(QWidget):
    """The member's card on the left, the selected candidate's on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.member_card = ProfileCardWidget(self.tr("Member"))
        self.member_card.setObjectName("member_card")
        self.candidate_card = ProfileCardWidget(self.tr("Candidate"))
        self.candidate_card.setObjectName("candidate_card")
        self.hint = QLabel(self.tr("Select a candidate to compare the two profiles."))
        self.hint.setObjectName("comparison_hint")
        self.hint.setStyleSheet("color: #666;")
        inner = QWidget()
        row = QHBoxLayout(inner)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.member_card, 1)
        row.addWidget(self.candidate_card, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)
        self.info: ComparisonInfo | None = None
        self.clear()

    def clear(self) -> None:
        self.info = None
        self.member_card.clear()
        self.candidate_card.clear()
        self.hint.setVisible(True)

    def show_comparison(self, info: ComparisonInfo) -> None:
        self.info = info
        self.member_card.set_card(info.member, unmet=info.member_unmet)
        self.candidate_card.set_card(info.candidate, unmet=info.candidate_unmet)
        self.hint.setVisible(False)
