"""Rows merged by natural key, and the rows that refer to them (sync.md "Merge classes" 5).

When two laptops create the same thing offline (one person registered twice, so the same ID
number; one member registered twice for one event) the second insert becomes an alias of the
first: a deleted record with `merged_into` (push.py). Rows that refer to the alias (the notes
and registrations of the duplicate person, the scans of the duplicate registration) arrive
afterwards from the laptop that made it, in outbox order; `resolve_refs` re-points each such
reference at the surviving row before the row is stored, so the server never holds a child of
an alias. Laptops re-point their own copies when they pull the merge (xzdesk.sync.apply).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from xzdesk.server.models import Record
from xzdesk.sync.registry import EntitySpec, reference_columns

MAX_CHAIN = 8  # a merged row's target may itself have been merged since


def alias_target(session: Session, entity: str, record_id: str) -> str | None:
    """The surviving row's id when (entity, record_id) was merged into another, else None."""
    seen = {record_id}
    current = record_id
    for _ in range(MAX_CHAIN):
        rec = session.get(Record, (entity, current))
        if rec is None or not rec.merged_into or rec.merged_into in seen:
            break
        current = rec.merged_into
        seen.add(current)
    return current if current != record_id else None


def resolve_refs(session: Session, spec: EntitySpec, values: dict[str, Any]) -> dict[str, str]:
    """Re-point, in `values`, every reference to an alias at its surviving row. Returns the
    columns changed ({column: new id})."""
    changed: dict[str, str] = {}
    for column, target in reference_columns(spec):
        value = values.get(column)
        if not isinstance(value, str) or not value:
            continue
        winner = alias_target(session, target, value)
        if winner is not None:
            values[column] = winner
            changed[column] = winner
    return changed
