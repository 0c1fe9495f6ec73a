"""The member's own data: everything held, consents, the erasure request, closing the account.

- Everything held: every synced record of the member (what the laptops hold: case file,
  consents, verifications, registrations, cards, introductions, notes and follow-ups) and what
  only the server holds (the online account, chat messages sent and received, blocks). On screen
  ID number and mobile are masked; the download (JSON) holds the values.
- Withdrawing a consent sets `withdrawn_at` on the consent record at once (suggestions and
  "想认识" stop immediately; the laptops receive it by sync) and has the consequences a
  withdrawal on a laptop has (member_acts.py: introductions that cannot go on end), written once
  here and audited as the member's own act. Basic processing cannot be withdrawn here: without
  it nothing may be kept, so that is an erasure request.
- An erasure request is an `online_rights_request` row (15 working days to answer, as for
  requests received at the office) that appears in the privacy officer's rights queue.
- Closing the account signs out everywhere and unlinks the mobile number; the case file stays
  with the union (an erasure removes it).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from xzdesk.domain.privacy.codes import RequestKind
from xzdesk.domain.privacy.workdays import add_working_days
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.server.h5 import member_acts, records, security
from xzdesk.server.h5.records import RecordWriter
from xzdesk.server.h5.tables import ChatBlock, ChatMessage, MemberAccount
from xzdesk.server.h5.web import PageError

WITHDRAWABLE = ("sensitive", "share_profile", "public_display", "matching")
# Fields of records about the member that describe someone else: a link request holds what the
# person who registered online gave (perhaps not this member at all), so only its outcome is shown.
NOT_THEIRS = {"online_link_request": ("submitted", "id_hmac", "account_id")}


def everything(session: Session, member_id: str, account_id: str) -> dict[str, Any]:
    """Every record held about the member, grouped by kind (JSON-able)."""
    held: dict[str, list[dict[str, Any]]] = {}
    for rec in records.held_about(session, member_id):
        row = json.loads(rec.fields)
        for name in NOT_THEIRS.get(rec.entity, ()):
            row.pop(name, None)
        held.setdefault(rec.entity, []).append(row)
    acc = session.get(MemberAccount, account_id)
    messages = session.execute(select(ChatMessage).where(
        or_(ChatMessage.sender_id == member_id, ChatMessage.recipient_id == member_id)).order_by(ChatMessage.id)).scalars()  # fmt: skip
    held["online_account"] = [{"created_at": acc.created_at.isoformat() if acc else None}]
    held["chat_message"] = [{"sent": m.sender_id == member_id, "body": m.body, "at": m.created_at.isoformat(),
                             "read_at": m.read_at.isoformat() if m.read_at else None} for m in messages]  # fmt: skip
    blocks = session.execute(select(ChatBlock).where(ChatBlock.member_id == member_id)).scalars()
    held["chat_block"] = [{"at": b.created_at.isoformat()} for b in blocks]
    return held


def withdraw_consent(session: Session, *, member_id: str, ctype: str, account_id: str, now: datetime) -> None:
    if ctype == "basic":
        raise PageError(422, "h5.consent_basic_withdraw")
    live = [c for c in records.member_rows(session, "consent", member_id) if c["type"] == ctype and not c.get("withdrawn_at")]
    if ctype not in WITHDRAWABLE or not live:
        raise PageError(409, "h5.consent_not_active")
    writer = RecordWriter(session, now)
    for consent in live:
        writer.update("consent", consent["id"], {"withdrawn_at": now.isoformat(), "withdrawn_by": account_id})
    ended = member_acts.withdrawal_consequences(writer, member_id=member_id, consent_type=ctype)
    member_acts.audit(session, now, member_id=member_id, action="consent.withdraw.online", fields=[ctype])
    for intro in ended:  # as the laptop audits a withdrawn introduction: on both sides
        for side in (intro["member_a_id"], intro["member_b_id"]):
            member_acts.audit(session, now, member_id=side, action="introduction.withdrawn", fields=["stage"])


def open_erasure(session: Session, member_id: str) -> dict[str, Any] | None:
    for r in records.member_rows(session, "online_rights_request", member_id):
        if r["kind"] == RequestKind.ERASURE:
            return r
    return None


def request_erasure(session: Session, *, member_id: str, now: datetime) -> dict[str, Any]:
    existing = open_erasure(session, member_id)
    if existing is not None:
        return existing
    received = now.astimezone(CHINA_TZ).date()
    due = add_working_days(received)
    return RecordWriter(session, now).insert("online_rights_request", {
        "id": new_id(), "member_id": member_id, "kind": RequestKind.ERASURE.value, "received_on": received.isoformat(),
        "due_on": due.due.isoformat(), "due_provisional": due.provisional, "created_at": now.isoformat(),
    }, member_id=member_id)  # fmt: skip


def close_account(session: Session, *, account_id: str, now: datetime) -> None:
    acc = session.get(MemberAccount, account_id, with_for_update=True)
    if acc is None:
        return
    acc.closed_at = now
    acc.member_id = None
    acc.pending_request_id = None
    security.end_all_sessions(session, account_id)
