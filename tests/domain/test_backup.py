"""Backup and restore of the local database: a consistent encrypted copy, checked before it is
restored; a foreign, damaged or newer file is refused and the current database left untouched;
a restore never brings back a member erased after the backup was made."""

from __future__ import annotations

import hashlib
import re
import secrets
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.accounts import add_account, administrator
from tests.conftest import TEST_KEY
from xzdesk.domain import backup
from xzdesk.domain.errors import Cancelled, PermissionDenied, XzError
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.progress import CancelToken
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.sync_state import erase_member
from xzdesk.domain.uow import unit_of_work


def _rows(store: Store, table: str) -> list[tuple]:
    with store.read() as s:
        return [tuple(r) for r in s.execute(text(f'SELECT * FROM "{table}" ORDER BY id')).all()]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(store, matchmaker):
    with unit_of_work(store, matchmaker) as uow:
        seed_members(uow, count=40, seed=5)
    return store


def test_backup_name_is_a_date_with_nothing_personal():
    name = backup.backup_name()
    assert re.fullmatch(r"xzdesk-backup-\d{8}-\d{4}\.xzbak", name)


def test_a_restored_backup_opens_with_identical_rows(filled, matchmaker, tmp_path):
    admin = administrator(filled)
    target = tmp_path / "out" / backup.backup_name()
    seen = []
    info = backup.make_backup(filled, target, actor=matchmaker, progress=lambda f, _c: seen.append(f))
    assert target.exists() and not Path(str(target) + ".partial").exists()
    assert info.counts["members"] == 40 and info.made_at is not None
    assert info.counts["accounts"] == len(_rows(filled, "staff")) >= 2
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    members_then = _rows(filled, "member")
    consents_then = _rows(filled, "consent")
    with unit_of_work(filled, matchmaker) as uow:  # work done after the backup
        seed_members(uow, count=7, seed=9)
    assert len(_rows(filled, "member")) == 47

    result = backup.restore_backup(filled, target, actor=admin)
    assert result.safety_copy.exists() and "before-restore" in result.safety_copy.name
    reopened = Store.open(filled.path, key=TEST_KEY)
    try:
        assert _rows(reopened, "member") == members_then
        assert _rows(reopened, "consent") == consents_then
        with reopened.read() as s:
            actions = [r[0] for r in s.execute(text("SELECT action FROM audit_log ORDER BY seq")).all()]
            assert actions[-1] == "store.restore" and "store.backup" not in actions[-1:]
            assert verify_chain(s).intact
            assert s.execute(text("SELECT value FROM local_meta WHERE key='backup_made_at'")).first() is None
    finally:
        reopened.close()
    safety = Store.open(result.safety_copy, key=TEST_KEY)  # the work after the backup is kept aside
    try:
        assert len(_rows(safety, "member")) == 47
    finally:
        safety.close()


def test_the_backup_is_encrypted_and_the_live_database_keeps_working(filled, matchmaker, tmp_path):
    target = tmp_path / backup.backup_name()
    backup.make_backup(filled, target, actor=matchmaker)
    raw = target.read_bytes()
    assert not raw.startswith(b"SQLite format 3") and "欧阳".encode() not in raw
    with unit_of_work(filled, matchmaker) as uow:
        seed_members(uow, count=2, seed=3)
    with filled.read() as s:
        assert "store.backup" in [r[0] for r in s.execute(text("SELECT action FROM audit_log")).all()]


@pytest.mark.parametrize("kind", ["foreign", "garbage", "truncated", "corrupt", "not_xzdesk", "newer"])
def test_a_foreign_damaged_or_newer_file_is_refused_and_nothing_changes(filled, matchmaker, tmp_path, kind):
    admin = administrator(filled)
    good = tmp_path / "good.xzbak"
    backup.make_backup(filled, good, actor=matchmaker)
    bad = tmp_path / f"{kind}.xzbak"
    expected = _make_bad(kind, good, bad, tmp_path)
    before = _rows(filled, "member")
    with pytest.raises(XzError) as err:
        backup.restore_backup(filled, bad, actor=admin)
    assert err.value.code == expected
    assert _rows(filled, "member") == before  # still open, still the same
    assert not list(filled.path.parent.glob("*restoring*"))


def _make_bad(kind: str, good: Path, bad: Path, tmp_path: Path) -> str:
    if kind == "foreign":  # another computer's database: another key
        other = Store.open(tmp_path / "other.db", key=secrets.token_bytes(32))
        other.close()
        bad.write_bytes((tmp_path / "other.db").read_bytes())
        return "store.backup_unreadable"
    if kind == "garbage":
        bad.write_bytes(secrets.token_bytes(64 * 1024))
        return "store.backup_unreadable"
    if kind == "truncated":
        data = good.read_bytes()
        bad.write_bytes(data[: len(data) // 3])
        return "store.backup_unreadable"
    if kind == "corrupt":  # a page in the middle overwritten (a failing USB stick)
        data = bytearray(good.read_bytes())
        middle = (len(data) // 4096 // 2) * 4096
        data[middle + 100 : middle + 400] = secrets.token_bytes(300)
        bad.write_bytes(bytes(data))
        return "store.backup_damaged"
    conn = backup._connect(bad, TEST_KEY)
    if kind == "not_xzdesk":
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
        conn.close()
        return "store.backup_not_xzdesk"
    conn.close()
    bad.write_bytes(good.read_bytes())
    conn = backup._connect(bad, TEST_KEY)
    conn.execute("UPDATE alembic_version SET version_num = 'f00000000001' WHERE rowid = 1")
    conn.commit()
    conn.close()
    return "store.backup_newer"


def test_a_member_erased_after_the_backup_stays_erased(filled, matchmaker, tmp_path):
    admin = administrator(filled)
    target = tmp_path / backup.backup_name()
    backup.make_backup(filled, target, actor=matchmaker)
    with filled.read() as s:
        victim = s.execute(text("SELECT id FROM member ORDER BY id LIMIT 1")).scalar()
    erase_member(filled, victim)
    result = backup.restore_backup(filled, target, actor=admin)
    assert result.erased_again == 1
    reopened = Store.open(filled.path, key=TEST_KEY)
    try:
        with reopened.read() as s:
            assert s.execute(text("SELECT count(*) FROM member WHERE id = :i"), {"i": victim}).scalar() == 0
            assert s.execute(text("SELECT count(*) FROM consent WHERE member_id = :i"), {"i": victim}).scalar() == 0
            assert s.execute(text("SELECT count(*) FROM member")).scalar() == 39
    finally:
        reopened.close()


def test_a_cancelled_backup_leaves_no_file(filled, matchmaker, tmp_path):
    target = tmp_path / backup.backup_name()
    cancel = CancelToken()

    def progress(fraction, _code):
        if fraction > 0:
            cancel.cancel()

    with pytest.raises(Cancelled):
        backup.make_backup(filled, target, actor=matchmaker, progress=progress, cancel=cancel)
    assert not target.exists() and not list(tmp_path.glob("*.partial*"))


def test_only_allowed_roles_back_up_and_restore(filled, matchmaker, tmp_path):
    door = add_account(filled, username="door", role="event_staff")
    target = tmp_path / backup.backup_name()
    with pytest.raises(PermissionDenied):
        backup.make_backup(filled, target, actor=door)
    backup.make_backup(filled, target, actor=matchmaker)
    with pytest.raises(PermissionDenied):
        backup.restore_backup(filled, target, actor=matchmaker)
    with pytest.raises(XzError) as err:
        backup.make_backup(filled, filled.path, actor=matchmaker)
    assert err.value.code == "store.backup_over_database"
