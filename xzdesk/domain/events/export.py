"""Attendee list of an event as an xlsx workbook (openpyxl), for WPS and Excel.

Contract: `export_attendees(uow, ...)` runs on a worker/writer thread inside the caller's
transaction (it writes audit entries), requires `events.manage`, and writes `out` only on
success (a path is written through a temporary file beside it and renamed).

- Masked by default: names `张*`, phones `138****5678`. An unmasked export needs
  `members.unmask` and a reason, and writes one audit entry per member (fields name, mobile),
  like any reveal; a masked export writes one entry with the count.
- Member numbers and phones are text cells (number format "@"), so a spreadsheet never turns
  them into numbers; a value that starts like a formula (= + - @) is stored as text, never as a
  formula.
- People whose basic-processing consent is no longer in force are left out (`withheld`).
- The sheet and file carry no personal data in their names or properties.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from xzdesk.domain.errors import FieldProblem, ValidationError
from xzdesk.domain.events._state import (
    bands_of,
    basic_consents,
    chunks,
    get_event,
    plate_sort_key,
    registrations_with_members,
)
from xzdesk.domain.events.codes import PLACE_HOLDING
from xzdesk.domain.events.dto import ExportInfo
from xzdesk.domain.events.models import EventSeat, EventTable
from xzdesk.domain.events.service import check_scope, require_manage
from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.members.identity import age_on
from xzdesk.domain.members.models import Member
from xzdesk.domain.printing import Output
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import UnitOfWork

# Column headers of the exported document (printed text, like the print labels).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("plate", "号码牌"),
    ("member_no", "会员编号"),
    ("name", "姓名"),
    ("sex", "性别"),
    ("age", "年龄"),
    ("band", "年龄段"),
    ("mobile", "手机号"),
    ("district", "所在区县"),
    ("status", "状态"),
    ("source", "报名方式"),
    ("table", "桌号"),
    ("attended_at", "签到时间"),
)
TEXT_COLUMNS = frozenset({"plate", "member_no", "mobile", "table", "name"})
SEX_TEXT = {1: "男", 2: "女"}
STATUS_TEXT = {"pending": "待审核", "approved": "已通过", "waitlisted": "候补", "cancelled": "已取消",
               "no_show": "未到场", "attended": "已签到"}  # fmt: skip
SOURCE_TEXT = {"online": "线上报名", "invitation": "邀请", "walk_in": "现场报名"}
SHEET_TITLE = "参会名单"
_FORMULA_START = ("=", "+", "-", "@")


def _write_cell(ws: Any, row: int, col: int, value: Any, *, text: bool) -> None:
    cell = ws.cell(row=row, column=col)
    if value is None:
        return
    if text or isinstance(value, str):
        cell.value = str(value)
        cell.data_type = TYPE_STRING  # never a formula, never a number
        if text:
            cell.number_format = "@"
    else:
        cell.value = value


def export_attendees(
    uow: UnitOfWork,
    *,
    event_id: str,
    out: Output,
    statuses: Sequence[str] = tuple(s.value for s in PLACE_HOLDING),
    unmasked: bool = False,
    reason: str | None = None,
) -> ExportInfo:
    """Write the attendee list (registrations in `statuses`, by plate) to `out` as xlsx."""
    require_manage(uow)
    event = get_event(uow.session, event_id)
    check_scope(uow, event)
    if unmasked:
        uow.require(Permission.MEMBERS_UNMASK)
        if not (reason or "").strip():
            raise ValidationError([FieldProblem("reason", "members.required")])
    rows = registrations_with_members(uow.session, event_id, list(statuses), readonly=True)
    rows.sort(key=lambda rm: (plate_sort_key(rm[0].plate), rm[0].requested_at, rm[0].id))
    consenting = basic_consents(uow.session, [m.id for _r, m in rows])
    mobiles: dict[str, str] = {}
    for part in chunks([m.id for _r, m in rows]):
        mobiles.update(uow.session.execute(select(Member.id, Member.mobile).where(Member.id.in_(part))).all())
    labels = dict(uow.session.execute(select(EventTable.id, EventTable.label).where(EventTable.event_id == event_id)).all())
    seats = {s.registration_id: s.table_id for s in
             uow.session.execute(select(EventSeat).where(EventSeat.event_id == event_id)).scalars()}  # fmt: skip
    bands = bands_of(event)

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    wb.properties.creator = "xzdesk"
    wb.properties.title = SHEET_TITLE
    for col, (_key, header) in enumerate(COLUMNS, start=1):
        _write_cell(ws, 1, col, header, text=False)
    written = 0
    withheld = 0
    exported_members: list[str] = []
    for reg, member in rows:
        if member.id not in consenting:
            withheld += 1
            continue
        age = age_on(member.birth_date, event.event_date)
        band = next((f"{b.min_age}-{b.max_age}" for b in bands if b.contains(age)), "")
        values = {
            "plate": reg.plate or "",
            "member_no": member.member_no,
            "name": member.name if unmasked else mask(member.name, "name"),
            "sex": SEX_TEXT.get(int(member.sex), ""),
            "age": age,
            "band": band,
            "mobile": mobiles.get(member.id, "") if unmasked else mask(mobiles.get(member.id), "phone"),
            "district": DISTRICTS.get(member.district_code, member.district_code),
            "status": STATUS_TEXT.get(reg.status, reg.status),
            "source": SOURCE_TEXT.get(reg.source, reg.source),
            "table": labels.get(seats.get(reg.id) or "", ""),
            "attended_at": reg.attended_at.replace(tzinfo=None) if reg.attended_at else None,
        }
        written += 1
        for col, (key, _header) in enumerate(COLUMNS, start=1):
            value = values[key]
            text = key in TEXT_COLUMNS or (isinstance(value, str) and value.startswith(_FORMULA_START))
            _write_cell(ws, written + 1, col, value, text=text)
        exported_members.append(member.id)
    for col, (key, _header) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = 20 if key in ("attended_at", "district") else 12
    ws.freeze_panes = "A2"
    _save(wb, out)
    if unmasked:
        for member_id in exported_members:
            uow.audit("event.export.attendees.unmasked", member_id=member_id, fields=["mobile", "name"],
                      reason=(reason or "").strip())  # fmt: skip
    uow.audit("event.export.attendees", fields=[f"event:{event_id}", f"count:{written}"])
    return ExportInfo(rows=written, withheld=withheld, masked=not unmasked, columns=tuple(k for k, _ in COLUMNS))


def _save(wb: Workbook, out: Output) -> None:
    if isinstance(out, str | os.PathLike):
        target = Path(out)
        fd, tmp = tempfile.mkstemp(prefix=".xzdesk-", suffix=".xlsx.part", dir=target.parent)
        os.close(fd)
        try:
            wb.save(tmp)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    else:
        import io

        buffer = io.BytesIO()
        wb.save(buffer)
        out.write(buffer.getvalue())


__all__ = ["COLUMNS", "export_attendees"]
