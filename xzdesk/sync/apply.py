"""Applying pulled changes and push results to the local database.

Contracts (sync.md "Pull" and "Push"):
- A page and its cursor are written in ONE transaction (the caller's session, BEGIN IMMEDIATE,
  `sync_apply` so no outbox rows are written; a bootstrap puts several whole pages in one, see
  engine.py `_PageWrites`); applying a page twice is harmless.
- A pulled value never overwrites a field this laptop changed and has not had acknowledged:
  fields named in pending outbox rows keep their local value (a pending insert or delete keeps
  the whole row).
- Rows of members erased here are never written again.
- Outbox rows are deleted only when the push response lists their seq.
- A removal with `merged_into` (a duplicate merged by natural key) re-points the local rows that
  referred to the duplicate (xzdesk.sync.repoint).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Integer,
    LargeBinary,
    String,
    Text,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from xzdesk.domain.store.base import UtcDateTime
from xzdesk.domain.store.models import LocalMeta, OutboxRow, put_meta
from xzdesk.domain.store.sync_state import (
    ERASING_KEY,
    ErasureOrigin,
    SyncConflict,
    SyncErasure,
    SyncRejected,
    SyncResolution,
    erased_member_ids,
    purge_member_rows,
)
from xzdesk.sync import protocol as p
from xzdesk.sync.merge import pulled_row
from xzdesk.sync.registry import EntitySpec, all_specs, entity_spec
from xzdesk.sync.repoint import repoint_local

log = logging.getLogger(__name__)
ALL = "*"
CURSOR_KEY = "sync_cursor"
UNKNOWN_KEY = "sync_unknown_entities"  # entities a newer server sent that this version lacked


@dataclass
class PageReport:
    upserts: int = 0
    removals: int = 0
    purged: list[str] = field(default_factory=list)
    kept_local: int = 0  # rows whose pending local edits were kept
    skipped: int = 0  # unknown entities or erased members
    repointed: int = 0  # local rows that followed a duplicate merged into another row
    unknown_entities: set[str] = field(default_factory=set)


def _aware(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# JSON -> Python per column kind: the inverse of `to_jsonable` (same as `from_jsonable`, without
# its per-call type dispatch, which shows in a 100k-row first pull)
_KIND_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "datetime": _aware,
    "date": date.fromisoformat,
    "bytes": bytes.fromhex,
}


def _converters(spec: EntitySpec) -> dict[str, Callable[[Any], Any]]:
    return {name: _KIND_CONVERTERS[col.kind] for name, col in spec.columns.items() if col.kind in _KIND_CONVERTERS}


_CONVERTERS: dict[str, dict[str, Callable[[Any], Any]]] = {}


def to_python(spec: EntitySpec, values: dict[str, Any]) -> dict[str, Any]:
    """JSON field values -> Python values for this entity's columns (unknown keys dropped)."""
    conv = _CONVERTERS.get(spec.name)
    if conv is None:
        conv = _CONVERTERS[spec.name] = _converters(spec)
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in spec.columns:
            continue
        fn = conv.get(key)
        out[key] = fn(value) if fn is not None and value is not None else value
    return out


def _utc_storage(value: str) -> str:
    """Wire datetime (ISO 8601, any offset; naive means UTC) -> what UtcDateTime stores in SQLite:
    naive UTC as 'YYYY-MM-DD HH:MM:SS.ffffff' (SQLAlchemy's DATETIME storage format)."""
    parsed = datetime.fromisoformat(value)  # also the check that it is a datetime at all
    if value.endswith("+00:00") and value[10] == "T":  # what the server sends: cut, not formatted
        if len(value) == 32 and value[19] == ".":
            return f"{value[:10]} {value[11:26]}"
        if len(value) == 25:
            return f"{value[:10]} {value[11:19]}.000000"
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed.isoformat(" ", "microseconds")


def _date_storage(value: str) -> str:
    return date.fromisoformat(value).isoformat()  # 'YYYY-MM-DD', SQLAlchemy's DATE storage format


_BOOL_STORAGE = {True: 1, False: 0}  # Boolean on a dialect without native booleans (1 and 0 match too)

# Wire JSON -> the value SQLAlchemy would hand SQLite, for the column types whose storage format
# is known; any other type goes through to_python and SQLAlchemy's own bind processor.
_STORAGE: tuple[tuple[type, Callable[[Any], Any]], ...] = (
    (UtcDateTime, _utc_storage),
    (Date, _date_storage),
    (Boolean, _BOOL_STORAGE.__getitem__),
    (LargeBinary, bytes.fromhex),  # a BLOB either way (SQLAlchemy hands the driver a memoryview)
)
_AS_IS = (String, Text, Integer)  # stored as the wire has them (no bind processor on SQLite)


def _storage_converter(column: Any, to_py: Callable[[Any], Any] | None, dialect: Any) -> Callable[[Any], Any] | None:
    """How a non-null wire value of `column` becomes its stored value (None: as it is)."""
    if dialect.name == "sqlite":
        for kind, direct in _STORAGE:
            if type(column.type) is kind:
                return direct
        if type(column.type) in _AS_IS:
            return None
    bind = column.type.dialect_impl(dialect).bind_processor(dialect)
    if to_py is None:
        return bind
    if bind is None:
        return to_py
    return lambda value: bind(to_py(value))


_PLANS: dict[tuple[str, str], tuple[str, list[tuple[str, Callable[[Any], Any] | None]]]] = {}


def _insert_plan(spec: EntitySpec, dialect: Any) -> tuple[str, list[tuple[str, Callable[[Any], Any] | None]]]:
    """The INSERT statement of an entity and, per parameter in order, the converter from the wire
    value to the stored one: exactly what the ORM would store (tests/sync/test_bootstrap.py),
    without SQLAlchemy's per-value bind processing (a first pull stores millions of values)."""
    key = (spec.name, dialect.name)
    plan = _PLANS.get(key)
    if plan is not None:
        return plan
    table = spec.model.__table__  # type: ignore[attr-defined]
    names = [*spec.columns, "version"]
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    order = list(compiled.positiontup or names)
    conv = _CONVERTERS.get(spec.name) or _converters(spec)
    steps = [(name, _storage_converter(table.c[name], conv.get(name), dialect)) for name in order]
    plan = _PLANS[key] = (str(compiled), steps)
    return plan


def bulk_insert(session: Session, spec: EntitySpec, rows: list[dict[str, Any]], versions: list[int]) -> None:
    """Insert pulled rows (their JSON `fields`, and each one's version) with one executemany,
    skipping the ORM's per-row statement building (a first pull inserts hundreds of thousands of
    rows). The fields are read where they are: no row is copied to add its version."""
    conn = session.connection()
    sql, steps = _insert_plan(spec, conn.dialect)
    columns: list[list[Any]] = []
    for name, fn in steps:  # column by column: one converter, one tight loop
        values = versions if name == "version" else [row.get(name) for row in rows]
        columns.append(values if fn is None else [None if v is None else fn(v) for v in values])
    conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def pending_fields(session: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], set[str]]:
    """Fields with unacknowledged local edits, per (entity, id); ALL for a pending insert/delete."""
    wanted = set(keys)
    out: dict[tuple[str, str], set[str]] = {}
    if not wanted:
        return out
    if session.execute(select(OutboxRow.seq).limit(1)).first() is None:
        return out
    ids = sorted({i for _, i in wanted})
    for start in range(0, len(ids), 900):
        rows = session.execute(
            select(OutboxRow.entity, OutboxRow.entity_id, OutboxRow.op, OutboxRow.fields)
            .where(OutboxRow.entity_id.in_(ids[start : start + 900]))
        )  # fmt: skip
        for entity, eid, op, fields in rows:
            if (entity, eid) not in wanted:
                continue
            slot = out.setdefault((entity, eid), set())
            if op in ("insert", "delete"):
                slot.add(ALL)
            else:
                slot.update(fields or {})
    return out


def apply_page(
    session: Session, page: p.PullOut, *, now: datetime, fresh: Collection[str] = frozenset()
) -> PageReport:
    """Apply one pulled page and store its cursor, inside the caller's transaction.

    `fresh`: entities whose tables were empty when this bootstrap began (`empty_entities`). Their
    rows are inserted straight away, without looking for them first; should one exist after all
    (a row pulled twice, or made here since), the insert fails as a whole and the entity's rows
    of this page take the ordinary path, so the result is the same either way."""
    report = PageReport()
    erased = erased_member_ids(session)
    # the last change of a row in this page wins (removals sort before upserts within one seq)
    final: dict[tuple[str, str], p.ChangeOut] = {}
    ordered: list[tuple[str, Any]] = []
    for change in page.changes:
        if change.kind == "purge":
            ordered.append(("purge", change))
            continue
        if not change.entity or not change.id:
            continue
        key = (change.entity, change.id)
        if key not in final:
            ordered.append(("row", key))
        final[key] = change
    pending = pending_fields(session, [k for kind, k in ordered if kind == "row"])
    by_entity: dict[str, list[p.ChangeOut]] = {}
    for kind, item in ordered:
        if kind == "purge":
            if item.member_id:
                purge_member_rows(session, item.member_id, origin=ErasureOrigin.SERVER, now=now)
                erased.add(item.member_id)
                report.purged.append(item.member_id)
            continue
        change = final[item]
        by_entity.setdefault(change.entity or "", []).append(change)
    for name, changes in by_entity.items():
        spec = entity_spec(name)
        if spec is None:
            report.skipped += len(changes)
            report.unknown_entities.add(name)
            log.warning("pulled rows of unknown entity %s skipped", name)
            continue
        if not (name in fresh and _insert_fresh(session, spec, changes, pending, erased, report)):
            _apply_entity(session, spec, changes, pending, erased, report)
    merges = [(c.entity, c.id, c.merged_into) for c in final.values()
              if c.kind == "remove" and c.entity and c.id and c.merged_into]  # fmt: skip
    if merges:
        report.repointed = repoint_local(session, merges)
    if report.unknown_entities:  # remembered: once this laptop knows them, it bootstraps again
        known = session.get(LocalMeta, UNKNOWN_KEY)
        names = set(known.value.split(",")) if known and known.value else set()
        session.merge(LocalMeta(key=UNKNOWN_KEY, value=",".join(sorted(names | report.unknown_entities))))
    put_meta(session, {CURSOR_KEY: page.cursor})
    if page.conflicts is not None:
        replace_conflicts(session, page.conflicts)
    return report


@dataclass
class _Writes:
    """What one page does to one entity's table, written in bulk at the end."""

    updates: dict[tuple[str, ...], list[dict[str, Any]]] = field(default_factory=dict)  # by changed columns
    inserts: list[dict[str, Any]] = field(default_factory=list)  # the pulled fields of new rows
    versions: list[int] = field(default_factory=list)  # and their versions
    removals: list[str] = field(default_factory=list)


def _apply_entity(
    session: Session, spec: EntitySpec, changes: list[p.ChangeOut], pending: dict[tuple[str, str], set[str]],
    erased: set[str], report: PageReport,
) -> None:  # fmt: skip
    table = spec.model.__table__  # type: ignore[attr-defined]
    ids = [c.id for c in changes if c.id]
    current: dict[str, dict[str, Any]] = {}
    if spec.local_append_only:  # only whether each row is here
        existing: set[str] = set()
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            existing.update(session.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars())
    else:  # the rows here, read once: which exist and what they hold
        current = _current_rows(session, spec, ids)
        existing = set(current)
    writes = _Writes()
    for change in changes:
        assert change.id is not None
        mine = pending.get((spec.name, change.id), set())
        if change.kind == "remove":
            if change.id in existing:
                writes.removals.append(change.id)
        elif _of_erased_member(spec, change, erased):
            report.skipped += 1
        elif ALL in mine:
            report.kept_local += 1
        elif change.id not in existing:
            writes.inserts.append(change.fields or {})
            writes.versions.append(change.version)
        elif not spec.local_append_only:  # immutable locally (triggers refuse UPDATE); nothing changed
            _plan_update(spec, change, mine, current.get(change.id, {}), writes, report)
    _write(session, spec, table, writes, report)


def empty_entities(session: Session) -> frozenset[str]:
    """Entities whose local table holds no row (checked when a bootstrap begins)."""
    empty = set()
    for spec in all_specs():
        table = spec.model.__table__  # type: ignore[attr-defined]
        if session.execute(select(table.c.id).limit(1)).first() is None:
            empty.add(spec.name)
    return frozenset(empty)


def _insert_fresh(
    session: Session, spec: EntitySpec, changes: list[p.ChangeOut], pending: dict[tuple[str, str], set[str]],
    erased: set[str], report: PageReport,
) -> bool:  # fmt: skip
    """The rows of a table that was empty when the bootstrap began, inserted without looking for
    them first (what `_apply_entity` does when none of them exists). False, with nothing written
    or counted, when a removal is among them or one of them exists after all."""
    if any(c.kind == "remove" for c in changes):
        return False
    inserts: list[dict[str, Any]] = []
    versions: list[int] = []
    skipped = kept = 0
    for change in changes:
        if erased and _of_erased_member(spec, change, erased):
            skipped += 1
        elif ALL in pending.get((spec.name, change.id or ""), ()):
            kept += 1
        else:
            inserts.append(change.fields or {})
            versions.append(change.version)
    if inserts:
        try:
            with session.begin_nested():
                bulk_insert(session, spec, inserts, versions)
        except IntegrityError:  # a row of this page is there already: the ordinary path decides
            return False
    report.upserts += len(inserts)
    report.skipped += skipped
    report.kept_local += kept
    return True


def _of_erased_member(spec: EntitySpec, change: p.ChangeOut, erased: set[str]) -> bool:
    """A pulled row of a member erased here is never written again (audit entries excepted)."""
    values = change.fields or {}
    members = {values.get(c) for c in (spec.member_column, *spec.member_refs) if c}
    if spec.is_member_root:
        members.add(change.id)
    return bool(members & erased) and not spec.keep_on_erasure


def _plan_update(
    spec: EntitySpec, change: p.ChangeOut, mine: set[str], local: dict[str, Any], writes: _Writes,
    report: PageReport,
) -> None:  # fmt: skip
    if mine:
        report.kept_local += 1
    row = pulled_row(to_python(spec, change.fields or {}), mine)
    row.pop("id", None)
    row["version"] = change.version
    # write only what differs: unchanged indexed columns then cost no index maintenance
    changed = {k: v for k, v in row.items() if k not in local or local[k] != v}
    if changed:
        writes.updates.setdefault(tuple(sorted(changed)), []).append({**changed, "_xz_id": change.id})
        report.upserts += 1


def _write(session: Session, spec: EntitySpec, table: Any, writes: _Writes, report: PageReport) -> None:
    for columns, rows in writes.updates.items():
        stmt = update(table).where(table.c.id == bindparam("_xz_id")).values({c: bindparam(c) for c in columns})
        session.connection().execute(stmt, rows)
    if writes.inserts:
        bulk_insert(session, spec, writes.inserts, writes.versions)
        report.upserts += len(writes.inserts)
    if writes.removals:
        put_meta(session, {ERASING_KEY: "1"})
        for start in range(0, len(writes.removals), 900):
            chunk = writes.removals[start : start + 900]
            if spec.keep_on_erasure:
                continue
            session.execute(delete(table).where(table.c.id.in_(chunk)))
        session.execute(delete(LocalMeta).where(LocalMeta.key == ERASING_KEY))
        report.removals += len(writes.removals)


def _current_rows(session: Session, spec: EntitySpec, ids: list[str]) -> dict[str, dict[str, Any]]:
    table = spec.model.__table__  # type: ignore[attr-defined]
    cols = [table.c[name] for name in (*spec.columns, "version")]
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 900):
        rows = session.connection().execute(select(*cols).where(table.c.id.in_(ids[start : start + 900])))
        for row in rows.mappings():
            out[row["id"]] = dict(row)
    return out


def replace_conflicts(session: Session, conflicts: list[p.ConflictOut]) -> None:
    """The server's list of open conflicts in scope replaces the local copy; local
    resolutions the server already applied are dropped."""
    erased = erased_member_ids(session)
    session.execute(delete(SyncConflict))
    open_ids = set()
    for c in conflicts:
        if c.member_id in erased:
            continue
        open_ids.add(c.id)
        session.add(SyncConflict(
            id=c.id, kind=c.kind, entity=c.entity, entity_id=c.entity_id, member_id=c.member_id, field=c.field,
            base=c.base, theirs=c.theirs, mine=c.mine, other_id=c.other_id, device_id=c.device_id,
            operator_id=c.operator_id, client_time=c.client_time, clock_flagged=c.clock_flagged,
            created_at=c.created_at,
            parties={side: party.model_dump(mode="json") if party else None
                     for side, party in (("mine", c.mine_by), ("theirs", c.theirs_by))},
        ))  # fmt: skip
    stale = [r for r in session.execute(select(SyncResolution.conflict_id)).scalars() if r not in open_ids]
    if stale:
        session.execute(delete(SyncResolution).where(SyncResolution.conflict_id.in_(stale)))


def outbox_to_mutations(rows: Sequence[Any]) -> list[p.MutationIn]:
    """Outbox rows (read from its table, or its ORM objects) as the push sends them."""
    return [
        p.MutationIn(
            seq=r.seq, idempotency_key=r.idempotency_key, entity=r.entity, entity_id=r.entity_id,
            member_id=r.member_id, op=r.op, fields=r.fields or {}, base=r.base or {}, base_version=r.base_version,
            hlc=r.hlc, operator_id=r.operator_id, created_at=r.created_at.isoformat(),
        )  # fmt: skip
        for r in rows
    ]


def take_echo_versions(session: Session, echoes: list[tuple[p.MutationIn, p.MutationResult]]) -> int:
    """Rows the server stored exactly as this laptop holds them (`MutationResult.echo`): its pull
    leaves them out, so the row takes the server's version here, as the pull would have set it
    (never backwards: a later pull may have set a newer one). Rows immutable here (append-only
    entities refuse UPDATE) keep theirs, as a pull would leave them. Returns rows updated."""
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for sent, res in echoes:
        spec = entity_spec(sent.entity)
        if spec is None or spec.local_append_only or sent.op == "delete" or res.version is None:
            continue
        by_entity.setdefault(spec.name, []).append({"_xz_id": sent.entity_id, "_xz_version": res.version})
    updated = 0
    for name, rows in by_entity.items():
        table = entity_spec(name).model.__table__  # type: ignore[union-attr]
        stmt = (update(table).where(table.c.id == bindparam("_xz_id"), table.c.version < bindparam("_xz_version"))
                .values(version=bindparam("_xz_version")))  # fmt: skip
        updated += session.connection().execute(stmt, rows).rowcount or 0
    return updated


def apply_push_result(
    session: Session, *, sent: list[p.MutationIn], resolutions: list[str], erasures: list[str], result: p.PushOut,
    now: datetime,
) -> tuple[int, int]:  # fmt: skip
    """Delete acknowledged outbox rows (only seqs that were sent AND are listed), keep rejected
    ones in the inbox, forget sent resolutions, mark local erasures as reported. Returns
    (acknowledged, rejected)."""
    sent_by_seq = {r.seq: r for r in sent}
    acked = [s for s in result.acked if s in sent_by_seq]
    rejected = 0
    for res in result.results:
        row = sent_by_seq.get(res.seq)
        if row is None or res.status != "rejected" or res.seq not in acked:
            continue
        rejected += 1
        session.add(SyncRejected(
            seq=row.seq, entity=row.entity, entity_id=row.entity_id, member_id=row.member_id, op=row.op,
            code=res.code or "sync.rejected", params=res.params, field_names=sorted(row.fields or {}),
            operator_id=row.operator_id, created_at=_parse_time(row.created_at) or now, rejected_at=now,
            dismissed_at=None,
        ))  # fmt: skip
    for start in range(0, len(acked), 900):
        session.execute(delete(OutboxRow).where(OutboxRow.seq.in_(acked[start : start + 900])))
    take_echo_versions(session, [(sent_by_seq[r.seq], r) for r in result.results if r.echo and r.seq in acked])
    if resolutions:
        session.execute(delete(SyncResolution).where(SyncResolution.conflict_id.in_(resolutions)))
    refused = set(result.erasures_refused)
    for member_id in erasures:
        if member_id in refused:
            continue
        session.execute(update(SyncErasure).where(SyncErasure.member_id == member_id).values(reported_at=now))
    # Erased here before the server ever held them: their audit trail stays on this laptop only.
    never_held = sorted(set(result.erasures_unknown) & set(erasures))
    for start in range(0, len(never_held), 500):
        session.execute(delete(OutboxRow).where(OutboxRow.member_id.in_(never_held[start : start + 500])))
    return len(acked), rejected


def _parse_time(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
