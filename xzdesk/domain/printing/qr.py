"""QR symbols drawn as vector rectangles on a reportlab canvas.

The `qrcode` library computes the module matrix; we draw each row's runs of dark modules as
rectangles of one path filled once (small files, sharp at any printer resolution).

Error correction is chosen by payload length: the highest level (H, then Q, M, L) whose smallest
symbol still fits within `max_version` (default 3, 29x29 modules, so modules stay large enough
on a 54 mm badge); only when nothing fits does the symbol grow beyond it, at level L. A badge
token (31 alphanumeric characters) is version 3 at level H: 30% of the symbol can be scratched
or covered and it still reads.

The mask pattern is fixed (`DEFAULT_MASK`) instead of evaluated eight ways: every decoder reads
any mask, and the evaluation was most of the time spent on a 1,000-badge job.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import qrcode
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q
from qrcode.exceptions import DataOverflowError
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

from xzdesk.domain.errors import XzError

QUIET_ZONE = 4  # modules of white around the symbol, as the standard requires
DEFAULT_MAX_VERSION = 3
DEFAULT_MASK = 2
_LEVELS = (("H", ERROR_CORRECT_H), ("Q", ERROR_CORRECT_Q), ("M", ERROR_CORRECT_M), ("L", ERROR_CORRECT_L))
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


@functools.lru_cache(maxsize=64)
def _choose(length: int, alnum: bool, max_version: int) -> tuple[str, int, int]:
    probe = ("A" if alnum else "a") * length
    for name, level in _LEVELS:
        q = qrcode.QRCode(error_correction=level, box_size=1, border=0)
        q.add_data(probe, optimize=0)
        try:
            version = q.best_fit()
        except (DataOverflowError, ValueError):  # qrcode raises ValueError past version 40
            continue
        if version <= max_version or name == "L":
            return name, level, version
    raise XzError("printing.qr_payload_too_long", length=length)


def choose_error_correction(payload: str, *, max_version: int = DEFAULT_MAX_VERSION) -> tuple[str, int]:
    """(level name, version) the symbol for `payload` will use."""
    name, _, version = _choose(len(payload), bool(_ALNUM.match(payload)), max_version)
    return name, version


def qr_matrix(
    payload: str, *, max_version: int = DEFAULT_MAX_VERSION, mask_pattern: int | None = DEFAULT_MASK
) -> QrMatrixInfo:
    """Encode `payload` (alphanumeric mode when it is upper-case alphanumeric)."""
    name, level, version = _choose(len(payload), bool(_ALNUM.match(payload)), max_version)
    q = qrcode.QRCode(
        version=version, error_correction=level, box_size=1, border=0, mask_pattern=mask_pattern
    )
    q.add_data(payload, optimize=0)
    q.make(fit=False)
    rows = tuple(tuple(bool(v) for v in row) for row in q.get_matrix())
    return QrMatrixInfo(rows=rows, version=version, error_correction=name)


def draw_qr(canvas: Canvas, matrix: QrMatrixInfo, *, x: float, y: float, side: float) -> None:
    """Draw the symbol with its quiet zone filling the square with bottom-left (x, y), in points."""
    n = matrix.size
    module = side / (n + 2 * QUIET_ZONE)
    canvas.saveState()
    # Work in module units with the symbol's top-left at the origin and y pointing down, so the
    # path holds small integers (short content streams, fast to format).
    canvas.translate(x + QUIET_ZONE * module, y + side - QUIET_ZONE * module)
    canvas.scale(module, -module)
    path = canvas.beginPath()
    for r, row in enumerate(matrix.rows):
        c = 0
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            path.rect(start, r, c - start, 1)
    # One path, nonzero winding: touching rectangles merge without seams.
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()
