"""Draw the xzdesk application icon with Pillow (no downloaded artwork).

A rounded square in union red with two interlocking white rings (a pair) and a small heart
where they meet. Written as a multi-size Windows .ico and a 256 px .png (window icon, Linux).

    python installer/make_icon.py OUT_DIR        -> OUT_DIR/xzdesk.ico, OUT_DIR/xzdesk.png
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

RED = (200, 16, 46, 255)
DEEP_RED = (150, 10, 32, 255)
WHITE = (255, 255, 255, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
SUPERSAMPLE = 4


def _heart(draw: ImageDraw.ImageDraw, *, cx: float, cy: float, size: float, fill: tuple[int, ...]) -> None:
    """A heart from the classic parametric curve, `size` wide, centred on (cx, cy)."""
    points = []
    for step in range(200):
        t = 2 * math.pi * step / 200
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((cx + x * size / 34, cy - y * size / 34))
    draw.polygon(points, fill=fill)


def draw_icon(px: int = 256) -> Image.Image:
    """The icon as an RGBA image of `px` x `px` (drawn large and scaled down for smooth edges)."""
    big = px * SUPERSAMPLE
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    margin = big * 0.04
    d.rounded_rectangle((margin, margin, big - margin, big - margin), radius=big * 0.2, fill=RED)
    ring = big * 0.25
    width = max(SUPERSAMPLE, round(big * 0.06))
    cy = big * 0.5
    for cx in (big * 0.38, big * 0.62):
        d.ellipse((cx - ring, cy - ring, cx + ring, cy + ring), outline=WHITE, width=width)
    _heart(d, cx=big * 0.5, cy=big * 0.52, size=big * 0.2, fill=WHITE)
    _heart(d, cx=big * 0.5, cy=big * 0.52, size=big * 0.12, fill=DEEP_RED)
    return img.resize((px, px), Image.Resampling.LANCZOS)


def write_icons(out_dir: Path) -> tuple[Path, Path]:
    """Write xzdesk.ico (all Windows sizes) and xzdesk.png (256 px) into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    image = draw_icon(256)
    ico = out_dir / "xzdesk.ico"
    png = out_dir / "xzdesk.png"
    image.save(ico, format="ICO", sizes=ICO_SIZES)
    image.save(png, format="PNG")
    return ico, png


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "build" / "icon"
    for path in write_icons(target):
        print(path)
