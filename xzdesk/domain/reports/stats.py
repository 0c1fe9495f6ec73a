"""Union statistics for the federation (domain.md, "Statistics for the federation"): a month, a
quarter or a year; aggregates only, small cells suppressed (suppression.py).

Measures and how each is counted (all dates are China local dates; see labels.DEFINITIONS for
the wording printed in the report):

- events_held: events with status `held` dated in the period, by organising district.
- participations (person-times): registrations with status `attended` at those events, by the
  event's organising district.
- participants (unique): distinct members among those, each counted once, in the district of the
  first event they attended in the period.
- base_unions / employers: distinct (whitespace- and width-normalised) base unions and employers
  of the members served in the period: attended an event, registered, or were proposed in an
  introduction. Published as totals only (a union may span districts).
- mutual_pairs: mutual ticks on the interest cards of those events (checkin.matches), by the
  event's district.
- dating_pairs: introductions that first entered dating, engaged or married in the period; the
  moment is read from the audit trail (both members' `introduction.<stage>` entries written by
  the same action), by the district of the introduction's matchmaker (city-wide staff: city row).
- married_pairs (领证): introductions whose stage is `married`, closed in the period, same
  district rule.
- active_matchmakers: matchmaker accounts with at least one audit entry in the period, by the
  account's district.
- new_members: case files created in the period, by the member's district.

Breakdowns: by district (every measure but base_unions/employers) and, for a quarter or a year,
by month (the flow measures). Each breakdown adds up to the measure's total; suppression keeps
every "<5" cell from being worked out from the totals.

Scope: a staff account bound to a district gets that district only; city-wide accounts get every
district plus the city row. Only data on this laptop is counted. Erased members are gone from
every count (their rows no longer exist).

`union_statistics` is read-only (`reports.aggregate`); `export_statistics` writes the xlsx and
an audit entry `report.stats` (no member).
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import exists, select, union
from sqlalchemy.orm import Session

from xzdesk.domain.checkin.matches import mutual_matches
from xzdesk.domain.errors import PermissionDenied
from xzdesk.domain.events.codes import EventStatus, RegistrationStatus
from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.introductions.codes import Stage
from xzdesk.domain.introductions.models import Introduction
from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.members.models import Member
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.reports import labels as L
from xzdesk.domain.reports.codes import CellState, PeriodKind
from xzdesk.domain.reports.periods import PeriodInfo
from xzdesk.domain.reports.suppression import ProtectedMeasure, display, protect, protect_alone, unprotected
from xzdesk.domain.reports.workbook import SheetSpec, write_workbook
from xzdesk.domain.staff.codes import Permission, Role
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.uow import CHINA_TZ, ActorInfo, UnitOfWork

CITY = "city"  # row key of city-level (no district) events, staff and pairs
TOTAL = "total"
CHUNK = 900
RELATIONSHIP_ACTIONS = tuple(f"introduction.{s.value}" for s in (Stage.DATING, Stage.ENGAGED, Stage.MARRIED))

SUMMARY_MEASURES = (
    "events_held", "participations", "participants", "base_unions", "employers", "mutual_pairs", "dating_pairs",
    "married_pairs", "active_matchmakers", "new_members",
)  # fmt: skip
DISTRICT_MEASURES = (
    "events_held", "participations", "participants", "mutual_pairs", "dating_pairs", "married_pairs",
    "active_matchmakers", "new_members",
)  # fmt: skip
MONTH_MEASURES = ("events_held", "participations", "mutual_pairs", "dating_pairs", "married_pairs", "new_members")
TOTAL_ONLY = ("base_unions", "employers")
NOT_PEOPLE = frozenset({"events_held", "base_unions", "employers"})  # counts of things: never suppressed


@dataclass(frozen=True)
class StatCellInfo:
    """A published cell: `value` is None when suppressed; `text` is what the report shows."""

    value: int | None
    state: str  # suppression.CellState
    text: str

    @classmethod
    def of(cls, value: int, state: CellState) -> StatCellInfo:
        shown = display(value, state)
        return cls(value if state is CellState.SHOWN else None, state.value, str(shown))


@dataclass(frozen=True)
class StatRow:
    key: str  # measure code (summary), district code / "city" / "total", or "YYYY-MM" / "total"
    cells: tuple[StatCellInfo, ...]


@dataclass(frozen=True)
class StatsReportInfo:
    period: PeriodInfo
    scope_district: str | None
    generated_at: datetime
    summary: tuple[StatRow, ...]  # one row per SUMMARY_MEASURES entry, one cell each
    district_measures: tuple[str, ...]
    by_district: tuple[StatRow, ...]  # district rows, then "total"
    month_measures: tuple[str, ...]
    by_month: tuple[StatRow, ...]  # month rows, then "total"; empty for a monthly report
    withheld: tuple[str, ...]  # measures whose monthly breakdown is withheld (suppression rule 4)
    internal: bool = False  # True: the union's own unsuppressed figures (audited, never exported)


@dataclass(frozen=True)
class StatsExportInfo:
    path: Path
    period_code: str


@dataclass
class _Counts:
    """Raw counts (never published as such): per measure, one (district key, month key) item per
    counted thing, plus the total-only figures."""

    items: dict[str, list[tuple[str, str | None]]]
    alone: dict[str, int]


# --- counting -----------------------------------------------------------------------------------
def _month_key(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def _local_day(at: datetime) -> date:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(CHINA_TZ).date()


def _key(district: str | None) -> str:
    return district or CITY


def _normalise(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def row_keys(scope_district: str | None) -> tuple[str, ...]:
    """District rows of the report for a scope (city-wide: every district and the city row)."""
    return (scope_district,) if scope_district else (*DISTRICTS, CITY)


_Items = dict[str, list[tuple[str, str | None]]]  # measure -> (row key, month key or None) per item


def count_statistics(
    session: Session, *, period: PeriodInfo, scope_district: str | None, cancel: CancelToken = NEVER_CANCELLED
) -> _Counts:
    rows = set(row_keys(scope_district))
    items: _Items = defaultdict(list)
    event_info = _event_items(session, period, rows, items, cancel)
    _introduction_items(session, period, rows, items, cancel)
    _staff_items(session, period, rows, items)
    cancel.check()
    served = _ServedBy()
    _new_member_items(session, period, rows, items, served)
    _other_members_served(session, period, scope_district, list(event_info), served)
    return _Counts(dict(items), {"base_unions": len(served.unions), "employers": len(served.employers)})


def _event_items(session: Session, period: PeriodInfo, rows: set[str], items: _Items,
                 cancel: CancelToken) -> dict[str, tuple[str, date]]:  # fmt: skip
    """Events held and their attendance: events_held, participations, participants (each member
    once, at the first event attended), mutual_pairs. Returns the events: id -> (row key, day)."""
    events = [
        (e.id, _key(e.district_code), e.event_date)
        for e in session.execute(
            select(Event.id, Event.district_code, Event.event_date).where(
                Event.status == EventStatus.HELD.value, Event.event_date >= period.start, Event.event_date < period.end
            )
        )
        if _key(e.district_code) in rows
    ]  # fmt: skip
    event_info = {eid: (key, day) for eid, key, day in events}
    for _eid, key, day in events:
        items["events_held"].append((key, _month_key(day)))
    first: dict[str, tuple[date, str, str]] = {}
    for chunk in _chunks(list(event_info)):
        cancel.check()
        for event_id, member_id in session.execute(
            select(EventRegistration.event_id, EventRegistration.member_id).where(
                EventRegistration.event_id.in_(chunk), EventRegistration.status == RegistrationStatus.ATTENDED.value
            )
        ):  # fmt: skip
            key, day = event_info[event_id]
            items["participations"].append((key, _month_key(day)))
            seen = first.get(member_id)
            if seen is None or (day, event_id) < seen[:2]:
                first[member_id] = (day, event_id, key)
    for _day, _event_id, key in first.values():
        items["participants"].append((key, None))
    for event_id, (key, day) in sorted(event_info.items()):
        cancel.check()
        for _pair in mutual_matches(session, event_id=event_id):
            items["mutual_pairs"].append((key, _month_key(day)))
    return event_info


def _introduction_items(session: Session, period: PeriodInfo, rows: set[str], items: _Items,
                        cancel: CancelToken) -> None:  # fmt: skip
    """Introductions: first entry into a relationship stage (dating_pairs), and marriages."""
    start, end = period.start_utc, period.end_utc
    staff_district = {s.id: s.district_code for s in session.execute(select(Staff.id, Staff.district_code))}
    # Both members' entries of one stage move share action, time and device: pair them up in Python
    # (a join of the audit log with itself lets SQLite pick the action index and crawl).
    moves: dict[str, set[tuple[str, str, datetime]]] = defaultdict(set)
    for member_id, action, at, device_id in session.execute(
        select(AuditEntry.member_id, AuditEntry.action, AuditEntry.at, AuditEntry.device_id).where(
            AuditEntry.action.in_(RELATIONSHIP_ACTIONS), AuditEntry.member_id.is_not(None)
        )
    ):  # fmt: skip
        moves[member_id].add((action, device_id, at))
    cancel.check()
    for a, b, matchmaker_id in session.execute(
        select(Introduction.member_a_id, Introduction.member_b_id, Introduction.matchmaker_id)
    ):  # fmt: skip
        shared = moves.get(a, set()) & moves.get(b, set())
        if not shared:
            continue
        at = min(m[2] for m in shared)
        key = _key(staff_district.get(matchmaker_id or ""))
        if start <= at < end and key in rows:
            items["dating_pairs"].append((key, _month_key(_local_day(at))))
    for matchmaker_id, closed in session.execute(
        select(Introduction.matchmaker_id, Introduction.closed_at).where(
            Introduction.stage == Stage.MARRIED.value, Introduction.closed_at >= start, Introduction.closed_at < end
        )
    ):  # fmt: skip
        key = _key(staff_district.get(matchmaker_id or ""))
        if key in rows:
            items["married_pairs"].append((key, _month_key(_local_day(closed))))


def _staff_items(session: Session, period: PeriodInfo, rows: set[str], items: _Items) -> None:
    """Staff at work: matchmakers with an audit entry in the period."""
    start, end = period.start_utc, period.end_utc
    active = exists().where(AuditEntry.actor_id == Staff.id, AuditEntry.at >= start, AuditEntry.at < end)
    for district in session.execute(
        select(Staff.district_code).where(Staff.role == Role.MATCHMAKER.value, active)
    ).scalars():  # fmt: skip
        if _key(district) in rows:
            items["active_matchmakers"].append((_key(district), None))


@dataclass
class _ServedBy:
    """Base unions and employers of the members served (normalised names)."""

    unions: set[str] = field(default_factory=set)
    employers: set[str] = field(default_factory=set)

    def add(self, base_union: str | None, employer: str | None) -> None:
        if _normalise(base_union):
            self.unions.add(_normalise(base_union))
        if _normalise(employer):
            self.employers.add(_normalise(employer))


def _new_member_items(session: Session, period: PeriodInfo, rows: set[str], items: _Items, served: _ServedBy) -> None:
    """New case files (one pass over the member table: created_at has no index), with the base
    unions and employers of the new members."""
    for district, created, base_union, employer in session.execute(
        select(Member.district_code, Member.created_at, Member.base_union, Member.employer).where(
            Member.created_at >= period.start_utc, Member.created_at < period.end_utc
        )
    ):  # fmt: skip
        if district in rows:
            items["new_members"].append((district, _month_key(_local_day(created))))
            served.add(base_union, employer)


def _other_members_served(session: Session, period: PeriodInfo, scope_district: str | None, event_ids: list[str],
                          served: _ServedBy) -> None:  # fmt: skip
    """Base unions and employers of the other members served (attended, or proposed), by id."""
    start, end = period.start_utc, period.end_utc
    members = union(
        select(EventRegistration.member_id).where(
            EventRegistration.event_id.in_(event_ids or [""]),
            EventRegistration.status == RegistrationStatus.ATTENDED.value,
        ),
        select(Introduction.member_a_id).where(Introduction.proposed_at >= start, Introduction.proposed_at < end),
        select(Introduction.member_b_id).where(Introduction.proposed_at >= start, Introduction.proposed_at < end),
    ).subquery()  # fmt: skip
    query = select(Member.base_union, Member.employer).where(Member.id.in_(select(members.c[0]))).distinct()
    if scope_district:
        query = query.where(Member.district_code == scope_district)
    for base_union, employer in session.execute(query):
        served.add(base_union, employer)


# --- protecting and publishing ------------------------------------------------------------------
def _protection(measure: str, total: int, partitions: list[list[int]], *, internal: bool) -> ProtectedMeasure:
    if internal:
        return unprotected(total, partitions)
    return protect(total, partitions, people=measure not in NOT_PEOPLE)


def _publish(
    counts: _Counts, *, period: PeriodInfo, scope_district: str | None, now: datetime, internal: bool = False
) -> StatsReportInfo:
    keys = row_keys(scope_district)
    months = [f"{y}-{m:02d}" for y, m in period.months] if period.kind is not PeriodKind.MONTH else []
    protected: dict[str, ProtectedMeasure] = {}
    totals: dict[str, int] = {}
    by_key: dict[str, list[int]] = {}
    by_month: dict[str, list[int]] = {}
    for measure in DISTRICT_MEASURES:
        its = counts.items.get(measure, [])
        totals[measure] = len(its)
        district_counts = Counter(k for k, _m in its)
        by_key[measure] = [district_counts.get(k, 0) for k in keys]
        partitions = [by_key[measure]]
        if months and measure in MONTH_MEASURES:
            month_counts = Counter(m for _k, m in its)
            by_month[measure] = [month_counts.get(m, 0) for m in months]
            partitions.append(by_month[measure])
        protected[measure] = _protection(measure, totals[measure], partitions, internal=internal)
    summary = []
    for measure in SUMMARY_MEASURES:
        if measure in TOTAL_ONLY:
            value = counts.alone[measure]
            cell = StatCellInfo.of(value, protect_alone(value, people=measure not in NOT_PEOPLE))
        else:
            cell = StatCellInfo.of(totals[measure], protected[measure].total)
        summary.append(StatRow(measure, (cell,)))
    district_rows = [
        StatRow(key, tuple(StatCellInfo.of(by_key[m][i], protected[m].partitions[0][i]) for m in DISTRICT_MEASURES))
        for i, key in enumerate(keys)
    ]
    district_rows.append(StatRow(TOTAL, tuple(StatCellInfo.of(totals[m], protected[m].total) for m in DISTRICT_MEASURES)))
    month_rows: list[StatRow] = []
    withheld = []
    if months:
        for i, month in enumerate(months):
            month_rows.append(StatRow(month, tuple(
                StatCellInfo.of(by_month[m][i], protected[m].partitions[1][i]) for m in MONTH_MEASURES
            )))  # fmt: skip
        month_rows.append(StatRow(TOTAL, tuple(StatCellInfo.of(totals[m], protected[m].total) for m in MONTH_MEASURES)))
        withheld = [m for m in MONTH_MEASURES if protected[m].partitions[1][0] is CellState.WITHHELD]
    return StatsReportInfo(
        period=period, scope_district=scope_district, generated_at=now, summary=tuple(summary),
        district_measures=DISTRICT_MEASURES, by_district=tuple(district_rows),
        month_measures=MONTH_MEASURES if months else (), by_month=tuple(month_rows), withheld=tuple(withheld),
        internal=internal,
    )  # fmt: skip


def union_statistics(
    session: Session,
    *,
    actor: ActorInfo | None,
    period: PeriodInfo,
    now: datetime,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> StatsReportInfo:
    """The protected report for `period` in the actor's scope (read-only; `reports.aggregate`)."""
    if actor is None or not actor.can(Permission.REPORTS_AGGREGATE):
        raise PermissionDenied(permission=str(Permission.REPORTS_AGGREGATE), role=str(actor.role) if actor else None)
    return _report(session, actor=actor, period=period, now=now, internal=False, progress=progress, cancel=cancel)


def _report(
    session: Session,
    *,
    actor: ActorInfo,
    period: PeriodInfo,
    now: datetime,
    internal: bool,
    progress: Progress,
    cancel: CancelToken,
) -> StatsReportInfo:
    progress(0.0, "reports.counting")
    counts = count_statistics(session, period=period, scope_district=actor.district_code, cancel=cancel)
    progress(0.9, "reports.protecting")
    report = _publish(counts, period=period, scope_district=actor.district_code, now=now, internal=internal)
    progress(1.0, "reports.done")
    return report


def view_internal_statistics(
    uow: UnitOfWork,
    *,
    period: PeriodInfo,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> StatsReportInfo:
    """The union's own figures for `period`, nothing suppressed, for a union administrator
    (`reports.internal`). Audited as `report.stats_internal` (the period code; no member) in the
    caller's unit of work. The figures stay inside the union: `export_statistics` never writes
    them, so a federation export is always the protected report."""
    actor = uow.require(Permission.REPORTS_INTERNAL)
    report = _report(uow.session, actor=actor, period=period, now=uow.now, internal=True, progress=progress,
                     cancel=cancel)  # fmt: skip
    uow.audit("report.stats_internal", fields=[period.code])
    return report


# --- the workbook -------------------------------------------------------------------------------
def period_label(period: PeriodInfo) -> str:
    return L.PERIOD_LABELS[period.kind.value].format(year=period.year, number=period.number)


def row_label(key: str) -> str:
    if key == TOTAL:
        return L.TOTAL_ROW
    if key == CITY:
        return L.CITY_ROW
    if key in DISTRICTS:
        return DISTRICTS[key]
    if len(key) == 7 and key[4] == "-":
        return L.MONTH_LABEL.format(year=key[:4], month=int(key[5:]))
    return key


def _cell(c: StatCellInfo) -> int | str:
    return c.value if c.value is not None else c.text


def statistics_sheets(report: StatsReportInfo) -> list[SheetSpec]:
    last = date.fromordinal(report.period.end.toordinal() - 1)
    scope = DISTRICTS.get(report.scope_district or "", L.CITY_SCOPE)
    preamble = (
        L.TITLE,
        L.PERIOD.format(label=period_label(report.period), start=report.period.start.isoformat(), end=last.isoformat()),
        L.SCOPE.format(scope=scope),
        L.GENERATED.format(at=report.generated_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")),
    )
    sheets = [SheetSpec(
        L.SHEET_SUMMARY, L.SUMMARY_HEADERS,
        [[L.MEASURES[r.key], _cell(r.cells[0]), L.DEFINITIONS[r.key]] for r in report.summary],
        widths=(22, 12, 90), preamble=preamble, notes=L.NOTES,
    )]  # fmt: skip
    sheets.append(SheetSpec(
        L.SHEET_DISTRICTS, (L.DISTRICT_HEADER, *(L.MEASURES[m] for m in report.district_measures)),
        [[row_label(r.key), *(_cell(c) for c in r.cells)] for r in report.by_district],
        widths=(20, *(16 for _ in report.district_measures)), preamble=preamble, notes=L.NOTES,
    ))  # fmt: skip
    if report.by_month:
        sheets.append(SheetSpec(
            L.SHEET_MONTHS, (L.MONTH_HEADER, *(L.MEASURES[m] for m in report.month_measures)),
            [[row_label(r.key), *(_cell(c) for c in r.cells)] for r in report.by_month],
            widths=(14, *(16 for _ in report.month_measures)), preamble=preamble, notes=L.NOTES,
        ))  # fmt: skip
    return sheets


def export_statistics(
    uow: UnitOfWork,
    *,
    period: PeriodInfo,
    path: Path | str,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> StatsExportInfo:
    """Compute the report in the caller's unit of work and write it to `path` (.xlsx). Audited as
    `report.stats` (the period code; no member). The file appears only when complete."""
    actor = uow.require(Permission.REPORTS_AGGREGATE)
    report = union_statistics(uow.session, actor=actor, period=period, now=uow.now, progress=progress, cancel=cancel)
    uow.audit("report.stats", fields=[period.code])
    target = write_workbook(path, statistics_sheets(report), cancel=cancel)
    return StatsExportInfo(target, period.code)
