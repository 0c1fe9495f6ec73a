"""All routers of the member web app, in one router mounted under /m."""

from __future__ import annotations

from fastapi import APIRouter

from xzdesk.server.h5 import auth_routes, event_routes, home_routes, me_routes, register_routes

router = APIRouter()
for part in (home_routes.router, auth_routes.router, me_routes.router, register_routes.router, event_routes.router):
    router.include_router(part)
