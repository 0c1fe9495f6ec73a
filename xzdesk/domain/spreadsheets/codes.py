"""The spreadsheets area's codes: what the analysis found for a roster row and what the
matchmaker decided to do with it."""

from __future__ import annotations

import enum


class RowStatus(enum.StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    DUPLICATE_IN_FILE = "duplicate_in_file"
    CONFLICT = "conflict"
    ERROR = "error"


class Decision(enum.StrEnum):
    NEW = "new"
    UPDATE = "update"
    SKIP = "skip"
    REVIEW = "review"
