"""Staff accounts on this laptop and what each role may do."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from xzdesk.domain.store.base import Base, MergeClass, SyncedMixin, register_synced


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


@register_synced
class Staff(SyncedMixin, Base):
    """A staff account. `district_code` None means city-wide (市总工会)."""

    __tablename__ = "staff"
    __sync__ = MergeClass.CASE_FIELDS
    __member_column__ = None

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[Role] = mapped_column(String(32))
    district_code: Mapped[str | None] = mapped_column(String(6))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


# Roles nobody may grant to themselves (an administrator creates them for someone else).
NOT_SELF_ASSIGNABLE: frozenset[Role] = frozenset({Role.PRIVACY_OFFICER, Role.AUDITOR})


class StaffCredential(Base):
    """The password of a staff account on this laptop (argon2id) and its sign-in throttle.

    Local only, never synced: who may sign in on this computer is this computer's fact."""

    __tablename__ = "staff_credential"

    staff_id: Mapped[str] = mapped_column(String(36), ForeignKey("staff.id"), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    changed_at: Mapped[datetime]
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None]
    locked_at: Mapped[datetime | None]
    must_change: Mapped[bool] = mapped_column(Boolean, default=False)  # set by an administrator's reset
