"""Rank one member's candidates: two-way hard filters, reciprocal soft score, fairness damping.

`rank(pool, member_id, ...)` is THE entry point for "candidates for one member", on the desktop
(MatchIndex.rank), on the command line and for the member web app: pass the adopted model
(queries.ranking_model(session), or None) and the rule ranks whenever there is none.

Score of a candidate C for member M (all in (0, 1]):
    rule  = (1 - w_tags) * mean(s_MC, s_CM) + w_tags * jaccard(hobbies)   (rules.py)
    base  = rule                                   without a model that may rank
          = (1 - model_blend) * rule + model_blend * sqrt(p(M yes C) * p(C yes M))
                                                   with one (`model.may_rank`: ready, and its
                                                   evaluation beat the rule on held-out groups)
    score = base / (1 + damp_a * open_C) ** damp_b (open_C: C's open proposals)
A model that may not rank is ignored here whatever the caller passes (the guard is in one place).
Results are ordered by score, ties by member id. Each carries its factors: stable codes with
parameters for the UI to phrase ("why suggested"); no sentences here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from xzdesk.domain.matching import vector as V
from xzdesk.domain.matching.pool import MatchPool, PairSet
from xzdesk.domain.matching.profile import MatchProfile
from xzdesk.domain.matching.rules import DEFAULT_WEIGHTS, MatchWeights, common_hobbies

if TYPE_CHECKING:  # pragma: no cover
    from xzdesk.domain.matching.model import ReciprocalModel
    from xzdesk.domain.matching.signals import Signals


class Factor(NamedTuple):
    """One reason a candidate is suggested: a stable code and the parameters to phrase it."""

    code: str
    params: dict[str, Any]


FACTOR_CODES: tuple[str, ...] = (
    "mutual_satisfaction",  # {"member": s_MC, "candidate": s_CM, "mean": "geometric"|"harmonic"}
    "age_fits_both",  # {"member_age", "candidate_age"}: each inside the other's preferred ages
    "height_fits",  # {"member_height", "candidate_height"}: a height requirement is met well
    "education_fits",  # {"member_education", "candidate_education"}: GB/T 4658 codes
    "same_district",  # {"district": code}
    "district_accepted",  # {"district": code}: in the member's listed districts, not the same
    "common_hobbies",  # {"tags": [...], "similarity": jaccard}
    "model_score",  # {"p": P(mutual yes), "member": P(member yes), "candidate": P(candidate yes)}
    "damped_popular",  # {"open": open proposals, "factor": damping multiplier}
)


@dataclass(frozen=True)
class MatchCandidateRow:
    """One suggested candidate for a member (scores rounded nowhere; factors rounded)."""

    member_id: str
    score: float
    rule_score: float
    model_score: float | None  # the model's P(mutual yes) when a model ranks, else None
    satisfaction_member: float  # the ranked member's satisfaction with this candidate
    satisfaction_candidate: float  # this candidate's satisfaction with the member
    tag_similarity: float
    damping: float
    open_proposals: int
    factors: tuple[Factor, ...]


def _excluded_slots(pool: MatchPool, member_id: str, sets: Iterable[PairSet]) -> np.ndarray:
    out = []
    for s in sets:
        for other in s.partners(member_id):
            slot = pool._slot.get(other)
            if slot is not None:
                out.append(slot)
    return np.array(out, dtype=np.int64)


def eligible_mask(
    pool: MatchPool, slot: int, *, exclude: np.ndarray | None = None
) -> np.ndarray:
    """Boolean mask over slots [0, size): candidates passing every hard filter both ways.

    The member's own requirements are checked against everyone (one row broadcast: cheap), the
    candidates' requirements only on the rows left (a candidate's requirements are columns: the
    costly direction), which keeps a ranking at 100k within its figure."""
    c = pool._c
    n = pool._size
    if not c["eligible"][slot]:
        return np.zeros(n, dtype=bool)
    q = V.side(pool, np.array([slot], dtype=np.int64))
    mask = c["eligible"][:n] & (c["sex"][:n] == 3 - int(c["sex"][slot]))
    mask &= V.requirements_ok(pool, q, V.side_all(pool))
    if exclude is not None and exclude.size:
        mask[exclude] = False
    left = np.flatnonzero(mask)
    mask[left[~V.requirements_ok(pool, V.side(pool, left), q)]] = False
    return mask


class _IdsAt:
    """Lazy `ids[idx[i]]`, so only tied candidates' ids are looked up."""

    def __init__(self, ids: Sequence[str | None], idx: np.ndarray) -> None:
        self._ids, self._idx = ids, idx

    def __getitem__(self, i: int) -> str:
        return self._ids[int(self._idx[i])] or ""


def _top_k(scores: np.ndarray, ids: _IdsAt, k: int) -> list[int]:
    """Positions of the k best scores, ties broken by member id (deterministic)."""
    n = scores.size
    if n == 0 or k <= 0:
        return []
    if n > k:
        part = np.argpartition(-scores, k - 1)[:k]
        threshold = scores[part].min()
        pos = np.flatnonzero(scores >= threshold)
    else:
        pos = np.arange(n)
    ordered = sorted(pos.tolist(), key=lambda i: (-scores[i], ids[i]))
    return ordered[:k]


def _factors(
    q: MatchProfile,
    c: MatchProfile,
    *,
    i: int,
    terms: V.PairTerms,
    weights: MatchWeights,
    model_p: tuple[float, float] | None,
    damp: float,
) -> tuple[Factor, ...]:
    pab, pba = terms.parts_ab, terms.parts_ba
    out = [
        Factor(
            "mutual_satisfaction",
            {"member": round(float(terms.s_ab[i]), 3), "candidate": round(float(terms.s_ba[i]), 3),
             "mean": weights.mean},
        )
    ]
    if pab["age"][i] >= 0.5 and pba["age"][i] >= 0.5:
        out.append(Factor("age_fits_both", {"member_age": q.age, "candidate_age": c.age}))
    height_req = any(
        v is not None for v in (q.req_height_min, q.req_height_max, c.req_height_min, c.req_height_max)
    )
    if height_req and pab["height"][i] >= 0.5 and pba["height"][i] >= 0.5:
        out.append(Factor("height_fits", {"member_height": q.height_cm, "candidate_height": c.height_cm}))
    if (
        q.education_rank >= 0
        and c.education_rank >= 0
        and pab["education"][i] >= 0.5
        and pba["education"][i] >= 0.5
    ):
        out.append(
            Factor("education_fits", {"member_education": q.education, "candidate_education": c.education})
        )
    if q.district_code == c.district_code:
        out.append(Factor("same_district", {"district": c.district_code}))
    elif q.req_districts and c.district_code in q.req_districts:
        out.append(Factor("district_accepted", {"district": c.district_code}))
    tags = common_hobbies(q, c)
    if tags:
        out.append(Factor("common_hobbies", {"tags": list(tags), "similarity": round(float(terms.jaccard[i]), 3)}))
    if model_p is not None:
        pa, pb = model_p
        out.append(Factor("model_score", {"p": round(pa * pb, 3), "member": round(pa, 3), "candidate": round(pb, 3)}))
    if c.open_proposals > 0:
        out.append(Factor("damped_popular", {"open": c.open_proposals, "factor": round(damp, 3)}))
    return tuple(out)


def rank(
    pool: MatchPool,
    member_id: str,
    *,
    k: int = 50,
    exclude_pairs: PairSet | Iterable[tuple[str, str]] | None = None,
    blocked: PairSet | Iterable[tuple[str, str]] | None = None,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    model: ReciprocalModel | None = None,
    signals: Signals | None = None,
) -> list[MatchCandidateRow]:
    """The best `k` candidates for `member_id`, best first.

    exclude_pairs: pairs already introduced (any stage); blocked: pairs that must never be
    suggested. Pass PairSets kept by the caller (an iterable of pairs is indexed per call).
    model: the adopted model; used only when `model.may_rank` (see the module docstring).
    signals: collaborative signals from past answers for the model (None: everyone unseen).
    Returns [] when the member is not eligible (see rules.ineligibility_reasons).
    Raises NotFound("matching.member_not_in_pool"). Thread: takes `pool.lock`.
    """
    sets = [PairSet.coerce(exclude_pairs), PairSet.coerce(blocked)]
    with pool.lock:
        slot = pool.slot_of(member_id)
        mask = eligible_mask(pool, slot, exclude=_excluded_slots(pool, member_id, sets))
        idx = np.flatnonzero(mask)
        if idx.size == 0:
            return []
        q = V.side(pool, np.array([slot], dtype=np.int64))
        cand = V.side(pool, idx)
        terms = V.pair_terms(pool, q, cand, weights, all_fit=True)  # every candidate passed both filters
        pa = pb = None
        base = terms.rule
        if model is not None and model.may_rank and weights.model_blend > 0:
            # Features are defined by the satisfaction weights the model was fitted with.
            mterms = terms if model.uses_same_features(weights) else V.pair_terms(pool, q, cand, model.weights,
                                                                                  all_fit=True)  # fmt: skip
            pa, pb = model.query_probabilities(pool, q, cand, mterms, signals=signals)
            base = (1.0 - weights.model_blend) * terms.rule + weights.model_blend * np.sqrt(pa * pb)
        damp = V.damping(cand.open, weights)
        final = base * damp
        top = _top_k(final, _IdsAt(pool._ids, idx), k)
        qp = pool._profiles[slot]
        assert qp is not None
        rows = []
        for i in top:
            cp = pool._profiles[int(idx[i])]
            assert cp is not None
            mp = None if pa is None or pb is None else (float(pa[i]), float(pb[i]))
            rows.append(
                MatchCandidateRow(
                    member_id=cp.member_id,
                    score=float(final[i]),
                    rule_score=float(terms.rule[i]),
                    model_score=None if mp is None else mp[0] * mp[1],
                    satisfaction_member=float(terms.s_ab[i]),
                    satisfaction_candidate=float(terms.s_ba[i]),
                    tag_similarity=float(terms.jaccard[i]),
                    damping=float(damp[i]),
                    open_proposals=cp.open_proposals,
                    factors=_factors(
                        qp, cp, i=i, terms=terms, weights=weights, model_p=mp, damp=float(damp[i])
                    ),
                )
            )
        return rows


def _pair_slots(pool: MatchPool, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    a = np.fromiter((pool.slot_of(x) for x, _ in pairs), dtype=np.int64, count=len(pairs))
    b = np.fromiter((pool.slot_of(y) for _, y in pairs), dtype=np.int64, count=len(pairs))
    return a, b


def rule_scores(
    pool: MatchPool, pairs: Sequence[tuple[str, str]], *, weights: MatchWeights = DEFAULT_WEIGHTS
) -> np.ndarray:
    """Rule score of arbitrary pairs (no hard filters, no damping), e.g. for event pairs."""
    with pool.lock:
        a, b = _pair_slots(pool, pairs)
        if a.size == 0:
            return np.zeros(0)
        return V.pair_terms(pool, V.side(pool, a), V.side(pool, b), weights).rule.copy()
