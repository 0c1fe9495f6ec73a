"""Someone already on file registers online: a link request for the district's matchmaker.

The web app never ties an account to a case file by itself (domain: `members.links`). A
registration whose ID number (blind index) or, failing that, mobile number is on file becomes an
`online_link_request` row with what the registration said of itself, masked, and per field
whether it is the case file's; a follow-up reminds the matchmaker. The laptops receive both by
sync; the matchmaker's decision comes back the same way.

The account follows the decision the next time the member opens a page (`settle`): a confirmed
request whose ID number is still the case file's ties the account to it; a rejected one shows
the reason and lets the member register again. Nothing the person typed is copied into the case
file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from xzdesk.domain.members import codes
from xzdesk.domain.members.codes import LinkStatus
from xzdesk.domain.members.links import comparison
from xzdesk.domain.store.engine import compute_blind_index
from xzdesk.domain.store.ids import new_id
from xzdesk.server.h5 import records
from xzdesk.server.h5.records import RecordWriter
from xzdesk.server.h5.tables import MemberAccount

FOLLOW_UP_TITLE = "member.link_request"  # a code: the desktop shows it in words (labels.follow_up_title)
FOLLOW_UP_DAYS = 3
GONE = "gone"  # the request is no longer on file (its case file was erased)


@dataclass(frozen=True)
class LinkState:
    """Where an account's link request stands, for the member's pages."""

    status: str  # codes.LinkStatus, or "pending" for a request not (or no longer) on file
    reason: str | None = None
    district_code: str | None = None


def ask_to_link(writer: RecordWriter, member_id: str, *, values: dict[str, Any], account_id: str, blind_key: bytes) -> str:
    """Write the link request (and the matchmaker's follow-up) for the case file `member_id`
    that the validated registration `values` seems to be; returns the request id."""
    member = records.read(writer.session, "member", member_id) or {}
    id_hmac = compute_blind_index(blind_key, "id", values["id_number"]).hex()
    task_id, request_id = new_id(), new_id()
    writer.insert("follow_up", {
        "id": task_id, "member_id": member_id, "kind": codes.FollowUpKind.INTAKE.value,
        "due_date": (writer.now + timedelta(days=FOLLOW_UP_DAYS)).date().isoformat(),
        "assigned_to": member.get("matchmaker_id"), "title": FOLLOW_UP_TITLE, "created_at": writer.now.isoformat(),
    }, member_id=member_id)  # fmt: skip
    writer.insert("online_link_request", {
        "id": request_id, "member_id": member_id, "account_id": account_id,
        "id_hmac": id_hmac,  # compared with the case file's when confirming: equal only for the same ID
        "submitted": comparison(member, values), "status": LinkStatus.PENDING.value, "follow_up_id": task_id,
        "created_at": writer.now.isoformat(),
    }, member_id=member_id)  # fmt: skip
    return request_id


def state(session: Session, account: MemberAccount) -> LinkState | None:
    """The account's link request as the member sees it (None when there is none)."""
    if account.member_id or not account.pending_request_id:
        return None
    req = records.read(session, "online_link_request", account.pending_request_id)
    if req is None or req.get("account_id") != account.id:
        return LinkState(GONE)  # the case file was erased meanwhile: the person may register anew
    member = records.read(session, "member", req["member_id"]) or {}
    return LinkState(req["status"], req.get("reason"), member.get("district_code"))


def settle(session: Session, account: MemberAccount) -> bool:
    """Tie the account to its case file when the matchmaker confirmed the link request and the
    ID number typed online is still the case file's (checked again here: never the phone alone).
    Returns whether the account changed. Caller's write transaction."""
    if account.member_id or not account.pending_request_id:
        return False
    req = records.read(session, "online_link_request", account.pending_request_id)
    if req is None or req.get("account_id") != account.id or req.get("status") != LinkStatus.CONFIRMED:
        return False
    member = records.read(session, "member", req["member_id"])
    if member is None or not req.get("id_hmac") or req["id_hmac"] != member.get("id_hmac"):
        return False
    account.member_id = req["member_id"]
    account.pending_request_id = None
    return True


def may_register_again(session: Session, account: MemberAccount) -> bool:
    """After a rejection the member may correct their details and register again."""
    found = state(session, account)
    return found is not None and found.status in (LinkStatus.REJECTED, GONE)
