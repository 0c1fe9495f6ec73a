from __future__ import annotations

import pytest

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
from xzdesk.domain.printing.qr import choose_error_correction, qr_matrix
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
