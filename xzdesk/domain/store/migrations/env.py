"""Alembic environment of the laptop's database (see xzdesk.domain.store.migrate)."""

from alembic import context

from xzdesk.domain.store.migrate import run_env

run_env(context)
