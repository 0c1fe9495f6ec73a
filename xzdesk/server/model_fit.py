"""Retraining the matching model where the outcomes are: on the server.

A union administrator's laptop is enrolled aggregate-only: it holds the union's policy and
figures, never case files, so it has no outcomes to learn from. The server holds every
district's synced records, so it retrains for them (POST /sync/v1/matching/fit, an account with
`matching.policy`) by the laptops' own rules:

- profiles of the members whose consents in force allow algorithmic matching (the same rule as
  the laptops' pool: `matching.queries.consents_allow_matching`); nobody else's data is used;
- labels from each introduction's answers and outcome (`labels_of_introduction`) and from each
  held event's current interest cards of the people present (`checkin.matches.card_labels`);
- the union's weights in force (the newest `match_setting` row);
- `matching.evaluation.retrain`: evaluated by leaving whole events and introductions out, fitted
  on every pair, never adopted here.

What leaves the server is the model's parameters, counts and evaluation (no member id, no
personal data). The laptop keeps it among its models, where the administrator judges it and
adopts it (or not) like a model fitted locally. One fit at a time per server process: a second
request meanwhile is answered 409 "matching.fit_busy".
"""

from __future__ import annotations

import logging
import threading
from datetime import date
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session

from xzdesk.domain.errors import XzError
from xzdesk.domain.matching import MatchPool, profile_from_member
from xzdesk.domain.matching.evaluation import RetrainInfo, retrain
from xzdesk.domain.matching.queries import (
    WEIGHTS_KEY,
    consents_allow_matching,
    latest_settings,
    weights_from_value,
)
from xzdesk.server.h5 import records
from xzdesk.server.h5.matching import consents_by_member, event_labels, server_labels

log = logging.getLogger(__name__)
_FITTING = threading.Lock()


class FitBusy(XzError):
    def __init__(self) -> None:
        super().__init__("matching.fit_busy")


def training_pool(session: Session, *, today: date) -> MatchPool:
    """Profiles of the members whose consents in force allow algorithmic matching."""
    consents = consents_by_member(session)
    profiles = []
    for m in records.rows(session, "member"):
        if not m.get("birth_date") or not consents_allow_matching(consents.get(m["id"], ())):
            continue
        ns = SimpleNamespace(**m)
        ns.birth_date = date.fromisoformat(m["birth_date"])
        profiles.append(profile_from_member(ns, today=today, consent_matching=True))
    return MatchPool.from_profiles(profiles)


def union_weights(session: Session) -> Any:
    latest = latest_settings(records.rows(session, "match_setting"))
    return weights_from_value((latest.get(WEIGHTS_KEY) or {}).get("value"))


def fit_on_server(session: Session, *, today: date, n_splits: int = 5) -> RetrainInfo:
    """Read the training data in `session` and retrain (long work: seconds to minutes).
    Raises FitBusy while another fit runs in this process."""
    if not _FITTING.acquire(blocking=False):
        raise FitBusy()
    try:
        pool = training_pool(session, today=today)
        labels = server_labels(session) + event_labels(session)
        got = retrain(pool, labels, weights=union_weights(session), n_splits=n_splits)
        log.info("matching model fitted on the server: %d labels offered, %d used", got.offered, got.used)
        return got
    finally:
        _FITTING.release()
