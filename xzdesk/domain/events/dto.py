"""Data handed across the events service boundary: drafts in, frozen Info/Row views out.

Views carry masked names only (`张*`) and member numbers; never a full name, phone, ID number or
employer, and never the event's token key. Sexes are GB/T 2261.1 codes (1 male, 2 female); age
bands are indices into `EventInfo.age_bands` (None = outside every band).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from xzdesk.domain.printing import MissingGlyph
from xzdesk.domain.seating import (
    RotationBreakRow,
    RotationRoundRow,
    RotationSettingsInfo,
    SeatGuestInfo,
    SeatingIssueInfo,
    SeatingResultInfo,
    SeatingScoreInfo,
    SeatPlanInfo,
    SeatRef,
    SeatTableInfo,
)

# --- events ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgeBandInfo:
    """An age band of the quota: ages `min_age`..`max_age` inclusive (at the event date).
    `limit` caps the band, `male_limit`/`female_limit` each sex within it; None = no cap."""

    min_age: int
    max_age: int
    limit: int | None = None
    male_limit: int | None = None
    female_limit: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"min": self.min_age, "max": self.max_age, "limit": self.limit,
                "male": self.male_limit, "female": self.female_limit}  # fmt: skip

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> AgeBandInfo:
        return cls(int(value["min"]), int(value["max"]), value.get("limit"), value.get("male"), value.get("female"))

    def contains(self, age: int) -> bool:
        return self.min_age <= age <= self.max_age


@dataclass(frozen=True)
class EventDraft:
    """What the organiser typed for a new event (or the full set of fields for an edit).

    `start_time`/`end_time` accept `datetime.time` or "HH:MM"; `kind` an EventKind value;
    `sectors`, `districts`, `marital` are member codes (empty = any). `organiser_id` None = the
    acting staff member; `district_code` None = the actor's district (city-wide for city staff).
    """

    name: str
    kind: str
    event_date: date
    start_time: time | str
    venue: str
    capacity: int
    end_time: time | str | None = None
    description: str | None = None
    quota_male: int | None = None
    quota_female: int | None = None
    age_bands: tuple[AgeBandInfo, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    sectors: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    marital: tuple[str, ...] = ()
    verified_only: bool = False
    organiser_id: str | None = None
    district_code: str | None = None


@dataclass(frozen=True)
class RegistrationCountsInfo:
    """Registrations of an event by status (`by_sex[sex][status]` for 1 and 2)."""

    pending: int = 0
    approved: int = 0  # approved + attended + no_show: every place taken
    waitlisted: int = 0
    cancelled: int = 0
    attended: int = 0
    no_show: int = 0
    approved_male: int = 0
    approved_female: int = 0


@dataclass(frozen=True)
class EventInfo:
    """Everything about one event the screens show (never the token key)."""

    id: str
    version: int
    code: str
    name: str
    kind: str
    status: str
    event_date: date
    start_time: time
    end_time: time | None
    starts_at: datetime  # local start as an aware datetime (China Standard Time)
    venue: str
    description: str | None
    capacity: int
    quota_male: int | None
    quota_female: int | None
    age_bands: tuple[AgeBandInfo, ...]
    age_min: int | None
    age_max: int | None
    sectors: tuple[str, ...]
    districts: tuple[str, ...]
    marital: tuple[str, ...]
    verified_only: bool
    organiser_id: str | None
    organiser_name: str | None
    district_code: str | None
    created_at: datetime
    updated_at: datetime
    counts: RegistrationCountsInfo
    allowed_statuses: tuple[str, ...]  # statuses it may move to next
    has_rotation: bool = False


@dataclass(frozen=True)
class EventRow:
    """One line of the event list or a calendar day."""

    id: str
    code: str
    name: str
    kind: str
    status: str
    event_date: date
    start_time: time
    end_time: time | None
    venue: str
    capacity: int
    approved: int
    pending: int
    waitlisted: int
    district_code: str | None
    organiser_name: str | None


@dataclass(frozen=True)
class CalendarDayRow:
    day: date
    events: tuple[EventRow, ...]


@dataclass(frozen=True)
class CalendarMonthInfo:
    """A month: one row per calendar day (empty days included), in order."""

    year: int
    month: int
    days: tuple[CalendarDayRow, ...]

    def events(self) -> tuple[EventRow, ...]:
        return tuple(e for d in self.days for e in d.events)


@dataclass(frozen=True)
class EventFilter:
    """Filters of the list and calendar views; None/empty = no filter. `text` matches the name,
    venue or event code."""

    date_from: date | None = None
    date_to: date | None = None
    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    district_code: str | None = None
    organiser_id: str | None = None
    text: str | None = None


# --- registrations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationInfo:
    """One registration as the screens show it (masked name, member number, no identifiers)."""

    id: str
    version: int
    event_id: str
    member_id: str
    member_no: str
    name_masked: str
    sex: int
    age: int
    band_index: int | None
    status: str
    source: str
    plate: str | None
    plate_printed_at: datetime | None
    has_token: bool
    requested_at: datetime
    decided_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    attended_at: datetime | None
    remark: str | None
    waitlist_position: int | None  # 1-based among the waitlisted, else None
    allowed_statuses: tuple[str, ...]


@dataclass(frozen=True)
class RegistrationRow:
    """A line of the registration list (with seat and eligibility, for the organiser)."""

    id: str
    member_id: str
    member_no: str
    name_masked: str
    sex: int
    age: int
    band_index: int | None
    status: str
    source: str
    plate: str | None
    plate_printed: bool
    requested_at: datetime
    waitlist_position: int | None
    table_label: str | None
    seat_index: int | None
    problems: tuple[str, ...]  # Ineligibility codes that apply now (empty = fine)


@dataclass(frozen=True)
class IneligibleReasonInfo:
    """One reason a member may not take part (for the UI to say in words). `code` is an
    Ineligibility code; `params` says what the event needs and, where that is not sensitive, what
    the member has:
      status      status (the member's), needed (the statuses that may take part)
      age         age (at the event date), min, max (None = no bound)
      sector      value (the member's sector code or None), allowed (the event's sector codes)
      district    value (the member's district code), allowed (the event's district codes)
      marital     value, allowed (the accepted marital-status codes)
      sex         sex (no places at all for it)
      consent, fraud_flag, unverified: no params
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EligibilityRow:
    """Whether one member may be invited to (or approved for) an event, for the invitation UI.

    `problems` are Ineligibility codes; `registration_status` is the member's existing
    registration for this event, if any; `fits_quota` says whether a place is free for the
    member's sex and age band right now (else an invitation goes to the waiting list)."""

    member_id: str
    member_no: str
    name_masked: str
    sex: int
    age: int
    band_index: int | None
    problems: tuple[str, ...]
    registration_status: str | None
    fits_quota: bool
    reasons: tuple[IneligibleReasonInfo, ...] = ()  # the problems with what is needed (same order)

    @property
    def eligible(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class SkippedRow:
    """A member an invitation did not register, and why (`events.*` code + Ineligibility list)."""

    member_id: str
    code: str
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class InviteResultInfo:
    """What an invitation (or bulk approval) did: registration ids by outcome."""

    approved: tuple[str, ...] = ()
    waitlisted: tuple[str, ...] = ()
    pending: tuple[str, ...] = ()
    skipped: tuple[SkippedRow, ...] = ()


@dataclass(frozen=True)
class CancelResultInfo:
    """A cancellation and the waitlisted registrations it promoted (in promotion order)."""

    registration: RegistrationInfo
    promoted: tuple[RegistrationInfo, ...] = ()


@dataclass(frozen=True)
class QuotaCellRow:
    """Balance of one quota cell. `sex` None = both sexes; `band_index` None = all ages (or,
    with `outside_bands`, the ages outside every band). `limit` is the tightest cap that applies
    (None = only the capacity); `free` the places still open to a person of this cell."""

    sex: int | None
    band_index: int | None
    min_age: int | None
    max_age: int | None
    limit: int | None
    approved: int
    pending: int
    waitlisted: int
    free: int
    outside_bands: bool = False


@dataclass(frozen=True)
class QuotaBalanceInfo:
    """The quota balance for the invitation screen: totals, per sex, and per sex and band."""

    capacity: int
    approved: int
    pending: int
    waitlisted: int
    free: int
    by_sex: tuple[QuotaCellRow, ...]
    cells: tuple[QuotaCellRow, ...]

    def cell(self, sex: int | None, band_index: int | None) -> QuotaCellRow | None:
        for row in (*self.by_sex, *self.cells):
            if row.sex == sex and row.band_index == band_index and not row.outside_bands:
                return row
        return None


@dataclass(frozen=True)
class NoShowResultInfo:
    no_show: tuple[str, ...]  # registration ids marked no_show


# --- seat plans -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeatTableRow:
    """A table of the plan as stored (for the floor-plan editor)."""

    id: str
    version: int
    label: str
    shape: str
    capacity: int
    x: float | None
    y: float | None
    rotation: float
    position: int
    theme: str | None
    locked_seats: tuple[int, ...]


@dataclass(frozen=True)
class SeatGuestRow:
    """A guest of the plan: what the floor plan draws on a seat (plate, masked name, sex)."""

    registration_id: str
    plate: str | None
    name_masked: str
    sex: int
    friend_group: str | None
    pinned: bool
    seat: SeatRef | None
    table_label: str | None


@dataclass(frozen=True, eq=False)
class SeatPlanStateInfo:
    """The current seat plan with everything the editor and the seating package need.

    `guests`/`tables` are the seating package's inputs (guest id = registration id, table id =
    EventTable id), in priority order; `plan` is the stored plan (locks included); `rows` and
    `table_rows` are for display. `fingerprint` identifies the guest and table sets: pass it back
    to `save_seat_plan` so that a plan computed from outdated inputs is refused."""

    event_id: str
    guests: tuple[SeatGuestInfo, ...]
    tables: tuple[SeatTableInfo, ...]
    plan: SeatPlanInfo
    rows: tuple[SeatGuestRow, ...]
    table_rows: tuple[SeatTableRow, ...]
    fingerprint: str


@dataclass(frozen=True)
class SeatChangeRow:
    """One guest's seat before and after an edit (None = unseated): enough to undo it."""

    registration_id: str
    before: SeatRef | None
    after: SeatRef | None


@dataclass(frozen=True, eq=False)
class SeatEditInfo:
    """The plan's score and unmet hard constraints after an edit, and what moved."""

    score: SeatingScoreInfo
    issues: tuple[SeatingIssueInfo, ...]
    changes: tuple[SeatChangeRow, ...] = ()


@dataclass(frozen=True, eq=False)
class SeatingRunInfo:
    """An optimiser run: its result and how many guests changed seat when it was saved."""

    result: SeatingResultInfo
    moved: int


# --- speed dating ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RotationSlotViewRow:
    """One meeting of the organiser's sheet: round, table, the two plates, times (minutes from
    the event start)."""

    round_no: int
    table_no: int
    seated_plate: str
    rotating_plate: str
    start_minute: int
    end_minute: int


@dataclass(frozen=True)
class RotationViewInfo:
    """The stored speed-dating schedule. `stale` is True when the approved guests changed since
    it was generated (regenerate before printing cards)."""

    event_id: str
    settings: RotationSettingsInfo
    seated_sex: int
    n_rounds: int
    rounds: tuple[RotationRoundRow, ...]
    breaks: tuple[RotationBreakRow, ...]
    slots: tuple[RotationSlotViewRow, ...]
    seated: tuple[str, ...]  # registration ids, table k = k-th
    rotating: tuple[str, ...]
    skipped_colleague_pairs: int
    stale: bool
    created_at: datetime


# --- printing and export -----------------------------------------------------------------------


@dataclass(frozen=True)
class PrintPreflightInfo:
    """What a print would contain: items, people left out (consent withdrawn), and characters no
    font can draw (the UI warns before printing)."""

    document: str
    items: int
    withheld: int
    missing_glyphs: tuple[MissingGlyph, ...] = ()


@dataclass(frozen=True)
class EventPrintInfo:
    """A finished print job. `withheld` counts people left out because their consent is no
    longer in force; `plates_marked` the plates first recorded as printed by this job."""

    document: str
    pages: int
    items: int
    withheld: int = 0
    plates_marked: int = 0
    missing_glyphs: tuple[MissingGlyph, ...] = ()
    registration_ids: tuple[str, ...] = ()  # badges: whose badges the PDF holds


@dataclass(frozen=True)
class ExportInfo:
    rows: int
    withheld: int
    masked: bool
    columns: tuple[str, ...] = field(default_factory=tuple)
