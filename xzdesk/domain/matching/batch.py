"""Batch suggestions for a matchmaker's caseload: a preview of pairs, nobody double-booked.

Each caseload member is ranked (`rank`, same filters and scores); the union of their top
candidates forms a bipartite graph men x women whose edges carry the candidate's score from
the caseload member's view (the higher view when both sides are in the caseload). Capacities:
a caseload member takes up to `per_member` pairs, anyone else at most one. Methods:

- "assignment": scipy.optimize.linear_sum_assignment on the men x women score matrix, exact
  maximum total score for per_member == 1.
- "b_matching": the same problem with capacities as an integer program (scipy.optimize.milp;
  the bipartite constraint matrix is totally unimodular, so this is exact and fast).
- "greedy": best edge first while capacities last; a baseline, never better than the two above.
- "auto" (default): assignment when per_member == 1, b_matching otherwise.

Nothing is created: the caller shows the preview and proposes the pairs a matchmaker confirms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from xzdesk.domain.errors import XzError
from xzdesk.domain.matching.model import ReciprocalModel
from xzdesk.domain.matching.pool import MatchPool, PairSet
from xzdesk.domain.matching.ranking import Factor, rank
from xzdesk.domain.matching.rules import DEFAULT_WEIGHTS, MatchWeights, ineligibility_reasons
from xzdesk.domain.matching.signals import Signals
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

METHODS = ("auto", "assignment", "b_matching", "greedy")


@dataclass(frozen=True)
class SuggestedPairRow:
    member_id: str  # the caseload member
    candidate_id: str
    score: float
    candidate_in_caseload: bool
    factors: tuple[Factor, ...]


@dataclass(frozen=True)
class BatchPreviewInfo:
    pairs: tuple[SuggestedPairRow, ...]
    total_score: float
    method: str
    unmatched: tuple[str, ...]  # eligible caseload members given fewer than per_member pairs
    ineligible: tuple[str, ...]  # caseload members who cannot be matched now


@dataclass
class _Edge:
    man: str
    woman: str
    row: SuggestedPairRow


def _solve_assignment(edges: list[_Edge]) -> list[int]:
    from scipy.optimize import linear_sum_assignment

    men = {m: i for i, m in enumerate(dict.fromkeys(e.man for e in edges))}
    women = {w: i for i, w in enumerate(dict.fromkeys(e.woman for e in edges))}
    weight = np.zeros((len(men), len(women)))
    which = np.full((len(men), len(women)), -1, dtype=np.int64)
    for k, e in enumerate(edges):
        weight[men[e.man], women[e.woman]] = e.row.score
        which[men[e.man], women[e.woman]] = k
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [int(which[r, c]) for r, c in zip(rows, cols, strict=True) if which[r, c] >= 0]


def _solve_b_matching(edges: list[_Edge], capacity: dict[str, int]) -> list[int]:
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    nodes = {n: i for i, n in enumerate(dict.fromkeys(x for e in edges for x in (e.man, e.woman)))}
    rows = np.array([nodes[x] for e in edges for x in (e.man, e.woman)])
    cols = np.repeat(np.arange(len(edges)), 2)
    incidence = coo_matrix((np.ones(rows.size), (rows, cols)), shape=(len(nodes), len(edges))).tocsr()
    caps = np.array([capacity[n] for n in nodes], dtype=np.float64)
    scores = np.array([e.row.score for e in edges])
    res = milp(
        c=-scores,
        constraints=LinearConstraint(incidence, -np.inf, caps),
        integrality=np.ones(len(edges)),
        bounds=Bounds(0, 1),
    )
    if res.x is None:  # pragma: no cover - the empty selection is always feasible
        raise XzError("matching.batch.solver_failed", status=int(res.status))
    return [k for k in range(len(edges)) if res.x[k] > 0.5]


def _solve_greedy(edges: list[_Edge], capacity: dict[str, int]) -> list[int]:
    left = dict(capacity)
    chosen = []
    order = sorted(range(len(edges)), key=lambda k: (-edges[k].row.score, edges[k].man, edges[k].woman))
    for k in order:
        e = edges[k]
        if left[e.man] > 0 and left[e.woman] > 0:
            left[e.man] -= 1
            left[e.woman] -= 1
            chosen.append(k)
    return chosen


def batch_suggest(
    pool: MatchPool,
    caseload_ids: Sequence[str],
    *,
    per_member: int = 1,
    candidates_per_member: int = 20,
    exclude_pairs: PairSet | Iterable[tuple[str, str]] | None = None,
    blocked: PairSet | Iterable[tuple[str, str]] | None = None,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    model: ReciprocalModel | None = None,
    signals: Signals | None = None,
    method: str = "auto",
    cancel: CancelToken = NEVER_CANCELLED,
    progress: Progress = no_progress,
) -> BatchPreviewInfo:
    """Preview a set of pairs for the caseload maximising the total score (see module doc).

    Raises NotFound for an id not in the pool, XzError("matching.batch.bad_method") for an
    unknown method or "assignment" with per_member > 1, Cancelled. Thread: ranks under the
    pool's lock one member at a time, so writers interleave.
    """
    if method not in METHODS or (method == "assignment" and per_member != 1):
        raise XzError("matching.batch.bad_method", method=method, per_member=per_member)
    if method == "auto":
        method = "assignment" if per_member == 1 else "b_matching"
    excl, blk = PairSet.coerce(exclude_pairs), PairSet.coerce(blocked)
    caseload = list(dict.fromkeys(caseload_ids))
    in_caseload = set(caseload)
    edges: dict[tuple[str, str], _Edge] = {}
    ineligible: list[str] = []
    for n, member_id in enumerate(caseload):
        cancel.check()
        progress(n / max(1, len(caseload)), "matching.batch.rank")
        profile = pool.get(member_id)
        rows = rank(
            pool, member_id, k=candidates_per_member, exclude_pairs=excl, blocked=blk, weights=weights, model=model,
            signals=signals,
        )
        if not rows:
            if profile is None or ineligibility_reasons(profile):
                ineligible.append(member_id)
            continue
        assert profile is not None
        for r in rows:
            key = (member_id, r.member_id) if profile.sex == 1 else (r.member_id, member_id)
            row = SuggestedPairRow(member_id, r.member_id, r.score, r.member_id in in_caseload, r.factors)
            old = edges.get(key)
            if old is None or row.score > old.row.score:
                edges[key] = _Edge(key[0], key[1], row)
    cancel.check()
    progress(0.9, "matching.batch.solve")
    edge_list = sorted(edges.values(), key=lambda e: (e.man, e.woman))
    capacity = {x: (per_member if x in in_caseload else 1) for e in edge_list for x in (e.man, e.woman)}
    if not edge_list:
        chosen: list[int] = []
    elif method == "assignment":
        chosen = _solve_assignment(edge_list)
    elif method == "b_matching":
        chosen = _solve_b_matching(edge_list, capacity)
    else:
        chosen = _solve_greedy(edge_list, capacity)
    pairs = sorted((edge_list[k].row for k in chosen), key=lambda r: (-r.score, r.member_id, r.candidate_id))
    used: dict[str, int] = {}
    for p in pairs:
        for x in (p.member_id, p.candidate_id):
            used[x] = used.get(x, 0) + 1
    unmatched = tuple(m for m in caseload if m not in ineligible and used.get(m, 0) < per_member)
    progress(1.0, "matching.batch.done")
    return BatchPreviewInfo(
        pairs=tuple(pairs),
        total_score=float(sum(p.score for p in pairs)),
        method=method,
        unmatched=unmatched,
        ineligible=tuple(ineligible),
    )
