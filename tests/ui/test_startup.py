"""Start-up: the first window on a fresh demo home is the prepared demo (no seeding wait), and
nothing heavy is imported before it shows. Speed itself is measured in benchmarks/bench_start.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from xzdesk import demo_template as dt
from xzdesk.domain.store.keys import read_key_info

ROOT = Path(__file__).resolve().parents[2]

# Modules the first window must not wait for: spreadsheets, PDFs, QR codes, the matching model,
# the server, migrations, HTTP, pinyin, and the command-line parser with every command.
HEAVY = ("openpyxl", "reportlab", "qrcode", "PIL", "numpy", "scipy", "sklearn", "pypdfium2", "zxingcpp",
         "fastapi", "starlette", "uvicorn", "jinja2", "alembic", "httpx", "pypinyin", "psycopg",
         "xzdesk.server", "xzdesk.commands.")  # fmt: skip  (a trailing dot: the submodules)

# Runs `xzdesk --demo` through the real entry point; once the first screen is up and the event
# loop runs, it reports what is loaded and whether the demo data is already there, and exits.
FIRST_WINDOW = r"""
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

def report(window, shown=None, tries=[0]):
    # what was loaded when the window first ran its event loop; then wait for the case list
    shown = shown or {"modules": sorted(sys.modules), "demo_ready": window.ctx.store.meta().get("demo_data") == "1",
                      "collecting": __import__("gc").isenabled()}
    page = window.pages.get("members")
    rows = page.model.rowCount() if page is not None else 0
    tries[0] += 1
    if rows == 0 and tries[0] < 1000:
        QTimer.singleShot(10, lambda: report(window, shown))
        return
    print("REPORT " + json.dumps({**shown, "rows": rows, "size": [window.width(), window.height()]}), flush=True)
    os._exit(0)

show = QMainWindow.show
def show_then_report(self):
    show(self)
    QTimer.singleShot(0, lambda: report(self))  # after start(): the first screen is built
QMainWindow.show = show_then_report
from xzdesk.cli import main
sys.exit(main(["--demo"]))
"""


def _first_window(home: Path, template: Path) -> dict:
    env = {**os.environ, "XZDESK_HOME": str(home), dt.TEMPLATE_ENV: str(template), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", FIRST_WINDOW], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, check=False)  # fmt: skip
    line = next((x for x in done.stdout.splitlines() if x.startswith("REPORT ")), None)
    assert line is not None, done.stderr[-2000:]
    return json.loads(line.removeprefix("REPORT "))


def _heavy(modules: list[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h if h.endswith(".") else h + ".") for h in HEAVY))


def test_first_demo_window_shows_the_prepared_demo_and_loads_nothing_heavy(demo_template, tmp_path):
    template, _ = demo_template
    home = tmp_path / "home"
    first = _first_window(home, template)
    assert first["demo_ready"], "the first window waits for no 'preparing the demo database' job"
    assert first["rows"] and first["rows"] > 0
    assert _heavy(first["modules"]) == []
    assert first["collecting"]  # paused while the program loaded (xzdesk.collector), running again
    again = _first_window(home, template)  # a warm start on the same home
    assert again["demo_ready"] and again["rows"] == first["rows"]
    assert _heavy(again["modules"]) == []


def test_the_window_copies_the_template_before_asking_the_keyring(demo_template, qapp, tmp_path, monkeypatch):
    """Tests run with a secure (in-memory) keyring, where a new demo database would get a random
    key there: the template's copy must be opened with the demo key instead."""
    from xzdesk.domain.store.keys import keyring_is_secure
    from xzdesk.ui.app import open_context

    template, _ = demo_template
    monkeypatch.setenv(dt.TEMPLATE_ENV, str(template))
    monkeypatch.setenv("XZDESK_HOME", str(tmp_path / "home"))
    assert keyring_is_secure()
    ctx = open_context(demo=True)
    assert ctx is not None
    try:
        assert ctx.store.meta().get("demo_data") == "1"
        assert read_key_info(ctx.store.path).method == "demo"
    finally:
        ctx.close()
