"""What every router of the server shares: settings, the app's state, error responses, callers.

A router (xzdesk/server/routes/<area>.py) reaches the database and settings through the `Server`
dependency and the calling device through `SyncCaller` / `IntakeCaller` / `AnyCaller`; it raises
`ApiError(status, code, **params)` and never builds an error response itself.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from argon2 import PasswordHasher
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from xzdesk.domain.errors import ValidationError
from xzdesk.server import auth
from xzdesk.server.db import ServerDB
from xzdesk.server.hardening import Hardening
from xzdesk.server.models import Device, User
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


@dataclass(frozen=True)
class ServerState:
    """One server's database, settings and identity, shared by every request."""

    db: ServerDB
    settings: ServerSettings
    hasher: PasswordHasher
    server_id: str

    @property
    def offline_window(self) -> timedelta:
        return timedelta(days=self.settings.offline_window_days)


def server_state(request: Request) -> ServerState:
    return request.app.state.server  # type: ignore[no-any-return]


Server = Annotated[ServerState, Depends(server_state)]


class ApiError(Exception):
    def __init__(self, status: int, code: str, *, wipe: bool = False, **params: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.wipe = wipe
        self.params = params


def error_response(status: int, code: str, *, wipe: bool = False, **params: Any) -> JSONResponse:
    body = error_body(code, params, wipe=wipe)
    return JSONResponse(status_code=status, content=body)


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": p.ErrorOut}, 401: {"model": p.ErrorOut}, 403: {"model": p.ErrorOut},
    404: {"model": p.ErrorOut}, 409: {"model": p.ErrorOut}, 410: {"model": p.ErrorOut},
    503: {"model": p.ErrorOut},
}  # fmt: skip


def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, wipe=exc.wipe, **exc.params)


def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ValidationError)
    problems = [{"field": pr.field, "code": pr.code} for pr in exc.problems]
    return error_response(422, exc.code, problems=problems)


def _busy(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, OperationalError)
    log.warning("database busy: %s", type(exc.orig).__name__)
    return error_response(503, "server.busy")


def _bad_request(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = sorted({".".join(str(x) for x in e.get("loc", ())[1:]) for e in exc.errors()})[:20]
    return error_response(422, "request.invalid", fields=fields)


ERROR_HANDLERS: tuple[tuple[type[Exception], Any], ...] = (
    (ApiError, _api_error),
    (ValidationError, _validation),
    (OperationalError, _busy),
    (RequestValidationError, _bad_request),
)


def add_error_handlers(app: FastAPI) -> None:
    """Every error leaves the server as `ErrorOut` JSON."""
    for exc_type, handler in ERROR_HANDLERS:
        app.add_exception_handler(exc_type, handler)


# --- the caller ---------------------------------------------------------------------------------
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


AnyCaller = Annotated[Caller, Depends(caller)]  # any enrolled device
SyncCaller = Annotated[Caller, Depends(sync_caller)]  # staff devices (not the intake account)
IntakeCaller = Annotated[Caller, Depends(intake_caller)]  # the mini-program's intake account


def staff_out(user: User) -> p.StaffOut:
    return p.StaffOut(id=user.id, username=user.username, display_name=user.display_name, role=user.role,
                      district_code=user.district_code)  # fmt: skip
