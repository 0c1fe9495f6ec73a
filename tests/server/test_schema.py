"""The server's schema: its revisions (run through the machinery it shares with the laptop) build
exactly the tables of xzdesk/server/models.py, and a second start applies nothing."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from xzdesk.domain.store import migrate as shared
from xzdesk.server.db import make_engine
from xzdesk.server.migrate import MIGRATIONS, upgrade
from xzdesk.server.models import ServerBase


def test_server_revisions_build_the_models_and_run_once(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        assert upgrade(engine) is True
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), ServerBase.metadata)
            version = set(conn.execute(text("select version_num from alembic_version")).scalars())
        assert diff == [], f"server models and revisions differ: {diff}"
        assert version == shared.target_heads(MIGRATIONS) and version != shared.target_heads()
        assert upgrade(engine) is False
    finally:
        engine.dispose()
