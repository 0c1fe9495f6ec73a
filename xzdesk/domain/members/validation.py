"""Validation of a case file: the same rules for the editor, spreadsheet imports and online intake.

`validate_draft` returns the normalised values and every problem found (not just the first), so a
form can mark all fields at once. Problems are `FieldProblem(field, code, warning=..., **params)`;
warnings (e.g. an unknown ID region, below legal marriage age) do not block saving.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from xzdesk.domain.errors import FieldProblem
from xzdesk.domain.members import codes
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.identity import ResidentId, check_age, normalize_mobile, parse_resident_id
from xzdesk.domain.members.names import normalize_name

NAME_MAX = 32
HEIGHT = (120, 230)
WEIGHT = (30, 200)
REQ_AGE = (18, 80)
HOBBY_MAX = 20
HOBBY_LEN = 16
TEXT_LIMITS = {
    "nickname": 16, "wechat": 64, "hukou_place": 64, "employer": 128, "base_union": 128,
    "union_no": 32, "occupation": 64, "self_description": 1000, "req_other": 500,
}  # fmt: skip
REQUIRED = ("name", "id_number", "mobile", "district_code")
_SPLIT_TAGS = re.compile(r"[,，、;；/|\s]+")


def text_or_none(value: Any) -> str | None:
    """Typed text as stored: Unicode NFC, white space folded to single spaces; None when empty."""
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    return text or None


def _int(field: str, value: Any, problems: list[FieldProblem], *, lo: int, hi: int) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(unicodedata.normalize("NFKC", str(value)).strip().split(".")[0])
    except ValueError:
        problems.append(FieldProblem(field, "members.not_a_number"))
        return None
    if not lo <= number <= hi:
        problems.append(FieldProblem(field, "members.out_of_range", minimum=lo, maximum=hi))
        return None
    return number


def _code(field: str, value: Any, allowed: AbstractSet[Any], problems: list[FieldProblem], *, as_int: bool) -> Any:
    if value is None or value == "":
        return None
    try:
        code = int(value) if as_int else str(value)
    except (TypeError, ValueError):
        code = None
    if code not in allowed:
        problems.append(FieldProblem(field, "members.unknown_code", value=str(value)))
        return None
    return code


def _date(field: str, value: Any, problems: list[FieldProblem]) -> date | None:
    if value is None or value == "" or isinstance(value, date):
        return value or None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        problems.append(FieldProblem(field, "members.bad_date"))
        return None


def split_tags(value: list[str] | str | None) -> list[str]:
    """Hobby tags from a list or from text separated by commas, 、, semicolons or spaces."""
    if value is None:
        return []
    items = _SPLIT_TAGS.split(value) if isinstance(value, str) else value
    out: list[str] = []
    for item in items:
        tag = text_or_none(item)
        if tag and tag not in out:
            out.append(tag)
    return out


# field -> (allowed codes, stored as int)
CODE_FIELDS: dict[str, tuple[frozenset[Any], bool]] = {
    "education": (frozenset(e.value for e in codes.Education), True),
    "marital_status": (frozenset(m.value for m in codes.Marital), True),
    "children": (frozenset(c.value for c in codes.Children), False),
    "income_band": (frozenset(i.value for i in codes.IncomeBand), False),
    "housing": (frozenset(h.value for h in codes.Housing), False),
    "sector": (frozenset(s.value for s in codes.Sector), False),
    "referral_source": (frozenset(r.value for r in codes.ReferralSource), False),
    "req_education_min": (frozenset(e.value for e in codes.Education), True),
}
# field -> (minimum, maximum)
RANGES: dict[str, tuple[int, int]] = {
    "height_cm": HEIGHT, "weight_kg": WEIGHT, "req_height_min": HEIGHT, "req_height_max": HEIGHT,
    "req_age_min": REQ_AGE, "req_age_max": REQ_AGE,
}  # fmt: skip
# (lower field, upper field): the lower may not exceed the upper
RANGE_PAIRS = (("req_age_min", "req_age_max"), ("req_height_min", "req_height_max"))
FLAGS = ("has_car", "req_children_ok")
# list field -> (allowed codes, how one item is read)
CODE_LISTS: dict[str, tuple[frozenset[Any], Callable[[Any], Any]]] = {
    "req_districts": (frozenset(codes.DISTRICTS), lambda item: item),
    "req_marital": (frozenset(str(m.value) for m in codes.Marital), str),
}


@dataclass
class _Check:
    """One draft being validated: the given values, the valid normalised ones, the problems."""

    raw: dict[str, Any]
    today: date
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[FieldProblem] = field(default_factory=list)
    texts: dict[str, str | None] = field(default_factory=dict)  # text_or_none of raw fields, once each

    def text(self, name: str) -> str | None:
        """text_or_none of the given value (the required fields are read as text twice)."""
        if name not in self.texts:
            self.texts[name] = text_or_none(self.raw.get(name))
        return self.texts[name]

    def problem(self, name: str, code: str, **params: Any) -> None:
        self.problems.append(FieldProblem(name, code, **params))

    def keep(self, name: str, value: Any) -> None:
        if value is not None:
            self.values[name] = value


def _required(c: _Check) -> None:
    for f in REQUIRED:
        if not c.text(f):
            c.problem(f, "members.required")


def _name(c: _Check) -> None:
    name = normalize_name(c.raw.get("name") or "")
    if not name:
        return
    if len(name) > NAME_MAX:
        c.problem("name", "members.too_long", maximum=NAME_MAX)
    elif any(ch.isdigit() for ch in name):
        c.problem("name", "members.name_has_digits")
    else:
        c.values["name"] = name


def _texts(c: _Check) -> None:
    for f, limit in TEXT_LIMITS.items():
        raw = c.raw.get(f)
        if raw is None:  # not given (most drafts give few of these)
            continue
        text = text_or_none(raw) if f != "self_description" else (raw or "").strip() or None
        if text is None:
            continue
        if len(text) > limit:
            c.problem(f, "members.too_long", maximum=limit)
        else:
            c.values[f] = text


def _identity(c: _Check) -> None:
    """ID number, sex and birth date: the ID number decides sex and birth date; a typed value
    that contradicts it is a problem; then the age rules."""
    sex = _code("sex", c.raw.get("sex"), {1, 2}, c.problems, as_int=True)
    birth = _date("birth_date", c.raw.get("birth_date"), c.problems)
    if c.text("id_number"):
        try:
            rid = parse_resident_id(str(c.raw["id_number"]), today=c.today)
        except FieldProblem as problem:
            c.problems.append(problem)
        else:
            _contradictions(c, rid, sex, birth)
            sex, birth = int(rid.sex), rid.birth_date
    c.keep("sex", sex)
    if birth is not None:
        c.values["birth_date"] = birth
        c.problems.extend(check_age(birth, sex or 0, c.today))
    elif "id_number" not in c.values and not any(p.field == "id_number" for p in c.problems):
        c.problem("birth_date", "members.required")


def _contradictions(c: _Check, rid: ResidentId, sex: int | None, birth: date | None) -> None:
    c.values["id_number"] = rid.number
    if not rid.region_known:
        c.problem("id_number", "identity.id_region_unknown", warning=True)
    if sex is not None and sex != int(rid.sex):
        c.problem("sex", "members.sex_contradicts_id", id_sex=int(rid.sex))
    if birth is not None and birth != rid.birth_date:
        c.problem("birth_date", "members.birth_contradicts_id", id_birth=rid.birth_date.isoformat())


def _mobile(c: _Check) -> None:
    if c.text("mobile"):
        try:
            c.values["mobile"] = normalize_mobile(str(c.raw["mobile"]))
        except FieldProblem as problem:
            c.problems.append(problem)


def _district(c: _Check) -> None:
    district = _code("district_code", c.text("district_code"), _DISTRICT_CODES, c.problems, as_int=False)
    if district:
        c.values["district_code"] = district


_DISTRICT_CODES = frozenset(codes.DISTRICTS)


def _codes(c: _Check) -> None:
    for f, (allowed, as_int) in CODE_FIELDS.items():
        if (raw := c.raw.get(f)) is not None:
            c.keep(f, _code(f, raw, allowed, c.problems, as_int=as_int))


def _ranges(c: _Check) -> None:
    for f, (lo, hi) in RANGES.items():
        if (raw := c.raw.get(f)) is not None:
            c.keep(f, _int(f, raw, c.problems, lo=lo, hi=hi))
    for lo_f, hi_f in RANGE_PAIRS:
        if lo_f in c.values and hi_f in c.values and c.values[lo_f] > c.values[hi_f]:
            c.problem(hi_f, "members.range_inverted")


def _flags(c: _Check) -> None:
    for f in FLAGS:
        if f in c.raw:
            c.values[f] = bool(c.raw[f])


def _hobbies(c: _Check) -> None:
    if "hobbies" not in c.raw:
        return
    tags = split_tags(c.raw["hobbies"])
    if len(tags) > HOBBY_MAX:
        c.problem("hobbies", "members.too_many", maximum=HOBBY_MAX)
    elif any(len(t) > HOBBY_LEN for t in tags):
        c.problem("hobbies", "members.too_long", maximum=HOBBY_LEN)
    else:
        c.values["hobbies"] = tags


def _code_lists(c: _Check) -> None:
    for f, (allowed, read) in CODE_LISTS.items():
        if f not in c.raw:
            continue
        items = [read(item) for item in c.raw[f]]
        bad = [item for item in items if item not in allowed]
        if bad:
            c.problem(f, "members.unknown_code", value=",".join(bad))
        else:
            c.values[f] = sorted(set(items))


def _matchmaker(c: _Check) -> None:
    if "matchmaker_id" in c.raw:
        c.values["matchmaker_id"] = c.raw["matchmaker_id"] or None


# the checks, in the order their problems are reported
def _importance(c: _Check) -> None:
    """req_importance, when given: {requirement: level} with keys of codes.IMPORTANCE_KEYS and
    levels of codes.Importance; an empty or None level drops the entry (importance not said)."""
    if "req_importance" not in c.raw:
        return
    raw = c.raw["req_importance"]
    if not isinstance(raw, dict):
        c.problem("req_importance", "members.unknown_code", value=str(raw)[:40])
        return
    levels = {int(i) for i in codes.Importance}
    out: dict[str, int] = {}
    for key, level in raw.items():
        if level is None or level == "":
            continue
        code = _code("req_importance", level, levels, c.problems, as_int=True)
        if key not in codes.IMPORTANCE_KEYS:
            c.problem("req_importance", "members.unknown_code", value=str(key)[:40])
        elif code is not None:
            out[key] = code
    if not any(p.field == "req_importance" for p in c.problems):
        c.values["req_importance"] = dict(sorted(out.items()))


_STEPS: tuple[Callable[[_Check], None], ...] = (
    _required, _name, _texts, _identity, _mobile, _district, _codes, _ranges, _flags, _hobbies, _code_lists,
    _matchmaker, _importance,
)  # fmt: skip


def validate_draft(draft: MemberDraft, *, today: date) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Normalise and check every field. Returns (values, problems); values hold only fields that
    were given and are valid, plus sex/birth date derived from the ID number."""
    return validate_given(draft.given(), today=today)


def validate_given(given: dict[str, Any], *, today: date) -> tuple[dict[str, Any], list[FieldProblem]]:
    """validate_draft on a draft's given values (`MemberDraft.given()`: its fields that are not
    None), for bulk callers that hold them as a dict already (the spreadsheet import)."""
    check = _Check(given, today)
    for step in _STEPS:
        step(check)
    return check.values, check.problems


def blocking(problems: list[FieldProblem]) -> list[FieldProblem]:
    return [p for p in problems if not p.warning]
