"""A pair-at-a-time, pure-Python ranking built only on rules.py.

It is the executable specification the vectorised `rank` is tested against, and the naive
baseline of the benchmark. Rule score only (no outcome model). Far too slow for 100,000
members inside a dialog; never use it in the application.
"""

from __future__ import annotations

from collections.abc import Iterable

from xzdesk.domain.matching.pool import PairSet
from xzdesk.domain.matching.profile import MatchProfile
from xzdesk.domain.matching.rules import (
    DEFAULT_WEIGHTS,
    MatchWeights,
    damping_factor,
    pair_problems,
    rule_score,
)


def rank_reference(
    profiles: Iterable[MatchProfile],
    member_id: str,
    *,
    k: int = 50,
    exclude_pairs: Iterable[tuple[str, str]] = (),
    blocked: Iterable[tuple[str, str]] = (),
    weights: MatchWeights = DEFAULT_WEIGHTS,
) -> list[tuple[str, float]]:
    """[(candidate id, score)] best first, ties by id; same contract as ranking.rank."""
    people = {p.member_id: p for p in profiles}
    me = people[member_id]
    excluded = PairSet(exclude_pairs).partners(member_id) | PairSet(blocked).partners(member_id)
    scored = []
    for other in people.values():
        if other.member_id == member_id or other.member_id in excluded:
            continue
        if pair_problems(me, other):
            continue
        score = rule_score(me, other, weights=weights) * damping_factor(other.open_proposals, weights=weights)
        scored.append((other.member_id, score))
    scored.sort(key=lambda t: (-t[1], t[0]))
    return scored[:k]
