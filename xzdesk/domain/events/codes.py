"""Codes of the events area: event kinds and statuses, registration sources and statuses, and
the allowed state transitions (validated locally by the services and on the server by sync).

Labels for display live in the UI (translated); the Chinese names in comments are reference only.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from xzdesk.domain.members.names import TITLES


class EventKind(enum.StrEnum):
    MIXER = "mixer"  # 联谊会
    SPEED_DATING = "speed_dating"  # 8分钟约会 (rotations)
    OUTDOOR = "outdoor"  # 户外活动
    SALON = "salon"  # 沙龙/读书会
    SECTOR = "sector"  # 专场: one sector only (member `sector` codes as the filter)


class EventStatus(enum.StrEnum):
    DRAFT = "draft"  # being planned; invitations may be prepared
    OPEN = "open"  # registrations accepted
    CLOSED = "closed"  # registrations closed; approvals, seat plans and prints continue
    HELD = "held"  # took place; no-shows recorded, interest cards entered
    CANCELLED = "cancelled"


EVENT_TRANSITIONS: Mapping[str, frozenset[str]] = {
    EventStatus.DRAFT: frozenset({EventStatus.OPEN, EventStatus.CANCELLED}),
    EventStatus.OPEN: frozenset({EventStatus.CLOSED, EventStatus.HELD, EventStatus.CANCELLED}),
    EventStatus.CLOSED: frozenset({EventStatus.OPEN, EventStatus.HELD, EventStatus.CANCELLED}),
    EventStatus.HELD: frozenset(),
    EventStatus.CANCELLED: frozenset(),
}

# Event statuses in which registrations may be created, approved or cancelled by the office.
PLANNING_STATUSES = frozenset({EventStatus.DRAFT, EventStatus.OPEN, EventStatus.CLOSED})
# ... and in which the venue may still add walk-ins (the event is running or about to).
WALK_IN_STATUSES = frozenset({EventStatus.OPEN, EventStatus.CLOSED})


class RegistrationSource(enum.StrEnum):
    ONLINE = "online"  # mini-program sign-up, arrives by sync as pending
    INVITATION = "invitation"  # a matchmaker invited the member (caseload or suggestions)
    WALK_IN = "walk_in"  # registered at the venue


class RegistrationStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"
    ATTENDED = "attended"


REGISTRATION_TRANSITIONS: Mapping[str, frozenset[str]] = {
    RegistrationStatus.PENDING: frozenset(
        {RegistrationStatus.APPROVED, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED}
    ),
    RegistrationStatus.WAITLISTED: frozenset({RegistrationStatus.APPROVED, RegistrationStatus.CANCELLED}),
    RegistrationStatus.APPROVED: frozenset(
        {RegistrationStatus.CANCELLED, RegistrationStatus.NO_SHOW, RegistrationStatus.ATTENDED}
    ),
    # A late check-in (synced after no-shows were recorded) corrects a no-show.
    RegistrationStatus.NO_SHOW: frozenset({RegistrationStatus.ATTENDED}),
    RegistrationStatus.ATTENDED: frozenset(),
    # A cancelled registration may be reopened (one registration per member and event).
    RegistrationStatus.CANCELLED: frozenset({RegistrationStatus.PENDING}),
}

# Statuses that hold a place (count against capacity and quotas).
PLACE_HOLDING = frozenset({RegistrationStatus.APPROVED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW})
# Statuses a registration may be cancelled from.
CANCELLABLE = frozenset({RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED, RegistrationStatus.APPROVED})
# Statuses whose person gets a badge, a seat and a place on the sign-in sheet.
ON_LIST = frozenset({RegistrationStatus.APPROVED, RegistrationStatus.ATTENDED})


class CancelReason(enum.StrEnum):
    MEMBER_REQUEST = "member_request"  # the member cancelled
    DECLINED = "declined"  # the organiser declined the sign-up
    INELIGIBLE = "ineligible"
    EVENT_CANCELLED = "event_cancelled"
    CONSENT_WITHDRAWN = "consent_withdrawn"  # the member withdrew basic processing: no further events
    OTHER = "other"


# Reasons the system records by itself, never chosen in the cancel dialog.
SYSTEM_CANCEL_REASONS = frozenset({CancelReason.EVENT_CANCELLED, CancelReason.CONSENT_WITHDRAWN})


class Ineligibility(enum.StrEnum):
    """Why a member may not take part in an event (codes for the UI)."""

    STATUS = "status"  # member status not active or verified
    CONSENT = "consent"  # basic-processing consent not in force
    FRAUD_FLAG = "fraud_flag"
    UNVERIFIED = "unverified"  # the event takes verified members only
    AGE = "age"
    SECTOR = "sector"
    DISTRICT = "district"
    MARITAL = "marital"
    SEX = "sex"  # no place for this sex at all (quota 0)


ELIGIBLE_MEMBER_STATUSES = frozenset({"active", "verified"})

SEX_PREFIX = {1: "M", 2: "F"}  # number plates: M01.., F01..

# Badge names: surname + 先生/女士 (one table, with the helper that uses it: members.names.polite_name).
TITLE = TITLES


class NameStyle(enum.StrEnum):
    """How a badge names its wearer."""

    SURNAME = "surname"  # 张先生 / 欧阳女士
    NICKNAME = "nickname"  # the member's nickname, falling back to surname + title
