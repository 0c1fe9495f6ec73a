"""ReasonDialog: a typed reason for an action that is recorded (unmasking, refusals, exports...)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget


class ReasonDialog(QDialog):
    """Mandatory (at least two characters) unless `optional`. The reason goes to the audit log or
    the record, so the hint asks for no personal data."""

    def __init__(
        self, title: str, prompt: str, parent: QWidget | None = None, *, optional: bool = False,
        placeholder: str | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.optional = optional
        self.setWindowTitle(title)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        if placeholder:
            self.reason.setPlaceholderText(placeholder)
        label = QLabel(prompt)
        label.setWordWrap(True)
        hint = QLabel(self.tr("The reason is kept on record. Do not type names, ID numbers or phone numbers."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.reason.text().strip()

    def _on_ok(self) -> None:
        if not self.optional and len(self.text()) < 2:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Please type the reason (at least two characters)."))
            return
        self.accept()
