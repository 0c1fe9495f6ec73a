"""The import's fast commit (issue 15) writes exactly what the old commit wrote: the same members,
consents, audit entries with their hash chain and outbox rows with their payloads, for a roster
with new rows, repeats, bad rows, an update, a conflict and extra consents. Both paths run on the
same store, with the same ids, clock and hybrid clock, each in a unit of work rolled back after its
rows are read, so any difference is a difference of the commit itself."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from tests.domain.spreadsheets.helpers import make_id, person, roster_rows, write_xlsx
from tests.domain.spreadsheets.reference_commit import name_keys as reference_name_keys
from tests.domain.spreadsheets.reference_commit import reference_path
from xzdesk.domain.members import bulk, names, service
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.names import name_keys
from xzdesk.domain.members.service import register_member
from xzdesk.domain.privacy import audit
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.spreadsheets import Decision, ImportOptions, RowStatus, analyse_import, commit_import
from xzdesk.domain.store import engine, outbox
from xzdesk.domain.store.hlc import HybridClock
from xzdesk.domain.uow import unit_of_work

TODAY = date(2026, 3, 1)
AT = datetime(2026, 3, 1, 2, 30, tzinfo=UTC)  # 10:30 in Xuzhou, the day of the analysis
TABLES = ("member", "consent", "audit_log", "sync_outbox")


class _Rollback(Exception):
    pass


def _fixed_ids(monkeypatch) -> None:
    """Every module that mints ids mints them from one counter (reset per run)."""
    counter = itertools.count()

    def next_id() -> str:
        return f"00000000-0000-7000-8000-{next(counter):012x}"

    def next_ids(count: int) -> list[str]:
        return [next_id() for _ in range(count)]

    for module in (outbox, audit, bulk, service):
        monkeypatch.setattr(module, "new_id", next_id, raising=False)
        monkeypatch.setattr(module, "new_ids", next_ids, raising=False)


def _written(store, actor, preview, monkeypatch, *, decisions=None, at=AT) -> tuple[dict, object]:
    """Commit `preview`, read back every row of TABLES and the chain check, roll back."""
    _fixed_ids(monkeypatch)
    store.hlc = HybridClock(wall_ms=lambda: 1_772_000_000_000)
    out: dict = {}
    with pytest.raises(_Rollback), unit_of_work(store, actor, clock=lambda: at) as uow:
        out["report"] = commit_import(uow, preview, decisions=decisions)
        for table in TABLES:
            result = uow.session.execute(text(f"SELECT * FROM {table} ORDER BY rowid"))
            out[table] = [dict(r._mapping) for r in result]
        out["chain"] = verify_chain(uow.session)
        raise _Rollback
    for row in out["sync_outbox"]:  # payload values (the JSON text's spacing and escapes may differ)
        row["fields"], row["base"] = json.loads(row["fields"]), json.loads(row["base"])
    return out, out.pop("report")


@pytest.fixture
def mixed(store, matchmaker, tmp_path):
    """Two members on file; a roster with new rows (surnames read apart: 单, 曾, 吕), an exact
    repeat, a repeat with other data, bad rows, an update of a stored member and a conflict."""
    stored = [person(60), person(61)]
    with unit_of_work(store, matchmaker) as uow:
        for p in stored:
            register_member(uow, draft=MemberDraft(name=p["姓名"], id_number=p["身份证号"], mobile=p["手机"],
                                                   district_code="320302"))  # fmt: skip
    new = [person(70, 姓名="单田芳"), person(71, 姓名="曾小贤"), person(72, 姓名="吕绿"), person(73, 爱好=None),
           person(74, 身高=None, 学历=None), person(75, 爱好="读书;旅行;摄影")]  # fmt: skip
    rows = [
        *new,
        dict(new[0]),                                   # the same row again: skipped
        {**new[1], "工作单位": "另一家单位"},            # the same ID, other data: review
        person(76, 手机="12345"),                       # bad mobile: error
        person(77, 身份证号="320302198505050000"),      # damaged ID: error
        person(78, 身份证号=make_id("20100101", 78, male=True), 出生日期=None),  # under 18: error
        {**stored[0], "身高": "181"},                   # a stored member: update
        person(79, 手机=stored[1]["手机"]),             # another person with a stored mobile: conflict
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "mixed.xlsx", roster_rows(rows), title="单身职工花名册")
    options = ImportOptions(consents=("basic", "sensitive"), channel="in_person")
    return analyse_import(store, path, actor=matchmaker, options=options, today=TODAY)


def test_the_fast_commit_writes_what_the_old_commit_wrote(store, matchmaker, mixed, monkeypatch):
    statuses = [r.status for r in mixed.rows]
    assert statuses.count(RowStatus.NEW) == 6 and statuses.count(RowStatus.ERROR) == 3
    assert {RowStatus.DUPLICATE_IN_FILE, RowStatus.UPDATE, RowStatus.CONFLICT} <= set(statuses)
    repeat = next(r.row for r in mixed.rows if r.status is RowStatus.DUPLICATE_IN_FILE and r.decision is Decision.REVIEW)
    decisions = {repeat: Decision.NEW}  # registering the repeat anyway fails as a duplicate, alone

    with reference_path():
        before, old_report = _written(store, matchmaker, mixed, monkeypatch, decisions=decisions)
    after, new_report = _written(store, matchmaker, mixed, monkeypatch, decisions=decisions)

    assert new_report == old_report
    assert (new_report.created, new_report.updated, len(new_report.failed)) == (6, 1, 1)
    assert new_report.failed[0].code == "members.duplicate"
    assert after["chain"].intact and before["chain"].intact
    for table in TABLES:
        assert after[table] == before[table], table
    # What was compared holds what the business rules ask for, not empty tables.
    members = {m["name"]: m for m in after["member"]}
    assert members["单田芳"]["name_pinyin"] == "shan tian fang" and members["曾小贤"]["name_initials"] == "zxx"
    assert members["吕绿"]["name_pinyin"] == "lv lv"
    created = [m for m in after["member"] if m["referral_source"] == "employer_union_list"]
    assert len(created) == 6
    assert sorted(c["type"] for c in after["consent"] if c["channel"] == "in_person") == ["basic"] * 6 + ["sensitive"] * 6
    actions = [a["action"] for a in after["audit_log"]]
    assert actions.count("member.create") == 2 + 6 and actions.count("member.edit") == 1  # 2 stored before
    assert actions[-1] == "import.commit"
    entities = {(o["entity"], o["op"]) for o in after["sync_outbox"]}
    assert {("member", "insert"), ("consent", "insert"), ("audit_log", "insert"), ("member", "update")} <= entities


def test_rows_are_validated_again_when_the_day_changed(store, matchmaker, tmp_path):
    """The analysis's checks are reused only for the day they were made: a person who is 18 on
    the analysis's day but not on the commit's is refused at commit."""
    born = "20080301"  # 18 on 2026-03-01, 17 the day before
    young = person(80, 身份证号=make_id(born, 80, male=True), 出生日期=None)
    path = write_xlsx(tmp_path / "young.xlsx", roster_rows([young, person(81)]))
    preview = analyse_import(store, path, actor=matchmaker, today=TODAY)
    assert [r.status for r in preview.rows] == [RowStatus.NEW, RowStatus.NEW]
    with unit_of_work(store, matchmaker, clock=lambda: datetime(2026, 2, 28, 2, 0, tzinfo=UTC)) as uow:
        report = commit_import(uow, preview)
    assert report.created == 1
    [failure] = report.failed
    assert failure.row == 2 and failure.code == "members.under_age"


def test_rows_are_not_validated_twice_on_the_same_day(store, matchmaker, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "r.xlsx", roster_rows([person(n) for n in range(90, 95)]))
    preview = analyse_import(store, path, actor=matchmaker, today=TODAY)
    calls = []
    real = bulk._validate_or_raise
    monkeypatch.setattr(bulk, "_validate_or_raise", lambda draft, uow: calls.append(draft) or real(draft, uow))
    with unit_of_work(store, matchmaker, clock=lambda: AT) as uow:
        assert commit_import(uow, preview).created == 5
    assert calls == []


@pytest.mark.parametrize("name", ["单田芳", "曾国藩", "欧阳娜娜", "长孙无忌", "吕绿", "重庆", "张 三", "A李", "䶮𠇔", "乐乐", "解放"])
def test_name_keys_are_those_of_lazy_pinyin(name):
    name_keys.cache_clear()
    names._given_pinyin.cache_clear()
    assert name_keys(name) == reference_name_keys(name)


def _blind_indexes_computed(monkeypatch) -> list[str]:
    """The kinds of blind index computed from now on (ID numbers, mobiles, the import's probe)."""
    kinds: list[str] = []
    real = engine.compute_blind_index
    monkeypatch.setattr(engine, "compute_blind_index", lambda key, kind, value: kinds.append(kind) or real(key, kind, value))
    return kinds


def test_blind_indexes_are_not_computed_again_at_commit(store, matchmaker, tmp_path, monkeypatch):
    """The analysis looked members up by the rows' blind indexes; the commit writes those."""
    path = write_xlsx(tmp_path / "r.xlsx", roster_rows([person(n) for n in range(90, 95)]))
    preview = analyse_import(store, path, actor=matchmaker, today=TODAY)
    kinds = _blind_indexes_computed(monkeypatch)
    with unit_of_work(store, matchmaker, clock=lambda: AT) as uow:
        assert commit_import(uow, preview).created == 5
    assert "id" not in kinds and "mobile" not in kinds
    with store.read() as session:
        for m in session.execute(select(Member)).scalars():
            assert m.id_hmac == store.blind_index("id", m.id_number)
            assert m.mobile_hmac == store.blind_index("mobile", m.mobile)


def test_blind_indexes_are_computed_again_under_another_key(store, matchmaker, tmp_path, monkeypatch):
    """A preview committed where the blind-index key is not the analysis's (another office's
    database): the rows get this store's indexes, not the analysis's."""
    path = write_xlsx(tmp_path / "r.xlsx", roster_rows([person(n) for n in range(90, 93)]))
    preview = analyse_import(store, path, actor=matchmaker, today=TODAY)
    monkeypatch.setattr(store, "_index_key", bytes(range(32)))
    with unit_of_work(store, matchmaker, clock=lambda: AT) as uow:
        assert commit_import(uow, preview).created == 3
    with store.read() as session:
        members = session.execute(select(Member.id_number, Member.mobile, Member.id_hmac, Member.mobile_hmac)).all()
    assert len(members) == 3
    for number, mobile, id_hmac, mobile_hmac in members:
        assert id_hmac == engine.compute_blind_index(bytes(range(32)), "id", number)
        assert mobile_hmac == engine.compute_blind_index(bytes(range(32)), "mobile", mobile)


def test_name_keys_of_names_sharing_given_names_are_those_of_lazy_pinyin():
    """Given names are remembered apart from whole names: each name still reads as lazy_pinyin
    reads it, whatever surname came with the same given name before (单 and 曾 read apart)."""
    name_keys.cache_clear()
    names._given_pinyin.cache_clear()
    people = [s + g for g in ("田芳", "国藩", "乐", "长乐") for s in ("王", "单", "曾", "欧阳", "长孙", "A")]
    assert [name_keys(n) for n in people] == [reference_name_keys(n) for n in people]
