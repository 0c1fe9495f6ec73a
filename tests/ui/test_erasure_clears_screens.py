"""An erasure clears every open screen that shows the member at once: the case list and its
detail pane (even with the identity revealed), the matching candidates and comparison, and the
introductions board; driven through the real main window and the real erasure service run as the
rights panel runs it (a "bare" job), told through the ops' `Changes` (its `gone` member ids)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog

from tests.domain.privacy._world import add_staff
from tests.ui.conftest import wait_jobs
from tests.ui.matching._people import make_member
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.introductions.service import propose_introduction
from xzdesk.domain.members.models import Member
from xzdesk.domain.privacy.rights import erase_member_data, receive_request
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import unit_of_work


def _erase(qtbot, window, ctx, officer, member_id):
    with ctx.store.read() as s:
        number = s.get(Member, member_id).member_no
    with unit_of_work(ctx.store, officer) as uow:
        request = receive_request(uow, member_no=number, kind="erasure", received_on=date.today(), channel="letter")
    told = []
    window.ops.sig_changed.connect(told.append)
    window.ops.run(lambda c, p, k: erase_member_data(c.store, officer, request_id=request.id, progress=p, cancel=k),
                   mode="bare", changes=Changes.of(Area.MEMBERS, Area.INTRODUCTIONS, Area.MATCHING, Area.RIGHTS))  # fmt: skip
    qtbot.waitUntil(lambda: any(c.gone for c in told), timeout=10000)
    window.ops.sig_changed.disconnect(told.append)
    assert not told[0].areas  # the vanished members are told first, before the job's own result
    return [c.gone for c in told if c.gone]


def test_an_erased_member_leaves_every_open_screen(qtbot, window, ctx, monkeypatch):
    man = make_member(ctx, sex=1, age=30)
    woman = make_member(ctx, sex=2, age=29)
    other = make_member(ctx, sex=2, age=28)
    with ctx.uow() as uow:
        propose_introduction(uow, member_a=man, member_b=other)
    # 档案: the woman's case file open, identity revealed
    members = window.show_page("members")
    wait_jobs(qtbot, window)
    with qtbot.waitSignal(members.model.sig_loaded, timeout=5000):
        members.model.set_filter(members.model.filter)
    members.editor.load(woman)
    qtbot.waitUntil(lambda: members.editor.info is not None and members.editor.info.id == woman, timeout=5000)
    from xzdesk.ui.members import editor as editor_mod

    monkeypatch.setattr(editor_mod.ReasonDialog, "exec",
                        lambda d: d.reason.setText("核对身份") or QDialog.DialogCode.Accepted)  # fmt: skip
    members.editor._on_reveal()
    qtbot.waitUntil(members.editor.is_revealed, timeout=5000)
    assert woman in members.model.ids
    # 配对: candidates of the man (the woman among them, compared), the board with his introduction
    matching = window.show_page("matching")
    qtbot.waitUntil(lambda: matching.holder.index is not None, timeout=15000)
    panel = matching.candidates
    panel.picker.pick(man)
    qtbot.waitUntil(lambda: panel.info is not None and panel.model.row_of(woman) >= 0, timeout=10000)
    panel.table.selectRow(panel.model.row_of(woman))
    board = matching.board
    board.reload()
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=5000)

    officer = add_staff(ctx.store, username="po", name="周隐私", role=Role.PRIVACY_OFFICER)
    gone = _erase(qtbot, window, ctx, officer, woman)
    assert gone == [frozenset({woman})]
    # everything that showed her is cleared at once, before any reload
    assert members.editor.info is None and not members.editor.body.isVisibleTo(members.editor)
    assert "erased" in members.editor.empty.text() or "删除" in members.editor.empty.text()
    assert members.editor.form.editors["name"].text() == "" and not members.editor.is_revealed()
    assert woman not in members.model.ids
    assert panel.model.row_of(woman) < 0 and panel.member_id == man
    assert board.model.rowCount() == 1  # his introduction with another woman stays
    wait_jobs(qtbot, window)
    assert woman not in members.model.ids

    # erasing the picked member clears the candidates panel and the board's rows of that member
    assert _erase(qtbot, window, ctx, officer, man) == [frozenset({man})]
    assert panel.member_id is None and panel.model.rowCount() == 0
    assert board.model.rowCount() == 0


def test_a_search_clears_a_detail_pane_whose_member_is_no_longer_listed(qtbot, window, ctx):
    page = window.show_page("members")
    qtbot.waitUntil(lambda: page.model.rowCount() == 120, timeout=5000)
    first = page.model.id_at(0)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.editor.info is not None and page.editor.info.id == first, timeout=5000)
    page.search.setText("no such member 999")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
    assert page.editor.info is None and not page.editor.body.isVisibleTo(page.editor)
    # a reload that is not a search (another screen changed members) keeps an open case file
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 120, timeout=5000)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.editor.info is not None, timeout=5000)
    shown = page.editor.info.id
    page.on_changed(Changes.of(Area.MEMBERS))
    wait_jobs(qtbot, window)
    assert page.editor.info is not None and page.editor.info.id == shown
