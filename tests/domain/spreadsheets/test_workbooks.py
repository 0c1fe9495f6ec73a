"""The fast reader (calamine) gives the importer the rows openpyxl's read-only mode gives; the fast
writer (XlsxWriter) leaves no file behind when a write fails."""

from __future__ import annotations

import gc
import tempfile
from datetime import date, datetime, time

import pytest
from openpyxl import Workbook, load_workbook

from tests.domain.spreadsheets.helpers import make_id
from xzdesk.domain.spreadsheets.sources import RowStream, inspect_source, sheet_names
from xzdesk.domain.spreadsheets.tables import open_table
from xzdesk.domain.spreadsheets.values import EXCEL_EPOCH

ID_TEXT = make_id("19900102", 7, male=True)
ID_SHORT = make_id("19880315", 8, male=False)


def openpyxl_rows(path, sheet):
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def messy_roster(path):
    """Title rows, a merged title, a two-level header with merged group cells, dates typed as
    dates and date-times, IDs as text, as damaged numbers and as intact 15-digit numbers, whole
    and fractional numbers, booleans, empty cells and a gap row, data not starting in column A."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws["B1"] = "徐州市鼓楼区总工会单身职工花名册"
    ws.merge_cells("B1:J1")
    ws.append([None, "姓名", "性别", "身份证号码", "联系方式", None, "出生日期", "身高", "在职", "备注"])
    ws.append([None, None, None, None, "手机", "座机", None, None, None, None])
    for col in "BCDGHIJ":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("E2:F2")
    ws.append([None, "张三", "男", ID_TEXT, 13912345678, "0516-83881234", datetime(1990, 1, 2), 175, True, None])
    ws.append([None, "李娜", "女", int(ID_TEXT[:17]) * 10, "13812345678", None, date(1988, 3, 15), 162.5, False, ""])
    ws.append([None, "王芳", 2, 320302880315162, None, None, datetime(1988, 3, 15, 9, 30), None, None, "=1+1"])
    ws.append([])
    ws.append([None, "赵六", "男", ID_SHORT, 1.3912345678e10, None, 32875, "170cm", None, time(8, 30)])
    ws.append([None, "合计：4人"])
    wb.save(path)
    return path


def test_calamine_rows_equal_openpyxl_read_only(tmp_path):
    path = messy_roster(tmp_path / "r.xlsx")
    src = inspect_source(path)
    assert src.sheet == "花名册" and src.header_rows == (2, 3) and src.data_row == 4
    assert [c.field for c in src.columns][1:5] == ["name", "sex", "id_number", "mobile"]
    assert src.district_hint is not None and src.district_hint.code == "320302"
    assert src.rows_hint == 9 and src.epoch == EXCEL_EPOCH
    with RowStream(src, start_row=1) as stream:
        ours = [values for _number, values in stream]
    assert ours == openpyxl_rows(path, "花名册")
    by_type = [type(v) for v in ours[3]]
    assert by_type[4] is int and by_type[6] is datetime  # 13912345678 stays whole; a date stays a datetime
    assert type(ours[4][3]) is float and ours[5][3] == 320302880315162  # a damaged 18-digit number; a 15-digit one


def test_rows_from_a_later_row_keep_their_numbers(tmp_path):
    path = messy_roster(tmp_path / "r.xlsx")
    src = inspect_source(path)
    with RowStream(src) as stream:
        numbered = list(stream)
    assert [n for n, _ in numbered] == [4, 5, 6, 7, 8, 9]
    assert numbered[0][1][1] == "张三" and numbered[4][1][1] == "赵六"


def test_hidden_sheets_come_last_and_the_1904_epoch_is_read(tmp_path):
    path = tmp_path / "r.xlsx"
    wb = Workbook()
    hidden = wb.active
    hidden.title = "旧名单"
    hidden.append(["姓名", "身份证号"])
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("名单")
    ws.append(["姓名", "身份证号", "出生日期"])
    ws.append(["张三", ID_TEXT, 31412])
    wb.epoch = datetime(1904, 1, 1)
    wb.save(path)
    src = inspect_source(path)
    assert src.sheet == "名单" and src.epoch == datetime(1904, 1, 1)
    assert sheet_names(path) == ("旧名单", "名单")
    with RowStream(src, start_row=1) as stream:
        assert [v for _n, v in stream] == openpyxl_rows(path, "名单")


def test_a_failed_xlsx_write_leaves_no_file_and_no_temporary_file(tmp_path, monkeypatch):
    """XlsxWriter streams each sheet into a temporary file that only a successful close removes:
    the error path must remove it too (a roster's personal data must not stay in /tmp)."""
    folder, temp = tmp_path / "out", tmp_path / "tmp"
    folder.mkdir()
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    with pytest.raises(RuntimeError), open_table(folder / "list.xlsx", headers=["姓名", "身份证号"],
                                                 text_columns={1}) as table:  # fmt: skip
        table.row(["张*", "320***********001X"])
        assert list(temp.iterdir())  # the sheet streams through a temporary file
        raise RuntimeError("disk full")
    gc.collect()
    assert list(folder.iterdir()) == [] and list(temp.iterdir()) == []


def test_written_table_reads_back_typed(tmp_path):
    target = tmp_path / "list.xlsx"
    with open_table(target, headers=["编号", "姓名", "生日", "身高", "在职"], text_columns={0}, sheet_title="名单") as t:
        t.row([123, "=HYPERLINK(\"x\")", date(1990, 1, 2), 175, True])
        t.row([None, "李*", None, 162.5, False])
    ws = load_workbook(target).active
    assert ws.title == "名单" and ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["编号", "姓名", "生日", "身高", "在职"] and ws["A1"].font.b
    assert ws["A2"].value == "123" and ws["A2"].data_type == "s" and ws["A2"].number_format == "@"
    assert ws["B2"].data_type == "s" and ws["B2"].value == "=HYPERLINK(\"x\")"
    assert ws["C2"].value == datetime(1990, 1, 2) and ws["C2"].number_format == "yyyy-mm-dd"
    assert (ws["D2"].value, ws["E2"].value, ws["D3"].value, ws["E3"].value) == (175, True, 162.5, False)
    assert ws["A3"].value is None and ws["C3"].value is None
