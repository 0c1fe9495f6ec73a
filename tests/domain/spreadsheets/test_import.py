"""Analyse and commit rosters on a real encrypted store: messy cells, duplicates, updates, rollback."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from tests.domain.spreadsheets.helpers import HEADERS, make_id, person, roster_rows, write_csv, write_xlsx
from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.members.service import register_member
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.progress import CancelToken
from xzdesk.domain.spreadsheets import (
    Decision,
    ImportOptions,
    RowStatus,
    analyse_import,
    commit_import,
    inspect_source,
)
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.service import create_staff
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.uow import ActorInfo, unit_of_work

TODAY = date(2026, 3, 1)
COL = {h: i for i, h in enumerate(HEADERS)}


def count(store, model) -> int:
    with store.read() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def analyse(store, actor, path, **kw):
    return analyse_import(store, path, actor=actor, today=TODAY, **kw)


def commit(store, actor, preview, **kw):
    with unit_of_work(store, actor) as uow:
        return commit_import(uow, preview, **kw)


def by_row(preview):
    return {r.row: r for r in preview.rows}


def codes_of(row):
    return {(p.code, p.column) for p in row.problems}


@pytest.fixture
def messy(tmp_path):
    """A roster as base unions send them: title rows, merged cells, every kind of damage."""
    ok = person(1, 身份证号=person(1)["身份证号"].translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}),
                手机="139 0000 0001", 出生日期=None, 婚姻状况="未婚", 所在区="鼓楼", 学历="大学本科")  # fmt: skip
    rows = [
        ok,                                                      # 3: new (full-width ID, spaced phone)
        person(2, 身份证号="3.20302E+17"),                        # 4: Excel scientific notation
        person(3, 身份证号=3.2030219850404e17),                    # 5: numeric cell lost digits
        person(4, 身份证号="320302198505050000"),                 # 6: trailing zeros
        person(5, 性别="男"),                                     # 7: sex contradicts the ID (5 is female)
        person(6, 手机="12345"),                                  # 8: bad mobile
        dict(ok),                                                 # 9: same as row 3, identical
        {**ok, "工作单位": "另一家单位"},                          # 10: same ID as row 3, different data
        person(7, 出生日期=None),                                  # 11: serial date below
        {h: None for h in HEADERS},                               # 12: blank row, ignored
        person(8, 出生日期="1970年1月1日"),                        # 13: birth date contradicts the ID
        person(9, 身份证号=make_id("20100101", 9, male=False), 出生日期=None),  # 14: under 18
        person(10, 婚姻状况="已婚"),                              # 15: married
        person(11, 学历="幼儿园"),                                # 16: unknown education
        person(12, 所在区="朝阳区"),                              # 17: not a Xuzhou district
    ]  # fmt: skip
    data = roster_rows(rows)
    p7 = person(7)
    data[8][COL["出生日期"]] = (date(int(p7["出生日期"].split(".")[0]), int(p7["出生日期"].split(".")[1]),
                                  int(p7["出生日期"].split(".")[2])) - date(1899, 12, 30)).days  # fmt: skip
    return write_xlsx(tmp_path / "花名册.xlsx", data, title="徐工集团单身职工花名册")


def test_messy_roster_preview(store, matchmaker, messy):
    preview = analyse(store, matchmaker, messy)
    rows = by_row(preview)
    assert preview.source.header_rows == (2,)
    assert 12 not in rows  # the blank row
    c = preview.counts
    assert (c.rows, c.new, c.errors, c.duplicate_in_file, c.update, c.conflict) == (14, 2, 10, 2, 0, 0)
    assert c.duplicates == 2
    assert rows[3].status is RowStatus.NEW and rows[3].decision is Decision.NEW and not rows[3].problems
    assert rows[11].status is RowStatus.NEW  # the serial date matched the ID
    id_col, sex_col, mobile_col = COL["身份证号"], COL["性别"], COL["手机"]
    assert codes_of(rows[4]) == {("import.id_scientific", id_col)}
    assert codes_of(rows[5]) == {("import.id_numeric_damaged", id_col)}
    assert codes_of(rows[6]) == {("import.id_trailing_zeros", id_col)}
    assert codes_of(rows[7]) == {("members.sex_contradicts_id", sex_col)}
    assert codes_of(rows[8]) == {("identity.mobile_format", mobile_col)}
    assert rows[9].status is RowStatus.DUPLICATE_IN_FILE and rows[9].first_row == 3 and rows[9].decision is Decision.SKIP
    assert codes_of(rows[9]) == {("import.duplicate_in_file", id_col)}
    assert rows[10].status is RowStatus.DUPLICATE_IN_FILE and rows[10].decision is Decision.REVIEW
    assert Decision.NEW in rows[10].allowed
    assert codes_of(rows[13]) == {("members.birth_contradicts_id", COL["出生日期"])}
    assert codes_of(rows[14]) == {("members.under_age", COL["出生日期"])}
    assert codes_of(rows[15]) == {("import.married", COL["婚姻状况"])}
    assert codes_of(rows[16]) == {("members.unknown_code", COL["学历"])}
    assert codes_of(rows[17]) == {("members.unknown_code", COL["所在区"])}
    assert all(r.allowed == (Decision.SKIP,) for r in preview.rows if r.status is RowStatus.ERROR)
    # Params carry no personal data: nothing that looks like an ID or a phone.
    for r in preview.rows:
        for p in r.problems:
            assert not any(str(v).isdigit() and len(str(v)) >= 11 for v in p.params.values())
    assert count(store, Member) == 0  # analysing writes nothing


def test_commit_registers_clean_values_with_consent(store, matchmaker, messy):
    preview = analyse(store, matchmaker, messy)
    report = commit(store, matchmaker, preview)
    assert (report.created, report.updated, report.errors, report.skipped, report.review) == (2, 0, 10, 1, 1)
    assert report.failed == ()
    first = person(1)
    with store.read() as s:
        m = s.execute(select(Member).where(Member.id_number == first["身份证号"])).scalar_one()
        assert m.mobile == "13900000001" and m.district_code == "320302" and m.education == 21
        assert m.height_cm == 162 and m.marital_status == 10 and m.hobbies == ["羽毛球", "旅行"]
        assert m.union_no == "100001" and m.employer == "徐工集团工程机械股份有限公司"
        assert m.referral_source == "employer_union_list" and m.status == "registered"
        assert m.matchmaker_id == matchmaker.staff_id
        consent = s.execute(select(Consent).where(Consent.member_id == m.id)).scalar_one()
        assert (consent.type, consent.channel, consent.collected_by) == ("basic", "paper_form", matchmaker.staff_id)
        entities = {e for e, in s.execute(select(OutboxRow.entity).where(OutboxRow.member_id == m.id))}
        assert entities == {"member", "consent", "audit_log"}
        actions = [a for a, in s.execute(select(AuditEntry.action).order_by(AuditEntry.seq))]
        assert actions.count("member.create") == 2 and actions[-1] == "import.commit"
        assert verify_chain(s).intact


def test_reimporting_the_same_file_changes_nothing(store, matchmaker, messy):
    commit(store, matchmaker, analyse(store, matchmaker, messy))
    outbox, audits = count(store, OutboxRow), count(store, AuditEntry)
    preview = analyse(store, matchmaker, messy)
    assert (preview.counts.new, preview.counts.unchanged, preview.counts.update) == (0, 2, 0)
    report = commit(store, matchmaker, preview)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert count(store, OutboxRow) == outbox and count(store, AuditEntry) == audits


@pytest.fixture
def roster(tmp_path):
    people = [person(n) for n in range(20, 25)]
    return people, write_xlsx(tmp_path / "a.xlsx", roster_rows(people))


def test_update_only_changed_fields_and_skip(store, matchmaker, roster, tmp_path):
    people, path = roster
    commit(store, matchmaker, analyse(store, matchmaker, path))
    changed = [dict(p) for p in people]
    changed[0]["工作单位"] = "徐州地铁集团有限公司"
    changed[0]["身高"] = "1.80米"
    changed[1]["学历"] = None  # an empty cell never clears stored data
    changed[2]["手机"] = "13700000022"
    path2 = write_xlsx(tmp_path / "b.xlsx", roster_rows(changed))

    skip = analyse(store, matchmaker, path2, options=ImportOptions(on_duplicate=Decision.SKIP))
    rows = by_row(skip)
    assert rows[2].status is RowStatus.UPDATE and rows[2].changes == ("employer", "height_cm")
    assert rows[2].decision is Decision.SKIP and rows[2].member_no
    assert rows[3].status is RowStatus.UNCHANGED and rows[4].changes == ("mobile",)
    outbox = count(store, OutboxRow)
    report = commit(store, matchmaker, skip)
    assert (report.updated, report.skipped, report.unchanged) == (0, 2, 3)
    assert count(store, OutboxRow) == outbox

    update = analyse(store, matchmaker, path2)
    assert update.counts.update == 2 and by_row(update)[2].decision is Decision.UPDATE
    report = commit(store, matchmaker, update)
    assert (report.updated, report.unchanged) == (2, 3)
    with store.read() as s:
        m = s.execute(select(Member).where(Member.id_number == people[0]["身份证号"])).scalar_one()
        assert (m.employer, m.height_cm) == ("徐州地铁集团有限公司", 180)
        other = s.execute(select(Member).where(Member.id_number == people[1]["身份证号"])).scalar_one()
        assert other.education == 21
        row = s.execute(select(OutboxRow).where(OutboxRow.entity_id == m.id, OutboxRow.op == "update")).scalar_one()
        assert set(row.fields) >= {"employer", "height_cm"} and "name" not in row.fields
        edit = s.execute(select(AuditEntry).where(AuditEntry.member_id == m.id, AuditEntry.action == "member.edit"))
        assert edit.scalar_one().fields == ["employer", "height_cm"]
        phone = s.execute(select(Member).where(Member.id_number == people[2]["身份证号"])).scalar_one()
        assert phone.mobile == "13700000022" and phone.mobile_last4 == "0022"


def test_decisions_can_be_changed_per_row(store, matchmaker, roster):
    _, path = roster
    preview = analyse(store, matchmaker, path)
    report = commit(store, matchmaker, preview, decisions={2: Decision.SKIP, 3: "review"})
    assert (report.created, report.skipped, report.review) == (3, 1, 1)
    with pytest.raises(XzError) as err:
        commit(store, matchmaker, preview, decisions={2: Decision.UPDATE})
    assert err.value.code == "import.bad_decision" and err.value.params["row"] == 2


def test_duplicates_against_the_database(store, matchmaker, tmp_path):
    existing = person(30)
    with unit_of_work(store, matchmaker) as uow:
        register_member(uow, draft=MemberDraft(name=existing["姓名"], id_number=existing["身份证号"],
                                               mobile=existing["手机"], district_code="320302"))  # fmt: skip
    same_phone = person(31, 手机=existing["手机"])  # another person giving the member's phone
    path = write_xlsx(tmp_path / "d.xlsx", roster_rows([existing, same_phone]))
    preview = analyse(store, matchmaker, path)
    rows = by_row(preview)
    assert rows[2].status is RowStatus.UPDATE  # the file adds employer, education... to the case
    assert rows[3].status is RowStatus.CONFLICT and rows[3].decision is Decision.REVIEW
    [problem] = rows[3].problems
    assert problem.code == "import.mobile_taken" and problem.params == {"member_no": rows[2].member_no}
    assert problem.column == COL["手机"]
    report = commit(store, matchmaker, preview)
    assert (report.created, report.updated, report.review) == (0, 1, 1)
    assert count(store, Member) == 1


def test_rows_without_id_match_by_mobile(store, matchmaker, roster, tmp_path):
    people, path = roster
    commit(store, matchmaker, analyse(store, matchmaker, path))
    headers = ["姓名", "手机", "身高"]
    path2 = write_xlsx(tmp_path / "phones.xlsx", [[people[0]["姓名"], people[0]["手机"], 181]], headers=headers)
    preview = analyse(store, matchmaker, path2)
    [row] = preview.rows
    assert row.status is RowStatus.UPDATE and row.changes == ("height_cm",)


def test_cancel_rolls_everything_back(store, matchmaker, roster):
    _, path = roster
    preview = analyse(store, matchmaker, path)
    token = CancelToken()

    def progress(fraction, code):
        if fraction > 0:
            token.cancel()

    outbox = count(store, OutboxRow)
    with pytest.raises(Cancelled):
        commit(store, matchmaker, preview, progress=progress, cancel=token)
    assert count(store, Member) == 0 and count(store, Consent) == 0 and count(store, OutboxRow) == outbox


def test_cancel_during_analysis(store, matchmaker, tmp_path):
    path = write_xlsx(tmp_path / "big.xlsx", roster_rows([person(n) for n in range(450)]))
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        analyse(store, matchmaker, path, cancel=token)


def test_a_row_taken_meanwhile_fails_alone(store, matchmaker, roster):
    people, path = roster
    preview = analyse(store, matchmaker, path)
    with unit_of_work(store, matchmaker) as uow:  # someone registers the first person meanwhile
        p = people[0]
        register_member(uow, draft=MemberDraft(name=p["姓名"], id_number=p["身份证号"], mobile=p["手机"],
                                               district_code="320302"))  # fmt: skip
    report = commit(store, matchmaker, preview)
    assert report.created == 4
    [failure] = report.failed
    assert failure.row == 2 and failure.code == "members.duplicate" and failure.params["field"] == "id_number"
    assert "*" in failure.params["id_number"]  # masked


def test_large_files_are_read_again_and_checked(store, matchmaker, roster, tmp_path):
    people, path = roster
    preview = analyse(store, matchmaker, path, keep_values_limit=2)
    assert preview.kept is None
    report = commit(store, matchmaker, preview)
    assert report.created == 5

    path2 = write_xlsx(tmp_path / "c.xlsx", roster_rows([person(n) for n in range(40, 44)]))
    stale = analyse(store, matchmaker, path2, keep_values_limit=0)
    write_xlsx(path2, roster_rows([person(n) for n in range(40, 43)] + [person(99)]))  # edited meanwhile
    with pytest.raises(XzError) as err:
        commit(store, matchmaker, stale)
    assert err.value.code == "import.source_changed" and err.value.params == {"row": 5}
    assert count(store, Member) == 5  # nothing of the stale import was written


def test_district_default_and_scope(store, matchmaker, tmp_path):
    admin = ActorInfo("admin", Role.ADMIN)
    with unit_of_work(store, admin) as uow:
        gulou = create_staff(uow, username="gl", display_name="鼓楼红娘", role="matchmaker", district_code="320302")
    actor = gulou.actor()
    headers = [h for h in HEADERS if h != "所在区"]
    people = [person(50), person(51)]
    path = write_xlsx(tmp_path / "nodistrict.xlsx", [[p[h] for h in headers] for p in people], headers=headers)
    preview = analyse(store, actor, path)
    assert preview.mapping.missing_required == ("district_code",)
    assert preview.counts.new == 2  # the matchmaker's own district fills the gap
    other = write_xlsx(tmp_path / "yunlong.xlsx", roster_rows([person(52, 所在区="云龙区")]))
    [row] = analyse(store, actor, other).rows
    assert codes_of(row) == {("members.not_in_scope", COL["所在区"])}
    city = analyse(store, matchmaker, path, options=ImportOptions(defaults={"district_code": "320311"}))
    assert city.counts.new == 2
    commit(store, matchmaker, city)
    with store.read() as s:
        assert set(s.execute(select(Member.district_code)).scalars()) == {"320311"}


def test_gb18030_csv_with_legacy_ids(store, matchmaker, tmp_path):
    legacy = "370725881105149"  # 15 digits -> 37072519881105149X
    p = person(60, 身份证号=legacy, 性别="男", 出生日期="19881105", 所在区="泉山")
    path = write_csv(tmp_path / "gbk.csv", roster_rows([p]), encoding="gb18030")
    preview = analyse(store, matchmaker, path)
    assert preview.source.encoding == "gb18030"
    [row] = preview.rows
    assert row.status is RowStatus.NEW, row.problems
    commit(store, matchmaker, preview)
    with store.read() as s:
        m = s.execute(select(Member)).scalar_one()
        assert m.id_number == "37072519881105149X" and m.district_code == "320311" and m.name == p["姓名"]


def test_rosters_in_wps_style_with_numbers_and_dates_as_cells(store, matchmaker, tmp_path):
    """Phones and union numbers typed as numbers, dates as real date cells, heights as floats."""
    p = person(70)
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号码", "手机号码", "会员证号", "出生年月", "身高（cm）", "区县"])
    born = date(int(p["出生日期"].split(".")[0]), int(p["出生日期"].split(".")[1]), int(p["出生日期"].split(".")[2]))
    ws.append([p["姓名"], p["身份证号"], int(p["手机"]), 123456.0, born, 172.0, "鼓楼区"])
    wb.save(tmp_path / "wps.xlsx")
    [row] = analyse(store, matchmaker, tmp_path / "wps.xlsx").rows
    assert row.status is RowStatus.NEW and not row.problems


def test_mapping_corrections_apply(store, matchmaker, tmp_path):
    p = person(80)
    path = write_xlsx(tmp_path / "m.xlsx", [[p["姓名"], p["身份证号"], p["手机"], "鼓楼区"]],
                      headers=["姓名", "证件", "手机", "区"])  # fmt: skip
    src = inspect_source(path)
    bad = analyse(store, matchmaker, src)
    assert bad.counts.errors == 1
    fixed = analyse(store, matchmaker, src, mapping=bad.mapping.with_changes({"证件": "id_number"}))
    assert fixed.counts.new == 1


def test_same_mobile_with_another_id_in_the_file(store, matchmaker, tmp_path):
    a = person(90)
    b = person(91, 手机=a["手机"])
    path = write_xlsx(tmp_path / "m.xlsx", roster_rows([a, b]))
    rows = by_row(analyse(store, matchmaker, path))
    assert rows[2].status is RowStatus.NEW
    assert rows[3].status is RowStatus.CONFLICT and rows[3].decision is Decision.REVIEW
    assert codes_of(rows[3]) == {("import.mobile_repeated", COL["手机"])}
    assert rows[3].problems[0].params == {"first_row": 2}


def test_numbered_empty_template_rows_and_footers_are_skipped(store, matchmaker, tmp_path):
    data = roster_rows([person(95), person(96)])
    data.append([None] * len(HEADERS))
    data.append(["合计：2人"] + [None] * (len(HEADERS) - 1))
    data.append([None, None, None, None, "填表人：工会办公室"] + [None] * (len(HEADERS) - 5))
    headers = ["序号", *HEADERS]
    numbered = [[n, *row] for n, row in enumerate(data, 1)] + [[n, *([None] * len(HEADERS))] for n in range(6, 30)]
    path = write_xlsx(tmp_path / "t.xlsx", numbered, headers=headers)
    preview = analyse(store, matchmaker, path)
    assert [r.row for r in preview.rows] == [2, 3] and preview.counts.new == 2


def test_a_footer_line_of_several_labelled_cells_is_skipped(store, matchmaker, tmp_path):
    """填表人：… 审核人：… 联系电话：… on one line, one label under the ID column (found by the walk):
    a footer, not a person with a 17-character ID number."""
    data = roster_rows([person(97)])
    data.append(["填表人：吴秀兰", None, "联系电话：0516-83712345", None, "填报日期：2026年3月"]
                + [None] * (len(HEADERS) - 5))  # fmt: skip
    data.append([None, None, "审核人：李主任", "手机：13852160099"] + [None] * (len(HEADERS) - 4))
    data.append(["王磊", None, "联系电话：0516-83712345"] + [None] * (len(HEADERS) - 3))  # a person: not a footer
    preview = analyse(store, matchmaker, write_xlsx(tmp_path / "f.xlsx", data))
    assert [r.row for r in preview.rows] == [2, 5] and preview.counts.new == 1
    assert preview.rows[1].status is RowStatus.ERROR


def test_small_batches_mix_new_and_updated_rows(store, matchmaker, tmp_path, monkeypatch):
    from xzdesk.domain.spreadsheets import importer

    monkeypatch.setattr(importer, "BATCH", 2)
    people = [person(n) for n in range(100, 105)]
    commit(store, matchmaker, analyse(store, matchmaker, write_xlsx(tmp_path / "a.xlsx", roster_rows(people))))
    changed = [{**p, "工作单位": "徐州矿务集团有限公司"} for p in people] + [person(n) for n in range(105, 108)]
    preview = analyse(store, matchmaker, write_xlsx(tmp_path / "b.xlsx", roster_rows(changed)))
    assert (preview.counts.update, preview.counts.new) == (5, 3)
    report = commit(store, matchmaker, preview)
    assert (report.updated, report.created, len(set(report.member_ids))) == (5, 3, 8)
    with store.read() as s:
        employers = list(s.execute(select(Member.employer)).scalars())
        assert employers.count("徐州矿务集团有限公司") == 5 and len(employers) == 8
        assert verify_chain(s).intact


def test_a_member_of_another_district_is_a_conflict_for_a_district_matchmaker(store, matchmaker, tmp_path):
    yunlong = person(70, 所在区="云龙区")
    with unit_of_work(store, matchmaker) as uow:
        info = register_member(uow, draft=MemberDraft(name=yunlong["姓名"], id_number=yunlong["身份证号"],
                                                      mobile=yunlong["手机"], district_code="320303"))  # fmt: skip
    admin = ActorInfo("admin", Role.ADMIN)
    with unit_of_work(store, admin) as uow:
        gulou = create_staff(uow, username="gl", display_name="鼓楼红娘", role="matchmaker", district_code="320302")
    path = write_xlsx(tmp_path / "mixed.xlsx", roster_rows([{**yunlong, "所在区": "鼓楼区", "学历": "硕士"}, person(71)]))
    rows = by_row(analyse(store, gulou.actor(), path))
    assert rows[2].status is RowStatus.CONFLICT and rows[2].decision is Decision.REVIEW
    [problem] = rows[2].problems
    assert (problem.code, problem.params, problem.column) == (
        "import.member_out_of_scope", {"member_no": info.member_no}, COL["身份证号"])
    assert rows[2].member_id == info.id and rows[3].status is RowStatus.NEW
    # the city-wide matchmaker may update the same member
    assert by_row(analyse(store, matchmaker, path))[2].status is RowStatus.UPDATE


def test_an_xlsx_roster_is_read_once_by_the_analysis(store, matchmaker, tmp_path, monkeypatch):
    """calamine reads a whole sheet at a time: the analysis of a file inspects it and streams
    its rows from one read of the sheet (it used to read the sheet twice)."""
    import types

    import python_calamine

    from xzdesk.domain.spreadsheets import workbooks

    loads: list[str] = []

    class Counting:
        def __init__(self, book):
            self.book = book

        def get_sheet_by_name(self, name):
            loads.append(name)
            return self.book.get_sheet_by_name(name)

        def __getattr__(self, attr):
            return getattr(self.book, attr)

    opener = types.SimpleNamespace(from_path=lambda p: Counting(python_calamine.CalamineWorkbook.from_path(p)))
    fake = types.SimpleNamespace(**{n: getattr(python_calamine, n) for n in python_calamine.__all__})
    fake.CalamineWorkbook = opener
    monkeypatch.setattr(workbooks, "python_calamine", fake)
    path = write_xlsx(tmp_path / "r.xlsx", roster_rows([person(i) for i in range(3)]), title="鼓楼区花名册")
    preview = analyse(store, matchmaker, path)
    assert loads == ["花名册"] and preview.counts.new == 3
    assert commit(store, matchmaker, preview).created == 3


def test_each_id_and_mobile_is_read_once_and_forgotten_after_the_import(store, matchmaker, tmp_path, monkeypatch):
    """The analysis reads each row's ID and mobile for its blind index and validation checks
    them again: each is parsed once (it was twice), and no number is remembered afterwards."""
    from xzdesk.domain.members import identity

    parsed: list[str] = []
    real = identity._parse_valid

    def counting(raw, today, field):
        parsed.append(raw)
        return real(raw, today, field)

    monkeypatch.setattr(identity, "_parse_valid", counting)
    people = [person(i) for i in range(3)]
    path = write_xlsx(tmp_path / "r.xlsx", roster_rows(people))
    preview = analyse(store, matchmaker, path)
    assert sorted(parsed) == sorted(p["身份证号"] for p in people) and preview.counts.new == 3
    assert identity._MEMO.get() is None
    assert commit(store, matchmaker, preview).created == 3
    assert identity._MEMO.get() is None
