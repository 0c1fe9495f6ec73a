"""Run services as one unit of work off the UI thread (Anki's collection executor).

    self.ops.run(lambda uow, progress, cancel: update_member(uow, ...), on_done=self._on_saved,
                 title=self.tr("Saving"))

- One writer thread: jobs run one after another, each inside `ctx.uow()` (one transaction,
  committed on success, rolled back on error or cancel).
- Results (frozen DTOs) and errors come back on the UI thread through queued signals.
- A progress dialog with Cancel appears only when a job runs longer than ~600 ms.
- On success `sig_changed` carries the areas the job touched (`uow.changed`), so each screen
  refreshes only what it shows.
- `sig_members_gone` carries the ids of members whose case files vanished in any committed
  transaction (an erasure here, or one arriving through sync; see domain/store/gone.py), before
  the job's own result: every screen showing one of them clears it at once.
"""

from __future__ import annotations

import logging
import traceback
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from xzdesk.app_context import AppContext
from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.progress import CancelToken

log = logging.getLogger(__name__)
SHOW_PROGRESS_AFTER_MS = 600
PROGRESS_DIALOG_WIDTH = 380

JobFn = Callable[[Any, Callable[[float, str], None], CancelToken], Any]


def _progress_text(title: str, code: str, labels: Callable[[str], str] | None) -> str:
    """What a progress dialog says: what the job is (its title) and, when the job has told
    which step it is at and the caller has words for it, that step, so it is never blank."""
    step = labels(code) if labels is not None and code else ""
    return f"{title}\n{step}" if step and step != title else title


def _show_progress(dialog: QProgressDialog, fraction: float) -> None:
    """A moving bar until the job reports a first fraction (an empty bar looks stuck), then
    the fraction."""
    if fraction <= 0.0:
        dialog.setRange(0, 0)
        return
    if dialog.maximum() == 0:
        dialog.setRange(0, 1000)
    dialog.setValue(int(fraction * 1000))


class _JobSignals(QObject):
    sig_progress = Signal(float, str)
    sig_done = Signal(object, object)  # result, changed areas
    sig_failed = Signal(object, str)  # exception, formatted traceback


class _Runnable(QRunnable):
    def __init__(self, ctx: AppContext, fn: JobFn, cancel: CancelToken, signals: _JobSignals, *, mode: str) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.ctx, self.fn, self.cancel, self.signals, self.mode = ctx, fn, cancel, signals, mode

    def run(self) -> None:
        def progress(fraction: float, code: str, /) -> None:
            self.signals.sig_progress.emit(float(fraction), code)

        try:
            changed: set[str] = set()
            if self.mode == "write":
                with self.ctx.uow() as uow:
                    result = self.fn(uow, progress, self.cancel)
                    changed = set(uow.changed)
            elif self.mode == "read":
                with self.ctx.store.read() as session:
                    result = self.fn(session, progress, self.cancel)
            else:  # "bare": the job manages its own units of work (e.g. sync, seeding)
                result = self.fn(self.ctx, progress, self.cancel)
        except BaseException as exc:  # delivered to the UI thread, never lost
            self.signals.sig_failed.emit(exc, traceback.format_exc())
            return
        self.signals.sig_done.emit(result, changed)


class Job(QObject):
    """A running job: its cancel token and (after ~600 ms) its progress dialog."""

    sig_finished = Signal()

    def __init__(self, parent: QObject, cancel: CancelToken) -> None:
        super().__init__(parent)
        self.cancel = cancel
        self.dialog: QProgressDialog | None = None
        self.last_code = ""
        self.fraction = 0.0

    def stop(self) -> None:
        self.cancel.cancel()

    def progressed(self, fraction: float, code: str, text: Callable[[str], str]) -> None:
        """The job reported `fraction` at step `code`: the dialog (if shown) follows."""
        self.fraction, self.last_code = fraction, code
        if self.dialog is not None:
            _show_progress(self.dialog, fraction)  # may run the event loop (modal dialog)
        if self.dialog is not None:  # the job may have ended meanwhile
            self.dialog.setLabelText(text(code))


class Ops(QObject):
    """The UI's only way to run services. Owned by the main window."""

    sig_changed = Signal(object)  # set[str]
    sig_error = Signal(object, str)  # exception, traceback (for jobs without on_error)
    sig_members_gone = Signal(object)  # frozenset[str]: member ids whose case files vanished

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        # Long background work with its own short transactions (sync): never queues the user's edits.
        self._background = QThreadPool(self)
        self._background.setMaxThreadCount(1)
        self._jobs: set[Job] = set()
        # Told on the committing (worker) thread; the signal crosses to the UI thread queued.
        ref = weakref.ref(self)

        def relay(member_ids: frozenset[str]) -> None:
            ops = ref()
            if ops is not None and shiboken6.isValid(ops):
                ops.sig_members_gone.emit(member_ids)

        unsubscribe = ctx.store.on_members_gone(relay)
        self.destroyed.connect(lambda *_a: unsubscribe())

    def run(
        self,
        fn: JobFn,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        title: str | None = None,
        parent: QWidget | None = None,
        mode: str = "write",
        changed: set[str] | None = None,
        background: bool = False,
        cancellable: bool = True,
        progress_labels: Callable[[str], str] | None = None,
    ) -> Job:
        """Run `fn(uow, progress, cancel)` on the writer thread (mode "write"), or
        `fn(session, progress, cancel)` on a reader thread (mode "read"), or `fn(ctx, progress,
        cancel)` on the writer thread for jobs that manage their own units of work (mode "bare";
        `changed` then names the areas to refresh). `background=True` runs a "bare" job on its own
        thread (sync), so it never delays the user's edits queued on the writer thread."""
        cancel = CancelToken()
        job = Job(self, cancel)
        signals = _JobSignals()
        signals.setParent(job)
        self._jobs.add(job)

        def finish() -> None:
            if job.dialog is not None:
                job.dialog.reset()
                job.dialog.deleteLater()
                job.dialog = None
            self._jobs.discard(job)
            job.sig_finished.emit()

        def done(result: Any, touched: set[str]) -> None:
            finish()
            touched = touched | (changed or set())
            if touched:
                self.sig_changed.emit(touched)
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException, tb: str) -> None:
            finish()
            if isinstance(exc, Cancelled):
                log.info("job cancelled")
            if on_error is not None:
                on_error(exc)
            elif not isinstance(exc, Cancelled):
                if not isinstance(exc, XzError):
                    log.error("job failed: %s", tb)
                self.sig_error.emit(exc, tb)

        def on_progress(fraction: float, code: str) -> None:
            job.progressed(fraction, code, lambda c: _progress_text(title or "", c, progress_labels))

        def show_dialog() -> None:
            if job in self._jobs and title is not None:
                job.dialog = self._progress_dialog(job, title, _progress_text(title, job.last_code, progress_labels),
                                                   cancellable=cancellable, parent=parent)  # fmt: skip

        signals.sig_done.connect(done, Qt.ConnectionType.QueuedConnection)
        signals.sig_failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        signals.sig_progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
        QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, job, show_dialog)
        pool = self._readers if mode == "read" else self._background if background else self._writer
        pool.start(_Runnable(self.ctx, fn, cancel, signals, mode=mode))
        return job

    def _progress_dialog(self, job: Job, title: str, text: str, *, cancellable: bool,
                         parent: QWidget | None) -> QProgressDialog:  # fmt: skip
        dialog = QProgressDialog(text, self.tr("Cancel"), 0, 1000, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(PROGRESS_DIALOG_WIDTH)  # the title and the step in full
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        _show_progress(dialog, job.fraction)
        dialog.canceled.connect(job.stop)
        dialog.show()
        return dialog

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until queued jobs finished (used at shutdown and in tests)."""
        ok = self._writer.waitForDone(msecs)
        ok = self._background.waitForDone(msecs) and ok
        return self._readers.waitForDone(msecs) and ok
