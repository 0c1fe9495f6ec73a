"""Server test fixtures: every server test runs on SQLite and on PostgreSQL (a fresh schema per
test), over real HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.harness import FAST, LaptopFactory, server_db
from xzdesk.server.runner import ServerThread


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def server(backend: str, tmp_path: Path) -> Iterator[ServerThread]:
    with server_db(backend, tmp_path / "server") as url, ServerThread(url, settings=FAST, max_lifetime_s=300) as srv:
        yield srv


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> LaptopFactory:
    return LaptopFactory(tmp_path_factory.mktemp("laptop-template"))


@pytest.fixture
def laptops(_template: LaptopFactory, tmp_path: Path) -> LaptopFactory:
    return LaptopFactory(tmp_path / "laptops", template=_template)
