"""Serving pulls (sync.md "Pull"): pages of upserts, removals and purges in `server_seq` order,
each page ending on a transaction boundary, with a signed cursor.

The cursor binds (device, seq, scope hash, server id) under an HMAC only the server knows, so a
client can neither forge a position nor carry a cursor into a wider scope. A cursor from another
scope, from before the tombstone horizon, from another server, or a device silent for longer
than the offline window gets 410: the laptop pushes its outbox, wipes, and bootstraps.

Pages are rendered as JSON text directly from the stored canonical row JSON (no parse and
re-serialise of 100k rows); the schema is `xzdesk.sync.protocol.PullOut`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from xzdesk.server import auth
from xzdesk.server.db import current_seq
from xzdesk.server.models import AppliedMutation, Conflict, Device, Record, Tombstone, User


class CursorError(Exception):
    def __init__(self, code: str, status: int) -> None:
        super().__init__(code)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class Cursor:
    device_id: str
    seq: int
    scope_hash: str
    server_id: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_cursor(secret: str, cursor: Cursor) -> str:
    payload = json.dumps(
        {"v": 1, "d": cursor.device_id, "s": cursor.seq, "h": cursor.scope_hash, "e": cursor.server_id},
        separators=(",", ":"), sort_keys=True,
    ).encode()  # fmt: skip
    mac = hmac.new(bytes.fromhex(secret), payload, hashlib.sha256).digest()
    return f"{_b64(payload)}.{_b64(mac)}"


def read_cursor(secret: str, text: str) -> Cursor:
    """Verify and decode; CursorError(sync.bad_cursor, 400) when forged or malformed."""
    try:
        payload_b64, mac_b64 = text.split(".", 1)
        payload = _unb64(payload_b64)
        mac = _unb64(mac_b64)
    except (ValueError, TypeError) as exc:
        raise CursorError("sync.bad_cursor", 400) from exc
    expected = hmac.new(bytes.fromhex(secret), payload, hashlib.sha256).digest()
    if not hmac.compare_digest(mac, expected):
        raise CursorError("sync.bad_cursor", 400)
    data = json.loads(payload)
    return Cursor(data["d"], int(data["s"]), data["h"], data["e"])


def check_cursor(
    cursor: Cursor | None, *, device: Device, server_id: str, horizon: int, now: datetime, offline_window: timedelta
) -> int:
    """The seq to read after, or CursorError (400 / 410)."""
    if cursor is None:
        return 0
    if cursor.device_id != device.id:
        raise CursorError("sync.bad_cursor", 400)
    if cursor.server_id != server_id:
        raise CursorError("sync.cursor_expired", 410)
    if cursor.scope_hash != device.scope_hash:
        raise CursorError("sync.scope_changed", 410)
    if cursor.seq < horizon:
        raise CursorError("sync.cursor_expired", 410)
    if device.last_pull_at is not None and now - device.last_pull_at > offline_window:
        raise CursorError("sync.offline_too_long", 410)
    return cursor.seq


def _str(value: str | None) -> str:
    return "null" if value is None else json.dumps(value)


@dataclass(frozen=True)
class Page:
    body: str  # JSON text (PullOut)
    upper: int
    has_more: bool
    rows: int


def read_page(
    session: Session, *, device: Device, since: int, limit: int, secret: str, server_id: str, now: datetime,
    echo: bool = False,
) -> Page:
    """One page after `since`, inside the caller's snapshot. `echo`: leave out the rows this
    device pushed and holds exactly as stored (`AppliedMutation.echo` at the row's `server_seq`)."""
    head = current_seq(session)
    rec_scope = auth.scope_filter(Record, device)
    tomb_scope = auth.scope_filter(Tombstone, device)
    rec_seqs = session.execute(
        select(Record.server_seq).where(Record.server_seq > since, rec_scope).order_by(Record.server_seq).limit(limit)
    ).scalars().all()  # fmt: skip
    tomb_seqs = session.execute(
        select(Tombstone.server_seq).where(Tombstone.server_seq > since, tomb_scope)
        .order_by(Tombstone.server_seq).limit(limit)
    ).scalars().all()  # fmt: skip
    merged = sorted([*rec_seqs, *tomb_seqs])
    if len(merged) >= limit:
        upper = merged[limit - 1]
        has_more = _exists_after(session, upper, rec_scope, tomb_scope)
        if not has_more:
            upper = head
    else:
        upper, has_more = head, False
    parts: list[tuple[int, int, str]] = []
    window = and_(Tombstone.server_seq > since, Tombstone.server_seq <= upper, tomb_scope)
    for t in session.execute(select(Tombstone).where(window)).scalars():
        if t.kind == "purge":
            text = f'{{"seq":{t.server_seq},"kind":"purge","member_id":{_str(t.member_id)}}}'
        else:
            text = (f'{{"seq":{t.server_seq},"kind":"remove","entity":{_str(t.entity)},"id":{_str(t.entity_id)},'
                    f'"member_id":{_str(t.member_id)}}}')  # fmt: skip
        parts.append((t.server_seq, 0, text))
    cols = (Record.entity, Record.id, Record.version, Record.member_id, Record.server_seq, Record.deleted,
            Record.merged_into, Record.fields)  # fmt: skip
    rows = session.connection().execute(  # Core rows: no ORM overhead on 100k-row bootstraps
        select(*cols).where(Record.server_seq > since, Record.server_seq <= upper, rec_scope)
    )
    echoes = own_echoes(session, device.id, since, upper) if echo and since else frozenset()
    for entity, rid, version, member_id, seq, deleted, merged_into, fields in rows:
        if echoes and (entity, rid, seq) in echoes and not deleted:
            continue
        if deleted:
            text = (f'{{"seq":{seq},"kind":"remove","entity":{_str(entity)},"id":{_str(rid)},"version":{version},'
                    f'"member_id":{_str(member_id)},"merged_into":{_str(merged_into)}}}')  # fmt: skip
        else:
            text = (f'{{"seq":{seq},"kind":"upsert","entity":{_str(entity)},"id":{_str(rid)},"version":{version},'
                    f'"member_id":{_str(member_id)},"fields":{fields}}}')  # fmt: skip
        parts.append((seq, 1, text))
    parts.sort(key=lambda p: (p[0], p[1]))  # within a transaction: removals before upserts
    cursor = sign_cursor(secret, Cursor(device.id, upper, device.scope_hash, server_id))
    conflicts = "null"
    if not has_more:
        conflicts = json.dumps(open_conflicts(session, device), ensure_ascii=False)
    body = (
        '{"changes":[' + ",".join(p[2] for p in parts) + f'],"cursor":"{cursor}","has_more":'
        + ("true" if has_more else "false") + f',"conflicts":{conflicts},"server_time":"{now.isoformat()}"}}'
    )
    return Page(body=body, upper=upper, has_more=has_more, rows=len(parts))


ECHO_CHUNK = 500


def own_echoes(session: Session, device_id: str, since: int, upper: int) -> frozenset[tuple[str, str, int]]:
    """(entity, id, server_seq) of the device's echoes in (since, upper]. A device's mutations are
    applied in its seq order, so its newest ones are read backwards until one is at or before
    `since` (reading a few more would only leave fewer rows out)."""
    out: set[tuple[str, str, int]] = set()
    below: int | None = None
    while True:
        query = select(AppliedMutation.seq, AppliedMutation.entity, AppliedMutation.entity_id,
                       AppliedMutation.server_seq, AppliedMutation.echo).where(AppliedMutation.device_id == device_id)  # fmt: skip
        if below is not None:
            query = query.where(AppliedMutation.seq < below)
        rows = session.execute(query.order_by(AppliedMutation.seq.desc()).limit(ECHO_CHUNK)).all()
        for dev_seq, entity, entity_id, server_seq, is_echo in rows:
            if server_seq <= since:
                return frozenset(out)
            if is_echo and server_seq <= upper:
                out.add((entity, entity_id, server_seq))
            below = dev_seq
        if len(rows) < ECHO_CHUNK:
            return frozenset(out)


def _exists_after(session: Session, seq: int, rec_scope: Any, tomb_scope: Any) -> bool:
    if session.execute(select(Record.server_seq).where(Record.server_seq > seq, rec_scope).limit(1)).first():
        return True
    return session.execute(select(Tombstone.id).where(Tombstone.server_seq > seq, tomb_scope).limit(1)).first() is not None


def _party(device_id: str | None, operator_id: str | None, at: datetime | None,
           labels: dict[str, str], names: dict[str, str]) -> dict[str, Any]:  # fmt: skip
    """One side of a conflict: device label and staff display name only (never member data)."""
    return {"device_id": device_id, "device_label": labels.get(device_id or ""), "operator_id": operator_id,
            "operator_name": names.get(operator_id or ""), "at": at.isoformat() if at else None}  # fmt: skip


def open_conflicts(session: Session, device: Device) -> list[dict[str, Any]]:
    out = []
    query = select(Conflict).where(Conflict.status == "open", auth.scope_filter(Conflict, device))
    conflicts = list(session.execute(query.order_by(Conflict.created_seq, Conflict.id).limit(2000)).scalars())
    if not conflicts:  # the usual answer: no names to look up
        return out
    device_ids = {d for c in conflicts for d in (c.device_id, c.theirs_device_id) if d}
    user_ids = {u for c in conflicts for u in (c.operator_id, c.theirs_operator_id) if u}
    labels = dict(session.execute(select(Device.id, Device.label).where(Device.id.in_(sorted(device_ids)))).all())
    names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(sorted(user_ids)))).all())
    for c in conflicts:
        out.append({
            "id": c.id, "kind": c.kind, "entity": c.entity, "entity_id": c.entity_id, "member_id": c.member_id,
            "field": c.field, "base": json.loads(c.base), "theirs": json.loads(c.theirs), "mine": json.loads(c.mine),
            "other_id": c.other_id, "device_id": c.device_id, "operator_id": c.operator_id,
            "client_time": c.client_time, "clock_flagged": c.clock_flagged, "created_at": c.created_at.isoformat(),
            "mine_by": _party(c.device_id, c.operator_id, c.created_at, labels, names),
            "theirs_by": _party(c.theirs_device_id, c.theirs_operator_id, c.theirs_at, labels, names),
        })  # fmt: skip
    return out
