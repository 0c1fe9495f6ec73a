"""The first pull's fast path (sync/apply.py): tables empty when a bootstrap begins are filled by
plain inserts, with wire values converted straight to their stored form. It must leave exactly the
rows the ordinary path leaves, and the rows the ORM wrote on the laptop they came from."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select, text
from sqlalchemy.dialects import sqlite

import xzdesk.sync.apply as apply_module
import xzdesk.sync.engine as engine_module
from tests.sync.harness import Laptop, LaptopFactory, add_user
from xzdesk.domain.errors import Cancelled
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.progress import CancelToken
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.store.base import to_jsonable
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.store.indexes import DEFERRED_INDEXES
from xzdesk.domain.uow import ActorInfo, unit_of_work
from xzdesk.server.db import next_seq
from xzdesk.server.models import Record
from xzdesk.server.push import canonical
from xzdesk.server.runner import ServerThread
from xzdesk.sync.apply import CURSOR_KEY, _storage_converter, apply_page, empty_entities, to_python
from xzdesk.sync.client import ServerClient
from xzdesk.sync.engine import M_URL
from xzdesk.sync.registry import all_specs, entity_spec

SEEDED = ("member", "consent", "verification", "note")


def _load_server(server: ServerThread, folder: Path, count: int) -> Store:
    """Seed `count` members on a scratch laptop (the ORM writes them) and give the server every
    row of theirs, as if pushed. Returns the scratch store (still open)."""
    scratch = Store.open(folder / "scratch.db")
    with unit_of_work(scratch, ActorInfo(new_id(), Role.MATCHMAKER)) as uow:
        seed_members(uow, count=count, seed=11)
    now = datetime.now(UTC)
    with scratch.read() as rs, server.app.state.db.write() as s:
        district = dict(rs.execute(select(Member.id, Member.district_code)).all())
        for name in SEEDED:
            spec = entity_spec(name)
            assert spec is not None
            table = spec.model.__table__  # type: ignore[attr-defined]
            cols = [table.c[c] for c in spec.columns]
            for row in rs.execute(select(*cols)).all():
                values = {c.name: to_jsonable(v) for c, v in zip(cols, row, strict=True)}
                member_id = values["id"] if name == "member" else values["member_id"]
                s.execute(insert(Record).values(
                    entity=name, id=values["id"], member_id=member_id, district=district[member_id],
                    fields=canonical(values), version=1, server_seq=next_seq(s), deleted=False, created_at=now,
                    updated_at=now,
                ))  # fmt: skip
    return scratch


def _rows(store: Store, name: str, *, drop: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    """Every stored value of a table, as SQLite holds it (no ORM type processing), by id."""
    spec = entity_spec(name)
    assert spec is not None
    cols = [c for c in (*spec.columns, "version") if c not in drop]
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(f"SELECT {', '.join(cols)} FROM {name} ORDER BY id"))]


def _synced_tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table but the audit log (each laptop records its own enrolment there)."""
    return {spec.name: _rows(store, spec.name) for spec in all_specs() if spec.name != "audit_log"}


@pytest.fixture
def loaded(server: ServerThread, laptops: LaptopFactory, tmp_path: Path) -> Store:
    add_user(server, "city", district=None)
    scratch = _load_server(server, tmp_path, 40)
    yield scratch
    scratch.close()


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ordinary path for every table: no table counts as empty when the bootstrap begins."""
    monkeypatch.setattr(engine_module, "empty_entities", lambda _session: frozenset())


def test_a_first_pull_leaves_exactly_the_rows_of_the_ordinary_path(
    server: ServerThread, laptops: LaptopFactory, loaded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ordinary_calls: list[str] = []
    real = apply_module._apply_entity
    monkeypatch.setattr(apply_module, "_apply_entity", lambda s, spec, *a: (ordinary_calls.append(spec.name),
                                                                            real(s, spec, *a))[1])  # fmt: skip
    fast = laptops.make(server.url, "city", page_size=37)  # many pages, rows of one entity split across them
    report = fast.engine.sync_once()
    assert report.error is None and report.bootstrapped and report.pages > 5
    assert not set(ordinary_calls) & set(SEEDED)  # the fast path took every seeded row
    with monkeypatch.context() as m:
        _slow(m)
        slow = laptops.make(server.url, "city", page_size=37)
        assert slow.engine.sync_once().error is None
    assert set(ordinary_calls) >= set(SEEDED)  # ... and the ordinary path those of the other laptop
    fast_rows, slow_rows = _synced_tables(fast.store), _synced_tables(slow.store)
    assert fast_rows == slow_rows
    assert len(fast_rows["member"]) == 40 and all(fast_rows[name] for name in SEEDED)
    # and what the ORM stored where the rows were made (the version is the server's, 0 there)
    for name in SEEDED:
        assert _rows(fast.store, name, drop=("version",)) == _rows(loaded, name, drop=("version",)), name
    for lap in (fast, slow):
        lap.close()


def _pages(laptop: Laptop, cursor: str | None, limit: int) -> list[Any]:
    meta = laptop.store.meta()
    out = []
    with ServerClient(meta[M_URL], laptop.engine._token(meta), transport=laptop.transport) as client:
        while True:
            page = client.pull(cursor, limit=limit)
            out.append(page)
            cursor = page.cursor
            if not page.has_more or len(out) == 1 and limit == 10:
                return out


def _apply(laptop: Laptop, pages: list[Any], *, fresh: frozenset[str]) -> None:
    for page in pages:
        session = laptop.store.write_session()
        session.info["sync_apply"] = True
        try:
            with session.begin():
                apply_page(session, page, now=datetime.now(UTC), fresh=fresh)
        finally:
            session.close()


def test_a_row_pulled_twice_in_one_bootstrap_takes_the_ordinary_path(
    server: ServerThread, laptops: LaptopFactory, loaded: Store
) -> None:
    """A member edited on the server while a laptop bootstraps comes again in a later page: the
    plain insert would fail, so that entity's rows of the page go the ordinary way."""
    fast = laptops.make(server.url, "city")
    slow = laptops.make(server.url, "city")
    first = _pages(fast, None, 10)
    edited = next(c for c in first[0].changes if c.entity == "member")
    with server.app.state.db.write() as s:
        record = s.get(Record, ("member", edited.id))
        record.fields = canonical({**edited.fields, "employer": "拉取期间改过"})
        record.version, record.server_seq = 2, next_seq(s)
    rest = _pages(fast, first[0].cursor, 50)
    assert any(c.id == edited.id for page in rest for c in page.changes)
    with fast.store.read() as s:
        fresh = empty_entities(s)
    assert set(SEEDED) <= fresh
    _apply(fast, first + rest, fresh=fresh)
    _apply(slow, first + rest, fresh=frozenset())
    assert _synced_tables(fast.store) == _synced_tables(slow.store)
    with fast.store.read() as s:
        assert s.execute(select(Member.employer).where(Member.id == edited.id)).scalar_one() == "拉取期间改过"
    for lap in (fast, slow):
        lap.close()


WIRE_SAMPLES: dict[str, list[Any]] = {
    "datetime": ["2025-05-20T14:30:00+00:00", "2025-05-20T14:30:00.123456+00:00", "2025-05-20T22:30:00+08:00",
                 "2025-05-20T14:30:00", "2025-05-20T14:30:00.5+00:00", "2025-05-20 14:30:00.000001+00:00",
                 "2025-01-01T00:30:00.250000+01:00"],
    "date": ["2025-05-20", "1990-01-01"],
    "bool": [True, False],
    "bytes": ["00ff10", "ab" * 32],
    "int": [0, 7, -3],
    "float": [0.5, 3],
    "str": ["王小明", ""],
    "json": [["电影", "旅行"], {"a": 1}, []],
}  # fmt: skip


def test_each_columns_stored_value_is_what_sqlalchemy_would_store() -> None:
    """Every synced column of every entity: the direct wire -> storage converter gives what
    to_python followed by SQLAlchemy's bind processor gives (memoryview and bytes are one BLOB)."""
    dialect = sqlite.dialect()
    checked = 0
    for spec in all_specs():
        table = spec.model.__table__  # type: ignore[attr-defined]
        for name, col in spec.columns.items():
            direct = _storage_converter(table.c[name], apply_module._converters(spec).get(name), dialect)
            bind = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            for value in WIRE_SAMPLES[col.kind]:
                expected = to_python(spec, {name: value})[name]
                expected = bind(expected) if bind is not None else expected
                got = direct(value) if direct is not None else value
                if isinstance(expected, memoryview):
                    expected = bytes(expected)
                assert got == expected and type(got) is type(expected), (spec.name, name, value, got, expected)
                checked += 1
    assert checked > 200


def test_a_bootstrap_commits_whole_pages_in_fewer_transactions_and_keeps_them_when_cancelled(
    server: ServerThread, laptops: LaptopFactory, loaded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages are grouped into transactions of about BOOTSTRAP_GROUP_ROWS changes, each page with
    its cursor: a cancel after four pages keeps those four (not a transaction's worth less), and
    the next sync carries on from there to the same rows as one uninterrupted pull."""
    monkeypatch.setattr(engine_module, "BOOTSTRAP_GROUP_ROWS", 100)
    commits: list[int] = []
    whole = laptops.make(server.url, "city", page_size=37)
    event_target = whole.store.engine
    def count(_conn: Any) -> None:
        commits.append(1)

    event.listen(event_target, "commit", count)
    report = whole.engine.sync_once()
    event.remove(event_target, "commit", count)
    assert report.error is None and report.pages > 6
    apply_commits = len(commits) - 4  # the engine's own: last attempt, last success, indexes dropped and built
    assert 0 < apply_commits <= report.pages // 2 + 1

    cancel = CancelToken()
    pages_seen: list[float] = []

    def progress(fraction: float, _code: str) -> None:
        if _code == "sync.pulling" and fraction > 0.3:
            pages_seen.append(fraction)
            if len(pages_seen) == 4:
                cancel.cancel()

    cursors: list[str] = []
    real = engine_module.apply_page
    monkeypatch.setattr(engine_module, "apply_page", lambda s, page, **kw: (cursors.append(page.cursor),
                                                                             real(s, page, **kw))[1])  # fmt: skip
    stopped = laptops.make(server.url, "city", page_size=37)
    with pytest.raises(Cancelled):
        stopped.engine.sync_once(progress=progress, cancel=cancel)
    with stopped.store.read() as s:
        kept = s.execute(select(func.count()).select_from(Member)).scalar_one()
    assert len(cursors) == 4 and kept > 0
    assert stopped.store.meta()[CURSOR_KEY] == cursors[-1]  # the 4th page too, though its group was open
    assert stopped.engine.sync_once().error is None
    assert _synced_tables(stopped.store) == _synced_tables(whole.store)
    for lap in (whole, stopped):
        lap.close()


def _index_names(store: Store, table: str = "member") -> dict[str, bool]:
    """The member table's explicit indexes: name -> unique."""
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                    "AND sql IS NOT NULL", (table,)).all()  # fmt: skip
    return {name: sql.upper().startswith("CREATE UNIQUE") for name, sql in rows}


def test_a_bootstrap_builds_the_filled_tables_secondary_indexes_once_at_the_end(
    server: ServerThread, laptops: LaptopFactory, loaded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keeping a big table's indexes up to date row by row was most of a first pull's writing: they
    are dropped while the bootstrap fills the empty tables, and built again after its last page."""
    during: list[set[str]] = []
    real = engine_module.apply_page

    def spy(s: Any, page: Any, **kw: Any) -> Any:
        names = s.connection().exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                               "tbl_name = 'member' AND sql IS NOT NULL").scalars()  # fmt: skip
        during.append(set(names))
        return real(s, page, **kw)

    monkeypatch.setattr(engine_module, "apply_page", spy)
    lap = laptops.make(server.url, "city", page_size=37)
    before = _index_names(lap.store)
    assert any(not unique for unique in before.values())
    report = lap.engine.sync_once()
    assert report.error is None and report.bootstrapped and len(during) == report.pages > 5
    assert all(names == {n for n, unique in before.items() if unique} for names in during)
    assert _index_names(lap.store) == before and DEFERRED_INDEXES not in lap.store.meta()
    with lap.store.read() as s:  # and a search uses them again
        plan = " ".join(str(r[-1]) for r in s.execute(text(
            "EXPLAIN QUERY PLAN SELECT id FROM member WHERE district_code = '320302' ORDER BY updated_at")))
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan
    # a later pull (not a bootstrap) drops nothing
    during.clear()
    assert lap.engine.sync_once().error is None
    assert all(names == set(before) for names in during)
    lap.close()


def test_a_cancelled_bootstrap_builds_the_indexes_again(
    server: ServerThread, laptops: LaptopFactory, loaded: Store
) -> None:
    cancel = CancelToken()

    def progress(fraction: float, code: str) -> None:
        if code == "sync.pulling" and fraction > 0.4:
            cancel.cancel()

    lap = laptops.make(server.url, "city", page_size=37)
    before = _index_names(lap.store)
    with pytest.raises(Cancelled):
        lap.engine.sync_once(progress=progress, cancel=cancel)
    assert _index_names(lap.store) == before and DEFERRED_INDEXES not in lap.store.meta()
    lap.close()
