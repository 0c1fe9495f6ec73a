"""Data-subject rights (PIPL Arts. 45, 47, 50): requests, erasure, retention review.

Requests (table `rights_request`, local to the laptop where the request was received; the audit
trail of every step syncs):

    receive_request(uow, member_no=..., kind="erasure", received_on=..., channel="letter")
        -> due date = 15 working days after receipt (workdays.py: weekends, Chinese public holidays)
    assign_request(uow, request_id=..., handler_id=...)      another privacy officer handles it
    refuse_request(uow, request_id=..., reason=...)          a refusal needs its reason
    stop_processing(uow, request_id=..., reason=...)         erasure answered "partially": storage
        kept under a legal retention duty (Art. 47 para. 2), every other processing stopped
        (case archived, every consent withdrawn); the reason names the duty
    complete_access_request(uow, request_id=..., directory=...)   portability.export_member_data
    complete_correction(uow, request_id=..., changes={...})  更正、补充 (Art. 46) through the case-file
        edit path (members.service.apply_member_edit: same validation, duplicate check, audit
        `member.edit`); the request records which fields were corrected, never their values
    complete_explanation(uow, request_id=..., directory=...) 解释说明 (Art. 48): a plain-language
        PDF for that member (explanation.py): what the union holds, their consents, and how
        matching, introductions, statistics and retention use their data
    complete_withdrawal(uow, request_id=..., types=[...])    撤回同意 (Art. 15) of the chosen consents
        through the consent service (members.service.apply_consent_withdrawal)
    erase_member_data(store, actor, request_id=...)          the erasure itself (own transaction)

Every kind has the same due date (15 working days) and may be refused with a reason.

Only a privacy officer (`privacy.rights`) handles requests. A matchmaker raises an erasure request
from the retention review queue (`confirm_retention(..., decision="erase")`) and the privacy officer
carries it out.

Erasure: every row of the member in every synced table (and the outbox rows, conflict copies and
rejected-inbox entries naming it) is deleted through `store.sync_state.purge_member_rows` in one
transaction; the request and an audit entry `member.erase` record it with the random member id
only (member number cleared). After the commit `finish_erasure` checkpoints the WAL with
TRUNCATE (secure_delete is on for every connection, so freed pages are zeroed) and deletes the
backups/ copies. The erasure is recorded in `sync_erasure` (origin local) and the sync engine
sends it to the server on its next run; the server purges it on every other device.

Retention (domain.md, Privacy): a member inactive for 24 months (`last_activity_at`) or married is
in the review queue (queries.retention_queue) until a matchmaker decides: keep (a reason is
required; the decision is an audit entry `retention.keep` that syncs, and `last_activity_at` is
reset), archive, or erase (an erasure request for the privacy officer).

Errors: PermissionDenied; NotFound `rights.request_not_found`, `rights.member_not_found`;
ValidationError with FieldProblem("reason", "rights.reason_required"), ("received_on",
"rights.received_in_future"), ("handler_id", "rights.not_a_privacy_officer"); XzError
`rights.request_closed` (status), `rights.wrong_kind` (kind), `rights.request_open` (member_no,
kind: an open request of that kind exists), `members.not_in_scope`, `rights.nothing_to_correct`,
`rights.nothing_to_withdraw`; the case-file edit's own errors (ValidationError, members.duplicate)
and `members.consent_not_active` (type).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import FieldProblem, NotFound, ValidationError, XzError
from xzdesk.domain.members.codes import MemberStatus
from xzdesk.domain.members.models import EDITABLE_FIELDS, Consent, Member
from xzdesk.domain.members.service import apply_consent_withdrawal, apply_member_edit, change_status
from xzdesk.domain.privacy.codes import RequestChannel, RequestKind, RequestStatus, RetentionDecision
from xzdesk.domain.privacy.dto import ErasureResultInfo, ExplanationInfo, MemberExportInfo, RightsRequestInfo
from xzdesk.domain.privacy.models import OnlineRightsRequest, RightsRequest
from xzdesk.domain.privacy.queries import online_request, request_info
from xzdesk.domain.privacy.rules import check_scope, clean_reason, find_member
from xzdesk.domain.privacy.workdays import add_working_days
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.staff.codes import Permission, Role
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.store.sync_state import ErasureOrigin, finish_erasure, purge_member_rows
from xzdesk.domain.uow import ActorInfo, UnitOfWork, unit_of_work, utc_now

if TYPE_CHECKING:
    from xzdesk.domain.store.engine import Store

# Areas whose screens show member data: all of them refresh after an erasure.
ERASURE_AREAS = (Area.MEMBERS, Area.MATCHING, Area.INTRODUCTIONS, Area.EVENTS, Area.CHECKIN, Area.FOLLOW_UPS, Area.RIGHTS,
                 Area.REPORTS)


# --- helpers ------------------------------------------------------------------------------------
def _load(uow: UnitOfWork, request_id: str) -> RightsRequest:
    req = uow.session.get(RightsRequest, request_id)
    if req is None:
        req = _take_up_online(uow, request_id)
    if req is None:
        raise NotFound("rights.request_not_found")
    return req


def _take_up_online(uow: UnitOfWork, request_id: str) -> RightsRequest | None:
    """A request made in the member web app becomes this laptop's request (same id, due date
    and receipt date as the member made it) the first time someone acts on it."""
    online = uow.session.get(OnlineRightsRequest, request_id)
    if online is None:
        return None
    req = online_request(uow.session, online)
    uow.session.add(req)
    uow.session.flush()
    uow.audit(f"rights.request.{req.kind}", member_id=req.member_id, fields=[req.channel])
    return req


def _open(uow: UnitOfWork, request_id: str, kind: RequestKind | None = None) -> RightsRequest:
    req = _load(uow, request_id)
    if req.status != RequestStatus.OPEN:
        raise XzError("rights.request_closed", status=req.status)
    if kind is not None and req.kind != kind:
        raise XzError("rights.wrong_kind", kind=req.kind)
    return req


def _close(uow: UnitOfWork, req: RightsRequest, status: RequestStatus, reason: str | None) -> None:
    req.status = status.value
    if reason is not None:
        req.reason = reason
    req.closed_at = uow.now
    req.closed_by = uow.actor.staff_id if uow.actor else None
    uow.mark(Area.RIGHTS)


def _new_request(
    uow: UnitOfWork, *, member: Member, kind: RequestKind, received_on: date, channel: RequestChannel,
    handler_id: str | None, reason: str | None,
) -> RightsRequest:  # fmt: skip
    if received_on > uow.today():
        raise ValidationError([FieldProblem("received_on", "rights.received_in_future")])
    existing = uow.session.execute(
        select(RightsRequest.id).where(
            RightsRequest.member_id == member.id, RightsRequest.kind == kind.value,
            RightsRequest.status == RequestStatus.OPEN.value,
        )
    ).first()  # fmt: skip
    if existing is not None:
        raise XzError("rights.request_open", member_no=member.member_no, kind=kind.value)
    due = add_working_days(received_on)
    req = RightsRequest(
        id=new_id(), kind=kind.value, member_id=member.id, member_no=member.member_no, received_on=received_on,
        channel=channel.value, due_on=due.due, due_provisional=due.provisional, handler_id=handler_id,
        status=RequestStatus.OPEN.value, reason=reason, created_at=uow.now,
        created_by=uow.actor.staff_id if uow.actor else None,
    )  # fmt: skip
    uow.session.add(req)
    uow.session.flush()
    uow.audit(f"rights.request.{kind.value}", member_id=member.id, fields=[channel.value])
    uow.mark(Area.RIGHTS)
    return req


def _check_handler(uow: UnitOfWork, handler_id: str) -> None:
    staff = uow.session.get(Staff, handler_id)
    if staff is None or not staff.active or staff.role != Role.PRIVACY_OFFICER:
        raise ValidationError([FieldProblem("handler_id", "rights.not_a_privacy_officer")])


# --- requests -----------------------------------------------------------------------------------
def receive_request(
    uow: UnitOfWork,
    *,
    member_no: str,
    kind: RequestKind | str,
    received_on: date,
    channel: RequestChannel | str,
    handler_id: str | None = None,
    note: str | None = None,
) -> RightsRequestInfo:
    """Record a request received on `received_on` through `channel`. The handler defaults to the
    privacy officer recording it. `note` (optional) is kept as the request's reason text: the basis
    given by the member, never an identifier."""
    actor = uow.require(Permission.RIGHTS_REQUESTS)
    member = find_member(uow, member_no)
    check_scope(actor, member)
    handler = handler_id or actor.staff_id
    _check_handler(uow, handler)
    req = _new_request(uow, member=member, kind=RequestKind(kind), received_on=received_on,
                       channel=RequestChannel(channel), handler_id=handler,
                       reason=clean_reason(note, required=False))  # fmt: skip
    return request_info(uow.session, req, today=uow.today())


def assign_request(uow: UnitOfWork, *, request_id: str, handler_id: str) -> RightsRequestInfo:
    uow.require(Permission.RIGHTS_REQUESTS)
    req = _open(uow, request_id)
    _check_handler(uow, handler_id)
    req.handler_id = handler_id
    uow.audit("rights.request.assign", member_id=req.member_id, fields=["handler_id"])
    uow.mark(Area.RIGHTS)
    return request_info(uow.session, req, today=uow.today())


def refuse_request(uow: UnitOfWork, *, request_id: str, reason: str) -> RightsRequestInfo:
    """Refuse a request; the reason (legal basis) is mandatory and goes on record (request and
    audit entry)."""
    uow.require(Permission.RIGHTS_REQUESTS)
    text = clean_reason(reason, required=True)
    req = _open(uow, request_id)
    _close(uow, req, RequestStatus.REFUSED, text)
    uow.audit(f"rights.{req.kind}.refused", member_id=req.member_id, reason=(text or "")[:256])
    return request_info(uow.session, req, today=uow.today())


def stop_processing(uow: UnitOfWork, *, request_id: str, reason: str) -> RightsRequestInfo:
    """Answer an erasure request partially (PIPL Art. 47 para. 2): the data must be kept (the
    reason names the retention duty), so every processing but storage stops: the case file is
    archived and every consent in force is withdrawn. Outcome `partial`."""
    actor = uow.require(Permission.RIGHTS_REQUESTS)
    text = clean_reason(reason, required=True)
    req = _open(uow, request_id, RequestKind.ERASURE)
    member = uow.session.get(Member, req.member_id)
    if member is None:
        raise NotFound("rights.member_not_found", member_no=req.member_no or "")
    withdrawn = []
    for consent in uow.session.execute(
        select(Consent).where(Consent.member_id == member.id, Consent.withdrawn_at.is_(None))
    ).scalars():
        consent.withdrawn_at = uow.now
        consent.withdrawn_by = actor.staff_id
        withdrawn.append(consent.type)
    if member.status != MemberStatus.ARCHIVED:
        member.status = MemberStatus.ARCHIVED.value
    member.updated_at = uow.now
    _close(uow, req, RequestStatus.PARTIAL, text)
    uow.audit("rights.erasure.partial", member_id=member.id, fields=["status", *sorted(set(withdrawn))],
              reason=(text or "")[:256])  # fmt: skip
    uow.mark(Area.MEMBERS, Area.MATCHING, Area.RIGHTS)
    return request_info(uow.session, req, today=uow.today())


def complete_access_request(uow: UnitOfWork, *, request_id: str, directory: Path | str, reason: str) -> MemberExportInfo:
    """Write the member's data (xlsx and JSON) into `directory` and close the access request."""
    from xzdesk.domain.privacy.portability import export_member_data  # heavy (openpyxl): loaded on use

    uow.require(Permission.RIGHTS_REQUESTS)
    req = _open(uow, request_id, RequestKind.ACCESS)
    info = export_member_data(uow, member_id=req.member_id, directory=directory, reason=reason)
    _close(uow, req, RequestStatus.DONE, None)
    uow.audit("rights.access.done", member_id=req.member_id)
    return info


def complete_correction(
    uow: UnitOfWork, *, request_id: str, changes: dict[str, Any], base_version: int | None = None
) -> RightsRequestInfo:
    """Correct or supplement the member's case file as asked (PIPL Art. 46) and close the request:
    the changes go through the case-file edit path (validation, duplicate check, audit
    `member.edit`), the request keeps the names of the fields that changed, and
    `rights.correction.done` names them too. Nothing changed: `rights.nothing_to_correct` (refuse
    the request instead, with the reason, when the data was right)."""
    uow.require(Permission.RIGHTS_REQUESTS)
    req = _open(uow, request_id, RequestKind.CORRECTION)
    member = uow.session.get(Member, req.member_id)
    if member is None:
        raise NotFound("rights.member_not_found", member_no=req.member_no or "")
    wanted = [f for f in changes if f in EDITABLE_FIELDS]
    before = {f: getattr(member, f) for f in wanted}
    apply_member_edit(uow, member_id=member.id, changes=changes, base_version=base_version, archived_ok=True)
    touched = sorted(f for f in wanted if getattr(member, f) != before[f])
    if not touched:
        raise XzError("rights.nothing_to_correct")
    req.outcome_fields = touched
    _close(uow, req, RequestStatus.DONE, None)
    uow.audit("rights.correction.done", member_id=member.id, fields=touched)
    return request_info(uow.session, req, today=uow.today())


def complete_withdrawal(uow: UnitOfWork, *, request_id: str, types: list[str] | tuple[str, ...]) -> RightsRequestInfo:
    """Withdraw the consents the member named (PIPL Art. 15) through the consent service, at once,
    and close the request with the consent types withdrawn. Withdrawing basic processing ends the
    case (status withdrawn), as on the case file."""
    uow.require(Permission.RIGHTS_REQUESTS)
    req = _open(uow, request_id, RequestKind.WITHDRAWAL)
    chosen = sorted(set(types))
    if not chosen:
        raise XzError("rights.nothing_to_withdraw")
    for ctype in chosen:
        apply_consent_withdrawal(uow, member_id=req.member_id, type=ctype)
    req.outcome_fields = chosen
    _close(uow, req, RequestStatus.DONE, None)
    uow.audit("rights.withdrawal.done", member_id=req.member_id, fields=chosen)
    uow.mark(Area.MEMBERS, Area.MATCHING)
    return request_info(uow.session, req, today=uow.today())


def complete_explanation(
    uow: UnitOfWork,
    *,
    request_id: str,
    directory: Path | str,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> ExplanationInfo:
    """Write the plain-language explanation for the member (PIPL Art. 48; explanation.py) into
    `directory` and close the request. The file name carries the member number and date only."""
    from xzdesk.domain.privacy.explanation import write_explanation  # heavy (reportlab): loaded on use

    uow.require(Permission.RIGHTS_REQUESTS)
    req = _open(uow, request_id, RequestKind.EXPLANATION)
    member = uow.session.get(Member, req.member_id)
    if member is None:
        raise NotFound("rights.member_not_found", member_no=req.member_no or "")
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"explanation-{member.member_no}-{uow.today():%Y%m%d}.pdf"
    progress(0.1, "rights.explaining")
    pages = write_explanation(uow.session, member.id, path, now=uow.now, cancel=cancel)
    _close(uow, req, RequestStatus.DONE, None)
    uow.audit("rights.explanation.done", member_id=member.id, fields=["explanation"])
    progress(1.0, "rights.explaining")
    return ExplanationInfo(req.id, member.member_no, path, pages)


def erase_member_data(
    store: Store,
    actor: ActorInfo | None,
    *,
    request_id: str,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    clock: Callable[[], datetime] = utc_now,
) -> ErasureResultInfo:
    """Carry out an open erasure request: one transaction that deletes every local row of the
    member and records the erasure (request closed as done, audit entry `member.erase`, entry in
    the sync erasure list), then the WAL checkpoint (TRUNCATE) and the removal of backups/
    copies. Manages its own transaction (call it as a "bare" job, never inside another unit of
    work: the checkpoint needs the write lock released). Cancel is honoured before the delete."""
    progress(0.0, "rights.erasing")
    with unit_of_work(store, actor, clock=clock) as uow:
        uow.require(Permission.RIGHTS_REQUESTS)
        req = _open(uow, request_id, RequestKind.ERASURE)
        member_id = req.member_id
        member_scope = uow.session.execute(select(Member.district_code).where(Member.id == member_id)).scalar()
        if actor is not None and actor.district_code and member_scope not in (None, actor.district_code):
            raise XzError("members.not_in_scope", member_no=req.member_no or "")
        cancel.check()
        # Purge first, then audit: the purge keeps the audit trail (ids and names of actions
        # only) and its outbox rows, so the erasure's own entry syncs like the others.
        deleted = purge_member_rows(uow.session, member_id, origin=ErasureOrigin.LOCAL, now=uow.now)
        progress(0.6, "rights.erasing")
        req.member_no = None
        req.rows_erased = deleted
        _close(uow, req, RequestStatus.DONE, None)
        uow.audit("member.erase", member_id=member_id, fields=[f"rows:{deleted}"])
        uow.mark(*ERASURE_AREAS)
    progress(0.8, "rights.checkpoint")
    wal_bytes, removed = finish_erasure(store)
    progress(1.0, "rights.erased")
    return ErasureResultInfo(request_id, member_id, deleted, wal_bytes, removed, sync_pending=True)


# --- retention ----------------------------------------------------------------------------------
def confirm_retention(
    uow: UnitOfWork, *, member_id: str, decision: RetentionDecision | str, reason: str | None = None
) -> RightsRequestInfo | None:
    """A matchmaker's decision on a member in the retention review queue:
    keep (reason required; restarts the clock), archive (reason optional), or erase (an erasure
    request with channel `retention_review`, due in 15 working days, for the privacy officer).
    Returns the new request for `erase`, None otherwise."""
    actor = uow.require(Permission.MEMBERS_EDIT)
    choice = RetentionDecision(decision)
    member = uow.session.get(Member, member_id)
    if member is None:
        raise NotFound("members.not_found")
    check_scope(actor, member)
    text = clean_reason(reason, required=choice == RetentionDecision.KEEP)
    if choice == RetentionDecision.KEEP:
        member.last_activity_at = uow.now
        uow.audit("retention.keep", member_id=member_id, fields=["last_activity_at"], reason=(text or "")[:256])
        uow.mark(Area.MEMBERS, Area.RIGHTS)
        return None
    if choice == RetentionDecision.ARCHIVE:
        change_status(uow, member_id=member_id, status=MemberStatus.ARCHIVED, reason=text)
        uow.audit("retention.archive", member_id=member_id, fields=["status"], reason=(text or "")[:256] or None)
        uow.mark(Area.MEMBERS, Area.RIGHTS)
        return None
    req = _new_request(uow, member=member, kind=RequestKind.ERASURE, received_on=uow.today(),
                       channel=RequestChannel.RETENTION_REVIEW, handler_id=None, reason=text)  # fmt: skip
    uow.audit("retention.erase_requested", member_id=member_id, reason=(text or "")[:256] or None)
    return request_info(uow.session, req, today=uow.today())


__all__ = [
    "ERASURE_AREAS",
    "assign_request",
    "complete_access_request",
    "confirm_retention",
    "erase_member_data",
    "receive_request",
    "refuse_request",
    "stop_processing",
]
