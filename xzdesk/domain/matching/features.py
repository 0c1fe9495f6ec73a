"""Directional features: what A's "yes" to B may depend on, vectorised over pool columns.

A feature row describes chooser A looking at chosen B (A's view; B's view of A is another row).
Every column is finite: an unknown value gives 0 plus an "unknown" flag, never a made-up number.
`DIRECTIONAL_FEATURES` names the columns in order; the last ones are the collaborative signals
(signals.SIGNAL_FEATURES). Groups:

- the rule's view from A: log of A's satisfaction (with A's importances) and of each component;
- age, height, education, income: B minus A (sign kept: the model learns each sex's own taste,
  e.g. older or younger), unknown flags, how far B is outside A's stated range (0 inside);
- B's own levels: height against the usual height of B's sex, education rank, income band;
- marital history and children: B previously married, B has children, A's stated wish broken;
- place and work: kilometres between the districts (log), same district, outside A's listed
  districts, same sector, same occupation, the same employer ("the same unit");
- interests: Jaccard, common tags (log), phi correlation of the two tag vectors over the
  vocabulary, no tags on either side;
- A's requirements: how many A states, and the importance-weighted count of A's requirements
  B breaks (rules.IMPORTANCE_FACTOR; not said counts 1).

Between candidates who passed both hard filters every "broken" column is 0, so ranking passes
`all_fit=True` and skips those lookups.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from xzdesk.domain.matching import vector as V
from xzdesk.domain.matching.pool import NONE_MAX, MatchPool
from xzdesk.domain.matching.signals import SIGNAL_FEATURES

USUAL_HEIGHT = {1: 172.0, 2: 160.0}  # cm, by sex: only to centre B's height
_PREVIOUSLY_MARRIED = 2 | 4  # widowed, divorced bits (profile.MARITAL_BITS)

STATIC_FEATURES: tuple[str, ...] = (
    "log_sat", "log_age_fit", "log_height_fit", "log_edu_fit", "log_district_fit",
    "age_diff", "age_diff_sq", "age_unknown", "age_outside",
    "height_diff", "height_unknown", "height_outside", "b_height_z",
    "edu_diff", "edu_unknown", "edu_below_min", "b_edu_level",
    "income_diff", "income_unknown", "b_income_level",
    "b_prev_married", "b_has_children", "marital_unwanted", "children_unwanted",
    "log_km", "km_unknown", "same_district", "district_unlisted",
    "same_sector", "sector_unknown", "same_occupation", "same_employer",
    "tag_jaccard", "tag_common", "tag_phi", "tags_unknown",
    "a_n_req", "imp_broken",
)  # fmt: skip
DIRECTIONAL_FEATURES: tuple[str, ...] = STATIC_FEATURES + SIGNAL_FEATURES


def _f(x: np.ndarray | bool | float) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def _imp(level: np.ndarray) -> np.ndarray:
    return V.IMPORTANCE_LUT[level.astype(np.int64) + 1]


def _age(a: V.Side, b: V.Side) -> Iterator[np.ndarray]:
    unknown = np.isnan(a.age_f) | np.isnan(b.age_f)
    diff = np.where(unknown, 0.0, (b.age_f.astype(np.float64) - a.age_f) / 10.0)
    known_b = b.age >= 0
    below = np.where((a.req_age_min >= 0) & known_b, np.maximum(a.req_age_min - b.age, 0), 0)
    above = np.where((a.req_age_max != NONE_MAX) & known_b, np.maximum(b.age - a.req_age_max, 0), 0)
    yield from (diff, diff * diff, _f(unknown), (below + above) / 5.0)


def _height(a: V.Side, b: V.Side) -> Iterator[np.ndarray]:
    unknown = (a.height < 0) | (b.height < 0)
    known_b = b.height >= 0
    below = np.where((a.req_h_min >= 0) & known_b, np.maximum(a.req_h_min - b.height, 0), 0)
    above = np.where((a.req_h_max != NONE_MAX) & known_b, np.maximum(b.height - a.req_h_max, 0), 0)
    usual = np.where(b.sex == 1, USUAL_HEIGHT[1], USUAL_HEIGHT[2])
    z = np.where(known_b & ((b.sex == 1) | (b.sex == 2)), (b.height - usual) / 7.0, 0.0)
    yield from (np.where(unknown, 0.0, (b.height - a.height) / 10.0), _f(unknown), (below + above) / 5.0, z)


def _education_income(a: V.Side, b: V.Side) -> Iterator[np.ndarray]:
    edu_unknown = (a.edu < 0) | (b.edu < 0)
    below = np.where((a.req_edu >= 0) & (b.edu >= 0), np.maximum(a.req_edu - b.edu, 0), 0)
    inc_unknown = (a.income <= 0) | (b.income <= 0)
    yield from (
        np.where(edu_unknown, 0.0, b.edu - a.edu), _f(edu_unknown), _f(below), np.where(b.edu >= 0, b.edu / 8.0, 0.0),
        np.where(inc_unknown, 0.0, b.income - a.income), _f(inc_unknown), np.where(b.income > 0, b.income / 5.0, 0.0),
    )  # fmt: skip


def _broken(pool: MatchPool, a: V.Side, b: V.Side) -> dict[str, np.ndarray]:
    """Which of A's requirements B breaks, by importance key (False where B's value is unknown
    for age/height/education: the filters treat that as broken, the features as "unknown")."""
    no_age = (a.req_age_min < 0) & (a.req_age_max == NONE_MAX)
    no_h = (a.req_h_min < 0) & (a.req_h_max == NONE_MAX)
    return {
        "age": ~no_age & ~((b.age >= 0) & (b.age >= a.req_age_min) & (b.age <= a.req_age_max)),
        "height": ~no_h & ~((b.height >= 0) & (b.height >= a.req_h_min) & (b.height <= a.req_h_max)),
        "education": (a.req_edu >= 0) & (b.edu < a.req_edu),
        "district": ~a.req_dist_any & ~V._in_req_districts(pool, a, b),
        "marital": (a.req_marital & b.marital_bit) == 0,
        "children": ~a.req_children_ok & b.has_children,
    }


def _family_place_work(pool: MatchPool, a: V.Side, b: V.Side, km: np.ndarray,
                       broken: dict[str, np.ndarray] | None) -> Iterator[np.ndarray]:  # fmt: skip
    shape = np.broadcast(a.age, b.age).shape
    zero = np.zeros(shape)
    yield from (_f((b.marital_bit & _PREVIOUSLY_MARRIED) != 0), _f(b.has_children))
    yield from (zero, zero) if broken is None else (_f(broken["marital"]), _f(broken["children"]))
    km_unknown = np.isnan(km)
    yield from (np.where(km_unknown, 0.0, np.log1p(np.where(km_unknown, 0.0, km))), _f(km_unknown))
    yield _f(a.district == b.district)
    yield zero if broken is None else _f(broken["district"])
    yield from (
        _f((a.sector == b.sector) & (a.sector > 0)), _f((a.sector == 0) | (b.sector == 0)),
        _f((a.occupation == b.occupation) & (a.occupation > 0)), _f((a.employer == b.employer) & (a.employer > 0)),
    )  # fmt: skip


def _interests(pool: MatchPool, a: V.Side, b: V.Side, inter: np.ndarray, jac: np.ndarray) -> Iterator[np.ndarray]:
    n = float(max(len(pool.tag_vocab.words), 1))
    na, nb = a.tag_count.astype(np.float64), b.tag_count.astype(np.float64)
    den = np.sqrt(na * (n - na) * nb * (n - nb))
    with np.errstate(invalid="ignore", divide="ignore"):
        phi = np.where(den > 0, (inter * n - na * nb) / np.where(den > 0, den, 1.0), 0.0)
    yield from (jac, np.log1p(inter), phi, _f((a.tag_count == 0) | (b.tag_count == 0)))


def static_columns(
    pool: MatchPool,
    a: V.Side,
    b: V.Side,
    *,
    s: np.ndarray,
    parts: dict[str, np.ndarray],
    inter: np.ndarray,
    jac: np.ndarray,
    km: np.ndarray,
    all_fit: bool = False,
    logs: dict[str, np.ndarray] | None = None,
) -> list[np.ndarray]:
    """STATIC_FEATURES columns for chooser(s) `a` looking at `b` (shapes broadcast), given A's
    satisfaction `s` and its `parts` from vector.pair_terms. The caller holds the pool's lock.
    `all_fit`: every B meets every requirement of A (ranking), so the "broken" columns are 0.
    `logs`: vector.log_parts(parts) when the caller has them (pair_terms does)."""
    shape = np.broadcast(a.age, b.age).shape
    broken = None if all_fit else _broken(pool, a, b)
    logs = V.log_parts(parts) if logs is None else logs
    cols: list[np.ndarray] = [np.log(s)] + [logs[k] for k in ("age", "height", "education", "district")]
    cols += [*_age(a, b), *_height(a, b), *_education_income(a, b)]
    cols += list(_family_place_work(pool, a, b, km, broken))
    cols += list(_interests(pool, a, b, inter, jac))
    cols.append(a.n_req.astype(np.float64))
    if broken is None:
        cols.append(np.zeros(shape))
    else:
        keys = ("age", "height", "education", "district", "marital", "children")
        cols.append(sum((_f(broken[k]) * _imp(getattr(a, f"imp_{k}")) for k in keys), np.zeros(shape)))
    # Columns already float64 of the full shape are passed on as they are (most, in a ranking).
    return [c if c.shape == shape and c.dtype == np.float64 else np.broadcast_to(_f(c), shape)
            for c in map(np.asarray, cols)]  # fmt: skip
