"""Conflicts and the rejected-mutation inbox, as the UI shows and resolves them.

Resolving a conflict is an ordinary edit: `resolve_conflict(uow, ...)` changes the field through
the entity's editor (for members `update_member` / `change_status`, so validation, derived
columns, audit and the outbox all happen as for any edit) and records that the conflict was
closed here; the next push tells the server, which stops serving it. Choosing the value already
in force ("keep theirs") makes no edit, only the record.

Areas with their own entities register an editor: `register_conflict_editor("registration", fn)`
where `fn(uow, entity_id, {field: python_value})` performs the change with the area's services.
Without one, the generic editor sets the attribute on the ORM row (the outbox hook records it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import NotFound, XzError
from xzdesk.domain.members.models import EDITABLE_FIELDS
from xzdesk.domain.members.service import change_status, update_member
from xzdesk.domain.store.base import from_jsonable, to_jsonable
from xzdesk.domain.store.sync_state import SyncConflict, SyncRejected, SyncResolution
from xzdesk.domain.uow import UnitOfWork
from xzdesk.sync.registry import entity_spec

ConflictEditor = Callable[[UnitOfWork, str, dict[str, Any]], None]
_EDITORS: dict[str, ConflictEditor] = {}
# conflicts that are not about one field's value (plate, quota): fn(uow, conflict, choice, value)
KindResolver = Callable[[UnitOfWork, SyncConflict, str, Any], None]
_KIND_RESOLVERS: dict[str, KindResolver] = {}


@dataclass(frozen=True)
class ConflictPartyRow:
    """Who made one side of a conflict: device label, staff display name, when (server time)."""

    device_id: str | None
    device_label: str | None
    operator_id: str | None
    operator_name: str | None
    at: datetime | None

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> ConflictPartyRow | None:
        if not data:
            return None
        at = data.get("at")
        return cls(data.get("device_id"), data.get("device_label"), data.get("operator_id"),
                   data.get("operator_name"), datetime.fromisoformat(at) if at else None)  # fmt: skip


@dataclass(frozen=True)
class ConflictRow:
    """One conflict: base (what both started from), theirs (the server's value now), mine (the
    value that lost), current (this laptop's value now). Values are in JSON form."""

    id: str
    kind: str  # field | transition | natural_key
    entity: str
    entity_id: str
    member_id: str | None
    field: str | None
    base: Any
    theirs: Any
    mine: Any
    current: Any
    other_id: str | None
    device_id: str | None
    operator_id: str | None
    client_time: str | None
    clock_flagged: bool
    created_at: datetime
    resolved_here: bool  # resolved on this laptop, not yet confirmed by the server
    mine_by: ConflictPartyRow | None = None  # who pushed "mine" (the value that lost)
    theirs_by: ConflictPartyRow | None = None  # who wrote "theirs" (the value in force)

    def other_party(self, device_id: str) -> ConflictPartyRow | None:
        """The side made elsewhere, seen from the laptop `device_id`: the writer of the value in
        force when this laptop's change lost, else the device whose change lost."""
        return self.theirs_by if self.device_id == device_id else self.mine_by


@dataclass(frozen=True)
class RejectedRow:
    id: int
    seq: int
    entity: str
    entity_id: str
    member_id: str | None
    op: str
    code: str
    params: dict[str, Any]
    field_names: tuple[str, ...]
    created_at: datetime
    rejected_at: datetime
    dismissed: bool


def register_conflict_editor(entity: str, fn: ConflictEditor) -> None:
    _EDITORS[entity] = fn


def register_kind_resolver(kind: str, fn: KindResolver) -> None:
    """How a conflict of `kind` is resolved on this laptop, e.g. "plate": the chosen
    registration gets a new number plate through the events services."""
    _KIND_RESOLVERS[kind] = fn


def _member_editor(uow: UnitOfWork, entity_id: str, changes: dict[str, Any]) -> None:
    status = changes.pop("status", None)
    editable = {k: v for k, v in changes.items() if k in EDITABLE_FIELDS}
    if editable:
        update_member(uow, member_id=entity_id, changes=editable)
    other = {k: v for k, v in changes.items() if k not in EDITABLE_FIELDS}
    if other:
        _generic_editor(uow, "member", entity_id, other)
    if status is not None:
        change_status(uow, member_id=entity_id, status=status, reason="sync.conflict_resolved")


def _generic_editor(uow: UnitOfWork, entity: str, entity_id: str, changes: dict[str, Any]) -> None:
    spec = entity_spec(entity)
    if spec is None:
        raise XzError("sync.unknown_entity")
    row = uow.session.execute(select(spec.model).where(spec.model.id == entity_id)).scalar()  # type: ignore[attr-defined]
    if row is None:
        raise NotFound("sync.record_not_found")
    for key, value in changes.items():
        setattr(row, key, value)
    uow.audit("sync.conflict_resolved", member_id=spec.member_column and getattr(row, spec.member_column, None),
              fields=sorted(changes))  # fmt: skip


def _current_value(session: Session, conflict: SyncConflict) -> Any:
    spec = entity_spec(conflict.entity)
    if spec is None or not conflict.field or conflict.field not in spec.columns:
        return None
    table = spec.model.__table__  # type: ignore[attr-defined]
    value = session.execute(select(table.c[conflict.field]).where(table.c.id == conflict.entity_id)).scalar()
    return to_jsonable(value)


def list_conflicts(session: Session, *, member_id: str | None = None) -> list[ConflictRow]:
    resolved = set(session.execute(select(SyncResolution.conflict_id)).scalars())
    query = select(SyncConflict).order_by(SyncConflict.created_at, SyncConflict.id)
    if member_id:
        query = query.where(SyncConflict.member_id == member_id)
    out = []
    for c in session.execute(query).scalars():
        spec = entity_spec(c.entity)
        if spec is not None and c.field in spec.derived:
            continue  # derived columns travel with their source and are never shown
        out.append(ConflictRow(
            id=c.id, kind=c.kind, entity=c.entity, entity_id=c.entity_id, member_id=c.member_id, field=c.field,
            base=c.base, theirs=c.theirs, mine=c.mine, current=_current_value(session, c), other_id=c.other_id,
            device_id=c.device_id, operator_id=c.operator_id, client_time=c.client_time,
            clock_flagged=c.clock_flagged, created_at=c.created_at, resolved_here=c.id in resolved,
            mine_by=ConflictPartyRow.of((c.parties or {}).get("mine")),
            theirs_by=ConflictPartyRow.of((c.parties or {}).get("theirs")),
        ))  # fmt: skip
    return out


def resolve_conflict(
    uow: UnitOfWork,
    *,
    conflict_id: str,
    choice: Literal["mine", "theirs", "value"],
    value: Any = None,
) -> None:
    """Close a conflict with the chosen value (JSON form for "value"), as an ordinary edit by
    `uow.actor` in the caller's transaction. Raises NotFound, or the editor's own errors (a
    chosen value can fail validation like any edit)."""
    conflict = uow.session.get(SyncConflict, conflict_id)
    if conflict is None:
        raise NotFound("sync.conflict_not_found")
    resolver = _KIND_RESOLVERS.get(conflict.kind)
    if resolver is not None:
        resolver(uow, conflict, choice, value)
    elif conflict.kind != "natural_key" and conflict.field:
        target = {"mine": conflict.mine, "theirs": conflict.theirs, "value": value}[choice]
        current = _current_value(uow.session, conflict)
        if target != current:
            spec = entity_spec(conflict.entity)
            if spec is None:
                raise XzError("sync.unknown_entity")
            column = spec.model.__table__.c[conflict.field]  # type: ignore[attr-defined]
            changes = {conflict.field: from_jsonable(column, target)}
            editor = _EDITORS.get(conflict.entity)
            if editor is not None:
                editor(uow, conflict.entity_id, changes)
            elif conflict.entity == "member":
                _member_editor(uow, conflict.entity_id, changes)
            else:
                _generic_editor(uow, conflict.entity, conflict.entity_id, changes)
    elif (choice == "value" and isinstance(value, dict)) or (choice == "mine" and isinstance(conflict.mine, dict)):
        # a duplicate merged into the surviving row: "mine" takes the duplicate's differing values
        value = conflict.mine if choice == "mine" else value
        spec = entity_spec(conflict.entity)
        if spec is None:
            raise XzError("sync.unknown_entity")
        table = spec.model.__table__  # type: ignore[attr-defined]
        changes = {k: from_jsonable(table.c[k], v) for k, v in value.items() if k in spec.columns}
        editor = _EDITORS.get(conflict.entity)
        (editor or (lambda u, i, c: _generic_editor(u, conflict.entity, i, c)))(uow, conflict.entity_id, changes)
    if uow.session.get(SyncResolution, conflict_id) is None:
        uow.session.add(SyncResolution(conflict_id=conflict_id, resolved_at=uow.now,
                                       resolved_by=uow.actor.staff_id if uow.actor else None))  # fmt: skip
    uow.mark(Area.SYNC)


def list_rejected(session: Session, *, include_dismissed: bool = False) -> list[RejectedRow]:
    query = select(SyncRejected).order_by(SyncRejected.id.desc())
    if not include_dismissed:
        query = query.where(SyncRejected.dismissed_at.is_(None))
    return [
        RejectedRow(r.id, r.seq, r.entity, r.entity_id, r.member_id, r.op, r.code, dict(r.params or {}),
                    tuple(r.field_names or ()), r.created_at, r.rejected_at, r.dismissed_at is not None)  # fmt: skip
        for r in session.execute(query).scalars()
    ]


def dismiss_rejected(session: Session, rejected_id: int, *, now: datetime) -> None:
    row = session.get(SyncRejected, rejected_id)
    if row is None:
        raise NotFound("sync.rejected_not_found")
    row.dismissed_at = now


from xzdesk.sync import entities as _entities  # noqa: E402

_entities.install_conflict_editors()
