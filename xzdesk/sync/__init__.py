"""Offline-first sync between laptops and the central server (shared/design/sync.md).

Pure Python (no Qt, never imports xzdesk.server). Modules:
- protocol.py  pydantic messages of /sync/v1 (the server's OpenAPI schema comes from them)
- registry.py  `EntitySpec` per synced table, derived from the model's class attributes
- client.py    HTTP client (httpx); every failure is a `SyncError` with a stable code
- apply.py     applying pulled pages and push results to the local database
- engine.py    `SyncEngine`: enrol, `sync_once()` (push then pull), status, backoff
- conflicts.py conflict list / resolution (an ordinary edit) and the rejected inbox
The laptop-side tables and the erasure entry point live in xzdesk.domain.store.sync_state (the
domain may not import this package).

How a new entity plugs in (no change to the engine or the server)
-----------------------------------------------------------------
1. Model: subclass `SyncedMixin, Base`, decorate with `@register_synced`, add the models module
   to xzdesk/domain/models.py, and declare on the class (xzdesk/domain/store/base.py):

   __sync__ = MergeClass.X              CASE_FIELDS | APPEND_ONLY | CHECKIN | STATE_MACHINE |
                                        NATURAL_KEY (required)
   __member_column__ = "member_id"      column holding the member id (erasure and scope);
                                        None for rows that belong to no member
   __member_refs__ = ("member_b_id",)   further member-id columns: rows referencing an erased
                                        member are purged too (e.g. introductions)
   __scope__ = {"event": "event_id"}    where rows are visible: {"district": col} and/or
                                        {"event": col}; "global" = every device; default: the
                                        member's scope, else the pushing device's own scope.
                                        A row with both a district (from its member) and an
                                        event is seen by that district's matchmakers and by
                                        the event's venue devices.
   __natural_key__ = ("member_id", "event_id")
                                        NATURAL_KEY: a second insert with the same key merges
                                        into the first (devices are told via a `natural_key`
                                        conflict); CHECKIN: the duplicate-scan key (a key with
                                        a NULL part, e.g. an unknown token, never matches)
   __duplicate_field__ = "duplicate_of" CHECKIN: the server writes the canonical scan's id here
   __state_field__ = "status"           STATE_MACHINE: the state column, and
   __transitions__ = {"pending": {"approved", "rejected"}, ...}
                                        allowed moves; a stale base state is a conflict, a
                                        move not listed is rejected (code sync.bad_transition)
   __archive__ = ("status", "archived") a delete becomes this update (case files are archived,
                                        physically removed only by erasure)
   __sync_max__ / __sync_derived__      timestamps merged by max / derived columns that follow
                                        their source and never show in conflict screens

2. Functions instead of attributes (registered from xzdesk/sync or server start-up code):
   registry.register_transition_validator("registration", fn)   fn(current, changes) -> code|None
   registry.register_scope_resolver("registration", fn)         fn(values, ScopeContext) -> RecordScope
   registry.configure_entity("event", public_filter=("status", "published"),
                             public_fields=("title", "starts_at", ...))   online intake list
   registry.register_intake_builder("registration", fn)         online sign-up row builder
   conflicts.register_conflict_editor("registration", fn)       fn(uow, id, changes): resolve via
                                                                the area's own services
   `configure_entity(name, ...)` also overrides any class attribute for models owned by
   another area (member, staff and audit_log are configured in registry.py).

3. Migration: the laptop table comes from the area's own Alembic revision; the server needs
   nothing (its storage is generic).

Rules the engine relies on: ids are UUIDv7 strings in `id`; every column a laptop needs is a
mapped column (values travel as `to_jsonable` JSON); tables whose rows are immutable
(APPEND_ONLY) are never updated locally by sync.
"""

from __future__ import annotations
