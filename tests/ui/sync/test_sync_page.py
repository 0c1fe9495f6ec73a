"""The 同步 screen against the real server on 127.0.0.1: connect, sync, status, conflicts."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.sync.harness import PASSWORD
from tests.ui.sync.conftest import _connect
from xzdesk.app_context import AppContext
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.service import register_member, update_member
from xzdesk.ui.main_window import PAGES
from xzdesk.ui.sync.page import ConflictDialog


def test_connect_sync_and_status(qtbot, sync_window, empty_ctx, server):
    page = _connect(qtbot, sync_window, server)
    members_row = [spec.key for spec in PAGES].index("members")  # the connected matchmaker's screens open
    qtbot.waitUntil(lambda: bool(sync_window.nav.item(members_row).flags() & Qt.ItemFlag.ItemIsEnabled), timeout=20000)
    assert not page.enrol_box.isVisible()
    assert page.password.text() == ""  # the password is not kept
    assert empty_ctx.actor is not None and empty_ctx.actor.display_name  # working as the server's account
    assert page.fields["server"].text() == server.url
    with empty_ctx.uow() as uow:
        register_member(uow, draft=MemberDraft(name="张三丰", id_number="320302197001010012",
                                                mobile="13812345678", district_code="320302"))  # fmt: skip
    page.controller.refresh_status()  # read on a reader thread
    qtbot.waitUntil(lambda: page.fields["pending"].text() not in ("", "0"), timeout=5000)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not sync_window.sync.running and sync_window.sync.last_report is not None
                    and sync_window.sync.last_report.acked > 0, timeout=20000)  # fmt: skip
    qtbot.waitUntil(lambda: page.fields["pending"].text() == "0", timeout=20000)  # the status follows (a reader thread)
    assert page.fields["last_ok"].text() != "—"
    assert "waiting 0" in sync_window.status_sync.text() or "0" in sync_window.status_sync.text()


def test_sync_asked_while_one_runs_follows_it(qtbot, sync_window, empty_ctx, server, monkeypatch):
    """Edits made while a sync runs were not in its push: asking again during the run gives one more run."""
    page = _connect(qtbot, sync_window, server)
    engine = sync_window.sync.engine
    runs, original = [], engine.sync_once

    def counted(**kw):
        runs.append(1)
        return original(**kw)

    monkeypatch.setattr(engine, "sync_once", counted)
    page.controller.sync_now()
    assert sync_window.sync.running
    with empty_ctx.uow() as uow:
        register_member(uow, draft=MemberDraft(name="张三丰", id_number="320302197001010012",
                                                mobile="13812345678", district_code="320302"))  # fmt: skip
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)  # asked again during the run
    page.controller.sync_now()  # and again: still one more run, not two
    qtbot.waitUntil(lambda: len(runs) == 2 and not sync_window.sync.running, timeout=30000)
    qtbot.waitUntil(lambda: page.fields["pending"].text() == "0", timeout=20000)
    qtbot.wait(300)
    assert len(runs) == 2


def test_wrong_password_is_said_plainly(qtbot, sync_window, server, monkeypatch):
    from xzdesk.ui.sync import page as page_mod

    shown = []
    monkeypatch.setattr(page_mod, "show_error", lambda _w, exc: shown.append(exc))
    page = sync_window.show_page("sync")
    page.url.setText(server.url)
    page.username.setText("wang")
    page.password.setText("not-the-password")
    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown[0].code == "auth.bad_credentials"
    assert page.enrol_box.isVisible() and page.enrol_button.isEnabled()


def test_offline_server_keeps_working_and_reports(qtbot, sync_window, empty_ctx, server):
    page = _connect(qtbot, sync_window, server)
    server.stop()
    page.controller.sync_now()
    qtbot.waitUntil(lambda: not sync_window.sync.running and sync_window.sync.last_report is not None
                    and sync_window.sync.last_report.error is not None, timeout=30000)  # fmt: skip
    assert sync_window.sync.last_report.error in ("sync.offline", "sync.timeout")
    assert page.fields["error"].text() and "sync." not in page.fields["error"].text()  # words, not codes


def test_conflict_shown_side_by_side_and_resolved(qtbot, sync_window, empty_ctx, server, tmp_path, monkeypatch):
    page = _connect(qtbot, sync_window, server)
    with empty_ctx.uow() as uow:
        info = register_member(uow, draft=MemberDraft(name="张三丰", id_number="320302197001010012",
                                                       mobile="13812345678", district_code="320302"))  # fmt: skip
    page.controller.sync_now()
    qtbot.waitUntil(lambda: not sync_window.sync.running and sync_window.sync.status.pending == 0, timeout=20000)
    other = AppContext.open(home=tmp_path / "other")
    try:
        engine = other.sync_engine()
        enrolled = engine.enrol(server.url, "li", PASSWORD, label="鼓楼区办公室-2号机")
        other.act_as(enrolled.staff_id)
        assert engine.sync_once().error is None
        with other.uow() as uow:  # the other laptop edits the same field first
            update_member(uow, member_id=info.id, changes={"height_cm": 170})
        assert engine.sync_once().error is None
    finally:
        other.close()
    with empty_ctx.uow() as uow:  # this laptop, offline meanwhile, edits it too
        update_member(uow, member_id=info.id, changes={"height_cm": 180})
    page.controller.sync_now()
    qtbot.waitUntil(lambda: not sync_window.sync.running and page.conflicts.rowCount() == 1, timeout=20000)
    cells = [page.conflicts.item(0, c).text() for c in range(7)]
    assert "170" in cells[3] and "180" in cells[4] and "张*" in cells[0]
    # the other change is named: which computer, which person, when (never the member)
    assert "鼓楼区办公室-2号机" in cells[6] and "li" in cells[6] and str(datetime.now().year) in cells[6]
    assert "张" not in cells[6]

    seen = []

    def choose_mine(dialog: ConflictDialog) -> int:
        seen.append(dialog.who.text())
        dialog.mine.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", choose_mine)
    page.conflicts.selectRow(0)
    page._on_resolve()
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 0, timeout=10000)
    assert seen and "鼓楼区办公室-2号机" in seen[0]
    with empty_ctx.store.read() as s:
        assert s.get(Member, info.id).height_cm == 180
