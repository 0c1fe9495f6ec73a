"""What the matcher writes: the administrator's rank weights and fitted outcome models.

Functions take the caller's UnitOfWork and never commit (queries.py reads both back).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select

from xzdesk.domain.changes import Area
from xzdesk.domain.introductions.models import MatchModelRecord, MatchSetting
from xzdesk.domain.matching.model import OutcomeModel
from xzdesk.domain.matching.queries import MODEL_KIND, WEIGHTS_KEY, ModelRecordInfo, current_weights
from xzdesk.domain.matching.rules import MatchWeights
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import UnitOfWork

KEEP_MODELS = 3


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
    uow.mark(Area.MATCHING)
    return ModelRecordInfo(record.id, record.fitted_at, record.n_positive, record.n_negative, model.is_ready)
