"""Labels from the database (each side's answer), fitting and keeping a model with its
evaluation, adopting it (audited, refused for a model that lost to the rule), ranking with the
adopted model everywhere the index ranks, withdrawing it, and the administrator's weights."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

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


# --- reasons, the overview an administrator decides on, the retrain schedule ------------------------
def test_adoption_and_withdrawal_keep_the_typed_reason_in_the_audit_log(seeded, winner):
    from xzdesk.domain.matching.service import REASON_MAX

    record = save(seeded, winner)
    with pytest.raises(XzError) as err, unit_of_work(seeded, ADMIN) as uow:
        adopt_matching_model(uow, model_id=record.id, reason="长" * (REASON_MAX + 1))
    assert (err.value.code, err.value.params) == ("matching.reason_too_long", {"maximum": REASON_MAX})
    with seeded.read() as s:
        assert ranking_choice(s).code == NO_MODEL  # nothing half-written
    with unit_of_work(seeded, ADMIN) as uow:
        adopt_matching_model(uow, model_id=record.id, reason="  留出检验优于规则  ")
    with unit_of_work(seeded, ADMIN) as uow:
        withdraw_matching_model(uow, reason="暂停复核")
    with seeded.read() as s:
        rows = s.execute(select(AuditEntry.action, AuditEntry.reason, AuditEntry.actor_id)
                         .where(AuditEntry.action.in_(["matching.model_adopt", "matching.model_withdraw"]))
                         .order_by(AuditEntry.seq)).all()  # fmt: skip
    assert [tuple(r) for r in rows] == [("matching.model_adopt", "留出检验优于规则", ADMIN.staff_id),
                                        ("matching.model_withdraw", "暂停复核", ADMIN.staff_id)]  # fmt: skip


def test_overview_lists_kept_models_with_their_evaluation_and_what_awaits_a_decision(seeded, winner, loser):
    from datetime import timedelta

    from xzdesk.domain.matching.retraining import model_overview

    base = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    with unit_of_work(seeded, ADMIN, clock=lambda: base) as uow:
        good = save_matching_model(uow, model=winner)
    with unit_of_work(seeded, ADMIN, clock=lambda: base + timedelta(days=1)) as uow:
        bad = save_matching_model(uow, model=loser)
    with seeded.read() as s:
        info = model_overview(s)
    assert [m.id for m in info.models] == [bad.id, good.id]  # newest first
    newest, older = info.models
    assert info.awaiting == newest and not newest.may_rank and older.may_rank
    assert info.choice.code == NO_MODEL and info.adopted_by_name is None
    summary = older.summary
    ev = winner.evaluation
    assert [m.method for m in summary.methods] == ["model", "rule", "random"]
    assert summary.methods[0].auc == ev["model"]["auc"] and summary.methods[1].auc_low == ev["rule"]["auc_low"]
    assert summary.methods[2].auc == 0.5 and [k for k, _ in summary.methods[0].top_k] == [1, 3, 5, 10]
    assert summary.methods[0].top_k[1][1] == ev["model"]["top_k"]["3"]
    assert summary.verdict_code == "matching.ranking.model_better" and summary.uses_model
    assert summary.n_judged == ev["n_judged"] and summary.n_groups == ev["n_groups"]
    from tests.accounts import add_account

    union_admin = add_account(seeded, username="ua", role=Role.UNION_ADMIN, display_name="工会管理员")
    with unit_of_work(seeded, union_admin, clock=lambda: base + timedelta(days=2)) as uow:
        adopt_matching_model(uow, model_id=good.id, reason="更好")
    with seeded.read() as s:
        info = model_overview(s)
    assert [m.adopted for m in info.models] == [False, True]
    assert info.awaiting is None  # the newer one was fitted before the decision
    assert info.choice.model_version == winner.version_id and info.adopted_by_name == "工会管理员"


def test_retrain_schedule_is_this_laptops_setting_and_says_when_a_retrain_is_due(seeded, matchmaker, winner):
    from datetime import timedelta

    from xzdesk.domain.matching.retraining import MONTHLY, OFF, WEEKLY, retrain_due, retrain_schedule
    from xzdesk.domain.matching.service import set_retrain_schedule
    from xzdesk.domain.store.models import OutboxRow

    now = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
    with seeded.read() as s:
        assert retrain_schedule(s) == OFF and not retrain_due(s, now=now)
    with pytest.raises(PermissionDenied), unit_of_work(seeded, matchmaker) as uow:
        set_retrain_schedule(uow, schedule=WEEKLY)
    with pytest.raises(XzError) as err, unit_of_work(seeded, ADMIN) as uow:
        set_retrain_schedule(uow, schedule="daily")
    assert err.value.code == "matching.schedule.unknown"
    with unit_of_work(seeded, ADMIN) as uow:
        outbox_before = uow.session.execute(select(func.count()).select_from(OutboxRow)).scalar_one()
        set_retrain_schedule(uow, schedule=WEEKLY)
    with seeded.read() as s:
        assert retrain_schedule(s) == WEEKLY and retrain_due(s, now=now)  # never fitted here
        assert s.execute(select(func.count()).select_from(OutboxRow)).scalar_one() == outbox_before + 1  # audit only
    with unit_of_work(seeded, None, clock=lambda: now - timedelta(days=6)) as uow:
        save_matching_model(uow, model=winner)
    with seeded.read() as s:
        assert not retrain_due(s, now=now) and retrain_due(s, now=now + timedelta(days=1))
    with unit_of_work(seeded, ADMIN) as uow:
        set_retrain_schedule(uow, schedule=MONTHLY)
    with seeded.read() as s:
        assert not retrain_due(s, now=now + timedelta(days=1)) and retrain_due(s, now=now + timedelta(days=24))
    assert audit(seeded, "matching.retrain_schedule") == [["schedule:weekly"], ["schedule:monthly"]]


def test_latest_settings_picks_the_latest_per_key_as_the_sql_does():
    from xzdesk.domain.matching.queries import latest_settings

    rows = [
        {"id": "b", "key": "weights", "value": {"w_tags": 0.2}, "set_at": "2026-12-01T08:00:00+00:00"},
        {"id": "a", "key": "weights", "value": {"w_tags": 0.3}, "set_at": "2026-12-01T08:00:00+00:00"},
        {"id": "c", "key": "adopted_model", "value": {}, "set_at": datetime(2026, 12, 2, tzinfo=UTC)},
        {"id": "d", "key": "weights", "value": {"w_tags": 0.1}, "set_at": "2026-11-30T23:00:00+00:00"},
    ]
    latest = latest_settings(rows)
    assert latest["weights"]["id"] == "b" and latest["adopted_model"]["id"] == "c"


def test_a_cancelled_retrain_keeps_nothing(seeded, matchmaker):
    from xzdesk.domain.errors import Cancelled
    from xzdesk.domain.progress import CancelToken

    index = MatchIndex.build(seeded)
    pairs = pairs_of_strangers(index, 12)
    with unit_of_work(seeded, matchmaker) as uow:
        for n, (a, b) in enumerate(pairs):
            intro_id = intro.propose_introduction(uow, member_a=a, member_b=b).id
            run(uow, intro_id, a, b, STORIES["dating" if n % 3 else "declined"][0])
    token = CancelToken()
    steps = []

    def progress(fraction, code):
        steps.append(code)
        if code == "matching.eval.fold":
            token.cancel()  # the person pressed Cancel while the folds were being fitted

    with pytest.raises(Cancelled):
        index.refit_and_store(actor=matchmaker, min_per_class=3, n_splits=4, progress=progress, cancel=token)
    assert "matching.eval.fold" in steps
    with seeded.read() as s:
        assert s.execute(select(MatchModelRecord.id)).first() is None
    assert audit(seeded, "matching.model_fit") == []
