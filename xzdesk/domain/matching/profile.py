"""One member's matching view (`MatchProfile`) and how it is built from a Member row.

A profile is a frozen value: the pool copies what it needs into numpy columns, and a changed
member is a new profile handed to `MatchPool.upsert`. Every field maps 1:1 onto a column of
`xzdesk.domain.members.models.Member`, except `age` and `age_exact` (from `birth_date` on a
given day), `consent_matching` (from the consent records) and `open_proposals` (from
introductions).

Unknown is a value, not a zero: an age, height, education, income, sector, occupation or
employer that is not known stays None / "" (the pool stores -1 or an "unknown" index), and
the model sees an "unknown" flag rather than a made-up number. An importance that was not said
is absent from `req_importance` (`importance(key)` is None).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from xzdesk.domain.members.codes import (
    IMPORTANCE_KEYS,
    Children,
    Importance,
    IncomeBand,
    Marital,
    MemberStatus,
    education_rank,
)

if TYPE_CHECKING:  # pragma: no cover
    from xzdesk.domain.members.models import Member

# Marital codes (GB/T 2261.2) -> bit in a small mask; any other code shares the last bit.
MARITAL_BITS: dict[int, int] = {
    int(Marital.NEVER_MARRIED): 1,
    int(Marital.WIDOWED): 2,
    int(Marital.DIVORCED): 4,
    int(Marital.UNSPECIFIED): 8,
}
MARITAL_OTHER_BIT = 16
MARITAL_ANY = 0xFF

# Income bands in order; 0 = unspecified (carries no information).
INCOME_ORDER: dict[str, int] = {
    str(IncomeBand.UNDER_50K): 1,
    str(IncomeBand.FROM_50K): 2,
    str(IncomeBand.FROM_100K): 3,
    str(IncomeBand.FROM_200K): 4,
    str(IncomeBand.OVER_300K): 5,
}


def marital_bit(code: int) -> int:
    return MARITAL_BITS.get(int(code), MARITAL_OTHER_BIT)


def income_index(band: str) -> int:
    return INCOME_ORDER.get(band, 0)


def normalise_tag(tag: str) -> str:
    return unicodedata.normalize("NFC", str(tag)).strip()


def normalise_text(value: Any) -> str:
    """A free-text value as a comparison key: NFC, inner spaces dropped, case folded ("" unknown)."""
    return "".join(unicodedata.normalize("NFKC", str(value or "")).split()).casefold()


_LEVELS = frozenset(int(i) for i in Importance)


def _importance_items(value: Any) -> tuple[tuple[str, int], ...]:
    """{requirement: level} -> sorted ((key, level), ...) keeping known keys and levels only."""
    items = value.items() if isinstance(value, Mapping) else (value or ())
    out = {}
    for key, level in items:
        try:
            code = int(level)
        except (TypeError, ValueError):
            continue
        if key in IMPORTANCE_KEYS and code in _LEVELS:
            out[str(key)] = code
    return tuple(sorted(out.items()))


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    seen: dict[Any, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return tuple(seen)


INT_CAP = 32766  # column storage is int16; larger values are clamped (and negative ones to 0)


def _clamp(value: Any) -> int:
    return max(0, min(int(value), INT_CAP))


def _opt_int(value: Any) -> int | None:
    return None if value is None else _clamp(value)


def _opt_float(value: Any) -> float | None:
    return None if value is None else max(0.0, min(float(value), float(INT_CAP)))


@dataclass(frozen=True, slots=True)
class MatchProfile:
    """One member as the matcher sees them. Build with keyword arguments.

    Requirements set to None (or an empty tuple) are "no requirement". Ages and heights are
    clamped to 0..32766 (storage is int16; the member service validates real ranges). A requirement on a value
    the other side left unknown (age, height, education) is not met: nobody is proposed on a guess.
    Lists are normalised to tuples (hobbies: NFC, stripped, duplicates and blanks dropped,
    order kept; req_marital: int codes, so the Member column's strings "10", "40" are accepted).
    `age_exact` (years with a fraction, from the birth date) gives the soft score continuous
    values; when not given it is the middle of the year of `age` (age + 0.5). `req_importance`
    takes a mapping {requirement: members.codes.Importance}; unknown keys and levels are dropped.
    """

    member_id: str
    sex: int  # GB/T 2261.1: 1 male, 2 female (anything else: unknown)
    age: int | None  # whole years on the day the profile was built; None = unknown
    height_cm: int | None = None
    education: int | None = None  # GB/T 4658 code; compared through codes.education_rank
    marital_status: int = int(Marital.NEVER_MARRIED)
    children: str = str(Children.NONE)
    district_code: str = ""
    hobbies: tuple[str, ...] = ()
    income_band: str = str(IncomeBand.UNSPECIFIED)
    sector: str = ""  # members.codes.Sector value (or the analyst's own word); "" unknown
    occupation: str = ""  # compared as normalised text; "" unknown
    employer: str = ""  # compared as normalised text ("the same unit"); "" unknown
    age_exact: float | None = None
    req_age_min: int | None = None
    req_age_max: int | None = None
    req_height_min: int | None = None
    req_height_max: int | None = None
    req_education_min: int | None = None  # GB/T 4658 code
    req_districts: tuple[str, ...] = ()  # empty = any district
    req_marital: tuple[int, ...] = ()  # accepted marital codes; empty = any
    req_children_ok: bool = True  # accepts a partner who has children
    req_importance: Any = ()  # {requirement: Importance} in; stored as sorted (key, level) pairs
    status: str = str(MemberStatus.ACTIVE)
    verified: bool = False
    fraud_flag: bool = False
    consent_matching: bool = False  # a current (not withdrawn) consent of type "matching"
    open_proposals: int = 0  # introductions proposed and not yet closed
    # Derived, not passed: ranks for education comparisons (-1 = unknown / no requirement).
    education_rank: int = field(init=False, default=-1)
    req_education_rank: int = field(init=False, default=-1)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "member_id", str(self.member_id))
        put(self, "sex", int(self.sex))
        put(self, "age", _opt_int(self.age))
        exact = _opt_float(self.age_exact)
        put(self, "age_exact", exact if exact is not None or self.age is None else self.age + 0.5)
        put(self, "height_cm", _opt_int(self.height_cm))
        put(self, "education", None if self.education is None else int(self.education))
        put(self, "marital_status", int(self.marital_status))
        put(self, "children", str(self.children))
        put(self, "district_code", str(self.district_code or ""))
        put(self, "hobbies", _unique(t for t in map(normalise_tag, self.hobbies or ()) if t))
        put(self, "income_band", str(self.income_band or IncomeBand.UNSPECIFIED))
        put(self, "sector", str(self.sector or "").strip())
        put(self, "occupation", normalise_text(self.occupation))
        put(self, "employer", normalise_text(self.employer))
        put(self, "req_importance", _importance_items(self.req_importance))
        for name in ("req_age_min", "req_age_max", "req_height_min", "req_height_max"):
            put(self, name, _opt_int(getattr(self, name)))
        if self.req_education_min is not None:
            put(self, "req_education_min", int(self.req_education_min))
        put(self, "req_districts", _unique(str(d) for d in (self.req_districts or ()) if str(d)))
        put(self, "req_marital", _unique(int(c) for c in (self.req_marital or ())))
        put(self, "req_children_ok", bool(self.req_children_ok))
        put(self, "status", str(self.status))
        put(self, "verified", bool(self.verified))
        put(self, "fraud_flag", bool(self.fraud_flag))
        put(self, "consent_matching", bool(self.consent_matching))
        put(self, "open_proposals", max(0, int(self.open_proposals)))
        put(self, "education_rank", -1 if self.education is None else education_rank(self.education))
        put(
            self,
            "req_education_rank",
            -1 if self.req_education_min is None else education_rank(self.req_education_min),
        )

    @property
    def has_children(self) -> bool:
        return self.children != str(Children.NONE)

    def importance(self, key: str) -> int | None:
        """How much requirement `key` matters to this member (codes.Importance), None = not said."""
        for k, level in self.req_importance:
            if k == key:
                return level
        return None


def exact_age(birth_date: date, today: date) -> float:
    """Age in years with a fraction (whole years + days since the last birthday / 365.25)."""
    years = age_on(birth_date, today)
    try:
        last = birth_date.replace(year=birth_date.year + years)
    except ValueError:  # 29 February in a common year: the birthday counts from 1 March
        last = date(birth_date.year + years, 3, 1)
    return years + (today - last).days / 365.25


def age_on(birth_date: date, today: date) -> int:
    """Whole years of age on `today`."""
    years = today.year - birth_date.year
    if (today.month, today.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def profile_from_member(
    member: Member, *, today: date, consent_matching: bool, open_proposals: int = 0
) -> MatchProfile:
    """Build a profile from a Member row (or anything with the same attributes).

    `consent_matching`: whether the member holds a "matching" consent that is not withdrawn;
    `open_proposals`: introductions involving the member that are proposed and not closed.
    Pure: reads attributes only, touches no session.
    """
    return MatchProfile(
        member_id=member.id,
        sex=member.sex,
        age=age_on(member.birth_date, today),
        age_exact=exact_age(member.birth_date, today),
        height_cm=member.height_cm,
        education=member.education,
        marital_status=member.marital_status,
        children=member.children,
        district_code=member.district_code,
        hobbies=tuple(member.hobbies or ()),
        income_band=member.income_band,
        sector=member.sector or "",
        occupation=member.occupation or "",
        employer=member.employer or "",
        req_age_min=member.req_age_min,
        req_age_max=member.req_age_max,
        req_height_min=member.req_height_min,
        req_height_max=member.req_height_max,
        req_education_min=member.req_education_min,
        req_districts=tuple(member.req_districts or ()),
        req_marital=tuple(member.req_marital or ()),
        req_children_ok=member.req_children_ok,
        req_importance=member.req_importance or {},
        status=member.status,
        verified=member.verified,
        fraud_flag=member.fraud_flag,
        consent_matching=consent_matching,
        open_proposals=open_proposals,
    )
