"""The loop's benchmarks: event analytics, scheduling suggestions and the scheduling back-test,
on a real encrypted store with a history of held events made by the real services
(`events.seed.seed_event_history`: invitations, waiting lists, online sign-ups, attendance, interest
cards, introductions, some dating).

- loop.backtest: rolling-origin back-test of the turnout and mutual-match predictor (Poisson
  regression) on every held event after the first HISTORY_MIN, each predicted from the events before
  it; in the same run the naive baseline "same as the last event of that format". Reported: MAE and
  MAPE of turnout and of matches for both; "ok" when the model's turnout MAE is below the naive
  rule's. The time is the whole back-test.
  Caveat: the demo history's turnout and matches are drawn from per-format and per-slot rates of
  the seed (events/seed.py SHOW_RATE, SLOT_RATE, MUTUAL_RATE) with binomial noise, so the figures
  say the predictor recovers such structure, not how it fares on a real union's events.
- loop.analytics: `event_analytics` (what the 活动分析 tab reads), p50/p95; target 3 s.
- loop.schedule: `schedule` (排期建议: outcomes, back-test, fit, pool, candidates); target 10 s.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from datetime import datetime
from pathlib import Path

from _common import bench_actor, report, scale, time_calls

from xzdesk.domain.analytics.dto import ErrorInfo
from xzdesk.domain.analytics.predict import backtest
from xzdesk.domain.analytics.queries import event_analytics, event_outcomes
from xzdesk.domain.analytics.suggest import schedule
from xzdesk.domain.events.seed import seed_event_history
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.store.engine import Store
from xzdesk.domain.uow import CHINA_TZ, unit_of_work


def _errors(prefix: str, info: ErrorInfo | None) -> dict[str, float | None]:
    return {f"{prefix}_mae": info.mae if info else None, f"{prefix}_mape_pct": info.mape if info else None}


def main() -> None:
    members = scale(3000)
    events = max(12, scale(40))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db", key=secrets.token_bytes(32))
        actor = bench_actor(store, display_name="活动组")
        with unit_of_work(store, actor) as uow:
            seed_members(uow, count=members, seed=12)
        with unit_of_work(store, actor) as uow:
            seed_event_history(uow, count=events, seed=12)
        now = datetime.now(CHINA_TZ)
        with store.read() as s:
            rows = event_outcomes(s, district=None)
        t0 = time.perf_counter()
        test = backtest(rows)
        backtest_ms = (time.perf_counter() - t0) * 1000
        report("loop.backtest", n=len(test.rows), value_ms=backtest_ms, events=len(rows),
               **_errors("model_turnout", test.model_turnout), **_errors("naive_turnout", test.naive_turnout),
               **_errors("model_matches", test.model_matches), **_errors("naive_matches", test.naive_matches),
               baseline="same as the last event of that format", method="rolling origin",
               ok=bool(test.model_wins))  # fmt: skip

        def analytics() -> None:
            with store.read() as s:
                event_analytics(s, actor=actor, now=now)

        report("loop.analytics", n=members, samples_ms=time_calls(analytics, repeat=3), target_ms=3000, events=events)

        def suggestions() -> None:
            with store.read() as s:
                schedule(s, actor=actor, now=now)

        report("loop.schedule", n=members, samples_ms=time_calls(suggestions, repeat=2), target_ms=10000, events=events)
        store.close()


if __name__ == "__main__":
    main()
