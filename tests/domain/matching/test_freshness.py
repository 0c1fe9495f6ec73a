"""Keeping the matching index current (domain/matching/freshness.py): what it needs after which
changes, and the keeper that builds, catches up and tells its listeners, on a real encrypted
store with rows the commit hook cannot see (Core bulk inserts, an erasure's Core deletes)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from xzdesk.domain.changes import NOTHING, Area, Changes
from xzdesk.domain.matching.freshness import Freshness, IndexEvent, IndexKeeper, freshness_after
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.store.sync_state import purge_member_rows
from xzdesk.domain.uow import unit_of_work


def live(store) -> set[str]:
    with store.read() as s:
        return set(s.execute(select(Member.id).where(Member.status != "archived")).scalars())


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (NOTHING, Freshness.CURRENT),
        (Changes.of(Area.EVENTS, Area.SEATING, Area.CHECKIN, Area.STAFF, Area.ACTOR), Freshness.CURRENT),
        (Changes.of(Area.MEMBERS), Freshness.CATCH_UP),
        (Changes.of(Area.MATCHING), Freshness.CATCH_UP),
        (Changes.of(Area.INTRODUCTIONS, Area.EVENTS), Freshness.CATCH_UP),
        (Changes(gone=frozenset({"m1"})), Freshness.CATCH_UP),
        (Changes.of(Area.SYNC), Freshness.REBUILD),
        (Changes.of(Area.SYNC, Area.MEMBERS), Freshness.REBUILD),
    ],
)
def test_what_the_index_needs_after_which_changes(changes, expected):
    assert freshness_after(changes) is expected


def test_areas_are_typed():
    with pytest.raises(TypeError):
        Changes.of("members")  # type: ignore[arg-type]
    assert Changes.of(Area.MEMBERS) | Changes(gone=frozenset({"x"})) == Changes(frozenset({Area.MEMBERS}), frozenset({"x"}))
    assert not NOTHING and Changes.of(Area.AUDIT)


def test_the_keeper_builds_once_and_tells_its_listeners(seeded):
    keeper = IndexKeeper(seeded)
    told: list[IndexEvent] = []
    unsubscribe = keeper.subscribe(told.append)
    assert keeper.after(Changes.of(Area.MEMBERS)) is Freshness.CURRENT  # nothing built yet: nothing to keep
    index = keeper.build()
    assert told == [IndexEvent.READY] and keeper.index is index
    assert set(index.pool.ids()) == live(seeded)
    assert keeper.rebuild() is index and told == [IndexEvent.READY] * 2  # in place
    unsubscribe()
    keeper.catch_up()
    assert told == [IndexEvent.READY] * 2
    keeper.close()


def test_a_catch_up_finds_bulk_inserts_the_commit_hook_cannot_see(seeded):
    keeper = IndexKeeper(seeded)
    told: list[IndexEvent] = []
    keeper.subscribe(told.append)
    index = keeper.build()
    before = len(index.pool)
    with unit_of_work(seeded, None) as uow:
        seed_members(uow, count=12, seed=42)  # Core bulk inserts: no flush hook sees them
    assert len(index.pool) == before
    assert keeper.after(Changes.of(Area.MEMBERS)) is Freshness.CATCH_UP
    assert keeper.catch_up() > 0
    assert set(index.pool.ids()) == live(seeded) and len(index.pool) > before
    assert told[-1] is IndexEvent.UPDATED
    keeper.close()


def test_vanished_members_leave_the_pool_even_when_the_count_agrees(seeded):
    """An erasure deletes with Core statements (no hook sees them); in the same transaction a bulk
    insert adds a member, so the count alone would say nothing changed: the `gone` ids do."""
    keeper = IndexKeeper(seeded)
    index = keeper.build()
    erased = sorted(index.pool.ids())[0]
    with unit_of_work(seeded, None) as uow:
        purge_member_rows(uow.session, erased)
        seed_members(uow, count=1, seed=7)
    with seeded.read() as s:
        assert s.execute(select(func.count()).select_from(Member).where(Member.status != "archived")).scalar_one() == \
            len(index.pool)  # fmt: skip
    assert keeper.after(Changes(gone=frozenset({erased}))) is Freshness.CATCH_UP
    keeper.catch_up()
    assert erased not in set(index.pool.ids())
    keeper.close()


def test_a_failing_listener_never_breaks_the_index(seeded, caplog):
    keeper = IndexKeeper(seeded)
    told: list[IndexEvent] = []

    def broken(_event: IndexEvent) -> None:
        raise RuntimeError("a screen's trouble")

    keeper.subscribe(broken)
    keeper.subscribe(told.append)
    with caplog.at_level(logging.ERROR):
        assert keeper.build() is keeper.index
    assert told == [IndexEvent.READY] and "listener failed" in caplog.text
    keeper.close()
