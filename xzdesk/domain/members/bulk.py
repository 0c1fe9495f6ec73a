"""Registering many case files at once (spreadsheet imports), with the rules of `register_member`.

`register_member` costs a few milliseconds per member (an ORM flush, a duplicate query, an audit
append and a full `member_info` read each time); a 10,000-row roster must import in seconds. This
path validates every draft with the same `validate_draft` (or takes the values a caller already
validated the same way on the same day: the import's analysis), checks duplicates with one
blind-index query per batch, and writes members, consents, audit entries and their sync outbox
rows with one executemany of plain tuples per table (`outbox.insert_synced`), so the result is
row for row what `register_member` writes:
- the member (same defaults: matchmaker = the actor if a matchmaker, referral office_walk_in
  unless the draft says otherwise) and one consent row per consent type;
- one `member.create` audit entry per member with the field names, chained like `append_audit`;
- one outbox row (op insert, every column but version/seq, base version 0) per inserted row, as
  the flush hook writes for ORM inserts (shared/design/sync.md, "Identity and ordering").

Contract: the caller owns the transaction (a cancel or an error rolls everything back); no commit,
no progress (the caller batches and reports).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import FieldProblem, ValidationError, XzError
from xzdesk.domain.members import codes
from xzdesk.domain.members.codes import ConsentType, MemberStatus
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.members.service import (
    _duplicate_check,
    _validate_or_raise,
    derived_columns,
    member_number,
    new_member_ids,
    register_member,
)
from xzdesk.domain.privacy.audit import append_audit_many
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.store import outbox
from xzdesk.domain.store.ids import new_ids
from xzdesk.domain.uow import UnitOfWork

_CHUNK = 500


def _column_defaults(model: type[Any]) -> dict[str, Any]:
    """Python-side column defaults of a mapped class (what an ORM flush would fill in)."""
    out: dict[str, Any] = {}
    for column in model.__table__.columns:
        default = column.default
        if default is None or column.key == "id":
            out[column.key] = None
        elif default.is_scalar:
            out[column.key] = default.arg
        elif default.is_callable:
            out[column.key] = default.arg(None)
        else:
            out[column.key] = None
    return out


def insert_synced(uow: UnitOfWork, model: type[Any], rows: list[dict[str, Any]]) -> None:
    outbox.insert_synced(uow.session, model, rows)


def audit_many(uow: UnitOfWork, entries: Sequence[tuple[str, str | None, Sequence[str]]]) -> None:
    append_audit_many(uow.session, at=uow.now, actor_id=uow.actor.staff_id if uow.actor else None,
                      device_id=uow.device_id, entries=entries)  # fmt: skip


def live_matches(session: Session, id_hmacs: Sequence[bytes], mobile_hmacs: Sequence[bytes]) -> list[tuple[str, bytes, bytes]]:
    """(id, id_hmac, mobile_hmac) of the live (not archived) members whose ID or mobile blind
    index is among the given ones (at most _CHUNK of each). One plain statement on the desktop
    store's SQLite: binding hundreds of keys through SQLAlchemy's expanding IN cost more than
    the query itself (most keys of an import match nobody)."""
    if not id_hmacs and not mobile_hmacs:
        return []
    table = Member.__table__
    c = table.c
    sql = (f"SELECT {c.id.name}, {c.id_hmac.name}, {c.mobile_hmac.name} FROM {table.name}"
           f" WHERE ({c.id_hmac.name} IN ({', '.join('?' * len(id_hmacs))})"
           f" OR {c.mobile_hmac.name} IN ({', '.join('?' * len(mobile_hmacs))})) AND {c.status.name} != ?")  # fmt: skip
    params = (*id_hmacs, *mobile_hmacs, MemberStatus.ARCHIVED.value)
    return [tuple(row) for row in session.connection().exec_driver_sql(sql, params)]


def _taken(uow: UnitOfWork, id_hmacs: list[bytes], mobile_hmacs: list[bytes]) -> tuple[set[bytes], set[bytes]]:
    """Blind indexes among the given ones that already belong to a live (not archived) member."""
    ids: set[bytes] = set()
    mobiles: set[bytes] = set()
    for start in range(0, max(len(id_hmacs), len(mobile_hmacs)), _CHUNK):
        chunk = live_matches(uow.session, id_hmacs[start : start + _CHUNK], mobile_hmacs[start : start + _CHUNK])
        for _, id_hmac, mobile_hmac in chunk:
            ids.add(id_hmac)
            mobiles.add(mobile_hmac)
    return ids, mobiles


def register_members(
    uow: UnitOfWork,
    *,
    drafts: Sequence[MemberDraft],
    consents: tuple[str, ...] = (ConsentType.BASIC,),
    channel: str = codes.ConsentChannel.PAPER_FORM,
    status: MemberStatus = MemberStatus.REGISTERED,
    checked: Sequence[Mapping[str, Any] | None] | None = None,
    hmacs: Sequence[tuple[bytes | None, bytes | None]] | None = None,
) -> list[str | XzError]:
    """Register every valid draft. Returns, per draft and in order, the new member's id or the
    error that kept it out (`ValidationError`; `XzError("members.duplicate", ...)` as
    `register_member` raises it); a draft in error writes nothing, the others are written. Two
    drafts for the same person: the first is registered, the second gets members.duplicate.
    `checked` (optional, one per draft): the values `validate_draft` returned for that draft on
    `uow.today()` with no blocking problem, from a caller that validated already (the import's
    analysis), so they are not validated twice; None validates that draft here. `hmacs`
    (optional, one per draft, used with its `checked` values only): the blind indexes of those
    values' ID number and mobile under this store's key, or None where not computed. Scope,
    duplicates and consents are checked here in every case.
    Raises ValidationError (members.consent_missing) when basic consent is not among `consents`,
    PermissionDenied without members.edit."""
    actor = uow.require(Permission.MEMBERS_EDIT)
    if ConsentType.BASIC not in consents:
        raise ValidationError([FieldProblem("consents", "members.consent_missing", type=ConsentType.BASIC.value)])
    results: list[str | XzError | None] = [None] * len(drafts)
    ready: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
    for i in range(len(drafts)):  # drafts[i] only where validated here (a caller may build them lazily)
        try:
            known = checked[i] if checked is not None else None
            values = dict(known) if known is not None else _validate_or_raise(drafts[i], uow)
            if actor.district_code and values["district_code"] != actor.district_code:
                raise ValidationError([FieldProblem("district_code", "members.not_in_scope")])
        except XzError as exc:
            results[i] = exc
            continue
        keys = hmacs[i] if hmacs is not None and known is not None else (None, None)
        ready.append((i, values, derived_columns(uow.blind_index, values, hmacs=keys)))

    taken_ids, taken_mobiles = _taken(uow, [d["id_hmac"] for _, _, d in ready], [d["mobile_hmac"] for _, _, d in ready])
    seen_ids: set[bytes] = set()
    seen_mobiles: set[bytes] = set()
    later: list[int] = []
    defaults = _column_defaults(Member)
    base = {
        "version": 0, "status": status.value, "created_at": uow.now, "updated_at": uow.now,
        "last_activity_at": uow.now, "matchmaker_id": actor.staff_id if actor.role == "matchmaker" else None,
        "referral_source": codes.ReferralSource.OFFICE_WALK_IN.value,
    }  # fmt: skip
    fresh_ids = iter(new_member_ids(uow.session, len(ready)))
    members: list[dict[str, Any]] = []
    consent_rows: list[dict[str, Any]] = []
    audits: list[tuple[str, str | None, Sequence[str]]] = []
    for i, values, derived in ready:
        if derived["id_hmac"] in taken_ids or derived["mobile_hmac"] in taken_mobiles:
            try:
                _duplicate_check(uow, id_hmac=derived["id_hmac"], mobile_hmac=derived["mobile_hmac"], exclude=None)
            except XzError as exc:
                results[i] = exc
                continue
        if derived["id_hmac"] in seen_ids or derived["mobile_hmac"] in seen_mobiles:
            later.append(i)  # registered one by one after this batch, so the error names the first
            continue
        seen_ids.add(derived["id_hmac"])
        seen_mobiles.add(derived["mobile_hmac"])
        member_id = next(fresh_ids)
        members.append({**defaults, **base, "id": member_id, "member_no": member_number(member_id), **values, **derived})
        for ctype in dict.fromkeys(consents):
            consent_rows.append({
                "id": None, "version": 0, "member_id": member_id, "type": str(ctype),
                "notice_version": codes.CURRENT_NOTICE_VERSION, "granted_at": uow.now, "channel": str(channel),
                "collected_by": actor.staff_id, "withdrawn_at": None, "withdrawn_by": None,
            })  # fmt: skip
        audits.append(("member.create", member_id, sorted(values)))
        results[i] = member_id
    for row, consent_id in zip(consent_rows, new_ids(len(consent_rows)), strict=True):
        row["id"] = consent_id
    insert_synced(uow, Member, members)
    insert_synced(uow, Consent, consent_rows)
    audit_many(uow, audits)
    for i in later:
        try:
            results[i] = register_member(uow, draft=drafts[i], consents=consents, channel=channel, status=status).id
        except XzError as exc:
            results[i] = exc
    if members or later:
        uow.mark(Area.MEMBERS)
    out: list[str | XzError] = []
    for r in results:
        assert r is not None  # every draft got an id or an error above
        out.append(r)
    return out
