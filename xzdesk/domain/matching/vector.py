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
    DISTRICT_OTHER,
    DISTRICT_OUTSIDE,
    EDU_CLOSE,
    HEIGHT_MIN_HALF,
    HEIGHT_SLOPE,
    MatchWeights,
)

_FIELDS = (
    "sex", "age", "height", "edu", "marital_bit", "has_children", "district", "income", "tag_count",
    "open", "req_age_min", "req_age_max", "req_h_min", "req_h_max", "req_edu", "req_marital",
    "req_children_ok", "req_dist_any",
)  # fmt: skip

_LUT = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def popcount_rows(words: np.ndarray) -> np.ndarray:
    """Set bits per row of a (..., W) uint64 array."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words).sum(axis=-1, dtype=np.int64)
    as_bytes = np.ascontiguousarray(words).view(np.uint8)  # pragma: no cover - numpy < 2
    return _LUT[as_bytes].sum(axis=-1, dtype=np.int64)  # pragma: no cover


@dataclass(frozen=True, slots=True)
class Side:
    slots: np.ndarray
    sex: np.ndarray
    age: np.ndarray
    height: np.ndarray
    edu: np.ndarray
    marital_bit: np.ndarray
    has_children: np.ndarray
    district: np.ndarray
    income: np.ndarray
    tag_count: np.ndarray
    open: np.ndarray
    req_age_min: np.ndarray
    req_age_max: np.ndarray
    req_h_min: np.ndarray
    req_h_max: np.ndarray
    req_edu: np.ndarray
    req_marital: np.ndarray
    req_children_ok: np.ndarray
    req_dist_any: np.ndarray
    tags: np.ndarray


def side(pool: MatchPool, slots: np.ndarray) -> Side:
    """Copies of the given rows."""
    c = pool._c
    return Side(slots, *(c[f][slots] for f in _FIELDS), pool._tags[slots])


def side_all(pool: MatchPool) -> Side:
    """Views of rows [0, size) (no copy); slots are 0..size-1."""
    n = pool._size
    c = pool._c
    return Side(np.arange(n), *(c[f][:n] for f in _FIELDS), pool._tags[:n])


def _in_req_districts(pool: MatchPool, a: Side, b: Side) -> np.ndarray:
    """Whether B's district has its bit in A's accepted-district set (False where A lists none;
    only rows of A with a list are looked up)."""
    shape = np.broadcast(a.slots, b.district).shape
    need = np.broadcast_to(~a.req_dist_any, shape)
    out = np.zeros(shape, dtype=bool)
    if need.any():
        rows = np.broadcast_to(a.slots, shape)[need]
        d = np.broadcast_to(b.district, shape)[need].astype(np.int64)
        words = pool._req_dist[rows, d >> 6]
        out[need] = ((words >> (d & 63).astype(np.uint64)) & np.uint64(1)).astype(bool)
    return out


def requirements_ok(pool: MatchPool, a: Side, b: Side) -> np.ndarray:
    """B fits A's requirements (hard filter, one direction)."""
    ok = (b.age >= a.req_age_min) & (b.age <= a.req_age_max)
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
    age = a.age.astype(np.float64)
    has_lo = a.req_age_min >= 0
    has_hi = a.req_age_max != NONE_MAX
    lo = np.where(has_lo, a.req_age_min, age - AGE_SPAN).astype(np.float64)
    hi = np.where(has_hi, a.req_age_max, age + AGE_SPAN).astype(np.float64)
    hi = np.where(has_lo & ~has_hi, np.maximum(age + AGE_SPAN, lo + AGE_MIN_WIDTH), hi)
    lo = np.where(~has_lo & has_hi, np.minimum(age - AGE_SPAN, hi - AGE_MIN_WIDTH), lo)
    return (lo + hi) / 2.0, np.maximum((hi - lo) / 2.0, AGE_MIN_HALF)


def satisfaction_parts(pool: MatchPool, a: Side, b: Side) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """A's satisfaction with B per component (floored), and B's age z-score in A's window."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        mid, half = age_window(a)
        z_age = (b.age - mid) / half
        s_age = _bell(z_age)

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

        s_d = np.where(
            a.req_dist_any,
            np.where(a.district == b.district, 1.0, DISTRICT_OTHER),
            np.where(_in_req_districts(pool, a, b), 1.0, DISTRICT_OUTSIDE),
        )
    f = COMPONENT_FLOOR
    parts = {
        "age": np.maximum(s_age, f),
        "height": np.maximum(s_h, f),
        "education": np.maximum(s_e, f),
        "district": np.maximum(s_d, f),
    }
    return parts, z_age


def combine(parts: dict[str, np.ndarray], w: MatchWeights) -> np.ndarray:
    ws = (("age", w.w_age), ("height", w.w_height), ("education", w.w_education), ("district", w.w_district))
    total = sum(x for _, x in ws)
    if total <= 0:
        return np.ones_like(parts["age"])
    acc = np.zeros(np.broadcast(*parts.values()).shape)
    for name, x in ws:
        if x:
            acc = acc + x * np.log(parts[name])
    return np.exp(acc / total)


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


def pair_terms(pool: MatchPool, a: Side, b: Side, w: MatchWeights) -> PairTerms:
    parts_ab, z_ab = satisfaction_parts(pool, a, b)
    parts_ba, z_ba = satisfaction_parts(pool, b, a)
    s_ab = combine(parts_ab, w)
    s_ba = combine(parts_ba, w)
    inter = common_tag_counts(a, b)
    jac = jaccard(a, b, inter)
    rule = (1.0 - w.w_tags) * reciprocal(s_ab, s_ba, mean=w.mean) + w.w_tags * jac
    return PairTerms(s_ab, s_ba, parts_ab, parts_ba, z_ab, z_ba, inter, jac, rule)


FEATURE_NAMES: tuple[str, ...] = (
    "sat_m", "sat_w", "sat_min", "sat_geo", "tag_jaccard", "tag_common", "same_district",
    "age_gap", "age_gap_sq", "age_z_m", "age_z_m_sq", "age_z_w", "age_z_w_sq",
    "edu_diff", "edu_absdiff", "edu_unknown", "height_diff", "height_unknown",
    "income_diff", "income_absdiff", "income_unknown", "both_never_married", "any_children",
    "fits_m", "fits_w",
)  # fmt: skip


def pair_features(pool: MatchPool, a: Side, b: Side, t: PairTerms) -> np.ndarray:
    """Feature matrix (n, len(FEATURE_NAMES)) for pairs (A, B), ordered man-first."""
    return np.column_stack(pair_feature_columns(pool, a, b, t))


def pair_feature_columns(
    pool: MatchPool,
    a: Side,
    b: Side,
    t: PairTerms,
    *,
    fits: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[np.ndarray]:
    """The feature columns in FEATURE_NAMES order, each of the pairs' broadcast shape.

    Directional features say whose view they take: "_m" is the man's view of the woman, "_w"
    the woman's of the man. A pair that is not man/woman keeps the order given. `fits`: the
    two requirement checks (A's on B, B's on A) when the caller already knows them.
    """
    shape = np.broadcast(a.age, b.age).shape
    swap = np.broadcast_to(a.sex == 2, shape)

    def m_w(x_ab: np.ndarray, x_ba: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x_ab = np.broadcast_to(x_ab, shape)
        x_ba = np.broadcast_to(x_ba, shape)
        return np.where(swap, x_ba, x_ab), np.where(swap, x_ab, x_ba)

    def by_sex(xa: np.ndarray, xb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return m_w(xa, xb)

    sat_m, sat_w = m_w(t.s_ab, t.s_ba)
    z_m, z_w = m_w(np.clip(t.z_ab, -5, 5), np.clip(t.z_ba, -5, 5))
    age_m, age_w = by_sex(a.age.astype(np.float64), b.age.astype(np.float64))
    edu_m, edu_w = by_sex(a.edu.astype(np.float64), b.edu.astype(np.float64))
    h_m, h_w = by_sex(a.height.astype(np.float64), b.height.astype(np.float64))
    inc_m, inc_w = by_sex(a.income.astype(np.float64), b.income.astype(np.float64))
    if fits is None:
        fits = (requirements_ok(pool, a, b), requirements_ok(pool, b, a))
    fits_m, fits_w = m_w(*fits)

    edu_unknown = (edu_m < 0) | (edu_w < 0)
    edu_diff = np.where(edu_unknown, 0.0, edu_m - edu_w)
    h_unknown = (h_m < 0) | (h_w < 0)
    h_diff = np.where(h_unknown, 0.0, (h_m - h_w) / 10.0)
    inc_unknown = (inc_m <= 0) | (inc_w <= 0)
    inc_diff = np.where(inc_unknown, 0.0, inc_m - inc_w)
    gap = (age_m - age_w) / 10.0
    same_d = np.broadcast_to(a.district == b.district, shape)
    never = np.broadcast_to((a.marital_bit == 1) & (b.marital_bit == 1), shape)
    kids = np.broadcast_to(a.has_children | b.has_children, shape)
    cols = (
        sat_m, sat_w, np.minimum(sat_m, sat_w), np.sqrt(sat_m * sat_w),
        np.broadcast_to(t.jaccard, shape), np.broadcast_to(np.log1p(t.inter), shape), same_d,
        gap, gap * gap, z_m, z_m * z_m, z_w, z_w * z_w,
        edu_diff, np.abs(edu_diff), edu_unknown, h_diff, h_unknown,
        inc_diff, np.abs(inc_diff), inc_unknown, never, kids,
        fits_m, fits_w,
    )  # fmt: skip
    return [np.asarray(x, dtype=np.float64).reshape(shape) for x in cols]
