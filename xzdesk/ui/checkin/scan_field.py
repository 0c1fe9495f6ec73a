"""The scan field: a line edit that keyboard-wedge scanners type into.

- The input method is off (`WA_InputMethodEnabled` false, Latin-only hints): a Chinese IME
  would otherwise swallow the scanner's letters into a composition window.
- A code ends with Enter, Tab (scanners are often set to send either; Tab must not move the
  focus away), or an idle pause of IDLE_MS after a scanner-speed burst (scanners configured
  without a suffix).
- The idle pause ends a code only when the whole input came at scanner speed: every gap between
  keys shorter than BURST_GAP_MS. A person typing (gaps of 100-300 ms, or longer) is never cut
  into pieces by the idle timer, however long they pause; they finish with Enter or Tab.
  Thresholds: BURST_GAP_MS = 35 ms (USB scanners send a character every 1-10 ms), IDLE_MS = 250 ms.
- Lower case is accepted (the service reads tokens case-insensitively).
- The same code again within REPEAT_S = 3 s is ignored (`sig_repeat_ignored`): a scanner that
  double-fires, or a badge held under it twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

IDLE_MS = 250
BURST_GAP_MS = 35
REPEAT_S = 3.0
MAX_CODE = 96  # longer input is not a badge; the field keeps at most this much


class ScanLineEdit(QLineEdit):
    """Emits `sig_code_scanned(text)` once per code (see module docstring)."""

    sig_code_scanned = Signal(str)
    sig_repeat_ignored = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self.setObjectName("scan_field")
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhLatinOnly
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
            | Qt.InputMethodHint.ImhSensitiveData
        )
        self.setMaxLength(MAX_CODE)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self._on_idle_timeout)
        self._last_key: float | None = None
        self._burst = True
        self._last_code: tuple[str, float] | None = None

    # --- keys ---------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Tab and Backtab reach QWidget.event (focus change) before keyPressEvent: catch them here
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in (
            Qt.Key.Key_Tab, Qt.Key.Key_Backtab,
        ):  # fmt: skip
            self._finish()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finish()
            return
        if event.key() == Qt.Key.Key_Escape:
            self._reset()
            return
        before = self.text()
        super().keyPressEvent(event)
        if self.text() != before and event.text():
            now = self._clock()
            if not before:
                self._burst = True
            elif self._last_key is not None and (now - self._last_key) * 1000 > BURST_GAP_MS:
                self._burst = False
            self._last_key = now
            if self._burst:
                self._idle.start()
            else:
                self._idle.stop()

    def _on_idle_timeout(self) -> None:
        if self._burst and self.text():
            self._finish()

    # --- ending a code ------------------------------------------------------------------------
    def _reset(self) -> None:
        self._idle.stop()
        self._last_key = None
        self._burst = True
        self.clear()

    def _finish(self) -> None:
        code = self.text().strip()
        self._reset()
        if not code:
            return
        now = self._clock()
        key = code.upper()
        if self._last_code is not None and self._last_code[0] == key and now - self._last_code[1] < REPEAT_S:
            self.sig_repeat_ignored.emit(code)
            return
        self._last_code = (key, now)
        self.sig_code_scanned.emit(code)

    def forget_last(self) -> None:
        """Accept the last code again at once (e.g. after an undo)."""
        self._last_code = None
