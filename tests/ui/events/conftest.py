"""The events screen announces saved files and new rotations in modal boxes: tests record them."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def announced(monkeypatch):
    """Every announcement as (kind, title, text); saved files are not opened, cards not printed."""
    calls: list[tuple[str, str, str]] = []
    monkeypatch.setattr("xzdesk.ui.saved._ask", lambda _parent, title, text: calls.append(("saved", title, text)) or "close")
    monkeypatch.setattr("xzdesk.ui.events.rotations._ask_print_cards",
                        lambda _parent, title, text: calls.append(("rotation", title, text)) or False)  # fmt: skip
    return calls
