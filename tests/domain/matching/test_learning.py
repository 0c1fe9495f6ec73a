"""The model of each person's own "yes": it recovers a planted directional taste, combines both
sides reciprocally, learns from pairs whose direction is unknown, ranks only when it beat the
rule, and stores no personal data."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.domain.matching._factory import person, planted
from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.matching import (
    DIRECTIONAL_FEATURES,
    LabelledPairRow,
    MatchPool,
    MatchWeights,
    ReciprocalModel,
    evaluate_matching,
    fit_with_evaluation,
    rank,
    signals_from_labels,
)
from xzdesk.domain.matching.evaluation import MODEL_BETTER, MODEL_NOT_READY, MODEL_WORSE, _verdict
from xzdesk.domain.progress import CancelToken


@pytest.fixture(scope="module")
def data():
    return planted()


@pytest.fixture(scope="module")
def fitted(data):
    profiles, pairs = data
    return fit_with_evaluation(profiles, pairs, n_splits=4, n_resamples=300)


def test_directional_learning_recovers_a_planted_directional_taste(data, fitted):
    profiles, _ = data
    model, info = fitted
    by_id = {p.member_id: p for p in profiles}
    man = next(p for p in profiles if p.sex == 1 and p.age == 32)
    woman = next(p for p in profiles if p.sex == 2)
    young = person("young", 2, age=26, height_cm=160)
    older = person("older", 2, age=38, height_cm=160)
    tall = person("tall", 1, age=30, height_cm=186)
    short = person("short", 1, age=30, height_cm=163)
    pool = MatchPool.from_profiles([*by_id.values(), young, older, tall, short])
    p = model.score_pairs(pool, [(man.member_id, "young"), (man.member_id, "older"),
                                 ("tall", woman.member_id), ("short", woman.member_id)])  # fmt: skip
    # Each side's own yes: the man's depends on her age, hers on his height.
    assert p.a_yes_p[0] > 0.7 and p.a_yes_p[0] - p.a_yes_p[1] > 0.4
    assert p.b_yes_p[2] > 0.7 and p.b_yes_p[2] - p.b_yes_p[3] > 0.4
    # ...and each head learnt its own sex's taste (standardised coefficients).
    assert model.coefficients("1")["age_diff"] < -1.0
    assert model.coefficients("2")["height_diff"] + model.coefficients("2")["b_height_z"] > 0.5
    assert abs(model.coefficients("2")["age_diff"]) < abs(model.coefficients("1")["age_diff"]) / 3
    # On held-out events: each person's own answers, and the mutual match, far above the rule.
    assert info.answers_auc_model > 0.85 > info.answers_auc_rule
    assert info.model.auc > info.rule.auc + 0.2 and info.verdict.uses_model


def test_reciprocal_combination(data, fitted):
    profiles, pairs = data
    model, _ = fitted
    some = [(p.member_a, p.member_b) for p in pairs[:30]]
    fwd = model.score_pairs(profiles, some)
    back = model.score_pairs(profiles, [(b, a) for a, b in some])
    assert np.allclose(fwd.score, fwd.a_yes_p * fwd.b_yes_p)  # P(mutual) if the answers were independent
    assert np.allclose(fwd.a_yes_p, back.b_yes_p) and np.allclose(fwd.score, back.score)  # order does not matter
    # Ranking: the geometric mean of both sides' yes, blended with the rule by model_blend, damped.
    pool = MatchPool.from_profiles(profiles)
    me = next(p.member_id for p in profiles if p.sex == 1)
    for weights in (MatchWeights(), MatchWeights(model_blend=0.4, mean="harmonic")):
        rows = rank(pool, me, k=15, model=model, weights=weights)
        both = model.score_pairs(pool, [(me, r.member_id) for r in rows])
        for r, pa, pb in zip(rows, both.a_yes_p, both.b_yes_p, strict=True):
            assert r.model_score == pytest.approx(pa * pb)
            blended = (1 - weights.model_blend) * r.rule_score + weights.model_blend * np.sqrt(pa * pb)
            assert r.score == pytest.approx(blended * r.damping)
            factor = dict(r.factors)["model_score"]
            assert factor == {"p": round(pa * pb, 3), "member": round(pa, 3), "candidate": round(pb, 3)}
        assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)


def test_signals_reach_the_ranking(data, fitted):
    profiles, pairs = data
    model, _ = fitted
    pool = MatchPool.from_profiles(profiles)
    signals = signals_from_labels(pairs)
    me = next(p.member_id for p in profiles if p.sex == 2)
    with_signals = rank(pool, me, k=20, model=model, signals=signals)
    scores = model.score_pairs(pool, [(me, r.member_id) for r in with_signals], signals=signals)
    assert [r.model_score for r in with_signals] == pytest.approx(list(scores.score))


def test_pairs_without_a_direction_are_learnt_by_expectation(data):
    """Replace half the events' cards by outcomes that only say "mutual or not" (as an
    introduction's "no interest"): the model still learns who says yes."""
    profiles, pairs = data
    mixed = [p if p.group < "e20" else LabelledPairRow(p.member_a, p.member_b, p.label, "outcome", p.group)
             for p in pairs]  # fmt: skip
    model = ReciprocalModel(min_per_class=10).fit(profiles, mixed)
    assert model.counts["pairs_without_direction"] > 500
    man = next(p for p in profiles if p.sex == 1 and p.age == 32)
    pool = MatchPool.from_profiles([*profiles, person("young", 2, age=26), person("older", 2, age=38)])
    p = model.score_pairs(pool, [(man.member_id, "young"), (man.member_id, "older")])
    assert p.a_yes_p[0] > p.a_yes_p[1] + 0.3


def test_too_few_answers_keep_the_rule(data):
    profiles, pairs = data
    model = ReciprocalModel(min_per_class=10_000).fit(profiles, pairs[:100])
    assert not model.is_ready and not model.may_rank
    pool = MatchPool.from_profiles(profiles)
    me = profiles[0].member_id
    assert [(r.member_id, r.score) for r in rank(pool, me, k=10, model=model)] == [
        (r.member_id, r.score) for r in rank(pool, me, k=10)]  # fmt: skip
    with pytest.raises(XzError) as err:
        model.score_pairs(profiles, [(pairs[0].member_a, pairs[0].member_b)])
    assert err.value.code == "matching.model.not_fitted"
    info = evaluate_matching(profiles, pairs, n_splits=4, min_per_class=10_000, n_resamples=50)
    assert info.verdict.code == MODEL_NOT_READY and not info.verdict.uses_model and info.folds_ready == 0


def test_a_model_that_does_not_beat_the_rule_never_ranks(data):
    """Answers that are coin flips: the model cannot be shown better than the rule on held-out
    events, so its verdict keeps the rule, and rank ignores it even when passed."""
    profiles, pairs = data
    rng = np.random.default_rng(9)
    coins = [LabelledPairRow(p.member_a, p.member_b, None, "event", p.group, a_yes=bool(rng.random() < 0.4),
                             b_yes=bool(rng.random() < 0.4)) for p in pairs]  # fmt: skip
    model, info = fit_with_evaluation(profiles, coins, n_splits=4, n_resamples=300)
    assert model.is_ready and not info.verdict.uses_model and not model.may_rank
    assert info.verdict.code != MODEL_BETTER and info.diff_low <= 0
    assert set(info.verdict.params) == {"auc_model", "auc_rule", "diff_low"}
    pool = MatchPool.from_profiles(profiles)
    me = profiles[1].member_id
    rows = rank(pool, me, k=10, model=model)
    assert all(r.model_score is None for r in rows)
    assert [(r.member_id, r.score) for r in rows] == [(r.member_id, r.score) for r in rank(pool, me, k=10)]


def test_the_verdict_rule():
    def verdict(auc_model, auc_rule, low):
        return _verdict({"auc_model": auc_model, "auc_rule": auc_rule, "diff_low": low}, ready=True, needed=30,
                        counts=(0, 0))  # fmt: skip

    assert verdict(0.60, 0.55, 0.01).uses_model
    worse = verdict(0.533, 0.558, -0.05)
    assert (worse.uses_model, worse.code, worse.params) == (False, MODEL_WORSE,
                                                             {"auc_model": 0.533, "auc_rule": 0.558, "diff_low": -0.05})  # fmt: skip
    assert not verdict(0.57, 0.558, -0.004).uses_model  # better on average, but not on enough resamples
    not_ready = _verdict({}, ready=False, needed=30, counts=(12, 40))
    assert (not_ready.code, not_ready.params) == (MODEL_NOT_READY, {"positive": 12, "negative": 40, "needed": 30})


def test_storage_is_json_without_personal_data(data, fitted):
    profiles, pairs = data
    model, info = fitted
    stored = json.loads(json.dumps(model.to_dict()))
    text = json.dumps(stored, ensure_ascii=False)
    assert not any(p.member_id in text for p in profiles)  # parameters and figures only
    assert stored["features"] == list(DIRECTIONAL_FEATURES) and stored["version_id"] == model.version_id
    assert stored["evaluation"]["verdict"]["code"] == info.verdict.code
    again = ReciprocalModel.from_dict(stored)
    assert again.may_rank and again.version_id == model.version_id and again.counts == model.counts
    some = [(p.member_a, p.member_b) for p in pairs[:50]]
    assert np.allclose(again.score_pairs(profiles, some).score, model.score_pairs(profiles, some).score)
    for bad, reason in (({**stored, "version": 99}, "format"), ({**stored, "features": ["x"]}, "features"),
                        ({**stored, "heads": {"1": {**stored["heads"]["1"], "coef": [1.0]}}}, "shape")):  # fmt: skip
        with pytest.raises(XzError) as err:
            ReciprocalModel.from_dict(bad)
        assert (err.value.code, err.value.params["reason"]) == ("matching.model.incompatible", reason)


def test_the_version_follows_the_parameters(data):
    profiles, pairs = data
    one = ReciprocalModel(min_per_class=10).fit(profiles, pairs[:2000])
    same = ReciprocalModel(min_per_class=10).fit(profiles, pairs[:2000])
    other = ReciprocalModel(min_per_class=10).fit(profiles, pairs[:2500])
    assert one.version_id == same.version_id != other.version_id


def test_fitting_is_cancellable_and_reports_progress(data):
    profiles, pairs = data
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        fit_with_evaluation(profiles, pairs, cancel=token)
    seen: list[tuple[float, str]] = []
    fit_with_evaluation(profiles, pairs[:1500], n_splits=3, n_resamples=20, progress=lambda f, c: seen.append((f, c)))
    assert seen[0] == (0.0, "matching.fit.features") and seen[-1] == (1.0, "matching.fit.done")
    assert "matching.eval.fold" in {c for _, c in seen}
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)


def test_evaluation_needs_groups_and_both_outcomes(data):
    profiles, pairs = data
    with pytest.raises(XzError) as err:
        evaluate_matching(profiles, [p for p in pairs if p.group in ("e00", "e01")], n_splits=5)
    assert (err.value.code, err.value.params) == ("matching.eval.too_few_groups", {"groups": 2, "n_splits": 5})
    nobody = [LabelledPairRow(p.member_a, p.member_b, None, "event", p.group, a_yes=False, b_yes=False)
              for p in pairs]  # fmt: skip
    with pytest.raises(XzError) as err:
        evaluate_matching(profiles, nobody, n_splits=4)
    assert err.value.code == "matching.eval.one_class"
