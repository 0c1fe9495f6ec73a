"""Case-list exports: text identifiers, masking, reasons, audit, CSV BOM and formula-injection defence."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.domain.spreadsheets.helpers import make_id
from xzdesk.domain.errors import PermissionDenied, ValidationError, XzError
from xzdesk.domain.members.bulk import register_members
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.queries import MemberFilter
from xzdesk.domain.members.service import grant_consent
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.spreadsheets import export_members
from xzdesk.domain.spreadsheets.labels import MEMBER_COLUMNS
from xzdesk.domain.spreadsheets.tables import neutralise
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import ActorInfo, unit_of_work

ID0 = make_id("19900101", 0, male=True)


def seed(store, actor, n=3, **kw):
    drafts = [
        MemberDraft(name=f"欧阳{'甲乙丙丁戊己'[i]}", id_number=make_id("19900101", i, male=True), mobile=f"1380000000{i}",
                    district_code="320302" if i % 2 == 0 else "320303", union_no=f"0{i}123", education="21",
                    marital_status="40", employer="=HYPERLINK(\"http://x\")" if i == 0 else "徐工集团", **kw)
        for i in range(n)
    ]  # fmt: skip
    with unit_of_work(store, actor) as uow:
        ids = register_members(uow, drafts=drafts)
    return ids


def export(store, actor, path, **kw):
    with unit_of_work(store, actor) as uow:
        return export_members(uow, path=path, **kw)


def headers(ws):
    return [c.value for c in ws[1]]


def test_masked_xlsx_with_text_cells(store, matchmaker, tmp_path):
    ids = seed(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow:
        grant_consent(uow, member_id=ids[0], type="sensitive", channel="paper_form")
    info = export(store, matchmaker, tmp_path / "list.xlsx")
    assert (info.rows, info.masked, info.format) == (3, True, "xlsx")
    ws = load_workbook(tmp_path / "list.xlsx").active
    head = headers(ws)
    assert head[:6] == ["会员编号", "姓名", "性别", "年龄", "身份证号", "手机号"]
    rows = {r[head.index("身份证号")].value: r for r in ws.iter_rows(min_row=2)}
    first = rows[ID0[:3] + "*" * 11 + ID0[-4:]]
    cell = {h: first[i] for i, h in enumerate(head)}
    assert cell["姓名"].value == "欧阳*" and cell["手机号"].value == "138****0000"
    for key in ("会员编号", "身份证号", "手机号", "会员证号"):
        assert cell[key].data_type == "s" and cell[key].number_format == "@"
    assert cell["会员证号"].value == "00123"  # leading zero kept: a text cell
    assert cell["性别"].value == "男" and cell["学历"].value == "大学本科" and cell["所在区"].value == "鼓楼区"
    assert cell["婚姻状况"].value == "离异"  # sensitive consent in force
    others = [r for k, r in rows.items() if k != first[head.index("身份证号")].value]
    assert all(r[head.index("婚姻状况")].value is None for r in others)  # no sensitive consent: blank
    assert cell["工作单位"].data_type == "s" and cell["工作单位"].value.startswith("=HYPERLINK")  # never a formula
    with store.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "export.members")).scalar_one()
        assert "rows:3" in entry.fields and "id_number" in entry.fields and entry.reason is None


def test_unmasked_needs_permission_and_reason(store, matchmaker, tmp_path):
    seed(store, matchmaker)
    with pytest.raises(ValidationError) as err:
        export(store, matchmaker, tmp_path / "full.xlsx", unmasked=True, reason=" ")
    assert err.value.problems[0].code == "export.reason_required"
    assert not (tmp_path / "full.xlsx").exists()
    staff = ActorInfo("x", Role.EVENT_STAFF)
    with pytest.raises(PermissionDenied):
        export(store, staff, tmp_path / "full.xlsx")
    officer_without_unmask = ActorInfo("y", Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        export(store, officer_without_unmask, tmp_path / "full.xlsx", unmasked=True, reason="核对")
    info = export(store, matchmaker, tmp_path / "full.xlsx", unmasked=True, reason="工会核对会员名单")
    assert not info.masked
    ws = load_workbook(tmp_path / "full.xlsx").active
    head = headers(ws)
    ids = {r[head.index("身份证号")].value for r in ws.iter_rows(min_row=2)}
    assert ID0 in ids
    with store.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "export.members.unmasked")).scalar_one()
        assert entry.reason == "工会核对会员名单" and "rows:3" in entry.fields and "mobile" in entry.fields


def test_bulk_exports_need_a_reason_even_masked(store, matchmaker, tmp_path):
    seed(store, matchmaker)
    with pytest.raises(ValidationError) as err:
        export(store, matchmaker, tmp_path / "a.xlsx", bulk_threshold=2)
    assert err.value.problems[0].params == {"rows": 3, "threshold": 2, "unmasked": False}
    assert export(store, matchmaker, tmp_path / "a.xlsx", bulk_threshold=2, reason="月度统计").rows == 3
    assert export(store, matchmaker, tmp_path / "b.xlsx", bulk_threshold=3).rows == 3


def test_csv_has_bom_and_neutralises_formulas(store, matchmaker, tmp_path):
    seed(store, matchmaker)
    path = tmp_path / "list.csv"
    export(store, matchmaker, path, columns=("member_no", "name", "id_number", "mobile", "employer"))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0] == ["会员编号", "姓名", "身份证号", "手机号", "工作单位"]
    employers = {row[4] for row in table[1:]}
    assert "'=HYPERLINK(\"http://x\")" in employers and "徐工集团" in employers


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_trigger_is_neutralised(text):
    assert neutralise(text) == "'" + text
    assert neutralise("张三") == "张三"


def test_filters_and_district_scope(store, matchmaker, tmp_path):
    seed(store, matchmaker, n=4)
    assert export(store, matchmaker, tmp_path / "a.xlsx", flt=MemberFilter(district_code="320303")).rows == 2
    scoped = ActorInfo("z", Role.MATCHMAKER, district_code="320302")
    assert export(store, scoped, tmp_path / "b.xlsx").rows == 2
    assert export(store, scoped, tmp_path / "c.xlsx", flt=MemberFilter(district_code="320303")).rows == 0


def test_bad_format_and_columns(store, matchmaker, tmp_path):
    with pytest.raises(XzError) as err:
        export(store, matchmaker, tmp_path / "a.pdf")
    assert err.value.code == "export.unsupported_format"
    with pytest.raises(XzError) as err:
        export(store, matchmaker, tmp_path / "a.xlsx", columns=("name", "religion"))
    assert err.value.code == "export.unknown_column"
    assert set(MEMBER_COLUMNS) >= {"member_no", "id_number", "mobile"}


def test_cancel_leaves_no_file_and_no_audit(store, matchmaker, tmp_path):
    from xzdesk.domain.errors import Cancelled
    from xzdesk.domain.progress import CancelToken

    seed(store, matchmaker)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        export(store, matchmaker, tmp_path / "a.xlsx", cancel=token)
    assert not (tmp_path / "a.xlsx").exists() and not (tmp_path / "a.xlsx.part").exists()
    with store.read() as s:
        assert s.execute(select(AuditEntry).where(AuditEntry.action.like("export%"))).first() is None


def test_openpyxl_handles_the_sheet_xml_with_lxml():
    """lxml is a dependency so that openpyxl's write-only export and read-only import serialise
    and parse the sheet XML in C; without it openpyxl silently falls back to pure Python (about a
    fifth more CPU for a 10,000-row export, docs/performance.md)."""
    import openpyxl

    assert openpyxl.LXML


def test_every_column_reads_its_member_columns(store, matchmaker, tmp_path):
    """The export reads only the member columns its columns need (age and matchmaker read
    birth_date and matchmaker_id): every column still gets its value."""
    seed(store, matchmaker, n=1, hobbies=["羽毛球", "旅行"], occupation="工程师", height_cm=172)
    info = export(store, matchmaker, tmp_path / "all.xlsx", columns=tuple(MEMBER_COLUMNS))
    ws = load_workbook(tmp_path / "all.xlsx").active
    row = dict(zip([c.value for c in ws[1]], [c.value for c in ws[2]], strict=True))
    assert info.columns == tuple(MEMBER_COLUMNS) and list(row) == list(MEMBER_COLUMNS.values())
    assert row["出生日期"] == "1990" and row["年龄"] >= 36 and row["兴趣爱好"] == "羽毛球、旅行"
    assert (row["职业"], row["身高(cm)"], row["所在区"], row["会员证号"]) == ("工程师", 172, "鼓楼区", "00123")
    assert row["红娘"] and row["最近更新"] is not None and row["会员编号"]


def _sheet_cells(path):
    ws = load_workbook(path).active
    return ws.freeze_panes, [[(c.value, c.number_format, c.font.b) for c in row] for row in ws.iter_rows()]


@pytest.mark.parametrize("unmasked", [False, True])
def test_shared_strings_and_streaming_write_the_same_workbook(store, matchmaker, tmp_path, monkeypatch, unmasked):
    """A small export is written with a shared strings table, a large one streams each cell
    inline: openpyxl reads the same cells, formats and frozen header from both."""
    import zipfile

    from xzdesk.domain.spreadsheets import tables

    ids = seed(store, matchmaker, n=5, hobbies=["羽毛球"], height_cm=172)
    with unit_of_work(store, matchmaker) as uow:
        grant_consent(uow, member_id=ids[1], type="sensitive", channel="paper_form")
    kw = {"columns": tuple(MEMBER_COLUMNS), "unmasked": unmasked, "reason": "工会核对会员名单"}
    export(store, matchmaker, tmp_path / "shared.xlsx", **kw)
    monkeypatch.setattr(tables, "SHARED_STRINGS_CELLS", 0)
    export(store, matchmaker, tmp_path / "streamed.xlsx", **kw)
    with zipfile.ZipFile(tmp_path / "shared.xlsx") as z:
        assert "xl/sharedStrings.xml" in z.namelist()
    with zipfile.ZipFile(tmp_path / "streamed.xlsx") as z:
        assert b't="inlineStr"' in z.read("xl/worksheets/sheet1.xml")
    shared, streamed = _sheet_cells(tmp_path / "shared.xlsx"), _sheet_cells(tmp_path / "streamed.xlsx")
    assert shared == streamed and shared[0] == "A2" and len(shared[1]) == 6
    id_col = list(MEMBER_COLUMNS).index("id_number")
    assert {row[id_col][1] for row in shared[1][1:]} == {"@"}
    assert all(cell[2] for cell in shared[1][0])  # the bold header
    written = {row[id_col][0] for row in shared[1][1:]}
    if unmasked:
        assert written == {make_id("19900101", i, male=True) for i in range(5)}
    else:
        assert all("*" * 11 in number for number in written)
