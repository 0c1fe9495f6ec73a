"""validate_draft (a table of field checks): every problem of a draft, in the order a form and
an import report list them, with their parameters; the values it keeps."""

from __future__ import annotations

from datetime import date

from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.identity import check_char
from xzdesk.domain.members.validation import validate_draft

TODAY = date(2026, 5, 1)


def resident_id(region: str, birth: str, seq: str) -> str:
    return f"{region}{birth}{seq}" + check_char(f"{region}{birth}{seq}")


def problems(draft: MemberDraft) -> list[tuple]:
    return [(p.field, p.code, p.warning, p.params) for p in validate_draft(draft, today=TODAY)[1]]


def test_every_problem_is_reported_in_field_order() -> None:
    draft = MemberDraft(
        name="张3", nickname="x" * 17, sex="1", birth_date="1991-01-01", id_number=resident_id("990302", "19900307", "002"),
        mobile="123", district_code="999999", education="9", marital_status="x", height_cm="300", weight_kg="abc",
        req_age_min="40", req_age_max="30", req_height_min="180", req_height_max="160",
        hobbies=",".join(f"t{i}" for i in range(21)), req_districts=["320302", "999999"], req_marital=["1", "9"],
        children="Z",
    )  # fmt: skip
    assert problems(draft) == [
        ("name", "members.name_has_digits", False, {}),
        ("nickname", "members.too_long", False, {"maximum": 16}),
        ("id_number", "identity.id_region_unknown", True, {}),
        ("sex", "members.sex_contradicts_id", False, {"id_sex": 2}),
        ("birth_date", "members.birth_contradicts_id", False, {"id_birth": "1990-03-07"}),
        ("mobile", "identity.mobile_format", False, {}),
        ("district_code", "members.unknown_code", False, {"value": "999999"}),
        ("education", "members.unknown_code", False, {"value": "9"}),
        ("marital_status", "members.unknown_code", False, {"value": "x"}),
        ("children", "members.unknown_code", False, {"value": "Z"}),
        ("height_cm", "members.out_of_range", False, {"minimum": 120, "maximum": 230}),
        ("weight_kg", "members.not_a_number", False, {}),
        ("req_age_max", "members.range_inverted", False, {}),
        ("req_height_max", "members.range_inverted", False, {}),
        ("hobbies", "members.too_many", False, {"maximum": 20}),
        ("req_districts", "members.unknown_code", False, {"value": "999999"}),
        ("req_marital", "members.unknown_code", False, {"value": "1,9"}),
    ]
    values = validate_draft(draft, today=TODAY)[0]
    # the ID number decides sex and birth date; only valid values are kept
    assert values == {"id_number": "990302199003070020", "sex": 2, "birth_date": date(1990, 3, 7),
                      "req_height_min": 180, "req_height_max": 160, "req_age_min": 40, "req_age_max": 30}  # fmt: skip


def test_an_empty_draft_names_each_required_field() -> None:
    assert problems(MemberDraft()) == [
        (f, "members.required", False, {}) for f in ("name", "id_number", "mobile", "district_code")
    ]


def test_a_valid_draft_is_normalised() -> None:
    draft = MemberDraft(name=" 王 五 ", id_number=resident_id("320302", "19900307", "001"), mobile="138 0013 8000",
                        district_code="320302", height_cm="１７５", hobbies="读书、跑步，读书", has_car=1,
                        req_districts=["320303", "320302", "320302"], matchmaker_id="")  # fmt: skip
    values, found = validate_draft(draft, today=TODAY)
    assert found == []
    assert values["sex"] == 1 and values["birth_date"] == date(1990, 3, 7)
    assert (values["mobile"], values["height_cm"], values["hobbies"]) == ("13800138000", 175, ["读书", "跑步"])
    assert (values["has_car"], values["req_districts"], values["matchmaker_id"]) == (True, ["320302", "320303"], None)
