"""Starting a process, and CPython's cyclic garbage collector.

Loading the window or a command makes a few hundred thousand objects (modules, classes, the
tables' metadata, the first queries' caches) that live until the process ends, and hardly any
garbage. The collector nonetheless runs every 700 new objects while they are made, and every few
runs scans all that was made so far: about a tenth of `xzdesk match suggest`'s CPU time.

`pause()` stops automatic collection while a start loads; `resume()` then freezes what was made
(`gc.freeze`: moved where no later collection scans it, as it will not become garbage) and lets
the collector run again. Garbage made while paused is frozen with the rest and kept: a few
objects, once per process (later starts in the same process pause without freezing). Nothing
here is Qt's or the database's: the window, the commands, the server and the benches call
`pause`/`resume` or `loading` around their start.

Bulk work with fewer young collections (`fewer_collections`): an import's analysis or an export
allocates hundreds of thousands of small containers that live until the phase ends (cleaned rows,
XlsxWriter's cell tuples). With CPython's default threshold (a collection every 700 net
allocations) the collector keeps walking them, and each older-generation pass walks everything
the process holds (a preview of 10,000 rows, the ORM's mappers): a fifth of a 10k export's CPU
time, about 8 % of a 10k analysis's. Within `fewer_collections` the first threshold is
YOUNG_THRESHOLD instead (20,000 gains as much as 50,000 on the export): collections still run,
only less often, so garbage cycles are freed later. That costs memory where a phase makes many
cycles: a 100k-row import's commit peaked 7 MB higher with it (384 MB against 377 MB), so the
commit keeps the interpreter's pacing. Nothing else changes: which objects exist, their values,
what is written. The threshold is process-wide (CPython has one collector): the first block to
enter, on any thread, raises it and the last one to leave puts back what it found, unless
something else set another threshold in between (then that one stays).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator


def pause() -> bool:
    """Stop automatic collection while the program loads. Returns whether it was running: pass
    that to `resume`."""
    running = gc.isenabled()
    gc.disable()
    return running


_froze = False  # whether this process has frozen its start already


def resume(running: bool = True) -> None:
    """The program is loaded: keep what was made out of later collections, and collect again
    (unless collection was off before `pause`). Only the process's first start is frozen: a
    process that loads again (a test run calling commands in-process, a script) would otherwise
    keep every garbage cycle that happens to exist at each later freeze."""
    global _froze
    if not _froze:
        _froze = True
        gc.freeze()
    if running:
        gc.enable()


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """`pause()` for the block, `resume()` after it (also when it raises)."""
    running = pause()
    try:
        yield
    finally:
        resume(running)


# --- bulk work: fewer young collections ----------------------------------------------------------
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
