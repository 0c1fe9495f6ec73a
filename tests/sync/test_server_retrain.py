"""Retraining where the outcomes are: a union administrator's laptop is aggregate-only (no case
files, no outcomes), so the server fits and evaluates the model on every district's records by
the laptops' rules and sends back parameters and figures only; the laptop keeps it for the
administrator's decision, and an adoption travels back to the member app as before."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.server.h5.helpers import N_PLANTED_EVENTS as N_EVENTS
from tests.server.h5.helpers import seed_planted_union
from tests.sync.harness import LaptopFactory, add_user
from xzdesk.domain.errors import Cancelled
from xzdesk.domain.matching.retraining import model_overview
from xzdesk.domain.matching.service import adopt_matching_model
from xzdesk.domain.progress import CancelToken
from xzdesk.server import model_fit
from xzdesk.server.h5.matching import read_ranking
from xzdesk.server.runner import ServerThread
from xzdesk.sync.client import SyncError
from xzdesk.sync.model_fit import retrain_on_server


@pytest.fixture
def union(server: ServerThread) -> dict[str, Any]:
    add_user(server, "admin", role="union_admin", district=None)
    add_user(server, "mm", district="320302")
    return seed_planted_union(server.app)


def test_admin_laptop_retrains_on_the_server_keeps_and_adopts(server: ServerThread, laptops: LaptopFactory,
                                                            union: dict[str, Any]) -> None:  # fmt: skip
    admin = laptops.make(server.url, "admin")
    assert admin.engine.aggregate_only()  # no case files here: nothing to learn from
    seen: list[tuple[float, str]] = []
    report = retrain_on_server(admin.engine, admin.actor, progress=lambda f, code: seen.append((f, code)))
    assert seen and seen[-1] == (1.0, "matching.fit.done")

    # every held event gave labels, the refuser's pairs were offered but not used
    assert report.record is not None and report.used < report.labels
    assert report.not_evaluated is None and report.ready
    with admin.store.read() as s:
        overview = model_overview(s)
    kept = overview.models[0]
    assert kept.id == report.record.id and kept.summary is not None
    assert kept.summary.n_groups == N_EVENTS  # evaluated by leaving whole events out, on the server
    assert kept.may_rank, kept.summary  # the planted tastes are learnable: the model beats the rule
    assert overview.awaiting is not None and overview.awaiting.id == kept.id  # the administrator decides
    assert overview.choice.model_version is None  # nothing adopted by itself

    # what came over the wire is parameters and figures: no member id anywhere in it
    with admin.store.read() as s:
        from xzdesk.domain.introductions.models import MatchModelRecord

        stored = json.dumps(s.get(MatchModelRecord, kept.id).data)
    everyone = [m for m, _a, _h in union["men"] + union["women"]]
    assert not any(mid in stored for mid in everyone)

    with admin.uow() as uow:
        adopt_matching_model(uow, model_id=kept.id, reason="服务器留出评估优于规则")
    assert admin.engine.sync_once().error is None
    with server.app.state.db.read() as s:
        ranking = read_ranking(s)
    assert ranking.model is not None and ranking.choice.model_version == kept.version_id
    with admin.store.read() as s:
        from xzdesk.domain.privacy.models import AuditEntry

        fits = [r.fields for r in s.query(AuditEntry).filter(AuditEntry.action == "matching.model_fit")]
    assert fits and "fitted_on:server" in fits[-1]
    admin.close()


def test_only_matching_policy_may_retrain_and_one_fit_at_a_time(server: ServerThread, laptops: LaptopFactory,
                                                               union: dict[str, Any]) -> None:  # fmt: skip
    mm = laptops.make(server.url, "mm")
    with pytest.raises(SyncError) as refused:
        retrain_on_server(mm.engine, mm.actor)
    assert refused.value.code == "auth.forbidden"

    admin = laptops.make(server.url, "admin")
    assert model_fit._FITTING.acquire(blocking=False)  # a fit is running in this server process
    try:
        with pytest.raises(SyncError) as busy:
            retrain_on_server(admin.engine, admin.actor)
        assert busy.value.code == "matching.fit_busy"
    finally:
        model_fit._FITTING.release()

    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled):  # cancelled: stops waiting, nothing kept
        retrain_on_server(admin.engine, admin.actor, cancel=cancel)
    with admin.store.read() as s:
        assert model_overview(s).models == ()
    mm.close()
    admin.close()
