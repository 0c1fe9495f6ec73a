"""Honest evaluation of the outcome model: leave whole events (groups) out.

`evaluate_outcome_model` splits labelled pairs with sklearn's GroupKFold by `group`, so no event
contributes pairs to both the fitted and the judged side. Out-of-fold predictions of the model
are compared with the rule score and with a random ranking on the held-out event pairs:

- AUC of mutual interest (sklearn roc_auc_score) over all held-out event pairs;
- top-5 hit rate: for each attendee with at least one mutual match at an event, whether one
  of them is among the 5 partners they met ranked best by the score; for the random ranking
  this is the exact expectation 1 - C(n - m, 5) / C(n, 5).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from xzdesk.domain.errors import XzError
from xzdesk.domain.matching.model import LabelledPairRow, OutcomeModel, pair_feature_matrix
from xzdesk.domain.matching.pool import MatchPool
from xzdesk.domain.matching.profile import MatchProfile
from xzdesk.domain.matching.ranking import rule_scores
from xzdesk.domain.matching.rules import DEFAULT_WEIGHTS, MatchWeights
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress


@dataclass(frozen=True)
class EvaluationInfo:
    n_pairs: int  # all labelled pairs used
    n_event_pairs: int  # held-out event pairs judged
    n_groups: int
    n_splits: int
    positive_rate: float  # among judged event pairs
    auc_model: float
    auc_blend: float  # the score rank() uses: (1 - model_blend) * rule + model_blend * model
    auc_rule: float
    auc_random: float
    top5_model: float
    top5_blend: float
    top5_rule: float
    top5_random: float
    n_top5_people: int
    folds_model_ready: int  # folds with enough labels to fit (others fell back to the rule score)


def top_k_hit_rate(
    pairs: Sequence[LabelledPairRow], scores: np.ndarray, *, k: int = 5
) -> tuple[float, float, int]:
    """(hit rate of `scores`, expected hit rate of a random ranking, people counted)."""
    met: defaultdict[tuple[str, str], list[tuple[float, bool]]] = defaultdict(list)
    for p, s in zip(pairs, scores, strict=True):
        met[(p.group, p.member_a)].append((float(s), bool(p.label)))
        met[(p.group, p.member_b)].append((float(s), bool(p.label)))
    hits = 0.0
    rand = 0.0
    people = 0
    for seen in met.values():
        positives = sum(1 for _, y in seen if y)
        if positives == 0:
            continue
        people += 1
        n = len(seen)
        best = sorted(seen, key=lambda t: -t[0])[:k]
        hits += any(y for _, y in best)
        rand += 1.0 - (math.comb(n - positives, k) / math.comb(n, k) if n >= k else 0.0)
    if people == 0:
        return float("nan"), float("nan"), 0
    return hits / people, rand / people, people


def evaluate_outcome_model(
    profiles: MatchPool | Iterable[MatchProfile],
    pairs: Sequence[LabelledPairRow],
    *,
    n_splits: int = 5,
    c: float = 1.0,
    min_per_class: int = 30,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    seed: int = 0,
    cancel: CancelToken = NEVER_CANCELLED,
    progress: Progress = no_progress,
) -> EvaluationInfo:
    """Leave-whole-events-out validation. Raises XzError("matching.eval.too_few_groups")."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    pool = profiles if isinstance(profiles, MatchPool) else MatchPool.from_profiles(profiles)
    groups = np.array([p.group for p in pairs])
    if len(set(groups.tolist())) < n_splits:
        raise XzError("matching.eval.too_few_groups", groups=len(set(groups.tolist())), n_splits=n_splits)
    ids = [(p.member_a, p.member_b) for p in pairs]
    y = np.array([bool(p.label) for p in pairs])
    X = pair_feature_matrix(pool, ids, weights=weights, cancel=cancel)
    rule = rule_scores(pool, ids, weights=weights)
    oof = rule.copy()  # a fold without a ready model falls back to the rule score
    ready = 0
    for fold, (train, test) in enumerate(GroupKFold(n_splits=n_splits).split(X, y, groups)):
        cancel.check()
        progress(fold / n_splits, "matching.eval.fold")
        model = OutcomeModel(c=c, min_per_class=min_per_class, weights=weights).fit_features(
            X[train], y[train], cancel=cancel
        )
        if model.is_ready:
            ready += 1
            oof[test] = model.predict_features(X[test])
    progress(1.0, "matching.eval.done")
    ev = np.array([p.source == "event" for p in pairs])
    if not ev.any() or y[ev].all() or not y[ev].any():
        raise XzError("matching.eval.no_event_labels")
    rng = np.random.default_rng(seed)
    random_scores = rng.random(int(ev.sum()))
    blend = (1.0 - weights.model_blend) * rule + weights.model_blend * oof
    ev_pairs = [p for p, e in zip(pairs, ev, strict=True) if e]
    t_model, t_random, people = top_k_hit_rate(ev_pairs, oof[ev])
    t_blend, _, _ = top_k_hit_rate(ev_pairs, blend[ev])
    t_rule, _, _ = top_k_hit_rate(ev_pairs, rule[ev])
    return EvaluationInfo(
        n_pairs=len(pairs),
        n_event_pairs=int(ev.sum()),
        n_groups=len(set(groups.tolist())),
        n_splits=n_splits,
        positive_rate=float(y[ev].mean()),
        auc_model=float(roc_auc_score(y[ev], oof[ev])),
        auc_blend=float(roc_auc_score(y[ev], blend[ev])),
        auc_rule=float(roc_auc_score(y[ev], rule[ev])),
        auc_random=float(roc_auc_score(y[ev], random_scores)),
        top5_model=t_model,
        top5_blend=t_blend,
        top5_rule=t_rule,
        top5_random=t_random,
        n_top5_people=people,
        folds_model_ready=ready,
    )
