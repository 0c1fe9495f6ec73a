"""The sync outbox: every change to a synced table appends a row in the same transaction.

A `before_flush` hook on write sessions turns each new, changed or deleted synced object into an
`OutboxRow` (sync.md "Identity and ordering"): entity, id, op, the changed fields' new values,
their base (old) values, the row's base version, a hybrid-logical-clock stamp and the operator.
Sessions that apply pulled changes set `session.info["sync_apply"] = True` and write no outbox
rows. Services therefore never write outbox rows by hand.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, attributes

from xzdesk.domain.store.base import SYNC_REGISTRY, to_jsonable
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.store.models import OutboxRow

SKIP = frozenset({"version", "seq"})


def _columns(obj: Any) -> list[str]:
    return [a.key for a in inspect(obj).mapper.column_attrs if a.key not in SKIP]


def _member_id(obj: Any) -> str | None:
    col = getattr(type(obj), "__member_column__", None)
    return getattr(obj, col) if col else None


def _row(session: Session, obj: Any, op: str, fields: dict[str, Any], base: dict[str, Any]) -> OutboxRow:
    info = session.info
    return OutboxRow(
        idempotency_key=new_id(),
        entity=type(obj).__tablename__,
        entity_id=obj.id,
        member_id=_member_id(obj),
        op=op,
        fields={k: to_jsonable(v) for k, v in fields.items()},
        base={k: to_jsonable(v) for k, v in base.items()},
        base_version=obj.version or 0,
        hlc=info["hlc"].now(),
        operator_id=info.get("actor_id"),
        created_at=info["now"](),
    )


def _collect(session: Session, _ctx: Any, _instances: Any) -> None:
    info = session.info
    if info.get("sync_apply") or "hlc" not in info:
        return
    rows: list[OutboxRow] = []
    for obj in list(session.new):
        if not _synced(obj):
            continue
        if getattr(obj, "id", None) is None:
            obj.id = new_id()
        if getattr(obj, "version", None) is None:
            obj.version = 0
        _apply_defaults(obj)
        fields = {k: getattr(obj, k) for k in _columns(obj)}
        rows.append(_row(session, obj, "insert", fields, {}))
    for obj in list(session.dirty):
        if not _synced(obj) or not session.is_modified(obj, include_collections=False):
            continue
        fields: dict[str, Any] = {}
        base: dict[str, Any] = {}
        for key in _columns(obj):
            hist = attributes.get_history(obj, key)
            if not hist.has_changes():
                continue
            new = hist.added[0] if hist.added else None
            old = hist.deleted[0] if hist.deleted else None
            if new == old:
                continue
            fields[key] = new
            base[key] = old
        if fields:
            rows.append(_row(session, obj, "update", fields, base))
    for obj in list(session.deleted):
        if _synced(obj):
            rows.append(_row(session, obj, "delete", {}, {}))
    session.add_all(rows)


def _apply_defaults(obj: Any) -> None:
    """Fill Python-side column defaults now (SQLAlchemy applies them only in the INSERT), so the
    outbox row carries the values the row will really have."""
    mapper = inspect(obj).mapper
    for attr in mapper.column_attrs:
        if attr.key in SKIP or getattr(obj, attr.key) is not None:
            continue
        default = attr.columns[0].default
        if default is None:
            continue
        if getattr(default, "is_scalar", False):
            setattr(obj, attr.key, default.arg)
        elif getattr(default, "is_callable", False):
            setattr(obj, attr.key, default.arg(None))


def _synced(obj: Any) -> bool:
    return getattr(type(obj), "__tablename__", None) in SYNC_REGISTRY


_PLAIN = frozenset({str, int, float, bool, type(None)})  # values to_jsonable returns unchanged


def insert_synced(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """Core insert of new rows of a synced table plus the outbox rows the flush hook would have
    written for them (none in a session applying pulled changes). For bulk paths (imports) where
    the ORM unit of work costs too much per row; rows must carry every column value."""
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
                "idempotency_key": new_id(),
                "entity": model.__tablename__,
                "entity_id": r["id"],
                "member_id": r.get(member_col) if member_col else None,
                "op": "insert",
                "fields": {k: v if type(v) in _PLAIN else to_jsonable(v) for k, v in r.items() if k not in SKIP},
                "base": {},
                "base_version": r.get("version") or 0,
                "hlc": info["hlc"].now(),
                "operator_id": info.get("actor_id"),
                "created_at": created,
            }
            for r in rows
        ],
    )


def install(session_class: type[Session] = Session) -> None:
    """Attach the hook (idempotent)."""
    if not event.contains(session_class, "before_flush", _collect):
        event.listen(session_class, "before_flush", _collect)
