"""Read side of the privacy area: the rights requests list, the retention review queue, and the
audit-log viewer (ordered seq list + rows fetched in pages, like the case list).

Every function takes a Session (read session or a unit of work's) and the acting staff
(`ActorInfo`), checks the permission it needs and returns frozen rows; nothing here writes.

- list_requests: `privacy.rights`.
- retention_queue: `members.edit` (matchmakers), district scope applied.
- audit_seqs / audit_rows / chain_status: `audit.read`. A member number filters the log by the
  member's random id, so entries about erased members are found too (the member number is the
  Crockford Base32 form of the id's last 40 bits: `members.service.member_number`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from xzdesk.domain.errors import PermissionDenied
from xzdesk.domain.members.codes import MemberStatus
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.service import member_number
from xzdesk.domain.privacy.audit import is_online_act, verify_chain
from xzdesk.domain.privacy.codes import RequestChannel, RequestKind, RequestStatus, RetentionReason
from xzdesk.domain.privacy.dto import AuditFilter, AuditRow, ChainInfo, RetentionRow, RightsRequestInfo
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.privacy.models import AuditEntry, OnlineRightsRequest, RightsRequest
from xzdesk.domain.privacy.workdays import working_days_between
from xzdesk.domain.reads import key_read
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.store.ids import CROCKFORD
from xzdesk.domain.uow import CHINA_TZ, ActorInfo

RETENTION_MONTHS = 24
CHUNK = 900


def staff_names(session: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = sorted(i for i in ids if i)
    if not wanted:
        return {}
    return {k: v for k, v in session.execute(select(Staff.id, Staff.display_name).where(Staff.id.in_(wanted))).all()}


def request_info(session: Session, req: RightsRequest, *, today: date) -> RightsRequestInfo:
    names = staff_names(session, {req.handler_id, req.created_by, req.closed_by})
    return RightsRequestInfo(
        id=req.id, kind=req.kind, member_id=req.member_id, member_no=req.member_no, received_on=req.received_on,
        channel=req.channel, due_on=req.due_on, due_provisional=bool(req.due_provisional), handler_id=req.handler_id,
        handler_name=names.get(req.handler_id or ""), status=req.status, reason=req.reason, created_at=req.created_at,
        created_by_name=names.get(req.created_by or ""), closed_at=req.closed_at,
        closed_by_name=names.get(req.closed_by or ""), rows_erased=req.rows_erased,
        working_days_left=working_days_between(today, req.due_on), outcome_fields=tuple(req.outcome_fields or ()),
    )  # fmt: skip


def _require(actor: ActorInfo | None, permission: Permission) -> ActorInfo:
    if actor is None or not actor.can(permission):
        raise PermissionDenied(permission=str(permission), role=str(actor.role) if actor else None)
    return actor


def months_before(at: datetime, months: int) -> datetime:
    """The same instant `months` calendar months earlier (day clamped to the month's end)."""
    year, month = divmod(at.year * 12 + at.month - 1 - months, 12)
    month += 1
    day = at.day
    while True:
        try:
            return at.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


def local_day_start(day: date) -> datetime:
    """Midnight of a China Standard Time calendar day, as an aware UTC datetime."""
    return datetime.combine(day, time(), tzinfo=CHINA_TZ).astimezone(UTC)


# --- rights requests ----------------------------------------------------------------------------
def list_requests(
    session: Session, *, actor: ActorInfo | None, today: date, status: str | None = None, open_only: bool = False
) -> list[RightsRequestInfo]:
    """Requests received on this laptop, open ones first by due date, then closed ones newest
    first."""
    _require(actor, Permission.RIGHTS_REQUESTS)
    query = select(RightsRequest)
    if status:
        query = query.where(RightsRequest.status == status)
    if open_only:
        query = query.where(RightsRequest.status == RequestStatus.OPEN.value)
    rows = list(session.execute(query).scalars())
    if status in (None, RequestStatus.OPEN.value):
        rows.extend(online_requests(session, exclude={r.id for r in rows}))
    rows.sort(key=lambda r: (r.status != RequestStatus.OPEN, r.due_on if r.status == RequestStatus.OPEN else date.min,
                             -(r.closed_at or r.created_at).timestamp()))  # fmt: skip
    return [request_info(session, r, today=today) for r in rows]


def online_request(session: Session, online: OnlineRightsRequest) -> RightsRequest:
    """The local request an online one becomes (same id; not added to the session)."""
    member_no = session.execute(select(Member.member_no).where(Member.id == online.member_id)).scalar()
    return RightsRequest(
        id=online.id, kind=online.kind, member_id=online.member_id, member_no=member_no,
        received_on=online.received_on, channel=RequestChannel.MINI_PROGRAM.value, due_on=online.due_on,
        due_provisional=online.due_provisional, handler_id=None, status=RequestStatus.OPEN.value, reason=None,
        created_at=online.created_at, created_by=None,
    )  # fmt: skip


def online_requests(session: Session, *, exclude: set[str]) -> list[RightsRequest]:
    """Requests members made in the member web app that this laptop has not taken up yet (a
    request taken up is a local request with the same id)."""
    taken = set(session.execute(select(RightsRequest.id)).scalars()) | exclude
    rows = session.execute(select(OnlineRightsRequest)).scalars()
    return [online_request(session, r) for r in rows if r.id not in taken]


# --- retention review ---------------------------------------------------------------------------
def retention_queue(
    session: Session, *, actor: ActorInfo | None, now: datetime, matchmaker_id: str | None = None
) -> list[RetentionRow]:
    """Members to review: inactive for 24 months (`last_activity_at`) or married, not archived,
    and not kept by a review in the last 24 months (audit entry `retention.keep`). Oldest
    activity first. A matchmaker bound to a district sees that district only."""
    actor = _require(actor, Permission.MEMBERS_EDIT)
    cutoff = months_before(now, RETENTION_MONTHS)
    kept = select(AuditEntry.member_id).where(AuditEntry.action == "retention.keep", AuditEntry.at > cutoff)
    query = select(
        Member.id, Member.member_no, Member.name, Member.status, Member.district_code, Member.matchmaker_id,
        Member.last_activity_at,
    ).where(
        Member.status != MemberStatus.ARCHIVED.value,
        or_(Member.last_activity_at <= cutoff, Member.status == MemberStatus.MARRIED.value),
        Member.id.not_in(kept.where(AuditEntry.member_id.is_not(None))),
    )  # fmt: skip
    if actor.district_code:
        query = query.where(Member.district_code == actor.district_code)
    if matchmaker_id:
        query = query.where(Member.matchmaker_id == matchmaker_id)
    rows = list(session.execute(query.order_by(Member.last_activity_at, Member.id)))
    requested = set(session.execute(
        select(RightsRequest.member_id).where(
            RightsRequest.kind == RequestKind.ERASURE.value, RightsRequest.status == RequestStatus.OPEN.value
        )
    ).scalars())  # fmt: skip
    names = staff_names(session, {r.matchmaker_id for r in rows})
    out = []
    for r in rows:
        reasons = []
        if r.last_activity_at <= cutoff:
            reasons.append(RetentionReason.INACTIVE.value)
        if r.status == MemberStatus.MARRIED:
            reasons.append(RetentionReason.MARRIED.value)
        out.append(RetentionRow(
            member_id=r.id, member_no=r.member_no, name_masked=mask(r.name, "name"), status=r.status,
            district_code=r.district_code, matchmaker_name=names.get(r.matchmaker_id or ""),
            last_activity_at=r.last_activity_at, reasons=tuple(reasons), erasure_requested=r.id in requested,
        ))  # fmt: skip
    return out


# --- audit log ------------------------------------------------------------------------------------
def member_id_suffix(member_no: str) -> str | None:
    """The last 10 hex digits every id with this member number ends in (None: not a number)."""
    text = "".join(member_no.split()).upper()
    if text.startswith("XZ"):
        text = text[2:]
    if len(text) != 8 or any(c not in CROCKFORD for c in text):
        return None
    value = 0
    for c in text:
        value = value * 32 + CROCKFORD.index(c)
    return f"{value:010x}"


def _audit_conditions(flt: AuditFilter) -> list[object]:
    conditions: list[object] = []
    if flt.member_no.strip():
        suffix = member_id_suffix(flt.member_no)
        conditions.append(AuditEntry.member_id.like(f"%{suffix}") if suffix else AuditEntry.seq.is_(None))
    action = flt.action.strip()
    if action:
        conditions.append(AuditEntry.action.startswith(action) if action.endswith(".") else AuditEntry.action == action)
    if flt.staff_id:
        conditions.append(AuditEntry.actor_id == flt.staff_id)
    if flt.date_from:
        conditions.append(AuditEntry.at >= local_day_start(flt.date_from))
    if flt.date_to:
        conditions.append(AuditEntry.at < local_day_start(flt.date_to + timedelta(days=1)))
    return conditions


def audit_seqs(session: Session, flt: AuditFilter, *, actor: ActorInfo | None) -> list[int]:
    """Sequence numbers of the matching entries, newest first."""
    _require(actor, Permission.AUDIT_READ)
    query = select(AuditEntry.seq).where(and_(True, *_audit_conditions(flt))).order_by(AuditEntry.seq.desc())  # type: ignore[arg-type]
    return list(session.execute(query).scalars())


@key_read
def audit_rows(session: Session, seqs: Sequence[int], *, actor: ActorInfo | None) -> list[AuditRow]:
    """Rows for `seqs` (a page of the viewer: PAGE_ROWS), in the same order (missing ones skipped)."""
    _require(actor, Permission.AUDIT_READ)
    found: dict[int, AuditRow] = {}
    entries = []
    for start in range(0, len(seqs), CHUNK):
        entries.extend(session.execute(select(AuditEntry).where(AuditEntry.seq.in_(list(seqs[start : start + CHUNK])))).scalars())
    names = staff_names(session, {e.actor_id for e in entries})
    for e in entries:
        found[e.seq] = AuditRow(
            seq=e.seq, at=e.at, action=e.action, staff_id=e.actor_id, staff_name=names.get(e.actor_id or ""),
            member_no=member_number(e.member_id) if e.member_id else None, fields=tuple(e.fields or ()),
            reason=e.reason, device_id=e.device_id, by_member=is_online_act(e.actor_id, e.device_id),
        )  # fmt: skip
    return [found[s] for s in seqs if s in found]


def audit_actions(session: Session, *, actor: ActorInfo | None) -> list[str]:
    """Distinct action codes in the log (for the viewer's filter)."""
    _require(actor, Permission.AUDIT_READ)
    return sorted(session.execute(select(AuditEntry.action).distinct()).scalars())


def chain_status(session: Session, *, actor: ActorInfo | None) -> ChainInfo:
    """Recompute every device's hash chain (see privacy.audit.verify_chain)."""
    _require(actor, Permission.AUDIT_READ)
    report = verify_chain(session)
    return ChainInfo(report.entries, report.first_broken_seq)
