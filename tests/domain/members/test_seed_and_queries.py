"""Demo seeding (deterministic, plausible, valid) and the case-list search."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from xzdesk.domain.members import codes
from xzdesk.domain.members.codes import SortKey
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.identity import normalize_mobile, parse_resident_id
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.members.queries import MemberFilter, build_query, fetch_rows, list_member_ids
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.members.service import register_member
from xzdesk.domain.members.validation import blocking, validate_draft
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.uow import unit_of_work

TODAY = date(2026, 11, 25)


def _seed(store, n=300, seed=7):
    with unit_of_work(store, None) as uow:
        return seed_members(uow, count=n, seed=seed)


def _snapshot(store):
    with store.read() as s:
        return s.execute(select(Member.id, Member.name, Member.id_number, Member.mobile, Member.hobbies)
                         .order_by(Member.id)).all()  # fmt: skip


def test_seed_is_deterministic_for_a_seed(store, tmp_path, store_template):
    import shutil

    from tests.conftest import TEST_KEY
    from xzdesk.domain.store.engine import Store

    _seed(store, 200, seed=3)
    other_path = tmp_path / "other.db"
    shutil.copy2(store_template, other_path)
    other = Store.open(other_path, key=TEST_KEY)
    _seed(other, 200, seed=3)
    first, second = _snapshot(store), _snapshot(other)
    other.close()
    assert first == second
    assert len(first) == 200


def test_seeded_people_are_valid_xuzhou_members(store):
    report = _seed(store, 300)
    assert report.members == 300 and report.staff == 3 * len(codes.DISTRICTS)
    with store.read() as s:
        rows = s.execute(select(Member)).scalars().all()
        ids = {m.id_number for m in rows}
        assert len(ids) == 300 and len({m.mobile for m in rows}) == 300
        for m in rows:
            rid = parse_resident_id(m.id_number)
            assert rid.region.startswith("3203") and rid.birth_date == m.birth_date and int(rid.sex) == m.sex
            assert normalize_mobile(m.mobile) == m.mobile and m.mobile_last4 == m.mobile[-4:]
            assert m.district_code in codes.DISTRICTS
            draft = MemberDraft(name=m.name, id_number=m.id_number, mobile=m.mobile, district_code=m.district_code,
                                height_cm=m.height_cm, education=m.education, hobbies=m.hobbies)  # fmt: skip
            assert blocking(validate_draft(draft, today=TODAY)[1]) == []
        assert s.execute(select(func.count()).select_from(Consent).where(Consent.type == "basic")).scalar() == 300
        # demo rows are never queued for a real server, and the file says it holds demo data
        assert s.execute(select(func.count()).select_from(OutboxRow).where(OutboxRow.entity == "member")).scalar() == 0
    assert store.meta()["demo_data"] == "1"


def test_search_by_name_initials_last4_member_no_id_phone(store, matchmaker):
    _seed(store, 300)
    with unit_of_work(store, matchmaker) as uow:
        info = register_member(uow, draft=MemberDraft(name="欧阳娜娜", id_number="11010519491231002X",
                                                       mobile="13987659999", district_code="320303"))  # fmt: skip

    def ids(**kw):
        with store.read() as s:
            return list_member_ids(s, MemberFilter(**kw), blind_index=store.blind_index, today=TODAY)

    assert info.id in ids(text="娜娜")
    assert info.id in ids(text="oynn")
    assert info.id in ids(text="ouyang")
    assert info.id in ids(text="9999")
    assert info.id in ids(text=info.member_no)
    assert ids(text="11010519491231002x") == [info.id]  # exact, through the blind index
    assert ids(text="+86 139 8765 9999") == [info.id]
    assert ids(text="%") == [] and ids(text="_") == []  # LIKE wildcards are literal
    assert info.id not in ids(text="娜娜", district_code="320302")
    assert info.id in ids(district_code="320303", status="registered")
    everyone = ids()
    assert len(everyone) == 301
    with store.read() as s:
        rows = fetch_rows(s, everyone[:50], today=TODAY)
    pinyins = [r for r in rows]
    assert [r.id for r in pinyins] == everyone[:50]
    assert all("*" in r.name_masked and "*" in r.mobile_masked for r in rows)


def test_scope_district_confines_a_matchmaker(store):
    _seed(store, 200)
    with store.read() as s:
        scoped = list_member_ids(s, MemberFilter(), blind_index=store.blind_index, today=TODAY, scope_district="320302")
        forced = list_member_ids(s, MemberFilter(district_code="320303"), blind_index=store.blind_index, today=TODAY,
                                 scope_district="320302")  # fmt: skip
        districts = set(s.execute(select(Member.district_code).where(Member.id.in_(scoped))).scalars())
    assert scoped and districts == {"320302"}
    assert forced == []


def test_sorting(store):
    _seed(store, 100)
    with store.read() as s:
        by_no = list_member_ids(s, MemberFilter(sort=SortKey.MEMBER_NO), blind_index=store.blind_index, today=TODAY)
        nos = [r.member_no for r in fetch_rows(s, by_no, today=TODAY)]
        desc = list_member_ids(s, MemberFilter(sort=SortKey.MEMBER_NO, descending=True),
                               blind_index=store.blind_index, today=TODAY)  # fmt: skip
    assert nos == sorted(nos) and desc == list(reversed(by_no))


_ORDER_COLUMNS = {
    SortKey.NAME: ("name_pinyin", "member_no"),
    SortKey.MEMBER_NO: ("member_no",),
    SortKey.UPDATED: ("updated_at", "id"),
    SortKey.DISTRICT: ("district_code", "name_pinyin", "member_no"),
    SortKey.STATUS: ("status", "name_pinyin", "member_no"),
}


def test_every_order_of_the_case_list_comes_back_whole_and_in_order(store):
    """The ids are joined in SQL and split (ordered_ids): the same ids, in the order of the
    sort's columns, for every column both ways, with and without a search or a district."""
    _seed(store, 300)
    filters = [{}, {"text": "wang"}, {"district_code": "320302"}, {"status": "active"}]
    with store.read() as s:
        rows = {r.id: r for r in s.execute(select(Member).where(Member.status != "archived")).scalars()}
        for key, columns in _ORDER_COLUMNS.items():
            for descending in (False, True):
                for extra in filters:
                    flt = MemberFilter(sort=key, descending=descending, **extra)
                    ids = list_member_ids(s, flt, blind_index=store.blind_index, today=TODAY)
                    query = build_query(flt, blind_index=store.blind_index, today=TODAY, scope_district=None)
                    assert ids == list(s.execute(query).scalars()), (key, descending, extra)
                    keys = [tuple(getattr(rows[i], c) for c in columns) for i in ids]
                    assert keys == sorted(keys, reverse=descending), (key, descending, extra)
                    assert len(set(ids)) == len(ids) and (extra or len(ids) == len(rows))
        assert list_member_ids(s, MemberFilter(text="nobody-here"), blind_index=store.blind_index, today=TODAY) == []


def test_every_order_reads_one_covering_index_without_sorting(store):
    """At 100,000 members a sort step or a table row per member made the first page 0.5-0.8 s.
    Within one district (a matchmaker's list) the rows come from the index too; SQLite may sort
    that tenth of the members rather than scan the whole index in order."""
    _seed(store, 50)
    with store.read() as s:
        conn = s.connection()
        for key in SortKey:
            for descending in (False, True):
                for district in (None, "320302"):
                    flt = MemberFilter(sort=key, descending=descending, district_code=district)
                    compiled = build_query(flt, blind_index=store.blind_index, today=TODAY,
                                           scope_district=None).compile(dialect=conn.dialect)  # fmt: skip
                    params = tuple(compiled.params[k] for k in compiled.positiontup or ())
                    plan = " | ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params))
                    assert plan.count("COVERING INDEX") == 1 and plan.count("USING INDEX") == 0, plan
                    assert district or "TEMP B-TREE" not in plan, (key, descending, plan)


def test_closing_keeps_the_planners_statistics(store, tmp_path):
    """Store.close runs PRAGMA optimize: statistics exist after a big change, and with them a
    matchmaker's search by mobile number seeks that number's index instead of reading the district."""
    from tests.conftest import TEST_KEY
    from xzdesk.domain.store.engine import Store

    _seed(store, 300)
    store.close()
    again = Store.open(tmp_path / "xzdesk.db", key=TEST_KEY)
    try:
        with again.read() as s:
            conn = s.connection()
            analysed = set(conn.exec_driver_sql("SELECT idx FROM sqlite_stat1 WHERE tbl = 'member'").scalars())
            flt = MemberFilter(text="13912345678")
            compiled = build_query(flt, blind_index=again.blind_index, today=TODAY,
                                   scope_district="320302").compile(dialect=conn.dialect)  # fmt: skip
            params = tuple(compiled.params[k] for k in compiled.positiontup or ())
            plan = " | ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params))
    finally:
        again.close()
    assert {"ix_member_list", "ix_member_by_district", "ix_member_mobile_hmac"} <= analysed
    assert "ix_member_mobile_hmac" in plan, plan


def test_seeding_twice_with_the_same_seed_adds_different_people(store):
    _seed(store, 50, seed=5)
    _seed(store, 50, seed=5)
    with store.read() as s:
        assert s.execute(select(func.count()).select_from(Member)).scalar() == 100
        assert len(set(s.execute(select(Member.member_no)).scalars())) == 100


def test_seeding_in_small_batches_gives_the_same_people_and_reports_progress(store, tmp_path, store_template, monkeypatch):
    """Batch boundaries change nothing, and progress climbs to 1.0 once per batch."""
    import shutil

    from tests.conftest import TEST_KEY
    from xzdesk.domain.members import seed as seeding
    from xzdesk.domain.store.engine import Store

    _seed(store, 130, seed=4)  # one batch
    monkeypatch.setattr(seeding, "BATCH", 40)
    other_path = tmp_path / "other.db"
    shutil.copy2(store_template, other_path)
    other = Store.open(other_path, key=TEST_KEY)
    seen: list[float] = []
    with unit_of_work(other, None) as uow:
        report = seed_members(uow, count=130, seed=4, progress=lambda f, _code: seen.append(f))
    batched = _snapshot(other)
    other.close()
    assert batched == _snapshot(store) and report.members == 130
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 4


def test_a_cancelled_seeding_writes_nothing(store, monkeypatch):
    import pytest

    from xzdesk.domain.members import seed as seeding
    from xzdesk.domain.progress import Cancelled, CancelToken

    monkeypatch.setattr(seeding, "BATCH", 25)
    token = CancelToken()

    def progress(fraction: float, _code: str) -> None:
        if fraction >= 0.5:
            token.cancel()

    with pytest.raises(Cancelled), unit_of_work(store, None) as uow:
        seed_members(uow, count=100, seed=2, progress=progress, cancel=token)
    with store.read() as s:
        assert s.execute(select(func.count()).select_from(Member)).scalar() == 0
        assert s.execute(select(func.count()).select_from(Consent)).scalar() == 0
