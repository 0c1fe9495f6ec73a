"""Alembic environment of the server's database (see xzdesk.server.migrate)."""

from alembic import context

from xzdesk.domain.store.migrate import run_env

run_env(context)
