"""Labels (each side's own answer, what they imply, merging) and the evaluation measures against
cases computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from xzdesk.domain.errors import XzError
from xzdesk.domain.matching import LabelledPairRow, merge_labels
from xzdesk.domain.matching import metrics as M
from xzdesk.domain.matching.labels import directed_answers


# --- labels -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("given", "expected"), [
    # (label, a_yes, b_yes) -> completed (label, a_yes, b_yes)
    ((None, True, False), (False, True, False)),
    ((None, True, True), (True, True, True)),
    ((True, None, None), (True, True, True)),  # a mutual match: both said yes
    ((False, True, None), (False, True, False)),  # not mutual and A said yes: B said no
    ((False, None, True), (False, False, True)),
    ((None, False, None), (False, False, None)),  # one no: not mutual, B unknown
    ((False, None, None), (False, None, None)),  # an outcome "no interest": who said no is unknown
    ((None, True, None), (None, True, None)),  # B has not answered yet
])  # fmt: skip
def test_a_label_completes_what_its_facts_imply(given, expected):
    label, a, b = given
    row = LabelledPairRow("a", "b", label, "event", "g", a_yes=a, b_yes=b)
    assert (row.label, row.a_yes, row.b_yes) == expected
    assert row.directional == (expected[1] is not None or expected[2] is not None)


@pytest.mark.parametrize("given", [(True, False, None), (True, None, False), (False, True, True)])
def test_contradicting_facts_are_refused(given):
    label, a, b = given
    with pytest.raises(XzError) as err:
        LabelledPairRow("a", "b", label, "event", "g", a_yes=a, b_yes=b)
    assert err.value.code == "matching.labels.contradict"


def test_merge_combines_facts_of_one_pair_group_and_source():
    rows = [
        LabelledPairRow("m", "w", None, "introduction", "i1", a_yes=True),
        LabelledPairRow("w", "m", None, "introduction", "i1", a_yes=False),  # the other side, other order
        LabelledPairRow("m", "w", False, "outcome", "i1"),  # another question: stays its own row
        LabelledPairRow("m", "w", None, "event", "e1", a_yes=True, b_yes=True),
    ]
    merged = merge_labels(rows)
    assert [(r.member_a, r.member_b, r.source, r.label, r.a_yes, r.b_yes) for r in merged] == [
        ("m", "w", "introduction", False, True, False),
        ("m", "w", "outcome", False, None, None),
        ("m", "w", "event", True, True, True),
    ]
    assert directed_answers(merged) == [("m", "w", True), ("w", "m", False), ("m", "w", True), ("w", "m", True)]


def test_a_later_contradicting_row_replaces_the_earlier():
    first = LabelledPairRow("m", "w", None, "event", "e", a_yes=True, b_yes=False)
    later = LabelledPairRow("m", "w", True, "event", "e")  # corrected: a mutual match after all
    assert merge_labels([first, later]) == [later]


# --- AUC --------------------------------------------------------------------------------------------
def test_auc_by_hand_with_ties():
    # Positives scored 0.9 and 0.5, negatives 0.5, 0.1, 0.1: of the 6 (positive, negative) pairs,
    # 5 are ordered right and one is a tie (0.5 vs 0.5, counts one half): 5.5 / 6.
    y, s = [1, 1, 0, 0, 0], [0.9, 0.5, 0.5, 0.1, 0.1]
    assert M.auc(y, s) == pytest.approx(5.5 / 6)
    assert M.auc(y, s) == pytest.approx(roc_auc_score(y, s))
    assert M.auc([1, 0], [0.3, 0.3]) == 0.5  # a constant score is a coin
    assert math.isnan(M.auc([1, 1], [0.2, 0.4]))  # one class only


def test_weighted_aucs_equal_the_auc_of_the_resampled_data():
    rng = np.random.default_rng(1)
    y = rng.random(60) < 0.3
    s = np.round(rng.random(60), 1)  # many ties
    groups = np.repeat(np.arange(6), 10)
    mult = np.array([[2, 0, 1, 1, 0, 2], [1, 1, 1, 1, 1, 1], [0, 0, 3, 0, 3, 0]], dtype=float)
    got = M.weighted_aucs(y, s, groups, mult)
    for row, value in zip(mult, got, strict=True):
        keep = np.repeat(np.arange(60), row[groups].astype(int))
        assert value == pytest.approx(roc_auc_score(y[keep], s[keep]))


def test_bootstrap_draws_whole_groups_and_the_interval_brackets():
    mult = M.bootstrap_over_groups(5, 200, seed=3)
    assert mult.shape == (200, 5) and np.all(mult.sum(axis=1) == 5)
    assert np.array_equal(mult, M.bootstrap_over_groups(5, 200, seed=3))
    assert M.interval(np.arange(101, dtype=float)) == pytest.approx((2.5, 97.5))
    assert M.interval(np.array([np.nan, 1.0, 1.0])) == (1.0, 1.0)


# --- top-k --------------------------------------------------------------------------------------------
def test_expected_hit_by_hand():
    labels = np.array([False, True, False, False])
    assert M.expected_hit(np.array([0.9, 0.8, 0.1, 0.0]), labels, 1) == 0.0
    assert M.expected_hit(np.array([0.9, 0.8, 0.1, 0.0]), labels, 2) == 1.0
    # All tied: the random baseline, 1 - C(3, 1) / C(4, 1) = 1/4 for k = 1; 1 - C(3,2)/C(4,2) = 1/2.
    flat = np.zeros(4)
    assert M.expected_hit(flat, labels, 1) == pytest.approx(0.25)
    assert M.expected_hit(flat, labels, 2) == pytest.approx(0.5)
    # One above the cut (a miss), two tied at the cut for one place, one of them positive: 1/2.
    assert M.expected_hit(np.array([0.9, 0.5, 0.5, 0.1]), labels, 2) == pytest.approx(0.5)
    assert M.expected_hit(np.array([0.2, 0.1]), np.array([False, True]), 5) == 1.0  # fewer than k met


def test_top_k_counts_each_person_in_each_group_with_a_match():
    groups = ["e1"] * 4 + ["e2"]
    a = ["m1", "m1", "m2", "m2", "m1"]
    b = ["w1", "w2", "w1", "w2", "w1"]
    y = np.array([1, 0, 0, 0, 1], dtype=float)
    s = np.array([0.2, 0.9, 0.5, 0.1, 0.3])
    sets = M.person_sets(groups, a, b)
    rates, people = M.top_k_hit_rates(sets, y, s, (1, 2))
    # People with a match: (e1, m1): w2 ranked above w1 -> top-1 miss, top-2 hit; (e1, w1): m2 (0.5)
    # above m1 (0.2) -> miss, hit; (e2, m1) and (e2, w1): one partner, a hit.
    assert people == 4
    assert rates == {1: pytest.approx(0.5), 2: pytest.approx(1.0)}


# --- calibration --------------------------------------------------------------------------------------
def test_reliability_and_brier_by_hand():
    y = np.array([0, 0, 1, 1], dtype=float)
    p = np.array([0.1, 0.3, 0.6, 0.8])
    assert M.brier(y, p) == pytest.approx((0.01 + 0.09 + 0.16 + 0.04) / 4)
    bins = M.reliability(y, p, bins=2)
    assert [(b.n, b.mean_predicted, b.observed_rate) for b in bins] == [(2, pytest.approx(0.2), 0.0),
                                                                        (2, pytest.approx(0.7), 1.0)]  # fmt: skip
    assert (bins[0].p_low, bins[1].p_high) == (0.1, 0.8)
