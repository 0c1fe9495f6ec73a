"""On a laptop: rows that refer to a row the server merged into another follow the survivor.

A pulled removal with `merged_into` says "this row was a duplicate of that one" (two laptops
created the same person or registration offline). The duplicate is deleted by the page; every
local row referring to it (`registry.reference_columns`: a member's notes, consents and
registrations; a registration's scans and cards) is re-pointed at the survivor in the same
transaction, so this laptop holds what the server holds. Rows of append-only tables are
immutable (triggers refuse UPDATE), so each is replaced by an identical row with the new
reference, inside the erasure marker that lets those triggers allow the delete. The caller's
session has `sync_apply` set: nothing here reaches the outbox.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from xzdesk.domain.store.models import LocalMeta
from xzdesk.domain.store.sync_state import ERASING_KEY
from xzdesk.sync.registry import EntitySpec, all_specs, reference_columns


def _immutable(spec: EntitySpec) -> bool:
    """Tables whose rows a trigger protects (append-only facts and check-in records)."""
    return spec.local_append_only or spec.duplicate_field is not None


def repoint_local(session: Session, merges: Iterable[tuple[str, str, str]]) -> int:
    """For each (entity, duplicate id, surviving id): re-point local references. Returns the
    number of rows changed."""
    changed = 0
    marked = False
    for entity, loser, winner in merges:
        if loser == winner:
            continue
        for spec in all_specs():
            table = spec.model.__table__  # type: ignore[attr-defined]
            for column, target in reference_columns(spec):
                if target != entity:
                    continue
                if not _immutable(spec):
                    result = session.execute(update(table).where(table.c[column] == loser).values({column: winner}))
                    changed += result.rowcount or 0
                    continue
                rows = [dict(r) for r in session.execute(select(table).where(table.c[column] == loser)).mappings()]
                if not rows:
                    continue
                if not marked:
                    session.execute(insert(LocalMeta).values(key=ERASING_KEY, value="1").prefix_with("OR REPLACE"))
                    marked = True
                session.execute(delete(table).where(table.c[column] == loser))
                session.execute(insert(table), [{**r, column: winner} for r in rows])
                changed += len(rows)
    if marked:
        session.execute(delete(LocalMeta).where(LocalMeta.key == ERASING_KEY))
    return changed
