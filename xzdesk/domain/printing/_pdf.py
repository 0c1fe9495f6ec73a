"""Internal: one PDF being drawn. Millimetre, top-left coordinates; text through the font runs.

Layouts call `PdfJob` methods with mm measured from the sheet's top-left corner; this is the one
place that converts to reportlab points with a bottom-left origin. Output goes to a path
(written to a temporary file beside it and renamed, so a cancelled or failed job never leaves a
half-written PDF) or to a binary stream (written only on success).

Each job owns its canvas, so jobs on different worker threads do not share drawing state; the
fonts are registered once per process under a lock (`fonts.ensure_fonts`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from xzdesk.domain.errors import XzError
from xzdesk.domain.printing.fonts import (
    ASCENT,
    DESCENT,
    PRIMARY_FONT,
    GlyphLog,
    MissingGlyph,
    clean_text,
    ensure_fonts,
    fit_lines,
    runs_width,
    text_runs,
    wrap_text,
)
from xzdesk.domain.printing.presets import RectMM
from xzdesk.domain.printing.qr import draw_qr, qr_matrix
from xzdesk.domain.progress import CancelToken, Progress
from xzdesk.domain.tokens import is_token_text

Output = str | os.PathLike[str] | BinaryIO
T = TypeVar("T")


@dataclass(frozen=True)
class PrintReportInfo:
    """What a print job produced: page count, number of items drawn (badges, tables, rows ...)
    and the characters no font could draw (printed as □), with the items they occurred in."""

    pages: int
    items: int
    missing_glyphs: tuple[MissingGlyph, ...] = ()


class PdfJob:
    """A reportlab canvas plus the bookkeeping every layout needs."""

    def __init__(self, out: Output, *, title: str, page_w: float, page_h: float) -> None:
        ensure_fonts()
        self._out = out
        self._buffer_path: Path | None = None
        if isinstance(out, str | os.PathLike):
            target = Path(out)
            fd, tmp = tempfile.mkstemp(prefix=".xzdesk-", suffix=".pdf.part", dir=target.parent)
            os.close(fd)
            self._buffer_path = Path(tmp)
            dest: str | BinaryIO = tmp
        else:
            dest = out
        self.page_w = page_w
        self.page_h = page_h
        # The initial font goes into every page's preamble: make it ours, or reportlab would
        # reference an unembedded Helvetica.
        self.c = Canvas(dest, pagesize=(page_w * mm, page_h * mm), pageCompression=1, initialFontName=PRIMARY_FONT)
        # Fixed, generic metadata: never an event name, a person or a date.
        self.c.setTitle(title)
        self.c.setAuthor("xzdesk")
        self.c.setCreator("xzdesk")
        self.c.setSubject("")
        self.c.setKeywords("")
        self.log = GlyphLog()
        self.pages = 0
        self._page_open = False
        self._offset = (0.0, 0.0)

    def __enter__(self) -> PdfJob:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            self.discard()

    # ---- pages -------------------------------------------------------------------------
    def set_page_size(self, page_w: float, page_h: float) -> None:
        self.page_w, self.page_h = page_w, page_h
        self.c.setPageSize((page_w * mm, page_h * mm))

    def set_offset(self, dx: float, dy: float) -> None:
        """Calibration offset (mm, +x right, +y down) applied to everything on every page."""
        self._offset = (dx, dy)

    def begin_page(self) -> None:
        if self._page_open:
            return
        self._page_open = True
        dx, dy = self._offset
        if dx or dy:
            self.c.translate(dx * mm, -dy * mm)

    def end_page(self) -> None:
        if self._page_open:
            self.c.showPage()
            self.pages += 1
            self._page_open = False

    def finish(self, items: int) -> PrintReportInfo:
        self.end_page()
        if self.pages == 0:  # an empty job still yields a valid one-page PDF
            self.begin_page()
            self.end_page()
        try:
            self.c.save()
            if self._buffer_path is not None:
                os.replace(self._buffer_path, Path(self._out))  # type: ignore[arg-type]
                self._buffer_path = None
        finally:
            self.discard()
        return PrintReportInfo(pages=self.pages, items=items, missing_glyphs=self.log.result())

    def discard(self) -> None:
        if self._buffer_path is not None:
            self._buffer_path.unlink(missing_ok=True)
            self._buffer_path = None

    # ---- coordinates -------------------------------------------------------------------
    def X(self, x: float) -> float:
        return x * mm

    def Y(self, y: float) -> float:
        return (self.page_h - y) * mm

    # ---- shapes ------------------------------------------------------------------------
    def line(self, x1: float, y1: float, x2: float, y2: float, *, width: float = 0.25, gray: float = 0.0,
             dash: Sequence[float] | None = None) -> None:
        c = self.c
        c.saveState()
        c.setLineWidth(width)
        c.setStrokeGray(gray)
        if dash:
            c.setDash([d * mm for d in dash])
        c.line(self.X(x1), self.Y(y1), self.X(x2), self.Y(y2))
        c.restoreState()

    def rect(self, r: RectMM, *, width: float = 0.25, gray: float = 0.0, fill_gray: float | None = None,
             dash: Sequence[float] | None = None, radius: float = 0.0) -> None:
        c = self.c
        c.saveState()
        c.setLineWidth(width)
        c.setStrokeGray(gray)
        if fill_gray is not None:
            c.setFillGray(fill_gray)
        if dash:
            c.setDash([d * mm for d in dash])
        args = (self.X(r.x), self.Y(r.bottom), r.w * mm, r.h * mm)
        stroke = 1 if width > 0 else 0
        fill = 1 if fill_gray is not None else 0
        if radius:
            c.roundRect(*args, radius * mm, stroke=stroke, fill=fill)
        else:
            c.rect(*args, stroke=stroke, fill=fill)
        c.restoreState()

    def circle(self, cx: float, cy: float, r: float, *, width: float = 0.25, fill_gray: float | None = None) -> None:
        c = self.c
        c.saveState()
        c.setLineWidth(width)
        if fill_gray is not None:
            c.setFillGray(fill_gray)
        c.circle(self.X(cx), self.Y(cy), r * mm, stroke=1 if width > 0 else 0, fill=0 if fill_gray is None else 1)
        c.restoreState()

    def qr(self, payload: str, box: RectMM, *, item: int) -> None:
        """A QR symbol filling the square `box` (its side is min(w, h)), centred in it.

        Only canonical tokens are accepted as payloads, so nothing personal can end up in a QR.
        """
        if not is_token_text(payload):
            raise XzError("printing.qr_payload_invalid", item=item)
        side = min(box.w, box.h)
        x = box.x + (box.w - side) / 2
        y = box.y + (box.h - side) / 2
        draw_qr(self.c, qr_matrix(payload), x=self.X(x), y=self.Y(y + side), side=side * mm)

    # ---- text --------------------------------------------------------------------------
    def text(self, s: str, x: float, baseline: float, *, size: float, item: int = -1, align: str = "left",
             hscale: float = 100.0, bold: bool = False, gray: float = 0.0) -> float:
        """Draw one line (cleaned, font runs) at a baseline in mm; returns its width in mm."""
        runs = text_runs(clean_text(s), log=self.log, item=item)
        if not runs:
            return 0.0
        width_pt = runs_width(runs, size) * hscale / 100.0
        x_pt = self.X(x)
        if align == "center":
            x_pt -= width_pt / 2
        elif align == "right":
            x_pt -= width_pt
        c = self.c
        t = c.beginText(x_pt, self.Y(baseline))
        if hscale != 100.0:
            t.setHorizScale(hscale)
        t.setFillGray(gray)
        if bold:  # there is no bold face: fill and stroke the outline
            t.setTextRenderMode(2)
            c.saveState()
            c.setLineWidth(size * 0.028)
            c.setStrokeGray(gray)
        for font, chunk in runs:
            t.setFont(font, size)
            t.textOut(chunk)
        c.drawText(t)
        if bold:
            c.restoreState()
        return width_pt / mm

    def fit(self, s: str, box: RectMM, *, max_size: float, min_size: float = 5.0, item: int = -1,
            align: str = "left", valign: str = "middle", bold: bool = False, gray: float = 0.0,
            max_lines: int = 1) -> float:
        """Draw `s` shrunk to fit inside `box` (on up to `max_lines` lines, balanced); returns the
        font size used (pt)."""
        s = clean_text(s)
        if not s:
            return 0.0
        lines, fitted = fit_lines(s, box_w=box.w * mm, box_h=box.h * mm, max_size=max_size,
                                  min_size=min_size, max_lines=max_lines)
        size = fitted.size
        line_h = (ASCENT + DESCENT) * size / mm
        block_h = line_h * len(lines)
        if valign == "top":
            top = box.y
        elif valign == "bottom":
            top = box.bottom - block_h
        else:
            top = box.y + (box.h - block_h) / 2
        x = {"left": box.x, "center": box.x + box.w / 2, "right": box.right}[align]
        for n, line in enumerate(lines):
            baseline = top + n * line_h + ASCENT * size / mm
            self.text(line, x, baseline, size=size, item=item, align=align, hscale=fitted.hscale,
                      bold=bold, gray=gray)
        return size

    def paragraph(self, s: str, box: RectMM, *, size: float, leading: float = 1.45, item: int = -1,
                  min_size: float = 6.0) -> float:
        """Wrapped text from the top of `box`; shrinks (not below min_size) until it fits the
        height, then clips further lines. Returns the height used in mm."""
        while True:
            lines = wrap_text(s, width=box.w * mm, size=size)
            line_h = size * leading / mm
            if len(lines) * line_h <= box.h or size <= min_size:
                break
            size = max(min_size, size * 0.92)
        y = box.y + ASCENT * size / mm
        used = 0.0
        for line in lines:
            if used + line_h > box.h + 1e-6:
                break
            self.text(line, box.x, y, size=size, item=item)
            y += line_h
            used += line_h
        return used


def run_items(
    items: Sequence[T],
    draw: Callable[[int, T], None],
    *,
    progress: Progress,
    cancel: CancelToken,
    code: str,
) -> None:
    """Draw every item, reporting progress and checking for cancellation between items."""
    total = len(items)
    progress(0.0, code)
    step = max(1, total // 100)
    for index, item in enumerate(items):
        cancel.check()
        draw(index, item)
        if index % step == 0:
            progress(index / max(1, total), code)
    cancel.check()
    progress(1.0, code)


def chunks(seq: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(seq), size):
        yield seq[start : start + size]
