"""The server on PostgreSQL with 1, 2 and 4 worker processes: 20 laptops syncing at once.

`xzdesk server --workers N` runs as its own processes on 127.0.0.1; 20 enrolled devices (one
thread each) sync in a loop: push a batch (2 new members with 3 notes each, and an edit of a
member pushed before), then pull. Request bodies are built before the clock starts, so the
figure is the server's, not the client's JSON work.

- server.push_20_laptops_pg.w<N>: push latency (p50/p95) and pushes per second with N workers;
  `speedup_vs_1_worker` compares with the 1-worker run of the same script (the baseline: these
  machines are shared, so the ratio is the figure to trust). Writes are serialised by the
  `server_seq` counter row (commit order = seq order), so workers add throughput only for the
  work around the lock (HTTP, JSON, pulls); the ratio says how much.
- server.sync_20_laptops_pg.w<N>: the whole push + pull round trip.

PostgreSQL: $XZDESK_TEST_PG_URL, else postgresql+psycopg://xzdesk:xzdesk@127.0.0.1:5432/xzdesk_test
(`make postgres` starts it); each run uses a fresh schema, dropped afterwards. When it is not
reachable the script says so in one line with "ok": false. XZDESK_BENCH_SCALE scales the rounds.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "xzdesk.domain.store.keys.MemoryKeyring")

import httpx  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from benchmarks._common import percentile, report, scale  # noqa: E402
from xzdesk.domain.members.names import name_keys  # noqa: E402
from xzdesk.domain.members.service import member_number  # noqa: E402
from xzdesk.domain.store.ids import new_id  # noqa: E402
from xzdesk.server import admin, auth  # noqa: E402
from xzdesk.server.db import ServerDB, ensure_meta, make_engine  # noqa: E402
from xzdesk.server.migrate import upgrade  # noqa: E402
from xzdesk.server.runner import free_port  # noqa: E402

PG_DEFAULT = "postgresql+psycopg://xzdesk:xzdesk@127.0.0.1:5432/xzdesk_test"
PASSWORD = "bench-password-1"
LAPTOPS = 20
DISTRICTS = ("320302", "320303", "320311", "320312")


def pg_url() -> str:
    return os.environ.get("XZDESK_TEST_PG_URL", PG_DEFAULT)


class Schema:
    """A fresh schema on the benchmark database; its URL sets the search_path."""

    def __init__(self) -> None:
        self.name = "b_" + uuid.uuid4().hex[:12]
        self.admin = create_engine(pg_url(), isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self.name}"'))
        self.url = make_url(pg_url()).update_query_dict({"options": f"-csearch_path={self.name}"}).render_as_string(
            hide_password=False)  # fmt: skip

    def drop(self) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.admin.dispose()


def prepare(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    db = ServerDB(engine)
    hasher = auth.password_hasher(time_cost=1, memory_kib=1024)  # enrolment is not what is measured
    with db.write() as s:
        ensure_meta(s)
    for i in range(LAPTOPS):
        with db.write() as s:
            admin.add_user(s, hasher=hasher, username=f"mm{i:02d}", password=PASSWORD, role="matchmaker",
                           district_code=DISTRICTS[i % len(DISTRICTS)], now=datetime.now(UTC))  # fmt: skip
    db.dispose()


class Server:
    def __init__(self, url: str, workers: int, home: Path) -> None:
        self.url = f"http://127.0.0.1:{free_port()}"
        env = {**os.environ, "XZDESK_HOME": str(home)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "xzdesk", "server", "--db", url, "--port", self.url.rsplit(":", 1)[1],
             "--workers", str(workers), "--log-level", "warning", "--max-lifetime", "900"],
            cwd=HERE.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/ready", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _member(district: str, serial: int) -> dict[str, Any]:
    member_id = new_id()
    now = datetime.now(UTC).isoformat()
    name = "测试" + "甲乙丙丁戊己庚辛"[serial % 8]
    pinyin, initials = name_keys(name)
    id_number = f"{district}19900101{serial:04d}"[:18]
    mobile = f"139{serial:08d}"
    return dict(
        id=member_id, member_no=member_number(member_id), name=name, name_pinyin=pinyin, name_initials=initials,
        nickname=None, sex=1 + serial % 2, birth_date="1990-01-01", id_number=id_number,
        id_hmac=uuid.uuid5(uuid.NAMESPACE_OID, id_number).hex * 2, mobile=mobile,
        mobile_hmac=uuid.uuid5(uuid.NAMESPACE_OID, mobile).hex * 2, mobile_last4=mobile[-4:], wechat=None,
        district_code=district, hukou_place=None, employer="徐工集团", base_union=None, union_no=None, sector=None,
        occupation=None, education=None, height_cm=None, weight_kg=None, marital_status=10, children="none",
        income_band="unspecified", housing="unspecified", has_car=None, hobbies=[], self_description=None,
        req_age_min=None, req_age_max=None, req_height_min=None, req_height_max=None, req_education_min=None,
        req_districts=[], req_marital=[], req_children_ok=True, req_other=None, matchmaker_id=None,
        status="registered", referral_source="office_walk_in", fraud_flag=False, fraud_flag_reason=None,
        verified=False, created_at=now, updated_at=now, last_activity_at=now,
    )  # fmt: skip


class Device:
    """One enrolled laptop with its request bodies built in advance."""

    def __init__(self, server: str, index: int, rounds: int) -> None:
        self.http = httpx.Client(base_url=server, timeout=120)
        r = self.http.post("/sync/v1/enrol", json={"username": f"mm{index:02d}", "password": PASSWORD,
                                                    "events": [], "label": f"bench {index}"})  # fmt: skip
        r.raise_for_status()
        body = r.json()
        self.http.headers["Authorization"] = f"Bearer {body['token']}"
        self.staff = body["staff"]["id"]
        district = DISTRICTS[index % len(DISTRICTS)]
        self.bodies: list[bytes] = []
        seq, previous = 0, None
        for k in range(rounds):
            mutations = []
            for j in range(2):
                m = _member(district, index * 10_000 + k * 10 + j)
                seq += 1
                mutations.append(self._mutation(seq, "member", "insert", m["id"], m, m["id"]))
                for n in range(3):
                    note = {"id": new_id(), "member_id": m["id"], "author_id": self.staff,
                            "created_at": m["created_at"], "body": f"面谈记录 {n}"}  # fmt: skip
                    seq += 1
                    mutations.append(self._mutation(seq, "note", "insert", note["id"], note, m["id"]))
                if previous is not None and j == 0:
                    seq += 1
                    mutations.append(self._mutation(seq, "member", "update", previous, {"employer": f"单位{k}"},
                                                    previous, base={"employer": "徐工集团" if k == 1 else f"单位{k - 1}"}))  # fmt: skip
                previous = m["id"] if j == 1 else previous
            self.bodies.append(json.dumps({"mutations": mutations, "resolutions": [], "erasures": []},
                                          ensure_ascii=False).encode())  # fmt: skip
        self.cursor: str | None = None
        self.push_ms: list[float] = []
        self.sync_ms: list[float] = []
        self.errors = 0
        self.rejected = 0
        self.mutations = sum(len(json.loads(b)["mutations"]) for b in self.bodies)

    def _mutation(self, seq: int, entity: str, op: str, entity_id: str, fields: dict[str, Any], member_id: str,
                  base: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
        now = datetime.now(UTC)
        return {"seq": seq, "idempotency_key": new_id(), "entity": entity, "entity_id": entity_id,
                "member_id": member_id, "op": op, "fields": fields, "base": base or {}, "base_version": 0,
                "hlc": f"{int(now.timestamp() * 1000):013d}-000000", "operator_id": self.staff,
                "created_at": now.isoformat()}  # fmt: skip

    def run(self, barrier: threading.Barrier) -> None:
        barrier.wait()
        for body in self.bodies:
            t0 = time.perf_counter()
            r = self.http.post("/sync/v1/push", content=body, headers={"Content-Type": "application/json"})
            t1 = time.perf_counter()
            if r.status_code != 200:
                self.errors += 1
                continue
            self.rejected += sum(1 for x in r.json()["results"] if x["status"] == "rejected")
            while True:
                params = {"cursor": self.cursor} if self.cursor else {}
                p = self.http.get("/sync/v1/pull", params=params)
                if p.status_code != 200:
                    self.errors += 1
                    break
                page = p.json()
                self.cursor = page["cursor"]
                if not page["has_more"]:
                    break
            t2 = time.perf_counter()
            self.push_ms.append((t1 - t0) * 1000)
            self.sync_ms.append((t2 - t0) * 1000)


def run_workers(workers: int, rounds: int, folder: Path) -> dict[str, Any]:
    schema = Schema()
    server = None
    try:
        prepare(schema.url)
        server = Server(schema.url, workers, folder / f"home-{workers}")
        devices = [Device(server.url, i, rounds) for i in range(LAPTOPS)]
        barrier = threading.Barrier(LAPTOPS + 1)
        threads = [threading.Thread(target=d.run, args=(barrier,)) for d in devices]
        for t in threads:
            t.start()
        barrier.wait()
        t0 = time.perf_counter()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        for d in devices:
            d.http.close()
        push = [x for d in devices for x in d.push_ms]
        sync = [x for d in devices for x in d.sync_ms]
        return {"workers": workers, "pushes": len(push), "wall_s": wall, "push": push, "sync": sync,
                "errors": sum(d.errors for d in devices), "rejected": sum(d.rejected for d in devices),
                "mutations": sum(d.mutations for d in devices)}  # fmt: skip
    finally:
        if server is not None:
            server.stop()
        schema.drop()


def main() -> int:
    try:
        probe = create_engine(pg_url(), connect_args={"connect_timeout": 3})
        with probe.connect() as conn:
            conn.execute(text("SELECT 1"))
        probe.dispose()
    except Exception as exc:
        print(json.dumps({"bench": "server.push_20_laptops_pg", "n": 0, "ok": False,
                          "error": f"PostgreSQL not reachable ({type(exc).__name__}); run make postgres"}))  # fmt: skip
        return 0
    rounds = scale(15)
    folder = Path(tempfile.mkdtemp(prefix="xzdesk-bench-workers-"))
    try:
        results = [run_workers(n, rounds, folder) for n in (1, 2, 4)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    base = results[0]["pushes"] / results[0]["wall_s"]
    for r in results:
        rate = r["pushes"] / r["wall_s"]
        ok = r["errors"] == 0 and r["rejected"] == 0
        report(f"server.push_20_laptops_pg.w{r['workers']}", n=r["pushes"], samples_ms=r["push"], ok=ok,
               workers=r["workers"], laptops=LAPTOPS, mutations_per_push=round(r["mutations"] / max(1, r["pushes"]), 1),
               pushes_per_s=round(rate, 1), mutations_per_s=round(r["mutations"] / r["wall_s"], 1),
               speedup_vs_1_worker=round(rate / base, 2), errors=r["errors"], rejected=r["rejected"],
               cpus=os.cpu_count())  # fmt: skip
        report(f"server.sync_20_laptops_pg.w{r['workers']}", n=len(r["sync"]), samples_ms=r["sync"], ok=ok,
               workers=r["workers"], syncs_per_s=round(len(r["sync"]) / r["wall_s"], 1),
               median_push_share=round(statistics.median(r["push"]) / max(1e-9, statistics.median(r["sync"])), 2),
               p99_ms=round(percentile(r["sync"], 99), 1))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
