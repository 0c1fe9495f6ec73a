"""Bulk spreadsheet work with fewer young-generation garbage collections.

An import's analysis or an export allocates hundreds of thousands of small containers that live
until the phase ends (cleaned rows, XlsxWriter's cell tuples). With CPython's default threshold
(a collection every 700 net allocations) the collector keeps walking them, and each
older-generation pass walks everything the process holds (a preview of 10,000 rows, the ORM's
mappers): a fifth of a 10k export's CPU time, about 8 % of a 10k analysis's. Within
`fewer_collections` the first threshold is YOUNG_THRESHOLD instead (20,000 gains as much as
50,000 on the export): collections still run, only less often, so garbage cycles are freed
later. That costs memory where a phase makes many cycles: a 100k-row import's commit peaked
7 MB higher with it (384 MB against 377 MB), so the commit keeps the interpreter's pacing.
Nothing else changes: which objects exist, their values, what is written.

The threshold is process-wide (CPython has one collector): the first block to enter, on any
thread, raises it and the last one to leave puts back what it found, unless something else set
another threshold in between (then that one stays).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

YOUNG_THRESHOLD = 20_000

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, ...] | None = None


def _enter() -> None:
    global _depth, _saved
    with _lock:
        if _depth == 0:
            found = gc.get_threshold()
            # 0 turns automatic collection off: leave that (and anything already higher) alone.
            if 0 < found[0] < YOUNG_THRESHOLD:
                _saved = found
                gc.set_threshold(YOUNG_THRESHOLD, *found[1:])
        _depth += 1


def _leave() -> None:
    global _depth, _saved
    with _lock:
        _depth -= 1
        if _depth == 0 and _saved is not None:
            if gc.get_threshold()[0] == YOUNG_THRESHOLD:
                gc.set_threshold(*_saved)
            _saved = None


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Within the block (and any block nested in it, on any thread), young collections run every
    YOUNG_THRESHOLD net allocations instead of the interpreter's setting; restored on exit,
    whatever the exit."""
    _enter()
    try:
        yield
    finally:
        _leave()
