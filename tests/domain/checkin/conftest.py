"""Fixtures of the venue-pack tests: an office with an event, and a venue laptop with its door staff."""

from __future__ import annotations

import pytest

from tests.domain.checkin._factory import make_venue, open_laptop, staff_actor


@pytest.fixture
def office(store, matchmaker):
    return make_venue(store, matchmaker, men=3, women=3)


@pytest.fixture
def laptop(store_template, tmp_path):
    s = open_laptop(store_template, tmp_path / "venue", "venue")
    yield s
    s.close()


@pytest.fixture
def door(laptop):
    return staff_actor(laptop, username="door")
