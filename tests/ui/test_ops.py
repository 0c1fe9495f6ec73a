"""The ops runner: what changed travels as one typed `Changes`, vanished members first; and the
rule for reads on the UI thread (ui/ops.py) holds: only key reads there, through `peek`."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.domain.privacy._world import add_staff
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.checkin import queries as checkin_queries
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.queries import MemberFilter, fetch_rows, list_member_ids
from xzdesk.domain.members.service import register_member
from xzdesk.domain.privacy.rights import erase_member_data, receive_request
from xzdesk.domain.reads import is_key_read
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import unit_of_work
from xzdesk.ui import ops as ops_module
from xzdesk.ui.ops import Ops, peek

UI = Path(ops_module.__file__).parent


@pytest.fixture
def ops(ctx, qtbot):
    runner = Ops(ctx)
    yield runner
    runner.wait_idle()


def _run(qtbot, ops, fn, **kwargs):
    told: list[Changes] = []
    ops.sig_changed.connect(told.append)
    results: list[object] = []
    ops.run(fn, on_done=results.append, **kwargs)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    ops.sig_changed.disconnect(told.append)
    return results[0], told


def _draft(name: str) -> MemberDraft:
    return MemberDraft(name=name, id_number="320302197001010012", mobile="13812345678", district_code="320302")


def test_a_write_carries_the_areas_its_services_marked(qtbot, ops):
    info, told = _run(qtbot, ops, lambda uow, _p, _c: register_member(uow, draft=_draft("张三丰")))
    assert told == [Changes(frozenset({Area.MEMBERS}))] and info.member_no


def test_a_read_changes_nothing_and_a_bare_job_says_what_it_did(qtbot, ops, ctx):
    today = date.today()
    ids, told = _run(qtbot, ops, lambda s, _p, _c: list_member_ids(s, MemberFilter(), blind_index=ctx.store.blind_index,
                                                                   today=today), mode="read")  # fmt: skip
    assert len(ids) == 120 and told == []
    _r, told = _run(qtbot, ops, lambda _ctx, _p, _c: None, mode="bare", changes=Changes.of(Area.AUDIT))
    assert told == [Changes.of(Area.AUDIT)]


def test_vanished_members_are_told_first_whoever_committed(qtbot, ops, ctx):
    """The erasure runs its own units of work (a bare job); its `gone` ids arrive as their own
    Changes before the job's result, and a transaction committed outside the runner (as sync
    does) is told too."""
    officer = add_staff(ctx.store, username="po", name="周隐私", role=Role.PRIVACY_OFFICER)
    with ctx.uow() as uow:
        member = register_member(uow, draft=_draft("李四"))
    with unit_of_work(ctx.store, officer) as uow:
        request = receive_request(uow, member_no=member.member_no, kind="erasure", received_on=date.today(),
                                  channel="letter")  # fmt: skip
    _r, told = _run(qtbot, ops, lambda c, p, k: erase_member_data(c.store, officer, request_id=request.id, progress=p,
                                                                  cancel=k),
                    mode="bare", changes=Changes.of(Area.MEMBERS, Area.RIGHTS))  # fmt: skip
    assert told == [Changes(gone=frozenset({member.id})), Changes.of(Area.MEMBERS, Area.RIGHTS)]


def test_peek_runs_key_reads_only(ctx):
    page = peek(ctx, fetch_rows, ["no-such-id"], today=date.today())
    assert page == []
    with pytest.raises(TypeError, match="not a key read"):
        peek(ctx, list_member_ids, MemberFilter(), blind_index=ctx.store.blind_index, today=date.today())
    assert is_key_read(checkin_queries.counts) and not is_key_read(checkin_queries.venue_events)


def test_the_ui_opens_no_session_of_its_own():
    """Every UI-thread read goes through `peek` (which checks the query is a key read); reader
    threads get their session from `Ops.run(mode="read")`. Nothing else in xzdesk/ui opens one."""
    opened = [f"{path.relative_to(UI)}:{n}" for path in sorted(UI.rglob("*.py")) if path.name != "ops.py"
              for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if re.search(r"\.read\(\)|write_session\(|\.uow\(\)", line)]  # fmt: skip
    assert opened == []


def test_start_up_work_waits_for_the_first_screens_reads(qtbot, ops):
    """when_idle: called once the delay has passed and no job runs; never later than give_up_ms."""
    import threading

    release = threading.Event()
    ops.run(lambda _s, _p, _c: release.wait(10), mode="read")
    called: list[str] = []
    ops.when_idle(lambda: called.append("after the read"), after_ms=0)
    ops.when_idle(lambda: called.append("gave up waiting"), after_ms=0, give_up_ms=300)
    qtbot.waitUntil(lambda: called == ["gave up waiting"], timeout=5000)
    qtbot.wait(300)
    assert called == ["gave up waiting"]  # the read still runs
    release.set()
    qtbot.waitUntil(lambda: called == ["gave up waiting", "after the read"], timeout=5000)
    qtbot.wait(300)
    assert called == ["gave up waiting", "after the read"]  # once each
