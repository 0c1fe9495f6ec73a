"""The demo database template: built once (as `make run` does), copied on a first demo start,
never used when stale, never over an existing database. Real encrypted files throughout."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from xzdesk import demo_template as dt
from xzdesk.app_context import (
    DEMO_ACCOUNTS,
    DEMO_EVENTS,
    DEMO_HISTORY,
    DEMO_MEMBERS,
    DEMO_PASSWORD,
    AppContext,
)
from xzdesk.domain.events.models import Event
from xzdesk.domain.members.models import Member
from xzdesk.domain.store.keys import read_key_info


@pytest.fixture
def template(demo_template, monkeypatch):
    path, _done = demo_template
    monkeypatch.setenv(dt.TEMPLATE_ENV, str(path))
    return path


def _count(ctx: AppContext, model) -> int:
    with ctx.store.read() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def _members(ctx: AppContext) -> list[tuple[str, str, str]]:
    with ctx.store.read() as s:
        return [tuple(r) for r in s.execute(select(Member.id, Member.name, Member.id_number).order_by(Member.id))]


def test_make_run_builds_a_template_that_is_ready_today(demo_template):
    path, done = demo_template
    assert done == "built"
    assert dt.template_ready(path)
    stamp = json.loads(path.with_name(path.name + ".json").read_text("utf-8"))
    assert stamp == {"code": dt.code_stamp(), "built_on": dt._today()}
    assert not list(path.parent.glob(".*")), "no work files are left beside the template"


def test_a_first_demo_start_copies_the_template_instead_of_seeding(template, tmp_path):
    ctx = AppContext.open(demo=True, home=tmp_path / "home")
    try:
        assert ctx.store.meta().get("demo_data") == "1"
        assert _count(ctx, Member) == DEMO_MEMBERS
        assert _count(ctx, Event) == DEMO_EVENTS + DEMO_HISTORY  # the calendar and a year of held events
        assert ctx.actor is not None and ctx.actor.display_name == "演示红娘"  # the documented demo matchmaker
        assert ctx.ensure_demo_data() is False  # nothing left to seed
        assert {s.username for s in ctx.staff()} >= {username for username, _n, _r in DEMO_ACCOUNTS}
        assert ctx.sign_in("admin", DEMO_PASSWORD).role.value == "admin"  # the accounts' passwords came along
    finally:
        ctx.close()
    info = read_key_info(tmp_path / "home" / "demo.db")
    assert info is not None and info.method == "demo"  # the published demo key, never a keyring entry


def test_each_copy_has_its_own_device_but_the_same_synthetic_people(template, tmp_path):
    copied_after = datetime.now(UTC).isoformat()
    a = AppContext.open(demo=True, home=tmp_path / "a")
    b = AppContext.open(demo=True, home=tmp_path / "b")
    try:
        assert a.store.device_id != b.store.device_id
        assert a.store.meta()["created_at"] > copied_after and "hlc_last" not in b.store.meta()
        assert _members(a) == _members(b)
    finally:
        a.close()
        b.close()


def _restamp(path, **changes) -> None:
    stamp_file = path.with_name(path.name + ".json")
    stamp = json.loads(stamp_file.read_text("utf-8"))
    stamp_file.write_text(json.dumps({**stamp, **changes}), "utf-8")


@pytest.mark.parametrize(
    "change",
    [{"built_on": (date.today() - timedelta(days=1)).isoformat()}, {"code": "an older version"}],
    ids=["built yesterday", "other code"],
)
def test_a_stale_template_is_left_alone_and_the_app_seeds_as_before(demo_template, tmp_path, monkeypatch, change):
    path, _ = demo_template
    stale = tmp_path / "stale" / "demo-template.db"
    stale.parent.mkdir()
    stale.write_bytes(path.read_bytes())
    stale.with_name(stale.name + ".json").write_bytes(path.with_name(path.name + ".json").read_bytes())
    monkeypatch.setenv(dt.TEMPLATE_ENV, str(stale))
    assert dt.template_ready(stale)
    _restamp(stale, **change)
    assert not dt.template_ready(stale)
    home = tmp_path / "home"
    assert dt.install_template(home / "demo.db") is False
    assert not home.exists()
    ctx = AppContext.open(demo=True, home=home)
    try:
        assert "demo_data" not in ctx.store.meta()  # an empty demo database: the window seeds it
    finally:
        ctx.close()


def test_an_existing_demo_database_is_never_replaced(template, tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv(dt.TEMPLATE_ENV, "")
    AppContext.open(demo=True, home=home).close()  # made before the template existed
    monkeypatch.setenv(dt.TEMPLATE_ENV, str(template))
    assert dt.install_template(home / "demo.db") is False
    ctx = AppContext.open(demo=True, home=home)
    try:
        assert "demo_data" not in ctx.store.meta()
    finally:
        ctx.close()
    assert dt.prepare(home) == "exists"


def test_prepare_builds_nothing_when_the_template_is_ready_or_kept_nowhere(template, tmp_path, monkeypatch):
    assert dt.prepare(tmp_path / "home") == "ready"
    monkeypatch.setenv(dt.TEMPLATE_ENV, "")
    assert dt.prepare(tmp_path / "home") == "none"
    assert dt.install_template(tmp_path / "home" / "demo.db") is False
