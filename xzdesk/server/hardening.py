"""What stands between the network and the endpoints, installed by `create_app` in one call:
the request guard (header, body and text limits), the sign-in throttle, and words for every
refusal that the framework itself makes (unknown address, wrong method, unreadable body).

    harden(app, db=db, hasher=hasher, settings=settings)      # in create_app
    user = app.state.login.sign_in(username=..., password=..., address=client_address(request))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argon2 import PasswordHasher
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from xzdesk.server.db import ServerDB
from xzdesk.server.guard import RequestGuard, RequestLimits
from xzdesk.server.login import LoginGuard, LoginRefused, LoginSettings
from xzdesk.server.words import error_body

FRAMEWORK_CODES = {404: "request.not_found", 405: "request.method_not_allowed"}


@dataclass(frozen=True)
class Hardening:
    """The settings of this module (a field of `ServerSettings`)."""

    limits: RequestLimits = field(default_factory=RequestLimits)
    login: LoginSettings = field(default_factory=LoginSettings)


def harden(app: FastAPI, *, db: ServerDB, hasher: PasswordHasher, settings: Hardening) -> None:
    app.add_middleware(RequestGuard, limits=settings.limits)  # outermost: before anything reads the body
    app.add_exception_handler(StarletteHTTPException, _framework_refusal)  # type: ignore[arg-type]
    app.add_exception_handler(LoginRefused, _login_refusal)  # type: ignore[arg-type]
    app.state.login = LoginGuard(db, hasher, settings.login)


def client_address(request: Request) -> str:
    """The caller's address as uvicorn sees it (behind a reverse proxy on this machine, the
    address it forwards: uvicorn's --forwarded-allow-ips)."""
    return request.client.host if request.client else "unknown"


def _framework_refusal(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = FRAMEWORK_CODES.get(exc.status_code, "request.malformed")
    return JSONResponse(status_code=exc.status_code, content=error_body(code), headers=exc.headers)


def _login_refusal(_request: Request, exc: LoginRefused) -> JSONResponse:
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
    return JSONResponse(status_code=exc.status, content=error_body(exc.code, exc.params), headers=headers)
