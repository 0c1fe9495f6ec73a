"""Erasure on the server (PIPL Art. 47): delete every row of a member, keep only its random id.

Deletes the member's records in every entity (and those of any duplicate of the person merged
into it) (rows that hold only ids and names of actions,
such as the audit log, are kept: see `keep_on_erasure`), their lookup keys, stored mutation
results, conflicts, rejected-inbox entries and old tombstones naming the member; registers the
id; and writes one purge tombstone (member id only) that every device receives and acknowledges.
Later pushes that reference the id are rejected forever (push.py checks the registry).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from xzdesk.server.db import next_seq
from xzdesk.server.models import (
    AppliedMutation,
    Conflict,
    Erasure,
    ErasureAck,
    Record,
    RecordKey,
    Rejected,
    Tombstone,
)
from xzdesk.sync.registry import all_specs, entity_spec

# Server-only tables that hold a member's data (the member web app's accounts and chat) register
# a purge here: `fn(session, member_id)` runs inside the erasure's transaction.
ERASURE_HOOKS: list[Callable[[Session, str], int]] = []


def on_erasure(fn: Callable[[Session, str], int]) -> None:
    if fn not in ERASURE_HOOKS:
        ERASURE_HOOKS.append(fn)


def erased_among(session: Session, member_ids: set[str]) -> set[str]:
    """The ids among `member_ids` that are in the erasure registry."""
    if not member_ids:
        return set()
    return set(session.execute(select(Erasure.member_id).where(Erasure.member_id.in_(sorted(member_ids)))).scalars())


def member_records(session: Session, member_id: str) -> list[Record]:
    referencing = select(RecordKey.record_id).where(RecordKey.name == "mref", RecordKey.value == member_id)
    return list(
        session.execute(
            select(Record).where(or_(Record.member_id == member_id, Record.id.in_(referencing)))
        ).scalars()
    )


def erase_member(
    session: Session, member_id: str, *, now: datetime, requested_by: str | None, seq: int | None = None
) -> int:
    """Erase inside the caller's transaction. Returns the number of records deleted; erasing an
    already erased id again is a no-op (returns 0)."""
    if session.get(Erasure, member_id) is not None:
        return 0
    seq = seq or next_seq(session)
    deleted = 0
    # a duplicate of this person merged into it (registered twice offline) holds their data too
    for alias in _merged_aliases(session, member_id):
        deleted += erase_member(session, alias, now=now, requested_by=requested_by, seq=seq)
    ids: list[str] = []
    for rec in member_records(session, member_id):
        spec = entity_spec(rec.entity)
        if spec is not None and spec.keep_on_erasure:
            continue
        ids.append(rec.id)
        session.execute(delete(RecordKey).where(RecordKey.entity == rec.entity, RecordKey.record_id == rec.id))
        session.delete(rec)
        deleted += 1
    session.flush()
    for chunk in [ids[i : i + 500] for i in range(0, len(ids), 500)] or [[]]:
        session.execute(
            delete(AppliedMutation).where(
                or_(AppliedMutation.member_id == member_id, AppliedMutation.entity_id.in_(chunk))
            )
        )
        session.execute(delete(Conflict).where(or_(Conflict.member_id == member_id, Conflict.entity_id.in_(chunk))))
        session.execute(delete(Rejected).where(or_(Rejected.member_id == member_id, Rejected.entity_id.in_(chunk))))
        session.execute(
            delete(Tombstone).where(or_(Tombstone.member_id == member_id, Tombstone.entity_id.in_(chunk)))
        )
    for hook in ERASURE_HOOKS:
        hook(session, member_id)
    session.add(Erasure(member_id=member_id, erased_at=now, server_seq=seq, requested_by=requested_by,
                        rows_deleted=deleted))  # fmt: skip
    session.add(Tombstone(server_seq=seq, kind="purge", member_id=member_id, created_at=now))
    session.flush()
    return deleted


def _merged_aliases(session: Session, member_id: str) -> list[str]:
    root = next((s.name for s in all_specs() if s.is_member_root), None)
    if root is None:
        return []
    return list(session.execute(
        select(Record.id).where(Record.entity == root, Record.merged_into == member_id, Record.id != member_id)
    ).scalars())  # fmt: skip


def acknowledge(session: Session, *, device_id: str, member_ids: list[str], now: datetime) -> int:
    """Record that a device purged these members. Unknown ids are ignored."""
    known = set(session.execute(select(Erasure.member_id).where(Erasure.member_id.in_(member_ids))).scalars())
    done = set(
        session.execute(
            select(ErasureAck.member_id).where(ErasureAck.device_id == device_id, ErasureAck.member_id.in_(known))
        ).scalars()
    )
    for mid in sorted(known - done):
        session.add(ErasureAck(member_id=mid, device_id=device_id, acked_at=now))
    return len(known - done)
