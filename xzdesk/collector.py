"""Starting a process, and CPython's cyclic garbage collector.

Loading the window or a command makes a few hundred thousand objects (modules, classes, the
tables' metadata, the first queries' caches) that live until the process ends, and hardly any
garbage. The collector nonetheless runs every 700 new objects while they are made, and every few
runs scans all that was made so far: about a tenth of `xzdesk match suggest`'s CPU time.

`pause()` stops automatic collection while a start loads; `resume()` then freezes what was made
(`gc.freeze`: moved where no later collection scans it, as it will not become garbage) and lets
the collector run again. Garbage made while paused is frozen with the rest and kept: a few
objects, once per start. Nothing here is Qt's or the database's: the window, the commands and the
benches call it around their start.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def pause() -> bool:
    """Stop automatic collection while the program loads. Returns whether it was running: pass
    that to `resume`."""
    running = gc.isenabled()
    gc.disable()
    return running


def resume(running: bool = True) -> None:
    """The program is loaded: keep what was made out of later collections, and collect again
    (unless collection was off before `pause`)."""
    gc.freeze()
    if running:
        gc.enable()


@contextmanager
def loading() -> Iterator[None]:
    """`pause()` for the block, `resume()` after it (also when it raises)."""
    running = pause()
    try:
        yield
    finally:
        resume(running)
