"""Data handed across the rights services' boundary (frozen views; codes, never sentences)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from xzdesk.domain.privacy.codes import RequestStatus


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
    by_member: bool = False  # the member's own act in the member web app (written by the server)


@dataclass(frozen=True)
class ChainInfo:
    entries: int
    first_broken_seq: int | None

    @property
    def intact(self) -> bool:
        return self.first_broken_seq is None
