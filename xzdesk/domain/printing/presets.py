"""Badge stock presets, page geometry and per-printer calibration.

All geometry is in millimetres measured from the TOP-LEFT corner of the sheet, x to the right and
y downwards: the way a person measures a printed sheet with a ruler. The PDF code converts to
reportlab's bottom-left points in one place (`_pdf.PdfJob`).

Presets (badges are landscape):

| key           | sheet        | badge        | grid | margins (l, t) mm | gaps (x, y) mm |
|---------------|--------------|--------------|------|-------------------|----------------|
| a4-10up       | A4 210x297   | 90 x 54      | 2x5  | 15, 12 (r 15, b 15) | 0, 0         |
| a4-8up        | A4 210x297   | 90 x 60      | 2x4  | 15, 28.5          | 0, 0           |
| cr80          | A4 210x297   | 85.6 x 54    | 2x5  | 16.4, 9.5         | 6, 2           |
| a6            | A6 landscape | 148 x 105    | 1x1  | 0, 0              | -              |
| a7            | A7 landscape | 105 x 74     | 1x1  | 0, 0              | -              |
| badge-printer | 85.6 x 54    | 85.6 x 54    | 1x1  | 0, 0              | -              |

Calibration: a printer that shifts everything by a constant amount is corrected by an X/Y offset
(positive X moves the print right, positive Y moves it down), at most 5 mm either way in 0.1 mm
steps. The offset applies to everything on every page of a badge job, cut marks included.
"""

from __future__ import annotations

from dataclasses import dataclass

from xzdesk.domain.errors import FieldProblem, ValidationError

MAX_OFFSET_MM = 5.0
OFFSET_STEP_MM = 0.1


@dataclass(frozen=True)
class RectMM:
    """A rectangle in mm from the sheet's top-left corner (y grows downwards)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def shifted(self, dx: float, dy: float) -> RectMM:
        return RectMM(self.x + dx, self.y + dy, self.w, self.h)

    def inset(self, d: float) -> RectMM:
        return RectMM(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)


@dataclass(frozen=True)
class StockPresetInfo:
    """A badge stock: sheet size, badge size and the grid of badges on the sheet."""

    key: str
    page_w: float
    page_h: float
    badge_w: float
    badge_h: float
    cols: int
    rows: int
    margin_left: float
    margin_top: float
    gap_x: float = 0.0
    gap_y: float = 0.0

    @property
    def per_page(self) -> int:
        return self.cols * self.rows

    def cells(self) -> list[RectMM]:
        """Badge cells of one sheet, row by row from the top-left, before calibration."""
        return [
            RectMM(
                self.margin_left + col * (self.badge_w + self.gap_x),
                self.margin_top + row * (self.badge_h + self.gap_y),
                self.badge_w,
                self.badge_h,
            )
            for row in range(self.rows)
            for col in range(self.cols)
        ]


A4 = (210.0, 297.0)

PRESETS: dict[str, StockPresetInfo] = {
    p.key: p
    for p in (
        StockPresetInfo("a4-10up", *A4, 90.0, 54.0, 2, 5, 15.0, 12.0),
        StockPresetInfo("a4-8up", *A4, 90.0, 60.0, 2, 4, 15.0, 28.5),
        StockPresetInfo("cr80", *A4, 85.6, 54.0, 2, 5, 16.4, 9.5, 6.0, 2.0),
        StockPresetInfo("a6", 148.0, 105.0, 148.0, 105.0, 1, 1, 0.0, 0.0),
        StockPresetInfo("a7", 105.0, 74.0, 105.0, 74.0, 1, 1, 0.0, 0.0),
        StockPresetInfo("badge-printer", 85.6, 54.0, 85.6, 54.0, 1, 1, 0.0, 0.0),
    )
}


def get_preset(key: str) -> StockPresetInfo:
    """The preset with this key; raises FieldProblem("preset", "printing.unknown_preset")."""
    try:
        return PRESETS[key]
    except KeyError:
        raise FieldProblem("preset", "printing.unknown_preset", choices=sorted(PRESETS)) from None


@dataclass(frozen=True)
class CalibrationInfo:
    """Per-printer offset in mm (+x right, +y down). Build with `make_calibration` to validate."""

    offset_x: float = 0.0
    offset_y: float = 0.0


NO_CALIBRATION = CalibrationInfo()


def make_calibration(offset_x: float = 0.0, offset_y: float = 0.0) -> CalibrationInfo:
    """Validate and round a printer offset.

    Each offset must lie within ±5 mm and on a 0.1 mm step (a tolerance of 1e-6 absorbs float
    noise such as 0.30000000000000004). Raises ValidationError with FieldProblems
    `printing.calibration_range` (min, max) or `printing.calibration_step` (step) on the fields
    offset_x / offset_y.
    """
    problems = []
    values = {}
    for field, value in (("offset_x", offset_x), ("offset_y", offset_y)):
        try:
            v = float(value)
        except (TypeError, ValueError):
            problems.append(FieldProblem(field, "printing.calibration_range", min=-MAX_OFFSET_MM, max=MAX_OFFSET_MM))
            continue
        if not (-MAX_OFFSET_MM - 1e-9 <= v <= MAX_OFFSET_MM + 1e-9):
            problems.append(FieldProblem(field, "printing.calibration_range", min=-MAX_OFFSET_MM, max=MAX_OFFSET_MM))
            continue
        steps = v / OFFSET_STEP_MM
        if abs(steps - round(steps)) > 1e-6:
            problems.append(FieldProblem(field, "printing.calibration_step", step=OFFSET_STEP_MM))
            continue
        values[field] = round(round(steps) * OFFSET_STEP_MM, 1)
    if problems:
        raise ValidationError(problems)
    return CalibrationInfo(offset_x=values["offset_x"], offset_y=values["offset_y"])


def check_calibration(calibration: CalibrationInfo) -> CalibrationInfo:
    """Re-validate a CalibrationInfo built directly (e.g. read from settings)."""
    return make_calibration(calibration.offset_x, calibration.offset_y)


def badge_cells(preset: str | StockPresetInfo, calibration: CalibrationInfo = NO_CALIBRATION) -> list[RectMM]:
    """Where each badge of one sheet is printed (mm, top-left origin), calibration applied."""
    p = get_preset(preset) if isinstance(preset, str) else preset
    cal = check_calibration(calibration)
    return [c.shifted(cal.offset_x, cal.offset_y) for c in p.cells()]


def calibration_reference(preset: str | StockPresetInfo) -> tuple[float, float]:
    """The nominal (x, y) in mm of the calibration page's reference crosshair: the first cell's
    top-left corner, or 10 mm in from the corner for single-badge sheets (printers cannot print
    at the paper's edge). Offset = measured position - this."""
    p = get_preset(preset) if isinstance(preset, str) else preset
    first = p.cells()[0]
    if first.x >= 5.0 and first.y >= 5.0:
        return (first.x, first.y)
    return (10.0, 10.0)


@dataclass(frozen=True)
class BadgeBoxesInfo:
    """The boxes inside one badge (mm, relative to the badge's top-left corner).

    `qr` is the square the QR symbol (including its 4-module quiet zone) fills.
    """

    event: RectMM
    date: RectMM
    number: RectMM
    name: RectMM
    table: RectMM
    qr: RectMM


def badge_boxes(badge_w: float, badge_h: float) -> BadgeBoxesInfo:
    """Layout of a badge of this size; proportions scale from 85.6x54 up to A6.

    Header (event name, then date) across the top; below it the number plate large on the left
    with the display name under it; the QR square on the right with the table label under it.
    The QR box stays empty for a badge without a token.
    """
    pad = max(2.5, 0.05 * badge_h)
    inner_w = badge_w - 2 * pad
    event_h = 0.12 * badge_h
    date_h = 0.075 * badge_h
    top = pad + event_h + date_h + 0.02 * badge_h
    body_h = badge_h - top - pad
    qr_side = min(body_h * 0.78, inner_w * 0.42)
    left_w = inner_w - qr_side - 0.03 * badge_w
    number_h = 0.58 * body_h
    qr_x = badge_w - pad - qr_side
    return BadgeBoxesInfo(
        event=RectMM(pad, pad, inner_w, event_h),
        date=RectMM(pad, pad + event_h, inner_w, date_h),
        number=RectMM(pad, top, left_w, number_h),
        name=RectMM(pad, top + number_h, left_w, body_h - number_h),
        table=RectMM(qr_x, top + qr_side, qr_side, body_h - qr_side),
        qr=RectMM(qr_x, top, qr_side, qr_side),
    )
