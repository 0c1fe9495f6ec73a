"""Learning from outcomes: a regularised logistic model of mutual interest for a pair.

Labels (`LabelledPairRow.label`) come from what happened: an introduction accepted by both
sides (True) or declined by either (False), mutual interest on the cards of an event (True when
both ticked each other), an outcome of dating or better (True) against no_interest (False).
`group` names the event or introduction a label came from, so validation can leave whole
events out.

Features (vector.FEATURE_NAMES) are computed from the two profiles only, man first: both
satisfactions and their min/geometric mean, hobby Jaccard and common count, same district, age
gap and each side's position in the other's preferred age window (and squares), education,
height and income differences with unknown flags, marital/children flags, and whether each side
fits the other's hard requirements. They are standardised, then fitted by scikit-learn's
LogisticRegression (L2, strength 1/C). Scoring needs numpy only, so a stored model (to_dict /
from_dict, JSON-able) scores 100,000 candidates inside a ranking.

`is_ready` is true once fitted on at least `min_per_class` labels of each class; until then
`rank` ignores the model and uses the rule score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from xzdesk.domain.errors import XzError
from xzdesk.domain.matching import vector as V
from xzdesk.domain.matching.pool import MatchPool
from xzdesk.domain.matching.profile import MatchProfile
from xzdesk.domain.matching.rules import DEFAULT_WEIGHTS, MatchWeights
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

FEATURE_NAMES = V.FEATURE_NAMES
LABEL_SOURCES = ("introduction", "event", "outcome")
_CHUNK = 20_000


@dataclass(frozen=True)
class LabelledPairRow:
    """A pair with a known outcome. `source` is one of LABEL_SOURCES; `group` the event or
    introduction id the label came from (the unit of validation splits)."""

    member_a: str
    member_b: str
    label: bool
    source: str = "introduction"
    group: str = ""


def _as_pool(profiles: MatchPool | Iterable[MatchProfile]) -> MatchPool:
    return profiles if isinstance(profiles, MatchPool) else MatchPool.from_profiles(profiles)


def pair_feature_matrix(
    profiles: MatchPool | Iterable[MatchProfile],
    pairs: Sequence[tuple[str, str]],
    *,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    cancel: CancelToken = NEVER_CANCELLED,
) -> np.ndarray:
    """Features (len(pairs), len(FEATURE_NAMES)) of arbitrary pairs (no filters applied)."""
    pool = _as_pool(profiles)
    out = np.zeros((len(pairs), len(FEATURE_NAMES)))
    with pool.lock:
        for start in range(0, len(pairs), _CHUNK):
            cancel.check()
            chunk = pairs[start : start + _CHUNK]
            a = np.fromiter((pool.slot_of(x) for x, _ in chunk), dtype=np.int64, count=len(chunk))
            b = np.fromiter((pool.slot_of(y) for _, y in chunk), dtype=np.int64, count=len(chunk))
            sa, sb = V.side(pool, a), V.side(pool, b)
            out[start : start + len(chunk)] = V.pair_features(pool, sa, sb, V.pair_terms(pool, sa, sb, weights))
    return out


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))


class OutcomeModel:
    """Logistic model of mutual interest. Not thread-safe while fitting; fit a new instance off
    the UI thread and swap it in (scoring only reads)."""

    FORMAT = "xzdesk.matching.outcome_model"
    VERSION = 1

    def __init__(self, *, c: float = 1.0, min_per_class: int = 30, weights: MatchWeights = DEFAULT_WEIGHTS):
        if not (c > 0 and math.isfinite(c)):
            raise XzError("matching.model.bad_c")
        self.c = float(c)
        self.min_per_class = int(min_per_class)
        self.weights = weights  # satisfaction weights the features were computed with
        self.n_positive = 0
        self.n_negative = 0
        self._mean: np.ndarray | None = None
        self._scale: np.ndarray | None = None
        self._coef: np.ndarray | None = None
        self._intercept = 0.0

    # -- state ---------------------------------------------------------------------------------

    @property
    def is_ready(self) -> bool:
        return (
            self._coef is not None
            and self.n_positive >= self.min_per_class
            and self.n_negative >= self.min_per_class
        )

    def coefficients(self) -> dict[str, float]:
        """Standardised coefficients by feature name ({} before fitting)."""
        if self._coef is None:
            return {}
        return {name: float(w) for name, w in zip(FEATURE_NAMES, self._coef, strict=True)}

    # -- fitting -------------------------------------------------------------------------------

    def fit(
        self,
        profiles: MatchPool | Iterable[MatchProfile],
        pairs: Sequence[LabelledPairRow],
        *,
        cancel: CancelToken = NEVER_CANCELLED,
        progress: Progress = no_progress,
    ) -> OutcomeModel:
        """Fit on labelled pairs (members missing from `profiles` raise NotFound). Returns self.

        With fewer than `min_per_class` labels of either class the model stays not ready (it
        keeps the counts) and ranking falls back to the rule score. Raises Cancelled.
        """
        progress(0.0, "matching.fit.features")
        X = pair_feature_matrix(
            profiles, [(p.member_a, p.member_b) for p in pairs], weights=self.weights, cancel=cancel
        )
        y = np.fromiter((bool(p.label) for p in pairs), dtype=bool, count=len(pairs))
        progress(0.5, "matching.fit.model")
        self.fit_features(X, y, cancel=cancel)
        progress(1.0, "matching.fit.done")
        return self

    def fit_features(self, X: np.ndarray, y: np.ndarray, *, cancel: CancelToken = NEVER_CANCELLED) -> OutcomeModel:
        """Fit on a feature matrix from `pair_feature_matrix` (used by evaluation folds)."""
        from sklearn.linear_model import LogisticRegression

        cancel.check()
        y = np.asarray(y, dtype=bool)
        self.n_positive = int(y.sum())
        self.n_negative = int(y.size - self.n_positive)
        self._coef = None
        if self.n_positive < max(1, self.min_per_class) or self.n_negative < max(1, self.min_per_class):
            return self
        mean = X.mean(axis=0)
        scale = X.std(axis=0)
        scale[scale < 1e-12] = 1.0
        clf = LogisticRegression(C=self.c, max_iter=2000)
        clf.fit((X - mean) / scale, y)
        cancel.check()
        self._mean, self._scale = mean, scale
        self._coef = clf.coef_[0].astype(np.float64).copy()
        self._intercept = float(clf.intercept_[0])
        return self

    # -- scoring -------------------------------------------------------------------------------

    def predict_features(self, X: np.ndarray) -> np.ndarray:
        """Probability of mutual interest for each feature row."""
        if self._coef is None or self._mean is None or self._scale is None:
            raise XzError("matching.model.not_fitted")
        return _sigmoid(((X - self._mean) / self._scale) @ self._coef + self._intercept)

    def predict_columns(self, columns: Sequence[np.ndarray]) -> np.ndarray:
        """Same as predict_features, from the feature columns (no matrix is built)."""
        if self._coef is None or self._mean is None or self._scale is None:
            raise XzError("matching.model.not_fitted")
        w = self._coef / self._scale
        z = np.full(np.shape(columns[0]), self._intercept - float(w @ self._mean))
        for wj, col in zip(w, columns, strict=True):
            if wj:
                z += wj * col
        return _sigmoid(z)

    def score_pairs(
        self, profiles: MatchPool | Iterable[MatchProfile], pairs: Sequence[tuple[str, str]]
    ) -> np.ndarray:
        """Probability of mutual interest for each (a, b) pair. Raises if never fitted."""
        if self._coef is None:
            raise XzError("matching.model.not_fitted")
        return self.predict_features(pair_feature_matrix(profiles, pairs, weights=self.weights))

    # -- storage -------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        fitted = self._coef is not None
        return {
            "format": self.FORMAT,
            "version": self.VERSION,
            "features": list(FEATURE_NAMES),
            "c": self.c,
            "min_per_class": self.min_per_class,
            "weights": self.weights.to_dict(),
            "n_positive": self.n_positive,
            "n_negative": self.n_negative,
            "mean": self._mean.tolist() if fitted and self._mean is not None else None,
            "scale": self._scale.tolist() if fitted and self._scale is not None else None,
            "coef": self._coef.tolist() if self._coef is not None else None,
            "intercept": self._intercept,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OutcomeModel:
        """Rebuild a stored model. Raises XzError("matching.model.incompatible")."""
        if data.get("format") != cls.FORMAT or data.get("version") != cls.VERSION:
            raise XzError("matching.model.incompatible", reason="format")
        if list(data.get("features", ())) != list(FEATURE_NAMES):
            raise XzError("matching.model.incompatible", reason="features")
        model = cls(
            c=float(data["c"]),
            min_per_class=int(data["min_per_class"]),
            weights=MatchWeights.from_dict(data.get("weights", {})),
        )
        model.n_positive = int(data["n_positive"])
        model.n_negative = int(data["n_negative"])
        if data.get("coef") is not None:
            n = len(FEATURE_NAMES)
            arrays = [np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "coef")]
            if any(a.shape != (n,) or not np.all(np.isfinite(a)) for a in arrays):
                raise XzError("matching.model.incompatible", reason="shape")
            model._mean, model._scale, model._coef = arrays
            model._intercept = float(data["intercept"])
        return model

    def uses_same_features(self, weights: MatchWeights) -> bool:
        """Whether ranking terms computed with `weights` are the model's own features."""
        fields = ("w_age", "w_height", "w_education", "w_district")
        return all(getattr(self.weights, f) == getattr(weights, f) for f in fields)
