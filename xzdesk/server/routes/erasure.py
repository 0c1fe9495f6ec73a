"""Erasure (PIPL Art. 47): POST /sync/v1/erasures, POST /sync/v1/erasures/ack."""

from __future__ import annotations

from fastapi import APIRouter

from xzdesk.server.erasure import acknowledge, erase_member
from xzdesk.server.scope_checks import erasure_verdict
from xzdesk.server.web import ERRORS, ApiError, Server, SyncCaller, now_utc
from xzdesk.sync import protocol as p

router = APIRouter(prefix=p.API, tags=["erasure"])


@router.post("/erasures", response_model=p.ErasureOut, responses=ERRORS)
def erasure(body: p.ErasureIn, c: SyncCaller, server: Server) -> p.ErasureOut:
    now = now_utc()
    with server.db.write() as s:
        verdict = erasure_verdict(s, device=c.device, user=c.user, member_id=body.member_id)
        if verdict in ("forbidden", "unknown"):
            raise ApiError(403, "auth.forbidden") if verdict == "forbidden" else ApiError(404, "erasure.unknown_member")
        rows = erase_member(s, body.member_id, now=now, requested_by=c.user.id)
    server.db.after_erasure()
    return p.ErasureOut(member_id=body.member_id, erased_at=now, rows_deleted=rows)


@router.post("/erasures/ack", responses=ERRORS)
def erasure_ack(body: p.ErasureAckIn, c: SyncCaller, server: Server) -> dict[str, int]:
    with server.db.write() as s:
        count = acknowledge(s, device_id=c.device.id, member_ids=body.member_ids, now=now_utc())
    return {"acknowledged": count}
