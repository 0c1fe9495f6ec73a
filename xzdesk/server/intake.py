"""Online intake for the mini-program side (the online half of Online-Merge-Offline).

- A member's own registration arrives as a case file awaiting verification (status
  `registered`, referral source `mini_program`), validated with the case editor's rules
  (`validate_draft`), with blind indexes computed under the organisation key; the district's
  laptops receive it through sync.
- An event sign-up arrives as a row of entity "registration" awaiting approval, built by the
  builder the events area registers (`xzdesk.sync.registry.register_intake_builder`), else by
  `default_signup_fields`. Until a "registration" entity exists the endpoint answers 501.
- The public list of published events reads rows of entity "event" whose
  `public_filter` (configure_entity("event", public_filter=(column, value),
  public_fields=(...))) matches, and shows only the public fields.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.errors import FieldProblem, ValidationError, XzError
from xzdesk.domain.members.codes import ConsentChannel, MemberStatus, ReferralSource
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.identity import normalize_mobile, parse_resident_id
from xzdesk.domain.members.service import derived_columns, member_number
from xzdesk.domain.members.validation import blocking, validate_draft
from xzdesk.domain.store.base import to_jsonable
from xzdesk.domain.store.engine import compute_blind_index
from xzdesk.domain.store.ids import new_id
from xzdesk.server.db import next_seq
from xzdesk.server.models import Record, User
from xzdesk.server.push import Reject, add_record, lookup, natural_key
from xzdesk.sync.protocol import (
    IntakeMemberIn,
    IntakeMemberOut,
    IntakeSignupIn,
    IntakeSignupOut,
    PublicEventOut,
)
from xzdesk.sync.registry import (
    EntitySpec,
    RecordScope,
    ScopeContext,
    check_fields,
    default_values,
    entity_spec,
    intake_builder,
)

CHINA_TZ = timezone(timedelta(hours=8))
DEFAULT_PUBLIC_FIELDS = ("title", "format", "starts_at", "ends_at", "venue", "district_code", "capacity", "status")


class IntakeError(XzError):
    """An intake request that cannot be served: `status` is the HTTP status."""

    def __init__(self, code: str, status: int, **params: Any) -> None:
        super().__init__(code, **params)
        self.status = status


def _full_row(spec: EntitySpec, given: dict[str, Any]) -> dict[str, Any]:
    defaults = default_values(spec)
    return {name: given.get(name, defaults.get(name)) for name in spec.columns}


def register_member_online(
    session: Session, *, body: IntakeMemberIn, intake_user: User, blind_key: bytes, now: datetime
) -> IntakeMemberOut:
    """Create a case file awaiting verification, with its consents. Raises ValidationError
    (field problems) or IntakeError intake.duplicate (409: a case file with this ID number or
    mobile exists; nothing about it is revealed)."""
    draft = MemberDraft(
        name=body.name, id_number=body.id_number, mobile=body.mobile, district_code=body.district_code,
        sex=body.sex, birth_date=body.birth_date, nickname=body.nickname, wechat=body.wechat,
        employer=body.employer, base_union=body.base_union, union_no=body.union_no, occupation=body.occupation,
        education=body.education, height_cm=body.height_cm, marital_status=body.marital_status,
        hobbies=list(body.hobbies), self_description=body.self_description,
    )  # fmt: skip
    row = create_member_online(session, draft=draft, consents=body.consents, notice_version=body.notice_version,
                               collected_by=intake_user.id, blind_key=blind_key, now=now)  # fmt: skip
    return IntakeMemberOut(member_no=row["member_no"], status=row["status"])


def existing_member(session: Session, *, values: dict[str, Any], blind_key: bytes) -> str | None:
    """The id of a case file with the same ID number or mobile (blind indexes), else None."""
    derived = derived_columns(lambda kind, value: compute_blind_index(blind_key, kind, value), values)
    for col in ("id_hmac", "mobile_hmac"):
        if col in derived:
            found = lookup(session, "member", f"lk:{col}", derived[col].hex())
            if found is not None:
                return found
    return None


def validate_online_draft(draft: MemberDraft, consents: Sequence[str], *, now: datetime) -> dict[str, Any]:
    """The case editor's validation (`validate_draft`) of an online registration, plus the basic
    consent it needs. Returns the normalised values; raises ValidationError with every problem."""
    draft = replace(draft, referral_source=ReferralSource.MINI_PROGRAM.value)
    values, problems = validate_draft(draft, today=now.astimezone(CHINA_TZ).date())
    errors = blocking(problems)
    if "basic" not in consents:
        errors.append(FieldProblem("consents", "members.consent_missing", type="basic"))
    if errors:
        raise ValidationError(errors)
    return values


def create_member_online(
    session: Session, *, draft: MemberDraft, consents: Sequence[str], notice_version: str, collected_by: str,
    blind_key: bytes, now: datetime,
) -> dict[str, Any]:  # fmt: skip
    """Create a case file awaiting verification (status `registered`, referral source
    `mini_program`) with its consents, in the caller's transaction; the district's laptops
    receive it by sync. Returns the row's JSON values. Raises ValidationError, or IntakeError
    intake.duplicate (409) when a case file with this ID number or mobile exists (nothing about
    it is revealed)."""
    member_spec, consent_spec = entity_spec("member"), entity_spec("consent")
    assert member_spec is not None and consent_spec is not None
    values = validate_online_draft(draft, consents, now=now)
    if existing_member(session, values=values, blind_key=blind_key) is not None:
        raise IntakeError("intake.duplicate", 409)
    derived = derived_columns(lambda kind, value: compute_blind_index(blind_key, kind, value), values)
    member_id = new_id()
    stamp = now.isoformat()
    given = {k: to_jsonable(v) for k, v in {**values, **derived}.items()}
    given.update(
        id=member_id, member_no=member_number(member_id), status=MemberStatus.REGISTERED.value,
        matchmaker_id=None, verified=False, fraud_flag=False, created_at=stamp, updated_at=stamp,
        last_activity_at=stamp,
    )  # fmt: skip
    row = _full_row(member_spec, given)
    problem = check_fields(member_spec, row, insert=True)
    if problem:
        raise ValidationError([FieldProblem(problem[0], problem[1])])
    seq = next_seq(session)
    scope = member_spec.resolve_scope(row, ScopeContext(None, None, None))
    try:
        add_record(session, member_spec, row, seq=seq, now=now, scope=scope, member_id=member_id)
        for ctype in dict.fromkeys(consents):
            consent = _full_row(consent_spec, {
                "id": new_id(), "member_id": member_id, "type": ctype, "notice_version": notice_version,
                "granted_at": stamp, "channel": ConsentChannel.MINI_PROGRAM.value, "collected_by": collected_by,
            })  # fmt: skip
            add_record(session, consent_spec, consent, seq=seq, now=now, scope=scope, member_id=member_id)
    except Reject as exc:
        raise IntakeError("intake.duplicate", 409) from exc
    return row


def default_signup_fields(
    *, spec: EntitySpec, event_id: str, member_id: str, now: datetime, remark: str | None
) -> dict[str, Any]:
    """A registration awaiting approval, using whichever of the usual columns the entity has."""
    state = spec.state_field or "status"
    guess = {
        "member_id": member_id, "event_id": event_id, state: "pending", "channel": "mini_program",
        "source": "mini_program", "created_at": now.isoformat(), "updated_at": now.isoformat(), "remark": remark,
    }  # fmt: skip
    return {k: v for k, v in guess.items() if k in spec.columns}


def signup(
    session: Session, *, event_id: str, body: IntakeSignupIn, blind_key: bytes, now: datetime
) -> IntakeSignupOut:
    spec = entity_spec("registration")
    if spec is None:
        raise IntakeError("intake.signup_unavailable", 501)
    event = _published_event(session, event_id)
    if event is None:
        raise IntakeError("intake.event_not_found", 404)
    try:
        id_number = parse_resident_id(body.id_number, today=now.astimezone(CHINA_TZ).date()).number
        mobile = normalize_mobile(body.mobile)
    except FieldProblem as problem:
        raise ValidationError([problem]) from problem
    by_id = lookup(session, "member", "lk:id_hmac", compute_blind_index(blind_key, "id", id_number).hex())
    by_mobile = lookup(session, "member", "lk:mobile_hmac", compute_blind_index(blind_key, "mobile", mobile).hex())
    if by_id is None or by_id != by_mobile:
        raise IntakeError("intake.member_not_found", 404)
    member = session.get(Record, ("member", by_id))
    if member is None or member.deleted:
        raise IntakeError("intake.member_not_found", 404)
    builder = intake_builder(spec.name)
    event_fields = json.loads(event.fields)
    if builder is not None:
        given = builder(event_id=event_id, event_fields=event_fields, member_id=by_id, now=now, remark=body.remark)
    else:
        given = default_signup_fields(spec=spec, event_id=event_id, member_id=by_id, now=now, remark=body.remark)
    row = _full_row(spec, {**given, "id": new_id()})
    if check_fields(spec, row, insert=True) is not None:
        raise IntakeError("intake.signup_unavailable", 501)
    state = spec.state_field or "status"
    nk = natural_key(spec, row)
    if nk is not None:
        existing_id = lookup(session, spec.name, "nk", nk)
        existing = session.get(Record, (spec.name, existing_id)) if existing_id else None
        if existing is not None:
            return IntakeSignupOut(registration_id=existing.id, status=str(json.loads(existing.fields).get(state)))
    member_scope = RecordScope(member.district, member.event_id, member.owner_device)
    scope = spec.resolve_scope(row, ScopeContext(member_scope, None, None))
    seq = next_seq(session)
    add_record(session, spec, row, seq=seq, now=now, scope=scope, member_id=by_id)
    return IntakeSignupOut(registration_id=row["id"], status=str(row.get(state)))


def _published_event(session: Session, event_id: str) -> Record | None:
    spec = entity_spec("event")
    if spec is None:
        return None
    rec = session.get(Record, ("event", event_id))
    if rec is None or rec.deleted or not _is_public(spec, json.loads(rec.fields)):
        return None
    return rec


def _is_public(spec: EntitySpec, values: dict[str, Any]) -> bool:
    column, wanted = spec.extra.get("public_filter", ("status", "published"))
    return values.get(column) == wanted


def published_events(session: Session, *, limit: int = 200) -> list[PublicEventOut]:
    spec = entity_spec("event")
    if spec is None:
        return []
    public = tuple(spec.extra.get("public_fields", DEFAULT_PUBLIC_FIELDS))
    out = []
    query = select(Record.id, Record.fields).where(Record.entity == "event", Record.deleted.is_(False))
    for rid, raw in session.execute(query.order_by(Record.id)):
        values = json.loads(raw)
        if _is_public(spec, values):
            out.append(PublicEventOut(id=rid, fields={k: values.get(k) for k in public if k in values}))
            if len(out) >= limit:
                break
    return out
