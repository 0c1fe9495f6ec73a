"""The analysts' file interface: people and pairs as CSV in, scores as CSV out.

    PEOPLE.csv   one row per person (UTF-8 with or without BOM; GB18030 is read too)
    PAIRS.csv    one row per pair:  a_id, b_id, group, a_yes, b_yes, match
    SCORES.csv   one row per pair:  a_id, b_id, score, a_yes_p, b_yes_p

PEOPLE columns (PEOPLE_COLUMNS; names case-insensitive, any order): `id` (required), `sex` (1/2 of
GB/T 2261.1, 男/女, M/F), `age` (whole years), `height_cm`, `education` (GB/T 4658 code or words:
本科, 硕士...), `sector` (a members.codes.Sector value or words; any other word is kept as the
analyst's own category), `occupation`, `employer` (only compared: "the same unit"), `income_band`
(lt50k .. gt300k, the case file's words 5万元以下.., or a yearly amount: 80000, 8万), `district`
(GB/T 2260 code or name: 鼓楼区, 鼓楼), `marital_status` (GB/T 2261.2 code or 未婚/离异/丧偶),
`children` (none/living_with/not_living_with, 无/有, 0/1), `hobbies` (tags separated by `;`);
requirements `req_age_min`, `req_age_max`, `req_height_min`, `req_height_max`,
`req_education_min`, `req_districts` (`;`), `req_marital` (`;`), `req_children_ok` (1/0, 是/否);
importance of each requirement `imp_age`, `imp_height`, `imp_education`, `imp_district`,
`imp_marital`, `imp_children` (0-3 or 无所谓/有点在意/比较在意/非常在意, irrelevant/a little/
somewhat/very; empty = not said).

PAIRS columns: `a_id`, `b_id` (required; ids of PEOPLE), `group` (the event or occasion; pairs
of one group are never split between fitting and judging; empty: the pair is its own group),
`a_yes` (A's own answer about B), `b_yes`, `match` (both said yes): 1/0, yes/no, 是/否 or
empty for unknown. For scoring, labels may be left out.

Any column may be missing and any cell empty: an unknown value is not an error. Each table
reports how many cells were empty and how many could not be read, per column, and which
columns were missing or not recognised (`*TableInfo`). Errors (XzError codes, nothing
half-read): `import.file_not_found`, `import.encoding` (row), `matching.csv.no_column`
(column), `matching.csv.duplicate_id` (row, first), `matching.csv.unknown_person` (row,
column), `matching.csv.bad_label` (row, column), `matching.csv.contradict` (row).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from xzdesk.domain.errors import XzError
from xzdesk.domain.matching.labels import LabelledPairRow
from xzdesk.domain.matching.profile import MatchProfile
from xzdesk.domain.members import codes
from xzdesk.domain.privacy.labels import IMPORTANCE_WORDS, INCOME_WORDS
from xzdesk.domain.spreadsheets.sources import detect_encoding
from xzdesk.domain.spreadsheets.tables import open_table
from xzdesk.domain.spreadsheets.values import (
    clean_children,
    clean_district,
    clean_education,
    clean_height,
    clean_marital,
    clean_sector,
    clean_sex,
)

PAIR_COLUMNS = ("a_id", "b_id", "group", "a_yes", "b_yes", "match")
SCORE_COLUMNS = ("a_id", "b_id", "score", "a_yes_p", "b_yes_p")
LIST_SEPARATOR = re.compile(r"[;；]")

Parsed = tuple[Any, bool]  # (value or None, readable): (None, True) is an empty cell


def _empty(text: str) -> bool:
    return text.strip() == ""


def _int_in(lo: int, hi: int) -> Callable[[str], Parsed]:
    def parse(text: str) -> Parsed:
        try:
            value = int(float(unicodedata.normalize("NFKC", text).strip()))
        except ValueError:
            return None, False
        return (value, True) if lo <= value <= hi else (None, False)

    return parse


def _coded(cleaner: Callable[[Any], Any], allowed: set[Any]) -> Callable[[str], Parsed]:
    def parse(text: str) -> Parsed:
        value = cleaner(text.strip())
        return (value, True) if value in allowed else (None, False)

    return parse


def _sex(text: str) -> Parsed:
    value = clean_sex(text.strip())
    return (value, True) if value in (1, 2) else (None, False)


def _height(text: str) -> Parsed:
    value = clean_height(text.strip())
    return (value, True) if isinstance(value, int) and 100 <= value <= 250 else (None, False)


def _marital(text: str) -> Parsed:
    value = clean_marital(text.strip(), [])
    return (value, True) if value in {int(m) for m in codes.Marital} else (None, False)


def _sector(text: str) -> Parsed:
    value = clean_sector(text.strip())
    return (str(value), True) if value else (None, True)


def _text(text: str) -> Parsed:
    return " ".join(text.split()), True


def _tags(text: str) -> Parsed:
    return tuple(t.strip() for t in LIST_SEPARATOR.split(text) if t.strip()), True


_INCOME_WORDS = {v: k for k, v in INCOME_WORDS.items() if k != "unspecified"}
_INCOME_LIMITS = ((50_000, "lt50k"), (100_000, "50k_100k"), (200_000, "100k_200k"), (300_000, "200k_300k"))


def _income(text: str) -> Parsed:
    key = unicodedata.normalize("NFKC", text).strip()
    if key in INCOME_WORDS and key != "unspecified":
        return key, True
    if key in _INCOME_WORDS:
        return _INCOME_WORDS[key], True
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(万|万元|元)?", key)
    if match is None:
        return None, False
    amount = float(match.group(1)) * (10_000 if (match.group(2) or "").startswith("万") else 1)
    return next((band for limit, band in _INCOME_LIMITS if amount < limit), "gt300k"), True


def _children(text: str) -> Parsed:
    key = text.strip()
    simple = {"0": "none", "无": "none", "1": "living_with", "有": "living_with"}
    value = simple.get(key) or clean_children(key)
    return (value, True) if value in {c.value for c in codes.Children} else (None, False)


_IMPORTANCE = {**{w: k for k, w in IMPORTANCE_WORDS.items()}, "irrelevant": 0, "alittle": 1, "somewhat": 2,
               "very": 3, **{str(i): i for i in range(4)}}  # fmt: skip


def _importance(text: str) -> Parsed:
    key = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    return (_IMPORTANCE[key], True) if key in _IMPORTANCE else (None, False)


_YES = {"1", "yes", "y", "true", "是", "有"}
_NO = {"0", "no", "n", "false", "否", "无"}


def _yes_no(text: str) -> Parsed:
    key = unicodedata.normalize("NFKC", text).strip().lower()
    if key in _YES:
        return True, True
    return (False, True) if key in _NO else (None, False)


def _each(parse: Callable[[str], Parsed]) -> Callable[[str], Parsed]:
    def parse_list(text: str) -> Parsed:
        values = [parse(t) for t in LIST_SEPARATOR.split(text) if t.strip()]
        return tuple(v for v, ok in values if ok and v is not None), all(ok for _, ok in values)

    return parse_list


_EDUCATION = {int(e) for e in codes.Education}
_DISTRICT = _coded(clean_district, set(codes.DISTRICTS))
_REQ_AGE = _int_in(16, 99)
_REQ_HEIGHT = _int_in(100, 250)
# PEOPLE column -> (parser, MatchProfile field)
PEOPLE_COLUMNS: dict[str, tuple[Callable[[str], Parsed], str]] = {
    "sex": (_sex, "sex"), "age": (_int_in(16, 99), "age"), "height_cm": (_height, "height_cm"),
    "education": (_coded(clean_education, _EDUCATION), "education"), "sector": (_sector, "sector"),
    "occupation": (_text, "occupation"), "employer": (_text, "employer"), "income_band": (_income, "income_band"),
    "district": (_DISTRICT, "district_code"), "marital_status": (_marital, "marital_status"),
    "children": (_children, "children"), "hobbies": (_tags, "hobbies"),
    "req_age_min": (_REQ_AGE, "req_age_min"), "req_age_max": (_REQ_AGE, "req_age_max"),
    "req_height_min": (_REQ_HEIGHT, "req_height_min"), "req_height_max": (_REQ_HEIGHT, "req_height_max"),
    "req_education_min": (_coded(clean_education, _EDUCATION), "req_education_min"),
    "req_districts": (_each(_DISTRICT), "req_districts"), "req_marital": (_each(_marital), "req_marital"),
    "req_children_ok": (_yes_no, "req_children_ok"),
    **{f"imp_{k}": (_importance, f"imp_{k}") for k in codes.IMPORTANCE_KEYS},
}  # fmt: skip


@dataclass(frozen=True)
class ColumnCountsInfo:
    """What a table held: rows, columns missing or not recognised, and per column how many
    cells were empty (unknown) or could not be read (also treated as unknown)."""

    rows: int
    missing_columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    empty: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PeopleTableInfo:
    profiles: tuple[MatchProfile, ...]
    counts: ColumnCountsInfo


@dataclass(frozen=True)
class PairsTableInfo:
    pairs: tuple[LabelledPairRow, ...]  # label fields None where not given
    counts: ColumnCountsInfo

    @property
    def labelled(self) -> tuple[LabelledPairRow, ...]:
        return tuple(p for p in self.pairs if p.label is not None or p.directional)


def _read_rows(path: Path | str) -> tuple[list[str], list[list[str]]]:
    """Header (lower-cased, stripped) and data rows of a CSV file."""
    path = Path(path)
    if not path.is_file():
        raise XzError("import.file_not_found")
    raw = path.read_bytes()
    encoding = detect_encoding(raw[: 256 * 1024])
    try:
        text = raw.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as exc:
        raise XzError("import.encoding", row=raw[: exc.start].count(b"\n") + 1) from exc
    dialect = csv.excel_tab if "\t" in text.split("\n", 1)[0] and "," not in text.split("\n", 1)[0] else csv.excel
    rows = [r for r in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in r)]
    if not rows:
        return [], []
    header = [unicodedata.normalize("NFKC", h).strip().lower() for h in rows[0]]
    return header, rows[1:]


def _cell(row: Sequence[str], col: int | None) -> str:
    return row[col] if col is not None and col < len(row) else ""


def read_people(path: Path | str) -> PeopleTableInfo:
    """Profiles from PEOPLE.csv (everyone active, verified and consenting: the file is the
    analyst's population). Raises the XzErrors listed in the module docstring."""
    header, rows = _read_rows(path)
    where = {name: i for i, name in reversed(list(enumerate(header)))}
    if "id" not in where:
        raise XzError("matching.csv.no_column", column="id")
    empty, unreadable = Counter[str](), Counter[str]()
    seen: dict[str, int] = {}
    profiles = []
    for n, row in enumerate(rows, start=2):
        pid = _cell(row, where["id"]).strip()
        if not pid:
            raise XzError("matching.csv.no_id", row=n)
        if pid in seen:
            raise XzError("matching.csv.duplicate_id", row=n, first=seen[pid])
        seen[pid] = n
        values: dict[str, Any] = {}
        for column, (parse, target) in PEOPLE_COLUMNS.items():
            text = _cell(row, where.get(column))
            if _empty(text):
                empty[column] += column in where
                continue
            value, ok = parse(text)
            unreadable[column] += not ok
            if value is not None:
                values[target] = value
        profiles.append(_profile(pid, values))
    counts = ColumnCountsInfo(len(rows), tuple(c for c in PEOPLE_COLUMNS if c not in where),
                              tuple(h for h in header if h not in PEOPLE_COLUMNS and h != "id"),
                              {k: v for k, v in empty.items() if v}, {k: v for k, v in unreadable.items() if v})  # fmt: skip
    return PeopleTableInfo(tuple(profiles), counts)


def _profile(pid: str, values: dict[str, Any]) -> MatchProfile:
    importance = {k: values.pop(f"imp_{k}") for k in codes.IMPORTANCE_KEYS if f"imp_{k}" in values}
    values.setdefault("marital_status", int(codes.Marital.UNSPECIFIED))
    return MatchProfile(member_id=pid, sex=values.pop("sex", 0), age=values.pop("age", None), req_importance=importance,
                        status="active", verified=True, consent_matching=True, **values)  # fmt: skip


def _label(row: Sequence[str], col: int | None, n: int, column: str) -> bool | None:
    text = _cell(row, col)
    if _empty(text):
        return None
    value, ok = _yes_no(text)
    if not ok:
        raise XzError("matching.csv.bad_label", row=n, column=column)
    return value


def read_pairs(path: Path | str, people: PeopleTableInfo | Sequence[MatchProfile]) -> PairsTableInfo:
    """Pairs from PAIRS.csv whose ids are in `people`. Raises the XzErrors listed above."""
    header, rows = _read_rows(path)
    where = {name: i for i, name in reversed(list(enumerate(header)))}
    for column in ("a_id", "b_id"):
        if column not in where:
            raise XzError("matching.csv.no_column", column=column)
    known = {p.member_id for p in (people.profiles if isinstance(people, PeopleTableInfo) else people)}
    empty = Counter[str]()
    pairs = []
    for n, row in enumerate(rows, start=2):
        ids = {}
        for column in ("a_id", "b_id"):
            ids[column] = _cell(row, where[column]).strip()
            if ids[column] not in known:
                raise XzError("matching.csv.unknown_person", row=n, column=column)
        answers = {c: _label(row, where.get(c), n, c) for c in ("a_yes", "b_yes", "match")}
        for c in ("group", *answers):
            empty[c] += c in where and _empty(_cell(row, where.get(c)))
        group = _cell(row, where.get("group")).strip() or f"row-{n}"
        try:
            pairs.append(LabelledPairRow(ids["a_id"], ids["b_id"], answers["match"], "table", group,
                                         a_yes=answers["a_yes"], b_yes=answers["b_yes"]))  # fmt: skip
        except XzError as exc:
            raise XzError("matching.csv.contradict", row=n) from exc
    counts = ColumnCountsInfo(len(rows), tuple(c for c in PAIR_COLUMNS if c not in where),
                              tuple(h for h in header if h not in PAIR_COLUMNS), {k: v for k, v in empty.items() if v})  # fmt: skip
    return PairsTableInfo(tuple(pairs), counts)


def write_scores(
    path: Path | str,
    pairs: Sequence[tuple[str, str]],
    score: np.ndarray,
    a_yes_p: np.ndarray | None = None,
    b_yes_p: np.ndarray | None = None,
) -> Path:
    """SCORES.csv (or .xlsx): a_id, b_id, score, a_yes_p, b_yes_p (the last two empty for the
    rule score). UTF-8 with BOM, formula-injection defence, written whole or not at all."""
    path = Path(path)
    with open_table(path, headers=SCORE_COLUMNS, text_columns=(0, 1)) as out:
        for i, (a, b) in enumerate(pairs):
            out.row([a, b, round(float(score[i]), 6),
                     None if a_yes_p is None else round(float(a_yes_p[i]), 6),
                     None if b_yes_p is None else round(float(b_yes_p[i]), 6)])  # fmt: skip
    return path
