"""What the matcher reads from the database: profiles, pairs, labels, weights, fitted models.

The matching core (profile, pool, ranking, model) knows nothing about the database. This module
reads what it needs from the local store (service.py writes the administrator's weights and the
fitted models):

- `load_profiles(session, today=..., member_ids=None)`: `MatchProfile`s from Member rows plus
  consents in force and open-introduction counts. A member counts as consenting to matching
  only with BOTH a "matching" and a "share_profile" consent in force: a candidate whose profile
  may not be shown can not be proposed, so listing them would only mislead. Archived members
  are left out (a missing profile means "remove from the pool").
- `live_member_count`, `live_member_ids`: the members the pool should hold (the matching index
  compares them with its pool to catch rows the commit hook could not see).
- `load_match_state`: profiles plus the introduced and blocked pairs `rank` excludes (from
  introductions.queries).
- `collect_labels(session)`: labelled pairs for the outcome model from introductions (answers:
  both accepted vs either declined; outcomes: dating or better vs no interest) and from label
  sources other areas register (`register_label_source`, e.g. event interest cards).
- `current_weights`: the administrator's rank weights, stored as append-only `match_setting`
  rows (synced, global; the latest wins).
- `load_outcome_model`: the newest fitted model stored as JSON in `match_model` (local).

Every function takes a Session and may run on any thread with its own session.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.introductions.codes import RELATIONSHIP_STAGES, Response, Stage
from xzdesk.domain.introductions.models import Introduction, MatchModelRecord, MatchSetting, ordered_pair
from xzdesk.domain.introductions.queries import (
    IDS,
    active_consent_types,
    blocked_pairs,
    fetch,
    introduction_stages,
    open_counts_from,
)
from xzdesk.domain.matching.model import LabelledPairRow, OutcomeModel
from xzdesk.domain.matching.profile import MatchProfile, profile_from_member
from xzdesk.domain.matching.rules import DEFAULT_WEIGHTS, MatchWeights
from xzdesk.domain.members.codes import ConsentType, MemberStatus
from xzdesk.domain.members.models import Member

log = logging.getLogger(__name__)

MATCHING_CONSENTS = frozenset({ConsentType.MATCHING.value, ConsentType.SHARE_PROFILE.value})
WEIGHTS_KEY = "weights"
MODEL_KIND = "outcome"

# Member columns a profile is built from (profile_from_member reads them as attributes).
PROFILE_COLUMNS = (
    Member.id, Member.sex, Member.birth_date, Member.height_cm, Member.education, Member.marital_status,
    Member.children, Member.district_code, Member.hobbies, Member.income_band, Member.req_age_min,
    Member.req_age_max, Member.req_height_min, Member.req_height_max, Member.req_education_min,
    Member.req_districts, Member.req_marital, Member.req_children_ok, Member.status, Member.verified,
    Member.fraud_flag,
)  # fmt: skip


_LIVE = Member.status != MemberStatus.ARCHIVED.value  # the members the pool holds
_PROFILES = select(*PROFILE_COLUMNS).where(_LIVE)
_PROFILES_BY_IDS = _PROFILES.where(Member.id.in_(IDS))


def live_member_count(session: Session) -> int:
    """How many members the pool should hold (every member not archived)."""
    return session.execute(select(func.count()).select_from(Member).where(_LIVE)).scalar_one()


def live_member_ids(session: Session) -> set[str]:
    """The ids of the members the pool should hold."""
    return set(session.execute(select(Member.id).where(_LIVE)).scalars())


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


# --- fitted models --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ModelRecordInfo:
    id: str
    fitted_at: datetime
    n_positive: int
    n_negative: int
    ready: bool


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
