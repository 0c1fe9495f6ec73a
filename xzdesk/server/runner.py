"""Running the server: `serve` for the command line, `ServerThread` for tests and benchmarks.

`ServerThread` runs uvicorn on a background thread, bound to 127.0.0.1 on a free port unless
told otherwise, with a bounded lifetime: it stops by itself after `max_lifetime_s` even if the
caller forgets, and `stop()` shuts it down gracefully (in-flight requests finish).

Both serve TLS when given a certificate and its key (`tls=TlsFiles(cert, key)`), and run
uvicorn's h11 parser with a bounded request head (`RequestLimits.transport_head_bytes`).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from xzdesk import collector
from xzdesk.server.app import ServerSettings, create_app


@dataclass(frozen=True)
class TlsFiles:
    """The server's certificate (PEM, with its chain) and private key (PEM)."""

    cert: Path
    key: Path


def uvicorn_config(app: Any, *, host: str, port: int, settings: ServerSettings | None, tls: TlsFiles | None,
                   **options: Any) -> uvicorn.Config:  # fmt: skip
    """uvicorn's settings for the app: h11 with a bounded head, TLS when given, no access log
    (it would hold addresses and paths of every request; the server logs what it needs)."""
    limits = (settings or ServerSettings()).hardening.limits
    tls_options = {"ssl_certfile": str(tls.cert), "ssl_keyfile": str(tls.key)} if tls else {}
    return uvicorn.Config(app, host=host, port=port, access_log=False, http="h11",
                          h11_max_incomplete_event_size=limits.transport_head_bytes, **tls_options, **options)  # fmt: skip


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port. Raises OSError when the port is taken or the address is
    not this machine's (binding first makes a busy port a clear error, before anything runs)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto named: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on connections whose
    # socket says IPPROTO_TCP, and accepted connections copy the listener's proto. With proto 0
    # a short answer written in two parts (head, then body) waited for the client's delayed ACK:
    # about 40 ms on Linux (/health, an empty pull, the pushing laptop's own pull).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if sys.platform != "win32":  # on Windows SO_REUSEADDR would let two servers share a port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


class _Server(uvicorn.Server):
    """uvicorn's server that says when it is serving (after its start-up, on the bound socket)."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None] | None) -> None:
        super().__init__(config)
        self._on_started = on_started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started and self._on_started is not None:
            self._on_started()


def serve(
    db_url: str, *, host: str = "127.0.0.1", port: int = 8765, settings: ServerSettings | None = None,
    sock: socket.socket | None = None, on_started: Callable[[], None] | None = None, log_level: str = "warning",
    tls: TlsFiles | None = None,
    workers: int = 1, max_lifetime_s: float | None = None, log_options: dict[str, Any] | None = None,
) -> None:  # fmt: skip
    """Run in the foreground until interrupted (Ctrl+C / SIGTERM), on `sock` when given (see
    `bind`); `on_started` is called once the server accepts requests. `workers` > 1 runs that
    many worker processes on the one socket (xzdesk.server.workers); `max_lifetime_s` stops the
    server by itself after that long (drills and tests)."""
    if workers > 1:
        from xzdesk.server.workers import serve_workers

        serve_workers(db_url, workers=workers, host=host, port=port, settings=settings or ServerSettings(),
                      sock=sock, on_started=on_started, max_lifetime_s=max_lifetime_s,
                      log_options=log_options or {}, tls=tls)  # fmt: skip
        return
    # what loading makes lives as long as the server: kept out of later collections, a full one of
    # which walked about 200k objects inside whichever request it fell in (about 75 ms)
    with collector.loading():
        app = create_app(db_url, settings=settings)
    config = uvicorn_config(app, host=host, port=port, settings=settings, tls=tls, log_level=log_level,
                            log_config=None if log_options is not None else uvicorn.config.LOGGING_CONFIG)  # fmt: skip
    server = _Server(config, on_started)
    timer = None
    if max_lifetime_s is not None:
        timer = threading.Timer(max_lifetime_s, lambda: setattr(server, "should_exit", True))
        timer.daemon = True
        timer.start()
    try:
        server.run(sockets=[sock] if sock is not None else None)
    finally:
        if timer is not None:
            timer.cancel()


class ServerThread:
    """A server on a background thread. Use as a context manager or call start()/stop()."""

    def __init__(
        self, db_url: str, *, host: str = "127.0.0.1", port: int | None = None,
        settings: ServerSettings | None = None, max_lifetime_s: float = 600.0, app: Any = None,
        tls: TlsFiles | None = None,
    ) -> None:  # fmt: skip
        self.db_url = db_url
        self.tls = tls
        self.host = host
        self.port = port or free_port(host)
        self.settings = settings
        self.max_lifetime_s = max_lifetime_s
        self.app = app
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._timer: threading.Timer | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}"

    def start(self) -> ServerThread:
        if self.app is None:
            self.app = create_app(self.db_url, settings=self.settings)
        config = uvicorn_config(self.app, host=self.host, port=self.port, settings=self.settings, tls=self.tls,
                                log_level="warning", lifespan="on", timeout_graceful_shutdown=5)  # fmt: skip
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name=f"xzdesk-server-{self.port}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.01)
        self._timer = threading.Timer(self.max_lifetime_s, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=15)

    def restart(self) -> None:
        """Stop and start again on the same port and database, with a fresh app (nothing kept
        in memory survives, as after a process restart)."""
        self.stop()
        self.app = None
        self.start()

    def dispose(self) -> None:
        self.stop()
        if self.app is not None:
            self.app.state.db.dispose()

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.dispose()
