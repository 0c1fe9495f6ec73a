"""What the sync engine knows about each synced entity, derived from the mapped class.

`entity_spec(name)` reads `SYNC_REGISTRY` (filled by `@register_synced`) and the class
attributes documented in xzdesk/sync/__init__.py; `configure_entity` overrides them for models
whose module belongs to another area; `register_transition_validator` and
`register_scope_resolver` plug in functions. Both the server and the laptop use these specs, so
a new entity needs no change to the engine.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)

from xzdesk.domain import models as _registry  # noqa: F401  (SYNC_REGISTRY holds every synced table)
from xzdesk.domain.store.base import SYNC_REGISTRY, MergeClass, UtcDateTime
from xzdesk.domain.store.sync_state import KEEP_ON_ERASURE

# Columns that never travel: the server's row version and local-only surrogate keys.
LOCAL_COLUMNS = frozenset({"version", "seq"})
MAX_TEXT = 100_000  # characters in an unbounded text column
MAX_JSON = 200_000  # characters of one JSON column once serialised


@dataclass(frozen=True)
class RecordScope:
    """Where a record is visible: a district, an event, or only its origin device; all None
    means every device (global)."""

    district: str | None = None
    event_id: str | None = None
    owner_device: str | None = None

    @property
    def is_global(self) -> bool:
        return self.district is None and self.event_id is None and self.owner_device is None


@dataclass(frozen=True)
class ScopeContext:
    """What a scope resolver may look at besides the record's own fields."""

    member_scope: RecordScope | None  # scope of the member the row belongs to, if any
    device_id: str | None  # the pushing device (None for server-made rows)
    device_district: str | None  # the pushing device's district when it has exactly one
    # scope of any other member (rows that reference two members, e.g. introductions)
    lookup_member: Callable[[str], RecordScope | None] | None = None


ScopeResolver = Callable[[Mapping[str, Any], ScopeContext], RecordScope]
# (current row values, changed values) -> None when allowed, else an error code
TransitionValidator = Callable[[Mapping[str, Any], Mapping[str, Any]], "str | None"]


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str  # str | int | bool | date | datetime | json | bytes | float
    length: int | None
    nullable: bool
    bits: int = 64  # for int: 16 or 64


@dataclass(frozen=True)
class EntitySpec:
    name: str
    model: type[Any]
    merge: MergeClass
    columns: Mapping[str, ColumnSpec]
    member_column: str | None
    member_refs: tuple[str, ...]
    max_fields: frozenset[str]
    derived: frozenset[str]
    natural_key: tuple[str, ...]
    duplicate_field: str | None
    state_field: str | None
    transitions: Mapping[str, frozenset[str]]
    transition_validator: TransitionValidator | None
    scope: Mapping[str, str] | str | None
    scope_resolver: ScopeResolver | None
    archive: tuple[str, Any] | None
    server_only: bool  # devices may not push it (staff accounts come from the server)
    keep_on_erasure: bool  # rows carry no personal data and survive an erasure (audit log)
    unique_columns: tuple[str, ...]
    lookup_columns: tuple[str, ...]  # indexed on the server for lookups (blind indexes)
    local_pk: str  # primary key column on the laptop ("id", or "seq" for the audit log)
    local_append_only: bool  # the laptop table refuses UPDATE (triggers): never update locally
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_member_root(self) -> bool:
        return self.member_column == "id"

    def check_transition(self, current: Mapping[str, Any], changes: Mapping[str, Any]) -> str | None:
        """None when the state change in `changes` is allowed from `current`, else a code."""
        if self.transition_validator is not None:
            return self.transition_validator(current, changes)
        if not self.state_field or self.state_field not in changes:
            return None
        old, new = current.get(self.state_field), changes[self.state_field]
        if old == new or not self.transitions:
            return None
        if new not in self.transitions.get(str(old), frozenset()):
            return "sync.bad_transition"
        return None

    def resolve_scope(self, values: Mapping[str, Any], ctx: ScopeContext) -> RecordScope:
        if self.scope_resolver is not None:
            return self.scope_resolver(values, ctx)
        if self.scope == "global":
            return RecordScope()
        if isinstance(self.scope, Mapping) and self.scope:
            district = values.get(self.scope["district"]) if "district" in self.scope else None
            event_id = values.get(self.scope["event"]) if "event" in self.scope else None
            if district is None and "district" not in self.scope and ctx.member_scope is not None:
                district = ctx.member_scope.district
            return RecordScope(district=district, event_id=event_id)
        if ctx.member_scope is not None:
            return RecordScope(district=ctx.member_scope.district, event_id=ctx.member_scope.event_id)
        if ctx.device_district:
            return RecordScope(district=ctx.device_district)
        return RecordScope(owner_device=ctx.device_id)


_OVERRIDES: dict[str, dict[str, Any]] = {}
_VALIDATORS: dict[str, TransitionValidator] = {}
_RESOLVERS: dict[str, ScopeResolver] = {}
_CACHE: dict[str, EntitySpec] = {}
_LOCK = threading.Lock()
_ALL: tuple[int, tuple[EntitySpec, ...]] = (-1, ())  # all_specs() as last built, with the registry's size then


def configure_entity(name: str, **overrides: Any) -> None:
    """Override class attributes of an entity whose model module belongs to another area.
    Keys: scope, archive, server_only, keep_on_erasure, lookup_columns, natural_key,
    duplicate_field, state_field, transitions, member_refs."""
    with _LOCK:
        _OVERRIDES.setdefault(name, {}).update(overrides)
        _CACHE.pop(name, None)


def register_transition_validator(name: str, fn: TransitionValidator) -> None:
    """The server calls `fn(current_values, changed_values)` before a change of an entity's
    state; a returned code rejects the mutation (a stale base state is a conflict before that)."""
    with _LOCK:
        _VALIDATORS[name] = fn
        _CACHE.pop(name, None)


def register_scope_resolver(name: str, fn: ScopeResolver) -> None:
    """The server calls `fn(row_values, ScopeContext)` to place a row of `name` in a scope."""
    with _LOCK:
        _RESOLVERS[name] = fn
        _CACHE.pop(name, None)


# Entities that exist already and whose models live in other areas' modules.
configure_entity("member", scope={"district": "district_code"}, archive=("status", "archived"),
                 lookup_columns=("id_hmac", "mobile_hmac"))  # fmt: skip
configure_entity("staff", scope="global", server_only=True)
configure_entity("staff_password", server_only=True)  # the server's password hashes, by district


def _column_kind(col: Any) -> tuple[str, int | None, int]:
    t = col.type
    if isinstance(t, UtcDateTime | DateTime):
        return "datetime", None, 64
    if isinstance(t, Date):
        return "date", None, 64
    if isinstance(t, Boolean):
        return "bool", None, 64
    if isinstance(t, SmallInteger):
        return "int", None, 16
    if isinstance(t, Integer):
        return "int", None, 64
    if isinstance(t, Float | Numeric):
        return "float", None, 64
    if isinstance(t, LargeBinary):
        return "bytes", t.length, 64
    if isinstance(t, JSON):
        return "json", None, 64
    if isinstance(t, String | Text):
        return "str", getattr(t, "length", None), 64
    return "json", None, 64


def _build(name: str) -> EntitySpec:
    cls = SYNC_REGISTRY[name]
    o = _OVERRIDES.get(name, {})

    def attr(key: str, dunder: str, default: Any) -> Any:
        return o[key] if key in o else getattr(cls, dunder, default)

    table = cls.__table__  # type: ignore[attr-defined]
    columns: dict[str, ColumnSpec] = {}
    for col in table.columns:
        if col.name in LOCAL_COLUMNS:
            continue
        kind, length, bits = _column_kind(col)
        columns[col.name] = ColumnSpec(col.name, kind, length, bool(col.nullable), bits)
    unique = [c.name for c in table.columns if c.unique and c.name not in LOCAL_COLUMNS and c.name != "id"]
    for cons in table.constraints:
        if isinstance(cons, UniqueConstraint) and len(cons.columns) == 1:
            (only,) = cons.columns
            if only.name not in LOCAL_COLUMNS and only.name != "id" and only.name not in unique:
                unique.append(only.name)
    pk = [c.name for c in table.primary_key.columns]
    transitions = {str(k): frozenset(map(str, v)) for k, v in dict(attr("transitions", "__transitions__", {})).items()}
    merge = MergeClass(cls.__sync__)
    return EntitySpec(
        name=name,
        model=cls,
        merge=merge,
        columns=columns,
        member_column=attr("member_column", "__member_column__", "member_id"),
        member_refs=tuple(attr("member_refs", "__member_refs__", ())),
        max_fields=frozenset(getattr(cls, "__sync_max__", ())),
        derived=frozenset(getattr(cls, "__sync_derived__", ())),
        natural_key=tuple(attr("natural_key", "__natural_key__", ())),
        duplicate_field=attr("duplicate_field", "__duplicate_field__", None),
        state_field=attr("state_field", "__state_field__", None),
        transitions=transitions,
        transition_validator=_VALIDATORS.get(name),
        scope=attr("scope", "__scope__", None),
        scope_resolver=_RESOLVERS.get(name),
        archive=attr("archive", "__archive__", None),
        server_only=bool(o.get("server_only", False)),
        keep_on_erasure=bool(o.get("keep_on_erasure", name in KEEP_ON_ERASURE)),
        unique_columns=tuple(unique),
        lookup_columns=tuple(o.get("lookup_columns", ())),
        local_pk=pk[0] if len(pk) == 1 else "id",
        local_append_only=merge in (MergeClass.APPEND_ONLY,),
        extra={k: v for k, v in o.items() if k not in _KNOWN_OVERRIDES},
    )


_KNOWN_OVERRIDES = frozenset({
    "scope", "archive", "server_only", "keep_on_erasure", "lookup_columns", "natural_key", "duplicate_field",
    "state_field", "transitions", "member_refs", "member_column",
})  # fmt: skip


def default_values(spec: EntitySpec) -> dict[str, Any]:
    """JSON forms of the column defaults declared on the model (scalars and zero-argument
    callables such as `list`), for rows the server creates itself (online intake)."""
    from xzdesk.domain.store.base import to_jsonable

    out: dict[str, Any] = {}
    for col in spec.model.__table__.columns:  # type: ignore[attr-defined]
        if col.name not in spec.columns or col.name == "id" or col.default is None:
            continue
        default = col.default
        if getattr(default, "is_scalar", False):
            out[col.name] = to_jsonable(default.arg)
        elif getattr(default, "is_callable", False):
            try:
                out[col.name] = to_jsonable(default.arg(None))
            except TypeError:
                continue
    return out


IntakeBuilder = Callable[..., dict[str, Any]]
_INTAKE_BUILDERS: dict[str, IntakeBuilder] = {}


def register_intake_builder(name: str, fn: IntakeBuilder) -> None:
    """Online intake: `fn(event_id=..., event_fields=..., member_id=..., now=..., remark=...)`
    returns the JSON field values of a new row of entity `name` (e.g. "registration")."""
    _INTAKE_BUILDERS[name] = fn


def intake_builder(name: str) -> IntakeBuilder | None:
    return _INTAKE_BUILDERS.get(name)


def entity_spec(name: str) -> EntitySpec | None:
    """The spec of a registered synced entity, or None for an unknown name."""
    spec = _CACHE.get(name)
    if spec is not None:
        return spec
    if name not in SYNC_REGISTRY:
        return None
    with _LOCK:
        spec = _CACHE[name] = _build(name)
    return spec


def all_specs() -> list[EntitySpec]:
    """Every registered entity, member root first (children refer to it), then by name. Sorted
    again only when the registry grew or shrank or a spec was built anew (the server asks for
    this list several times per pushed row)."""
    global _ALL
    size, specs = _ALL
    if size != len(SYNC_REGISTRY) or any(_CACHE.get(s.name) is not s for s in specs):
        built = [s for s in (entity_spec(n) for n in list(SYNC_REGISTRY)) if s is not None]
        specs = tuple(sorted(built, key=lambda s: (not s.is_member_root, s.name)))
        _ALL = (len(SYNC_REGISTRY), specs)
    return list(specs)


# --- value checks (the server refuses what a laptop could not store) -------------------------
def _is_uuid(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


TYPE = "sync.field_type"
TOO_LONG = "sync.field_too_long"


def _check_str(col: ColumnSpec, value: Any) -> str | None:
    if not isinstance(value, str):
        return TYPE
    if len(value) > (col.length or MAX_TEXT):
        return TOO_LONG
    return TYPE if "\x00" in value else None


def _check_int(col: ColumnSpec, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return TYPE
    bound = 2 ** (col.bits - 1)
    return None if -bound <= value < bound else "sync.field_range"


def _check_float(_col: ColumnSpec, value: Any) -> str | None:
    return None if isinstance(value, int | float) and not isinstance(value, bool) else TYPE


def _check_bool(_col: ColumnSpec, value: Any) -> str | None:
    return None if isinstance(value, bool) else TYPE


def _iso_checker(parse: Callable[[str], Any], fits: Callable[[str], bool]) -> Callable[[ColumnSpec, Any], str | None]:
    def check(_col: ColumnSpec, value: Any) -> str | None:
        if not isinstance(value, str) or not fits(value):
            return TYPE
        try:
            parse(value)
        except ValueError:
            return TYPE
        return None

    return check


def _check_bytes(col: ColumnSpec, value: Any) -> str | None:
    if not isinstance(value, str) or len(value) % 2:
        return TYPE
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        return TYPE
    return None if col.length is None or len(raw) <= col.length else TOO_LONG


def _check_json(_col: ColumnSpec, value: Any) -> str | None:
    try:
        size = len(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError):
        return TYPE
    return None if size <= MAX_JSON else TOO_LONG


# column kind -> check of a non-null JSON value (None when it fits, else a problem code)
_VALUE_CHECKS: Mapping[str, Callable[[ColumnSpec, Any], str | None]] = {
    "str": _check_str,
    "int": _check_int,
    "float": _check_float,
    "bool": _check_bool,
    "date": _iso_checker(date.fromisoformat, lambda v: len(v) == 10),
    "datetime": _iso_checker(datetime.fromisoformat, lambda v: len(v) <= 40),
    "bytes": _check_bytes,
    "json": _check_json,
}


def check_value(col: ColumnSpec, value: Any) -> str | None:
    """None when `value` (JSON form) fits the column, else a problem code."""
    if value is None:
        return None if col.nullable else "sync.field_required"
    check = _VALUE_CHECKS.get(col.kind)
    return check(col, value) if check is not None else None


def check_fields(spec: EntitySpec, fields: Mapping[str, Any], *, insert: bool) -> tuple[str, str] | None:
    """First problem (field, code) of a mutation's fields against the entity's columns."""
    for key, value in fields.items():
        col = spec.columns.get(key)
        if col is None:
            return key, "sync.unknown_field"
        problem = check_value(col, value)
        if problem:
            return key, problem
    if insert:
        for name, col in spec.columns.items():
            if name not in fields and not col.nullable:
                return name, "sync.field_required"
        if not _is_uuid(fields.get("id")):
            return "id", "sync.bad_id"
    return None


def is_uuid(value: Any) -> bool:
    return _is_uuid(value)


def member_ids_in(spec: EntitySpec, values: Mapping[str, Any]) -> set[str]:
    """Member ids a row refers to (its member column and further member references)."""
    out: set[str] = set()
    for col in (spec.member_column, *spec.member_refs):
        if col and isinstance(values.get(col), str):
            out.add(values[col])
    return out


def reference_columns(spec: EntitySpec) -> list[tuple[str, str]]:
    """(column, entity) for every column of `spec` that holds the id of another synced row:
    its member column and member references (-> the member root), and the columns declared with
    `configure_entity(name, refs={"registration_id": "registration"})`. When a natural-key merge
    turns a row into an alias of another, these columns are re-pointed at the surviving row
    (on the server as rows arrive, on laptops when the merge is pulled). Entities configured
    with `repoint=False` (the audit log: a record of what happened, under the ids of the time)
    have none."""
    if spec.extra.get("repoint") is False:
        return []
    root = next((s.name for s in all_specs() if s.is_member_root), None)
    out: list[tuple[str, str]] = []
    if root is not None and not spec.is_member_root:
        out.extend((col, root) for col in (spec.member_column, *spec.member_refs) if col)
    out.extend((col, target) for col, target in dict(spec.extra.get("refs") or {}).items())
    return out


@dataclass(frozen=True)
class EventCheck:
    """A check over all rows of `entity` in one event, run by the server after every push that
    changed such a row or the event itself. `check(event_fields, rows, members)` gets the
    event's fields (with "id"), the event's live rows of `entity` (fields with "id") and the
    fields of their members by id, all in JSON form, and returns problems: dicts with kind (one
    of `kinds`), entity, entity_id, other_id, field, theirs, mine. The server keeps each problem
    as an open conflict until a later check no longer finds it, and does not reopen one the
    organiser closed while its values stay the same."""

    entity: str
    kinds: frozenset[str]
    check: Callable[[Mapping[str, Any], list[Mapping[str, Any]], Mapping[str, Mapping[str, Any]]], list[dict[str, Any]]]
    parent: str = "event"


_EVENT_CHECKS: list[EventCheck] = []


def register_event_check(check: EventCheck) -> None:
    _EVENT_CHECKS.append(check)


def event_checks() -> list[EventCheck]:
    return list(_EVENT_CHECKS)


def spec_names() -> Collection[str]:
    return list(SYNC_REGISTRY)


_EVENT_DEVICE_ENTITIES: list[frozenset[str] | None] = [None]


def set_event_device_entities(names: Collection[str] | None) -> None:
    """Entities a device enrolled for events only (a venue laptop) may see and write among the
    rows scoped to its events (global rows and its own private rows stay visible). None = all."""
    _EVENT_DEVICE_ENTITIES[0] = None if names is None else frozenset(names)


def event_device_entities() -> frozenset[str] | None:
    return _EVENT_DEVICE_ENTITIES[0]


from xzdesk.sync import entities as _entities  # noqa: E402  (registers the areas' hooks)

_entities.install_registry_hooks()
