"""Data handed across the check-in service boundary: drafts in, frozen Info/Row views out.

Views carry number plates, masked names (`张*`), badge names and phone last 4 only; never a full
name, phone, ID number, token key or return key. `WalkInDraft` is the one input holding personal
data (typed at the venue).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from xzdesk.domain.members.codes import ConsentType


@dataclass(frozen=True)
class ScanResultInfo:
    """The verdict of one scan (or manual check-in) and what the panel shows with it.

    For ALREADY, `earlier_at`/`earlier_device_id` tell when and on which laptop the check-in in
    force was made (`earlier_here` when on this laptop). For OTHER_EVENT, `other_event_name` and
    `other_event_date` name the badge's event when this laptop holds it. `detail` is an
    UnknownReason for UNKNOWN and the registration status for NOT_APPROVED and CANCELLED."""

    scan_id: str
    verdict: str
    detail: str | None
    scanned_at: datetime
    method: str
    registration_id: str | None = None
    plate: str | None = None
    name_masked: str = ""
    display_name: str = ""
    sex: int | None = None
    table_label: str | None = None
    walk_in: bool = False
    earlier_scan_id: str | None = None
    earlier_at: datetime | None = None
    earlier_device_id: str | None = None
    earlier_here: bool = False
    other_event_name: str | None = None
    other_event_date: date | None = None

    @property
    def accepted(self) -> bool:
        return self.verdict == "checked_in"


@dataclass(frozen=True)
class AnnulmentInfo:
    annulment_id: str
    scan_id: str
    registration_id: str | None
    plate: str | None
    name_masked: str


@dataclass(frozen=True)
class SexCountRow:
    sex: int | None  # 1, 2, or None for the total
    expected: int  # registrations holding a place (approved, attended, no-show) incl. walk-ins
    arrived: int  # with a check-in in force


@dataclass(frozen=True)
class CountsInfo:
    """Live counts of the panel: arrived / expected, by sex."""

    event_id: str
    total: SexCountRow
    by_sex: tuple[SexCountRow, ...]
    walk_ins: int
    scans: int
    refused: int  # scans not accepted (unknown, cancelled, other event, ...)
    duplicates: int  # accepted scans marked as duplicates after sync or import


@dataclass(frozen=True)
class RosterRow:
    """One person on the venue roster (manual search, lists)."""

    registration_id: str
    plate: str | None
    name_masked: str
    display_name: str
    sex: int
    table_label: str | None
    mobile_last4: str | None
    status: str
    walk_in: bool
    arrived_at: datetime | None  # check-in in force, if any
    present: bool = False  # counted as present (`queries.present`): a check-in in force, or marked attended by the office


@dataclass(frozen=True)
class ScanRow:
    """One line of the scan log (newest first)."""

    scan_id: str
    scanned_at: datetime
    device_id: str
    here: bool
    method: str
    verdict: str
    detail: str | None
    plate: str | None
    name_masked: str
    annulled: bool
    duplicate_of: str | None


@dataclass(frozen=True)
class VenueEventRow:
    """An event this laptop can check people in for."""

    event_id: str
    code: str
    name: str
    event_date: date | None
    start_time: str
    venue: str
    status: str
    roster_size: int
    station: str


@dataclass(frozen=True)
class PackRow:
    """A venue pack made or imported on this laptop (the pack history)."""

    at: datetime
    kind: str  # PackKind
    event_code: str
    station: str
    rows: int


@dataclass
class WalkInDraft:
    """The minimum fields typed for a walk-in (case-file rules apply; sex and birth date come from
    the ID number), and the consents the person gave on the spot (basic processing required)."""

    name: str | None = None
    id_number: str | None = None
    mobile: str | None = None
    district_code: str | None = None
    nickname: str | None = None
    consents: tuple[str, ...] = (ConsentType.BASIC.value,)


@dataclass(frozen=True)
class WalkInInfo:
    walk_in_id: str
    registration_id: str
    scan_id: str
    plate: str
    name_masked: str
    display_name: str
    sex: int
    token: str


@dataclass(frozen=True)
class PublishInfo:
    event_id: str
    added: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ProblemRow:
    """A walk-in or pair that could not be processed: its plate(s) and an error code + params
    (params never hold personal data)."""

    plates: tuple[str, ...]
    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ReconcileInfo:
    """What `reconcile_event` did: walk-ins turned into case files (`created`) or linked to an
    existing one (`linked`), registrations marked attended, and what was left for a person."""

    event_id: str
    created: int
    linked: int
    attended: int
    problems: tuple[ProblemRow, ...]


@dataclass(frozen=True)
class InterestCardInfo:
    card_id: str
    owner_registration_id: str
    owner_plate: str
    ticked_plates: tuple[str, ...]
    replaced: bool  # a correction of an earlier entry
    unchanged: bool  # same as the card already entered: nothing written
    owner_arrived: bool  # False: the owner is not present: the card is saved but kept aside
    same_sex_plates: tuple[str, ...] = ()  # ticked plates of the owner's own sex (warn)


@dataclass(frozen=True)
class CardRow:
    owner_registration_id: str
    owner_plate: str
    ticked_plates: tuple[str, ...]
    entered_at: datetime
    counted: bool = True  # False: the owner is not present, the card is kept aside


@dataclass(frozen=True)
class CardProgressInfo:
    cards: int  # current (not voided) cards whose owner is present: they count
    attendees: int  # registrations present (queries.present)
    aside: int = 0  # current cards whose owner has no check-in: kept aside until confirmed


@dataclass(frozen=True)
class CardOwnerInfo:
    """The person a card number belongs to, before the card is typed: whether they count as
    present (else the card would be kept aside) and the card entered already, if any."""

    registration_id: str
    plate: str
    display_name: str
    name_masked: str
    present: bool
    card: CardRow | None
    status: str = "approved"  # the registration's status: only a place-holding one can be confirmed

    @property
    def confirmable(self) -> bool:
        """Can staff confirm this person's attendance (their registration holds a place)?"""
        return self.status in ("approved", "attended", "no_show")


@dataclass(frozen=True)
class MutualPairRow:
    a_registration_id: str
    b_registration_id: str
    a_plate: str
    b_plate: str
    a_member_id: str | None
    b_member_id: str | None
    a_name: str = ""  # badge names (surname + 先生/女士), as on the result slips
    b_name: str = ""


@dataclass(frozen=True)
class PersonRow:
    """Someone of an event as staff see them: number plate, masked name (`张*`) and, when this
    laptop holds it, the case file (id and number, to open it)."""

    registration_id: str
    plate: str
    name_masked: str
    member_id: str | None
    member_no: str | None = None


@dataclass(frozen=True)
class IntroductionProblemRow:
    """Why a mutual pair got no introduction: the pair's plates, one reason (an introductions.*
    or checkin.* code with non-personal params, e.g. the case file's status) and the member it is
    about (None when it is about the pair: blocked, introduced before)."""

    plates: tuple[str, str]
    code: str
    params: dict[str, object] = field(default_factory=dict)
    person: PersonRow | None = None


@dataclass(frozen=True)
class IntroductionsResultInfo:
    created: int
    existing: int
    problems: tuple[IntroductionProblemRow, ...]


@dataclass(frozen=True)
class SummaryRow:
    """One group of the event summary (a sex, an age band, or everyone)."""

    group: str  # "all", "sex:1", "sex:2", "band:25-29", "band:unknown"
    expected: int
    arrived: int
    no_shows: int
    walk_ins: int
    cards: int
    matched: int  # people with at least one mutual match

    @property
    def attendance_rate(self) -> float | None:
        return None if self.expected == 0 else self.arrived / self.expected


@dataclass(frozen=True)
class EventSummaryInfo:
    event_id: str
    event_name: str
    total: SummaryRow
    by_sex: tuple[SummaryRow, ...]
    by_age_band: tuple[SummaryRow, ...]
    mutual_pairs: int
    duplicates: int
    refused_scans: int
    cards_aside: int = 0  # cards of people with no check-in: kept aside, not counted


@dataclass(frozen=True)
class PackHeaderInfo:
    """What a pack file says about itself before it is opened (no secrets)."""

    version: int
    kind: str  # "event" | "return"
    pack_id: str
    event_id: str
    event_code: str
    created_at: datetime
    origin_device: str
    key_source: str  # "passphrase" | "pack"
    source_pack_id: str | None
    station: str | None
    sequence: int = 0  # event packs: the office's number for this event's packs (0: none, older version)


@dataclass(frozen=True)
class PackExportInfo:
    header: PackHeaderInfo
    data: bytes
    suggested_name: str  # carries no personal data
    counts: dict[str, int]


@dataclass(frozen=True)
class PackImportInfo:
    header: PackHeaderInfo
    event_name: str
    added: dict[str, int]  # table -> rows new on this laptop
    updated: dict[str, int]
    already_imported: bool  # this very pack was imported here before
    # An event pack numbered at or below one already imported here from the same office: nothing
    # was applied (a replayed or re-imported pack would roll the venue roster back).
    stale: bool = False
    latest_sequence: int = 0  # the newest event pack number imported here from that office

    @property
    def changed(self) -> bool:
        return any(self.added.values()) or any(self.updated.values())
