"""Backup and restore of the server database (`xzdesk server backup` / `xzdesk server restore`).

PostgreSQL: `pg_dump --format=custom` (one file, compressed; restored with `pg_restore
--clean --if-exists --single-transaction`, so a failed restore changes nothing). The password
travels in the child's environment (PGPASSWORD), never on a command line. A URL whose
`options` set a search_path (one schema of a shared database) dumps and restores that schema.
SQLite: SQLite's online backup API, a consistent copy while the server runs.

A backup is written to `<file>.partial` with owner-only permissions and renamed when complete:
there is never a half-written backup under the final name. Backups hold personal data: keep
them as carefully as the database itself.

Restoring an older copy must not undo what happened since (docs/server.md "Backup and restore"):
- members erased since the backup are erased again (the erasure registry of the database being
  replaced is read first and replayed on the restored copy, when that database still answers);
- the restored server gets a new server id, so every laptop's cursor expires (410): each laptop
  pushes what it has not sent yet, wipes and downloads the restored state again. Without that, a
  laptop whose cursor is past the restored `server_seq` would skip the rows written next.
Errors are XzError codes `server.backup_*`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.engine import URL, make_url

from xzdesk.domain.errors import XzError
from xzdesk.domain.store.ids import new_id

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
TOOL_TIMEOUT_S = 6 * 3600


@dataclass(frozen=True)
class ServerBackupInfo:
    path: Path
    kind: str  # postgresql | sqlite
    size_bytes: int


@dataclass(frozen=True)
class RestoreInfo:
    kind: str
    erasures_replayed: int  # members erased after the backup was made, erased again
    server_id: str  # the restored server's new id


# --- PostgreSQL tools ---------------------------------------------------------------------------
def pg_tool(name: str) -> str:
    """Path of pg_dump / pg_restore: $XZDESK_PG_BIN, else PATH, else the newest Debian-style
    /usr/lib/postgresql/<version>/bin. XzError(server.backup_tool_missing) when none."""
    folder = os.environ.get("XZDESK_PG_BIN")
    candidates = [os.path.join(folder, name)] if folder else []
    found = shutil.which(name)
    if found:
        candidates.append(found)
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0, reverse=True)  # fmt: skip
    candidates.extend(versions)
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise XzError("server.backup_tool_missing", tool=name)


def _search_path(url: URL) -> str | None:
    options = url.query.get("options")
    text = " ".join(options) if isinstance(options, tuple) else (options or "")
    for part in text.split():
        if part.startswith("-csearch_path="):
            return part.split("=", 1)[1].split(",")[0].strip('"') or None
    return None


def pg_env(url: URL) -> dict[str, str]:
    """libpq environment for `url` (password included, so it never shows in a process list)."""
    env = dict(os.environ)
    for key, value in (("PGHOST", url.host), ("PGPORT", url.port), ("PGUSER", url.username),
                       ("PGPASSWORD", url.password), ("PGDATABASE", url.database)):  # fmt: skip
        if value is not None:
            env[key] = str(value)
    for key, var in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        value = url.query.get(key)
        if isinstance(value, str):
            env[var] = value
    return env


def _run(tool: str, args: list[str], env: dict[str, str]) -> None:
    try:
        proc = subprocess.run([pg_tool(tool), *args], env=env, capture_output=True, text=True,
                              timeout=TOOL_TIMEOUT_S, check=False)  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise XzError("server.backup_failed", tool=tool, reason="timeout") from exc
    if proc.returncode != 0:
        lines = [line for line in proc.stderr.strip().splitlines() if line.strip()]
        raise XzError("server.backup_failed", tool=tool, reason=(lines[-1] if lines else "")[:300])


# --- backup -------------------------------------------------------------------------------------
@contextlib.contextmanager
def _partial(out: Path) -> Iterator[Path]:
    """A `.partial` file beside `out`, owner-only, renamed to `out` when the block succeeds."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def backup(db_url: str, out: Path) -> ServerBackupInfo:
    """Write a backup of the server database at `db_url` to `out` (see module docstring)."""
    url = make_url(db_url)
    kind = url.get_backend_name()
    with _partial(out) as tmp:
        if kind == "postgresql":
            args = ["--format=custom", "--no-owner", "--no-privileges", f"--file={tmp}"]
            schema = _search_path(url)
            if schema:
                args.append(f"--schema={schema}")
            _run("pg_dump", args, pg_env(url))
        elif kind == "sqlite":
            _sqlite_copy(_sqlite_path(url), tmp)
        else:
            raise XzError("server.backup_unsupported", kind=kind)
        if detect(tmp) != kind:
            raise XzError("server.backup_failed", tool=kind, reason="the copy is not readable")
    return ServerBackupInfo(out.resolve(), kind, out.stat().st_size)


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise XzError("server.backup_unsupported", kind="sqlite-memory")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    if not source.exists():
        raise XzError("server.backup_not_found")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst, pages=1024)
        if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise XzError("server.backup_failed", tool="sqlite", reason="integrity check")
    finally:
        src.close()
        dst.close()


def detect(path: Path) -> str | None:
    """"postgresql" (pg_dump custom format), "sqlite", or None for anything else."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return None
    if head.startswith(PG_MAGIC):
        return "postgresql"
    if head == SQLITE_MAGIC:
        return "sqlite"
    return None


# --- restore ------------------------------------------------------------------------------------
def restore(db_url: str, source: Path, *, now: datetime | None = None) -> RestoreInfo:
    """Replace the server database at `db_url` with the backup `source` (see module docstring).
    Stop the server first. XzError(server.backup_not_found / backup_unreadable /
    backup_kind_mismatch / backup_failed); a failed restore leaves the database as it was."""
    url = make_url(db_url)
    kind = url.get_backend_name()
    if not source.is_file():
        raise XzError("server.backup_not_found")
    found = detect(source)
    if found is None:
        raise XzError("server.backup_unreadable")
    if found != kind:
        raise XzError("server.backup_kind_mismatch", backup=found, database=kind)
    carried = _erased_now(db_url)
    if kind == "postgresql":
        _run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                            f"--dbname={url.database}", str(source)], pg_env(url))  # fmt: skip
    else:
        _sqlite_restore(source, _sqlite_path(url))
    replayed, server_id = _after_restore(db_url, carried, now or datetime.now(UTC))
    return RestoreInfo(kind, replayed, server_id)


def _sqlite_restore(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise XzError("server.backup_unreadable")
        target.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(target)
        try:
            with dst:
                src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    finally:
        src.close()


def _erased_now(db_url: str) -> list[tuple[str, datetime]]:
    """The erasure registry of the database about to be replaced, when it answers (a lost
    database has nothing to carry)."""
    from xzdesk.server.db import make_engine
    from xzdesk.server.models import Erasure

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("erasure"):
                return []
            return [(m, at) for m, at in conn.execute(select(Erasure.member_id, Erasure.erased_at))]
    except Exception:  # unreachable, damaged or empty: nothing to carry over
        return []
    finally:
        engine.dispose()


def _after_restore(db_url: str, carried: list[tuple[str, datetime]], now: datetime) -> tuple[int, str]:
    """On the restored copy, in one transaction after migrating it to head: erase again the
    members erased since the backup, and give the server a new id (every cursor expires)."""
    from xzdesk.server.db import ServerDB, ensure_meta, make_engine, meta_set
    from xzdesk.server.erasure import erase_member
    from xzdesk.server.migrate import upgrade
    from xzdesk.server.models import Erasure

    engine = make_engine(db_url)
    try:
        upgrade(engine)
        db = ServerDB(engine)
        replayed = 0
        server_id = new_id()
        with db.write() as s:
            ensure_meta(s)
            known = set(s.execute(select(Erasure.member_id)).scalars())
            for member_id, _at in carried:
                if member_id not in known:
                    erase_member(s, member_id, now=now, requested_by=None)
                    replayed += 1
            meta_set(s, "server_id", server_id)
        db.after_erasure()
        return replayed, server_id
    finally:
        engine.dispose()
