"""The server as a real process (`python -m xzdesk server ...`), for tests of workers and logs.

`server_process` starts the command on 127.0.0.1 and a free port with a JSON log file and a
bounded lifetime (`--max-lifetime`: the server stops by itself even if the test is killed),
waits until GET /ready answers 200, and on exit sends SIGTERM (the workers finish the requests
in flight) and waits for the process; only then is the log complete.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from tests.sync.harness import FAST, PASSWORD
from xzdesk.server import admin, auth
from xzdesk.server.db import ServerDB, make_engine
from xzdesk.server.runner import free_port


@dataclass
class ServerProcess:
    url: str
    log: Path
    proc: subprocess.Popen[bytes]
    stderr: Path

    def log_lines(self) -> list[dict[str, Any]]:
        """Every line of the log as JSON (a line that is not JSON fails the test)."""
        lines = self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []
        return [json.loads(line) for line in lines if line.strip()]


@contextlib.contextmanager
def server_process(db_url: str, folder: Path, *, workers: int = 1, lifetime_s: int = 300,
                   ready_timeout_s: float = 60.0) -> Iterator[ServerProcess]:  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log, stderr = folder / "server.log", folder / "server.stderr"
    cmd = [sys.executable, "-m", "xzdesk", "server", "--db", db_url, "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(workers), "--log-file", str(log), "--log-level", "info", "--max-lifetime", str(lifetime_s)]  # fmt: skip
    env = {**os.environ, "XZDESK_HOME": str(folder / "home")}
    with open(stderr, "wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
    server = ServerProcess(f"http://127.0.0.1:{port}", log, proc, stderr)
    try:
        _wait_ready(server, ready_timeout_s)
        yield server
    finally:
        stop(server)


def _wait_ready(server: ServerProcess, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"server exited: {server.stderr.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(server.url + "/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server not ready in time")


def stop(server: ServerProcess) -> None:
    if server.proc.poll() is None:
        server.proc.send_signal(signal.SIGTERM)
        try:
            server.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait(timeout=10)


def add_users(db_url: str, users: list[tuple[str, str, str | None]]) -> None:
    """(username, role, district) accounts with PASSWORD, hashed cheaply (tests only)."""
    hasher = auth.password_hasher(time_cost=FAST.argon2_time_cost, memory_kib=FAST.argon2_memory_kib)
    from xzdesk.server.migrate import upgrade

    engine = make_engine(db_url)
    upgrade(engine)
    db = ServerDB(engine)
    try:
        from xzdesk.server.db import ensure_meta

        with db.write() as s:
            ensure_meta(s)
        for username, role, district in users:
            with db.write() as s:
                admin.add_user(s, hasher=hasher, username=username, password=PASSWORD, role=role,
                               district_code=district, now=datetime.now(UTC))  # fmt: skip
    finally:
        db.dispose()
