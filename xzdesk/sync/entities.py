"""Wiring of the entities whose areas asked the sync layer to plug functions in (the domain
may not import xzdesk.sync, so each area exposes a `sync_hooks` module and this file registers
it). Imported by registry.py (scope, intake, venue projection) and conflicts.py (editors).

Adding an area: put its registrations here, one block per area.
"""

from __future__ import annotations

from typing import Any

from xzdesk.sync import registry


def _walk_in_scope(values: Any, ctx: registry.ScopeContext) -> registry.RecordScope:
    from xzdesk.domain.checkin.sync_hooks import walk_in_scope_fields

    return registry.RecordScope(**walk_in_scope_fields(values, device_id=ctx.device_id))


def _audit_scope(values: Any, ctx: registry.ScopeContext) -> registry.RecordScope:
    """Audit entries: seen where their member is (else the device's district), and always by
    the device that wrote them (a venue laptop audits check-ins of members it cannot see)."""
    district = ctx.member_scope.district if ctx.member_scope is not None else ctx.device_district
    return registry.RecordScope(district=district, owner_device=ctx.device_id)


def _introduction_scope(values: Any, ctx: registry.ScopeContext) -> registry.RecordScope:
    """An introduction is seen where both members are. A pair across two districts is visible
    to every matchmaker device: the row holds only random member ids and stage codes, and a
    laptop shows it only next to the member it holds (the other side stays unknown to it)."""
    a = ctx.member_scope
    other = values.get("member_b_id")
    b = ctx.lookup_member(other) if ctx.lookup_member is not None and other else None
    if a is None:
        return registry.RecordScope()
    if b is None or a.district == b.district:  # the other side unknown here: where member a is
        return registry.RecordScope(district=a.district)
    return registry.RecordScope()


def install_registry_hooks() -> None:
    from xzdesk.domain.checkin import sync_hooks as checkin_hooks
    from xzdesk.domain.events import sync_hooks as event_hooks
    from xzdesk.domain.introductions.models import validate_transition
    from xzdesk.domain.staff.codes import Permission

    # introductions: the server checks every stage move and answer; pairs across districts
    registry.register_transition_validator("introduction", validate_transition)
    registry.register_scope_resolver("introduction", _introduction_scope)

    registry.register_scope_resolver("audit_log", _audit_scope)
    # the matcher's weights and adopted model: the union's policy, written only by someone with
    # `matching.policy` (a union administrator, whose laptop otherwise pushes nothing), global
    registry.configure_entity("match_setting", write_permission=Permission.MATCHING_POLICY.value)
    # events: the mini-program lists open events with public fields; sign-ups build pending
    # registrations
    registry.configure_entity("event", public_filter=event_hooks.PUBLIC_FILTER,
                              public_fields=event_hooks.PUBLIC_FIELDS)  # fmt: skip
    registry.register_intake_builder("registration", event_hooks.online_signup_fields)
    # offline approvals on two laptops: a plate handed out twice, a cap exceeded -> conflicts
    registry.register_event_check(registry.EventCheck("registration", frozenset({"plate", "quota"}),
                                                      event_hooks.offline_problems))  # fmt: skip
    # one person, one case file: a member registered on two laptops offline (same ID number,
    # its blind index) is merged into the first; rows referring to a merged row follow it
    registry.configure_entity("member", natural_key=("id_hmac",))
    for entity, column in (("checkin_scan", "registration_id"), ("checkin_annulment", "registration_id"),
                           ("interest_card", "owner_registration_id"),
                           ("checkin_walk_in", "adopted_registration_id")):  # fmt: skip
        registry.configure_entity(entity, refs={column: "registration"})
    # history keeps the ids of its time; every device sends its own trail, a union administrator's
    # aggregate-only laptop included (a report exported, a model adopted: the server keeps the who)
    registry.configure_entity("audit_log", repoint=False, own_trail=True)
    # check-in: a walk-in (ID number, phone) goes to the office and the laptop that took it only
    registry.register_scope_resolver("checkin_walk_in", _walk_in_scope)
    # a device enrolled for events only (venue laptop) receives and writes only what check-in
    # needs, not registrations, seats or case files
    registry.set_event_device_entities(checkin_hooks.VENUE_ENTITIES)


def install_conflict_editors() -> None:
    from xzdesk.domain.checkin import sync_hooks as checkin_hooks
    from xzdesk.domain.events import sync_hooks as event_hooks
    from xzdesk.sync.conflicts import register_conflict_editor, register_kind_resolver

    register_conflict_editor("event", event_hooks.edit_event)
    register_conflict_editor("registration", event_hooks.edit_registration)
    register_conflict_editor("checkin_roster", checkin_hooks.edit_roster)
    register_conflict_editor("checkin_walk_in", checkin_hooks.edit_walk_in)
    # a plate handed out twice: "theirs" keeps the plate with the registration that had it first
    # (this one gets a new plate), "mine" keeps it with this one (the other gets a new plate);
    # an exceeded cap: closing it keeps everyone (the organiser moves people in the events screen)
    register_kind_resolver("plate", _resolve_plate)
    register_kind_resolver("quota", lambda _uow, _conflict, _choice, _value: None)


def _resolve_plate(uow: Any, conflict: Any, choice: str, _value: Any) -> None:
    from xzdesk.domain.events import sync_hooks as event_hooks

    target = conflict.other_id if choice == "mine" and conflict.other_id else conflict.entity_id
    event_hooks.renumber_duplicate_plate(uow, target)
