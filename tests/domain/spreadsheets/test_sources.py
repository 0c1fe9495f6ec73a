"""Finding the header under title rows and merged cells; CSV encodings; the column mapping."""

from __future__ import annotations

import codecs

import pytest
from openpyxl import Workbook

from tests.domain.spreadsheets.helpers import HEADERS, person, roster_rows, write_csv, write_xlsx
from xzdesk.domain.errors import XzError
from xzdesk.domain.spreadsheets.mapping import guess_mapping, mapping_for
from xzdesk.domain.spreadsheets.sources import RowStream, detect_encoding, inspect_source


def test_header_under_title_rows_and_merged_title(tmp_path):
    path = tmp_path / "r.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["徐州市某单位单身职工花名册"])
    ws.merge_cells("A1:N1")
    ws.append(["填报单位：徐工集团工会", None, None, None, None, None, None, None, None, None, "填报日期：2026年3月"])
    ws.append([])
    ws.append(HEADERS)
    ws.append(roster_rows([person(1)])[0])
    wb.save(path)
    src = inspect_source(path)
    assert src.kind == "xlsx" and src.sheet == ws.title
    assert src.header_rows == (4,) and src.data_row == 5
    fields = {c.header: c.field for c in src.columns}
    assert fields["身份证号"] == "id_number" and fields["手机"] == "mobile" and fields["民族"] == ""
    with RowStream(src) as rows:
        assert [n for n, _ in rows] == [5]


def test_two_level_header_with_merged_group_cells(tmp_path):
    """姓名/性别 merged over two header rows; 联系方式 merged over 手机 and 座机."""
    path = tmp_path / "r.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["花名册"])
    ws.merge_cells("A1:F1")
    ws.append(["姓名", "性别", "身份证号码", "联系方式", None, "学历"])
    ws.append([None, None, None, "手机", "座机", None])
    for col in "ABCF":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("D2:E2")
    p = person(2)
    ws.append([p["姓名"], p["性别"], p["身份证号"], p["手机"], "0516-83881234", "本科"])
    wb.save(path)
    src = inspect_source(path)
    assert src.header_rows == (2, 3) and src.data_row == 4
    by_letter = {c.letter: c for c in src.columns}
    assert by_letter["D"].field == "mobile" and by_letter["D"].header == "联系方式/手机"
    assert by_letter["E"].field is None  # 座机 (landline) is not a member field
    assert by_letter["A"].field == "name" and by_letter["C"].field == "id_number" and by_letter["F"].field == "education"


def test_sub_header_row_holds_most_names(tmp_path):
    """The best row is the lower one; vertically merged names above it are folded in."""
    path = tmp_path / "r.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "基本信息", None, None, "备注"])
    ws.append([None, "身份证号", "手机号", "工作单位", None])
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:D1")
    ws.append(["张三", "320302197001010012", "13812345678", "徐工", None])
    wb.save(path)
    src = inspect_source(path)
    assert src.header_rows == (1, 2) and src.data_row == 3
    assert [c.field for c in src.columns] == ["name", "id_number", "mobile", "employer", ""]


def test_first_sheet_with_a_header_is_chosen(tmp_path):
    path = tmp_path / "r.xlsx"
    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["请按模板填写，身份证号列请设为文本"])
    ws = wb.create_sheet("名单")
    ws.append(HEADERS)
    wb.save(path)
    assert inspect_source(path).sheet == "名单"
    with pytest.raises(XzError) as err:
        inspect_source(path, sheet="没有")
    assert err.value.code == "import.sheet_not_found"


def test_english_headers(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [], headers=["Name", "Gender", "ID Number", "Mobile", "Employer",
                                                        "Date of Birth", "District", "Hobbies"])  # fmt: skip
    fields = [c.field for c in inspect_source(path).columns]
    assert fields == ["name", "sex", "id_number", "mobile", "employer", "birth_date", "district_code", "hobbies"]


def test_no_header_and_bad_files(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [["a", "b"]], headers=["甲", "乙"])
    with pytest.raises(XzError) as err:
        inspect_source(path)
    assert err.value.code == "import.no_header"
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(XzError) as err:
        inspect_source(tmp_path / "old.xls")
    assert err.value.code == "import.unsupported_format" and err.value.params == {"suffix": ".xls"}
    (tmp_path / "fake.xlsx").write_bytes(b"not a zip")
    with pytest.raises(XzError) as err:
        inspect_source(tmp_path / "fake.xlsx")
    assert err.value.code == "import.unreadable"
    with pytest.raises(XzError) as err:
        inspect_source(tmp_path / "missing.csv")
    assert err.value.code == "import.file_not_found"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_encodings_are_detected(tmp_path, encoding):
    p = person(3, 姓名="䶮𠇔")  # a GB 18030-2022 character and a supplementary-plane one
    path = write_csv(tmp_path / "r.csv", roster_rows([p]), encoding=encoding)
    src = inspect_source(path)
    assert src.kind == "csv"
    assert src.encoding == {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "gb18030": "gb18030", "utf-16": "utf-16"}[encoding]
    with RowStream(src) as rows:
        [(number, values)] = list(rows)
    assert number == 2 and values[0] == "䶮𠇔" and values[2] == p["身份证号"]


def test_detect_encoding_on_samples():
    assert detect_encoding(codecs.BOM_UTF8 + "姓名".encode()) == "utf-8-sig"
    assert detect_encoding("姓名,身份证号".encode()) == "utf-8"
    assert detect_encoding("姓名,身份证号".encode("gb18030")) == "gb18030"
    assert detect_encoding("姓名".encode()[:-1]) == "utf-8"  # a sample cut inside a character


def test_undecodable_csv_reports_the_row(tmp_path):
    path = tmp_path / "r.csv"
    good = ("姓名,身份证号,手机\n" + "张三,320302197001010012,13812345678\n" * 20000).encode("utf-8")
    path.write_bytes(good + "李四,x,y\n".encode("gb18030"))
    src = inspect_source(path)
    with pytest.raises(XzError) as err, RowStream(src) as rows:
        list(rows)
    # Reported near the bad line (the decoder reads ahead by a buffer of text).
    assert err.value.code == "import.encoding" and 19_000 < err.value.params["row"] <= 20_002


def test_mapping_guess_changes_and_memory(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [], headers=["姓名", "证件", "电话号码", "单位"])
    src = inspect_source(path)
    guess = guess_mapping(src)
    assert guess.to_dict() == {"A": "name", "B": "", "C": "mobile", "D": "employer"}
    assert guess.missing_required == ("id_number", "district_code")
    fixed = guess.with_changes({"B": "id_number", "单位": ""})
    assert fixed.to_dict() == {"A": "name", "B": "id_number", "C": "mobile", "D": ""}
    with pytest.raises(XzError) as err:
        guess.with_changes({"Z": "name"})
    assert err.value.code == "import.mapping_column"
    with pytest.raises(XzError) as err:
        guess.with_changes({"A": "religion"})
    assert err.value.code == "import.mapping_field"
    remembered = {src.source_key: fixed.to_dict()}
    again = inspect_source(write_xlsx(tmp_path / "r2.xlsx", [["x"]], headers=["姓名", "证件", "电话号码", "单位"],
                                      title="第二批"))  # fmt: skip
    assert again.source_key == src.source_key  # same layout under a title row: same key
    recalled = mapping_for(again, remembered)
    assert recalled.remembered and recalled.to_dict() == fixed.to_dict()
    other = inspect_source(write_xlsx(tmp_path / "r3.xlsx", [], headers=["姓名", "手机"]))
    assert not mapping_for(other, remembered).remembered
