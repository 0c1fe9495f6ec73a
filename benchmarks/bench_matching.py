"""Matching: pool build, rank p50/p95 at 100k with the rule and with the adopted model (target
20 ms), upsert, batch, and the learned model on synthetic outcomes: evaluation (model vs rule vs
random, leaving whole events out) and retraining at 50k labelled pairs with evaluation (< 30 s).

Baselines measured in the same run: the pair-at-a-time pure-Python reference ranking
(xzdesk.domain.matching.reference) on the same pool; the rule-only ranking for the ranking with
the model; a full pool rebuild for an edit; the fit alone (no evaluation) for the retraining.
The synthetic outcomes come from hidden tastes, attractiveness and selectivity
(xzdesk/domain/matching/synthetic.py), not from the model's features; `auc_oracle` is the AUC of
the hidden truth itself, the ceiling any model could reach on the same answers.
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import replace

import numpy as np
from _common import report, rss_mb, scale, time_calls

from xzdesk.domain.matching import (
    MatchPool,
    ReciprocalModel,
    batch_suggest,
    fit_with_evaluation,
    ineligibility_reasons,
    rank,
    signals_from_labels,
    synthetic_dataset,
    synthetic_profiles,
)
from xzdesk.domain.matching import metrics as M
from xzdesk.domain.matching.reference import rank_reference
from xzdesk.domain.matching.synthetic import true_yes_probability


def _r(x: float | None) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), 3)


def bench_pool_and_rank(n: int, rnd: random.Random) -> tuple[list, MatchPool, list[str], list[float], float]:
    t0 = time.perf_counter()
    profiles = synthetic_profiles(n, seed=42)
    gen_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    pool = MatchPool.from_profiles(profiles)
    build_ms = (time.perf_counter() - t0) * 1000
    report("matching_pool_build", n=n, value_ms=build_ms, profiles_gen_ms=round(gen_ms, 1), rss_mb=round(rss_mb(), 1))
    eligible = [p.member_id for p in profiles if not ineligibility_reasons(p)]
    queries = rnd.sample(eligible, min(200, len(eligible)))
    it = iter(queries * 2)
    found = []
    samples = time_calls(lambda: found.append(len(rank(pool, next(it), k=50))), repeat=len(queries), warmup=3)
    base = []
    for q in queries[:3]:
        t0 = time.perf_counter()
        ref = rank_reference(profiles, q, k=50)
        base.append((time.perf_counter() - t0) * 1000)
        if [m for m, _ in ref] != [r.member_id for r in rank(pool, q, k=50)]:  # the real, correct thing
            raise SystemExit("vectorised ranking differs from the reference")
    report("matching_rank", n=n, samples_ms=samples, target_ms=20.0, baseline_ms=statistics.median(base),
           baseline="pure-Python pair-at-a-time reference, same pool", baseline_runs=len(base), queries=len(queries),
           k=50, mean_results=round(statistics.mean(found), 1))  # fmt: skip
    return profiles, pool, queries, samples, build_ms


def bench_rank_with_model(pool: MatchPool, queries: list[str], rule_samples: list[float], n: int) -> None:
    data = synthetic_dataset(n_members=scale(3000), n_events=max(12, scale(150)), men_per_event=12,
                             women_per_event=12, n_introductions=scale(200), seed=5)  # fmt: skip
    model, info = fit_with_evaluation(data.profiles, data.pairs, n_splits=5, n_resamples=200)
    signals = signals_from_labels(data.pairs)
    it = iter(queries * 2)
    with_model = []
    samples = time_calls(lambda: with_model.append(rank(pool, next(it), k=50, model=model, signals=signals)),
                         repeat=len(queries), warmup=3)  # fmt: skip
    report("matching_rank_with_model", n=n, samples_ms=samples, target_ms=20.0,
           baseline_ms=statistics.median(rule_samples), baseline="the rule-only ranking, same pool and queries",
           model_may_rank=model.may_rank, model_used=all(r.model_score is not None for rows in with_model for r in rows),
           signals_answers=signals.n_answers, features=len(model.coefficients("1")))  # fmt: skip


def bench_upsert_and_batch(profiles: list, pool: MatchPool, rnd: random.Random, n: int, build_ms: float) -> None:
    edits = []
    for i, member_id in enumerate(rnd.sample(pool.ids(), 1000)):
        p = pool.get(member_id)
        assert p is not None
        edits.append(replace(p, consent_matching=not p.consent_matching) if i % 2 else replace(p, age=(p.age or 30) + 1))
    edit_it = iter(edits)
    up = time_calls(lambda: pool.upsert(next(edit_it)), repeat=len(edits) - 1, warmup=1)
    report("matching_upsert", n=n, samples_ms=up, baseline_ms=build_ms, baseline="full pool rebuild")
    eligible = [p.member_id for p in profiles if not ineligibility_reasons(p)]
    caseload = rnd.sample(eligible, min(200, len(eligible)))
    t0 = time.perf_counter()
    preview = batch_suggest(pool, caseload)
    batch_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    greedy = batch_suggest(pool, caseload, method="greedy")
    greedy_ms = (time.perf_counter() - t0) * 1000
    report("matching_batch_suggest", n=n, value_ms=batch_ms, caseload=len(caseload), pairs=len(preview.pairs),
           total_score=round(preview.total_score, 3), greedy_total_score=round(greedy.total_score, 3),
           greedy_ms=round(greedy_ms, 1))  # fmt: skip


def _oracle_auc(data, info) -> float:  # type: ignore[no-untyped-def]
    by_id = {p.member_id: p for p in data.profiles}
    pairs = [p for p in info.oof.pairs if p.label is not None]
    truth = [true_yes_probability(data.truth, by_id[p.member_a], by_id[p.member_b])
             * true_yes_probability(data.truth, by_id[p.member_b], by_id[p.member_a]) for p in pairs]  # fmt: skip
    return M.auc([float(bool(p.label)) for p in pairs], truth)


def bench_learning() -> None:
    """Retraining at 50k labelled pairs with its evaluation, and that evaluation's figures."""
    data = synthetic_dataset(n_members=scale(6000), n_events=max(12, scale(340)), men_per_event=12,
                             women_per_event=12, n_introductions=scale(800), seed=11)  # fmt: skip
    t0, c0 = time.perf_counter(), time.process_time()
    model, info = fit_with_evaluation(data.profiles, data.pairs, n_splits=5)
    retrain_ms, cpu_ms = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
    t0 = time.perf_counter()
    ReciprocalModel().fit(data.profiles, data.pairs)
    fit_ms = (time.perf_counter() - t0) * 1000
    report("matching_retrain_with_evaluation", n=len(data.pairs), value_ms=retrain_ms, target_ms=30_000.0,
           baseline_ms=fit_ms, baseline="one fit on every pair, no evaluation", cpu_ms=round(cpu_ms, 1),
           folds=info.n_splits,
           resamples=info.n_resamples, answers=info.n_answers)  # fmt: skip

    def method(m):  # type: ignore[no-untyped-def]
        return {"auc": _r(m.auc), "auc_low": _r(m.auc_low), "auc_high": _r(m.auc_high),
                "top_k": {k: _r(v) for k, v in m.top_k.items()}}  # fmt: skip

    report("matching_model_eval", n=info.n_pairs, validation=f"GroupKFold by event, {info.n_splits} folds",
           judged_pairs=info.n_judged, groups=info.n_groups, positive_rate=_r(info.positive_rate),
           model=method(info.model), rule=method(info.rule), random=method(info.random),
           model_minus_rule=[_r(info.diff), _r(info.diff_low), _r(info.diff_high)],
           answers_auc_model=_r(info.answers_auc_model), answers_auc_rule=_r(info.answers_auc_rule),
           brier_model=_r(info.brier_model), brier_base=_r(info.brier_base), auc_oracle=_r(_oracle_auc(data, info)),
           verdict=info.verdict.code, top_k_people=info.top_k_people,
           ok=info.verdict.uses_model and info.model.auc > info.rule.auc > info.random.auc)  # fmt: skip


def main() -> None:
    n = scale(100_000)
    rnd = random.Random(7)
    profiles, pool, queries, rule_samples, build_ms = bench_pool_and_rank(n, rnd)
    bench_rank_with_model(pool, queries, rule_samples, n)
    bench_upsert_and_batch(profiles, pool, rnd, n, build_ms)
    bench_learning()


if __name__ == "__main__":
    main()
