"""Append-only, hash-chained audit log (who viewed, changed, printed, exported which member).

Each entry records who, when, which member, which action and which field *names*: never the
values. `hash = sha256(prev_hash || canonical entry)`, so editing or removing any entry breaks
every later hash; SQLite triggers (see the initial migration) refuse UPDATE and DELETE outright.
Each device keeps its own chain (entries arrive from other devices through sync), so the link is
to the previous entry written by the same device.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.store.ids import new_id, new_ids
from xzdesk.domain.store.jsontext import canonical
from xzdesk.domain.store.outbox import insert_synced

GENESIS = "0" * 64


def _digest(prev_hash: str, entry: dict[str, Any]) -> str:
    # jsontext.canonical: the standard library's sorted compact text, byte for byte (orjson when it agrees)
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()


def _canonical(e: AuditEntry) -> dict[str, Any]:
    return canonical_entry(id=e.id, at=e.at, actor_id=e.actor_id, device_id=e.device_id, action=e.action,
                           member_id=e.member_id, fields=e.fields or (), reason=e.reason)  # fmt: skip


def canonical_entry(
    *, id: str, at: datetime, actor_id: str | None, device_id: str, action: str, member_id: str | None,
    fields: Sequence[str], reason: str | None,
) -> dict[str, Any]:  # fmt: skip
    """What an entry's hash covers (the same for entries written on a laptop or by the server)."""
    return {"id": id, "at": at.isoformat(), "actor_id": actor_id, "device_id": device_id, "action": action,
            "member_id": member_id, "fields": sorted(fields), "reason": reason}  # fmt: skip


def chained_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    """The hash of `entry` (a `canonical_entry`) after `prev_hash` in its device's chain."""
    return _digest(prev_hash, entry)


# Acts members do themselves in the member web app (withdrawing a consent...) are audited by the
# server, actor None, in one chain per district under a device id of its own (so every laptop of
# the district holds the whole chain and can check it).
_ONLINE_NAMESPACE = uuid.UUID("6f1d2c3e-8a4b-5c6d-9e0f-1a2b3c4d5e6f")


def online_device_id(district_code: str | None) -> str:
    """The device id of the member web app's audit chain for a district."""
    return str(uuid.uuid5(_ONLINE_NAMESPACE, f"xzdesk-member-app:{district_code or '-'}"))


@functools.cache
def _online_devices() -> frozenset[str]:
    return frozenset(online_device_id(d) for d in (*DISTRICTS, None))


def is_online_act(actor_id: str | None, device_id: str | None) -> bool:
    """An entry the server wrote for a member's own act online (no staff member acted)."""
    return actor_id is None and device_id in _online_devices()


def append_audit(
    session: Session,
    *,
    at: datetime,
    actor_id: str | None,
    device_id: str,
    action: str,
    member_id: str | None = None,
    fields: list[str] | tuple[str, ...] = (),
    reason: str | None = None,
) -> AuditEntry:
    """Append one entry at the end of the chain. Caller owns the transaction."""
    last = session.execute(
        select(AuditEntry.hash).where(AuditEntry.device_id == device_id).order_by(AuditEntry.seq.desc()).limit(1)
    ).scalar()
    entry = AuditEntry(
        id=new_id(),
        at=at,
        actor_id=actor_id,
        device_id=device_id,
        action=action,
        member_id=member_id,
        fields=sorted(fields),
        reason=reason,
    )
    entry.prev_hash = last or GENESIS
    entry.hash = _digest(entry.prev_hash, _canonical(entry))
    session.add(entry)
    session.flush()
    return entry


def append_audit_many(
    session: Session,
    *,
    at: datetime,
    actor_id: str | None,
    device_id: str,
    entries: Sequence[tuple[str, str | None, Sequence[str]]],
) -> None:
    """Append `(action, member_id, field names)` entries to this device's chain in one insert
    (bulk paths); the hashes chain exactly as `append_audit` chains them one by one."""
    if not entries:
        return
    last = session.execute(
        select(AuditEntry.hash).where(AuditEntry.device_id == device_id).order_by(AuditEntry.seq.desc()).limit(1)
    ).scalar()
    prev = last or GENESIS
    rows = []
    for (action, member_id, fields), entry_id in zip(entries, new_ids(len(entries)), strict=True):
        names = sorted(fields)
        digest = _digest(prev, canonical_entry(id=entry_id, at=at, actor_id=actor_id, device_id=device_id,
                                               action=action, member_id=member_id, fields=names, reason=None))  # fmt: skip
        rows.append({
            "id": entry_id, "version": 0, "at": at, "actor_id": actor_id, "device_id": device_id,
            "action": action, "member_id": member_id, "fields": names, "reason": None,
            "prev_hash": prev, "hash": digest,
        })  # fmt: skip
        prev = digest
    insert_synced(session, AuditEntry, rows)


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken_seq: int | None

    @property
    def intact(self) -> bool:
        return self.first_broken_seq is None


def verify_chain(session: Session) -> ChainReport:
    """Recompute every device's chain in order; report the first entry whose hash or link is
    wrong (a missing entry shows as a broken link)."""
    prev: dict[str, str] = {}
    count = 0
    for e in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
        count += 1
        expected_prev = prev.get(e.device_id, GENESIS)
        if e.prev_hash != expected_prev or e.hash != _digest(expected_prev, _canonical(e)):
            return ChainReport(count, e.seq)
        prev[e.device_id] = e.hash
    return ChainReport(count, None)
