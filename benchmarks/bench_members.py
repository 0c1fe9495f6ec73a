"""Case files at district-office scale (performance.md): seeding 100k, cold start to a usable
main window, case-list first page, search p50/p95, resident memory.

Baselines measured in the same run: seeding through the ORM service path (register_member, one
member at a time) extrapolated from 500 members; search over the wide table without the covering
index (SQLite told to ignore it) for the same queries.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "xzdesk.domain.store.keys.MemoryKeyring")

from _common import bench_actor, report, scale, time_calls

from xzdesk.domain.members.codes import SortKey
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.queries import MemberFilter, fetch_rows, list_member_ids
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.members.service import register_member
from xzdesk.domain.store.engine import Store
from xzdesk.domain.uow import unit_of_work

KEY = bytes(range(32))
TODAY = date(2026, 11, 25)
STARTUP = r"""
import os, sys, time, resource
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from xzdesk.ui.app import create_application
from xzdesk.app_context import AppContext
from xzdesk.domain.store.engine import Store
import xzdesk.app_context as ac
app = create_application([])
ctx = AppContext(store=Store.open(ac.database_path(demo=False), key=bytes(range(32))), settings=ac.Settings.load())
ctx.act_as(os.environ['XZDESK_BENCH_STAFF'])  # the person has signed in
from xzdesk.ui.main_window import MainWindow
w = MainWindow(ctx); w.show(); w.start()
page = w.page("members")
def check():
    if page.model.rowCount() > 0:
        page.table.viewport().repaint()
        ready = (time.perf_counter() - t0) * 1000
        for row in range(0, min(5000, page.model.rowCount()), 25):  # scroll through 5,000 rows
            page.model.row_for(row)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"READY {ready:.1f} {rss:.1f} {page.model.rowCount()}", flush=True)
        app.quit()
    else:
        QTimer.singleShot(5, check)
QTimer.singleShot(0, check)
app.exec()
w.ops.wait_idle(); ctx.close()
"""


def main() -> None:
    n = scale(100_000)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["XZDESK_HOME"] = str(home)
        store = Store.open(home / "xzdesk.db", key=KEY)
        admin = bench_actor(store, display_name="基准")
        from xzdesk.config import Settings

        Settings().save(home)

        started = time.perf_counter()
        with unit_of_work(store, None) as uow:
            seed_members(uow, count=n, seed=1)
        seed_ms = (time.perf_counter() - started) * 1000

        # baseline: the service path, one member at a time (what an import without a bulk path costs)
        base_n = 300
        actor = admin
        t0 = time.perf_counter()
        for i in range(base_n):
            first17 = f"320302199001{i % 28 + 1:02d}{i:03d}"
            from xzdesk.domain.members.identity import check_char

            with unit_of_work(store, actor) as uow:
                register_member(uow, draft=MemberDraft(name="测试" + chr(0x4E00 + i), id_number=first17 + check_char(first17),
                                                       mobile=f"170{i:08d}", district_code="320302"))  # fmt: skip
        per_member = (time.perf_counter() - t0) * 1000 / base_n
        report("members.seed", n=n, value_ms=seed_ms, target_ms=60_000, baseline_ms=per_member * n,
               baseline="register_member one at a time, extrapolated from 300", per_member_ms=round(seed_ms / n, 4))  # fmt: skip

        with store.read() as s:
            def first_page(flt: MemberFilter) -> None:
                ids = list_member_ids(s, flt, blind_index=store.blind_index, today=TODAY)
                fetch_rows(s, ids[:100], today=TODAY)

            # the case list opens with the most recently updated first; sorting by name is a click away
            recent = MemberFilter(sort=SortKey.UPDATED, descending=True)
            report("members.first_page", n=n, samples_ms=time_calls(lambda: first_page(recent), repeat=15),
                   target_ms=300, order="recently updated (the default)")  # fmt: skip
            report("members.first_page_by_name", n=n, samples_ms=time_calls(lambda: first_page(MemberFilter()), repeat=15),
                   target_ms=300, order="name (pinyin)")  # fmt: skip

            queries = ["张", "王芳", "zs", "lij", "wang", "1234", "5678", "XZ1A", "13812345678", "320302199001011234"]

            def search_all(scan: bool) -> list[float]:
                out = []
                for q in queries:
                    flt = MemberFilter(text=q)
                    for _ in range(3):
                        t = time.perf_counter()
                        if scan:
                            conn = s.connection()
                            from xzdesk.domain.members.queries import build_query

                            sql = build_query(flt, blind_index=store.blind_index, today=TODAY, scope_district=None)
                            compiled = sql.compile(dialect=conn.dialect)
                            text = str(compiled).replace("FROM member", "FROM member NOT INDEXED", 1)
                            params = tuple(compiled.params[k] for k in compiled.positiontup or ())
                            conn.exec_driver_sql(text, params).all()
                        else:
                            list_member_ids(s, flt, blind_index=store.blind_index, today=TODAY)
                        out.append((time.perf_counter() - t) * 1000)
                return out

            fast = search_all(False)
            slow = search_all(True)
            import statistics

            report("members.search", n=n, samples_ms=fast, target_ms=100, queries=len(queries),
                   baseline_ms=statistics.quantiles(slow, n=20)[18], baseline="same queries, covering index ignored")  # fmt: skip
        store.close()

        proc = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, timeout=300,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XZDESK_BENCH_STAFF": admin.staff_id}, check=False)  # fmt: skip
        line = next((x for x in proc.stdout.splitlines() if x.startswith("READY")), None)
        if line is None:
            report("members.cold_start", n=n, target_ms=2000, error=proc.stderr.strip().splitlines()[-1:])
        else:
            _, ready, rss, rows = line.split()
            report("members.cold_start", n=n, value_ms=float(ready), target_ms=2000, rows=int(rows))
            report("members.rss", n=n, rss_mb=float(rss), ok=float(rss) < 400, target_mb=400)


if __name__ == "__main__":
    main()
