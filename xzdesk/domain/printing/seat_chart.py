"""Seat chart (座位图): the floor plan with every table, its label and the number plates seated,
followed by the "find your table" list (找座位) to hang beside it.

The plan is one landscape page (A4 or A3). Tables sit at their floor-plan positions when every
table has one, scaled uniformly so the whole plan fits the page; otherwise they are laid out in a
grid in the order given. Round tables carry their seats on a ring; long tables on both long sides.

The list pages (portrait, same paper) give every guest's number plate and surname + 先生/女士 and
the table, in large type, in several columns (3 on A4, 4 on A3), in the order given under a
heading per initial letter, as guests look themselves up by surname (PerfectTablePlan's and
pretix's "find your table" lists).

`seat_chart_layout` and `finder_pages` expose the geometry (mm, top-left origin) so a preview or
a test can check it without reading the PDF.

Contract: pure drawing, no database; run on a worker thread; `out` is written only on success;
raises Cancelled when `cancel` is set, FieldProblem `printing.unknown_page_size` or
`printing.unknown_table_shape` (item).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm

from xzdesk.domain.errors import FieldProblem
from xzdesk.domain.printing._pdf import Output, PdfJob, PrintReportInfo, run_items
from xzdesk.domain.printing.dto import EventHeaderInfo, FindTableRow, SeatTableInfo
from xzdesk.domain.printing.labels import FINDER_LABELS, SEAT_CHART_LABELS, format_date
from xzdesk.domain.printing.presets import RectMM
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

PAGE_SIZES = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}  # landscape
SHAPES = ("round", "long")
MAX_UNIT_MM = 70.0  # a lone table is not drawn as big as the page
_PAD = 0.55  # half a table's footprint, in grid units, kept free around the outermost centres


@dataclass(frozen=True)
class SeatPlacementInfo:
    """Centre (mm) and radius (mm) of one seat, and who sits there ("" = empty)."""

    x: float
    y: float
    r: float
    number_plate: str


@dataclass(frozen=True)
class TablePlacementInfo:
    """Where one table is drawn: centre (mm), footprint unit (mm), shape, rotation, seats."""

    index: int
    label: str
    shape: str
    cx: float
    cy: float
    unit: float
    rotation: float
    seats: tuple[SeatPlacementInfo, ...]


def plan_area(page_size: str = "A4") -> RectMM:
    """The part of the page the floor plan is scaled into (below the header)."""
    w, h = _page(page_size)
    return RectMM(10.0, 26.0, w - 20.0, h - 26.0 - 8.0)


def _page(page_size: str) -> tuple[float, float]:
    try:
        return PAGE_SIZES[page_size]
    except KeyError:
        raise FieldProblem("page_size", "printing.unknown_page_size", choices=sorted(PAGE_SIZES)) from None


def _grid_points(n: int, area: RectMM) -> list[tuple[float, float]]:
    aspect = area.w / area.h
    cols = max(1, min(n, round(math.sqrt(n * aspect))))
    return [(float(i % cols), float(i // cols)) for i in range(n)]


def _normalised_points(tables: Sequence[SeatTableInfo], area: RectMM) -> list[tuple[float, float]]:
    if not tables or any(t.x is None or t.y is None for t in tables):
        return _grid_points(len(tables), area)
    pts = [(float(t.x), float(t.y)) for t in tables]  # type: ignore[arg-type]
    spacing = min(
        (math.dist(a, b) for i, a in enumerate(pts) for b in pts[i + 1 :] if math.dist(a, b) > 0),
        default=1.0,
    )
    return [(x / spacing, y / spacing) for x, y in pts]


def _rotate(x: float, y: float, degrees: float) -> tuple[float, float]:
    """Clockwise on paper (y grows downwards)."""
    a = math.radians(degrees)
    return x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)


def _seat_offsets(shape: str, n: int, u: float) -> tuple[list[tuple[float, float]], float]:
    """Seat centres relative to the table centre (unrotated) and the seat radius, in mm."""
    if n == 0:
        return [], 0.0
    if shape == "round":
        ring = 0.38 * u
        r = min(0.085 * u, math.pi * ring / n * 0.92)
        return [
            (ring * math.sin(2 * math.pi * k / n), -ring * math.cos(2 * math.pi * k / n)) for k in range(n)
        ], r
    length = 0.88 * u
    top = math.ceil(n / 2)
    bottom = n - top
    step = length / top
    r = min(0.085 * u, step * 0.45)
    side_y = 0.11 * u + r + 0.02 * u
    seats = [(-length / 2 + step * (k + 0.5), -side_y) for k in range(top)]
    step_b = length / max(1, bottom)
    seats += [(-length / 2 + step_b * (k + 0.5), side_y) for k in range(bottom)]
    return seats, r


def seat_chart_layout(tables: Sequence[SeatTableInfo], *, page_size: str = "A4") -> list[TablePlacementInfo]:
    """Placement of every table and seat on the page (mm, top-left origin)."""
    area = plan_area(page_size)
    for index, t in enumerate(tables):
        if t.shape not in SHAPES:
            raise FieldProblem("shape", "printing.unknown_table_shape", item=index, choices=list(SHAPES))
    pts = _normalised_points(tables, area)
    if not pts:
        return []
    min_x = min(p[0] for p in pts)
    max_x = max(p[0] for p in pts)
    min_y = min(p[1] for p in pts)
    max_y = max(p[1] for p in pts)
    span_w = max_x - min_x + 2 * _PAD
    span_h = max_y - min_y + 2 * _PAD
    unit = min(area.w / span_w, area.h / span_h, MAX_UNIT_MM)
    off_x = area.x + (area.w - span_w * unit) / 2 + (_PAD - min_x) * unit
    off_y = area.y + (area.h - span_h * unit) / 2 + (_PAD - min_y) * unit
    out = []
    for index, (t, (px, py)) in enumerate(zip(tables, pts, strict=True)):
        cx, cy = off_x + px * unit, off_y + py * unit
        offsets, r = _seat_offsets(t.shape, len(t.seats), unit)
        seats = []
        for (dx, dy), plate in zip(offsets, t.seats, strict=True):
            rx, ry = _rotate(dx, dy, t.rotation)
            seats.append(SeatPlacementInfo(cx + rx, cy + ry, r, plate))
        out.append(TablePlacementInfo(index, t.label, t.shape, cx, cy, unit, t.rotation, tuple(seats)))
    return out


def _draw_table(job: PdfJob, p: TablePlacementInfo) -> None:
    u = p.unit
    c = job.c
    c.saveState()
    c.translate(job.X(p.cx), job.Y(p.cy))
    c.rotate(-p.rotation)  # reportlab turns counter-clockwise; the plan's rotation is clockwise
    c.setLineWidth(0.8)
    c.setFillGray(0.93)
    if p.shape == "round":
        c.circle(0, 0, 0.26 * u * mm, stroke=1, fill=1)
    else:
        c.roundRect(-0.44 * u * mm, -0.11 * u * mm, 0.88 * u * mm, 0.22 * u * mm, 0.02 * u * mm, stroke=1, fill=1)
    c.restoreState()
    if p.shape == "round":
        label_box = RectMM(p.cx - 0.17 * u, p.cy - 0.17 * u, 0.34 * u, 0.34 * u)
    elif abs(math.cos(math.radians(p.rotation))) >= 0.7:  # long table lying across the page
        label_box = RectMM(p.cx - 0.35 * u, p.cy - 0.1 * u, 0.7 * u, 0.2 * u)
    else:  # standing upright: the label gets the narrow width
        label_box = RectMM(p.cx - 0.1 * u, p.cy - 0.35 * u, 0.2 * u, 0.7 * u)
    job.fit(p.label, label_box, max_size=min(label_box.h, 0.2 * u) * 72 / 25.4 * 0.7, item=p.index, align="center", bold=True)
    for seat in p.seats:
        if seat.number_plate.strip():
            job.circle(seat.x, seat.y, seat.r, width=0.5, fill_gray=1.0)
            inner = seat.r * 1.35
            job.fit(seat.number_plate, RectMM(seat.x - inner / 2, seat.y - inner / 2, inner, inner),
                    max_size=inner * 72 / 25.4, min_size=3.0, item=p.index, align="center")
        else:
            c.saveState()
            c.setDash([1.0, 1.2])
            job.circle(seat.x, seat.y, seat.r, width=0.3)
            c.restoreState()


# --- the find-your-table list -----------------------------------------------------------------
FINDER_COLUMNS = {"A4": 3, "A3": 4}
FINDER_ROW_H = {"A4": 10.0, "A3": 11.0}
FINDER_MARGIN = 12.0
FINDER_TOP = 40.0  # below the title, the event and the hint
FINDER_GAP = 6.0  # between columns


@dataclass(frozen=True)
class FinderEntryInfo:
    """One line of a list column: a group heading (`row` None) or a guest, at `y` (mm, top)."""

    group: str
    row: FindTableRow | None
    y: float
    item: int = -1  # the row's index in the list given (for the glyph report)


@dataclass(frozen=True)
class FinderColumnInfo:
    x: float
    w: float
    entries: tuple[FinderEntryInfo, ...]


def finder_page_size(page_size: str = "A4") -> tuple[float, float]:
    """The list's pages: the chart's paper, portrait."""
    w, h = _page(page_size)
    return min(w, h), max(w, h)


def finder_pages(rows: Sequence[FindTableRow], *, page_size: str = "A4") -> list[list[FinderColumnInfo]]:
    """The list laid out: pages of columns of lines. A heading opens each group (and repeats at
    the top of a column the group continues into); a heading never ends a column."""
    w, h = finder_page_size(page_size)
    n_cols = FINDER_COLUMNS[page_size]
    row_h = FINDER_ROW_H[page_size]
    col_w = (w - 2 * FINDER_MARGIN - (n_cols - 1) * FINDER_GAP) / n_cols
    top = FINDER_TOP + row_h  # below the column headings
    per_column = int((h - 12.0 - top) // row_h)
    columns: list[list[FinderEntryInfo]] = [[]]
    current = None
    for item, row in enumerate(rows):
        column = columns[-1]
        opens_group = row.group != current or not column
        if len(column) + (2 if opens_group else 1) > per_column:
            columns.append([])
            column, opens_group = columns[-1], True
        if opens_group:
            column.append(FinderEntryInfo(row.group, None, top + len(column) * row_h))
            current = row.group
        column.append(FinderEntryInfo(row.group, row, top + len(column) * row_h, item))
    pages: list[list[FinderColumnInfo]] = []
    for start in range(0, len(columns), n_cols):
        pages.append([
            FinderColumnInfo(FINDER_MARGIN + i * (col_w + FINDER_GAP), col_w, tuple(entries))
            for i, entries in enumerate(columns[start : start + n_cols])
        ])  # fmt: skip
    return pages if rows else []


def _draw_finder_entry(job: PdfJob, column: FinderColumnInfo, entry: FinderEntryInfo, row_h: float) -> None:
    x, w = column.x, column.w
    if entry.row is None:
        box = RectMM(x, entry.y + 1.0, w, row_h - 2.0)
        job.rect(box, width=0, fill_gray=0.88)
        job.fit(entry.group, box.inset(1.2), max_size=(row_h - 4.0) * 72 / 25.4, bold=True)
        return
    row, item = entry.row, entry.item
    size = (row_h * 0.62) * 72 / 25.4
    job.fit(row.number_plate, RectMM(x, entry.y, 0.26 * w, row_h).inset(0.8), max_size=size, bold=True, item=item)
    job.fit(row.display_name, RectMM(x + 0.26 * w, entry.y, 0.44 * w, row_h).inset(0.8), max_size=size, item=item)
    table = row.table_label or FINDER_LABELS["no_table"]
    job.fit(table, RectMM(x + 0.7 * w, entry.y, 0.3 * w, row_h).inset(0.8), max_size=size, align="right",
            bold=bool(row.table_label), gray=0.0 if row.table_label else 0.45, item=item)
    job.line(x, entry.y + row_h, x + w, entry.y + row_h, width=0.2, gray=0.75)


def _draw_finder_page(job: PdfJob, columns: Sequence[FinderColumnInfo], *, page: int, pages: int, header: str,
                      page_size: str) -> None:  # fmt: skip
    w, h = finder_page_size(page_size)
    row_h = FINDER_ROW_H[page_size]
    job.set_page_size(w, h)
    job.begin_page()
    job.fit(FINDER_LABELS["title"], RectMM(FINDER_MARGIN, 8, w - 2 * FINDER_MARGIN, 14), max_size=34, align="center",
            bold=True)
    job.fit(header, RectMM(FINDER_MARGIN, 23, w - 2 * FINDER_MARGIN, 8), max_size=15, align="center", item=-1)
    job.fit(FINDER_LABELS["how"], RectMM(FINDER_MARGIN, 31.5, w - 2 * FINDER_MARGIN, 6), max_size=11, align="center",
            gray=0.35)
    for column in columns:
        head = RectMM(column.x, FINDER_TOP, column.w, row_h)
        for key, share, align in (("number", (0.0, 0.26), "left"), ("name", (0.26, 0.44), "left"),
                                  ("table", (0.7, 0.3), "right")):  # fmt: skip
            box = RectMM(column.x + share[0] * column.w, FINDER_TOP, share[1] * column.w, row_h)
            job.fit(FINDER_LABELS[key], box.inset(1.2), max_size=11, align=align, gray=0.35)
        job.line(head.x, head.bottom, head.right, head.bottom, width=0.6, gray=0.3)
        for entry in column.entries:
            _draw_finder_entry(job, column, entry, row_h)
    job.fit(FINDER_LABELS["page"].format(page=page, pages=pages), RectMM(FINDER_MARGIN, h - 10, w - 2 * FINDER_MARGIN, 5),
            max_size=9, align="center", gray=0.3)
    job.end_page()


def print_seat_chart(
    tables: Sequence[SeatTableInfo],
    out: Output,
    *,
    event: EventHeaderInfo,
    page_size: str = "A4",
    finder: Sequence[FindTableRow] = (),
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PrintReportInfo:
    """The whole floor plan on one landscape page, then the find-your-table list of `finder`
    (in the order given) on portrait pages. The report counts tables as items."""
    w, h = _page(page_size)
    placements = seat_chart_layout(tables, page_size=page_size)
    list_pages = finder_pages(finder, page_size=page_size)
    seated = sum(1 for t in tables for s in t.seats if s.strip())
    header = "  ".join(p for p in (event.name, format_date(event.starts_at), event.venue) if p)
    with PdfJob(out, title=SEAT_CHART_LABELS["doc_title"], page_w=w, page_h=h) as job:
        job.begin_page()
        job.fit(SEAT_CHART_LABELS["title"], RectMM(10, 7, 40, 10), max_size=20, bold=True)
        job.fit(header, RectMM(52, 7, w - 52 - 60, 10), max_size=13, item=-1)
        job.fit(SEAT_CHART_LABELS["summary"].format(tables=len(tables), seated=seated),
                RectMM(w - 60, 7, 50, 10), max_size=11, align="right")
        job.line(10, 19, w - 10, 19, width=0.6, gray=0.3)
        run_items(placements, lambda _i, p: _draw_table(job, p), progress=progress, cancel=cancel,
                  code="printing.seat_chart")
        job.end_page()
        for number, columns in enumerate(list_pages, start=1):
            cancel.check()
            _draw_finder_page(job, columns, page=number, pages=len(list_pages), header=header, page_size=page_size)
        return job.finish(items=len(tables))
