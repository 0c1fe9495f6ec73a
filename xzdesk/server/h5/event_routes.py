"""活动: the calendar, an event's page (sign up, cancel, the waiting list) and the e-ticket."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from xzdesk.domain.events.codes import EventKind, RegistrationStatus
from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.members.names import polite_name
from xzdesk.domain.printing.qr import QUIET_ZONE, qr_matrix
from xzdesk.domain.privacy.labels import REGISTRATION_STATUS_WORDS, SECTOR_WORDS
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.server.h5 import events, records
from xzdesk.server.h5.web import MemberV, PageError, Posted, h5_of, page, redirect

router = APIRouter()

KIND_WORDS = {EventKind.MIXER: "联谊会", EventKind.SPEED_DATING: "8分钟约会", EventKind.OUTDOOR: "户外活动",
              EventKind.SALON: "沙龙/读书会", EventKind.SECTOR: "专场"}  # fmt: skip
STATUS_STYLE = {"pending": "wait", "waitlisted": "wait", "approved": "ok", "attended": "ok", "cancelled": "no",
                "no_show": "no"}  # fmt: skip
WEEKDAYS = "一二三四五六日"


def describe(event: dict[str, Any], places: int | None = None) -> dict[str, Any]:
    """What the calendar shows of an event: no organiser, no quotas' internals, no token key."""
    day = events.event_of(event).event_date
    who = []
    if event.get("sectors"):
        who.append("、".join(SECTOR_WORDS.get(s, s) for s in event["sectors"]) + "专场")
    if event.get("age_min") or event.get("age_max"):
        who.append(f"{event.get('age_min') or 18}–{event.get('age_max') or '不限'}岁")
    if event.get("districts"):
        who.append("、".join(DISTRICTS.get(d, d) for d in event["districts"]))
    return {
        "id": event["id"], "name": event["name"], "kind": KIND_WORDS.get(event["kind"], event["kind"]),
        "date": f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）",
        "time": event["start_time"] + (f"–{event['end_time']}" if event.get("end_time") else ""),
        "venue": event["venue"], "who": "；".join(who) or "单身职工", "places": places, "capacity": event["capacity"],
        "open": event["status"] == "open", "description": event.get("description") or "",
    }  # fmt: skip


def qr_svg(token: str) -> Markup:
    """The badge token as an SVG QR symbol (the printed badge's encoding: alphanumeric mode, the
    same error correction), so the venue scanner reads a phone screen as it reads a badge."""
    matrix = qr_matrix(token)
    n = matrix.size + 2 * QUIET_ZONE
    parts = [f'<rect x="{c + QUIET_ZONE}" y="{r + QUIET_ZONE}" width="1" height="1"/>'
             for r, row in enumerate(matrix.rows) for c, dark in enumerate(row) if dark]  # fmt: skip
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" role="img" aria-label="电子入场券二维码" '
        f'shape-rendering="crispEdges"><rect width="{n}" height="{n}" fill="#fff"/><g fill="#000">{"".join(parts)}</g></svg>'
    )


@router.get("/events")
def calendar(request: Request, v: MemberV) -> Response:
    h5 = h5_of(request)
    today = h5.now().astimezone(CHINA_TZ).date()
    with h5.db.read() as s:
        upcoming = events.calendar(s, today=today)
        places = events.places_by_event(s, upcoming)
        mine = {r["event_id"]: r["status"] for r in records.member_rows(s, "registration", v.member_id or "")}
    items = [dict(describe(e, places[e["id"]]), mine=REGISTRATION_STATUS_WORDS.get(mine.get(e["id"], ""), ""),
                  style=STATUS_STYLE.get(mine.get(e["id"], ""), "")) for e in upcoming]  # fmt: skip
    return page(request, v, "events.html", title="活动日历", tab="events", items=items)


def _event_page(request: Request, v: Any, event_id: str, *, status: int = 200, notice: str | None = None,
                error: str | None = None) -> Response:  # fmt: skip
    h5 = h5_of(request)
    with h5.db.read() as s:
        event = events.load_event(s, event_id)
        state = events.OnlineEventState(s, event)
        reg = events.my_registration(state.regs, v.member_id)
        member = records.read(s, "member", v.member_id) or {}
    info = describe(event, state.places_left())
    ticket = None
    if reg is not None and reg["status"] in (RegistrationStatus.APPROVED, RegistrationStatus.ATTENDED) and reg.get("token"):
        ticket = {"svg": qr_svg(reg["token"]), "token": reg["token"], "plate": reg.get("plate") or "",
                  "name": polite_name(member.get("name"), member.get("sex"))}  # fmt: skip
    mine = None
    if reg is not None:
        mine = {"status": REGISTRATION_STATUS_WORDS.get(reg["status"], reg["status"]), "code": reg["status"],
                "style": STATUS_STYLE.get(reg["status"], ""), "cancellable": reg["status"] in events.CANCELLABLE
                and event["status"] != "held"}  # fmt: skip
    if ticket is not None and notice == DONE["signed_up"]:
        notice = None  # approved meanwhile: the ticket says it
    return page(request, v, "event.html", status=status, title=info["name"], back="/events", tab="events", e=info,
                mine=mine, ticket=ticket, notice=notice, error=error)  # fmt: skip


DONE = {"signed_up": "报名成功，等待工会审核。审核通过后这里会显示电子入场券。",
        "waitlisted": "名额已满，已为您登记候补，有人退出时按先后顺序递补。",
        "already": "您已报名这场活动。", "cancelled": "已取消报名。"}  # fmt: skip


@router.get("/events/{event_id}")
def event_page(request: Request, v: MemberV, event_id: str, done: str = "") -> Response:
    return _event_page(request, v, event_id, notice=DONE.get(done))


@router.post("/events/{event_id}/signup")
def signup(request: Request, v: MemberV, form: Posted, event_id: str) -> Response:
    h5 = h5_of(request)
    try:
        with h5.db.write() as s:
            member = records.read(s, "member", v.member_id or "")
            if member is None:
                raise PageError(404, "h5.not_found")
            result = events.sign_up(s, event_id=event_id, member=member, now=h5.now())
    except PageError as exc:
        if exc.status == 404:
            raise
        from xzdesk.server.h5.messages import message

        return _event_page(request, v, event_id, status=exc.status, error=message(exc.code, exc.params))
    if result.status == RegistrationStatus.WAITLISTED:
        return redirect(request, v, f"/events/{event_id}?done=waitlisted")
    return redirect(request, v, f"/events/{event_id}?done={'signed_up' if result.created else 'already'}")


@router.post("/events/{event_id}/cancel")
def cancel(request: Request, v: MemberV, form: Posted, event_id: str) -> Response:
    h5 = h5_of(request)
    with h5.db.write() as s:
        events.cancel(s, event_id=event_id, member_id=v.member_id or "", now=h5.now())
    return redirect(request, v, f"/events/{event_id}?done=cancelled")
