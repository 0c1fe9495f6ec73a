"""File → 备份数据库… / 从备份恢复… through the real main window: the backup is written off the UI
thread and announced with its path; a restore is checked, confirmed, swaps the data and asks
run_gui to open the window again; a refused file changes nothing."""

from __future__ import annotations

from sqlalchemy import text

from tests.accounts import administrator
from tests.ui.conftest import wait_jobs
from xzdesk.app_context import AppContext
from xzdesk.domain.members.seed import seed_members
from xzdesk.ui import backup as backup_ui
from xzdesk.ui import messages, saved


def _count(ctx) -> int:
    with ctx.store.read() as s:
        return s.execute(text("SELECT count(*) FROM member")).scalar()


def _back_up(qtbot, monkeypatch, window, target):
    announced = []
    monkeypatch.setattr(backup_ui, "_ask_save_path", lambda _parent, suggested: announced.append(suggested) or target)
    monkeypatch.setattr(saved, "_ask", lambda _p, title, text: announced.append(text) or "close")
    window.backup.backup_action.trigger()
    wait_jobs(qtbot, window, timeout=30000)
    return announced


def test_backup_writes_an_encrypted_copy_and_says_where(qtbot, monkeypatch, window, tmp_path):
    target = tmp_path / "usb" / "copy"  # the suffix is added
    announced = _back_up(qtbot, monkeypatch, window, target)
    written = tmp_path / "usb" / "copy.xzbak"
    assert written.exists()
    assert announced[0].name.startswith("xzdesk-backup-")  # the suggested name: a date only
    assert str(written) in announced[1] and "120 case files" in announced[1]


def test_restore_swaps_the_data_and_restarts_the_window(qtbot, monkeypatch, window, tmp_path):
    ctx = window.ctx
    target = tmp_path / "b.xzbak"
    _back_up(qtbot, monkeypatch, window, target)
    with ctx.uow() as uow:
        seed_members(uow, count=5, seed=77)
    assert _count(ctx) == 125
    ctx.act_as(administrator(ctx.store).staff_id)
    window.reset_for_actor()
    assert window.backup.restore_action.isEnabled()
    confirmed, told = [], []
    monkeypatch.setattr(backup_ui, "_ask_open_path", lambda _p, _f: target)
    monkeypatch.setattr(backup_ui, "_confirm", lambda _p, _t, text: confirmed.append(text) or True)
    monkeypatch.setattr(backup_ui.QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window.backup.restore_action.trigger()
    qtbot.waitUntil(lambda: window.restart_requested, timeout=30000)
    assert "120 case files" in confirmed[0]
    assert "kept at" in told[0] and not window.isVisible()
    again = AppContext.open(home=ctx.home)
    try:
        assert _count(again) == 120
        assert list((ctx.home / "backups").glob("xzdesk-*-before-restore.db"))
    finally:
        again.close()


def test_a_foreign_file_is_refused_and_nothing_changes(qtbot, monkeypatch, window, tmp_path):
    ctx = window.ctx
    ctx.act_as(administrator(ctx.store).staff_id)
    window.reset_for_actor()
    junk = tmp_path / "holiday-photos.xzbak"
    junk.write_bytes(b"\x89PNG not a database" * 500)
    errors = []
    monkeypatch.setattr(backup_ui, "_ask_open_path", lambda _p, _f: junk)
    monkeypatch.setattr(backup_ui, "show_error", lambda _p, exc: errors.append(messages.describe(exc)))
    window.backup.restore_action.trigger()
    wait_jobs(qtbot, window)
    assert errors and "does not open with this computer's key" in errors[0]
    assert not window.restart_requested and _count(ctx) == 120


def test_restore_is_for_the_administrator_and_refused_on_a_synced_computer(qtbot, monkeypatch, window):
    assert window.backup.backup_action.isEnabled() and not window.backup.restore_action.isEnabled()
    ctx = window.ctx
    ctx.act_as(administrator(ctx.store).staff_id)
    window.reset_for_actor()
    ctx.store.meta_set("sync_server_url", "https://union.example")
    told = []
    monkeypatch.setattr(backup_ui.QMessageBox, "information", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(backup_ui, "_ask_open_path", lambda *_a: (_ for _ in ()).throw(AssertionError("asked")))
    window.backup.restore_action.trigger()
    assert told and "union server" in told[0]


def test_account_and_backup_entries_read_as_words_in_the_audit_log(window, tmp_path, monkeypatch, qtbot):
    """Every audit action the sign-in, accounts and backup code writes has a label (no raw code)."""
    from xzdesk.ui.reports.messages import action

    _back_up(qtbot, monkeypatch, window, tmp_path / "a.xzbak")
    with window.ctx.store.read() as s:
        written = {r[0] for r in s.execute(text("SELECT DISTINCT action FROM audit_log")).all()}
    written |= {"staff.sign_in", "staff.sign_in_failed", "staff.locked", "staff.unlocked", "staff.password_set",
                "staff.role_granted", "staff.deactivated", "staff.reopened", "store.restore"}  # fmt: skip
    assert "store.backup" in written
    raw = sorted(code for code in written if code.startswith(("staff.", "store.")) and action(code) == code)
    assert raw == []
