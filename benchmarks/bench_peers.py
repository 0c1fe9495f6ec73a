"""The PouchDB peers, side by side with our sync in one run (`make bench-peers`, issue 15).

PouchDB (pinned in benchmarks/peers/package-lock.json, installed by `npm ci`) runs in Node
processes driven by benchmarks/peers/peer.js: express-pouchdb serving a leveldb database on
127.0.0.1, and clients replicating into their own leveldb databases on disk. Our side is
`xzdesk server` in a child process and real SQLCipher laptops driven by the SyncEngine, through
bench_sync's own helpers. Both servers hold the same member rows: the server database's records,
and the same JSON documents with `_id` = the member id for PouchDB.

- peers.first_pull_member_rows: a freshly enrolled laptop's first pull of N member rows (members
  only: no consents, verifications or notes), against PouchDB replicating the same N documents into
  a new local database. Target: ours at least 2x faster (ok = ratio >= 2, p95 against p95).
  Ours and PouchDB's alternate when a pull is short, so both see the same load.
- peers.push_pull_100_edits: one laptop edits 100 case files and syncs; another syncs and has them
  (bench_sync's `_edit_round`; the clock runs from A's sync start to B's sync end), >= 7 rounds,
  against PouchDB: client A edits the same 100 documents, replicates to the server, client B
  replicates from it (continuous=false; from A's push start to B's pull end). Both sides' laptops
  have synced once, and both sides then run WARMUP_ROUNDS untimed edit rounds: each server's first
  writes after its start (our statement caches, V8's compiled code) are not a round's figure, as a
  server that has run for a while would not pay them. Target: our p95 <= PouchDB's p95. Also
  printed: the same rounds timed around the whole round (the local edits included), our push and
  pull separately, and the first sync of each laptop.

Without benchmarks/peers/node_modules (`make bench` on a machine where `make bench-peers` never
ran) one line says so and nothing runs. XZDESK_BENCH_SCALE scales N (0.01 for a smoke run).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "xzdesk.domain.store.keys.MemoryKeyring")

from sqlalchemy import func, select  # noqa: E402

from benchmarks import bench_sync  # noqa: E402
from benchmarks._common import percentile, report, scale  # noqa: E402
from benchmarks.bench_sync import ServerProcess, laptop, load_members, server_db  # noqa: E402
from xzdesk.domain.members.models import Member  # noqa: E402
from xzdesk.server.db import ServerDB  # noqa: E402
from xzdesk.server.models import Record  # noqa: E402

PEERS = HERE / "peers"
PEER_JS = PEERS / "peer.js"
NODE_TIMEOUT_S = 1800
EDIT_ROUNDS = 7
WARMUP_ROUNDS = 1  # untimed edit rounds first, on both sides (see the module docstring)
EDITS = 100
SHORT_PULL_ROWS = 20_000  # below this many rows a first pull is short enough to repeat


def peers_installed() -> bool:
    return (PEERS / "node_modules" / "pouchdb").is_dir() and (
        PEERS / "node_modules" / "express-pouchdb"
    ).is_dir()


def node(*args: str, timeout: float = NODE_TIMEOUT_S) -> dict[str, Any]:
    """Run one peer.js command to its end; its last stdout line is the JSON answer."""
    proc = subprocess.run(["node", str(PEER_JS), *args], cwd=PEERS, capture_output=True, text=True, timeout=timeout,
                          check=False)  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"peer.js {args[0]} failed: {proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


class PouchServer:
    """express-pouchdb on 127.0.0.1 in a Node process, serving `docs` (NDJSON) loaded before it
    listens. Stopped by closing its stdin (then SIGTERM, then SIGKILL)."""

    def __init__(self, folder: Path, docs: Path) -> None:
        self.proc = subprocess.Popen(["node", str(PEER_JS), "serve", str(folder), str(docs)], cwd=PEERS,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
        try:
            assert self.proc.stdout is not None
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the PouchDB server did not start")
            ready = json.loads(line)
        except BaseException:
            self.stop()
            raise
        self.docs, self.load_ms = int(ready["docs"]), float(ready["load_ms"])
        self.url = f"http://127.0.0.1:{ready['port']}/members"

    def stop(self) -> None:
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def load_member_rows(db: ServerDB, folder: Path, count: int) -> int:
    """bench_sync's seeding and loading, restricted to the member table (no consents,
    verifications or notes): its loader walks bench_sync.TABLES."""
    with mock.patch.object(bench_sync, "TABLES", ((Member, "member"),)):
        return load_members(db, folder, count)


def export_documents(db: ServerDB, path: Path) -> int:
    """The server's member records as PouchDB documents (NDJSON): the record's JSON fields as they
    are served, plus `_id` = the member id."""
    written = 0
    with db.read() as s, path.open("w", encoding="utf-8") as out:
        for rid, fields in s.execute(select(Record.id, Record.fields).where(Record.entity == "member",
                                                                              Record.deleted.is_(False))):  # fmt: skip
            out.write(json.dumps({"_id": rid, **json.loads(fields)}, ensure_ascii=False) + "\n")
            written += 1
    return written


def our_first_pull(folder: Path, url: str, name: str, members: int) -> tuple[float, int]:
    """A freshly enrolled laptop's first sync (the clock runs around sync_once alone)."""
    store, engine, _ = laptop(folder, name, url)
    try:
        t0 = time.perf_counter()
        result = engine.sync_once()
        elapsed = (time.perf_counter() - t0) * 1000
        assert result.error is None, result.error
        with store.read() as s:
            local = s.execute(select(func.count()).select_from(Member)).scalar_one()
        assert local == members, (local, members)
        return elapsed, result.pages
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            (folder / f"{name}.db{suffix}").unlink(missing_ok=True)


def bench_first_pull(folder: Path, url: str, pouch: PouchServer, members: int) -> None:
    repeats = 1 if members >= SHORT_PULL_ROWS else 5
    ours: list[float] = []
    theirs: list[float] = []
    pages = 0
    for r in range(repeats):
        elapsed, pages = our_first_pull(folder, url, f"fresh{r}", members)
        ours.append(elapsed)
        out = node("first-pull", pouch.url, str(folder / f"pouch-fresh{r}"))
        assert out["docs"] == members, out
        theirs.append(float(out["ms"]))
        shutil.rmtree(folder / f"pouch-fresh{r}", ignore_errors=True)
    _report_ratio("peers.first_pull_member_rows", n=members, ours=ours, theirs=theirs, target_ratio=2.0,
                  what="member rows only (no consents, verifications, notes): a new laptop's first pull",
                  peer="PouchDB 9 replicate.from express-pouchdb into leveldb on disk (Node), default options",
                  our_pages=pages)  # fmt: skip


def _report_ratio(bench: str, *, n: int, ours: list[float], theirs: list[float], target_ratio: float,
                  **extra: Any) -> None:  # fmt: skip
    """Our samples against the peer's from the same run: ratio = the peer's p95 / ours (above 1:
    ours faster); ok when the ratio reaches `target_ratio`."""
    peer_p95 = percentile(theirs, 95)
    ratio = peer_p95 / percentile(ours, 95)
    report(bench, n=n, samples_ms=ours, baseline_ms=peer_p95, target_ms=round(peer_p95 / target_ratio, 1),
           peer_p50_ms=round(statistics.median(theirs), 3), peer_p95_ms=round(peer_p95, 3), ratio=round(ratio, 2),
           target_ratio=target_ratio, ok=ratio >= target_ratio, runs=len(ours), load=os.getloadavg()[0], **extra)  # fmt: skip


class TimedEngine:
    """A SyncEngine whose sync_once durations are kept (the push and pull shares of a round)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.samples: list[float] = []

    def sync_once(self, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self.engine.sync_once(**kwargs)
        finally:
            self.samples.append((time.perf_counter() - t0) * 1000)


@contextmanager
def _laptops(folder: Path, url: str) -> Iterator[tuple[Any, Any, list[float]]]:
    a, b = laptop(folder, "a", url), laptop(folder, "b", url)
    try:
        first: list[float] = []
        for lap in (a, b):
            t0 = time.perf_counter()
            assert lap[1].sync_once().error is None
            first.append((time.perf_counter() - t0) * 1000)
        yield a, b, first
    finally:
        for lap in (a, b):
            lap[0].close()


def bench_edits(folder: Path, url: str, pouch: PouchServer, members: int) -> None:
    edits = min(EDITS, members)
    with _laptops(folder, url) as (a, b, first_syncs):
        with a[0].read() as s:
            ids = list(s.execute(select(Member.id).order_by(Member.id).limit(edits)).scalars())
        for r in range(WARMUP_ROUNDS):
            bench_sync._edit_round(a, b, ids, EDIT_ROUNDS + r)
        push, pull = TimedEngine(a[1]), TimedEngine(b[1])
        inner, whole = [], []
        for r in range(EDIT_ROUNDS):
            t0 = time.perf_counter()
            inner.append(bench_sync._edit_round((a[0], push, a[2]), (b[0], pull, b[2]), ids, r))
            whole.append((time.perf_counter() - t0) * 1000)
    ids_file = folder / "ids.json"
    ids_file.write_text(json.dumps(ids))
    peer = node("edits", pouch.url, str(folder / "pouch-edits"), str(ids_file), str(EDIT_ROUNDS), str(WARMUP_ROUNDS))
    assert peer["pulled"] >= edits * EDIT_ROUNDS, peer
    _report_ratio("peers.push_pull_100_edits", n=edits, ours=inner, theirs=peer["samples_ms"], target_ratio=1.0,
                  base_members=members, rounds=EDIT_ROUNDS, warmup_rounds=WARMUP_ROUNDS, what="A edits and syncs, B syncs: A's sync start to B's sync end",
                  peer="PouchDB 9: A replicate.to, then B replicate.from (continuous=false)",
                  ours_with_edits_p50_ms=round(statistics.median(whole), 1), ours_push_p50_ms=round(statistics.median(push.samples), 1),
                  ours_pull_p50_ms=round(statistics.median(pull.samples), 1),
                  ours_first_sync_ms=[round(v) for v in first_syncs], peer_setup_ms=round(peer["setup_ms"]))  # fmt: skip


def run(root: Path, members: int) -> None:
    url, db = server_db(root)
    rows = load_member_rows(db, root, members)
    docs = root / "members.ndjson"
    exported = export_documents(db, docs)
    db.dispose()
    assert rows == exported == members, (rows, exported, members)
    server = pouch = None
    try:
        server = ServerProcess(url, root / "home")
        pouch = PouchServer(root / "pouch-server", docs)
        assert pouch.docs == members, pouch.docs
        bench_first_pull(root, server.url, pouch, members)
        bench_edits(root, server.url, pouch, members)
    finally:
        if pouch is not None:
            pouch.stop()
        if server is not None:
            server.stop()


def main() -> int:
    if not peers_installed():
        print(json.dumps({"bench": "peers", "skipped": "benchmarks/peers/node_modules is absent: run make bench-peers"}),
              flush=True)  # fmt: skip
        return 0
    root = Path(tempfile.mkdtemp(prefix="xzdesk-bench-peers-"))
    try:
        run(root, scale(100_000))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
