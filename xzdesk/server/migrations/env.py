"""Alembic environment of the server database: runs on the connection handed in by
xzdesk.server.migrate."""

from __future__ import annotations

from alembic import context

from xzdesk.domain.store.base import UtcDateTime
from xzdesk.server.models import ServerBase

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover
    raise RuntimeError("server migrations run through xzdesk.server.migrate")


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


context.configure(
    connection=connection,
    target_metadata=ServerBase.metadata,
    render_as_batch=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
