"""The sync outbox: every change to a synced table appends a row in the same transaction.

A `before_flush` hook on write sessions turns each new, changed or deleted synced object into an
`OutboxRow` (sync.md "Identity and ordering"): entity, id, op, the changed fields' new values,
their base (old) values, the row's base version, a hybrid-logical-clock stamp and the operator.
Sessions that apply pulled changes set `session.info["sync_apply"] = True` and write no outbox
rows. Services therefore never write outbox rows by hand.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import Connection, Dialect, Table, event, inspect
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
    the ORM unit of work costs too much per row; rows must carry every column value.

    The rows go to the driver as plain tuples in one executemany per table, each value converted
    by its column type's own bind processor (so the stored values are those of a Core insert);
    the outbox payloads are serialised with orjson (compact UTF-8 JSON: the same values once
    read back, what the sync reader and the server accept)."""
    if not rows:
        return
    connection = session.connection()
    _executemany(connection, model.__table__, rows)
    info = session.info
    if info.get("sync_apply") or "hlc" not in info:
        return
    member_col = getattr(model, "__member_column__", None)
    created = info["now"]()
    hlc = info["hlc"]
    operator = info.get("actor_id")
    jsonable = _Jsonable()
    _executemany(
        connection,
        OutboxRow.__table__,
        [
            {
                "idempotency_key": new_id(), "entity": model.__tablename__, "entity_id": r["id"],
                "member_id": r.get(member_col) if member_col else None, "op": "insert",
                "fields": _Json(jsonable.payload(r)), "base": _EMPTY, "base_version": r.get("version") or 0,
                "hlc": hlc.now(), "operator_id": operator, "created_at": created,
            }
            for r in rows
        ],
    )  # fmt: skip


class _Json(str):
    """JSON text already serialised: stored as is, not through the column's JSON serialiser."""

    __slots__ = ()


_EMPTY = _Json("{}")


class _Jsonable:
    """`to_jsonable` for the columns of many rows, with the conversion of repeated timestamps and
    dates (every row of a bulk insert carries the action's time) done once."""

    def __init__(self) -> None:
        self.memo: dict[Any, Any] = {}

    def value(self, v: Any) -> Any:
        kind = type(v)
        if kind in _PLAIN:
            return v
        if kind is datetime or kind is date:
            out = self.memo.get(v)
            if out is None:
                out = self.memo[v] = to_jsonable(v)
            return out
        if kind is bytes:
            return v.hex()
        if kind is list and all(type(x) is str for x in v):
            return v  # tags, codes: to_jsonable would copy them unchanged
        return to_jsonable(v)

    def payload(self, row: dict[str, Any]) -> str:
        value = self.value
        return orjson.dumps({k: value(v) for k, v in row.items() if k not in SKIP}).decode("utf-8")


@functools.lru_cache(maxsize=64)
def _insert_plan(table: Table, dialect: Dialect, keys: tuple[str, ...]) -> tuple[str, tuple[Any, ...]]:
    """The INSERT text for `keys` of `table` and each column's bind processor (None: as is)."""
    prep = dialect.identifier_preparer
    columns = [table.c[k] for k in keys]
    names = ", ".join(prep.format_column(c) for c in columns)
    sql = f"INSERT INTO {prep.format_table(table)} ({names}) VALUES ({', '.join('?' * len(columns))})"
    return sql, tuple(c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns)


def _insert_keys(table: Table, first: dict[str, Any]) -> tuple[str, ...] | None:
    """The columns to insert, in table order, or None when a row leaves out a column that has a
    Python-side default (the Core insert fills those in); None too when the driver is not qmark-style."""
    keys: list[str] = []
    for c in table.columns:
        if c.key in first:
            keys.append(c.key)
        elif c.default is not None:
            return None
    return tuple(keys)


def _executemany(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """One executemany of plain tuples (see insert_synced); the Core insert when the fast form
    does not apply."""
    keys = _insert_keys(table, rows[0])
    if keys is None or connection.dialect.paramstyle != "qmark":
        connection.execute(table.insert(), [{k: orjson.loads(v) if isinstance(v, _Json) else v for k, v in r.items()}
                                            for r in rows])  # fmt: skip
        return
    sql, processors = _insert_plan(table, connection.dialect, keys)
    memo: list[dict[Any, Any]] = [{} for _ in keys]
    converters = [(i, p, memo[i]) for i, p in enumerate(processors) if p is not None]
    params = []
    for r in rows:
        values = [r[k] for k in keys]
        for i, process, seen in converters:
            v = values[i]
            if isinstance(v, _Json):
                values[i] = str(v)
            elif type(v) is datetime or type(v) is date:
                out = seen.get(v)
                values[i] = out if out is not None else seen.setdefault(v, process(v))
            else:
                values[i] = process(v)
        params.append(tuple(values))
    connection.exec_driver_sql(sql, params)


def install(session_class: type[Session] = Session) -> None:
    """Attach the hook (idempotent)."""
    if not event.contains(session_class, "before_flush", _collect):
        event.listen(session_class, "before_flush", _collect)
