"""Test-wide set-up: headless Qt, an in-memory keyring, and a private XZDESK_HOME per test.

Set before any test module imports Qt or keyring, so nothing touches the developer's own
keyring or data directory.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":  # one 1366×768 screen (an office laptop), not Qt's 800×800
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={os.path.join(os.path.dirname(__file__), 'screen-1366x768.json')}"
os.environ["PYTHON_KEYRING_BACKEND"] = "xzdesk.domain.store.keys.MemoryKeyring"
os.environ.setdefault("XZDESK_LOG_LEVEL", "WARNING")
os.environ["XZDESK_DEMO_TEMPLATE"] = ""  # no demo template unless a test builds one (demo_template)

import pytest
from hypothesis import HealthCheck, settings

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


# --- stores ------------------------------------------------------------------------------------
import secrets  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

TEST_KEY = secrets.token_bytes(32)


@pytest.fixture(scope="session")
def store_template(tmp_path_factory) -> Path:
    """An empty, fully migrated encrypted database, built once per session and copied per test."""
    import xzdesk.domain.models  # noqa: F401  (every table, as the app's composition root has them)
    from xzdesk.domain.store.engine import Store
    from xzdesk.domain.store.files import checkpoint

    path = tmp_path_factory.mktemp("template") / "template.db"
    store = Store.open(path, key=TEST_KEY)
    checkpoint(store.engine)
    store.engine.dispose()
    return path


@pytest.fixture
def store(store_template, tmp_path):
    """A fresh encrypted store (its own device id is minted on first open of the copy)."""
    from sqlalchemy import delete

    from xzdesk.domain.store.engine import Store
    from xzdesk.domain.store.models import LocalMeta

    path = tmp_path / "xzdesk.db"
    shutil.copy2(store_template, path)
    s = Store.open(path, key=TEST_KEY)
    # A copy must not share the template's identity: give it a device id of its own.
    with s.write_session() as session, session.begin():
        session.execute(delete(LocalMeta).where(LocalMeta.key == "device_id"))
    s.close()
    s = Store.open(path, key=TEST_KEY)
    yield s
    s.close()


@pytest.fixture
def matchmaker(store):
    """A city-wide matchmaker account on `store` (ActorInfo)."""
    from tests.accounts import add_account

    return add_account(store, username="mm", display_name="王红娘", role="matchmaker")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> tuple[Path, str]:
    """The demo database template, built once per session the way `make run` builds it
    (`demo_template.prepare`): (its path, what prepare did). Tests point XZDESK_DEMO_TEMPLATE at it."""
    from xzdesk import demo_template as dt

    folder = tmp_path_factory.mktemp("demo-template")
    path = folder / "demo-template.db"
    previous = os.environ["XZDESK_DEMO_TEMPLATE"]
    os.environ["XZDESK_DEMO_TEMPLATE"] = str(path)
    try:
        done = dt.prepare(folder / "home")
    finally:
        os.environ["XZDESK_DEMO_TEMPLATE"] = previous
    return path, done
