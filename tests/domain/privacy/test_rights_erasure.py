"""Erasure (PIPL Art. 47) done through the request workflow: every row of the member gone from every
table, nothing left in the database or WAL files, backups removed, the erasure queued for sync.

Two proofs, because the real file is encrypted:
- SQL over every table of the encrypted store: no row refers to the member outside the documented
  exceptions (audit log, erasure registry, the request itself: random id only), and no value
  contains the member's name, ID number, mobile or member number;
- a raw byte scan of the .db and -wal files of a plaintext twin (the same engine set-up and
  migrations on plain SQLite), which first shows that the scan does find the member before the
  erasure, then that no byte sequence of them is left after it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, inspect, select, text
from sqlalchemy.pool import QueuePool

from tests.accounts import add_account
from tests.domain.privacy._world import World, build_world
from xzdesk.domain.errors import Cancelled, PermissionDenied, XzError
from xzdesk.domain.introductions.models import Introduction
from xzdesk.domain.members.models import Member
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.privacy.models import AuditEntry, RightsRequest
from xzdesk.domain.privacy.rights import erase_member_data, receive_request
from xzdesk.domain.progress import CancelToken
from xzdesk.domain.store import engine as store_engine
from xzdesk.domain.store import migrate
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.files import backup_file, checkpoint
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.store.sync_state import SyncErasure, secure_delete_enabled
from xzdesk.domain.uow import unit_of_work

# Where the random member id may stay after an erasure (no personal data next to it).
ID_MAY_STAY = {"audit_log", "sync_erasure", "rights_request", "sync_outbox"}


def open_request(store: Store, world: World, *, kind: str = "erasure") -> str:
    with unit_of_work(store, world.officer) as uow:
        return receive_request(uow, member_no=world.secrets["member_no"], kind=kind, received_on=date(2026, 11, 20),
                               channel="letter").id  # fmt: skip


def sql_hits(store: Store, needles: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, needle) for every value of every table that contains a needle (JSON and
    bytes included: JSON is searched in its decoded form too)."""
    hits = []
    with store.engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            result = conn.execute(text(f'SELECT * FROM "{table}"'))
            columns = list(result.keys())
            for row in result:
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    forms = [value.hex() if isinstance(value, bytes) else str(value)]
                    if isinstance(value, str) and value[:1] in "[{":
                        try:
                            forms.append(json.dumps(json.loads(value), ensure_ascii=False))
                        except ValueError:
                            pass
                    for needle in needles:
                        if any(needle in form for form in forms):
                            hits.append((table, column, needle))
    return hits


def member_columns(store: Store, member_id: str) -> list[tuple[str, str]]:
    """(table, column) of every value equal to or containing the member's random id."""
    return sorted({(t, c) for t, c, _n in sql_hits(store, [member_id])})


def secrets_of(world: World, store: Store) -> list[str]:
    with store.read() as s:
        m = s.get(Member, world.member_id)
        return [m.name, m.id_number, m.mobile, m.member_no, m.id_hmac.hex(), m.mobile_hmac.hex()]


# --- the encrypted store: SQL proof -------------------------------------------------------------------
def test_erasure_leaves_no_row_and_no_value_of_the_member(store, matchmaker):
    world = build_world(store, matchmaker)
    needles = secrets_of(world, store)
    assert {t for t, _c, _n in sql_hits(store, needles)} >= {"member", "sync_outbox"}  # the scan does find them
    request_id = open_request(store, world)
    backup = backup_file(store.path, store.engine, label="before-erasure")
    assert backup.exists()
    with store.read() as s:
        partner_before = s.get(Member, world.partner_id).name

    result = erase_member_data(store, world.officer, request_id=request_id)

    assert result.rows_deleted > 15 and result.wal_bytes == 0 and result.backups_removed >= 1
    assert result.sync_pending and not backup.exists()
    assert not list((store.path.parent / "backups").glob("*"))
    assert sql_hits(store, needles) == []
    stays = member_columns(store, world.member_id)
    assert {t for t, _c in stays} <= ID_MAY_STAY, stays
    with store.read() as s:
        assert secure_delete_enabled(s)
        # the audit trail keeps ids and action names only, still chained
        actions = set(s.execute(select(AuditEntry.action).where(AuditEntry.member_id == world.member_id)).scalars())
        assert {"member.create", "member.reveal", "member.erase"} <= actions
        assert verify_chain(s).intact
        # only audit entries (ids, action and field names) wait in the outbox, the erasure's own
        # among them, and the erasure itself for the server
        pending = s.execute(select(OutboxRow.entity, OutboxRow.fields).where(OutboxRow.member_id == world.member_id)).all()
        assert {e for e, _f in pending} == {"audit_log"}
        assert "member.erase" in {f["action"] for _e, f in pending}
        erasure = s.get(SyncErasure, world.member_id)
        assert erasure.origin == "local" and erasure.reported_at is None
        req = s.get(RightsRequest, request_id)
        assert (req.status, req.member_no, req.rows_erased) == ("done", None, result.rows_deleted)
        # other people stay, the shared introduction is gone with the member
        assert s.get(Member, world.partner_id).name == partner_before
        assert s.get(Introduction, world.introduction_id) is None
        assert all(s.get(Member, m) is not None for m in world.other_ids)


def test_erasure_needs_the_privacy_officer_and_an_open_erasure_request(store, matchmaker):
    world = build_world(store, matchmaker)
    access = open_request(store, world, kind="access")
    with pytest.raises(XzError) as exc:
        erase_member_data(store, world.officer, request_id=access)
    assert exc.value.code == "rights.wrong_kind"
    request_id = open_request(store, world)
    for actor in (world.matchmaker, world.auditor, world.admin):
        with pytest.raises(PermissionDenied):
            erase_member_data(store, actor, request_id=request_id)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        erase_member_data(store, world.officer, request_id=request_id, cancel=token)
    with store.read() as s:  # nothing happened
        assert s.get(Member, world.member_id) is not None
        assert s.get(RightsRequest, request_id).status == "open"
        assert s.get(SyncErasure, world.member_id) is None
    erase_member_data(store, world.officer, request_id=request_id)
    with pytest.raises(XzError) as again:
        erase_member_data(store, world.officer, request_id=request_id)
    assert again.value.code == "rights.request_closed"


# --- the plaintext twin: raw bytes -------------------------------------------------------------------
def plain_store(path: Path) -> Store:
    """The store's engine set-up (WAL, secure_delete, same migrations) on unencrypted SQLite, so
    the bytes on disk can be read."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False}, poolclass=QueuePool,
                           pool_size=4, max_overflow=4)  # fmt: skip
    event.listen(engine, "connect", store_engine._connect_pragmas)
    event.listen(engine, "begin", store_engine.sqlite_begin)
    migrate.upgrade(engine, path=path)
    store_engine._ensure_identity(engine)
    return Store(path, engine, created=True)


def byte_needles(values: list[str]) -> list[bytes]:
    out = []
    for v in values:
        out.append(v.encode("utf-8"))
        escaped = json.dumps(v)[1:-1].encode("ascii")  # JSON columns store non-ASCII as \\uXXXX
        if escaped != out[-1]:
            out.append(escaped)
    return out


def file_hits(path: Path, needles: list[bytes]) -> list[bytes]:
    found = []
    for suffix in ("", "-wal"):
        f = Path(str(path) + suffix)
        if f.exists():
            data = f.read_bytes()
            found += [n for n in needles if n in data]
    return found


def test_no_byte_of_the_member_left_in_the_database_or_wal_file(tmp_path):

    path = tmp_path / "plain.db"
    store = plain_store(path)
    try:
        matchmaker = add_account(store, username="mm", display_name="王红娘", role="matchmaker")
        world = build_world(store, matchmaker)
        with store.read() as s:
            m = s.get(Member, world.member_id)
            values = [m.name, m.id_number, m.mobile, m.member_no, world.member_id]
            raw = [m.id_hmac, m.mobile_hmac]
        needles = byte_needles(values[:4]) + raw
        # before: the scan finds the member in the WAL, and in the file after a checkpoint
        assert file_hits(path, needles)
        checkpoint(store.engine)
        assert set(file_hits(path, needles)) >= {values[0].encode(), values[1].encode(), values[2].encode()}
        request_id = open_request(store, world)
        result = erase_member_data(store, world.officer, request_id=request_id)
        assert result.wal_bytes == 0
        assert Path(str(path) + "-wal").stat().st_size == 0
        assert file_hits(path, needles) == []
        # the random id stays only where documented
        assert {t for t, _c in member_columns(store, world.member_id)} <= ID_MAY_STAY
    finally:
        store.close()


def test_the_encrypted_file_never_shows_the_member_in_clear(store, matchmaker):
    """Why the SQL proof exists: the encrypted file holds no plaintext even before the erasure,
    so a byte scan of it proves nothing on its own."""
    world = build_world(store, matchmaker)
    checkpoint(store.engine)
    needles = byte_needles([world.secrets["name"], world.secrets["id_number"], world.secrets["mobile"]])
    assert file_hits(store.path, needles) == []
    erase_member_data(store, world.officer, request_id=open_request(store, world))
    assert file_hits(store.path, needles) == []


def test_the_store_tells_who_vanished_only_when_the_erasure_commits(store, matchmaker):
    world = build_world(store, matchmaker)
    told: list[frozenset[str]] = []
    unsubscribe = store.on_members_gone(told.append)
    request_id = open_request(store, world)
    assert told == []  # receiving the request deletes nothing

    def stop_after_the_purge(fraction, _code):
        if 0.5 < fraction < 0.7:  # reported inside the transaction, after the rows were deleted
            raise Cancelled()

    with pytest.raises(Cancelled):
        erase_member_data(store, world.officer, request_id=request_id, progress=stop_after_the_purge)
    assert told == []  # rolled back: nobody vanished
    with store.read() as s:
        assert s.get(Member, world.member_id) is not None
    erase_member_data(store, world.officer, request_id=request_id)
    assert told == [frozenset({world.member_id})]
    unsubscribe()
    with unit_of_work(store, matchmaker) as uow:  # later commits tell nothing to a gone listener
        uow.audit("note.add", member_id=world.partner_id)
    assert told == [frozenset({world.member_id})]
