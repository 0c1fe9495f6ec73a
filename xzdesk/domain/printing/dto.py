"""Plain frozen DTOs the print layouts take. Callers (events, seating, check-in, introductions)
build them from their own tables; nothing here touches the database.

Masking is the caller's decision: a layout prints exactly the strings it is given. The DTOs for
venue documents have no field for a phone number, ID number, employer or full name on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time


@dataclass(frozen=True)
class EventHeaderInfo:
    """What every venue document says about the event."""

    name: str
    starts_at: date | datetime | None = None  # a datetime prints its time as well
    venue: str = ""


@dataclass(frozen=True)
class BadgeInfo:
    """One badge. `display_name` is surname + 先生/女士 or the nickname, as the caller decides.

    `token` is the registration's QR token (`xzdesk.domain.tokens.mint_token`); empty prints no
    QR. Anything but a canonical token is refused (`printing.qr_payload_invalid`).
    """

    number_plate: str  # 号码牌, e.g. "M01"
    display_name: str  # e.g. "张先生", "阳光小王"
    table_label: str = ""  # e.g. "5", "A3", "玫瑰"; empty when no seat yet
    token: str = ""


@dataclass(frozen=True)
class TableTentInfo:
    """One folded table card. `subtitle` is an optional line under the label (a table theme);
    `guests` the table's guests as printed, e.g. "M03 张先生" (number plate + surname and
    先生/女士, never a full name), in the order given."""

    label: str
    subtitle: str = ""
    guests: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeatTableInfo:
    """One table of a seat chart.

    `seats` lists the number plate in each seat in seat order ("" for an empty seat); its length is
    the table's capacity. Round tables number seats clockwise from the top; long tables fill the
    top side left to right, then the bottom side left to right. `x`/`y` are the table's centre in
    any floor-plan unit (y grows downwards, as in the seat-plan editor); when any table lacks a
    position, all tables are laid out in a grid in the order given. `rotation` is in degrees,
    clockwise.
    """

    label: str
    seats: tuple[str, ...]
    shape: str = "round"  # "round" | "long"
    x: float | None = None
    y: float | None = None
    rotation: float = 0.0


@dataclass(frozen=True)
class FindTableRow:
    """One line of the "find your table" list (找座位) printed with the seat chart: number plate,
    surname + 先生/女士 as on the badge (never a full name), the table ("" = no seat yet), and
    `group`, the heading the line is listed under (the initial of the surname's pinyin, "A".."Z",
    or "#"). Lines print in the order given: the caller sorts them."""

    number_plate: str
    display_name: str
    table_label: str = ""
    group: str = ""


@dataclass(frozen=True)
class SignInRow:
    """One line of a sign-in sheet. `masked_name` is masked by the caller (e.g. 张*);
    `phone_last4` is the last four digits of the mobile only, so that two 张* can be told apart
    at the door (the DTO has no field for a whole phone number on purpose)."""

    number_plate: str
    masked_name: str
    table_label: str = ""
    phone_last4: str = ""


@dataclass(frozen=True)
class CardRoundRow:
    """One round of a speed-dating card. An empty `partner_plate` means nobody to meet in that
    round (printed 本轮轮空, for whatever reason: the card never says why); `starts_at` is the
    round's start time (None prints no time)."""

    round_no: int
    partner_plate: str
    table_label: str = ""
    starts_at: time | None = None


@dataclass(frozen=True)
class CardBreakRow:
    """A break for everyone (休息) after round `after_round`, from `starts_at` to `ends_at`."""

    after_round: int
    starts_at: time | None = None
    ends_at: time | None = None


@dataclass(frozen=True)
class SpeedDatingCardInfo:
    """A person's 心动卡: their number, the partner they meet in each round, and the breaks
    everyone takes between rounds."""

    number_plate: str
    rounds: tuple[CardRoundRow, ...]
    breaks: tuple[CardBreakRow, ...] = ()


@dataclass(frozen=True)
class ProfileFieldRow:
    """One line of the profile card on an introduction slip.

    `key` names a label in `labels.INTRO_LABELS` ("age" -> 年龄, ...); pass `label` to print a
    label of your own instead. The value is printed as given (the caller masks).
    """

    key: str
    value: str
    label: str = ""


@dataclass(frozen=True)
class IntroductionSlipInfo:
    """One side's view of the other's profile card (issue 4).

    `reference` is an opaque code of the introduction (no personal data); `recipient` is how the
    slip addresses its reader (e.g. 张女士); `matchmaker` is the matchmaker's name and office
    contact line.
    """

    reference: str
    recipient: str
    fields: tuple[ProfileFieldRow, ...]
    about: str = ""
    matchmaker: str = ""
    issued_on: date | None = None


@dataclass(frozen=True)
class MatchRow:
    """A mutual match on a result slip: number plate and the name the badge showed (surname +
    先生/女士, `members.names.polite_name`), nothing else."""

    number_plate: str
    name: str


@dataclass(frozen=True)
class ResultSlipInfo:
    """A person's private result slip (issue 6): their own number plate and name in the same
    form as their matches' (`name`, e.g. 张先生), and their mutual matches."""

    number_plate: str
    matches: tuple[MatchRow, ...]
    name: str = ""
