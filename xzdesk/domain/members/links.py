"""Link requests from the member web app: someone already on file registered online.

The web app never ties an online account to a case file by itself. When a registration carries
the ID number of a case file (its blind index), or only its mobile number, the server writes an
`OnlineLinkRequest` for the district's laptops with what the registration said of itself, masked,
and whether each field is the same as the case file's (`comparison`, compared in full on the
server, where both are held). A matchmaker compares the two side by side and confirms (the
account is tied to the case file: the member then sees 工会认证 and their history online) or
rejects with a reason the member reads (`members.service.confirm_link` / `reject_link`). A link
is confirmed only when the ID number typed online is the case file's: never by the phone alone.

Reads here take a session and return DTOs; the services live in service.py with the other
case-file services.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from xzdesk.domain.members.codes import LINK_COMPARED, LinkStatus
from xzdesk.domain.members.dto import LinkCompareRow, LinkRequestInfo
from xzdesk.domain.members.models import Member, OnlineLinkRequest
from xzdesk.domain.privacy.masking import mask

# How each compared field is shown: masked identifiers, codes as they are, long text cut short.
_MASKS = {"name": "name", "id_number": "id", "mobile": "phone"}
_TEXT_MAX = 64


def _birth_year(value: Any) -> int | None:
    if isinstance(value, date):
        return value.year
    if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


def shown(field: str, values: Mapping[str, Any]) -> Any:
    """A compared field as the matchmaker sees it (masked, code, or short text)."""
    if field == "birth_year":
        return _birth_year(values.get("birth_date"))
    value = values.get(field)
    if field in _MASKS:
        return mask(str(value) if value else None, _MASKS[field]) or None
    if isinstance(value, str):
        return value[:_TEXT_MAX] or None
    return value


def comparison(case: Mapping[str, Any], online: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """What a link request stores of an online registration (`submitted`): per compared field,
    the online value as shown and whether it equals the case file's (full values compared; both
    in the same JSON or Python form)."""
    out: dict[str, dict[str, Any]] = {}
    for field in LINK_COMPARED:
        if field == "birth_year":
            same = _birth_year(case.get("birth_date")) == _birth_year(online.get("birth_date"))
        else:
            same = (case.get(field) or None) == (online.get(field) or None)
        out[field] = {"shown": shown(field, online), "same": bool(same)}
    return out


def request_info(req: OnlineLinkRequest, member: Member, names: Mapping[str, str]) -> LinkRequestInfo:
    case = {f: getattr(member, f, None) for f in ("name", "id_number", "mobile", "sex", "birth_date", "district_code",
                                                  "base_union", "employer")}  # fmt: skip
    submitted = req.submitted or {}
    same_id = req.id_hmac is not None and req.id_hmac == member.id_hmac
    rows = []
    for field in LINK_COMPARED:
        entry = submitted.get(field) or {}
        same = same_id if field == "id_number" else bool(entry.get("same"))
        rows.append(LinkCompareRow(field, shown(field, case), entry.get("shown"), same))
    return LinkRequestInfo(
        id=req.id, version=req.version, status=req.status, created_at=req.created_at, decided_at=req.decided_at,
        decided_by_name=names.get(req.decided_by or ""), reason=req.reason, same_id=same_id, rows=tuple(rows),
    )  # fmt: skip


def newest_request(session: Session, member_id: str) -> OnlineLinkRequest | None:
    """The member's pending link request, else the newest decided one."""
    rows = session.execute(
        select(OnlineLinkRequest).where(OnlineLinkRequest.member_id == member_id).order_by(OnlineLinkRequest.created_at.desc())
    ).scalars().all()  # fmt: skip
    pending = [r for r in rows if r.status == LinkStatus.PENDING]
    return (pending or list(rows) or [None])[0]


def pending_member_ids() -> Select[tuple[str]]:
    """Members with a link request awaiting a matchmaker (a subquery for the case list)."""
    return select(OnlineLinkRequest.member_id).where(OnlineLinkRequest.status == LinkStatus.PENDING.value)
