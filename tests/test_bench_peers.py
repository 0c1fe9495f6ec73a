"""benchmarks/bench_peers.py (`make bench-peers`): the PouchDB side gets the same member rows as
ours, a machine without the npm packages gets one line saying so, and a small side-by-side run
prints both ratio lines. The last one needs benchmarks/peers/node_modules (`make bench-peers`
installs it from the npm registry) and Node; without them it is skipped, so `make test` on a clean
machine neither installs anything nor reaches the network. Speed is never asserted here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import bench_peers  # noqa: E402
from benchmarks.bench_sync import server_db  # noqa: E402
from xzdesk.server.models import Record  # noqa: E402


def test_the_peer_gets_the_same_member_rows_as_our_server(tmp_path):
    url, db = server_db(tmp_path)
    try:
        assert bench_peers.load_member_rows(db, tmp_path, 12) == 12
        with db.read() as s:
            entities = set(s.execute(select(Record.entity).distinct()).scalars())
            records = dict(s.execute(select(Record.id, Record.fields).where(Record.entity == "member")).all())
        assert "member" in entities and not entities & {"consent", "verification", "note"}
        docs_file = tmp_path / "members.ndjson"
        assert bench_peers.export_documents(db, docs_file) == 12
    finally:
        db.dispose()
    docs = [json.loads(line) for line in docs_file.read_text(encoding="utf-8").splitlines()]
    assert sorted(d["_id"] for d in docs) == sorted(records)
    for doc in docs:
        body = {k: v for k, v in doc.items() if k != "_id"}
        assert body == json.loads(records[doc["_id"]])
        assert doc["_id"] == doc["id"]


def test_without_the_npm_packages_one_line_says_so_and_nothing_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(bench_peers, "PEERS", tmp_path / "peers")
    monkeypatch.setattr(bench_peers, "run", lambda *_a: pytest.fail("the bench ran without PouchDB"))
    assert bench_peers.main() == 0
    line = json.loads(capsys.readouterr().out)
    assert line["bench"] == "peers" and "make bench-peers" in line["skipped"]


@pytest.mark.slow
@pytest.mark.skipif(
    not bench_peers.peers_installed(),
    reason="benchmarks/peers/node_modules is absent (make bench-peers installs it)",
)
@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")
def test_a_small_side_by_side_run_prints_both_ratio_lines():
    env = {**os.environ, "XZDESK_BENCH_SCALE": "0.0005"}  # 50 member rows, 50 edits a round
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_peers.py")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = {row["bench"]: row for row in map(json.loads, proc.stdout.splitlines())}
    assert set(lines) == {"peers.first_pull_member_rows", "peers.push_pull_100_edits"}
    pull, edits = lines["peers.first_pull_member_rows"], lines["peers.push_pull_100_edits"]
    assert pull["n"] == 50 and pull["runs"] == 5 and pull["target_ratio"] == 2.0
    assert (
        edits["n"] == 50
        and edits["runs"] == 7
        and edits["base_members"] == 50
        and edits["target_ratio"] == 1.0
    )
    for row in (pull, edits):
        assert row["p50_ms"] > 0 and row["peer_p50_ms"] > 0 and row["peer_p95_ms"] >= row["peer_p50_ms"]
        assert row["ratio"] == pytest.approx(row["peer_p95_ms"] / row["p95_ms"], abs=0.01)
        assert row["ok"] is (row["ratio"] >= row["target_ratio"])
    assert edits["ours_with_edits_p50_ms"] > edits["p50_ms"]  # the round timed with its edits is longer
