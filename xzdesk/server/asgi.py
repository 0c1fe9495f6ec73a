"""The server as an ASGI application factory, for worker processes and process managers.

`xzdesk server --workers N` runs N uvicorn worker processes on one listening socket; each worker
imports this module and calls `app_from_env()` (uvicorn's `factory` mode), so everything a
worker needs travels in environment variables the parent sets:

    XZDESK_SERVER_DB        the database URL (PostgreSQL for more than one worker)
    XZDESK_SERVER_SETTINGS  ServerSettings as JSON (durations in seconds); optional
    XZDESK_SERVER_LOG       {"fmt": "json", "level": "info", "file": null} as JSON; optional

The same factory serves other process managers (docs/server.md has the recipes), e.g.

    XZDESK_SERVER_DB=postgresql+psycopg://... \\
      uvicorn --factory xzdesk.server.asgi:app_from_env --host 127.0.0.1 --port 8765 --workers 4
    gunicorn -k uvicorn.workers.UvicornWorker -w 4 'xzdesk.server.asgi:app_from_env()'

Migrations: the parent (`prepare_database`) brings the schema to head once before any worker
starts, so workers never race to migrate; a worker's own check then finds nothing to do.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import threading
import time
from datetime import timedelta
from typing import Any

from fastapi import FastAPI

from xzdesk import collector
from xzdesk.server.app import ServerSettings, create_app
from xzdesk.server.observability import configure_logging

ENV_DB = "XZDESK_SERVER_DB"
ENV_SETTINGS = "XZDESK_SERVER_SETTINGS"
ENV_LOG = "XZDESK_SERVER_LOG"
ENV_WATCH = "XZDESK_SERVER_WATCH"  # {"parent": pid, "deadline": unix time or null}: set by runner
FACTORY = "xzdesk.server.asgi:app_from_env"


def _plain(value: Any) -> Any:
    """A settings value as JSON: nested settings (request limits, sign-in throttle) as objects,
    durations in seconds, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _rebuilt(default: Any, data: dict[str, Any]) -> Any:
    """`default` (a settings dataclass) with the values of `data`, read by the defaults' types;
    unknown keys are ignored, missing ones keep their defaults."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(default):
        if f.name not in data:
            continue
        current, value = getattr(default, f.name), data[f.name]
        if dataclasses.is_dataclass(current) and isinstance(value, dict):
            value = _rebuilt(current, value)
        elif isinstance(current, timedelta):
            value = timedelta(seconds=float(value))
        elif isinstance(current, tuple):
            value = tuple(value)
        values[f.name] = value
    return dataclasses.replace(default, **values)


def settings_to_env(settings: ServerSettings) -> str:
    return json.dumps(_plain(settings))


def settings_from_env(text: str | None) -> ServerSettings:
    """ServerSettings from `settings_to_env` JSON; unknown keys are ignored, missing ones keep
    their defaults."""
    if not text:
        return ServerSettings()
    return _rebuilt(ServerSettings(), json.loads(text))


def app_from_env() -> FastAPI:
    """Build the app of one worker process from the environment (see the module docstring)."""
    log_options = json.loads(os.environ.get(ENV_LOG) or "{}")
    configure_logging(**log_options)
    url = os.environ.get(ENV_DB)
    if not url:
        raise RuntimeError(f"{ENV_DB} names no database")
    with collector.loading():  # what the worker loaded is kept out of later collections (as runner.serve)
        app = create_app(url, settings=settings_from_env(os.environ.get(ENV_SETTINGS)))
    watch = json.loads(os.environ.get(ENV_WATCH) or "null")
    if watch:
        _watch(int(watch["parent"]), watch.get("deadline"))
    return app


def _watch(parent: int, deadline: float | None) -> None:
    """Stop this worker (SIGTERM: uvicorn finishes the requests in flight) when its parent is
    gone, or at the parent's deadline, so no worker outlives the server it belongs to."""

    def loop() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent or (deadline is not None and time.time() > deadline + 10):
                os.kill(os.getpid(), signal.SIGTERM)
                return

    threading.Thread(target=loop, name="xzdesk-worker-watch", daemon=True).start()
