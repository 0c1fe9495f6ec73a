"""Matching (配对): rank two-way candidates, batch suggestions, and learning from outcomes.

Pure computation over numpy columns; no database here. The introductions service builds
profiles from Member rows, keeps a pool current, and turns the matchmaker's choices into rows.

Public API (everything below is importable from `xzdesk.domain.matching`)::

    from datetime import date
    from xzdesk.domain.matching import (
        MatchPool, MatchProfile, OutcomeModel, LabelledPairRow, PairSet, MatchWeights,
        profile_from_member, rank, batch_suggest, evaluate_outcome_model, synthetic_dataset,
    )

    # 1. Profiles: one per member (fields map 1:1 onto Member columns; see profile.py).
    p = profile_from_member(member, today=date.today(), consent_matching=True, open_proposals=2)
    # or MatchProfile(member_id=..., sex=1, age=31, height_cm=175, education=21, ...)

    # 2. The pool: bulk build once, then keep it current edit by edit (O(1) amortised).
    pool = MatchPool.from_profiles(profiles)
    pool.upsert(p)              # new or changed member, consent withdrawn, flagged, paused...
    pool.remove(member_id)      # archived / erased
    pool.set_open_proposals(member_id, 3)   # an introduction opened or closed

    # 3. Rank one member's candidates (two-way hard filters, reciprocal score, damping).
    introduced = PairSet(existing_introduction_pairs)   # keep and update; O(1) per lookup
    blocked = PairSet(blocked_pairs)
    rows = rank(pool, member_id, k=50, exclude_pairs=introduced, blocked=blocked,
                weights=MatchWeights(mean="harmonic"), model=model_or_None)
    for r in rows:  # MatchCandidateRow: member_id, score, rule_score, model_score, ..., factors
        r.factors    # (Factor("age_fits_both", {...}), Factor("common_hobbies", {"tags": [...]}) ...)

    # 4. A caseload preview, nobody double-booked (max total score; nothing is created).
    preview = batch_suggest(pool, caseload_ids, per_member=1, exclude_pairs=introduced)

    # 5. Learn from outcomes, store, score pairs.
    pairs = [LabelledPairRow(a, b, label=True, source="event", group=event_id), ...]
    model = OutcomeModel(c=1.0, min_per_class=30).fit(pool, pairs, cancel=token)
    model.is_ready                      # enough labels of both classes? else rank uses rules
    stored = model.to_dict()            # JSON-able; OutcomeModel.from_dict(stored)
    p = model.score_pairs(pool, [(a, b), ...])      # numpy array of probabilities

    # 6. Evaluate honestly (leave whole events out) on synthetic data with a known truth.
    data = synthetic_dataset(n_members=2000, n_events=60, seed=1)
    info = evaluate_outcome_model(data.profiles, data.pairs, n_splits=5)
    info.auc_model, info.auc_rule, info.auc_random, info.top5_model, info.top5_rule

Single pairs ("why not?"): `pair_problems(a, b)` lists every hard-filter failure as codes;
`ineligibility_reasons(p)` says why a member takes no part at all. The formulas and constants
are documented in rules.py (the specification) and ranking.py (score blend and damping).

Threads: see pool.py. Every function here is safe to call off the UI thread; the pool's lock
serialises writers with readers. `OutcomeModel.fit` is long work: pass a CancelToken.
"""

from __future__ import annotations

from xzdesk.domain.matching.batch import BatchPreviewInfo, SuggestedPairRow, batch_suggest
from xzdesk.domain.matching.evaluation import EvaluationInfo, evaluate_outcome_model, top_k_hit_rate
from xzdesk.domain.matching.model import (
    FEATURE_NAMES,
    LABEL_SOURCES,
    LabelledPairRow,
    OutcomeModel,
    pair_feature_matrix,
)
from xzdesk.domain.matching.pool import MatchPool, PairSet
from xzdesk.domain.matching.profile import MatchProfile, age_on, profile_from_member
from xzdesk.domain.matching.ranking import FACTOR_CODES, Factor, MatchCandidateRow, rank, rule_scores
from xzdesk.domain.matching.rules import (
    DEFAULT_WEIGHTS,
    MatchWeights,
    ineligibility_reasons,
    pair_problems,
    requirement_problems,
    rule_score,
    satisfaction,
)
from xzdesk.domain.matching.synthetic import SyntheticDataset, synthetic_dataset, synthetic_profiles

__all__ = [
    "DEFAULT_WEIGHTS",
    "FACTOR_CODES",
    "FEATURE_NAMES",
    "LABEL_SOURCES",
    "BatchPreviewInfo",
    "EvaluationInfo",
    "Factor",
    "LabelledPairRow",
    "MatchCandidateRow",
    "MatchPool",
    "MatchProfile",
    "MatchWeights",
    "OutcomeModel",
    "PairSet",
    "SuggestedPairRow",
    "SyntheticDataset",
    "age_on",
    "batch_suggest",
    "evaluate_outcome_model",
    "ineligibility_reasons",
    "pair_feature_matrix",
    "pair_problems",
    "profile_from_member",
    "rank",
    "requirement_problems",
    "rule_score",
    "rule_scores",
    "satisfaction",
    "synthetic_dataset",
    "synthetic_profiles",
    "top_k_hit_rate",
]
