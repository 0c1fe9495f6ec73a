"""Command-line fixtures."""

from __future__ import annotations

import pytest

from xzdesk.app_context import DEMO_PASSWORD, AppContext, _create_demo_accounts


@pytest.fixture
def demo_home(_private_home, monkeypatch):
    """A demo database as the first run leaves it (its documented accounts, marked as demo data)
    but without its thousands of members; commands sign in with the demo password."""
    ctx = AppContext.open(demo=True, home=_private_home)
    with ctx.uow() as uow:
        _create_demo_accounts(uow)
    ctx.store.meta_set("demo_data", "1")
    ctx.close()
    monkeypatch.setenv("XZDESK_PASSWORD", DEMO_PASSWORD)
    monkeypatch.delenv("XZDESK_AS", raising=False)
    return _private_home
