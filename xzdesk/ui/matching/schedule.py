"""The scheduled retrain, checked once when someone first signs in after the program starts
(a few seconds after the window is usable: the matcher brings numpy, never loaded at start-up).

When this laptop's schedule (模型 tab: weekly or monthly) says a retrain is due, the model is
fitted and evaluated in the background on the window's matching index (on a laptop enrolled for
the union's figures only, by the server: xzdesk/sync/model_fit.py) (no progress dialog: nobody
asked for it on screen) and kept; it is never adopted by itself. A union administrator is told in
the status bar that a new model awaits a decision, and the 模型 tab says so too.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.errors import Cancelled
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import utc_now

if TYPE_CHECKING:
    from xzdesk.domain.matching.index import FitReportInfo

log = logging.getLogger(__name__)
_CHECKED = "_xz_retrain_checked"
STATUS_MS = 20_000


def check_scheduled_retrain(window: Any) -> None:
    """Once per program run, after a sign-in: retrain in the background if the schedule says so.
    `window` is the main window (its ctx, ops, match_index and status bar)."""
    actor = window.ctx.actor
    if getattr(window, _CHECKED, False) or actor is None or not actor.can(Permission.MATCHING_POLICY):
        return  # only the people who decide on models: nobody else's start loads the matcher
    setattr(window, _CHECKED, True)
    engine = window.ctx.sync_engine()
    window.ops.run(lambda session, _p, _c: _where_due(session, engine), mode="read",
                   on_done=lambda where: _retrain(window, on_server=where == "server") if where else None,
                   on_error=lambda exc: log.warning("retrain schedule check failed: %s", type(exc).__name__))  # fmt: skip


def _where_due(session: Any, engine: Any) -> str | None:
    """None when no retrain is due; else where it runs: "server" on a laptop enrolled for figures
    only (it holds no outcomes), "here" otherwise."""
    from xzdesk.domain.matching.retraining import retrain_due  # the matcher (numpy), on the reader thread

    if not retrain_due(session, now=utc_now()):
        return None
    return "server" if engine.aggregate_only() else "here"


def _retrain(window: Any, *, on_server: bool) -> None:
    actor = window.ctx.actor
    log.info("scheduled retrain of the matching model (%s)", "on the server" if on_server else "here")
    if on_server:  # this laptop holds no outcomes (figures only): the server fits, this laptop keeps
        from xzdesk.sync.model_fit import retrain_on_server

        engine = window.ctx.sync_engine()
        window.ops.run(lambda _ctx, progress, cancel: retrain_on_server(engine, actor, progress=progress, cancel=cancel),
                       mode="bare", background=True, on_done=lambda report: _kept(window, report), on_error=_failed,
                       changes=Changes.of(Area.MATCHING), cancellable=False)  # fmt: skip
        return
    window.match_index.run(
        lambda index, progress, cancel: index.refit_and_store(actor=actor, progress=progress, cancel=cancel),
        on_done=lambda report: _kept(window, report), on_error=_failed, changes=Changes.of(Area.MATCHING),
        quiet_build=True,
    )


def _failed(exc: BaseException) -> None:
    if not isinstance(exc, Cancelled):
        log.warning("scheduled retrain failed: %s", getattr(exc, "code", type(exc).__name__))


def _kept(window: Any, report: FitReportInfo) -> None:
    actor = window.ctx.actor
    if report.record is None or actor is None or not actor.can(Permission.MATCHING_POLICY):
        return
    window.statusBar().showMessage(QCoreApplication.translate(
        "MatchingSchedule", "A retrained matching model awaits your decision (Matching → Model)."), STATUS_MS)  # fmt: skip
