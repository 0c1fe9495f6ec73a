"""MatchProfile normalisation and the mapping from a Member row."""

from __future__ import annotations

from datetime import date

import pytest

from xzdesk.domain.matching import MatchPool, MatchProfile, age_on, pair_problems, profile_from_member, rank
from xzdesk.domain.matching.profile import exact_age
from xzdesk.domain.members.models import Member


def test_age_on_birthdays():
    assert age_on(date(1990, 6, 15), date(2026, 6, 14)) == 35
    assert age_on(date(1990, 6, 15), date(2026, 6, 15)) == 36
    assert age_on(date(2000, 2, 29), date(2026, 2, 28)) == 25
    assert age_on(date(2000, 2, 29), date(2026, 3, 1)) == 26


def test_profile_from_member_maps_every_column():
    m = Member(
        id="0190-aaaa", sex=2, birth_date=date(1994, 3, 2), height_cm=162, education=21,
        marital_status=40, children="living_with", district_code="320311",
        hobbies=["羽毛球", "旅行", "羽毛球", " 读书 "], income_band="100k_200k",
        req_age_min=30, req_age_max=38, req_height_min=170, req_height_max=None,
        req_education_min=31, req_districts=["320311", "320302"], req_marital=["10", "40"],
        req_children_ok=True, status="active", verified=True, fraud_flag=False, sector="health",
        occupation="护 士", employer="徐州市 中心医院", req_importance={"age": 3, "height": "1", "nonsense": 2, "district": 9},
    )
    p = profile_from_member(m, today=date(2026, 3, 1), consent_matching=True, open_proposals=2)
    assert p == MatchProfile(
        member_id="0190-aaaa", sex=2, age=31, age_exact=31 + 364 / 365.25, height_cm=162, education=21,
        marital_status=40, children="living_with", district_code="320311", hobbies=("羽毛球", "旅行", "读书"),
        income_band="100k_200k", sector="health", occupation="护士", employer="徐州市中心医院",
        req_age_min=30, req_age_max=38, req_height_min=170,
        req_education_min=31, req_districts=("320311", "320302"), req_marital=(10, 40),
        req_children_ok=True, req_importance={"height": 1, "age": 3}, status="active", verified=True,
        fraud_flag=False, consent_matching=True, open_proposals=2,
    )
    # Importance: known requirements and levels only, sorted; a requirement not said is None.
    assert p.req_importance == (("age", 3), ("height", 1))
    assert (p.importance("age"), p.importance("height"), p.importance("district")) == (3, 1, None)
    assert p.has_children and p.education_rank > p.req_education_rank >= 0
    # The Member column stores accepted marital codes as strings; they are honoured as ints.
    suitor = MatchProfile(member_id="s", sex=1, age=33, height_cm=175, education=31, marital_status=30,
                          status="active", verified=True, consent_matching=True, district_code="320302")
    assert pair_problems(p, suitor) == ("a_requires.marital",)
    pool = MatchPool.from_profiles([p, suitor])
    assert rank(pool, "s") == []


def test_profile_values_are_normalised():
    p = MatchProfile(member_id=7, sex="1", age=-3, height_cm=99999, hobbies=["", "  "], req_districts=[""])
    assert p.member_id == "7" and p.sex == 1 and p.age == 0 and p.height_cm == 32766
    assert p.hobbies == () and p.req_districts == ()
    assert MatchProfile(member_id="x", sex=1, age=30, education=55).education_rank == -1  # unknown code


def test_unknown_is_a_value_not_a_zero():
    p = MatchProfile(member_id="u", sex=2, age=None)
    assert p.age is None and p.age_exact is None and p.sector == p.occupation == p.employer == ""
    assert MatchProfile(member_id="k", sex=2, age=30).age_exact == 30.5  # the middle of the year
    # A requirement on an unknown age is not met (as for height); no requirement: no problem.
    wants = MatchProfile(member_id="w", sex=1, age=30, req_age_max=35, status="active", verified=True,
                         consent_matching=True)  # fmt: skip
    unknown = MatchProfile(member_id="u", sex=2, age=None, status="active", verified=True, consent_matching=True)
    assert pair_problems(wants, unknown) == ("a_requires.age",)
    assert pair_problems(unknown, wants) == ("b_requires.age",)
    easy = MatchProfile(member_id="e", sex=1, age=30, status="active", verified=True, consent_matching=True)
    assert pair_problems(easy, unknown) == ()
    pool = MatchPool.from_profiles([wants, unknown, easy])
    assert [r.member_id for r in rank(pool, "u")] == ["e"]  # the vectorised filter agrees


@pytest.mark.parametrize(("birth", "today", "expected"), [
    (date(1990, 6, 15), date(2026, 6, 15), 36.0),
    (date(1990, 6, 15), date(2026, 6, 14), 35 + 364 / 365.25),
    (date(2000, 2, 29), date(2026, 3, 1), 26.0),  # the birthday counts from 1 March in a common year
])  # fmt: skip
def test_exact_age(birth, today, expected):
    assert exact_age(birth, today) == pytest.approx(expected)
    assert int(exact_age(birth, today)) == age_on(birth, today)
