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
- `load_ranking_state`: the same for ranking one member only (that member and those of the other
  sex who can take part in matching).
- `collect_labels(session)`: labelled pairs for the outcome model from introductions (answers:
  both accepted vs either declined; outcomes: dating or better vs no interest) and from label
  sources other areas register (`register_label_source`, e.g. event interest cards).
- `current_weights`: the administrator's rank weights, stored as append-only `match_setting`
  rows (synced, global; the latest wins).
- fitted models (`stored_models`, `load_stored_model`): JSON in `match_model` (local to the
  laptop that fitted them), each with its evaluation.
- the adopted model (`adopted_model`, `ranking_choice`, `ranking_model`): an append-only
  `match_setting` row "adopted_model" holding the model's parameters, evaluation and who adopted
  it (synced, global: every laptop and the server rank with the same model); an empty value
  means the rule ranks again. `ranking_inputs(session)` gives what `rank` should be given: the
  adopted model only if it beat the rule on held-out groups (else None), its signals, and why.

Every function takes a Session and may run on any thread with its own session.
"""

from __future__ import annotations

import logging
import threading
from collections import namedtuple
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from xzdesk.domain.errors import NotFound, ValidationError, XzError
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
from xzdesk.domain.matching.model import LabelledPairRow, ReciprocalModel
from xzdesk.domain.matching.profile import MatchProfile, profile_from_member
from xzdesk.domain.matching.rules import DEFAULT_WEIGHTS, MatchWeights, ineligibility_reasons
from xzdesk.domain.matching.signals import Signals, signals_from_labels
from xzdesk.domain.members.codes import ConsentType, MemberStatus
from xzdesk.domain.members.models import Consent, Member

log = logging.getLogger(__name__)

MATCHING_CONSENTS = frozenset({ConsentType.MATCHING.value, ConsentType.SHARE_PROFILE.value})
WEIGHTS_KEY = "weights"
ADOPTED_KEY = "adopted_model"
MODEL_KIND = "reciprocal"
# Reasons the rule ranks that are not in a model's own verdict (evaluation.VERDICT_CODES).
NO_MODEL = "matching.ranking.no_model"
NOT_EVALUATED = "matching.ranking.not_evaluated"

# Member columns a profile is built from (profile_from_member reads them as attributes).
PROFILE_COLUMNS = (
    Member.id, Member.sex, Member.birth_date, Member.height_cm, Member.education, Member.marital_status,
    Member.children, Member.district_code, Member.hobbies, Member.income_band, Member.sector,
    Member.occupation, Member.employer, Member.req_age_min, Member.req_age_max, Member.req_height_min,
    Member.req_height_max, Member.req_education_min, Member.req_districts, Member.req_marital,
    Member.req_children_ok, Member.req_importance, Member.status, Member.verified, Member.fraud_flag,
)  # fmt: skip


# A Row resolves an attribute by name on every read (about 1.5 us; the builder reads 25 per
# member, most of a profile's cost): rows become named tuples, whose fields are plain slots.
ProfileRow = namedtuple("ProfileRow", [column.key for column in PROFILE_COLUMNS])

_LIVE = Member.status != MemberStatus.ARCHIVED.value  # the members the pool holds
_PROFILES = select(*PROFILE_COLUMNS).where(_LIVE)
_PROFILES_BY_IDS = _PROFILES.where(Member.id.in_(IDS))
_SCREEN = select(Member.id, Member.sex, Member.status, Member.verified, Member.fraud_flag).where(_LIVE)


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
    return _match_state(session, today=today, profiles=_PROFILES, profiles_by_ids=_PROFILES_BY_IDS,
                        member_ids=member_ids)  # fmt: skip


class _ScreenedRow(NamedTuple):
    """The facts `rules.ineligibility_reasons` reads, as a profile would hold them."""

    sex: int
    status: str
    verified: bool
    fraud_flag: bool
    consent_matching: bool


def load_ranking_state(session: Session, *, today: date, member_id: str) -> MatchStateInfo:
    """What ranking one member needs: the member's profile and those of every member of the
    other sex who can take part in matching (`rank` proposes nobody else: its first hard
    filter keeps the other sex, and ineligible candidates never pass), with every introduced
    and blocked pair. The others' rows are screened on what `rules.ineligibility_reasons`
    reads before a profile is built. A member of unknown sex has no candidates: only their
    own profile."""
    sex = session.connection().execute(select(Member.sex).where(Member.id == member_id)).scalar()
    wanted = Member.id == member_id
    if sex in (1, 2):
        wanted = wanted | (Member.sex == 3 - sex)

    def takes_part(row: Any, consent_matching: bool) -> bool:
        facts = _ScreenedRow(int(row.sex), str(row.status), bool(row.verified), bool(row.fraud_flag), consent_matching)
        return row.id == member_id or not ineligibility_reasons(facts)

    return _match_state(session, today=today, profiles=_PROFILES.where(wanted), profiles_by_ids=None,
                        member_ids=None, keep=takes_part)  # fmt: skip


def _match_state(
    session: Session,
    *,
    today: date,
    profiles: Any,
    profiles_by_ids: Any,
    member_ids: Collection[str] | None,
    keep: Callable[[Any, bool], bool] | None = None,
) -> MatchStateInfo:
    """`keep(row, consent_matching)`: whether a member row becomes a profile (None: every row).
    With `keep`, only the consents matching reads are read (the others decide nothing)."""
    # Plain rows through the session's connection (its transaction): SQLAlchemy Core converts
    # the column types without the ORM's per-row bookkeeping, a third of the time at 5,000 rows.
    conn: Any = session.connection()
    intros = introduction_stages(conn, member_ids)
    open_counts = open_counts_from(intros, member_ids)
    only = None if keep is None else Consent.type.in_(sorted(MATCHING_CONSENTS))
    consents = active_consent_types(conn, member_ids, where=only)
    built = []
    for row in map(ProfileRow._make, fetch(conn, profiles, profiles_by_ids, member_ids)):
        consent = consents_allow_matching(consents.get(row.id, ()))
        if keep is None or keep(row, consent):
            # a ProfileRow has the Member attributes the builder reads
            built.append(profile_from_member(row, today=today, consent_matching=consent,
                                             open_proposals=open_counts[row.id]))  # fmt: skip
    introduced = {ordered_pair(a, b) for a, b, _ in intros}
    return MatchStateInfo(built, introduced, blocked_pairs(conn, member_ids))


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


_ANSWERS = {Response.ACCEPTED.value: True, Response.DECLINED.value: False}


def labels_of_introduction(intro_id: str, a: str, b: str, stage: str, a_response: str | None,
                           b_response: str | None, exchanged: object) -> list[LabelledPairRow]:  # fmt: skip
    """The labels one introduction gives (see `introduction_labels`); `exchanged` is anything
    but None once contacts were exchanged. Pure: the server reads its records with it too."""
    out = []
    a_yes, b_yes = _ANSWERS.get(a_response or ""), _ANSWERS.get(b_response or "")
    if a_yes is not None or b_yes is not None:
        out.append(LabelledPairRow(a, b, None, "introduction", intro_id, a_yes=a_yes, b_yes=b_yes))
    if stage in RELATIONSHIP_STAGES:
        out.append(LabelledPairRow(a, b, True, "outcome", intro_id))
    elif stage == Stage.NO_INTEREST and exchanged is not None:
        out.append(LabelledPairRow(a, b, False, "outcome", intro_id))
    return out


def introduction_labels(session: Session) -> list[LabelledPairRow]:
    """Labels from introductions: source "introduction" with each side's own answer (accepted:
    yes, declined: no, pending: unknown; a row once either side answered) and source "outcome"
    (dating, engaged or married: both yes; no interest after contacts were exchanged: not
    mutual, direction unknown). Group = the introduction id."""
    cols = (Introduction.id, Introduction.member_a_id, Introduction.member_b_id, Introduction.stage,
            Introduction.a_response, Introduction.b_response, Introduction.contacts_exchanged_at)  # fmt: skip
    out = []
    for row in session.execute(select(*cols).order_by(Introduction.id)):
        out.extend(labels_of_introduction(*row))
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
def latest_settings(rows: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The setting in force per key among `match_setting` rows given as values (key, value,
    set_at, set_by, id; set_at a datetime or an ISO string): the latest `set_at` wins, ties by
    id, as the SQL of `current_weights` and `ranking_choice` orders them. For readers without
    the desktop's tables (the server's records)."""
    def order(row: Mapping[str, Any]) -> tuple[datetime, str]:
        at = row["set_at"]
        at = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
        return (at if at.tzinfo else at.replace(tzinfo=UTC), str(row.get("id") or ""))

    out: dict[str, Mapping[str, Any]] = {}
    for row in sorted(rows, key=order):
        out[str(row["key"])] = row
    return out


def current_weights(session: Session) -> MatchWeights:
    """The rank weights in force: the latest stored setting, else the defaults."""
    value = session.execute(
        select(MatchSetting.value)
        .where(MatchSetting.key == WEIGHTS_KEY)
        .order_by(MatchSetting.set_at.desc(), MatchSetting.id.desc())
        .limit(1)
    ).scalar()
    return weights_from_value(value)


def weights_from_value(value: Any) -> MatchWeights:
    """Weights from a stored setting's value (the defaults for None or an invalid value)."""
    if value is None:
        return DEFAULT_WEIGHTS
    try:
        return MatchWeights.from_dict(value)
    except (ValidationError, TypeError):
        log.warning("stored match weights are invalid; using the defaults")
        return DEFAULT_WEIGHTS


# --- fitted and adopted models ----------------------------------------------------------------------
@dataclass(frozen=True)
class ModelRecordInfo:
    """A stored fitted model: when, its version, readiness and the verdict of its evaluation."""

    id: str
    fitted_at: datetime
    version_id: str
    ready: bool
    uses_model: bool  # its evaluation found it better than the rule on held-out groups
    verdict_code: str
    verdict_params: dict[str, Any]
    n_answers: int


def model_record_info(record_id: str, fitted_at: datetime, model: ReciprocalModel) -> ModelRecordInfo:
    verdict = (model.evaluation or {}).get("verdict") or {}
    counts = model.counts
    return ModelRecordInfo(
        id=record_id, fitted_at=fitted_at, version_id=model.version_id, ready=model.is_ready,
        uses_model=model.may_rank, verdict_code=verdict.get("code", NOT_EVALUATED),
        verdict_params=dict(verdict.get("params") or {}),
        n_answers=int(counts.get("answers_yes", 0)) + int(counts.get("answers_no", 0)),
    )  # fmt: skip


def _readable(data: Any) -> ReciprocalModel | None:
    try:
        return ReciprocalModel.from_dict(data)
    except (XzError, KeyError, TypeError, ValueError, AttributeError):
        log.warning("a stored matching model is incompatible with this version")
        return None


def stored_models(session: Session) -> list[ModelRecordInfo]:
    """Fitted models on this laptop that this version can read, newest first."""
    rows = session.execute(
        select(MatchModelRecord.id, MatchModelRecord.fitted_at, MatchModelRecord.data)
        .where(MatchModelRecord.kind == MODEL_KIND)
        .order_by(MatchModelRecord.fitted_at.desc(), MatchModelRecord.id.desc())
    )
    return [model_record_info(rid, at, m) for rid, at, data in rows if (m := _readable(data)) is not None]


def load_stored_model(session: Session, model_id: str) -> ReciprocalModel:
    """A stored fitted model. Raises NotFound("matching.model.not_found")."""
    data = session.execute(
        select(MatchModelRecord.data).where(MatchModelRecord.id == model_id, MatchModelRecord.kind == MODEL_KIND)
    ).scalar()
    model = None if data is None else _readable(data)
    if model is None:
        raise NotFound("matching.model.not_found")
    return model


@dataclass(frozen=True)
class RankingChoiceInfo:
    """Which score ranks candidates now, and why (a reason code with parameters to phrase:
    evaluation.VERDICT_CODES, NO_MODEL, NOT_EVALUATED)."""

    uses_model: bool
    code: str
    params: dict[str, Any]
    model_version: str | None
    adopted_at: datetime | None
    adopted_by: str | None  # staff id


def _latest_adoption(session: Session) -> tuple[dict[str, Any], datetime | None, str | None]:
    row = session.execute(
        select(MatchSetting.value, MatchSetting.set_at, MatchSetting.set_by)
        .where(MatchSetting.key == ADOPTED_KEY)
        .order_by(MatchSetting.set_at.desc(), MatchSetting.id.desc())
        .limit(1)
    ).first()
    return (dict(row[0] or {}), row[1], row[2]) if row else ({}, None, None)


def adopted_model(session: Session) -> ReciprocalModel | None:
    """The model adopted last (whatever its verdict), or None (none, withdrawn, unreadable)."""
    value, _at, _by = _latest_adoption(session)
    return model_of_adoption(value)


def model_of_adoption(value: Mapping[str, Any]) -> ReciprocalModel | None:
    """The model an adoption setting's value holds (None: withdrawn, or unreadable here)."""
    return _readable(value["model"]) if value.get("model") else None


def ranking_choice(session: Session) -> RankingChoiceInfo:
    """Is there an adopted model that beat the rule on held-out groups? If not, why not."""
    value, at, by = _latest_adoption(session)
    return choice_from_adoption(value, at, by)


def choice_from_adoption(value: Mapping[str, Any], at: datetime | None, by: str | None) -> RankingChoiceInfo:
    """`ranking_choice` from an adoption setting's value (for readers of the server's records)."""
    model = model_of_adoption(value)
    if model is None:
        return RankingChoiceInfo(False, NO_MODEL, {}, None, None, None)
    verdict = (model.evaluation or {}).get("verdict")
    if not verdict:
        return RankingChoiceInfo(False, NOT_EVALUATED, {}, model.version_id, at, by)
    from xzdesk.domain.matching.evaluation import MODEL_NOT_READY  # here: only an adopted model needs it

    code = verdict.get("code", NOT_EVALUATED) if model.is_ready else MODEL_NOT_READY
    return RankingChoiceInfo(model.may_rank, code, dict(verdict.get("params") or {}), model.version_id, at, by)


def ranking_model(session: Session) -> ReciprocalModel | None:
    """The model `rank` should use: the adopted one if it may rank, else None (the rule)."""
    model = adopted_model(session)
    return model if model is not None and model.may_rank else None


@dataclass(frozen=True)
class RankingInputsInfo:
    """What `ranking.rank` needs beyond the pool, read in one go."""

    choice: RankingChoiceInfo  # which score ranks, and why
    model: ReciprocalModel | None  # the adopted model if it may rank, else None (the rule)
    signals: Signals | None  # collaborative signals of every known answer (None without a model)


def ranking_inputs(session: Session) -> RankingInputsInfo:
    """The model and signals to pass to `rank(pool, member_id, model=..., signals=...)`, and
    why: the one call every caller of `rank` makes (desktop index, member web app). Reads the
    labels (introductions, and event interest cards once the check-in area is loaded) only when
    a model ranks."""
    choice = ranking_choice(session)
    model = ranking_model(session)
    if model is None:
        return RankingInputsInfo(choice, None, None)
    # Registers the interest-card label source; loaded here, not at the top: check-in brings the
    # print engine (reportlab, qrcode), and only a ranking model needs its labels.
    import xzdesk.domain.checkin.matches  # noqa: F401

    return RankingInputsInfo(choice, model, signals_from_labels(collect_labels(session)))
