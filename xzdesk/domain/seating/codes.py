"""The seating area's codes: table shapes and why the optimiser stopped."""

from __future__ import annotations

import enum


class TableShape(enum.StrEnum):
    ROUND = "round"
    LONG = "long"


class StoppedBy(enum.StrEnum):
    CONVERGED = "converged"  # the search schedule ran out (or nothing was left to improve)
    TIME_BUDGET = "time_budget"  # the time budget ran out first
    STOPPED = "stopped"  # the caller's stop token: best plan so far returned
