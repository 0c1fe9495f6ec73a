"""The sync protocol: POST /sync/v1/push, GET /sync/v1/pull, GET /sync/v1/rejected."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.server.models import Device, Rejected, ServerMeta
from xzdesk.server.pull import CursorError, Page, check_cursor, read_cursor, read_page
from xzdesk.server.push import PushRefused, push
from xzdesk.server.web import ERRORS, ApiError, Server, ServerState, SyncCaller, now_utc
from xzdesk.sync import protocol as p

router = APIRouter(prefix=p.API, tags=["sync"])


ECHO_HELP = ("1: this device takes each result's version when `echo` is true, and its pulls leave out the "
             "rows it pushed that it holds as stored (laptops before this option get neither)")  # fmt: skip


# A device's last complete pull is written down at most this often (it ages the device's cursor:
# a window of days, ServerSettings.offline_window_days), not by every pull of a laptop that syncs
# every few seconds.
PULL_NOTED_EVERY = timedelta(minutes=1)

CURSOR_HELP = ("with echo=1: this device's pull cursor; the answer's `page` is the pull page after it, as a pull "
               "right after this push would answer, so the device need not ask (none when the cursor cannot be read "
               "after, or the push reports erasures)")


@router.post("/push", response_model=p.PushOut, responses=ERRORS)
def push_batch(body: p.PushIn, c: SyncCaller, server: Server,
               echo: Annotated[bool, Query(description=ECHO_HELP)] = False,
               cursor: Annotated[str | None, Query(max_length=1024, description=CURSOR_HELP)] = None) -> Response:  # fmt: skip
    now = now_utc()
    page = None
    try:
        with server.db.write() as s:
            device = s.get(Device, c.device.id)
            assert device is not None
            out = push(s, device=device, user=c.user, body=body, now=now, max_skew=server.settings.max_clock_skew)
            if echo and cursor and not body.erasures:
                page = _page_after(s, server, device, cursor, now=now, limit=p.PUSH_PAGE)
    except PushRefused as exc:
        raise ApiError(409, exc.code, seq=exc.seq) from exc
    if body.erasures:
        server.db.after_erasure()
    # one serialisation of the result (FastAPI would validate the model again first); without
    # ?echo=1 the field stays out: older laptops refuse unknown fields
    content = out.model_dump_json(exclude={"page": True, **({} if echo else {"results": {"__all__": {"echo"}}})})
    if page is not None:
        content = f'{content[:-1]},"page":{page.body}}}'
    return Response(content=content, media_type="application/json")


def _page_after(s: Session, server: ServerState, device: Device, cursor: str, *, now: datetime,
                limit: int) -> Page | None:  # fmt: skip
    """The page a pull with `cursor` would answer now, inside the push's transaction (its rows are
    written: the pushed echoes are left out as a pull leaves them out); None when the cursor
    cannot be read after (the device's pull then hears why)."""
    s.flush()
    try:
        page = _read(s, server, device, cursor, now=now, limit=limit, echo=True)
    except CursorError:
        return None
    if not page.has_more and _note_pull(device, now):  # the device has pulled everything
        device.last_pull_at = now
    return page


def _read(s: Session, server: ServerState, device: Device, cursor: str | None, *, now: datetime, limit: int,
          echo: bool) -> Page:  # fmt: skip
    """The page after `cursor` in `s`'s snapshot; CursorError (400 / 410) for a cursor that cannot
    be read after."""
    meta = dict(s.execute(select(ServerMeta.key, ServerMeta.value)).all())
    parsed = read_cursor(meta["cursor_secret"], cursor) if cursor else None
    since = check_cursor(parsed, device=device, server_id=server.server_id, horizon=int(meta["tombstone_horizon"]),
                         now=now, offline_window=server.offline_window)  # fmt: skip
    return read_page(s, device=device, since=since, limit=limit, secret=meta["cursor_secret"],
                     server_id=server.server_id, now=now, echo=echo)  # fmt: skip


def _note_pull(device: Device, now: datetime) -> bool:
    return device.last_pull_at is None or now - device.last_pull_at >= PULL_NOTED_EVERY


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
        try:
            page = _read(s, server, c.device, cursor, now=now, limit=limit or server.settings.default_page, echo=echo)
        except CursorError as exc:
            raise ApiError(exc.status, exc.code) from exc
    if not page.has_more and _note_pull(c.device, now):
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
