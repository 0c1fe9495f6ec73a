"""Alembic migrations: the machinery shared by the laptop's database and the server's, and the
laptop's upgrade on open.

Each database keeps its revisions in a `migrations/` folder beside the code that owns its
tables (`xzdesk/domain/store/migrations` for the laptop, `xzdesk/server/migrations` for the
server). Their env.py files only call `run_env(context)`: the connection, the tables to compare
against (autogenerate only) and a progress hook come in through the Alembic config's
attributes, so this module never imports the tables it migrates. The laptop's tables are
registered by `xzdesk.domain.models`, the server's by `xzdesk.server.models`; each also runs its
developer tool (`python -m xzdesk.domain.models "events: x" --head events@head`,
`python -m xzdesk.server.migrate "message"`).

The laptop (`upgrade`): every area adds its tables in its own revisions (its own branch from
0001_initial) and the store upgrades to all heads. When an existing database is behind, the
file is first checkpointed and copied into backups/ (files.backup_file), then upgraded in one
transaction: a failed or cancelled upgrade leaves the file as it was.

Alembic itself is imported inside the functions that use it: it costs a noticeable part of
start-up, and a database already at this version's heads (the fingerprint matches) needs none
of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, MetaData, text
from sqlalchemy.exc import OperationalError

from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.store.base import UtcDateTime
from xzdesk.domain.store.files import backup_file

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext

MIGRATIONS = Path(__file__).resolve().parent / "migrations"  # the laptop's revisions
FINGERPRINT_KEY = "schema_fingerprint"


# --- shared by the laptop and the server ---------------------------------------------------------
def alembic_config(location: Path = MIGRATIONS, **attributes: Any) -> Config:
    """An Alembic config on the revisions in `location`; `attributes` reach env.py
    (`connection`, `target_metadata`, `on_version_apply`)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(location))
    cfg.attributes.update(attributes)
    return cfg


def current_heads(engine: Engine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def target_heads(location: Path = MIGRATIONS) -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config(location)).get_heads())


def known_revisions(location: Path = MIGRATIONS) -> set[str]:
    """Every revision shipped in `location` (a database at another one is from a newer xzdesk)."""
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config(location)).walk_revisions()}


def apply(engine: Engine, location: Path, *, on_apply: Callable[..., None] | None = None) -> None:
    """Upgrade to every head in one transaction; `on_apply` is called after each revision."""
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(location, connection=conn, on_version_apply=on_apply), "heads")


def upgrade_to_heads(engine: Engine, location: Path) -> bool:
    """Bring a schema to every head of `location`. Returns True when something ran."""
    if current_heads(engine) == target_heads(location):
        return False
    apply(engine, location)
    return True


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Revisions spell column types in plain SQLAlchemy (UTC datetimes are stored naive)."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


def run_env(context: EnvironmentContext) -> None:
    """The body of every migrations/env.py: run on the connection handed in through the config."""
    attributes = context.config.attributes
    connection = attributes.get("connection")
    if connection is None:  # pragma: no cover - only through this module
        raise RuntimeError("xzdesk migrations run through xzdesk.domain.store.migrate")
    context.configure(
        connection=connection,
        target_metadata=attributes.get("target_metadata"),
        render_as_batch=True,
        render_item=render_item,
        on_version_apply=attributes.get("on_version_apply"),
    )
    with context.begin_transaction():
        context.run_migrations()


def autogenerate(location: Path, metadata: MetaData, message: str, *, head: str = "heads",
                 branch_label: str | None = None) -> None:  # fmt: skip
    """Developer tool: write a new revision into `location` from the difference between
    `metadata` and the schema its revisions build. Review the output: operations on other
    areas' tables must be removed."""
    import tempfile

    from alembic import command
    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/autogen.db")
        apply(engine, location)
        with engine.begin() as conn:
            cfg = alembic_config(location, connection=conn, target_metadata=metadata)
            command.revision(cfg, message=message, autogenerate=True, head=head, branch_label=branch_label,
                             splice=branch_label is not None)  # fmt: skip
        engine.dispose()


# --- the laptop's database -------------------------------------------------------------------------
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
    """Bring the laptop's schema to every head. Returns True when something was applied."""
    shipped = fingerprint()
    if _recorded_fingerprint(engine) == shipped:
        return False  # up to date: Alembic is not even imported (a command opens in a blink)
    current = current_heads(engine)
    if current == target_heads():
        _record_fingerprint(engine, shipped)
        return False
    cancel.check()
    if current:
        backup_file(path, engine, label="pre-migration")
    total = max(1, len(known_revisions()))
    done = [0]

    def on_apply(**_: object) -> None:
        done[0] += 1
        progress(min(1.0, done[0] / total), "store.migrating")
        cancel.check()

    apply(engine, MIGRATIONS, on_apply=on_apply)
    _record_fingerprint(engine, shipped)
    progress(1.0, "store.migrated")
    return True
