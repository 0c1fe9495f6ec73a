"""The introductions area's codes: stages (and the groups of them the rules name), answers,
where a proposal came from, and the reasons for a withdrawal, a decline or a block.

The stage machine over these codes is in models.py (`TRANSITIONS`, `validate_transition`)."""

from __future__ import annotations

import enum


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
