"""Table tents (桌牌): one A4 landscape sheet per table, folded along its horizontal middle.

The lower half is the front face; the upper half carries the same face rotated 180°, so once the
sheet is folded into a tent the table label and the guests stand upright on both sides. A light
dashed line marks the fold.

A tent without guests prints the label centred across the face. With guests, the label takes
the left part of the face and the guests ("M03 张先生": plate and surname + 先生/女士, as the
caller gives them) fill the right part in as many columns as they need.

Contract: pure drawing, no database; run on a worker thread; `out` is written only on success;
raises Cancelled when `cancel` is set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib.units import mm

from xzdesk.domain.printing._pdf import Output, PdfJob, PrintReportInfo, run_items
from xzdesk.domain.printing.dto import EventHeaderInfo, TableTentInfo
from xzdesk.domain.printing.labels import TENT_LABELS, format_date
from xzdesk.domain.printing.presets import RectMM
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

PAGE_W, PAGE_H = 297.0, 210.0
FOLD_Y = PAGE_H / 2
MARGIN = 12.0
PT_PER_MM = 72 / 25.4


def tent_face_boxes() -> dict[str, RectMM]:
    """Boxes of the upright (lower) face in mm from the sheet's top-left corner."""
    face = RectMM(MARGIN, FOLD_Y + MARGIN, PAGE_W - 2 * MARGIN, FOLD_Y - 2 * MARGIN)
    caption = RectMM(face.x, face.y, face.w, 0.16 * face.h)
    label = RectMM(face.x, caption.bottom + 0.02 * face.h, face.w, 0.56 * face.h)
    subtitle = RectMM(face.x, label.bottom + 0.02 * face.h, face.w, 0.1 * face.h)
    event = RectMM(face.x, face.bottom - 0.12 * face.h, face.w, 0.12 * face.h)
    return {"face": face, "caption": caption, "label": label, "subtitle": subtitle, "event": event}


GUEST_ROWS = 6  # guests per column before another column is started
LABEL_SHARE = 0.36  # of the face's width, for the label when guests are listed


def tent_guest_boxes(count: int) -> dict[str, RectMM]:
    """Boxes of the upright face when `count` guests are listed: "label", "caption", "heading",
    "event" and "guest<i>" for each guest (mm from the sheet's top-left corner)."""
    face = tent_face_boxes()["face"]
    event = RectMM(face.x, face.bottom - 0.1 * face.h, face.w, 0.1 * face.h)
    left_w = LABEL_SHARE * face.w
    body_h = face.h - event.h - 2.0
    caption = RectMM(face.x, face.y, left_w, 0.16 * body_h)
    label = RectMM(face.x, caption.bottom, left_w, body_h - caption.h)
    right = RectMM(face.x + left_w + 6.0, face.y, face.w - left_w - 6.0, body_h)
    heading = RectMM(right.x, right.y, right.w, 0.14 * body_h)
    columns = max(1, math.ceil(count / GUEST_ROWS))
    rows = max(1, math.ceil(count / columns))
    grid_top = heading.bottom + 1.5
    cell_w = right.w / columns
    cell_h = min((right.bottom - grid_top) / rows, 11.0)
    out = {"face": face, "caption": caption, "label": label, "heading": heading, "event": event}
    for i in range(count):
        col, row = divmod(i, rows)
        out[f"guest{i}"] = RectMM(right.x + col * cell_w, grid_top + row * cell_h, cell_w - 2.0, cell_h)
    return out


def _draw_guest_face(job: PdfJob, tent: TableTentInfo, event_line: str, *, item: int) -> None:
    b = tent_guest_boxes(len(tent.guests))
    job.fit(TENT_LABELS["table"], b["caption"], max_size=b["caption"].h * PT_PER_MM * 0.8, item=item,
            align="center", gray=0.3)
    job.fit(tent.label, b["label"], max_size=b["label"].h * PT_PER_MM * 0.9, item=item, align="center", bold=True,
            max_lines=2)
    heading = b["heading"]
    job.fit(tent.subtitle or TENT_LABELS["guests"], heading, max_size=heading.h * PT_PER_MM * 0.75, item=item,
            gray=0.0 if tent.subtitle else 0.35, bold=bool(tent.subtitle))
    job.line(heading.x, heading.bottom + 0.5, heading.right, heading.bottom + 0.5, width=0.3, gray=0.6)
    x = heading.x - 3.0
    job.line(x, b["face"].y + 2, x, b["event"].y - 2, width=0.4, gray=0.7)
    for i, guest in enumerate(tent.guests):
        box = b[f"guest{i}"]
        job.fit(guest, box, max_size=min(20.0, box.h * PT_PER_MM * 0.75), item=item)
    job.fit(event_line, b["event"], max_size=b["event"].h * PT_PER_MM * 0.7, item=-1, align="center", gray=0.4)


def _draw_face(job: PdfJob, tent: TableTentInfo, event_line: str, *, item: int) -> None:
    if tent.guests:
        _draw_guest_face(job, tent, event_line, item=item)
        return
    b = tent_face_boxes()
    job.fit(TENT_LABELS["table"], b["caption"], max_size=b["caption"].h * PT_PER_MM, item=item,
            align="center", gray=0.3)
    job.fit(tent.label, b["label"], max_size=b["label"].h * PT_PER_MM / 1.02, item=item, align="center",
            bold=True, max_lines=2)
    if tent.subtitle:
        job.fit(tent.subtitle, b["subtitle"], max_size=b["subtitle"].h * PT_PER_MM, item=item, align="center")
    job.fit(event_line, b["event"], max_size=b["event"].h * PT_PER_MM * 0.7, item=-1, align="center", gray=0.4)


def print_table_tents(
    tents: Sequence[TableTentInfo],
    out: Output,
    *,
    event: EventHeaderInfo,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PrintReportInfo:
    """One folded tent per table, in the order given. The report counts pages and tables."""
    event_line = "  ".join(p for p in (event.name, format_date(event.starts_at)) if p)
    with PdfJob(out, title=TENT_LABELS["doc_title"], page_w=PAGE_W, page_h=PAGE_H) as job:

        def draw(index: int, tent: TableTentInfo) -> None:
            job.begin_page()
            job.line(0, FOLD_Y, PAGE_W, FOLD_Y, width=0.3, gray=0.7, dash=(3.0, 2.0))
            _draw_face(job, tent, event_line, item=index)
            c = job.c
            c.saveState()
            # Rotating 180° about the sheet's centre maps the lower face onto the upper half.
            c.translate(PAGE_W * mm, PAGE_H * mm)
            c.rotate(180)
            _draw_face(job, tent, event_line, item=index)
            c.restoreState()
            job.end_page()

        run_items(list(tents), draw, progress=progress, cancel=cancel, code="printing.tents")
        return job.finish(items=len(tents))
