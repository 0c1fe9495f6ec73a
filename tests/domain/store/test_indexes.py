"""Secondary indexes built after a bulk fill (store.indexes.indexes_built_after)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.store.indexes import indexes_built_after
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
