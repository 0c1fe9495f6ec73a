"""Soft score behaviour and the factor codes each result carries."""

from __future__ import annotations

import json
import math

import pytest

from tests.domain.matching._factory import person
from xzdesk.domain.matching import FACTOR_CODES, MatchPool, MatchWeights, rank, rule_scores, satisfaction
from xzdesk.domain.matching.rules import reciprocal


def factor(row, code):
    found = [f for f in row.factors if f.code == code]
    return found[0].params if found else None


def test_factor_codes_and_common_hobbies():
    m = person("m", 1, age=32, height_cm=178, education=14, hobbies=("羽毛球", "旅行", "读书", "电影"),
               req_age_min=26, req_age_max=32, district_code="320302")
    w = person("w", 2, age=29, height_cm=163, education=21, hobbies=("摄影", "旅行", "羽毛球"),
               req_age_min=28, req_age_max=36, req_height_min=172, req_education_min=21,
               district_code="320302", open_proposals=3)
    pool = MatchPool.from_profiles([m, w])
    (row,) = rank(pool, "m")
    codes = [f.code for f in row.factors]
    assert set(codes) <= set(FACTOR_CODES)
    assert codes[0] == "mutual_satisfaction"
    # In the ranked member's order, only what both share.
    assert factor(row, "common_hobbies") == {"tags": ["羽毛球", "旅行"], "similarity": 0.4}
    assert factor(row, "age_fits_both") == {"member_age": 32, "candidate_age": 29}
    assert factor(row, "same_district") == {"district": "320302"}
    assert factor(row, "education_fits") == {"member_education": 14, "candidate_education": 21}
    assert factor(row, "height_fits") == {"member_height": 178, "candidate_height": 163}
    assert factor(row, "damped_popular") == {"open": 3, "factor": round(1 / 1.6, 3)}
    assert factor(row, "model_score") is None
    assert factor(row, "mutual_satisfaction")["member"] == round(row.satisfaction_member, 3)
    # Params are plain JSON for the UI and for storing the suggestion.
    json.dumps([list(f) for f in row.factors], ensure_ascii=False)
    # From her side the same pair, her hobbies' order, no damping (his open count is 0).
    (back,) = rank(pool, "w")
    assert factor(back, "common_hobbies")["tags"] == ["旅行", "羽毛球"]
    assert factor(back, "damped_popular") is None
    assert back.satisfaction_member == pytest.approx(row.satisfaction_candidate)


def test_no_hobby_factor_without_common_tags_and_district_accepted():
    m = person("m", 1, hobbies=("读书",), district_code="320303", req_districts=("320311", "320303"))
    w = person("w", 2, hobbies=("游泳",), district_code="320311")
    (row,) = rank(MatchPool.from_profiles([m, w]), "m")
    assert factor(row, "common_hobbies") is None and row.tag_similarity == 0.0
    assert factor(row, "same_district") is None
    assert factor(row, "district_accepted") == {"district": "320311"}


def test_candidate_near_the_middle_of_the_range_ranks_higher():
    m = person("m", 1, age=35, req_age_min=26, req_age_max=34)
    ws = [person(f"w{a}", 2, age=a) for a in (26, 30, 34)]
    rows = rank(MatchPool.from_profiles([m, *ws]), "m")
    assert [r.member_id for r in rows][0] == "w30"
    assert rows[0].satisfaction_member == pytest.approx(1.0)


def test_satisfaction_smooth_and_bounded():
    a = person("a", 1, age=30, req_age_min=25, req_age_max=35, req_height_min=160, req_education_min=31)
    last = None
    for age in range(20, 41):
        s = satisfaction(a, person("b", 2, age=age))
        assert 0 < s <= 1
        if last is not None:
            assert abs(s - last) < 0.2  # no jumps
        last = s
    # Education margins and height margins raise satisfaction.
    assert satisfaction(a, person("b", 2, education=14)) > satisfaction(a, person("b", 2, education=31))
    assert satisfaction(a, person("b", 2, height_cm=170)) > satisfaction(a, person("b", 2, height_cm=160))


def test_geometric_and_harmonic_means():
    assert reciprocal(0.9, 0.4, mean="geometric") == pytest.approx(0.6)
    assert reciprocal(0.9, 0.4, mean="harmonic") == pytest.approx(2 * 0.36 / 1.3)
    # A lopsided pair loses more under the harmonic mean than a balanced one.
    m = person("m", 1, age=30, req_age_min=29, req_age_max=31)
    w_lop = person("wl", 2, age=31, req_age_min=22, req_age_max=40)
    pool = MatchPool.from_profiles([m, w_lop])
    g = rule_scores(pool, [("m", "wl")], weights=MatchWeights(mean="geometric", w_tags=0))[0]
    h = rule_scores(pool, [("m", "wl")], weights=MatchWeights(mean="harmonic", w_tags=0))[0]
    assert h < g


def test_fairness_damping_lets_less_busy_candidates_through():
    m = person("m", 1)
    busy = person("busy", 2, hobbies=("读书",), open_proposals=8)
    calm = person("calm", 2, open_proposals=0)
    pool = MatchPool.from_profiles([person("m", 1, hobbies=("读书",)), busy, calm])
    rows = rank(pool, "m")
    assert [r.member_id for r in rows] == ["calm", "busy"]
    assert rows[1].rule_score > rows[0].rule_score  # better on the rules, damped below
    assert rows[1].damping == pytest.approx(1 / (1 + 0.2 * 8))
    undamped = rank(pool, "m", weights=MatchWeights(damp_a=0.0))
    assert [r.member_id for r in undamped] == ["busy", "calm"]
    assert m.open_proposals == 0


def test_scores_are_finite_for_extreme_values():
    a = person("a", 1, age=18, height_cm=250, req_height_min=30000, req_age_max=10**6)
    b = person("b", 2, age=99, height_cm=0, req_height_max=1, education=None)
    pool = MatchPool.from_profiles([a, b])
    s = rule_scores(pool, [("a", "b"), ("b", "a")])
    assert all(math.isfinite(x) and 0 < x <= 1 for x in s)
    assert s[0] == pytest.approx(s[1])
