"""Validation of a case file: the same rules for the editor, spreadsheet imports and online intake.

`validate_draft` returns the normalised values and every problem found (not just the first), so a
form can mark all fields at once. Problems are `FieldProblem(field, code, warning=..., **params)`;
warnings (e.g. an unknown ID region, below legal marriage age) do not block saving.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from xzdesk.domain.errors import FieldProblem
from xzdesk.domain.members import codes
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.identity import check_age, normalize_mobile, parse_resident_id
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


def _text(value: Any) -> str | None:
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


def _code(field: str, value: Any, allowed: set[Any], problems: list[FieldProblem], *, as_int: bool) -> Any:
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
        tag = _text(item)
        if tag and tag not in out:
            out.append(tag)
    return out


def validate_draft(draft: MemberDraft, *, today: date) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Normalise and check every field. Returns (values, problems); values hold only fields that
    were given and are valid, plus sex/birth date derived from the ID number."""
    problems: list[FieldProblem] = []
    v: dict[str, Any] = {}
    raw = draft.given()

    for f in REQUIRED:
        if not _text(raw.get(f)):
            problems.append(FieldProblem(f, "members.required"))

    name = normalize_name(raw.get("name") or "")
    if name:
        if len(name) > NAME_MAX:
            problems.append(FieldProblem("name", "members.too_long", maximum=NAME_MAX))
        elif any(ch.isdigit() for ch in name):
            problems.append(FieldProblem("name", "members.name_has_digits"))
        else:
            v["name"] = name

    for f, limit in TEXT_LIMITS.items():
        text = _text(raw.get(f)) if f != "self_description" else (raw.get(f) or "").strip() or None
        if text is None:
            continue
        if len(text) > limit:
            problems.append(FieldProblem(f, "members.too_long", maximum=limit))
        else:
            v[f] = text

    sex = _code("sex", raw.get("sex"), {1, 2}, problems, as_int=True)
    birth = _date("birth_date", raw.get("birth_date"), problems)

    if _text(raw.get("id_number")):
        try:
            rid = parse_resident_id(str(raw["id_number"]), today=today)
        except FieldProblem as problem:
            problems.append(problem)
        else:
            v["id_number"] = rid.number
            if not rid.region_known:
                problems.append(FieldProblem("id_number", "identity.id_region_unknown", warning=True))
            if sex is not None and sex != int(rid.sex):
                problems.append(FieldProblem("sex", "members.sex_contradicts_id", id_sex=int(rid.sex)))
            if birth is not None and birth != rid.birth_date:
                problems.append(
                    FieldProblem("birth_date", "members.birth_contradicts_id", id_birth=rid.birth_date.isoformat())
                )
            sex, birth = int(rid.sex), rid.birth_date
    if sex is not None:
        v["sex"] = sex
    if birth is not None:
        v["birth_date"] = birth
        problems.extend(check_age(birth, sex or 0, today))
    elif "id_number" not in v and not any(p.field == "id_number" for p in problems):
        problems.append(FieldProblem("birth_date", "members.required"))

    if _text(raw.get("mobile")):
        try:
            v["mobile"] = normalize_mobile(str(raw["mobile"]))
        except FieldProblem as problem:
            problems.append(problem)

    district = _code("district_code", _text(raw.get("district_code")), set(codes.DISTRICTS), problems, as_int=False)
    if district:
        v["district_code"] = district

    enum_fields: dict[str, tuple[set[Any], bool]] = {
        "education": ({e.value for e in codes.Education}, True),
        "marital_status": ({m.value for m in codes.Marital}, True),
        "children": ({c.value for c in codes.Children}, False),
        "income_band": ({i.value for i in codes.IncomeBand}, False),
        "housing": ({h.value for h in codes.Housing}, False),
        "sector": ({s.value for s in codes.Sector}, False),
        "referral_source": ({r.value for r in codes.ReferralSource}, False),
        "req_education_min": ({e.value for e in codes.Education}, True),
    }
    for f, (allowed, as_int) in enum_fields.items():
        value = _code(f, raw.get(f), allowed, problems, as_int=as_int)
        if value is not None:
            v[f] = value

    for f, (lo, hi) in {"height_cm": HEIGHT, "weight_kg": WEIGHT, "req_height_min": HEIGHT,
                        "req_height_max": HEIGHT, "req_age_min": REQ_AGE, "req_age_max": REQ_AGE}.items():  # fmt: skip
        value = _int(f, raw.get(f), problems, lo=lo, hi=hi)
        if value is not None:
            v[f] = value
    for lo_f, hi_f in (("req_age_min", "req_age_max"), ("req_height_min", "req_height_max")):
        if lo_f in v and hi_f in v and v[lo_f] > v[hi_f]:
            problems.append(FieldProblem(hi_f, "members.range_inverted"))

    for f in ("has_car", "req_children_ok"):
        if f in raw:
            v[f] = bool(raw[f])

    if "hobbies" in raw:
        tags = split_tags(raw["hobbies"])
        if len(tags) > HOBBY_MAX:
            problems.append(FieldProblem("hobbies", "members.too_many", maximum=HOBBY_MAX))
        elif any(len(t) > HOBBY_LEN for t in tags):
            problems.append(FieldProblem("hobbies", "members.too_long", maximum=HOBBY_LEN))
        else:
            v["hobbies"] = tags
    if "req_districts" in raw:
        bad = [d for d in raw["req_districts"] if d not in codes.DISTRICTS]
        if bad:
            problems.append(FieldProblem("req_districts", "members.unknown_code", value=",".join(bad)))
        else:
            v["req_districts"] = sorted(set(raw["req_districts"]))
    if "req_marital" in raw:
        allowed = {str(m.value) for m in codes.Marital}
        bad = [m for m in map(str, raw["req_marital"]) if m not in allowed]
        if bad:
            problems.append(FieldProblem("req_marital", "members.unknown_code", value=",".join(bad)))
        else:
            v["req_marital"] = sorted({str(m) for m in raw["req_marital"]})
    if "matchmaker_id" in raw:
        v["matchmaker_id"] = raw["matchmaker_id"] or None
    _importance(raw, v, problems)
    return v, problems


def _importance(given: dict[str, Any], v: dict[str, Any], problems: list[FieldProblem]) -> None:
    """req_importance, when given: {requirement: level} with keys of codes.IMPORTANCE_KEYS and
    levels of codes.Importance; an empty or None level drops the entry (importance not said)."""
    if "req_importance" not in given:
        return
    raw = given["req_importance"]
    if not isinstance(raw, dict):
        problems.append(FieldProblem("req_importance", "members.unknown_code", value=str(raw)[:40]))
        return
    levels = {int(i) for i in codes.Importance}
    out: dict[str, int] = {}
    for key, level in raw.items():
        if level is None or level == "":
            continue
        code = _code("req_importance", level, levels, problems, as_int=True)
        if key not in codes.IMPORTANCE_KEYS:
            problems.append(FieldProblem("req_importance", "members.unknown_code", value=str(key)[:40]))
        elif code is not None:
            out[key] = code
    if not any(p.field == "req_importance" for p in problems):
        v["req_importance"] = dict(sorted(out.items()))


def blocking(problems: list[FieldProblem]) -> list[FieldProblem]:
    return [p for p in problems if not p.warning]
