"""Sync test fixtures: a real server (SQLite file) on 127.0.0.1 and SQLCipher laptops."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.harness import FAST, LaptopFactory
from xzdesk.server.runner import ServerThread


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerThread]:
    with ServerThread(f"sqlite:///{tmp_path / 'server.db'}", settings=FAST, max_lifetime_s=300) as srv:
        yield srv


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> LaptopFactory:
    return LaptopFactory(tmp_path_factory.mktemp("laptop-template"))


@pytest.fixture
def laptops(_template: LaptopFactory, tmp_path: Path) -> LaptopFactory:
    """Laptops copied from a session-wide migrated template into this test's folder."""
    return LaptopFactory(tmp_path / "laptops", template=_template)
