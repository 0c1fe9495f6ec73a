"""The analytics workbook: what may leave the union (aggregates only, no member, no name).

Counts of people follow `reports.suppression` as the federation statistics do: an event's
registrations by source add up to its sign-ups and its places (came, no-shows, still to come) to
its approved, each protected as a breakdown with its total; each demand dimension that splits the
pool (sex, district, sector) is a breakdown of its column's total; every other count of people (a
waiting list, cards, pairs, a group of the pool, an interest tag) stands alone ("<5" from 1 to 4).
The not-served list is never exported (it names people). Audited as `report.analytics`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from xzdesk.domain.analytics import labels as L
from xzdesk.domain.analytics.codes import Dimension
from xzdesk.domain.analytics.dto import AnalyticsInfo, DemandRow, EventOutcomeRow
from xzdesk.domain.analytics.queries import event_analytics
from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.privacy.labels import SECTOR_WORDS
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.reports.suppression import display, protect, protect_alone
from xzdesk.domain.reports.workbook import SheetSpec, write_workbook
from xzdesk.domain.staff.codes import Permission
from xzdesk.domain.uow import CHINA_TZ, UnitOfWork

PARTITIONS = (Dimension.SEX, Dimension.DISTRICT, Dimension.SECTOR)  # each person in exactly one row


@dataclass(frozen=True)
class AnalyticsExportInfo:
    path: Path
    events: int


def _alone(value: int) -> int | str:
    return display(value, protect_alone(value))


def _breakdown(total: int, parts: Sequence[int]) -> tuple[int | str, list[int | str]]:
    """A total and the parts adding up to it, protected together."""
    states = protect(total, [list(parts)])
    return display(total, states.total), [display(v, s) for v, s in zip(parts, states.partitions[0], strict=True)]


def event_cells(e: EventOutcomeRow) -> list[object]:
    signed, (invited, online, walk_ins) = _breakdown(e.signed_up, (e.invited, e.online, e.walk_ins))
    still = e.approved - e.came - e.no_shows
    approved, (came, no_shows, waiting) = _breakdown(e.approved, (e.came, e.no_shows, still))
    return [e.event_date, e.code, L.KIND_WORDS.get(e.kind, e.kind), DISTRICTS.get(e.district_code or "", L.CITY_SCOPE),
            signed, invited, online, walk_ins, approved, came, no_shows, waiting, _alone(e.waitlisted), _alone(e.cards),
            _alone(e.mutual), _alone(e.introductions), _alone(e.dating)]  # fmt: skip


def _key_word(dimension: str, key: str) -> str:
    words = {"sex": L.SEX_WORDS, "district": DISTRICTS, "sector": SECTOR_WORDS}.get(dimension, {})
    return words.get(key, key)


def demand_rows(rows: Sequence[DemandRow]) -> list[list[object]]:
    out: list[list[object]] = []
    for dimension in Dimension:
        mine = [r for r in rows if r.dimension == dimension.value]
        columns = [[r.sign_ups for r in mine], [r.waitlisted for r in mine], [r.online for r in mine],
                   [r.pool for r in mine]]  # fmt: skip
        if dimension in PARTITIONS and mine:
            protected = [_breakdown(sum(c), c) for c in columns]
            cells = [[p[1][i] for p in protected] for i in range(len(mine))]
            totals: list[object] | None = [p[0] for p in protected]
        else:
            cells = [[_alone(v) for v in (r.sign_ups, r.waitlisted, r.online, r.pool)] for r in mine]
            totals = None
        word = L.DIMENSION_WORDS.get(dimension.value, dimension.value)
        out += [[word, _key_word(dimension.value, r.key), *c] for r, c in zip(mine, cells, strict=True)]
        if totals is not None:
            out.append([word, L.TOTAL_ROW, *totals])
    return out


def analytics_sheets(info: AnalyticsInfo) -> list[SheetSpec]:
    at = info.generated_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
    scope = DISTRICTS.get(info.scope_district or "", L.CITY_SCOPE)
    preamble = (L.TITLE, L.GENERATED.format(at=at, scope=scope))
    return [
        SheetSpec(L.SHEET_EVENTS, L.EVENT_HEADERS, [event_cells(e) for e in info.events], text_columns=(1,),
                  preamble=preamble, notes=L.NOTES),
        SheetSpec(L.SHEET_DEMAND, L.DEMAND_HEADERS, demand_rows(info.demand), preamble=preamble, notes=L.NOTES),
        SheetSpec(L.SHEET_POOL, L.POOL_HEADERS, [
            [DISTRICTS.get(c.district_code, c.district_code), L.SEX_WORDS.get(str(c.sex), ""), c.band,
             _alone(c.people), _alone(c.partners)] for c in info.pool], preamble=preamble, notes=L.NOTES),
    ]  # fmt: skip


def export_analytics(uow: UnitOfWork, *, path: Path | str, progress: Progress = no_progress,
                     cancel: CancelToken = NEVER_CANCELLED) -> AnalyticsExportInfo:  # fmt: skip
    """Count in the caller's unit of work and write the protected workbook to `path` (.xlsx); the
    file appears only when complete."""
    actor = uow.require(Permission.REPORTS_AGGREGATE)
    info = event_analytics(uow.session, actor=actor, now=uow.now, progress=progress, cancel=cancel)
    uow.audit("report.analytics", fields=[f"events:{len(info.events)}"])
    target = write_workbook(path, analytics_sheets(info), cancel=cancel)
    return AnalyticsExportInfo(target, len(info.events))
