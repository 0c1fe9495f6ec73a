"""Batch suggestions: nobody double-booked, total score at least the greedy baseline's."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.domain.matching._factory import person
from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.matching import MatchPool, PairSet, batch_suggest, rank, synthetic_profiles
from xzdesk.domain.progress import CancelToken


def check_preview(pool, preview, caseload, per_member, excluded=()):
    counts = Counter()
    seen_pairs = set()
    in_caseload = set(caseload)
    for p in preview.pairs:
        assert p.member_id in in_caseload
        counts[p.member_id] += 1
        counts[p.candidate_id] += 1
        key = frozenset((p.member_id, p.candidate_id))
        assert key not in seen_pairs
        seen_pairs.add(key)
        assert key not in {frozenset(x) for x in excluded}
        # Every suggested pair is one the ranking would show (filters hold both ways).
        assert p.candidate_id in {r.member_id for r in rank(pool, p.member_id, k=10_000, exclude_pairs=excluded)}
    for member, n in counts.items():
        assert n <= (per_member if member in in_caseload else 1), member
    assert preview.total_score == pytest.approx(sum(p.score for p in preview.pairs))


def test_small_contested_case_beats_greedy():
    # Two caseload women both like m1 best; greedy gives m1 to the first and leaves the other
    # with a poor match; the assignment spreads them for a higher total.
    m1 = person("m1", 1, hobbies=("读书", "旅行"))
    m2 = person("m2", 1, age=36, hobbies=("读书",))
    w1 = person("w1", 2, hobbies=("读书", "旅行"))
    w2 = person("w2", 2, hobbies=("读书", "旅行"), req_age_max=37)
    w2_only = person("w3", 2, req_age_max=33)  # accepts only m1
    pool = MatchPool.from_profiles([m1, m2, w1, w2, w2_only])
    caseload = ["w1", "w3"]
    best = batch_suggest(pool, caseload)
    greedy = batch_suggest(pool, caseload, method="greedy")
    check_preview(pool, best, caseload, 1)
    check_preview(pool, greedy, caseload, 1)
    assert best.total_score >= greedy.total_score - 1e-12
    assert {(p.member_id, p.candidate_id) for p in best.pairs} == {("w1", "m2"), ("w3", "m1")}
    assert best.unmatched == () and best.method == "assignment"


def test_caseload_members_paired_with_each_other_count_once():
    pool = MatchPool.from_profiles([person("m", 1), person("w", 2), person("x", 2, age=45)])
    preview = batch_suggest(pool, ["m", "w"])
    assert len(preview.pairs) == 1
    (p,) = preview.pairs
    assert {p.member_id, p.candidate_id} == {"m", "w"} and p.candidate_in_caseload
    check_preview(pool, preview, ["m", "w"], 1)


def test_ineligible_and_unmatched_reported():
    pool = MatchPool.from_profiles([
        person("m", 1), person("paused", 2, status="paused"), person("lonely", 2, req_age_min=60),
    ])
    preview = batch_suggest(pool, ["paused", "lonely", "m"])
    assert preview.ineligible == ("paused",)
    assert set(preview.unmatched) == {"lonely", "m"}
    assert preview.pairs == ()
    with pytest.raises(XzError) as err:
        batch_suggest(pool, ["m"], per_member=2, method="assignment")
    assert err.value.code == "matching.batch.bad_method"


@given(st.integers(0, 10_000), st.integers(4, 30), st.sampled_from([1, 2, 3]))
def test_random_caseloads_never_double_book_and_beat_greedy(seed, caseload_size, per_member):
    profiles = synthetic_profiles(120, seed=seed, all_eligible=True, open_rate=0.5)
    pool = MatchPool.from_profiles(profiles)
    ids = [p.member_id for p in profiles]
    caseload = ids[:caseload_size]
    introduced = PairSet(zip(ids[::7], ids[1::7], strict=False))
    kw = {"per_member": per_member, "candidates_per_member": 8, "exclude_pairs": introduced}
    best = batch_suggest(pool, caseload, **kw)
    greedy = batch_suggest(pool, caseload, method="greedy", **kw)
    check_preview(pool, best, caseload, per_member, excluded=introduced)
    check_preview(pool, greedy, caseload, per_member, excluded=introduced)
    assert best.total_score >= greedy.total_score - 1e-9
    if per_member == 1:  # the two exact methods agree
        other = batch_suggest(pool, caseload, method="b_matching", **kw)
        assert other.total_score == pytest.approx(best.total_score)


def test_batch_is_cancellable():
    pool = MatchPool.from_profiles(synthetic_profiles(50, seed=1, all_eligible=True))
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        batch_suggest(pool, pool.ids()[:5], cancel=token)
