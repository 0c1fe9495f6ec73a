"""Printing and token benchmarks.

- printing.badges: 1,000 badges with QR (a4-10up, fonts subset-embedded) written to a PDF file;
  target 5,000 ms. Baseline in the same run: the same badges with each QR drawn the naive way
  (qrcode's default eight-way mask evaluation and one rectangle per dark module).
- printing.qr: 1,000 QR symbols alone, ours vs that naive way.
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
from reportlab.pdfgen.canvas import Canvas

from xzdesk.domain.printing import BadgeInfo, EventHeaderInfo, print_badges
from xzdesk.domain.printing import qr as qr_module
from xzdesk.domain.printing.fonts import ensure_fonts
from xzdesk.domain.tokens import event_code_from_id, mint_token, new_event_key, parse_token, verify_token

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


def _naive_draw_qr(canvas, matrix, *, x, y, side):  # type: ignore[no-untyped-def]
    n = matrix.size
    module = side / (n + 8)
    for r, row in enumerate(matrix.rows):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(x + (c + 4) * module, y + side - (r + 5) * module, module, module, stroke=0, fill=1)


def _naive_matrix(payload, **_kw):  # type: ignore[no-untyped-def]
    q = qrcode.QRCode(error_correction=ERROR_CORRECT_H, box_size=1, border=0)  # default: best mask
    q.add_data(payload)
    q.make(fit=True)
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


def bench_badges(n: int) -> None:
    key = new_event_key()
    code = event_code_from_id("01890a5d-ac96-774b-bcce-b302099a8057")
    badges = _badges(n, key, code)
    event = EventHeaderInfo("徐州市总工会“五月花”青年联谊会", datetime(2025, 5, 20, 14, 30), "工人文化宫")
    ensure_fonts()  # font registration happens once per process, not per job
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "badges.pdf"
        print_badges(badges[:10], out, event=event)  # warm-up
        t0 = time.perf_counter()
        result = print_badges(badges, out, event=event)
        ours = (time.perf_counter() - t0) * 1000
        size = out.stat().st_size
        embedded = _all_fonts_embedded(out)

        # Baseline: identical job with the naive QR path patched in.
        import xzdesk.domain.printing._pdf as pdf_module

        saved = (pdf_module.draw_qr, pdf_module.qr_matrix)
        pdf_module.draw_qr, pdf_module.qr_matrix = _naive_draw_qr, _naive_matrix
        try:
            t0 = time.perf_counter()
            print_badges(badges, Path(tmp) / "naive.pdf", event=event)
            naive = (time.perf_counter() - t0) * 1000
        finally:
            pdf_module.draw_qr, pdf_module.qr_matrix = saved
    report("printing.badges", n=n, value_ms=ours, target_ms=5000 * n / 1000, baseline_ms=naive,
           pages=result.pages, bytes=size, fonts_embedded=embedded,
           baseline="qrcode default mask search + one rect per module")


def bench_qr(n: int) -> None:
    key = new_event_key()
    tokens = [mint_token("ABCDEF", key) for _ in range(n)]
    canvas = Canvas(None)

    def ours() -> None:
        for t in tokens:
            qr_module.draw_qr(canvas, qr_module.qr_matrix(t), x=10, y=10, side=80)

    def naive() -> None:
        for t in tokens:
            _naive_draw_qr(canvas, _naive_matrix(t), x=10, y=10, side=80)

    t_ours = time_calls(ours, repeat=1)[0]
    t_naive = time_calls(naive, repeat=1)[0]
    report("printing.qr", n=n, value_ms=t_ours, baseline_ms=t_naive)


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
