"""Chat between two members who may talk: a mutual match at an event or an introduction both
accepted (matching.partners), and nobody else.

Messages are kept `chat_retention` (180 days by default; `purge_expired` runs from the pages at
most once an hour) and deleted with an erasure (`purge_member`). Either side may block (no
message either way while it stands) or report: the reported messages only, with the reporter's
member number, go to the reported member's case file as a note and a follow-up for the
matchmaker, by sync. The anti-fraud notice shows on first contact until read; a message that
mentions money transfers, loans, investment or gambling gets the warning next to it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from xzdesk.domain.members.codes import FollowUpKind
from xzdesk.domain.privacy.notices import mentions_risk
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.server.h5 import records, security
from xzdesk.server.h5.records import RecordWriter
from xzdesk.server.h5.settings import H5Settings, Limit
from xzdesk.server.h5.tables import ChatBlock, ChatMessage, ContactNotice, MemberAccount
from xzdesk.server.h5.web import PageError

CLOSED_STATUSES = frozenset({"withdrawn", "archived"})  # members.codes.MemberStatus no longer served
RISK_WARNING = "提醒：涉及转账、借钱、投资理财或博彩的内容请格外警惕，切勿向对方转账。"
MAX_REPORTED = 50


def pair_key(a: str, b: str) -> str:
    return f"{a}|{b}" if a < b else f"{b}|{a}"


@dataclass(frozen=True)
class MessageRow:
    id: str
    mine: bool
    body: str
    when: str
    warning: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "mine": self.mine, "body": self.body, "when": self.when, "warning": self.warning}


def blocked_ids(session: Session, member_id: str) -> set[str]:
    """Members this one blocked or was blocked by."""
    rows = session.execute(select(ChatBlock.member_id, ChatBlock.other_id).where(
        or_(ChatBlock.member_id == member_id, ChatBlock.other_id == member_id))).all()  # fmt: skip
    return {b if a == member_id else a for a, b in rows}


def require_partner(partners: dict[str, str], other_id: str) -> None:
    if other_id not in partners:
        raise PageError(403, "h5.chat_not_allowed")


def notice_seen(session: Session, member_id: str, other_id: str) -> bool:
    return session.get(ContactNotice, (member_id, pair_key(member_id, other_id))) is not None


def mark_notice(session: Session, member_id: str, other_id: str, now: datetime) -> None:
    if not notice_seen(session, member_id, other_id):
        session.add(ContactNotice(member_id=member_id, pair=pair_key(member_id, other_id), seen_at=now))


def send(session: Session, *, me: str, other: str, body: str, settings: H5Settings, now: datetime) -> ChatMessage:
    text = body.strip()
    if not text:
        raise PageError(422, "h5.chat_empty")
    if len(text) > settings.chat_max_chars:
        raise PageError(422, "h5.chat_too_long", maximum=settings.chat_max_chars)
    if other in blocked_ids(session, me):
        raise PageError(403, "h5.chat_blocked")
    if not security.hit(session, f"chat:{me}", Limit("1m", settings.chat_per_minute, timedelta(minutes=1)), now=now):
        raise PageError(429, "h5.chat_too_fast")
    msg = ChatMessage(id=new_id(), pair=pair_key(me, other), sender_id=me, recipient_id=other, body=text,
                      created_at=now, read_at=None, warned=mentions_risk(text), reported_at=None)  # fmt: skip
    session.add(msg)
    return msg


def _when(at: datetime) -> str:
    local = at.astimezone(CHINA_TZ)
    return f"{local.month}月{local.day}日 {local:%H:%M}"


def thread(session: Session, *, me: str, other: str, after: str | None = None, limit: int = 200) -> list[MessageRow]:
    """The conversation, oldest first (the last `limit`; or those after message `after`)."""
    query = select(ChatMessage).where(ChatMessage.pair == pair_key(me, other))
    if after:
        query = query.where(ChatMessage.id > after)
    rows = list(session.execute(query.order_by(ChatMessage.id.desc()).limit(limit)).scalars())
    rows.reverse()
    return [MessageRow(m.id, m.sender_id == me, m.body, _when(m.created_at), RISK_WARNING if m.warned else "") for m in rows]


def mark_read(session: Session, *, me: str, other: str, now: datetime) -> None:
    session.execute(update(ChatMessage).where(
        ChatMessage.pair == pair_key(me, other), ChatMessage.recipient_id == me, ChatMessage.read_at.is_(None),
    ).values(read_at=now))  # fmt: skip


def unread(session: Session, me: str) -> dict[str, int]:
    rows = session.execute(select(ChatMessage.sender_id, func.count()).where(
        ChatMessage.recipient_id == me, ChatMessage.read_at.is_(None)).group_by(ChatMessage.sender_id)).all()  # fmt: skip
    return {sender: int(n) for sender, n in rows}


def block(session: Session, *, me: str, other: str, now: datetime) -> None:
    if session.get(ChatBlock, (me, other)) is None:
        session.add(ChatBlock(member_id=me, other_id=other, created_at=now))


def report(session: Session, *, me: str, other: str, message_ids: list[str], now: datetime) -> int:
    """Send the chosen messages of `other` (only those) to the matchmaker of `other`'s case file:
    a note holding them and a follow-up. Returns how many were reported."""
    wanted = sorted(set(message_ids))[:MAX_REPORTED]
    if not wanted:
        raise PageError(422, "h5.nothing_to_report")
    msgs = list(session.execute(select(ChatMessage).where(
        ChatMessage.id.in_(wanted), ChatMessage.pair == pair_key(me, other), ChatMessage.sender_id == other,
    ).order_by(ChatMessage.id)).scalars())  # fmt: skip
    if not msgs:
        raise PageError(422, "h5.nothing_to_report")
    reporter = records.read(session, "member", me) or {}
    reported = records.read(session, "member", other) or {}
    lines = [f"【会员网页举报】会员 {reporter.get('member_no', '')} 举报了本档案会员发来的 {len(msgs)} 条聊天消息："]
    lines += [f"{_when(m.created_at)}：{m.body}" for m in msgs]
    writer = RecordWriter(session, now)
    writer.insert("note", {"id": new_id(), "member_id": other, "author_id": me, "created_at": now.isoformat(),
                           "body": "\n".join(lines)}, member_id=other)  # fmt: skip
    writer.insert("follow_up", {
        "id": new_id(), "member_id": other, "kind": FollowUpKind.GENERAL.value, "due_date": now.astimezone(CHINA_TZ).date().isoformat(),
        "assigned_to": reported.get("matchmaker_id"), "title": "会员网页收到对本档案会员的聊天举报，请查看备注并处理",
        "created_at": now.isoformat()}, member_id=other)  # fmt: skip
    for m in msgs:
        m.reported_at = now
    return len(msgs)


# --- retention and erasure ----------------------------------------------------------------------
_last_purge = [0.0]
_purge_lock = threading.Lock()


def purge_expired(session: Session, *, retention: timedelta, now: datetime) -> int:
    return int(session.execute(delete(ChatMessage).where(ChatMessage.created_at < now - retention)).rowcount or 0)


def purge_expired_now_and_then(db: Any, *, retention: timedelta, now: datetime, every_s: float = 3600) -> None:
    with _purge_lock:
        if time.monotonic() - _last_purge[0] < every_s:
            return
        _last_purge[0] = time.monotonic()
    with db.write() as s:
        purge_expired(s, retention=retention, now=now)


def purge_member(session: Session, member_id: str) -> int:
    """Erasure: every message sent or received, blocks, notices and the online account."""
    n = 0
    for stmt in (
        delete(ChatMessage).where(or_(ChatMessage.sender_id == member_id, ChatMessage.recipient_id == member_id)),
        delete(ChatBlock).where(or_(ChatBlock.member_id == member_id, ChatBlock.other_id == member_id)),
        delete(ContactNotice).where(or_(ContactNotice.member_id == member_id, ContactNotice.pair.contains(member_id))),
    ):
        n += int(session.execute(stmt).rowcount or 0)
    accounts = list(session.execute(select(MemberAccount.id).where(MemberAccount.member_id == member_id)).scalars())
    for account_id in accounts:
        security.end_all_sessions(session, account_id)
    n += int(session.execute(delete(MemberAccount).where(MemberAccount.member_id == member_id)).rowcount or 0)
    return n
