"""QR symbols drawn as vector rectangles on a reportlab canvas.

zxing-cpp's writer (libzint, in C) computes the module matrix, about 0.1 ms a symbol; we draw
each row's runs of dark modules as rectangles of one path filled once (small files, sharp at any
printer resolution).

Encoding: a token (upper-case Crockford characters) is in QR's alphanumeric mode, 5.5 bits a
character, never byte mode (8 bits): that is what lets a 31-character token fit version 3 at
level H. libzint picks the shortest segmentation, so a long run of digits inside a token (13 or
more, about one token in several thousand) goes in a numeric segment of that alphanumeric
symbol; every QR decoder reads mixed segments, and the symbol's version and level do not change.

Error correction is chosen by payload length: the highest level (H, then Q, M, L) whose smallest
symbol still fits within `max_version` (default 3, 29x29 modules, so modules stay large enough
on a 54 mm badge); only when nothing fits does the symbol grow beyond it, at level L. A badge
token (31 alphanumeric characters) is version 3 at level H: 30% of the symbol can be scratched
or covered and it still reads.

The mask pattern is fixed (`DEFAULT_MASK`) instead of evaluated eight ways: every decoder reads
any mask, and the evaluation would cost five times the encoding itself.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import zxingcpp
from reportlab.pdfgen.canvas import Canvas

from xzdesk.domain.errors import XzError

QUIET_ZONE = 4  # modules of white around the symbol, as the standard requires
DEFAULT_MAX_VERSION = 3
DEFAULT_MASK = 2
_LEVELS = ("H", "Q", "M", "L")
_ALNUM = re.compile(r"^[0-9A-Z $%*+\-./:]*$")


@dataclass(frozen=True)
class QrMatrixInfo:
    """The dark/light modules of one symbol (row-major, no quiet zone)."""

    rows: tuple[tuple[bool, ...], ...]
    version: int
    error_correction: str  # "L" | "M" | "Q" | "H"

    @property
    def size(self) -> int:
        return len(self.rows)


def _dark_modules(payload: str, level: str, *, version: int = 0, mask: int | None = None) -> np.ndarray | None:
    """The symbol's modules (True = dark), or None when `payload` does not fit (the version given,
    or any version at this level)."""
    options: dict[str, object] = {"ec_level": level}
    if version:
        options["version"] = version
    if mask is not None:
        options["data_mask"] = mask
    try:
        symbol = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, **options)
    except ValueError:  # "Input too long ..."
        return None
    return np.asarray(symbol.to_image(add_quiet_zones=False)) == 0  # black pixels are the dark modules


@functools.lru_cache(maxsize=64)
def _choose(size: int, alnum: bool, max_version: int) -> tuple[str, int]:
    probe = ("A" if alnum else "a") * size
    for level in _LEVELS:
        modules = _dark_modules(probe, level)
        if modules is None:
            continue
        version = (len(modules) - 17) // 4
        if version <= max_version or level == "L":
            return level, version
    raise XzError("printing.qr_payload_too_long", length=size)


def _payload_size(payload: str) -> tuple[int, bool]:
    """(characters in alphanumeric mode, or bytes in byte mode, alphanumeric?)"""
    if _ALNUM.match(payload):
        return len(payload), True
    return len(payload.encode()), False


def choose_error_correction(payload: str, *, max_version: int = DEFAULT_MAX_VERSION) -> tuple[str, int]:
    """(level name, version) the symbol for `payload` will use."""
    return _choose(*_payload_size(payload), max_version)


def qr_matrix(
    payload: str, *, max_version: int = DEFAULT_MAX_VERSION, mask_pattern: int | None = DEFAULT_MASK
) -> QrMatrixInfo:
    """Encode `payload` (alphanumeric mode when it is upper-case alphanumeric)."""
    level, version = choose_error_correction(payload, max_version=max_version)
    modules = _dark_modules(payload, level, version=version, mask=mask_pattern)
    if modules is None:  # a probe of the same size fitted this version
        raise XzError("printing.qr_payload_too_long", length=len(payload))
    return QrMatrixInfo(rows=tuple(map(tuple, modules.tolist())), version=version, error_correction=level)


def dark_runs(matrix: QrMatrixInfo) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each horizontal run of dark modules, row by row: (rows, first columns, lengths)."""
    n = matrix.size
    dark = np.zeros((n, n + 2), dtype=np.int8)  # a light module either side of every row
    dark[:, 1:-1] = matrix.rows
    edges = dark[:, 1:] - dark[:, :-1]  # +1 where a run starts, -1 just after it ends
    rows, starts = np.nonzero(edges == 1)
    ends = np.nonzero(edges == -1)[1]
    return rows, starts, ends - starts


_NUMBER = tuple(f"{i} " for i in range(256))  # module coordinates as PDF operands


def draw_qr(canvas: Canvas, matrix: QrMatrixInfo, *, x: float, y: float, side: float) -> None:
    """Draw the symbol with its quiet zone filling the square with bottom-left (x, y), in points."""
    n = matrix.size
    module = side / (n + 2 * QUIET_ZONE)
    canvas.saveState()
    # Work in module units with the symbol's top-left at the origin and y pointing down, so the
    # path holds small integers (short content streams, fast to format).
    canvas.translate(x + QUIET_ZONE * module, y + side - QUIET_ZONE * module)
    canvas.scale(module, -module)
    # One path of integer rectangles ("re"), filled once with the nonzero rule ("f": touching
    # rectangles merge without seams), written as PDF operators: what reportlab's path.rect and
    # drawPath would write, without formatting each number through Python floats.
    runs = zip(*(part.tolist() for part in dark_runs(matrix)), strict=True)
    canvas.addLiteral("".join([_NUMBER[c] + _NUMBER[r] + _NUMBER[w] + "1 re " for r, c, w in runs]) + "f")
    canvas.restoreState()
