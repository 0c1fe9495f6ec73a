"""Database wiring of the matcher: profiles, pairs, labels, weights and fitted models.

The matching core (profile, pool, ranking, model) knows nothing about the database. This module
reads what it needs from the local store:

- `load_profiles(session, today=..., member_ids=None)`: `MatchProfile`s from Member rows plus
  consents in force and open-introduction counts. A member counts as consenting to matching
  only with BOTH a "matching" and a "share_profile" consent in force: a candidate whose profile
  may not be shown can not be proposed, so listing them would only mislead. Archived members
  are left out (a missing profile means "remove from the pool").
- `introduced_pairs` / `blocked_pairs` (from introductions.queries): the pairs `rank` excludes.
- `collect_labels(session)`: labelled pairs for the outcome model from introductions (answers:
  both accepted vs either declined; outcomes: dating or better vs no interest) and from label
  sources other areas register (`register_label_source`, e.g. event interest cards).
- `current_weights` / `set_match_weights`: the administrator's rank weights, stored as
  append-only `match_setting` rows (synced, global; the latest wins).
- `load_outcome_model` / `save_outcome_model`: fitted models as JSON in `match_model` (local).

Reading functions take a Session and may run on any thread with its own session; writing
functions take the caller's UnitOfWork and never commit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.introductions.models import (
    RELATIONSHIP_STAGES,
    Introduction,
    MatchModelRecord,
    MatchSetting,
    Response,
    Stage,
    ordered_pair,
)
from xzdesk.domain.introductions.queries import (
    IDS,
    active_consent_types,
    blocked_pairs,
    fetch,
    introduced_pairs,
    introduction_stages,
    open_counts_from,
)
from xzdesk.domain.matching.model import LabelledPairRow, OutcomeModel
from xzdesk.domain.matching.profile import MatchProfile, profile_from_member
from xzdesk.domain.matching.rules import DEFAULT_WEIGHTS, MatchWeights
from xzdesk.domain.members.codes import ConsentType, MemberStatus
from xzdesk.domain.members.models import Member
from xzdesk.domain.staff.models import Permission
from xzdesk.domain.uow import UnitOfWork

log = logging.getLogger(__name__)

MATCHING_CONSENTS = frozenset({ConsentType.MATCHING.value, ConsentType.SHARE_PROFILE.value})
WEIGHTS_KEY = "weights"
MODEL_KIND = "outcome"
KEEP_MODELS = 3

# Member columns a profile is built from (profile_from_member reads them as attributes).
PROFILE_COLUMNS = (
    Member.id, Member.sex, Member.birth_date, Member.height_cm, Member.education, Member.marital_status,
    Member.children, Member.district_code, Member.hobbies, Member.income_band, Member.req_age_min,
    Member.req_age_max, Member.req_height_min, Member.req_height_max, Member.req_education_min,
    Member.req_districts, Member.req_marital, Member.req_children_ok, Member.status, Member.verified,
    Member.fraud_flag,
)  # fmt: skip


_PROFILES = select(*PROFILE_COLUMNS).where(Member.status != MemberStatus.ARCHIVED.value)
_PROFILES_BY_IDS = _PROFILES.where(Member.id.in_(IDS))


def consents_allow_matching(types: Collection[str]) -> bool:
    return MATCHING_CONSENTS <= set(types)


def load_profiles(
    session: Session, *, today: date, member_ids: Collection[str] | None = None
) -> list[MatchProfile]:
    """Profiles of every member (or of `member_ids`) except archived ones."""
    return load_match_state(session, today=today, member_ids=member_ids).profiles


@dataclass(frozen=True)
class MatchStateInfo:
    """What the index needs about some members (or all): profiles and the pairs touching them."""

    profiles: list[MatchProfile]
    introduced: set[tuple[str, str]]
    blocked: set[tuple[str, str]]


def load_match_state(
    session: Session, *, today: date, member_ids: Collection[str] | None = None
) -> MatchStateInfo:
    """Profiles, introduced pairs and blocked pairs of every member or of `member_ids`, in four
    queries (per chunk of ids): members, consents in force, introductions, blocks."""
    intros = introduction_stages(session, member_ids)
    open_counts = open_counts_from(intros, member_ids)
    consents = active_consent_types(session, member_ids)
    profiles = [
        profile_from_member(
            row,  # a Row has the Member attributes the builder reads
            today=today,
            consent_matching=consents_allow_matching(consents.get(row.id, ())),
            open_proposals=open_counts[row.id],
        )
        for row in fetch(session, _PROFILES, _PROFILES_BY_IDS, member_ids)
    ]
    introduced = {ordered_pair(a, b) for a, b, _ in intros}
    return MatchStateInfo(profiles, introduced, blocked_pairs(session, member_ids))


# --- labels ---------------------------------------------------------------------------------------
LabelSource = Callable[[Session], Iterable[LabelledPairRow]]
_LABEL_SOURCES: dict[str, LabelSource] = {}
_SOURCES_LOCK = threading.Lock()


def register_label_source(name: str, fn: LabelSource) -> None:
    """Add labelled pairs from another area (e.g. the check-in area's event interest cards:
    `LabelledPairRow(a, b, label=mutual, source="event", group=event_id)`). Idempotent by name."""
    with _SOURCES_LOCK:
        _LABEL_SOURCES[name] = fn


def unregister_label_source(name: str) -> None:
    with _SOURCES_LOCK:
        _LABEL_SOURCES.pop(name, None)


def introduction_labels(session: Session) -> list[LabelledPairRow]:
    """Labels from introductions: source "introduction" (both accepted: True; either declined:
    False) and source "outcome" (dating, engaged or married: True; no interest after contacts
    were exchanged: False). Group = the introduction id."""
    out = []
    cols = (Introduction.id, Introduction.member_a_id, Introduction.member_b_id, Introduction.stage,
            Introduction.a_response, Introduction.b_response, Introduction.contacts_exchanged_at)  # fmt: skip
    for intro_id, a, b, stage, ra, rb, exchanged in session.execute(select(*cols).order_by(Introduction.id)):
        if Response.DECLINED in (ra, rb):
            out.append(LabelledPairRow(a, b, False, "introduction", intro_id))
        elif ra == Response.ACCEPTED and rb == Response.ACCEPTED:
            out.append(LabelledPairRow(a, b, True, "introduction", intro_id))
        if stage in RELATIONSHIP_STAGES:
            out.append(LabelledPairRow(a, b, True, "outcome", intro_id))
        elif stage == Stage.NO_INTEREST and exchanged is not None:
            out.append(LabelledPairRow(a, b, False, "outcome", intro_id))
    return out


def collect_labels(session: Session, *, sources: Collection[str] | None = None) -> list[LabelledPairRow]:
    """Every labelled pair: introductions plus registered sources; `sources` filters by the
    rows' `source` ("introduction", "outcome", "event")."""
    rows = introduction_labels(session)
    with _SOURCES_LOCK:
        extra = list(_LABEL_SOURCES.values())
    for fn in extra:
        rows.extend(fn(session))
    if sources is not None:
        rows = [r for r in rows if r.source in sources]
    return rows


# --- weights --------------------------------------------------------------------------------------
def current_weights(session: Session) -> MatchWeights:
    """The rank weights in force: the latest stored setting, else the defaults."""
    value = session.execute(
        select(MatchSetting.value)
        .where(MatchSetting.key == WEIGHTS_KEY)
        .order_by(MatchSetting.set_at.desc(), MatchSetting.id.desc())
        .limit(1)
    ).scalar()
    if value is None:
        return DEFAULT_WEIGHTS
    try:
        return MatchWeights.from_dict(value)
    except (ValidationError, TypeError):
        log.warning("stored match weights are invalid; using the defaults")
        return DEFAULT_WEIGHTS


def set_match_weights(uow: UnitOfWork, *, weights: MatchWeights | Mapping[str, Any]) -> MatchWeights:
    """Store new rank weights (union administrators: `matching.policy`). Validation errors are
    `ValidationError` with matching.weights.* codes. Audited with the changed weight names."""
    actor = uow.require(Permission.MATCHING_POLICY)
    new = weights if isinstance(weights, MatchWeights) else MatchWeights.from_dict(weights)
    old = current_weights(uow.session)
    changed = sorted(k for k, v in new.to_dict().items() if old.to_dict().get(k) != v)
    if not changed:
        return old
    uow.session.add(MatchSetting(key=WEIGHTS_KEY, value=new.to_dict(), set_at=uow.now, set_by=actor.staff_id))
    uow.audit("matching.weights", fields=changed)
    uow.changed.add("matching")
    return new


# --- fitted models --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ModelRecordInfo:
    id: str
    fitted_at: datetime
    n_positive: int
    n_negative: int
    ready: bool


def save_outcome_model(uow: UnitOfWork, *, model: OutcomeModel) -> ModelRecordInfo:
    """Store a fitted model (keeps the newest few). Local table: no outbox, no permission
    beyond an open unit of work (the model holds no personal data)."""
    record = MatchModelRecord(kind=MODEL_KIND, fitted_at=uow.now, n_positive=model.n_positive,
                              n_negative=model.n_negative, data=model.to_dict())  # fmt: skip
    uow.session.add(record)
    uow.session.flush()
    keep = select(MatchModelRecord.id).where(MatchModelRecord.kind == MODEL_KIND)
    keep = keep.order_by(MatchModelRecord.fitted_at.desc(), MatchModelRecord.id.desc()).limit(KEEP_MODELS)
    uow.session.execute(
        delete(MatchModelRecord).where(MatchModelRecord.kind == MODEL_KIND, MatchModelRecord.id.not_in(keep))
    )
    uow.audit("matching.model_fit", fields=[f"positive:{model.n_positive}", f"negative:{model.n_negative}"])
    uow.changed.add("matching")
    return ModelRecordInfo(record.id, record.fitted_at, record.n_positive, record.n_negative, model.is_ready)


def load_outcome_model(session: Session) -> OutcomeModel | None:
    """The newest stored model that this version can read, or None."""
    rows = session.execute(
        select(MatchModelRecord.data)
        .where(MatchModelRecord.kind == MODEL_KIND)
        .order_by(MatchModelRecord.fitted_at.desc(), MatchModelRecord.id.desc())
    ).scalars()
    for data in rows:
        try:
            return OutcomeModel.from_dict(data)
        except (XzError, KeyError, TypeError, ValueError):
            log.warning("a stored outcome model is incompatible; trying an older one")
    return None


__all__ = [
    "MATCHING_CONSENTS",
    "PROFILE_COLUMNS",
    "ModelRecordInfo",
    "blocked_pairs",
    "collect_labels",
    "consents_allow_matching",
    "current_weights",
    "introduced_pairs",
    "introduction_labels",
    "load_outcome_model",
    "MatchStateInfo",
    "load_match_state",
    "load_profiles",
    "register_label_source",
    "save_outcome_model",
    "set_match_weights",
    "unregister_label_source",
]
