"""One member's data, for the member (PIPL Art. 45): an xlsx workbook for people and a JSON
document for machines, with the same content; the JSON re-imports into an empty database.

What is exported: every row of every synced table that belongs to or names the member (the same
set an erasure deletes: `store.sync_state.member_row_ids`), i.e. the case file, consents,
verification facts, notes, follow-ups, introductions, pair blocks, event registrations and seats,
check-in roster rows, scans, annulments, walk-in records and interest cards; plus the audit trail
of who accessed the record (time, action, staff name, field names; never the reasons staff typed,
which may concern other people). Context for reading it: staff display names and the events'
names, dates and venues (never their QR key).

Other people: an introduction or a pair block names the other member by random id only; no
other person's name, number or contact is exported.

JSON document (schema "xzdesk.member-export", version 1):

    {"schema", "version", "exported_at", "member_id", "member_no",
     "tables": {table: [row, ...]},     every column, JSON values (dates ISO, bytes hex)
     "omitted_columns": {"member": ["id_hmac", "mobile_hmac"]},
     "access_log": [{"at", "action", "staff_id", "staff_name", "fields", "device_id"}],
     "staff": {staff_id: display_name},
     "events": {event_id: {"code", "name", "kind", "event_date", "start_time", "venue",
                           "district_code", "status"}}}

The keyed blind indexes (HMACs of the ID number and mobile) are left out: they are not the
member's data and mean nothing under another organisation's key; the import recomputes them
with the target database's key (identical within the same organisation).

Import (`import_member_document`) restores every table row exactly (ids, versions, timestamps)
into a database that holds no case file yet, as plain inserts: no sync outbox rows are written.
The access log stays a document: it is not inserted into the target's audit log (its entries
belong to other devices' hash chains); the import writes its own audit entry.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import Conflict, NotFound, PermissionDenied, XzError
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.service import derived_columns
from xzdesk.domain.privacy import labels as L
from xzdesk.domain.privacy.dto import ExportTableRow, MemberExportInfo, MemberImportInfo
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.privacy.rules import check_scope, clean_reason, find_member
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.reports.workbook import SheetSpec, write_workbook
from xzdesk.domain.spreadsheets.tables import replacing
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.store.base import SYNC_REGISTRY, from_jsonable, to_jsonable
from xzdesk.domain.store.sync_state import member_row_ids
from xzdesk.domain.uow import CHINA_TZ, UnitOfWork

SCHEMA = "xzdesk.member-export"
VERSION = 1
OMITTED: dict[str, tuple[str, ...]] = {"member": ("id_hmac", "mobile_hmac")}
ACCESS_LOG_TABLE = "audit_log"  # exported as the access log, never re-imported as rows
REGISTRATION = EventRegistration.__tablename__
TABLE_ORDER = ("member", "consent", "verification", "note", "follow_up", "introduction", "pair_block",
               REGISTRATION, "event_seat", "checkin_roster", "checkin_scan", "checkin_annulment",
               "checkin_walk_in", "interest_card")  # fmt: skip
CHUNK = 500


# --- reading ------------------------------------------------------------------------------------
def _order(name: str) -> tuple[int, str]:
    return (TABLE_ORDER.index(name) if name in TABLE_ORDER else len(TABLE_ORDER), name)


def _rows(session: Session, name: str, ids: Sequence[str]) -> list[dict[str, Any]]:
    table = SYNC_REGISTRY[name].__table__  # type: ignore[attr-defined]
    skip = set(OMITTED.get(name, ()))
    columns = [c for c in table.columns if c.name not in skip]
    out: list[dict[str, Any]] = []
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        for row in session.execute(select(*columns).where(table.c.id.in_(chunk))).mappings():
            out.append({c.name: to_jsonable(row[c.name]) for c in columns})
    out.sort(key=lambda r: str(r["id"]))
    return out


def member_document(session: Session, member_id: str, *, now: datetime) -> dict[str, Any]:
    """The JSON document of one member (see the module docstring). Read-only."""
    member = session.get(Member, member_id)
    if member is None:
        raise NotFound("rights.member_not_found", member_no="")
    ids = member_row_ids(session, member_id)
    tables = {name: _rows(session, name, ids[name]) for name in sorted(ids, key=_order) if name != ACCESS_LOG_TABLE}
    audit = list(session.execute(
        select(AuditEntry.at, AuditEntry.action, AuditEntry.actor_id, AuditEntry.fields, AuditEntry.device_id)
        .where(AuditEntry.member_id == member_id).order_by(AuditEntry.at, AuditEntry.seq)
    ).all())  # fmt: skip
    staff_ids: set[str] = {a.actor_id for a in audit if a.actor_id}
    event_ids: set[str] = set()
    for rows in tables.values():
        for row in rows:
            staff_ids.update(str(row[c]) for c in L.STAFF_COLUMNS if row.get(c))
            if row.get("event_id"):
                event_ids.add(str(row["event_id"]))
    staff = {k: v for k, v in session.execute(
        select(Staff.id, Staff.display_name).where(Staff.id.in_(sorted(staff_ids)))
    ).all()} if staff_ids else {}  # fmt: skip
    events: dict[str, dict[str, Any]] = {}
    if event_ids:
        for e in session.execute(select(Event).where(Event.id.in_(sorted(event_ids)))).scalars():
            events[e.id] = {
                "code": e.code, "name": e.name, "kind": e.kind, "event_date": e.event_date.isoformat(),
                "start_time": e.start_time, "venue": e.venue, "district_code": e.district_code, "status": e.status,
            }  # fmt: skip
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "exported_at": to_jsonable(now),
        "member_id": member_id,
        "member_no": member.member_no,
        "tables": tables,
        "omitted_columns": {k: list(v) for k, v in OMITTED.items()},
        "access_log": [
            {"at": to_jsonable(a.at), "action": a.action, "staff_id": a.actor_id,
             "staff_name": staff.get(a.actor_id or ""), "fields": list(a.fields or []), "device_id": a.device_id}
            for a in audit
        ],  # fmt: skip
        "staff": dict(sorted(staff.items())),
        "events": dict(sorted(events.items())),
    }


# --- the workbook for people --------------------------------------------------------------------
def _local(value: Any) -> str:
    """An ISO timestamp or date from the document as local (China Standard Time) text."""
    if not value:
        return ""
    text = str(value)
    if "T" not in text:
        return text
    at = datetime.fromisoformat(text)
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    return at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def _word(table: Mapping[Any, str], value: Any) -> str:
    if value is None or value == "":
        return ""
    return table.get(value, str(value))


def _join(values: Any, table: Mapping[Any, str] | None = None) -> str:
    items = values or []
    return "、".join(table.get(v, str(v)) if table else str(v) for v in items)


# How each coded profile field reads (the others are shown as stored, times in local time).
_PROFILE_WORDS: dict[str, Any] = {
    "sex": lambda v, _s: _sex_word(v),
    "district_code": lambda v, _s: DISTRICTS.get(v, v),
    "education": lambda v, _s: L.EDUCATION_WORDS.get(v, v),
    "req_education_min": lambda v, _s: L.EDUCATION_WORDS.get(v, v),
    "marital_status": lambda v, _s: L.MARITAL_WORDS.get(v, v),
    "children": lambda v, _s: _word(L.CHILDREN_WORDS, v),
    "income_band": lambda v, _s: _word(L.INCOME_WORDS, v),
    "housing": lambda v, _s: _word(L.HOUSING_WORDS, v),
    "referral_source": lambda v, _s: _word(L.REFERRAL_WORDS, v),
    "sector": lambda v, _s: _word(L.SECTOR_WORDS, v),
    "status": lambda v, _s: _word(L.STATUS_WORDS, v),
    "matchmaker_id": lambda v, staff: staff.get(v, ""),
    "req_districts": lambda v, _s: _join(v, DISTRICTS),
    "req_marital": lambda v, _s: _join([int(x) if str(x).isdigit() else x for x in v or []], L.MARITAL_WORDS),
    "hobbies": lambda v, _s: _join(v),
    "req_importance": lambda v, _s: "；".join(
        f"{L.REQUIREMENT_WORDS.get(k, k)}：{L.IMPORTANCE_WORDS.get(int(x), x)}" for k, x in (v or {}).items()
    ),
}


def _profile_value(key: str, value: Any, staff: Mapping[str, str]) -> Any:
    if value is None:
        return ""
    if key in _PROFILE_WORDS:
        return _PROFILE_WORDS[key](value, staff)
    if isinstance(value, bool):
        return L.YES_NO[value]
    if key.endswith("_at"):
        return _local(value)
    return value


def _sex_word(value: Any) -> str:
    return L.SEX_WORDS.get(int(value), str(value)) if str(value).isdigit() else str(value)


def _sheets(doc: Mapping[str, Any]) -> list[SheetSpec]:
    staff: Mapping[str, str] = doc.get("staff", {})
    events: Mapping[str, Mapping[str, Any]] = doc.get("events", {})
    tables: Mapping[str, list[dict[str, Any]]] = doc.get("tables", {})
    member = (tables.get("member") or [{}])[0]
    member_id = doc["member_id"]
    preamble = (L.TITLE, L.GENERATED.format(at=_local(doc.get("exported_at")), member_no=doc.get("member_no", "")))

    def who(staff_id: Any) -> str:
        return staff.get(str(staff_id), "") if staff_id else ""

    def sheet(key: str, headers: Sequence[str], rows: list[list[Any]], text: Sequence[int] = ()) -> SheetSpec:
        return SheetSpec(L.SHEETS[key], headers, rows or [[L.NONE_RECORDED]], text_columns=text, preamble=preamble)

    profile = [[label, _profile_value(key, member.get(key), staff)] for key, label in L.PROFILE_FIELDS.items()]
    out = [SheetSpec(L.SHEETS["profile"], L.PROFILE_HEADERS, profile, text_columns=(1,), widths=(22, 60),
                     preamble=preamble, notes=(L.FOOTNOTE,))]  # fmt: skip
    out.append(sheet("consent", L.CONSENT_HEADERS, [
        [_word(L.CONSENT_WORDS, c["type"]), c["notice_version"], _local(c["granted_at"]), _word(L.CHANNEL_WORDS, c["channel"]),
         who(c["collected_by"]), _local(c.get("withdrawn_at")), who(c.get("withdrawn_by"))]
        for c in sorted(tables.get("consent", []), key=lambda r: r["granted_at"])
    ]))  # fmt: skip
    out.append(sheet("verification", L.VERIFICATION_HEADERS, [
        [_word(L.VERIFICATION_WORDS, v["kind"]), _word(L.EVIDENCE_WORDS, v["evidence"]), who(v["checked_by"]),
         _local(v["checked_at"]), v.get("remark") or ""]
        for v in sorted(tables.get("verification", []), key=lambda r: r["checked_at"])
    ]))  # fmt: skip
    out.append(sheet("note", L.NOTE_HEADERS, [
        [_local(n["created_at"]), who(n["author_id"]), n["body"]]
        for n in sorted(tables.get("note", []), key=lambda r: r["created_at"])
    ]))  # fmt: skip
    out.append(sheet("follow_up", L.FOLLOW_UP_HEADERS, [
        [_word(L.FOLLOW_UP_WORDS, f["kind"]), f["due_date"], L.FOLLOW_UP_TITLE_WORDS.get(f["title"], f["title"]),
         who(f.get("assigned_to")), _local(f["created_at"]),
         _local(f.get("done_at")), who(f.get("done_by")), f.get("outcome") or ""]
        for f in sorted(tables.get("follow_up", []), key=lambda r: r["due_date"])
    ]))  # fmt: skip
    intro_rows = []
    for i in sorted(tables.get("introduction", []), key=lambda r: r["proposed_at"]):
        side = "a" if i["member_a_id"] == member_id else "b"
        event = events.get(str(i.get("event_id") or ""), {})
        intro_rows.append([
            _local(i["proposed_at"]), _word(L.SOURCE_WORDS, i["source"]), _word(L.STAGE_WORDS, i["stage"]),
            event.get("name", ""), who(i.get("matchmaker_id")), _word(L.RESPONSE_WORDS, i.get(f"{side}_response")),
            _local(i.get(f"{side}_responded_at")), _local(i.get("contacts_exchanged_at")), i.get("met_on") or "",
            _local(i.get("closed_at")), _why_ended(i),
        ])  # fmt: skip
    out.append(sheet("introduction", L.INTRODUCTION_HEADERS, intro_rows))
    reg_rows = []
    for r in sorted(tables.get(REGISTRATION, []), key=lambda r: r["requested_at"]):
        event = events.get(str(r["event_id"]), {})
        reg_rows.append([
            event.get("name", ""), event.get("event_date", ""), event.get("venue", ""),
            _word(L.REGISTRATION_SOURCE_WORDS, r["source"]), _word(L.REGISTRATION_STATUS_WORDS, r["status"]),
            r.get("plate") or "", _local(r["requested_at"]), _local(r.get("attended_at")), _local(r.get("cancelled_at")),
        ])  # fmt: skip
    out.append(sheet("events", L.EVENT_HEADERS, reg_rows, text=(5,)))
    event_names = {k: str(v.get("name", "")) for k, v in events.items()}
    out.append(sheet("access_log", L.ACCESS_HEADERS, [
        [_local(a["at"]), L.action_word(a["action"]), a.get("staff_name") or "", L.field_words(a.get("fields") or [], event_names)]
        for a in doc.get("access_log", [])
    ]))  # fmt: skip
    shown = {"member", "consent", "verification", "note", "follow_up", "introduction", REGISTRATION}
    values = _Values(staff, event_names)
    others: list[list[Any]] = []
    for name, rows in tables.items():
        if name in shown or not rows:
            continue
        spec = OTHER_TABLES.get(name)
        if spec is None:  # a kind of record this version has no words for: its count only
            others.append([L.TABLE_WORDS.get(name, L.OTHER_SHEET), len(rows)])
            continue
        headers = [header for _column, header, _kind in spec]
        body = [[values.cell(row.get(column), kind) for column, _header, kind in spec] for row in rows]
        out.append(SheetSpec(L.TABLE_WORDS[name], headers, body, text_columns=range(len(headers)), preamble=preamble))
    if others:
        out.append(SheetSpec(L.OTHER_SHEET, L.OTHER_HEADERS, others, preamble=preamble))
    return out


def _why_ended(intro: Mapping[str, Any]) -> str:
    if intro.get("decline_reason"):
        return "、".join(x for x in (L.DECLINE_REASON_WORDS.get(intro["decline_reason"], ""), intro.get("decline_note") or "") if x)
    return L.WITHDRAW_REASON_WORDS.get(intro.get("withdraw_reason") or "", "")


# The other kinds of records, as a member reads them: (column, header, how to show the value).
# Identifiers, tokens and keys are left out: they mean nothing to a person.
OTHER_TABLES: dict[str, tuple[tuple[str, str, Any], ...]] = {
    "pair_block": (("created_at", "设置时间", "time"), ("reason", "原因", L.BLOCK_REASON_WORDS),
                   ("created_by", "设置人", "staff"), ("lifted_at", "解除时间", "time"), ("lifted_by", "解除人", "staff")),
    "event_seat": (("event_id", "活动", "event"), ("seat_index", "座位序号", "seat"), ("pinned", "固定座位", "bool"),
                   ("updated_at", "安排时间", "time")),
    "checkin_roster": (("event_id", "活动", "event"), ("plate", "号码牌", "text"), ("display_name", "称呼", "text"),
                       ("table_label", "桌号", "text"), ("status", "状态", L.REGISTRATION_STATUS_WORDS),
                       ("walk_in", "现场登记", "bool"), ("updated_at", "更新时间", "time")),
    "checkin_scan": (("event_id", "活动", "event"), ("scanned_at", "时间", "time"), ("method", "方式", L.SCAN_METHOD_WORDS),
                     ("verdict", "结果", L.VERDICT_WORDS), ("plate", "号码牌", "text"), ("staff_id", "工作人员", "staff")),
    "checkin_annulment": (("event_id", "活动", "event"), ("annulled_at", "时间", "time"), ("staff_id", "工作人员", "staff"),
                          ("reason", "原因", "text")),
    "checkin_walk_in": (("event_id", "活动", "event"), ("created_at", "登记时间", "time"), ("plate", "号码牌", "text"),
                        ("name", "姓名", "text"), ("nickname", "昵称", "text"), ("sex", "性别", "sex"),
                        ("id_number", "身份证号", "text"), ("mobile", "手机号", "text"), ("district_code", "所在区", "district"),
                        ("consents", "同意事项", "consents"), ("collected_by", "登记人", "staff"),
                        ("adopted_at", "转入档案时间", "time")),
    "interest_card": (("event_id", "活动", "event"), ("entered_at", "录入时间", "time"), ("ticked", "勾选人数", "count"),
                      ("voided", "已作废", "bool"), ("entered_by", "录入人", "staff")),
}  # fmt: skip


class _Values:
    """A stored value as a member reads it, by the kind of its column."""

    def __init__(self, staff: Mapping[str, str], events: Mapping[str, str]) -> None:
        self.kinds: dict[str, Any] = {
            "time": _local, "staff": lambda v: staff.get(str(v), ""), "event": lambda v: events.get(str(v), ""),
            "bool": lambda v: L.YES_NO[bool(v)], "sex": _sex_word, "district": lambda v: DISTRICTS.get(v, ""),
            "consents": lambda v: _join(v, L.CONSENT_WORDS), "count": lambda v: len(v or []), "seat": lambda v: str(int(v) + 1),
            "text": str,
        }  # fmt: skip

    def cell(self, value: Any, kind: Any) -> Any:
        if value is None or value == "":
            return ""
        if isinstance(kind, Mapping):
            return kind.get(value, L.OTHER_FIELD)
        return self.kinds[kind](value)


def write_member_workbook(doc: Mapping[str, Any], path: Path | str, *, cancel: CancelToken = NEVER_CANCELLED) -> Path:
    return write_workbook(path, _sheets(doc), cancel=cancel)


def write_member_json(doc: Mapping[str, Any], path: Path | str) -> Path:
    path = Path(path)
    with replacing(path) as out:
        out.part.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def export_file_stem(member_no: str, day: Any) -> str:
    """File names carry the member number and the date only (no name, no identifier)."""
    return f"member-data-{member_no}-{day:%Y%m%d}"


def export_member_data(
    uow: UnitOfWork,
    *,
    directory: Path | str,
    reason: str,
    member_id: str | None = None,
    member_no: str | None = None,
    formats: Sequence[str] = ("xlsx", "json"),
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> MemberExportInfo:
    """Write one member's data into `directory` as xlsx and/or JSON. Needs `privacy.rights` and a
    typed reason; audited as `rights.export` (who, whose data, the table names, the reason) before
    the files exist, in the caller's transaction (an error rolls the entry back and leaves no
    file)."""
    actor = uow.require(Permission.RIGHTS_REQUESTS)
    text = clean_reason(reason, required=True) or ""
    if member_id is not None:
        member = uow.session.get(Member, member_id)
        if member is None:
            raise NotFound("rights.member_not_found", member_no=member_no or "")
    else:
        member = find_member(uow, member_no or "")
    check_scope(actor, member)
    unknown = set(formats) - {"xlsx", "json"}
    if unknown or not formats:
        raise XzError("export.unsupported_format", suffix=",".join(sorted(unknown)) or "?")
    progress(0.0, "rights.exporting")
    ids = member_row_ids(uow.session, member.id)
    counts = tuple(ExportTableRow(n, len(v)) for n, v in sorted(ids.items(), key=lambda kv: _order(kv[0]))
                   if n != ACCESS_LOG_TABLE)  # fmt: skip
    uow.audit("rights.export", member_id=member.id,
              fields=[*sorted(c.table for c in counts), f"rows:{sum(c.rows for c in counts)}"], reason=text[:256])  # fmt: skip
    doc = member_document(uow.session, member.id, now=uow.now)
    cancel.check()
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    stem = export_file_stem(member.member_no, uow.today())
    xlsx = json_path = None
    try:
        if "json" in formats:
            json_path = write_member_json(doc, folder / f"{stem}.json")
        progress(0.5, "rights.exporting")
        if "xlsx" in formats:
            xlsx = write_member_workbook(doc, folder / f"{stem}.xlsx", cancel=cancel)
    except BaseException:
        for p in (json_path, xlsx):
            if p is not None:
                p.unlink(missing_ok=True)
        raise
    progress(1.0, "rights.exporting")
    return MemberExportInfo(member.id, member.member_no, xlsx, json_path, counts, len(doc["access_log"]))


# --- re-import ----------------------------------------------------------------------------------
def read_member_document(path: Path | str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise XzError("rights.import_format", detail="json") from exc
    if not isinstance(data, dict):
        raise XzError("rights.import_format", detail="json")
    return data


def _check_document(doc: Mapping[str, Any]) -> None:
    if doc.get("schema") != SCHEMA:
        raise XzError("rights.import_format", detail="schema")
    if doc.get("version") != VERSION:
        raise XzError("rights.import_version", version=str(doc.get("version")))
    tables = doc.get("tables")
    if not isinstance(tables, dict) or not isinstance(doc.get("member_id"), str):
        raise XzError("rights.import_format", detail="tables")
    members = tables.get("member")
    if not isinstance(members, list) or len(members) != 1 or members[0].get("id") != doc["member_id"]:
        raise XzError("rights.import_format", detail="member")


def import_member_document(uow: UnitOfWork, *, document: Mapping[str, Any]) -> MemberImportInfo:
    """Insert the rows of an exported member document into this database, which must hold no case
    file yet. Every value is restored as exported; the blind indexes are recomputed with this
    database's key. Needs `privacy.rights` or `members.edit`; audited as `rights.import`.
    Errors: XzError rights.import_format (detail), rights.import_version, rights.import_not_empty;
    Conflict rights.import_exists (a row id is taken)."""
    actor = uow.actor
    if actor is None or not (actor.can(Permission.RIGHTS_REQUESTS) or actor.can(Permission.MEMBERS_EDIT)):
        raise PermissionDenied(permission=str(Permission.RIGHTS_REQUESTS), role=str(actor.role) if actor else None)
    _check_document(document)
    session = uow.session
    if session.execute(select(func.count()).select_from(Member)).scalar_one():
        raise XzError("rights.import_not_empty")
    counts = []
    for name in sorted(document["tables"], key=_order):
        rows = document["tables"][name]
        cls = SYNC_REGISTRY.get(name)
        if cls is None or name == ACCESS_LOG_TABLE or not isinstance(rows, list):
            raise XzError("rights.import_format", detail="table", table=name)
        table = cls.__table__  # type: ignore[attr-defined]
        expected = {c.name for c in table.columns} - set(OMITTED.get(name, ()))
        values = []
        for row in rows:
            if not isinstance(row, dict) or set(row) != expected:
                raise XzError("rights.import_format", detail="columns", table=name)
            value = {k: from_jsonable(table.c[k], v) for k, v in row.items()}
            if name == "member":
                derived = derived_columns(uow.blind_index, {"id_number": value["id_number"], "mobile": value["mobile"]})
                value.update(id_hmac=derived["id_hmac"], mobile_hmac=derived["mobile_hmac"])
            values.append(value)
        ids = [v["id"] for v in values]
        for start in range(0, len(ids), CHUNK):
            if session.execute(select(table.c.id).where(table.c.id.in_(ids[start : start + CHUNK])).limit(1)).first():
                raise Conflict("rights.import_exists", table=name)
        if values:
            session.execute(insert(table), values)
        counts.append(ExportTableRow(name, len(values)))
    member_id = document["member_id"]
    uow.audit("rights.import", member_id=member_id, fields=[c.table for c in counts])
    uow.mark(Area.MEMBERS, Area.MATCHING, Area.INTRODUCTIONS, Area.EVENTS)
    return MemberImportInfo(member_id, str(document["tables"]["member"][0]["member_no"]), tuple(counts))
