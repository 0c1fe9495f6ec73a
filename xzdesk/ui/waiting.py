"""Run one piece of blocking work (opening or creating the database, hashing passwords) on a
worker thread while the UI stays responsive, before the main window and its `Ops` exist.

A progress dialog with Cancel appears only after ~600 ms (as `ops.py` does). The worker's
result is returned and its exception re-raised on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from xzdesk.domain.progress import CancelToken

SHOW_AFTER_MS = 600
TICK_MS = 50

Work = Callable[[Callable[[float, str], None], CancelToken], Any]


def run_off_thread(work: Work, *, label: str, parent: QWidget | None = None) -> Any:
    """`work(progress, cancel)` on a thread; returns its result or re-raises its exception."""
    cancel = CancelToken()
    state: dict[str, Any] = {"fraction": 0.0}
    done = threading.Event()

    def run() -> None:
        try:
            state["result"] = work(lambda f, _c: state.__setitem__("fraction", f), cancel)
        except BaseException as exc:  # handed to the UI thread
            state["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="xz-blocking-work", daemon=True).start()
    loop = QEventLoop()
    dialogs: list[QProgressDialog] = []
    ticks = [0]

    def tick() -> None:
        if done.is_set():
            loop.quit()
            return
        if not dialogs and ticks[0] * TICK_MS >= SHOW_AFTER_MS:
            dialog = QProgressDialog(label, QCoreApplication.translate("App", "Cancel"), 0, 1000, parent)
            dialog.canceled.connect(cancel.cancel)
            dialog.show()
            dialogs.append(dialog)
        if dialogs:
            dialogs[0].setValue(int(float(state["fraction"]) * 1000))
        ticks[0] += 1

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(TICK_MS)
    loop.exec()
    timer.stop()
    for dialog in dialogs:
        dialog.reset()
        dialog.deleteLater()
    if "error" in state:
        raise state["error"]
    return state.get("result")
