"""What the model sees: each directional feature from a hand-made pair, unknowns as flags, the
ranking shortcut, the rule's new continuous parts, and the collaborative signals by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.domain.matching._factory import person
from xzdesk.domain.matching import DIRECTIONAL_FEATURES, MatchPool, Signals, rank, rule_score, satisfaction
from xzdesk.domain.matching import vector as V
from xzdesk.domain.matching.features import STATIC_FEATURES, static_columns
from xzdesk.domain.matching.geo import district_km
from xzdesk.domain.matching.rules import DISTRICT_OTHER, IMPORTANCE_FACTOR
from xzdesk.domain.matching.signals import SIGNAL_FEATURES, DirectedAnswer
from xzdesk.domain.matching.synthetic import synthetic_profiles


def columns(pool: MatchPool, a: str, b: str, *, all_fit: bool = False) -> dict[str, float]:
    """A's directional features looking at B, by name."""
    with pool.lock:
        sa = V.side(pool, np.array([pool.slot_of(a)]))
        sb = V.side(pool, np.array([pool.slot_of(b)]))
        t = V.pair_terms(pool, sa, sb, V.MatchWeights())
        cols = static_columns(pool, sa, sb, s=t.s_ab, parts=t.parts_ab, inter=t.inter, jac=t.jaccard, km=t.km,
                              all_fit=all_fit)  # fmt: skip
    return {name: float(c[0]) for name, c in zip(STATIC_FEATURES, cols, strict=True)}


@pytest.fixture
def pool() -> MatchPool:
    man = person("m", 1, age=32, height_cm=178, education=21, income_band="100k_200k", district_code="320302",
                 sector="it", occupation="工程师", employer="徐工集团", hobbies=("跑步", "电影", "读书"),
                 req_age_max=30, req_education_min=14, req_importance={"age": 3, "education": 0},
                 req_children_ok=False, req_districts=("320302", "320303"))  # fmt: skip
    woman = person("w", 2, age=34, height_cm=162, education=31, income_band="50k_100k", district_code="320382",
                   sector="it", occupation="工 程师", employer="徐工 集团", hobbies=("电影", "读书", "烹饪"),
                   children="living_with", marital_status=40)  # fmt: skip
    blank = person("x", 2, age=None, height_cm=None, education=None, district_code="110101", hobbies=())
    others = [person(f"o{i}", 1 + i % 2, hobbies=(f"h{i}",)) for i in range(6)]  # 4 + 6 tags in all
    return MatchPool.from_profiles([man, woman, blank, *others])


def test_every_feature_is_named_once():
    assert len(set(DIRECTIONAL_FEATURES)) == len(DIRECTIONAL_FEATURES) == len(STATIC_FEATURES) + len(SIGNAL_FEATURES)


def test_directional_features_of_a_known_pair(pool):
    f = columns(pool, "m", "w")
    # Age: B minus A in decades (exact ages, both x.5), 4 years over A's maximum of 30.
    assert f["age_diff"] == pytest.approx(0.2) and f["age_diff_sq"] == pytest.approx(0.04)
    assert f["age_unknown"] == 0 and f["age_outside"] == pytest.approx(4 / 5)
    assert f["height_diff"] == pytest.approx(-1.6) and f["height_unknown"] == 0 and f["height_outside"] == 0
    assert f["b_height_z"] == pytest.approx((162 - 160) / 7)
    assert f["edu_diff"] == -1 and f["edu_unknown"] == 0 and f["edu_below_min"] == 2  # 专科 vs a 硕士 minimum
    assert f["income_diff"] == -1 and f["income_unknown"] == 0 and f["b_income_level"] == pytest.approx(2 / 5)
    assert (f["b_prev_married"], f["b_has_children"], f["marital_unwanted"], f["children_unwanted"]) == (1, 1, 0, 1)
    assert f["log_km"] == pytest.approx(math.log1p(district_km("320302", "320382")))
    assert (f["km_unknown"], f["same_district"], f["district_unlisted"]) == (0, 0, 1)
    # Work: same sector, and occupation and employer compared as normalised text.
    assert (f["same_sector"], f["sector_unknown"], f["same_occupation"], f["same_employer"]) == (1, 0, 1, 1)
    # Interests: 2 common of 4 -> Jaccard 1/2; phi over the pool's vocabulary of 10 tags.
    n, na, nb, both = 10, 3, 3, 2
    assert f["tag_jaccard"] == pytest.approx(0.5) and f["tag_common"] == pytest.approx(math.log1p(2))
    assert f["tag_phi"] == pytest.approx((both * n - na * nb) / math.sqrt(na * (n - na) * nb * (n - nb)))
    # A states 4 requirements; B breaks age (very important: x2), education (irrelevant: x0),
    # children (not said: x1) and districts (x1).
    assert f["a_n_req"] == 4
    expected = IMPORTANCE_FACTOR[3] + IMPORTANCE_FACTOR[0] + 2 * IMPORTANCE_FACTOR[None]
    assert f["imp_broken"] == pytest.approx(expected)
    assert f["log_sat"] == pytest.approx(math.log(satisfaction(pool.get("m"), pool.get("w"))))


def test_the_other_direction_is_another_row(pool):
    f = columns(pool, "w", "m")
    assert f["age_diff"] == pytest.approx(-0.2) and f["age_outside"] == 0 and f["imp_broken"] == 0
    assert f["b_height_z"] == pytest.approx((178 - 172) / 7) and f["b_has_children"] == 0


def test_unknown_values_are_flags_not_zeros(pool):
    f = columns(pool, "m", "x")
    assert (f["age_unknown"], f["age_diff"], f["age_outside"]) == (1, 0, 0)  # broken, but counted as unknown
    assert (f["height_unknown"], f["height_diff"], f["b_height_z"]) == (1, 0, 0)
    assert (f["edu_unknown"], f["edu_diff"], f["edu_below_min"]) == (1, 0, 0)
    assert (f["km_unknown"], f["log_km"]) == (1, 0)  # a district outside Xuzhou's table
    assert (f["tags_unknown"], f["tag_phi"], f["sector_unknown"], f["same_employer"]) == (1, 0, 1, 0)
    assert all(math.isfinite(v) for v in f.values())


def test_the_ranking_shortcut_only_zeroes_the_broken_columns(pool):
    full, short = columns(pool, "m", "w"), columns(pool, "m", "w", all_fit=True)
    broken = {"marital_unwanted", "children_unwanted", "district_unlisted", "imp_broken"}
    assert {k for k in full if full[k] != short[k]} <= broken
    assert all(short[k] == 0 for k in broken)


# --- the rule: continuous parts and importance -----------------------------------------------------
def test_distance_between_districts_is_continuous():
    me = person("a", 1, district_code="320302")
    near, far = person("n", 2, district_code="320303"), person("f", 2, district_code="320381")
    same, away = person("s", 2, district_code="320302"), person("o", 2, district_code="110101")
    s = {p.member_id: satisfaction(me, p, weights=V.MatchWeights(w_age=0, w_height=0, w_education=0))
         for p in (near, far, same, away)}  # fmt: skip
    assert s["s"] == 1.0 and s["s"] > s["n"] > s["f"] > DISTRICT_OTHER and s["o"] == pytest.approx(DISTRICT_OTHER)


def test_importance_weighs_the_components_and_not_said_changes_nothing():
    young = person("y", 2, age=27, education=61)  # exactly the ages A wants, far below A's schooling
    said_nothing = person("a", 1, age=40, req_age_min=24, req_age_max=30, education=21)
    very = person("a", 1, age=40, req_age_min=24, req_age_max=30, education=21, req_importance={"age": 3})
    somewhat = person("a", 1, age=40, req_age_min=24, req_age_max=30, education=21, req_importance={"age": 2})
    irrelevant = person("a", 1, age=40, req_age_min=24, req_age_max=30, education=21, req_importance={"age": 0})
    assert satisfaction(somewhat, young) == satisfaction(said_nothing, young)
    # The age fits perfectly, education does not: the more age matters, the higher the satisfaction.
    assert satisfaction(very, young) > satisfaction(said_nothing, young) > satisfaction(irrelevant, young)


def test_the_rule_rarely_ties_and_the_vectorised_form_agrees():
    profiles = synthetic_profiles(2000, seed=8, all_eligible=True, open_rate=0.0)
    pool = MatchPool.from_profiles(profiles)
    me = profiles[0].member_id
    rows = rank(pool, me, k=1000)
    scores = [r.score for r in rows]
    assert len(rows) > 100 and len(set(scores)) > 0.95 * len(scores)
    by_id = {p.member_id: p for p in profiles}
    for r in rows[:40]:
        assert r.rule_score == pytest.approx(rule_score(by_id[me], by_id[r.member_id]))


# --- collaborative signals -------------------------------------------------------------------------
ANSWERS = [DirectedAnswer(*a) for a in [
    ("m1", "w1", True), ("m1", "w2", True), ("m2", "w1", True), ("m2", "w2", True), ("m2", "w3", False),
    ("m3", "w1", True), ("m3", "w3", False), ("w1", "m1", False),
]]  # fmt: skip


def test_signals_by_hand():
    sig = Signals.from_answers(ANSWERS)
    rate = 5 / 8
    cols = dict(zip(SIGNAL_FEATURES, sig.columns_for(["m3", "m1", "x"], ["w2", "w3", "w1"]), strict=True))

    def log_odds(p: float) -> float:
        return math.log(p / (1 - p))

    # w2 got 2 yes of 2, w3 0 of 2 (shrunk towards the rate with 4 pseudo-answers); x is unseen.
    assert cols["b_popularity"][0] == pytest.approx(log_odds((2 + 4 * rate) / 6) - log_odds(rate))
    assert cols["b_popularity"][1] == pytest.approx(log_odds((0 + 4 * rate) / 6) - log_odds(rate))
    assert cols["b_seen"][:2] == pytest.approx([math.log1p(2), math.log1p(2)])
    assert cols["a_selectivity"][0] == pytest.approx(log_odds((1 + 4 * rate) / 6) - log_odds(rate))
    assert (cols["a_selectivity"][2], cols["a_seen"][2], cols["cf_known"][2]) == (0, 0, 0)
    # Item-item: w1 was liked by m1, m2, m3 and w2 by m1, m2: cosine 2 / sqrt(3 * 2). m3 liked only
    # w1, so m3 -> w2 scores that similarity; m1 liked w1 and w2, neither like w3: 0.
    assert cols["cf_score"][0] == pytest.approx(2 / math.sqrt(6))
    assert cols["cf_score"][1] == 0 and cols["cf_known"][:2].tolist() == [1, 1]


def test_signals_for_a_ranking_equal_the_pairwise_ones():
    profiles = [person(m, 1) for m in ("m1", "m2", "m3")] + [person(w, 2) for w in ("w1", "w2", "w3", "w4")]
    pool = MatchPool.from_profiles(profiles)
    sig = Signals.from_answers(ANSWERS)
    women = np.array([pool.slot_of(w) for w in ("w1", "w2", "w3", "w4")])
    with pool.lock:
        forward, backward = sig.columns_for_query(pool, pool.slot_of("m3"), women)
    ids = ["w1", "w2", "w3", "w4"]
    for got, want in zip(forward, sig.columns_for(["m3"] * 4, ids), strict=True):
        assert np.allclose(got, want)
    for got, want in zip(backward, sig.columns_for(ids, ["m3"] * 4), strict=True):
        assert np.allclose(got, want)
