"""Labels from the database (each side's answer), fitting and keeping a model with its
evaluation, adopting it (audited, refused for a model that lost to the rule), ranking with the
adopted model everywhere the index ranks, withdrawing it, and the administrator's weights."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.domain.matching._factory import planted
from xzdesk.domain.errors import NotFound, PermissionDenied, ValidationError, XzError
from xzdesk.domain.introductions import service as intro
from xzdesk.domain.introductions.models import MatchModelRecord
from xzdesk.domain.matching import LabelledPairRow, MatchWeights, ReciprocalModel, fit_with_evaluation
from xzdesk.domain.matching.index import MatchIndex
from xzdesk.domain.matching.queries import (
    NO_MODEL,
    RankingInputsInfo,
    collect_labels,
    current_weights,
    introduction_labels,
    load_stored_model,
    ranking_choice,
    ranking_inputs,
    ranking_model,
    register_label_source,
    stored_models,
    unregister_label_source,
)
from xzdesk.domain.matching.service import (
    adopt_matching_model,
    save_matching_model,
    set_match_weights,
    withdraw_matching_model,
)
from xzdesk.domain.privacy.models import AuditEntry
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


# story -> (steps, [(source, mutual, A's answer, B's answer)])
STORIES = {
    "dating": (("accept", "exchange", "met", "dating"),
               [("introduction", True, True, True), ("outcome", True, True, True)]),
    "declined": (("decline",), [("introduction", False, False, None)]),  # B had not answered yet
    "no_interest": (("accept", "exchange", "no_interest"),
                    [("introduction", True, True, True), ("outcome", False, None, None)]),  # who said no: unknown
    "open": ((), []),
}  # fmt: skip


def test_labels_from_introductions_carry_each_sides_answer(seeded, matchmaker):
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
        assert [(r.source, r.label, r.a_yes, r.b_yes) for r in labels if r.group == ids[name]] == expected
    extra = LabelledPairRow(pairs[0][0], pairs[1][1], True, "event", "ev-9")
    register_label_source("test-cards", lambda session: [extra])
    try:
        with seeded.read() as s:
            assert extra in collect_labels(s) and collect_labels(s, sources={"event"}) == [extra]
    finally:
        unregister_label_source("test-cards")


@pytest.fixture(scope="module")
def winner():
    """A model that beat the rule on held-out events (fitted on a planted taste)."""
    profiles, pairs = planted()
    model, info = fit_with_evaluation(profiles, pairs, n_splits=4, n_resamples=200)
    assert info.verdict.uses_model
    return model


@pytest.fixture(scope="module")
def loser():
    """A model fitted on coin flips: it did not beat the rule."""
    import numpy as np

    profiles, pairs = planted(seed=5)
    rng = np.random.default_rng(2)
    coins = [LabelledPairRow(p.member_a, p.member_b, None, "event", p.group, a_yes=bool(rng.random() < 0.4),
                             b_yes=bool(rng.random() < 0.4)) for p in pairs]  # fmt: skip
    model, info = fit_with_evaluation(profiles, coins, n_splits=4, n_resamples=200)
    assert model.is_ready and not info.verdict.uses_model
    return model


def save(store, model, actor=None):
    with unit_of_work(store, actor) as uow:
        return save_matching_model(uow, model=model)


def audit(store, action):
    with store.read() as s:
        return [e.fields for e in s.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars()]


def some_member(index):
    return next(m for m in sorted(index.pool.ids()) if not index.ineligibility(m) and index.rank(m))


def test_a_stored_model_changes_nothing_until_adopted(seeded, winner):
    index = MatchIndex.build(seeded)
    member = some_member(index)
    before = [(r.member_id, r.score) for r in index.rank(member)]
    record = save(seeded, winner)
    assert (record.version_id, record.ready, record.uses_model, record.verdict_code) == (
        winner.version_id, True, True, "matching.ranking.model_better")  # fmt: skip
    with seeded.read() as s:
        assert [m.id for m in stored_models(s)] == [record.id]
        assert load_stored_model(s, record.id).version_id == winner.version_id
        assert ranking_model(s) is None and ranking_choice(s).code == NO_MODEL
    assert [(r.member_id, r.score) for r in MatchIndex.build(seeded).rank(member)] == before
    assert f"model:{winner.version_id}" in audit(seeded, "matching.model_fit")[0]


def test_adopting_is_for_administrators_and_refuses_a_model_that_lost(seeded, matchmaker, winner, loser):
    good, bad = save(seeded, winner), save(seeded, loser)
    with pytest.raises(PermissionDenied), unit_of_work(seeded, matchmaker) as uow:
        adopt_matching_model(uow, model_id=good.id)
    with pytest.raises(XzError) as err, unit_of_work(seeded, ADMIN) as uow:
        adopt_matching_model(uow, model_id=bad.id)
    ev = loser.evaluation
    assert (err.value.code, err.value.params) == ("matching.model.not_better", {
        "auc_model": ev["model"]["auc"], "auc_rule": ev["rule"]["auc"]})  # fmt: skip
    with pytest.raises(NotFound), unit_of_work(seeded, ADMIN) as uow:
        adopt_matching_model(uow, model_id="no-such-model")
    unevaluated = ReciprocalModel.from_dict({**winner.to_dict(), "evaluation": None})
    with pytest.raises(XzError) as err, unit_of_work(seeded, ADMIN) as uow:
        adopt_matching_model(uow, model_id=save(seeded, unevaluated).id)
    assert err.value.code == "matching.model.not_evaluated"
    with seeded.read() as s:
        assert ranking_choice(s).code == NO_MODEL  # nothing half-written
    assert audit(seeded, "matching.model_adopt") == []


def test_the_adopted_model_ranks_everywhere_until_withdrawn(seeded, winner):
    index = MatchIndex.build(seeded)
    index.watch()
    try:
        member = some_member(index)
        assert all(r.model_score is None for r in index.rank(member))
        record = save(seeded, winner)
        with unit_of_work(seeded, ADMIN) as uow:
            choice = adopt_matching_model(uow, model_id=record.id)
        assert (choice.uses_model, choice.code, choice.model_version, choice.adopted_by) == (
            True, "matching.ranking.model_better", winner.version_id, ADMIN.staff_id)  # fmt: skip
        assert choice.params == winner.evaluation["verdict"]["params"]
        rows = index.rank(member)  # the watching index noticed the setting
        assert rows and all(r.model_score is not None for r in rows)
        with seeded.read() as s:  # what the member web app asks for before calling rank()
            inputs = ranking_inputs(s)
        assert inputs.choice == choice and inputs.model.version_id == winner.version_id
        assert inputs.signals is not None
        assert index.ranking_choice() == choice and index.stats().model_ready
        again = MatchIndex.build(seeded)  # a fresh index (another laptop after sync reads the same row)
        assert [r.model_score for r in again.rank(member)] == pytest.approx([r.model_score for r in rows])
        fields = audit(seeded, "matching.model_adopt")[0]
        assert {f"model:{winner.version_id}", f"verdict:{choice.code}"} <= set(fields)
        with unit_of_work(seeded, ADMIN) as uow:
            back = withdraw_matching_model(uow)
        assert (back.uses_model, back.code) == (False, NO_MODEL)
        with seeded.read() as s:
            assert ranking_inputs(s) == RankingInputsInfo(back, None, None)
        assert all(r.model_score is None for r in index.rank(member))
        assert audit(seeded, "matching.model_withdraw") == [[f"model:{winner.version_id}"]]
    finally:
        index.unwatch()


def test_refit_from_the_database_evaluates_and_keeps_the_model(seeded, matchmaker):
    index = MatchIndex.build(seeded)
    pairs = pairs_of_strangers(index, 12)
    with unit_of_work(seeded, matchmaker) as uow:
        for n, (a, b) in enumerate(pairs):
            intro_id = intro.propose_introduction(uow, member_a=a, member_b=b).id
            run(uow, intro_id, a, b, STORIES["dating" if n % 3 else "declined"][0])
    report = index.refit_and_store(actor=matchmaker, min_per_class=3, n_splits=4)
    assert (report.labels, report.used) == (20, 20)  # 12 answers, 8 outcomes
    assert (report.positive, report.negative) == (32, 4)  # 8 couples said yes twice (answer, outcome)
    assert report.ready and report.record is not None and report.evaluation is not None
    assert report.evaluation.n_groups == 12 and not report.record.uses_model  # 12 introductions prove nothing
    with seeded.read() as s:
        assert s.execute(select(MatchModelRecord)).scalars().one().n_positive == 32
        assert ranking_model(s) is None
    assert index.model is None and all(r.model_score is None for r in index.rank(some_member(index)))


def test_too_few_labels_leave_the_rule_score(seeded):
    index = MatchIndex.build(seeded)
    report = index.refit_and_store(min_per_class=3)
    assert not report.ready and report.labels == 0 and report.evaluation is None
    member = some_member(index)
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
