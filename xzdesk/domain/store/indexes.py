"""Secondary indexes around bulk fills of empty tables (seeding; see indexes_built_after)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy.orm import Session


@contextlib.contextmanager
def indexes_built_after(session: Session, models: Sequence[type[Any]]) -> Iterator[None]:
    """Around filling empty tables with many rows: their secondary (not unique) indexes are
    dropped first and built once at the end, in the same transaction (SQLite builds an index from
    sorted rows far faster than it keeps one up to date row by row, once the tables outgrow the
    page cache). A failure rolls the drop back with everything else."""
    connection = session.connection()
    indexes = [ix for m in models for ix in m.__table__.indexes if not ix.unique]
    for ix in indexes:
        ix.drop(connection)
    yield
    for ix in indexes:
        ix.create(connection)
