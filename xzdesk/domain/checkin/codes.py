"""The check-in area's codes: what a scan decided and how it was made, the registration statuses
the door expects, and the kinds of venue pack."""

from __future__ import annotations

import enum


class Verdict(enum.StrEnum):
    CHECKED_IN = "checked_in"  # number plate and table shown
    ALREADY = "already"  # already checked in: when and on which laptop
    OTHER_EVENT = "other_event"  # a badge of another event
    CANCELLED = "cancelled"  # the registration was cancelled
    NOT_APPROVED = "not_approved"  # pending or waitlisted
    UNKNOWN = "unknown"  # unknown or forged token (kept unresolved)


class UnknownReason(enum.StrEnum):
    """`CheckinScan.detail` of an UNKNOWN verdict (no scanned text in it). Only FORGED is a code
    that fails its check; the others are not badges at all or valid badges this laptop cannot
    place, and are worded so (never "forged")."""

    MALFORMED = "malformed"  # not a badge code of this system at all
    FORGED = "forged"  # right event code, wrong MAC: altered or made up
    NOT_ON_ROSTER = "not_on_roster"  # valid token of this event, no registration here: kept unresolved
    NO_EVENT_KEY = "no_event_key"  # this laptop lacks the event key


class ScanMethod(enum.StrEnum):
    SCANNER = "scanner"  # keyboard-wedge scanner or typed into the scan field
    CAMERA = "camera"
    MANUAL = "manual"  # picked from the manual search
    WALK_IN = "walk_in"  # registered on the spot
    CONFIRMED = "confirmed"  # staff confirmed afterwards that the person was there (no scan at the door)


ACCEPTED = Verdict.CHECKED_IN
ATTENDED = "attended"  # roster status: the office marked the person as there (counts as present)
# Roster statuses that hold a place (expected to come).
EXPECTED_STATUSES = frozenset({"approved", ATTENDED, "no_show"})
NOT_APPROVED_STATUSES = frozenset({"pending", "waitlisted"})


class PackKind(enum.StrEnum):
    EVENT_OUT = "event_out"  # made here (office) for a venue laptop
    EVENT_IN = "event_in"  # imported here (venue laptop)
    RETURN_OUT = "return_out"  # made here (venue laptop) for the office
    RETURN_IN = "return_in"  # imported here (office)
