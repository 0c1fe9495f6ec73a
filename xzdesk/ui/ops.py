"""Run services as one unit of work off the UI thread (Anki's collection executor).

    self.ops.run(lambda uow, progress, cancel: update_member(uow, ...), on_done=self._on_saved,
                 title=self.tr("Saving"))

- One writer thread: jobs run one after another, each inside `ctx.uow()` (one transaction,
  committed on success, rolled back on error or cancel).
- Results (frozen DTOs) and errors come back on the UI thread through queued signals.
- A progress dialog with Cancel appears only when a job runs longer than ~600 ms.
- What changed travels as one typed value, `Changes` (domain/changes.py: the areas touched and
  the members whose case files vanished), on `sig_changed`; every screen's `on_changed(changes)`
  refreshes only what it shows. On success a job's changes are the areas its services marked
  (`uow.mark`), plus the `changes=` the caller names for jobs that run their own units of work.
  Vanished members are told for every committed transaction on the store (an erasure here, or one
  arriving through sync; see domain/store/gone.py) as `Changes(gone=...)`, before the job's own
  result: every screen showing one of them clears it at once.

Which reads may run on the UI thread (the rule; `peek` enforces it)
--------------------------------------------------------------------
The UI thread never waits for work that grows with the data. A read may run there only when it
is *bounded by key*: it reaches its rows through a primary or unique key — one record, one page
of a table model (`domain/reads.py` PAGE_ROWS ids), the rows of one event (an event holds at most
MAX_CAPACITY people: its roster, scans and cards) — or it reads a table bounded by the office's
setup rather than by its data (staff accounts, local settings). Such a query is marked
`@key_read` in the domain and called through `ops.peek(query, ...)` (or `peek(ctx, query, ...)`
before the main window exists), which refuses an unmarked query.

Everything else — a scan, a search, a sort, a join or a count across members, follow-ups,
introductions, events, audit entries, packs, sync conflicts or the outbox — goes through
`ops.run(fn, mode="read")` (a reader thread with its own read-only session) and the screen fills
in `on_done`, dropping a result a newer request has superseded. The UI imports no sqlalchemy and
no area's tables (an import-linter contract), and opens no session outside this module
(tests/ui/test_ops.py).
"""

from __future__ import annotations

import logging
import time
import traceback
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import NOTHING, Changes
from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.progress import CancelToken
from xzdesk.domain.reads import is_key_read

log = logging.getLogger(__name__)
SHOW_PROGRESS_AFTER_MS = 600
IDLE_POLL_MS = 100  # when_idle looks again this often while jobs run
IDLE_WAIT_MAX_MS = 4000  # ... and gives up waiting after this long
PROGRESS_DIALOG_WIDTH = 380

JobFn = Callable[[Any, Callable[[float, str], None], CancelToken], Any]
T = TypeVar("T")


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


def peek(ctx: AppContext, query: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """`query(session, *args, **kwargs)` on the calling (UI) thread, for a query bounded by key
    (marked `@key_read` in the domain: see the module docstring); any other query raises
    TypeError: run it with `Ops.run(..., mode="read")`. The one place the UI opens a session
    itself (also before the main window and its Ops exist: sign-in, first run)."""
    if not is_key_read(query):
        raise TypeError(f"{getattr(query, '__qualname__', query)!r} is not a key read: run it on a reader thread")
    with ctx.store.read() as session:
        return query(session, *args, **kwargs)


class _JobSignals(QObject):
    sig_progress = Signal(float, str)
    sig_done = Signal(object, object)  # result, Changes
    sig_failed = Signal(object, str)  # exception, formatted traceback


class _Runnable(QRunnable):
    def __init__(self, ctx: AppContext, fn: JobFn, cancel: CancelToken, signals: _JobSignals, *, mode: str) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.ctx, self.fn, self.cancel, self.signals, self.mode = ctx, fn, cancel, signals, mode

    def run(self) -> None:
        try:
            result, changes = self._call()
        except BaseException as exc:  # delivered to the UI thread, never lost
            self.signals.sig_failed.emit(exc, traceback.format_exc())
            return
        self.signals.sig_done.emit(result, changes)

    def _call(self) -> tuple[Any, Changes]:
        def progress(fraction: float, code: str, /) -> None:
            self.signals.sig_progress.emit(float(fraction), code)

        if self.mode == "write":
            with self.ctx.uow() as uow:
                result = self.fn(uow, progress, self.cancel)
                changes = uow.changes
            return result, changes
        if self.mode == "read":
            with self.ctx.store.read() as session:
                return self.fn(session, progress, self.cancel), NOTHING
        # "bare": the job manages its own units of work (e.g. sync, seeding)
        return self.fn(self.ctx, progress, self.cancel), NOTHING


class Job(QObject):
    """A running job: its cancel token, (after ~600 ms) its progress dialog, and what to do when
    it ends. Lives on the UI thread; the worker reaches it through queued signals only."""

    sig_finished = Signal()

    def __init__(
        self,
        ops: Ops,
        cancel: CancelToken,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        title: str | None = None,
        parent: QWidget | None = None,
        changes: Changes = NOTHING,
        cancellable: bool = True,
        progress_labels: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(ops)
        self.ops = ops
        self.cancel = cancel
        self.dialog: QProgressDialog | None = None
        self.last_code = ""
        self.fraction = 0.0
        self._on_done, self._on_error = on_done, on_error
        self._title, self._parent, self._changes = title, parent, changes
        self._cancellable, self._labels = cancellable, progress_labels

    def stop(self) -> None:
        self.cancel.cancel()

    def _text(self, code: str) -> str:
        return _progress_text(self._title or "", code, self._labels)

    def progressed(self, fraction: float, code: str) -> None:
        """The job reported `fraction` at step `code`: the dialog (if shown) follows."""
        self.fraction, self.last_code = fraction, code
        if self.dialog is not None:
            _show_progress(self.dialog, fraction)  # may run the event loop (modal dialog)
        if self.dialog is not None:  # the job may have ended meanwhile
            self.dialog.setLabelText(self._text(code))

    def show_dialog(self) -> None:
        """After SHOW_PROGRESS_AFTER_MS, for a job with a title that is still running."""
        if self.ops.is_running(self) and self._title is not None:
            self.dialog = self.ops.progress_dialog(self, self._title, self._text(self.last_code),
                                                   cancellable=self._cancellable, parent=self._parent)  # fmt: skip

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None
        self.ops.forget(self)
        self.sig_finished.emit()

    def done(self, result: Any, changes: Changes) -> None:
        self._finish()
        changes = changes | self._changes
        if changes:
            self.ops.sig_changed.emit(changes)
        if self._on_done is not None:
            self._on_done(result)

    def failed(self, exc: BaseException, tb: str) -> None:
        self._finish()
        if isinstance(exc, Cancelled):
            log.info("job cancelled")
        if self._on_error is not None:
            self._on_error(exc)
        elif not isinstance(exc, Cancelled):
            if not isinstance(exc, XzError):
                log.error("job failed: %s", tb)
            self.ops.sig_error.emit(exc, tb)


class Ops(QObject):
    """The UI's only way to run services and read the database. Owned by the main window."""

    sig_changed = Signal(object)  # Changes
    sig_error = Signal(object, str)  # exception, traceback (for jobs without on_error)

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
                ops.sig_changed.emit(Changes(gone=member_ids))

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
        changes: Changes = NOTHING,
        background: bool = False,
        cancellable: bool = True,
        progress_labels: Callable[[str], str] | None = None,
    ) -> Job:
        """Run `fn(uow, progress, cancel)` on the writer thread (mode "write"), or
        `fn(session, progress, cancel)` on a reader thread (mode "read"), or `fn(ctx, progress,
        cancel)` on the writer thread for jobs that manage their own units of work (mode "bare";
        `changes` then names what to refresh). `background=True` runs a "bare" job on its own
        thread (sync), so it never delays the user's edits queued on the writer thread."""
        cancel = CancelToken()
        job = Job(self, cancel, on_done=on_done, on_error=on_error, title=title, parent=parent, changes=changes,
                  cancellable=cancellable, progress_labels=progress_labels)  # fmt: skip
        signals = _JobSignals()
        signals.setParent(job)
        self._jobs.add(job)
        signals.sig_done.connect(job.done, Qt.ConnectionType.QueuedConnection)
        signals.sig_failed.connect(job.failed, Qt.ConnectionType.QueuedConnection)
        signals.sig_progress.connect(job.progressed, Qt.ConnectionType.QueuedConnection)
        QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, job, job.show_dialog)
        pool = self._readers if mode == "read" else self._background if background else self._writer
        pool.start(_Runnable(self.ctx, fn, cancel, signals, mode=mode))
        return job

    def peek(self, query: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`peek(self.ctx, query, ...)`: a read bounded by key, on the UI thread."""
        return peek(self.ctx, query, *args, **kwargs)

    def progress_dialog(self, job: Job, title: str, text: str, *, cancellable: bool,
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

    def is_running(self, job: Job) -> bool:
        return job in self._jobs

    def forget(self, job: Job) -> None:
        self._jobs.discard(job)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def when_idle(self, fn: Callable[[], None], *, after_ms: int, give_up_ms: int = IDLE_WAIT_MAX_MS) -> None:
        """Call `fn` once on the UI thread, `after_ms` from now and once no job is running, but no
        later than `give_up_ms` after that: start-up work (the sync engine's first status, the
        pinyin dictionary, the retrain schedule) waits for the first screen's reads instead of
        taking the interpreter from them on a busy computer. Dropped if the runner goes first."""
        deadline = time.monotonic() + (after_ms + give_up_ms) / 1000

        def attempt() -> None:
            if self._jobs and time.monotonic() < deadline:
                QTimer.singleShot(IDLE_POLL_MS, self, attempt)
            else:
                fn()

        QTimer.singleShot(after_ms, self, attempt)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until queued jobs finished (used at shutdown and in tests)."""
        ok = self._writer.waitForDone(msecs)
        ok = self._background.waitForDone(msecs) and ok
        return self._readers.waitForDone(msecs) and ok
