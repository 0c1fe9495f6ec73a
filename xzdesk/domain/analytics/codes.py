"""Codes of the analytics area: age bands, how long "not served" is, the dimensions of demand
and the reasons a suggestion gives (codes with parameters; the UI words them)."""

from __future__ import annotations

import enum

# Age bands of demand, the pool's balance and the suggestions' audiences (ages today).
AGE_BANDS: tuple[tuple[int, int], ...] = ((22, 27), (28, 32), (33, 37), (38, 45))
NOT_SERVED_DAYS = 180  # "not offered an event for months": no registration of any kind since
NOT_SERVED_LIST = 200  # rows of the not-served list on screen (the total is counted apart)
DEMAND_DAYS = 365  # sign-ups, waiting lists and online interest of the last year
TOP_INTERESTS = 12  # interest tags shown in the demand table
# Partner age range assumed where a case file states none (years around the member's own age).
DEFAULT_AGE_SPREAD = 5
# A cell of the pool is short of partners when it has fewer fitting people of the other sex than
# this share of its own people (and at least MIN_CELL people).
SHORT_RATIO = 1.0
MIN_CELL = 5
HISTORY_MIN = 6  # past events needed before the predictor is fitted (else the naive rule predicts)
SUGGESTIONS = 5


class Dimension(enum.StrEnum):
    SEX = "sex"
    AGE_BAND = "age_band"
    DISTRICT = "district"
    SECTOR = "sector"
    INTEREST = "interest"


class Slot(enum.StrEnum):
    """When an event starts: the weekday kind and the part of the day."""

    WEEKEND_MORNING = "weekend_morning"
    WEEKEND_AFTERNOON = "weekend_afternoon"
    WEEKDAY_EVENING = "weekday_evening"


# Slot -> (weekday to hold it on: 0 Monday .. 6 Sunday, start time)
SLOT_TIMES: dict[Slot, tuple[int, str]] = {
    Slot.WEEKEND_MORNING: (6, "09:30"),
    Slot.WEEKEND_AFTERNOON: (5, "14:30"),
    Slot.WEEKDAY_EVENING: (4, "19:00"),
}


class Reason(enum.StrEnum):
    """Why a suggestion is made (each with parameters, worded by the UI)."""

    SHORT_CELL = "short_cell"  # {district, sex, band, people, partners}
    NOT_SERVED = "not_served"  # {count, months}
    DEMAND = "demand"  # {sign_ups, waitlisted, online}
    FORMAT_MATCHES = "format_matches"  # {kind, per_10}: mutual matches per 10 people at past events
    SLOT_TURNOUT = "slot_turnout"  # {slot, rate}: share of approved people who came in that slot
    SECTOR_POOL = "sector_pool"  # {sector, people}
    NAIVE = "naive"  # {events}: too few past events: predicted as the last event of the format


class Predictor(enum.StrEnum):
    MODEL = "poisson"  # Poisson regression on past events
    NAIVE = "naive"  # same as the last event of that format
