"""Which queries are cheap enough to run on a screen's own (UI) thread.

A front end must never wait for work that grows with the data. A query marked `@key_read`
promises to stay bounded however large the database grows: it reaches its rows through a primary
or unique key — one record, at most `PAGE_ROWS` ids (a page of a table model), the rows of one
event (at most events.service.MAX_CAPACITY people: its roster, scans and cards) — or it reads a
table bounded by the office's setup rather than by its data (staff accounts, local settings).
The desktop's ops runner runs only such queries on the UI thread (`ui/ops.py` `peek`); every
other query (a scan, a search, a sort, a join or a count across members, follow-ups,
introductions, events, audit entries...) runs on a reader thread.

The mark is metadata only: it changes nothing about how the query runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

PAGE_ROWS = 100  # the most rows a key read may return (a page of a table model)
_MARK = "__xz_key_read__"

F = TypeVar("F", bound=Callable[..., Any])


def key_read(fn: F) -> F:
    """Mark `fn(session, ...)` as bounded by key (see the module docstring)."""
    setattr(fn, _MARK, True)
    return fn


def is_key_read(fn: Callable[..., Any]) -> bool:
    return bool(getattr(fn, _MARK, False))
