"""Alembic migrations of the server database (apart from the laptop's), applied at start.

The machinery is the laptop's (xzdesk.domain.store.migrate); only the revisions differ.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from xzdesk.domain.store import migrate

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def upgrade(engine: Engine) -> bool:
    """Bring the server schema to head in one transaction. Returns True when something ran."""
    return migrate.upgrade_to_heads(engine, MIGRATIONS)


if __name__ == "__main__":  # pragma: no cover - developer tool
    import sys

    from xzdesk.server.models import ServerBase

    # `python -m xzdesk.server.migrate "message"`: a new revision from the difference between
    # xzdesk/server/models.py and the migrated schema. Review its output.
    migrate.autogenerate(MIGRATIONS, ServerBase.metadata, " ".join(sys.argv[1:]) or "server change")
