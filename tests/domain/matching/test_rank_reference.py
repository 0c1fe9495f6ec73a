"""The vectorised ranking equals the pure-Python, pair-at-a-time reference (rules.py) on small
random pools built through random upserts and removals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xzdesk.domain.matching import MatchPool, MatchProfile, MatchWeights, PairSet, rank
from xzdesk.domain.matching.reference import rank_reference

DISTRICTS = ("320302", "320303", "320311")
TAGS = ("羽毛球", "旅行", "读书", "摄影", "烹饪")


def opt(s):
    """Mostly None: many pairs must pass the filters for the test to bite."""
    return st.sampled_from([False] * 5 + [True]).flatmap(lambda on: s if on else st.none())


@st.composite
def profiles(draw, member_id: str) -> MatchProfile:
    lo = draw(opt(st.integers(20, 40)))
    hi = draw(opt(st.integers(25, 50)))
    hmin = draw(opt(st.integers(150, 172)))
    hmax = draw(opt(st.integers(165, 190)))
    return MatchProfile(
        member_id=member_id,
        sex=draw(st.sampled_from([1, 2] * 5 + [0])),
        age=draw(st.integers(24, 40)),
        height_cm=draw(st.sampled_from([None]) | st.integers(150, 190)),
        education=draw(st.sampled_from([11, 14, 21, 31, 41, 61, 99, None])),
        marital_status=draw(st.sampled_from([10, 10, 10, 40, 30, 90])),
        children=draw(st.sampled_from(["none"] * 4 + ["living_with", "not_living_with"])),
        district_code=draw(st.sampled_from(DISTRICTS)),
        hobbies=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=4))),
        income_band=draw(st.sampled_from(["lt50k", "100k_200k", "unspecified"])),
        req_age_min=lo,
        req_age_max=hi,
        req_height_min=hmin,
        req_height_max=hmax,
        req_education_min=draw(opt(st.sampled_from([21, 31, 61, 71]))),
        req_districts=draw(opt(st.lists(st.sampled_from(DISTRICTS), min_size=1, max_size=2))) or (),
        req_marital=draw(opt(st.lists(st.sampled_from([10, 40, 30]), min_size=1, max_size=2))) or (),
        req_children_ok=draw(st.sampled_from([True] * 5 + [False])),
        status=draw(st.sampled_from(["active"] * 10 + ["paused", "registered"])),
        verified=draw(st.sampled_from([True] * 10 + [False])),
        fraud_flag=draw(st.sampled_from([False] * 12 + [True])),
        consent_matching=draw(st.sampled_from([True] * 12 + [False])),
        open_proposals=draw(st.integers(0, 6)),
    )


@st.composite
def scenarios(draw):
    n = draw(st.integers(2, 18))
    current = {f"p{i}": draw(profiles(f"p{i}")) for i in range(n)}
    pool = MatchPool(capacity=16)
    for p in current.values():
        pool.upsert(p)
    if draw(st.booleans()):
        pool = MatchPool.from_profiles(current.values())
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["update", "remove", "add"]))
        if kind == "remove" and len(current) > 2:
            victim = draw(st.sampled_from(sorted(current)))
            del current[victim]
            pool.remove(victim)
        else:
            member_id = draw(st.sampled_from(sorted(current))) if kind == "update" else f"p{n}"
            n += 1 if kind != "update" else 0
            p = draw(profiles(member_id))
            current[member_id] = p
            pool.upsert(p)
    ids = sorted(current)
    pair = st.tuples(st.sampled_from(ids), st.sampled_from(ids))
    introduced = draw(st.lists(pair, max_size=6))
    blocked = draw(st.lists(pair, max_size=4))
    weights = MatchWeights(
        mean=draw(st.sampled_from(["geometric", "harmonic"])),
        w_age=draw(st.sampled_from([1.0, 0.0, 2.5])),
        w_height=draw(st.sampled_from([0.5, 0.0])),
        w_education=draw(st.sampled_from([0.7, 1.0])),
        w_district=draw(st.sampled_from([0.3, 0.0])),
        w_tags=draw(st.sampled_from([0.25, 0.0, 1.0])),
        damp_a=draw(st.sampled_from([0.2, 0.0, 1.0])),
        damp_b=draw(st.sampled_from([1.0, 0.5, 2.0])),
    )
    return pool, current, introduced, blocked, weights


def assert_same_ranking(got, ref, *, exact_set: bool) -> None:
    got_scores = [r.score for r in got]
    ref_scores = [s for _, s in ref]
    assert got_scores == pytest.approx(ref_scores, rel=1e-9, abs=1e-12)
    if exact_set:
        assert {r.member_id for r in got} == {m for m, _ in ref}
        ref_by_id = dict(ref)
        for r in got:
            assert r.score == pytest.approx(ref_by_id[r.member_id], rel=1e-9, abs=1e-12)
    # Order: identical where scores are clearly apart (ties broken by id on both sides).
    for i, (r, (m, s)) in enumerate(zip(got, ref, strict=True)):
        near = [x for j, x in enumerate(ref_scores) if j != i and abs(x - s) < 1e-9]
        if not near:
            assert r.member_id == m


@given(scenarios(), st.integers(1, 6))
def test_rank_equals_reference(scenario, small_k):
    pool, current, introduced, blocked, weights = scenario
    excl = PairSet(introduced)
    for member_id, _ in sorted(current.items()):
        got = rank(pool, member_id, k=1000, exclude_pairs=excl, blocked=blocked, weights=weights)
        ref = rank_reference(
            current.values(), member_id, k=1000, exclude_pairs=introduced, blocked=blocked, weights=weights
        )
        assert_same_ranking(got, ref, exact_set=True)
        got_k = rank(pool, member_id, k=small_k, exclude_pairs=excl, blocked=blocked, weights=weights)
        assert_same_ranking(got_k, ref[:small_k], exact_set=False)
        assert len(got_k) == min(small_k, len(ref))
