"""Labels from introductions, fitting off the store and keeping the model, admin weights."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from xzdesk.domain.errors import PermissionDenied, ValidationError
from xzdesk.domain.introductions import service as intro
from xzdesk.domain.introductions.models import MatchModelRecord
from xzdesk.domain.matching import LabelledPairRow, MatchWeights
from xzdesk.domain.matching.index import MatchIndex
from xzdesk.domain.matching.queries import (
    collect_labels,
    current_weights,
    introduction_labels,
    load_outcome_model,
    register_label_source,
    unregister_label_source,
)
from xzdesk.domain.matching.service import set_match_weights
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import ActorInfo, unit_of_work

ADMIN = ActorInfo("00000000-0000-7000-8000-00000000ad01", Role.UNION_ADMIN, None, "管理员")


def pairs_of_strangers(index, n):
    """n disjoint man-woman pairs the matcher would suggest."""
    used, out = set(), []
    for member in sorted(index.pool.ids()):
        if member in used or index.ineligibility(member):
            continue
        for row in index.rank(member, k=50):
            if row.member_id not in used:
                used |= {member, row.member_id}
                out.append((member, row.member_id))
                break
        if len(out) == n:
            return out
    raise AssertionError("not enough pairs")


def run(uow, intro_id, a, b, steps):
    for step in steps:
        if step in ("accept", "decline"):
            for m in (a, b) if step == "accept" else (a,):
                intro.record_response(uow, introduction_id=intro_id, member_id=m, accepted=step == "accept")
        elif step == "exchange":
            intro.exchange_contacts(uow, introduction_id=intro_id)
        elif step == "met":
            intro.record_meeting(uow, introduction_id=intro_id)
        else:
            intro.record_outcome(uow, introduction_id=intro_id, outcome=step)


STORIES = {
    "dating": (("accept", "exchange", "met", "dating"), [("introduction", True), ("outcome", True)]),
    "declined": (("decline",), [("introduction", False)]),
    "no_interest": (("accept", "exchange", "no_interest"), [("introduction", True), ("outcome", False)]),
    "open": ((), []),
}


def test_labels_from_introductions(seeded, matchmaker):
    index = MatchIndex.build(seeded)
    pairs = pairs_of_strangers(index, len(STORIES))
    ids = {}
    with unit_of_work(seeded, matchmaker) as uow:
        for (name, (steps, _)), (a, b) in zip(STORIES.items(), pairs, strict=True):
            ids[name] = intro.propose_introduction(uow, member_a=a, member_b=b).id
            run(uow, ids[name], a, b, steps)
    with seeded.read() as s:
        labels = introduction_labels(s)
    for name, (_, expected) in STORIES.items():
        assert [(r.source, r.label) for r in labels if r.group == ids[name]] == expected
    extra = LabelledPairRow(pairs[0][0], pairs[1][1], True, "event", "ev-9")
    register_label_source("test-cards", lambda session: [extra])
    try:
        with seeded.read() as s:
            assert extra in collect_labels(s) and collect_labels(s, sources={"event"}) == [extra]
    finally:
        unregister_label_source("test-cards")


def test_fit_store_reload_and_rank_with_the_model(seeded, matchmaker):
    index = MatchIndex.build(seeded)
    index.watch()
    try:
        pairs = pairs_of_strangers(index, 8)
        with unit_of_work(seeded, matchmaker) as uow:
            for n, (a, b) in enumerate(pairs):
                intro_id = intro.propose_introduction(uow, member_a=a, member_b=b).id
                run(uow, intro_id, a, b, STORIES["dating" if n % 2 else "declined"][0])
        report = index.refit_and_store(actor=matchmaker, min_per_class=3)
    finally:
        index.unwatch()
    assert (report.labels, report.used, report.positive, report.negative) == (12, 12, 8, 4)
    assert report.ready and report.record is not None and index.model is not None and index.model.is_ready
    with seeded.read() as s:
        stored = load_outcome_model(s)
        assert s.execute(select(MatchModelRecord)).scalars().one().n_positive == 8
    assert stored.coefficients() == index.model.coefficients()
    member = next(m for m in sorted(index.pool.ids()) if not index.ineligibility(m) and index.rank(m))
    assert all(r.model_score is not None for r in index.rank(member))
    rebuilt = MatchIndex.build(seeded)
    assert rebuilt.model is not None and rebuilt.model.is_ready
    assert [r.model_score for r in rebuilt.rank(member)] == [r.model_score for r in index.rank(member)]


def test_too_few_labels_leave_the_rule_score(seeded):
    index = MatchIndex.build(seeded)
    report = index.refit_and_store(min_per_class=3)
    assert not report.ready and report.labels == 0
    member = next(m for m in sorted(index.pool.ids()) if not index.ineligibility(m) and index.rank(m))
    assert all(r.model_score is None and r.score == pytest.approx(r.rule_score * r.damping)
               for r in index.rank(member))  # fmt: skip


def test_weights_are_for_administrators_and_reach_a_watching_index(seeded, matchmaker):
    index = MatchIndex.build(seeded)
    index.watch()
    try:
        assert index.weights == MatchWeights()
        with pytest.raises(PermissionDenied), unit_of_work(seeded, matchmaker) as uow:
            set_match_weights(uow, weights={"w_tags": 0.9})
        with pytest.raises(ValidationError), unit_of_work(seeded, ADMIN) as uow:
            set_match_weights(uow, weights={"w_tags": 1.5})
        with unit_of_work(seeded, ADMIN) as uow:
            stored = set_match_weights(uow, weights={"w_tags": 0.9, "mean": "harmonic"})
        with seeded.read() as s:
            assert current_weights(s) == stored == MatchWeights(w_tags=0.9, mean="harmonic")
        member = next(m for m in sorted(index.pool.ids()) if not index.ineligibility(m) and index.rank(m))
        assert index.weights == stored
        assert all(r.factors[0].params["mean"] == "harmonic" for r in index.rank(member))
    finally:
        index.unwatch()


def test_preview_ranks_with_both_weights_and_stores_nothing(seeded):
    index = MatchIndex.build(seeded)
    proposed = MatchWeights(w_tags=1.0, w_age=0.0, w_height=0.0, w_education=0.0, w_district=0.0)
    member = max((m for m in index.pool.ids() if not index.ineligibility(m)), key=lambda m: len(index.rank(m, k=200)))
    preview = index.preview_weights(member, weights=proposed, k=5)
    assert [r.member_id for r in preview.current] == [r.member_id for r in index.rank(member, k=5)]
    assert [r.member_id for r in preview.proposed] == [r.member_id for r in index.rank(member, k=5, weights=proposed)]
    now, new = {r.member_id for r in preview.current}, {r.member_id for r in preview.proposed}
    assert set(preview.entered) == new - now and set(preview.left) == now - new
    assert all(r.rule_score == pytest.approx(r.tag_similarity) for r in preview.proposed)
    assert index.weights == MatchWeights()
    with seeded.read() as s:
        assert current_weights(s) == MatchWeights()
