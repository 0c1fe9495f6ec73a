from __future__ import annotations

import io
from datetime import datetime

import pytest

from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.printing import (
    BadgeInfo,
    EventHeaderInfo,
    MissingGlyph,
    badge_boxes,
    badge_cells,
    make_calibration,
    print_badges,
    print_calibration_page,
)
from xzdesk.domain.printing.labels import BADGE_LABELS, CALIBRATION_LABELS
from xzdesk.domain.progress import CancelToken
from xzdesk.domain.tokens import mint_token, parse_token, verify_token

from .pdfcheck import (
    ID_LIKE,
    PHONE_LIKE,
    char_boxes,
    decode_qrs,
    fonts,
    ink_bbox,
    metadata,
    page_count,
    page_texts,
    render,
)

KEY = bytes(range(32))
EVENT_CODE = "7K3Q9M"
EVENT = EventHeaderInfo("徐州工会五月联谊会", datetime(2025, 5, 20, 14, 30), "工人文化宫")
DPI = 200
SURNAMES = "张王李赵刘陈杨黄周吴徐孙"


def _badges(n: int) -> list[BadgeInfo]:
    return [
        BadgeInfo(
            number_plate=f"{'MF'[i % 2]}{i // 2 + 1:02d}",
            display_name=SURNAMES[i % len(SURNAMES)] + ("先生" if i % 2 == 0 else "女士"),
            table_label=str(i // 4 + 1),
            token=mint_token(EVENT_CODE, KEY),
        )
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def ten_up(tmp_path_factory):
    path = tmp_path_factory.mktemp("badges") / "badges.pdf"
    badges = _badges(12)
    report = print_badges(badges, path, event=EVENT, preset="a4-10up", cut_marks=True)
    return path, badges, report


def _expected_qr_origin(cell, preset_w, preset_h):
    b = badge_boxes(preset_w, preset_h)
    module = b.qr.w / (29 + 8)
    return cell.x + b.qr.x + 4 * module, cell.y + b.qr.y + 4 * module, 29 * module


def test_report_counts_pages_and_items(ten_up):
    path, badges, report = ten_up
    assert report.pages == 2 == page_count(path)
    assert report.items == len(badges)
    assert report.missing_glyphs == ()


def test_every_qr_decodes_to_a_token_that_verifies_in_the_right_cell(ten_up):
    path, badges, _ = ten_up
    cells = badge_cells("a4-10up")
    for page, expected in ((0, badges[:10]), (1, badges[10:])):
        found = decode_qrs(render(path, page, dpi=DPI), dpi=DPI)
        assert [q.text for q in found] == [b.token for b in expected]
        for q, cell in zip(found, cells, strict=False):
            parsed = parse_token(q.text)
            assert verify_token(parsed, KEY)
            assert parsed.event_code == EVENT_CODE
            x, y, size = _expected_qr_origin(cell, 90, 54)
            # 10-up geometry: where the QR was actually drawn, read back from the rendering
            assert abs(q.x - x) < 0.5 and abs(q.y - y) < 0.5 and abs(q.size - size) < 0.5


def test_badge_text_and_positions(ten_up):
    path, badges, _ = ten_up
    text = page_texts(path)[0]
    for b in badges[:10]:
        assert b.number_plate in text and b.display_name in text
    assert f"{BADGE_LABELS['table']} 1" in text
    assert "徐州工会五月联谊会" in text and "2025年5月20日 14:30" in text
    # every number plate is drawn inside its own cell's number box
    boxes = char_boxes(path, 0)
    cells = badge_cells("a4-10up")
    nb = badge_boxes(90, 54).number
    digits = [c for c in boxes if c.char in "MF" and c.top > 0]
    assert len(digits) == 10
    for ch, cell in zip(sorted(digits, key=lambda c: (round(c.top), c.left)), cells, strict=True):
        assert cell.x + nb.x - 0.3 <= ch.left and ch.top >= cell.y + nb.y - 0.3
        assert ch.bottom <= cell.y + nb.bottom + 0.3


def test_all_fonts_embedded_and_no_personal_metadata(ten_up):
    path, badges, _ = ten_up
    found = fonts(path)
    assert found and all(f.embedded for f in found), found
    meta = metadata(path)
    assert meta.get("/Title") == BADGE_LABELS["doc_title"]
    blob = " ".join(meta.values())
    for b in badges:
        assert b.display_name not in blob and b.number_plate not in blob
    assert "联谊会" not in blob


def test_no_id_or_phone_like_text(ten_up):
    path, _, _ = ten_up
    for text in page_texts(path):
        assert not ID_LIKE.search(text.replace(" ", ""))
        assert not PHONE_LIKE.search(text.replace(" ", ""))


def test_calibration_offset_moves_everything(tmp_path):
    badges = _badges(2)
    plain, shifted = tmp_path / "plain.pdf", tmp_path / "shifted.pdf"
    print_badges(badges, plain, event=EVENT, preset="a4-10up")
    print_badges(badges, shifted, event=EVENT, preset="a4-10up", calibration=make_calibration(2.0, -1.5))
    q0 = decode_qrs(render(plain, dpi=DPI), dpi=DPI)
    q1 = decode_qrs(render(shifted, dpi=DPI), dpi=DPI)
    assert len(q0) == len(q1) == 2
    for a, b in zip(q0, q1, strict=True):
        assert b.x - a.x == pytest.approx(2.0, abs=0.3)
        assert b.y - a.y == pytest.approx(-1.5, abs=0.3)
    c0 = {c.char: c for c in char_boxes(plain) if c.char in "M"}
    c1 = {c.char: c for c in char_boxes(shifted) if c.char in "M"}
    assert c1["M"].left - c0["M"].left == pytest.approx(2.0, abs=0.05)
    assert c1["M"].top - c0["M"].top == pytest.approx(-1.5, abs=0.05)
    # and the drawn QR positions agree with the calibrated cells the API exposes
    cells = badge_cells("a4-10up", make_calibration(2.0, -1.5))
    x, y, _ = _expected_qr_origin(cells[0], 90, 54)
    assert abs(q1[0].x - x) < 0.5 and abs(q1[0].y - y) < 0.5


def test_long_names_shrink_to_stay_inside_the_name_box(tmp_path):
    short_name, long_name = "王先生", "阳光男孩小王同学的超级长昵称一二三四五六七八九十AbcXyz"
    badges = [BadgeInfo("M01", short_name), BadgeInfo("M02", long_name), BadgeInfo("M03", "长" * 80)]
    path = tmp_path / "names.pdf"
    print_badges(badges, path, event=EventHeaderInfo("测试"), preset="a4-10up")
    cells = badge_cells("a4-10up")
    nb = badge_boxes(90, 54).name
    image = render(path, dpi=DPI)
    sizes = []
    for cell, badge in zip(cells, badges, strict=False):
        box = (cell.x + nb.x, cell.y + nb.y, nb.w, nb.h)
        # nothing inked between the name box and the cell's right edge, in the name's rows
        right_of_box = (box[0] + box[2] + 0.3, box[1], cell.right - (box[0] + box[2]) - 0.6, box[3])
        assert ink_bbox(image, dpi=DPI, region=right_of_box) is None, badge.display_name
        ink = ink_bbox(image, dpi=DPI, region=(cell.x + 0.5, box[1] - 0.2, cell.w - 1, box[3] + 0.4))
        assert ink is not None
        assert ink[0] >= box[0] - 0.3 and ink[2] <= box[0] + box[2] + 0.3
        chars = [c for c in char_boxes(path) if cell.x <= c.left < cell.right and cell.y <= c.top < cell.bottom
                 and c.char in badge.display_name and c.char not in "M0123"]
        assert chars
        for c in chars:
            assert box[0] - 0.3 <= c.left and c.right <= box[0] + box[2] + 0.3
            assert box[1] - 0.3 <= c.top and c.bottom <= box[1] + box[3] + 0.3
        sizes.append(max(c.bottom - c.top for c in chars))
    assert sizes[0] > sizes[1] > sizes[2]
    text = page_texts(path)[0].replace("\n", "")
    assert long_name in text and "长" * 80 in text  # shrunk, never truncated


def test_missing_glyph_is_reported_and_printed_as_visible_substitute(tmp_path):
    badges = [BadgeInfo("M01", "王先生"), BadgeInfo("M02", "\U000201d4先生"), BadgeInfo("F01", "\u4dae女士")]
    path = tmp_path / "glyphs.pdf"
    report = print_badges(badges, path, event=EVENT)
    assert report.missing_glyphs == (MissingGlyph(codepoint=0x201D4, items=(1,)),)
    text = page_texts(path)[0]
    assert "□先生" in text
    assert "\u4dae女士" in text  # drawn with the fallback font, not reported
    assert all(f.embedded for f in fonts(path))
    assert any("DroidSansFallback" in f.name for f in fonts(path))


def test_non_token_qr_payload_is_refused(tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    path = out_dir / "bad.pdf"
    with pytest.raises(XzError) as info:
        print_badges([BadgeInfo("M01", "王先生", token="13812345678")], path, event=EVENT)
    assert info.value.code == "printing.qr_payload_invalid"
    assert info.value.params == {"item": 0}
    assert not path.exists()
    assert list(out_dir.iterdir()) == []  # no temporary file left behind either


def test_cancel_leaves_no_file(tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    path = out_dir / "cancelled.pdf"
    cancel = CancelToken()
    seen = []

    def progress(fraction: float, code: str) -> None:
        seen.append((fraction, code))
        if fraction > 0:
            cancel.cancel()

    with pytest.raises(Cancelled):
        print_badges(_badges(40), path, event=EVENT, progress=progress, cancel=cancel)
    assert not path.exists()
    assert list(out_dir.iterdir()) == []  # no temporary file left behind either
    assert seen and all(code == "printing.badges" for _, code in seen)


def test_progress_reaches_one_and_stream_output(tmp_path):
    seen = []
    buf = io.BytesIO()
    report = print_badges(_badges(25), buf, event=EVENT, preset="a4-8up",
                          progress=lambda f, code: seen.append(f))
    assert buf.getvalue().startswith(b"%PDF")
    assert report.pages == 4
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


@pytest.mark.parametrize("preset", ["a4-8up", "cr80", "a6", "a7", "badge-printer"])
def test_other_presets_decode(tmp_path, preset):
    badges = _badges(3)
    path = tmp_path / f"{preset}.pdf"
    report = print_badges(badges, path, event=EVENT, preset=preset, outlines=True, cut_marks=True)
    cells = badge_cells(preset)
    assert report.pages == -(-3 // len(cells))
    found = decode_qrs(render(path, 0, dpi=DPI), dpi=DPI)
    expected = badges[: len(cells)]
    assert sorted(q.text for q in found) == sorted(b.token for b in expected)
    first = min(found, key=lambda q: (round(q.y), q.x))
    x, y, size = _expected_qr_origin(cells[0], cells[0].w, cells[0].h)
    assert abs(first.x - x) < 0.5 and abs(first.y - y) < 0.5 and abs(first.size - size) < 0.5
    assert all(f.embedded for f in fonts(path))


def test_badge_without_token_shows_table_large(tmp_path):
    path = tmp_path / "no-qr.pdf"
    print_badges([BadgeInfo("M01", "王先生", table_label="12")], path, event=EVENT)
    assert decode_qrs(render(path, dpi=DPI), dpi=DPI) == []
    text = page_texts(path)[0]
    assert BADGE_LABELS["table"] in text and "12" in text


@pytest.mark.parametrize("preset", ["a4-10up", "badge-printer"])
def test_calibration_page_has_crosshairs_ruler_and_offset(tmp_path, preset):
    path = tmp_path / "cal.pdf"
    report = print_calibration_page(path, preset=preset, calibration=make_calibration(1.2, -0.5))
    assert report.pages == 1
    text = page_texts(path)[0].replace("\n", "")
    assert preset in text
    assert "X +1.2 mm" in text and "Y -0.5 mm" in text
    assert all(f.embedded for f in fonts(path))
    assert metadata(path)["/Title"] == CALIBRATION_LABELS["doc_title"]
    image = render(path, dpi=DPI)
    cells = badge_cells(preset, make_calibration(1.2, -0.5))
    if preset == "a4-10up":
        # a crosshair (circle + cross) is inked at every calibrated cell corner
        for cell in cells:
            for cx, cy in ((cell.x, cell.y), (cell.right, cell.bottom)):
                ink = ink_bbox(image, dpi=DPI, region=(cx - 3.5, cy - 3.5, 7, 7), threshold=110)
                assert ink is not None
                # black ink only (the dashed outlines are grey): centred on the corner, ~6 mm wide
                assert (ink[0] + ink[2]) / 2 == pytest.approx(cx, abs=0.3)
                assert (ink[1] + ink[3]) / 2 == pytest.approx(cy, abs=0.3)
                assert ink[2] - ink[0] == pytest.approx(6.0, abs=0.6)
        # the ruler's numbers 0..100 are printed
        digits = {c for c in page_texts(path)[0].split()}
        assert {"0", "50", "100"} <= digits
