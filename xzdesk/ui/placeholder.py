"""A screen whose area is not built yet: says so plainly instead of showing an empty frame."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from xzdesk.app_context import AppContext
from xzdesk.ui.ops import Ops


class PlaceholderPage(QWidget):
    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(self.tr("This part of xzdesk is not available in this version yet."))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        QVBoxLayout(self).addWidget(label)
