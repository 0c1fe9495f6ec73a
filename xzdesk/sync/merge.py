"""The merge rules of sync.md ("Merge classes"), as pure functions: no database, no clock, no I/O.

The server's push (xzdesk/server/push.py) loads a row, asks these functions what to do, and
stores the answer; the laptop's pull (xzdesk/sync/apply.py) asks `pulled_row` which fields of a
pulled row it may write. Everything here is decided from the entity's spec (its merge class and
special fields) and plain JSON values, so each rule is tested directly
(tests/sync/test_merge_rules.py, property-based).

Rules, per merge class (`EntitySpec.merge`) and per special field:

- Which writes a class takes (`write_rule`): APPEND_ONLY rows are never updated or deleted;
  CHECKIN rows are never deleted; a delete of an entity with `__archive__` becomes that update
  (case files are archived, never deleted by a device).
- An update (`merge_update`) is a three-way merge per field against the `base` values the editor
  started from: a field whose server value still equals the base takes the new value; different
  fields merge silently; a field changed on the server and changed again to a different value
  keeps the server's value and yields a `field` conflict holding base, theirs (server) and mine
  (incoming). The same value twice is no conflict. `__sync_max__` fields take the later
  timestamp; `__sync_derived__` fields never conflict: they follow their source (all of them when
  the edit is clean, else only those the server has not changed). `id` and the CHECKIN
  `__duplicate_field__` are the server's and never taken from a device.
- A state change (`__state_field__`, STATE_MACHINE and any entity with a state column) must start
  from the current state: a stale base state is a `transition` conflict, never a silent revert;
  a move the entity's transitions do not allow rejects the mutation.
- `force` (the archive of a delete) applies every field without a three-way check or a
  transition check.
- An insert whose natural key exists (`insert_rule`): NATURAL_KEY and STATE_MACHINE rows become
  an alias of the existing row and a `natural_key` conflict lists the fields that differ
  (`natural_key_conflict`); a CHECKIN scan is kept and marked as a duplicate of the first
  (`mark_duplicate`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from xzdesk.domain.store.base import MergeClass
from xzdesk.sync.registry import EntitySpec, check_fields

_MISSING: Any = object()  # a field the editor sent no base value for


@dataclass(frozen=True)
class Rejection:
    """The mutation is refused for good (error code and its parameters)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class FieldConflict:
    """A same-field clash kept for the matchmaker: the server value stays, both are shown."""

    kind: str  # "field" | "transition"
    field: str
    base: Any  # the value the editor started from (None when it sent none)
    theirs: Any  # the server's current value, which is kept
    mine: Any  # the incoming value, which is not applied


@dataclass(frozen=True)
class ServerRow:
    """The server's current row: its JSON field values and its row version."""

    fields: Mapping[str, Any]
    version: int


@dataclass(frozen=True)
class Edit:
    """An incoming update: new values, the base values the editor started from, the row version
    it started from, and `force` (an archive: applied without a three-way check)."""

    fields: Mapping[str, Any]
    base: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    base_version: int = 0
    force: bool = False


@dataclass(frozen=True)
class UpdateMerge:
    """What an update does to a row. `values` is the whole row afterwards; `version` its new
    version (one more when anything was applied). Status: applied (the editor saw the current
    version, or force), merged (applied over other changes), noop, conflict, or rejected (with
    `rejection`; nothing applied)."""

    status: str
    applied: Mapping[str, Any]
    conflicts: tuple[FieldConflict, ...]
    values: Mapping[str, Any]
    version: int
    rejection: Rejection | None = None

    @property
    def conflict_fields(self) -> list[str]:
        return sorted(c.field for c in self.conflicts)


# --- which writes a merge class takes -----------------------------------------------------------
class Write(enum.StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    ARCHIVE = "archive"  # a delete that becomes the entity's `__archive__` update


APPEND_ONLY = Rejection("sync.append_only")
# (op, merge class) -> what happens; a class not listed for an op takes the op as it is
_WRITE_RULES: Mapping[tuple[str, MergeClass], Write | Rejection] = {
    ("update", MergeClass.APPEND_ONLY): APPEND_ONLY,
    ("delete", MergeClass.APPEND_ONLY): APPEND_ONLY,
    ("delete", MergeClass.CHECKIN): APPEND_ONLY,
}


def write_rule(spec: EntitySpec, op: str) -> Write | Rejection:
    """What a device's `op` on an existing row (or a new one, for insert) of `spec` becomes."""
    if op == "delete" and spec.archive is not None:
        return Write.ARCHIVE
    return _WRITE_RULES.get((op, spec.merge), Write(op))


def archive_edit(spec: EntitySpec, current: Mapping[str, Any]) -> Edit:
    """The update a delete becomes for an entity with `__archive__` (column, value)."""
    assert spec.archive is not None
    column, value = spec.archive
    return Edit(fields={column: value}, base={column: current.get(column)}, force=True)


# --- updates ------------------------------------------------------------------------------------
def fields_problem(spec: EntitySpec, fields: Mapping[str, Any], *, insert: bool) -> Rejection | None:
    """`sync.invalid` naming the first field whose value its column cannot hold (an insert also
    needs every required column and a UUID id)."""
    problem = check_fields(spec, fields, insert=insert)
    return Rejection("sync.invalid", {"field": problem[0], "problem": problem[1]}) if problem else None


def update_problem(spec: EntitySpec, row_id: str, current: Mapping[str, Any], fields: Mapping[str, Any]) -> Rejection | None:
    """Why an update may not be applied at all, checked before anything is merged: a value that
    does not fit its column, another id, or a changed member reference."""
    invalid = fields_problem(spec, fields, insert=False)
    if invalid is not None:
        return invalid
    if "id" in fields and fields["id"] != row_id:
        return Rejection("sync.bad_id")
    for col in (spec.member_column, *spec.member_refs):
        if col and col != "id" and col in fields and fields[col] != current.get(col):
            return Rejection("sync.member_immutable", {"field": col})
    return None


def later(a: Any, b: Any) -> Any:
    """The later of two timestamps in JSON form (ISO strings), for `__sync_max__` fields."""
    if a is None or b is None:
        return b if a is None else a
    try:
        return a if datetime.fromisoformat(a) >= datetime.fromisoformat(b) else b
    except (TypeError, ValueError):
        return max(str(a), str(b))


def _base_or_none(value: Any) -> Any:
    return None if value is _MISSING else value


def _merge_state(spec: EntitySpec, current: Mapping[str, Any], edit: Edit, state: str) -> Any:
    """A state change: the new state (to apply), a transition conflict, a rejection, or _MISSING
    when the state does not change."""
    new, cur = edit.fields[state], current.get(state)
    if new == cur:
        return _MISSING
    base = edit.base.get(state, _MISSING)
    if base is _MISSING or base != cur:
        return FieldConflict("transition", state, _base_or_none(base), cur, new)
    code = spec.check_transition(current, {state: new})
    if code:
        return Rejection(code, {"field": state})
    return new


class _Field(enum.Enum):
    SKIP = "skip"  # unchanged, or not a device's to write
    DERIVED = "derived"  # decided after the other fields


def _merge_field(spec: EntitySpec, name: str, cur: Any, new: Any, edit: Edit) -> Any:
    """One ordinary field: the value to apply, a FieldConflict, or a _Field marker."""
    if new == cur:
        return _Field.SKIP
    if name in spec.max_fields:
        value = later(cur, new)
        return _Field.SKIP if value == cur else value
    if name in spec.derived:
        return _Field.DERIVED
    base = edit.base.get(name, _MISSING)
    if edit.force or (base is not _MISSING and base == cur):
        return new
    return FieldConflict("field", name, _base_or_none(base), cur, new)


def _server_owned(spec: EntitySpec, edit: Edit) -> frozenset[str]:
    """Fields a device's update never writes directly (the state goes through `_merge_state`)."""
    owned = {"id", spec.duplicate_field}
    if spec.state_field and not edit.force:
        owned.add(spec.state_field)
    return frozenset(n for n in owned if n)


def merge_update(spec: EntitySpec, row: ServerRow, edit: Edit) -> UpdateMerge:
    """Three-way merge of an incoming update into the server's row (rules in the module doc)."""
    current = row.fields
    applied: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    state = spec.state_field
    if state and state in edit.fields and not edit.force:
        outcome = _merge_state(spec, current, edit, state)
        if isinstance(outcome, Rejection):
            return UpdateMerge("rejected", MappingProxyType({}), (), current, row.version, rejection=outcome)
        if isinstance(outcome, FieldConflict):
            conflicts.append(outcome)
        elif outcome is not _MISSING:
            applied[state] = outcome
    owned = _server_owned(spec, edit)
    derived: list[str] = []
    for name, new in edit.fields.items():
        if name in owned:
            continue
        outcome = _merge_field(spec, name, current.get(name), new, edit)
        if isinstance(outcome, FieldConflict):
            conflicts.append(outcome)
        elif outcome is _Field.DERIVED:
            derived.append(name)
        elif outcome is not _Field.SKIP:
            applied[name] = outcome
    for name in derived:  # follow the source: all when clean, else only those the server kept
        if not conflicts or edit.base.get(name, _MISSING) == current.get(name):
            applied[name] = edit.fields[name]
    return _update_result(row, edit, applied, tuple(conflicts))


def _update_result(row: ServerRow, edit: Edit, applied: dict[str, Any], conflicts: tuple[FieldConflict, ...]) -> UpdateMerge:
    if applied:
        status = "applied" if edit.force or row.version == edit.base_version else "merged"
        values, version = {**row.fields, **applied}, row.version + 1
    else:
        status, values, version = "noop", dict(row.fields), row.version
    if conflicts:
        status = "conflict"
    return UpdateMerge(status, MappingProxyType(applied), conflicts, MappingProxyType(values), version)


# --- inserts whose natural key exists -----------------------------------------------------------
class Insert(enum.StrEnum):
    NEW = "new"  # a row of its own
    ALIAS = "alias"  # merged into the row holding the natural key (both devices are told)
    DUPLICATE = "duplicate"  # kept, and marked as a duplicate of the first (check-in scans)


_NATURAL_KEY_RULES: Mapping[MergeClass, Insert] = {
    MergeClass.NATURAL_KEY: Insert.ALIAS,
    MergeClass.STATE_MACHINE: Insert.ALIAS,
    MergeClass.CASE_FIELDS: Insert.ALIAS,  # one person registered on two laptops is one member
    MergeClass.CHECKIN: Insert.DUPLICATE,
}


def insert_rule(spec: EntitySpec, existing_id: str | None) -> Insert:
    """What an insert becomes when `existing_id` already holds its natural key (None: free)."""
    if existing_id is None:
        return Insert.NEW
    return _NATURAL_KEY_RULES.get(spec.merge, Insert.NEW)


@dataclass(frozen=True)
class NaturalKeyConflict:
    """The fields in which a merged insert differs from the row it merged into."""

    fields: tuple[str, ...]
    theirs: Mapping[str, Any]
    mine: Mapping[str, Any]


def natural_key_conflict(spec: EntitySpec, theirs: Mapping[str, Any], mine: Mapping[str, Any]) -> NaturalKeyConflict:
    """Differences between the existing row (`theirs`) and a second insert with the same natural
    key (`mine`), leaving out the id, the key itself and fields the server derives or maxes."""
    # also left out: each laptop's own numbering (unique columns) and when each copy was typed in
    skip = {"id", "created_at", *spec.derived, *spec.max_fields, *spec.natural_key, *spec.unique_columns}
    differing = tuple(sorted(k for k, v in mine.items() if k not in skip and theirs.get(k) != v))
    return NaturalKeyConflict(
        differing,
        MappingProxyType({k: theirs.get(k) for k in differing}),
        MappingProxyType({k: mine[k] for k in differing}),
    )


def mark_duplicate(spec: EntitySpec, values: Mapping[str, Any], canonical_id: str) -> dict[str, Any]:
    """A duplicate check-in scan's values: its `__duplicate_field__` names the first scan."""
    out = dict(values)
    if spec.duplicate_field:
        out[spec.duplicate_field] = canonical_id
    return out


# --- the laptop: pulled rows --------------------------------------------------------------------
def pulled_row(values: Mapping[str, Any], pending: set[str]) -> dict[str, Any]:
    """The fields of a pulled row a laptop writes: never one with an unacknowledged local edit
    (`pending` holds their names), so a pull does not overwrite what the user typed."""
    return {k: v for k, v in values.items() if k not in pending}
