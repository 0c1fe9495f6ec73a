"""The central server: a FastAPI (ASGI) app over SQLite or PostgreSQL.

    app = create_app("sqlite:///server.db")          # migrations applied here
    uvicorn.run(app, host="127.0.0.1", port=8765)    # or xzdesk.server.runner

Endpoints (schema at /openapi.json; no remote-asset docs pages are served):
- GET  /health                               no token
- POST /sync/v1/enrol                        username + password -> device id and token
- GET  /sync/v1/device                       this device's account and scope
- POST /sync/v1/push                         outbox batch -> per-seq results
- GET  /sync/v1/pull?cursor=&limit=          a page of changes, signed cursor, open conflicts
- GET  /sync/v1/rejected                     this device's rejected mutations
- POST /sync/v1/erasures                     erase a member (privacy officer; matchmaker in scope)
- POST /sync/v1/erasures/ack                 this device purged these members
- GET  /sync/v1/aggregates                   member counts per district and status ("<5")
- POST /intake/v1/members                    mini-program self-registration (intake role)
- POST /intake/v1/events/{event_id}/signups  mini-program event sign-up (intake role)
- GET  /intake/v1/events                     published events (intake role)

Errors are `ErrorOut` JSON: {"code": ..., "params": {...}, "wipe": bool, "message_zh", "message_en"}
(words: server/words.py). Before any handler, `hardening` checks headers, body size and text and
throttles sign-in (docs/security.md). Request handlers are plain functions run on the server's
thread pool; each uses one transaction.
"""

from __future__ import annotations

import json
import logging
from collections import Counter as Tally
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from xzdesk.domain.errors import ValidationError
from xzdesk.domain.store.ids import new_id
from xzdesk.server import auth, intake
from xzdesk.server.db import ServerDB, ensure_meta, make_engine
from xzdesk.server.erasure import acknowledge, erase_member
from xzdesk.server.hardening import Hardening, client_address, harden
from xzdesk.server.migrate import upgrade
from xzdesk.server.models import Device, Record, Rejected, ServerMeta, User
from xzdesk.server.pull import CursorError, check_cursor, read_cursor, read_page
from xzdesk.server.push import PushRefused, push
from xzdesk.server.scope_checks import erasure_verdict
from xzdesk.server.words import error_body
from xzdesk.sync import protocol as p

log = logging.getLogger(__name__)
SEEN_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class ServerSettings:
    offline_window_days: int = 30
    max_clock_skew: timedelta = timedelta(minutes=5)
    default_page: int = p.DEFAULT_PAGE
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    gzip: bool = True
    hardening: Hardening = field(default_factory=Hardening)  # request limits, sign-in throttle


class ApiError(Exception):
    def __init__(self, status: int, code: str, *, wipe: bool = False, **params: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.wipe = wipe
        self.params = params


def _error(status: int, code: str, *, wipe: bool = False, **params: Any) -> JSONResponse:
    return JSONResponse(status_code=status, content=error_body(code, params, wipe=wipe))


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": p.ErrorOut}, 401: {"model": p.ErrorOut}, 403: {"model": p.ErrorOut},
    404: {"model": p.ErrorOut}, 409: {"model": p.ErrorOut}, 410: {"model": p.ErrorOut},
    503: {"model": p.ErrorOut},
}  # fmt: skip


@dataclass
class Caller:
    device: Device
    user: User


def now_utc() -> datetime:
    return datetime.now(UTC)


BEARER = HTTPBearer(auto_error=False, description="device token from /sync/v1/enrol")


def caller(request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]) -> Caller:
    """The calling device and its account; 401 for a missing, unknown or revoked token (a
    revoked device is told to wipe)."""
    if creds is None or not creds.credentials:
        raise ApiError(401, "auth.missing_token")
    db: ServerDB = request.app.state.db
    digest = auth.token_hash(creds.credentials)
    now = now_utc()
    with db.write() as s:
        device = s.execute(select(Device).where(Device.token_hash == digest)).scalar()
        if device is None:
            raise ApiError(401, "auth.invalid_token")
        if device.revoked_at is not None:
            raise ApiError(401, "device.revoked", wipe=True)
        user = s.get(User, device.user_id)
        if user is None or not user.active:
            raise ApiError(401, "device.revoked", wipe=True)
        if device.last_seen_at is None or now - device.last_seen_at > SEEN_EVERY:
            device.last_seen_at = now
        s.flush()
        s.expunge_all()
    return Caller(device, user)


def intake_caller(c: Annotated[Caller, Depends(caller)]) -> Caller:
    if c.user.role != auth.INTAKE_ROLE:
        raise ApiError(403, "auth.forbidden")
    return c


def sync_caller(c: Annotated[Caller, Depends(caller)]) -> Caller:
    if c.user.role == auth.INTAKE_ROLE:
        raise ApiError(403, "auth.forbidden")
    return c


def create_app(db_url: str, *, settings: ServerSettings | None = None) -> FastAPI:
    """Build the app on `db_url`, applying the server's migrations first."""
    settings = settings or ServerSettings()
    engine = make_engine(db_url)
    upgrade(engine)
    db = ServerDB(engine)
    with db.write() as s:
        meta = ensure_meta(s)
    server_id = meta["server_id"]
    hasher = auth.password_hasher(time_cost=settings.argon2_time_cost, memory_kib=settings.argon2_memory_kib)
    offline_window = timedelta(days=settings.offline_window_days)

    app = FastAPI(
        title="xzdesk server", version="1", docs_url=None, redoc_url=None,
        description="徐州工会红娘 central server: device enrolment, offline-first sync, online intake.",
    )  # fmt: skip
    app.state.db = db
    app.state.settings = settings
    app.state.hasher = hasher
    if settings.gzip:
        app.add_middleware(GZipMiddleware, minimum_size=4096, compresslevel=1)  # cheap: ~5x on pages
    harden(app, db=db, hasher=hasher, settings=settings.hardening)

    @app.exception_handler(ApiError)
    def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, wipe=exc.wipe, **exc.params)

    @app.exception_handler(ValidationError)
    def _validation(_request: Request, exc: ValidationError) -> JSONResponse:
        problems = [{"field": pr.field, "code": pr.code} for pr in exc.problems]
        return _error(422, exc.code, problems=problems)

    @app.exception_handler(OperationalError)
    def _busy(_request: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database busy: %s", type(exc.orig).__name__)
        return _error(503, "server.busy")

    @app.exception_handler(RequestValidationError)
    def _bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = sorted({".".join(str(x) for x in e.get("loc", ())[1:]) for e in exc.errors()})[:20]
        return _error(422, "request.invalid", fields=fields)

    def blind_key() -> bytes:
        with db.read() as s:
            return bytes.fromhex(s.get(ServerMeta, "blind_index_key").value)  # type: ignore[union-attr]

    # --- health and enrolment ---------------------------------------------------------------
    @app.get("/health", response_model=p.HealthOut, tags=["health"])
    def health() -> p.HealthOut:
        return p.HealthOut(status="ok", server_id=server_id, api=p.API)

    @app.post(f"{p.API}/enrol", response_model=p.EnrolOut, responses=ERRORS, tags=["sync"])
    def enrol(body: p.EnrolIn, request: Request) -> p.EnrolOut:
        user = app.state.login.sign_in(username=body.username, password=body.password, address=client_address(request))
        events = [e for e in body.events if e]
        scope = auth.scope_for(user, events=events)
        token = auth.new_token()
        now = now_utc()
        device = Device(
            id=new_id(), user_id=user.id, token_hash=auth.token_hash(token), label=body.label.strip()[:64],
            districts=None if scope.districts is None else list(scope.districts), events=list(scope.events),
            aggregate_only=scope.aggregate_only, scope_hash=scope.hash, created_at=now, last_seen_at=now,
            last_pull_at=None, revoked_at=None,
        )  # fmt: skip
        with db.write() as s:
            s.add(device)
            key = s.get(ServerMeta, "blind_index_key")
        return p.EnrolOut(
            device_id=device.id, token=token, staff=_staff_out(user), scope=p.ScopeOut(**scope.to_json()),
            blind_index_key="" if user.role == auth.INTAKE_ROLE else key.value,  # type: ignore[union-attr]
            server_id=server_id, offline_window_days=settings.offline_window_days,
        )  # fmt: skip

    @app.get(f"{p.API}/device", response_model=p.DeviceOut, responses=ERRORS, tags=["sync"])
    def device_info(c: Annotated[Caller, Depends(caller)]) -> p.DeviceOut:
        scope = auth.device_scope(c.device)
        return p.DeviceOut(device_id=c.device.id, staff=_staff_out(c.user), scope=p.ScopeOut(**scope.to_json()),
                           last_seen_at=c.device.last_seen_at, offline_window_days=settings.offline_window_days)  # fmt: skip

    # --- push and pull ------------------------------------------------------------------------
    @app.post(f"{p.API}/push", response_model=p.PushOut, responses=ERRORS, tags=["sync"])
    def push_batch(body: p.PushIn, c: Annotated[Caller, Depends(sync_caller)]) -> p.PushOut:
        now = now_utc()
        try:
            with db.write() as s:
                device = s.get(Device, c.device.id)
                assert device is not None
                out = push(s, device=device, user=c.user, body=body, now=now, max_skew=settings.max_clock_skew)
        except PushRefused as exc:
            raise ApiError(409, exc.code, seq=exc.seq) from exc
        if body.erasures:
            db.after_erasure()
        return out

    @app.get(f"{p.API}/pull", response_model=None, tags=["sync"],
             responses={**ERRORS, 200: {"model": p.PullOut, "description": "a page of changes"}})  # fmt: skip
    def pull(
        c: Annotated[Caller, Depends(sync_caller)],
        cursor: Annotated[str | None, Query(max_length=1024)] = None,
        limit: Annotated[int | None, Query(ge=1, le=p.MAX_PAGE)] = None,
    ) -> Response:
        now = now_utc()
        with db.read() as s:
            meta = dict(s.execute(select(ServerMeta.key, ServerMeta.value)).all())
            try:
                parsed = read_cursor(meta["cursor_secret"], cursor) if cursor else None
                since = check_cursor(parsed, device=c.device, server_id=server_id,
                                     horizon=int(meta["tombstone_horizon"]), now=now,
                                     offline_window=offline_window)  # fmt: skip
            except CursorError as exc:
                raise ApiError(exc.status, exc.code) from exc
            page = read_page(s, device=c.device, since=since, limit=limit or settings.default_page,
                             secret=meta["cursor_secret"], server_id=server_id, now=now)  # fmt: skip
        if not page.has_more:
            with db.write() as s:
                device = s.get(Device, c.device.id)
                if device is not None:
                    device.last_pull_at = now
        return Response(content=page.body.encode("utf-8"), media_type="application/json")

    @app.get(f"{p.API}/rejected", response_model=list[p.RejectedOut], responses=ERRORS, tags=["sync"])
    def rejected(c: Annotated[Caller, Depends(sync_caller)]) -> list[p.RejectedOut]:
        with db.read() as s:
            rows = s.execute(
                select(Rejected).where(Rejected.device_id == c.device.id).order_by(Rejected.id.desc()).limit(500)
            ).scalars()
            return [
                p.RejectedOut(seq=r.seq, entity=r.entity, entity_id=r.entity_id, member_id=r.member_id, op=r.op,
                              code=r.code, params=json.loads(r.params), field_names=json.loads(r.field_names),
                              rejected_at=r.rejected_at)  # fmt: skip
                for r in rows
            ]

    # --- erasure --------------------------------------------------------------------------------
    @app.post(f"{p.API}/erasures", response_model=p.ErasureOut, responses=ERRORS, tags=["erasure"])
    def erasure(body: p.ErasureIn, c: Annotated[Caller, Depends(sync_caller)]) -> p.ErasureOut:
        now = now_utc()
        with db.write() as s:
            verdict = erasure_verdict(s, device=c.device, user=c.user, member_id=body.member_id)
            if verdict in ("forbidden", "unknown"):
                raise ApiError(403, "auth.forbidden") if verdict == "forbidden" else ApiError(404, "erasure.unknown_member")
            rows = erase_member(s, body.member_id, now=now, requested_by=c.user.id)
        db.after_erasure()
        return p.ErasureOut(member_id=body.member_id, erased_at=now, rows_deleted=rows)

    @app.post(f"{p.API}/erasures/ack", responses=ERRORS, tags=["erasure"])
    def erasure_ack(body: p.ErasureAckIn, c: Annotated[Caller, Depends(sync_caller)]) -> dict[str, int]:
        with db.write() as s:
            count = acknowledge(s, device_id=c.device.id, member_ids=body.member_ids, now=now_utc())
        return {"acknowledged": count}

    @app.get(f"{p.API}/aggregates", response_model=p.AggregatesOut, responses=ERRORS, tags=["reports"])
    def aggregates(c: Annotated[Caller, Depends(sync_caller)]) -> p.AggregatesOut:
        tally: Tally[tuple[str, str]] = Tally()
        with db.read() as s:
            query = select(Record.district, Record.fields).where(Record.entity == "member", Record.deleted.is_(False))
            for district, raw in s.execute(query):
                tally[(district or "", str(json.loads(raw).get("status")))] += 1
        rows = [p.AggregateRow(district_code=d, status=st, members="<5" if n < 5 else str(n))
                for (d, st), n in sorted(tally.items())]  # fmt: skip
        return p.AggregatesOut(rows=rows)

    # --- online intake --------------------------------------------------------------------------
    @app.post("/intake/v1/members", response_model=p.IntakeMemberOut, status_code=201,
              responses={**ERRORS, 422: {"model": p.ErrorOut}}, tags=["intake"])  # fmt: skip
    def intake_member(body: p.IntakeMemberIn, c: Annotated[Caller, Depends(intake_caller)]) -> p.IntakeMemberOut:
        key = blind_key()
        try:
            with db.write() as s:
                return intake.register_member_online(s, body=body, intake_user=c.user, blind_key=key, now=now_utc())
        except intake.IntakeError as exc:
            raise ApiError(exc.status, exc.code) from exc

    @app.post("/intake/v1/events/{event_id}/signups", response_model=p.IntakeSignupOut, status_code=201,
              responses={**ERRORS, 422: {"model": p.ErrorOut}, 501: {"model": p.ErrorOut}}, tags=["intake"])  # fmt: skip
    def intake_signup(
        event_id: Annotated[str, PathParam(min_length=1, max_length=36)], body: p.IntakeSignupIn, c: Annotated[Caller, Depends(intake_caller)]
    ) -> p.IntakeSignupOut:
        key = blind_key()
        try:
            with db.write() as s:
                return intake.signup(s, event_id=event_id, body=body, blind_key=key, now=now_utc())
        except intake.IntakeError as exc:
            raise ApiError(exc.status, exc.code) from exc

    @app.get("/intake/v1/events", response_model=list[p.PublicEventOut], responses=ERRORS, tags=["intake"])
    def intake_events(c: Annotated[Caller, Depends(intake_caller)]) -> list[p.PublicEventOut]:
        with db.read() as s:
            return intake.published_events(s)

    return app


def _staff_out(user: User) -> p.StaffOut:
    return p.StaffOut(id=user.id, username=user.username, display_name=user.display_name, role=user.role,
                      district_code=user.district_code)  # fmt: skip
