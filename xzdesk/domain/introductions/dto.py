"""Frozen views handed out by the introductions services and queries.

Names are masked (`张*`) everywhere except in `ContactRow`, which only the audited contact
services return, and only once both sides accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from xzdesk.domain.introductions.codes import CONTACT_STAGES, OPEN_STAGES
from xzdesk.domain.members.dto import FollowUpInfo


@dataclass(frozen=True)
class IntroductionSideRow:
    """One side of an introduction as lists and boards show it."""

    member_id: str
    member_no: str
    name_masked: str
    sex: int
    age: int
    district_code: str
    status: str
    response: str | None  # "accepted" | "declined" | None (not asked yet)
    responded_at: datetime | None = None


@dataclass(frozen=True)
class LiveIntroductionRow:
    """Another introduction in progress (an open stage) of one member: who with, how far."""

    introduction_id: str
    member_id: str  # the member who is in it
    member_no: str
    other_member_no: str
    other_name_masked: str
    stage: str


@dataclass(frozen=True)
class IntroductionRow:
    """One line of the board or of a member's history. `also_live` lists the other open
    introductions of either side (a member in two live introductions at once is a warning);
    `undo_until` is set while a decline may still be undone."""

    id: str
    stage: str
    source: str
    a: IntroductionSideRow
    b: IntroductionSideRow
    proposed_at: datetime
    updated_at: datetime
    matchmaker_name: str | None
    next_follow_up: date | None  # earliest open 回访 of this introduction
    overdue_follow_ups: int  # open 回访 due before today
    decline_reason: str | None = None
    decline_note: str | None = None
    closed_at: datetime | None = None
    undo_until: datetime | None = None
    also_live: tuple[LiveIntroductionRow, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


@dataclass(frozen=True)
class IntroductionInfo:
    """An introduction as its detail view shows it. `next_stages` lists the stages the
    matchmaker may move it to now (accepted/declined come from `record_response`)."""

    id: str
    version: int
    stage: str
    source: str
    event_id: str | None
    a: IntroductionSideRow
    b: IntroductionSideRow
    proposed_at: datetime
    proposed_by_name: str | None
    matchmaker_name: str | None
    score: float | None
    contacts_exchanged_at: datetime | None
    met_on: date | None
    closed_at: datetime | None
    withdraw_reason: str | None
    updated_at: datetime
    follow_ups: tuple[FollowUpInfo, ...]
    next_stages: tuple[str, ...]
    decline_reason: str | None = None
    decline_note: str | None = None
    undo_until: datetime | None = None  # a decline may be undone until then

    def side_of(self, member_id: str) -> IntroductionSideRow:
        if member_id == self.a.member_id:
            return self.a
        if member_id == self.b.member_id:
            return self.b
        raise KeyError(member_id)

    @property
    def contacts_allowed(self) -> bool:
        return self.stage in CONTACT_STAGES


@dataclass(frozen=True)
class ContactRow:
    """Unmasked contact details of one side (audited when handed out)."""

    member_id: str
    member_no: str
    name: str
    mobile: str
    wechat: str | None


@dataclass(frozen=True)
class IntroductionContactsInfo:
    introduction_id: str
    stage: str
    a: ContactRow
    b: ContactRow


@dataclass(frozen=True)
class PairProblemRow:
    """Why a pair cannot be introduced (blocking) or what the matchmaker should know
    (warning). `member_id` names the side concerned, when there is one."""

    code: str
    member_id: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PairCheckInfo:
    """The answer to "may these two be introduced?" before proposing.

    blocking: introductions.* codes (consent, fraud flag, already introduced, blocked, status);
    warnings: matching hard-filter codes from `matching.pair_problems` ("a_requires.age", ...),
    which a matchmaker may override for a manual proposal.
    """

    member_a: str
    member_b: str
    blocking: tuple[PairProblemRow, ...]
    warnings: tuple[PairProblemRow, ...]
    existing_introduction_id: str | None

    @property
    def ok(self) -> bool:
        return not self.blocking


@dataclass(frozen=True)
class SkippedPairRow:
    """A pair of a batch that was not proposed, with the reason (an introductions.* code)."""

    member_a: str
    member_b: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchProposalInfo:
    created: tuple[IntroductionInfo, ...]
    skipped: tuple[SkippedPairRow, ...]


@dataclass(frozen=True)
class StatusChangeRow:
    """A member status change an outcome asked for; `applied` False when the lifecycle does
    not allow it from `old_status` (the member keeps it)."""

    member_id: str
    member_no: str
    old_status: str
    new_status: str
    applied: bool


@dataclass(frozen=True)
class OutcomeResultInfo:
    introduction: IntroductionInfo
    status_changes: tuple[StatusChangeRow, ...]


@dataclass(frozen=True)
class BlockInfo:
    id: str
    member_id: str
    other_member_id: str
    reason: str
    created_at: datetime
    lifted_at: datetime | None


@dataclass(frozen=True)
class BoardColumnInfo:
    """A stage column of the board: how many introductions, how many with overdue 回访."""

    stage: str
    count: int
    overdue: int


@dataclass(frozen=True)
class ProfileCardInfo:
    """A member's profile card as a candidate may see it: no name, phone, ID or employer.

    Sensitive categories (marital history and children, income and property) are None unless
    the member consented to their processing (`sensitive_shared`). Codes are raw (GB/T codes,
    district codes); the UI and the slip printer phrase them.
    """

    member_id: str
    member_no: str
    name_masked: str
    nickname: str | None
    sex: int
    age: int
    birth_year: int
    height_cm: int | None
    education: int | None
    occupation: str | None
    sector: str | None
    district_code: str
    hukou_place: str | None
    hobbies: tuple[str, ...]
    self_description: str | None
    sensitive_shared: bool
    marital_status: int | None
    children: str | None
    income_band: str | None
    housing: str | None
    has_car: bool | None
    req_age_min: int | None
    req_age_max: int | None
    req_height_min: int | None
    req_height_max: int | None
    req_education_min: int | None
    req_districts: tuple[str, ...]
    req_marital: tuple[str, ...]
    req_children_ok: bool
