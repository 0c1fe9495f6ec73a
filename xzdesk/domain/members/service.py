"""Case-file services: register, edit, verify, consent, notes, follow-ups, flags, reveal.

Every function takes the caller's `UnitOfWork` and never commits (the caller owns the
transaction); each checks the actor's permission and district scope, writes an audit entry with
field *names* only, and leaves the outbox to the flush hook. Errors: `ValidationError` (field
problems), `XzError` with codes `members.duplicate`, `members.bad_transition`,
`members.consent_missing`, `members.not_in_scope`, `NotFound`, `PermissionDenied`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import FieldProblem, NotFound, ValidationError, XzError
from xzdesk.domain.members import codes
from xzdesk.domain.members.codes import (
    LINK_REASON_MAX,
    LINK_REASON_MIN,
    ConsentType,
    LinkStatus,
    MemberStatus,
    VerificationKind,
)
from xzdesk.domain.members.dto import (
    ConsentInfo,
    FollowUpInfo,
    MemberDraft,
    MemberInfo,
    NoteInfo,
    VerificationInfo,
)
from xzdesk.domain.members.identity import age_on
from xzdesk.domain.members.links import newest_request, request_info
from xzdesk.domain.members.models import (
    EDITABLE_FIELDS,
    Consent,
    FollowUp,
    Member,
    Note,
    OnlineLinkRequest,
    Verification,
)
from xzdesk.domain.members.names import name_keys
from xzdesk.domain.members.validation import blocking, validate_draft
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.store.ids import new_ids, short_code
from xzdesk.domain.uow import UnitOfWork

IDENTITY_FIELDS = ("name", "id_number", "mobile", "wechat")
# Fields that fall under the "sensitive categories" consent (marital history and children,
# income and property).
SENSITIVE_FIELDS = ("marital_status", "children", "income_band", "housing", "has_car")
REVEALABLE = IDENTITY_FIELDS
LIST_FIELDS = ("hobbies", "req_districts", "req_marital")
MAX_NOTE = 4000


# --- helpers ------------------------------------------------------------------------------------
def member_number(member_id: str) -> str:
    return "XZ" + short_code(member_id, 8)


def new_member_ids(session: Any, count: int) -> list[str]:
    """`count` new member ids whose member numbers (40 random bits, so collisions are rare but
    possible in a large office) are neither taken nor repeated."""
    out: list[str] = []
    while len(out) < count:
        candidates = {member_number(i): i for i in new_ids(count - len(out))}
        numbers = list(candidates)
        taken = {member_number(i) for i in out}
        for start in range(0, len(numbers), 5000):  # stay under SQLite's bound-parameter limit
            chunk = numbers[start : start + 5000]
            taken |= set(session.execute(select(Member.member_no).where(Member.member_no.in_(chunk))).scalars())
        out.extend(i for no, i in candidates.items() if no not in taken)
    return out


def _unused_member_id(uow: UnitOfWork) -> str:
    return new_member_ids(uow.session, 1)[0]


def derived_columns(store_index: Any, values: dict[str, Any], *,
                    hmacs: tuple[bytes | None, bytes | None] = (None, None)) -> dict[str, Any]:  # fmt: skip
    """Search columns and blind indexes that follow from name, ID number and mobile. `hmacs`:
    the blind indexes of these values' ID number and mobile when the caller has them already
    (a bulk import computed them to look for existing members); None computes it here."""
    out: dict[str, Any] = {}
    id_hmac, mobile_hmac = hmacs
    if "name" in values:
        out["name_pinyin"], out["name_initials"] = name_keys(values["name"])
    if "id_number" in values:
        out["id_hmac"] = id_hmac or store_index("id", values["id_number"])
    if "mobile" in values:
        out["mobile_hmac"] = mobile_hmac or store_index("mobile", values["mobile"])
        out["mobile_last4"] = values["mobile"][-4:]
    return out


def _load(uow: UnitOfWork, member_id: str) -> Member:
    member = uow.session.get(Member, member_id)
    if member is None:
        raise NotFound("members.not_found")
    _check_scope(uow, member)
    return member


def _check_scope(uow: UnitOfWork, member: Member) -> None:
    actor = uow.actor
    if actor is not None and actor.district_code and member.district_code != actor.district_code:
        raise XzError("members.not_in_scope", member_no=member.member_no)


def _staff_name(uow: UnitOfWork, staff_id: str | None) -> str | None:
    if not staff_id:
        return None
    staff = uow.session.get(Staff, staff_id)
    return staff.display_name if staff else None


def _duplicate_check(uow: UnitOfWork, *, id_hmac: bytes | None, mobile_hmac: bytes | None, exclude: str | None) -> None:
    """Refuse a second case file for the same person; name the owner, show masked data only."""
    for kind, column, value in (("id_number", Member.id_hmac, id_hmac), ("mobile", Member.mobile_hmac, mobile_hmac)):
        if value is None:
            continue
        query = select(Member).where(column == value, Member.status != MemberStatus.ARCHIVED.value)
        if exclude:
            query = query.where(Member.id != exclude)
        other = uow.session.execute(query.limit(1)).scalar()
        if other is not None:
            raise XzError(
                "members.duplicate",
                field=kind,
                member_no=other.member_no,
                name=mask(other.name, "name"),
                id_number=mask(other.id_number, "id"),
                mobile=mask(other.mobile, "phone"),
                district=codes.DISTRICTS.get(other.district_code, other.district_code),
                owner=_staff_name(uow, other.matchmaker_id) or "",
            )


def active_consents(session: Any, member_id: str) -> set[str]:
    rows = session.execute(
        select(Consent.type).where(Consent.member_id == member_id, Consent.withdrawn_at.is_(None))
    ).scalars()
    return set(rows)


def _validate_or_raise(draft: MemberDraft, uow: UnitOfWork) -> dict[str, Any]:
    values, problems = validate_draft(draft, today=uow.today())
    errors = blocking(problems)
    if errors:
        raise ValidationError(errors)
    return values


# --- register and edit --------------------------------------------------------------------------
def register_member(
    uow: UnitOfWork,
    *,
    draft: MemberDraft,
    consents: tuple[str, ...] = (ConsentType.BASIC,),
    channel: str = codes.ConsentChannel.PAPER_FORM,
    status: MemberStatus = MemberStatus.REGISTERED,
) -> MemberInfo:
    """Create a case file. Basic-processing consent is required and recorded with the others."""
    actor = uow.require(Permission.MEMBERS_EDIT)
    values = _validate_or_raise(draft, uow)
    if ConsentType.BASIC not in consents:
        raise ValidationError([FieldProblem("consents", "members.consent_missing", type=ConsentType.BASIC.value)])
    if actor.district_code and values["district_code"] != actor.district_code:
        raise ValidationError([FieldProblem("district_code", "members.not_in_scope")])
    derived = derived_columns(uow.blind_index, values)
    _duplicate_check(uow, id_hmac=derived["id_hmac"], mobile_hmac=derived["mobile_hmac"], exclude=None)
    member_id = _unused_member_id(uow)
    defaults: dict[str, Any] = {
        "matchmaker_id": actor.staff_id if actor.role == "matchmaker" else None,
        "referral_source": codes.ReferralSource.OFFICE_WALK_IN.value,
    }
    member = Member(
        id=member_id,
        version=0,
        member_no=member_number(member_id),
        status=status.value,
        created_at=uow.now,
        updated_at=uow.now,
        last_activity_at=uow.now,
        **{**defaults, **values, **derived},
    )
    uow.session.add(member)
    for ctype in dict.fromkeys(consents):
        uow.session.add(
            Consent(
                member_id=member_id,
                type=str(ctype),
                notice_version=codes.CURRENT_NOTICE_VERSION,
                granted_at=uow.now,
                channel=str(channel),
                collected_by=actor.staff_id,
            )
        )
    uow.session.flush()
    uow.audit("member.create", member_id=member_id, fields=sorted(values))
    uow.mark(Area.MEMBERS)
    return member_info(uow, member_id)


def update_member(
    uow: UnitOfWork, *, member_id: str, changes: dict[str, Any], base_version: int | None = None
) -> MemberInfo:
    """Apply an edit. `changes` holds only the fields the user touched; identity fields are
    re-validated together with the rest and re-checked for duplicates."""
    uow.require(Permission.MEMBERS_EDIT)
    return apply_member_edit(uow, member_id=member_id, changes=changes, base_version=base_version)


def apply_member_edit(
    uow: UnitOfWork, *, member_id: str, changes: dict[str, Any], base_version: int | None = None,
    archived_ok: bool = False,
) -> MemberInfo:  # fmt: skip
    """The case-file edit path itself, for callers that checked their own permission:
    `update_member` (members.edit) and a member's correction request handled by the privacy
    officer (privacy.rights; an archived case file may be corrected too, `archived_ok`). Audited as
    `member.edit` with the field names."""
    member = _load(uow, member_id)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise XzError("members.not_editable", fields=sorted(unknown))
    if member.status == MemberStatus.ARCHIVED and not archived_ok:
        raise XzError("members.archived", member_no=member.member_no)
    if base_version is not None and base_version != member.version:
        raise XzError("members.stale", member_no=member.member_no)  # changed by sync meanwhile
    current = {f: getattr(member, f) for f in EDITABLE_FIELDS}
    merged = {**current, **changes}
    draft = MemberDraft(**{k: v for k, v in merged.items() if k in MemberDraft.__dataclass_fields__})
    values = _validate_or_raise(draft, uow)
    new_values: dict[str, Any] = {}
    for f in EDITABLE_FIELDS:
        if f in values:
            value = values[f]
        elif f in changes:  # cleared by the user
            value = [] if f in LIST_FIELDS else ({} if f == "req_importance" else None)
        else:
            continue
        if value != current[f]:
            new_values[f] = value
    if not new_values:
        return member_info(uow, member_id)
    if "district_code" in new_values and uow.actor and uow.actor.district_code:
        if new_values["district_code"] != uow.actor.district_code:
            raise ValidationError([FieldProblem("district_code", "members.not_in_scope")])
    derived = derived_columns(uow.blind_index, {k: v for k, v in new_values.items() if k in IDENTITY_FIELDS})
    _duplicate_check(uow, id_hmac=derived.get("id_hmac"), mobile_hmac=derived.get("mobile_hmac"), exclude=member_id)
    for key, value in {**new_values, **derived}.items():
        setattr(member, key, value)
    touched = sorted(new_values)
    member.updated_at = uow.now
    member.last_activity_at = uow.now
    uow.audit("member.edit", member_id=member_id, fields=touched)
    uow.mark(Area.MEMBERS)
    return member_info(uow, member_id)


def change_status(uow: UnitOfWork, *, member_id: str, status: MemberStatus | str, reason: str | None = None) -> MemberInfo:
    """Move a case along its lifecycle (codes.STATUS_TRANSITIONS). Activation needs the member
    verified and basic consent in force; archiving is the "delete" of a case file."""
    uow.require(Permission.MEMBERS_EDIT)
    member = _load(uow, member_id)
    target = MemberStatus(status)
    current = MemberStatus(member.status)
    if target == current:
        return member_info(uow, member_id)
    if target not in codes.STATUS_TRANSITIONS[current]:
        raise XzError("members.bad_transition", current=current.value, target=target.value)
    if target == MemberStatus.ACTIVE:
        if not member.verified:
            raise XzError("members.not_verified", member_no=member.member_no)
        if ConsentType.BASIC not in active_consents(uow.session, member_id):
            raise XzError("members.consent_missing", type=ConsentType.BASIC.value)
    member.status = target.value
    member.updated_at = uow.now
    member.last_activity_at = uow.now
    uow.audit(f"member.status.{target.value}", member_id=member_id, fields=["status"], reason=reason)
    uow.mark(Area.MEMBERS)
    return member_info(uow, member_id)


# --- verification, consent, flags ---------------------------------------------------------------
def record_verification(
    uow: UnitOfWork, *, member_id: str, kind: VerificationKind | str, evidence: str, remark: str | None = None
) -> MemberInfo:
    """Record a dated verification fact. When all four kinds are on file the member counts as
    verified, and a newly registered member moves to `verified`."""
    actor = uow.require(Permission.MEMBERS_EDIT)
    member = _load(uow, member_id)
    kind = VerificationKind(kind)
    if codes.Evidence(evidence) not in codes.EVIDENCE_FOR[kind]:
        raise ValidationError([FieldProblem("evidence", "members.evidence_mismatch", kind=kind.value)])
    uow.session.add(
        Verification(
            member_id=member_id,
            kind=kind.value,
            evidence=str(evidence),
            checked_by=actor.staff_id,
            checked_at=uow.now,
            remark=(remark or "").strip() or None,
        )
    )
    uow.session.flush()
    kinds = set(uow.session.execute(select(Verification.kind).where(Verification.member_id == member_id)).scalars())
    if kinds >= {k.value for k in VerificationKind} and not member.verified:
        member.verified = True
        if member.status == MemberStatus.REGISTERED:
            member.status = MemberStatus.VERIFIED.value
    member.updated_at = uow.now
    uow.audit("member.verify", member_id=member_id, fields=[kind.value])
    uow.mark(Area.MEMBERS)
    return member_info(uow, member_id)


def grant_consent(
    uow: UnitOfWork, *, member_id: str, type: ConsentType | str, channel: str, notice_version: str | None = None
) -> MemberInfo:
    actor = uow.require(Permission.MEMBERS_EDIT)
    _load(uow, member_id)
    ctype = ConsentType(type)
    if ctype.value in active_consents(uow.session, member_id):
        return member_info(uow, member_id)
    uow.session.add(
        Consent(
            member_id=member_id,
            type=ctype.value,
            notice_version=notice_version or codes.CURRENT_NOTICE_VERSION,
            granted_at=uow.now,
            channel=codes.ConsentChannel(channel).value,
            collected_by=actor.staff_id,
        )
    )
    uow.audit("consent.grant", member_id=member_id, fields=[ctype.value])
    uow.mark(Area.MEMBERS)
    return member_info(uow, member_id)


def withdraw_consent(uow: UnitOfWork, *, member_id: str, type: ConsentType | str) -> MemberInfo:
    """Withdrawal takes effect at once. Withdrawing basic processing ends the case (status
    withdrawn); matching and profile sharing stop being possible (the matching pool and the
    introduction service read active consents)."""
    uow.require(Permission.MEMBERS_EDIT)
    return apply_consent_withdrawal(uow, member_id=member_id, type=type)


def apply_consent_withdrawal(uow: UnitOfWork, *, member_id: str, type: ConsentType | str) -> MemberInfo:
    """The withdrawal itself, for callers that checked their own permission: `withdraw_consent`
    (members.edit) and a member's withdrawal request (privacy.rights). Audited as
    `consent.withdraw`. Its consequences: basic processing ends the case (status withdrawn); the
    introductions the consent made possible end (introductions.codes.ENDED_BY_WITHDRAWAL: the
    same rule the server applies when the member withdraws online); basic processing also
    cancels their registrations for events still being planned (no badge, seat or sign-in line
    is printed for them; events.service.cancel_for_withdrawn_consent); matching, printing and
    export read the consents in force."""
    from xzdesk.domain.events.service import cancel_for_withdrawn_consent  # they import this module
    from xzdesk.domain.introductions.service import end_for_withdrawn_consent

    actor = uow.actor
    assert actor is not None, "a withdrawal is always somebody's action"
    member = _load(uow, member_id)
    ctype = ConsentType(type)
    rows = uow.session.execute(
        select(Consent).where(Consent.member_id == member_id, Consent.type == ctype.value, Consent.withdrawn_at.is_(None))
    ).scalars()
    found = False
    for consent in rows:
        consent.withdrawn_at = uow.now
        consent.withdrawn_by = actor.staff_id
        found = True
    if not found:
        raise XzError("members.consent_not_active", type=ctype.value)
    if ctype == ConsentType.BASIC and member.status not in (MemberStatus.WITHDRAWN, MemberStatus.ARCHIVED):
        if MemberStatus.WITHDRAWN in codes.STATUS_TRANSITIONS[MemberStatus(member.status)]:
            member.status = MemberStatus.WITHDRAWN.value
    member.updated_at = uow.now
    uow.audit("consent.withdraw", member_id=member_id, fields=[ctype.value])
    end_for_withdrawn_consent(uow, member_id=member_id, consent_type=ctype.value)
    if ctype == ConsentType.BASIC:
        cancel_for_withdrawn_consent(uow, member_id=member_id)
    uow.mark(Area.MEMBERS, Area.MATCHING)
    return member_info(uow, member_id)


def set_fraud_flag(uow: UnitOfWork, *, member_id: str, flagged: bool, reason: str | None = None) -> MemberInfo:
    """Flag a member as suspected fraud (blocks new introductions) or clear the flag."""
    uow.require(Permission.MEMBERS_EDIT)
    member = _load(uow, member_id)
    if flagged and not (reason or "").strip():
        raise ValidationError([FieldProblem("reason", "members.required")])
    member.fraud_flag = flagged
    member.fraud_flag_reason = (reason or "").strip() or None if flagged else None
    member.updated_at = uow.now
    uow.audit("member.fraud_flag" if flagged else "member.fraud_unflag", member_id=member_id, fields=["fraud_flag"])
    uow.mark(Area.MEMBERS, Area.MATCHING)
    return member_info(uow, member_id)


# --- online link requests (see links.py) ----------------------------------------------------------
def _open_link(uow: UnitOfWork, request_id: str, base_version: int | None) -> tuple[OnlineLinkRequest, Member]:
    req = uow.session.get(OnlineLinkRequest, request_id)
    if req is None:
        raise NotFound("members.link_not_found")
    member = _load(uow, req.member_id)
    if base_version is not None and base_version != req.version:
        raise XzError("members.stale", member_no=member.member_no)  # decided elsewhere, arrived by sync
    if req.status != LinkStatus.PENDING:
        raise XzError("members.link_decided", status=req.status)
    return req, member


def _decide_link(uow: UnitOfWork, req: OnlineLinkRequest, status: LinkStatus, reason: str | None) -> None:
    actor = uow.actor
    assert actor is not None
    req.status = status.value
    req.decided_at = uow.now
    req.decided_by = actor.staff_id
    req.reason = reason
    follow = uow.session.get(FollowUp, req.follow_up_id) if req.follow_up_id else None
    if follow is not None and follow.done_at is None:  # the reminder the server left is dealt with
        follow.done_at = uow.now
        follow.done_by = actor.staff_id
    uow.mark(Area.MEMBERS, Area.FOLLOW_UPS)


def confirm_link(uow: UnitOfWork, *, request_id: str, base_version: int | None = None) -> MemberInfo:
    """Tie the online account of a link request to its case file (the member then sees their
    case file online). Only when the ID number typed online is the case file's (blind index):
    never by the phone alone (`members.link_id_differs`). Audited as `member.link_confirm`."""
    uow.require(Permission.MEMBERS_EDIT)
    req, member = _open_link(uow, request_id, base_version)
    if member.status == MemberStatus.ARCHIVED:
        raise XzError("members.archived", member_no=member.member_no)
    if req.id_hmac is None or req.id_hmac != member.id_hmac:
        raise XzError("members.link_id_differs", member_no=member.member_no)
    _decide_link(uow, req, LinkStatus.CONFIRMED, None)
    member.last_activity_at = uow.now
    uow.audit("member.link_confirm", member_id=member.id, fields=["online_account"])
    return member_info(uow, member.id)


def reject_link(uow: UnitOfWork, *, request_id: str, reason: str, base_version: int | None = None) -> MemberInfo:
    """Refuse a link request with a reason the member reads online (what to do next); the
    account stays apart from the case file. Audited as `member.link_reject` with the reason."""
    uow.require(Permission.MEMBERS_EDIT)
    text = " ".join((reason or "").split())
    if len(text) < LINK_REASON_MIN:
        raise ValidationError([FieldProblem("reason", "members.reason_required")])
    if len(text) > LINK_REASON_MAX:
        raise ValidationError([FieldProblem("reason", "members.too_long", maximum=LINK_REASON_MAX)])
    req, member = _open_link(uow, request_id, base_version)
    _decide_link(uow, req, LinkStatus.REJECTED, text)
    uow.audit("member.link_reject", member_id=member.id, fields=["online_account"], reason=text)
    return member_info(uow, member.id)


# --- notes and follow-ups -----------------------------------------------------------------------
def add_note(uow: UnitOfWork, *, member_id: str, body: str) -> NoteInfo:
    actor = uow.require(Permission.MEMBERS_EDIT)
    member = _load(uow, member_id)
    text = (body or "").strip()
    if not text:
        raise ValidationError([FieldProblem("body", "members.required")])
    if len(text) > MAX_NOTE:
        raise ValidationError([FieldProblem("body", "members.too_long", maximum=MAX_NOTE)])
    note = Note(member_id=member_id, author_id=actor.staff_id, created_at=uow.now, body=text)
    uow.session.add(note)
    member.last_activity_at = uow.now
    uow.session.flush()
    uow.audit("note.add", member_id=member_id)
    uow.mark(Area.MEMBERS)
    return NoteInfo(note.id, actor.display_name, note.created_at, note.body)


def add_follow_up(
    uow: UnitOfWork,
    *,
    member_id: str,
    due_date: date,
    title: str,
    kind: str = codes.FollowUpKind.GENERAL,
    assigned_to: str | None = None,
) -> FollowUpInfo:
    actor = uow.require(Permission.MEMBERS_EDIT)
    _load(uow, member_id)
    title = (title or "").strip()
    if not title:
        raise ValidationError([FieldProblem("title", "members.required")])
    if due_date < uow.today() - timedelta(days=1):
        raise ValidationError([FieldProblem("due_date", "members.due_in_past")])
    follow = FollowUp(
        member_id=member_id,
        kind=codes.FollowUpKind(kind).value,
        due_date=due_date,
        assigned_to=assigned_to or actor.staff_id,
        title=title[:128],
        created_at=uow.now,
    )
    uow.session.add(follow)
    uow.session.flush()
    uow.audit("follow_up.add", member_id=member_id)
    uow.mark(Area.MEMBERS, Area.FOLLOW_UPS)
    return _follow_info(uow, follow)


def complete_follow_up(uow: UnitOfWork, *, follow_up_id: str, outcome: str) -> FollowUpInfo:
    actor = uow.require(Permission.MEMBERS_EDIT)
    follow = uow.session.get(FollowUp, follow_up_id)
    if follow is None:
        raise NotFound("members.follow_up_not_found")
    member = _load(uow, follow.member_id)
    if follow.done_at is not None:
        raise XzError("members.follow_up_done")
    follow.done_at = uow.now
    follow.done_by = actor.staff_id
    follow.outcome = (outcome or "").strip() or None
    member.last_activity_at = uow.now
    uow.audit("follow_up.done", member_id=follow.member_id)
    uow.mark(Area.MEMBERS, Area.FOLLOW_UPS)
    return _follow_info(uow, follow)


# --- reading ------------------------------------------------------------------------------------
def reveal_member(uow: UnitOfWork, *, member_id: str, fields: tuple[str, ...], reason: str) -> dict[str, Any]:
    """Unmasked values of identity fields, for a permitted role with a typed reason (audited)."""
    uow.require(Permission.MEMBERS_UNMASK)
    member = _load(uow, member_id)
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError([FieldProblem("reason", "members.reason_required")])
    bad = set(fields) - set(REVEALABLE)
    if bad or not fields:
        raise XzError("members.not_revealable", fields=sorted(bad))
    uow.audit("member.reveal", member_id=member_id, fields=sorted(fields), reason=reason[:256])
    return {f: getattr(member, f) for f in fields}


def _follow_info(uow: UnitOfWork, f: FollowUp) -> FollowUpInfo:
    return FollowUpInfo(
        id=f.id,
        member_id=f.member_id,
        kind=f.kind,
        due_date=f.due_date,
        title=f.title,
        assigned_to_name=_staff_name(uow, f.assigned_to),
        done_at=f.done_at,
        outcome=f.outcome,
    )


def member_info(uow: UnitOfWork, member_id: str) -> MemberInfo:
    """The case file as the editor shows it (masked identifiers). Reading is not audited;
    revealing is."""
    s = uow.session
    m = s.get(Member, member_id)
    if m is None:
        raise NotFound("members.not_found")
    names: dict[str, str] = dict(s.execute(select(Staff.id, Staff.display_name)).all())
    consents = tuple(
        ConsentInfo(c.id, c.type, c.notice_version, c.granted_at, c.channel, names.get(c.collected_by, ""), c.withdrawn_at)
        for c in s.execute(select(Consent).where(Consent.member_id == member_id).order_by(Consent.granted_at)).scalars()
    )
    verifications = tuple(
        VerificationInfo(v.id, v.kind, v.evidence, names.get(v.checked_by, ""), v.checked_at, v.remark)
        for v in s.execute(
            select(Verification).where(Verification.member_id == member_id).order_by(Verification.checked_at)
        ).scalars()
    )
    notes = tuple(
        NoteInfo(n.id, names.get(n.author_id, ""), n.created_at, n.body)
        for n in s.execute(select(Note).where(Note.member_id == member_id).order_by(Note.created_at.desc())).scalars()
    )
    follow_ups = tuple(
        _follow_info(uow, f)
        for f in s.execute(select(FollowUp).where(FollowUp.member_id == member_id).order_by(FollowUp.due_date)).scalars()
    )
    hidden = set(IDENTITY_FIELDS)
    link = newest_request(s, member_id)
    return MemberInfo(
        id=m.id,
        version=m.version,
        member_no=m.member_no,
        name_masked=mask(m.name, "name"),
        id_masked=mask(m.id_number, "id"),
        mobile_masked=mask(m.mobile, "phone"),
        age=age_on(m.birth_date, uow.today()),
        fields={f: getattr(m, f) for f in EDITABLE_FIELDS if f not in hidden},
        status=m.status,
        verified=m.verified,
        fraud_flag=m.fraud_flag,
        matchmaker_name=names.get(m.matchmaker_id or ""),
        created_at=m.created_at,
        updated_at=m.updated_at,
        consents=consents,
        verifications=verifications,
        notes=notes,
        follow_ups=follow_ups,
        active_consents=frozenset(c.type for c in consents if c.active),
        link_request=request_info(link, m, names) if link is not None else None,
    )


def count_members(session: Any) -> int:
    return session.execute(select(func.count()).select_from(Member)).scalar_one()


def due_follow_ups(session: Any, *, today: date, assigned_to: str | None = None) -> int:
    query = select(func.count()).select_from(FollowUp).where(FollowUp.done_at.is_(None), FollowUp.due_date <= today)
    if assigned_to:
        query = query.where(FollowUp.assigned_to == assigned_to)
    return session.execute(query).scalar_one()
