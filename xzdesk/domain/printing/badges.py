"""Badges (胸牌) on stock presets, and the crosshair calibration page for each preset.

Contract (both functions): pure drawing, no database; run on a worker thread; write `out` only
on success (a path is written atomically); raise Cancelled when `cancel` is set, XzError
`printing.qr_payload_invalid` (item) when a token is not a canonical token, FieldProblem
`printing.unknown_preset`, or ValidationError for a bad calibration.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from xzdesk.domain.errors import XzError
from xzdesk.domain.printing._pdf import Output, PdfJob, PrintReportInfo, chunks, run_items
from xzdesk.domain.printing.dto import BadgeInfo, EventHeaderInfo
from xzdesk.domain.printing.labels import BADGE_LABELS, CALIBRATION_LABELS, format_date
from xzdesk.domain.printing.presets import (
    NO_CALIBRATION,
    CalibrationInfo,
    RectMM,
    StockPresetInfo,
    badge_boxes,
    calibration_reference,
    check_calibration,
    get_preset,
)
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.tokens import is_token_text

PT_PER_MM = 72 / 25.4


def _max_pt(box: RectMM) -> float:
    """The font size whose line height fills a box of this height."""
    return box.h * PT_PER_MM / 1.02


def _draw_badge(job: PdfJob, cell: RectMM, badge: BadgeInfo, *, item: int, header: EventHeaderInfo,
                outline: bool) -> None:
    b = badge_boxes(cell.w, cell.h)

    def at(r: RectMM) -> RectMM:
        return r.shifted(cell.x, cell.y)

    if outline:
        job.rect(cell, width=0.3, gray=0.75)
    job.fit(header.name, at(b.event), max_size=_max_pt(b.event), item=-1, bold=True, max_lines=2)
    date_line = "  ".join(p for p in (format_date(header.starts_at), header.venue) if p)
    job.fit(date_line, at(b.date), max_size=_max_pt(b.date) * 0.9, item=-1, gray=0.25, valign="top")
    rule_y = cell.y + b.date.bottom + 0.006 * cell.h
    job.line(cell.x + b.event.x, rule_y, cell.x + b.event.right, rule_y, width=0.6, gray=0.3)
    job.fit(badge.number_plate, at(b.number), max_size=_max_pt(b.number), item=item, bold=True)
    job.fit(badge.display_name, at(b.name), max_size=_max_pt(b.name) * 0.8, item=item, max_lines=2)
    table = badge.table_label.strip()
    if badge.token:
        job.qr(badge.token, at(b.qr), item=item)
        if table:
            job.fit(f"{BADGE_LABELS['table']} {table}", at(b.table), max_size=_max_pt(b.table) * 0.8,
                    item=item, align="center", bold=True)
    elif table:  # no QR: the table label gets the QR's square
        qr = at(b.qr)
        caption = RectMM(qr.x, qr.y + 0.08 * qr.h, qr.w, 0.22 * qr.h)
        big = RectMM(qr.x, caption.bottom, qr.w, 0.62 * qr.h)
        job.fit(BADGE_LABELS["table"], caption, max_size=_max_pt(caption), item=item, align="center")
        job.fit(table, big, max_size=_max_pt(big), item=item, align="center", bold=True)


def _cut_marks(job: PdfJob, preset: StockPresetInfo) -> None:
    cells = preset.cells()
    xs = sorted({round(v, 3) for c in cells for v in (c.x, c.right)})
    ys = sorted({round(v, 3) for c in cells for v in (c.y, c.bottom)})
    top, bottom = ys[0], ys[-1]
    left, right = xs[0], xs[-1]
    gap = 1.5
    for x in xs:
        for y0, room in ((top, top), (bottom, preset.page_h - bottom)):
            length = min(6.0, room - gap - 1.0)
            if length >= 2.0:
                sign = -1 if y0 == top else 1
                job.line(x, y0 + sign * gap, x, y0 + sign * (gap + length), width=0.3)
    for y in ys:
        for x0, room in ((left, left), (right, preset.page_w - right)):
            length = min(6.0, room - gap - 1.0)
            if length >= 2.0:
                sign = -1 if x0 == left else 1
                job.line(x0 + sign * gap, y, x0 + sign * (gap + length), y, width=0.3)


def print_badges(
    badges: Sequence[BadgeInfo],
    out: Output,
    *,
    event: EventHeaderInfo,
    preset: str = "a4-10up",
    calibration: CalibrationInfo = NO_CALIBRATION,
    cut_marks: bool = False,
    outlines: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PrintReportInfo:
    """Print `badges` in order, filling each sheet of the preset row by row from the top-left.

    `calibration` shifts everything on every page; `cut_marks` draws short marks in the sheet
    margins on the cell edges (sheets with margins only); `outlines` draws a light border around
    each badge (for plain paper). The report counts pages and badges.
    """
    stock = get_preset(preset)
    cal = check_calibration(calibration)
    cells = stock.cells()
    for index, badge in enumerate(badges):  # fail before drawing anything
        if badge.token and not is_token_text(badge.token):
            raise XzError("printing.qr_payload_invalid", item=index)
    with PdfJob(out, title=BADGE_LABELS["doc_title"], page_w=stock.page_w, page_h=stock.page_h) as job:
        job.set_offset(cal.offset_x, cal.offset_y)
        pages = list(chunks(list(badges), stock.per_page))
        done = 0

        def draw_page(page_index: int, page: Sequence[BadgeInfo]) -> None:
            nonlocal done
            job.begin_page()
            for slot, badge in enumerate(page):
                if slot % 4 == 0:
                    cancel.check()
                _draw_badge(job, cells[slot], badge, item=done, header=event, outline=outlines)
                done += 1
            if cut_marks:
                _cut_marks(job, stock)
            job.end_page()
            progress(done / max(1, len(badges)), "printing.badges")

        run_items(pages, draw_page, progress=no_progress, cancel=cancel, code="printing.badges")
        progress(1.0, "printing.badges")
        return job.finish(items=len(badges))


def _ruler(job: PdfJob, x: float, y: float, length: int, *, vertical: bool) -> None:
    """A millimetre ruler starting at (x, y): 1 mm ticks, longer every 5 and 10 mm, labelled."""
    if vertical:
        job.line(x, y, x, y + length, width=0.4)
    else:
        job.line(x, y, x + length, y, width=0.4)
    for i in range(length + 1):
        tick = 4.0 if i % 10 == 0 else 2.5 if i % 5 == 0 else 1.5
        if vertical:
            job.line(x, y + i, x - tick, y + i, width=0.2)
            if i % 10 == 0:
                job.text(str(i), x - 4.6, y + i + 0.8, size=5.5, align="right")
        else:
            job.line(x + i, y, x + i, y - tick, width=0.2)
            if i % 10 == 0:
                job.text(str(i), x + i, y - 4.8, size=5.5, align="center")


def _crosshair(job: PdfJob, x: float, y: float) -> None:
    job.circle(x, y, 1.2, width=0.35)
    job.line(x - 3.0, y, x + 3.0, y, width=0.35)
    job.line(x, y - 3.0, x, y + 3.0, width=0.35)


def print_calibration_page(
    out: Output,
    *,
    preset: str = "a4-10up",
    calibration: CalibrationInfo = NO_CALIBRATION,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PrintReportInfo:
    """One sheet of the preset with a crosshair on every badge corner (dashed cell outlines),
    a horizontal and a vertical millimetre ruler, and how to measure the offset.

    Drawn with `calibration` applied, so a corrected printer prints the crosshairs exactly at the
    nominal positions written on the page. Measure the first cell's top-left crosshair from the
    paper edges; offset = measured - nominal.
    """
    stock = get_preset(preset)
    cal = check_calibration(calibration)
    cancel.check()
    progress(0.0, "printing.calibration")
    with PdfJob(out, title=CALIBRATION_LABELS["doc_title"], page_w=stock.page_w, page_h=stock.page_h) as job:
        job.set_offset(cal.offset_x, cal.offset_y)
        job.begin_page()
        cells = stock.cells()
        corners = set()
        for n, cell in enumerate(cells, start=1):
            job.rect(cell, width=0.3, gray=0.55, dash=(1.5, 1.0))
            if len(cells) > 1:
                job.fit(CALIBRATION_LABELS["cell"].format(n=n), RectMM(cell.x, cell.bottom - 7, cell.w, 4),
                        max_size=7, align="center", gray=0.5)
            corners.update({(round(cell.x, 3), round(cell.y, 3)), (round(cell.right, 3), round(cell.y, 3)),
                            (round(cell.x, 3), round(cell.bottom, 3)), (round(cell.right, 3), round(cell.bottom, 3))})
        w, h = stock.page_w, stock.page_h
        first = cells[0]
        ref = calibration_reference(stock)
        if ref != (first.x, first.y):
            # A single badge filling the sheet: its corners are the paper's corners, which most
            # printers cannot reach, so reference crosshairs sit 10 mm in.
            corners.update({ref, (w - ref[0], h - ref[1])})
        for x, y in sorted(corners):
            _crosshair(job, x, y)
        if len(cells) > 1:
            len_h = len_v = 100
            _ruler(job, first.x + 10.0, h * 0.55, len_h, vertical=False)
            _ruler(job, w - 25.0, h * 0.35, len_v, vertical=True)
            text_box = RectMM(first.x + 6.0, first.y + 6.0, 2 * first.w - 12.0, first.h - 16.0)
            size = 9.0
        else:
            len_h = int(min(100, w - 26) // 10 * 10)
            len_v = int(min(100, h - 34) // 10 * 10)
            _ruler(job, 8.0, h - 7.0, len_h, vertical=False)
            if len_v >= 10:
                _ruler(job, w - 7.0, 16.0, len_v, vertical=True)
            text_box = RectMM(14.0, 14.0, w - 30.0, h - 30.0)
            size = 8.0 if w > 120 else 6.0
        lines = [
            CALIBRATION_LABELS["title"].format(preset=stock.key),
            CALIBRATION_LABELS["offset"].format(x=cal.offset_x, y=cal.offset_y),
            CALIBRATION_LABELS["nominal"].format(x=ref[0], y=ref[1]),
            CALIBRATION_LABELS["how"],
            CALIBRATION_LABELS["ruler"].format(length=len_h),
        ]
        job.paragraph("\n".join(lines), text_box, size=size, min_size=4.0)
        job.end_page()
        progress(1.0, "printing.calibration")
        return job.finish(items=1)


def badge_sheet_count(count: int, preset: str) -> int:
    """How many sheets `count` badges take on this preset (for a preview or a paper estimate)."""
    return max(1, math.ceil(count / get_preset(preset).per_page))
