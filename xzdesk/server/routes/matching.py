"""Retraining the matching model on the server's outcomes: POST /sync/v1/matching/fit
(an account with `matching.policy`; see xzdesk/server/model_fit.py)."""

from __future__ import annotations

from fastapi import APIRouter

from xzdesk.domain.errors import XzError
from xzdesk.domain.staff.codes import ROLE_PERMISSIONS, Permission
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.server.model_fit import FitBusy, fit_on_server
from xzdesk.server.web import ERRORS, ApiError, Server, SyncCaller, now_utc
from xzdesk.server.words import error_body
from xzdesk.sync import protocol as p

router = APIRouter(prefix=p.API, tags=["matching"])


@router.post("/matching/fit", response_model=p.ModelFitOut, responses=ERRORS)
def fit(c: SyncCaller, server: Server) -> p.ModelFitOut:
    """Fit and evaluate a model on every district's outcomes; nothing is stored or adopted here."""
    if Permission.MATCHING_POLICY.value not in ROLE_PERMISSIONS.get(c.user.role, frozenset()):
        raise ApiError(403, "auth.forbidden")
    today = now_utc().astimezone(CHINA_TZ).date()
    try:
        with server.db.read() as s:
            got = fit_on_server(s, today=today)
    except FitBusy as exc:
        raise ApiError(409, exc.code) from exc
    why = None
    if isinstance(got.evaluation, XzError):  # why it could not be evaluated
        why = p.ErrorOut(**error_body(got.evaluation.code, dict(got.evaluation.params)))
    return p.ModelFitOut(model=got.model.to_dict(), offered=got.offered, used=got.used, not_evaluated=why)
