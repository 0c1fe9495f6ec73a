"""Exporting the case list (the same filter as the case-list screen) to xlsx or CSV.

Rules (domain.md, Privacy; issue 7, Export):
- Masked by default: names `张*`, ID numbers `320***********001X`, phones `138****5678`, birth
  dates as the year only. Unmasked identifiers need the `members.unmask` permission AND a typed
  reason.
- An export of more rows than `bulk_threshold` (Settings.bulk_export_threshold) needs a typed
  reason even when masked.
- Sensitive categories (marital history and children) are left blank for members whose
  sensitive-data consent is not in force.
- One audit entry per export: action `export.members` (masked) or `export.members.unmasked`,
  the exported column names plus `rows:<n>`, and the reason. Never the values.
- Identifiers and member numbers are text cells; CSV is UTF-8 with BOM with formula-injection
  defence (tables.py). Column headers are Chinese document text (labels.py).

Contract: the caller owns the unit of work (the audit entry is written in it); the file is written
completely or not at all (a cancel or an error leaves no file). A matchmaker bound to a district
exports only that district, whatever the filter says.
Errors: PermissionDenied; ValidationError with FieldProblem("reason", "export.reason_required",
rows=..., threshold=..., unmasked=...); XzError `export.unsupported_format`, `export.unknown_column`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from xzdesk.domain.errors import FieldProblem, ValidationError, XzError
from xzdesk.domain.members import codes
from xzdesk.domain.members.codes import ConsentType
from xzdesk.domain.members.identity import age_on
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.members.queries import MemberFilter, list_member_ids
from xzdesk.domain.privacy.masking import mask
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.spreadsheets import labels
from xzdesk.domain.spreadsheets.tables import open_table, table_format
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.uow import UnitOfWork

DEFAULT_COLUMNS: tuple[str, ...] = (
    "member_no", "name", "sex", "age", "id_number", "mobile", "district_code", "employer", "base_union",
    "union_no", "education", "height_cm", "marital_status", "status", "verified", "matchmaker",
)  # fmt: skip
TEXT_COLUMNS = frozenset({"member_no", "id_number", "mobile", "union_no"})
SENSITIVE_COLUMNS = frozenset({"marital_status"})
# The member columns an export column reads when it is not the column of the same name.
SOURCE_COLUMNS = {"age": "birth_date", "matchmaker": "matchmaker_id"}
PAGE = 1000
MIN_REASON = 2


@dataclass(frozen=True)
class ExportInfo:
    path: Path
    format: str
    rows: int
    columns: tuple[str, ...]
    masked: bool


@dataclass(frozen=True)
class _Context:
    masked: bool
    today: date
    matchmakers: dict[str, str]


# Export column -> its cell from the member's row, the export's context and whether the member's
# sensitive-data consent is in force. Columns not listed are the member column of the same name.
_Reader = Callable[[Any, _Context, bool], Any]
_COLUMN_READERS: dict[str, _Reader] = {
    "name": lambda m, c, ok: mask(m.name, "name") if c.masked else m.name,
    "id_number": lambda m, c, ok: mask(m.id_number, "id") if c.masked else m.id_number,
    "mobile": lambda m, c, ok: mask(m.mobile, "phone") if c.masked else m.mobile,
    "birth_date": lambda m, c, ok: str(m.birth_date.year) if c.masked else m.birth_date,
    "age": lambda m, c, ok: age_on(m.birth_date, c.today),
    "sex": lambda m, c, ok: labels.SEX_WORDS.get(m.sex, ""),
    "district_code": lambda m, c, ok: codes.DISTRICTS.get(m.district_code, m.district_code),
    "education": lambda m, c, ok: labels.EDUCATION_WORDS.get(m.education, "") if m.education else None,
    "marital_status": lambda m, c, ok: labels.MARITAL_WORDS.get(m.marital_status, "") if ok else None,
    "hobbies": lambda m, c, ok: labels.LIST_SEPARATOR.join(m.hobbies or []),
    "status": lambda m, c, ok: labels.STATUS_WORDS.get(m.status, m.status),
    "verified": lambda m, c, ok: labels.YES_NO[bool(m.verified)],
    "matchmaker": lambda m, c, ok: c.matchmakers.get(m.matchmaker_id or "", ""),
    "updated_at": lambda m, c, ok: m.updated_at.date(),
}  # fmt: skip


def _reader(key: str) -> _Reader:
    if key in _COLUMN_READERS:
        return _COLUMN_READERS[key]
    get = operator.attrgetter(key)
    return lambda m, c, ok: get(m)


def export_members(
    uow: UnitOfWork,
    *,
    path: Path | str,
    flt: MemberFilter | None = None,
    columns: Sequence[str] = DEFAULT_COLUMNS,
    unmasked: bool = False,
    reason: str | None = None,
    bulk_threshold: int = 200,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> ExportInfo:
    """Write the members matching `flt` (default: every member but archived ones, in name order)
    to `path` (.xlsx or .csv)."""
    actor = uow.require(Permission.MEMBERS_VIEW)
    if unmasked:
        uow.require(Permission.MEMBERS_UNMASK)
    path = Path(path)
    fmt = table_format(path)
    unknown = [c for c in columns if c not in labels.MEMBER_COLUMNS]
    if unknown or not columns:
        raise XzError("export.unknown_column", columns=unknown)
    session = uow.session
    today = uow.today()
    ids = list_member_ids(session, flt or MemberFilter(), blind_index=uow.blind_index, today=today,
                          scope_district=actor.district_code)  # fmt: skip
    reason = " ".join((reason or "").split())
    if (unmasked or len(ids) > bulk_threshold) and len(reason) < MIN_REASON:
        raise ValidationError([
            FieldProblem("reason", "export.reason_required", rows=len(ids), threshold=bulk_threshold, unmasked=unmasked)
        ])  # fmt: skip
    matchmakers: dict[str, str] = dict(session.execute(select(Staff.id, Staff.display_name)).all())
    keys = tuple(dict.fromkeys(columns))
    readers = [_reader(k) for k in keys]
    context = _Context(masked=not unmasked, today=today, matchmakers=matchmakers)
    text_columns = {i for i, k in enumerate(keys) if k in TEXT_COLUMNS}
    table_ = Member.__table__
    wanted = [table_.c.id, *(table_.c[c] for c in dict.fromkeys(SOURCE_COLUMNS.get(k, k) for k in keys))]
    progress(0.0, "export.members")
    with open_table(path, headers=[labels.MEMBER_COLUMNS[k] for k in keys], text_columns=text_columns,
                    sheet_title="会员名单", rows=len(ids)) as table:  # fmt: skip
        for start in range(0, len(ids), PAGE):
            cancel.check()
            page = ids[start : start + PAGE]
            # Plain rows of the columns exported, not ORM objects: nothing accumulates in the
            # caller's session and unexported columns are never decoded.
            members = {m.id: m for m in session.execute(select(*wanted).where(table_.c.id.in_(page)))}
            sensitive = set(
                session.execute(
                    select(Consent.member_id).where(
                        Consent.member_id.in_(page), Consent.type == ConsentType.SENSITIVE.value,
                        Consent.withdrawn_at.is_(None),
                    )
                ).scalars()
            )  # fmt: skip
            for member_id in page:
                m = members.get(member_id)
                if m is None:
                    continue
                ok = member_id in sensitive
                table.row([read(m, context, ok) for read in readers])
            progress(min(1.0, (start + len(page)) / max(1, len(ids))), "export.members")
        cancel.check()
        # Audited before the file is complete: if the save fails, the caller's unit of work rolls
        # the entry back; a file never exists without its audit entry in the same transaction.
        action = "export.members.unmasked" if unmasked else "export.members"
        uow.audit(action, fields=[*sorted(keys), f"rows:{len(ids)}"], reason=reason[:256] or None)
    progress(1.0, "export.members")
    return ExportInfo(path=path, format=fmt, rows=len(ids), columns=keys, masked=not unmasked)
