"""Rank weights, adjustable by an administrator (the `staff.manage` permission that
`set_match_weights` requires), with the effect previewed on one member before saving: the same
member ranked with the weights in force and with the proposed ones, side by side."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSlider,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.errors import XzError
from xzdesk.domain.introductions.dto import IntroductionSideRow
from xzdesk.domain.matching import DEFAULT_WEIGHTS, MatchCandidateRow, MatchWeights
from xzdesk.domain.matching.queries import current_weights
from xzdesk.domain.matching.service import set_match_weights
from xzdesk.domain.matching.views import PREVIEW_K, WeightsPreviewLoadInfo, load_weights_preview
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui import labels as core_labels
from xzdesk.ui.matching import labels
from xzdesk.ui.matching.common import side_cell
from xzdesk.ui.matching.index_holder import MatchIndexHolder
from xzdesk.ui.matching.messages import show_matching_error
from xzdesk.ui.matching.picker import MemberPicker
from xzdesk.ui.ops import Ops
from xzdesk.ui.table_model import CENTER, Column, RowListModel, setup_table

Index = QModelIndex | QPersistentModelIndex
# name -> (minimum, maximum, step)
RANGES: dict[str, tuple[float, float, float]] = {
    "w_age": (0.0, 3.0, 0.1),
    "w_height": (0.0, 3.0, 0.1),
    "w_education": (0.0, 3.0, 0.1),
    "w_district": (0.0, 3.0, 0.1),
    "w_tags": (0.0, 1.0, 0.05),
    "model_blend": (0.0, 1.0, 0.05),
    "damp_a": (0.0, 2.0, 0.05),
    "damp_b": (0.0, 3.0, 0.1),
}
ENTERED_COLOUR = "#dff3e4"
LEFT_COLOUR = "#eeeeee"


class RankPreviewModel(RowListModel):
    """One ranked list of the preview: #, member no., age, district, score. Rows that enter (or
    leave) the top list under the proposed weights are shaded. No names: an administrator
    tunes the matcher, not case files."""

    row_roles = {Qt.ItemDataRole.UserRole: lambda r: r.member_id}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[MatchCandidateRow] = []
        self.sides: dict[str, IntroductionSideRow] = {}
        self.marked: set[str] = set()
        self.mark_colour = ENTERED_COLOUR
        self.other: list[str] = []  # the other list's ids, to show the change of place
        self.proposed_side = False
        side = self._side
        self.columns = (
            Column("rank", self.tr("#"), lambda r: str(self.row_of(r.member_id) + 1), align=CENTER),
            Column("member_no", self.tr("No."), lambda r: side(r, lambda s: s.member_no)),
            Column("age", self.tr("Age"), lambda r: side(r, lambda s: str(s.age)), align=CENTER),
            Column("district", self.tr("District"), lambda r: side(r, lambda s: core_labels.district(s.district_code))),
            Column("score", self.tr("Score"), lambda r: labels.percent(r.score), align=CENTER),
            Column("change", self.tr("Change"), lambda r: self.change(self.row_of(r.member_id)), align=CENTER),
        )  # fmt: skip

    def _side(self, r: MatchCandidateRow, text: Callable[[IntroductionSideRow], str]) -> str:
        return side_cell(self.sides, r.member_id, text)

    def set_rows(self, rows: tuple[MatchCandidateRow, ...], sides: dict[str, IntroductionSideRow], *,  # type: ignore[override]
                 marked: tuple[str, ...], colour: str, other: list[str], proposed_side: bool) -> None:  # fmt: skip
        self.beginResetModel()
        self.rows, self.sides, self.marked, self.mark_colour = list(rows), dict(sides), set(marked), colour
        self.other, self.proposed_side = list(other), proposed_side
        self.endResetModel()

    def change(self, row: int) -> str:
        """Proposed list: new, up n, down n or unchanged; current list: leaves or nothing."""
        member_id = self.rows[row].member_id
        if member_id not in self.other:
            return self.tr("new") if self.proposed_side else self.tr("leaves")
        if not self.proposed_side:
            return ""
        delta = self.other.index(member_id) - row
        if delta > 0:
            return self.tr("▲ {n}").format(n=delta)
        if delta < 0:
            return self.tr("▼ {n}").format(n=-delta)
        return "="

    def ids(self) -> list[str]:
        return [r.member_id for r in self.rows]

    def row_tooltip(self, r: MatchCandidateRow) -> str:
        return labels.reasons(r.factors)

    def row_background(self, r: MatchCandidateRow) -> str | None:
        return self.mark_colour if r.member_id in self.marked else None


class WeightEditor(QWidget):
    """A slider and a spin box for one weight, kept in step."""

    def __init__(self, minimum: float, maximum: float, step: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.spin = QDoubleSpinBox()
        self.spin.setRange(minimum, maximum)
        self.spin.setSingleStep(step)
        self.spin.setDecimals(2)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(round(minimum / step), round(maximum / step))
        self.slider.valueChanged.connect(lambda v: self.spin.setValue(v * self.step))
        self.spin.valueChanged.connect(self._on_spin)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)

    def _on_spin(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(value / self.step))
        self.slider.blockSignals(False)

    def value(self) -> float:
        return round(self.spin.value(), 4)

    def set_value(self, value: float) -> None:
        self.spin.setValue(float(value))


class WeightsPanel(QWidget):
    def __init__(self, ctx: AppContext, ops: Ops, holder: MatchIndexHolder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops, self.holder = ctx, ops, holder
        self.current: MatchWeights = DEFAULT_WEIGHTS
        self.preview_info: WeightsPreviewLoadInfo | None = None

        self.notice = QLabel()
        self.notice.setObjectName("weights_notice")
        self.notice.setWordWrap(True)
        self.mean = QComboBox()
        self.mean.setObjectName("w_mean")
        self.mean.addItem(self.tr("Geometric mean (OkCupid)"), "geometric")
        self.mean.addItem(self.tr("Harmonic mean (RECON)"), "harmonic")
        self.editors: dict[str, WeightEditor] = {}
        captions = {
            "w_age": (self.tr("Age"), self.tr("Weight of age in each side's satisfaction")),
            "w_height": (self.tr("Height"), self.tr("Weight of height in each side's satisfaction")),
            "w_education": (self.tr("Education"), self.tr("Weight of education in each side's satisfaction")),
            "w_district": (self.tr("District"), self.tr("Weight of the district in each side's satisfaction")),
            "w_tags": (self.tr("Shared hobbies"), self.tr("Share of hobby similarity in the score (0–1)")),
            "model_blend": (self.tr("Outcome model"),
                            self.tr("Share of the learned outcome model once it has enough labels (0–1)")),
            "damp_a": (self.tr("Damping strength"),
                       self.tr("How much each open introduction lowers a candidate's score")),
            "damp_b": (self.tr("Damping exponent"), self.tr("Shape of the damping for popular members")),
        }  # fmt: skip
        form = QFormLayout()
        form.addRow(self.tr("Both sides combined by"), self.mean)
        for name, (lo, hi, step) in RANGES.items():
            editor = WeightEditor(lo, hi, step)
            editor.setObjectName(name)
            caption, tip = captions[name]
            editor.setToolTip(tip)
            self.editors[name] = editor
            form.addRow(caption, editor)
        self.reset_button = QPushButton(self.tr("Weights in force"))
        self.reset_button.clicked.connect(lambda: self.set_weights(self.current))
        self.defaults_button = QPushButton(self.tr("Defaults"))
        self.defaults_button.clicked.connect(lambda: self.set_weights(DEFAULT_WEIGHTS))
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setObjectName("weights_preview")
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(self.tr("Save weights…"))
        self.save_button.setObjectName("weights_save")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        for b in (self.reset_button, self.defaults_button, self.preview_button, self.save_button):
            buttons.addWidget(b)
        weights_box = QGroupBox(self.tr("Rank weights"))
        wl = QVBoxLayout(weights_box)
        wl.addWidget(self.notice)
        wl.addLayout(form)
        wl.addLayout(buttons)
        wl.addStretch(1)

        self.picker = MemberPicker(ctx, ops, self)
        self.picker.sig_picked.connect(lambda _m: self._update_buttons())
        picker_box = QGroupBox(self.tr("Preview on member"))
        QVBoxLayout(picker_box).addWidget(self.picker)

        self.current_model = RankPreviewModel(self)
        self.proposed_model = RankPreviewModel(self)
        self.current_table = QTableView()
        self.current_table.setObjectName("preview_current")
        self.proposed_table = QTableView()
        self.proposed_table.setObjectName("preview_proposed")
        for table, model in ((self.current_table, self.current_model), (self.proposed_table, self.proposed_model)):
            table.setModel(model)
            setup_table(table)
        self.current_title = QLabel(self.tr("With the weights in force"))
        self.proposed_title = QLabel(self.tr("With the proposed weights"))
        self.summary = QLabel(self.tr("Pick a member and press Preview: nothing is stored until you save."))
        self.summary.setObjectName("weights_summary")
        self.summary.setWordWrap(True)
        lists = QHBoxLayout()
        for title, table in ((self.current_title, self.current_table), (self.proposed_title, self.proposed_table)):
            col = QVBoxLayout()
            col.addWidget(title)
            col.addWidget(table, 1)
            lists.addLayout(col, 1)
        top = QHBoxLayout()
        top.addWidget(weights_box, 1)
        top.addWidget(picker_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 3)
        layout.addWidget(self.summary)
        layout.addLayout(lists, 2)
        self.set_weights(DEFAULT_WEIGHTS)
        self.load_current()
        self._apply_permissions()

    # --- values -----------------------------------------------------------------------------------
    def set_weights(self, weights: MatchWeights) -> None:
        self.mean.setCurrentIndex(max(0, self.mean.findData(weights.mean)))
        for name, editor in self.editors.items():
            editor.set_value(getattr(weights, name))

    def proposed(self) -> MatchWeights:
        """The weights in the editors (ValidationError for impossible values)."""
        values: dict[str, Any] = {"mean": self.mean.currentData()}
        values.update({name: editor.value() for name, editor in self.editors.items()})
        known = {f.name for f in fields(MatchWeights)}
        return MatchWeights(**{k: v for k, v in values.items() if k in known})

    def load_current(self) -> None:
        def done(weights: MatchWeights) -> None:
            self.current = weights
            self.set_weights(weights)

        self.ops.run(lambda s, _p, _c: current_weights(s), on_done=done,
                     on_error=lambda e: show_matching_error(self, e), mode="read")  # fmt: skip

    def _apply_permissions(self) -> None:
        actor = self.ctx.actor
        admin = bool(actor and actor.can(Permission.MATCHING_POLICY))
        self.notice.setText(
            self.tr("You can change the weights (union administrator). Preview the effect before saving.") if admin
            else self.tr("Only a union administrator can change the weights. You can try values "
                         "and preview them here; saving is disabled.")
        )  # fmt: skip
        self.save_button.setEnabled(admin)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.preview_button.setEnabled(self.picker.picked is not None)

    # --- preview and save -------------------------------------------------------------------------
    def preview(self) -> None:
        member_id = self.picker.picked
        if member_id is None:
            return
        try:
            weights = self.proposed()
        except XzError as exc:
            show_matching_error(self, exc)
            return
        self.summary.setText(self.tr("Ranking with both weights…"))
        self.holder.run(lambda index, _p, _c: load_weights_preview(index, member_id, weights),
                        on_done=self._on_preview, on_error=lambda e: show_matching_error(self, e))  # fmt: skip

    def _on_preview(self, info: WeightsPreviewLoadInfo) -> None:
        self.preview_info = info
        p = info.preview
        now, new = [r.member_id for r in p.current], [r.member_id for r in p.proposed]
        self.current_model.set_rows(p.current, info.sides, marked=p.left, colour=LEFT_COLOUR, other=new,
                                    proposed_side=False)  # fmt: skip
        self.proposed_model.set_rows(p.proposed, info.sides, marked=p.entered, colour=ENTERED_COLOUR, other=now,
                                     proposed_side=True)  # fmt: skip
        side = info.sides.get(p.member_id)
        same = now == new
        self.summary.setText(
            self.tr("Top {k} for {member}: {entered} candidates enter the list, {left} leave it{order}.").format(
                k=PREVIEW_K, member=side.member_no if side else "", entered=len(p.entered), left=len(p.left),
                order=self.tr(" (same order)") if same else "")
        )  # fmt: skip

    def save(self) -> None:
        try:
            weights = self.proposed()
        except XzError as exc:
            show_matching_error(self, exc)
            return
        answer = QMessageBox.question(
            self, self.tr("Save weights"),
            self.tr("Use these weights for every matchmaker from now on? The change is recorded and synced."),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.run(lambda uow, _p, _c: set_match_weights(uow, weights=weights), on_done=self._on_saved,
                     on_error=lambda e: show_matching_error(self, e), parent=self)  # fmt: skip

    def _on_saved(self, weights: MatchWeights) -> None:
        self.current = weights
        self.summary.setText(self.tr("The new weights are in force."))

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.MATCHING, Area.SYNC):
            self.load_current_silently()
        if changes.touches(Area.ACTOR, Area.STAFF):
            self._apply_permissions()
        if changes.touches(Area.MEMBERS, Area.ACTOR, Area.SYNC):
            self.picker.reload()

    def load_current_silently(self) -> None:
        """Refresh the weights in force without touching what is being edited."""

        def done(weights: MatchWeights) -> None:
            self.current = weights

        self.ops.run(lambda s, _p, _c: current_weights(s), on_done=done, mode="read")
