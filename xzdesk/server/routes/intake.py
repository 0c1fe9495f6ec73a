"""Online intake for the mini-program (intake account only): POST /intake/v1/members,
POST /intake/v1/events/{event_id}/signups, GET /intake/v1/events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from fastapi import Path as PathParam

from xzdesk.server import intake
from xzdesk.server.db import ServerDB
from xzdesk.server.models import ServerMeta
from xzdesk.server.web import ERRORS, ApiError, IntakeCaller, Server, now_utc
from xzdesk.sync import protocol as p

router = APIRouter(prefix="/intake/v1", tags=["intake"])


def _blind_key(db: ServerDB) -> bytes:
    with db.read() as s:
        return bytes.fromhex(s.get(ServerMeta, "blind_index_key").value)  # type: ignore[union-attr]


@router.post("/members", response_model=p.IntakeMemberOut, status_code=201,
             responses={**ERRORS, 422: {"model": p.ErrorOut}})  # fmt: skip
def intake_member(body: p.IntakeMemberIn, c: IntakeCaller, server: Server) -> p.IntakeMemberOut:
    key = _blind_key(server.db)
    try:
        with server.db.write() as s:
            return intake.register_member_online(s, body=body, intake_user=c.user, blind_key=key, now=now_utc())
    except intake.IntakeError as exc:
        raise ApiError(exc.status, exc.code) from exc


@router.post("/events/{event_id}/signups", response_model=p.IntakeSignupOut, status_code=201,
             responses={**ERRORS, 422: {"model": p.ErrorOut}, 501: {"model": p.ErrorOut}})  # fmt: skip
def intake_signup(
    event_id: Annotated[str, PathParam(min_length=1, max_length=36)], body: p.IntakeSignupIn, c: IntakeCaller,
    server: Server,
) -> p.IntakeSignupOut:  # fmt: skip
    key = _blind_key(server.db)
    try:
        with server.db.write() as s:
            return intake.signup(s, event_id=event_id, body=body, blind_key=key, now=now_utc())
    except intake.IntakeError as exc:
        raise ApiError(exc.status, exc.code) from exc


@router.get("/events", response_model=list[p.PublicEventOut], responses=ERRORS)
def intake_events(c: IntakeCaller, server: Server) -> list[p.PublicEventOut]:
    with server.db.read() as s:
        return intake.published_events(s)
