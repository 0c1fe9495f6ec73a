"""Messy rosters built in the tests, the way base unions send them: title rows, merged group
headers, full-width digits, dates as date cells, typed text and Excel serial numbers, footers."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from xzdesk.domain.members.identity import check_char

WIDE = {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}
REGION = "320303"  # 云龙区


def make_id(birth: str, seq: int, *, male: bool) -> str:
    first17 = f"{REGION}{birth}{(seq * 2 + (1 if male else 0)) % 1000:03d}"
    return first17 + check_char(first17)


def mobile(n: int) -> str:
    return f"1995501{n:04d}"


# Row 3 is the header; 联系方式 is merged over 手机 and 座机 in row 4. No district column: the
# default district option fills it. 个人爱好 is a name the engine does not know (to be mapped by hand).
HEADER = ["序号", "姓名", "性别", "公民身份号码", "联系方式", None, "出生年月日", "工作单位", "学历", "身高(cm)",
          "婚姻状况", "个人爱好"]  # fmt: skip
SUBHEADER = [None, None, None, None, "手机", "座机", None, None, None, None, None, None]


def person(n: int, *, male: bool, birth: tuple[int, int, int], **over: Any) -> dict[str, Any]:
    y, m, d = birth
    row = {
        "序号": n, "姓名": ("王" if male else "李") + "红梅建国志强"[n % 6] + "秀丽"[n % 2],
        "性别": "男" if male else "女", "公民身份号码": make_id(f"{y}{m:02d}{d:02d}", n, male=male),
        "手机": mobile(n), "座机": "0516-83881234", "出生年月日": datetime(y, m, d), "工作单位": "徐工集团",
        "学历": "本科", "身高(cm)": 175 if male else 162, "婚姻状况": "未婚", "个人爱好": "羽毛球、旅行",
    }  # fmt: skip
    row.update(over)
    return row


KEYS = ["序号", "姓名", "性别", "公民身份号码", "手机", "座机", "出生年月日", "工作单位", "学历", "身高(cm)", "婚姻状况", "个人爱好"]


def write_messy_xlsx(path: Path, people: list[dict[str, Any]], *, footer: bool = True) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "单身职工"
    ws.append(["徐工集团工会单身职工花名册"])
    ws.merge_cells("A1:L1")
    ws.append(["填报单位：徐工集团工会（盖章）", None, None, None, None, None, None, None, None, "2026年2月"])
    ws.append(HEADER)
    ws.append(SUBHEADER)
    for col in "ABCDGHIJKL":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("E3:F3")
    for p in people:
        ws.append([p.get(k) for k in KEYS] if p else [])
    if footer:
        ws.append(["合计：" + str(len([p for p in people if p])) + "人"])
    ws.append(["填表人：张某", None, None, "审核人：李某"])
    wb.save(path)
    return path


def write_csv(path: Path, people: list[dict[str, Any]], *, encoding: str = "gb18030") -> Path:
    headers = ["姓名", "性别", "身份证号", "手机号码", "所在区", "工作单位", "出生日期"]
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(headers)
        for p in people:
            birth = p["出生年月日"]
            w.writerow([p["姓名"], p["性别"], p["公民身份号码"], p["手机"], "鼓楼区", p["工作单位"],
                        f"{birth.year}年{birth.month}月{birth.day}日"])  # fmt: skip
    return path


def messy_people() -> list[dict[str, Any]]:
    """Rows 5..: three good people (full-width ID digits, typed date, +86 phone with spaces, a serial
    date), one ID in scientific notation, an identical repeat of the first, a blank row."""
    a = person(1, male=True, birth=(1990, 1, 1))
    a["公民身份号码"] = a["公民身份号码"].translate(WIDE)  # full-width digits
    b = person(2, male=False, birth=(1992, 5, 17), 出生年月日="1992.5.17")
    c = person(3, male=True, birth=(1988, 11, 3), 手机="+86 199 5501 0003", 出生年月日=32450)  # serial 1988-11-03
    bad = person(4, male=False, birth=(1991, 3, 8), 公民身份号码="3.20303E+17")
    d = existing_person()
    d["身高(cm)"] = 178
    return [a, b, c, bad, dict(a), d, {}]


def existing_person() -> dict[str, Any]:
    """Row 10: someone already in the case files (registered by the test, 170 cm; the file says 178)."""
    return person(5, male=True, birth=(1987, 7, 7), **{"身高(cm)": 170})
