"""Matching (配对): rank two-way candidates, batch suggestions, and a model that learns each
person's own "yes" from real outcomes, evaluated honestly and used only where it wins.

Pure computation over numpy columns; no database here except queries.py / service.py / index.py.
The introductions service builds profiles from Member rows, keeps a pool current, and turns the
matchmaker's choices into rows.

Public API (everything below is importable from `xzdesk.domain.matching`)::

    from datetime import date
    from xzdesk.domain.matching import (
        MatchPool, MatchProfile, ReciprocalModel, LabelledPairRow, PairSet, MatchWeights,
        profile_from_member, rank, batch_suggest, evaluate_matching, fit_with_evaluation,
        synthetic_dataset,
    )

    # 1. Profiles: one per member (fields map onto Member columns; unknown stays unknown).
    p = profile_from_member(member, today=date.today(), consent_matching=True, open_proposals=2)
    # or MatchProfile(member_id=..., sex=1, age=31, height_cm=175, education=21, sector="it",
    #                 req_age_min=25, req_importance={"age": 3}, ...)

    # 2. The pool: bulk build once, then keep it current edit by edit (O(1) amortised).
    pool = MatchPool.from_profiles(profiles)
    pool.upsert(p)              # new or changed member, consent withdrawn, flagged, paused...
    pool.remove(member_id)      # archived / erased
    pool.set_open_proposals(member_id, 3)   # an introduction opened or closed

    # 3. RANK ONE MEMBER'S CANDIDATES (the entry point for every screen, the command line and
    #    the member web app): two-way hard filters, reciprocal score, damping. Pass the model
    #    the database says may rank (None: the rule ranks) and the signals of known answers:
    #        inputs = queries.ranking_inputs(session)   # .model (adopted AND beat the rule, or
    #                                                   # None), .signals, .choice (which and why)
    #        rank(pool, member_id, model=inputs.model, signals=inputs.signals, ...)
    #    (MatchIndex does all of this for the desktop: index.rank(member_id, k=50);
    #     index.ranking_choice() says which score ranks and why.)
    introduced = PairSet(existing_introduction_pairs)   # keep and update; O(1) per lookup
    rows = rank(pool, member_id, k=50, exclude_pairs=introduced, blocked=PairSet(blocked_pairs),
                weights=MatchWeights(mean="harmonic"), model=inputs.model, signals=inputs.signals)
    for r in rows:  # MatchCandidateRow: member_id, score, rule_score, model_score, ..., factors
        r.factors    # (Factor("age_fits_both", {...}), Factor("common_hobbies", {"tags": [...]}) ...)

    # 4. A caseload preview, nobody double-booked (max total score; nothing is created).
    preview = batch_suggest(pool, caseload_ids, per_member=1, exclude_pairs=introduced)

    # 5. Learn each side's "yes", evaluated by leaving whole events out (long work).
    pairs = [LabelledPairRow(a, b, None, "event", event_id, a_yes=True, b_yes=False), ...]
    model, info = fit_with_evaluation(pool, pairs, n_splits=5, cancel=token, progress=cb)
    info.model.auc, info.rule.auc, info.random.auc, info.model.top_k[3], info.verdict
    model.may_rank                      # ready, and beat the rule on held-out groups
    stored = model.to_dict()            # JSON, no personal data; ReciprocalModel.from_dict(stored)
    scores = model.score_pairs(pool, [(a, b), ...])   # a_yes_p, b_yes_p, score arrays
    # keep it: service.save_matching_model(uow, model=model); use it everywhere:
    # service.adopt_matching_model(uow, model_id=...) (audited; refuses a model that lost)

    # 6. Files for analysts: tables.read_people / read_pairs / write_scores (`xzdesk match`).

Single pairs ("why not?"): `pair_problems(a, b)` lists every hard-filter failure as codes;
`ineligibility_reasons(p)` says why a member takes no part at all. The formulas and constants
are documented in rules.py (the specification), ranking.py (score blend and damping),
features.py (what the model sees), model.py (how it learns) and evaluation.py (how it is judged).

Threads: see pool.py. Every function here is safe to call off the UI thread; the pool's lock
serialises writers with readers. Fitting and evaluating are long work: pass a CancelToken.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from xzdesk.domain.matching.features import DIRECTIONAL_FEATURES
from xzdesk.domain.matching.labels import LABEL_SOURCES, LabelledPairRow, merge_labels
from xzdesk.domain.matching.model import PairScoresInfo, ReciprocalModel
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
from xzdesk.domain.matching.signals import Signals, signals_from_labels

if TYPE_CHECKING:  # loaded on first use (see __getattr__)
    from xzdesk.domain.matching.batch import BatchPreviewInfo, SuggestedPairRow, batch_suggest
    from xzdesk.domain.matching.evaluation import (
        K_VALUES,
        EvaluationInfo,
        MethodScoresInfo,
        VerdictInfo,
        evaluate_matching,
        fit_with_evaluation,
    )
    from xzdesk.domain.matching.synthetic import SyntheticDataset, synthetic_dataset, synthetic_profiles

# Batch previews, fitting with its evaluation and synthetic data load when first named: ranking
# one member (`xzdesk match suggest`, a candidate list) never needs them.
_ON_FIRST_USE = {
    "batch": ("BatchPreviewInfo", "SuggestedPairRow", "batch_suggest"),
    "evaluation": ("K_VALUES", "EvaluationInfo", "MethodScoresInfo", "VerdictInfo", "evaluate_matching",
                   "fit_with_evaluation"),
    "synthetic": ("SyntheticDataset", "synthetic_dataset", "synthetic_profiles"),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in _ON_FIRST_USE.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_WEIGHTS",
    "DIRECTIONAL_FEATURES",
    "FACTOR_CODES",
    "K_VALUES",
    "LABEL_SOURCES",
    "BatchPreviewInfo",
    "EvaluationInfo",
    "Factor",
    "LabelledPairRow",
    "MatchCandidateRow",
    "MatchPool",
    "MatchProfile",
    "MatchWeights",
    "MethodScoresInfo",
    "PairScoresInfo",
    "PairSet",
    "ReciprocalModel",
    "Signals",
    "SuggestedPairRow",
    "SyntheticDataset",
    "VerdictInfo",
    "age_on",
    "batch_suggest",
    "evaluate_matching",
    "fit_with_evaluation",
    "ineligibility_reasons",
    "merge_labels",
    "pair_problems",
    "profile_from_member",
    "rank",
    "requirement_problems",
    "rule_score",
    "rule_scores",
    "satisfaction",
    "signals_from_labels",
    "synthetic_dataset",
    "synthetic_profiles",
]
