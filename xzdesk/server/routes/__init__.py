"""The server's endpoints, one router per area; `xzdesk.server.app.create_app` includes them.

A new area adds a module here with `router = APIRouter(...)` and one line in `ROUTERS`.
"""
