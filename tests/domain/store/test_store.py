"""The encrypted store: encryption at rest, keys, migrations, backups, outbox, audit chain."""

from __future__ import annotations

import json
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from xzdesk.domain.errors import XzError
from xzdesk.domain.members import service
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.models import metadata
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.store import keys, migrate
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.files import checkpoint
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.uow import unit_of_work

FIXTURE_PEOPLE = [
    ("张三丰", "320302197001010012", "13812345678"),
    ("欧阳娜娜", "11010519491231002X", "13987654321"),
    ("李𠇔", "37072519881105149X", "15012345678"),
]


def _save_people(store, actor):
    with unit_of_work(store, actor) as uow:
        for name, idn, phone in FIXTURE_PEOPLE:
            service.register_member(uow, draft=MemberDraft(name=name, id_number=idn, mobile=phone, district_code="320302"))


def test_raw_file_and_wal_hold_no_personal_data(store, matchmaker):
    _save_people(store, matchmaker)
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the data is (also) in the WAL: check both
    blobs = [store.path.read_bytes(), wal.read_bytes()]
    checkpoint(store.engine)
    blobs.append(store.path.read_bytes())
    for name, idn, phone in FIXTURE_PEOPLE:
        for needle in (name.encode("utf-8"), idn.encode(), phone.encode(), phone[-4:].encode() + b"\x00"):
            for blob in blobs:
                assert needle not in blob
    # and the data is really there, readable with the key
    with store.read() as s:
        assert s.execute(text("select count(*) from member")).scalar() == 3


def test_wrong_key_is_refused(store, matchmaker):
    _save_people(store, matchmaker)
    store.close()
    with pytest.raises(XzError) as err:
        Store.open(store.path, key=b"\x01" * 32)
    assert err.value.code == "store.wrong_key"


def test_key_lives_in_the_keyring_not_on_disk(tmp_path):
    path = tmp_path / "k.db"
    s = Store.open(path)
    s.close()
    info = json.loads((tmp_path / "k.db.keyinfo.json").read_text())
    assert info["method"] == "keyring" and set(info) == {"key_id", "method"}
    import keyring

    stored = keyring.get_password(keys.SERVICE, info["key_id"])
    assert stored and len(bytes.fromhex(stored)) == 32
    assert stored not in (tmp_path / "k.db.keyinfo.json").read_text()
    Store.open(path).close()  # reopens with the key from the keyring


def test_passphrase_when_no_secure_keyring(tmp_path, monkeypatch):
    monkeypatch.setattr(keys, "keyring_is_secure", lambda: False)
    path = tmp_path / "p.db"
    asked = []

    def provider(new):
        asked.append(new)
        return "correct horse"

    Store.open(path, passphrase=provider).close()
    info = json.loads((tmp_path / "p.db.keyinfo.json").read_text())
    assert info["method"] == "scrypt" and "salt" in info and asked == [True]
    Store.open(path, passphrase=lambda new: "correct horse").close()
    with pytest.raises(XzError) as err:
        Store.open(path, passphrase=lambda new: "wrong")
    assert err.value.code == "store.wrong_key"
    with pytest.raises(XzError) as err:
        Store.open(path, passphrase=lambda new: None)
    assert err.value.code == "store.passphrase_cancelled"


def test_memory_keyring_is_never_chosen_automatically(monkeypatch):
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    assert not keys.MemoryKeyring.viable


def test_migrations_from_an_empty_file_match_the_models(tmp_path):
    s = Store.open(tmp_path / "m.db")
    with s.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
        version = conn.execute(text("select version_num from alembic_version")).scalars().all()
        journal = conn.exec_driver_sql("pragma journal_mode").scalar()
        secure = conn.exec_driver_sql("pragma secure_delete").scalar()
    assert diff == [], f"models and migrations differ: {diff}"
    assert set(version) == migrate.target_heads()
    assert journal == "wal" and secure == 1
    s.close()


def test_backup_before_migrating_an_existing_file(tmp_path):
    """A file at an older schema is copied to backups/ before the upgrade."""
    from alembic import command

    from xzdesk.domain.store.engine import make_engine

    key = b"\x07" * 32
    path = tmp_path / "old.db"
    engine = make_engine(path, key)
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_initial")
    engine.dispose()
    if migrate.target_heads() == {"0001_initial"}:
        pytest.skip("only one revision exists: nothing to migrate")
    s = Store.open(path, key=key)
    s.close()
    backups = list((tmp_path / "backups").glob("old-*-pre-migration.db"))
    assert len(backups) == 1
    old = make_engine(backups[0], key)  # the copy opens with the same key, at the old schema
    with old.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalars().all() == ["0001_initial"]
    old.dispose()


def test_outbox_rows_are_ordered_and_written_with_the_change(store, matchmaker):
    _save_people(store, matchmaker)
    with store.read() as s:
        rows = s.execute(select(OutboxRow).order_by(OutboxRow.seq)).scalars().all()
        assert [r.hlc for r in rows] == sorted(r.hlc for r in rows)
        assert len({r.idempotency_key for r in rows}) == len(rows)
        members = [r for r in rows if r.entity == "member"]
        assert len(members) == 3 and all(r.op == "insert" and r.base_version == 0 for r in members)
    # a failed action leaves neither the change nor its outbox row
    before = len(rows)
    with pytest.raises(XzError), unit_of_work(store, matchmaker) as uow:
        service.register_member(uow, draft=MemberDraft(name="重复", id_number=FIXTURE_PEOPLE[0][1],
                                                        mobile="13700000000", district_code="320302"))  # fmt: skip
    with store.read() as s:
        assert len(s.execute(select(OutboxRow)).all()) == before


def test_audit_chain_detects_tampering(store, matchmaker):
    _save_people(store, matchmaker)
    with store.read() as s:
        report = verify_chain(s)
    assert report.intact and report.entries >= 3
    with store.write_session() as s, s.begin():
        s.execute(text("drop trigger audit_append_only_u"))
        s.execute(text("update audit_log set action = 'member.view' where seq = 2"))
    with store.read() as s:
        assert verify_chain(s).first_broken_seq == 2


def test_audit_log_refuses_update_and_delete(store, matchmaker):
    _save_people(store, matchmaker)
    for stmt in ("update audit_log set reason = 'x'", "delete from audit_log"):
        with pytest.raises(Exception, match="append-only"), store.write_session() as s, s.begin():
            s.execute(text(stmt))
    with store.read() as s:
        assert s.execute(select(AuditEntry)).first() is not None


def test_files_are_private(store):
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    assert store.path.exists()


def test_reopening_a_current_database_does_not_even_import_alembic(store):
    """Alembic costs a noticeable part of start-up: a database at this version's heads opens
    without loading it (checked in a fresh interpreter, where nothing else has loaded it)."""
    import subprocess
    import sys

    from tests.conftest import TEST_KEY

    path = store.path
    store.close()
    script = ("import sys; from pathlib import Path; from xzdesk.domain.store.engine import Store; "
              f"s = Store.open(Path({str(path)!r}), key=bytes.fromhex({TEST_KEY.hex()!r})); s.close(); "
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_a_database_whose_key_is_not_in_the_keyring_opens_without_importing_keyring(tmp_path):
    """keyring loads the package-metadata machinery (a noticeable part of a start): the demo
    database's key and a passphrase's key open without it, in a fresh interpreter; the keyring's
    key still opens through it, and the test keyring is still found by its documented name."""
    import subprocess
    import sys

    demo, secret = tmp_path / "demo.db", tmp_path / "secret.db"
    keys.use_demo_key(demo)
    Store.open(demo, key=keys.DEMO_KEY).close()
    Store.open(secret).close()  # the tests' keyring (PYTHON_KEYRING_BACKEND=...keys.MemoryKeyring)
    assert json.loads(keys.key_info_path(secret).read_text("utf-8"))["method"] == "keyring"
    script = ("import sys; from pathlib import Path; from xzdesk.domain.store import keys; "
              f"key, _ = keys.database_key(Path({str(demo)!r})); "
              "print(key == keys.DEMO_KEY, 'keyring' in sys.modules); "
              f"keys.database_key(Path({str(secret)!r}))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.split() == ["True", "False"]
    # the keyring-keyed database imported keyring and asked it: a fresh process's memory keyring
    # is empty, so its key is missing (the message a user whose keyring lost the key gets)
    assert "store.key_missing" in done.stderr, done.stderr[-500:]


def test_reopening_a_current_database_skips_alembic(store):
    """The shipped migrations' fingerprint is recorded; a database at this version opens
    without the migration machinery, and a changed set of scripts is checked again."""
    assert store.meta()[migrate.FINGERPRINT_KEY] == migrate.fingerprint()
    assert migrate.upgrade(store.engine, path=store.path) is False
    store.meta_set(migrate.FINGERPRINT_KEY, "from an older version")
    assert migrate.upgrade(store.engine, path=store.path) is False  # heads equal: nothing to apply
    assert store.meta()[migrate.FINGERPRINT_KEY] == migrate.fingerprint()
