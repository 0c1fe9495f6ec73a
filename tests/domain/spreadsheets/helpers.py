"""Roster fixtures built in the tests: valid synthetic IDs and phones, xlsx and CSV writers."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from xzdesk.domain.members.identity import check_char

HEADERS = ["姓名", "性别", "身份证号", "手机", "工作单位", "基层工会", "会员证号", "学历", "身高", "婚姻状况", "爱好",
           "出生日期", "所在区", "民族"]  # fmt: skip


GIVEN = "张刘陈杨黄赵吴周徐孙马朱胡郭"


def make_id(birth: str, seq: int, *, male: bool, region: str = "320302") -> str:
    """A valid 18-character ID: region + YYYYMMDD + 3-digit sequence (odd = male) + check."""
    seq = seq * 2 + (1 if male else 0)
    first17 = f"{region}{birth}{seq % 1000:03d}"
    return first17 + check_char(first17)


def person(n: int, **overrides: Any) -> dict[str, Any]:
    """A valid roster row as a dict keyed by HEADERS."""
    male = n % 2 == 0
    year = 1985 + n % 12
    birth = f"{year}{1 + n % 12:02d}{1 + n % 28:02d}"
    row = {
        "姓名": ("王伟" if male else "李娜") + GIVEN[n % len(GIVEN)],
        "性别": "男" if male else "女",
        "身份证号": make_id(birth, n, male=male),
        "手机": f"139{n:08d}",
        "工作单位": "徐工集团工程机械股份有限公司",
        "基层工会": "徐工集团工会",
        "会员证号": f"{100000 + n}",
        "学历": "本科",
        "身高": "175cm" if male else "162",
        "婚姻状况": "未婚",
        "爱好": "羽毛球、旅行",
        "出生日期": f"{year}.{1 + n % 12}.{1 + n % 28}",
        "所在区": "鼓楼区",
        "民族": "汉族",
    }
    row.update(overrides)
    return row


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, title: str | None = None,
               headers: Sequence[str] = HEADERS, sheet: str = "花名册") -> Path:  # fmt: skip
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def roster_rows(people: Sequence[dict[str, Any]], headers: Sequence[str] = HEADERS) -> list[list[Any]]:
    return [[p.get(h) for h in headers] for p in people]


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8",
              headers: Sequence[str] = HEADERS) -> Path:  # fmt: skip
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(headers)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return path
