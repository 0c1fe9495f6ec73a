"""Evaluation measures, exact and small enough to check by hand.

- `auc(y, s)`: area under the ROC curve with ties counted one half (the Mann-Whitney statistic;
  equals sklearn's roc_auc_score). `weighted_aucs(y, s, groups, M)`: the same for many weightings
  of the groups at once (M: resamples x groups multiplicities), for the bootstrap.
- `bootstrap_over_groups`: resample whole groups (events) with replacement; returns the
  multiplicities, so paired comparisons use the same resamples for every score.
- `top_k_hit_rates`: for each person in each group who has at least one positive, the chance
  that one of their k best-scored partners is a positive, ties broken at random (exact
  expectation: a constant score gives the random baseline).
- `reliability` and `brier`: calibration of probabilities.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_CHUNK = 16


def weighted_aucs(y: np.ndarray, s: np.ndarray, groups: np.ndarray, M: np.ndarray) -> np.ndarray:
    """AUC of scores `s` for labels `y` under each row of group multiplicities `M` (R x G);
    `groups` holds each item's group index 0..G-1. NaN where a weighting has no positive or no
    negative."""
    from scipy import sparse  # here, not at the top: ranking imports this module, only evaluation needs scipy

    y = np.asarray(y, dtype=np.float64)
    values, inv = np.unique(np.asarray(s, dtype=np.float64), return_inverse=True)
    G = M.shape[1]
    shape = (G, values.size)
    pos = sparse.csr_matrix((y, (groups, inv)), shape=shape)
    neg = sparse.csr_matrix((1.0 - y, (groups, inv)), shape=shape)
    out = np.empty(M.shape[0])
    for start in range(0, M.shape[0], _CHUNK):
        m = np.asarray(M[start : start + _CHUNK], dtype=np.float64)
        P = np.asarray((pos.T @ m.T).T)  # weighted positives per distinct score
        N = np.asarray((neg.T @ m.T).T)
        below = np.cumsum(N, axis=1) - N
        num = (P * (below + 0.5 * N)).sum(axis=1)
        den = P.sum(axis=1) * N.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[start : start + m.shape[0]] = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return out


def auc(y: Sequence[float] | np.ndarray, s: Sequence[float] | np.ndarray) -> float:
    """AUC with ties counted one half; NaN without both classes."""
    y = np.asarray(y, dtype=np.float64)
    return float(weighted_aucs(y, np.asarray(s), np.zeros(y.size, dtype=np.int64), np.ones((1, 1)))[0])


def bootstrap_over_groups(n_groups: int, n_resamples: int, *, seed: int = 0) -> np.ndarray:
    """Multiplicities (n_resamples x n_groups) of groups drawn with replacement."""
    rng = np.random.default_rng(seed)
    return rng.multinomial(n_groups, np.full(n_groups, 1.0 / n_groups), size=n_resamples).astype(np.float64)


def interval(values: np.ndarray, *, level: float = 0.95) -> tuple[float, float]:
    """Percentile interval of bootstrap values (NaNs ignored)."""
    v = values[~np.isnan(values)]
    if v.size == 0:
        return float("nan"), float("nan")
    tail = (1 - level) / 2 * 100
    lo, hi = np.percentile(v, [tail, 100 - tail])
    return float(lo), float(hi)


def _hit(order_scores: np.ndarray, order_labels: np.ndarray, k: int) -> float:
    """expected_hit on scores sorted best first (labels in the same order)."""
    n = order_scores.size
    if n <= k:
        return float(order_labels.any())
    cut = order_scores[k - 1]
    above = order_scores > cut
    if order_labels[above].any():
        return 1.0
    tied = order_scores == cut
    n_tied, pos_tied = int(tied.sum()), int(order_labels[tied].sum())
    take = k - int(above.sum())
    return 1.0 - math.comb(n_tied - pos_tied, take) / math.comb(n_tied, take)


def expected_hit(scores: np.ndarray, labels: np.ndarray, k: int) -> float:
    """Chance that the k best-scored items hold a positive, ties at the cut broken at random."""
    order = np.argsort(-scores, kind="stable")
    return _hit(scores[order], labels[order], k)


def person_sets(groups: Sequence[str], member_a: Sequence[str], member_b: Sequence[str]) -> list[np.ndarray]:
    """For each person in each group, the indices of the pairs they are in."""
    met: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (g, a, b) in enumerate(zip(groups, member_a, member_b, strict=True)):
        met[(g, a)].append(i)
        met[(g, b)].append(i)
    return [np.array(idx, dtype=np.int64) for idx in met.values()]


def top_k_hit_rates(
    sets: Sequence[np.ndarray], labels: np.ndarray, scores: np.ndarray, ks: Sequence[int]
) -> tuple[dict[int, float], int]:
    """({k: mean expected hit over people with a positive partner in their group}, how many
    people). `sets` from `person_sets`."""
    hits: dict[int, list[float]] = {k: [] for k in ks}
    positive = labels.astype(bool)
    for idx in sets:
        lab = positive[idx]
        if lab.any():
            sc = scores[idx]
            order = np.argsort(-sc, kind="stable")  # once per person, for every k
            sc, lab = sc[order], lab[order]
            for k in ks:
                hits[k].append(_hit(sc, lab, k))
    people = len(hits[ks[0]]) if ks else 0
    return {k: (float(np.mean(v)) if v else float("nan")) for k, v in hits.items()}, people


@dataclass(frozen=True)
class ReliabilityBinInfo:
    p_low: float  # predicted probabilities in [p_low, p_high]
    p_high: float
    n: int
    mean_predicted: float
    observed_rate: float


def reliability(y: np.ndarray, p: np.ndarray, *, bins: int = 10) -> tuple[ReliabilityBinInfo, ...]:
    """Reliability bins of equal counts (deciles of the prediction): predicted against observed."""
    if p.size == 0:
        return ()
    order = np.argsort(p, kind="stable")
    out = []
    for chunk in np.array_split(order, min(bins, p.size)):
        if chunk.size:
            out.append(ReliabilityBinInfo(float(p[chunk].min()), float(p[chunk].max()), int(chunk.size),
                                          float(p[chunk].mean()), float(y[chunk].mean())))  # fmt: skip
    return tuple(out)


def brier(y: np.ndarray, p: np.ndarray) -> float:
    """Mean squared error of probabilities."""
    return float(np.mean((np.asarray(p, dtype=np.float64) - y) ** 2)) if y.size else float("nan")
