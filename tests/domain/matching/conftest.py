from __future__ import annotations

import pytest

from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.uow import unit_of_work


@pytest.fixture
def seeded(store, matchmaker):
    """80 synthetic members (bulk-inserted, every lifecycle status) plus the matchmaker."""
    with unit_of_work(store, None) as uow:
        seed_members(uow, count=80, seed=11)
    return store
