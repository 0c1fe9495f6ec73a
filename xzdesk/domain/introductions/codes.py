"""The introductions area's codes: stages (and the groups of them the rules name), answers,
where a proposal came from, and the reasons for a withdrawal, a decline or a block.

The stage machine over these codes is here too (`TRANSITIONS`, `UNDO_TRANSITIONS`: see models.py
for the picture); models.py validates a synced change against it (`validate_transition`)."""

from __future__ import annotations

import enum
from datetime import timedelta


class Stage(enum.StrEnum):
    PROPOSED = "proposed"
    MUTUAL_INTEREST = "mutual_interest"  # entry stage: both ticked each other at an event
    ACCEPTED = "accepted"  # both sides accepted
    DECLINED = "declined"  # either side declined
    CONTACTS_EXCHANGED = "contacts_exchanged"
    MET = "met"
    NO_INTEREST = "no_interest"
    CONTINUE = "continue"  # 继续了解
    DATING = "dating"
    ENGAGED = "engaged"
    MARRIED = "married"
    WITHDRAWN = "withdrawn"  # withdrawn by the matchmaker before the two met


class Response(enum.StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Source(enum.StrEnum):
    MATCHMAKER = "matchmaker"  # proposed from the candidate list or by hand
    BATCH = "batch"  # confirmed from a batch preview
    EVENT = "event"  # mutual interest on the cards of an event
    ONLINE = "online"  # a member asked online ("想认识"); the matchmaker decides as for any proposal


class WithdrawReason(enum.StrEnum):
    MATCHMAKER = "matchmaker"
    MEMBER_REQUEST = "member_request"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    FRAUD_FLAG = "fraud_flag"
    STATUS_CHANGED = "status_changed"


class DeclineReason(enum.StrEnum):
    """Why a side declined (the matchmaker picks one; a note may add words)."""

    NOT_A_MATCH = "not_a_match"  # 感觉不合适
    AGE = "age"
    DISTANCE = "distance"  # lives or works too far away
    CIRCUMSTANCES = "circumstances"  # family, work or financial circumstances
    SEEING_SOMEONE = "seeing_someone"  # already getting to know someone
    NOT_READY = "not_ready"  # not looking for now
    NO_REPLY = "no_reply"  # could not be reached
    OTHER = "other"


class BlockReason(enum.StrEnum):
    MEMBER_REQUEST = "member_request"
    RELATIVES = "relatives"
    COLLEAGUES = "colleagues"
    KNOWN_BEFORE = "known_before"
    MATCHMAKER = "matchmaker"


ENTRY_STAGES = frozenset({Stage.PROPOSED, Stage.MUTUAL_INTEREST})
OUTCOMES: tuple[Stage, ...] = (Stage.NO_INTEREST, Stage.CONTINUE, Stage.DATING, Stage.ENGAGED, Stage.MARRIED)
FINAL_STAGES = frozenset({Stage.DECLINED, Stage.NO_INTEREST, Stage.MARRIED, Stage.WITHDRAWN})
# Open = not final: these count as a member's open proposals (fairness damping).
OPEN_STAGES = frozenset(Stage) - FINAL_STAGES
# Stages at which both sides have accepted: contacts may be shown, slips carry them.
CONTACT_STAGES = frozenset(
    {Stage.ACCEPTED, Stage.CONTACTS_EXCHANGED, Stage.MET, Stage.CONTINUE, Stage.DATING, Stage.ENGAGED, Stage.MARRIED}
)
# Outcomes that count as "dating or better" (a positive label; members become in_relationship).
RELATIONSHIP_STAGES = frozenset({Stage.DATING, Stage.ENGAGED, Stage.MARRIED})


# The stage machine (models.py draws it), the one way back from a final stage (a decline undone
# within UNDO_DECLINE_WINDOW), and the longest note a decline may carry.
TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    Stage.PROPOSED: frozenset({Stage.ACCEPTED, Stage.DECLINED, Stage.WITHDRAWN}),
    Stage.MUTUAL_INTEREST: frozenset({Stage.ACCEPTED, Stage.DECLINED, Stage.WITHDRAWN}),
    Stage.ACCEPTED: frozenset({Stage.CONTACTS_EXCHANGED, Stage.WITHDRAWN}),
    Stage.CONTACTS_EXCHANGED: frozenset({Stage.MET, Stage.NO_INTEREST, Stage.WITHDRAWN}),
    Stage.MET: frozenset(OUTCOMES),
    Stage.CONTINUE: frozenset({Stage.NO_INTEREST, Stage.DATING, Stage.ENGAGED, Stage.MARRIED}),
    Stage.DATING: frozenset({Stage.NO_INTEREST, Stage.ENGAGED, Stage.MARRIED}),
    Stage.ENGAGED: frozenset({Stage.NO_INTEREST, Stage.MARRIED}),
    Stage.DECLINED: frozenset(),
    Stage.NO_INTEREST: frozenset(),
    Stage.MARRIED: frozenset(),
    Stage.WITHDRAWN: frozenset(),
}


# A withdrawn consent ends the introductions it makes impossible, wherever it is withdrawn (on a
# laptop's case file, through a rights request, or by the member online): without sharing the
# profile (or without any processing) a pair that has not exchanged contacts cannot go on. Such
# introductions are withdrawn with WithdrawReason.CONSENT_WITHDRAWN; later stages stay as they are.
BEFORE_CONTACTS = frozenset({Stage.PROPOSED, Stage.MUTUAL_INTEREST, Stage.ACCEPTED})
ENDED_BY_WITHDRAWAL: dict[str, frozenset[Stage]] = {"basic": BEFORE_CONTACTS, "share_profile": BEFORE_CONTACTS}


def ended_by_withdrawal(consent_type: str) -> frozenset[Stage]:
    """The stages of the introductions a withdrawal of `consent_type` ends (empty: none)."""
    return ENDED_BY_WITHDRAWAL.get(str(consent_type), frozenset())


# The one way back from a final stage: a decline undone (see models.py).
UNDO_TRANSITIONS: dict[Stage, frozenset[Stage]] = {Stage.DECLINED: frozenset(ENTRY_STAGES)}
UNDO_DECLINE_WINDOW = timedelta(hours=24)
DECLINE_NOTE_MAX = 200  # characters
