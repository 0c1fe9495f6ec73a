"""Cleaning cell values as people type them (and as Excel damages them)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from xzdesk.domain.spreadsheets.fields import IGNORED, field_for_header
from xzdesk.domain.spreadsheets.values import (
    YearMonth,
    clean_date,
    clean_district,
    clean_education,
    clean_height,
    clean_id_number,
    clean_marital,
    clean_mobile,
    clean_name,
    clean_sex,
    clean_value,
    clean_weight,
)

VALID = "320302197001010012"


@pytest.mark.parametrize(
    "raw",
    ["1990.1.1", "1990/01/01", "1990-1-1", "1990年1月1日", "19900101", "１９９０年１月１日", "1990/1/1 00:00:00",
     32874, 32874.0, "32874", 19900101, datetime(1990, 1, 1, 0, 0), date(1990, 1, 1)],
)  # fmt: skip
def test_every_date_form_people_type(raw):
    assert clean_date(raw) == date(1990, 1, 1)


def test_dates_that_are_not_dates_pass_through_for_validation():
    assert clean_date("1990.2.30") == "1990.2.30"  # validation reports members.bad_date
    assert clean_date("去年") == "去年"
    assert clean_date("1990.01") == YearMonth(1990, 1)
    assert clean_date("1990年1月") == YearMonth(1990, 1)
    assert clean_date(None) is None and clean_date("") is None


def test_serial_dates_follow_the_workbook_epoch():
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    assert clean_date(31412, epoch=CALENDAR_MAC_1904) == date(1990, 1, 1)


@pytest.mark.parametrize(("raw", "code"), [("男", 1), ("女", 2), ("M", 1), ("f", 2), ("Male", 1), ("FEMALE", 2),
                                            (1, 1), (2.0, 2), ("2", 2), ("男性", 1), ("女士", 2)])  # fmt: skip
def test_sex_words(raw, code):
    assert clean_sex(raw) == code


def test_unknown_sex_passes_through():
    assert clean_sex("未知") == "未知"


@pytest.mark.parametrize(
    ("raw", "code"),
    [("本科", 21), ("大学本科", 21), ("大专", 31), ("大学专科", 31), ("硕士", 14), ("研究生", 14), ("硕士研究生", 14),
     ("博士", 11), ("中专", 41), ("中等专科", 41), ("技校", 41), ("高中", 61), ("初中", 71), ("小学", 81),
     ("Bachelor", 21), ("21", 21), (31, 31), ("本科（学士）", 21)],
)  # fmt: skip
def test_education_words_to_gb_t_4658(raw, code):
    assert clean_education(raw) == code


@pytest.mark.parametrize(("raw", "code"), [("未婚", 10), ("离异", 40), ("离婚", 40), ("丧偶", 30), ("未说明", 90),
                                            ("离异无子女", 40), ("single", 10), (10, 10), ("40", 40)])  # fmt: skip
def test_marital_words_to_gb_t_2261_2(raw, code):
    problems = []
    assert clean_marital(raw, problems) == code
    assert problems == []


def test_married_people_cannot_register():
    problems = []
    assert clean_marital("已婚", problems) is None
    assert [p.code for p in problems] == ["import.married"]
    # Words are read once per import and remembered: the second married row is refused too.
    again = []
    assert clean_marital("已婚", again) is None and clean_marital("已婚", again) is None
    assert [p.code for p in again] == ["import.married", "import.married"]


def test_each_field_reads_its_cells_the_same_way_every_time():
    """The per-column readers (values.cleaner) and remembered words give what clean_value gives
    on every call, for text and numeric cells alike."""
    from xzdesk.domain.spreadsheets.values import cleaner

    cells = {"sex": ["男", "女", 1, "女"], "education": ["大学本科", 21, "大学本科"], "height_cm": ["175cm", 1.75, "175cm"],
             "district_code": ["鼓楼", 320311, "鼓楼"], "employer": ["徐工集团", "徐工集团"], "birth_date": ["1990.1.2", 32874]}  # fmt: skip
    for field, raws in cells.items():
        for raw in raws:
            problems, direct = [], []
            assert cleaner(field)(raw, problems) == clean_value(field, raw, problems=direct) is not None
            assert problems == direct == []
    assert cleaner("sex")("男", []) == 1 and cleaner("height_cm")(1.75, []) == 175


@pytest.mark.parametrize(("raw", "code"), [("鼓楼区", "320302"), ("鼓楼", "320302"), ("徐州市鼓楼区", "320302"),
                                            ("江苏省徐州市云龙区", "320303"), ("铜山", "320312"), ("丰县", "320321"),
                                            ("邳州", "320382"), ("经开区", "320371"), ("320311", "320311"),
                                            (320311, "320311"), ("泉 山 区", "320311")])  # fmt: skip
def test_district_names_to_codes(raw, code):
    assert clean_district(raw) == code


def test_unknown_district_passes_through():
    assert clean_district("朝阳区") == "朝阳区"


@pytest.mark.parametrize(("raw", "cm"), [("175cm", 175), ("175 CM", 175), ("175厘米", 175), ("1.75m", 175),
                                          ("1.75米", 175), (175, 175), (175.4, 175), (1.68, 168), ("１７５", 175)])  # fmt: skip
def test_heights(raw, cm):
    assert clean_height(raw) == cm


def test_weights_in_kilograms_and_jin():
    assert clean_weight("60kg") == 60
    assert clean_weight("120斤") == 60
    assert clean_weight("55公斤") == 55
    assert clean_weight("重") == "重"


def test_full_width_and_spaces():
    assert clean_name("  张　三  ") == "张三"
    assert clean_name("Li  Ming") == "Li Ming"
    problems = []
    assert clean_value("employer", "ＸＣＭＧ　徐工", problems=problems) == "XCMG 徐工"
    assert clean_id_number("３２０３０２１９７００１０１００１２", problems) == VALID
    assert clean_mobile("１３８ １２３４ ５６７８", problems) == "138 1234 5678"  # validation strips the spaces
    assert problems == []


def test_id_in_scientific_notation_text():
    problems = []
    assert clean_id_number("3.20302E+17", problems) is None
    assert [p.code for p in problems] == ["import.id_scientific"]


def test_id_stored_as_a_number_lost_its_digits():
    problems = []
    assert clean_id_number(3.2030219700101e17, problems) is None
    assert [p.code for p in problems] == ["import.id_numeric_damaged"]


def test_id_with_trailing_zeros_from_a_damaged_copy():
    problems = []
    assert clean_id_number("320302197001010000", problems) is None
    assert [p.code for p in problems] == ["import.id_trailing_zeros"]


def test_valid_id_ending_in_zeros_is_fine():
    from tests.domain.spreadsheets.helpers import make_id

    # An ID whose sequence and check happen to end in 000 must not be flagged.
    candidates = [make_id(f"1990{m:02d}{d:02d}", 0, male=False) for m in range(1, 13) for d in range(1, 29)]
    zeros = [c for c in candidates if c.endswith("000")]
    problems = []
    for number in zeros:
        assert clean_id_number(number, problems) == number
    assert problems == []


def test_id_that_lost_its_x():
    problems = []
    assert clean_id_number("11010519491231002", problems) is None  # 11010519491231002X
    assert [p.code for p in problems] == ["import.id_missing_x"]
    problems.clear()
    assert clean_id_number(11010519491231002, problems) is None
    assert [p.code for p in problems] == ["import.id_missing_x"]


def test_intact_numeric_id_is_accepted_with_a_warning():
    problems = []
    assert clean_id_number(320302197001010012, problems) == VALID
    assert [(p.code, p.warning) for p in problems] == [("import.id_numeric", True)]


def test_legacy_15_digit_id_and_quote_prefix():
    problems = []
    assert clean_id_number(370725881105149, problems) == "370725881105149"  # validation upgrades it
    assert clean_id_number("'320302197001010012", problems) == VALID
    assert clean_id_number("32030219700101001x", problems) == "32030219700101001X"
    assert problems == []


def test_mobiles():
    problems = []
    assert clean_mobile(13812345678, problems) == "13812345678"
    assert clean_mobile(13812345678.0, problems) == "13812345678"
    assert clean_mobile("+86 138-1234-5678", problems) == "+86 138-1234-5678"
    assert problems == []
    assert clean_mobile("1.38123E+10", problems) is None
    assert [p.code for p in problems] == ["import.mobile_scientific"]
    problems.clear()
    assert clean_mobile("13812345678/13900001111", problems) == "13812345678"
    assert [(p.code, p.warning) for p in problems] == [("import.mobile_multiple", True)]


@pytest.mark.parametrize(
    ("header", "field"),
    [("姓名", "name"), ("身份证号", "id_number"), ("身份证号码", "id_number"), ("公民身份号码", "id_number"),
     ("手机", "mobile"), ("手机号", "mobile"), ("联系电话", "mobile"), ("工作单位", "employer"),
     ("基层工会", "base_union"), ("会员证号", "union_no"), ("学历", "education"), ("身高(cm)", "height_cm"),
     ("身高（厘米）", "height_cm"), ("体重", "weight_kg"), ("婚姻状况", "marital_status"), ("爱好", "hobbies"),
     ("兴趣爱好", "hobbies"), ("出生日期", "birth_date"), ("所在区", "district_code"), ("区县", "district_code"),
     ("*姓 名", "name"), ("手机号码（必填）", "mobile"), ("身份证\n号码", "id_number"), ("Name", "name"),
     ("ID Number", "id_number"), ("Mobile Phone", "mobile"), ("Date of Birth", "birth_date"), ("Employer", "employer"),
     ("Education", "education"), ("民族", IGNORED), ("序号", IGNORED), ("宠物", None)],
)  # fmt: skip
def test_header_names(header, field):
    assert field_for_header(header) == field
