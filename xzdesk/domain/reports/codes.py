"""The reports area's codes: the kinds of reporting period and the states of a published cell
(shown, small, hidden by complementary suppression, withheld)."""

from __future__ import annotations

import enum


class PeriodKind(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class CellState(enum.StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # under the threshold: "<5"
    HIDDEN = "hidden"  # complementary suppression (any value, zero included): "*"
    WITHHELD = "withheld"  # the whole breakdown is not published for this measure: "*"
