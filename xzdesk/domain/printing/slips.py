"""Slips for members: the introduction slip (issue 4) and the private event result slip (issue 6).

- Introduction slip (牵线介绍单), one A4 page each: the other side's profile card as the caller
  passes it (the caller decides what is masked until both sides accepted), a self-description,
  the matchmaker's contact line, and the fixed anti-fraud `SAFETY_NOTICE` in a box at the foot.
- Result slip (心动结果), two per A4 sheet (A5 halves, cut along the dashed line): the person's
  number plate and name and their mutual matches' number plates and names, every name in the one
  form badges use (surname + 先生/女士), nothing else.

Contract: pure drawing, no database; run on a worker thread; `out` is written only on success;
raises Cancelled when `cancel` is set, FieldProblem `printing.unknown_field` (item, key) for a
ProfileFieldRow key without a label.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm

from xzdesk.domain.errors import FieldProblem
from xzdesk.domain.printing._pdf import Output, PdfJob, PrintReportInfo, run_items
from xzdesk.domain.printing.dto import EventHeaderInfo, IntroductionSlipInfo, ResultSlipInfo
from xzdesk.domain.printing.fonts import wrap_text
from xzdesk.domain.printing.labels import INTRO_LABELS, RESULT_LABELS, SAFETY_NOTICE, format_date
from xzdesk.domain.printing.presets import RectMM
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 18.0
NOTICE_H = 46.0


def field_label(key: str, label: str = "") -> str:
    """The printed label of a profile field: the caller's own, else INTRO_LABELS["field.<key>"]."""
    if label:
        return label
    try:
        return INTRO_LABELS[f"field.{key}"]
    except KeyError:
        raise FieldProblem("fields", "printing.unknown_field", key=key) from None


def _section(job: PdfJob, text: str, y: float) -> float:
    job.rect(RectMM(MARGIN, y, 2.0, 6.0), width=0, fill_gray=0.2)
    job.fit(text, RectMM(MARGIN + 4, y, 80, 6), max_size=13, bold=True)
    return y + 9.0


def _draw_intro(job: PdfJob, slip: IntroductionSlipInfo, *, item: int) -> None:
    width = PAGE_W - 2 * MARGIN
    job.fit(INTRO_LABELS["title"], RectMM(MARGIN, 14, width, 11), max_size=22, align="center", bold=True)
    job.fit(INTRO_LABELS["reference"].format(reference=slip.reference), RectMM(MARGIN, 28, width / 2, 6),
            max_size=10, gray=0.3, item=item)
    if slip.issued_on:
        job.fit(INTRO_LABELS["issued"].format(date=format_date(slip.issued_on)),
                RectMM(MARGIN + width / 2, 28, width / 2, 6), max_size=10, align="right", gray=0.3)
    job.fit(INTRO_LABELS["to"].format(recipient=slip.recipient), RectMM(MARGIN, 37, width, 8), max_size=14, item=item)
    y = _section(job, INTRO_LABELS["profile"], 50.0)
    notice_top = PAGE_H - MARGIN - NOTICE_H
    label_w = 32.0
    value_w = width - label_w
    rows = [(field_label(f.key, f.label), f.value) for f in slip.fields]
    # Fit the profile table into the room left above the notice: shrink the font if needed.
    room = notice_top - y - (34.0 if slip.about else 10.0) - (8.0 if slip.matchmaker else 0.0)
    size = 11.5
    while True:
        line_h = size * 1.4 / mm
        heights = [max(8.0, len(wrap_text(v, width=(value_w - 4) * mm, size=size)) * line_h + 3.0) for _, v in rows]
        if sum(heights) <= room or size <= 7.5:
            break
        size -= 0.5
    for (label, value), h in zip(rows, heights, strict=True):
        if y + h > notice_top - 4:
            break
        job.rect(RectMM(MARGIN, y, label_w, h), width=0.4, fill_gray=0.93)
        job.rect(RectMM(MARGIN + label_w, y, value_w, h), width=0.4)
        job.fit(label, RectMM(MARGIN + 2, y + 1.5, label_w - 4, min(h - 3, 6.0)), max_size=size, item=item)
        # the paragraph's line box is 1.4 x size tall, the glyphs about 1.02 x size: centre them
        job.paragraph(value, RectMM(MARGIN + label_w + 2, y + 1.5 + 0.19 * size / mm, value_w - 4, h - 3),
                      size=size, leading=1.4, item=item, min_size=size)
        y += h
    y += 6.0
    if slip.about:
        y = _section(job, INTRO_LABELS["about"], y)
        about_h = max(10.0, notice_top - y - (12.0 if slip.matchmaker else 4.0))
        used = job.paragraph(slip.about, RectMM(MARGIN, y, width, about_h), size=11, item=item, min_size=8)
        y += used + 4.0
    if slip.matchmaker:
        job.fit(f"{INTRO_LABELS['matchmaker']}：{slip.matchmaker}", RectMM(MARGIN, notice_top - 10, width, 7),
                max_size=11.5, item=item)
    box = RectMM(MARGIN, notice_top, width, NOTICE_H)
    job.rect(box, width=1.2, radius=2.5)
    job.fit(INTRO_LABELS["notice_title"], RectMM(box.x + 5, box.y + 3.5, 60, 7), max_size=13, bold=True)
    job.paragraph(SAFETY_NOTICE, RectMM(box.x + 5, box.y + 12.5, box.w - 10, box.h - 15), size=10.5, min_size=8)


def print_introduction_slips(
    slips: Sequence[IntroductionSlipInfo],
    out: Output,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PrintReportInfo:
    """One page per slip, in the order given. Every slip carries the safety notice."""
    for index, slip in enumerate(slips):  # refuse unknown field keys before drawing anything
        for f in slip.fields:
            try:
                field_label(f.key, f.label)
            except FieldProblem as exc:
                raise FieldProblem("fields", "printing.unknown_field", item=index, key=f.key) from exc
    with PdfJob(out, title=INTRO_LABELS["doc_title"], page_w=PAGE_W, page_h=PAGE_H) as job:

        def draw(index: int, slip: IntroductionSlipInfo) -> None:
            job.begin_page()
            _draw_intro(job, slip, item=index)
            job.end_page()

        run_items(list(slips), draw, progress=progress, cancel=cancel, code="printing.introduction_slips")
        return job.finish(items=len(slips))


SLOT_H = PAGE_H / 2


def _draw_result(job: PdfJob, top: float, slip: ResultSlipInfo, *, item: int, header: str) -> None:
    m = 12.0
    width = PAGE_W - 2 * m
    y = top + m
    job.fit(RESULT_LABELS["title"], RectMM(m, y, 60, 10), max_size=20, bold=True)
    job.fit(RESULT_LABELS["private"], RectMM(m + 62, y + 2, width - 62, 7), max_size=10, align="right", gray=0.35)
    job.fit(header, RectMM(m, y + 11, width, 6), max_size=11, item=-1, gray=0.25)
    job.line(m, y + 19, PAGE_W - m, y + 19, width=0.6, gray=0.3)
    number_box = RectMM(m, y + 24, 44, 36)
    job.rect(number_box, width=1.0, radius=3.0)
    job.fit(RESULT_LABELS["my_number"], RectMM(number_box.x, number_box.y + 2, number_box.w, 6), max_size=10.5,
            align="center", gray=0.3)
    plate_h = 18 if slip.name else 24
    job.fit(slip.number_plate, RectMM(number_box.x + 3, number_box.y + 9, number_box.w - 6, plate_h), max_size=44,
            align="center", bold=True, item=item)
    if slip.name:
        job.fit(slip.name, RectMM(number_box.x + 3, number_box.y + 27.5, number_box.w - 6, 7), max_size=14,
                align="center", item=item)
    lx = m + 52
    lw = width - 52
    list_top = y + 24
    bottom = top + SLOT_H - m - 14
    job.fit(RESULT_LABELS["matches"], RectMM(lx, list_top, lw, 7), max_size=13, bold=True)
    if not slip.matches:
        job.paragraph(RESULT_LABELS["none"], RectMM(lx, list_top + 10, lw, bottom - list_top - 10), size=11)
    else:
        rows = list(slip.matches)
        cols = 1 if len(rows) <= 10 else 2
        per_col = -(-len(rows) // cols)
        row_h = min(8.0, (bottom - list_top - 10) / (per_col + 1))
        col_w = (lw - (cols - 1) * 4) / cols
        for col in range(cols):
            x = lx + col * (col_w + 4)
            y0 = list_top + 10
            for key, frac, x_off in (("number", 0.35, 0.0), ("nickname", 0.65, 0.35)):
                hb = RectMM(x + col_w * x_off, y0, col_w * frac, row_h)
                job.rect(hb, width=0.5, fill_gray=0.9)
                job.fit(RESULT_LABELS[key], hb.inset(1.0), max_size=10.5, align="center", bold=True)
            for n, match in enumerate(rows[col * per_col : (col + 1) * per_col]):
                ry = y0 + (n + 1) * row_h
                nb = RectMM(x, ry, col_w * 0.35, row_h)
                kb = RectMM(x + col_w * 0.35, ry, col_w * 0.65, row_h)
                job.rect(nb, width=0.35)
                job.rect(kb, width=0.35)
                job.fit(match.number_plate, nb.inset(1.0), max_size=12, align="center", bold=True, item=item)
                job.fit(match.name, kb.inset(1.2), max_size=12, item=item)
    job.paragraph(RESULT_LABELS["next"], RectMM(m, top + SLOT_H - m - 10, width, 10), size=9.5, min_size=7)


def print_result_slips(
    slips: Sequence[ResultSlipInfo],
    out: Output,
    *,
    event: EventHeaderInfo,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PrintReportInfo:
    """One private slip per person, two per sheet, in the order given (sort by number plate so
    staff can hand them out)."""
    header = "  ".join(p for p in (event.name, format_date(event.starts_at)) if p)
    with PdfJob(out, title=RESULT_LABELS["doc_title"], page_w=PAGE_W, page_h=PAGE_H) as job:

        def draw(index: int, slip: ResultSlipInfo) -> None:
            half = index % 2
            if half == 0:
                job.begin_page()
                job.line(4, SLOT_H, PAGE_W - 4, SLOT_H, width=0.3, gray=0.6, dash=(3.0, 2.0))
            _draw_result(job, half * SLOT_H, slip, item=index, header=header)
            if half == 1:
                job.end_page()

        run_items(list(slips), draw, progress=progress, cancel=cancel, code="printing.result_slips")
        return job.finish(items=len(slips))
