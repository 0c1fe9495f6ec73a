"""Shared helpers for benchmark scripts: timing and the JSON-lines report format.

Every line is `{"bench": name, "n": size, "p50_ms": .., "p95_ms": .., "target_ms": .., "ok": ..}`
plus fields that explain the figure (see shared/design/performance.md).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile of `samples` (q in 0..100)."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def time_calls(fn: Callable[[], Any], *, repeat: int, warmup: int = 1) -> list[float]:
    """Run `fn` warmup+repeat times; return the last `repeat` durations in milliseconds."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def rss_mb() -> float:
    """Peak resident set size of this process in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(
    bench: str,
    *,
    n: int,
    samples_ms: list[float] | None = None,
    value_ms: float | None = None,
    target_ms: float | None = None,
    baseline_ms: float | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Print one JSON line. Either `samples_ms` (p50/p95 computed) or a single `value_ms`."""
    row: dict[str, Any] = {"bench": bench, "n": n}
    if samples_ms is not None:
        row["p50_ms"] = round(statistics.median(samples_ms), 3)
        row["p95_ms"] = round(percentile(samples_ms, 95), 3)
        figure = row["p95_ms"]
    elif value_ms is not None:
        row["p50_ms"] = row["p95_ms"] = round(value_ms, 3)
        figure = value_ms
    else:
        figure = None
    if target_ms is not None:
        row["target_ms"] = target_ms
        row["ok"] = figure is not None and figure < target_ms
    if baseline_ms is not None:
        row["baseline_ms"] = round(baseline_ms, 3)
        if figure:
            row["speedup_vs_baseline"] = round(baseline_ms / figure, 2) if figure else None
    row.update(extra)
    print(json.dumps(row, ensure_ascii=False), flush=True)
    return row


def scale(default: int) -> int:
    """Benchmarks honour XZDESK_BENCH_SCALE (0.01..1) so a smoke run can use small sizes."""
    factor = float(os.environ.get("XZDESK_BENCH_SCALE", "1"))
    return max(1, int(default * factor))


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run benchmarks/run_all.py")


def bench_actor(store: Any, *, username: str = "bench", display_name: str = "基准红娘", role: str = "matchmaker") -> Any:
    """A staff account to run the benchmark as, made the product's way: the first account of a
    database is the local administrator, who creates the working account."""
    from xzdesk.domain.staff.service import create_staff
    from xzdesk.domain.uow import unit_of_work

    with unit_of_work(store, None) as uow:
        admin = create_staff(uow, username="root", display_name="本机管理员", role="admin", district_code=None).actor()
    with unit_of_work(store, admin) as uow:
        return create_staff(uow, username=username, display_name=display_name, role=role, district_code=None).actor()
