"""Helpers to read generated PDFs back: text, fonts, rendered pages, QR symbols, char boxes.

All positions are returned in millimetres from the page's top-left corner, like the print code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

MM_PER_PT = 25.4 / 72
ID_LIKE = re.compile(r"\d{17}[\dX]")
PHONE_LIKE = re.compile(r"1[3-9]\d{9}")


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def squash(text: str) -> str:
    """Text without any whitespace (line breaks differ between layout and extraction)."""
    return re.sub(r"\s+", "", text)


def metadata(path: Path) -> dict[str, str]:
    meta = PdfReader(path).metadata or {}
    return {str(k): str(v) for k, v in meta.items()}


@dataclass(frozen=True)
class FontEntry:
    name: str
    subtype: str
    embedded: bool


def _descriptor(font: DictionaryObject) -> DictionaryObject | None:
    if "/FontDescriptor" in font:
        return font["/FontDescriptor"].get_object()
    if "/DescendantFonts" in font:
        return _descriptor(font["/DescendantFonts"][0].get_object())
    return None


def fonts(path: Path) -> list[FontEntry]:
    """Every font referenced by any page (or form XObject) and whether its file is embedded."""
    out: dict[str, FontEntry] = {}

    def visit(resources: DictionaryObject | None) -> None:
        if not resources:
            return
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            name = str(font.get("/BaseFont"))
            desc = _descriptor(font)
            embedded = bool(desc) and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out[f"{name}:{id(font)}"] = FontEntry(name, str(font.get("/Subtype")), embedded)
        for ref in (resources.get("/XObject") or {}).values():
            xobj = ref.get_object()
            if xobj.get("/Subtype") == "/Form":
                visit(xobj.get("/Resources"))

    for page in PdfReader(path).pages:
        res = page.get("/Resources")
        visit(res.get_object() if res is not None else None)
    return list(out.values())


def render(path: Path, page: int = 0, *, dpi: int = 200) -> Image.Image:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[page].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        pdf.close()


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)


@dataclass(frozen=True)
class FoundQr:
    text: str
    x: float  # symbol's top-left corner (without quiet zone), mm
    y: float
    size: float  # edge length, mm


def decode_qrs(image: Image.Image, *, dpi: int) -> list[FoundQr]:
    found = []
    for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        p = r.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
        scale = 25.4 / dpi
        found.append(FoundQr(r.text, min(xs) * scale, min(ys) * scale, (max(xs) - min(xs)) * scale))
    return sorted(found, key=lambda q: (round(q.y), q.x))


@dataclass(frozen=True)
class CharBox:
    char: str
    left: float
    top: float
    right: float
    bottom: float


def char_boxes(path: Path, page: int = 0) -> list[CharBox]:
    """Every drawn character with its tight box (mm, top-left origin)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        pg = pdf[page]
        height = pg.get_height()
        tp = pg.get_textpage()
        out = []
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if not ch.strip():
                continue
            left, bottom, right, top = tp.get_charbox(i)
            out.append(CharBox(ch, left * MM_PER_PT, (height - top) * MM_PER_PT, right * MM_PER_PT,
                               (height - bottom) * MM_PER_PT))
        return out
    finally:
        pdf.close()


def ink_bbox(image: Image.Image, *, dpi: int, region: tuple[float, float, float, float] | None = None,
             threshold: int = 160) -> tuple[float, float, float, float] | None:
    """Bounding box (mm) of dark pixels, optionally only inside region=(x, y, w, h) in mm."""
    arr = np.asarray(image)
    px = dpi / 25.4
    x0 = y0 = 0
    if region is not None:
        x, y, w, h = region
        x0, y0 = max(0, int(x * px)), max(0, int(y * px))
        arr = arr[y0 : int((y + h) * px), x0 : int((x + w) * px)]
    ys, xs = np.nonzero(arr < threshold)
    if len(xs) == 0:
        return None
    return ((xs.min() + x0) / px, (ys.min() + y0) / px, (xs.max() + x0 + 1) / px, (ys.max() + y0 + 1) / px)
