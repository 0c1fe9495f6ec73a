"""Rosters as unions send them: 出生年月 in every compact and partial form (never an Excel
serial), checked against the ID at month precision; the district named in the title rows, the
sheet name or the file name when the roster has no district column."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook

from tests.domain.spreadsheets.helpers import HEADERS, make_id, person, write_csv, write_xlsx
from xzdesk.domain.spreadsheets import RowStatus, analyse_import, inspect_source
from xzdesk.domain.spreadsheets.values import YearMonth, clean_date, districts_named

TODAY = date(2026, 3, 1)
NO_DISTRICT = [h for h in HEADERS if h != "所在区"]


# --- 出生年月 ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw",
    ["198805", 198805, 198805.0, "1988.05", 1988.05, "88年5月", "1988-5", "1988年5月", "1988/5", "1988.5",
     "１９８８年５月", "1988 年 05 月", "1988-05", "88年05月"],
)  # fmt: skip
def test_year_month_forms(raw):
    assert clean_date(raw) == YearMonth(1988, 5)


def test_a_plausible_yyyymm_is_never_an_excel_serial():
    """198805 as a serial is 2444-04-21; every six-digit number is read as year and month, and one
    that is no year and month is left for validation to refuse (never a date in the 25th century)."""
    assert clean_date(198805) == YearMonth(1988, 5)
    assert clean_date(200012) == YearMonth(2000, 12)
    assert clean_date(198813) == "198813" and clean_date("198800") == "198800"
    assert clean_date(1988) == "1988"  # a year alone is not a birth date (as a serial: 1905-06-10)
    assert clean_date(32874) == date(1990, 1, 1)  # five digits stay serials
    assert clean_date(19880503) == date(1988, 5, 3)


def test_excel_keeps_1988_10_as_1988_1_so_both_months_are_possible():
    month = clean_date(1988.1)
    assert month == YearMonth(1988, 1, alt_month=10)
    assert month.matches(date(1988, 1, 20)) and month.matches(date(1988, 10, 20))
    assert not month.matches(date(1988, 11, 20))
    assert clean_date("1988.10") == YearMonth(1988, 10) and clean_date("1988.1") == YearMonth(1988, 1)
    assert clean_date(1988.12) == YearMonth(1988, 12)


def test_two_digit_years_and_full_short_dates():
    assert clean_date("05年3月") == YearMonth(2005, 3)
    assert clean_date("88年5月3日") == date(1988, 5, 3)


def _birth_roster(tmp_path, births: list[object], *, ids: list[str] | None = None):
    headers = ["姓名", "性别", "身份证号", "手机", "出生年月", "所在区"]
    rows = []
    for n, birth in enumerate(births):
        rows.append([f"王伟{'张刘陈杨黄赵吴周'[n]}", "男", ids[n] if ids else make_id("19880517", n, male=True),
                     f"139{n:08d}", birth, "鼓楼区"])  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    path = tmp_path / "births.xlsx"
    wb.save(path)
    return path


def test_year_month_is_compared_with_the_id_at_month_precision(store, matchmaker, tmp_path):
    forms = ["198805", 198805, "1988.05", 1988.05, "88年5月", "1988-5", "1988年5月", "1988/5"]
    path = _birth_roster(tmp_path, forms)
    preview = analyse_import(store, path, actor=matchmaker, today=TODAY)
    assert [r.status for r in preview.rows] == [RowStatus.NEW] * len(forms), [r.problems for r in preview.rows]


def test_a_year_month_that_contradicts_the_id_is_refused(store, matchmaker, tmp_path):
    path = _birth_roster(tmp_path, ["198806", 1988.1])
    preview = analyse_import(store, path, actor=matchmaker, today=TODAY)
    assert {p.code for p in preview.rows[0].problems} == {"members.birth_contradicts_id"}
    assert {p.code for p in preview.rows[1].problems} == {"members.birth_contradicts_id"}  # neither Jan nor Oct


def test_a_year_month_without_an_id_is_refused_for_the_id_only(store, matchmaker, tmp_path):
    path = _birth_roster(tmp_path, ["198805"], ids=[""])
    row = analyse_import(store, path, actor=matchmaker, today=TODAY).rows[0]
    assert row.status is RowStatus.ERROR
    assert [(p.field, p.code) for p in row.problems] == [("id_number", "members.required")]


# --- the district a roster names --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [("徐州市鼓楼区总工会2024年单身职工花名册", "320302"), ("鼓楼区", "320302"), ("鼓楼", "320302"),
     ("鼓楼工会单身职工名单", "320302"), ("云龙区", "320303"), ("贾汪区总工会", "320305"), ("泉山", "320311"),
     ("铜山区", "320312"), ("铜山县", "320312"), ("丰县总工会", "320321"), ("沛县", "320322"), ("睢宁县", "320324"),
     ("睢宁", "320324"), ("新沂市", "320381"), ("邳州市总工会", "320382"), ("徐州经济技术开发区总工会", "320371"),
     ("经开区", "320371"), ("江苏省徐州市贾汪区", "320305")],
)  # fmt: skip
def test_every_district_and_county_with_and_without_prefix_and_suffix(text, code):
    assert [c for c, _words in districts_named(text)] == [code]


@pytest.mark.parametrize("text", ["云龙湖景区管委会工会", "南京鼓楼医院", "Sheet1", "花名册", "徐州市总工会"])
def test_words_that_only_look_like_a_district(text):
    assert districts_named(text) == []


def _no_district_rows(n: int = 2) -> list[list[object]]:
    return [[p.get(h) for h in NO_DISTRICT] for p in (person(i) for i in range(1, n + 1))]


def test_district_in_the_title_row(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", _no_district_rows(), title="徐州市鼓楼区总工会2024年单身职工花名册",
                      headers=NO_DISTRICT, sheet="Sheet1")  # fmt: skip
    hint = inspect_source(path).district_hint
    assert hint is not None and (hint.code, hint.origin, hint.words, hint.row) == ("320302", "title", "鼓楼区", 1)


def test_district_in_the_sheet_name(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", _no_district_rows(), headers=NO_DISTRICT, sheet="云龙")
    hint = inspect_source(path).district_hint
    assert hint is not None and (hint.code, hint.origin, hint.sheet) == ("320303", "sheet", "云龙")


def test_district_in_the_file_name_of_a_csv(tmp_path):
    path = write_csv(tmp_path / "邳州市总工会名单.csv", _no_district_rows(), headers=NO_DISTRICT)
    hint = inspect_source(path).district_hint
    assert hint is not None and (hint.code, hint.origin, hint.words) == ("320382", "file", "邳州市")


def test_the_title_wins_and_two_districts_name_none(tmp_path):
    path = write_xlsx(tmp_path / "丰县.xlsx", _no_district_rows(), title="睢宁县总工会花名册", headers=NO_DISTRICT,
                      sheet="沛县")  # fmt: skip
    assert inspect_source(path).district_hint.code == "320324"
    joint = write_xlsx(tmp_path / "鼓楼.xlsx", _no_district_rows(), title="鼓楼区、云龙区联合联谊报名表",
                       headers=NO_DISTRICT)  # fmt: skip
    assert inspect_source(joint).district_hint is None  # a joint roster: rows must say
    plain = write_xlsx(tmp_path / "名单.xlsx", _no_district_rows(), headers=NO_DISTRICT, sheet="Sheet1")
    assert inspect_source(plain).district_hint is None


def test_a_roster_with_the_district_in_its_title_imports_with_it(store, matchmaker, tmp_path):
    from xzdesk.domain.spreadsheets import ImportOptions

    path = write_xlsx(tmp_path / "r.xlsx", _no_district_rows(3), title="徐州市鼓楼区总工会单身职工花名册",
                      headers=NO_DISTRICT)  # fmt: skip
    source = inspect_source(path)
    refused = analyse_import(store, source, actor=matchmaker, today=TODAY)
    assert {p.code for r in refused.rows for p in r.problems} == {"members.required"}  # 所在区必填, row by row
    options = ImportOptions(defaults={"district_code": source.district_hint.code})
    preview = analyse_import(store, source, actor=matchmaker, today=TODAY, options=options)
    assert [r.status for r in preview.rows] == [RowStatus.NEW] * 3
