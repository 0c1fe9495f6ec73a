"""Reading and writing the synced records (server storage: one JSON row per entity and id) on
behalf of a member, in the caller's transaction.

Writes the member makes online are server-made changes: they take the next `server_seq`, bump
the row version and keep the lookup keys, exactly as an applied device mutation does, so every
laptop in scope receives them on its next pull.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from xzdesk.server.db import next_seq
from xzdesk.server.models import Record, RecordKey
from xzdesk.server.push import add_record, canonical, record_keys
from xzdesk.sync.registry import RecordScope, ScopeContext, check_fields, default_values, entity_spec


def fields_of(rec: Record | None) -> dict[str, Any] | None:
    if rec is None or rec.deleted:
        return None
    return json.loads(rec.fields)  # type: ignore[no-any-return]


def read(session: Session, entity: str, record_id: str) -> dict[str, Any] | None:
    """The live row's values, or None (unknown, deleted or merged away)."""
    return fields_of(session.get(Record, (entity, record_id)))


def rows(session: Session, entity: str, *conditions: Any) -> list[dict[str, Any]]:
    query = select(Record.fields).where(Record.entity == entity, Record.deleted.is_(False), *conditions)
    return [json.loads(raw) for raw in session.execute(query).scalars()]


def member_rows(session: Session, entity: str, member_id: str) -> list[dict[str, Any]]:
    return rows(session, entity, Record.member_id == member_id)


def held_about(session: Session, member_id: str, entity: str | None = None) -> list[Record]:
    """Every live record of the member: rows whose member column is theirs, and rows that name
    them in another member column (an introduction's other side). Two indexed lookups."""
    own = select(Record).where(Record.member_id == member_id, Record.deleted.is_(False))
    refs = select(RecordKey.entity, RecordKey.record_id).where(RecordKey.name == "mref", RecordKey.value == member_id)
    if entity is not None:
        own = own.where(Record.entity == entity)
        refs = refs.where(RecordKey.entity == entity)
    found = {(r.entity, r.id): r for r in session.execute(own).scalars()}
    for ref_entity, record_id in session.execute(refs).all():
        rec = session.get(Record, (ref_entity, record_id))
        if rec is not None and not rec.deleted:
            found.setdefault((rec.entity, rec.id), rec)
    return list(found.values())


def member_scope(session: Session, member_id: str) -> RecordScope | None:
    rec = session.get(Record, ("member", member_id))
    return None if rec is None else RecordScope(rec.district, rec.event_id, rec.owner_device)


def full_row(entity: str, given: dict[str, Any]) -> dict[str, Any]:
    spec = entity_spec(entity)
    assert spec is not None
    defaults = default_values(spec)
    return {name: given.get(name, defaults.get(name)) for name in spec.columns}


class RecordWriter:
    """Server-made changes of one request: one `server_seq` for all of them (taken on first use,
    which on PostgreSQL also serialises this transaction with every other writer)."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now
        self._seq: int | None = None

    @property
    def seq(self) -> int:
        if self._seq is None:
            self._seq = next_seq(self.session)
        return self._seq

    def insert(self, entity: str, given: dict[str, Any], *, member_id: str | None) -> dict[str, Any]:
        """A new row (`given` in JSON form; model defaults fill the rest). Raises ValueError when
        the row does not fit the entity's columns (a programming error, never member input)."""
        spec = entity_spec(entity)
        assert spec is not None
        row = full_row(entity, given)
        problem = check_fields(spec, row, insert=True)
        if problem:
            raise ValueError(f"{entity}.{problem[0]}: {problem[1]}")
        scope_of_member = member_scope(self.session, member_id) if member_id else None
        ctx = ScopeContext(scope_of_member, None, None, lookup_member=lambda m: member_scope(self.session, m))
        scope = spec.resolve_scope(row, ctx)
        add_record(self.session, spec, row, seq=self.seq, now=self.now, scope=scope, member_id=member_id)
        return row

    def update(self, entity: str, record_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Change fields of a live row (version + 1, new server_seq, lookup keys kept current)."""
        spec = entity_spec(entity)
        assert spec is not None
        rec = self.session.get(Record, (entity, record_id), with_for_update=True)
        if rec is None or rec.deleted:
            raise LookupError(f"{entity} {record_id}")
        problem = check_fields(spec, changes, insert=False)
        if problem:
            raise ValueError(f"{entity}.{problem[0]}: {problem[1]}")
        current = json.loads(rec.fields)
        new = {**current, **changes}
        old_keys, new_keys = record_keys(spec, current), record_keys(spec, new)
        for name, value in sorted(old_keys - new_keys):
            self.session.execute(delete(RecordKey).where(
                RecordKey.entity == entity, RecordKey.name == name, RecordKey.value == value,
                RecordKey.record_id == record_id))  # fmt: skip
        self.session.flush()
        for name, value in sorted(new_keys - old_keys):
            self.session.add(RecordKey(entity=entity, name=name, value=value, record_id=record_id))
        rec.fields = canonical(new)
        rec.version += 1
        rec.server_seq = self.seq
        rec.updated_at = self.now
        return new  # type: ignore[no-any-return]


def ids_of(items: Iterable[dict[str, Any]], key: str = "id") -> list[str]:
    return [str(i[key]) for i in items]
