"""The fast paths of ranking give what the plain paths give.

- `MatchIndex.for_member` (what `xzdesk match suggest` reads: the member and those of the other
  sex who can take part in matching)
  ranks that member exactly as a full index does, with introductions and blocks in the
  database; when a model ranks it reads everyone (the model's features see the whole pool).
- `rank` with a model scores each candidate as the model's own pair scoring does
  (`ReciprocalModel.score_pairs`: the training path's features, built pair by pair), to 1e-9,
  and its top k are the best k of every candidate passing the hard filters.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.domain.matching._factory import planted
from tests.domain.matching.test_adoption import ADMIN, save, winner  # noqa: F401 (a fixture)
from xzdesk.domain.introductions import service as intro
from xzdesk.domain.matching import MatchPool, fit_with_evaluation, rank, rule_scores, signals_from_labels
from xzdesk.domain.matching import vector as V
from xzdesk.domain.matching.index import MatchIndex
from xzdesk.domain.matching.ranking import eligible_mask
from xzdesk.domain.matching.rules import DEFAULT_WEIGHTS
from xzdesk.domain.matching.service import adopt_matching_model
from xzdesk.domain.uow import unit_of_work


def rows_of(index, member_id):
    return [(r.member_id, r.factors, r.open_proposals, r.model_score is None) for r in index.rank(member_id, k=30)]


def scores_of(index, member_id):
    return [x for r in index.rank(member_id, k=30) for x in (r.score, r.rule_score, r.model_score or 0.0)]


def eligible(index):
    return [m for m in sorted(index.pool.ids()) if not index.ineligibility(m)]


def test_the_index_for_one_member_ranks_them_as_the_full_index(seeded, matchmaker):
    full = MatchIndex.build(seeded)
    members = eligible(full)
    # Introductions (open: they damp the candidates too) and a block, so exclusions matter.
    picked, used = [], set()
    for m in members:
        rows = full.rank(m, k=3)
        if len(rows) == 3 and not {m, rows[0].member_id, rows[1].member_id} & used:
            picked.append((m, rows[0].member_id if len(picked) < 3 else rows[1].member_id))
            used |= {m, rows[0].member_id, rows[1].member_id}
        if len(picked) == 4:
            break
    assert len(picked) == 4
    with unit_of_work(seeded, matchmaker) as uow:
        for m, other in picked[:3]:
            intro.propose_introduction(uow, member_a=m, member_b=other)
        intro.block_pair(uow, member_id=picked[3][0], other_member_id=picked[3][1])
    full = MatchIndex.build(seeded)
    checked = 0
    for member in members:
        mine = MatchIndex.for_member(seeded, member)
        sex = full.pool.get(member).sex
        assert {mine.pool.get(m).sex for m in mine.pool.ids() if m != member} <= {3 - sex}
        # only the other sex's members who can take part are profiled: every one of them
        others = {m for m in full.pool.ids() if full.pool.get(m).sex == 3 - sex}
        assert set(mine.pool.ids()) - {member} == {m for m in others if not full.ineligibility(m)}
        assert len(mine.pool) - 1 < len(others)  # the seeded pool has some who cannot (screened out)
        assert mine.ineligibility(member) == full.ineligibility(member) == ()
        assert rows_of(mine, member) == rows_of(full, member)
        assert scores_of(mine, member) == pytest.approx(scores_of(full, member), rel=1e-12, abs=1e-12)
        checked += bool(rows_of(full, member))
    assert checked >= 10
    for m, other in picked:  # the introduced and blocked candidates are left out of both
        assert other not in [r[0] for r in rows_of(full, m)]
        assert other not in [r[0] for r in rows_of(MatchIndex.for_member(seeded, m), m)]


def test_with_an_adopted_model_the_index_for_one_member_reads_everyone(seeded, winner):  # noqa: F811
    record = save(seeded, winner)
    with unit_of_work(seeded, ADMIN) as uow:
        adopt_matching_model(uow, model_id=record.id)
    full = MatchIndex.build(seeded)
    member = next(m for m in eligible(full) if full.rank(m))
    mine = MatchIndex.for_member(seeded, member)
    assert mine.model is not None and len(mine.pool) == len(full.pool)
    assert rows_of(mine, member) == rows_of(full, member)
    assert all(r.model_score is not None for r in mine.rank(member))
    assert scores_of(mine, member) == pytest.approx(scores_of(full, member), rel=1e-12, abs=1e-12)


@pytest.fixture(scope="module")
def fitted_pool():
    profiles, pairs = planted(n_people=400, n_events=60, seed=9)
    model, info = fit_with_evaluation(profiles, pairs, n_splits=4, n_resamples=100)
    assert model.may_rank
    return MatchPool.from_profiles(profiles), model, signals_from_labels(pairs)


def test_rank_with_a_model_scores_every_candidate_as_the_models_pair_scoring(fitted_pool):
    pool, model, signals = fitted_pool
    w = DEFAULT_WEIGHTS
    queries = [m for m in sorted(pool.ids()) if eligible_mask(pool, pool.slot_of(m)).any()][:25]
    assert len(queries) == 25
    for q in queries:
        slots = np.flatnonzero(eligible_mask(pool, pool.slot_of(q)))
        ids = [pool._ids[s] for s in slots]
        pairs = [(q, c) for c in ids]
        p = model.score_pairs(pool, pairs, signals=signals)
        rule = rule_scores(pool, pairs, weights=w)
        damp = V.damping(np.array([pool.get(c).open_proposals for c in ids]), w)
        expected = ((1 - w.model_blend) * rule + w.model_blend * np.sqrt(p.a_yes_p * p.b_yes_p)) * damp
        got = rank(pool, q, k=10, model=model, signals=signals)
        best = sorted(range(len(ids)), key=lambda i: (-expected[i], ids[i]))[: len(got)]
        assert [r.member_id for r in got] == [ids[i] for i in best]
        for r, i in zip(got, best, strict=True):
            assert abs(r.score - expected[i]) <= 1e-9
            assert abs(r.model_score - p.score[i]) <= 1e-9 and abs(r.rule_score - rule[i]) <= 1e-9
