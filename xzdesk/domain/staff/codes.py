"""Staff roles and what each may do (the permission table the unit of work checks)."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    ADMIN = "admin"  # local administrator: creates accounts and grants roles, nothing else
    MATCHMAKER = "matchmaker"
    EVENT_STAFF = "event_staff"
    UNION_ADMIN = "union_admin"
    PRIVACY_OFFICER = "privacy_officer"
    AUDITOR = "auditor"


class Permission(enum.StrEnum):
    MEMBERS_VIEW = "members.view"  # open case files (masked)
    MEMBERS_EDIT = "members.edit"  # register, edit, verify, consent, notes, follow-ups
    MEMBERS_UNMASK = "members.unmask"  # show unmasked identifiers, with a reason
    CHECKIN_VIEW = "checkin.view"  # number, masked name, status at the venue
    REPORTS_AGGREGATE = "reports.aggregate"
    REPORTS_INTERNAL = "reports.internal"  # the union's unsuppressed statistics (audited, never exported)
    RIGHTS_REQUESTS = "privacy.rights"
    AUDIT_READ = "audit.read"
    STAFF_MANAGE = "staff.manage"
    EVENTS_MANAGE = "events.manage"  # plan events, registrations, seat plans, prints, attendee lists
    CHECKIN = "checkin.record"  # at the venue: scans, walk-ins, attendance, badge reprints
    MATCHING_POLICY = "matching.policy"  # the union's rank weights and the adopted outcome model


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.MATCHMAKER: frozenset(
        {
            Permission.MEMBERS_VIEW,
            Permission.MEMBERS_EDIT,
            Permission.MEMBERS_UNMASK,
            Permission.CHECKIN_VIEW,
            Permission.REPORTS_AGGREGATE,
            Permission.EVENTS_MANAGE,
            Permission.CHECKIN,
        }
    ),
    Role.EVENT_STAFF: frozenset({Permission.CHECKIN_VIEW, Permission.CHECKIN}),
    Role.ADMIN: frozenset({Permission.STAFF_MANAGE}),
    Role.UNION_ADMIN: frozenset(
        {
            Permission.REPORTS_AGGREGATE,
            Permission.REPORTS_INTERNAL,
            Permission.EVENTS_MANAGE,
            Permission.MATCHING_POLICY,
        }
    ),
    Role.PRIVACY_OFFICER: frozenset(
        {Permission.MEMBERS_VIEW, Permission.MEMBERS_UNMASK, Permission.RIGHTS_REQUESTS, Permission.AUDIT_READ}
    ),
    Role.AUDITOR: frozenset({Permission.AUDIT_READ}),
}
# Roles nobody may grant to themselves (an administrator creates them for someone else).
NOT_SELF_ASSIGNABLE: frozenset[Role] = frozenset({Role.PRIVACY_OFFICER, Role.AUDITOR})
