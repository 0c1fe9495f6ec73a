"""The laptop engine against the real server over HTTP: enrolment, round trips, conflicts and
their resolution, dropped responses, pending edits, revocation, scope change, erasure."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.sync.harness import LaptopFactory, add_user
from tests.sync.helpers import find_text, member_value, outbox_count, pull_only, register
from xzdesk.domain.errors import XzError
from xzdesk.domain.members.models import Member, Note
from xzdesk.domain.members.service import add_note, update_member
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.staff.service import create_staff
from xzdesk.domain.store import keys as keymod
from xzdesk.domain.store.files import backup_file
from xzdesk.domain.store.models import LocalMeta
from xzdesk.domain.store.sync_state import erase_member
from xzdesk.domain.uow import ActorInfo, unit_of_work
from xzdesk.server import admin
from xzdesk.server.models import AppliedMutation, ErasureAck, Record
from xzdesk.server.runner import ServerThread
from xzdesk.sync.client import ServerClient, SyncError
from xzdesk.sync.conflicts import resolve_conflict
from xzdesk.sync.engine import M_FAILURES, M_LAST_OK, M_TOKEN, M_TOKEN_IN


def _server_count(server: ServerThread, *where: object) -> int:
    with server.app.state.db.read() as s:
        return s.execute(select(func.count()).select_from(Record).where(*where)).scalar_one()


def test_enrolment_rules_and_token_storage(server: ServerThread, laptops: LaptopFactory,
                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    add_user(server, "gulou")
    fresh = laptops.make(server.url, "gulou", enrol=False)
    # a first local account made before enrolment is replaced by the server's account
    with unit_of_work(fresh.store, None) as uow:
        create_staff(uow, username="gulou", display_name="本地", role=Role.ADMIN, district_code="320302")
    info = fresh.engine.enrol(server.url, "gulou", "password-123")
    with fresh.store.read() as s:
        assert [(st.id, st.display_name) for st in s.query(Staff)] == [(info.staff_id, "gulou")]
    assert fresh.store.device_id == info.device_id
    meta = fresh.store.meta()
    assert meta[M_TOKEN_IN] == "keyring" and M_TOKEN not in meta  # a secure keyring holds the token
    with pytest.raises(XzError) as err:
        fresh.engine.enrol(server.url, "gulou", "password-123")
    assert err.value.code == "sync.already_enrolled"
    assert fresh.engine.sync_once().error is None
    # no secure keyring: the token goes into the encrypted database instead
    monkeypatch.setattr(keymod, "keyring_is_secure", lambda: False)
    other = laptops.make(server.url, "gulou")
    assert other.store.meta()[M_TOKEN_IN] == "db" and other.store.meta()[M_TOKEN].startswith("xzd1_")
    assert other.engine.sync_once().error is None
    # a demo database and a database that already holds members refuse to enrol
    demo = laptops.make(server.url, "gulou", enrol=False)
    demo.store.meta_set("demo_data", "1")
    with pytest.raises(XzError) as err:
        demo.engine.enrol(server.url, "gulou", "password-123")
    assert err.value.code == "sync.demo_database"
    full = laptops.make(server.url, "gulou", enrol=False)
    full.actor = ActorInfo(info.staff_id, Role.MATCHMAKER, "320302")
    register(full)
    with pytest.raises(XzError) as err:
        full.engine.enrol(server.url, "gulou", "password-123")
    assert err.value.code == "sync.not_empty"
    for laptop in (fresh, other, demo, full):
        laptop.close()


def test_round_trip_conflict_and_resolution(server: ServerThread, laptops: LaptopFactory) -> None:
    add_user(server, "one")
    add_user(server, "two")
    a, b = laptops.make(server.url, "one"), laptops.make(server.url, "two")
    member = register(a)
    assert a.engine.sync_once().error is None
    assert b.engine.sync_once().error is None
    assert member_value(b, member, "name") == "王小明"
    with a.uow() as uow:
        update_member(uow, member_id=member, changes={"employer": "徐工集团", "occupation": "工程师"})
    with b.uow() as uow:
        update_member(uow, member_id=member, changes={"employer": "中国矿业大学", "height_cm": 175})
    for laptop in (a, b, a):
        assert laptop.engine.sync_once().error is None
    # different fields merged silently, the same field is a visible conflict on both laptops
    for laptop in (a, b):
        assert member_value(laptop, member, "employer") == "徐工集团"
        assert member_value(laptop, member, "occupation") == "工程师"
        assert member_value(laptop, member, "height_cm") == 175
        (conflict,) = laptop.engine.conflicts()
        assert (conflict.field, conflict.theirs, conflict.mine) == ("employer", "徐工集团", "中国矿业大学")
        assert laptop.engine.status().conflicts == 1
    # b resolves with its own value: an ordinary edit, pushed like any other
    with b.uow() as uow:
        resolve_conflict(uow, conflict_id=conflict.id, choice="mine")
    assert b.engine.status().conflicts == 0 and b.engine.status().pending == 2  # edit + audit entry
    for laptop in (b, a):
        assert laptop.engine.sync_once().error is None
    for laptop in (a, b):
        assert member_value(laptop, member, "employer") == "中国矿业大学"
        assert laptop.engine.conflicts() == []
    # "keep theirs" changes nothing but closes the conflict everywhere
    with a.uow() as uow:
        update_member(uow, member_id=member, changes={"occupation": "教师"})
    with b.uow() as uow:
        update_member(uow, member_id=member, changes={"occupation": "医生"})
    for laptop in (a, b, a):
        laptop.engine.sync_once()
    (conflict,) = a.engine.conflicts()
    with a.uow() as uow:
        resolve_conflict(uow, conflict_id=conflict.id, choice="theirs")
    for laptop in (a, b):
        laptop.engine.sync_once()
        assert laptop.engine.conflicts() == [] and member_value(laptop, member, "occupation") == "教师"
    a.close()
    b.close()


def test_dropped_and_duplicated_requests_write_once(server: ServerThread, laptops: LaptopFactory) -> None:
    add_user(server, "one")
    a = laptops.make(server.url, "one", batch_size=2)
    member = register(a)
    with a.uow() as uow:
        add_note(uow, member_id=member, body="第一次")
    pending = outbox_count(a)
    a.transport.drop_next(1)  # the first push is applied, its answer is lost
    report = a.engine.sync_once()
    assert report.error == "sync.offline" and a.engine.status().failures == 1
    assert outbox_count(a) == pending  # nothing deleted without an acknowledgement
    a.transport.duplicate_next(2)  # the retry is even sent twice
    assert a.engine.sync_once().error is None
    assert outbox_count(a) == 0
    assert _server_count(server, Record.entity == "member") == 1
    assert _server_count(server, Record.entity == "note") == 1
    with server.app.state.db.read() as s:
        assert s.execute(select(func.count()).select_from(AppliedMutation)).scalar_one() == pending
    a.close()


def test_pull_never_overwrites_unacknowledged_edits(server: ServerThread, laptops: LaptopFactory) -> None:
    add_user(server, "one")
    add_user(server, "two")
    a, b = laptops.make(server.url, "one"), laptops.make(server.url, "two")
    member = register(a)
    a.engine.sync_once()
    b.engine.sync_once()
    with b.uow() as uow:  # b's edit is not pushed yet
        update_member(uow, member_id=member, changes={"employer": "乙的单位", "occupation": "护士"})
    with a.uow() as uow:
        update_member(uow, member_id=member, changes={"employer": "甲的单位", "union_no": "123456"})
    a.engine.sync_once()
    report = pull_only(b)
    assert report.pulled >= 1
    assert member_value(b, member, "employer") == "乙的单位"  # kept
    assert member_value(b, member, "union_no") == "123456"  # other fields arrive
    assert b.engine.sync_once().error is None
    assert member_value(b, member, "employer") == "甲的单位"  # the server's value after the merge
    assert member_value(b, member, "occupation") == "护士"
    assert [c.mine for c in b.engine.conflicts()] == ["乙的单位"]
    a.close()
    b.close()


def test_revoked_device_wipes_personal_data(server: ServerThread, laptops: LaptopFactory) -> None:
    add_user(server, "one")
    a = laptops.make(server.url, "one")
    member = register(a)
    a.engine.sync_once()
    with a.uow() as uow:
        add_note(uow, member_id=member, body="未同步的备注")
    with server.app.state.db.write() as s:
        admin.revoke_device(s, device_id=a.store.device_id, now=datetime.now(UTC))
    report = a.engine.sync_once()
    assert report.error == "device.revoked" and report.wiped
    status = a.engine.status()
    assert status.revoked and not status.enrolled and status.pending == 0
    with a.store.read() as s:
        assert s.execute(select(func.count()).select_from(Member)).scalar_one() == 0
        assert s.execute(select(func.count()).select_from(Note)).scalar_one() == 0
    assert find_text(a, "王小明", "未同步的备注") == []
    assert M_TOKEN_IN not in a.store.meta()
    assert a.engine.sync_once().error == "device.revoked"
    a.close()


def test_scope_change_pushes_outbox_then_wipes_and_bootstraps(server: ServerThread, laptops: LaptopFactory) -> None:
    add_user(server, "one")
    add_user(server, "yunlong", district="320303")
    a, other = laptops.make(server.url, "one"), laptops.make(server.url, "yunlong")
    member = register(a)
    theirs = register(other, name="李四", seq=7)
    a.engine.sync_once()
    other.engine.sync_once()
    # widened scope: the pending edit is pushed first, then the laptop wipes and bootstraps
    with a.uow() as uow:
        update_member(uow, member_id=member, changes={"employer": "改动未推送"})
    with server.app.state.db.write() as s:
        admin.set_device_scope(s, device_id=a.store.device_id, districts=["320302", "320303"])
    report = a.engine.sync_once()
    assert report.error is None and report.wiped and report.bootstrapped
    with server.app.state.db.read() as s:
        assert json.loads(s.get(Record, ("member", member)).fields)["employer"] == "改动未推送"
    with a.store.read() as s:
        assert sorted(m.id for m in s.query(Member)) == sorted([member, theirs])
    assert member_value(a, member, "employer") == "改动未推送"
    # narrowed scope: an edit outside the new scope is refused (kept in the inbox), rows leave
    with a.uow() as uow:
        update_member(uow, member_id=member, changes={"employer": "已无权限"})
    with server.app.state.db.write() as s:
        admin.set_device_scope(s, device_id=a.store.device_id, districts=["320303"])
    report = a.engine.sync_once()
    assert report.error is None and report.wiped and report.rejected == 1  # (its audit entry still syncs)
    assert [(r.entity, r.code) for r in a.engine.rejected()] == [("member", "sync.out_of_scope")]
    with a.store.read() as s:
        assert [m.id for m in s.query(Member)] == [theirs]
    a.close()
    other.close()


def test_erasure_started_here_reaches_every_laptop(server: ServerThread, laptops: LaptopFactory, tmp_path: Path) -> None:
    add_user(server, "one")
    add_user(server, "two")
    a, b = laptops.make(server.url, "one"), laptops.make(server.url, "two")
    member = register(a, name="欧阳修远", seq=41)
    keep = register(a, name="李四", seq=42)
    id_number = member_value(a, member, "id_number")
    mobile = member_value(a, member, "mobile")
    a.engine.sync_once()
    b.engine.sync_once()
    with a.uow() as uow:
        update_member(uow, member_id=member, changes={"employer": "甲"})
    with b.uow() as uow:
        update_member(uow, member_id=member, changes={"employer": "欧阳修远的单位"})
        add_note(uow, member_id=member, body="欧阳修远 来电")
    a.engine.sync_once()
    backup_file(b.path, b.store.engine, label="before-erasure")
    assert (b.path.parent / "backups").exists()
    # b has a conflict copy, a pending note and a backup holding the member; a erases it
    info = erase_member(a.store, member)
    assert info.wal_bytes == 0
    assert find_text(a, "欧阳修远", id_number, mobile) == []
    assert a.engine.status().erasures_unreported == 1
    assert a.engine.sync_once().error is None
    assert a.engine.status().erasures_unreported == 0
    real_ack = ServerClient.ack_erasures

    def dropped(self: ServerClient, ids: list[str]) -> None:
        raise SyncError("sync.offline")

    ServerClient.ack_erasures = dropped  # type: ignore[method-assign]  # the acknowledgement is lost
    try:
        report = b.engine.sync_once()
    finally:
        ServerClient.ack_erasures = real_ack  # type: ignore[method-assign]
    assert report.error == "sync.offline" and report.purged == [member]
    assert report.wal_bytes_after_purge == 0
    assert b.engine.status().erasures_unreported == 1
    report = b.engine.sync_once()  # nothing pulled this time: the purge is still acknowledged
    assert (report.error, report.purged, b.engine.status().erasures_unreported) == (None, [], 0)
    assert find_text(b, "欧阳修远", id_number, mobile) == []
    assert not list((b.path.parent / "backups").glob(f"{b.path.stem}-*"))
    assert member_value(b, keep, "name") == "李四"
    assert b.engine.conflicts() == [] and b.engine.status().pending == 0
    with server.app.state.db.read() as s:
        acks = set(s.execute(select(ErasureAck.device_id).where(ErasureAck.member_id == member)).scalars())
        assert acks == {b.store.device_id}
    # b's note about the member was dropped with its outbox row, never pushed
    assert _server_count(server, Record.entity == "note") == 0
    a.close()
    b.close()


def test_rejected_mutations_land_in_the_inbox(server: ServerThread, laptops: LaptopFactory) -> None:
    add_user(server, "one")
    a = laptops.make(server.url, "one")
    register(a)
    with a.uow() as uow:  # staff accounts come from the server: a local edit is refused
        staff = uow.session.get(Staff, a.actor.staff_id)
        staff.display_name = "改名"
    report = a.engine.sync_once()
    assert report.error is None and report.rejected == 1
    (row,) = a.engine.rejected()
    assert (row.entity, row.code, row.field_names) == ("staff", "sync.read_only", ("display_name",))
    assert a.engine.status().rejected == 1 and a.engine.status().pending == 0
    a.engine.dismiss_rejected(row.id)
    assert a.engine.status().rejected == 0 and len(a.engine.rejected(include_dismissed=True)) == 1
    a.close()


def test_offline_lock_backoff_and_skipped_runs(server: ServerThread, laptops: LaptopFactory) -> None:
    add_user(server, "one")
    a = laptops.make(server.url, "one")
    assert a.engine.sync_once().error is None
    ok = a.engine.status()
    assert not ok.locked and a.engine.next_delay_s() == a.engine.interval_s
    assert ok.last_attempt_at is not None and ok.last_attempt_at <= ok.last_success_at  # the run began before it ended
    server.stop()
    delays = []
    for _ in range(3):
        assert a.engine.sync_once().error == "sync.offline"
        delays.append(a.engine.next_delay_s())
    failed = a.engine.status()
    assert failed.failures == 3 and failed.last_error == "sync.offline"
    assert failed.last_attempt_at > ok.last_success_at and failed.last_success_at == ok.last_success_at
    assert delays[0] < delays[1] < delays[2] <= 600 * 1.2
    with a.store._write.begin() as s:
        s.merge(LocalMeta(key=M_LAST_OK, value=(datetime.now(UTC) - timedelta(days=31)).isoformat()))
    assert a.engine.status().locked
    with a.engine._lock:  # a run in progress: a second one returns at once
        assert a.engine.sync_once().skipped
    a.close()


def test_rows_of_an_entity_unknown_here_arrive_after_an_upgrade(server: ServerThread, laptops: LaptopFactory,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from tests.server.api import Api, row
    from xzdesk.domain.store.base import SYNC_REGISTRY
    from xzdesk.sync import registry

    add_user(server, "city", role="union_admin", district=None)  # the union's matching policy
    add_user(server, "one")
    b = laptops.make(server.url, "one")
    city = Api(server.url, "city")
    setting = row("match_setting", key="weights", value={"age": 1}, set_at=datetime.now(UTC).isoformat())
    assert city.push_ok(city.mutation("match_setting", "insert", setting["id"], fields=setting))[0]["status"] == "applied"
    with monkeypatch.context() as m:  # an older laptop version without that entity
        m.delitem(SYNC_REGISTRY, "match_setting")
        m.setattr(registry, "_CACHE", {})
        report = b.engine.sync_once()
        assert report.error is None and report.pulled >= 1
    monkeypatch.setattr(registry, "_CACHE", {})
    report = b.engine.sync_once()  # upgraded: it pulls everything again
    assert report.bootstrapped
    with b.store.read() as s:
        from xzdesk.domain.introductions.models import MatchSetting

        assert [x.id for x in s.query(MatchSetting)] == [setting["id"]]
    city.close()
    b.close()


def test_a_sync_reads_the_outbox_and_settings_no_more_than_it_needs(server: ServerThread,
                                                                     laptops: LaptopFactory) -> None:  # fmt: skip
    """A run whose first batch holds the whole outbox (acknowledged in full) reads it once, and
    success is recorded without reading each setting first; a run over several batches and an
    empty one still send everything."""
    from sqlalchemy import event

    add_user(server, "gulou")
    a = laptops.make(server.url, "gulou", batch_size=200)
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()))

    event.listen(a.store.engine, "before_cursor_execute", seen)
    for seq in range(1, 4):
        register(a, name="王小明", seq=seq)
    pending = outbox_count(a)
    assert pending > 3
    statements.clear()
    report = a.engine.sync_once()
    during = list(statements)
    assert report.error is None and report.pushed == report.acked == pending and outbox_count(a) == 0
    batch_reads = [s for s in during if s.startswith("SELECT sync_outbox.seq, sync_outbox.idempotency_key")]
    assert len(batch_reads) == 1, batch_reads  # the one batch, not a second look at an empty outbox
    assert not [s for s in during if s.startswith("SELECT") and "FROM local_meta WHERE" in s]
    assert a.store.meta()[M_LAST_OK] and a.store.meta()[M_FAILURES] == "0"
    # several batches: every row still goes, and nothing is left behind
    small = laptops.make(server.url, "gulou", batch_size=2)
    for seq in range(4, 7):
        register(small, name="李小红", seq=seq)
    pending = outbox_count(small)
    report = small.engine.sync_once()
    assert report.error is None and report.acked == pending and outbox_count(small) == 0
    assert _server_count(server, Record.entity == "member") == 6
    assert small.engine.sync_once().error is None
    # an outbox of exactly one batch: read once too (its last row was the run's last seq)
    exact = laptops.make(server.url, "gulou", batch_size=4)
    register(exact, name="赵小兰", seq=7)
    assert outbox_count(exact) == 4  # what one registration writes
    event.listen(exact.store.engine, "before_cursor_execute", seen)
    statements.clear()
    report = exact.engine.sync_once()
    assert report.error is None and report.acked == 4 and outbox_count(exact) == 0
    assert len([s for s in statements if s.startswith("SELECT sync_outbox.seq, sync_outbox.idempotency_key")]) == 1
    # a pulled edit of a row held here: the rows are read once (which exist, and what they hold)
    with small.store.read() as s:
        mine = s.execute(select(Member.id).order_by(Member.id).limit(1)).scalar_one()
    with small.uow() as uow:
        update_member(uow, member_id=mine, changes={"union_no": "U-000123"})
    assert small.engine.sync_once().error is None
    statements.clear()
    assert a.engine.sync_once().pulled >= 1
    member_reads = [s for s in statements if s.startswith("SELECT") and "FROM member WHERE member.id IN" in s]
    assert len(member_reads) == 1, member_reads
    assert member_value(a, mine, "union_no") == "U-000123"
    a.close()
    small.close()
