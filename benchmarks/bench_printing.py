"""Printing and token benchmarks.

- printing.badges: 1,000 badges with QR (a4-10up, fonts subset-embedded) written to a PDF file;
  target 1,500 ms, p50/p95 over 5 runs. In the same run: the print engine alone (the same job with
  the QR neither encoded nor drawn) and the QR encoder alone (1,000 tokens to module matrices).
- printing.qr: 1,000 QR symbols encoded and drawn, ours (zxing-cpp's writer, one path of runs)
  vs the pure-Python `qrcode` library we used before (fixed mask, one rectangle per run through
  reportlab's path API).
- tokens.verify: parse + HMAC verify of one scanned token (lower case, as a Caps-Lock scanner
  sends it), p50/p95 over 1,000 registrations' tokens; the check-in budget is 30 ms from scan to
  verdict, of which this is one step.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path

import qrcode
from _common import report, scale, time_calls
from pypdf import PdfReader
from qrcode.constants import ERROR_CORRECT_H
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

from xzdesk.domain.printing import BadgeInfo, EventHeaderInfo, print_badges
from xzdesk.domain.printing import qr as qr_module
from xzdesk.domain.printing.fonts import ensure_fonts
from xzdesk.domain.tokens import event_code_from_id, mint_token, new_event_key, parse_token, verify_token

REPEAT = 5
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"


def _badges(n: int, key: bytes, code: str) -> list[BadgeInfo]:
    return [
        BadgeInfo(
            number_plate=f"{'MF'[i % 2]}{i // 2 + 1:03d}",
            display_name=SURNAMES[i % len(SURNAMES)] + ("先生" if i % 2 == 0 else "女士"),
            table_label=str(i // 10 + 1),
            token=mint_token(code, key),
        )
        for i in range(n)
    ]


def _python_draw_qr(canvas, matrix, *, x, y, side):  # type: ignore[no-untyped-def]
    """The drawing we had before: one rectangle per run through reportlab's path API."""
    n = matrix.size
    module = side / (n + 8)
    canvas.saveState()
    canvas.translate(x + 4 * module, y + side - 4 * module)
    canvas.scale(module, -module)
    path = canvas.beginPath()
    for r, c, w in zip(*(part.tolist() for part in qr_module.dark_runs(matrix)), strict=True):
        path.rect(c, r, w, 1)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()


def _python_matrix(payload, **_kw):  # type: ignore[no-untyped-def]
    """The encoder we had before: the pure-Python `qrcode` library, version 3-H, fixed mask."""
    q = qrcode.QRCode(version=3, error_correction=ERROR_CORRECT_H, box_size=1, border=0, mask_pattern=2)
    q.add_data(payload, optimize=0)
    q.make(fit=False)
    rows = tuple(tuple(bool(v) for v in row) for row in q.get_matrix())
    return qr_module.QrMatrixInfo(rows=rows, version=q.version, error_correction="H")


def _all_fonts_embedded(path: Path) -> bool:
    reader = PdfReader(path)
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None or not any(k in desc.get_object() for k in ("/FontFile2", "/FontFile3")):
                return False
    return True


def _median(samples: list[float]) -> float:
    return sorted(samples)[len(samples) // 2]


def bench_badges(n: int) -> None:
    key = new_event_key()
    code = event_code_from_id("01890a5d-ac96-774b-bcce-b302099a8057")
    badges = _badges(n, key, code)
    event = EventHeaderInfo("徐州市总工会“五月花”青年联谊会", datetime(2025, 5, 20, 14, 30), "工人文化宫")
    ensure_fonts()  # font registration happens once per process, not per job
    import xzdesk.domain.printing._pdf as pdf_module

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "badges.pdf"
        result = None

        def job() -> None:
            nonlocal result
            result = print_badges(badges, out, event=event)

        ours = time_calls(job, repeat=REPEAT)
        size = out.stat().st_size
        embedded = _all_fonts_embedded(out)
        saved = (pdf_module.draw_qr, pdf_module.qr_matrix)
        pdf_module.draw_qr, pdf_module.qr_matrix = (lambda *_a, **_k: None), (lambda *_a, **_k: None)
        try:  # the print engine alone: every badge laid out and written, no QR encoded or drawn
            engine = time_calls(lambda: print_badges(badges, Path(tmp) / "engine.pdf", event=event), repeat=REPEAT)
        finally:
            pdf_module.draw_qr, pdf_module.qr_matrix = saved
    encoder = time_calls(lambda: [qr_module.qr_matrix(b.token) for b in badges], repeat=REPEAT)
    report("printing.badges", n=n, samples_ms=ours, target_ms=1500 * n / 1000, baseline_ms=_median(engine),
           baseline="the print engine alone (no QR)", qr_encoder_alone_p50_ms=round(_median(encoder), 3),
           qr_share=round((_median(ours) - _median(engine)) / _median(ours), 3),
           pages=result.pages if result else 0, bytes=size, fonts_embedded=embedded)  # fmt: skip


def bench_qr(n: int) -> None:
    key = new_event_key()
    tokens = [mint_token("ABCDEF", key) for _ in range(n)]
    canvas = Canvas(None)

    def ours() -> None:
        for t in tokens:
            qr_module.draw_qr(canvas, qr_module.qr_matrix(t), x=10, y=10, side=80)

    def python() -> None:
        for t in tokens:
            _python_draw_qr(canvas, _python_matrix(t), x=10, y=10, side=80)

    report("printing.qr", n=n, samples_ms=time_calls(ours, repeat=REPEAT),
           baseline_ms=_median(time_calls(python, repeat=1)),
           baseline="pure-Python qrcode encoder, fixed mask, reportlab path API (one run)")  # fmt: skip


def bench_verify(n: int) -> None:
    key = new_event_key()
    scanned = [mint_token("ABCDEF", key).lower() for _ in range(n)]
    samples = []
    for text in scanned:
        t0 = time.perf_counter()
        ok = verify_token(parse_token(text), key)
        samples.append((time.perf_counter() - t0) * 1000)
        assert ok
    report("tokens.verify", n=n, samples_ms=samples, target_ms=30.0)


def main() -> None:
    bench_badges(scale(1000))
    bench_qr(scale(1000))
    bench_verify(scale(1000))


if __name__ == "__main__":
    main()
