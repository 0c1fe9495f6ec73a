"""聊天: conversations with mutual matches and accepted introductions only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from xzdesk.domain.members.names import polite_name
from xzdesk.domain.privacy.notices import SAFETY_NOTICE
from xzdesk.server.h5 import chat, matching, records
from xzdesk.server.h5.web import SECURITY_HEADERS, MemberV, PageError, Posted, h5_of, page, redirect

router = APIRouter()
WHY = {"match": "活动互相心动", "introduction": "红娘介绍，双方同意"}


def _name(s: Any, member_id: str) -> str:
    m = records.read(s, "member", member_id)
    return polite_name(m.get("name"), m.get("sex")) if m else "会员"


def _partner(s: Any, me: str, other: str) -> str:
    partners = matching.partners(s, me)
    chat.require_partner(partners, other)
    member = records.read(s, "member", other) or {}
    if member.get("fraud_flag") or member.get("status") in chat.CLOSED_STATUSES:
        raise PageError(403, "h5.chat_blocked")  # flagged by a matchmaker, or no longer served
    return partners[other]


@router.get("/chat")
def conversations(request: Request, v: MemberV) -> Response:
    h5 = h5_of(request)
    me = v.member_id or ""
    chat.purge_expired_now_and_then(h5.db, retention=h5.settings.chat_retention, now=h5.now())
    with h5.db.read() as s:
        partners = matching.partners(s, me)
        counts = chat.unread(s, me)
        blocked = chat.blocked_ids(s, me)
        items = [{"id": o, "name": _name(s, o), "why": WHY[why], "unread": counts.get(o, 0), "blocked": o in blocked}
                 for o, why in partners.items()]  # fmt: skip
    return page(request, v, "chats.html", title="聊天", tab="chat", items=items, unread=sum(counts.values()))


def _thread_page(request: Request, v: Any, other: str, *, status: int = 200, error: str | None = None,
                 notice: str | None = None) -> Response:  # fmt: skip
    h5 = h5_of(request)
    me = v.member_id or ""
    with h5.db.write() as s:
        why = _partner(s, me, other)
        chat.mark_read(s, me=me, other=other, now=h5.now())
        rows = chat.thread(s, me=me, other=other)
        seen = chat.notice_seen(s, me, other)
        blocked = other in chat.blocked_ids(s, me)
        name = _name(s, other)
    last = rows[-1].id if rows else ""
    return page(request, v, "chat.html", status=status, title=name, back="/chat", tab="chat", other=other,
                why=WHY[why], rows=rows, seen=seen, blocked=blocked, last=last, safety=SAFETY_NOTICE,
                error=error, notice=notice, max_chars=h5.settings.chat_max_chars)  # fmt: skip


@router.get("/chat/{other}")
def conversation(request: Request, v: MemberV, other: str, done: str = "") -> Response:
    notice = {"reported": "举报已提交给红娘，只包含您勾选的消息。", "blocked": "已屏蔽，双方都不能再发消息。"}.get(done)
    return _thread_page(request, v, other, notice=notice)


@router.get("/chat/{other}/poll")
def poll(request: Request, v: MemberV, other: str, after: str = "") -> Response:
    """New messages as JSON, for the page's script (progressive enhancement)."""
    h5 = h5_of(request)
    me = v.member_id or ""
    with h5.db.write() as s:
        _partner(s, me, other)
        rows = chat.thread(s, me=me, other=other, after=after[:36] or None, limit=50)
        chat.mark_read(s, me=me, other=other, now=h5.now())
    return JSONResponse({"messages": [r.to_json() for r in rows]}, headers=SECURITY_HEADERS)


@router.post("/chat/{other}")
def post_message(request: Request, v: MemberV, form: Posted, other: str) -> Response:
    h5 = h5_of(request)
    me = v.member_id or ""
    try:
        with h5.db.write() as s:
            _partner(s, me, other)
            if not chat.notice_seen(s, me, other):
                chat.mark_notice(s, me, other, h5.now())
            chat.send(s, me=me, other=other, body=form.get("body"), settings=h5.settings, now=h5.now())
    except PageError as exc:
        if exc.code == "h5.chat_not_allowed":
            raise
        from xzdesk.server.h5.messages import message

        return _thread_page(request, v, other, status=exc.status, error=message(exc.code, exc.params))
    return redirect(request, v, f"/chat/{other}#end")


def _act(request: Request, v: Any, other: str, action: Callable[[Any, str, datetime], None], done: str = "") -> Response:
    """One write by the member about a partner (checked first), then back to the conversation."""
    h5 = h5_of(request)
    with h5.db.write() as s:
        _partner(s, v.member_id or "", other)
        action(s, v.member_id or "", h5.now())
    return redirect(request, v, f"/chat/{other}" + (f"?done={done}" if done else ""))


@router.post("/chat/{other}/notice")
def read_notice(request: Request, v: MemberV, form: Posted, other: str) -> Response:
    return _act(request, v, other, lambda s, me, now: chat.mark_notice(s, me, other, now))


@router.post("/chat/{other}/block")
def block(request: Request, v: MemberV, form: Posted, other: str) -> Response:
    return _act(request, v, other, lambda s, me, now: chat.block(s, me=me, other=other, now=now), "blocked")


@router.post("/chat/{other}/report")
def report(request: Request, v: MemberV, form: Posted, other: str) -> Response:
    h5 = h5_of(request)
    try:
        with h5.db.write() as s:
            _partner(s, v.member_id or "", other)
            chat.report(s, me=v.member_id or "", other=other, message_ids=form.all("msg"), now=h5.now())
    except PageError as exc:
        if exc.status != 422:
            raise
        from xzdesk.server.h5.messages import message

        return _thread_page(request, v, other, status=422, error=message(exc.code))
    return redirect(request, v, f"/chat/{other}?done=reported")
