"""Seeding makes the same people as it always has, whichever process makes the rows.

The content digest below was taken from the seeder as it stood before the rows were made as
ready tuples (main at d414ec8): any change to a draw, a value or its stored form changes it."""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text

from xzdesk.domain.members import seed as seeding
from xzdesk.domain.members import seed_process
from xzdesk.domain.members.models import Consent, FollowUp, Member, Note, Verification
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.members.seed_rows import COLUMNS, MEMBER_BLIND, member_batches
from xzdesk.domain.progress import Cancelled, CancelToken
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.indexes import FILL_CACHE_KIB
from xzdesk.domain.uow import unit_of_work

CLOCK = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)
# sha256 of every seeded row (blind indexes aside: the key is each database's own) after seeding
# 300 members with seed 7 and then 120 more, at CLOCK, by the seeder of d414ec8.
BEFORE = "f9edfa4c05cbd5b6e3259fbf6f5e0627dee731ee01172c9bb6cb94c07e6c72ca"


def _seed(store, count, seed=7, **kwargs):
    with unit_of_work(store, None, clock=lambda: CLOCK) as uow:
        return seed_members(uow, count=count, seed=seed, **kwargs)


def _content(store) -> str:
    digest = hashlib.sha256()
    with store.read() as s:
        for model in (Member, Consent, Verification, Note, FollowUp):
            names = [c.name for c in model.__table__.columns if c.name not in MEMBER_BLIND]
            for row in s.execute(text(f"SELECT {', '.join(names)} FROM {model.__tablename__} ORDER BY rowid")):
                digest.update(repr(tuple(row)).encode())
        staff = s.execute(text("SELECT id, username, display_name, role, district_code FROM staff ORDER BY rowid"))
        digest.update(repr([tuple(r) for r in staff]).encode())
    return digest.hexdigest()


def _blind_indexes_hold(store) -> bool:
    with store.read() as s:
        rows = s.execute(select(Member.id_number, Member.id_hmac, Member.mobile, Member.mobile_hmac)).all()
    return bool(rows) and all(
        bytes(idh) == store.blind_index("id", idn) and bytes(mh) == store.blind_index("mobile", mob)
        for idn, idh, mob, mh in rows
    )


def _copy(store_template, tmp_path, name):
    from tests.conftest import TEST_KEY

    path = tmp_path / name
    shutil.copy2(store_template, path)
    return Store.open(path, key=TEST_KEY)


def test_the_same_people_as_before_stored_the_same_way(store):
    _seed(store, 300)
    _seed(store, 120)  # seeding again continues from the members present
    assert _content(store) == BEFORE
    assert _blind_indexes_hold(store)


def test_every_column_is_filled():
    for table, keys in COLUMNS.items():
        assert sorted(keys) == sorted(c.key for c in table.columns), table.name


def test_rows_made_in_a_second_process_are_the_same(store, store_template, tmp_path, monkeypatch):
    """Small batches in a spawned process: the same rows as made here, progress per batch, the
    process gone afterwards."""
    _seed(store, 130, seed=4)
    monkeypatch.setattr(seeding, "BATCH", 40)
    monkeypatch.setattr(seeding, "ELSEWHERE_FROM", 1)
    received = []
    real = seed_process._received

    def counting(plan, receiving):
        for batch in real(plan, receiving):
            received.append(len(batch[0]))
            yield batch

    monkeypatch.setattr(seed_process, "_received", counting)
    other = _copy(store_template, tmp_path, "other.db")
    seen: list[float] = []
    report = _seed(other, 130, seed=4, progress=lambda f, _code: seen.append(f))
    try:
        assert received == [40, 40, 40, 10]  # all four batches came through the pipe
        assert _content(other) == _content(store) and _blind_indexes_hold(other)
        assert report.members == 130 and seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 4
        assert multiprocessing.active_children() == []
    finally:
        other.close()


def test_a_cancelled_seeding_in_a_second_process_writes_nothing_and_ends_it(store, monkeypatch):
    monkeypatch.setattr(seeding, "BATCH", 25)
    monkeypatch.setattr(seeding, "ELSEWHERE_FROM", 1)
    token = CancelToken()

    def progress(fraction: float, _code: str) -> None:
        if fraction >= 0.25:
            token.cancel()

    with pytest.raises(Cancelled):
        _seed(store, 2000, seed=2, progress=progress, cancel=token)
    assert multiprocessing.active_children() == []
    with store.read() as s:
        assert s.execute(select(func.count()).select_from(Member)).scalar() == 0
        assert s.execute(select(func.count()).select_from(Consent)).scalar() == 0


def test_a_second_process_that_cannot_start_leaves_the_rows_to_this_one(store, store_template, tmp_path, monkeypatch):
    _seed(store, 90, seed=6)
    monkeypatch.setattr(seeding, "ELSEWHERE_FROM", 1)

    def refuse(self):
        raise OSError("no processes here")

    monkeypatch.setattr(multiprocessing.get_context("spawn").Process, "start", refuse)
    other = _copy(store_template, tmp_path, "other.db")
    try:
        _seed(other, 90, seed=6)
        assert _content(other) == _content(store)
    finally:
        other.close()


def test_a_big_fill_runs_with_a_roomy_page_cache_and_gives_the_connection_its_own_back(store, monkeypatch):
    monkeypatch.setattr(seeding, "BATCH", 20)
    monkeypatch.setattr(seeding, "BULK_INDEX_AFTER", 50)
    sizes = []
    with unit_of_work(store, None, clock=lambda: CLOCK) as uow:
        connection = uow.session.connection()

        def cache_size() -> int:
            return connection.exec_driver_sql("PRAGMA cache_size").scalar()

        before = cache_size()
        seed_members(uow, count=60, seed=1, progress=lambda _f, _code: sizes.append(cache_size()))
        after = cache_size()
    assert before == after != -FILL_CACHE_KIB
    assert sizes[:3] == [-FILL_CACHE_KIB] * 3  # while the batches were written


@pytest.mark.parametrize("where", ["frozen bundle", "one core"])
def test_the_rows_are_made_here_in_a_frozen_bundle_or_on_one_core(store, monkeypatch, where):
    """A frozen executable started as a helper would open the app again; one core gains nothing."""
    import os
    import sys

    monkeypatch.setattr(seeding, "ELSEWHERE_FROM", 1)
    if where == "frozen bundle":
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    else:
        monkeypatch.setattr(os, "cpu_count", lambda: 1)

    def no_process(plan):
        raise AssertionError("a second process was started")

    monkeypatch.setattr(seeding, "member_batches_elsewhere", no_process)
    assert _seed(store, 30).members == 30


def test_batches_not_received_from_a_process_that_died_are_made_here(store):
    """The pipe ends after two batches: the rest come from the same plan, the same rows."""
    with unit_of_work(store, None, clock=lambda: CLOCK) as uow:
        plan, _staff = seeding._plan(uow, count=110, seed=3, existing=0)
    plan = type(plan)(**{**plan.__dict__, "batch": 25})
    whole = list(member_batches(plan))
    receiving, sending = multiprocessing.Pipe(duplex=False)
    import pickle

    for batch in whole[:2]:
        sending.send_bytes(pickle.dumps(batch))
    sending.close()
    assert list(seed_process._received(plan, receiving)) == whole
    assert [len(b[0]) for b in whole] == [25, 25, 25, 25, 10]
