"""Unlock an existing database with its passphrase (computers without a secure keyring)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

MAX_TRIES = 5


class UnlockDialog(QDialog):
    """Asks for the passphrase chosen when xzdesk was set up; says what it is for and how many
    tries are left (after MAX_TRIES wrong ones xzdesk closes)."""

    def __init__(self, *, attempt: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unlock the database"))
        explain = QLabel(self.tr(
            "This computer has no secure keyring, so its database is locked with the passphrase chosen "
            "when xzdesk was set up. Type it to open the case files."))  # fmt: skip
        explain.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMinimumWidth(360)
        self.status = QLabel()
        self.status.setObjectName("unlock_status")
        self.status.setWordWrap(True)
        left = MAX_TRIES - attempt
        if attempt:
            self.status.setText(self.tr("The passphrase was wrong. {left} tries left.").format(left=left))
            self.status.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Unlock"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(QLabel(self.tr("Database passphrase")))
        layout.addWidget(self.passphrase)
        layout.addWidget(self.status)
        layout.addWidget(buttons)


def ask_unlock(attempt: int, parent: QWidget | None = None) -> str | None:
    """The passphrase typed (None when cancelled). `attempt` counts the wrong ones so far."""
    dialog = UnlockDialog(attempt=attempt, parent=parent)
    return dialog.passphrase.text() if dialog.exec() else None
