"""Data handed across the service boundary: drafts in, frozen Info/Row views out.

Views carry masked identifiers only; unmasked values leave the domain only through
`reveal_member` (audited, with a reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class MemberDraft:
    """What a person typed (case editor, spreadsheet row, online intake). Values may be raw
    strings; `validate_draft` normalises them. None means "not given"."""

    name: str | None = None
    nickname: str | None = None
    sex: int | str | None = None
    birth_date: date | str | None = None
    id_number: str | None = None
    mobile: str | None = None
    wechat: str | None = None
    district_code: str | None = None
    hukou_place: str | None = None
    employer: str | None = None
    base_union: str | None = None
    union_no: str | None = None
    sector: str | None = None
    occupation: str | None = None
    education: int | str | None = None
    height_cm: int | str | None = None
    weight_kg: int | str | None = None
    marital_status: int | str | None = None
    children: str | None = None
    income_band: str | None = None
    housing: str | None = None
    has_car: bool | None = None
    hobbies: list[str] | str | None = None
    self_description: str | None = None
    req_age_min: int | str | None = None
    req_age_max: int | str | None = None
    req_height_min: int | str | None = None
    req_height_max: int | str | None = None
    req_education_min: int | str | None = None
    req_districts: list[str] | None = None
    req_marital: list[str] | None = None
    req_children_ok: bool | None = None
    req_other: str | None = None
    req_importance: dict[str, int | str] | None = None  # requirement -> codes.Importance
    matchmaker_id: str | None = None
    referral_source: str | None = None

    def given(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class ConsentInfo:
    id: str
    type: str
    notice_version: str
    granted_at: datetime
    channel: str
    collected_by_name: str
    withdrawn_at: datetime | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


@dataclass(frozen=True)
class VerificationInfo:
    id: str
    kind: str
    evidence: str
    checked_by_name: str
    checked_at: datetime
    remark: str | None


@dataclass(frozen=True)
class NoteInfo:
    id: str
    author_name: str
    created_at: datetime
    body: str


@dataclass(frozen=True)
class FollowUpInfo:
    id: str
    member_id: str
    kind: str
    due_date: date
    title: str
    assigned_to_name: str | None
    done_at: datetime | None
    outcome: str | None

    @property
    def open(self) -> bool:
        return self.done_at is None


@dataclass(frozen=True)
class LinkCompareRow:
    """One line of a link request's comparison: the case file's value and what was registered
    online, both masked (`sex` and `district_code` as codes), and whether they are the same
    (compared in full by the server when the request was made; the ID number by blind index)."""

    field: str
    case_value: Any
    online_value: Any
    same: bool


@dataclass(frozen=True)
class LinkRequestInfo:
    """The newest link request of a case file (someone already on file registered online)."""

    id: str
    version: int
    status: str  # codes.LinkStatus
    created_at: datetime
    decided_at: datetime | None
    decided_by_name: str | None
    reason: str | None
    same_id: bool  # the ID number typed online is this case file's: a confirm is possible
    rows: tuple[LinkCompareRow, ...] = ()

    @property
    def pending(self) -> bool:
        return self.status == "pending"


@dataclass(frozen=True)
class MemberInfo:
    """A case file as the editor shows it: identifiers masked, everything else as stored."""

    id: str
    version: int
    member_no: str
    name_masked: str
    id_masked: str
    mobile_masked: str
    age: int
    fields: dict[str, Any]  # every EDITABLE_FIELDS value except name, id_number, mobile, wechat
    status: str
    verified: bool
    fraud_flag: bool
    matchmaker_name: str | None
    created_at: datetime
    updated_at: datetime
    consents: tuple[ConsentInfo, ...] = ()
    verifications: tuple[VerificationInfo, ...] = ()
    notes: tuple[NoteInfo, ...] = ()
    follow_ups: tuple[FollowUpInfo, ...] = ()
    active_consents: frozenset[str] = field(default_factory=frozenset)
    link_request: LinkRequestInfo | None = None  # the newest online link request, if any


@dataclass(frozen=True)
class MemberLabelRow:
    """How to name a member in a list of something else: number and masked name."""

    id: str
    member_no: str
    name_masked: str

    @property
    def text(self) -> str:
        return f"{self.member_no} {self.name_masked}"


@dataclass(frozen=True)
class MemberRow:
    """One line of the case list."""

    id: str
    member_no: str
    name_masked: str
    sex: int
    age: int
    district_code: str
    status: str
    verified: bool
    matchmaker_name: str | None
    mobile_masked: str
    fraud_flag: bool
    next_follow_up: date | None
