"""The analysis tells an identical repeat of an earlier row (skip) from a different one (review)
by `importer._digest` of the row's draft, the text of the row's cleaned values in the plan's field order. It must
tell rows apart exactly as the reference did: the text of the values sorted by field name."""

from __future__ import annotations

import itertools
import random

from tests.domain.spreadsheets.helpers import HEADERS, person, roster_rows, write_csv, write_xlsx
from xzdesk.domain.spreadsheets import (
    Decision,
    RowStatus,
    analyse_import,
    guess_mapping,
    importer,
    inspect_source,
)
from xzdesk.domain.spreadsheets.sources import RowStream

WIDE = {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}


def _reference(prepared) -> bytes:
    """The fingerprint the analysis used before: the sorted (field, value) pairs."""
    return importer._digest(tuple(sorted(prepared.draft.items())))


def _variants(rng: random.Random, n: int) -> list[list]:
    """Rows of a few people written in several ways (full-width digits, spaced phones, 175cm or
    175, dates typed differently, cells left empty) and with some fields changed."""
    rows = []
    for _ in range(n):
        p = person(rng.randrange(4))
        if rng.random() < 0.3:
            p["身份证号"] = p["身份证号"].translate(WIDE)
        if rng.random() < 0.3:
            p["手机"] = p["手机"][:3] + " " + p["手机"][3:7] + " " + p["手机"][7:]
        if rng.random() < 0.3:
            p["身高"] = str(p["身高"]).removesuffix("cm")
        if rng.random() < 0.3:
            y, m, d = p["出生日期"].split(".")
            p["出生日期"] = f"{y}年{m}月{d}日"
        for h in rng.sample(HEADERS[4:], rng.randrange(3)):
            p[h] = rng.choice([None, "", "另一家单位", "大专", "已婚", "阅读"])
        rows.append(p)
    return roster_rows(rows)


def test_rows_are_equal_exactly_when_the_reference_says_so(tmp_path):
    rng = random.Random(7)
    for n, headers in enumerate((HEADERS, HEADERS[::-1], [*HEADERS[3:], *HEADERS[:3]])):
        data = [[row[HEADERS.index(h)] for h in headers] for row in _variants(rng, 60)]
        path = write_csv(tmp_path / f"r{n}.csv", data, headers=headers)
        source = inspect_source(path)
        plan = importer._Plan.of(source, guess_mapping(source))
        with RowStream(source) as stream:
            prepared = [p for number, values in stream if (p := importer._prepare(number, values, plan))]
        assert len(prepared) == 60
        same = 0
        for a, b in itertools.combinations(prepared, 2):
            equal = importer._digest(a.draft) == importer._digest(b.draft)
            assert equal == (_reference(a) == _reference(b)), (a.row, b.row)
            same += equal
        assert 0 < same < 60 * 59 // 2  # both kinds of pair occur


def test_a_repeat_written_differently_is_identical_and_a_changed_one_is_not(store, matchmaker, tmp_path):
    first = person(1)
    typed_again = {**first, "身份证号": first["身份证号"].translate(WIDE),
                   "出生日期": "{}年{}月{}日".format(*first["出生日期"].split("."))}  # fmt: skip
    changed = {**first, "学历": "大专"}
    path = write_xlsx(tmp_path / "r.xlsx", roster_rows([first, typed_again, changed]))
    rows = {r.row: r for r in analyse_import(store, path, actor=matchmaker).rows}
    assert rows[2].status is RowStatus.NEW
    assert (rows[3].status, rows[3].decision) == (RowStatus.DUPLICATE_IN_FILE, Decision.SKIP)
    assert (rows[4].status, rows[4].decision) == (RowStatus.DUPLICATE_IN_FILE, Decision.REVIEW)
