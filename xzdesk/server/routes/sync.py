"""The sync protocol: POST /sync/v1/push, GET /sync/v1/pull, GET /sync/v1/rejected."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy import select

from xzdesk.server.models import Device, Rejected, ServerMeta
from xzdesk.server.pull import CursorError, check_cursor, read_cursor, read_page
from xzdesk.server.push import PushRefused, push
from xzdesk.server.web import ERRORS, ApiError, Server, SyncCaller, now_utc
from xzdesk.sync import protocol as p

router = APIRouter(prefix=p.API, tags=["sync"])


ECHO_HELP = ("1: this device takes each result's version when `echo` is true, and its pulls leave out the "
             "rows it pushed that it holds as stored (laptops before this option get neither)")  # fmt: skip


@router.post("/push", response_model=p.PushOut, responses=ERRORS)
def push_batch(body: p.PushIn, c: SyncCaller, server: Server,
               echo: Annotated[bool, Query(description=ECHO_HELP)] = False) -> Response:  # fmt: skip
    now = now_utc()
    try:
        with server.db.write() as s:
            device = s.get(Device, c.device.id)
            assert device is not None
            out = push(s, device=device, user=c.user, body=body, now=now, max_skew=server.settings.max_clock_skew)
    except PushRefused as exc:
        raise ApiError(409, exc.code, seq=exc.seq) from exc
    if body.erasures:
        server.db.after_erasure()
    # one serialisation of the result (FastAPI would validate the model again first); without
    # ?echo=1 the field stays out: older laptops refuse unknown fields
    content = out.model_dump_json(exclude=None if echo else {"results": {"__all__": {"echo"}}})
    return Response(content=content, media_type="application/json")


@router.get("/pull", response_model=None,
            responses={**ERRORS, 200: {"model": p.PullOut, "description": "a page of changes"}})  # fmt: skip
def pull(
    c: SyncCaller,
    server: Server,
    cursor: Annotated[str | None, Query(max_length=1024)] = None,
    limit: Annotated[int | None, Query(ge=1, le=p.MAX_PAGE)] = None,
    echo: Annotated[bool, Query(description=ECHO_HELP)] = False,
) -> Response:
    now = now_utc()
    with server.db.read() as s:
        meta = dict(s.execute(select(ServerMeta.key, ServerMeta.value)).all())
        try:
            parsed = read_cursor(meta["cursor_secret"], cursor) if cursor else None
            since = check_cursor(parsed, device=c.device, server_id=server.server_id,
                                 horizon=int(meta["tombstone_horizon"]), now=now,
                                 offline_window=server.offline_window)  # fmt: skip
        except CursorError as exc:
            raise ApiError(exc.status, exc.code) from exc
        page = read_page(s, device=c.device, since=since, limit=limit or server.settings.default_page,
                         secret=meta["cursor_secret"], server_id=server.server_id, now=now, echo=echo)  # fmt: skip
    if not page.has_more:
        with server.db.write() as s:
            device = s.get(Device, c.device.id)
            if device is not None:
                device.last_pull_at = now
    return Response(content=page.body.encode("utf-8"), media_type="application/json")


@router.get("/rejected", response_model=list[p.RejectedOut], responses=ERRORS)
def rejected(c: SyncCaller, server: Server) -> list[p.RejectedOut]:
    with server.db.read() as s:
        rows = s.execute(
            select(Rejected).where(Rejected.device_id == c.device.id).order_by(Rejected.id.desc()).limit(500)
        ).scalars()
        return [
            p.RejectedOut(seq=r.seq, entity=r.entity, entity_id=r.entity_id, member_id=r.member_id, op=r.op,
                          code=r.code, params=json.loads(r.params), field_names=json.loads(r.field_names),
                          rejected_at=r.rejected_at)  # fmt: skip
            for r in rows
        ]
