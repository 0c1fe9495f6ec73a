"""The serving process: SQLite's WAL checkpoints run on a background thread, not inside a
request's commit, and what the server loaded at start is kept out of later garbage collections."""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

import pytest

from xzdesk import collector
from xzdesk.server.db import ServerDB, WalCheckpointer, make_engine
from xzdesk.server.migrate import upgrade
from xzdesk.server.models import ServerMeta
from xzdesk.server.runner import ServerThread

ROWS, TRANSACTIONS = 3_000, 30  # about 3,000 pages of 4 KiB in the WAL: past SQLite's 1,000-page mark


def _database(path: Path, *, background: bool) -> ServerDB:
    engine = make_engine(f"sqlite:///{path}", background_checkpoints=background)
    upgrade(engine)
    return ServerDB(engine)


def _write_pages(db: ServerDB) -> None:
    per = ROWS // TRANSACTIONS
    for t in range(TRANSACTIONS):
        with db.write() as s:
            s.add_all(ServerMeta(key=f"filler-{t}-{i}", value=f"{t}{i}".ljust(3_000, "x")) for i in range(per))


def _db_file_mib(path: Path) -> float:
    return path.stat().st_size / 2**20


@pytest.mark.parametrize("background", [False, True])
def test_commits_leave_the_checkpoints_to_the_thread(tmp_path: Path, background: bool) -> None:
    path = tmp_path / "server.db"
    db = _database(path, background=background)
    try:
        before = _db_file_mib(path)
        _write_pages(db)
        written = _db_file_mib(path) - before  # what commits copied into the database file
        if not background:  # SQLite's own checkpoints, inside the commits that crossed its mark
            assert written > 5
            return
        assert written < 1  # every page is still in the WAL: no commit checkpointed
        assert (tmp_path / "server.db-wal").stat().st_size > 2_000 * 4096
        with WalCheckpointer(db, every_s=0.05) as checkpointer:
            deadline = time.monotonic() + 30
            while _db_file_mib(path) - before < 8 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _db_file_mib(path) - before >= 8  # the thread copied the pages back
            assert checkpointer.checkpoints >= 1
            runs = checkpointer.checkpoints
            time.sleep(0.3)
            assert checkpointer.checkpoints == runs  # nothing written since: nothing to do
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 10_000
        with db.read() as s:
            assert s.query(ServerMeta).filter(ServerMeta.key.like("filler-%")).count() == ROWS
    finally:
        db.dispose()


def _checkpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "xzdesk-wal-checkpoint"]


def test_a_serving_app_checkpoints_in_the_background_until_it_stops(tmp_path: Path) -> None:
    assert not _checkpoint_threads()
    with ServerThread(f"sqlite:///{tmp_path / 'server.db'}", max_lifetime_s=60) as srv:
        assert len(_checkpoint_threads()) == 1
        with srv.app.state.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 10_000
    assert not _checkpoint_threads()


def test_the_server_collects_again_with_what_it_loaded_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """runner.serve (what `xzdesk server` runs): collection is paused while the app is built, and
    what it built is frozen out of later collections before the server answers."""
    from xzdesk.server import runner

    enabled = gc.isenabled()
    gc.enable()
    monkeypatch.setattr(collector, "_froze", False)  # as in a new process
    seen: dict[str, object] = {}
    build = runner.create_app

    def watched_build(*args: object, **kwargs: object) -> object:
        seen["while_loading"] = gc.isenabled()
        return build(*args, **kwargs)  # type: ignore[arg-type]

    def started() -> None:
        seen["serving"] = gc.isenabled()
        seen["frozen"] = gc.get_freeze_count()

    monkeypatch.setattr(runner, "create_app", watched_build)
    try:
        runner.serve(f"sqlite:///{tmp_path / 'server.db'}", host="127.0.0.1", port=runner.free_port(),
                     on_started=started, max_lifetime_s=1)  # fmt: skip
        assert seen["while_loading"] is False
        assert seen["serving"] is True and int(seen["frozen"]) > 10_000  # type: ignore[call-overload]
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        (gc.enable if enabled else gc.disable)()
