"""The member web app (H5) under /m/ on the central server: members sign in with their mobile
number and an SMS code, register with their real names, sign up for events, show an e-ticket,
tick a 心动卡, see suggestions and chat with their mutual matches, and manage their own data.

Server-rendered (Jinja2) with progressive enhancement: every page works without JavaScript;
one small stylesheet and one small script ship in this package (no CDN, no remote resource).
The rules come from xzdesk/domain (validation, masking, consents, notices, tokens); the records
are the same ones the laptops sync. See docs/member-app.md.

    from xzdesk.server import h5
    h5.install(app)          # in create_app: routes, static files, the app's context
"""

from __future__ import annotations

import inspect

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from xzdesk.server.db import ServerDB
from xzdesk.server.h5 import security
from xzdesk.server.h5.settings import H5Settings
from xzdesk.server.h5.sms import SmsGateway, gateway_from_env
from xzdesk.server.h5.web import H5, HERE, PREFIX, PageError, error_page, make_templates
from xzdesk.server.models import ServerMeta


def install(app: FastAPI, *, settings: H5Settings | None = None, gateway: SmsGateway | None = None) -> H5:
    """Mount the member web app on `app` (whose `state.db` is the server database)."""
    from xzdesk.server.erasure import on_erasure
    from xzdesk.server.h5 import routes  # the routers import this package's modules
    from xzdesk.server.h5.chat import purge_member

    on_erasure(purge_member)

    db: ServerDB = app.state.db
    with db.write() as s:
        secret = security.ensure_secret(s)
        blind = s.get(ServerMeta, "blind_index_key")
        assert blind is not None
        blind_key = bytes.fromhex(blind.value)
    h5 = H5(db=db, settings=settings or H5Settings(), gateway=gateway or gateway_from_env(), secret=secret,
            blind_key=blind_key, templates=make_templates())  # fmt: skip
    app.state.h5 = h5
    app.include_router(routes.router, prefix=PREFIX, include_in_schema=False)
    app.mount(PREFIX + "/static", StaticFiles(directory=str(HERE / "static")), name="h5-static")

    @app.get(PREFIX, include_in_schema=False)
    def _bare() -> Response:
        return RedirectResponse(PREFIX + "/", status_code=308)

    @app.exception_handler(PageError)
    def _page_error(request: Request, exc: PageError) -> Response:
        return error_page(request, exc)

    previous = app.exception_handlers.get(StarletteHTTPException, http_exception_handler)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """A page of the member app that does not exist (or a wrong method) is a Chinese page;
        the rest of the server keeps the answer it had (the server's JSON refusal with words)."""
        if request.url.path.startswith(PREFIX + "/") and exc.status_code in (404, 405):
            return await run_in_threadpool(error_page, request, PageError(exc.status_code, "h5.not_found"))
        answer = previous(request, exc)
        return await answer if inspect.isawaitable(answer) else answer

    return h5


__all__ = ["H5", "H5Settings", "install"]
