"""All routers of the member web app, in one router mounted under /m."""

from __future__ import annotations

from fastapi import APIRouter

from xzdesk.server.h5 import (
    auth_routes,
    chat_routes,
    event_routes,
    home_routes,
    match_routes,
    me_routes,
    register_routes,
)

router = APIRouter()
for part in (home_routes.router, auth_routes.router, me_routes.router, register_routes.router, event_routes.router,
             match_routes.router, chat_routes.router):
    router.include_router(part)
