"""The error workbook: a copy of the roster with bad cells filled and commented, and a message column."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from tests.domain.spreadsheets.helpers import HEADERS, person, roster_rows, write_csv, write_xlsx
from xzdesk.commands._messages import words
from xzdesk.domain.spreadsheets import analyse_import, write_error_workbook
from xzdesk.domain.spreadsheets.error_book import ERROR_FILL, WARNING_FILL
from xzdesk.domain.spreadsheets.labels import ERROR_COLUMN

COL = {h: i + 1 for i, h in enumerate(HEADERS)}  # 1-based, as openpyxl counts
MESSAGE_COL = len(HEADERS) + 1


def zh(code, params):
    return words(code, params, 0)


def rows():
    return [
        person(1),
        person(2, 身份证号="3.20302E+17"),
        person(3, 手机="12345", 学历="幼儿园"),
        person(4, 身份证号=320302198505050000),  # a number that happens to end in 000: damaged
        person(1),  # the same person as the first row
    ]


def test_copy_keeps_the_layout_and_marks_cells(store, matchmaker, tmp_path):
    src = write_xlsx(tmp_path / "r.xlsx", roster_rows(rows()), title="花名册")
    preview = analyse_import(store, src, actor=matchmaker, today=date(2026, 3, 1))
    out = tmp_path / "errors.xlsx"
    assert write_error_workbook(preview, out, describe=zh) == 4
    ws = load_workbook(out).active
    assert ws["A1"].value == "花名册" and "A1:N1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.cell(2, MESSAGE_COL).value == ERROR_COLUMN
    good = ws.cell(3, COL["身份证号"])
    assert good.comment is None and good.fill.fgColor.rgb != ERROR_FILL.fgColor.rgb
    assert ws.cell(3, MESSAGE_COL).value is None
    sci = ws.cell(4, COL["身份证号"])
    assert sci.fill.fgColor.rgb == ERROR_FILL.fgColor.rgb and "科学计数法" in sci.comment.text
    assert "身份证号" in ws.cell(4, MESSAGE_COL).value and "科学计数法" in ws.cell(4, MESSAGE_COL).value
    assert ws.cell(5, COL["手机"]).fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert ws.cell(5, COL["学历"]).comment.text == "学历无法识别：“幼儿园”"
    assert "手机" in ws.cell(5, MESSAGE_COL).value and "学历" in ws.cell(5, MESSAGE_COL).value
    assert "数字" in ws.cell(6, COL["身份证号"]).comment.text
    assert "第 3 行" in ws.cell(7, MESSAGE_COL).value  # duplicate of the first data row
    assert ws.cell(4, COL["姓名"]).value == person(2)["姓名"]  # the values stay for the clerk to fix


def test_streamed_copy_of_a_csv_with_text_ids(store, matchmaker, tmp_path):
    src = write_csv(tmp_path / "r.csv", roster_rows(rows()), encoding="gb18030")
    preview = analyse_import(store, src, actor=matchmaker, today=date(2026, 3, 1))
    out = tmp_path / "errors.xlsx"
    write_error_workbook(preview, out, describe=zh)
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]][: len(HEADERS)] == HEADERS and ws.cell(1, MESSAGE_COL).value == ERROR_COLUMN
    ok_id = ws.cell(2, COL["身份证号"])
    assert ok_id.value == person(1)["身份证号"] and ok_id.data_type == "s" and ok_id.number_format == "@"
    assert ws.cell(3, COL["身份证号"]).fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert "科学计数法" in ws.cell(3, MESSAGE_COL).value
    assert ws.max_row == 6


def test_only_problem_rows_and_warnings(store, matchmaker, tmp_path):
    data = rows() + [person(6, 手机="13900000006/13900000007")]
    src = write_xlsx(tmp_path / "r.xlsx", roster_rows(data), title="花名册")
    preview = analyse_import(store, src, actor=matchmaker, today=date(2026, 3, 1))
    out = tmp_path / "errors.xlsx"
    assert write_error_workbook(preview, out, describe=zh, only_problem_rows=True) == 5
    ws = load_workbook(out).active
    assert ws.max_row == 2 + 5  # title, header and the five marked rows
    names = [ws.cell(r, COL["姓名"]).value for r in range(3, 8)]
    assert person(1)["姓名"] in names[-2:] and names[0] == person(2)["姓名"]
    warn = ws.cell(7, COL["手机"])
    assert warn.fill.fgColor.rgb == WARNING_FILL.fgColor.rgb and "第一个" in warn.comment.text
    assert not (tmp_path / "errors.xlsx.part").exists()


def test_big_xlsx_is_streamed_with_the_same_marks(store, matchmaker, tmp_path):
    src = write_xlsx(tmp_path / "r.xlsx", roster_rows(rows()), title="花名册")
    preview = analyse_import(store, src, actor=matchmaker, today=date(2026, 3, 1))
    out = tmp_path / "errors.xlsx"
    assert write_error_workbook(preview, out, describe=zh, copy_limit=0) == 4
    ws = load_workbook(out).active
    assert ws["A1"].value == "花名册" and ws.cell(2, MESSAGE_COL).value == ERROR_COLUMN
    assert ws.cell(3, COL["身份证号"]).value == person(1)["身份证号"]
    assert ws.cell(3, COL["身份证号"]).number_format == "@"
    sci = ws.cell(4, COL["身份证号"])
    assert sci.fill.fgColor.rgb == ERROR_FILL.fgColor.rgb and "科学计数法" in sci.comment.text
    assert "第 3 行" in ws.cell(7, MESSAGE_COL).value
