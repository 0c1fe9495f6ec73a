"""Progress reporting and cancellation for long work (seeding, imports, PDFs, sync).

Long functions take `progress: Progress` and `cancel: CancelToken` and call `cancel.check()`
between steps. Both are plain Python so they work on any thread; the UI adapts them to signals.
"""

from __future__ import annotations

import threading
from typing import Protocol

from xzdesk.domain.errors import Cancelled


class Progress(Protocol):
    def __call__(self, fraction: float, code: str, /) -> None:  # fraction in [0, 1]
        ...


def no_progress(fraction: float, code: str, /) -> None:
    """A Progress that ignores reports."""


class CancelToken:
    """Thread-safe flag. `check()` raises Cancelled once `cancel()` was called."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


NEVER_CANCELLED = CancelToken()
