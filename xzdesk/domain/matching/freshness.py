"""Keeping a front end's matching index current: what to do after which changes, and telling
whoever shows its answers (Electrum's core does the same: a plain list of callbacks, no Qt).

    keeper = IndexKeeper(store)
    unsubscribe = keeper.subscribe(lambda event: ...)   # IndexEvent.READY / IndexEvent.UPDATED
    keeper.build(progress=..., cancel=...)              # worker thread, once
    match keeper.after(changes):                         # the UI thread, after every operation
        case Freshness.CATCH_UP: keeper.catch_up()      # worker thread
        case Freshness.REBUILD: keeper.rebuild(...)     # worker thread

The rules (`freshness_after`):
- nothing the index reads changed (case files, introductions and blocks, the matching settings,
  sync): nothing to do;
- a sync pull brought rows by the bulk path, which the commit hook does not see: rebuild;
- otherwise catch up: apply the edits the commit hook noticed (just those members), then compare
  the pool with the members on file, because Core bulk inserts (seeding, spreadsheet imports)
  bypass the hook too; only when the counts disagree are the ids compared and the difference
  refreshed. Members whose case files vanished (`changes.gone`) leave the pool at the catch-up.

Listeners are called on the thread that did the work (a worker); a front end hands the call
over to its own thread (the Qt adapter: ui/matching/index_holder.py). A failing listener is
logged and never breaks the index.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import Enum

from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.matching.index import MatchIndex
from xzdesk.domain.matching.queries import live_member_count, live_member_ids
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

log = logging.getLogger(__name__)

# Areas whose changes can alter profiles, pairs or weights.
WATCHED = (Area.MEMBERS, Area.MATCHING, Area.INTRODUCTIONS, Area.SYNC)


class Freshness(Enum):
    CURRENT = "current"  # nothing to do
    CATCH_UP = "catch_up"  # refresh the members that changed
    REBUILD = "rebuild"  # read everything again


class IndexEvent(Enum):
    READY = "ready"  # the index was built or rebuilt
    UPDATED = "updated"  # the index caught up with edits: ask again


def freshness_after(changes: Changes) -> Freshness:
    """What the index needs after `changes` (see the module docstring)."""
    if changes.touches(Area.SYNC):
        return Freshness.REBUILD
    if changes.touches(*WATCHED) or changes.gone:
        return Freshness.CATCH_UP
    return Freshness.CURRENT


def catch_up(index: MatchIndex) -> int:
    """Apply noticed edits, then refresh members the commit hook could not see (Core bulk
    inserts): only when the member count disagrees with the pool are the ids compared. Returns
    how many members were refreshed."""
    changed = index.apply_pending()
    with index.store.read() as s:
        if live_member_count(s) == len(index.pool):
            return changed
        ids = live_member_ids(s)
    return changed + index.refresh(ids ^ set(index.pool.ids()))


Listener = Callable[[IndexEvent], None]


class IndexKeeper:
    """The one matching index of a front end, the rules that keep it current, and who to tell.

    Thread contract: `build`, `rebuild` and `catch_up` read the database (worker threads only);
    `after` and `subscribe` are cheap and may run anywhere. `index` is None until the first build
    finished; a rebuild swaps the new state in under the pool's lock, so a ranking in progress
    ends on the old state."""

    def __init__(self, store: object) -> None:
        self.store = store
        self.index: MatchIndex | None = None
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    # --- telling --------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(event)` after each build, rebuild and catch-up. Returns the function
        that unsubscribes."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def _tell(self, event: IndexEvent) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a screen's trouble must not break the index
                log.exception("matching index listener failed")

    # --- keeping current ------------------------------------------------------------------------
    def build(self, *, progress: Progress = no_progress, cancel: CancelToken = NEVER_CANCELLED) -> MatchIndex:
        """Build a new index (watching commits before it reads, so edits committed meanwhile are
        applied afterwards) and put it in place of the old one."""
        index = MatchIndex(self.store)
        index.watch()
        try:
            index.rebuild(progress=progress, cancel=cancel)
        except BaseException:
            index.unwatch()
            raise
        old, self.index = self.index, index
        if old is not None:
            old.unwatch()
        self._tell(IndexEvent.READY)
        return index

    def rebuild(self, *, progress: Progress = no_progress, cancel: CancelToken = NEVER_CANCELLED) -> MatchIndex:
        """Read everything again into the index in place (the first build when there is none)."""
        index = self.index
        if index is None:
            return self.build(progress=progress, cancel=cancel)
        index.rebuild(progress=progress, cancel=cancel)
        self._tell(IndexEvent.READY)
        return index

    def after(self, changes: Changes) -> Freshness:
        """What the index needs after `changes`; vanished members are noted for the catch-up.
        CURRENT while there is no index yet (its build reads everything anyway)."""
        index = self.index
        if index is None:
            return Freshness.CURRENT
        if changes.gone:
            index.mark_changed(changes.gone)
        return freshness_after(changes)

    def catch_up(self) -> int:
        """See `catch_up`; then tell the listeners (UPDATED)."""
        index = self.index
        if index is None:
            return 0
        refreshed = catch_up(index)
        self._tell(IndexEvent.UPDATED)
        return refreshed

    def close(self) -> None:
        with self._lock:
            self._listeners.clear()
        if self.index is not None:
            self.index.unwatch()
