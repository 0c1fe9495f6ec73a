"""Several server processes on one socket and one PostgreSQL database (`xzdesk server --workers N`).

The parent process binds the socket, migrates the database once, then starts N uvicorn workers
(uvicorn's own supervisor: a worker that dies or hangs is replaced) that each build the app
through `xzdesk.server.asgi.app_from_env`. `on_started` runs once every worker answers. The
parent stops on Ctrl+C / SIGTERM, or by itself after `max_lifetime_s`; workers stop with it
(and by themselves should the parent vanish, see asgi._watch).

Why more than one worker is safe: every writing transaction takes the `server_seq` counter row
first (db.next_seq), so writers from all processes are serialised by PostgreSQL and commit in
seq order, and a pull reads one REPEATABLE READ snapshot: no reader can pass a seq whose rows
are not yet visible. Workers spread what does not need the lock (TLS, JSON, password hashing,
pulls) over the cores.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import uvicorn
from sqlalchemy.engine import make_url
from uvicorn.supervisors import Multiprocess

from xzdesk.domain.errors import XzError
from xzdesk.server import asgi
from xzdesk.server.app import ServerSettings
from xzdesk.server.runner import TlsFiles, uvicorn_config

log = logging.getLogger(__name__)
READY_TIMEOUT_S = 60.0


def prepare_database(db_url: str) -> None:
    """Migrate to head and create the server's identity, once, before any worker starts."""
    from xzdesk.server.db import ServerDB, ensure_meta, make_engine
    from xzdesk.server.migrate import upgrade

    engine = make_engine(db_url)
    try:
        upgrade(engine)
        db = ServerDB(engine)
        with db.write() as s:
            ensure_meta(s)
    finally:
        engine.dispose()


def check_workers(db_url: str, workers: int) -> None:
    """XzError(server.workers_need_postgresql) for more than one worker on SQLite (one file,
    one writer: extra processes would only wait for each other's locks)."""
    if workers > 1 and make_url(db_url).get_backend_name() != "postgresql":
        raise XzError("server.workers_need_postgresql", workers=workers)


class _Supervisor(Multiprocess):
    """uvicorn's supervisor that says when every worker serves."""

    def __init__(self, config: uvicorn.Config, sockets: list[socket.socket],
                 on_started: Callable[[], None] | None) -> None:  # fmt: skip
        super().__init__(config, sockets=sockets)
        self._on_started = on_started

    def init_processes(self) -> None:
        super().init_processes()
        deadline = time.monotonic() + READY_TIMEOUT_S
        for process in self.processes:
            if not process.wait_until_ready(max(1.0, deadline - time.monotonic()), self.should_exit):
                log.error("a worker did not start")
                self.should_exit.set()
                return
        log.info("serving", extra={"workers": len(self.processes)})
        if self._on_started is not None:
            self._on_started()


def serve_workers(
    db_url: str, *, workers: int, host: str, port: int, settings: ServerSettings,
    sock: socket.socket | None, on_started: Callable[[], None] | None, max_lifetime_s: float | None,
    log_options: dict[str, Any], tls: TlsFiles | None = None,
) -> None:  # fmt: skip
    """Run `workers` processes until Ctrl+C / SIGTERM or `max_lifetime_s` (see module docstring)."""
    check_workers(db_url, workers)
    prepare_database(db_url)
    deadline = time.time() + max_lifetime_s if max_lifetime_s is not None else None
    os.environ[asgi.ENV_DB] = db_url
    os.environ[asgi.ENV_SETTINGS] = asgi.settings_to_env(settings)
    os.environ[asgi.ENV_LOG] = json.dumps(log_options)
    os.environ[asgi.ENV_WATCH] = json.dumps({"parent": os.getpid(), "deadline": deadline})
    config = uvicorn_config(asgi.FACTORY, host=host, port=port, settings=settings, tls=tls, factory=True,
                            workers=workers, log_config=None, timeout_graceful_shutdown=10)  # fmt: skip
    own_socket = sock is None
    if sock is None:
        sock = config.bind_socket()
    supervisor = _Supervisor(config, [sock], on_started)
    timer = None
    if max_lifetime_s is not None:
        timer = threading.Timer(max_lifetime_s, supervisor.should_exit.set)
        timer.daemon = True
        timer.start()
    try:
        supervisor.run()
    finally:
        if timer is not None:
            timer.cancel()
        if own_socket:
            sock.close()
