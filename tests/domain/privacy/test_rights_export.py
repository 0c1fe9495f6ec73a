"""One member's data (PIPL Art. 45): xlsx for people and JSON for machines with the same content;
the JSON re-imports into an empty database with every value identical."""

from __future__ import annotations

import json
import re
import secrets
import shutil
from datetime import date

import openpyxl
import pytest
from sqlalchemy import delete, select

from tests.conftest import TEST_KEY
from tests.domain.privacy._world import add_staff, build_world
from xzdesk.domain.errors import PermissionDenied, ValidationError, XzError
from xzdesk.domain.events.models import EventRegistration
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.queries import MemberFilter, list_member_ids
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.privacy.portability import (
    SCHEMA,
    export_member_data,
    import_member_document,
    read_member_document,
)
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.store.base import SYNC_REGISTRY
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.models import LocalMeta, OutboxRow
from xzdesk.domain.store.sync_state import member_row_ids
from xzdesk.domain.uow import unit_of_work


@pytest.fixture
def world(store, matchmaker):
    return build_world(store, matchmaker)


def export(store, world, tmp_path, **kw):
    with unit_of_work(store, world.officer) as uow:
        return export_member_data(uow, member_id=world.member_id, directory=tmp_path / "out", reason="本人申请副本", **kw)


def fresh_store(store_template, folder, *, blind_key: str | None) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fresh.db"
    shutil.copy2(store_template, path)
    s = Store.open(path, key=TEST_KEY)
    with s.write_session() as session, session.begin():
        session.execute(delete(LocalMeta).where(LocalMeta.key == "device_id"))
    s.close()
    s = Store.open(path, key=TEST_KEY)
    if blind_key:
        s.set_blind_index_key(blind_key)
    return s


def all_rows(store: Store, member_id: str) -> dict[str, dict[str, dict]]:
    """Every column of every row of the member, per table (audit log apart)."""
    out: dict[str, dict[str, dict]] = {}
    with store.read() as s:
        for name, ids in member_row_ids(s, member_id).items():
            if name == "audit_log":
                continue
            table = SYNC_REGISTRY[name].__table__
            out[name] = {r["id"]: dict(r) for r in s.execute(select(table).where(table.c.id.in_(ids))).mappings()}
    return out


def test_export_writes_xlsx_and_json_with_the_same_content(store, world, tmp_path):
    info = export(store, world, tmp_path)
    doc = read_member_document(info.json_path)
    assert doc["schema"] == SCHEMA and doc["version"] == 1 and doc["member_no"] == world.secrets["member_no"]
    tables = doc["tables"]
    assert {"member", "consent", "verification", "note", "follow_up", "introduction", "pair_block",
            EventRegistration.__tablename__, "event_seat", "checkin_roster", "checkin_scan", "interest_card"} <= set(tables)  # fmt: skip
    assert {t.table: t.rows for t in info.tables} == {k: len(v) for k, v in tables.items()}
    member = tables["member"][0]
    assert (member["name"], member["id_number"], member["mobile"]) == (
        world.secrets["name"], world.secrets["id_number"], world.secrets["mobile"])  # fmt: skip
    assert "id_hmac" not in member and "mobile_hmac" not in member
    # the access trail: who did what, with names and field names, never the reasons typed
    trail = doc["access_log"]
    reveal = next(a for a in trail if a["action"] == "member.reveal")
    assert reveal["staff_name"] == "王红娘" and reveal["fields"] == ["mobile"] and "reason" not in reveal
    assert trail[-1]["action"] == "rights.export" and trail[-1]["staff_name"] == "周隐私"
    assert info.access_entries == len(trail)
    assert doc["events"][world.event_id]["name"] and "token_key" not in doc["events"][world.event_id]
    # the workbook: every sheet, the member's own values in full, the trail with staff names
    wb = openpyxl.load_workbook(info.xlsx_path)
    assert wb.sheetnames[:8] == ["个人资料", "同意记录", "核验记录", "备注", "回访", "介绍记录", "活动记录", "访问记录"]
    text = "\n".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    for value in (world.secrets["name"], world.secrets["id_number"], world.secrets["mobile"], "喜欢安静，周末常去图书馆",
                  "查看完整信息", "王红娘", "恋爱中", "五月花青年联谊会", "已参加"):  # fmt: skip
        assert value in text, value
    cells = {r[0].value: r[1] for r in wb["个人资料"].iter_rows(min_row=4) if r[0].value}
    assert cells["身份证号"].value == world.secrets["id_number"] and cells["性别"].value == "男"
    assert cells["手机号"].number_format == "@" and isinstance(cells["手机号"].value, str)  # identifiers as text
    # no other person's name or identifiers anywhere
    with store.read() as s:
        partner = s.get(Member, world.partner_id)
        for other in (partner.name, partner.id_number, partner.mobile):
            assert other not in text and other not in info.json_path.read_text("utf-8")


def test_export_needs_the_privacy_officer_and_a_reason_and_is_audited(store, world, tmp_path):
    with pytest.raises(PermissionDenied), unit_of_work(store, world.matchmaker) as uow:
        export_member_data(uow, member_id=world.member_id, directory=tmp_path, reason="想看看")
    with pytest.raises(ValidationError) as exc, unit_of_work(store, world.officer) as uow:
        export_member_data(uow, member_id=world.member_id, directory=tmp_path / "x", reason=" ")
    assert exc.value.problems[0].code == "rights.reason_required"
    assert not (tmp_path / "x").exists()
    info = export(store, world, tmp_path, formats=("json",))
    assert info.xlsx_path is None and info.json_path.exists()
    with store.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "rights.export")).scalar_one()
        assert entry.actor_id == world.officer.staff_id and entry.member_id == world.member_id
        assert entry.reason == "本人申请副本" and "member" in entry.fields and any(f.startswith("rows:") for f in entry.fields)


def test_the_json_reimports_into_an_empty_database_with_identical_values(store, world, tmp_path, store_template):
    before = all_rows(store, world.member_id)
    info = export(store, world, tmp_path)
    target = fresh_store(store_template, tmp_path / "target", blind_key=store.meta()["blind_index_key"])
    try:
        officer = add_staff(target, username="po", name="周隐私", role=Role.PRIVACY_OFFICER)
        with unit_of_work(target, officer) as uow:
            result = import_member_document(uow, document=read_member_document(info.json_path))
        assert result.member_no == world.secrets["member_no"]
        after = all_rows(target, world.member_id)
        assert set(after) == set(before)
        for name, rows in before.items():
            assert set(after[name]) == set(rows), name
            for row_id, row in rows.items():
                assert after[name][row_id] == row, (name, row_id)  # every column, blind indexes included
        with target.read() as s:
            # plain restore: no row of the member queued for sync; one audit entry for the import
            queued = set(s.execute(select(OutboxRow.entity)).scalars())
            assert queued == {"staff", "audit_log"}  # the officer's account and the import's entry
            actions = s.execute(select(AuditEntry.action)).scalars().all()
            assert actions == ["rights.import"] and verify_chain(s).intact
            found = list_member_ids(s, MemberFilter(text=world.secrets["id_number"]), blind_index=target.blind_index,
                                    today=date(2026, 11, 25))  # fmt: skip
            assert found == [world.member_id]  # search by ID number works through the recomputed index
        with pytest.raises(XzError) as exc, unit_of_work(target, officer) as uow:
            import_member_document(uow, document=read_member_document(info.json_path))
        assert exc.value.code == "rights.import_not_empty"
    finally:
        target.close()


def test_another_organisation_gets_its_own_blind_indexes(store, world, tmp_path, store_template):
    info = export(store, world, tmp_path, formats=("json",))
    target = fresh_store(store_template, tmp_path / "other", blind_key=secrets.token_hex(32))
    try:
        officer = add_staff(target, username="po", name="周隐私", role=Role.PRIVACY_OFFICER)
        with unit_of_work(target, officer) as uow:
            import_member_document(uow, document=read_member_document(info.json_path))
        with store.read() as a, target.read() as b:
            ma, mb = a.get(Member, world.member_id), b.get(Member, world.member_id)
            assert ma.id_hmac != mb.id_hmac and mb.id_hmac == target.blind_index("id", mb.id_number)
    finally:
        target.close()


def test_import_refuses_what_it_does_not_understand(store, world, tmp_path, store_template):
    info = export(store, world, tmp_path, formats=("json",))
    doc = read_member_document(info.json_path)
    target = fresh_store(store_template, tmp_path / "bad", blind_key=None)
    try:
        officer = add_staff(target, username="po", name="周隐私", role=Role.PRIVACY_OFFICER)
        auditor = add_staff(target, username="au", name="吴审计", role=Role.AUDITOR)
        with pytest.raises(PermissionDenied), unit_of_work(target, auditor) as uow:
            import_member_document(uow, document=doc)
        cases = [
            ({**doc, "schema": "other"}, "rights.import_format"),
            ({**doc, "version": 99}, "rights.import_version"),
            ({**doc, "tables": {**doc["tables"], "audit_log": []}}, "rights.import_format"),
            ({**doc, "tables": {**doc["tables"], "note": [{**doc["tables"]["note"][0], "extra": 1}]}}, "rights.import_format"),
        ]
        for bad, code in cases:
            with pytest.raises(XzError) as exc, unit_of_work(target, officer) as uow:
                import_member_document(uow, document=json.loads(json.dumps(bad)))
            assert exc.value.code == code
        with target.read() as s:
            assert s.execute(select(Member.id)).first() is None  # nothing half-written
        broken = tmp_path / "broken.json"
        broken.write_text("{not json", "utf-8")
        with pytest.raises(XzError):
            read_member_document(broken)
    finally:
        target.close()


# Codes, column names and technical tokens a member must never read in their workbook: any
# latin word (with _ . : or digits glued to letters) that is not one of the member's own values.
_TECHNICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}|[A-Za-z][A-Za-z0-9]*(?:[_.:][A-Za-z0-9]+)+|[A-Za-z]{3,}")


def test_the_workbook_a_member_receives_is_in_words(store, world, tmp_path):
    info = export(store, world, tmp_path)
    doc = json.loads(info.json_path.read_text(encoding="utf-8"))
    own = {str(v) for v in doc["tables"]["member"][0].values() if isinstance(v, str)}
    plates = {str(r.get("plate")) for rows in doc["tables"].values() for r in rows if r.get("plate")}
    allowed = {t for value in own | plates for t in _TECHNICAL.findall(value)} | {"JSON"}
    wb = openpyxl.load_workbook(info.xlsx_path)
    found = {}
    for ws in wb:
        for title in (ws.title,):
            for token in _TECHNICAL.findall(title):
                found.setdefault(token, f"sheet title {title}")
        for row in ws.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    for token in _TECHNICAL.findall(value):
                        if token not in allowed:
                            found.setdefault(token, f"{ws.title}: {value}")
    assert found == {}, found
    # the access log says what was done and to which information, in words
    log = [r for r in wb["访问记录"].iter_rows(min_row=4, values_only=True) if r and r[0] and r[1]]
    actions = {r[1] for r in log}
    assert {"建档", "查看完整信息", "记录同意", "导出个人信息副本"} <= actions, actions
    assert "其他信息" not in {r[3] for r in log} and "其他操作" not in actions
    assert "介绍进展：恋爱中" in actions
    reveal = next(r for r in log if r[1] == "查看完整信息")
    assert reveal[3] == "手机号"
    export_row = next(r for r in log if r[1] == "导出个人信息副本")
    assert "同意记录" in export_row[3] and "个人资料" in export_row[3] and "条记录" in export_row[3]
    # every sheet title is Chinese
    assert all(not _TECHNICAL.search(ws.title) for ws in wb)
    # the JSON for machines keeps its keys
    assert "member" in doc["tables"] and doc["access_log"][0]["action"].count(".") >= 1
