"""The analysts' files: PEOPLE.csv and PAIRS.csv in (missing columns, empty cells, words and
codes, BOM or GB18030), SCORES.csv out, and every refusal in words."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from xzdesk.domain.errors import XzError
from xzdesk.domain.matching.tables import SCORE_COLUMNS, read_pairs, read_people, write_scores

PEOPLE = (
    "id,sex,age,height_cm,education,sector,occupation,employer,income_band,district,marital_status,children,"
    "hobbies,req_age_min,req_age_max,req_height_min,req_education_min,req_districts,req_marital,req_children_ok,"
    "imp_age,imp_height,shoe_size\n"
    "a1,男,31,175cm,本科,教育,教师,徐州一中,8万,鼓楼区,未婚,无,跑步;电影；读书,25,30,,大专,鼓楼;320303,10;离异,否,"
    "非常在意,2,42\n"
    "b1,女,29,,硕士研究生,IT,工程师,,lt50k,320311,40,有,,,,170,,,,,1,very,\n"
    "c1,2,,1.62米,31,weird sector,,,about 5,火星,99,maybe,,,,,,,,,sometimes,,\n"
    "d1,F,abc,,,,,,,,,,,,,,,,,,,,\n"
)


def write(path, text, encoding="utf-8-sig"):
    path.write_bytes(text.encode(encoding))
    return path


def test_people_in_words_and_codes(tmp_path):
    info = read_people(write(tmp_path / "people.csv", PEOPLE))
    a, b, c, d = info.profiles
    assert (a.member_id, a.sex, a.age, a.height_cm, a.education, a.sector, a.occupation, a.employer) == (
        "a1", 1, 31, 175, 21, "education", "教师", "徐州一中")  # fmt: skip
    assert (a.income_band, a.district_code, a.marital_status, a.children) == ("50k_100k", "320302", 10, "none")
    assert a.hobbies == ("跑步", "电影", "读书")
    assert (a.req_age_min, a.req_age_max, a.req_education_min, a.req_districts, a.req_marital) == (
        25, 30, 31, ("320302", "320303"), (10, 40))  # fmt: skip
    assert a.req_children_ok is False and a.req_importance == (("age", 3), ("height", 2))
    assert (b.sex, b.education, b.sector, b.income_band, b.district_code, b.marital_status, b.children) == (
        2, 14, "it", "lt50k", "320311", 40, "living_with")  # fmt: skip
    assert b.req_height_min == 170 and b.req_importance == (("age", 1), ("height", 3))
    # Unknown stays unknown: no age, no height, the case file's "未说明" marital code, sex unknown.
    assert (c.sex, c.age, c.height_cm, c.education, c.sector, c.income_band) == (2, None, 162, 31, "weird sector",
                                                                                   "unspecified")  # fmt: skip
    assert (c.district_code, c.marital_status, c.importance("age")) == ("", 90, None)
    assert (d.sex, d.age, d.marital_status) == (2, None, 90)
    assert all(p.status == "active" and p.verified and p.consent_matching for p in info.profiles)
    counts = info.counts
    assert counts.rows == 4
    assert set(counts.missing_columns) == {"req_height_max", "imp_education", "imp_district", "imp_marital",
                                           "imp_children"}  # fmt: skip
    assert counts.ignored_columns == ("shoe_size",)
    assert counts.unreadable == {"age": 1, "income_band": 1, "district": 1, "marital_status": 1, "children": 1,
                                 "imp_age": 1}  # fmt: skip
    assert counts.empty["age"] == 1 and counts.empty["height_cm"] == 2 and counts.empty["employer"] == 3


def test_bom_or_not_and_gb18030(tmp_path):
    text = "ID, Sex ,AGE\np1,男,30\np2,女,28\n"
    for encoding in ("utf-8", "utf-8-sig", "gb18030"):
        info = read_people(write(tmp_path / f"{encoding}.csv", text, encoding))
        assert [(p.member_id, p.sex, p.age) for p in info.profiles] == [("p1", 1, 30), ("p2", 2, 28)]


def test_people_refusals(tmp_path):
    cases = {
        "sex,age\n男,30\n": ("matching.csv.no_column", {"column": "id"}),
        "id,sex\np1,男\np1,女\n": ("matching.csv.duplicate_id", {"row": 3, "first": 2}),
        "id,sex\np1,男\n,女\n": ("matching.csv.no_id", {"row": 3}),
    }
    for n, (text, expected) in enumerate(cases.items()):
        with pytest.raises(XzError) as err:
            read_people(write(tmp_path / f"p{n}.csv", text))
        assert (err.value.code, err.value.params) == expected
    with pytest.raises(XzError) as err:
        read_people(tmp_path / "missing.csv")
    assert err.value.code == "import.file_not_found"


@pytest.fixture
def people(tmp_path):
    return read_people(write(tmp_path / "people.csv", "id,sex\nm1,1\nm2,1\nw1,2\nw2,2\n"))


def test_pairs_with_and_without_labels(tmp_path, people):
    text = ("a_id,b_id,group,a_yes,b_yes,match,note\n"
            "m1,w1,e1,1,0,,x\nm1,w2,e1,是,是,,\nm2,w1,e2,,,1,\nm2,w2,,,,0,\nm1,w1,e3,,,,\n")  # fmt: skip
    info = read_pairs(write(tmp_path / "pairs.csv", text), people)
    got = [(p.member_a, p.member_b, p.group, p.a_yes, p.b_yes, p.label) for p in info.pairs]
    assert got == [
        ("m1", "w1", "e1", True, False, False), ("m1", "w2", "e1", True, True, True),
        ("m2", "w1", "e2", True, True, True), ("m2", "w2", "row-5", None, None, False),  # its own group
        ("m1", "w1", "e3", None, None, None),  # to score only
    ]  # fmt: skip
    assert len(info.labelled) == 4
    assert info.counts.ignored_columns == ("note",) and info.counts.missing_columns == ()
    assert info.counts.empty == {"group": 1, "a_yes": 3, "b_yes": 3, "match": 3}
    only_ids = read_pairs(write(tmp_path / "ids.csv", "a_id,b_id\nm1,w1\n"), people)
    assert only_ids.counts.missing_columns == ("group", "a_yes", "b_yes", "match") and not only_ids.labelled


@pytest.mark.parametrize(("text", "expected"), [
    ("a_id,group\nm1,e1\n", ("matching.csv.no_column", {"column": "b_id"})),
    ("a_id,b_id\nm1,w1\nm1,zz\n", ("matching.csv.unknown_person", {"row": 3, "column": "b_id"})),
    ("a_id,b_id,a_yes\nm1,w1,maybe\n", ("matching.csv.bad_label", {"row": 2, "column": "a_yes"})),
    ("a_id,b_id,a_yes,match\nm1,w1,0,1\n", ("matching.csv.contradict", {"row": 2})),
])  # fmt: skip
def test_pairs_refusals(tmp_path, people, text, expected):
    with pytest.raises(XzError) as err:
        read_pairs(write(tmp_path / "pairs.csv", text), people)
    assert (err.value.code, err.value.params) == expected


def test_scores_are_written_whole_with_formula_defence(tmp_path):
    path = write_scores(tmp_path / "scores.csv", [("=cmd", "w1"), ("m2", "w2")], np.array([0.25, 0.5]),
                        np.array([0.5, 1.0]), np.array([0.5, 0.5]))  # fmt: skip
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as Excel and WPS want
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows == [list(SCORE_COLUMNS), ["'=cmd", "w1", "0.25", "0.5", "0.5"], ["m2", "w2", "0.5", "1.0", "0.5"]]
    rule = write_scores(tmp_path / "rule.csv", [("m1", "w1")], np.array([0.7]))
    assert list(csv.reader(rule.read_text("utf-8-sig").splitlines()))[1] == ["m1", "w1", "0.7", "", ""]
    assert not list(tmp_path.glob("*.part"))
