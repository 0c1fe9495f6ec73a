"""Sync protocol messages (version 1), shared by the server and the laptop client.

Pydantic models, so the server's OpenAPI schema is exact and the client validates what it
receives. Values inside `fields` are the JSON forms of column values (`to_jsonable`: dates as ISO
strings, bytes as hex). Error responses are `ErrorOut` with a stable code.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

API = "/sync/v1"
MAX_BATCH = 500  # mutations per push
DEFAULT_PAGE = 2000  # changes per pull page (a page may exceed it to end on a transaction)
MAX_PAGE = 5000

Id = Field(min_length=1, max_length=36)
Code = Field(min_length=1, max_length=64)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorOut(_Model):
    code: str = Field(description="stable error code, e.g. auth.invalid_token, sync.cursor_expired")
    params: dict[str, JsonValue] = Field(default_factory=dict)
    wipe: bool = Field(False, description="the device must wipe personal data (revoked device)")


# --- enrolment ---------------------------------------------------------------------------------
class EnrolIn(_Model):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    label: str = Field("", max_length=64, description="a name for this device, shown to admins")
    events: list[str] = Field(default_factory=list, max_length=50,
                              description="event ids an event-staff device works for")  # fmt: skip


class StaffOut(_Model):
    id: str
    username: str
    display_name: str
    role: str
    district_code: str | None


class ScopeOut(_Model):
    districts: list[str] | None = Field(description="districts visible; null = all districts")
    events: list[str]
    aggregate_only: bool


class EnrolOut(_Model):
    device_id: str
    token: str = Field(description="bearer token; shown once, stored hashed on the server")
    staff: StaffOut
    scope: ScopeOut
    blind_index_key: str = Field(description="organisation-wide key for lookup HMACs (hex)")
    server_id: str
    offline_window_days: int
    password_hash: str = Field("", max_length=256, description=(
        "the enrolling account's argon2id password hash (never the password), so the person can sign "
        "in on this laptop offline; empty for the intake role"))  # fmt: skip


# --- push ---------------------------------------------------------------------------------------
class MutationIn(_Model):
    seq: int = Field(ge=1, le=2**62, description="device sequence number")
    idempotency_key: str = Field(min_length=1, max_length=64)
    entity: str = Field(min_length=1, max_length=64)
    entity_id: str = Id
    member_id: str | None = Field(None, max_length=36)
    op: Literal["insert", "update", "delete"]
    fields: dict[str, JsonValue] = Field(default_factory=dict)
    base: dict[str, JsonValue] = Field(default_factory=dict)
    base_version: int = Field(0, ge=0, le=2**62)
    hlc: str = Field("", max_length=40, description="client hybrid-logical-clock stamp (display only)")
    operator_id: str | None = Field(None, max_length=36)
    created_at: str = Field("", max_length=40)


class PushIn(_Model):
    mutations: list[MutationIn] = Field(default_factory=list, max_length=MAX_BATCH)
    resolutions: list[str] = Field(default_factory=list, max_length=MAX_BATCH,
                                   description="conflict ids closed on the device without a change")  # fmt: skip
    erasures: list[str] = Field(default_factory=list, max_length=MAX_BATCH,
                                description="member ids erased on the device (local erasure requests)")  # fmt: skip


Status = Literal["applied", "merged", "conflict", "duplicate", "noop", "rejected"]


class MutationResult(_Model):
    seq: int
    status: Status
    version: int | None = None
    code: str | None = None
    params: dict[str, JsonValue] = Field(default_factory=dict)
    applied_fields: list[str] = Field(default_factory=list)
    conflict_fields: list[str] = Field(default_factory=list)
    merged_into: str | None = None
    clock_flagged: bool = False


class PushOut(_Model):
    acked: list[int] = Field(description="device seqs the device may delete from its outbox")
    results: list[MutationResult]
    erasures_refused: list[str] = Field(default_factory=list)
    server_time: datetime


# --- pull ---------------------------------------------------------------------------------------
class ChangeOut(_Model):
    seq: int = Field(description="server_seq of the transaction that wrote it")
    kind: Literal["upsert", "remove", "purge"]
    entity: str | None = None
    id: str | None = None
    version: int = 0
    member_id: str | None = None
    fields: dict[str, JsonValue] | None = None
    merged_into: str | None = None


class ConflictPartyOut(_Model):
    """Who made one side of a conflict: the device (its label, as the server knows it) and the staff
    account (display name only), and when the server took the change. Never member data."""

    device_id: str | None = None
    device_label: str | None = None
    operator_id: str | None = None
    operator_name: str | None = None
    at: datetime | None = None


class ConflictOut(_Model):
    id: str
    kind: Literal["field", "transition", "natural_key"]
    entity: str
    entity_id: str
    member_id: str | None
    field: str | None
    base: JsonValue = None
    theirs: JsonValue = None
    mine: JsonValue = None
    other_id: str | None = None
    device_id: str | None
    operator_id: str | None
    client_time: str | None
    clock_flagged: bool
    created_at: datetime
    mine_by: ConflictPartyOut | None = None  # who pushed the losing value ("mine")
    theirs_by: ConflictPartyOut | None = None  # who wrote the value in force on the server ("theirs")


class PullOut(_Model):
    changes: list[ChangeOut]
    cursor: str = Field(description="signed; pass back unchanged")
    has_more: bool
    conflicts: list[ConflictOut] | None = Field(
        None, description="every open conflict in scope; present on the last page only"
    )
    server_time: datetime


class RejectedOut(_Model):
    seq: int
    entity: str
    entity_id: str
    member_id: str | None
    op: str
    code: str
    params: dict[str, JsonValue]
    field_names: list[str]
    rejected_at: datetime


class ErasureAckIn(_Model):
    member_ids: list[str] = Field(max_length=MAX_BATCH)


class ErasureIn(_Model):
    member_id: str = Id


class ErasureOut(_Model):
    member_id: str
    erased_at: datetime
    rows_deleted: int


class HealthOut(_Model):
    status: Literal["ok"]
    server_id: str
    api: str


class AggregateRow(_Model):
    district_code: str
    status: str
    members: str = Field(description="a count, or '<5' for small cells")


class AggregatesOut(_Model):
    rows: list[AggregateRow]


class DeviceOut(_Model):
    device_id: str
    staff: StaffOut
    scope: ScopeOut
    last_seen_at: datetime | None
    offline_window_days: int


# --- online intake (the mini-program side) ------------------------------------------------------
class IntakeMemberIn(_Model):
    """A member's own registration from the mini-program; arrives as a case file awaiting
    verification. Field formats as in the case editor."""

    name: str = Field(min_length=1, max_length=32)
    id_number: str = Field(min_length=15, max_length=24)
    mobile: str = Field(min_length=11, max_length=20)
    district_code: str = Field(min_length=6, max_length=6)
    sex: int | None = Field(None, ge=1, le=2)
    birth_date: date | None = None
    nickname: str | None = Field(None, max_length=16)
    wechat: str | None = Field(None, max_length=64)
    employer: str | None = Field(None, max_length=128)
    base_union: str | None = Field(None, max_length=128)
    union_no: str | None = Field(None, max_length=32)
    occupation: str | None = Field(None, max_length=64)
    education: int | None = Field(None, ge=0, le=99)
    height_cm: int | None = Field(None, ge=0, le=300)
    marital_status: int | None = Field(None, ge=0, le=99)
    hobbies: list[str] = Field(default_factory=list, max_length=20)
    self_description: str | None = Field(None, max_length=1000)
    consents: list[Literal["basic", "sensitive", "share_profile", "public_display", "matching"]] = Field(
        min_length=1, max_length=5, description="must include 'basic'"
    )
    notice_version: str = Field(min_length=1, max_length=16)


class IntakeMemberOut(_Model):
    member_no: str
    status: str


class IntakeProblem(_Model):
    field: str
    code: str


class IntakeSignupIn(_Model):
    """Sign-up for a published event by a registered member, identified by ID number and mobile."""

    id_number: str = Field(min_length=15, max_length=24)
    mobile: str = Field(min_length=11, max_length=20)
    remark: str | None = Field(None, max_length=200)


class IntakeSignupOut(_Model):
    registration_id: str
    status: str


class PublicEventOut(_Model):
    id: str
    fields: dict[str, JsonValue]


def fields_json(values: dict[str, Any]) -> dict[str, Any]:
    """Identity helper kept for symmetry with the server's raw JSON rendering."""
    return values
