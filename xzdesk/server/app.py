"""The central server: a FastAPI (ASGI) app over SQLite or PostgreSQL.

    app = create_app("sqlite:///server.db")          # migrations applied here
    uvicorn.run(app, host="127.0.0.1", port=8765)    # or xzdesk.server.runner

Endpoints (schema at /openapi.json; no remote-asset docs pages are served):
- GET  /health                               no token (the process answers)
- GET  /ready                                no token (database answers, schema at head; else 503)
- POST /sync/v1/enrol                        username + password -> device id and token
- GET  /sync/v1/device                       this device's account and scope
- POST /sync/v1/push                         outbox batch -> per-seq results
- GET  /sync/v1/pull?cursor=&limit=          a page of changes, signed cursor, open conflicts
- GET  /sync/v1/rejected                     this device's rejected mutations
- POST /sync/v1/erasures                     erase a member (privacy officer; matchmaker in scope)
- POST /sync/v1/erasures/ack                 this device purged these members
- GET  /sync/v1/aggregates                   member counts per district and status ("<5")
- POST /sync/v1/matching/fit                 retrain the matching model on the server's outcomes (matching.policy)
- POST /intake/v1/members                    mini-program self-registration (intake role)
- POST /intake/v1/events/{event_id}/signups  mini-program event sign-up (intake role)
- GET  /intake/v1/events                     published events (intake role)

Errors are `ErrorOut` JSON: {"code": ..., "params": {...}, "wipe": bool, "message_zh", "message_en"}
(words: server/words.py). Before any handler, `hardening` checks headers, body size and text and
throttles sign-in (docs/security.md). Request handlers are plain functions run on the server's
thread pool; each uses one transaction. The endpoints live in one router per area
(`xzdesk/server/routes/`); what they share (settings, state, callers, error responses) in
`xzdesk/server/web.py`. A new area adds a router and one line in `ROUTERS`.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import APIRouter, FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from xzdesk.server import auth, h5, observability
from xzdesk.server.credentials import publish_missing
from xzdesk.server.db import ServerDB, WalCheckpointer, ensure_meta, make_engine
from xzdesk.server.hardening import harden
from xzdesk.server.migrate import upgrade
from xzdesk.server.routes import enrolment, erasure, intake, matching, reports, sync
from xzdesk.server.web import ApiError, ServerSettings, ServerState, add_error_handlers, now_utc

__all__ = ["ROUTERS", "ApiError", "ServerSettings", "create_app"]

ROUTERS: tuple[APIRouter, ...] = (
    enrolment.router,  # /health, /sync/v1/enrol, /sync/v1/device
    sync.router,  # /sync/v1/push, /pull, /rejected
    erasure.router,  # /sync/v1/erasures, /erasures/ack
    reports.router,  # /sync/v1/aggregates
    matching.router,  # /sync/v1/matching/fit
    intake.router,  # /intake/v1/...
)


def create_app(db_url: str, *, settings: ServerSettings | None = None) -> FastAPI:
    """Build the app on `db_url`, applying the server's migrations first."""
    settings = settings or ServerSettings()
    engine = make_engine(db_url, background_checkpoints=True)
    upgrade(engine)
    db = ServerDB(engine)
    with db.write() as s:
        meta = ensure_meta(s)
        publish_missing(s, now=now_utc())  # accounts made before laptops learned their passwords by sync
    hasher = auth.password_hasher(time_cost=settings.argon2_time_cost, memory_kib=settings.argon2_memory_kib)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        with WalCheckpointer(db) if db.is_sqlite else contextlib.nullcontext():  # checkpoints off the commits
            yield

    app = FastAPI(
        title="xzdesk server", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
        description="徐州工会红娘 central server: device enrolment, offline-first sync, online intake.",
    )  # fmt: skip
    app.state.server = ServerState(db=db, settings=settings, hasher=hasher, server_id=meta["server_id"])
    app.state.db = db
    app.state.settings = settings
    app.state.hasher = hasher
    if settings.gzip:
        app.add_middleware(GZipMiddleware, minimum_size=4096, compresslevel=1)  # cheap: ~5x on pages
    harden(app, db=db, hasher=hasher, settings=settings.hardening)
    app.add_middleware(observability.RequestLogMiddleware)  # outermost: a request id and one log line each
    app.include_router(observability.router)  # GET /ready
    add_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    h5.install(app)  # the member web app under /m/ (xzdesk/server/h5)
    return app
