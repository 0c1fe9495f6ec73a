"""Scope first: what a device may learn or touch of rows outside its scope (nothing).

`push` asks `hidden_from` before anything else about a mutation's row: a row the device may not
see is treated as if the id were unknown. An insert reusing its id is refused (`sync.out_of_scope`:
no version, no change to the row or its `server_seq`, no other device is served it again); an
update or delete of it is answered `sync.unknown_record`, exactly as for an id the server never
held (so it cannot tell a deleted, erased or merged row of another district from a missing one).

`erasure_verdict` decides an erasure request: a privacy officer may erase any member the server
holds, a matchmaker only members in the device's scope; an id the server never held is "unknown"
(nothing to erase, no tombstone sent to any laptop), an id already erased is "done".
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy.orm import Session

from xzdesk.domain.staff.codes import Role
from xzdesk.server import auth
from xzdesk.server.models import Device, Erasure, Record, User
from xzdesk.sync.registry import RecordScope, all_specs, is_uuid

Verdict = Literal["erase", "done", "unknown", "forbidden"]
ERASING_ROLES = (Role.PRIVACY_OFFICER.value, Role.MATCHMAKER.value)


def _scope(rec: Record) -> RecordScope:
    return RecordScope(rec.district, rec.event_id, rec.owner_device)


def hidden_from(session: Session, device: Device, entity: str, entity_id: str) -> bool:
    """True when a row (entity, id) exists and the device may not see it (nor, for an alias
    left by a natural-key merge, the row it was merged into)."""
    rec = session.get(Record, (entity, entity_id))
    if rec is None:
        return False
    if not auth.can_see(device, _scope(rec)):
        return True
    target = session.get(Record, (entity, rec.merged_into)) if rec.merged_into else None
    return target is not None and not auth.can_see(device, _scope(target))


def erasure_verdict(session: Session, *, device: Device, user: User, member_id: str) -> Verdict:
    if not is_uuid(member_id) or user.role not in ERASING_ROLES:
        return "forbidden"
    if session.get(Erasure, member_id) is not None:
        return "done"
    root = next((s for s in all_specs() if s.is_member_root), None)
    rec = session.get(Record, (root.name, member_id)) if root else None
    if rec is None:
        return "unknown"
    if user.role == Role.PRIVACY_OFFICER.value or auth.can_write(device, _scope(rec)):
        return "erase"
    return "forbidden"
