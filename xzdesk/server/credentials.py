"""The server's staff passwords on the laptops: each account's argon2id hash travels down by sync
as a `staff_password` record (never the password), so a person signs in on a laptop of their
district offline, a password changed here replaces the old one there at the next sync, and an
account closed here (its `staff` record, active false) is refused there.

Scope: the account's district, so only that district's laptops hold the hash; a city-wide
account (no district) reaches every laptop. A moved account leaves its old district's laptops
through a removal, as any record that changes scope. The intake role never signs in on a laptop
and is never published. Each function runs inside the caller's writing transaction.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.server import auth
from xzdesk.server.db import next_seq
from xzdesk.server.models import Record, Tombstone, User
from xzdesk.server.push import canonical

ENTITY = "staff_password"


def publish_password(session: Session, user: User, *, seq: int, now: datetime) -> None:
    """Write (or rewrite) the `staff_password` record of an account with `seq`, when its hash or
    district changed; a changed district first sends a removal to the old district's laptops."""
    if user.role == auth.INTAKE_ROLE:
        return
    rec = session.get(Record, (ENTITY, user.id))
    fields = {"id": user.id, "password_hash": user.password_hash, "district_code": user.district_code,
              "changed_at": _changed_at(rec, user, now).isoformat()}  # fmt: skip
    if rec is None:
        session.add(Record(entity=ENTITY, id=user.id, member_id=None, district=user.district_code, version=1,
                           server_seq=seq, deleted=False, fields=canonical(fields), created_at=now,
                           updated_at=now))  # fmt: skip
        return
    if canonical(fields) == rec.fields:
        return
    if rec.district != user.district_code:
        session.add(Tombstone(server_seq=seq, kind="remove", entity=ENTITY, entity_id=user.id, member_id=None,
                              district=rec.district, event_id=None, owner_device=None, created_at=now))  # fmt: skip
        rec.district = user.district_code
    rec.fields, rec.version, rec.server_seq, rec.updated_at = canonical(fields), rec.version + 1, seq, now


def _fields(rec: Record) -> dict[str, object]:
    return dict(json.loads(rec.fields))


def _changed_at(rec: Record | None, user: User, now: datetime) -> datetime:
    """When the password was set: kept while the hash is the same, `now` for a new one."""
    if rec is not None:
        fields = _fields(rec)
        if fields.get("password_hash") == user.password_hash and isinstance(fields.get("changed_at"), str):
            return datetime.fromisoformat(str(fields["changed_at"]))
    return now


def publish_missing(session: Session, *, now: datetime) -> int:
    """Publish the hash of every account that has none published yet (a server database made
    before laptops learned passwords by sync). Returns how many were published."""
    have = select(Record.id).where(Record.entity == ENTITY)
    users = list(session.execute(
        select(User).where(User.role != auth.INTAKE_ROLE, User.id.not_in(have)).order_by(User.created_at)
    ).scalars())  # fmt: skip
    if not users:
        return 0
    seq = next_seq(session)
    for user in users:
        publish_password(session, user, seq=seq, now=now)
    return len(users)
