"""缘分: my 心动卡 after an event, my mutual matches, "可能合适的人" and "想认识"."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.server.h5 import events, matching, records
from xzdesk.server.h5.chat import blocked_ids
from xzdesk.server.h5.matching import SUGGEST_CONSENTS
from xzdesk.server.h5.web import H5, MemberV, PageError, Posted, h5_of, page, redirect
from xzdesk.server.models import ServerMeta

router = APIRouter()


def _pool(h5: H5) -> matching.SuggestionPool:
    cache = getattr(h5, "suggestion_pool", None)
    if cache is None:
        cache = h5.suggestion_pool = matching.SuggestionPool()  # type: ignore[attr-defined]
    return cache


def _suggested(h5: H5, s: Any, member_id: str) -> list[dict[str, Any]]:
    exclude = blocked_ids(s, member_id) | set(matching.partners(s, member_id))  # blocked, or already talking
    return matching.suggestions(s, _pool(h5), member_id=member_id, k=h5.settings.recommendations, now=h5.now(),
                                exclude=exclude)  # fmt: skip


@router.get("/matches")
def matches(request: Request, v: MemberV, done: str = "") -> Response:
    h5 = h5_of(request)
    member_id = v.member_id or ""
    now = h5.now()
    cards, mutual = [], []
    with h5.db.read() as s:
        for event in matching.held_events_of(s, member_id):
            state = matching.EventCards(s, event)
            me = state.mine(member_id)
            if me is None:
                continue
            info = {"id": event["id"], "name": event["name"], "date": event["event_date"],
                    "deadline": matching.card_deadline(event, h5.settings.interest_card_days).isoformat(),
                    "open": matching.card_open(event, days=h5.settings.interest_card_days, now=now),
                    "filled": bool(state.ticked_by(me))}  # fmt: skip
            cards.append(info)
            mutual.extend({"event": event["name"], "plate": p.plate, "name": p.name, "member_id": p.member_id}
                          for p in state.matches_of(me))  # fmt: skip
        consented = SUGGEST_CONSENTS <= events.consents_in_force(s, member_id)
        suggested = _suggested(h5, s, member_id) if consented else []
    for item in suggested:
        item["district"] = DISTRICTS.get(item["district"] or "", "")
    notice = {"asked": "已提交“想认识”，您的红娘会先征求对方意见，双方都同意后再为你们牵线。",
              "card": "心动卡已保存。双方互相心动时，这里会显示配对结果。"}.get(done)  # fmt: skip
    return page(request, v, "matches.html", title="缘分", tab="matches", cards=cards, mutual=mutual,
                consented=consented, suggested=suggested, notice=notice)  # fmt: skip


def _held_event(s: Any, event_id: str) -> dict[str, Any]:
    event = records.read(s, "event", event_id) if len(event_id) == 36 else None
    if event is None or event.get("status") != "held":
        raise PageError(404, "h5.not_found")
    return event


@router.get("/events/{event_id}/card")
def card_form(request: Request, v: MemberV, event_id: str) -> Response:
    h5 = h5_of(request)
    with h5.db.read() as s:
        event = _held_event(s, event_id)
        state = matching.EventCards(s, event)
        me = state.mine(v.member_id or "")
        if me is None:
            raise PageError(403, "h5.card_not_attended")
        people = state.choices(me)
        ticked = state.ticked_by(me)
    open_ = matching.card_open(event, days=h5.settings.interest_card_days, now=h5.now())
    return page(request, v, "card.html", title="心动卡", back="/matches", tab="matches", event=event, me=me,
                people=people, ticked=ticked, open=open_,
                deadline=matching.card_deadline(event, h5.settings.interest_card_days).isoformat())  # fmt: skip


@router.post("/events/{event_id}/card")
def card_save(request: Request, v: MemberV, form: Posted, event_id: str) -> Response:
    h5 = h5_of(request)
    with h5.db.write() as s:
        event = _held_event(s, event_id)
        server_id = s.get(ServerMeta, "server_id").value  # type: ignore[union-attr]
        matching.save_card(s, event=event, member_id=v.member_id or "", ticked=form.all("tick"),
                           days=h5.settings.interest_card_days, server_id=server_id, now=h5.now())  # fmt: skip
    return redirect(request, v, "/matches?done=card")


@router.post("/want/{other_id}")
def want(request: Request, v: MemberV, form: Posted, other_id: str) -> Response:
    h5 = h5_of(request)
    with h5.db.write() as s:
        member = records.read(s, "member", v.member_id or "")
        if member is None:
            raise PageError(404, "h5.not_found")
        if not SUGGEST_CONSENTS <= events.consents_in_force(s, member["id"]):
            raise PageError(403, "h5.consent_needed")
        allowed = {c["id"] for c in _suggested(h5, s, member["id"])}
        matching.want_to_meet(s, member=member, other_id=other_id, allowed=allowed, now=h5.now())
    _pool(h5).invalidate()
    return redirect(request, v, "/matches?done=asked")
