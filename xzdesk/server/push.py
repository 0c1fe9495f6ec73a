"""Applying a device's pushed mutations (sync.md "Push"), generic over entities.

One push = one transaction: it takes the `server_seq` counter lock first (pushes are serialised,
per device and globally), replays stored results for seqs already applied with the same
fingerprint, refuses the whole batch when a seq or idempotency key comes back with a different
payload, and writes records, lookup keys, conflicts, rejected entries and the applied-mutation
records together.

The merge rules (what each merge class does with an insert, update or delete, conflicts, state
transitions, natural keys) are pure functions in xzdesk/sync/merge.py; this module loads the
row, asks them, and stores the answer: records, lookup keys, scopes, conflicts.

Client clocks (HLC) are recorded for display, never used to order; a stamp far in the future
is flagged.

How a batch reaches the database: every row it names is read first, one query per entity; the
rows and lookup keys it creates are collected and written with one INSERT per table just before
the session's next statement or flush (`_writes_pending`), so a later read, change or key
deletion in the same batch finds them stored; the changed rows are flushed by the ORM; the
applied-mutation rows go in one INSERT. The pending INSERTs are written on the session's events
(`do_orm_execute`, `before_flush`): a statement run on `session.connection()` directly does not
fire them, so code here that reads through the connection calls `ctx.write_new()` first.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, event, select, union_all, update
from sqlalchemy.orm import Session

from xzdesk.domain.staff.codes import ROLE_PERMISSIONS
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.store.jsontext import canonical
from xzdesk.server import auth
from xzdesk.server.aliases import resolve_refs
from xzdesk.server.db import next_seq
from xzdesk.server.erasure import erase_member, erased_among
from xzdesk.server.event_checks import run_event_checks
from xzdesk.server.models import (
    AppliedMutation,
    Conflict,
    Device,
    Record,
    RecordKey,
    Rejected,
    Tombstone,
    User,
)
from xzdesk.server.scope_checks import erasure_verdict, hidden_from
from xzdesk.sync.merge import (
    Edit,
    Insert,
    Rejection,
    ServerRow,
    UpdateMerge,
    Write,
    archive_edit,
    fields_problem,
    insert_rule,
    mark_duplicate,
    merge_update,
    natural_key_conflict,
    update_problem,
    write_rule,
)
from xzdesk.sync.protocol import MutationIn, MutationResult, PushIn, PushOut
from xzdesk.sync.registry import (
    EntitySpec,
    RecordScope,
    ScopeContext,
    all_specs,
    entity_spec,
    is_uuid,
    member_ids_in,
    reference_columns,
)

log = logging.getLogger(__name__)
CHUNK = 500  # ids per IN (...) list


class PushRefused(Exception):
    """The whole batch is refused (nothing applied): a reused seq or key with another payload."""

    def __init__(self, code: str, seq: int) -> None:
        super().__init__(code)
        self.code = code
        self.seq = seq


class Reject(Exception):
    """This mutation is rejected for good (acknowledged and kept in the rejected inbox).
    Contract: raised only before the mutation has written anything."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def fingerprint(m: MutationIn) -> str:
    return hashlib.sha256(canonical(m.model_dump(mode="json")).encode("utf-8")).hexdigest()


def key_value(value: Any) -> str:
    if isinstance(value, str) and len(value) <= 100:
        return value
    return "h:" + hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def record_keys(spec: EntitySpec, values: dict[str, Any], *, live: bool = True) -> set[tuple[str, str]]:
    """Lookup keys of a row: unique columns, natural key, lookup columns, member references."""
    keys: set[tuple[str, str]] = set()
    for col in spec.member_refs:
        if isinstance(values.get(col), str):
            keys.add(("mref", values[col]))
    if not live:
        return keys
    for col in spec.unique_columns:
        if values.get(col) is not None:
            keys.add((f"uq:{col}", key_value(values[col])))
    for col in spec.lookup_columns:
        if values.get(col) is not None:
            keys.add((f"lk:{col}", key_value(values[col])))
    nk = natural_key(spec, values)
    if nk is not None:
        keys.add(("nk", nk))
    return keys


def _key_columns(spec: EntitySpec) -> frozenset[str]:
    """The columns `record_keys` reads: a merge that changes none of them keeps the row's keys."""
    archive = (spec.archive[0],) if spec.archive is not None else ()
    return frozenset((*spec.member_refs, *spec.unique_columns, *spec.lookup_columns, *spec.natural_key, *archive))


def natural_key(spec: EntitySpec, values: dict[str, Any]) -> str | None:
    if not spec.natural_key:
        return None
    if spec.archive is not None and values.get(spec.archive[0]) == spec.archive[1]:
        return None  # an archived case file is deleted as far as identity goes: the person may register anew
    parts = [values.get(c) for c in spec.natural_key]
    if any(p is None for p in parts):
        return None  # e.g. a scan of an unknown token: kept unresolved, never matched
    return key_value(parts)


def _parse_hlc_ms(stamp: str) -> int | None:
    try:
        return int(stamp.split("-", 1)[0])
    except (ValueError, AttributeError):
        return None


@dataclass
class PushContext:
    session: Session
    device: Device
    user: User
    now: datetime
    seq: int
    max_skew: timedelta
    erased: dict[str, bool] = field(default_factory=dict)
    root: EntitySpec | None = None
    conflicted: set[str] = field(default_factory=set)  # row ids of this batch with open conflicts
    # (entity, id) of rows the batch names that the server did not hold when the batch began;
    # a key leaves the set when this batch inserts that row
    absent: set[tuple[str, str]] = field(default_factory=set)
    # the stored rows read in this push, by (entity, id): strong references (the session's identity
    # map is weak) and a lookup without the session's machinery
    rows: dict[tuple[str, str], Record] = field(default_factory=dict)
    # rows and lookup keys this batch creates, not yet written (see `write_new`): inserted rows by
    # (entity, id) as the column values written
    new_rows: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    unwritten_rows: list[dict[str, Any]] = field(default_factory=list)
    unwritten_keys: list[dict[str, str]] = field(default_factory=list)
    refused: dict[str, str | None] = field(default_factory=dict)  # `_ENTITY_CHECKS`' answer per entity
    memo: dict[tuple[str, str], Any] = field(default_factory=dict)  # see `per_entity`
    fingerprints: dict[int, str] = field(default_factory=dict)  # by device seq (one payload per seq)
    # echo candidates (see `_mark_echoes`): the mutation being applied, then the last mutation of
    # each row in this batch with the row's expected fields (None: the device's copy may differ)
    candidate: tuple[tuple[str, str], str] | None = None
    echoes: dict[tuple[str, str], tuple[dict[str, Any], MutationResult, str] | None] = field(
        default_factory=dict)  # fmt: skip
    # applied-mutation rows not yet written (one executemany: see `write_applied`), and the seqs written
    unwritten: list[dict[str, Any]] = field(default_factory=list)
    written: set[int] = field(default_factory=set)

    def write_applied(self) -> None:
        """Write the applied-mutation rows made so far, in one INSERT: before anything reads that
        table (a conflict's last writer, the event checks) and at the end of the batch."""
        if self.unwritten:
            rows, self.unwritten = self.unwritten, []
            self.session.execute(AppliedMutation.__table__.insert(), rows)
            self.written.update(row["seq"] for row in rows)

    def write_new(self) -> None:
        """Write the rows and lookup keys created so far, one executemany per table. Runs before
        every statement of the push's session and before its flushes (`_writes_pending`), so
        whatever reads or changes them next finds them stored, in the order they were made."""
        if not (self.unwritten_rows or self.unwritten_keys):
            return
        conn = self.session.connection()
        if self.unwritten_rows:
            rows, self.unwritten_rows = self.unwritten_rows, []
            conn.execute(Record.__table__.insert(), rows)
        if self.unwritten_keys:
            keys, self.unwritten_keys = self.unwritten_keys, []
            conn.execute(RecordKey.__table__.insert(), keys)

    def per_entity(self, fn: Callable[[EntitySpec], Any], spec: EntitySpec) -> Any:
        """`fn(spec)`, worked out once per entity in this push (the registry does not change
        during a push)."""
        key = (fn.__name__, spec.name)
        if key not in self.memo:
            self.memo[key] = fn(spec)
        return self.memo[key]

    def record(self, entity: str, entity_id: str) -> Record | None:
        """The stored row (entity, id): from the rows read in this push when it is among them
        (no query, no autoflush), else read now."""
        key = (entity, entity_id)
        if key in self.absent:
            return None
        rec = self.rows.get(key)
        if rec is None:
            rec = self.session.get(Record, key)
            if rec is not None:
                self.rows[key] = rec
        return rec

    def create(self, **values: Any) -> None:
        """A new row of this batch (every column of `Record` given): written by `write_new`."""
        key = (values["entity"], values["id"])
        self.new_rows[key] = values
        self.unwritten_rows.append(values)
        self.absent.discard(key)

    def add_keys(self, entity: str, record_id: str, keys: set[tuple[str, str]]) -> None:
        self.unwritten_keys.extend({"entity": entity, "name": name, "value": value, "record_id": record_id}
                                   for name, value in sorted(keys))  # fmt: skip

    def erased_any(self, ids: set[str]) -> bool:
        """True when any of these member ids is in the erasure registry (cached per push)."""
        unknown = {i for i in ids if i not in self.erased}
        if unknown:
            hits = erased_among(self.session, unknown)
            self.erased.update({i: i in hits for i in unknown})
        return any(self.erased[i] for i in ids)

    def member_scope(self, member_id: str | None) -> tuple[Record | None, RecordScope | None]:
        if not member_id or self.root is None:
            return None, None
        rec = self.record(self.root.name, member_id)
        if rec is None:
            return None, None
        return rec, RecordScope(rec.district, rec.event_id, rec.owner_device)

    def scope_ctx(self, member_scope: RecordScope | None) -> ScopeContext:
        return ScopeContext(member_scope, self.device.id, auth.single_district(self.device),
                            lookup_member=lambda member_id: self.member_scope(member_id)[1])  # fmt: skip


# --- the batch ----------------------------------------------------------------------------------
def push(
    session: Session, *, device: Device, user: User, body: PushIn, now: datetime, max_skew: timedelta
) -> PushOut:
    """Apply a batch inside the caller's transaction. Raises PushRefused (caller rolls back)."""
    seq = next_seq(session)
    session.execute(select(Device.id).where(Device.id == device.id).with_for_update())
    root = next((s for s in all_specs() if s.is_member_root), None)
    ctx = PushContext(session, device, user, now, seq, max_skew, root=root)
    mutations = sorted(body.mutations, key=lambda m: m.seq)
    referenced = {m.entity_id for m in mutations} | {m.member_id for m in mutations if m.member_id}
    for m in mutations:
        spec = entity_spec(m.entity)
        if spec is not None:
            referenced |= member_ids_in(spec, m.fields)
    ctx.erased_any({r for r in referenced if isinstance(r, str)})  # one query fills the cache
    ids = sorted({m.entity_id for m in mutations if m.op != "insert"})
    for start in range(0, len(ids), CHUNK):
        ctx.conflicted.update(session.execute(
            select(Conflict.entity_id).where(Conflict.status == "open", Conflict.entity_id.in_(ids[start : start + CHUNK]))
        ).scalars())  # fmt: skip
    stored = _check_replays(ctx, mutations)
    # Erasures first: the device already purged the member, so nothing in this batch may
    # recreate it, while its audit entries (kept on erasure) must still be accepted.
    refused: list[str] = []
    unknown: list[str] = []
    for member_id in body.erasures:
        verdict = erasure_verdict(session, device=device, user=user, member_id=member_id)
        if verdict in ("forbidden", "unknown"):
            (refused if verdict == "forbidden" else unknown).append(member_id)
            continue
        erase_member(session, member_id, now=now, requested_by=user.id, seq=seq)
        ctx.erased[member_id] = True
    with _writes_pending(ctx):
        results = _apply_batch(ctx, body, mutations, referenced, stored)
    return PushOut(acked=[r.seq for r in results], results=results, erasures_refused=refused,
                   erasures_unknown=unknown, server_time=now)  # fmt: skip


@contextmanager
def _writes_pending(ctx: PushContext) -> Iterator[None]:
    """While the batch is applied: the rows and keys it created are written before any statement
    or flush of the session (whatever reads or changes them finds them stored), and every stored
    row read is kept in `ctx.rows`. Everything is written when the batch ends."""
    session = ctx.session

    def before_statement(_state: Any) -> None:
        ctx.write_new()

    def before_flush(_session: Session, _flush_context: Any, _instances: Any) -> None:
        ctx.write_new()

    def loaded(_session: Session, instance: object) -> None:
        if isinstance(instance, Record):
            ctx.rows[(instance.entity, instance.id)] = instance

    hooks = (("do_orm_execute", before_statement), ("before_flush", before_flush), ("loaded_as_persistent", loaded))
    for name, fn in hooks:
        event.listen(session, name, fn)
    try:
        yield
        ctx.write_new()
    finally:
        for name, fn in hooks:
            event.remove(session, name, fn)


def _apply_batch(ctx: PushContext, body: PushIn, mutations: list[MutationIn], referenced: set[str],
                 stored: dict[int, Any]) -> list[MutationResult]:  # fmt: skip
    session, seq, now, device = ctx.session, ctx.seq, ctx.now, ctx.device
    _load_rows(ctx, mutations, referenced)
    results: list[MutationResult] = []
    done: dict[int, MutationResult] = {}
    for m in mutations:
        if m.seq in done:  # the same mutation twice in one batch
            results.append(done[m.seq])
            continue
        if m.seq in stored:
            result = MutationResult.model_validate_json(stored[m.seq].result)
            result.echo = stored[m.seq].echo
            ctx.echoes[(m.entity[:64], m.entity_id)] = None
            _touch(ctx, m.entity, result.merged_into or m.entity_id)
        else:
            result = _apply_one(ctx, m)
            # noop too: an update whose only changes lost (an older time in a max-merged field,
            # from a laptop whose clock is behind) leaves the laptop's older value in place unless
            # the row is served again
            if result.status in ("duplicate", "conflict", "rejected", "noop"):
                _touch(ctx, m.entity, result.merged_into or m.entity_id)
        done[m.seq] = result
        results.append(result)
    for conflict_id in body.resolutions:
        _resolve(ctx, conflict_id)
    ctx.write_applied()
    run_event_checks(session, mutations=mutations, seq=seq, now=now, device_id=device.id)
    _mark_echoes(ctx)
    return results


def _mark_echoes(ctx: PushContext) -> None:
    """After the whole batch: a row whose last mutation in it left the stored row exactly as the
    device holds it (same fields, the version it was told, nothing else wrote it since) is an
    echo: the device's pull need not send it back (`read_page(echo=True)`). Anything else that
    wrote the row (another mutation, a move, an event check) makes the comparison fail, and a
    later write gives the row a new `server_seq`, which no echo names."""
    flushed: list[int] = []
    for key, entry in ctx.echoes.items():
        if entry is None:
            continue
        applied, result, expected = entry
        rec = ctx.rows.get(key)  # read (and maybe changed) since, else as this batch inserted it
        row = ctx.new_rows.get(key) if rec is None else {
            "deleted": rec.deleted, "merged_into": rec.merged_into, "server_seq": rec.server_seq,
            "version": rec.version, "fields": rec.fields}  # fmt: skip
        if (row is not None and not row["deleted"] and not row["merged_into"] and row["server_seq"] == ctx.seq
                and row["version"] == result.version and row["fields"] == expected):  # fmt: skip
            result.echo = True
            if applied["seq"] in ctx.written:
                flushed.append(applied["seq"])
            else:
                applied["echo"] = True  # written with its INSERT
    ctx.write_applied()
    for start in range(0, len(flushed), CHUNK):  # one UPDATE for those written before the event checks
        ctx.session.execute(
            update(AppliedMutation).where(AppliedMutation.device_id == ctx.device.id,
                                          AppliedMutation.seq.in_(flushed[start : start + CHUNK]))
            .values(echo=True).execution_options(synchronize_session=False)
        )  # fmt: skip


def _touch(ctx: PushContext, entity: str, entity_id: str) -> None:
    """Serve a row again to every device in its scope (new server_seq, same version). Used when
    the pushing device may hold a value the server did not take: a conflict or a rejection left
    its local edit in place, or a replayed/duplicate insert met a pull that had kept the local
    row while the insert was unacknowledged. Re-pulling it makes the laptop equal the server."""
    rec = ctx.record(entity[:64], entity_id)
    if rec is None or rec.server_seq == ctx.seq:
        return
    if auth.can_see(ctx.device, RecordScope(rec.district, rec.event_id, rec.owner_device)):  # never another scope's rows
        rec.server_seq = ctx.seq


def _load_rows(ctx: PushContext, mutations: list[MutationIn], referenced: set[str]) -> None:
    """Read every row the batch names in one query per entity (its rows, their members, the rows
    their reference columns name, the rows those were merged into), so that applying the batch
    asks the database only about what it writes. Rows not found are remembered as absent."""
    wanted: dict[str, set[str]] = {}
    root = ctx.root.name if ctx.root is not None else None
    for m in mutations:
        wanted.setdefault(m.entity[:64], set()).add(m.entity_id)
        spec = entity_spec(m.entity)
        for column, target in ctx.per_entity(reference_columns, spec) if spec is not None else ():
            if isinstance(m.fields.get(column), str):
                wanted.setdefault(target, set()).add(m.fields[column])
    if root is not None:
        wanted.setdefault(root, set()).update(r for r in referenced if isinstance(r, str))
    merged: dict[str, set[str]] = {}
    for entity, ids in wanted.items():
        found = _read_records(ctx, entity, ids)
        ctx.absent.update((entity, i) for i in ids if i not in found)
        merged[entity] = {r.merged_into for r in found.values() if r.merged_into} - ids
    for entity, ids in merged.items():  # aliases: the rows they were merged into (one step)
        if ids:
            _read_records(ctx, entity, ids)


def _read_records(ctx: PushContext, entity: str, ids: set[str]) -> dict[str, Record]:
    found: dict[str, Record] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        query = select(Record).where(Record.entity == entity, Record.id.in_(ordered[start : start + CHUNK]))
        found.update((r.id, r) for r in ctx.session.execute(query).scalars())
    ctx.rows.update(((entity, i), r) for i, r in found.items())
    return found


_REPLAY_COLUMNS = (AppliedMutation.device_id, AppliedMutation.seq, AppliedMutation.idempotency_key,
                   AppliedMutation.fingerprint, AppliedMutation.result, AppliedMutation.echo)  # fmt: skip


def _check_replays(ctx: PushContext, mutations: list[MutationIn]) -> dict[int, Any]:
    """Stored results for seqs already applied; PushRefused when a seq or a key comes back with
    a different payload. Keeps each mutation's fingerprint in the context. One query: this
    device's rows of the batch's seqs and anyone's rows of its keys (each by its index)."""
    session, device = ctx.session, ctx.device
    if not mutations:
        return {}
    seqs = sorted({m.seq for m in mutations})
    keys = sorted({m.idempotency_key for m in mutations})
    rows = session.execute(union_all(
        select(*_REPLAY_COLUMNS).where(AppliedMutation.device_id == device.id, AppliedMutation.seq.in_(seqs)),
        select(*_REPLAY_COLUMNS).where(AppliedMutation.idempotency_key.in_(keys)),
    )).all()  # fmt: skip
    wanted = set(seqs)
    stored = {row.seq: row for row in rows if row.device_id == device.id and row.seq in wanted}
    by_key = {row.idempotency_key: row for row in rows}
    seen_seq: dict[int, str] = {}
    seen_key: dict[str, int] = {}
    for m in mutations:
        fp = fingerprint(m)
        ctx.fingerprints.setdefault(m.seq, fp)
        if seen_seq.get(m.seq, fp) != fp:
            raise PushRefused("sync.seq_reused", m.seq)
        if seen_key.get(m.idempotency_key, m.seq) != m.seq:
            raise PushRefused("sync.key_reused", m.seq)
        seen_seq[m.seq] = fp
        seen_key[m.idempotency_key] = m.seq
        row = stored.get(m.seq)
        if row is not None and row.fingerprint != fp:
            raise PushRefused("sync.seq_reused", m.seq)
        krow = by_key.get(m.idempotency_key)
        if krow is not None and (krow.device_id != device.id or krow.seq != m.seq):
            raise PushRefused("sync.key_reused", m.seq)
    return stored


def _apply_one(ctx: PushContext, m: MutationIn) -> MutationResult:
    flagged = _clock_flagged(ctx, m.hlc)
    member_id: str | None = m.member_id
    ctx.candidate = None
    try:
        # No savepoint per mutation (it costs a flush each): every Reject is raised before the
        # mutation writes anything; any other error fails the whole batch (the device resends).
        result, member_id = _apply(ctx, m, flagged)
    except Reject as rej:
        result = MutationResult(seq=m.seq, status="rejected", code=rej.code, params=rej.params, clock_flagged=flagged)
        names = sorted(m.fields)[:200]
        ctx.session.add(Rejected(
            device_id=ctx.device.id, seq=m.seq, entity=m.entity[:64], entity_id=m.entity_id, member_id=m.member_id,
            op=m.op, code=rej.code, params=canonical(rej.params), field_names=canonical(names),
            rejected_at=ctx.now,
        ))  # fmt: skip
    applied = {
        "device_id": ctx.device.id, "seq": m.seq, "idempotency_key": m.idempotency_key,
        "fingerprint": ctx.fingerprints.get(m.seq) or fingerprint(m), "entity": m.entity[:64], "entity_id": m.entity_id,
        "member_id": member_id, "result": result.model_dump_json(exclude={"echo"}), "server_seq": ctx.seq,
        "created_at": ctx.now, "operator_id": m.operator_id, "echo": False,
    }  # fmt: skip
    ctx.unwritten.append(applied)
    candidate, ctx.candidate = ctx.candidate, None
    if candidate is not None and result.status == "applied":
        key, expected = candidate
        ctx.echoes[key] = (applied, result, expected)
    else:
        ctx.echoes[(m.entity[:64], m.entity_id)] = None
    return result


def _clock_flagged(ctx: PushContext, hlc: str) -> bool:
    ms = _parse_hlc_ms(hlc)
    if ms is None:
        return bool(hlc)
    limit = (ctx.now + ctx.max_skew).timestamp() * 1000
    return ms > limit


def _raise(rejection: Rejection | None) -> None:
    if rejection is not None:
        raise Reject(rejection.code, **rejection.params)


def _policy_write(ctx: PushContext, spec: EntitySpec) -> bool:
    """A row of a union policy entity (configured with `write_permission`, e.g. the matcher's
    weights and adopted model) pushed by someone whose role has that permission: allowed from
    any device, a union administrator's aggregate-only laptop included, as a global row."""
    permission = spec.extra.get("write_permission")
    return permission is not None and permission in ROLE_PERMISSIONS.get(ctx.user.role, frozenset())


def _own_trail(ctx: PushContext, spec: EntitySpec) -> bool:
    """An entity every device writes its own rows of (configured `own_trail`, the audit log)."""
    return bool(spec.extra.get("own_trail"))


def _aggregate_refused(ctx: PushContext, spec: EntitySpec) -> bool:
    """An aggregate-only laptop pushes the union's policy (with the permission) and its own
    audit trail, nothing else."""
    return auth.device_scope(ctx.device).aggregate_only and not (_policy_write(ctx, spec) or _own_trail(ctx, spec))


def _policy_refused(ctx: PushContext, spec: EntitySpec) -> bool:
    return spec.extra.get("write_permission") is not None and not _policy_write(ctx, spec)


# what a device may not push at all, checked in this order: (refused when true, code)
_ENTITY_CHECKS: tuple[tuple[Callable[[PushContext, EntitySpec], bool], str], ...] = (
    (lambda ctx, spec: spec.server_only, "sync.read_only"),
    (_policy_refused, "sync.not_permitted"),
    (_aggregate_refused, "sync.not_permitted"),
    (lambda ctx, spec: not auth.entity_allowed(ctx.device, spec.name), "sync.out_of_scope"),
)


def _writable_spec(ctx: PushContext, m: MutationIn) -> EntitySpec:
    """The entity of a mutation this device may send at all, checked before anything is read of
    the row; a row outside the device's scope is answered as if the id were unknown."""
    spec = entity_spec(m.entity)
    if spec is None:
        raise Reject("sync.unknown_entity")
    if spec.name not in ctx.refused:  # the same answer for every row of an entity in one push
        ctx.refused[spec.name] = next((code for refused, code in _ENTITY_CHECKS if refused(ctx, spec)), None)
    if ctx.refused[spec.name] is not None:
        raise Reject(ctx.refused[spec.name])
    if not is_uuid(m.entity_id):
        raise Reject("sync.bad_id")
    if (spec.name, m.entity_id) not in ctx.absent and hidden_from(ctx.session, ctx.device, spec.name, m.entity_id,
                                                                  load=ctx.record):  # fmt: skip
        raise Reject("sync.out_of_scope")
    return spec


def _target(ctx: PushContext, spec: EntitySpec, m: MutationIn) -> tuple[Record, dict[str, Any]]:
    """The live row an update or delete applies to (the canonical row of a merged alias) and
    its values; Reject when it is unknown, erased, deleted or outside the device's scope."""
    rec = ctx.record(spec.name, m.entity_id)
    if rec is None:
        raise Reject("sync.member_erased" if ctx.erased_any({m.entity_id, *(filter(None, [m.member_id]))})
                     else "sync.unknown_record")  # fmt: skip
    if rec.merged_into:
        rec = ctx.session.get(Record, (spec.name, rec.merged_into)) or rec
    current = json.loads(rec.fields)
    if ctx.erased_any(member_ids_in(spec, current)):
        raise Reject("sync.member_erased")
    if rec.deleted:
        raise Reject("sync.record_deleted")
    if not auth.can_write(ctx.device, RecordScope(rec.district, rec.event_id, rec.owner_device)):
        raise Reject("sync.out_of_scope")
    return rec, current


def _apply(ctx: PushContext, m: MutationIn, flagged: bool) -> tuple[MutationResult, str | None]:
    spec = _writable_spec(ctx, m)
    if m.op == "insert":
        return _insert(ctx, spec, m, flagged)
    rec, current = _target(ctx, spec, m)
    rule = write_rule(spec, m.op)
    _raise(rule if isinstance(rule, Rejection) else None)
    if rule is Write.ARCHIVE:
        return _update(ctx, spec, rec, current, m, archive_edit(spec, current), flagged)
    if rule is Write.DELETE:
        return _delete(ctx, spec, rec, current, m, flagged)
    edit = Edit(fields=dict(m.fields), base=dict(m.base), base_version=m.base_version)
    return _update(ctx, spec, rec, current, m, edit, flagged)


def _insert(ctx: PushContext, spec: EntitySpec, m: MutationIn, flagged: bool) -> tuple[MutationResult, str | None]:
    values = dict(m.fields)
    _raise(fields_problem(spec, values, insert=True))
    if values["id"] != m.entity_id:
        raise Reject("sync.bad_id")
    repointed = resolve_refs(ctx.session, spec, values)  # rows of a merged duplicate follow the survivor
    refs = member_ids_in(spec, values)
    if spec.is_member_root:
        refs.add(m.entity_id)
    if ctx.erased_any(refs) and not spec.keep_on_erasure:  # the audit trail (incl. the erasure) still syncs
        raise Reject("sync.member_erased")
    member_id = m.entity_id if spec.is_member_root else (values.get(spec.member_column) if spec.member_column else None)
    existing = ctx.record(spec.name, m.entity_id)
    if existing is not None:  # ON CONFLICT (id) DO NOTHING
        return MutationResult(seq=m.seq, status="duplicate", version=existing.version,
                              merged_into=existing.merged_into, clock_flagged=flagged), member_id  # fmt: skip
    member_scope = None
    if member_id and not spec.is_member_root:
        member_rec, member_scope = ctx.member_scope(member_id)
        if member_rec is None and not (spec.keep_on_erasure and ctx.erased_any({member_id})):
            raise Reject("sync.unknown_member")
    scope = spec.resolve_scope(values, ctx.scope_ctx(member_scope))
    own_row = _own_trail(ctx, spec) and scope.owner_device == ctx.device.id and not member_id
    if not (auth.can_write(ctx.device, scope) or (scope.is_global and _policy_write(ctx, spec)) or own_row):
        raise Reject("sync.out_of_scope")
    keys = record_keys(spec, values)
    params: dict[str, Any] = {"repointed": repointed} if repointed else {}
    nk = natural_key(spec, values)
    canonical_id = _lookup(ctx.session, spec.name, "nk", nk) if nk is not None else None
    rule = insert_rule(spec, canonical_id)
    if rule is Insert.ALIAS:  # a pair introduced on two laptops offline is one introduction
        assert canonical_id is not None
        return _merge_natural_key(ctx, spec, m, values, canonical_id, scope, member_id, flagged), member_id
    if rule is Insert.DUPLICATE:  # the canonical (first) scan keeps the key
        assert canonical_id is not None
        keys.discard(("nk", nk))
        values = mark_duplicate(spec, values, canonical_id)
        params["duplicate_of"] = canonical_id
    _check_unique(ctx.session, spec, m.entity_id, keys)
    stored = canonical(values)
    _create(ctx, spec, m, scope, member_id, flagged, fields=stored, deleted=False, merged_into=None)
    ctx.add_keys(spec.name, m.entity_id, keys)
    if not params:  # stored as sent (no reference re-pointed, not marked a duplicate)
        ctx.candidate = ((spec.name, m.entity_id), stored)
    return MutationResult(seq=m.seq, status="applied", version=1, params=params, applied_fields=sorted(values),
                          clock_flagged=flagged), member_id  # fmt: skip


def _create(
    ctx: PushContext, spec: EntitySpec, m: MutationIn, scope: RecordScope, member_id: str | None, flagged: bool, *,
    fields: str, deleted: bool, merged_into: str | None,
) -> None:  # fmt: skip
    ctx.create(
        entity=spec.name, id=m.entity_id, member_id=member_id, district=scope.district, event_id=scope.event_id,
        owner_device=scope.owner_device, version=1, server_seq=ctx.seq, deleted=deleted, merged_into=merged_into,
        fields=fields, origin_device=ctx.device.id, client_time=m.hlc or None, clock_flagged=flagged,
        created_at=ctx.now, updated_at=ctx.now,
    )  # fmt: skip


def _merge_natural_key(
    ctx: PushContext, spec: EntitySpec, m: MutationIn, values: dict[str, Any], canonical_id: str,
    scope: RecordScope, member_id: str | None, flagged: bool,
) -> MutationResult:  # fmt: skip
    target = ctx.session.get(Record, (spec.name, canonical_id))
    assert target is not None
    diff = natural_key_conflict(spec, json.loads(target.fields), values)
    _create(ctx, spec, m, scope, member_id, flagged, fields=canonical(values), deleted=True, merged_into=canonical_id)
    ctx.add_keys(spec.name, m.entity_id, record_keys(spec, values, live=False))
    _add_conflict(
        ctx, kind="natural_key", spec=spec, rec=target, field_name=None, base=None, theirs=dict(diff.theirs),
        mine=dict(diff.mine), m=m, flagged=flagged, other_id=m.entity_id,
    )  # fmt: skip
    return MutationResult(seq=m.seq, status="merged", version=target.version, merged_into=canonical_id,
                          conflict_fields=list(diff.fields), clock_flagged=flagged)  # fmt: skip


def _update(
    ctx: PushContext, spec: EntitySpec, rec: Record, current: dict[str, Any], m: MutationIn, edit: Edit,
    flagged: bool,
) -> tuple[MutationResult, str | None]:  # fmt: skip
    """Load, merge (xzdesk.sync.merge.merge_update, pure), store."""
    _raise(update_problem(spec, rec.id, current, edit.fields))
    if ctx.erased_any(member_ids_in(spec, edit.fields)):
        raise Reject("sync.member_erased")
    merge = merge_update(spec, ServerRow(current, rec.version), edit)
    _raise(merge.rejection)
    if merge.applied:
        _store_update(ctx, spec, rec, current, merge, m, flagged)
        if rec.id == m.entity_id and not edit.force and _stored_as_sent(current, merge.applied, m.fields):
            ctx.candidate = ((rec.entity, rec.id), rec.fields)
    for c in merge.conflicts:
        _add_conflict(ctx, kind=c.kind, spec=spec, rec=rec, field_name=c.field, base=c.base, theirs=c.theirs,
                      mine=c.mine, m=m, flagged=flagged)  # fmt: skip
    return MutationResult(
        seq=m.seq, status=merge.status, version=rec.version, applied_fields=sorted(merge.applied),
        conflict_fields=merge.conflict_fields, merged_into=rec.id if rec.id != m.entity_id else None,
        clock_flagged=flagged,
    ), rec.member_id  # fmt: skip


def _stored_as_sent(current: Mapping[str, Any], applied: Mapping[str, Any], sent: Mapping[str, Any]) -> bool:
    """Whether the row after a merge holds every value the device sent (the same JSON): applied
    values are normally the very objects sent; a field not applied must have held it already."""
    for key, value in sent.items():
        stored = applied[key] if key in applied else current.get(key, _ABSENT)
        if stored is not value and (stored is _ABSENT or canonical(stored) != canonical(value)):
            return False
    return True


_ABSENT = object()


def _store_update(
    ctx: PushContext, spec: EntitySpec, rec: Record, current: dict[str, Any], merge: UpdateMerge, m: MutationIn,
    flagged: bool,
) -> None:  # fmt: skip
    """Write a merged row: its lookup keys (Reject on a unique clash), its scope (Reject when it
    would leave the device's scope), its values and version."""
    new_values = dict(merge.values)
    keys_change = not ctx.per_entity(_key_columns, spec).isdisjoint(merge.applied)
    if keys_change:  # else the lookup keys stay as they are
        old_keys, new_keys = record_keys(spec, current), record_keys(spec, new_values)
        _check_unique(ctx.session, spec, rec.id, new_keys - old_keys)
    old_scope = RecordScope(rec.district, rec.event_id, rec.owner_device)
    new_scope = _scope_after(ctx, spec, rec, new_values, old_scope)
    if new_scope != old_scope and not auth.can_write(ctx.device, new_scope):
        raise Reject("sync.out_of_scope")
    rec.fields = canonical(new_values)
    rec.version = merge.version
    rec.server_seq = ctx.seq
    rec.updated_at = ctx.now
    rec.client_time = m.hlc or rec.client_time
    rec.clock_flagged = flagged
    if keys_change:
        _replace_keys(ctx, spec.name, rec.id, old_keys, new_keys)
    if new_scope != old_scope:
        _rescope(ctx, spec, rec, old_scope, new_scope)
    _refresh_conflicts(ctx, spec, rec, merge.applied)


def _scope_after(
    ctx: PushContext, spec: EntitySpec, rec: Record, values: dict[str, Any], old: RecordScope
) -> RecordScope:
    member_scope = None
    if rec.member_id and not spec.is_member_root:
        member_scope = ctx.member_scope(rec.member_id)[1]
    new = spec.resolve_scope(values, ctx.scope_ctx(member_scope))
    if new.owner_device is not None and old.owner_device is not None:
        return old  # private rows stay with the device that made them
    return new


def _delete(
    ctx: PushContext, spec: EntitySpec, rec: Record, current: dict[str, Any], m: MutationIn, flagged: bool
) -> tuple[MutationResult, str | None]:
    rec.deleted = True
    rec.version += 1
    rec.server_seq = ctx.seq
    rec.updated_at = ctx.now
    _replace_keys(ctx, spec.name, rec.id, record_keys(spec, current), record_keys(spec, current, live=False))
    return MutationResult(seq=m.seq, status="applied", version=rec.version, clock_flagged=flagged), rec.member_id


def _rescope(ctx: PushContext, spec: EntitySpec, rec: Record, old: RecordScope, new: RecordScope) -> None:
    """The row moved: devices of the old scope get a removal, the new scope an upsert; a member
    that moves takes its rows with it."""
    ctx.session.add(Tombstone(
        server_seq=ctx.seq, kind="remove", entity=rec.entity, entity_id=rec.id, member_id=rec.member_id,
        district=old.district, event_id=old.event_id, owner_device=old.owner_device, created_at=ctx.now,
    ))  # fmt: skip
    rec.district, rec.event_id, rec.owner_device = new.district, new.event_id, new.owner_device
    ctx.session.execute(
        update(Conflict).where(Conflict.entity == rec.entity, Conflict.entity_id == rec.id)
        .values(district=new.district, event_id=new.event_id, owner_device=new.owner_device)
    )  # fmt: skip
    if not spec.is_member_root:
        return
    ctx.session.flush()
    children = ctx.session.execute(
        select(Record).where(Record.member_id == rec.id, Record.entity != rec.entity)
    ).scalars()
    for child in children:
        child_spec = entity_spec(child.entity)
        if child_spec is None:
            continue
        values = json.loads(child.fields)
        before = RecordScope(child.district, child.event_id, child.owner_device)
        after = child_spec.resolve_scope(values, ctx.scope_ctx(new))
        if after != before:
            child.server_seq = ctx.seq
            _rescope(ctx, child_spec, child, before, after)
    ctx.session.execute(
        update(Conflict).where(Conflict.member_id == rec.id)
        .values(district=new.district, event_id=new.event_id, owner_device=new.owner_device)
    )  # fmt: skip


def _add_conflict(
    ctx: PushContext, *, kind: str, spec: EntitySpec, rec: Record, field_name: str | None, base: Any,
    theirs: Any, mine: Any, m: MutationIn, flagged: bool, other_id: str | None = None,
) -> None:  # fmt: skip
    """One open conflict per (row, field, device): a later losing edit from the same device
    replaces its "mine"; each device's losing value stays visible."""
    existing = None
    if kind != "natural_key":
        existing = ctx.session.execute(
            select(Conflict).where(
                Conflict.entity == spec.name, Conflict.entity_id == rec.id, Conflict.field == field_name,
                Conflict.status == "open", Conflict.device_id == ctx.device.id, Conflict.kind == kind,
            ).limit(1)
        ).scalar()  # fmt: skip
    ctx.write_applied()  # the last writer may be an earlier mutation of this batch
    writer = _last_writer(ctx.session, spec.name, rec, field_name)
    if existing is not None:
        existing.theirs = canonical(theirs)
        existing.mine = canonical(mine)
        existing.operator_id = m.operator_id
        existing.client_time = m.hlc or None
        existing.clock_flagged = flagged
        existing.theirs_device_id, existing.theirs_operator_id, existing.theirs_at = writer
        return
    ctx.conflicted.add(rec.id)
    ctx.session.add(Conflict(
        id=new_id(), kind=kind, entity=spec.name, entity_id=rec.id, member_id=rec.member_id,
        district=rec.district, event_id=rec.event_id, owner_device=rec.owner_device, field=field_name,
        base=canonical(base), theirs=canonical(theirs), mine=canonical(mine), other_id=other_id,
        device_id=ctx.device.id, operator_id=m.operator_id, client_time=m.hlc or None, clock_flagged=flagged,
        theirs_device_id=writer[0], theirs_operator_id=writer[1], theirs_at=writer[2],
        status="open", created_at=ctx.now, created_seq=ctx.seq,
    ))  # fmt: skip


WRITER_LOOKBACK = 200  # applied mutations of one record searched for the last writer of a field


def _last_writer(
    session: Session, entity: str, rec: Record, field_name: str | None
) -> tuple[str | None, str | None, datetime | None]:
    """(device, staff account, time) of the applied mutation that last wrote `field_name` of the
    record (any field for a natural-key conflict), else the record's creator."""
    rows = session.execute(
        select(AppliedMutation.device_id, AppliedMutation.operator_id, AppliedMutation.created_at,
               AppliedMutation.result)
        .where(AppliedMutation.entity_id == rec.id, AppliedMutation.entity == entity)
        .order_by(AppliedMutation.server_seq.desc()).limit(WRITER_LOOKBACK)
    ).all()  # fmt: skip
    for device_id, operator_id, at, result in rows:
        fields = json.loads(result).get("applied_fields") or []
        if field_name is None or field_name in fields:
            return device_id, operator_id, at
    return rec.origin_device, None, rec.created_at


def _refresh_conflicts(ctx: PushContext, spec: EntitySpec, rec: Record, applied: Mapping[str, Any]) -> None:
    """An open conflict keeps showing the current server value as "theirs"."""
    if rec.id not in ctx.conflicted:
        return
    for name, value in applied.items():
        ctx.session.execute(
            update(Conflict).where(
                Conflict.entity == spec.name, Conflict.entity_id == rec.id, Conflict.field == name,
                Conflict.status == "open",
            ).values(theirs=canonical(value))
        )  # fmt: skip


def _resolve(ctx: PushContext, conflict_id: str) -> None:
    conflict = ctx.session.get(Conflict, conflict_id)
    if conflict is None or conflict.status != "open":
        return
    if not auth.can_see(ctx.device, RecordScope(conflict.district, conflict.event_id, conflict.owner_device)):
        return
    conflict.status = "resolved"
    conflict.resolved_at = ctx.now
    conflict.resolved_by = ctx.user.id


# --- lookup keys --------------------------------------------------------------------------------
def _lookup(session: Session, entity: str, name: str, value: str) -> str | None:
    return session.execute(
        select(RecordKey.record_id).where(RecordKey.entity == entity, RecordKey.name == name, RecordKey.value == value)
        .limit(1)
    ).scalar()  # fmt: skip


def _check_unique(session: Session, spec: EntitySpec, record_id: str, keys: set[tuple[str, str]]) -> None:
    for name, value in keys:
        if not name.startswith("uq:"):
            continue
        owner = session.execute(
            select(RecordKey.record_id).where(
                RecordKey.entity == spec.name, RecordKey.name == name, RecordKey.value == value,
                RecordKey.record_id != record_id,
            ).limit(1)
        ).scalar()  # fmt: skip
        if owner is not None:
            raise Reject("sync.unique_violation", field=name[3:])


def _add_keys(session: Session, entity: str, record_id: str, keys: set[tuple[str, str]]) -> None:
    for name, value in sorted(keys):
        session.add(RecordKey(entity=entity, name=name, value=value, record_id=record_id))


def _replace_keys(
    ctx: PushContext, entity: str, record_id: str, old: set[tuple[str, str]], new: set[tuple[str, str]]
) -> None:
    """The DELETEs run now; the new keys are written before the next statement (a key given up
    and taken again in one batch is deleted first)."""
    for name, value in sorted(old - new):
        ctx.session.execute(
            delete(RecordKey).where(
                RecordKey.entity == entity, RecordKey.name == name, RecordKey.value == value,
                RecordKey.record_id == record_id,
            )
        )  # fmt: skip
    ctx.add_keys(entity, record_id, new - old)


def add_record(
    session: Session, spec: EntitySpec, values: dict[str, Any], *, seq: int, now: datetime,
    scope: RecordScope, member_id: str | None, origin_device: str | None = None,
) -> Record:  # fmt: skip
    """Insert a row the server makes itself (online intake), with its lookup keys. Raises Reject
    on a unique-column clash."""
    keys = record_keys(spec, values)
    _check_unique(session, spec, values["id"], keys)
    rec = Record(
        entity=spec.name, id=values["id"], member_id=member_id, district=scope.district, event_id=scope.event_id,
        owner_device=scope.owner_device, version=1, server_seq=seq, deleted=False, fields=canonical(values),
        origin_device=origin_device, created_at=now, updated_at=now,
    )  # fmt: skip
    session.add(rec)
    _add_keys(session, spec.name, rec.id, keys)
    return rec


def lookup(session: Session, entity: str, name: str, value: str) -> str | None:
    """Record id holding lookup key (name, value), e.g. ("lk:id_hmac", hex)."""
    return _lookup(session, entity, name, value)
