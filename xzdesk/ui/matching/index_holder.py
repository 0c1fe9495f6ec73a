"""The page's `MatchIndex`: built once off the UI thread, kept current edit by edit.

- `start()` builds the index on a reader thread with a progress dialog (after ~600 ms). The
  index `watch()`es commits before it reads, so edits committed while it builds are not lost.
- `run(fn, on_done=...)` runs `fn(index, progress, cancel)` on a reader thread once the index is
  there (jobs asked for before that wait for the build).
- `on_changed(areas)`: edits made through services were noticed by the commit hook; the check job
  applies them (just those members) and also catches Core bulk inserts (seeding, spreadsheet
  imports), which bypass the hook, by comparing the member count with the pool and refreshing
  only the ids that differ. A sync pull rebuilds in the background. Then `sig_updated` tells the
  panels to ask again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy import func, select

from xzdesk.app_context import AppContext
from xzdesk.domain.errors import Cancelled
from xzdesk.domain.matching.index import MatchIndex
from xzdesk.domain.members.codes import MemberStatus
from xzdesk.domain.members.models import Member
from xzdesk.domain.progress import CancelToken, Progress
from xzdesk.ui.matching.common import PROGRESS_LABELS
from xzdesk.ui.ops import Ops

log = logging.getLogger(__name__)

# Areas whose changes can alter profiles, pairs or weights.
WATCHED_AREAS = frozenset({"members", "matching", "introductions", "sync"})

IndexFn = Callable[[MatchIndex, Progress, CancelToken], Any]


def catch_up(index: MatchIndex) -> int:
    """Apply noticed edits, then refresh members the commit hook could not see (Core bulk
    inserts): only when the member count disagrees with the pool are the ids compared."""
    changed = index.apply_pending()
    live = Member.status != MemberStatus.ARCHIVED.value
    with index.store.read() as s:
        count = s.execute(select(func.count()).select_from(Member).where(live)).scalar_one()
        if count == len(index.pool):
            return changed
        ids = set(s.execute(select(Member.id).where(live)).scalars())
    differ = ids ^ set(index.pool.ids())
    return changed + index.refresh(differ)


class MatchIndexHolder(QObject):
    sig_ready = Signal()  # the index was built (or rebuilt)
    sig_updated = Signal()  # the index caught up with edits: ask again
    sig_failed = Signal(object)  # the build failed or was cancelled

    def __init__(self, ctx: AppContext, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.ops = ctx, ops
        self.index: MatchIndex | None = None
        self.building = False
        self._waiting: list[tuple[IndexFn, dict[str, Any]]] = []
        self._parent_widget = parent

    # --- building ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Build the index once (no-op when built or building)."""
        if self.index is not None or self.building:
            return
        self._build()

    def rebuild(self, *, quiet: bool = False) -> None:
        if self.building:
            return
        if self.index is None:
            self._build()
            return
        index = self.index
        self.building = True
        self.ops.run(
            lambda _s, progress, cancel: index.rebuild(progress=progress, cancel=cancel),
            on_done=lambda _r: self._built(index),
            on_error=self._build_failed,
            title=None if quiet else self.tr("Rebuilding the matching index"),
            parent=self._parent_widget,
            mode="read",
            progress_labels=PROGRESS_LABELS,
        )

    def _build(self) -> None:
        self.building = True
        store = self.ctx.store

        def build(_session: Any, progress: Progress, cancel: CancelToken) -> MatchIndex:
            index = MatchIndex(store)
            index.watch()  # before reading: commits during the build are applied afterwards
            try:
                index.rebuild(progress=progress, cancel=cancel)
            except BaseException:
                index.unwatch()
                raise
            return index

        self.ops.run(
            build,
            on_done=self._built,
            on_error=self._build_failed,
            title=self.tr("Building the matching index"),
            parent=self._parent_widget,
            mode="read",
            progress_labels=PROGRESS_LABELS,
        )

    def _built(self, index: MatchIndex) -> None:
        self.building = False
        if self.index is not None and self.index is not index:
            self.index.unwatch()
        self.index = index
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
    ) -> None:
        """Run `fn(index, progress, cancel)` on a reader thread (after the build if needed)."""
        kwargs = {"on_done": on_done, "on_error": on_error, "title": title, "parent": parent,
                  "progress_labels": progress_labels}  # fmt: skip
        index = self.index
        if index is None:
            self._waiting.append((fn, kwargs))
            self.start()
            return
        self.ops.run(lambda _s, progress, cancel: fn(index, progress, cancel), mode="read", **kwargs)

    def on_changed(self, areas: set[str]) -> None:
        if self.index is None or not (areas & WATCHED_AREAS):
            return
        if "sync" in areas:
            self.rebuild(quiet=True)
            return
        index = self.index
        self.ops.run(lambda _s, _p, _c: catch_up(index), on_done=lambda _n: self.sig_updated.emit(),
                     on_error=self._build_failed, mode="read")  # fmt: skip

    def close(self) -> None:
        if self.index is not None:
            self.index.unwatch()
