"""Introduction services (牵线): propose, record answers, exchange contacts, meet, outcome.

Contract (as every service): each function takes the caller's `UnitOfWork`, never commits,
checks the actor's permission (`members.edit`; contact details also need `members.unmask`)
and district scope, writes audit entries naming fields only, and leaves the sync outbox to the
flush hook. Errors are `XzError` codes with non-personal params (member numbers, stages):

- introductions.not_found, members.not_found, introductions.not_in_scope
- introductions.same_member, introductions.same_sex, introductions.member_not_active
  (member_no, status), introductions.consent_missing (member_no, type),
  introductions.fraud_flag (member_no), introductions.already_introduced (stage),
  introductions.blocked: the rules for proposing (also checked by `check_pair`)
- introductions.bad_transition (current, target): a stage change TRANSITIONS does not allow
- introductions.answers_closed (stage), introductions.not_a_side, introductions.not_an_outcome,
  introductions.stale (the row changed through sync since the caller read it; pass
  `base_version` to be told)
- members.reason_required (FieldProblem) for a contact reveal without a reason
- introductions.decline_reason (a code not in DeclineReason), introductions.decline_note_required
  (reason "other" without a note), introductions.decline_note_too_long (maximum)
- introductions.not_declined (stage), introductions.undo_expired (hours): `undo_decline`

Rules: proposing needs both members active, holding a share-profile consent in force, not
flagged as suspected fraud, never introduced to each other before (any stage), and not
blocked. Accepting also needs the consent and no flag on either side. Contact details are
handed out only once both accepted (`exchange_contacts`, `reveal_contacts`), audited per
member. When contacts are exchanged, 回访 tasks are created for both members at +3 days,
+3 weeks and +3 months. An outcome of dating or engaged moves both members to
`in_relationship`, married to `married` (through in_relationship when needed), each only where
the member lifecycle allows it; the result says what was applied.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from sqlalchemy import or_, select

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import FieldProblem, NotFound, ValidationError, XzError
from xzdesk.domain.introductions.codes import (
    CONTACT_STAGES,
    ENTRY_STAGES,
    FINAL_STAGES,
    OUTCOMES,
    BlockReason,
    DeclineReason,
    Response,
    Source,
    Stage,
    WithdrawReason,
    ended_by_withdrawal,
)
from xzdesk.domain.introductions.dto import (
    BatchProposalInfo,
    BlockInfo,
    ContactRow,
    IntroductionContactsInfo,
    IntroductionInfo,
    OutcomeResultInfo,
    PairCheckInfo,
    PairProblemRow,
    SkippedPairRow,
    StatusChangeRow,
)
from xzdesk.domain.introductions.models import (
    DECLINE_NOTE_MAX,
    TRANSITIONS,
    UNDO_DECLINE_WINDOW,
    Introduction,
    PairBlock,
    entry_stage,
    ordered_pair,
    stage_from_responses,
)
from xzdesk.domain.introductions.queries import (
    active_block,
    active_consent_types,
    find_introduction,
    side_rows,
    sides_of,
    undo_deadline,
)
from xzdesk.domain.matching.profile import profile_from_member
from xzdesk.domain.matching.rules import requirement_problems
from xzdesk.domain.members import service as members_service
from xzdesk.domain.members.codes import STATUS_TRANSITIONS, ConsentType, FollowUpKind, MemberStatus
from xzdesk.domain.members.dto import FollowUpInfo
from xzdesk.domain.members.models import FollowUp, Member
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.uow import UnitOfWork

# 回访 after contacts are exchanged: (title code, days, months). Titles are codes the UI phrases.
FOLLOW_UPS: tuple[tuple[str, int, int], ...] = (
    ("introduction.follow_up.3d", 3, 0),
    ("introduction.follow_up.3w", 21, 0),
    ("introduction.follow_up.3m", 0, 3),
)
CONTACT_FIELDS = ("name", "mobile", "wechat")


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 -> 28/29 Feb)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_dates(start: date) -> list[date]:
    """Due dates of the automatic 回访 for contacts exchanged on `start`."""
    return [add_months(start + timedelta(days=days), months) for _, days, months in FOLLOW_UPS]


# --- loading and checks -------------------------------------------------------------------------
def _in_scope(uow: UnitOfWork, member: Member) -> None:
    actor = uow.actor
    if actor is not None and actor.district_code and member.district_code != actor.district_code:
        raise XzError("introductions.not_in_scope", member_no=member.member_no)


def load_member(uow: UnitOfWork, member_id: str) -> Member:
    member = uow.session.get(Member, member_id)
    if member is None:
        raise NotFound("members.not_found")
    _in_scope(uow, member)
    return member


def load_introduction(uow: UnitOfWork, introduction_id: str, base_version: int | None = None) -> Introduction:
    intro = uow.session.get(Introduction, introduction_id)
    if intro is None:
        raise NotFound("introductions.not_found")
    for member_id in (intro.member_a_id, intro.member_b_id):
        member = uow.session.get(Member, member_id)
        if member is not None:
            _in_scope(uow, member)
    if base_version is not None and base_version != intro.version:
        raise XzError("introductions.stale", stage=intro.stage)
    return intro


def sharing_problems(member: Member, consents: set[str]) -> list[PairProblemRow]:
    """Why this member's profile may not be shared with a candidate now."""
    out = []
    if ConsentType.SHARE_PROFILE.value not in consents:
        out.append(PairProblemRow("introductions.consent_missing", member.id,
                                  {"member_no": member.member_no, "type": ConsentType.SHARE_PROFILE.value}))  # fmt: skip
    if member.fraud_flag:
        out.append(PairProblemRow("introductions.fraud_flag", member.id, {"member_no": member.member_no}))
    return out


def _raise_first(problems: Sequence[PairProblemRow]) -> None:
    if problems:
        raise XzError(problems[0].code, **problems[0].params)


def check_pair(uow: UnitOfWork, *, member_a: str, member_b: str) -> PairCheckInfo:
    """May these two be introduced? Blocking problems (introductions.* codes) and warnings
    (the matcher's hard filters the pair fails, e.g. "a_requires.age": B is outside A's ages;
    a matchmaker may still propose). Reads only."""
    uow.require(Permission.MEMBERS_VIEW)
    if member_a == member_b:
        return PairCheckInfo(member_a, member_b, (PairProblemRow("introductions.same_member"),), (), None)
    a, b = load_member(uow, member_a), load_member(uow, member_b)
    consents = active_consent_types(uow.session, [a.id, b.id])
    blocking: list[PairProblemRow] = []
    for m in (a, b):
        if m.status != MemberStatus.ACTIVE:
            blocking.append(PairProblemRow("introductions.member_not_active", m.id,
                                           {"member_no": m.member_no, "status": m.status}))  # fmt: skip
        blocking += sharing_problems(m, consents.get(m.id, set()))
    if a.sex == b.sex:
        blocking.append(PairProblemRow("introductions.same_sex"))
    existing = find_introduction(uow.session, a.id, b.id)
    if existing is not None:
        blocking.append(PairProblemRow("introductions.already_introduced", None, {"stage": existing.stage}))
    if active_block(uow.session, a.id, b.id) is not None:
        blocking.append(PairProblemRow("introductions.blocked"))
    today = uow.today()
    pa = profile_from_member(a, today=today, consent_matching=True)
    pb = profile_from_member(b, today=today, consent_matching=True)
    warnings = [PairProblemRow(f"a_requires.{r}", a.id) for r in requirement_problems(pa, pb)]
    warnings += [PairProblemRow(f"b_requires.{r}", b.id) for r in requirement_problems(pb, pa)]
    return PairCheckInfo(member_a, member_b, tuple(blocking), tuple(warnings), existing.id if existing else None)


# --- reading --------------------------------------------------------------------------------------
def _follow_ups(uow: UnitOfWork, ids: Sequence[str]) -> tuple[FollowUpInfo, ...]:
    if not ids:
        return ()
    names = dict(uow.session.execute(select(Staff.id, Staff.display_name)).all())
    rows = uow.session.execute(select(FollowUp).where(FollowUp.id.in_(list(ids))).order_by(FollowUp.due_date)).scalars()
    return tuple(
        FollowUpInfo(id=f.id, member_id=f.member_id, kind=f.kind, due_date=f.due_date, title=f.title,
                     assigned_to_name=names.get(f.assigned_to or ""), done_at=f.done_at, outcome=f.outcome)
        for f in rows
    )  # fmt: skip


def staff_name(uow: UnitOfWork, staff_id: str | None) -> str | None:
    staff = uow.session.get(Staff, staff_id) if staff_id else None
    return staff.display_name if staff else None


def _info(uow: UnitOfWork, intro: Introduction) -> IntroductionInfo:
    uow.session.flush()
    sides = side_rows(uow.session, [intro.member_a_id, intro.member_b_id], today=uow.today())
    a, b = sides_of(intro, sides)
    answers = {Stage.ACCEPTED, Stage.DECLINED}
    next_stages = tuple(s.value for s in Stage if s in TRANSITIONS[Stage(intro.stage)] and s not in answers)
    return IntroductionInfo(
        id=intro.id, version=intro.version, stage=intro.stage, source=intro.source, event_id=intro.event_id,
        a=a, b=b, proposed_at=intro.proposed_at, proposed_by_name=staff_name(uow, intro.proposed_by),
        matchmaker_name=staff_name(uow, intro.matchmaker_id), score=intro.score,
        contacts_exchanged_at=intro.contacts_exchanged_at, met_on=intro.met_on, closed_at=intro.closed_at,
        withdraw_reason=intro.withdraw_reason, updated_at=intro.updated_at,
        follow_ups=_follow_ups(uow, list(intro.follow_up_ids or ())), next_stages=next_stages,
        decline_reason=intro.decline_reason, decline_note=intro.decline_note, undo_until=undo_deadline(intro),
    )  # fmt: skip


def introduction_info(uow: UnitOfWork, introduction_id: str) -> IntroductionInfo:
    uow.require(Permission.MEMBERS_VIEW)
    return _info(uow, load_introduction(uow, introduction_id))


# --- proposing ------------------------------------------------------------------------------------
def _audit_both(uow: UnitOfWork, intro: Introduction, action: str, fields: Sequence[str] = ()) -> None:
    for member_id in (intro.member_a_id, intro.member_b_id):
        uow.audit(action, member_id=member_id, fields=list(fields))


def _changed(uow: UnitOfWork) -> None:
    uow.mark(Area.INTRODUCTIONS, Area.MATCHING)


def _create(
    uow: UnitOfWork, *, member_a: str, member_b: str, stage: Stage, source: Source, score: float | None,
    event_id: str | None,
) -> Introduction:  # fmt: skip
    actor = uow.require(Permission.MEMBERS_EDIT)
    a, b = ordered_pair(member_a, member_b)
    intro = Introduction(
        member_a_id=a, member_b_id=b, stage=stage.value, source=source.value, event_id=event_id,
        matchmaker_id=actor.staff_id, proposed_at=uow.now, proposed_by=actor.staff_id,
        score=None if score is None else float(score), follow_up_ids=[], updated_at=uow.now,
    )  # fmt: skip
    uow.session.add(intro)
    uow.session.flush()
    _audit_both(uow, intro, f"introduction.{stage.value}", ["stage"])
    _changed(uow)
    return intro


def propose_introduction(
    uow: UnitOfWork,
    *,
    member_a: str,
    member_b: str,
    score: float | None = None,
    source: Source | str = Source.MATCHMAKER,
) -> IntroductionInfo:
    """Propose introducing two members (stage `proposed`). `score` is the rank score shown when
    the matchmaker chose the candidate, kept for later evaluation. Raises the first blocking
    problem of `check_pair` as an XzError."""
    uow.require(Permission.MEMBERS_EDIT)
    check = check_pair(uow, member_a=member_a, member_b=member_b)
    _raise_first(check.blocking)
    intro = _create(uow, member_a=member_a, member_b=member_b, stage=Stage.PROPOSED, source=Source(source),
                    score=score, event_id=None)  # fmt: skip
    return _info(uow, intro)


def propose_introductions(
    uow: UnitOfWork, *, pairs: Iterable[tuple[str, str] | tuple[str, str, float | None]]
) -> BatchProposalInfo:
    """Propose the confirmed pairs of a batch preview (source `batch`); pairs that may not be
    introduced (any more) are skipped with their reason instead of failing the batch. A member
    may appear in several pairs."""
    uow.require(Permission.MEMBERS_EDIT)
    created, skipped = [], []
    for pair in pairs:
        x, y, *rest = pair
        score = rest[0] if rest else None
        check = check_pair(uow, member_a=x, member_b=y)
        if check.blocking:
            first = check.blocking[0]
            skipped.append(SkippedPairRow(x, y, first.code, dict(first.params)))
            continue
        intro = _create(uow, member_a=x, member_b=y, stage=Stage.PROPOSED, source=Source.BATCH, score=score,
                        event_id=None)  # fmt: skip
        created.append(_info(uow, intro))
    return BatchProposalInfo(tuple(created), tuple(skipped))


def create_from_mutual_interest(uow: UnitOfWork, *, event_id: str, member_a: str, member_b: str) -> IntroductionInfo:
    """Record that two members ticked each other at an event (entry stage `mutual_interest`).
    Idempotent for a pair that already has an introduction: that one is returned unchanged.
    Otherwise the proposing rules apply (consent, flag, status, block)."""
    uow.require(Permission.MEMBERS_EDIT)
    existing = find_introduction(uow.session, member_a, member_b)
    if existing is not None:
        load_introduction(uow, existing.id)
        return _info(uow, existing)
    check = check_pair(uow, member_a=member_a, member_b=member_b)
    _raise_first(check.blocking)
    intro = _create(uow, member_a=member_a, member_b=member_b, stage=Stage.MUTUAL_INTEREST, source=Source.EVENT,
                    score=None, event_id=event_id)  # fmt: skip
    return _info(uow, intro)


# --- moving along the pipeline ---------------------------------------------------------------------
def _move(uow: UnitOfWork, intro: Introduction, target: Stage) -> None:
    current = Stage(intro.stage)
    if target not in TRANSITIONS[current]:
        raise XzError("introductions.bad_transition", current=current.value, target=target.value)
    intro.stage = target.value
    intro.updated_at = uow.now
    if target in FINAL_STAGES:
        intro.closed_at = uow.now
    _audit_both(uow, intro, f"introduction.{target.value}", ["stage"])
    _changed(uow)


def _decline_reason(reason: DeclineReason | str | None, note: str | None) -> tuple[str | None, str | None]:
    """The checked reason code and note of a decline."""
    text = (note or "").strip() or None
    try:
        code = None if reason is None else DeclineReason(reason).value
    except ValueError:
        raise XzError("introductions.decline_reason") from None
    if code == DeclineReason.OTHER and text is None:
        raise XzError("introductions.decline_note_required")
    if text is not None and len(text) > DECLINE_NOTE_MAX:
        raise XzError("introductions.decline_note_too_long", maximum=DECLINE_NOTE_MAX)
    return code, text


def record_response(
    uow: UnitOfWork,
    *,
    introduction_id: str,
    member_id: str,
    accepted: bool,
    base_version: int | None = None,
    decline_reason: DeclineReason | str | None = None,
    decline_note: str | None = None,
) -> IntroductionInfo:
    """Record one side's answer (the matchmaker called them). The stage becomes `accepted` once
    both accepted, `declined` as soon as either declines, keeping `decline_reason` (a
    DeclineReason; "other" needs the note) and the optional short `decline_note`; a decline may
    be undone for a while (`undo_decline`). Accepting needs both profiles still shareable
    (consent in force, no fraud flag)."""
    uow.require(Permission.MEMBERS_EDIT)
    reason, note = _decline_reason(decline_reason, decline_note) if not accepted else (None, None)
    intro = load_introduction(uow, introduction_id, base_version)
    if intro.stage not in ENTRY_STAGES:
        raise XzError("introductions.answers_closed", stage=intro.stage)
    try:
        side = intro.side(member_id)
    except KeyError:
        raise XzError("introductions.not_a_side") from None
    if accepted:
        members = [load_member(uow, m) for m in (intro.member_a_id, intro.member_b_id)]
        consents = active_consent_types(uow.session, [m.id for m in members])
        _raise_first([p for m in members for p in sharing_problems(m, consents.get(m.id, set()))])
    answer = Response.ACCEPTED if accepted else Response.DECLINED
    setattr(intro, f"{side}_response", answer.value)
    setattr(intro, f"{side}_responded_at", uow.now)
    intro.updated_at = uow.now
    fields = [f"{side}_response"]
    if not accepted:
        intro.decline_reason, intro.decline_note = reason, note
        fields += [f for f, v in (("decline_reason", reason), ("decline_note", note)) if v is not None]
    uow.audit("introduction.response", member_id=member_id, fields=fields)
    _changed(uow)
    target = stage_from_responses(intro.stage, intro.a_response, intro.b_response)
    if target != intro.stage:
        _move(uow, intro, Stage(target))
    return _info(uow, intro)


def undo_decline(uow: UnitOfWork, *, introduction_id: str, base_version: int | None = None) -> IntroductionInfo:
    """Undo a decline recorded by mistake, within UNDO_DECLINE_WINDOW of it: the introduction
    goes back to its entry stage with the declining side's answer cleared (the other side's
    answer stays), the reason is dropped, and both members' audit trails record
    `introduction.decline_undone`. Raises introductions.not_declined or .undo_expired."""
    uow.require(Permission.MEMBERS_EDIT)
    intro = load_introduction(uow, introduction_id, base_version)
    if intro.stage != Stage.DECLINED.value:
        raise XzError("introductions.not_declined", stage=intro.stage)
    deadline = undo_deadline(intro)
    if deadline is None or uow.now > deadline:
        raise XzError("introductions.undo_expired", hours=int(UNDO_DECLINE_WINDOW.total_seconds() // 3600))
    cleared = [s for s in ("a", "b") if getattr(intro, f"{s}_response") == Response.DECLINED.value]
    for s in cleared:
        setattr(intro, f"{s}_response", None)
        setattr(intro, f"{s}_responded_at", None)
    intro.stage = entry_stage(intro.source).value
    intro.closed_at = None
    intro.decline_reason = intro.decline_note = None
    intro.updated_at = uow.now
    _audit_both(uow, intro, "introduction.decline_undone", ["stage", *(f"{s}_response" for s in cleared), "decline_reason"])
    _changed(uow)
    return _info(uow, intro)


def contacts_of(uow: UnitOfWork, intro: Introduction) -> IntroductionContactsInfo:
    """Both sides' contact details, after checking the stage and that both profiles are still
    shareable. The caller audits."""
    uow.require(Permission.MEMBERS_UNMASK)
    if intro.stage not in CONTACT_STAGES:
        raise XzError("introductions.not_accepted", stage=intro.stage)
    members = [load_member(uow, m) for m in (intro.member_a_id, intro.member_b_id)]
    consents = active_consent_types(uow.session, [m.id for m in members])
    _raise_first([p for m in members for p in sharing_problems(m, consents.get(m.id, set()))])
    a, b = (ContactRow(m.id, m.member_no, m.name, m.mobile, m.wechat) for m in members)
    return IntroductionContactsInfo(intro.id, intro.stage, a, b)


def exchange_contacts(
    uow: UnitOfWork, *, introduction_id: str, base_version: int | None = None
) -> IntroductionContactsInfo:
    """Both accepted: hand each side the other's name, mobile and WeChat (returned here for the
    matchmaker to pass on; audited for both members), move to `contacts_exchanged` and create
    the 回访 tasks (+3 days, +3 weeks, +3 months) for both members, each assigned to the
    member's matchmaker (or the actor)."""
    actor = uow.require(Permission.MEMBERS_EDIT)
    intro = load_introduction(uow, introduction_id, base_version)
    if intro.stage != Stage.ACCEPTED:
        raise XzError("introductions.bad_transition", current=intro.stage, target=Stage.CONTACTS_EXCHANGED.value)
    contacts = contacts_of(uow, intro)
    _move(uow, intro, Stage.CONTACTS_EXCHANGED)
    intro.contacts_exchanged_at = uow.now
    ids: list[str] = []
    dates = follow_up_dates(uow.today())
    for member_id in (intro.member_a_id, intro.member_b_id):
        owner = uow.session.get(Member, member_id)
        assigned = (owner.matchmaker_id if owner is not None else None) or actor.staff_id
        for (title, _, _), due in zip(FOLLOW_UPS, dates, strict=True):
            info = members_service.add_follow_up(uow, member_id=member_id, due_date=due, title=title,
                                                 kind=FollowUpKind.INTRODUCTION, assigned_to=assigned)  # fmt: skip
            ids.append(info.id)
    intro.follow_up_ids = ids
    _audit_both(uow, intro, "introduction.contacts_exchange", CONTACT_FIELDS)
    uow.mark(Area.FOLLOW_UPS)
    return contacts


def reveal_contacts(uow: UnitOfWork, *, introduction_id: str, reason: str) -> IntroductionContactsInfo:
    """Show both sides' contact details again (e.g. a member lost them), with a typed reason;
    only once both accepted and while both profiles are shareable. Audited per member."""
    uow.require(Permission.MEMBERS_VIEW)
    text = (reason or "").strip()
    if len(text) < 2:
        raise ValidationError([FieldProblem("reason", "members.reason_required")])
    intro = load_introduction(uow, introduction_id)
    contacts = contacts_of(uow, intro)
    for member_id in (intro.member_a_id, intro.member_b_id):
        uow.audit("introduction.contacts_reveal", member_id=member_id, fields=list(CONTACT_FIELDS), reason=text[:256])
    return contacts


def record_meeting(
    uow: UnitOfWork, *, introduction_id: str, met_on: date | None = None, base_version: int | None = None
) -> IntroductionInfo:
    """The two met (default: today). A date in the future is refused."""
    uow.require(Permission.MEMBERS_EDIT)
    intro = load_introduction(uow, introduction_id, base_version)
    day = met_on or uow.today()
    if day > uow.today():
        raise ValidationError([FieldProblem("met_on", "introductions.date_in_future")])
    _move(uow, intro, Stage.MET)
    intro.met_on = day
    return _info(uow, intro)


def _status_effects(uow: UnitOfWork, intro: Introduction, outcome: Stage) -> list[StatusChangeRow]:
    """Member status changes an outcome calls for, applied where the lifecycle allows."""
    if outcome in (Stage.DATING, Stage.ENGAGED):
        path = [MemberStatus.IN_RELATIONSHIP]
    elif outcome == Stage.MARRIED:
        path = [MemberStatus.IN_RELATIONSHIP, MemberStatus.MARRIED]
    else:
        return []
    rows = []
    for member_id in (intro.member_a_id, intro.member_b_id):
        member = uow.session.get(Member, member_id)
        if member is None:  # not on this laptop (another scope): its own office records it
            continue
        _in_scope(uow, member)
        old = MemberStatus(member.status)
        steps = path[path.index(old) + 1 :] if old in path else path
        applicable, status = True, old
        for step in steps:
            applicable &= step in STATUS_TRANSITIONS[status]
            status = step
        if applicable:
            for step in steps:
                members_service.change_status(uow, member_id=member_id, status=step)
        rows.append(StatusChangeRow(member_id, member.member_no, old.value, path[-1].value, applicable))
    return rows


def record_outcome(
    uow: UnitOfWork, *, introduction_id: str, outcome: Stage | str, base_version: int | None = None
) -> OutcomeResultInfo:
    """Record how it went after meeting: no_interest, continue, dating, engaged or married.
    Dating/engaged move both members to in_relationship, married to married, where allowed."""
    uow.require(Permission.MEMBERS_EDIT)
    try:
        target = Stage(outcome)
    except ValueError:
        target = None
    if target not in OUTCOMES:
        raise XzError("introductions.not_an_outcome", outcome=str(outcome))
    assert target is not None
    intro = load_introduction(uow, introduction_id, base_version)
    _move(uow, intro, target)
    changes = _status_effects(uow, intro, target)
    return OutcomeResultInfo(_info(uow, intro), tuple(changes))


def withdraw_introduction(
    uow: UnitOfWork,
    *,
    introduction_id: str,
    reason: WithdrawReason | str = WithdrawReason.MATCHMAKER,
    base_version: int | None = None,
) -> IntroductionInfo:
    """Withdraw an introduction before the two met (final; the pair is not proposed again)."""
    uow.require(Permission.MEMBERS_EDIT)
    intro = load_introduction(uow, introduction_id, base_version)
    code = WithdrawReason(reason)
    _move(uow, intro, Stage.WITHDRAWN)
    intro.withdraw_reason = code.value
    return _info(uow, intro)


def end_for_withdrawn_consent(uow: UnitOfWork, *, member_id: str, consent_type: str) -> list[str]:
    """The consequence of a withdrawn consent for the member's introductions (codes
    `ended_by_withdrawal`): those it makes impossible are withdrawn with reason
    `consent_withdrawn`, audited on both sides as any withdrawal. No permission check of its own:
    it is part of the withdrawal the caller was allowed to record. Returns the ids withdrawn."""
    stages = ended_by_withdrawal(consent_type)
    if not stages:
        return []
    rows = uow.session.execute(
        select(Introduction).where(
            or_(Introduction.member_a_id == member_id, Introduction.member_b_id == member_id),
            Introduction.stage.in_([s.value for s in stages]),
        )
    ).scalars().all()  # fmt: skip
    for intro in rows:
        _move(uow, intro, Stage.WITHDRAWN)
        intro.withdraw_reason = WithdrawReason.CONSENT_WITHDRAWN.value
    return [intro.id for intro in rows]


# --- blocks -----------------------------------------------------------------------------------------
def _block_info(block: PairBlock) -> BlockInfo:
    return BlockInfo(block.id, block.member_id, block.other_member_id, block.reason, block.created_at, block.lifted_at)


def block_pair(
    uow: UnitOfWork, *, member_id: str, other_member_id: str, reason: BlockReason | str = BlockReason.MEMBER_REQUEST
) -> BlockInfo:
    """Never suggest or introduce these two (either order). An existing block is returned."""
    actor = uow.require(Permission.MEMBERS_EDIT)
    if member_id == other_member_id:
        raise XzError("introductions.same_member")
    for m in (member_id, other_member_id):
        load_member(uow, m)
    existing = active_block(uow.session, member_id, other_member_id)
    if existing is not None:
        return _block_info(existing)
    block = PairBlock(member_id=member_id, other_member_id=other_member_id, reason=BlockReason(reason).value,
                      created_at=uow.now, created_by=actor.staff_id)  # fmt: skip
    uow.session.add(block)
    uow.session.flush()
    for m in (member_id, other_member_id):
        uow.audit("pair_block.add", member_id=m, fields=["pair_block"])
    uow.mark(Area.MATCHING, Area.MEMBERS)
    return _block_info(block)


def lift_block(uow: UnitOfWork, *, block_id: str) -> BlockInfo:
    actor = uow.require(Permission.MEMBERS_EDIT)
    block = uow.session.get(PairBlock, block_id)
    if block is None:
        raise NotFound("introductions.block_not_found")
    for m in (block.member_id, block.other_member_id):
        load_member(uow, m)
    if block.lifted_at is None:
        block.lifted_at = uow.now
        block.lifted_by = actor.staff_id
        for m in (block.member_id, block.other_member_id):
            uow.audit("pair_block.lift", member_id=m, fields=["pair_block"])
        uow.mark(Area.MATCHING, Area.MEMBERS)
    return _block_info(block)
