"""Test-wide set-up: headless Qt, an in-memory keyring, and a private XZDESK_HOME per test.

Set before any test module imports Qt or keyring, so nothing touches the developer's own
keyring or data directory.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "xzdesk.domain.store.keys.MemoryKeyring"
os.environ.setdefault("XZDESK_LOG_LEVEL", "WARNING")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "slow", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    """Every test gets its own data directory."""
    home = tmp_path / "xzdesk-home"
    home.mkdir()
    monkeypatch.setenv("XZDESK_HOME", str(home))
    yield home
