"""The learned matcher: each person's own "yes", combined reciprocally.

`ReciprocalModel` estimates P(A says yes to B) from A's view of B (features.DIRECTIONAL_FEATURES:
A's and B's profiles, pair terms, collaborative signals) with one L2-regularised logistic
regression per chooser's sex ("heads" "1" and "2"; "any" when a sex has too few answers or a
chooser's sex is unknown). A pair's score combines both directions reciprocally:

    a_yes_p = P(A yes to B),  b_yes_p = P(B yes to A)
    score   = a_yes_p * b_yes_p          (P(mutual) if the two answers were independent)
    ranking uses sqrt(score), the geometric mean of the two (RECON, OkCupid): same order.

Training rows are the known directional answers (labels.LabelledPairRow: a card's ticks, an
introduction's accept/decline). A pair known not to be mutual without knowing who said no (an
outcome "no interest") is used by expectation-maximisation: each side's "yes" is weighted by its
posterior P(yes | not both) = p(1 - q) / (1 - p q) under the current model (EM_ROUNDS rounds).
A pair known to be mutual means both said yes.

Collaborative signals (signals.py) for a training row come from other groups of the training
set only (GroupKFold over its groups, INNER_FOLDS), the way they will come at scoring time from
groups already held; a row never sees its own answer.

What is stored (`to_dict`, JSON): the feature names, per head the standardisation and the
coefficients, the rule weights the features were computed with, counts of the labels, and the
evaluation attached by `evaluation.fit_with_evaluation` (never member ids, never a signal).
`version_id` is a hash of the parameters. A model ranks only when it `may_rank`: it is ready and
its evaluation says it beat the rule on held-out groups (evaluation.py); `rank` checks it.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from xzdesk.domain.errors import XzError
from xzdesk.domain.matching import vector as V
from xzdesk.domain.matching.features import DIRECTIONAL_FEATURES, STATIC_FEATURES, static_columns
from xzdesk.domain.matching.labels import LABEL_SOURCES, LabelledPairRow
from xzdesk.domain.matching.pool import MatchPool
from xzdesk.domain.matching.profile import MatchProfile
from xzdesk.domain.matching.rules import DEFAULT_WEIGHTS, MatchWeights
from xzdesk.domain.matching.signals import Signals, no_signal_columns
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

FEATURES = DIRECTIONAL_FEATURES
HEAD_KEYS = ("1", "2", "any")
EM_ROUNDS = 2
INNER_FOLDS = 5
TOL = 1e-4
_CHUNK = 20_000

__all__ = [
    "FEATURES", "LABEL_SOURCES", "Head", "LabelledPairRow", "PairScoresInfo", "Prepared", "ReciprocalModel",
    "prepare", "train_heads",
]  # fmt: skip


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))


def as_pool(profiles: MatchPool | Iterable[MatchProfile]) -> MatchPool:
    return profiles if isinstance(profiles, MatchPool) else MatchPool.from_profiles(profiles)


# --- heads ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Head:
    """One logistic regression on standardised features (the answers of one chooser sex)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    n_yes: float
    n_no: float

    def linear(self) -> tuple[np.ndarray, float]:
        """(weights, bias) on the raw feature columns."""
        w = self.coef / self.scale
        return w, float(self.intercept - w @ self.mean)

    def to_dict(self) -> dict[str, Any]:
        return {"mean": self.mean.tolist(), "scale": self.scale.tolist(), "coef": self.coef.tolist(),
                "intercept": self.intercept, "n_yes": self.n_yes, "n_no": self.n_no}  # fmt: skip

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Head:
        arrays = [np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "coef")]
        if any(a.shape != (len(FEATURES),) or not np.all(np.isfinite(a)) for a in arrays):
            raise XzError("matching.model.incompatible", reason="shape")
        intercept = float(data["intercept"])
        if not math.isfinite(intercept):
            raise XzError("matching.model.incompatible", reason="shape")
        return cls(*arrays, intercept, float(data["n_yes"]), float(data["n_no"]))


def _fit_head(X: np.ndarray, y: np.ndarray, w: np.ndarray, c: float, init: Head | None) -> Head:
    """One head; `init` (a head fitted on similar rows: the previous fold, the previous EM round)
    starts the solver near the answer, which saves most of its iterations."""
    from sklearn.linear_model import LogisticRegression

    mean = np.average(X, axis=0, weights=w)
    scale = np.sqrt(np.average((X - mean) ** 2, axis=0, weights=w))
    scale[scale < 1e-9] = 1.0
    clf = LogisticRegression(C=c, max_iter=1000, tol=TOL, warm_start=init is not None)
    if init is not None:
        clf.coef_, clf.intercept_ = init.coef[None, :].copy(), np.array([init.intercept])
    clf.fit((X - mean) / scale, y, sample_weight=w)
    return Head(mean, scale, clf.coef_[0].astype(np.float64).copy(), float(clf.intercept_[0]),
                float(w @ y), float(w @ (1 - y)))  # fmt: skip


def _fit_heads(X: np.ndarray, y: np.ndarray, w: np.ndarray, sex: np.ndarray, *, c: float,
               min_per_class: float, init: Mapping[str, Head] | None = None) -> dict[str, Head]:  # fmt: skip
    """Heads "1" and "2" for the sexes with enough answers of both kinds; "any" on all rows when a
    sex head is missing or some chooser's sex is unknown."""
    def enough(mask: np.ndarray) -> bool:
        yes, no = float(w[mask] @ y[mask]), float(w[mask] @ (1 - y[mask]))
        return yes >= max(min_per_class, 1) and no >= max(min_per_class, 1)

    from threadpoolctl import threadpool_limits

    heads: dict[str, Head] = {}
    # One BLAS thread: these problems are small, and waking threads (on two shared cores) made
    # every solver step several times slower.
    with threadpool_limits(limits=1, user_api="blas"):
        for key in ("1", "2"):
            mask = sex == int(key)
            if enough(mask):
                heads[key] = _fit_head(X[mask], y[mask], w[mask], c, (init or {}).get(key))
        everyone = np.ones(sex.shape, dtype=bool)
        if (len(heads) < 2 or not np.isin(sex, (1, 2)).all()) and enough(everyone):
            heads["any"] = _fit_head(X, y, w, c, (init or {}).get("any"))
    return heads


def head_logits(heads: Mapping[str, Head], X: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """Linear predictor of each row with its chooser's head ("any", else the mean of the two
    sex heads, for a sex without its own head)."""
    z = np.zeros(X.shape[0])
    done = np.zeros(X.shape[0], dtype=bool)
    for key in ("1", "2"):
        mask = (sex == int(key)) & (key in heads)
        if mask.any():
            w, b = heads[key].linear()
            z[mask] = X[mask] @ w + b
            done |= mask
    rest = ~done
    if rest.any():
        use = [heads["any"]] if "any" in heads else [heads[k] for k in ("1", "2") if k in heads]
        z[rest] = np.mean([X[rest] @ h.linear()[0] + h.linear()[1] for h in use], axis=0)
    return z


# --- prepared rows ----------------------------------------------------------------------------------
@dataclass
class Prepared:
    """Labelled pairs as directed rows: row 2i is pair i's A looking at B, row 2i+1 B at A."""

    pairs: list[LabelledPairRow]
    people: list[str]  # everyone in the pairs; `chooser` and `chosen` index it
    chooser: np.ndarray
    chosen: np.ndarray
    sex: np.ndarray  # chooser's sex per row
    y: np.ndarray  # 1 yes, 0 no, NaN unknown, per row
    soft: np.ndarray  # per row: the pair is known not mutual, neither answer known
    X: np.ndarray  # static features per row
    sat: np.ndarray  # the chooser's rule satisfaction per row (the directional rule baseline)
    rule: np.ndarray  # rule score per pair
    groups: np.ndarray  # group per pair

    def rows_of(self, pair_idx: np.ndarray) -> np.ndarray:
        return np.stack([2 * pair_idx, 2 * pair_idx + 1], axis=1).ravel()

    def signals(self, pair_idx: np.ndarray) -> Signals:
        """Signals of the known answers of some pairs (over everyone in the prepared pairs)."""
        rows = self.rows_of(pair_idx)
        rows = rows[~np.isnan(self.y[rows])]
        return Signals(self.people, self.chooser[rows], self.chosen[rows], self.y[rows])


def _answer(x: bool | None) -> float:
    return np.nan if x is None else float(x)


def prepare(
    profiles: MatchPool | Iterable[MatchProfile],
    pairs: Sequence[LabelledPairRow],
    *,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    cancel: CancelToken = NEVER_CANCELLED,
) -> Prepared:
    """Directed rows and static features of labelled pairs (members missing from `profiles`
    raise NotFound("matching.member_not_in_pool")). Long work: checks `cancel` per chunk."""
    pool = as_pool(profiles)
    n = len(pairs)
    X = np.zeros((2 * n, len(STATIC_FEATURES)))
    sat, sex, rule = np.zeros(2 * n), np.zeros(2 * n, dtype=np.int64), np.zeros(n)
    with pool.lock:
        for start in range(0, n, _CHUNK):
            cancel.check()
            chunk = pairs[start : start + _CHUNK]
            a = np.fromiter((pool.slot_of(p.member_a) for p in chunk), dtype=np.int64, count=len(chunk))
            b = np.fromiter((pool.slot_of(p.member_b) for p in chunk), dtype=np.int64, count=len(chunk))
            sa, sb = V.side(pool, a), V.side(pool, b)
            t = V.pair_terms(pool, sa, sb, weights)
            common = {"inter": t.inter, "jac": t.jaccard, "km": t.km}
            ab = static_columns(pool, sa, sb, s=t.s_ab, parts=t.parts_ab, logs=t.logs_ab, **common)
            ba = static_columns(pool, sb, sa, s=t.s_ba, parts=t.parts_ba, logs=t.logs_ba, **common)
            rows = slice(2 * start, 2 * (start + len(chunk)))
            X[rows][0::2], X[rows][1::2] = np.column_stack(ab), np.column_stack(ba)
            sat[rows][0::2], sat[rows][1::2] = t.s_ab, t.s_ba
            sex[rows][0::2], sex[rows][1::2] = sa.sex, sb.sex
            rule[start : start + len(chunk)] = t.rule
    y = np.array([v for p in pairs for v in (_answer(p.a_yes), _answer(p.b_yes))], dtype=np.float64)
    soft = np.repeat([p.label is False and not p.directional for p in pairs], 2)
    people, codes = np.unique(np.array([m for p in pairs for m in (p.member_a, p.member_b)], dtype=object).astype(str),
                              return_inverse=True)  # fmt: skip
    codes = codes.astype(np.int64)
    chosen = codes.reshape(-1, 2)[:, ::-1].ravel() if n else codes
    return Prepared(
        pairs=list(pairs), people=people.tolist(), chooser=codes, chosen=chosen, sex=sex, y=y, soft=soft, X=X,
        sat=sat, rule=rule, groups=np.array([p.group for p in pairs], dtype=object),
    )  # fmt: skip


def _inner_signal_columns(prep: Prepared, pair_idx: np.ndarray) -> np.ndarray:
    """Signal columns for the rows of `pair_idx`, each from the other groups of the set."""
    from sklearn.model_selection import GroupKFold

    rows = prep.rows_of(pair_idx)
    out = np.zeros((rows.size, len(FEATURES) - len(STATIC_FEATURES)))
    groups = prep.groups[pair_idx]
    n_groups = len(set(groups.tolist()))
    if n_groups < 2:
        return out
    folds = GroupKFold(n_splits=min(INNER_FOLDS, n_groups))
    for other, this in folds.split(pair_idx, groups=groups):
        these = prep.rows_of(pair_idx[this])
        pos = np.stack([2 * this, 2 * this + 1], axis=1).ravel()
        out[pos] = np.column_stack(prep.signals(pair_idx[other]).columns_for_codes(prep.chooser[these],
                                                                                    prep.chosen[these]))  # fmt: skip
    return out


def signal_columns(prep: Prepared, rows: np.ndarray, signals: Signals | None) -> np.ndarray:
    """Signal columns of some rows from given signals (or all unseen); signals built by
    `prep.signals` share its codes, any others are looked up by member id."""
    if signals is None:
        return np.column_stack(no_signal_columns((rows.size,)))
    if signals.same_people(prep.people):
        return np.column_stack(signals.columns_for_codes(prep.chooser[rows], prep.chosen[rows]))
    people = prep.people
    return np.column_stack(signals.columns_for([people[k] for k in prep.chooser[rows]],
                                               [people[k] for k in prep.chosen[rows]]))  # fmt: skip


def train_heads(
    prep: Prepared,
    pair_idx: np.ndarray,
    *,
    c: float,
    min_per_class: int,
    init: Mapping[str, Head] | None = None,
    cancel: CancelToken = NEVER_CANCELLED,
) -> dict[str, Head]:
    """Fit the heads on the pairs `pair_idx` (hard answers, and EM over the soft pairs);
    `init`: heads to start the solver from (e.g. another fold's)."""
    rows = prep.rows_of(pair_idx)
    X = np.hstack([prep.X[rows], _inner_signal_columns(prep, pair_idx)])
    y, sex, soft = prep.y[rows], prep.sex[rows], prep.soft[rows]
    hard = ~np.isnan(y)
    cancel.check()
    heads = _fit_heads(X[hard], y[hard], np.ones(int(hard.sum())), sex[hard], c=c, min_per_class=min_per_class,
                       init=init)  # fmt: skip
    if not soft.any():
        return heads
    couples = np.flatnonzero(soft).reshape(-1, 2)  # both rows of a soft pair, adjacent
    Xs, ss = X[couples.ravel()], sex[couples.ravel()]
    rate = float(np.mean(y[hard])) if hard.any() else 0.5
    for _ in range(EM_ROUNDS):
        cancel.check()
        p = _sigmoid(head_logits(heads, Xs, ss)) if heads else np.full(Xs.shape[0], rate)
        p = p.reshape(-1, 2)
        q = p * (1 - p[:, ::-1]) / np.maximum(1 - p[:, 0:1] * p[:, 1:2], 1e-9)
        q = q.ravel()
        heads = _fit_heads(
            np.vstack([X[hard], Xs, Xs]), np.concatenate([y[hard], np.ones(q.size), np.zeros(q.size)]),
            np.concatenate([np.ones(int(hard.sum())), q, 1 - q]), np.concatenate([sex[hard], ss, ss]),
            c=c, min_per_class=min_per_class, init=heads,
        )  # fmt: skip
    return heads


# --- the model ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PairScoresInfo:
    a_yes_p: np.ndarray  # P(A says yes to B)
    b_yes_p: np.ndarray  # P(B says yes to A)
    score: np.ndarray  # a_yes_p * b_yes_p


class ReciprocalModel:
    """See the module docstring. Fit a new instance off the UI thread; scoring only reads."""

    FORMAT = "xzdesk.matching.reciprocal_model"
    VERSION = 1

    def __init__(self, *, c: float = 1.0, min_per_class: int = 30, weights: MatchWeights = DEFAULT_WEIGHTS):
        if not (c > 0 and math.isfinite(c)):
            raise XzError("matching.model.bad_c")
        self.c = float(c)
        self.min_per_class = int(min_per_class)
        self.weights = weights  # the rule weights the features are computed with
        self.heads: dict[str, Head] = {}
        self.counts: dict[str, Any] = {}
        self.evaluation: dict[str, Any] | None = None

    # -- state -----------------------------------------------------------------------------------
    @property
    def is_ready(self) -> bool:
        """Fitted with enough answers of both kinds: heads for both sexes, or a common one."""
        return ("1" in self.heads and "2" in self.heads) or "any" in self.heads

    @property
    def beats_rule(self) -> bool:
        """Whether its attached evaluation found it better than the rule on held-out groups."""
        return bool(self.evaluation and self.evaluation.get("verdict", {}).get("uses_model"))

    @property
    def may_rank(self) -> bool:
        return self.is_ready and self.beats_rule

    @property
    def version_id(self) -> str:
        """A short hash of the parameters: the same fit gives the same id on every machine."""
        body = json.dumps(self._params(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(body.encode()).hexdigest()[:12]

    def coefficients(self, head: str) -> dict[str, float]:
        """Standardised coefficients of one head by feature name ({} if it has none)."""
        h = self.heads.get(head)
        return {} if h is None else {n: float(w) for n, w in zip(FEATURES, h.coef, strict=True)}

    # -- fitting ---------------------------------------------------------------------------------
    def fit(
        self,
        profiles: MatchPool | Iterable[MatchProfile],
        pairs: Sequence[LabelledPairRow],
        *,
        cancel: CancelToken = NEVER_CANCELLED,
        progress: Progress = no_progress,
    ) -> ReciprocalModel:
        """Fit on every labelled pair (no evaluation: see evaluation.fit_with_evaluation).
        Returns self; stays not ready with too few answers. Raises Cancelled, NotFound."""
        progress(0.0, "matching.fit.features")
        prep = prepare(profiles, pairs, weights=self.weights, cancel=cancel)
        progress(0.3, "matching.fit.model")
        self.fit_prepared(prep, np.arange(len(pairs)), cancel=cancel)
        progress(1.0, "matching.fit.done")
        return self

    def fit_prepared(self, prep: Prepared, pair_idx: np.ndarray, *, init: Mapping[str, Head] | None = None,
                     cancel: CancelToken = NEVER_CANCELLED) -> None:  # fmt: skip
        """Fit on some prepared pairs (`init`: heads to start the solver from)."""
        self.heads = train_heads(prep, pair_idx, c=self.c, min_per_class=self.min_per_class, init=init, cancel=cancel)
        rows = prep.rows_of(pair_idx)
        y = prep.y[rows]
        sources: dict[str, int] = {}
        for i in pair_idx.tolist():
            sources[prep.pairs[i].source] = sources.get(prep.pairs[i].source, 0) + 1
        self.counts = {
            "pairs": int(pair_idx.size), "groups": len(set(prep.groups[pair_idx].tolist())),
            "answers_yes": int(np.nansum(y)), "answers_no": int(np.sum(y == 0)),
            "pairs_without_direction": int(prep.soft[rows].sum() // 2), "sources": dict(sorted(sources.items())),
        }  # fmt: skip

    # -- scoring ---------------------------------------------------------------------------------
    def _require_ready(self) -> None:
        if not self.is_ready:
            raise XzError("matching.model.not_fitted")

    def predict_rows(self, X: np.ndarray, sex: np.ndarray) -> np.ndarray:
        """P(yes) for directed feature rows (FEATURES order) by chooser sex."""
        self._require_ready()
        return _sigmoid(head_logits(self.heads, X, sex))

    def score_prepared(self, prep: Prepared, pair_idx: np.ndarray, signals: Signals | None) -> PairScoresInfo:
        rows = prep.rows_of(pair_idx)
        X = np.hstack([prep.X[rows], signal_columns(prep, rows, signals)])
        p = self.predict_rows(X, prep.sex[rows]).reshape(-1, 2)
        return PairScoresInfo(p[:, 0].copy(), p[:, 1].copy(), p[:, 0] * p[:, 1])

    def score_pairs(
        self,
        profiles: MatchPool | Iterable[MatchProfile],
        pairs: Sequence[tuple[str, str]],
        *,
        signals: Signals | None = None,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> PairScoresInfo:
        """Each side's P(yes) and the pair's score for arbitrary (a, b) pairs (no filters).
        `signals`: collaborative signals from past answers (None: everyone unseen)."""
        self._require_ready()
        rows = [LabelledPairRow(a, b, None, "score") for a, b in pairs]
        prep = prepare(profiles, rows, weights=self.weights, cancel=cancel)
        return self.score_prepared(prep, np.arange(len(rows)), signals)

    def query_probabilities(
        self, pool: MatchPool, q: V.Side, cand: V.Side, terms: V.PairTerms, *, signals: Signals | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(P(query yes to each candidate), P(each candidate yes to the query)) for a ranking:
        one query row against candidates who passed both hard filters. Caller holds the lock."""
        self._require_ready()
        common = {"inter": terms.inter, "jac": terms.jaccard, "km": terms.km, "all_fit": True}
        fwd = static_columns(pool, q, cand, s=terms.s_ab, parts=terms.parts_ab, logs=terms.logs_ab, **common)
        bwd = static_columns(pool, cand, q, s=terms.s_ba, parts=terms.parts_ba, logs=terms.logs_ba, **common)
        n = cand.slots.size
        if signals is None:
            sf = sb = no_signal_columns((n,))
        else:
            sf, sb = signals.columns_for_query(pool, int(q.slots[0]), cand.slots)
        return (self._query_side(fwd + sf, np.full(n, int(q.sex[0]))),
                self._query_side(bwd + sb, cand.sex.astype(np.int64)))  # fmt: skip

    def _query_side(self, cols: list[np.ndarray], sex: np.ndarray) -> np.ndarray:
        """P(yes) from feature columns without building a matrix (one head per call when every
        chooser has the same sex, as in a ranking)."""
        if sex.size and np.all(sex == sex[0]) and (key := str(int(sex[0]))) in self.heads:
            w, b = self.heads[key].linear()
            z = np.zeros(sex.shape)
            for wj, col in zip(w, cols, strict=True):
                if col.ndim and col.strides[0] == 0:  # the same for every candidate (the query's own)
                    b += wj * float(col[0])
                else:
                    z += wj * col
            return _sigmoid(z + b)
        return self.predict_rows(np.column_stack(cols), sex)

    # -- storage ---------------------------------------------------------------------------------
    def _params(self) -> dict[str, Any]:
        return {
            "format": self.FORMAT, "version": self.VERSION, "features": list(FEATURES), "c": self.c,
            "min_per_class": self.min_per_class, "weights": self.weights.to_dict(),
            "heads": {k: h.to_dict() for k, h in sorted(self.heads.items())},
        }  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """JSON-able parameters, counts and evaluation (no personal data)."""
        return {**self._params(), "version_id": self.version_id, "counts": self.counts, "evaluation": self.evaluation}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReciprocalModel:
        """Rebuild a stored model. Raises XzError("matching.model.incompatible")."""
        if data.get("format") != cls.FORMAT or data.get("version") != cls.VERSION:
            raise XzError("matching.model.incompatible", reason="format")
        if list(data.get("features", ())) != list(FEATURES):
            raise XzError("matching.model.incompatible", reason="features")
        try:
            model = cls(c=float(data["c"]), min_per_class=int(data["min_per_class"]),
                        weights=MatchWeights.from_dict(data.get("weights", {})))  # fmt: skip
            model.heads = {k: Head.from_dict(v) for k, v in dict(data.get("heads") or {}).items() if k in HEAD_KEYS}
        except (KeyError, TypeError, ValueError) as exc:
            raise XzError("matching.model.incompatible", reason="shape") from exc
        model.counts = dict(data.get("counts") or {})
        model.evaluation = data.get("evaluation")
        return model

    def uses_same_features(self, weights: MatchWeights) -> bool:
        """Whether ranking terms computed with `weights` are the model's own features."""
        fields = ("w_age", "w_height", "w_education", "w_district")
        return all(getattr(self.weights, f) == getattr(weights, f) for f in fields)
