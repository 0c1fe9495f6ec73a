"""Entry point of the frozen app: both `xzdesk` (windowed) and `xzdesk-cli` (console) run this.

It does what `python -m xzdesk` does, plus what a frozen Windows build needs:
- a windowed executable has no stdout/stderr (they are None); they go to os.devnull so
  `print` and logging never fail (the GUI logs to XZDESK_HOME/logs);
- multiprocessing's freeze support (a worker process started by a library must not start the app).

Smoke test hook (used by tests/installer and the build check, harmless otherwise): when
`XZDESK_SMOKE_REPORT` names a file, the GUI writes which top-level windows were shown, the
registered fonts and loaded translations into that file as JSON once the main window is up,
dismisses any modal dialog (first-account dialog) and quits with status 0. If the main window
does not appear within `XZDESK_SMOKE_TIMEOUT_S` seconds (default 120) it quits with status 3.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from pathlib import Path


def _quiet_missing_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def _arm_smoke_report(report: Path) -> None:
    """Wrap the GUI's create_application so a timer reports what is on screen and quits."""
    import xzdesk.ui.app as gui

    original = gui.create_application
    deadline = time.monotonic() + float(os.environ.get("XZDESK_SMOKE_TIMEOUT_S", "120"))

    def create_application(argv: list[str] | None = None):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QFontDatabase
        from PySide6.QtWidgets import QApplication

        app = original(argv)
        state: dict[str, object] = {"seen": [], "reported": False}

        def tick() -> None:
            shown = [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]
            seen = state["seen"]
            assert isinstance(seen, list)
            seen.extend(name for name in shown if name not in seen)
            main_up = "MainWindow" in shown
            if main_up and not state["reported"]:
                from xzdesk import __version__
                from xzdesk.paths import resources_dir

                window = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")
                report.write_text(
                    json.dumps(
                        {
                            "version": __version__,
                            "frozen": bool(getattr(sys, "frozen", False)),
                            "resources_dir": str(resources_dir()),
                            "shown": shown,
                            "window_title": window.windowTitle(),
                            "font_families": app.font().families(),
                            "cjk_font_loaded": any(
                                "WenQuanYi" in f or "Droid Sans Fallback" in f for f in QFontDatabase.families()
                            ),
                            "translations": [t.filePath() for t in getattr(gui, "_translators", [])],
                        },
                        ensure_ascii=False,
                        indent=1,
                    ),
                    encoding="utf-8",
                )
                state["reported"] = True
            modal = QApplication.activeModalWidget()
            if modal is not None:
                modal.close()  # a modal dialog runs its own loop: close it first, then quit
            elif state["reported"]:
                app.quit()
            elif time.monotonic() > deadline:
                report.write_text(json.dumps({"error": "main window not shown", "seen": seen}), encoding="utf-8")
                app.exit(3)

        timer = QTimer(app)
        timer.setInterval(200)
        timer.timeout.connect(tick)
        timer.start()
        return app

    gui.create_application = create_application


def main() -> int:
    multiprocessing.freeze_support()
    _quiet_missing_streams()
    report = os.environ.get("XZDESK_SMOKE_REPORT")
    if report:
        _arm_smoke_report(Path(report))
    from xzdesk.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
