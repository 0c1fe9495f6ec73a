"""Running the server: `serve` for the command line, `ServerThread` for tests and benchmarks.

`ServerThread` runs uvicorn on a background thread, bound to 127.0.0.1 on a free port unless
told otherwise, with a bounded lifetime: it stops by itself after `max_lifetime_s` even if the
caller forgets, and `stop()` shuts it down gracefully (in-flight requests finish).
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn

from xzdesk.server.app import ServerSettings, create_app


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def serve(db_url: str, *, host: str = "127.0.0.1", port: int = 8765, settings: ServerSettings | None = None) -> None:
    """Run in the foreground until interrupted (Ctrl+C / SIGTERM)."""
    app = create_app(db_url, settings=settings)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)


class ServerThread:
    """A server on a background thread. Use as a context manager or call start()/stop()."""

    def __init__(
        self, db_url: str, *, host: str = "127.0.0.1", port: int | None = None,
        settings: ServerSettings | None = None, max_lifetime_s: float = 600.0, app: Any = None,
    ) -> None:  # fmt: skip
        self.db_url = db_url
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
        return f"http://{self.host}:{self.port}"

    def start(self) -> ServerThread:
        if self.app is None:
            self.app = create_app(self.db_url, settings=self.settings)
        config = uvicorn.Config(self.app, host=self.host, port=self.port, log_level="warning", access_log=False,
                                lifespan="off", timeout_graceful_shutdown=5)  # fmt: skip
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
