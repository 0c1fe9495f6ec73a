"""Camera frames: QR codes generated like the badges print them are read back by zxing-cpp,
in colour, grey, rotated and with other things in the picture; repeats within 3 s are dropped."""

from __future__ import annotations

import numpy as np
import qrcode
from PIL import Image

from xzdesk.domain.checkin.qrscan import FrameDeduper, decode_qr
from xzdesk.domain.tokens import mint_token

KEY = b"k" * 32


def qr_image(text: str, *, box: int = 6) -> Image.Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box, border=4)
    code.add_data(text, optimize=0)
    return code.make_image().convert("RGB")


def frame_with(*images: Image.Image, size=(640, 480)) -> Image.Image:
    """A camera-sized frame: grey background, the codes side by side, some noise."""
    frame = Image.new("RGB", size, (180, 180, 175))
    x = 20
    for img in images:
        frame.paste(img, (x, 40))
        x += img.width + 30
    noise = np.random.default_rng(1).integers(-12, 12, size=(size[1], size[0], 3))
    return Image.fromarray((np.asarray(frame, dtype=np.int16) + noise).clip(0, 255).astype(np.uint8))


def test_reads_a_badge_token_from_colour_and_grey_frames():
    token = mint_token("ABCDEF", KEY)
    frame = frame_with(qr_image(token))
    assert decode_qr(np.asarray(frame)) == [token]
    assert decode_qr(np.asarray(frame.convert("L"))) == [token]
    assert decode_qr(np.asarray(frame.convert("RGBA"))) == [token]
    assert decode_qr(frame) == [token]  # a PIL image as is


def test_rotated_and_two_codes_in_one_frame():
    a, b = mint_token("ABCDEF", KEY), mint_token("ABCDEF", KEY)
    frame = frame_with(qr_image(a, box=4), qr_image(b, box=4).rotate(90, expand=True))
    assert sorted(decode_qr(np.asarray(frame))) == sorted([a, b])


def test_nothing_readable():
    assert decode_qr(np.zeros((120, 160), dtype=np.uint8)) == []
    assert decode_qr(np.asarray(frame_with())) == []


def test_repeat_within_three_seconds_dropped():
    d = FrameDeduper(3.0)
    assert d.accept("X", 10.0)
    assert not d.accept("X", 11.0) and not d.accept("X", 12.9)
    assert d.accept("Y", 12.9)
    assert d.accept("X", 13.1)  # 3 s after the first accepted read
