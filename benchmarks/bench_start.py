"""Start-up of `xzdesk --demo` (performance.md: first window after `make run` on a fresh machine,
demo ready, < 3 s).

Each run is a new process through the real entry point (`xzdesk.cli.main`), timed from just
before the process is started to the moment the main window has painted, its demo data is there
and the case list shows rows. Figures:
- start.first_window_demo: a fresh XZDESK_HOME with the template `make run` prepares; baseline: the
  same without a template (the window seeds the demo database itself, one run);
- start.warm: the same home again, beside the floor no start-up can beat: an empty QMainWindow's
  first paint (Python and Qt alone);
- start.demo_template: building the template, as `make run` does once.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import report

RUNS = int(os.environ.get("XZDESK_BENCH_START_RUNS", "5"))
READY = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, lambda: ready(obj))
        return False

def ready(window):
    page = getattr(window, "pages", {}).get("members")
    if page is None and not EMPTY:
        QTimer.singleShot(5, lambda: ready(window)); return
    if not EMPTY and (page.model.rowCount() == 0 or window.ctx.store.meta().get("demo_data") != "1"):
        QTimer.singleShot(5, lambda: ready(window)); return
    print(f"READY {time.time():.4f}", flush=True)
    os._exit(0)

spy = FirstPaint()
show = QMainWindow.show
def show_spied(self):
    self.installEventFilter(spy)
    show(self)
QMainWindow.show = show_spied
EMPTY = sys.argv[1:] == ["--empty"]
if EMPTY:
    app = QApplication([])
    w = QMainWindow(); w.resize(800, 600); w.show()
    app.exec()
else:
    from xzdesk.cli import main
    sys.exit(main(["--demo"]))
"""


CPU_MS: list[float] = []  # CPU time of each run (user + system): steadier than wall time on a shared machine


def one_start(home: Path, *, template: str, empty: bool = False) -> float:
    env = {**os.environ, "XZDESK_HOME": str(home), "XZDESK_DEMO_TEMPLATE": template,
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}  # fmt: skip
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    proc = subprocess.run([sys.executable, "-c", READY, *(["--empty"] if empty else [])], env=env,
                          capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    line = next((x for x in proc.stdout.splitlines() if x.startswith("READY ")), None)
    if line is None:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1:])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_MS.append((after.ru_utime - cpu.ru_utime + after.ru_stime - cpu.ru_stime) * 1000)
    return (float(line.split()[1]) - started) * 1000


def _cpu_p50() -> float:
    value = round(statistics.median(CPU_MS))
    CPU_MS.clear()
    return value


def main() -> None:
    from xzdesk import demo_template

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        template = root / "share" / "demo-template.db"
        t0 = time.perf_counter()
        demo_template.build_template(template)
        report("start.demo_template", n=1, value_ms=(time.perf_counter() - t0) * 1000,
               note="once, during make run, before the first window")  # fmt: skip

        seeding = one_start(root / "seeding", template="")
        seeding_cpu = CPU_MS.pop()
        fresh = [one_start(root / f"fresh{i}", template=str(template)) for i in range(RUNS)]
        report("start.first_window_demo", n=RUNS, samples_ms=fresh, target_ms=3000, baseline_ms=seeding,
               baseline="the same start without a template: the window seeds the demo itself",
               cpu_p50_ms=_cpu_p50(), baseline_cpu_ms=round(seeding_cpu))  # fmt: skip

        warm = [one_start(root / "fresh0", template=str(template)) for _ in range(RUNS)]
        warm_cpu = _cpu_p50()
        floor = [one_start(root / "empty", template="", empty=True) for _ in range(RUNS)]
        floor_ms = statistics.median(floor)
        report("start.warm", n=RUNS, samples_ms=warm, target_ms=3000, floor_ms=round(floor_ms, 1),
               floor="an empty QMainWindow's first paint (Python + Qt alone), p50",
               times_floor=round(statistics.median(warm) / floor_ms, 2), cpu_p50_ms=warm_cpu,
               floor_cpu_ms=_cpu_p50())  # fmt: skip


if __name__ == "__main__":
    main()
