"""A new password (or database passphrase) typed twice, with its strength judged as it is typed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QProgressBar, QWidget

from xzdesk.domain.staff import passwords
from xzdesk.ui.accounts.messages import hint, verdict
from xzdesk.ui.messages import describe

REFUSED = "#c62828"
ACCEPTED = "#1b5e20"


class NewPasswordFields(QWidget):
    """Two password fields, a strength meter and a verdict in words. `kind` "password" checks the
    staff password policy (with the person's names), "passphrase" the stricter database one."""

    sig_changed = Signal()

    def __init__(self, *, kind: str = "password", form: QFormLayout | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.kind = kind
        self._personal: tuple[str, str] = ("", "")
        self._judged: tuple[tuple, tuple[int, str, list]] | None = None
        self.first = QLineEdit()
        self.first.setObjectName(f"{kind}_first")
        self.again = QLineEdit()
        self.again.setObjectName(f"{kind}_again")
        for field in (self.first, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(128)
            field.textChanged.connect(self._update)
        self.show_text = QCheckBox(self.tr("Show what I type"))
        self.show_text.toggled.connect(self._on_show_toggled)
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(8)
        self.verdict = QLabel()
        self.verdict.setObjectName(f"{kind}_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setMinimumHeight(2 * self.verdict.fontMetrics().lineSpacing())  # no jumping as one types
        if form is None:  # laid out on its own; else its rows join the caller's form (labels aligned)
            form = QFormLayout(self)
            form.setContentsMargins(0, 0, 0, 0)
        first_label = self.tr("Passphrase") if kind == "passphrase" else self.tr("Password")
        again_label = self.tr("Passphrase again") if kind == "passphrase" else self.tr("Password again")
        form.addRow(first_label, self.first)
        form.addRow(again_label, self.again)
        form.addRow("", self.show_text)
        form.addRow(self.tr("Strength"), self.meter)
        form.addRow("", self.verdict)
        self._update()

    def set_personal(self, username: str, display_name: str) -> None:
        """The person's names: a password containing them is refused."""
        self._personal = (username, display_name)
        self._update()

    def text(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.again.clear()

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.again.setEchoMode(mode)

    def _judge(self) -> tuple[int, str, list]:
        """(score, hint, policy problems) of the text typed, computed once per text: zxcvbn takes
        tens of milliseconds, and the page asks again on every keystroke."""
        key = (self.first.text(), self._personal)
        if self._judged is None or self._judged[0] != key:
            text = self.first.text()
            username, display_name = self._personal
            if self.kind == "passphrase":
                policy = passwords.passphrase_problems(text)
            else:
                policy = passwords.password_problems(text, username=username, display_name=display_name)
            score, code = passwords.strength(text, [v for v in self._personal if v]) if text else (0, "")
            self._judged = (key, (score, code, policy))
        return self._judged[1]

    def _policy_problems(self) -> list:
        return self._judge()[2]

    def problems(self) -> list[str]:
        """What still stops this password, in words (empty: acceptable and typed the same twice)."""
        out = [describe(p) for p in self._policy_problems()]
        if not out and self.again.text() != self.first.text():
            out.append(self.tr("The two entries differ. Type the same text twice."))
        return out

    def is_acceptable(self) -> bool:
        return not self.problems()

    def _update(self) -> None:
        text = self.first.text()
        if not text:
            self.meter.setValue(0)
            self.verdict.setText(self._rule_text())
            self.verdict.setStyleSheet("color: #555;")
            self.sig_changed.emit()
            return
        score, code, policy = self._judge()
        word, colour = verdict(score)
        if policy:  # refused (too short, personal, too common): red, however strong it looks otherwise
            colour = REFUSED
        self.meter.setValue(max(1, score))
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        if policy:
            problem = policy[0]
            reason = hint(problem.params.get("hint", code)) if problem.code == "staff.password_weak" else describe(problem)
            text_out = self.tr("Strength: {word}. Not accepted: {reason}").format(word=word, reason=reason)
        elif self.again.text() and self.again.text() != text:
            text_out = self.tr("Strength: {word}. The second entry differs from the first.").format(word=word)
        elif not self.again.text():
            text_out = self.tr("Strength: {word}. Now type it again below.").format(word=word)
        else:
            text_out = self.tr("Strength: {word}. Accepted.").format(word=word)
        self.verdict.setText(text_out)
        self.verdict.setStyleSheet(f"color: {colour if policy else ACCEPTED if self.is_acceptable() else '#555'};")
        self.sig_changed.emit()

    def _rule_text(self) -> str:
        if self.kind == "passphrase":
            return self.tr("At least {n} characters. A short sentence of several words is strong and easy to "
                           "remember.").format(n=passwords.PASSPHRASE_MIN_LENGTH)  # fmt: skip
        return self.tr("At least {n} characters, not your name, not a common password.").format(
            n=passwords.MIN_LENGTH)
