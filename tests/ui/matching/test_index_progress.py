"""The matching index's progress dialog says what it is doing while the index builds: the job's
name and the step it is at, from the moment it appears (never an empty box), with a moving bar
until the first fraction is known, then the fraction."""

from __future__ import annotations

import threading

from tests.ui.conftest import wait_jobs
from xzdesk.domain.matching.index import MatchIndex
from xzdesk.ui import ops as ops_module


def test_the_dialog_names_the_job_and_its_step_while_the_index_builds(qtbot, window, monkeypatch):
    monkeypatch.setattr(ops_module, "SHOW_PROGRESS_AFTER_MS", 0)
    gates = [threading.Event(), threading.Event()]
    real_rebuild = MatchIndex.rebuild

    def slow_rebuild(self, *, progress, cancel):
        progress(0.0, "matching.index.profiles")
        gates[0].wait(10)
        progress(0.6, "matching.index.pairs")
        gates[1].wait(10)
        real_rebuild(self, progress=progress, cancel=cancel)

    monkeypatch.setattr(MatchIndex, "rebuild", slow_rebuild)
    wait_jobs(qtbot, window)  # the first screen's own reads are done
    holder = window.match_index
    holder.start()
    try:
        (job,) = window.ops._jobs
        qtbot.waitUntil(lambda: job.dialog is not None and job.last_code == "matching.index.profiles", timeout=5000)
        qtbot.waitUntil(lambda: "Reading the case files…" in job.dialog.labelText(), timeout=5000)
        dialog = job.dialog
        assert dialog.windowTitle() == "Building the matching index"
        assert dialog.labelText() == "Building the matching index\nReading the case files…"
        assert dialog.maximum() == 0  # a moving bar: no fraction known yet
        assert dialog.width() >= ops_module.PROGRESS_DIALOG_WIDTH
        gates[0].set()
        qtbot.waitUntil(lambda: "Reading introductions and blocks…" in dialog.labelText(), timeout=5000)
        assert (dialog.maximum(), dialog.value()) == (1000, 600)
    finally:
        for gate in gates:
            gate.set()
    qtbot.waitUntil(lambda: holder.index is not None, timeout=15000)
    qtbot.waitUntil(lambda: job.dialog is None, timeout=2000)  # closed once built (the job's end follows)
