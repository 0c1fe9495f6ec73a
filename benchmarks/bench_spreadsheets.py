"""Spreadsheet import and export figures (issue 7; shared/design/performance.md).

- spreadsheets.import_10k: a 10,000-row roster (title row, messy cells: full-width digits, typed
  dates, district and education words) analysed and committed with full validation, the commit on
  the analysis's day; target 3 s. Wall and CPU time (`cpu_ms`) of analysis plus commit, against
  openpyxl alone reading every cell of the same file in read-only mode in the same run (what any
  Python import did before calamine; `baseline_ms`, `baseline_cpu_ms`) and their ratios
  (`ratio_wall`, `ratio_cpu`: ours / openpyxl's). pypinyin's dictionaries are loaded before the
  clock starts, as the app loads them in the background at start (`pinyin_load_ms`). Also reported, calamine alone
  reading every cell (the reader the import uses now: the floor of the analysis; `ratio_calamine`) and registering
  the same rows one by one through `register_member` (the case editor's path), timed on 1,000
  rows and scaled to 10,000.
- spreadsheets.reimport_10k: the same file again (every row unchanged; nothing written).
- spreadsheets.import_100k: a 100,000-row roster analysed and committed in bounded memory
  (read-only streaming; the commit reads the file again instead of holding 100k rows): peak
  resident size of the process and rows per second. Target: peak RSS under 400 MB.
- spreadsheets.export_10k: the case list of 10,000 members to a masked xlsx, EXPORT_RUNS times
  (p50, p95; `cpu_ms` the p50 of CPU time); target 1 s. Baseline: openpyxl alone writing the same
  rows and cells in write-only mode (`ratio`: ours / it); also XlsxWriter alone, the writer the
  export uses, writing the same cells the way the export does at this size (shared strings, in
  memory: `xlsxwriter_alone_ms`, `ratio_xlsxwriter`) and streaming in constant-memory mode
  (`xlsxwriter_streaming_ms`), each the median of EXPORT_RUNS runs, with the garbage collector
  paced as the export paces it (otherwise the bench's own heap, a 10k preview and the 100k run's
  leftovers, makes the writer alone slower than the export using it).
XZDESK_BENCH_SCALE shrinks the sizes for a smoke run.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import python_calamine
import xlsxwriter
from _common import bench_actor, report, rss_mb, scale
from openpyxl import Workbook, load_workbook

from xzdesk.collector import fewer_collections
from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.identity import check_char
from xzdesk.domain.members.names import warm_up
from xzdesk.domain.members.service import register_member
from xzdesk.domain.spreadsheets import analyse_import, commit_import, export_members
from xzdesk.domain.store.engine import Store
from xzdesk.domain.uow import unit_of_work

HEADERS = ["序号", "姓名", "性别", "身份证号码", "手机号码", "工作单位", "基层工会", "会员证号", "学历", "身高", "婚姻状况",
           "兴趣爱好", "出生日期", "所在区", "民族"]  # fmt: skip
EDUCATION = ("本科", "大学本科", "大专", "硕士研究生", "研究生", "中专", "高中", "博士")
MARITAL = ("未婚", "未婚", "未婚", "离异", "丧偶")
HOBBIES = ("羽毛球、旅行", "阅读，跑步", "摄影 电影", "烹饪", "")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
GIVEN = "伟强磊军洋勇杰涛斌超芳娜敏静丽艳娟霞秀玲"
WIDE = {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}
TODAY = date(2026, 3, 1)
EXPORT_RUNS = 5
COMMIT_AT = datetime(2026, 3, 1, 2, 30, tzinfo=UTC)  # 10:30 in Xuzhou on TODAY


def short_district(code: str) -> str:
    name = DISTRICTS[code]
    return name[:-1] if len(name) > 2 else name  # 鼓楼区 -> 鼓楼, as people type it; 丰县 stays


def roster_row(i: int, rng: random.Random) -> list[object]:
    male = rng.random() < 0.5
    year, month, day = 1975 + rng.randrange(25), 1 + rng.randrange(12), 1 + rng.randrange(28)
    # Region, random birth date, sequence: rare repeats are dropped by write_roster.
    region = ("320302", "320303", "320311", "320312", "320321")[i % 5]
    first17 = f"{region}{year:04d}{month:02d}{day:02d}{(i % 500) * 2 + (1 if male else 0):03d}"
    number = first17 + check_char(first17)
    born = f"{year}.{month}.{day}" if i % 3 == 0 else (f"{year}年{month}月{day}日" if i % 3 == 1 else None)
    return [
        i + 1, rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), "男" if male else "女",
        number.translate(WIDE) if i % 10 == 0 else number, f"1{rng.choice('35789')}{i:09d}",
        "徐工集团工程机械股份有限公司", "徐工集团工会", f"{rng.randrange(10**8):08d}", rng.choice(EDUCATION),
        f"{rng.randrange(150, 190)}cm", rng.choice(MARITAL), rng.choice(HOBBIES), born,
        short_district(("320302", "320303", "320311", "320312", "320321")[i % 5]), "汉族",
    ]  # fmt: skip


def _write_roster(path: Path, rows: int, seed: int) -> None:
    # Normal mode, as Excel and WPS files carry a <dimension> at the top (write-only files lack it
    # and make every read-only open scan the whole sheet once). Run in a child process so the
    # benchmark's peak RSS is the import's, not the generator's.
    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    ws.title = "单身职工花名册"
    ws.append(["徐工集团单身职工花名册（2026年）"])
    ws.append(HEADERS)
    used: set[str] = set()
    written = 0
    i = 0
    while written < rows:
        row = roster_row(i, rng)
        i += 1
        key = str(row[3]).translate({v: k for k, v in WIDE.items()})
        if key in used:
            continue
        used.add(key)
        ws.append(row)
        written += 1
    wb.save(path)


def write_roster(path: Path, rows: int, *, seed: int) -> Path:
    child = multiprocessing.get_context("fork").Process(target=_write_roster, args=(path, rows, seed))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise RuntimeError("roster generation failed")
    return path


def open_store(folder: Path, name: str) -> tuple[Store, object]:
    store = Store.open(folder / f"{name}.db", key=os.urandom(32))
    return store, bench_actor(store)


def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - t0) * 1000


def timed_cpu(fn):
    """(value, wall ms, CPU ms of this process)."""
    c0, t0 = time.process_time(), time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000


def read_alone(path: Path) -> int:
    """openpyxl alone: every cell value of the file, read-only (the floor of any import)."""
    wb = load_workbook(path, read_only=True, data_only=True)
    cells = sum(len(row) for row in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return cells


def read_calamine_alone(path: Path) -> int:
    """calamine alone: every cell value of the file as Python objects (the reader the import uses)."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    cells = sum(len(row) for row in book.get_sheet_by_index(0).iter_rows())
    book.close()
    return cells


def _export_rows(source: Path) -> list[list[object]]:
    wb = load_workbook(source, read_only=True)
    rows = [list(r) for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


def write_xlsxwriter_alone(source: Path, target: Path, *, streaming: bool) -> float:
    """XlsxWriter alone: the same cells with `write_row`, in constant-memory mode (`streaming`)
    or in memory with shared strings (the rows are read before the clock starts), with the
    garbage collector paced as the export paces it (collector.fewer_collections); median ms of
    EXPORT_RUNS runs."""
    rows = _export_rows(source)
    samples = []
    for _ in range(EXPORT_RUNS):
        t0 = time.perf_counter()
        with fewer_collections():  # as tables.open_table writes
            book = xlsxwriter.Workbook(str(target), {"constant_memory": streaming})
            ws = book.add_worksheet()
            for n, r in enumerate(rows):
                ws.write_row(n, 0, r)
            book.close()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def write_alone(source: Path, target: Path) -> float:
    """openpyxl alone: the rows and cells of an export written again, write-only (the floor of any
    export). The rows are read before the clock starts."""
    rows = _export_rows(source)
    t0 = time.perf_counter()
    out = Workbook(write_only=True)
    ws = out.create_sheet()
    for r in rows:
        ws.append(r)
    out.save(target)
    return (time.perf_counter() - t0) * 1000


def bench_100k(folder: Path) -> None:
    n = scale(100_000)
    path = write_roster(folder / "r100k.xlsx", n, seed=100)
    store, actor = open_store(folder, "big")
    before = rss_mb()
    preview, analyse_ms = timed(lambda: analyse_import(store, path, actor=actor, today=TODAY))
    after_analyse = rss_mb()

    def commit():
        with unit_of_work(store, actor) as uow:
            return commit_import(uow, preview)

    result, commit_ms = timed(commit)
    peak = rss_mb()
    report(
        "spreadsheets.import_100k", n=n, value_ms=analyse_ms + commit_ms, analyse_ms=round(analyse_ms, 1),
        commit_ms=round(commit_ms, 1), rows_per_s=round(n / ((analyse_ms + commit_ms) / 1000)),
        analyse_rows_per_s=round(n / (analyse_ms / 1000)), created=result.created, errors=preview.counts.errors,
        kept_in_memory=preview.kept is not None, rss_before_mb=round(before, 1),
        rss_after_analyse_mb=round(after_analyse, 1), rss_mb=round(peak, 1), target_rss_mb=400,
        ok=peak < 400 and result.created == n,
    )  # fmt: skip
    store.close()


def bench_10k(folder: Path) -> None:
    n = scale(10_000)
    path = write_roster(folder / "r10k.xlsx", n, seed=10)
    store, actor = open_store(folder, "ten")

    def analyse():
        return analyse_import(store, path, actor=actor, today=TODAY)

    def commit(preview):
        # Committed on the day of the analysis, as a matchmaker does after looking at the preview
        # (the analysis's checks hold for that day and are not run again).
        with unit_of_work(store, actor, clock=lambda: COMMIT_AT) as uow:
            return commit_import(uow, preview)

    # The app loads pypinyin's dictionaries on a background thread once the window shows
    # (ui/main_window.py); so does the bench, before the clock starts. Reported on its own.
    _, pinyin_load_ms = timed(warm_up)
    preview, analyse_ms, analyse_cpu_ms = timed_cpu(analyse)
    result, commit_ms, commit_cpu_ms = timed_cpu(lambda: commit(preview))

    # Baseline: the same rows through register_member one by one (the editor's path).
    base_n = min(n, scale(1000))
    base_store, base_actor = open_store(folder, "baseline")
    drafts = []
    for r in list(preview.rows)[:base_n]:
        kept = preview.kept[r.row] if preview.kept else None
        if kept is not None:
            values = {k: v for k, v in kept.draft.items() if k in MemberDraft.__dataclass_fields__}
            drafts.append(MemberDraft(**{"district_code": "320302", **values}))

    def naive():
        with unit_of_work(base_store, base_actor) as uow:
            for d in drafts:
                register_member(uow, draft=d)

    _, naive_ms = timed(naive)
    _, openpyxl_ms, openpyxl_cpu_ms = timed_cpu(lambda: read_alone(path))
    _, calamine_ms = timed(lambda: read_calamine_alone(path))
    wall_ms, cpu_ms = analyse_ms + commit_ms, analyse_cpu_ms + commit_cpu_ms
    report(
        "spreadsheets.import_10k", n=n, value_ms=wall_ms, target_ms=3_000, baseline_ms=openpyxl_ms,
        baseline="openpyxl read-only alone, every cell", cpu_ms=round(cpu_ms, 1),
        baseline_cpu_ms=round(openpyxl_cpu_ms, 1), ratio_wall=round(wall_ms / openpyxl_ms, 2),
        ratio_cpu=round(cpu_ms / openpyxl_cpu_ms, 2), analyse_ms=round(analyse_ms, 1),
        analyse_cpu_ms=round(analyse_cpu_ms, 1), commit_ms=round(commit_ms, 1), commit_cpu_ms=round(commit_cpu_ms, 1),
        calamine_alone_ms=round(calamine_ms, 1), ratio_calamine=round(wall_ms / calamine_ms, 2),
        pinyin_load_ms=round(pinyin_load_ms, 1),
        created=result.created, errors=preview.counts.errors,
        one_by_one_ms=round(naive_ms * n / max(1, len(drafts)), 1), one_by_one_rows_measured=len(drafts),
    )  # fmt: skip

    again, reanalyse_ms = timed(analyse)
    outcome, recommit_ms = timed(lambda: commit(again))
    report(
        "spreadsheets.reimport_10k", n=n, value_ms=reanalyse_ms + recommit_ms, target_ms=10_000,
        unchanged=outcome.unchanged, written=outcome.imported,
    )  # fmt: skip

    def export():
        with unit_of_work(store, actor) as uow:
            return export_members(uow, path=folder / "list.xlsx", reason="基准测试", bulk_threshold=n * 2)

    runs = [timed_cpu(export) for _ in range(EXPORT_RUNS)]
    info = runs[0][0]
    samples = [wall for _, wall, _ in runs]
    export_ms, export_cpu_ms = statistics.median(samples), statistics.median(cpu for _, _, cpu in runs)
    alone_ms = write_alone(folder / "list.xlsx", folder / "alone.xlsx")
    xlsxwriter_ms = write_xlsxwriter_alone(folder / "list.xlsx", folder / "alone2.xlsx", streaming=False)
    streaming_ms = write_xlsxwriter_alone(folder / "list.xlsx", folder / "alone3.xlsx", streaming=True)
    report("spreadsheets.export_10k", n=info.rows, samples_ms=samples, target_ms=1_000, baseline_ms=alone_ms,
           baseline="openpyxl write-only alone, the same cells", ratio=round(export_ms / alone_ms, 2),
           cpu_ms=round(export_cpu_ms, 1), xlsxwriter_alone_ms=round(xlsxwriter_ms, 1),
           ratio_xlsxwriter=round(export_ms / xlsxwriter_ms, 2), xlsxwriter_streaming_ms=round(streaming_ms, 1),
           rows_per_s=round(info.rows / (export_ms / 1000)),
           bytes=(folder / "list.xlsx").stat().st_size)  # fmt: skip
    store.close()
    base_store.close()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="xzbench-") as tmp:
        folder = Path(tmp)
        bench_100k(folder)  # first, so the peak RSS is this import's own
        bench_10k(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
