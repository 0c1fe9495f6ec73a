"""Honest evaluation of the learned matcher: leave whole groups (events, introductions) out.

`evaluate_matching(profiles, pairs)` merges the labels (labels.merge_labels), splits the pairs
with GroupKFold by `group` (no event gives pairs to both the fitted and the judged side), fits a
`ReciprocalModel` on each training side (its collaborative signals from the training groups
only) and scores the held-out pairs. It returns the out-of-fold scores and, in the same run,
for the model, the rule score and a random ranking:

- AUC of a mutual yes over the held-out pairs whose outcome is known, with a 95 % interval
  from resampling whole groups (N_RESAMPLES bootstrap resamples, metrics.bootstrap_over_groups);
- the paired difference model - rule on the same resamples (its interval and the share of
  resamples where the model is not better);
- top-k hit rate for k in K_VALUES: per person and group with a mutual match, whether one is
  among their k best-scored partners (ties broken at random; a random ranking is a constant
  score, so its figures are exact expectations and its AUC is 0.5);
- each person's own "yes": AUC of the model's P(yes) against every known answer, and of the
  chooser's rule satisfaction;
- calibration of the model's P(mutual): Brier score (and that of always predicting the base
  rate) and reliability bins.

The verdict (`VerdictInfo`) says whether the model may rank: only when every fold had enough
answers to fit, and the lower end of the interval of (model AUC - rule AUC) is above zero.
Otherwise the rule ranks, and the verdict's code and parameters say why (the UI and the command
line phrase them: "模型在留出的活动上不如规则评分（AUC 0.53 对 0.56），仍用规则排序").

`fit_with_evaluation` evaluates, then fits the model on every pair and attaches the evaluation's
summary (`EvaluationInfo.to_dict`, JSON, no member ids) to it: what retraining produces.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from xzdesk.domain.errors import XzError
from xzdesk.domain.matching import metrics as M
from xzdesk.domain.matching.labels import LabelledPairRow, merge_labels
from xzdesk.domain.matching.model import Head, Prepared, ReciprocalModel, as_pool, prepare
from xzdesk.domain.matching.pool import MatchPool
from xzdesk.domain.matching.profile import MatchProfile
from xzdesk.domain.matching.rules import DEFAULT_WEIGHTS, MatchWeights
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

K_VALUES = (1, 3, 5, 10)
N_RESAMPLES = 1000
LEVEL = 0.95

# Verdict codes (not errors: reasons in words for whoever looks at the ranking).
MODEL_BETTER = "matching.ranking.model_better"
MODEL_WORSE = "matching.ranking.model_worse"
MODEL_NOT_CLEARLY_BETTER = "matching.ranking.model_not_clearly_better"
MODEL_NOT_READY = "matching.ranking.model_not_ready"
VERDICT_CODES = (MODEL_BETTER, MODEL_WORSE, MODEL_NOT_CLEARLY_BETTER, MODEL_NOT_READY)


@dataclass(frozen=True)
class MethodScoresInfo:
    auc: float
    auc_low: float  # 95 % bootstrap interval over groups
    auc_high: float
    top_k: dict[int, float]  # k -> hit rate


@dataclass(frozen=True)
class VerdictInfo:
    uses_model: bool
    code: str  # one of VERDICT_CODES
    params: dict[str, Any]


@dataclass(frozen=True)
class OutOfFoldInfo:
    """Held-out scores, one per merged labelled pair (NaN where the fold's model was not ready)."""

    pairs: tuple[LabelledPairRow, ...]
    a_yes_p: np.ndarray
    b_yes_p: np.ndarray
    model: np.ndarray  # a_yes_p * b_yes_p
    rule: np.ndarray


@dataclass(frozen=True)
class EvaluationInfo:
    n_pairs: int  # merged labelled pairs
    n_judged: int  # pairs whose mutual outcome is known (the AUC and top-k set)
    n_groups: int
    n_splits: int
    positive_rate: float  # mutual among the judged pairs
    n_answers: int  # known directional answers
    folds_ready: int
    model: MethodScoresInfo
    rule: MethodScoresInfo
    random: MethodScoresInfo
    diff: float  # model AUC - rule AUC
    diff_low: float
    diff_high: float
    p_not_better: float  # share of resamples where the model's AUC is not above the rule's
    answers_auc_model: float  # each person's own yes: the model's P(yes)
    answers_auc_rule: float  # ... the chooser's rule satisfaction
    brier_model: float
    brier_base: float  # always predicting the base rate
    calibration: tuple[M.ReliabilityBinInfo, ...]
    top_k_people: int  # people counted for the top-k rates
    n_resamples: int
    verdict: VerdictInfo
    oof: OutOfFoldInfo = field(repr=False, compare=False)
    fold_heads: dict[str, Head] = field(default_factory=dict, repr=False, compare=False)  # the last fold's

    def to_dict(self) -> dict[str, Any]:
        """JSON summary (no member ids, no per-pair scores)."""
        def method(m: MethodScoresInfo) -> dict[str, Any]:
            return {"auc": _r(m.auc), "auc_low": _r(m.auc_low), "auc_high": _r(m.auc_high),
                    "top_k": {str(k): _r(v) for k, v in m.top_k.items()}}  # fmt: skip

        return {
            "n_pairs": self.n_pairs, "n_judged": self.n_judged, "n_groups": self.n_groups, "n_splits": self.n_splits,
            "positive_rate": _r(self.positive_rate), "n_answers": self.n_answers, "folds_ready": self.folds_ready,
            "model": method(self.model), "rule": method(self.rule), "random": method(self.random),
            "diff": _r(self.diff), "diff_low": _r(self.diff_low), "diff_high": _r(self.diff_high),
            "p_not_better": _r(self.p_not_better), "answers_auc_model": _r(self.answers_auc_model),
            "answers_auc_rule": _r(self.answers_auc_rule), "brier_model": _r(self.brier_model),
            "brier_base": _r(self.brier_base),
            "calibration": [[_r(b.mean_predicted), _r(b.observed_rate), b.n] for b in self.calibration],
            "top_k_people": self.top_k_people, "n_resamples": self.n_resamples,
            "verdict": {"uses_model": self.verdict.uses_model, "code": self.verdict.code, "params": self.verdict.params},
        }  # fmt: skip


def display_params(params: dict[str, Any]) -> dict[str, str]:
    """A verdict's parameters as sentences show them: AUCs with two decimals, the lower end of
    the difference with a sign and three, counts as they are (command line and screens alike)."""
    out = {k: str(v) for k, v in params.items()}
    for key in ("auc_model", "auc_rule"):
        if params.get(key) is not None:
            out[key] = f"{float(params[key]):.2f}"
    if params.get("diff_low") is not None:
        out["diff_low"] = f"{float(params['diff_low']):+.3f}"
    return out


def _r(x: float) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), 4)


def _group_index(groups: np.ndarray) -> tuple[np.ndarray, int]:
    _, inv = np.unique(groups.astype(str), return_inverse=True)
    return inv.astype(np.int64), int(inv.max()) + 1 if inv.size else 0


def _method(y: np.ndarray, s: np.ndarray, g: np.ndarray, boot: np.ndarray | None, sets: list[np.ndarray],
            ) -> tuple[MethodScoresInfo, np.ndarray, int]:  # fmt: skip
    """Scores of one method on the judged pairs, and its AUC on each resample (`boot` None: a
    constant score, whose AUC is 0.5 on every resample)."""
    point = M.auc(y, s)
    resampled = M.weighted_aucs(y, s, g, boot) if boot is not None else np.full(1, point)
    lo, hi = M.interval(resampled, level=LEVEL)
    top_k, people = M.top_k_hit_rates(sets, y, s, K_VALUES)
    return MethodScoresInfo(point, lo, hi, top_k), resampled, people


def _verdict(info: dict[str, Any], *, ready: bool, needed: int, counts: tuple[int, int]) -> VerdictInfo:
    if not ready:
        return VerdictInfo(False, MODEL_NOT_READY, {"positive": counts[0], "negative": counts[1], "needed": needed})
    params = {"auc_model": _r(info["auc_model"]), "auc_rule": _r(info["auc_rule"]), "diff_low": _r(info["diff_low"])}
    if info["diff_low"] > 0:
        return VerdictInfo(True, MODEL_BETTER, params)
    if info["auc_model"] <= info["auc_rule"]:
        return VerdictInfo(False, MODEL_WORSE, params)
    return VerdictInfo(False, MODEL_NOT_CLEARLY_BETTER, params)


def _out_of_fold(prep: Prepared, *, n_splits: int, c: float, min_per_class: int, cancel: CancelToken,
                 progress: Progress) -> tuple[np.ndarray, np.ndarray, int, dict[str, Head]]:  # fmt: skip
    from sklearn.model_selection import GroupKFold

    n = len(prep.pairs)
    a_p, b_p = np.full(n, np.nan), np.full(n, np.nan)
    ready = 0
    heads: dict[str, Head] = {}
    folds = GroupKFold(n_splits=n_splits).split(np.zeros(n), groups=prep.groups.astype(str))
    for fold, (train, test) in enumerate(folds):
        cancel.check()
        progress(0.1 + 0.7 * fold / n_splits, "matching.eval.fold")
        model = ReciprocalModel(c=c, min_per_class=min_per_class)
        model.fit_prepared(prep, train, init=heads, cancel=cancel)
        heads = model.heads or heads  # the next fold starts from these coefficients
        if model.is_ready:
            ready += 1
            scores = model.score_prepared(prep, test, prep.signals(train))
            a_p[test], b_p[test] = scores.a_yes_p, scores.b_yes_p
    return a_p, b_p, ready, heads


@dataclass(frozen=True)
class EvaluationSettings:
    """How to evaluate: folds (groups left out at a time), the model's regularisation and
    answers needed per class, the rule weights, bootstrap resamples and their seed."""

    n_splits: int = 5
    c: float = 1.0
    min_per_class: int = 30
    weights: MatchWeights = DEFAULT_WEIGHTS
    n_resamples: int = N_RESAMPLES
    seed: int = 0


def evaluate_prepared(
    prep: Prepared,
    settings: EvaluationSettings = EvaluationSettings(),
    *,
    cancel: CancelToken = NEVER_CANCELLED,
    progress: Progress = no_progress,
) -> EvaluationInfo:
    """`evaluate_matching` on pairs already prepared (and merged)."""
    pairs, n_splits, min_per_class = prep.pairs, settings.n_splits, settings.min_per_class
    n_groups = len(set(prep.groups.astype(str).tolist()))
    if n_groups < max(2, n_splits):
        raise XzError("matching.eval.too_few_groups", groups=n_groups, n_splits=n_splits)
    judged = np.array([p.label is not None for p in pairs], dtype=bool)
    y = np.array([bool(p.label) for p in pairs], dtype=np.float64)
    if not judged.any() or y[judged].all() or not y[judged].any():
        raise XzError("matching.eval.one_class")
    a_p, b_p, ready, heads = _out_of_fold(prep, n_splits=n_splits, c=settings.c, min_per_class=min_per_class,
                                          cancel=cancel, progress=progress)  # fmt: skip
    progress(0.85, "matching.eval.fold")
    model_s = a_p * b_p
    all_ready = ready == n_splits
    yj, gj = y[judged], _group_index(prep.groups[judged])[0]
    sets = M.person_sets([str(g) for g in prep.groups[judged]], [p.member_a for p, j in zip(pairs, judged, strict=True) if j],
                         [p.member_b for p, j in zip(pairs, judged, strict=True) if j])  # fmt: skip
    boot = M.bootstrap_over_groups(int(gj.max()) + 1, settings.n_resamples, seed=settings.seed)
    rule, rule_boot, people = _method(yj, prep.rule[judged], gj, boot, sets)
    random, _, _ = _method(yj, np.full(yj.size, 0.5), gj, None, sets)  # the exact expectation
    if all_ready:
        model, model_boot, _ = _method(yj, model_s[judged], gj, boot, sets)
        diffs = model_boot - rule_boot
        diff_low, diff_high = M.interval(diffs, level=LEVEL)
        p_not_better = float(np.mean(diffs[~np.isnan(diffs)] <= 0)) if np.isfinite(diffs).any() else 1.0
    else:
        nan = float("nan")
        model, diff_low, diff_high, p_not_better = MethodScoresInfo(nan, nan, nan, dict.fromkeys(K_VALUES, nan)), nan, nan, 1.0
    known = ~np.isnan(prep.y)
    p_rows = np.stack([a_p, b_p], axis=1).ravel()
    answers_model = M.auc(prep.y[known], p_rows[known]) if all_ready else float("nan")
    base = float(yj.mean())
    counts = (int(np.nansum(prep.y)), int(np.sum(prep.y == 0)))
    info = {"auc_model": model.auc, "auc_rule": rule.auc, "diff_low": diff_low}
    progress(1.0, "matching.eval.done")
    return EvaluationInfo(
        n_pairs=len(pairs), n_judged=int(judged.sum()), n_groups=n_groups, n_splits=n_splits, positive_rate=base,
        n_answers=int(known.sum()), folds_ready=ready, model=model, rule=rule, random=random,
        diff=model.auc - rule.auc, diff_low=diff_low, diff_high=diff_high, p_not_better=p_not_better,
        answers_auc_model=answers_model, answers_auc_rule=M.auc(prep.y[known], prep.sat[known]),
        brier_model=M.brier(yj, model_s[judged]) if all_ready else float("nan"),
        brier_base=M.brier(yj, np.full(yj.size, base)),
        calibration=M.reliability(yj, model_s[judged]) if all_ready else (), top_k_people=people,
        n_resamples=settings.n_resamples, verdict=_verdict(info, ready=all_ready, needed=min_per_class, counts=counts),
        oof=OutOfFoldInfo(tuple(pairs), a_p, b_p, model_s, prep.rule.copy()), fold_heads=heads,
    )  # fmt: skip


def evaluate_matching(
    profiles: MatchPool | Iterable[MatchProfile],
    pairs: Sequence[LabelledPairRow],
    *,
    cancel: CancelToken = NEVER_CANCELLED,
    progress: Progress = no_progress,
    **settings: Any,
) -> EvaluationInfo:
    """Leave-whole-groups-out evaluation (see the module docstring); `settings` are the fields
    of EvaluationSettings (n_splits=5, c, min_per_class, weights, n_resamples, seed). Raises
    XzError("matching.eval.too_few_groups") with fewer groups than folds,
    XzError("matching.eval.one_class") when the known outcomes are all of one kind, NotFound for
    a member missing from `profiles`, Cancelled."""
    chosen = EvaluationSettings(**settings)
    progress(0.0, "matching.fit.features")
    prep = prepare(as_pool(profiles), merge_labels(pairs), weights=chosen.weights, cancel=cancel)
    return evaluate_prepared(prep, chosen, cancel=cancel, progress=progress)


def fit_with_evaluation(
    profiles: MatchPool | Iterable[MatchProfile],
    pairs: Sequence[LabelledPairRow],
    *,
    cancel: CancelToken = NEVER_CANCELLED,
    progress: Progress = no_progress,
    **settings: Any,
) -> tuple[ReciprocalModel, EvaluationInfo]:
    """Evaluate (leave groups out), then fit on every pair; the model carries the evaluation's
    summary (`model.evaluation`), so whoever adopts it knows whether it beat the rule. Same
    settings and errors as evaluate_matching."""
    chosen = EvaluationSettings(**settings)
    progress(0.0, "matching.fit.features")
    prep = prepare(as_pool(profiles), merge_labels(pairs), weights=chosen.weights, cancel=cancel)
    info = evaluate_prepared(prep, chosen, cancel=cancel, progress=lambda f, code: progress(0.9 * f, code))
    progress(0.9, "matching.fit.model")
    model = ReciprocalModel(c=chosen.c, min_per_class=chosen.min_per_class, weights=chosen.weights)
    model.fit_prepared(prep, np.arange(len(prep.pairs)), init=info.fold_heads, cancel=cancel)
    model.evaluation = info.to_dict()
    progress(1.0, "matching.fit.done")
    return model, info


# Evaluation errors after which a model is still fitted (it cannot rank until a later one is judged).
NOT_JUDGEABLE = ("matching.eval.too_few_groups", "matching.eval.one_class")


@dataclass(frozen=True)
class RetrainInfo:
    """What a retrain gives: the model (carrying its evaluation when there is one), the
    evaluation or the XzError saying why there is none, labels offered and labels used (both
    members in the pool)."""

    model: ReciprocalModel
    evaluation: EvaluationInfo | XzError
    offered: int
    used: int


def retrain(
    pool: MatchPool,
    rows: Sequence[LabelledPairRow],
    *,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    c: float = 1.0,
    min_per_class: int = 30,
    n_splits: int = 5,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> RetrainInfo:
    """Fit a new model on the labels whose members are in the pool, evaluated by leaving groups
    out first when there are enough groups; without an evaluation the model is fitted anyway
    and can never rank. One rule wherever the outcomes are (a laptop's index, the server)."""
    used = [r for r in rows if r.member_a in pool and r.member_b in pool]
    info: EvaluationInfo | XzError
    try:
        model, info = fit_with_evaluation(pool, used, n_splits=n_splits, c=c, min_per_class=min_per_class,
                                          weights=weights, progress=progress, cancel=cancel)  # fmt: skip
    except XzError as exc:
        if exc.code not in NOT_JUDGEABLE:
            raise
        model, info = ReciprocalModel(c=c, min_per_class=min_per_class, weights=weights), exc
        model.fit(pool, used, cancel=cancel, progress=progress)
    return RetrainInfo(model, info, len(rows), len(used))
