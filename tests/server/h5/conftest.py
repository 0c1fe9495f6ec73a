"""Member web app fixtures: the real app on SQLite (PostgreSQL where a test asks for both),
codes written to a file by the local SMS backend, a browser-like client that keeps cookies and
reads each form's CSRF token from the page it was served."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.sync.harness import FAST, server_db
from xzdesk.server.app import create_app
from xzdesk.server.h5.sms import FileSmsGateway

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class Browser:
    """A TestClient that remembers the last CSRF token it was given (as a browser's form would)."""

    def __init__(self, app: Any, gateway: FileSmsGateway) -> None:
        self.client = TestClient(app, base_url="http://127.0.0.1")
        self.gateway = gateway
        self.csrf = ""

    def get(self, path: str, **kw: Any) -> httpx.Response:
        r = self.client.get(path, **kw)
        self._remember(r)
        return r

    def post(self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True, **kw: Any) -> httpx.Response:
        body = dict(data or {})
        if csrf:
            body.setdefault("csrf", self.csrf)
        r = self.client.post(path, data=body, **kw)
        self._remember(r)
        return r

    def _remember(self, r: httpx.Response) -> None:
        found = CSRF.search(r.text) if r.headers.get("content-type", "").startswith("text/html") else None
        if found:
            self.csrf = found.group(1)

    def sign_in(self, mobile: str) -> httpx.Response:
        self.get("/m/login")
        r = self.post("/m/login", {"mobile": mobile})
        assert r.status_code == 200, r.text
        code = self.gateway.last_code(mobile)
        assert code is not None
        r = self.post("/m/login/verify", {"mobile": mobile, "code": code})
        assert r.status_code == 200 and "退出登录" in r.text, r.text
        return r


@pytest.fixture
def h5_app(tmp_path: Path) -> Iterator[Any]:
    with server_db("sqlite", tmp_path / "server") as url:
        app = create_app(url, settings=FAST)
        app.state.h5.gateway = FileSmsGateway(tmp_path / "sms.txt")
        yield app
        app.state.db.dispose()


@pytest.fixture
def browser(h5_app: Any) -> Browser:
    return Browser(h5_app, h5_app.state.h5.gateway)


@pytest.fixture
def make_browser(h5_app: Any) -> Any:
    return lambda: Browser(h5_app, h5_app.state.h5.gateway)
