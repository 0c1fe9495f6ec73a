"""Importing a roster in two phases: analyse (read-only, a preview), then commit (one transaction).

    source = inspect_source(path)                       # header rows, columns, source key
    mapping = mapping_for(source, settings.import_mappings)   # remembered or guessed
    preview = analyse_import(store, source, mapping=mapping, actor=actor)
    ... the user looks at preview.counts / preview.rows and changes some decisions ...
    with unit_of_work(store, actor) as uow:
        report = commit_import(uow, preview, decisions={12: Decision.SKIP})

Every row goes through `validate_draft`, the case editor's rules, after `values.clean_value`
made the cells readable. Each row gets a status and a default decision:

| status            | meaning                                             | default        | allowed
|-------------------|-----------------------------------------------------|----------------|----------------
| new               | valid, nobody with this ID or mobile yet            | new            | new skip review
| update            | an existing member (by ID; by mobile if no ID given) with changed fields | on_duplicate | update skip review
| unchanged         | an existing member, every given field already equal | skip           | skip
| duplicate_in_file | the same ID as an earlier row (the same mobile when the row has no ID) | skip if the rows are identical, else review | skip review new/update
| conflict          | the mobile belongs to another member or to an earlier row with another ID, or the member is outside the actor's district | review | review skip
| error             | a blocking problem (the cell and code say which)    | skip           | skip

Rows with nothing in the imported columns (templates often number 序号 far below the data) and
one-cell footer lines (合计：25人, 填表人：…) are skipped without a status.
`review` imports nothing now and keeps the row listed for a person. An update changes only the
fields the file gives (an empty cell never clears stored data), through `update_member`, so it is
validated, audited and synced like an edit in the case editor; rows equal to the stored member
change nothing and write nothing (re-importing the same file is a no-op, no outbox rows). New
rows are registered through `members.bulk.register_members` (the rules of `register_member`,
written in bulk) with the consents and channel of `ImportOptions`: by default basic processing
consent on a paper form collected by the importing staff member (an employer union roster is
handed in with the members' signed forms), and referral source `employer_union_list`.

Memory is bounded: the preview keeps one small record per row; the rows' values are kept for the
commit only up to `keep_values_limit` rows, otherwise the commit reads the file again and refuses
(`import.source_changed`) if a row no longer matches what was analysed. Kept new rows also keep
what validation made of them: a commit on the analysis's day with the same defaults (same
importing district) does not validate them again, and re-checks only what can have changed since
(duplicates against the database, one query per batch; scope; permissions); on another day, or
for rows read again, every rule runs again.

Errors (XzError codes): `import.bad_decision` (row, decision), `import.source_changed` (row),
plus the source errors of sources.py. Per-row problems are `CellProblemInfo` (code, field,
column, warning, params), never with personal data in params.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from xzdesk.collector import fewer_collections
from xzdesk.domain.changes import Area
from xzdesk.domain.errors import FieldProblem, XzError
from xzdesk.domain.members import codes
from xzdesk.domain.members.bulk import audit_many, live_matches, register_members
from xzdesk.domain.members.codes import ConsentType, MemberStatus
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.identity import normalize_mobile, parse_resident_id, remembering_valid_numbers
from xzdesk.domain.members.models import EDITABLE_FIELDS, Member
from xzdesk.domain.members.service import update_member
from xzdesk.domain.members.validation import validate_given
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.spreadsheets.codes import Decision, RowStatus
from xzdesk.domain.spreadsheets.mapping import MappingInfo, guess_mapping
from xzdesk.domain.spreadsheets.sources import RowStream, SourceInfo, opened_source
from xzdesk.domain.spreadsheets.values import Cleaner, YearMonth, cleaner
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import CHINA_TZ, ActorInfo, UnitOfWork

if TYPE_CHECKING:
    from xzdesk.domain.spreadsheets.workbooks import XlsxBook
    from xzdesk.domain.store.engine import Store

_T = TypeVar("_T")
BATCH = 500
KEEP_VALUES_LIMIT = 20_000
CHECK_EVERY = 200


@dataclass(frozen=True)
class ImportOptions:
    """How rows become members. `defaults` fill fields a new row leaves empty (for example
    `{"district_code": "320302"}` when a roster has no district column); a matchmaker's own
    district is the default district when none is given. `on_duplicate` is the default decision
    for rows that would update an existing member."""

    defaults: Mapping[str, Any] = field(default_factory=dict)
    referral_source: str = codes.ReferralSource.EMPLOYER_UNION_LIST.value
    on_duplicate: Decision = Decision.UPDATE
    consents: tuple[str, ...] = (ConsentType.BASIC.value,)
    channel: str = codes.ConsentChannel.PAPER_FORM.value


@dataclass(frozen=True, slots=True)
class CellProblemInfo:
    code: str
    field: str
    column: int | None  # 0-based column index in the source; None when no column holds the field
    warning: bool
    params: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ImportRowInfo:
    row: int  # row number in the sheet (CSV: record number), as the user sees it
    status: RowStatus
    decision: Decision  # the default decision
    allowed: tuple[Decision, ...]
    problems: tuple[CellProblemInfo, ...]
    member_id: str | None = None  # the existing member this row matches
    member_no: str | None = None
    changes: tuple[str, ...] = ()  # fields an update would change
    first_row: int | None = None  # for duplicate_in_file: the earlier row
    fingerprint: bytes = b""

    @property
    def errors(self) -> tuple[CellProblemInfo, ...]:
        return tuple(p for p in self.problems if not p.warning)


@dataclass(frozen=True)
class ImportCountsInfo:
    rows: int = 0
    new: int = 0
    update: int = 0
    unchanged: int = 0
    duplicate_in_file: int = 0
    conflict: int = 0
    errors: int = 0
    warnings: int = 0  # rows with warnings only

    @property
    def duplicates(self) -> int:
        """Rows that match someone: an existing member (update, unchanged) or an earlier row."""
        return self.update + self.unchanged + self.duplicate_in_file + self.conflict


@dataclass(frozen=True)
class ImportPreviewInfo:
    source: SourceInfo
    mapping: MappingInfo
    options: ImportOptions
    today: date
    rows: tuple[ImportRowInfo, ...]
    counts: ImportCountsInfo
    # Row number -> the row's cleaned values, for the commit (None: the commit reads the file again).
    kept: Mapping[int, _Prepared] | None = field(default=None, repr=False, compare=False)
    # The defaults new rows were validated over (the kept rows' `checked` values hold for them).
    new_base: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)
    # Which blind-index key the kept rows' `hmacs` were computed with (_index_probe).
    index_probe: bytes = field(default=b"", repr=False, compare=False)

    def row(self, number: int) -> ImportRowInfo:
        for r in self.rows:
            if r.row == number:
                return r
        raise XzError("import.no_such_row", row=number)

    def decisions(self) -> dict[int, Decision]:
        return {r.row: r.decision for r in self.rows}


@dataclass(frozen=True)
class ImportFailureInfo:
    row: int
    code: str
    params: Mapping[str, Any]


@dataclass(frozen=True)
class ImportReportInfo:
    created: int
    updated: int
    unchanged: int  # rows equal to the stored member (nothing written)
    skipped: int  # rows decided skip (besides unchanged and error rows)
    review: int  # rows left for review
    errors: int  # rows in error (never written)
    failed: tuple[ImportFailureInfo, ...]
    member_ids: tuple[str, ...]  # created and updated members

    @property
    def imported(self) -> int:
        return self.created + self.updated


# --- one row --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Prepared:
    row: int
    draft: dict[str, Any]  # cleaned MemberDraft values from the file (no defaults)
    problems: tuple[FieldProblem, ...]  # spreadsheet problems (import.*)
    birth_month: YearMonth | None
    fingerprint: bytes
    # What validate_draft made of the row over the new-member defaults on the preview's day, when
    # the analysis found no blocking problem and no stored member (the commit reuses it).
    checked: Mapping[str, Any] | None = None
    # The blind indexes of the row's ID and mobile the analysis looked members up by (None
    # where the row gives none), written with the `checked` values instead of computed again.
    hmacs: tuple[bytes | None, bytes | None] = (None, None)

    def with_checked(self, checked: Mapping[str, Any], hmacs: tuple[bytes | None, bytes | None]) -> _Prepared:
        """This row with what the analysis made of it (dataclasses.replace, without its cost per row)."""
        return _Prepared(self.row, self.draft, self.problems, self.birth_month, self.fingerprint, checked, hmacs)


@dataclass(frozen=True)
class _Plan:
    mapping: MappingInfo
    columns: tuple[tuple[str, tuple[int, ...]], ...]
    epoch: datetime
    # Per field, its columns and how its cells are read (values.cleaner), looked up once.
    readers: tuple[tuple[str, tuple[int, ...], Cleaner], ...] = ()
    imported: tuple[int, ...] = ()  # every column index a field reads

    @classmethod
    def of(cls, source: SourceInfo, mapping: MappingInfo) -> _Plan:
        columns = tuple(mapping.field_columns().items())
        readers = tuple((f, cols, cleaner(f, source.epoch)) for f, cols in columns)
        return cls(mapping, columns, source.epoch, readers, tuple(i for _, cols in columns for i in cols))


def _digest(value: Any) -> bytes:
    """A short digest of `value`'s text (compared within one analysis only, never stored): a row's
    source cells (its fingerprint) or its cleaned values (is a repeat identical to an earlier row?
    `_prepare` fills every draft in the plan's field order, so two drafts with the same fields have
    the same text exactly when their sorted items do, and a dict's text is several times cheaper
    than a tuple of pairs')."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=8).digest()


_FOOTERS = ("合计", "总计", "小计", "填表", "制表", "审核", "负责人", "注：", "注:", "说明", "备注", "联系人")
# What else a footer line labels beside 填表人/审核人: 联系电话：…, 填报日期：…, 填报单位（盖章）：…
_FOOTER_LABEL = re.compile(r"^[\u4e00-\u9fff（）()]{0,10}?(电话|手机|日期|时间|单位|盖章|邮箱)[）)]?\s*[：:]")


def _footer_cell(value: Any) -> bool:
    text = str(value).strip() if isinstance(value, str) else ""
    return bool(text) and (text.startswith(_FOOTERS) or bool(_FOOTER_LABEL.match(text)))


def _skippable(values: Sequence[Any], plan: _Plan) -> bool:
    """A row with nothing in the imported columns (template rows numbered in 序号 only), or a
    footer line: 合计：25人, or 填表人：… with its labelled neighbours (审核人：…, 联系电话：…)
    anywhere on the line, however the cells fall under the columns."""
    width = len(values)
    # Cells are text, numbers, dates or None: only text can be blank.
    filled = [v for i in plan.imported
              if i < width and (v := values[i]) is not None and (v.__class__ is not str or v.strip())]  # fmt: skip
    if not filled:
        return True
    return (all(_footer_cell(v) for v in filled)
            and any(isinstance(v, str) and v.strip().startswith(_FOOTERS) for v in values))  # fmt: skip


def _prepare(number: int, values: Sequence[Any], plan: _Plan) -> _Prepared | None:
    """Clean one row; None for a blank row or a footer line."""
    if _skippable(values, plan):
        return None
    draft: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    birth_month = None
    width = len(values)
    for fname, columns, read in plan.readers:
        for index in columns:
            raw = values[index] if index < width else None
            if raw is None or (raw.__class__ is str and not raw.strip()):
                continue
            value = read(raw, problems)
            if isinstance(value, YearMonth):
                birth_month = value
            elif value is not None:
                draft[fname] = value
            break
    return _Prepared(number, draft, tuple(problems), birth_month, _digest(tuple(values)))


def _draft(values: Mapping[str, Any]) -> MemberDraft:
    return MemberDraft(**{k: v for k, v in values.items() if k in _DRAFT_FIELDS})


def _given(values: Mapping[str, Any]) -> dict[str, Any]:
    """`_draft(values).given()` without building the draft."""
    return {k: v for k, v in values.items() if v is not None and k in _DRAFT_FIELDS}


_DRAFT_FIELDS = frozenset(MemberDraft.__dataclass_fields__)


def _check(
    prepared: _Prepared, base: Mapping[str, Any], *, today: date, actor: ActorInfo | None, new: bool
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """validate_draft over `base` (stored values or defaults) overlaid with the file's values,
    plus the spreadsheet problems; validation problems on a field that already has a spreadsheet
    problem are dropped (a damaged ID is reported once, not also as "required")."""
    values, problems = validate_given(_given({**base, **prepared.draft}), today=today)
    own = {p.field for p in prepared.problems}
    if "id_number" in own:
        own.add("birth_date")
    merged = [*prepared.problems, *(p for p in problems if p.field not in own)]
    if prepared.birth_month is not None:
        merged = _check_birth_month(prepared.birth_month, values, merged)
    if new and actor and actor.district_code and values.get("district_code") not in (None, actor.district_code):
        merged.append(FieldProblem("district_code", "members.not_in_scope"))
    return values, merged


def _check_birth_month(month: YearMonth, values: Mapping[str, Any], problems: list[FieldProblem]) -> list[FieldProblem]:
    """A year and month of birth (出生年月) is checked against the ID's birth date at month
    precision (without a valid ID the row is refused for the ID already)."""
    birth = values.get("birth_date")
    if birth is not None and not month.matches(birth):
        return [*problems, FieldProblem("birth_date", "members.birth_contradicts_id", id_birth=birth.isoformat())]
    return problems


def _stored(member: Member) -> dict[str, Any]:
    return {f: getattr(member, f) for f in EDITABLE_FIELDS}


def _changes(prepared: _Prepared, values: Mapping[str, Any], stored: Mapping[str, Any]) -> dict[str, Any]:
    """Fields the file gives whose validated value differs from the stored one."""
    return {f: values[f] for f in prepared.draft if f in values and f in stored and values[f] != stored[f]}


def _new_base(options: ImportOptions, actor: ActorInfo | None) -> dict[str, Any]:
    base = {"referral_source": options.referral_source, **options.defaults}
    if actor and actor.district_code:
        base.setdefault("district_code", actor.district_code)
    return base


# --- analyse --------------------------------------------------------------------------------------
_ALLOWED = {
    RowStatus.NEW: (Decision.NEW, Decision.SKIP, Decision.REVIEW),
    RowStatus.UPDATE: (Decision.UPDATE, Decision.SKIP, Decision.REVIEW),
    RowStatus.UNCHANGED: (Decision.SKIP,),
    RowStatus.CONFLICT: (Decision.REVIEW, Decision.SKIP),
    RowStatus.ERROR: (Decision.SKIP,),
}


class _Analyser:
    def __init__(self, session: Session, store: Store, *, plan: _Plan, options: ImportOptions,
                 actor: ActorInfo | None, today: date) -> None:  # fmt: skip
        self.session = session
        self.store = store
        self.plan = plan
        self.options = options
        self.actor = actor
        self.today = today
        self.new_base = _new_base(options, actor)
        self.seen_ids: dict[bytes, tuple[int, bytes]] = {}
        self.seen_mobiles: dict[bytes, tuple[int, bytes]] = {}
        self.rows: list[ImportRowInfo] = []
        # Row number -> validated values of rows that would be new, with the row's blind indexes
        # (None: not kept, see analyse_import).
        self.checked: dict[int, tuple[dict[str, Any], tuple[bytes | None, bytes | None]]] | None = {}

    def column(self, fname: str) -> int | None:
        col = self.plan.mapping.column_of(fname)
        return col.index if col else None

    def cell_problems(self, problems: Sequence[FieldProblem]) -> tuple[CellProblemInfo, ...]:
        return tuple(CellProblemInfo(p.code, p.field, self.column(p.field), p.warning, dict(p.params)) for p in problems)

    def keys(self, prepared: _Prepared) -> tuple[bytes | None, bytes | None]:
        """Blind indexes of the row's ID and mobile, normalised exactly as validate_draft does."""
        id_h = mob_h = None
        if "id_number" in prepared.draft:
            try:
                number = parse_resident_id(str(prepared.draft["id_number"]), today=self.today).number
                id_h = self.store.blind_index("id", number)
            except FieldProblem:
                pass
        if "mobile" in prepared.draft:
            try:
                mob_h = self.store.blind_index("mobile", normalize_mobile(str(prepared.draft["mobile"])))
            except FieldProblem:
                pass
        return id_h, mob_h

    def batch(self, batch: list[_Prepared]) -> None:
        keyed = [(prepared, *self.keys(prepared)) for prepared in batch]
        id_keys = [k for _, k, _ in keyed if k]
        mobile_keys = [k for _, _, k in keyed if k]
        by_id: dict[bytes, Member] = {}
        by_mobile: dict[bytes, Member] = {}
        for m in _owners(self.session, id_keys, mobile_keys):
            by_id[m.id_hmac] = m
            by_mobile[m.mobile_hmac] = m
        for prepared, id_h, mob_h in keyed:
            self.rows.append(self.classify(prepared, id_h, mob_h, by_id, by_mobile))
        self.session.expunge_all()  # our own read session: keep memory flat on 100k-row files

    def classify(self, prepared: _Prepared, id_h: bytes | None, mob_h: bytes | None, by_id: dict[bytes, Member],
                 by_mobile: dict[bytes, Member]) -> ImportRowInfo:  # fmt: skip
        matched, conflict = self.owner(
            prepared, by_id.get(id_h) if id_h else None, by_mobile.get(mob_h) if mob_h else None
        )
        changes: dict[str, Any] = {}
        if matched is not None:
            # Validated against the stored case, as update_member will: a roster without a
            # district column still updates members who have one.
            stored = _stored(matched)
            values, problems = _check(prepared, stored, today=self.today, actor=self.actor, new=False)
            changes = _changes(prepared, values, stored)
        else:
            values, problems = _check(prepared, self.new_base, today=self.today, actor=self.actor, new=True)
            if self.checked is not None and not any(not p.warning for p in problems):
                self.checked[prepared.row] = (values, (id_h, mob_h))
        content = _digest(prepared.draft)
        has_errors = any(not p.warning for p in problems)
        first: tuple[int, bytes] | None = None
        if not has_errors:
            first, conflict, found = self.in_file(prepared.row, content, id_h, mob_h, conflict)
            problems = [*problems, *found]
        status = _row_status(has_errors=has_errors, duplicate=first is not None, conflict=conflict is not None,
                             matched=matched is not None, changed=bool(changes))  # fmt: skip
        allowed, decision = self.decision(status, first, content, matched)
        return ImportRowInfo(
            row=prepared.row, status=status, decision=decision, allowed=allowed,
            problems=self.cell_problems(problems), member_id=matched.id if matched else None,
            member_no=matched.member_no if matched else None, changes=tuple(sorted(changes)),
            first_row=first[0] if first else None, fingerprint=prepared.fingerprint,
        )  # fmt: skip

    def owner(self, prepared: _Prepared, owner_id: Member | None,
              owner_mobile: Member | None) -> tuple[Member | None, FieldProblem | None]:  # fmt: skip
        """The stored member this row is about (by ID, else by mobile when the file gives no ID)
        and why it may not be updated (its mobile belongs to another member, or it is outside
        the importing matchmaker's district)."""
        matched: Member | None = None
        conflict: FieldProblem | None = None
        if owner_id is not None:
            matched = owner_id
            if owner_mobile is not None and owner_mobile.id != owner_id.id:
                conflict = FieldProblem("mobile", "import.mobile_taken", member_no=owner_mobile.member_no)
        elif owner_mobile is not None:
            if "id_number" in prepared.draft:
                conflict = FieldProblem("mobile", "import.mobile_taken", member_no=owner_mobile.member_no)
            else:
                matched = owner_mobile  # the file has no ID: the mobile identifies the member
        if matched is not None and conflict is None and self.actor and self.actor.district_code:
            if matched.district_code != self.actor.district_code:
                conflict = FieldProblem("id_number", "import.member_out_of_scope", member_no=matched.member_no)
        return matched, conflict

    def in_file(self, row: int, content: bytes, id_h: bytes | None, mob_h: bytes | None,
                conflict: FieldProblem | None) -> tuple[tuple[int, bytes] | None, FieldProblem | None, list[FieldProblem]]:  # fmt: skip
        """Earlier rows of the file: the same ID as an earlier row (or the same mobile when this
        row gives no ID) is the same person (returned as `first`); the same mobile with another
        ID is two people sharing a number (a conflict). Returns (first, conflict, new problems)."""
        first: tuple[int, bytes] | None = None
        found: list[FieldProblem] = []
        if id_h and id_h in self.seen_ids:
            first = self.seen_ids[id_h]
            found.append(FieldProblem("id_number", "import.duplicate_in_file", first_row=first[0]))
        elif conflict is not None:
            found.append(conflict)
        elif mob_h and mob_h in self.seen_mobiles:
            earlier = self.seen_mobiles[mob_h]
            if id_h is None:
                first = earlier
                found.append(FieldProblem("mobile", "import.duplicate_in_file", first_row=first[0]))
            else:
                conflict = FieldProblem("mobile", "import.mobile_repeated", first_row=earlier[0])
                found.append(conflict)
        if id_h and id_h not in self.seen_ids:
            self.seen_ids[id_h] = (row, content)
        if mob_h and mob_h not in self.seen_mobiles:
            self.seen_mobiles[mob_h] = (row, content)
        return first, conflict, found

    def decision(self, status: RowStatus, first: tuple[int, bytes] | None, content: bytes,
                 matched: Member | None) -> tuple[tuple[Decision, ...], Decision]:  # fmt: skip
        """The decisions a row allows and the one proposed: a repeat of an earlier row is
        skipped when identical, else left for review; an update follows the import options."""
        if status is RowStatus.DUPLICATE_IN_FILE:
            assert first is not None
            allowed = (Decision.SKIP, Decision.REVIEW, Decision.UPDATE if matched else Decision.NEW)
            return allowed, Decision.SKIP if first[1] == content else Decision.REVIEW
        allowed = _ALLOWED[status]
        if status is RowStatus.UPDATE:
            return allowed, Decision(self.options.on_duplicate)
        return allowed, allowed[0]


def _owners(session: Session, id_keys: list[bytes], mobile_keys: list[bytes]) -> Sequence[Member]:
    """The live members whose ID or mobile blind index is among the keys: their ids from one
    plain statement (bulk.live_matches), then only those members loaded."""
    found = [member_id for member_id, _, _ in live_matches(session, id_keys, mobile_keys)]
    if not found:
        return ()
    return session.execute(select(Member).where(Member.id.in_(found))).scalars().all()


def _row_status(*, has_errors: bool, duplicate: bool, conflict: bool, matched: bool, changed: bool) -> RowStatus:
    """A row's status, the first that applies: error, repeat of an earlier row, conflict, update
    or unchanged (an existing member), else new."""
    if has_errors:
        return RowStatus.ERROR
    if duplicate:
        return RowStatus.DUPLICATE_IN_FILE
    if conflict:
        return RowStatus.CONFLICT
    if matched:
        return RowStatus.UPDATE if changed else RowStatus.UNCHANGED
    return RowStatus.NEW


def _counts(rows: Sequence[ImportRowInfo]) -> ImportCountsInfo:
    tally = dict.fromkeys(RowStatus, 0)
    warnings = 0
    for r in rows:
        tally[r.status] += 1
        if r.status is not RowStatus.ERROR and any(p.warning for p in r.problems):
            warnings += 1
    return ImportCountsInfo(
        rows=len(rows), new=tally[RowStatus.NEW], update=tally[RowStatus.UPDATE], unchanged=tally[RowStatus.UNCHANGED],
        duplicate_in_file=tally[RowStatus.DUPLICATE_IN_FILE], conflict=tally[RowStatus.CONFLICT],
        errors=tally[RowStatus.ERROR], warnings=warnings,
    )  # fmt: skip


def _prepared_rows(source: SourceInfo, plan: _Plan, progress: Progress, cancel: CancelToken,
                   code: str, book: XlsxBook | None = None) -> Iterator[_Prepared]:  # fmt: skip
    with RowStream(source, book=book) as stream:
        for n, (number, values) in enumerate(stream, 1):
            if n % CHECK_EVERY == 0:
                cancel.check()
                progress(stream.fraction, code)
            prepared = _prepare(number, values, plan)
            if prepared is not None:
                yield prepared


def _index_probe(blind_index: Callable[[str, str], bytes]) -> bytes:
    """A blind index of nothing personal: equal for two stores only when their keys are (the
    commit reuses the analysis's blind indexes only for the store they were computed for)."""
    return blind_index("import.probe", "")


def _reading_numbers_once(work: Callable[..., _T]) -> Callable[..., _T]:
    """An import phase in which each valid ID and mobile number is parsed once (for its blind
    index and by validation: identity.remembering_valid_numbers), forgotten when it ends."""

    @functools.wraps(work)
    def phase(*args: Any, **kwargs: Any) -> _T:
        with remembering_valid_numbers():
            return work(*args, **kwargs)

    return phase


@_reading_numbers_once
def analyse_import(
    store: Store,
    source: SourceInfo | Path | str,
    *,
    mapping: MappingInfo | None = None,
    actor: ActorInfo | None,
    options: ImportOptions | None = None,
    today: date | None = None,
    keep_values_limit: int = KEEP_VALUES_LIMIT,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> ImportPreviewInfo:
    """Read and check every row without writing anything (a read session; safe on a worker
    thread). `mapping` defaults to the guess from the headers; `today` (for ages) to today in
    China. Raises the source errors of sources.py and Cancelled. Runs with fewer garbage
    collections (collector.fewer_collections: about 8 % of its CPU time at 10k rows; the commit,
    where a 100k-row import peaks in memory, keeps the interpreter's pacing)."""
    with fewer_collections():
        if isinstance(source, SourceInfo):
            return _analyse(store, source, None, mapping=mapping, actor=actor, options=options, today=today,
                            keep_values_limit=keep_values_limit, progress=progress, cancel=cancel)  # fmt: skip
        with opened_source(source) as (info, book):  # an xlsx sheet is read once for both
            return _analyse(store, info, book, mapping=mapping, actor=actor, options=options, today=today,
                            keep_values_limit=keep_values_limit, progress=progress, cancel=cancel)  # fmt: skip


def _analyse(
    store: Store,
    source: SourceInfo,
    book: XlsxBook | None,
    *,
    mapping: MappingInfo | None,
    actor: ActorInfo | None,
    options: ImportOptions | None,
    today: date | None,
    keep_values_limit: int,
    progress: Progress,
    cancel: CancelToken,
) -> ImportPreviewInfo:
    mapping = mapping or guess_mapping(source)
    options = options or ImportOptions()
    today = today or datetime.now(CHINA_TZ).date()
    plan = _Plan.of(source, mapping)
    kept: dict[int, _Prepared] | None = {}
    progress(0.0, "import.analyse")
    with store.read() as session:
        analyser = _Analyser(session, store, plan=plan, options=options, actor=actor, today=today)
        batch: list[_Prepared] = []
        for prepared in _prepared_rows(source, plan, progress, cancel, "import.analyse", book):
            batch.append(prepared)
            if kept is not None:
                kept[prepared.row] = prepared
                if len(kept) > keep_values_limit:
                    kept = analyser.checked = None  # too many to hold: the commit reads the file again
            if len(batch) >= BATCH:
                analyser.batch(batch)
                batch = []
        if batch:
            analyser.batch(batch)
    rows = tuple(analyser.rows)
    if kept is not None:
        wanted = {r.row for r in rows if r.status is not RowStatus.ERROR and r.status is not RowStatus.UNCHANGED}
        checked = analyser.checked or {}
        kept = {n: p.with_checked(*checked[n]) if n in checked else p for n, p in kept.items() if n in wanted}
    progress(1.0, "import.analyse")
    return ImportPreviewInfo(source, mapping, options, today, rows, _counts(rows), kept, analyser.new_base,
                             _index_probe(store.blind_index))  # fmt: skip


# --- commit ---------------------------------------------------------------------------------------
def _resolve(preview: ImportPreviewInfo, decisions: Mapping[int, Decision | str] | None) -> dict[int, Decision]:
    chosen = preview.decisions()
    allowed = {r.row: r.allowed for r in preview.rows}
    for number, decision in (decisions or {}).items():
        try:
            value = Decision(decision)
        except ValueError:
            raise XzError("import.bad_decision", row=number, decision=str(decision)) from None
        if number not in allowed or value not in allowed[number]:
            raise XzError("import.bad_decision", row=number, decision=value.value)
        chosen[number] = value
    return chosen


def _rows_to_write(preview: ImportPreviewInfo, wanted: set[int], progress: Progress,
                   cancel: CancelToken) -> Iterator[_Prepared]:  # fmt: skip
    """The analysed rows to write, from memory or read again and checked against the preview."""
    if preview.kept is not None:
        for number in sorted(wanted):
            yield preview.kept[number]
        return
    fingerprints = {r.row: r.fingerprint for r in preview.rows if r.row in wanted}
    plan = _Plan.of(preview.source, preview.mapping)
    found = 0
    for prepared in _prepared_rows(preview.source, plan, progress, cancel, "import.commit"):
        if prepared.row in fingerprints:
            if prepared.fingerprint != fingerprints[prepared.row]:
                raise XzError("import.source_changed", row=prepared.row)
            found += 1
            yield prepared
    if found != len(fingerprints):
        missing = min(set(fingerprints))
        raise XzError("import.source_changed", row=missing)


@_reading_numbers_once
def commit_import(
    uow: UnitOfWork,
    preview: ImportPreviewInfo,
    *,
    decisions: Mapping[int, Decision | str] | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> ImportReportInfo:
    """Write the rows decided `new` or `update` (defaults from the preview, overridden by
    `decisions`: row number -> decision) in the caller's transaction. A row that fails a check
    at write time (someone registered the same person since the analysis, the member was
    archived...) is not written and is listed in `failed`; those checks run before anything of
    the row is written. Cancelled or any other error propagates and the caller's unit of work
    rolls everything back. Nothing is written (not even an audit entry) when nothing changes.
    Long imports with updates flush the session and clear its identity map every few hundred
    rows: ORM objects loaded earlier in the same unit of work become detached."""
    actor = uow.require(Permission.MEMBERS_EDIT)
    chosen = _resolve(preview, decisions)
    by_row = {r.row: r for r in preview.rows}
    wanted = {n for n, d in chosen.items() if d in (Decision.NEW, Decision.UPDATE)}
    left = _rows_left_out(chosen, by_row)
    options = preview.options
    new_base = _new_base(options, actor)
    writer = _Writer(uow, options, new_base, uow.today(), actor, progress, cancel, max(1, len(wanted)),
                     reuse_checked=preview.today == uow.today() and preview.new_base == new_base,
                     reuse_hmacs=preview.index_probe == _index_probe(uow.blind_index))  # fmt: skip
    progress(0.0, "import.commit")
    for prepared in _rows_to_write(preview, wanted, progress, cancel):
        if chosen[prepared.row] is Decision.NEW:
            writer.add_new(prepared)
        else:
            writer.update(prepared, by_row[prepared.row])
        writer.row_done()
    writer.flush_new()
    cancel.check()
    if writer.created or writer.updated:
        audit_many(uow, [("import.commit", None, [f"created:{writer.created}", f"updated:{writer.updated}"])])
        uow.mark(Area.MEMBERS)
    progress(1.0, "import.commit")
    return ImportReportInfo(
        created=writer.created, updated=writer.updated, unchanged=left["unchanged"] + writer.unchanged,
        skipped=left["skipped"], review=left["review"], errors=left["errors"],
        failed=tuple(writer.failed), member_ids=tuple(writer.member_ids),
    )  # fmt: skip


_LEFT_BY_STATUS = {RowStatus.ERROR: "errors", RowStatus.UNCHANGED: "unchanged"}
_LEFT_BY_DECISION = {Decision.SKIP: "skipped", Decision.REVIEW: "review"}


def _rows_left_out(chosen: Mapping[int, Decision], by_row: Mapping[int, ImportRowInfo]) -> dict[str, int]:
    """Rows not written, counted by why: an error or unchanged (by status), else skipped or left
    for review (by decision)."""
    left = dict.fromkeys(("errors", "unchanged", "skipped", "review"), 0)
    for number, decision in chosen.items():
        why = _LEFT_BY_STATUS.get(by_row[number].status) or _LEFT_BY_DECISION.get(decision)
        if why is not None:
            left[why] += 1
    return left


@dataclass
class _Writer:
    """Writes an import's rows: new members in batches (register_members), updates one by one;
    every BATCH rows it reports progress, checks cancel and forgets loaded members."""

    uow: UnitOfWork
    options: ImportOptions
    new_base: dict[str, Any]
    today: date
    actor: ActorInfo
    progress: Progress
    cancel: CancelToken
    total: int
    # The analysis validated new rows for this day and these defaults: not again (bulk.register_members).
    reuse_checked: bool = False
    reuse_hmacs: bool = False  # the analysis's blind indexes were computed with this store's key
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    done: int = 0
    loaded: bool = False  # members were loaded into the session since the last flush
    failed: list[ImportFailureInfo] = field(default_factory=list)
    member_ids: list[str] = field(default_factory=list)
    pending: list[_Prepared] = field(default_factory=list)

    def add_new(self, prepared: _Prepared) -> None:
        self.pending.append(prepared)
        if len(self.pending) >= BATCH:
            self.flush_new()

    def flush_new(self) -> None:
        if not self.pending:
            return
        self.cancel.check()
        drafts = _Drafts(self.new_base, self.pending)
        checked = [p.checked for p in self.pending] if self.reuse_checked else None
        hmacs = [p.hmacs for p in self.pending] if self.reuse_checked and self.reuse_hmacs else None
        for prepared, result in zip(self.pending, register_members(
            self.uow, drafts=drafts, consents=self.options.consents, channel=self.options.channel, checked=checked,
            hmacs=hmacs,
        ), strict=True):  # fmt: skip
            if isinstance(result, XzError):
                self.failed.append(ImportFailureInfo(prepared.row, *_failure(result)))
            else:
                self.created += 1
                self.member_ids.append(result)
        self.pending.clear()
        self.progress(self.done / self.total, "import.commit")
        self.cancel.check()

    def update(self, prepared: _Prepared, row: ImportRowInfo) -> None:
        self.loaded = True
        outcome = _update(self.uow, prepared, row, today=self.today, actor=self.actor)
        if isinstance(outcome, ImportFailureInfo):
            self.failed.append(outcome)
        elif outcome:
            self.updated += 1
            self.member_ids.append(outcome)
        else:
            self.unchanged += 1

    def row_done(self) -> None:
        self.done += 1
        if self.done % BATCH:
            return
        if self.loaded:
            # Updates load members (and update_member their facts) into the session: write
            # them out and forget them, so 100k updates do not pile up in memory.
            self.uow.session.flush()
            self.uow.session.expunge_all()
            self.loaded = False
        self.cancel.check()
        self.progress(self.done / self.total, "import.commit")


class _Drafts(Sequence[MemberDraft]):
    """The pending rows as drafts over the new-member defaults, each built when asked for
    (register_members needs none for rows whose analysed values it reuses)."""

    def __init__(self, base: Mapping[str, Any], pending: Sequence[_Prepared]) -> None:
        self.base = base
        self.pending = pending

    def __len__(self) -> int:
        return len(self.pending)

    def __getitem__(self, index: int) -> MemberDraft:  # type: ignore[override]  # no slices needed
        return _draft({**self.base, **self.pending[index].draft})


def _failure(exc: XzError) -> tuple[str, dict[str, Any]]:
    problems = getattr(exc, "problems", None)
    if problems:
        first = problems[0]
        return first.code, {"field": first.field, **first.params}
    return exc.code, dict(exc.params)


def _update(uow: UnitOfWork, prepared: _Prepared, row: ImportRowInfo, *, today: date,
            actor: ActorInfo) -> str | ImportFailureInfo | None:  # fmt: skip
    """Apply a row to its member: the member id if something changed, None if nothing did."""
    member = uow.session.get(Member, row.member_id) if row.member_id else None
    if member is None or member.status == MemberStatus.ARCHIVED.value:
        return ImportFailureInfo(prepared.row, "import.member_gone", {"member_no": row.member_no or ""})
    stored = _stored(member)
    values, problems = _check(prepared, stored, today=today, actor=actor, new=False)
    blocking = [p for p in problems if not p.warning]
    if blocking:
        return ImportFailureInfo(prepared.row, blocking[0].code, {"field": blocking[0].field, **blocking[0].params})
    changes = _changes(prepared, values, stored)
    if not changes:
        return None
    try:
        update_member(uow, member_id=member.id, changes=changes)
    except XzError as exc:
        return ImportFailureInfo(prepared.row, *_failure(exc))
    return member.id
