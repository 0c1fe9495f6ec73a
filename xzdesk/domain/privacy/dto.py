"""Data handed across the rights services' boundary (frozen views; codes, never sentences)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


class RequestKind(enum.StrEnum):
    ACCESS = "access"  # a copy of one's data (PIPL Art. 45): xlsx for people, JSON for machines
    CORRECTION = "correction"  # correction and supplement (更正、补充, PIPL Art. 46): through the case-file edit
    EXPLANATION = "explanation"  # the rules applied to one's data explained (解释说明, PIPL Art. 48)
    WITHDRAWAL = "withdrawal"  # withdrawal of consent (撤回同意, PIPL Art. 15): the chosen consents
    ERASURE = "erasure"  # deletion (PIPL Art. 47)


class RequestStatus(enum.StrEnum):
    OPEN = "open"  # received, not answered yet
    DONE = "done"  # data handed over (access) or erased everywhere (erasure)
    REFUSED = "refused"  # refused, with the reason on record
    PARTIAL = "partial"  # erasure: processing stopped, storage kept (Art. 47 para. 2), reason on record


class RequestChannel(enum.StrEnum):
    IN_PERSON = "in_person"
    LETTER = "letter"
    EMAIL = "email"
    PHONE = "phone"
    MINI_PROGRAM = "mini_program"
    RETENTION_REVIEW = "retention_review"  # raised by a matchmaker from the retention review queue


class RetentionDecision(enum.StrEnum):
    KEEP = "keep"  # with a reason; restarts the 24-month clock
    ARCHIVE = "archive"  # the case file is archived (no more processing; sync keeps it)
    ERASE = "erase"  # an erasure request goes to the privacy officer


class RetentionReason(enum.StrEnum):
    INACTIVE = "inactive"  # no activity for 24 months (member.last_activity_at)
    MARRIED = "married"  # status married: the purpose of processing is achieved


OPEN_STATUSES = frozenset({RequestStatus.OPEN})


@dataclass(frozen=True)
class RightsRequestInfo:
    """One request as the privacy officer's list shows it. `member_no` is None once the member
    was erased (only the random member id stays, as in the audit log)."""

    id: str
    kind: str
    member_id: str
    member_no: str | None
    received_on: date
    channel: str
    due_on: date
    due_provisional: bool
    handler_id: str | None
    handler_name: str | None
    status: str
    reason: str | None
    created_at: datetime
    created_by_name: str | None
    closed_at: datetime | None
    closed_by_name: str | None
    rows_erased: int | None
    working_days_left: int  # from today to the due date (negative when overdue)
    outcome_fields: tuple[str, ...] = ()  # correction: fields corrected; withdrawal: consent types withdrawn

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN

    @property
    def overdue(self) -> bool:
        return self.is_open and self.working_days_left < 0


@dataclass(frozen=True)
class ExportTableRow:
    table: str
    rows: int


@dataclass(frozen=True)
class MemberExportInfo:
    member_id: str
    member_no: str
    xlsx_path: Path | None
    json_path: Path | None
    tables: tuple[ExportTableRow, ...]
    access_entries: int  # audit-trail entries included


@dataclass(frozen=True)
class ExplanationInfo:
    """The explanation document written for a member (PIPL Art. 48)."""

    request_id: str
    member_no: str
    path: Path
    pages: int


@dataclass(frozen=True)
class MemberImportInfo:
    member_id: str
    member_no: str
    tables: tuple[ExportTableRow, ...]


@dataclass(frozen=True)
class ErasureResultInfo:
    request_id: str
    member_id: str
    rows_deleted: int
    wal_bytes: int  # size of the WAL file after the checkpoint (0 = truncated)
    backups_removed: int
    sync_pending: bool  # the erasure waits for the next sync to reach the server


@dataclass(frozen=True)
class RetentionRow:
    member_id: str
    member_no: str
    name_masked: str
    status: str
    district_code: str
    matchmaker_name: str | None
    last_activity_at: datetime
    reasons: tuple[str, ...]  # RetentionReason values
    erasure_requested: bool  # an open erasure request exists for the member on this laptop


@dataclass(frozen=True)
class AuditFilter:
    member_no: str = ""
    action: str = ""  # exact code, or a prefix ending in "." ("member.", "rights.")
    staff_id: str | None = None
    date_from: date | None = None  # China local dates, inclusive
    date_to: date | None = None


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime
    action: str
    staff_id: str | None
    staff_name: str | None
    member_no: str | None  # derived from the random member id (also for erased members)
    fields: tuple[str, ...]
    reason: str | None
    device_id: str


@dataclass(frozen=True)
class ChainInfo:
    entries: int
    first_broken_seq: int | None

    @property
    def intact(self) -> bool:
        return self.first_broken_seq is None
