"""Vectorised forms of the rules in rules.py, over pool columns (internal).

A `Side` is a set of pool rows (gathered copies, or views of every row); functions take two
sides that broadcast against each other: one query row against n candidates, or n pairs
elementwise. The caller holds the pool's lock. Constants and definitions are those of rules.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from xzdesk.domain.matching.pool import NONE_MAX, MatchPool
from xzdesk.domain.matching.rules import (
    AGE_MIN_HALF,
    AGE_MIN_WIDTH,
    AGE_SPAN,
    COMPONENT_FLOOR,
    DISTRICT_HALF_KM,
    DISTRICT_OTHER,
    DISTRICT_OUTSIDE,
    EDU_CLOSE,
    HEIGHT_MIN_HALF,
    HEIGHT_SLOPE,
    IMPORTANCE_FACTOR,
    MatchWeights,
)

_FIELDS = (
    "sex", "age", "age_f", "height", "edu", "marital_bit", "has_children", "district", "income", "tag_count",
    "open", "sector", "occupation", "employer", "n_req", "req_age_min", "req_age_max", "req_h_min", "req_h_max",
    "req_edu", "req_marital", "req_children_ok", "req_dist_any", "imp_age", "imp_height", "imp_education",
    "imp_district", "imp_marital", "imp_children",
)  # fmt: skip
# Importance level + 1 (-1 not said .. 3 very) -> weight multiplier (rules.IMPORTANCE_FACTOR).
IMPORTANCE_LUT = np.array([IMPORTANCE_FACTOR[None], *(IMPORTANCE_FACTOR[i] for i in range(4))])

_LUT = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def popcount_rows(words: np.ndarray) -> np.ndarray:
    """Set bits per row of a (..., W) uint64 array."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words).sum(axis=-1, dtype=np.int64)
    as_bytes = np.ascontiguousarray(words).view(np.uint8)  # pragma: no cover - numpy < 2
    return _LUT[as_bytes].sum(axis=-1, dtype=np.int64)  # pragma: no cover


_FIELD_SET = frozenset(_FIELDS)


class Side:
    """Some pool rows as arrays, one attribute per column of _FIELDS plus `tags` (the hobby
    bitsets) and `slots`. Columns are gathered on first use, so a ranking that never reads a
    model's columns never copies them. Read-only by convention; the caller holds the lock."""

    def __init__(self, pool: MatchPool, slots: np.ndarray, *, view_of: int | None = None) -> None:
        self.slots = slots
        self._pool = pool
        self._n = view_of  # views of rows [0, n) instead of copies

    def __getattr__(self, name: str) -> np.ndarray:
        if name == "tags":
            source = self._pool._tags
        elif name in _FIELD_SET:
            source = self._pool._c[name]
        else:
            raise AttributeError(name)
        value = source[: self._n] if self._n is not None else source[self.slots]
        self.__dict__[name] = value  # later reads are plain attribute hits
        return value


def side(pool: MatchPool, slots: np.ndarray) -> Side:
    """Copies of the given rows (each column when first used)."""
    return Side(pool, slots)


def side_all(pool: MatchPool) -> Side:
    """Views of rows [0, size) (no copy); slots are 0..size-1."""
    n = pool._size
    return Side(pool, np.arange(n), view_of=n)


def _in_req_districts(pool: MatchPool, a: Side, b: Side) -> np.ndarray:
    """Whether B's district has its bit in A's accepted-district set (False where A lists none;
    only rows of A with a list are looked up)."""
    shape = np.broadcast(a.slots, b.district).shape
    need = np.broadcast_to(~a.req_dist_any, shape)
    out = np.zeros(shape, dtype=bool)
    if not need.any():
        return out
    if a.slots.size == 1:  # one chooser listing districts (a ranking's query): its own bitset row
        d = np.broadcast_to(b.district, shape).astype(np.int64)
        words = pool._req_dist[int(a.slots[0])][d >> 6]
        return ((words >> (d & 63).astype(np.uint64)) & np.uint64(1)).astype(bool)
    rows = np.broadcast_to(a.slots, shape)[need]
    d = np.broadcast_to(b.district, shape)[need].astype(np.int64)
    words = pool._req_dist[rows, d >> 6]
    out[need] = ((words >> (d & 63).astype(np.uint64)) & np.uint64(1)).astype(bool)
    return out


def requirements_ok(pool: MatchPool, a: Side, b: Side) -> np.ndarray:
    """B fits A's requirements (hard filter, one direction)."""
    no_age_req = (a.req_age_min < 0) & (a.req_age_max == NONE_MAX)
    ok = no_age_req | ((b.age >= 0) & (b.age >= a.req_age_min) & (b.age <= a.req_age_max))
    ok &= b.height >= a.req_h_min  # unknown height (-1) passes only an unset minimum (-1)
    ok &= (a.req_h_max == NONE_MAX) | ((b.height >= 0) & (b.height <= a.req_h_max))
    ok &= b.edu >= a.req_edu
    ok &= (a.req_marital & b.marital_bit) != 0
    ok &= a.req_children_ok | ~b.has_children
    ok &= a.req_dist_any | _in_req_districts(pool, a, b)
    return ok


def _bell(z: np.ndarray) -> np.ndarray:
    return np.exp2(-(z * z))


def _logistic2(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp2(-np.clip(x, -200.0, 200.0)))


def age_window(a: Side) -> tuple[np.ndarray, np.ndarray]:
    """(centre, half-width) of A's preferred exact ages; NaN where A has no preference (no
    requirement and age unknown). Same definition as rules.age_window."""
    own = a.age_f.astype(np.float64)
    has_lo = a.req_age_min >= 0
    has_hi = a.req_age_max != NONE_MAX
    lo_r = a.req_age_min.astype(np.float64)
    hi_r = a.req_age_max.astype(np.float64) + 1.0
    known = ~np.isnan(own)
    open_hi = np.where(known, np.maximum(own + AGE_SPAN, lo_r + AGE_MIN_WIDTH), lo_r + 2 * AGE_SPAN)
    open_lo = np.where(known, np.minimum(own - AGE_SPAN, hi_r - AGE_MIN_WIDTH), hi_r - 2 * AGE_SPAN)
    lo = np.where(has_lo, lo_r, np.where(has_hi, open_lo, own - AGE_SPAN))
    hi = np.where(has_hi, hi_r, np.where(has_lo, open_hi, own + AGE_SPAN))
    return (lo + hi) / 2.0, np.maximum((hi - lo) / 2.0, AGE_MIN_HALF)


def district_km(pool: MatchPool, a: Side, b: Side) -> np.ndarray:
    """Kilometres between A's and B's districts (NaN unknown)."""
    return pool.district_km()[a.district, b.district]


def district_closeness(
    pool: MatchPool, a: Side, b: Side, km: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(kilometres between A's and B's districts (NaN unknown), the no-list district component);
    `km`: those kilometres when the caller has them already (the same both ways)."""
    km = district_km(pool, a, b) if km is None else km
    same = a.district == b.district
    near = DISTRICT_OTHER + (1.0 - DISTRICT_OTHER) * np.exp2(-km / DISTRICT_HALF_KM)
    return km, np.where(np.isnan(km), np.where(same, 1.0, DISTRICT_OTHER), near)


def satisfaction_parts(
    pool: MatchPool, a: Side, b: Side, *, all_fit: bool = False, km: np.ndarray | None = None
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """A's satisfaction with B per component (floored), and B's age z-score in A's window
    (NaN where either age or A's preference is unknown). `all_fit`: every B passed A's hard
    filters (a ranking), so B is in A's listed districts wherever A lists some."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        mid, half = age_window(a)
        z_age = (b.age_f - mid) / half
        s_age = np.where(np.isnan(z_age), 1.0, _bell(z_age))

        h = b.height.astype(np.float64)
        lo = a.req_h_min.astype(np.float64)
        hi = a.req_h_max.astype(np.float64)
        has_lo = a.req_h_min >= 0
        has_hi = a.req_h_max != NONE_MAX
        both = _bell((h - (lo + hi) / 2.0) / np.maximum((hi - lo) / 2.0, HEIGHT_MIN_HALF))
        s_h = np.where(
            has_lo & has_hi,
            both,
            np.where(has_lo, _logistic2((h - lo) / HEIGHT_SLOPE), _logistic2((hi - h) / HEIGHT_SLOPE)),
        )
        s_h = np.where((b.height < 0) | (~has_lo & ~has_hi), 1.0, s_h)

        rb = b.edu.astype(np.float64)
        ra = a.edu.astype(np.float64)
        rm = a.req_edu.astype(np.float64)
        s_e = np.where(
            b.edu < 0,
            1.0,
            np.where(a.req_edu >= 0, _logistic2(rb - rm + 1), np.where(a.edu >= 0, _bell((rb - ra) / EDU_CLOSE), 1.0)),
        )

        _km, near = district_closeness(pool, a, b, km)
        listed = 1.0 if all_fit else np.where(_in_req_districts(pool, a, b), 1.0, DISTRICT_OUTSIDE)
        s_d = np.where(a.req_dist_any, near, listed)
    f = COMPONENT_FLOOR
    parts = {
        "age": np.maximum(s_age, f),
        "height": np.maximum(s_h, f),
        "education": np.maximum(s_e, f),
        "district": np.maximum(s_d, f),
    }
    return parts, z_age


def log_parts(parts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The natural log of each part (the rule's geometric mean and the model's features both use them)."""
    return {name: np.log(x) for name, x in parts.items()}


def combine(
    parts: dict[str, np.ndarray], w: MatchWeights, a: Side, logs: dict[str, np.ndarray] | None = None
) -> np.ndarray:
    """A's satisfaction: weighted geometric mean of the parts, each weight times how much that
    requirement matters to A (rules.component_weights); `logs`: log_parts(parts), if at hand."""
    ws = (("age", w.w_age, a.imp_age), ("height", w.w_height, a.imp_height),
          ("education", w.w_education, a.imp_education), ("district", w.w_district, a.imp_district))  # fmt: skip
    shape = np.broadcast(*parts.values()).shape
    acc = np.zeros(shape)
    total = np.zeros(np.shape(a.imp_age))
    for name, x, imp in ws:
        if x:
            wa = x * IMPORTANCE_LUT[imp.astype(np.int64) + 1]
            total = total + wa
            acc = acc + wa * (np.log(parts[name]) if logs is None else logs[name])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, np.exp(acc / np.where(total > 0, total, 1.0)), 1.0)


def reciprocal(s_ab: np.ndarray, s_ba: np.ndarray, *, mean: str) -> np.ndarray:
    if mean == "harmonic":
        return 2.0 * s_ab * s_ba / (s_ab + s_ba)
    return np.sqrt(s_ab * s_ba)


def common_tag_counts(a: Side, b: Side) -> np.ndarray:
    return popcount_rows(a.tags & b.tags)


def jaccard(a: Side, b: Side, inter: np.ndarray) -> np.ndarray:
    union = a.tag_count.astype(np.int64) + b.tag_count - inter
    return np.where(union > 0, inter / np.maximum(union, 1), 0.0)


def damping(open_: np.ndarray, w: MatchWeights) -> np.ndarray:
    return 1.0 / (1.0 + w.damp_a * np.maximum(open_, 0)) ** w.damp_b


@dataclass(frozen=True, slots=True)
class PairTerms:
    """Everything the rule score and the model features need for a set of pairs (A, B)."""

    s_ab: np.ndarray
    s_ba: np.ndarray
    parts_ab: dict[str, np.ndarray]
    parts_ba: dict[str, np.ndarray]
    z_ab: np.ndarray  # B's age in A's window
    z_ba: np.ndarray
    inter: np.ndarray
    jaccard: np.ndarray
    rule: np.ndarray
    km: np.ndarray  # between the districts' centres; NaN unknown
    logs_ab: dict[str, np.ndarray]  # log_parts(parts_ab)
    logs_ba: dict[str, np.ndarray]


def pair_terms(pool: MatchPool, a: Side, b: Side, w: MatchWeights, *, all_fit: bool = False) -> PairTerms:
    """Rule terms of pairs (A, B); `all_fit`: the pairs passed both hard filters (a ranking)."""
    km = district_km(pool, a, b)  # the same both ways: looked up once
    parts_ab, z_ab = satisfaction_parts(pool, a, b, all_fit=all_fit, km=km)
    parts_ba, z_ba = satisfaction_parts(pool, b, a, all_fit=all_fit, km=km)
    logs_ab, logs_ba = log_parts(parts_ab), log_parts(parts_ba)
    s_ab = combine(parts_ab, w, a, logs_ab)
    s_ba = combine(parts_ba, w, b, logs_ba)
    inter = common_tag_counts(a, b)
    jac = jaccard(a, b, inter)
    rule = (1.0 - w.w_tags) * reciprocal(s_ab, s_ba, mean=w.mean) + w.w_tags * jac
    return PairTerms(s_ab, s_ba, parts_ab, parts_ba, z_ab, z_ba, inter, jac, rule, km, logs_ab, logs_ba)
