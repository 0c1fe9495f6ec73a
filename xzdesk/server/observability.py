"""What an operator sees of a running server: structured logs, a request id, health and readiness.

Logs are JSON lines, one object per line (`JsonLineFormatter`), written to stderr or a file
that several worker processes may share (`configure_logging`). Every request leaves one line:

    {"time": "2025-01-31T08:00:00.123Z", "level": "INFO", "logger": "xzdesk.server.access",
     "pid": 4242, "request_id": "6f1c...", "method": "POST", "route": "/sync/v1/push",
     "status": 200, "duration_ms": 12.8}

What a line never holds, by construction: personal data, request or response bodies, query
strings, header values and raw paths. The route is the route's template (`/intake/v1/events/
{event_id}/signups`, never the id in it) and `null` for an unknown path; an exception is logged
as its type and the code locations of its traceback, never its message (a database error's
message can quote the values of a row; the engine also hides SQL parameters, see db.py).

The request id comes from the client's `X-Request-ID` header when it is a short token
(letters, digits, `._-`, at most 64), else a new random one; it is sent back in the response's
`X-Request-ID` and stamped on every log line written while the request runs (also from the
handler's worker thread), so one request's lines can be found across the log.

`GET /health`: the process answers (in app.py, no database access). `GET /ready`: the database
answers and its schema is at this version's migration heads; else 503 with `server.not_ready`
and a reason (`database` | `migrations`), so a load balancer stops sending requests to a worker
that cannot serve them.
"""

from __future__ import annotations

import contextvars
import json
import logging
import logging.handlers
import re
import sys
import time
import traceback
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from xzdesk.server.models import ServerMeta
from xzdesk.server.words import error_body
from xzdesk.sync import protocol as p

ACCESS = logging.getLogger("xzdesk.server.access")
log = logging.getLogger(__name__)
REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("xzdesk_request_id", default=None)
_CLIENT_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
HEADER = b"x-request-id"
# LogRecord attributes that are the record's own machinery, not extra fields given by the caller
_RECORD_KEYS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# extra fields a log line may carry (anything else passed as `extra` is dropped, not guessed at)
EXTRA_FIELDS = ("request_id", "method", "route", "status", "duration_ms", "workers", "address", "reason")


class JsonLineFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ms), level, logger, pid, message and the allowed
    extra fields; exceptions as type and frames only (see the module docstring)."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,
        }
        request_id = getattr(record, "request_id", None) or REQUEST_ID.get()
        if request_id:
            out["request_id"] = request_id
        if record.name != ACCESS.name:
            out["message"] = record.getMessage()
        for key in EXTRA_FIELDS:
            if key != "request_id" and key in record.__dict__:
                out[key] = record.__dict__[key]
        if record.exc_info and record.exc_info[0] is not None:
            out["exception"] = exception_summary(record.exc_info[1])
        return json.dumps(out, ensure_ascii=False, default=str)


class TextLineFormatter(logging.Formatter):
    """The same content as `JsonLineFormatter` as one line of text for a person at a terminal:
    time, level, logger, pid, message, then key=value for the extra fields (exceptions as type
    and frames, never their message)."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        parts = [stamp, record.levelname, record.name, f"[{record.process}]", record.getMessage()]
        request_id = getattr(record, "request_id", None) or REQUEST_ID.get()
        if request_id:
            parts.append(f"request_id={request_id}")
        parts += [f"{key}={record.__dict__[key]}" for key in EXTRA_FIELDS
                  if key != "request_id" and key in record.__dict__]  # fmt: skip
        if record.exc_info and record.exc_info[0] is not None:
            parts.append(f"exception={json.dumps(exception_summary(record.exc_info[1]), ensure_ascii=False)}")
        return " ".join(parts)


def exception_summary(exc: BaseException | None) -> dict[str, Any]:
    """The exception's type, its causes' types and where it was raised (file:line in function),
    never its message."""
    if exc is None:
        return {}
    frames = [f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in traceback.extract_tb(exc.__traceback__)]
    causes = []
    inner = exc.__cause__ or exc.__context__
    while inner is not None and len(causes) < 5:
        causes.append(type(inner).__qualname__)
        inner = inner.__cause__ or inner.__context__
    return {"type": type(exc).__qualname__, "causes": causes, "frames": frames[-12:]}


def configure_logging(*, fmt: str = "json", level: str = "info", file: str | None = None) -> None:
    """Send the server's logs (and uvicorn's) to stderr or `file` as JSON lines (`fmt="json"`)
    or plain text. Safe to call in every worker process: the file is opened for appending and
    reopened when rotated away (`WatchedFileHandler`; rotate with logrotate or journald)."""
    handler: logging.Handler
    if file:
        Path(file).parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.WatchedFileHandler(file, encoding="utf-8")
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLineFormatter() if fmt == "json" else TextLineFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
        logger.setLevel(level.upper())
    logging.getLogger("uvicorn.access").disabled = True  # its lines hold the raw path and query
    logging.getLogger("alembic").setLevel(max(logging.WARNING, root.level))  # not each check at start


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers") or ():
        if name == HEADER:
            try:
                text = value.decode("ascii")
            except UnicodeDecodeError:
                break
            if _CLIENT_ID.match(text):
                return text
            break
    return uuid.uuid4().hex


def _route_template(scope: Scope) -> str | None:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else None


class RequestLogMiddleware:
    """Pure ASGI middleware: a request id per request (header both ways, context variable for
    log lines) and one access line when the response has been sent (or the app failed)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        token = REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = [500]

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = int(message["status"])
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != HEADER]
                headers.append((HEADER, request_id.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.error("request failed", exc_info=True, extra={"request_id": request_id})
            raise
        finally:
            code = status[0]
            ACCESS.log(
                logging.ERROR if code >= 500 else logging.INFO, "request",
                extra={"request_id": request_id, "method": scope.get("method"), "route": _route_template(scope),
                       "status": code, "duration_ms": round((time.perf_counter() - started) * 1000, 2)},
            )  # fmt: skip
            REQUEST_ID.reset(token)


# --- readiness -----------------------------------------------------------------------------------
router = APIRouter(tags=["health"])


class ReadyOut(BaseModel):
    status: str  # "ready"
    server_id: str
    api: str
    schema_heads: list[str]


@router.get("/ready", response_model=ReadyOut, responses={503: {"model": p.ErrorOut}})
def ready(request: Request) -> Any:
    """200 when the database answers and its schema is at this version's heads, else 503
    (`server.not_ready`, reason `database` or `migrations`) with Retry-After."""
    from xzdesk.domain.store.migrate import current_heads, target_heads
    from xzdesk.server.migrate import MIGRATIONS

    state = request.app.state
    try:
        heads = current_heads(state.db.engine)
        with state.db.read() as s:
            server_id = s.execute(select(ServerMeta.value).where(ServerMeta.key == "server_id")).scalar()
    except Exception as exc:  # whatever keeps the database from answering means "not ready"
        log.warning("not ready: the database does not answer", exc_info=exc, extra={"reason": "database"})
        return _not_ready("database")
    wanted = getattr(state, "schema_heads", None)
    if wanted is None:
        wanted = state.schema_heads = target_heads(MIGRATIONS)
    if heads != wanted or not server_id:
        return _not_ready("migrations")
    return ReadyOut(status="ready", server_id=server_id, api=p.API, schema_heads=sorted(heads))


def _not_ready(reason: str) -> JSONResponse:
    body = error_body("server.not_ready", {"reason": reason}, wipe=False)
    return JSONResponse(status_code=503, content=body, headers={"Retry-After": "5"})
