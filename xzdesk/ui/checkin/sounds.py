"""A sound per verdict, so staff hear the result without looking.

With Qt Multimedia: short generated tones through QSoundEffect (a high double chirp for checked
in, a low long tone for refusals...), written once as WAV files under the data folder. Without it
(the library cannot load, or no audio device): QApplication.beep() repeated 1-3 times.
"""

from __future__ import annotations

import logging
import math
import struct
import wave
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
RATE = 22050

# verdict -> ((frequency Hz, milliseconds), ...) and the number of beeps without Qt Multimedia
TONES: dict[str, tuple[tuple[tuple[int, int], ...], int]] = {
    "checked_in": (((1320, 70), (0, 30), (1760, 90)), 1),
    "already": (((880, 140), (0, 60), (880, 140)), 2),
    "other_event": (((660, 160), (0, 50), (520, 200)), 2),
    "cancelled": (((440, 350),), 3),
    "not_approved": (((520, 160), (0, 60), (440, 220)), 3),
    "unknown": (((300, 450),), 3),
}


def _write_tone(path: Path, parts: tuple[tuple[int, int], ...]) -> None:
    frames = bytearray()
    for freq, ms in parts:
        n = int(RATE * ms / 1000)
        for i in range(n):
            fade = min(1.0, i / 200, (n - i) / 200)
            value = 0.0 if freq == 0 else math.sin(2 * math.pi * freq * i / RATE) * 0.5 * fade
            frames += struct.pack("<h", int(value * 32767))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))


class VerdictSounds(QObject):
    """`play(verdict)`; `enabled` switches sound off (a quiet venue)."""

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True
        self.effects: dict[str, Any] = {}
        self.mode = "beep"
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for verdict, (parts, _beeps) in TONES.items():
                path = folder / f"checkin-{verdict}.wav"
                if not path.exists():
                    _write_tone(path, parts)
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(path)))
                effect.setVolume(0.8)
                self.effects[verdict] = effect
            self.mode = "effect"
        except Exception as exc:  # no audio device or unwritable folder: fall back to beeps
            log.info("sound effects unavailable: %s", exc)
            self.effects.clear()

    def play(self, verdict: str) -> None:
        if not self.enabled:
            return
        effect = self.effects.get(verdict)
        if effect is not None:
            effect.play()
            return
        beeps = TONES.get(verdict, ((), 3))[1]
        QApplication.beep()
        for i in range(1, beeps):
            QTimer.singleShot(180 * i, QApplication.beep)
