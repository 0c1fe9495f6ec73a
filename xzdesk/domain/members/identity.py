"""Identifiers: resident ID numbers (GB 11643), mobile numbers, ages.

Pure functions; they raise `FieldProblem` with stable codes (the UI words them):
- `identity.id_format`: not 15 or 18 characters of the right shape.
- `identity.id_checksum` (params: expected): the check character is wrong; names the right one.
- `identity.id_birth_date`: digits 7-14 are not a real date (or a future date).
- `identity.id_region_unknown` (warning only): the region code is not a known prefix.
- `identity.mobile_format`: not a mainland mobile number after normalisation.
The region code is never compared with the birth year: real old Xuzhou cards fail that.
"""

from __future__ import annotations

import contextlib
import operator
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from xzdesk.domain.errors import FieldProblem
from xzdesk.domain.members.codes import ADULT_AGE, LEGAL_MARRIAGE_AGE, Sex

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_ID18 = re.compile(r"^\d{17}[\dX]$")
_ID15 = re.compile(r"^\d{15}$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_ID_SEPARATORS = re.compile(r"[\s\-]")
_MOBILE_SEPARATORS = re.compile(r"[\s\-()]")

# Province-level prefixes in use (GB/T 2260); anything else is only a warning.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)


_ZEROS = ord("0") * sum(WEIGHTS)  # what the character codes of ASCII digits add beyond their values


def check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 17 digits."""
    if len(first17) != len(WEIGHTS):
        raise ValueError("check_char takes the first 17 digits")
    if first17.isascii() and first17.isdigit():  # the usual case: weighted character codes, in C
        return CHECK_CHARS[(sum(map(operator.mul, first17.encode(), WEIGHTS)) - _ZEROS) % 11]
    return CHECK_CHARS[sum(map(operator.mul, map(int, first17), WEIGHTS)) % 11]


@dataclass(frozen=True)
class ResidentId:
    """A validated 18-character resident ID and the facts it carries."""

    number: str
    birth_date: date
    sex: Sex
    region: str
    upgraded_from_15: bool = False
    region_known: bool = True


def clean_id_text(raw: str) -> str:
    """An ID number as typed, to its plain form: full-width digits and letters folded (NFKC),
    spaces and hyphens dropped, upper case (the spreadsheet import cleans its cells with it too)."""
    text = unicodedata.normalize("NFKC", raw)
    return _ID_SEPARATORS.sub("", text).upper()


def parse_resident_id(raw: str, *, today: date | None = None, field: str = "id_number") -> ResidentId:
    """Validate and normalise a resident ID; 15-digit legacy numbers are upgraded to 18.
    Inside `remembering_valid_numbers` a valid number is parsed once per day."""
    day = today or date.today()
    return _remembered(("id", raw, day), lambda: _parse_valid(raw or "", day, field))


def _parse_valid(raw: str, today: date, field: str) -> ResidentId:
    text = clean_id_text(raw)
    upgraded = False
    if _ID15.match(text):
        first17 = text[:6] + "19" + text[6:]
        text = first17 + check_char(first17)
        upgraded = True
    if not _ID18.match(text):
        raise FieldProblem(field, "identity.id_format", length=len(text))
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise FieldProblem(field, "identity.id_birth_date") from None
    if born > today or born.year < 1900:
        raise FieldProblem(field, "identity.id_birth_date")
    expected = check_char(text[:17])
    if text[17] != expected:
        raise FieldProblem(field, "identity.id_checksum", expected=expected)
    sex = Sex.MALE if int(text[16]) % 2 == 1 else Sex.FEMALE
    return ResidentId(
        number=text,
        birth_date=born,
        sex=sex,
        region=text[:6],
        upgraded_from_15=upgraded,
        region_known=text[:2] in _PROVINCES,
    )


# Valid ID and mobile numbers already read by this thread's current bulk work (an import reads
# each for its blind index, then validation reads it again); None outside such work.
_MEMO: ContextVar[dict[Any, Any] | None] = ContextVar("identity_memo", default=None)
MEMO_LIMIT = 4096  # entries kept at once (a batch of an import reads each number twice, close together)
_T = TypeVar("_T")


@contextlib.contextmanager
def remembering_valid_numbers() -> Iterator[None]:
    """Within the block, on this thread, parse_resident_id and normalize_mobile read each valid
    number once (refused numbers are checked every time, so every caller gets its problem).
    The numbers are dropped when the block ends: no personal identifier stays in memory past
    the work that read it, and other threads (the server, the case editor) never share them."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def _remembered(key: tuple[Any, ...], read: Callable[[], _T]) -> _T:
    memo = _MEMO.get()
    if memo is None:
        return read()
    if key in memo:
        return memo[key]
    value = read()  # a refused number raises here and is not remembered
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    memo[key] = value
    return value


def normalize_mobile(raw: str, *, field: str = "mobile") -> str:
    """Strip +86/0086, spaces and hyphens (also full-width forms), then check `^1[3-9]\\d{9}$`.
    Inside `remembering_valid_numbers` a valid number is normalised once."""
    return _remembered(("mobile", raw), lambda: _normalize_valid(raw or "", field))


def _normalize_valid(raw: str, field: str) -> str:
    text = unicodedata.normalize("NFKC", raw)
    text = _MOBILE_SEPARATORS.sub("", text)
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    if not _MOBILE.match(text):
        raise FieldProblem(field, "identity.mobile_format")
    return text


def age_on(birth: date, today: date) -> int:
    """Completed years on `today` (a 29 February birthday counts from 1 March in common years)."""
    years = today.year - birth.year
    if (today.month, today.day) < (birth.month, birth.day):
        years -= 1
    return years


def check_age(birth: date, sex: int, today: date, *, field: str = "birth_date") -> list[FieldProblem]:
    """Adults only (error under 18); a warning below the legal marriage age (22 men, 20 women)."""
    age = age_on(birth, today)
    if age < ADULT_AGE:
        return [FieldProblem(field, "members.under_age", age=age, minimum=ADULT_AGE)]
    minimum = LEGAL_MARRIAGE_AGE.get(Sex(sex)) if sex in (1, 2) else None
    if minimum and age < minimum:
        return [FieldProblem(field, "members.below_marriage_age", warning=True, age=age, minimum=minimum)]
    return []
