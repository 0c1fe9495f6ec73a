"""The import commit as it was before the fast path (issue 15), kept for reference only: the tests
compare what the fast commit writes with what this path writes, row for row, and a same-process
A/B measurement can swap it in (`with reference_path(): commit_import(...)`). Not used by the
application. (Ids are minted by the current `store.ids` in both paths.)

The old path: Core inserts of row dicts through SQLAlchemy's per-row binding, outbox payloads
converted with `to_jsonable` and serialised by the JSON column type; audit entries built as ORM
objects and chained one by one; pinyin through `pypinyin.lazy_pinyin` for every name; every new
row validated again at commit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.members import bulk, names, service
from xzdesk.domain.privacy import audit
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.spreadsheets import importer
from xzdesk.domain.store import outbox
from xzdesk.domain.store.base import to_jsonable
from xzdesk.domain.store.models import OutboxRow


def insert_synced(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    connection = session.connection()
    connection.execute(model.__table__.insert(), rows)
    info = session.info
    if info.get("sync_apply") or "hlc" not in info:
        return
    member_col = getattr(model, "__member_column__", None)
    created = info["now"]()
    connection.execute(
        OutboxRow.__table__.insert(),
        [
            {
                "idempotency_key": outbox.new_id(),
                "entity": model.__tablename__,
                "entity_id": r["id"],
                "member_id": r.get(member_col) if member_col else None,
                "op": "insert",
                "fields": {k: to_jsonable(v) for k, v in r.items() if k not in outbox.SKIP},
                "base": {},
                "base_version": r.get("version") or 0,
                "hlc": info["hlc"].now(),
                "operator_id": info.get("actor_id"),
                "created_at": created,
            }
            for r in rows
        ],
    )


def append_audit_many(session: Session, *, at: datetime, actor_id: str | None, device_id: str,
                      entries: Sequence[tuple[str, str | None, Sequence[str]]]) -> None:  # fmt: skip
    if not entries:
        return
    last = session.execute(
        select(AuditEntry.hash).where(AuditEntry.device_id == device_id).order_by(AuditEntry.seq.desc()).limit(1)
    ).scalar()
    prev = last or audit.GENESIS
    rows = []
    for action, member_id, fields in entries:
        entry = AuditEntry(id=audit.new_id(), at=at, actor_id=actor_id, device_id=device_id, action=action,
                           member_id=member_id, fields=sorted(fields), reason=None)  # fmt: skip
        digest = audit._digest(prev, audit._canonical(entry))
        rows.append({
            "id": entry.id, "version": 0, "at": at, "actor_id": actor_id, "device_id": device_id,
            "action": action, "member_id": member_id, "fields": entry.fields, "reason": None,
            "prev_hash": prev, "hash": digest,
        })  # fmt: skip
        prev = digest
    insert_synced(session, AuditEntry, rows)


def name_keys(name: str) -> tuple[str, str]:
    py = names._pinyin()
    surname, given = names.split_surname(names.normalize_name(name))
    head = names._SURNAME_READINGS.get(surname)
    if head is not None:
        raw = [head, *py.lazy_pinyin(given, style=py.Style.NORMAL, errors="default")]
    else:
        raw = py.lazy_pinyin(names.normalize_name(name), style=py.Style.NORMAL, errors="default")
    syllables = [s.strip().lower() for s in raw if s.strip()]
    return " ".join(syllables), "".join(s[0] for s in syllables)


def _register_members_validating(uow: Any, **kwargs: Any) -> Any:
    kwargs.pop("checked", None)  # validate every row again, as before
    return bulk.register_members(uow, **kwargs)


@contextlib.contextmanager
def reference_path() -> Iterator[None]:
    """Run the import commit the old way inside the block."""
    swaps = [
        (outbox, "insert_synced", insert_synced),
        (audit, "insert_synced", insert_synced),
        (bulk, "append_audit_many", append_audit_many),
        (service, "name_keys", name_keys),
        (importer, "register_members", _register_members_validating),
    ]
    saved = [(module, attr, getattr(module, attr)) for module, attr, _ in swaps]
    try:
        for module, attr, value in swaps:
            setattr(module, attr, value)
        yield
    finally:
        for module, attr, value in saved:
            setattr(module, attr, value)
