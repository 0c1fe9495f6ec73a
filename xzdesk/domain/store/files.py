"""The database file on disk: folding the WAL in, copies in backups/, wiping.

Contracts: the functions take the path of the database file and, where it is open, its engine;
they work on the file system only (no session, no transaction of the caller's).
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from xzdesk.domain.store import keys as keymod

KEEP_BACKUPS = 5


def checkpoint(engine: Engine) -> None:
    """Fold the WAL into the main file and truncate it (after erasure, before a backup)."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").all()


def backup_file(path: Path, engine: Engine, *, label: str) -> Path:
    """Copy the (checkpointed, still encrypted) database into backups/; keep the newest few."""
    checkpoint(engine)
    folder = path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"{path.stem}-{stamp}-{label}{path.suffix}"
    shutil.copy2(path, target)
    info = keymod.key_info_path(path)
    if info.exists():
        shutil.copy2(info, target.with_name(target.name + ".keyinfo.json"))
    olds = sorted(folder.glob(f"{path.stem}-*{path.suffix}"))
    for old in olds[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
        old.with_name(old.name + ".keyinfo.json").unlink(missing_ok=True)
    return target


def wipe(path: Path) -> None:
    """Delete a database file, its WAL/SHM, its key and its backups (device revoked)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    keymod.forget_key(path)
    folder = path.parent / "backups"
    for old in folder.glob(f"{path.stem}-*"):
        old.unlink(missing_ok=True)
