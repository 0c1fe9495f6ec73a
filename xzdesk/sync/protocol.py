"""Sync protocol messages (version 1), shared by the server and the laptop client.

Pydantic models, so the server's OpenAPI schema is exact and the client validates what it
receives. Values inside `fields` are the JSON forms of column values (`to_jsonable`: dates as ISO
strings, bytes as hex). Error responses are `ErrorOut` with a stable code.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue

API = "/sync/v1"
MAX_BATCH = 500  # mutations per push
DEFAULT_PAGE = 2000  # changes per pull page (a page may exceed it to end on a transaction)
MAX_PAGE = 5000
PUSH_PAGE = 500  # changes in the pull page a push answers with (read while the push holds the write lock)
MAX_PUSH_BYTES = 8 * 1024 * 1024  # the server's default body limit for a push (the laptop splits below it)
MAX_BODY_BYTES = 64 * 1024  # the server's default body limit for every other request

Id = Field(min_length=1, max_length=36)
Code = Field(min_length=1, max_length=64)

# Ids, codes, names and labels never hold control characters; free text (a self-description,
# a remark) may hold line breaks and tabs but no other control character. Lone surrogates are
# refused for the whole body before any model sees it (xzdesk.server.guard).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("control characters are not allowed here")
    return value


def _text(value: str) -> str:
    if _TEXT_CONTROL.search(value):
        raise ValueError("control characters other than line breaks and tabs are not allowed")
    return value


Plain = Annotated[str, AfterValidator(_no_control)]  # ids, codes, names, labels
Text = Annotated[str, AfterValidator(_text)]  # free text: line breaks and tabs allowed


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorOut(_Model):
    # Unknown fields are ignored (laptops before the words were added refused the whole body).
    model_config = ConfigDict(extra="ignore")

    code: str = Field(description="stable error code, e.g. auth.invalid_token, sync.cursor_expired")
    params: dict[str, JsonValue] = Field(default_factory=dict)
    wipe: bool = Field(False, description="the device must wipe personal data (revoked device)")
    message_zh: str | None = Field(None, description="what was refused and what to do, in Chinese")
    message_en: str | None = Field(None, description="the same in English")


# --- enrolment ---------------------------------------------------------------------------------
class EnrolIn(_Model):
    username: Plain = Field(min_length=1, max_length=64)
    password: Text = Field(min_length=1, max_length=256)
    label: Plain = Field("", max_length=64, description="a name for this device, shown to admins")
    events: list[Annotated[Plain, Field(max_length=36)]] = Field(default_factory=list, max_length=50,
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
    idempotency_key: Plain = Field(min_length=1, max_length=64)
    entity: Plain = Field(min_length=1, max_length=64)
    entity_id: Plain = Id
    member_id: Plain | None = Field(None, max_length=36)
    op: Literal["insert", "update", "delete"]
    fields: dict[str, JsonValue] = Field(default_factory=dict)
    base: dict[str, JsonValue] = Field(default_factory=dict)
    base_version: int = Field(0, ge=0, le=2**62)
    hlc: Plain = Field("", max_length=40, description="client hybrid-logical-clock stamp (display only)")
    operator_id: Plain | None = Field(None, max_length=36)
    created_at: Plain = Field("", max_length=40)


IdItem = Annotated[Plain, Field(max_length=36)]


class PushIn(_Model):
    mutations: list[MutationIn] = Field(default_factory=list, max_length=MAX_BATCH)
    resolutions: list[IdItem] = Field(default_factory=list, max_length=MAX_BATCH,
                                      description="conflict ids closed on the device without a change")  # fmt: skip
    erasures: list[IdItem] = Field(default_factory=list, max_length=MAX_BATCH,
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
    echo: bool = Field(False, description=(
        "sent only to a push with ?echo=1: the device's copy of the row now equals the server's at "
        "`version`; a pull with ?echo=1 leaves this change out, so the device takes `version` from here"))  # fmt: skip


class PushOut(_Model):
    acked: list[int] = Field(description="device seqs the device may delete from its outbox")
    results: list[MutationResult]
    erasures_refused: list[str] = Field(default_factory=list,
                                        description="member ids this device may not erase (outside its scope)")  # fmt: skip
    erasures_unknown: list[str] = Field(default_factory=list,
                                        description="member ids the server never held: nothing to erase, no device told")  # fmt: skip
    server_time: datetime
    page: PullOut | None = Field(None, description=(
        "sent only to a push with ?echo=1&cursor=...: the pull page after that cursor as GET /pull?echo=1 would "
        "answer right after this push (at most PUSH_PAGE changes); absent when the cursor cannot be read after"))  # fmt: skip


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
    # plate: one number plate handed out twice in an event (offline approvals); quota: an event's
    # cap exceeded (theirs = the cap, mine = the places taken)
    kind: Literal["field", "transition", "natural_key", "plate", "quota"]
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


PushOut.model_rebuild()  # `page` names PullOut, defined after it


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
    member_ids: list[IdItem] = Field(max_length=MAX_BATCH)


class ErasureIn(_Model):
    member_id: Plain = Id


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


class ModelFitOut(_Model):
    """A matching model retrained on the server's outcomes (parameters, counts and evaluation; no
    personal data). Kept by the laptop, adopted only by a person's decision."""

    model: dict[str, Any] = Field(description="ReciprocalModel.to_dict()")
    offered: int = Field(description="labelled pairs the server holds")
    used: int = Field(description="labelled pairs whose two members may be used for matching")
    not_evaluated: ErrorOut | None = Field(None, description="why the model could not be evaluated, if so")


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

    name: Plain = Field(min_length=1, max_length=32)
    id_number: Plain = Field(min_length=15, max_length=24)
    mobile: Plain = Field(min_length=11, max_length=20)
    district_code: Plain = Field(min_length=6, max_length=6)
    sex: int | None = Field(None, ge=1, le=2)
    birth_date: date | None = None
    nickname: Plain | None = Field(None, max_length=16)
    wechat: Plain | None = Field(None, max_length=64)
    employer: Plain | None = Field(None, max_length=128)
    base_union: Plain | None = Field(None, max_length=128)
    union_no: Plain | None = Field(None, max_length=32)
    occupation: Plain | None = Field(None, max_length=64)
    education: int | None = Field(None, ge=0, le=99)
    height_cm: int | None = Field(None, ge=0, le=300)
    marital_status: int | None = Field(None, ge=0, le=99)
    hobbies: list[Plain] = Field(default_factory=list, max_length=20)
    self_description: Text | None = Field(None, max_length=1000)
    consents: list[Literal["basic", "sensitive", "share_profile", "public_display", "matching"]] = Field(
        min_length=1, max_length=5, description="must include 'basic'"
    )
    notice_version: Plain = Field(min_length=1, max_length=16)


class IntakeMemberOut(_Model):
    member_no: str
    status: str


class IntakeProblem(_Model):
    field: str
    code: str


class IntakeSignupIn(_Model):
    """Sign-up for a published event by a registered member, identified by ID number and mobile."""

    id_number: Plain = Field(min_length=15, max_length=24)
    mobile: Plain = Field(min_length=11, max_length=20)
    remark: Text | None = Field(None, max_length=200)


class IntakeSignupOut(_Model):
    registration_id: str
    status: str


class PublicEventOut(_Model):
    id: str
    fields: dict[str, JsonValue]


def fields_json(values: dict[str, Any]) -> dict[str, Any]:
    """Identity helper kept for symmetry with the server's raw JSON rendering."""
    return values
