"""Alembic environment: run on the connection handed in by xzdesk.domain.store.migrate."""

from __future__ import annotations

from alembic import context

import xzdesk.domain.models  # noqa: F401
from xzdesk.domain.store.base import Base, UtcDateTime

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through migrate.upgrade or the test helper
    raise RuntimeError("xzdesk migrations run through xzdesk.domain.store.migrate")



def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Migrations spell column types in plain SQLAlchemy (UTC datetimes are stored naive)."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    render_item=render_item,
    on_version_apply=config.attributes.get("on_version_apply"),
)
with context.begin_transaction():
    context.run_migrations()
