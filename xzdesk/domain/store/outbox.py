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
from xzdesk.domain.store.ids import new_id, new_ids
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


def insert_synced(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """Core insert of new rows of a synced table plus the outbox rows the flush hook would have
    written for them (none in a session applying pulled changes). For bulk paths (imports) where
    the ORM unit of work costs too much per row; rows must carry every column value.

    The rows go to the driver as plain tuples, one executemany per table, each value converted
    by its column type's own bind processor (the stored values are those of a Core insert); the
    outbox payloads are built once per row and serialised with orjson (compact UTF-8 JSON: the
    same values once read back, which is what the sync reader and the server see)."""
    if not rows:
        return
    connection = session.connection()
    _executemany(connection, model.__table__, rows)
    info = session.info
    if info.get("sync_apply") or "hlc" not in info:
        return
    member_col = getattr(model, "__member_column__", None)
    hlc = info["hlc"]
    jsonable = _Jsonable()
    now = info["now"]()
    entity, operator = model.__tablename__, info.get("actor_id")
    params = [
        (key, entity, r["id"], r.get(member_col) if member_col else None, "insert", jsonable.payload(r), "{}",
         r.get("version") or 0, hlc.now(), operator, now)
        for r, key in zip(rows, new_ids(len(rows)), strict=True)
    ]  # fmt: skip
    table = OutboxRow.__table__
    if not _plain_tuples(connection):  # the payloads as values, through the Core insert
        connection.execute(table.insert(), [{**dict(zip(_OUTBOX_KEYS, p, strict=True)), "fields": orjson.loads(p[5]),
                                             "base": {}} for p in params])  # fmt: skip
        return
    sql, processors = insert_plan(table, connection.dialect, _OUTBOX_KEYS)
    created = processors[-1](now)
    connection.exec_driver_sql(sql, [(*p[:-1], created) for p in params])


def insert_unsynced(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """New rows written as insert_synced writes them, without outbox rows: data that never
    travels (synthetic members seeded for a demo or a benchmark)."""
    if rows:
        _executemany(session.connection(), model.__table__, rows)


# The outbox columns insert_synced fills, in its tuples' order (created_at last).
_OUTBOX_KEYS = ("idempotency_key", "entity", "entity_id", "member_id", "op", "fields", "base", "base_version", "hlc",
                "operator_id", "created_at")  # fmt: skip


class _Jsonable:
    """`to_jsonable` and JSON text for the rows of a bulk insert in one orjson call per row: the
    values orjson writes natively (str, int, bool, None, lists and dicts of them) are the values
    `to_jsonable` returns unchanged; the others (timestamps, dates, bytes...) go through
    `to_jsonable`, repeated timestamps and dates (every row carries the action's time) once."""

    OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME  # datetimes through to_jsonable (UTC, isoformat)

    def __init__(self) -> None:
        self.memo: dict[Any, Any] = {}

    def default(self, v: Any) -> Any:
        kind = type(v)
        if kind is datetime or kind is date:
            out = self.memo.get(v)
            if out is None:
                out = self.memo[v] = to_jsonable(v)
            return out
        out = to_jsonable(v)
        if out is v:
            raise TypeError(f"not JSON: {kind.__name__}")
        return out

    def payload(self, row: dict[str, Any]) -> str:
        fields = dict(row)
        for key in SKIP:
            fields.pop(key, None)
        return orjson.dumps(fields, default=self.default, option=self.OPTIONS).decode("utf-8")


def _plain_tuples(connection: Connection) -> bool:
    """Whether the driver takes the `?` placeholders of insert_plan's statements (SQLite)."""
    return connection.dialect.paramstyle == "qmark"


@functools.lru_cache(maxsize=64)
def insert_plan(table: Table, dialect: Dialect, keys: tuple[str, ...]) -> tuple[str, tuple[Any, ...]]:
    """The INSERT text for `keys` of `table` and each column's bind processor (None: as is)."""
    prep = dialect.identifier_preparer
    columns = [table.c[k] for k in keys]
    names = ", ".join(prep.format_column(c) for c in columns)
    sql = f"INSERT INTO {prep.format_table(table)} ({names}) VALUES ({', '.join('?' * len(columns))})"
    return sql, tuple(c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns)


def _insert_keys(table: Table, first: dict[str, Any]) -> tuple[str, ...] | None:
    """The columns to insert, in table order, or None when a row leaves out a column that has a
    Python-side default (the Core insert fills those in)."""
    keys: list[str] = []
    for c in table.columns:
        if c.key in first:
            keys.append(c.key)
        elif c.default is not None:
            return None
    return tuple(keys)


_MEMO = frozenset({datetime, date, bool, type(None)})  # hashable values that repeat down a column
_MISSING = object()


def _converted(values: list[Any], process: Any) -> list[Any]:
    """One column's values through its bind processor, each repeated value once: timestamps,
    dates, flags, empty containers, lists of tags or field names."""
    seen: dict[Any, Any] = {}
    out = []
    for v in values:
        kind = type(v)
        if kind in _MEMO:
            key = v
        elif kind is list and all(type(x) is str for x in v):
            key = (list, *v)
        elif kind is dict and not v:
            key = dict
        else:
            out.append(process(v))
            continue
        done = seen.get(key, _MISSING)
        out.append(seen.setdefault(key, process(v)) if done is _MISSING else done)
    return out


def _executemany(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """One executemany of plain tuples, converted column by column (see insert_synced); the Core
    insert when a row leaves a defaulted column out or the driver is not qmark-style."""
    keys = _insert_keys(table, rows[0])
    if keys is None or not _plain_tuples(connection):
        connection.execute(table.insert(), rows)
        return
    sql, processors = insert_plan(table, connection.dialect, keys)
    columns = [[r[k] for r in rows] for k in keys]
    for i, process in enumerate(processors):
        if process is not None:
            columns[i] = _converted(columns[i], process)
    connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def install(session_class: type[Session] = Session) -> None:
    """Attach the hook (idempotent)."""
    if not event.contains(session_class, "before_flush", _collect):
        event.listen(session_class, "before_flush", _collect)
