"""Retraining on the server for a laptop that holds no outcomes (aggregate-only: a union
administrator's laptop). The server fits and evaluates on every district's outcomes by the
laptops' own rules (xzdesk/server/model_fit.py) and answers with the model's parameters and
evaluation, no personal data; this laptop keeps it among its models in one unit of work, where
the administrator judges and adopts it like a model fitted here.

Cancel stops waiting at once (nothing is kept); the server finishes its fit and drops it.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx

from xzdesk.domain.matching.index import FitReportInfo
from xzdesk.domain.matching.model import ReciprocalModel
from xzdesk.domain.matching.service import save_matching_model
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.uow import ActorInfo, unit_of_work
from xzdesk.sync import protocol as p

# A fit of 50k labelled pairs takes seconds; a large union's may take minutes.
FIT_TIMEOUT = httpx.Timeout(900.0, connect=10.0)
POLL_S = 0.2
PROGRESS_CODE = "matching.fit.server"


def _ask(engine: Any, box: dict[str, Any]) -> None:
    try:
        with engine.client(timeout=FIT_TIMEOUT) as client:
            box["out"] = client.fit_model()
    except BaseException as exc:  # handed to the waiting thread, which raises it
        box["error"] = exc


def fetch_server_fit(engine: Any, *, progress: Progress = no_progress,
                     cancel: CancelToken = NEVER_CANCELLED) -> p.ModelFitOut:  # fmt: skip
    """Ask the server to retrain and wait for its answer (raises Cancelled at once on cancel,
    SyncError / XzError as the server or the network said)."""
    box: dict[str, Any] = {}
    worker = threading.Thread(target=_ask, args=(engine, box), name="xz-server-fit", daemon=True)
    worker.start()
    started = time.monotonic()
    while worker.is_alive():
        cancel.check()
        # the server says nothing until it is done: the bar creeps towards 90 % over a minute
        progress(min(0.9, (time.monotonic() - started) / 60.0), PROGRESS_CODE)
        worker.join(POLL_S)
    cancel.check()
    if "error" in box:
        raise box["error"]
    return box["out"]  # type: ignore[no-any-return]


def retrain_on_server(engine: Any, actor: ActorInfo | None, *, progress: Progress = no_progress,
                      cancel: CancelToken = NEVER_CANCELLED) -> FitReportInfo:  # fmt: skip
    """Retrain on the server and keep the model here (one unit of work, audited as a fit done on
    the server). Never adopted: the administrator decides."""
    out = fetch_server_fit(engine, progress=progress, cancel=cancel)
    model = ReciprocalModel.from_dict(out.model)
    with unit_of_work(engine.store, actor, clock=engine.clock) as uow:
        record = save_matching_model(uow, model=model, fitted_on="server")
    why = None
    if out.not_evaluated is not None:
        why = (out.not_evaluated.code, dict(out.not_evaluated.params))
    progress(1.0, "matching.fit.done")
    return FitReportInfo.of(model, record, offered=out.offered, used=out.used, evaluation=None, not_evaluated=why)

