from __future__ import annotations

import numpy as np
import pytest
import qrcode
import zxingcpp
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from xzdesk.domain.errors import FieldProblem, ValidationError, XzError
from xzdesk.domain.printing import (
    NO_CALIBRATION,
    PRESETS,
    badge_boxes,
    badge_cells,
    calibration_reference,
    get_preset,
    make_calibration,
)
from xzdesk.domain.printing.qr import (
    DEFAULT_MASK,
    QUIET_ZONE,
    choose_error_correction,
    dark_runs,
    draw_qr,
    qr_matrix,
)
from xzdesk.domain.tokens import mint_token

KEY = bytes(range(32))


def test_ten_up_cells_match_the_stock_spec():
    cells = badge_cells("a4-10up")
    assert len(cells) == 10
    for i, cell in enumerate(cells):
        row, col = divmod(i, 2)
        assert cell.x == pytest.approx(15 + 90 * col)
        assert cell.y == pytest.approx(12 + 54 * row)
        assert (cell.w, cell.h) == (90, 54)
    assert 210 - max(c.right for c in cells) == pytest.approx(15)  # right margin
    assert 297 - max(c.bottom for c in cells) == pytest.approx(15)  # bottom margin


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_every_preset_fits_its_sheet_without_overlaps(key):
    p = get_preset(key)
    cells = p.cells()
    assert len(cells) == p.cols * p.rows
    for c in cells:
        assert c.x >= 0 and c.y >= 0 and c.right <= p.page_w + 1e-9 and c.bottom <= p.page_h + 1e-9
    for i, a in enumerate(cells):
        for b in cells[i + 1 :]:
            assert a.right <= b.x + 1e-9 or b.right <= a.x + 1e-9 or a.bottom <= b.y + 1e-9 or b.bottom <= a.y + 1e-9


def test_preset_sizes():
    assert (get_preset("a4-8up").badge_w, get_preset("a4-8up").badge_h) == (90, 60)
    assert (get_preset("cr80").badge_w, get_preset("cr80").badge_h) == (85.6, 54)
    assert get_preset("a6").per_page == get_preset("a7").per_page == get_preset("badge-printer").per_page == 1
    assert (get_preset("badge-printer").page_w, get_preset("badge-printer").page_h) == (85.6, 54)


def test_unknown_preset():
    with pytest.raises(FieldProblem) as info:
        get_preset("letter")
    assert info.value.code == "printing.unknown_preset"


def test_calibration_shifts_cells():
    cal = make_calibration(1.5, -2.3)
    for plain, shifted in zip(badge_cells("a4-10up"), badge_cells("a4-10up", cal), strict=True):
        assert shifted.x == pytest.approx(plain.x + 1.5)
        assert shifted.y == pytest.approx(plain.y - 2.3)


@pytest.mark.parametrize("value", [0.0, 5.0, -5.0, 0.1, -4.9, 0.3, 2.7])
def test_calibration_accepts_range_and_steps(value):
    cal = make_calibration(value, -value)
    assert cal.offset_x == pytest.approx(value) and cal.offset_y == pytest.approx(-value)


@pytest.mark.parametrize(("x", "y", "field", "code"), [
    (5.1, 0, "offset_x", "printing.calibration_range"),
    (0, -6, "offset_y", "printing.calibration_range"),
    (0.15, 0, "offset_x", "printing.calibration_step"),
    (0, 1.23, "offset_y", "printing.calibration_step"),
    ("abc", 0, "offset_x", "printing.calibration_range"),
])
def test_calibration_rejects(x, y, field, code):
    with pytest.raises(ValidationError) as info:
        make_calibration(x, y)
    problems = info.value.for_field(field)
    assert [p.code for p in problems] == [code]


def test_calibration_reference_points():
    assert calibration_reference("a4-10up") == (15.0, 12.0)
    assert calibration_reference("badge-printer") == (10.0, 10.0)


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_badge_boxes_stay_inside_the_badge_and_apart(key):
    p = get_preset(key)
    b = badge_boxes(p.badge_w, p.badge_h)
    boxes = [b.event, b.date, b.number, b.name, b.table, b.qr]
    for r in boxes:
        assert r.x >= 0 and r.y >= 0 and r.right <= p.badge_w and r.bottom <= p.badge_h
    assert b.qr.w == pytest.approx(b.qr.h)
    assert b.name.right < b.qr.x and b.number.right < b.qr.x
    assert b.date.bottom <= b.number.y
    # the QR's modules must stay big enough for a phone or a USB scanner (>= 0.5 mm)
    assert b.qr.w / (29 + 8) >= 0.5


def test_error_correction_follows_payload_length():
    token = mint_token("ABCDEF", KEY)
    assert choose_error_correction(token) == ("H", 3)
    assert choose_error_correction("A" * 45)[0] == "Q"
    assert choose_error_correction("A" * 60)[0] == "M"
    assert choose_error_correction("A" * 75)[0] == "L"
    level, version = choose_error_correction("A" * 200)
    assert level == "L" and version > 3
    m = qr_matrix(token)
    assert (m.version, m.error_correction, m.size) == (3, "H", 29)


def test_no_calibration_is_zero():
    assert (NO_CALIBRATION.offset_x, NO_CALIBRATION.offset_y) == (0, 0)


def test_qr_payload_too_long():
    with pytest.raises(XzError) as info:
        choose_error_correction("a" * 5000)
    assert info.value.code == "printing.qr_payload_too_long"


# A token of the shape mint_token makes (version, event code, nonce, MAC), fixed so the
# comparison with the reference encoder below is reproducible.
FIXED_TOKEN = "1ABCDEFQGFZEFRDZ9XMSB1ATZA730Z8"


def _decode(rows: tuple[tuple[bool, ...], ...]) -> str:
    """Read a matrix back with zxing-cpp's reader, as a camera at the venue would (4 px a module)."""
    dark = np.pad(np.asarray(rows, dtype=bool), QUIET_ZONE)
    pixels = np.where(np.kron(dark, np.ones((4, 4), dtype=bool)), 0, 255).astype(np.uint8)
    found = zxingcpp.read_barcodes(Image.fromarray(pixels), formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1
    return found[0].text


def _first_segment(rows: tuple[tuple[bool, ...], ...], mask: int = DEFAULT_MASK) -> tuple[int, int]:
    """(mode indicator, character count) of the first data segment of a version 3-H symbol, read
    from the modules (ISO 18004 placement): codewords are placed upwards from the bottom-right
    corner in the two right-most columns, unmasked with mask 2 ("column % 3 == 0"); its two
    blocks are interleaved, so the first codeword holds the mode and 4 bits of the count, and the
    third codeword the count's other 5 bits."""
    assert mask == 2 and len(rows) == 29
    n = len(rows)
    bits = "".join("1" if rows[r][c] ^ (c % 3 == 0) else "0" for r in range(n - 1, n - 12, -1) for c in (n - 1, n - 2))
    return int(bits[:4], 2), int(bits[4:8] + bits[16:21], 2)


def test_a_badge_token_is_one_alphanumeric_segment_at_version_3_level_h():
    """Alphanumeric mode (0b0010) for all 31 characters: in byte mode a version 3 symbol at
    level H holds only 24 characters."""
    token = mint_token("ABCDEF", KEY)
    for payload in (FIXED_TOKEN, token):
        m = qr_matrix(payload)
        assert (m.version, m.error_correction, m.size) == (3, "H", 29)
        assert _first_segment(m.rows) == (0b0010, 31)
        assert _decode(m.rows) == payload


def test_the_symbol_is_the_reference_encoders_module_for_module():
    """zxing-cpp's writer draws the same symbol as the pure-Python `qrcode` library in pure
    alphanumeric mode, at the same version, level and mask."""
    q = qrcode.QRCode(version=3, error_correction=qrcode.constants.ERROR_CORRECT_H, border=0, mask_pattern=2)
    q.add_data(FIXED_TOKEN, optimize=0)
    q.make(fit=False)
    assert qr_matrix(FIXED_TOKEN).rows == tuple(tuple(bool(v) for v in row) for row in q.get_matrix())


def test_a_long_run_of_digits_still_decodes_at_version_3_level_h():
    """libzint may put 13+ digits in a numeric segment; the symbol keeps its size and level."""
    payload = "1ABCDEF" + "7" * 16 + "QGFZEFRD"
    m = qr_matrix(payload)
    assert (m.version, m.error_correction) == (3, "H")
    assert _first_segment(m.rows)[0] == 0b0010 and _decode(m.rows) == payload


def test_the_drawn_path_covers_exactly_the_dark_modules():
    """The PDF operators draw_qr writes are one rectangle per run of dark modules, filled once."""
    m = qr_matrix(FIXED_TOKEN)
    canvas = Canvas(None)
    draw_qr(canvas, m, x=10, y=10, side=80)
    ops = next(code for code in canvas._code if code.endswith(" f"))
    rects = [tuple(int(v) for v in part.split()[:4]) for part in ops[: -len(" f")].split(" re") if part.strip()]
    painted = np.zeros((m.size, m.size), dtype=bool)
    for c, r, w, h in rects:
        assert h == 1 and not painted[r, c : c + w].any()
        painted[r, c : c + w] = True
    assert (painted == np.asarray(m.rows)).all()
    assert len(rects) == len(dark_runs(m)[0])  # one rectangle per run: no overlaps, no gaps
