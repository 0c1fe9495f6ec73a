"""Check-in services: scans and their verdicts, manual check-in, undo, walk-ins, badges, the
venue roster, and reconciling the venue's records with the case files after the event.

Contract (every function): takes the caller's `UnitOfWork` and never commits; checks the actor's
permission (`checkin.record` at the venue, `events.manage` for the office's work); writes audit
entries with codes only; leaves the sync outbox to the flush hook. Runs on the writer thread.

A scan is recorded whatever its verdict (append-only `CheckinScan`), in this order of checks:

    text not a token                          -> unknown (malformed)
    token of another event code               -> other_event
    MAC wrong under this event's key          -> unknown (forged)
    no registration with this token here      -> unknown (not_on_roster), kept unresolved
      (a registration held here without its roster row gets the row now: roster.py)
    registration cancelled                    -> cancelled
    registration pending or waitlisted        -> not_approved
    a check-in in force already (any laptop)  -> already (when, which laptop)
    otherwise                                 -> checked_in (plate, table)

Cost: parsing and one HMAC (microseconds), the roster row by the (event, token) index, the
check-in in force by the (event, registration) index, one insert. No scan of all registrations.

Errors: checkin.event_not_found, checkin.not_on_roster, checkin.not_a_checkin,
checkin.already_annulled, checkin.walk_ins_closed (status), checkin.walk_in_duplicate (plate),
checkin.station_invalid, checkin.no_event_key, checkin.plates_exhausted, ValidationError
(walk-in fields), PermissionDenied. `reconcile_event` reports (does not raise) checkin.plate_taken,
checkin.attended_not_approved (status) and the case-file codes of walk-ins it could not adopt.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area
from xzdesk.domain.checkin import queries, roster
from xzdesk.domain.checkin.codes import NOT_APPROVED_STATUSES, ScanMethod, UnknownReason, Verdict
from xzdesk.domain.checkin.dto import (
    AnnulmentInfo,
    ProblemRow,
    PublishInfo,
    ReconcileInfo,
    ScanResultInfo,
    WalkInDraft,
    WalkInInfo,
)
from xzdesk.domain.checkin.models import (
    TOKEN_TEXT_MAX,
    CheckinAnnulment,
    CheckinRoster,
    CheckinScan,
    CheckinWalkIn,
)
from xzdesk.domain.errors import Conflict, FieldProblem, NotFound, ValidationError, XzError
from xzdesk.domain.events._state import local_start
from xzdesk.domain.events.codes import SEX_PREFIX, WALK_IN_STATUSES, RegistrationStatus
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.events.service import check_scope as events_check_scope
from xzdesk.domain.events.service import mark_attended
from xzdesk.domain.members.codes import CURRENT_NOTICE_VERSION, ConsentChannel, ConsentType, ReferralSource
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.members.names import polite_name
from xzdesk.domain.members.service import register_member
from xzdesk.domain.members.validation import blocking, validate_draft
from xzdesk.domain.printing import BadgeInfo, EventHeaderInfo, Output, PrintReportInfo, print_badges
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.store.ids import new_id, short_code
from xzdesk.domain.store.models import LocalMeta
from xzdesk.domain.tokens import ParsedToken, mint_token, parse_token, verify_token
from xzdesk.domain.uow import UnitOfWork

WALK_IN_PLATE_MAX = 99  # per station and sex: M{station}01 .. M{station}99
SINGLE_BADGE_PRESET = "a7"


# --- helpers --------------------------------------------------------------------------------------
def get_event(session: Session, event_id: str) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("checkin.event_not_found")
    return event


def check_scope(uow: UnitOfWork, event: Event) -> None:
    """Office work on an event: district staff on their district's events only (events rule)."""
    events_check_scope(uow, event)


def normalise_scan_text(text: str) -> str:
    """What is kept of scanned text: NFKC, trimmed, upper-case, printable ASCII only (other
    characters become `?`), at most TOKEN_TEXT_MAX characters."""
    canon = unicodedata.normalize("NFKC", text if isinstance(text, str) else "").strip().upper()
    return "".join(c if " " <= c <= "~" else "?" for c in canon[:TOKEN_TEXT_MAX])


def device_label(device_id: str) -> str:
    """A short, stable, non-personal label of a laptop (4 Crockford characters)."""
    return short_code(device_id, 4)


@dataclass(frozen=True)
class _Judged:
    verdict: Verdict
    detail: str | None = None
    row: CheckinRoster | None = None
    earlier: CheckinScan | None = None
    other_event: Event | None = None


def _judge_token(session: Session, event: Event, text: str, *, now: datetime) -> tuple[_Judged, str]:
    """Verdict for scanned text; also the text to store. Writes only when a valid token's
    registration is held here without its roster row yet (`_roster_row`)."""
    try:
        parsed: ParsedToken = parse_token(text)
    except XzError:
        return _Judged(Verdict.UNKNOWN, UnknownReason.MALFORMED.value), normalise_scan_text(text)
    token = parsed.text
    if parsed.event_code != event.code:
        return _Judged(Verdict.OTHER_EVENT, other_event=_other_event(session, parsed, event.id)), token
    if not event.token_key:
        return _Judged(Verdict.UNKNOWN, UnknownReason.NO_EVENT_KEY.value), token
    if not verify_token(parsed, event.token_key):
        other = _other_event(session, parsed, event.id)
        if other is not None:  # two events share a code (rare): the badge is the other one's
            return _Judged(Verdict.OTHER_EVENT, other_event=other), token
        return _Judged(Verdict.UNKNOWN, UnknownReason.FORGED.value), token
    row = _roster_row(session, event.id, token, now=now)
    if row is None:
        return _Judged(Verdict.UNKNOWN, UnknownReason.NOT_ON_ROSTER.value), token
    return _judge_row(session, event, row), token


def _roster_row(session: Session, event_id: str, token: str, *, now: datetime) -> CheckinRoster | None:
    """The roster row of a valid token. A laptop that holds the registration but no roster row
    for it (registrations pulled from an older version, a database made before the roster
    followed the registrations) writes the row now, so a valid badge is never refused for want
    of a publish step."""
    by_token = select(CheckinRoster).where(CheckinRoster.event_id == event_id, CheckinRoster.token == token).limit(1)
    row = session.execute(by_token).scalar()
    if row is not None:
        return row
    reg_id = session.execute(
        select(EventRegistration.id).where(EventRegistration.event_id == event_id, EventRegistration.token == token).limit(1)
    ).scalar()
    if reg_id is None:
        return None
    roster.refresh_rows(session, [reg_id], now=now)
    session.flush()
    return session.execute(by_token).scalar()


def _other_event(session: Session, parsed: ParsedToken, this_event_id: str) -> Event | None:
    """The event on this laptop a badge belongs to (same code, MAC verifies), if any."""
    for other in session.execute(select(Event).where(Event.code == parsed.event_code, Event.id != this_event_id)).scalars():
        if other.token_key and verify_token(parsed, other.token_key):
            return other
    return None


def _judge_row(session: Session, event: Event, row: CheckinRoster) -> _Judged:
    if row.status == RegistrationStatus.CANCELLED:
        return _Judged(Verdict.CANCELLED, row.status, row)
    if row.status in NOT_APPROVED_STATUSES:
        return _Judged(Verdict.NOT_APPROVED, row.status, row)
    earlier = queries.in_force(session, event_id=event.id, registration_id=row.id)
    if earlier is not None:
        return _Judged(Verdict.ALREADY, None, row, earlier)
    return _Judged(Verdict.CHECKED_IN, None, row)


def _record(uow: UnitOfWork, event: Event, judged: _Judged, *, token: str, method: ScanMethod) -> ScanResultInfo:
    row = judged.row
    key = None
    if judged.verdict == Verdict.CHECKED_IN and row is not None:
        # n-th check-in of this registration (after n annulments): a natural key per generation,
        # so a re-check-in after an undo is not a duplicate of the annulled one
        key = f"{row.id}/{queries.annulments_of(uow.session, event_id=event.id, registration_id=row.id)}"
    scan = CheckinScan(
        id=new_id(), version=0, event_id=event.id, office_district=event.district_code, device_id=uow.device_id,
        staff_id=uow.actor.staff_id if uow.actor else None, scanned_at=uow.now, method=method.value,
        token=token, verdict=judged.verdict.value, detail=judged.detail,
        registration_id=row.id if row is not None else None, member_id=row.member_id if row is not None else None,
        plate=row.plate if row is not None else None, checkin_key=key,
        earlier_scan_id=judged.earlier.id if judged.earlier is not None else None, duplicate_of=None,
    )  # fmt: skip
    uow.session.add(scan)
    uow.mark(Area.CHECKIN)
    return _result(uow, scan, judged)


def _result(uow: UnitOfWork, scan: CheckinScan, judged: _Judged) -> ScanResultInfo:
    row, earlier = judged.row, judged.earlier
    return ScanResultInfo(
        scan_id=scan.id, verdict=scan.verdict, detail=scan.detail, scanned_at=scan.scanned_at, method=scan.method,
        registration_id=scan.registration_id, plate=row.plate if row else None,
        name_masked=row.name_masked if row else "", display_name=row.display_name if row else "",
        sex=row.sex if row else None, table_label=row.table_label if row else None,
        walk_in=bool(row.walk_in) if row else False,
        earlier_scan_id=earlier.id if earlier else None, earlier_at=earlier.scanned_at if earlier else None,
        earlier_device_id=earlier.device_id if earlier else None,
        earlier_here=bool(earlier and earlier.device_id == uow.device_id),
        other_event_name=judged.other_event.name if judged.other_event is not None else None,
        other_event_date=judged.other_event.event_date if judged.other_event is not None else None,
    )  # fmt: skip


# --- scans ------------------------------------------------------------------------------------------
def record_scan(uow: UnitOfWork, *, event_id: str, text: str, method: ScanMethod | str = ScanMethod.SCANNER) -> ScanResultInfo:
    """Judge scanned or typed text against the event and record the scan, whatever the verdict.
    Returns the verdict with what the panel shows (see module docstring)."""
    uow.require(Permission.CHECKIN)
    event = get_event(uow.session, event_id)
    judged, token = _judge_token(uow.session, event, text, now=uow.now)
    return _record(uow, event, judged, token=token, method=ScanMethod(method))


def check_in_registration(uow: UnitOfWork, *, event_id: str, registration_id: str) -> ScanResultInfo:
    """Check a person in picked from the manual search (same verdicts as a scan, no token)."""
    return _check_in_picked(uow, event_id, registration_id, ScanMethod.MANUAL)


def confirm_attendance(uow: UnitOfWork, *, event_id: str, registration_id: str) -> ScanResultInfo:
    """Staff confirm after the fact that a person was at the event though nobody checked them in
    (a 心动卡 handed in by someone without a check-in). Recorded as a check-in made now with method
    `confirmed`, so it syncs, counts for attendance and lets the person's card count; the same
    verdicts as a manual check-in (a cancelled or unapproved registration is refused, someone
    checked in already is `already`)."""
    return _check_in_picked(uow, event_id, registration_id, ScanMethod.CONFIRMED)


def _check_in_picked(uow: UnitOfWork, event_id: str, registration_id: str, method: ScanMethod) -> ScanResultInfo:
    uow.require(Permission.CHECKIN)
    event = get_event(uow.session, event_id)
    row = uow.session.get(CheckinRoster, registration_id)
    if row is None or row.event_id != event_id:
        raise NotFound("checkin.not_on_roster")
    return _record(uow, event, _judge_row(uow.session, event, row), token="", method=method)


def annul_scan(uow: UnitOfWork, *, scan_id: str, reason: str = "undo") -> AnnulmentInfo:
    """Undo an accepted check-in: an annulment record is added, nothing is deleted. The person
    counts as arrived again only through a new check-in."""
    uow.require(Permission.CHECKIN)
    scan = uow.session.get(CheckinScan, scan_id)
    if scan is None:
        raise NotFound("checkin.scan_not_found")
    if scan.verdict != Verdict.CHECKED_IN:
        raise XzError("checkin.not_a_checkin", verdict=scan.verdict)
    if uow.session.execute(select(CheckinAnnulment.id).where(CheckinAnnulment.scan_id == scan_id).limit(1)).first():
        raise Conflict("checkin.already_annulled", plate=scan.plate)
    reason = (reason or "undo")[:24]
    annulment = CheckinAnnulment(
        id=new_id(), version=0, event_id=scan.event_id, office_district=scan.office_district, scan_id=scan.id,
        registration_id=scan.registration_id,
        member_id=scan.member_id, device_id=uow.device_id, staff_id=uow.actor.staff_id if uow.actor else None,
        annulled_at=uow.now, reason=reason,
    )  # fmt: skip
    uow.session.add(annulment)
    uow.mark(Area.CHECKIN)
    row = uow.session.get(CheckinRoster, scan.registration_id) if scan.registration_id else None
    return AnnulmentInfo(annulment.id, scan.id, scan.registration_id, scan.plate, row.name_masked if row else "")


# --- station and walk-ins ---------------------------------------------------------------------
def set_station(uow: UnitOfWork, *, event_id: str, letter: str) -> str:
    """Set this laptop's station letter for an event (walk-in plates M{letter}01..). Two laptops
    of one event must not share a letter; event packs hand out distinct letters."""
    uow.require(Permission.CHECKIN)
    get_event(uow.session, event_id)
    letter = (letter or "").strip().upper()
    if len(letter) != 1 or letter not in queries.STATION_LETTERS:
        raise XzError("checkin.station_invalid", allowed=queries.STATION_LETTERS)
    uow.session.merge(LocalMeta(key=queries.STATION_KEY.format(event_id=event_id), value=letter))
    uow.mark(Area.CHECKIN)
    return letter


def _next_walk_in_plate(session: Session, event_id: str, sex: int, station: str) -> str:
    prefix = f"{SEX_PREFIX[int(sex)]}{station}"
    taken = {
        key[1]
        for (plate,) in session.execute(
            select(CheckinRoster.plate).where(CheckinRoster.event_id == event_id, CheckinRoster.plate.like(f"{prefix}%"))
        ).all()
        if (key := queries.plate_key(plate or "")) is not None and key[0] == prefix
    }
    number = max(taken, default=0) + 1
    if number > WALK_IN_PLATE_MAX:
        raise XzError("checkin.plates_exhausted", station=station)
    return f"{prefix}{number:02d}"


def _walk_in_values(uow: UnitOfWork, draft: WalkInDraft) -> dict[str, Any]:
    member_draft = MemberDraft(
        name=draft.name, id_number=draft.id_number, mobile=draft.mobile, district_code=draft.district_code,
        nickname=draft.nickname, referral_source=ReferralSource.EVENT_WALK_IN.value,
    )  # fmt: skip
    values, problems = validate_draft(member_draft, today=uow.today())
    errors = list(blocking(problems))
    consents = tuple(dict.fromkeys(str(c) for c in draft.consents))
    allowed = {c.value for c in ConsentType}
    for c in consents:
        if c not in allowed:
            errors.append(FieldProblem("consents", "members.unknown_code", value=c))
    if ConsentType.BASIC.value not in consents:
        errors.append(FieldProblem("consents", "members.consent_missing", type=ConsentType.BASIC.value))
    if errors:
        raise ValidationError(errors)
    values["consents"] = list(consents)
    return values


def register_walk_in(uow: UnitOfWork, *, event_id: str, draft: WalkInDraft) -> WalkInInfo:
    """Register a person at the venue and check them in.

    The minimum case-file fields are validated with the case-file rules (sex and birth date from
    the ID number; adults only) and the consents given on the spot are recorded (basic processing
    required). The person gets a number plate of this laptop's station (`M{station}01`..), a QR
    token under the event's key and a roster row; the office later turns the walk-in into a case
    file and a registration (`reconcile_event`), or links it to the person's existing case file."""
    actor = uow.require(Permission.CHECKIN)
    event = get_event(uow.session, event_id)
    if event.status not in WALK_IN_STATUSES:
        raise XzError("checkin.walk_ins_closed", status=event.status)
    if not event.token_key:
        raise XzError("checkin.no_event_key")
    values = _walk_in_values(uow, draft)
    same = uow.session.execute(
        select(CheckinWalkIn.plate).where(CheckinWalkIn.event_id == event_id,
                                          CheckinWalkIn.id_number == values["id_number"]).limit(1)
    ).scalar()  # fmt: skip
    if same is not None:
        raise Conflict("checkin.walk_in_duplicate", plate=same)
    sex = int(values["sex"])
    station = queries.station_of(uow.session, event_id=event_id, device_id=uow.device_id)
    plate = _next_walk_in_plate(uow.session, event_id, sex, station)
    token = mint_token(event.code, event.token_key)
    registration_id = new_id()
    walk_in = CheckinWalkIn(
        id=new_id(), version=0, event_id=event_id, office_district=event.district_code,
        registration_id=registration_id, plate=plate, token=token, name=values["name"],
        nickname=values.get("nickname"), sex=sex, id_number=values["id_number"], mobile=values["mobile"],
        district_code=values["district_code"], consents=values["consents"], notice_version=CURRENT_NOTICE_VERSION,
        collected_by=actor.staff_id, device_id=uow.device_id, created_at=uow.now,
    )  # fmt: skip
    row = CheckinRoster(
        id=registration_id, version=0, event_id=event_id, office_district=event.district_code, member_id=None,
        plate=plate,
        name_masked=mask(values["name"], "name"), display_name=polite_name(values["name"], sex),
        nickname=values.get("nickname"), sex=sex, table_label=None, mobile_last4=values["mobile"][-4:],
        status=RegistrationStatus.APPROVED.value, token=token, walk_in=True, updated_at=uow.now,
    )  # fmt: skip
    uow.session.add_all([walk_in, row])
    uow.session.flush()
    result = _record(uow, event, _Judged(Verdict.CHECKED_IN, None, row), token=token, method=ScanMethod.WALK_IN)
    uow.audit("checkin.walk_in", fields=["name", "id_number", "mobile", "district_code", "nickname", "consents"])
    return WalkInInfo(walk_in.id, registration_id, result.scan_id, plate, row.name_masked, row.display_name, sex, token)


def print_venue_badge(
    uow: UnitOfWork,
    *,
    registration_id: str,
    out: Output,
    preset: str = SINGLE_BADGE_PRESET,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PrintReportInfo:
    """Print one badge from the roster (a walk-in's new badge, or a reprint at the venue): plate,
    badge name, table and QR; nothing else."""
    uow.require(Permission.CHECKIN)
    row = uow.session.get(CheckinRoster, registration_id)
    if row is None:
        raise NotFound("checkin.not_on_roster")
    event = get_event(uow.session, row.event_id)
    badge = BadgeInfo(number_plate=row.plate or "", display_name=row.display_name, table_label=row.table_label or "",
                      token=row.token or "")  # fmt: skip
    report = print_badges([badge], out, event=header_of(event), preset=preset, progress=progress, cancel=cancel)
    uow.audit("print.badge", member_id=row.member_id, fields=["plate", "display_name", "table_label"])
    return report


def header_of(event: Event) -> EventHeaderInfo:
    return EventHeaderInfo(name=event.name, starts_at=local_start(event), venue=event.venue)


# --- the office: roster and reconciliation --------------------------------------------------------
def publish_roster(uow: UnitOfWork, *, event_id: str) -> PublishInfo:
    """Write the whole venue roster of an event from its registrations, members and seats.

    The roster follows every registration change by itself (roster.py); this catches up a
    database made before that, and runs before an event pack is sealed. Idempotent: only rows
    that changed are written (so only they travel by sync). Walk-in rows keep their flag."""
    uow.require(Permission.EVENTS_MANAGE)
    event = get_event(uow.session, event_id)
    check_scope(uow, event)
    uow.session.flush()
    info = roster.refresh_rows(uow.session, roster.event_registration_ids(uow.session, event_id), now=uow.now)
    if info.added or info.updated:
        uow.mark(Area.CHECKIN)
        uow.audit("checkin.roster_publish", fields=[f"event:{event_id}", f"added:{info.added}",
                                                    f"updated:{info.updated}"])  # fmt: skip
    return PublishInfo(event_id, info.added, info.updated, info.unchanged)


def _find_member(uow: UnitOfWork, id_number: str) -> Member | None:
    return uow.session.execute(
        select(Member).where(Member.id_hmac == uow.blind_index("id", id_number), Member.status != "archived").limit(1)
    ).scalar()


def _adopt(uow: UnitOfWork, event: Event, walk_in: CheckinWalkIn) -> str:
    """Turn one walk-in into a case file + registration (or link it to existing ones).
    Returns "created" or "linked"."""
    actor = uow.require(Permission.MEMBERS_EDIT)
    member = _find_member(uow, walk_in.id_number)
    outcome = "linked"
    if member is None:
        draft = MemberDraft(
            name=walk_in.name, id_number=walk_in.id_number, mobile=walk_in.mobile,
            district_code=walk_in.district_code, nickname=walk_in.nickname,
            referral_source=ReferralSource.EVENT_WALK_IN.value,
        )  # fmt: skip
        info = register_member(uow, draft=draft, consents=tuple(walk_in.consents), channel=ConsentChannel.IN_PERSON)
        member = uow.session.get(Member, info.id)
        assert member is not None
        # the consent was given at the venue, to the staff member who took it
        for consent in uow.session.execute(select(Consent).where(Consent.member_id == member.id)).scalars():
            consent.granted_at = walk_in.created_at
            if walk_in.collected_by:
                consent.collected_by = walk_in.collected_by
        outcome = "created"
    elif actor.district_code and member.district_code != actor.district_code:
        raise XzError("members.not_in_scope", member_no=member.member_no)
    reg = uow.session.execute(
        select(EventRegistration).where(EventRegistration.event_id == event.id, EventRegistration.member_id == member.id)
    ).scalar()
    if reg is None:
        plate: str | None = walk_in.plate
        taken = uow.session.execute(
            select(EventRegistration.id).where(EventRegistration.event_id == event.id, EventRegistration.plate == plate)
        ).first()
        if taken is not None:
            raise XzError("checkin.plate_taken", plate=walk_in.plate)
        # The person wears this plate and token already: the registration takes them as they are
        # (events.register_walk_in would mint new ones and needs an active member).
        reg = EventRegistration(
            id=walk_in.registration_id, version=0, event_id=event.id, member_id=member.id, source="walk_in",
            status=RegistrationStatus.APPROVED.value, requested_at=walk_in.created_at, decided_at=uow.now,
            decided_by=actor.staff_id, plate=plate, token=walk_in.token, created_at=uow.now, updated_at=uow.now,
        )  # fmt: skip
        uow.session.add(reg)
        uow.audit("event.walk_in", member_id=member.id, fields=[f"event:{event.id}"])
    walk_in.member_id = member.id
    walk_in.adopted_registration_id = reg.id
    walk_in.adopted_at = uow.now
    walk_in.adopted_by = actor.staff_id
    row = uow.session.get(CheckinRoster, walk_in.registration_id)
    if row is not None and row.member_id != member.id:
        row.member_id = member.id
        row.updated_at = uow.now
    uow.session.flush()
    return outcome


def registration_aliases(session: Session, *, event_id: str) -> dict[str, str]:
    """{walk-in's reserved registration id: the registration it was linked to} for walk-ins
    linked to a registration the person had already (scans and cards use the reserved id)."""
    return {
        a: b
        for a, b in session.execute(
            select(CheckinWalkIn.registration_id, CheckinWalkIn.adopted_registration_id).where(
                CheckinWalkIn.event_id == event_id, CheckinWalkIn.adopted_registration_id.is_not(None)
            )
        ).all()
        if a != b
    }


def reconcile_event(uow: UnitOfWork, *, event_id: str) -> ReconcileInfo:
    """After check-ins arrived at the office (sync or return pack): turn walk-ins into case files
    and registrations (or link them to the person's existing ones), and mark every registration
    with a check-in in force as attended. Idempotent. A walk-in that cannot be processed (e.g. a
    case file in another district, a phone used by someone else) is left for a person and
    reported; the others go ahead."""
    uow.require(Permission.EVENTS_MANAGE)
    event = get_event(uow.session, event_id)
    check_scope(uow, event)
    created = linked = 0
    problems: list[ProblemRow] = []
    pending = uow.session.execute(
        select(CheckinWalkIn).where(CheckinWalkIn.event_id == event_id, CheckinWalkIn.member_id.is_(None))
        .order_by(CheckinWalkIn.created_at, CheckinWalkIn.id)
    ).scalars().all()  # fmt: skip
    for walk_in in pending:
        savepoint = uow.session.begin_nested()
        try:
            outcome = _adopt(uow, event, walk_in)
        except XzError as exc:
            savepoint.rollback()
            params = {k: v for k, v in exc.params.items() if k in ("field", "fields", "member_no", "plate", "type")}
            problems.append(ProblemRow((walk_in.plate,), exc.code, params))
            continue
        savepoint.commit()
        created += outcome == "created"
        linked += outcome == "linked"
    aliases = registration_aliases(uow.session, event_id=event_id)
    first: dict[str, datetime] = {}
    for reg_id, at in queries.arrivals(uow.session, event_id=event_id).items():
        target = aliases.get(reg_id, reg_id)
        if target not in first or at < first[target]:  # type: ignore[operator]
            first[target] = at  # type: ignore[assignment]
    attended = 0
    for reg_id, at in first.items():
        reg = uow.session.get(EventRegistration, reg_id)
        if reg is None or reg.status == RegistrationStatus.ATTENDED:
            continue
        if reg.status not in (RegistrationStatus.APPROVED, RegistrationStatus.NO_SHOW):
            # came (a walk-in linked to a pending or cancelled registration): a person decides
            problems.append(ProblemRow((reg.plate or "",), "checkin.attended_not_approved", {"status": reg.status}))
            continue
        try:
            mark_attended(uow, registration_id=reg_id, at=at)
        except XzError as exc:
            problems.append(ProblemRow((reg.plate or "",), exc.code, {}))
            continue
        attended += 1
    if created or linked or attended:
        uow.mark(Area.CHECKIN, Area.EVENTS, Area.MEMBERS)
        uow.audit("checkin.reconcile", fields=[f"event:{event_id}", f"created:{created}", f"linked:{linked}",
                                               f"attended:{attended}"])  # fmt: skip
    return ReconcileInfo(event_id, created, linked, attended, tuple(problems))
