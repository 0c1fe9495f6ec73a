"""Alembic migrations of the local database, applied on open.

Every area adds its tables in its own revisions under migrations/versions; the store upgrades
to all heads. When an existing database is behind, the file is first checkpointed and copied
into backups/ (engine.backup_file), then upgraded in one transaction: a failed or cancelled
upgrade leaves the file as it was.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

import xzdesk.domain.models  # noqa: F401  (registers every table on Base.metadata)
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
FINGERPRINT_KEY = "schema_fingerprint"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_heads(engine: Engine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def target_heads() -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def fingerprint() -> str:
    """A digest of the shipped migration scripts (names and sizes): equal to the one recorded
    in a database means that database is at this version's heads, without loading Alembic
    (which costs a noticeable part of start-up)."""
    digest = hashlib.sha256()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        digest.update(f"{path.name}:{path.stat().st_size};".encode())
    return digest.hexdigest()


def _recorded_fingerprint(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT value FROM local_meta WHERE key = :k"), {"k": FINGERPRINT_KEY}).scalar()
    except OperationalError:  # a new file: no tables yet
        return None


def _record_fingerprint(engine: Engine, value: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT OR REPLACE INTO local_meta (key, value) VALUES (:k, :v)"),
                     {"k": FINGERPRINT_KEY, "v": value})  # fmt: skip


def upgrade(
    engine: Engine,
    *,
    path: Path,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> bool:
    """Bring the schema to every head. Returns True when something was applied."""
    shipped = fingerprint()
    if _recorded_fingerprint(engine) == shipped:
        return False  # at this version's heads: Alembic is not even imported
    from alembic import command
    from alembic.script import ScriptDirectory

    from xzdesk.domain.store.engine import backup_file

    current = current_heads(engine)
    targets = target_heads()
    if current == targets:
        _record_fingerprint(engine, shipped)
        return False
    cancel.check()
    if current:
        backup_file(path, engine, label="pre-migration")
    script = ScriptDirectory.from_config(alembic_config())
    total = max(1, sum(1 for _ in script.walk_revisions()))
    done = [0]

    def on_apply(**_: object) -> None:
        done[0] += 1
        progress(min(1.0, done[0] / total), "store.migrating")
        cancel.check()

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        cfg.attributes["on_version_apply"] = on_apply
        command.upgrade(cfg, "heads")
    _record_fingerprint(engine, shipped)
    progress(1.0, "store.migrated")
    return True


def autogenerate(message: str, *, head: str = "heads", branch_label: str | None = None) -> None:
    """Developer tool: write a new revision from the difference between the models and the
    migrated schema. Each area has its own branch from 0001_initial:
    `python -m xzdesk.domain.store.migrate "events: x" --head events@head` continues a branch;
    `--head 0001_initial --branch-label NEW` starts one. Review the output: operations on other
    areas' tables must be removed."""
    import tempfile

    from alembic import command
    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/autogen.db")
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True, head=head, branch_label=branch_label,
                             splice=branch_label is not None)  # fmt: skip
        engine.dispose()


if __name__ == "__main__":  # pragma: no cover - developer tool
    import argparse

    parser = argparse.ArgumentParser(description=autogenerate.__doc__)
    parser.add_argument("message")
    parser.add_argument("--head", default="heads")
    parser.add_argument("--branch-label")
    args = parser.parse_args()
    autogenerate(args.message, head=args.head, branch_label=args.branch_label)
