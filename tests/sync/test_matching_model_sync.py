"""The adopted matching model travels: laptop A (a union administrator, city-wide) adopts a model
and syncs; the server's member app ranks its "可能合适的人" with it; laptop B (a district
matchmaker) receives the same version and evaluation; a withdrawal travels the same way."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.domain.matching._factory import planted
from tests.server.h5.conftest import Browser
from tests.server.h5.helpers import seed_member
from tests.sync.harness import LaptopFactory, add_user
from xzdesk.domain.matching import MatchWeights, fit_with_evaluation, rank
from xzdesk.domain.matching.queries import NO_MODEL, adopted_model, current_weights, ranking_choice
from xzdesk.domain.matching.service import (
    adopt_matching_model,
    save_matching_model,
    set_match_weights,
    withdraw_matching_model,
)
from xzdesk.server.h5.matching import SuggestionPool, read_ranking, suggestions
from xzdesk.server.h5.sms import FileSmsGateway
from xzdesk.server.models import Record
from xzdesk.server.runner import ServerThread

BOTH = ("basic", "public_display", "matching")
MAN = "13800000051"
# (surname, birth year): made in this order, so the rule's ties (nobody states a requirement, the
# same hobby) fall in this order; the model (men say yes to younger women) orders by age.
WOMEN = (("陈", "1990"), ("李", "1998"), ("王", "1986"), ("赵", "1995"), ("刘", "1988"), ("杨", "1999"))


@pytest.fixture(scope="module")
def winner():
    profiles, pairs = planted()
    model, info = fit_with_evaluation(profiles, pairs, n_splits=4, n_resamples=200)
    assert info.verdict.uses_model
    return model


def _people(app: Any) -> tuple[str, dict[str, str]]:
    man = seed_member(app, mobile=MAN, name="张伟", seq="011", birth="19890101", consents=BOTH, height_cm=180)
    women = {}
    for n, (surname, year) in enumerate(WOMEN):
        member_id = seed_member(app, mobile=f"1380000006{n}", name=f"{surname}娜", seq=f"{20 + 2 * n:03d}",
                                birth=f"{year}0606", consents=BOTH, height_cm=162)  # fmt: skip
        women[member_id] = surname
    return man, women


def _shown(browser: Browser) -> list[str]:
    """Surnames in the order the member's page lists "可能合适的人"."""
    section = browser.get("/m/matches").text.split("可能合适的人")[1]
    found = [(section.find(f"{s}女士"), s) for s, _ in WOMEN if f"{s}女士" in section]
    return [s for _, s in sorted(found)]


def _server_orders(app: Any, man: str, women: dict[str, str]) -> tuple[list[str], list[str], Any]:
    """(the order the model gives, the order the rule gives, the ranking in force) over the
    server's own pool."""
    with app.state.db.read() as s:
        cache = SuggestionPool()
        pool, _members = cache.get(s, today=datetime.now(UTC).date())
        ranking = read_ranking(s)
    model_order = [women[r.member_id] for r in rank(pool, man, k=10, weights=ranking.weights, model=ranking.model,
                                                     signals=ranking.signals)]  # fmt: skip
    rule_order = [women[r.member_id] for r in rank(pool, man, k=10)]
    return model_order, rule_order, ranking


def test_adopted_model_ranks_online_and_reaches_every_laptop_and_withdraw_follows(
    tmp_path: Any, server: ServerThread, laptops: LaptopFactory, winner: Any
) -> None:
    app = server.app
    app.state.h5.gateway = FileSmsGateway(tmp_path / "sms.txt")
    add_user(server, "admin", role="union_admin", district=None)
    add_user(server, "mm", district="320302")
    man, women = _people(app)
    a, b = laptops.make(server.url, "admin"), laptops.make(server.url, "mm")
    browser = Browser(app, app.state.h5.gateway)
    browser.sign_in(MAN)
    rule_before = _shown(browser)
    assert len(rule_before) == len(WOMEN)

    with a.uow() as uow:
        record = save_matching_model(uow, model=winner)
        adopt_matching_model(uow, model_id=record.id, reason="留出检验优于规则")
    assert a.engine.sync_once().error is None
    assert a.engine.rejected() == []  # the aggregate-only laptop's own audit trail is accepted too
    with app.state.db.read() as s:
        trail = [json.loads(r.fields)["action"] for r in s.query(Record).filter(Record.entity == "audit_log")]
    assert "matching.model_adopt" in trail

    model_order, rule_order, ranking = _server_orders(app, man, women)
    assert ranking.choice.model_version == winner.version_id and ranking.model is not None
    assert model_order != rule_order  # the seeded case: the model orders by age, the rule by ties
    assert rule_before == rule_order
    assert _shown(browser) == model_order  # the page re-read the settings at once (newer record)
    assert model_order == [s for s, _ in sorted(WOMEN, key=lambda w: w[1], reverse=True)]  # youngest first

    assert b.engine.sync_once().error is None
    with b.store.read() as s:
        choice, model = ranking_choice(s), adopted_model(s)
    assert choice.uses_model and choice.model_version == winner.version_id
    assert model is not None and model.evaluation == winner.evaluation and choice.adopted_by == a.actor.staff_id

    with a.uow() as uow:
        withdraw_matching_model(uow, reason="复核中")
        set_match_weights(uow, weights=MatchWeights(w_tags=0.5))
    assert a.engine.sync_once().error is None
    _m, rule_order, ranking = _server_orders(app, man, women)
    assert ranking.model is None and ranking.choice.code == NO_MODEL and ranking.weights.w_tags == 0.5
    assert _shown(browser) == rule_order
    assert b.engine.sync_once().error is None
    with b.store.read() as s:
        assert ranking_choice(s).model_version is None and ranking_choice(s).code == NO_MODEL
        assert current_weights(s).w_tags == 0.5
    a.close()
    b.close()


def test_only_matching_policy_may_push_the_unions_matching_settings(server: ServerThread, winner: Any) -> None:
    """The server checks the permission itself: a city-wide matchmaker's device (which may write
    other global rows) cannot push an adoption; the suggestions keep the rule and say so."""
    from tests.server.api import Api, row

    app = server.app
    add_user(server, "city", district=None)  # a matchmaker for the whole city
    man, _women = _people(app)
    city = Api(server.url, "city")
    value = {"model": winner.to_dict(), "record_id": "x"}
    setting = row("match_setting", key="adopted_model", value=value, set_at=datetime.now(UTC).isoformat())
    (result,) = city.push_ok(city.mutation("match_setting", "insert", setting["id"], fields=setting))
    assert result["status"] == "rejected" and result["code"] == "sync.not_permitted"
    cache = SuggestionPool()
    with app.state.db.read() as s:
        rows = suggestions(s, cache, member_id=man, k=10, now=datetime.now(UTC), exclude=set())
    assert len(rows) == len(WOMEN) and cache.ranking.model is None and cache.ranking.choice.code == NO_MODEL
    city.close()
