"""Introductions (牵线) and the other tables of the matching pillar.

- `Introduction`: one row per pair of members, ever (the pair is stored in id order, so
  (a, b) and (b, a) are the same row). Its `stage` moves through `TRANSITIONS`:

      proposed | mutual_interest  --both accept-->  accepted  --> contacts_exchanged --> met
          |  (either declines) -> declined                        |                     |
          +-> withdrawn (by the matchmaker, before meeting)       +-> no_interest        v
                                                       outcomes: no_interest, continue, dating,
                                                                 engaged, married

  `proposed` is a matchmaker's proposal, `mutual_interest` the entry stage for two people who
  ticked each other at an event. Each side's answer is recorded separately (`a_response`,
  `b_response`); the stage becomes `accepted` when both accepted and `declined` when either
  declined, with the reason given (`decline_reason`, a `DeclineReason`, and an optional short
  note). `married`, `no_interest`, `declined` and `withdrawn` are final, with one exception: a
  decline recorded by mistake may be undone within `UNDO_DECLINE_WINDOW` (`UNDO_TRANSITIONS`:
  back to the entry stage, the declining side's answer cleared, audited as
  `introduction.decline_undone`).
- `PairBlock`: "never suggest or introduce these two" (a member's wish or the matchmaker's
  judgement: relatives, colleagues, a past acquaintance), lifted by a timestamp, never deleted.
- `MatchSetting`: administrator settings of the matcher (the rank weights), append-only: every
  change is a new row and the latest `set_at` per key is in force, so changes made on different
  devices converge without conflicts and the history stays visible.
- `MatchModelRecord`: fitted outcome models (JSON), local to this laptop (each laptop learns from
  the labels in its own scope); not synced.

Sync: `Introduction` is a STATE_MACHINE entity. It refers to two members: `member_a_id` is its
member column and `member_b_id` a further member reference, so erasing either member purges the
row (a half-row would still tell who was introduced to whom). `validate_transition` is the
transition validator for the server (sync registers it; the domain does not import sync).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Float, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from xzdesk.domain.introductions.codes import (
    DECLINE_NOTE_MAX,
    ENTRY_STAGES,
    TRANSITIONS,
    UNDO_DECLINE_WINDOW,
    UNDO_TRANSITIONS,
    Response,
    Source,
    Stage,
)
from xzdesk.domain.store.base import Base, MergeClass, SyncedMixin, register_synced
from xzdesk.domain.store.ids import new_id


def entry_stage(source: str) -> Stage:
    """The stage an introduction starts in: mutual interest for a pair from an event's cards."""
    return Stage.MUTUAL_INTEREST if source == Source.EVENT.value else Stage.PROPOSED


def ordered_pair(first_id: str, second_id: str) -> tuple[str, str]:
    """The stored order of a pair (smaller id first)."""
    return (first_id, second_id) if first_id < second_id else (second_id, first_id)


def stage_from_responses(stage: str, a_response: str | None, b_response: str | None) -> str:
    """The stage the answers call for: an entry stage becomes `declined` when either side
    declined and `accepted` when both accepted; any other stage is returned unchanged."""
    if stage not in ENTRY_STAGES:
        return stage
    if Response.DECLINED in (a_response, b_response):
        return Stage.DECLINED.value
    if a_response == Response.ACCEPTED and b_response == Response.ACCEPTED:
        return Stage.ACCEPTED.value
    return stage


def validate_transition(current: Mapping[str, Any], changes: Mapping[str, Any]) -> str | None:
    """Transition validator for sync (`(current row, changed fields) -> None | error code`).

    Allowed: a stage change along TRANSITIONS whose answers agree (accepted needs both answers
    accepted, declined needs one declined), and answers recorded while the row is in an entry
    stage (alone, or together with the stage they lead to). Anything else returns
    `introductions.bad_transition` or `introductions.answers_closed`.
    """
    merged = {**current, **changes}
    old = str(current.get("stage"))
    new = str(merged.get("stage"))
    answers_changed = any(
        k in changes and changes[k] != current.get(k) for k in ("a_response", "b_response")
    )
    if old == Stage.DECLINED.value and new in ENTRY_STAGES:
        return _undo_problem(merged)
    if answers_changed and old not in ENTRY_STAGES:
        return "introductions.answers_closed"
    if new == old:
        return None
    try:
        allowed = TRANSITIONS[Stage(old)]
        target = Stage(new)
    except ValueError:
        return "introductions.bad_transition"
    if target not in allowed:
        return "introductions.bad_transition"
    if target in (Stage.ACCEPTED, Stage.DECLINED):
        if stage_from_responses(old, merged.get("a_response"), merged.get("b_response")) != target:
            return "introductions.bad_transition"
    return None


def _undo_problem(merged: Mapping[str, Any]) -> str | None:
    """An undone decline must leave no declined answer behind."""
    answers = (merged.get("a_response"), merged.get("b_response"))
    if Response.DECLINED.value in answers:
        return "introductions.bad_transition"
    return None


def _with_undo(transitions: Mapping[Stage, frozenset[Stage]]) -> dict[str, frozenset[str]]:
    return {k.value: frozenset(v.value for v in vs | UNDO_TRANSITIONS.get(k, frozenset())) for k, vs in transitions.items()}


@register_synced
class Introduction(SyncedMixin, Base):
    """One introduction of a pair; see the module docstring for the stages."""

    __tablename__ = "introduction"
    __sync__ = MergeClass.STATE_MACHINE
    __member_column__ = "member_a_id"
    __member_refs__ = ("member_b_id",)
    __natural_key__ = ("member_a_id", "member_b_id")
    __state_field__ = "stage"
    __transitions__ = _with_undo(TRANSITIONS)
    __sync_max__ = ("updated_at",)

    member_a_id: Mapped[str] = mapped_column(String(36))  # indexed by ix_introduction_pair
    member_b_id: Mapped[str] = mapped_column(String(36), index=True)
    stage: Mapped[str] = mapped_column(String(24), index=True)
    source: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str | None] = mapped_column(String(36), index=True)
    matchmaker_id: Mapped[str | None] = mapped_column(String(36), index=True)  # who runs it
    proposed_at: Mapped[datetime]
    proposed_by: Mapped[str | None] = mapped_column(String(36))
    score: Mapped[float | None] = mapped_column(Float)  # rank score when proposed, if from a list
    a_response: Mapped[str | None] = mapped_column(String(8))
    a_responded_at: Mapped[datetime | None]
    b_response: Mapped[str | None] = mapped_column(String(8))
    b_responded_at: Mapped[datetime | None]
    contacts_exchanged_at: Mapped[datetime | None]
    met_on: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None]
    withdraw_reason: Mapped[str | None] = mapped_column(String(24))
    decline_reason: Mapped[str | None] = mapped_column(String(24))  # DeclineReason, when declined
    decline_note: Mapped[str | None] = mapped_column(String(DECLINE_NOTE_MAX))
    follow_up_ids: Mapped[list[str]] = mapped_column(default=list)  # the automatic 回访 tasks
    updated_at: Mapped[datetime] = mapped_column(index=True)

    # One row per pair is the services' rule (checked before every insert), not a UNIQUE index:
    # two laptops may propose the same pair offline, and pulling the other's row must never
    # fail; the server is asked to reject or merge the second (see the sync notes).
    __table_args__ = (Index("ix_introduction_pair", "member_a_id", "member_b_id"),)

    def side(self, member_id: str) -> str:
        """"a" or "b" for a member of this introduction; KeyError otherwise."""
        if member_id == self.member_a_id:
            return "a"
        if member_id == self.member_b_id:
            return "b"
        raise KeyError(member_id)

    def other(self, member_id: str) -> str:
        return self.member_b_id if self.side(member_id) == "a" else self.member_a_id


@register_synced
class PairBlock(SyncedMixin, Base):
    """Two members who must never be suggested to each other or introduced. Lifting sets
    `lifted_at` once; a new block is a new row."""

    __tablename__ = "pair_block"
    __sync__ = MergeClass.CASE_FIELDS
    __member_column__ = "member_id"
    __member_refs__ = ("other_member_id",)

    member_id: Mapped[str] = mapped_column(String(36), index=True)
    other_member_id: Mapped[str] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(String(24))
    created_at: Mapped[datetime]
    created_by: Mapped[str | None] = mapped_column(String(36))
    lifted_at: Mapped[datetime | None]
    lifted_by: Mapped[str | None] = mapped_column(String(36))


@register_synced
class MatchSetting(SyncedMixin, Base):
    """One administrator setting of the matcher (append-only; the latest `set_at` per key wins)."""

    __tablename__ = "match_setting"
    __sync__ = MergeClass.APPEND_ONLY
    __member_column__ = None
    __scope__ = "global"

    key: Mapped[str] = mapped_column(String(32))
    value: Mapped[dict[str, Any]]
    set_at: Mapped[datetime]
    set_by: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (Index("ix_match_setting_key_set_at", "key", "set_at"),)


class MatchModelRecord(Base):
    """A fitted outcome model as JSON (`OutcomeModel.to_dict`). Local to this laptop."""

    __tablename__ = "match_model"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    fitted_at: Mapped[datetime]
    n_positive: Mapped[int] = mapped_column(Integer)
    n_negative: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]


__all__ = [
    "TRANSITIONS",
    "UNDO_DECLINE_WINDOW",
    "UNDO_TRANSITIONS",
    "DECLINE_NOTE_MAX",
    "Introduction",
    "MatchModelRecord",
    "MatchSetting",
    "PairBlock",
    "entry_stage",
    "ordered_pair",
    "stage_from_responses",
    "validate_transition",
]
