"""Members' own acts online, in the synced audit log and with the desktop's consequences.

- `audit`: an audit entry for something the member did in the web app (actor None: no staff
  member acted), appended to the district's web-app chain (`privacy.audit.online_device_id`) and
  hashed exactly as a laptop hashes its own entries (`privacy.audit.canonical_entry`). Each entry
  takes its own `server_seq`, so laptops receive a chain in its order and can check it.
- `withdrawal_consequences`: what a withdrawn consent ends, by the rule the laptop's own
  withdrawal follows (`introductions.codes.ended_by_withdrawal`: introductions that have not
  exchanged contacts cannot go on without sharing the profile), written once, here, in the
  withdrawal's transaction; every laptop in scope receives the result by sync, so no laptop
  applies it a second time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from xzdesk.domain.introductions.codes import Stage, WithdrawReason, ended_by_withdrawal
from xzdesk.domain.privacy.audit import GENESIS, canonical_entry, chained_hash, online_device_id
from xzdesk.domain.store.ids import new_id
from xzdesk.server.h5 import records
from xzdesk.server.h5.records import RecordWriter
from xzdesk.server.h5.tables import AuditHead
from xzdesk.sync.registry import entity_spec


def audit(session: Session, now: datetime, *, member_id: str, action: str, fields: Sequence[str] = ()) -> dict[str, Any]:
    """Append one entry to the web app's audit chain of the member's district (caller's
    transaction). Returns the row written."""
    writer = RecordWriter(session, now)
    _ = writer.seq  # taken first: on PostgreSQL it serialises every writer, so the chain has one order
    member = records.read(session, "member", member_id) or {}
    device = online_device_id(member.get("district_code"))
    head = session.get(AuditHead, device, with_for_update=True)
    prev = head.hash if head is not None else GENESIS
    entry = canonical_entry(id=new_id(), at=now, actor_id=None, device_id=device, action=action, member_id=member_id,
                            fields=fields, reason=None)  # fmt: skip
    digest = chained_hash(prev, entry)
    row = writer.insert("audit_log", {**entry, "prev_hash": prev, "hash": digest}, member_id=member_id)
    if head is None:
        session.add(AuditHead(device_id=device, hash=digest, updated_at=now))
    else:
        head.hash, head.updated_at = digest, now
    session.flush()
    return row


def withdrawal_consequences(writer: RecordWriter, *, member_id: str, consent_type: str) -> list[dict[str, Any]]:
    """End the member's introductions the withdrawn consent makes impossible (withdrawn, reason
    consent_withdrawn), along the introductions' own transition rules. Returns them as they were."""
    stages = ended_by_withdrawal(consent_type)
    if not stages:
        return []
    spec = entity_spec("introduction")
    assert spec is not None
    stamp = writer.now.isoformat()
    changes = {"stage": Stage.WITHDRAWN.value, "withdraw_reason": WithdrawReason.CONSENT_WITHDRAWN.value,
               "closed_at": stamp, "updated_at": stamp}  # fmt: skip
    ended = []
    for rec in sorted(records.held_about(writer.session, member_id, "introduction"), key=lambda r: r.id):
        row = json.loads(rec.fields)
        if row.get("stage") in stages and spec.check_transition(row, changes) is None:
            writer.update("introduction", rec.id, changes)
            ended.append(row)
    return ended
