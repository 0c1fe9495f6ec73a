"""Retraining on this laptop's outcomes, and what an administrator sees before adopting a model.

- The schedule (`RETRAIN_SCHEDULES`: off, weekly, monthly) is a setting of this laptop
  (`LocalMeta` key RETRAIN_SCHEDULE_KEY): the laptop that holds the outcomes retrains, and
  another laptop's schedule is not this one's business. `service.set_retrain_schedule` writes it.
- `retrain_due(session, now=...)`: whether a scheduled retrain is due (no model was fitted here
  within the schedule's period). A due retrain runs in the background and is kept
  (`MatchIndex.refit_and_store`); it is never adopted by itself.
- `model_overview(session)`: the kept models, newest first, each with its evaluation in a typed
  summary (model / rule / random: AUC with its bootstrap interval, top-k hit rates; the verdict),
  which one ranks now, who adopted it and when, and the model that awaits a decision: the newest
  kept model when it was fitted after the last adoption or withdrawal and is not the adopted one
  (whether it may be adopted is its verdict's business).

Every read here is bounded by the office's setup, not its data (one settings row, at most
service.KEEP_MODELS kept models, the latest adoption row).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.domain.introductions.models import MatchModelRecord
from xzdesk.domain.matching.evaluation import K_VALUES
from xzdesk.domain.matching.queries import (
    MODEL_KIND,
    NOT_EVALUATED,
    RankingChoiceInfo,
    _latest_adoption,
    _readable,
    choice_from_adoption,
    model_record_info,
)
from xzdesk.domain.reads import key_read
from xzdesk.domain.store.models import LocalMeta

RETRAIN_SCHEDULE_KEY = "matching_retrain_schedule"
OFF, WEEKLY, MONTHLY = "off", "weekly", "monthly"
RETRAIN_SCHEDULES: dict[str, timedelta | None] = {OFF: None, WEEKLY: timedelta(days=7), MONTHLY: timedelta(days=30)}
METHODS = ("model", "rule", "random")


@dataclass(frozen=True)
class MethodRow:
    """One line of an evaluation table: a method's AUC with its 95 % interval and top-k rates
    (None where the figure could not be computed, e.g. a model whose folds were not ready)."""

    method: str  # "model" | "rule" | "random"
    auc: float | None
    auc_low: float | None
    auc_high: float | None
    top_k: tuple[tuple[int, float | None], ...]  # (k, hit rate) for K_VALUES


@dataclass(frozen=True)
class EvaluationSummaryInfo:
    """A stored model's evaluation (evaluation.EvaluationInfo.to_dict) as the screen shows it."""

    methods: tuple[MethodRow, ...]
    n_pairs: int
    n_judged: int
    n_groups: int
    n_answers: int
    positive_rate: float | None
    diff_low: float | None  # lower end of the interval of (model AUC - rule AUC)
    diff_high: float | None
    p_not_better: float | None
    n_resamples: int
    verdict_code: str
    verdict_params: dict[str, Any]
    uses_model: bool


@dataclass(frozen=True)
class KeptModelRow:
    id: str
    version_id: str
    fitted_at: datetime
    n_answers: int
    ready: bool
    may_rank: bool  # ready, and its evaluation beat the rule on held-out groups
    adopted: bool  # the model that is adopted now
    summary: EvaluationSummaryInfo | None  # None: not evaluated


@dataclass(frozen=True)
class ModelOverviewInfo:
    models: tuple[KeptModelRow, ...]  # newest first
    choice: RankingChoiceInfo  # which score ranks now, and why
    adopted_by_name: str | None
    awaiting: KeptModelRow | None  # the newest model, fitted after the last decision and not adopted
    schedule: str  # one of RETRAIN_SCHEDULES
    last_fitted_at: datetime | None


def _num(x: Any) -> float | None:
    return None if x is None else float(x)


def _method(name: str, data: Mapping[str, Any]) -> MethodRow:
    top = data.get("top_k") or {}
    return MethodRow(name, _num(data.get("auc")), _num(data.get("auc_low")), _num(data.get("auc_high")),
                     tuple((k, _num(top.get(str(k)))) for k in K_VALUES))  # fmt: skip


def evaluation_summary(evaluation: Mapping[str, Any] | None) -> EvaluationSummaryInfo | None:
    """The typed summary of a model's stored evaluation (None when it has none)."""
    if not evaluation:
        return None
    verdict = evaluation.get("verdict") or {}
    return EvaluationSummaryInfo(
        methods=tuple(_method(m, evaluation.get(m) or {}) for m in METHODS),
        n_pairs=int(evaluation.get("n_pairs") or 0), n_judged=int(evaluation.get("n_judged") or 0),
        n_groups=int(evaluation.get("n_groups") or 0), n_answers=int(evaluation.get("n_answers") or 0),
        positive_rate=_num(evaluation.get("positive_rate")), diff_low=_num(evaluation.get("diff_low")),
        diff_high=_num(evaluation.get("diff_high")), p_not_better=_num(evaluation.get("p_not_better")),
        n_resamples=int(evaluation.get("n_resamples") or 0), verdict_code=str(verdict.get("code") or NOT_EVALUATED),
        verdict_params=dict(verdict.get("params") or {}), uses_model=bool(verdict.get("uses_model")),
    )  # fmt: skip


@key_read
def retrain_schedule(session: Session) -> str:
    """This laptop's retrain schedule (OFF unless an administrator set one)."""
    value = session.get(LocalMeta, RETRAIN_SCHEDULE_KEY)
    return value.value if value is not None and value.value in RETRAIN_SCHEDULES else OFF


def _last_fitted_at(session: Session) -> datetime | None:
    at = session.execute(
        select(MatchModelRecord.fitted_at).where(MatchModelRecord.kind == MODEL_KIND)
        .order_by(MatchModelRecord.fitted_at.desc()).limit(1)
    ).scalar()  # fmt: skip
    return None if at is None else at if at.tzinfo else at.replace(tzinfo=UTC)


@key_read
def retrain_due(session: Session, *, now: datetime) -> bool:
    """Whether the schedule asks for a retrain now: a schedule is set and no model was fitted
    on this laptop within its period."""
    period = RETRAIN_SCHEDULES[retrain_schedule(session)]
    if period is None:
        return False
    last = _last_fitted_at(session)
    return last is None or now - last >= period


def _kept_rows(session: Session, adopted_version: str | None) -> list[KeptModelRow]:
    rows = session.execute(
        select(MatchModelRecord.id, MatchModelRecord.fitted_at, MatchModelRecord.data)
        .where(MatchModelRecord.kind == MODEL_KIND)
        .order_by(MatchModelRecord.fitted_at.desc(), MatchModelRecord.id.desc())
    )
    out = []
    for record_id, fitted_at, data in rows:
        model = _readable(data)
        if model is None:
            continue
        info = model_record_info(record_id, fitted_at, model)
        out.append(KeptModelRow(record_id, info.version_id, fitted_at, info.n_answers, info.ready, info.uses_model,
                                info.version_id == adopted_version, evaluation_summary(model.evaluation)))  # fmt: skip
    return out


def _aware(at: datetime | None) -> datetime | None:
    return None if at is None else at if at.tzinfo else at.replace(tzinfo=UTC)


@key_read
def model_overview(session: Session) -> ModelOverviewInfo:
    """See the module docstring (kept models are at most service.KEEP_MODELS rows)."""
    from xzdesk.domain.privacy.queries import staff_names

    value, at, by = _latest_adoption(session)
    choice = choice_from_adoption(value, at, by)
    models = _kept_rows(session, choice.model_version)
    decided, newest = _aware(at), models[0] if models else None
    fresh = newest is not None and not newest.adopted and (decided is None or _aware(newest.fitted_at) > decided)
    awaiting = newest if fresh else None
    name = staff_names(session, {by}).get(by or "") if by else None
    return ModelOverviewInfo(tuple(models), choice, name, awaiting, retrain_schedule(session),
                             _aware(models[0].fitted_at) if models else _last_fitted_at(session))  # fmt: skip
