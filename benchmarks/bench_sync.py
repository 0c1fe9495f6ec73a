"""Sync benchmarks over loopback: the server runs as its own process (`xzdesk server`), the
laptop is a real SQLCipher database driven by the real SyncEngine.

- sync.first_pull_100k: a freshly enrolled laptop pulls 100k members with their consents,
  verification facts and notes (seeded synthetic data); target 1.5x the limit measured in the
  same run on the same server database (sync_limit.py: loopback HTTP pages, json.loads,
  executemany into SQLCipher with the real schema); also reported: the time to download the same
  pages without applying them (the transfer share of the figure).
- sync.push_pull_100_edits: one laptop edits 100 case files, pushes; another pulls them.
  Baseline in the same run: the same work pushed one mutation per request (batch size 1).
- sync.push_1000_checkins: a venue laptop (event staff, enrolled for one event) pushes 1,000
  check-in scans (CHECKIN: scan id key, duplicate lookup by event + check-in key) in one sync.
  Baseline: one per request.

The laptops run in this process, which starts as the window's process does (cli.main, run_gui):
the garbage collector paused while the modules load, then what they made frozen out of later
collections (xzdesk.collector). Without that a full collection walked about 200k objects of
modules and classes, 75 ms inside whichever sync it fell in. bench_peers imports this module
first, so its laptops start the same way. The server is `xzdesk server`, which does the same.

XZDESK_BENCH_SCALE scales the sizes (0.01 for a smoke run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "xzdesk.domain.store.keys.MemoryKeyring")

from xzdesk import collector  # noqa: E402

_collecting = collector.pause()  # as the window's process starts (see the module docstring)

import httpx  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from benchmarks._common import report, scale  # noqa: E402
from benchmarks.sync_limit import limit_first_pull  # noqa: E402
from xzdesk.domain.checkin.models import CheckinScan  # noqa: E402
from xzdesk.domain.members.models import Consent, Member, Note, Verification  # noqa: E402
from xzdesk.domain.members.seed import seed_members  # noqa: E402
from xzdesk.domain.members.service import update_member  # noqa: E402
from xzdesk.domain.staff.codes import Role  # noqa: E402
from xzdesk.domain.store.base import to_jsonable  # noqa: E402
from xzdesk.domain.store.engine import Store  # noqa: E402
from xzdesk.domain.store.ids import new_id  # noqa: E402
from xzdesk.domain.uow import ActorInfo, unit_of_work  # noqa: E402
from xzdesk.server import admin, auth  # noqa: E402
from xzdesk.server.db import ServerDB, ensure_meta, make_engine, next_seq  # noqa: E402
from xzdesk.server.migrate import upgrade  # noqa: E402
from xzdesk.server.models import Record  # noqa: E402
from xzdesk.server.push import canonical  # noqa: E402
from xzdesk.server.runner import free_port  # noqa: E402
from xzdesk.sync.client import ServerClient  # noqa: E402
from xzdesk.sync.engine import M_URL, SyncEngine  # noqa: E402
from xzdesk.sync.registry import entity_spec  # noqa: E402

collector.resume(_collecting)

PASSWORD = "bench-password-1"
EVENT_ID = "01a00000-0000-7000-8000-00000000be01"
TABLES = ((Member, "member"), (Consent, "consent"), (Verification, "verification"), (Note, "note"))


class ServerProcess:
    """`xzdesk server` in a child process on 127.0.0.1 (stopped at exit)."""

    def __init__(self, db_url: str, home: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "XZDESK_HOME": str(home), "XZDESK_LOG_LEVEL": "WARNING"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "xzdesk", "server", "--db", db_url, "--port", str(self.port)],
            cwd=HERE.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def server_db(folder: Path) -> tuple[str, ServerDB]:
    url = f"sqlite:///{folder / 'server.db'}"
    engine = make_engine(url)
    upgrade(engine)
    db = ServerDB(engine)
    with db.write() as s:
        ensure_meta(s)
        admin.add_user(s, hasher=auth.password_hasher(), username="city", password=PASSWORD, role="matchmaker",
                       district_code=None, now=datetime.now(UTC))  # fmt: skip
    return url, db


def load_members(db: ServerDB, folder: Path, count: int) -> int:
    """Seed `count` synthetic members on a scratch laptop and copy every row into the server's
    record table (as if pushed), in transactions of 2,000 rows. Returns rows written."""
    scratch = Store.open(folder / "scratch.db")
    with unit_of_work(scratch, ActorInfo(new_id(), Role.MATCHMAKER)) as uow:
        seed_members(uow, count=count, seed=7)
    # (the seeded lookup indexes use the scratch laptop's key: irrelevant for transfer timing)
    written = 0
    now = datetime.now(UTC)
    with scratch.read() as rs:
        member_district = dict(rs.execute(select(Member.id, Member.district_code)).all())
        for model, name in TABLES:
            spec = entity_spec(name)
            assert spec is not None
            cols = [model.__table__.c[c] for c in spec.columns]  # type: ignore[attr-defined]
            batch: list[dict[str, object]] = []
            for row in rs.execute(select(*cols)).all():
                values = {c.name: to_jsonable(v) for c, v in zip(cols, row, strict=True)}
                member_id = values["id"] if name == "member" else values["member_id"]
                batch.append({"entity": name, "id": values["id"], "member_id": member_id,
                              "district": member_district[member_id], "fields": canonical(values)})  # fmt: skip
                if len(batch) == 2000:
                    written += _flush(db, batch, now)
            written += _flush(db, batch, now)
    scratch.close()
    return written


def _flush(db: ServerDB, batch: list[dict[str, object]], now: datetime) -> int:
    if not batch:
        return 0
    with db.write() as s:
        seq = next_seq(s)
        s.execute(insert(Record), [{**b, "version": 1, "server_seq": seq, "deleted": False, "created_at": now,
                                    "updated_at": now} for b in batch])  # fmt: skip
    n = len(batch)
    batch.clear()
    return n


def laptop(
    folder: Path, name: str, url: str, *, batch_size: int = 200, user: str = "city", events: tuple[str, ...] = ()
) -> tuple[Store, SyncEngine, ActorInfo]:
    store = Store.open(folder / f"{name}.db")
    engine = SyncEngine(store, batch_size=batch_size)
    info = engine.enrol(url, user, PASSWORD, label=name, events=events)
    return store, engine, ActorInfo(info.staff_id, Role(info.role), info.district_code, info.display_name)


def add_event(db: ServerDB) -> None:
    """One open event of the 鼓楼区 office, as if pushed by it (the venue laptops enrol for it)."""
    now = datetime.now(UTC)
    values = {name: None for name in entity_spec("event").columns}  # type: ignore[union-attr]
    values.update(
        id=EVENT_ID, code="BENCH1", name="基准联谊会", kind="mixer", event_date="2027-05-01", start_time="14:00",
        venue="云龙湖", capacity=1000, age_bands=[], sectors=[], districts=[], marital=[], verified_only=False,
        district_code="320302", status="open", token_key="ab" * 16, created_at=now.isoformat(),
        updated_at=now.isoformat(),
    )  # fmt: skip
    with db.write() as s:
        admin.add_user(s, hasher=auth.password_hasher(), username="venue", password=PASSWORD, role="event_staff",
                       district_code=None, now=now)  # fmt: skip
        s.add(Record(entity="event", id=EVENT_ID, district="320302", event_id=EVENT_ID, version=1,
                     server_seq=next_seq(s), deleted=False, fields=canonical(values), created_at=now, updated_at=now))  # fmt: skip


def transfer_only(store: Store, url: str) -> tuple[float, int]:
    """Download every page without applying it (the network + server share of a first pull)."""
    meta = store.meta()
    token = SyncEngine(store)._token(meta)
    t0 = time.perf_counter()
    cursor, pages = None, 0
    with ServerClient(meta[M_URL], token) as client:
        while True:
            page = client.pull(cursor)
            pages += 1
            cursor = page.cursor
            if not page.has_more:
                break
    return (time.perf_counter() - t0) * 1000, pages


def bench_first_pull(folder: Path) -> None:
    members = scale(100_000)
    url, db = server_db(folder)
    rows = load_members(db, folder, members)
    db.dispose()
    server = ServerProcess(url, folder / "home")
    try:
        store, engine, _ = laptop(folder, "fresh", server.url)
        transfer_ms, pages = transfer_only(store, server.url)
        t0 = time.perf_counter()
        result = engine.sync_once()
        elapsed = (time.perf_counter() - t0) * 1000
        assert result.error is None, result.error
        with store.read() as s:
            local = len(s.execute(select(Member.id)).all())
        assert local == members
        size = (folder / "fresh.db").stat().st_size
        store.close()
        limit_ms, limit_rows, _ = limit_first_pull(folder / "server.db")
        report("sync.first_pull_100k", n=members, value_ms=elapsed, target_ms=round(1.5 * limit_ms, 1),
               baseline_ms=limit_ms, baseline="the limit: loopback pages, json.loads, executemany (sync_limit.py)",
               what="members with their consents, verifications, notes", rows=rows, limit_rows=limit_rows,
               pages=result.pages, transfer_only_ms=round(transfer_ms, 1), transfer_pages=pages,
               laptop_db_mb=round(size / 2**20, 1))  # fmt: skip
    finally:
        server.stop()


def _edit_round(a: tuple[Store, SyncEngine, ActorInfo], b: tuple[Store, SyncEngine, ActorInfo], ids: list[str],
                round_no: int) -> float:  # fmt: skip
    store_a, engine_a, actor = a
    with unit_of_work(store_a, actor) as uow:
        for i, member_id in enumerate(ids):
            update_member(uow, member_id=member_id, changes={"union_no": f"{round_no:03d}{i:05d}"})
    t0 = time.perf_counter()
    assert engine_a.sync_once().error is None
    result = b[1].sync_once()
    elapsed = (time.perf_counter() - t0) * 1000
    assert result.error is None and result.pulled >= len(ids)
    return elapsed


def bench_edits_and_appends(folder: Path) -> None:
    edits, appends, base_members = scale(100), scale(1000), scale(2000)
    url, db = server_db(folder)
    load_members(db, folder, base_members)
    add_event(db)
    db.dispose()
    server = ServerProcess(url, folder / "home")
    try:
        a, b = laptop(folder, "a", server.url), laptop(folder, "b", server.url)
        naive = laptop(folder, "naive", server.url, batch_size=1)
        for lap in (a, b, naive):
            assert lap[1].sync_once().error is None
        with a[0].read() as s:
            ids = list(s.execute(select(Member.id).order_by(Member.id).limit(edits)).scalars())
        samples = [_edit_round(a, b, ids, r) for r in range(7)]
        baseline = _edit_round(naive, b, ids, 99)
        report("sync.push_pull_100_edits", n=edits, samples_ms=samples, target_ms=1000, baseline_ms=baseline,
               outbox_rows=edits * 2, baseline="one mutation per request")  # fmt: skip
        timings = {}
        for label, batch in (("batched", 200), ("naive", 1)):
            store, engine, actor = laptop(folder, f"venue-{label}", server.url, batch_size=batch, user="venue",
                                          events=(EVENT_ID,))  # fmt: skip
            assert engine.sync_once().error is None
            with unit_of_work(store, actor) as uow:
                for i in range(appends):
                    uow.session.add(CheckinScan(
                        event_id=EVENT_ID, office_district="320302", device_id=store.device_id,
                        staff_id=actor.staff_id, scanned_at=uow.now, method="scanner", token=f"TOKEN{i:06d}",
                        verdict="checked_in", registration_id=new_id(), checkin_key=f"{label}-{i:06d}",
                    ))  # fmt: skip
            t0 = time.perf_counter()
            result = engine.sync_once()
            timings[label] = (time.perf_counter() - t0) * 1000
            assert result.error is None and result.acked == appends, result
            store.close()
        report("sync.push_1000_checkins", n=appends, value_ms=timings["batched"], baseline_ms=timings["naive"],
               entity="checkin_scan", baseline="one mutation per request")  # fmt: skip
        for lap in (a, b, naive):
            lap[0].close()
    finally:
        server.stop()


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="xzdesk-bench-sync-"))
    try:
        (root / "pull").mkdir()
        (root / "edits").mkdir()
        bench_edits_and_appends(root / "edits")
        bench_first_pull(root / "pull")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
