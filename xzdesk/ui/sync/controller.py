"""SyncController: runs sync in the background on a timer and on demand; reports its status.

Nothing in the UI waits for the network or the disk: `sync_once` runs on the ops background
thread, the timer follows the engine's own schedule (the interval after a success, exponential
backoff after failures), and the status (read from the local database on a reader thread: it
counts the outbox) is published as a signal that the status bar and the 同步 screen show.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.ui.ops import Job, Ops

if TYPE_CHECKING:
    from xzdesk.sync.engine import SyncEngine, SyncReport, SyncStatusInfo

log = logging.getLogger(__name__)
STATUS_REFRESH_MS = 30_000
# What a sync that brought or removed rows may have changed: the screens showing it refresh.
PULLED = Changes.of(Area.SYNC, Area.MEMBERS, Area.FOLLOW_UPS, Area.EVENTS, Area.INTRODUCTIONS, Area.MATCHING,
                    Area.CHECKIN, Area.REPORTS)


class SyncController(QObject):
    sig_status = Signal(object)  # SyncStatusInfo
    sig_finished = Signal(object)  # SyncReport

    def __init__(self, ctx: AppContext, ops: Ops, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.job: Job | None = None
        self.last_report: SyncReport | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.sync_now)
        self._status_timer = QTimer(self, interval=STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self.status: SyncStatusInfo | None = None
        self._again = False  # asked for while a run was going: run once more when it ends

    @property
    def engine(self) -> SyncEngine:
        """The context's engine (loaded on first use: the HTTP stack is not needed to start)."""
        return self.ctx.sync_engine()

    def start(self) -> None:
        """Publish the status and, on an enrolled laptop, sync soon after start-up."""
        self._status_timer.start()
        self.refresh_status()
        if self.engine.enrolled() and not self.ctx.demo:
            self._timer.start(2_000)

    def stop(self) -> None:
        self._again = False
        self._timer.stop()
        self._status_timer.stop()
        if self.job is not None:
            self.job.stop()

    @property
    def running(self) -> bool:
        return self.job is not None

    def refresh_status(self) -> None:
        """Read the status on a reader thread, then publish it (`sig_status`)."""
        engine = self.engine
        self.ops.run(lambda _s, _p, _c: engine.status(), on_done=self._publish, mode="read")

    def _publish(self, status: SyncStatusInfo) -> None:
        if shiboken6.isValid(self):
            self.status = status
            self.sig_status.emit(status)

    def sync_now(self) -> None:
        """Push then pull, in the background. A run already going is not started twice: asked
        for meanwhile, one more run follows it (edits made during a run were not in its push)."""
        if self.ctx.demo:
            return
        if self.job is not None:
            self._again = True
            return
        self._timer.stop()
        if not self.engine.enrolled():
            self.refresh_status()
            return
        self.job = self.ops.run(
            lambda _ctx, progress, cancel: self.engine.sync_once(progress=progress, cancel=cancel),
            on_done=self._on_done,
            on_error=self._on_error,
            mode="bare",
            background=True,
        )
        self.refresh_status()

    def _on_done(self, report: SyncReport) -> None:
        self.job = None
        self.last_report = report
        if report.pulled or report.purged or report.wiped or report.bootstrapped or report.acked:
            self.ops.sig_changed.emit(PULLED)
        self.sig_finished.emit(report)
        self._schedule()

    def _on_error(self, exc: BaseException) -> None:
        self.job = None
        log.warning("sync run ended with %s", type(exc).__name__)
        self._schedule()

    def _schedule(self) -> None:
        if self._again:
            self._again = False
            self.sync_now()
            return
        self.refresh_status()
        if self.engine.enrolled():
            self._timer.start(int(self.engine.next_delay_s() * 1000))

    def enrolled(self, _info: Any) -> None:
        """After a successful enrolment: first sync at once."""
        self.refresh_status()
        self.sync_now()
