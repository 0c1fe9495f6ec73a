"""Speed-dating cards (心动卡): per person, their number, the event, and for every round its start
time, the table and the partner's number plate with a tick box.

A round without a partner prints 本轮轮空 (and no tick box), whatever the reason (more guests of
one sex, or a colleague the schedule keeps them from meeting): the card never says why, so it
cannot point at a colleague. A break for everyone prints as its own line, 全体休息 15:20–15:30,
between the rounds it separates.

Two cards per A4 portrait sheet (A5 halves, cut along the dashed line). A card lists up to
`ROUNDS_PER_SLOT` lines; a longer schedule continues in the next half marked (续 2/2).

Contract: pure drawing, no database; run on a worker thread; `out` is written only on success;
raises Cancelled when `cancel` is set.
"""

from __future__ import annotations

from collections.abc import Sequence

from xzdesk.domain.printing._pdf import Output, PdfJob, PrintReportInfo, chunks, run_items
from xzdesk.domain.printing.dto import CardBreakRow, CardRoundRow, EventHeaderInfo, SpeedDatingCardInfo
from xzdesk.domain.printing.labels import CARD_LABELS, format_clock, format_date
from xzdesk.domain.printing.presets import RectMM
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

PAGE_W, PAGE_H = 210.0, 297.0
SLOT_H = PAGE_H / 2
MARGIN = 10.0
ROWS_PER_COLUMN = 14
ROUNDS_PER_SLOT = 2 * ROWS_PER_COLUMN


Line = CardRoundRow | CardBreakRow


def card_lines(card: SpeedDatingCardInfo) -> list[Line]:
    """The lines of a card in print order: the rounds by number, each break after its round."""
    breaks = {b.after_round: b for b in card.breaks}
    lines: list[Line] = []
    for r in sorted(card.rounds, key=lambda r: r.round_no):
        lines.append(r)
        if r.round_no in breaks:
            lines.append(breaks.pop(r.round_no))
    if lines and isinstance(lines[-1], CardBreakRow):
        lines.pop()  # a break after the last round printed is no break
    return lines


def _columns(with_table: bool, with_time: bool) -> list[tuple[str, float]]:
    widths = [("round", 0.22), ("time", 0.18), ("table", 0.16), ("partner", 0.26), ("tick", 0.18)]
    drop = {key for key, on in (("table", with_table), ("time", with_time)) if not on}
    kept = [(k, w) for k, w in widths if k not in drop]
    total = sum(w for _k, w in kept)
    return [(k, w / total) for k, w in kept]


def _draw_break(job: PdfJob, line: CardBreakRow, box: RectMM) -> None:
    job.rect(box, width=0.35, fill_gray=0.93)
    if line.starts_at is not None and line.ends_at is not None:
        text = CARD_LABELS["break_time"].format(start=format_clock(line.starts_at), end=format_clock(line.ends_at))
    else:
        text = CARD_LABELS["break"]
    job.fit(text, box.inset(1.0), max_size=10.5, align="center", bold=True)


def _draw_round(job: PdfJob, r: CardRoundRow, cells: dict[str, tuple[float, float]], y: float, row_h: float, *,
                item: int) -> None:  # fmt: skip
    def cell(key: str) -> RectMM:
        x, w = cells[key]
        return RectMM(x, y, w, row_h)

    for key in cells:
        job.rect(cell(key), width=0.35)
    job.fit(CARD_LABELS["round_no"].format(n=r.round_no), cell("round").inset(1.0), max_size=10, align="center")
    if "time" in cells:
        job.fit(format_clock(r.starts_at), cell("time").inset(1.0), max_size=10.5, align="center")
    if not r.partner_plate.strip():
        job.fit(CARD_LABELS["rest"], cell("partner").inset(1.0), max_size=10, align="center", gray=0.45)
        return
    if "table" in cells:
        job.fit(r.table_label, cell("table").inset(1.0), max_size=11, align="center", item=item)
    job.fit(r.partner_plate, cell("partner").inset(1.0), max_size=13, align="center", item=item, bold=True)
    tick = cell("tick")
    side = min(row_h - 2.2, 5.0)
    job.rect(RectMM(tick.x + (tick.w - side) / 2, y + (row_h - side) / 2, side, side), width=0.7)


def _draw_rounds(job: PdfJob, lines: Sequence[Line], box: RectMM, *, item: int, with_table: bool,
                 with_time: bool) -> None:  # fmt: skip
    row_h = box.h / (ROWS_PER_COLUMN + 1)
    col_w = (box.w - 6.0) / 2
    widths = _columns(with_table, with_time)
    for col, col_lines in enumerate(chunks(list(lines), ROWS_PER_COLUMN)):
        x0 = box.x + col * (col_w + 6.0)
        x = x0
        cells: dict[str, tuple[float, float]] = {}
        for key, frac in widths:
            cells[key] = (x, col_w * frac)
            x += col_w * frac
        for key, (x, w) in cells.items():
            hb = RectMM(x, box.y, w, row_h)
            job.rect(hb, width=0.5, fill_gray=0.9)
            job.fit(CARD_LABELS[key], hb.inset(0.8), max_size=9.5, align="center", bold=True)
        for n, line in enumerate(col_lines):
            y = box.y + (n + 1) * row_h
            if isinstance(line, CardBreakRow):
                _draw_break(job, line, RectMM(x0, y, col_w, row_h))
            else:
                _draw_round(job, line, cells, y, row_h, item=item)


def _draw_slot(job: PdfJob, slot_top: float, card: SpeedDatingCardInfo, rows: Sequence[Line], *,
               item: int, part: int, parts: int, header: str) -> None:
    top = slot_top + MARGIN
    width = PAGE_W - 2 * MARGIN
    title = CARD_LABELS["title"]
    if parts > 1:
        title += CARD_LABELS["continued"].format(part=part, parts=parts)
    job.fit(title, RectMM(MARGIN, top, 70, 10), max_size=20, bold=True)
    job.fit(header, RectMM(MARGIN + 72, top + 1.5, width - 72, 8), max_size=11, align="right", item=-1)
    job.line(MARGIN, top + 12, PAGE_W - MARGIN, top + 12, width=0.6, gray=0.3)
    body_top = top + 16
    hint_h = 9.0
    body_h = SLOT_H - 2 * MARGIN - 16 - hint_h - 4
    number_box = RectMM(MARGIN, body_top, 44, 40)
    job.rect(number_box, width=1.0, radius=3.0)
    job.fit(CARD_LABELS["my_number"], RectMM(number_box.x, number_box.y + 2, number_box.w, 7), max_size=11,
            align="center", gray=0.3)
    job.fit(card.number_plate, RectMM(number_box.x + 3, number_box.y + 10, number_box.w - 6, 26), max_size=48,
            align="center", bold=True, item=item)
    with_table = any(r.table_label.strip() for r in card.rounds)
    with_time = any(r.starts_at is not None for r in card.rounds)
    _draw_rounds(job, rows, RectMM(MARGIN + 50, body_top, width - 50, body_h), item=item, with_table=with_table,
                 with_time=with_time)
    job.paragraph(CARD_LABELS["hint"], RectMM(MARGIN, slot_top + SLOT_H - MARGIN - hint_h, width, hint_h), size=9.5)


def print_speed_dating_cards(
    cards: Sequence[SpeedDatingCardInfo],
    out: Output,
    *,
    event: EventHeaderInfo,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PrintReportInfo:
    """One card per person (rounds sorted by round number, the breaks between them), two halves
    per sheet."""
    header = "  ".join(p for p in (event.name, format_date(event.starts_at)) if p)
    slots: list[tuple[int, SpeedDatingCardInfo, Sequence[Line], int, int]] = []
    for index, card in enumerate(cards):
        parts = list(chunks(card_lines(card), ROUNDS_PER_SLOT)) or [[]]
        for part, rows in enumerate(parts, start=1):
            slots.append((index, card, rows, part, len(parts)))
    with PdfJob(out, title=CARD_LABELS["doc_title"], page_w=PAGE_W, page_h=PAGE_H) as job:

        def draw(n: int, slot: tuple[int, SpeedDatingCardInfo, Sequence[Line], int, int]) -> None:
            index, card, rows, part, parts = slot
            half = n % 2
            if half == 0:
                job.begin_page()
                job.line(4, SLOT_H, PAGE_W - 4, SLOT_H, width=0.3, gray=0.6, dash=(3.0, 2.0))
            _draw_slot(job, half * SLOT_H, card, rows, item=index, part=part, parts=parts, header=header)
            if half == 1:
                job.end_page()

        run_items(slots, draw, progress=progress, cancel=cancel, code="printing.cards")
        return job.finish(items=len(cards))
