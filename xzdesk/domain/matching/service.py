"""What the matcher writes: the administrator's rank weights, fitted models, the adopted model.

Functions take the caller's UnitOfWork and never commit (queries.py reads everything back).

Fitting and adopting are two steps on purpose: `save_matching_model` keeps a fitted model with
its evaluation (nothing changes for anyone); `adopt_matching_model` is an administrator's
decision, audited, that makes every laptop and the server rank with it, and it refuses a model
that did not beat the rule on held-out groups. `withdraw_matching_model` returns to the rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import XzError
from xzdesk.domain.introductions.models import MatchModelRecord, MatchSetting
from xzdesk.domain.matching.model import ReciprocalModel
from xzdesk.domain.matching.queries import (
    ADOPTED_KEY,
    MODEL_KIND,
    WEIGHTS_KEY,
    ModelRecordInfo,
    RankingChoiceInfo,
    current_weights,
    load_stored_model,
    model_record_info,
    ranking_choice,
)
from xzdesk.domain.matching.retraining import RETRAIN_SCHEDULE_KEY, RETRAIN_SCHEDULES, retrain_schedule
from xzdesk.domain.matching.rules import MatchWeights
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.store.models import LocalMeta
from xzdesk.domain.uow import UnitOfWork

KEEP_MODELS = 5
REASON_MAX = 200  # characters of an adoption's or a withdrawal's reason


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
    uow.mark(Area.MATCHING)
    return new


def _evaluation_fields(model: ReciprocalModel) -> list[str]:
    """The audit record of a model: its version and the figures it was judged by (no member)."""
    ev = model.evaluation or {}
    fields = [f"model:{model.version_id}", f"answers:{model.counts.get('answers_yes', 0)}/"
              f"{model.counts.get('answers_no', 0)}"]  # fmt: skip
    if ev:
        verdict = ev.get("verdict") or {}
        fields += [f"auc_model:{(ev.get('model') or {}).get('auc')}", f"auc_rule:{(ev.get('rule') or {}).get('auc')}",
                   f"verdict:{verdict.get('code')}"]  # fmt: skip
    return fields


def save_matching_model(uow: UnitOfWork, *, model: ReciprocalModel, fitted_on: str = "here") -> ModelRecordInfo:
    """Keep a fitted model and its evaluation (the newest KEEP_MODELS stay). Local table: no
    outbox; no permission beyond an open unit of work (the model holds no personal data and is
    not used until adopted). Audited as "matching.model_fit" (with "fitted_on:server" for a
    model the server fitted for this laptop)."""
    record = MatchModelRecord(kind=MODEL_KIND, fitted_at=uow.now, n_positive=int(model.counts.get("answers_yes", 0)),
                              n_negative=int(model.counts.get("answers_no", 0)), data=model.to_dict())  # fmt: skip
    uow.session.add(record)
    uow.session.flush()
    keep = select(MatchModelRecord.id).where(MatchModelRecord.kind == MODEL_KIND)
    keep = keep.order_by(MatchModelRecord.fitted_at.desc(), MatchModelRecord.id.desc()).limit(KEEP_MODELS)
    uow.session.execute(
        delete(MatchModelRecord).where(MatchModelRecord.kind == MODEL_KIND, MatchModelRecord.id.not_in(keep))
    )
    fields = _evaluation_fields(model) + ([f"fitted_on:{fitted_on}"] if fitted_on != "here" else [])
    uow.audit("matching.model_fit", fields=fields)
    uow.mark(Area.MATCHING)
    return model_record_info(record.id, record.fitted_at, model)


def adopt_matching_model(uow: UnitOfWork, *, model_id: str, reason: str | None = None) -> RankingChoiceInfo:
    """Make a stored model the one that ranks, everywhere (union administrators:
    `matching.policy`). Refuses, changing nothing: NotFound("matching.model.not_found");
    XzError("matching.model.not_fitted") for too few answers; "matching.model.not_evaluated"
    without an evaluation; "matching.model.not_better" (auc_model, auc_rule) when it did not beat
    the rule on held-out groups. Audited as "matching.model_adopt" with its version and figures
    and the administrator's `reason` (the screen asks for one; no personal data)."""
    actor = uow.require(Permission.MATCHING_POLICY)
    model = load_stored_model(uow.session, model_id)
    if not model.is_ready:
        raise XzError("matching.model.not_fitted")
    if not model.evaluation:
        raise XzError("matching.model.not_evaluated")
    if not model.beats_rule:
        ev = model.evaluation
        raise XzError("matching.model.not_better", auc_model=(ev.get("model") or {}).get("auc"),
                      auc_rule=(ev.get("rule") or {}).get("auc"))  # fmt: skip
    value = {"model": model.to_dict(), "record_id": model_id}
    uow.session.add(MatchSetting(key=ADOPTED_KEY, value=value, set_at=uow.now, set_by=actor.staff_id))
    uow.audit("matching.model_adopt", fields=_evaluation_fields(model), reason=_reason(reason))
    uow.mark(Area.MATCHING)
    uow.session.flush()
    return ranking_choice(uow.session)


def withdraw_matching_model(uow: UnitOfWork, *, reason: str | None = None) -> RankingChoiceInfo:
    """Rank by the rule again, everywhere (`matching.policy`; audited "matching.model_withdraw"
    with the `reason`). Does nothing when no model is adopted."""
    actor = uow.require(Permission.MATCHING_POLICY)
    current = ranking_choice(uow.session)
    if current.model_version is None:
        return current
    uow.session.add(MatchSetting(key=ADOPTED_KEY, value={}, set_at=uow.now, set_by=actor.staff_id))
    uow.audit("matching.model_withdraw", fields=[f"model:{current.model_version}"], reason=_reason(reason))
    uow.mark(Area.MATCHING)
    uow.session.flush()
    return ranking_choice(uow.session)


def _reason(reason: str | None) -> str | None:
    text = (reason or "").strip()
    if len(text) > REASON_MAX:
        raise XzError("matching.reason_too_long", maximum=REASON_MAX)
    return text or None


def set_retrain_schedule(uow: UnitOfWork, *, schedule: str) -> str:
    """How often this laptop retrains on its outcomes (retraining.RETRAIN_SCHEDULES: off,
    weekly, monthly; `matching.policy`). A local setting of this laptop (not synced); audited
    "matching.retrain_schedule". Raises XzError("matching.schedule.unknown")."""
    uow.require(Permission.MATCHING_POLICY)
    if schedule not in RETRAIN_SCHEDULES:
        raise XzError("matching.schedule.unknown", schedule=str(schedule)[:16])
    if retrain_schedule(uow.session) == schedule:
        return schedule
    uow.session.merge(LocalMeta(key=RETRAIN_SCHEDULE_KEY, value=schedule))
    uow.audit("matching.retrain_schedule", fields=[f"schedule:{schedule}"])
    uow.mark(Area.MATCHING)
    return schedule
