"""Hybrid logical clock for outbox rows: recorded for display and audit, never for ordering.

Ordering and conflicts use server numbers only (sync.md); the HLC only has to be monotonic on
this device so a person can read the order of their own edits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class HybridClock:
    """Monotonic `<wall ms>-<counter>` stamps, safe across threads."""

    def __init__(self, last: str | None = None, *, wall_ms: Callable[[], int] | None = None) -> None:
        self._lock = threading.Lock()
        self._wall = wall_ms or (lambda: int(time.time() * 1000))
        self._ms, self._counter = self.parse(last) if last else (0, 0)

    @staticmethod
    def parse(stamp: str) -> tuple[int, int]:
        ms, counter = stamp.split("-", 1)
        return int(ms), int(counter)

    @staticmethod
    def format(ms: int, counter: int) -> str:
        return f"{ms:013d}-{counter:06d}"

    def now(self) -> str:
        with self._lock:
            wall = self._wall()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._counter += 1
            return self.format(self._ms, self._counter)
