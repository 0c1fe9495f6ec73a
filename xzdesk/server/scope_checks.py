"""Scope first: what a device may learn or touch of rows outside its scope (nothing).

`push` asks `hidden_from` before anything else about a mutation's row: a change naming a row the
device may not see is refused `sync.out_of_scope` before the row is read any further: no version,
no state (deleted, erased, merged, archived all answer alike), no change to the row or its
`server_seq`, and no other device is served it again. All a device can learn is that the id is
taken (ids are random; a laptop whose scope narrowed learns why its edit was refused).

`erasure_verdict` decides an erasure request: a privacy officer may erase any member the server
holds, a matchmaker only members in the device's scope; an id the server never held is "unknown"
(nothing to erase, no tombstone sent to any laptop), an id already erased is "done".
"""

from __future__ import annotations

from collections.abc import Callable
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


def hidden_from(session: Session, device: Device, entity: str, entity_id: str, *,
                load: Callable[[str, str], Record | None] | None = None) -> bool:  # fmt: skip
    """True when a row (entity, id) exists and the device may not see it (nor, for an alias
    left by a natural-key merge, the row it was merged into). `load(entity, id)` reads a row
    (default: the session's)."""
    get = load or (lambda name, record_id: session.get(Record, (name, record_id)))
    rec = get(entity, entity_id)
    if rec is None:
        return False
    if not auth.can_see(device, _scope(rec)):
        return True
    target = get(entity, rec.merged_into) if rec.merged_into else None
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
