"""Outcome model: recovers planted preferences on held-out events, readiness, storage, use in rank."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.domain.matching._factory import person
from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.matching import (
    FEATURE_NAMES,
    LabelledPairRow,
    MatchPool,
    MatchWeights,
    OutcomeModel,
    evaluate_outcome_model,
    rank,
    synthetic_dataset,
    synthetic_profiles,
)
from xzdesk.domain.progress import CancelToken


@pytest.fixture(scope="module")
def dataset():
    return synthetic_dataset(n_members=1500, n_events=50, n_introductions=120, seed=11)


def test_synthetic_data_is_deterministic_and_labelled(dataset):
    again = synthetic_dataset(n_members=1500, n_events=50, n_introductions=120, seed=11)
    assert again.pairs == dataset.pairs and again.profiles == dataset.profiles
    other = synthetic_dataset(n_members=1500, n_events=50, n_introductions=120, seed=12)
    assert other.pairs != dataset.pairs
    sources = {p.source for p in dataset.pairs}
    assert sources == {"event", "introduction"}
    labels = np.array([p.label for p in dataset.pairs if p.source == "event"])
    assert 0.03 < labels.mean() < 0.5  # mutual interest is the minority, but not rare
    assert len({p.group for p in dataset.pairs if p.source == "event"}) == 50
    # Hidden traits never appear in the profiles.
    assert not hasattr(dataset.profiles[0], "appeal")


def test_model_beats_rules_and_random_on_held_out_events(dataset):
    info = evaluate_outcome_model(dataset.profiles, dataset.pairs, n_splits=5)
    assert info.folds_model_ready == 5
    assert info.n_event_pairs == sum(1 for p in dataset.pairs if p.source == "event")
    assert info.auc_model > 0.75
    assert info.auc_model > info.auc_rule + 0.03
    assert info.auc_rule > 0.6  # the stated requirements carry real signal too
    assert abs(info.auc_random - 0.5) < 0.06
    assert info.top5_model >= info.top5_rule > info.top5_random


def test_model_recovers_the_planted_preferences(dataset):
    model = OutcomeModel().fit(dataset.profiles, dataset.pairs)
    coef = model.coefficients()
    # Planted: education similarity, same district, both sides' stated requirements met.
    assert coef["edu_absdiff"] < -0.5
    assert coef["same_district"] > 0.1
    assert coef["fits_m"] > 0.3 and coef["fits_w"] > 0.3


def test_model_learns_a_preference_the_rules_do_not_know():
    # The rules ignore income; here mutual interest means "same income band" (10 % label noise).
    rng = np.random.default_rng(5)
    bands = ("lt50k", "50k_100k", "100k_200k", "200k_300k")
    profiles = [
        person(f"p{i}", 1 + i % 2, age=int(rng.integers(25, 40)), income_band=bands[int(rng.integers(4))])
        for i in range(400)
    ]
    men = [p for p in profiles if p.sex == 1]
    women = [p for p in profiles if p.sex == 2]
    pairs = []
    for g in range(40):
        for i in rng.choice(len(men), 8, replace=False):
            for j in rng.choice(len(women), 8, replace=False):
                same = men[i].income_band == women[j].income_band
                label = same if rng.random() > 0.1 else not same
                pairs.append(LabelledPairRow(men[i].member_id, women[j].member_id, bool(label), "event", f"e{g}"))
    info = evaluate_outcome_model(profiles, pairs, n_splits=4)
    assert info.auc_model > 0.8
    assert abs(info.auc_rule - 0.5) < 0.1
    assert info.top5_model > info.top5_rule


def test_not_ready_below_min_labels_and_rank_falls_back_to_rules():
    profiles = synthetic_profiles(200, seed=3, all_eligible=True)
    pool = MatchPool.from_profiles(profiles)
    ids = pool.ids()
    pairs = [LabelledPairRow(ids[i], ids[i + 1], label=i % 8 == 0, group=f"g{i}") for i in range(0, 80, 2)]
    model = OutcomeModel(min_per_class=30).fit(pool, pairs)
    assert (model.n_positive, model.n_negative) == (10, 30)
    assert not model.is_ready
    me = next(p.member_id for p in profiles if p.sex == 1)
    plain = rank(pool, me, k=10)
    with_model = rank(pool, me, k=10, model=model)
    assert [(r.member_id, r.score) for r in with_model] == [(r.member_id, r.score) for r in plain]
    assert all(r.model_score is None for r in with_model)
    with pytest.raises(XzError):
        model.score_pairs(pool, [(ids[0], ids[1])])


def test_rank_blends_a_ready_model(dataset):
    model = OutcomeModel().fit(dataset.profiles, dataset.pairs)
    assert model.is_ready
    pool = MatchPool.from_profiles(dataset.profiles)
    me = next(p.member_id for p in dataset.profiles if p.status == "active" and p.verified
              and p.consent_matching and not p.fraud_flag)
    for weights in (MatchWeights(), MatchWeights(w_age=3.0, model_blend=0.8, mean="harmonic")):
        rows = rank(pool, me, k=20, model=model, weights=weights)
        assert rows
        p = model.score_pairs(pool, [(me, r.member_id) for r in rows])
        for r, prob in zip(rows, p, strict=True):
            assert r.model_score == pytest.approx(prob)
            blended = (1 - weights.model_blend) * r.rule_score + weights.model_blend * prob
            assert r.score == pytest.approx(blended * r.damping)
            assert ("model_score", {"p": round(float(prob), 3)}) in r.factors
        assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    # model_blend = 0 switches the model off.
    rows = rank(pool, me, k=5, model=model, weights=MatchWeights(model_blend=0.0))
    assert all(r.model_score is None for r in rows)


def test_model_is_symmetric_in_pair_order(dataset):
    model = OutcomeModel().fit(dataset.profiles, dataset.pairs)
    pairs = [(p.member_a, p.member_b) for p in dataset.pairs[:50]]
    fwd = model.score_pairs(dataset.profiles, pairs)
    back = model.score_pairs(dataset.profiles, [(b, a) for a, b in pairs])
    assert np.allclose(fwd, back)


def test_round_trip_through_json(dataset):
    model = OutcomeModel(c=0.5, weights=MatchWeights(w_age=2.0)).fit(dataset.profiles, dataset.pairs)
    stored = json.loads(json.dumps(model.to_dict()))
    again = OutcomeModel.from_dict(stored)
    assert again.is_ready and again.c == 0.5 and again.weights == model.weights
    pairs = [(p.member_a, p.member_b) for p in dataset.pairs[:100]]
    assert np.allclose(again.score_pairs(dataset.profiles, pairs), model.score_pairs(dataset.profiles, pairs))
    assert stored["features"] == list(FEATURE_NAMES)
    unfitted = OutcomeModel.from_dict(json.loads(json.dumps(OutcomeModel().to_dict())))
    assert not unfitted.is_ready
    for bad in ({**stored, "version": 99}, {**stored, "features": ["x"]}, {**stored, "coef": [1.0]}):
        with pytest.raises(XzError) as err:
            OutcomeModel.from_dict(bad)
        assert err.value.code == "matching.model.incompatible"


def test_fit_is_cancellable(dataset):
    token = CancelToken()
    token.cancel()
    model = OutcomeModel()
    with pytest.raises(Cancelled):
        model.fit(dataset.profiles, dataset.pairs, cancel=token)
    assert not model.is_ready


def test_fit_reports_progress(dataset):
    seen = []
    OutcomeModel().fit(dataset.profiles, dataset.pairs[:500], progress=lambda f, code: seen.append((f, code)))
    assert seen[0][0] == 0.0 and seen[-1] == (1.0, "matching.fit.done")
