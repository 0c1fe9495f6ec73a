"""Alembic migrations of the server database (apart from the laptop's), applied at start."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine) -> bool:
    """Bring the server schema to head in one transaction. Returns True when something ran."""
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    if current == set(ScriptDirectory.from_config(alembic_config()).get_heads()):
        return False
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    return True


def autogenerate(message: str) -> None:
    """Developer tool: `python -m xzdesk.server.migrate "message"` writes a new revision from the
    difference between xzdesk/server/models.py and the migrated schema. Review its output."""
    import tempfile

    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/autogen.db")
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":  # pragma: no cover - developer tool
    import sys

    autogenerate(" ".join(sys.argv[1:]) or "server change")
