"""Checks over a whole event after a push: what two laptops approving offline can break together.

Each laptop approves from what it knows: it takes "the next number plate" and "a free place".
Two of them offline can hand out one plate twice or approve more people than a cap allows. No
single mutation is wrong, so nothing is rejected: the server keeps every registration as pushed
and, after each push that changed a registration of an event or the event itself, runs the
event checks registered by the areas (`registry.EventCheck`; the events area registers
`offline_problems`: plates and caps). Each problem is an open conflict (kinds `plate`, `quota`)
that every device in the event's scope receives with its next pull, like a same-field edit:

- a problem found again keeps its conflict (its numbers updated);
- a problem no longer found (the organiser gave a new plate, moved someone to the waiting list,
  raised the cap) is closed by the server;
- a conflict the organiser closed ("keep them all") is not reopened while its numbers stay the
  same; more places taken later is a new conflict.

Runs inside the push's transaction, after the counter lock (so two pushes never check the same
event at once). Cost: one read of the event's registrations and their members per touched event.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.store.ids import new_id
from xzdesk.server.aliases import alias_target
from xzdesk.server.models import AppliedMutation, Conflict, Record
from xzdesk.sync.protocol import MutationIn
from xzdesk.sync.registry import EventCheck, all_specs, event_checks

CHUNK = 500
Key = tuple[str, str, str, str | None, str | None]  # kind, entity, entity_id, field, other_id


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def run_event_checks(session: Session, *, mutations: Sequence[MutationIn], seq: int, now: datetime,
                     device_id: str) -> None:  # fmt: skip
    """Run every registered event check on the events this batch touched."""
    for check in event_checks():
        for event_id in sorted(_touched_events(session, check, mutations)):
            check_event(session, check, event_id, seq=seq, now=now, device_id=device_id)


def _touched_events(session: Session, check: EventCheck, mutations: Sequence[MutationIn]) -> set[str]:
    out: set[str] = set()
    for m in mutations:
        if m.entity == check.parent:
            out.add(m.entity_id)
        elif m.entity == check.entity:
            rid = alias_target(session, check.entity, m.entity_id) or m.entity_id
            rec = session.get(Record, (check.entity, rid))
            if rec is not None and rec.event_id:
                out.add(rec.event_id)
    return out


def check_event(session: Session, check: EventCheck, event_id: str, *, seq: int, now: datetime,
                device_id: str) -> None:  # fmt: skip
    """Reconcile the open conflicts of `check`'s kinds in one event with what it finds now."""
    event = session.get(Record, (check.parent, event_id))
    rows: list[Record] = []
    problems: list[dict[str, Any]] = []
    if event is not None and not event.deleted:
        rows = list(session.execute(
            select(Record).where(Record.entity == check.entity, Record.event_id == event_id,
                                 Record.deleted.is_(False))
        ).scalars())  # fmt: skip
        values = [{**json.loads(r.fields), "id": r.id} for r in rows]
        members = _members(session, {str(v.get("member_id")) for v in values if v.get("member_id")})
        problems = check.check({**json.loads(event.fields), "id": event.id}, values, members)
    records = {(r.entity, r.id): r for r in rows}
    if event is not None:
        records[(check.parent, event.id)] = event
    existing = list(session.execute(
        select(Conflict).where(Conflict.event_id == event_id, Conflict.kind.in_(sorted(check.kinds)))
    ).scalars())  # fmt: skip
    found = {_key_of(p): p for p in problems}
    for conflict in existing:
        key = (conflict.kind, conflict.entity, conflict.entity_id, conflict.field, conflict.other_id)
        problem = found.get(key)
        if conflict.status == "open" and problem is None:
            conflict.status, conflict.resolved_at, conflict.resolved_by = "resolved", now, None
        elif problem is not None and _same(conflict, problem):
            found.pop(key)  # open and unchanged, or closed by the organiser with these numbers
        elif problem is not None and conflict.status == "open":
            conflict.theirs, conflict.mine = _dump(problem["theirs"]), _dump(problem["mine"])
            found.pop(key)
    for problem in found.values():
        rec = records.get((problem["entity"], problem["entity_id"]))
        if rec is not None:
            _add(session, problem, rec, records, seq=seq, now=now, device_id=device_id)


def _key_of(problem: dict[str, Any]) -> Key:
    return (problem["kind"], problem["entity"], problem["entity_id"], problem.get("field"), problem.get("other_id"))


def _same(conflict: Conflict, problem: dict[str, Any]) -> bool:
    return json.loads(conflict.theirs) == problem["theirs"] and json.loads(conflict.mine) == problem["mine"]


def _members(session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
    root = next((spec.name for spec in all_specs() if spec.is_member_root), None)
    out: dict[str, dict[str, Any]] = {}
    if root is None:
        return out
    wanted = sorted(ids)
    for start in range(0, len(wanted), CHUNK):
        query = select(Record.id, Record.fields).where(Record.entity == root, Record.id.in_(wanted[start : start + CHUNK]))
        for rid, fields in session.execute(query):
            out[rid] = json.loads(fields)
    return out


def _writer(session: Session, rec: Record) -> tuple[str | None, str | None, datetime | None]:
    """(device, staff account, time) of the last applied mutation of a record, else its origin."""
    row = session.execute(
        select(AppliedMutation.device_id, AppliedMutation.operator_id, AppliedMutation.created_at)
        .where(AppliedMutation.entity == rec.entity, AppliedMutation.entity_id == rec.id)
        .order_by(AppliedMutation.server_seq.desc()).limit(1)
    ).first()  # fmt: skip
    return (row[0], row[1], row[2]) if row is not None else (rec.origin_device, None, rec.created_at)


def _add(session: Session, problem: dict[str, Any], rec: Record, records: dict[tuple[str, str], Record], *,
         seq: int, now: datetime, device_id: str) -> None:  # fmt: skip
    """A new open conflict on `rec`; "mine" is the side of `rec`, "theirs" the other row's (the
    registration that had the plate first) or, for a cap, the cap itself."""
    mine_by = _writer(session, rec)
    other = records.get((problem["entity"], problem["other_id"])) if problem.get("other_id") else None
    theirs_by = _writer(session, other) if other is not None else (None, None, None)
    session.add(Conflict(
        id=new_id(), kind=problem["kind"], entity=rec.entity, entity_id=rec.id, member_id=rec.member_id,
        district=rec.district, event_id=rec.event_id, owner_device=rec.owner_device, field=problem.get("field"),
        base=_dump(None), theirs=_dump(problem["theirs"]), mine=_dump(problem["mine"]),
        other_id=problem.get("other_id"), device_id=mine_by[0] or device_id, operator_id=mine_by[1],
        client_time=None, clock_flagged=False, theirs_device_id=theirs_by[0], theirs_operator_id=theirs_by[1],
        theirs_at=theirs_by[2], status="open", created_at=now, created_seq=seq,
    ))  # fmt: skip
