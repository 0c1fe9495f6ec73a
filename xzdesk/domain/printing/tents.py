"""Table tents (桌牌): one A4 landscape sheet per table, folded along its horizontal middle.

The lower half is the front face; the upper half carries the same face rotated 180°, so once the
sheet is folded into a tent the table label stands upright on both sides. A light dashed line
marks the fold.

Contract: pure drawing, no database; run on a worker thread; `out` is written only on success;
raises Cancelled when `cancel` is set.
"""

from __future__ import annotations

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


def _draw_face(job: PdfJob, tent: TableTentInfo, event_line: str, *, item: int) -> None:
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
