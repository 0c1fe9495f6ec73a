"""Fonts for every PDF: registration, text clean-up, glyph checks, fallback runs, shrink-to-fit.

Two TrueType-outline fonts ship in resources/fonts and are registered with reportlab as TTFont,
which embeds a subset of each in every PDF that uses it:
- primary  `PRIMARY_FONT`  = WenQuanYi Micro Hei (wqy-microhei.ttc, face 0): CJK + Latin + symbols;
- fallback `FALLBACK_FONT` = Droid Sans Fallback: extra CJK (e.g. Extension A 䶮) and Hangul.

Every string goes through `clean_text` (NFC, control characters to spaces, invisible format
characters and variation selectors dropped) and is split into runs by font: a character the
primary lacks is drawn with the fallback; a character both lack is replaced by `SUBSTITUTE_CHAR`
(□, the customary mark for a missing character in Chinese print) and reported as a
`MissingGlyph`: only a stable code and the code point, never the surrounding text.

Registration happens once per process, lazily and under a lock. Text measuring and splitting are
pure functions of the string and safe on any thread; a reportlab canvas itself belongs to the one
thread that draws it.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from xzdesk.paths import resource_path

PRIMARY_FONT = "XzSans"
FALLBACK_FONT = "XzSansFallback"
PRIMARY_FILE = ("fonts", "wqy-microhei.ttc")
PRIMARY_SUBFONT = 0  # WenQuanYi Micro Hei (face 1 is the monospaced variant)
FALLBACK_FILE = ("fonts", "DroidSansFallbackFull.ttf")
SUBSTITUTE_CHAR = "\u25a1"  # □
GLYPH_MISSING = "printing.glyph_missing"

# Ascent and descent of the primary font as fractions of the font size (for vertical fitting).
ASCENT = 0.80
DESCENT = 0.22


@dataclass(frozen=True)
class MissingGlyph:
    """A character neither font can draw. `items` are indices of the strings (for
    `check_glyphs`) or of the printed DTOs (in a print report) that contain it; -1 stands for
    text common to the whole document (event name, header)."""

    codepoint: int
    items: tuple[int, ...] = ()
    code: str = GLYPH_MISSING

    @property
    def label(self) -> str:
        """`U+201D4`: how the UI names the character without quoting any personal text."""
        return f"U+{self.codepoint:04X}"


class _Fonts:
    def __init__(self) -> None:
        primary = TTFont(PRIMARY_FONT, str(resource_path(*PRIMARY_FILE)), subfontIndex=PRIMARY_SUBFONT)
        fallback = TTFont(FALLBACK_FONT, str(resource_path(*FALLBACK_FILE)))
        pdfmetrics.registerFont(primary)
        pdfmetrics.registerFont(fallback)
        self.primary_cmap = frozenset(primary.face.charToGlyph)
        self.fallback_cmap = frozenset(fallback.face.charToGlyph)
        self.primary_widths = primary.face.charWidths
        self.fallback_widths = fallback.face.charWidths
        self.primary_default = primary.face.defaultWidth
        self.fallback_default = fallback.face.defaultWidth


_lock = threading.Lock()
_fonts: _Fonts | None = None


def ensure_fonts() -> _Fonts:
    """Register both fonts with reportlab (once per process) and return their glyph tables."""
    global _fonts
    if _fonts is None:
        with _lock:
            if _fonts is None:
                _fonts = _Fonts()
    return _fonts


def _is_dropped(ch: str) -> bool:
    cp = ord(ch)
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:  # variation selectors (IVS)
        return True
    return unicodedata.category(ch) == "Cf"  # zero-width joiners, BOM, bidi marks ...


def clean_text(text: str) -> str:
    """NFC-normalise; turn control characters (tabs, newlines) into spaces; drop invisible
    format characters and variation selectors; strip the ends. Used on every printed string."""
    text = unicodedata.normalize("NFC", text or "")
    out = []
    for ch in text:
        if unicodedata.category(ch) == "Cc":
            out.append(" ")
        elif not _is_dropped(ch):
            out.append(ch)
    return "".join(out).strip()


def clean_paragraph(text: str) -> list[str]:
    """Like `clean_text` but keeps line breaks: returns the cleaned lines."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [clean_text(line) for line in text.split("\n")]


def missing_codepoints(text: str) -> list[int]:
    """Code points in `text` (already cleaned) that neither font has, in order of appearance."""
    f = ensure_fonts()
    return [
        ord(ch)
        for ch in text
        if ord(ch) not in f.primary_cmap and ord(ch) not in f.fallback_cmap and ch != " "
    ]


def check_glyphs(strings: Iterable[str]) -> list[MissingGlyph]:
    """Which characters in `strings` no bundled font can draw, for a warning before printing.

    Each string is cleaned exactly as printing cleans it. Returns one MissingGlyph per code point
    (sorted by code point) with the indices of the strings that contain it; empty when all is well.
    """
    found: dict[int, list[int]] = {}
    for index, text in enumerate(strings):
        for cp in missing_codepoints(clean_text(text)):
            items = found.setdefault(cp, [])
            if not items or items[-1] != index:
                items.append(index)
    return [MissingGlyph(codepoint=cp, items=tuple(idx)) for cp, idx in sorted(found.items())]


class GlyphLog:
    """Collects missing glyphs met while drawing one document, keyed by item index."""

    def __init__(self) -> None:
        self._found: dict[int, set[int]] = {}

    def add(self, codepoint: int, item: int) -> None:
        self._found.setdefault(codepoint, set()).add(item)

    def result(self) -> tuple[MissingGlyph, ...]:
        return tuple(
            MissingGlyph(codepoint=cp, items=tuple(sorted(items))) for cp, items in sorted(self._found.items())
        )


Run = tuple[str, str]  # (font name, text)


def text_runs(text: str, *, log: GlyphLog | None = None, item: int = -1) -> list[Run]:
    """Split cleaned `text` into (font, text) runs; substitute and log characters no font has."""
    f = ensure_fonts()
    runs: list[Run] = []
    current_font = ""
    buf: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp in f.primary_cmap or ch == " ":
            font = PRIMARY_FONT
        elif cp in f.fallback_cmap:
            font = FALLBACK_FONT
        else:
            if log is not None:
                log.add(cp, item)
            font, ch = PRIMARY_FONT, SUBSTITUTE_CHAR
        if font != current_font and buf:
            runs.append((current_font, "".join(buf)))
            buf = []
        current_font = font
        buf.append(ch)
    if buf:
        runs.append((current_font, "".join(buf)))
    return runs


def char_width(ch: str, size: float) -> float:
    """Advance width in points of one character at `size`, using the font that would draw it."""
    f = ensure_fonts()
    cp = ord(ch)
    if cp in f.primary_cmap or ch == " ":
        w = f.primary_widths.get(cp, f.primary_default)
    elif cp in f.fallback_cmap:
        w = f.fallback_widths.get(cp, f.fallback_default)
    else:
        w = f.primary_widths.get(ord(SUBSTITUTE_CHAR), f.primary_default)
    return w * size / 1000.0


def runs_width(runs: list[Run], size: float) -> float:
    return sum(pdfmetrics.stringWidth(text, font, size) for font, text in runs)


def text_width(text: str, size: float) -> float:
    """Width in points of cleaned `text` at `size` as it will be drawn."""
    return runs_width(text_runs(text), size)


@dataclass(frozen=True)
class FittedText:
    """How a string is drawn in a box: font size (pt), horizontal scale (percent) and the
    resulting width (pt, after scaling). `width <= box width` always holds."""

    size: float
    hscale: float
    width: float


def fit_text(
    text: str, *, box_w: float, box_h: float, max_size: float, min_size: float = 5.0
) -> FittedText:
    """Largest size <= max_size at which `text` fits a box of box_w x box_h points.

    Below `min_size` the text is no longer made smaller but condensed horizontally, so a long
    name always stays inside its box and every character is still printed.
    """
    height_cap = box_h / (ASCENT + DESCENT)
    size = max(0.1, min(max_size, height_cap))
    natural = text_width(text, 1.0)
    if natural <= 0:
        return FittedText(size=size, hscale=100.0, width=0.0)
    by_width = box_w / natural
    if by_width >= size:
        return FittedText(size=size, hscale=100.0, width=natural * size)
    floor = min(min_size, size)
    if by_width >= floor:
        return FittedText(size=by_width, hscale=100.0, width=natural * by_width)
    hscale = 100.0 * box_w / (natural * floor)
    return FittedText(size=floor, hscale=hscale, width=natural * floor * hscale / 100.0)


def fit_lines(
    text: str, *, box_w: float, box_h: float, max_size: float, min_size: float = 5.0, max_lines: int = 2
) -> tuple[list[str], FittedText]:
    """Like `fit_text`, but may break `text` into up to `max_lines` lines (all the same size)
    when that prints it larger. Lines are balanced: the break minimises the widest line.
    Returns the lines and the fit shared by all of them (`width` is the widest line's)."""
    best_lines = [text]
    best = fit_text(text, box_w=box_w, box_h=box_h, max_size=max_size, min_size=min_size)
    if max_lines < 2 or len(text) < 2:
        return best_lines, best
    widths = [char_width(ch, 1.0) for ch in text]
    total = sum(widths)
    if best.size >= max_size * 0.999 or total <= 0:
        return best_lines, best
    # Two lines: choose the break that makes the wider half narrowest (prefer a space).
    acc, split, split_w = 0.0, 1, total
    for k in range(1, len(text)):
        acc += widths[k - 1]
        wider = max(acc, total - acc) - (0.01 if text[k - 1] == " " or text[k] == " " else 0.0)
        if wider < split_w:
            split, split_w = k, wider
    lines = [text[:split].rstrip(), text[split:].lstrip()]
    widest = max(lines, key=lambda line: text_width(line, 1.0))
    two = fit_text(widest, box_w=box_w, box_h=box_h / 2, max_size=max_size, min_size=min_size)
    if two.size > best.size * 1.15 and two.hscale >= best.hscale:
        return lines, two
    return best_lines, best


def wrap_text(text: str, *, width: float, size: float) -> list[str]:
    """Break cleaned text into lines no wider than `width` points at `size`.

    Breaks anywhere between CJK characters, keeps runs of Latin letters/digits together when they
    fit on a line, and never starts a line with closing punctuation.
    """
    no_start = set("，。、；：！？）》」』】”’,.;:!?)%")
    lines: list[str] = []
    for para in clean_paragraph(text):
        tokens = _wrap_tokens(para)
        line, line_w = "", 0.0
        for tok in tokens:
            tok_w = sum(char_width(ch, size) for ch in tok)
            if line and line_w + tok_w > width:
                carry = ""
                if tok[0] in no_start and len(line.rstrip()) > 1:
                    # closing punctuation may not start a line: take the last character with it
                    line = line.rstrip()
                    line, carry = line[:-1], line[-1]
                lines.append(line.rstrip())
                tok = (carry + tok).lstrip()
                line, line_w = "", 0.0
                tok_w = sum(char_width(ch, size) for ch in tok)
            if tok_w > width:  # a single overlong word: hard-break it by characters
                for ch in tok:
                    cw = char_width(ch, size)
                    if line and line_w + cw > width and ch not in no_start:
                        lines.append(line.rstrip())
                        line, line_w = "", 0.0
                    line += ch
                    line_w += cw
                continue
            line += tok
            line_w += tok_w
        lines.append(line.rstrip())
    return lines


def _wrap_tokens(text: str) -> list[str]:
    """Latin words (with a trailing space) stay whole; every other character is its own token."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch.isascii() and ch.isalnum():
            word += ch
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(ch)
    if word:
        tokens.append(word)
    return tokens
