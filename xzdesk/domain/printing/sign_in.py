"""Sign-in sheet (签到表): A4 portrait rows of number plate, masked name, the last four digits of
the mobile (so that two 杨* can be told apart at the door), table and an empty signature box,
with the event in the header and page numbers in the footer.

The rows carry no whole phone number and no ID field; names arrive masked from the caller, in the
order the caller wants them printed (`by_name=True` says in the header that they are sorted by
the pinyin of the surname).

Contract: pure drawing, no database; run on a worker thread; `out` is written only on success;
raises Cancelled when `cancel` is set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from xzdesk.domain.printing._pdf import Output, PdfJob, PrintReportInfo, chunks, run_items
from xzdesk.domain.printing.dto import EventHeaderInfo, SignInRow
from xzdesk.domain.printing.labels import SIGN_IN_LABELS, format_date
from xzdesk.domain.printing.presets import RectMM
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN_X = 15.0
TABLE_TOP = 40.0
HEADER_ROW_H = 8.0
ROW_H = 11.0
FOOTER_Y = PAGE_H - 10.0
# Column widths in mm: index, number, name, phone last 4, table, signature (the rest).
COLUMNS = (("index", 12.0), ("number", 22.0), ("name", 40.0), ("phone", 24.0), ("table", 20.0))


def rows_per_page() -> int:
    return int((FOOTER_Y - 6.0 - TABLE_TOP - HEADER_ROW_H) // ROW_H)


def _column_boxes(y: float, h: float) -> list[tuple[str, RectMM]]:
    x = MARGIN_X
    out = []
    for key, width in COLUMNS:
        out.append((key, RectMM(x, y, width, h)))
        x += width
    out.append(("signature", RectMM(x, y, PAGE_W - MARGIN_X - x, h)))
    return out


def print_sign_in_sheet(
    rows: Sequence[SignInRow],
    out: Output,
    *,
    event: EventHeaderInfo,
    by_name: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> PrintReportInfo:
    """Rows in the order given, `rows_per_page()` per page. The report counts rows as items."""
    per_page = rows_per_page()
    pages = list(chunks(list(rows), per_page)) or [[]]
    total_pages = len(pages)
    header = "  ".join(p for p in (event.name, format_date(event.starts_at), event.venue) if p)
    with PdfJob(out, title=SIGN_IN_LABELS["doc_title"], page_w=PAGE_W, page_h=PAGE_H) as job:

        def draw_page(page_index: int, page_rows: Sequence[SignInRow]) -> None:
            job.begin_page()
            job.fit(SIGN_IN_LABELS["title"], RectMM(MARGIN_X, 12, PAGE_W - 2 * MARGIN_X, 11), max_size=22,
                    align="center", bold=True)
            job.fit(header, RectMM(MARGIN_X, 24, PAGE_W - 2 * MARGIN_X, 7), max_size=12, align="center", item=-1)
            count = SIGN_IN_LABELS["by_name" if by_name else "count"].format(n=len(rows))
            job.fit(count, RectMM(MARGIN_X, 32, 90, 6), max_size=9.5, gray=0.3)
            for key, box in _column_boxes(TABLE_TOP, HEADER_ROW_H):
                job.rect(box, width=0.6, fill_gray=0.9)
                job.fit(SIGN_IN_LABELS[key], box.inset(1.0), max_size=10.5, align="center", bold=True)
            first = page_index * per_page
            for n, row in enumerate(page_rows):
                if n % 8 == 0:
                    cancel.check()
                y = TABLE_TOP + HEADER_ROW_H + n * ROW_H
                item = first + n
                cells = dict(_column_boxes(y, ROW_H))
                for box in cells.values():
                    job.rect(box, width=0.4)
                job.fit(str(item + 1), cells["index"].inset(1.5), max_size=10, align="center", gray=0.35)
                job.fit(row.number_plate, cells["number"].inset(1.5), max_size=14, align="center", item=item,
                        bold=True)
                job.fit(row.masked_name, cells["name"].inset(1.5), max_size=13, item=item)
                job.fit(row.phone_last4[-4:], cells["phone"].inset(1.5), max_size=13, align="center", item=item)
                job.fit(row.table_label, cells["table"].inset(1.5), max_size=13, align="center", item=item)
            job.fit(SIGN_IN_LABELS["page"].format(page=page_index + 1, pages=total_pages),
                    RectMM(MARGIN_X, FOOTER_Y - 4, PAGE_W - 2 * MARGIN_X, 5), max_size=9, align="center", gray=0.3)
            job.end_page()

        run_items(pages, draw_page, progress=progress, cancel=cancel, code="printing.sign_in")
        return job.finish(items=len(rows))


def sign_in_page_count(count: int) -> int:
    return max(1, math.ceil(count / rows_per_page()))
