"""Camera frames -> QR texts, through zxing-cpp (no Qt here; the panel converts its frames).

`decode_qr(pixels)` takes a grayscale (H, W) or colour (H, W, 3/4, RGB or RGBA) uint8 array, or a
PIL image, and returns the texts of the QR codes found, best first, without duplicates. The
check-in service judges each text like scanner input (`record_scan`, method "camera"), so
anything that is not a token is recorded as "unknown" there, never trusted here.

`FrameDeduper` drops the same text seen again within the repeat window (a camera sees a badge
in many consecutive frames), like the scan field ignores a scanner's repeat within 3 s.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import zxingcpp

REPEAT_WINDOW_S = 3.0


def _gray(pixels: Any) -> Any:
    if isinstance(pixels, np.ndarray):
        if pixels.ndim == 3 and pixels.shape[2] in (3, 4):
            rgb = pixels[..., :3].astype(np.float32)
            return (rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)).clip(0, 255).astype(np.uint8)
        if pixels.ndim == 2:
            return np.ascontiguousarray(pixels, dtype=np.uint8)
        raise ValueError("expected an (H, W) or (H, W, 3|4) array")
    return pixels  # a PIL image: zxing-cpp reads it directly


def decode_qr(pixels: Any) -> list[str]:
    """Texts of the QR codes in one frame (empty when none is readable)."""
    found = zxingcpp.read_barcodes(_gray(pixels), formats=zxingcpp.BarcodeFormat.QRCode)
    out: list[str] = []
    for barcode in found:
        if barcode.valid and barcode.text and barcode.text not in out:
            out.append(barcode.text)
    return out


class FrameDeduper:
    """Pass a text once, then ignore it for `window_s` seconds (times given by the caller)."""

    def __init__(self, window_s: float = REPEAT_WINDOW_S) -> None:
        self.window_s = window_s
        self._last: dict[str, float] = {}

    def accept(self, text: str, now: float) -> bool:
        last = self._last.get(text)
        self._last = {t: at for t, at in self._last.items() if now - at < self.window_s}
        if last is not None and now - last < self.window_s:
            self._last[text] = last
            return False
        self._last[text] = now
        return True
