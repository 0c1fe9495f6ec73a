"""Secondary indexes around bulk fills: in one transaction (indexes_built_after) and across several
(defer_indexes / restore_indexes, a sync bootstrap)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.conftest import TEST_KEY
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.indexes import (
    DEFERRED_INDEXES,
    FILL_CACHE_KIB,
    defer_indexes,
    indexes_built_after,
    restore_indexes,
)
from xzdesk.domain.uow import unit_of_work


def _index_sql(store) -> dict[str, str]:
    with store.read() as s:
        rows = s.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
                              "('member', 'consent') AND sql IS NOT NULL")).all()  # fmt: skip
    return dict(rows)


def test_indexes_are_dropped_during_the_fill_and_built_again_the_same(store):
    before = _index_sql(store)
    assert "ix_member_list" in before and "ix_member_by_district" in before
    with unit_of_work(store, None) as uow, indexes_built_after(uow.session, (Member, Consent)):
        during = set(uow.session.execute(text("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                              "tbl_name = 'member' AND sql IS NOT NULL")).scalars())  # fmt: skip
        assert during == set()  # no secondary index left to keep up to date (unique ones are implicit)
    assert _index_sql(store) == before


def test_a_failed_fill_keeps_the_indexes(store):
    before = _index_sql(store)
    with pytest.raises(RuntimeError), unit_of_work(store, None) as uow, indexes_built_after(uow.session, (Member,)):
        raise RuntimeError("the fill failed")
    assert _index_sql(store) == before


# --- across transactions (a sync bootstrap): defer_indexes / restore_indexes ----------------------
def test_deferred_indexes_are_built_again_the_same_and_forgotten(store):
    before = _index_sql(store)
    with unit_of_work(store, None) as uow:
        dropped = defer_indexes(uow.session, {"member", "consent"})
    assert sorted(dropped) == sorted(before.values())
    assert _index_sql(store) == {} and DEFERRED_INDEXES in store.meta()
    with unit_of_work(store, None) as uow:
        restore_indexes(uow.session, dropped)
        restore_indexes(uow.session, dropped)  # those already there are left as they are
    assert _index_sql(store) == before and DEFERRED_INDEXES not in store.meta()


def test_deferred_indexes_are_built_with_the_fill_cache_and_the_connection_gets_its_own_back(store, monkeypatch):
    seen = []
    with unit_of_work(store, None) as uow:
        connection = uow.session.connection()
        before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        dropped = defer_indexes(uow.session, {"member"})
        real = connection.exec_driver_sql

        def watched(sql, *args, **kwargs):  # the cache size each CREATE INDEX ran with
            if sql.startswith("CREATE INDEX"):
                seen.append(real("PRAGMA cache_size").scalar())
            return real(sql, *args, **kwargs)

        monkeypatch.setattr(connection, "exec_driver_sql", watched)
        restore_indexes(uow.session, dropped)
        monkeypatch.undo()
        after = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    assert seen == [-FILL_CACHE_KIB] * len(dropped) and len(dropped) > 1
    assert before == after != -FILL_CACHE_KIB


def test_unique_indexes_are_never_deferred(store):
    with unit_of_work(store, None) as uow:
        uow.session.execute(text("CREATE UNIQUE INDEX ux_test_member_no ON member (member_no, id)"))
        defer_indexes(uow.session, {"member"})
        left = set(uow.session.execute(text("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                            "tbl_name = 'member' AND sql IS NOT NULL")).scalars())  # fmt: skip
    assert left == {"ux_test_member_no"}


def test_indexes_a_process_left_deferred_are_built_when_the_store_opens_again(store):
    """The process died between a first pull's commits: the next open builds what was dropped."""
    before = _index_sql(store)
    with unit_of_work(store, None) as uow:
        defer_indexes(uow.session, {"member"})
    assert set(_index_sql(store)) == {n for n, sql in before.items() if "ON consent" in sql}
    path = store.path
    store.engine.dispose()  # no orderly end: nothing rebuilt on the way out
    again = Store.open(path, key=TEST_KEY)
    try:
        assert _index_sql(again) == before and DEFERRED_INDEXES not in again.meta()
    finally:
        again.close()
