"""The window's matching index for the screens: a thin Qt adapter over the domain's
`IndexKeeper` (domain/matching/freshness.py), which holds the index and the rules that keep it
current and tells its listeners on the worker thread that did the work; here those calls become
queued Qt signals, and the work is scheduled on the ops' reader threads.

- `start()` builds the index on a reader thread with a progress dialog (after ~600 ms).
- `run(fn, on_done=...)` runs `fn(index, progress, cancel)` on a reader thread once the index is
  there (jobs asked for before that wait for the build).
- `on_changed(changes)`: the keeper says what the index needs (nothing, a catch-up, a rebuild) and
  the work runs on a reader thread; then `sig_updated` (or `sig_ready`) tells the panels to ask
  again.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Changes
from xzdesk.domain.errors import Cancelled
from xzdesk.domain.matching.freshness import Freshness, IndexEvent, IndexKeeper
from xzdesk.domain.matching.index import MatchIndex
from xzdesk.domain.progress import CancelToken, Progress
from xzdesk.ui.matching.common import PROGRESS_LABELS
from xzdesk.ui.ops import Ops

log = logging.getLogger(__name__)

IndexFn = Callable[[MatchIndex, Progress, CancelToken], Any]


class MatchIndexHolder(QObject):
    sig_ready = Signal()  # the index was built (or rebuilt)
    sig_updated = Signal()  # the index caught up with edits: ask again
    sig_failed = Signal(object)  # the build failed or was cancelled
    # The keeper's events, emitted on the worker thread; delivered queued on this object's thread.
    _sig_event = Signal(object)

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.keeper = IndexKeeper(ctx.store)
        # The index as this (UI) thread knows it: set when the keeper's READY reaches it, so
        # `index`, `sig_ready` and the jobs waiting for the build agree.
        self.index: MatchIndex | None = None
        self.building = False
        self._waiting: list[tuple[IndexFn, dict[str, Any]]] = []
        self._parent_widget = parent
        self._sig_event.connect(self._on_event)
        ref = weakref.ref(self)

        def relay(event: IndexEvent) -> None:
            holder = ref()
            if holder is not None and shiboken6.isValid(holder):
                holder._sig_event.emit(event)

        self._unsubscribe = self.keeper.subscribe(relay)

    # --- building ---------------------------------------------------------------------------------
    def start(self, *, quiet: bool = False) -> None:
        """Build the index once (no-op when built or building); `quiet`: without a progress
        dialog (work nobody asked for on screen, e.g. a scheduled retrain)."""
        if self.index is not None or self.building:
            return
        self._build(title=None if quiet else self.tr("Building the matching index"))

    def rebuild(self, *, quiet: bool = False) -> None:
        if self.building:
            return
        if self.index is None:
            self._build(title=self.tr("Building the matching index"))
            return
        self._build(title=None if quiet else self.tr("Rebuilding the matching index"))

    def _build(self, *, title: str | None) -> None:
        self.building = True
        keeper = self.keeper
        self.ops.run(
            lambda _s, progress, cancel: keeper.rebuild(progress=progress, cancel=cancel),
            on_error=self._build_failed,
            title=title,
            parent=self._parent_widget,
            mode="read",
            progress_labels=PROGRESS_LABELS,
        )

    def _on_event(self, event: IndexEvent) -> None:
        if event is IndexEvent.UPDATED:
            self.sig_updated.emit()
            return
        self.building = False
        self.index = self.keeper.index
        waiting, self._waiting = self._waiting, []
        self.sig_ready.emit()
        for fn, kwargs in waiting:
            self.run(fn, **kwargs)

    def _build_failed(self, exc: BaseException) -> None:
        self.building = False
        waiting, self._waiting = self._waiting, []
        for _fn, kwargs in waiting:
            on_error = kwargs.get("on_error")
            if on_error is not None:
                on_error(exc)
        if not isinstance(exc, Cancelled):
            log.error("matching index build failed: %s", type(exc).__name__)
        self.sig_failed.emit(exc)

    # --- using ------------------------------------------------------------------------------------
    def run(
        self,
        fn: IndexFn,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        title: str | None = None,
        parent: QWidget | None = None,
        progress_labels: Callable[[str], str] | None = None,
        changes: Changes | None = None,
        quiet_build: bool = False,
    ) -> None:
        """Run `fn(index, progress, cancel)` on a reader thread (after the build if needed, with
        its progress dialog unless `quiet_build`). `changes`: what the job changed, for a job
        that writes through its own unit of work (e.g. keeping a fitted model)."""
        kwargs: dict[str, Any] = {"on_done": on_done, "on_error": on_error, "title": title, "parent": parent,
                                  "progress_labels": progress_labels}  # fmt: skip
        if changes is not None:
            kwargs["changes"] = changes
        index = self.index
        if index is None:
            self._waiting.append((fn, kwargs))
            self.start(quiet=quiet_build)
            return
        self.ops.run(lambda _s, progress, cancel: fn(index, progress, cancel), mode="read", **kwargs)

    def on_changed(self, changes: Changes) -> None:
        step = self.keeper.after(changes)
        if step is Freshness.REBUILD:
            self.rebuild(quiet=True)
        elif step is Freshness.CATCH_UP:
            keeper = self.keeper
            self.ops.run(lambda _s, _p, _c: keeper.catch_up(), on_error=self._build_failed, mode="read")

    def close(self) -> None:
        self._unsubscribe()
        self.keeper.close()
