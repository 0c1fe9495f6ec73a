"""Resident ID (GB 11643) and mobile rules, with the vectors from domain.md."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xzdesk.domain.errors import FieldProblem
from xzdesk.domain.members.codes import Sex
from xzdesk.domain.members.identity import age_on, check_age, check_char, normalize_mobile, parse_resident_id


def test_valid_vectors():
    a = parse_resident_id("320302197001010012")
    assert (a.number, a.birth_date, a.sex, a.region) == ("320302197001010012", date(1970, 1, 1), Sex.MALE, "320302")
    b = parse_resident_id("11010519491231002X")
    assert b.birth_date == date(1949, 12, 31) and b.sex == Sex.FEMALE


def test_lower_case_x_spaces_and_full_width_are_accepted():
    assert parse_resident_id(" 110105 19491231 002x ").number == "11010519491231002X"
    assert parse_resident_id("３２０３０２１９７００１０１００１２").number == "320302197001010012"


def test_fifteen_digit_number_is_upgraded():
    rid = parse_resident_id("370725881105149")
    assert rid.number == "37072519881105149X"
    assert rid.upgraded_from_15 and rid.birth_date == date(1988, 11, 5)


def test_wrong_check_digit_names_the_expected_one():
    with pytest.raises(FieldProblem) as err:
        parse_resident_id("320302197001010013")
    assert err.value.code == "identity.id_checksum"
    assert err.value.params["expected"] == "2"


@pytest.mark.parametrize("raw", ["", "12345", "32030219700101001", "3203021970010100123", "32030219700101001A"])
def test_malformed(raw):
    with pytest.raises(FieldProblem) as err:
        parse_resident_id(raw)
    assert err.value.code == "identity.id_format"


def test_impossible_birth_date():
    first17 = "32030219700231001"  # 31 February
    with pytest.raises(FieldProblem) as err:
        parse_resident_id(first17 + check_char(first17))
    assert err.value.code == "identity.id_birth_date"


def test_unknown_region_is_only_flagged_and_region_is_never_compared_with_birth_year():
    first17 = "99030219700101001"
    rid = parse_resident_id(first17 + check_char(first17))
    assert not rid.region_known
    # 320311 (泉山区) was created in 1995; people born before keep valid IDs with that code.
    old = "32031119500101001"
    assert parse_resident_id(old + check_char(old)).region_known


@given(st.integers(min_value=0, max_value=10**17 - 1))
def test_check_char_detects_any_single_digit_change(n):
    first17 = f"{n:017d}"
    good = check_char(first17)
    for pos in range(17):
        digit = int(first17[pos])
        changed = first17[:pos] + str((digit + 1) % 10) + first17[pos + 1 :]
        assert check_char(changed) != good


@given(st.integers(min_value=0, max_value=10**17 - 1))
def test_check_char_is_the_weighted_sum_of_the_digits(n):
    """ISO 7064 MOD 11-2 as the standard writes it, for ASCII digits (the fast path) and for the
    same digits in another script (Arabic-Indic: read by value)."""
    first17 = f"{n:017d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    expected = "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]
    assert check_char(first17) == expected
    assert check_char(first17.translate({ord("0") + i: 0x0660 + i for i in range(10)})) == expected


def test_check_char_refuses_what_is_not_digits():
    for bad in ("3203021970010100X", "32030219700101 01", "3203021970010100a"):
        with pytest.raises(ValueError):
            check_char(bad)


@pytest.mark.parametrize(
    "raw,expected",
    [("13812345678", "13812345678"), ("+86 138-1234-5678", "13812345678"), ("0086 13812345678", "13812345678"),
     ("８６１３８１２３４５６７８", "13812345678"), ("(138) 1234 5678", "13812345678")],
)  # fmt: skip
def test_mobile_normalisation(raw, expected):
    assert normalize_mobile(raw) == expected


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "138123456789", "05162345678", "abc"])
def test_mobile_rejected(raw):
    with pytest.raises(FieldProblem) as err:
        normalize_mobile(raw)
    assert err.value.code == "identity.mobile_format"


def test_ages():
    assert age_on(date(2000, 2, 29), date(2018, 2, 28)) == 17
    assert age_on(date(2000, 2, 29), date(2018, 3, 1)) == 18
    assert check_age(date(2010, 1, 1), 1, date(2026, 1, 1))[0].code == "members.under_age"
    warn = check_age(date(2005, 1, 1), 1, date(2026, 1, 1))  # 21: below 22 for men
    assert warn[0].code == "members.below_marriage_age" and warn[0].warning
    assert check_age(date(2005, 1, 1), 2, date(2026, 1, 1)) == []  # 21: fine for women (20)


def test_remembered_numbers_are_still_checked_for_each_day_and_refused_every_time():
    """Inside remembering_valid_numbers (an import) a valid number is parsed once per day; a
    birth date after `today` is refused on that day even after the number was accepted on a
    later one, a refused number is refused on every call, and nothing is kept after the block."""
    from xzdesk.domain.members import identity

    number = "320302202001010016"
    with identity.remembering_valid_numbers():
        first = parse_resident_id(number, today=date(2026, 1, 1))
        assert parse_resident_id(number, today=date(2026, 1, 1)) is first
        with pytest.raises(FieldProblem) as refused:
            parse_resident_id(number, today=date(2019, 12, 31))
        assert refused.value.code == "identity.id_birth_date"
        for _ in range(2):
            with pytest.raises(FieldProblem) as again:
                parse_resident_id("320302197001010013", today=date(2026, 1, 1), field="partner_id")
            assert (again.value.field, again.value.code) == ("partner_id", "identity.id_checksum")
        assert normalize_mobile("138 0000 0000") == normalize_mobile("13800000000") == "13800000000"
        with pytest.raises(FieldProblem):
            normalize_mobile("138 0000 000")
        assert len(identity._MEMO.get()) == 3
    assert identity._MEMO.get() is None
    assert parse_resident_id(number, today=date(2026, 1, 1)) is not first  # outside: read each time
    with pytest.raises(ValueError):
        check_char("3203021970010100")
