"""Member case files (档案) and the facts attached to them.

References between rows (member -> staff, note -> member) are plain id columns without
foreign-key constraints: rows arrive by sync in server order and may refer to staff outside this
laptop's scope, so the services keep references valid, as replicated stores do.

Invariants kept by the services in service.py (never by callers): identifiers are normalised
and validated, the blind indexes match them, the search columns match the name, notes and
consents are append-only (withdrawal is a new timestamp on the consent, not an edit of it).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Index, LargeBinary, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from xzdesk.domain.members.codes import LINK_REASON_MAX, LINK_TRANSITIONS, LinkStatus
from xzdesk.domain.store.base import Base, MergeClass, SyncedMixin, register_synced


@register_synced
class Member(SyncedMixin, Base):
    __tablename__ = "member"
    __sync__ = MergeClass.CASE_FIELDS
    __member_column__ = "id"
    __sync_max__ = ("updated_at", "last_activity_at")
    __sync_derived__ = ("name_pinyin", "name_initials", "id_hmac", "mobile_hmac", "mobile_last4", "verified")

    member_no: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    # Search and sort helpers derived from the name (never shown): full pinyin for ordering,
    # initials for search by 首字母.
    name_pinyin: Mapped[str] = mapped_column(String(256))  # indexed first in ix_member_list
    name_initials: Mapped[str] = mapped_column(String(64), index=True)
    nickname: Mapped[str | None] = mapped_column(String(32))
    sex: Mapped[int] = mapped_column(SmallInteger)
    birth_date: Mapped[date] = mapped_column(Date)
    id_number: Mapped[str] = mapped_column(String(18))
    id_hmac: Mapped[bytes] = mapped_column(LargeBinary(32), index=True)
    mobile: Mapped[str] = mapped_column(String(11))
    mobile_hmac: Mapped[bytes] = mapped_column(LargeBinary(32), index=True)
    mobile_last4: Mapped[str] = mapped_column(String(4), index=True)
    wechat: Mapped[str | None] = mapped_column(String(64))
    district_code: Mapped[str] = mapped_column(String(6))  # indexed first in ix_member_by_district
    hukou_place: Mapped[str | None] = mapped_column(String(64))
    employer: Mapped[str | None] = mapped_column(String(128))
    base_union: Mapped[str | None] = mapped_column(String(128))
    union_no: Mapped[str | None] = mapped_column(String(32))
    sector: Mapped[str | None] = mapped_column(String(32))
    occupation: Mapped[str | None] = mapped_column(String(64))
    education: Mapped[int | None] = mapped_column(SmallInteger)
    height_cm: Mapped[int | None] = mapped_column(SmallInteger)
    weight_kg: Mapped[int | None] = mapped_column(SmallInteger)
    marital_status: Mapped[int] = mapped_column(SmallInteger, default=10)
    children: Mapped[str] = mapped_column(String(16), default="none")
    income_band: Mapped[str] = mapped_column(String(16), default="unspecified")
    housing: Mapped[str] = mapped_column(String(16), default="unspecified")
    has_car: Mapped[bool | None] = mapped_column(Boolean)
    hobbies: Mapped[list[str]] = mapped_column(default=list)
    self_description: Mapped[str | None] = mapped_column(Text)
    # Partner requirements
    req_age_min: Mapped[int | None] = mapped_column(SmallInteger)
    req_age_max: Mapped[int | None] = mapped_column(SmallInteger)
    req_height_min: Mapped[int | None] = mapped_column(SmallInteger)
    req_height_max: Mapped[int | None] = mapped_column(SmallInteger)
    req_education_min: Mapped[int | None] = mapped_column(SmallInteger)
    req_districts: Mapped[list[str]] = mapped_column(default=list)
    req_marital: Mapped[list[str]] = mapped_column(default=list)  # accepted marital codes; empty = any
    req_children_ok: Mapped[bool] = mapped_column(Boolean, default=True)
    req_other: Mapped[str | None] = mapped_column(Text)
    # How much each requirement matters ({"age": 3, ...}, codes.Importance); absent = not said.
    req_importance: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Case management
    matchmaker_id: Mapped[str | None] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(16), default="registered")  # first in ix_member_by_status
    referral_source: Mapped[str] = mapped_column(String(24), default="office_walk_in")
    fraud_flag: Mapped[bool] = mapped_column(Boolean, default=False)
    fraud_flag_reason: Mapped[str | None] = mapped_column(Text)
    verified: Mapped[bool] = mapped_column(Boolean, default=False, index=True)  # all four facts on file
    created_at: Mapped[datetime] = mapped_column(index=True)  # statistics by period
    updated_at: Mapped[datetime]
    last_activity_at: Mapped[datetime]

    __table_args__ = (
        # The case list reads one covering index for every order and filter by district or status:
        # every column the query needs is in it (SQLCipher decrypts every page it reads, so a table
        # row per member is what made a sorted first page slow). Scanned in the order of its first
        # columns it needs no sort step; member_no is unique, so it ends every tie.
        # Name order (pinyin); search and filters evaluated on the index alone.
        Index(
            "ix_member_list",
            "name_pinyin", "member_no", "name", "name_initials", "mobile_last4",
            "district_code", "status", "verified", "matchmaker_id", "id",
        ),
        Index("ix_member_recent", "updated_at", "id", "status", "district_code"),  # recently worked on first
        Index("ix_member_by_no", "member_no", "status", "district_code", "id"),
        Index("ix_member_by_district", "district_code", "name_pinyin", "member_no", "id", "status", "updated_at"),
        Index("ix_member_by_status", "status", "name_pinyin", "member_no", "district_code", "id"),
    )  # fmt: skip


# Fields a case-file edit may change through update_member (identity fields have their own rules).
EDITABLE_FIELDS: tuple[str, ...] = (
    "name", "nickname", "sex", "birth_date", "id_number", "mobile", "wechat", "district_code",
    "hukou_place", "employer", "base_union", "union_no", "sector", "occupation", "education",
    "height_cm", "weight_kg", "marital_status", "children", "income_band", "housing", "has_car",
    "hobbies", "self_description", "req_age_min", "req_age_max", "req_height_min", "req_height_max",
    "req_education_min", "req_districts", "req_marital", "req_children_ok", "req_other",
    "req_importance", "matchmaker_id", "referral_source",
)  # fmt: skip


@register_synced
class Verification(SyncedMixin, Base):
    """A dated verification fact: what was checked, how, by whom. Append-only."""

    __tablename__ = "verification"
    __sync__ = MergeClass.APPEND_ONLY

    member_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    evidence: Mapped[str] = mapped_column(String(24))
    checked_by: Mapped[str] = mapped_column(String(36))
    checked_at: Mapped[datetime]
    remark: Mapped[str | None] = mapped_column(Text)


@register_synced
class Consent(SyncedMixin, Base):
    """A consent grant; withdrawal sets `withdrawn_at` once and is never undone (a new grant is
    a new row)."""

    __tablename__ = "consent"
    __sync__ = MergeClass.CASE_FIELDS

    member_id: Mapped[str] = mapped_column(String(36), index=True)
    type: Mapped[str] = mapped_column(String(24))
    notice_version: Mapped[str] = mapped_column(String(16))
    granted_at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(16))
    collected_by: Mapped[str] = mapped_column(String(36))
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by: Mapped[str | None] = mapped_column(String(36))


@register_synced
class Note(SyncedMixin, Base):
    """Append-only case note (a trigger refuses UPDATE)."""

    __tablename__ = "note"
    __sync__ = MergeClass.APPEND_ONLY

    member_id: Mapped[str] = mapped_column(String(36), index=True)
    author_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime]
    body: Mapped[str] = mapped_column(Text)


@register_synced
class FollowUp(SyncedMixin, Base):
    """A follow-up task (回访) with a due date."""

    __tablename__ = "follow_up"
    __sync__ = MergeClass.CASE_FIELDS

    member_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    due_date: Mapped[date] = mapped_column(Date, index=True)
    assigned_to: Mapped[str | None] = mapped_column(String(36), index=True)
    title: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    done_by: Mapped[str | None] = mapped_column(String(36))
    outcome: Mapped[str | None] = mapped_column(Text)


@register_synced
class OnlineLinkRequest(SyncedMixin, Base):
    """Someone registered in the member web app with the ID number of this case file (or with its
    mobile number alone): the online account is tied to the case file only after a matchmaker
    compared the two and confirmed (`members.links`). The server writes the request; the laptops
    of the member's district receive it, and the decision travels back by sync.

    `id_hmac` is the blind index of the ID number typed online (None when none matched); a link
    is confirmed only when it equals the case file's: never by the phone alone. `submitted` holds
    what the registration said of itself, masked (codes.LINK_COMPARED). `account_id` names the
    online account (a server id, no personal data)."""

    __tablename__ = "online_link_request"
    __sync__ = MergeClass.STATE_MACHINE
    __state_field__ = "status"
    __transitions__ = LINK_TRANSITIONS

    member_id: Mapped[str] = mapped_column(String(36), index=True)
    account_id: Mapped[str] = mapped_column(String(36))
    id_hmac: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    submitted: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), index=True, default=LinkStatus.PENDING.value)
    follow_up_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(36))
    reason: Mapped[str | None] = mapped_column(String(LINK_REASON_MAX))


def member_fields(m: Member) -> dict[str, Any]:
    return {name: getattr(m, name) for name in EDITABLE_FIELDS}


__all__ = ["Consent", "FollowUp", "Member", "Note", "OnlineLinkRequest", "Verification"]
