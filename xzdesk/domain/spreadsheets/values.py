"""Cell values as people type them -> the raw values the case editor's validation expects.

`clean_value(field, raw, epoch=..., problems=...)` turns one cell into a `MemberDraft` value:
full-width digits and letters folded, spaces trimmed, Excel serial dates and typed dates
(1990.1.1, 1990/01/01, 1990年1月1日, 19900101) made dates, 男/女/M/F/1/2 made sex codes, education,
marital and district words made national codes, `175cm` made 175. Anything it cannot read is passed
through unchanged, so `validate_draft` reports it with the editor's own codes
(`members.bad_date`, `members.unknown_code`, `members.not_a_number`...).

Problems only a spreadsheet can have get their own codes (FieldProblem, field = member field):
- `import.id_scientific`: the ID is text in scientific notation (`3.20302E+17`), as Excel shows a
  long number and as it saves it to CSV: the last digits are gone.
- `import.id_numeric_damaged`: the ID cell is a number too long for Excel's 15 significant
  digits: the last digits (and any X) are lost.
- `import.id_trailing_zeros`: an 18-digit ID ending in zeros that fails its check: a copy of a
  damaged number, where Excel replaced the digits after the 15th with zeros.
- `import.id_numeric` (warning): the ID is stored as a number but still intact; the next save in
  Excel will damage it, so the column should be formatted as text.
- `import.id_missing_x`: 17 digits whose check character would be X: the X was lost.
- `import.mobile_scientific`: the mobile number is in scientific notation.
- `import.mobile_multiple` (warning): several numbers in one cell; the first is used.
- `import.married`: 已婚 (married) people cannot register for matchmaking.
No problem carries the cell's value for identifiers (params never hold personal data).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel

from xzdesk.domain.errors import FieldProblem
from xzdesk.domain.members import codes
from xzdesk.domain.members.identity import check_char, clean_id_text

EXCEL_EPOCH = CALENDAR_WINDOWS_1900


@dataclass(frozen=True)
class YearMonth:
    """A birth 'date' given only as year and month (出生年月: `1990.01`, `199001`, `1990年1月`,
    `90年1月`). Checked against the ID number's birth date at month precision; never stored on
    its own. `alt_month` is the other reading of an ambiguous number: Excel stores `1990.10`
    typed into a number cell as 1990.1, so 1990.1 may mean January or October."""

    year: int
    month: int
    alt_month: int | None = None

    def matches(self, day: date) -> bool:
        return day.year == self.year and day.month in (self.month, self.alt_month)


# --- text -----------------------------------------------------------------------------------------
_WIDE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_SPACE_BETWEEN_HAN = re.compile(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])")


def fold_width(text: str) -> str:
    """Full-width ASCII (Ａ１＠) and the ideographic space to their half-width forms; other
    characters untouched (NFKC would also rewrite CJK compatibility ideographs in names)."""
    return text.translate(_WIDE)


def as_text(raw: Any) -> str | None:
    """A cell as trimmed text with full-width ASCII folded; None when empty."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = " ".join(fold_width(str(raw)).split())
    return text or None


def clean_name(raw: Any) -> str | None:
    text = as_text(raw)
    return _SPACE_BETWEEN_HAN.sub("", text) if text else None


# --- identifiers ----------------------------------------------------------------------------------
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?e\+?\d+$", re.IGNORECASE)
_DIGITS_DOT_ZERO = re.compile(r"^(\d+)\.0+$")
_DIGITS_17 = re.compile(r"\d{17}")
_DIGITS_18 = re.compile(r"\d{18}")


def _id_text(raw: Any) -> tuple[str, bool]:
    """(cleaned text, came from a numeric cell)."""
    if isinstance(raw, bool):
        return str(raw), False
    if isinstance(raw, int):
        return str(raw), True
    if isinstance(raw, float):
        if raw.is_integer() and abs(raw) < 1e15:
            return str(int(raw)), True
        return repr(raw), True
    # NFKC first so a full-width apostrophe is dropped too; clean_id_text's own NFKC is then a no-op.
    text = clean_id_text(unicodedata.normalize("NFKC", str(raw)).strip().lstrip("'"))
    match = _DIGITS_DOT_ZERO.match(text)
    return (match.group(1) if match else text), False


def clean_id_number(raw: Any, problems: list[FieldProblem], *, field: str = "id_number") -> str | None:
    """The ID as text for validation, or None with a problem when Excel already damaged it."""
    if raw is None or raw == "":
        return None
    text, numeric = _id_text(raw)
    if not text:
        return None
    if numeric and isinstance(raw, float) and abs(raw) >= 1e15:
        problems.append(FieldProblem(field, "import.id_numeric_damaged"))
        return None
    if _SCIENTIFIC.match(text):
        problems.append(FieldProblem(field, "import.id_scientific"))
        return None
    if _DIGITS_18.fullmatch(text) and text.endswith("000") and check_char(text[:17]) != text[17]:
        problems.append(FieldProblem(field, "import.id_numeric_damaged" if numeric else "import.id_trailing_zeros"))
        return None
    if _DIGITS_17.fullmatch(text) and check_char(text) == "X":
        problems.append(FieldProblem(field, "import.id_missing_x"))
        return None
    if numeric and len(text) == 18:
        problems.append(FieldProblem(field, "import.id_numeric", warning=True))
    return text


_PHONE_SPLIT = re.compile(r"[,，;；/、|]|\s{2,}")


def clean_mobile(raw: Any, problems: list[FieldProblem], *, field: str = "mobile") -> str | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if isinstance(raw, float) and not raw.is_integer():
            problems.append(FieldProblem(field, "import.mobile_scientific"))
            return None
        return str(int(raw))
    text = unicodedata.normalize("NFKC", str(raw)).strip().lstrip("'")
    if _SCIENTIFIC.match(text.replace(" ", "")):
        problems.append(FieldProblem(field, "import.mobile_scientific"))
        return None
    parts = [p.strip() for p in _PHONE_SPLIT.split(text) if p.strip()]
    if len(parts) > 1:
        problems.append(FieldProblem(field, "import.mobile_multiple", warning=True, count=len(parts)))
        text = parts[0]
    match = _DIGITS_DOT_ZERO.match(text)
    return match.group(1) if match else text


def clean_code_text(raw: Any) -> str | None:
    """Membership numbers and similar codes: text, a numeric cell without its `.0`."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    text = as_text(raw)
    return text.lstrip("'") if text else None


# --- dates ----------------------------------------------------------------------------------------
_YMD = re.compile(r"^(\d{4})\s*[./\-年]\s*(\d{1,2})\s*[./\-月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_YMD_SHORT = re.compile(r"^(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")  # 88年5月3日
_YM = re.compile(r"^(\d{4})\s*[./\-年]\s*(\d{1,2})\s*月?$")  # 1988.05 1988-5 1988/5 1988年5月
_YM_SHORT = re.compile(r"^(\d{2})\s*年\s*(\d{1,2})\s*月?$")  # 88年5月
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 19880503
_COMPACT_YM = re.compile(r"^(\d{4})(\d{2})$")  # 198805
_SERIAL = re.compile(r"^\d{1,5}(\.\d+)?$")
# A serial number of a birth date has at most five digits (99999 is the year 2173); six digits
# are a year and month (198805), eight a full date (19880503), never a serial.
MAX_BIRTH_SERIAL = 99_999
YEARS = range(1900, 2100)  # a four-digit number in this range is a year, not a serial


def _ymd(y: int, m: int, d: int, raw: Any) -> date | Any:
    try:
        return date(y, m, d)
    except ValueError:
        return str(raw)  # validation reports members.bad_date


def _year_month(year: int, month: int, raw: Any, alt_month: int | None = None) -> YearMonth | Any:
    if year in YEARS and 1 <= month <= 12:
        return YearMonth(year, month, alt_month)
    return str(raw)


def _century(yy: int) -> int:
    """88 -> 1988, 05 -> 2005: the latest year not after this one."""
    this_year = date.today().year
    return 2000 + yy if 2000 + yy <= this_year else 1900 + yy


def _number_date(raw: float, epoch: datetime) -> date | YearMonth | Any:
    """A date from a numeric cell: 19880503 and 198805 typed as numbers, 1988.05 (Excel keeps
    1988.10 as 1988.1: January or October), or an Excel serial date."""
    if float(raw).is_integer():
        number = int(raw)
        if 10_000_000 <= number <= 99_991_231:
            return _text_date(str(number), epoch)
        if 100_000 <= number <= 999_999:
            return _year_month(number // 100, number % 100, raw)
        if number in YEARS:
            return str(raw)  # a year alone is not a date
        return from_excel(number, epoch=epoch).date() if 0 < number <= MAX_BIRTH_SERIAL else str(raw)
    whole, _, decimals = repr(float(raw)).partition(".")
    if int(whole) in YEARS and len(decimals) <= 2:
        month = int(decimals)
        alt = month * 10 if len(decimals) == 1 and month * 10 <= 12 else None
        return _year_month(int(whole), month, raw, alt)
    return from_excel(raw, epoch=epoch).date() if 0 < raw <= MAX_BIRTH_SERIAL else str(raw)


def _text_date(text: str, epoch: datetime) -> date | YearMonth | Any:
    if match := _YMD.match(text) or _COMPACT.match(text):
        return _ymd(*map(int, match.groups()), text)
    if match := _YMD_SHORT.match(text):
        yy, m, d = map(int, match.groups())
        return _ymd(_century(yy), m, d, text)
    if match := _YM.match(text) or _COMPACT_YM.match(text):
        year, month = map(int, match.groups())
        return _year_month(year, month, text)
    if match := _YM_SHORT.match(text):
        yy, month = map(int, match.groups())
        return _year_month(_century(yy), month, text)
    if _SERIAL.match(text):
        return _number_date(float(text), epoch)
    return text


def clean_date(raw: Any, *, epoch: datetime = EXCEL_EPOCH) -> date | YearMonth | Any:
    """A date from a date cell, an Excel serial number or typed text; a year and month
    (出生年月) as a YearMonth; unreadable text is returned as it is (validation reports it)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _number_date(raw, epoch)
    return _text_date(unicodedata.normalize("NFKC", str(raw)).strip(), epoch)


# --- codes ----------------------------------------------------------------------------------------
_SEX = {
    "男": 1, "男性": 1, "m": 1, "male": 1, "1": 1, "先生": 1, "man": 1,
    "女": 2, "女性": 2, "f": 2, "female": 2, "2": 2, "女士": 2, "woman": 2,
}  # fmt: skip

# Education words, most specific first (大学专科 must not read as 大学).
_EDUCATION: tuple[tuple[str, codes.Education], ...] = (
    ("博士", codes.Education.DOCTORATE), ("phd", codes.Education.DOCTORATE),
    ("doctor", codes.Education.DOCTORATE),
    ("硕士", codes.Education.MASTER), ("研究生", codes.Education.MASTER), ("master", codes.Education.MASTER),
    ("中专", codes.Education.TECHNICAL_SECONDARY), ("中等专科", codes.Education.TECHNICAL_SECONDARY),
    ("中技", codes.Education.TECHNICAL_SECONDARY), ("技校", codes.Education.TECHNICAL_SECONDARY),
    ("职高", codes.Education.TECHNICAL_SECONDARY), ("中职", codes.Education.TECHNICAL_SECONDARY),
    ("中等职业", codes.Education.TECHNICAL_SECONDARY), ("technical", codes.Education.TECHNICAL_SECONDARY),
    ("大专", codes.Education.JUNIOR_COLLEGE), ("专科", codes.Education.JUNIOR_COLLEGE),
    ("高职", codes.Education.JUNIOR_COLLEGE), ("associate", codes.Education.JUNIOR_COLLEGE),
    ("college", codes.Education.JUNIOR_COLLEGE),
    ("本科", codes.Education.BACHELOR), ("学士", codes.Education.BACHELOR), ("大学", codes.Education.BACHELOR),
    ("bachelor", codes.Education.BACHELOR), ("undergraduate", codes.Education.BACHELOR),
    ("高中", codes.Education.HIGH_SCHOOL), ("普高", codes.Education.HIGH_SCHOOL),
    ("highschool", codes.Education.HIGH_SCHOOL),
    ("初中", codes.Education.JUNIOR_HIGH), ("juniorhigh", codes.Education.JUNIOR_HIGH),
    ("小学", codes.Education.PRIMARY), ("primary", codes.Education.PRIMARY),
    ("其他", codes.Education.OTHER), ("其它", codes.Education.OTHER), ("other", codes.Education.OTHER),
)  # fmt: skip

_MARITAL = {
    "未婚": codes.Marital.NEVER_MARRIED, "单身": codes.Marital.NEVER_MARRIED,
    "未婚单身": codes.Marital.NEVER_MARRIED, "single": codes.Marital.NEVER_MARRIED,
    "nevermarried": codes.Marital.NEVER_MARRIED, "unmarried": codes.Marital.NEVER_MARRIED,
    "离异": codes.Marital.DIVORCED, "离婚": codes.Marital.DIVORCED, "divorced": codes.Marital.DIVORCED,
    "丧偶": codes.Marital.WIDOWED, "widowed": codes.Marital.WIDOWED,
    "未说明": codes.Marital.UNSPECIFIED, "不详": codes.Marital.UNSPECIFIED, "未知": codes.Marital.UNSPECIFIED,
    "unspecified": codes.Marital.UNSPECIFIED,
}  # fmt: skip
_MARRIED = ("已婚", "初婚", "再婚", "复婚", "married")

_CHILDREN = {
    "无": codes.Children.NONE, "无子女": codes.Children.NONE, "没有": codes.Children.NONE,
    "none": codes.Children.NONE, "no": codes.Children.NONE,
    "有子女随本人生活": codes.Children.LIVING_WITH, "随本人生活": codes.Children.LIVING_WITH,
    "随本人": codes.Children.LIVING_WITH, "有随本人": codes.Children.LIVING_WITH,
    "有子女不随本人生活": codes.Children.NOT_LIVING_WITH, "不随本人生活": codes.Children.NOT_LIVING_WITH,
    "不随本人": codes.Children.NOT_LIVING_WITH, "有不随本人": codes.Children.NOT_LIVING_WITH,
}  # fmt: skip

_SECTOR = (
    ("教育", codes.Sector.EDUCATION), ("学校", codes.Sector.EDUCATION), ("医", codes.Sector.HEALTH),
    ("卫生", codes.Sector.HEALTH), ("制造", codes.Sector.MANUFACTURING), ("工业", codes.Sector.MANUFACTURING),
    ("交通", codes.Sector.TRANSPORT), ("运输", codes.Sector.TRANSPORT), ("物流", codes.Sector.TRANSPORT),
    ("机关", codes.Sector.PUBLIC_SERVICE), ("公共", codes.Sector.PUBLIC_SERVICE),
    ("事业", codes.Sector.PUBLIC_SERVICE), ("金融", codes.Sector.FINANCE), ("银行", codes.Sector.FINANCE),
    ("互联网", codes.Sector.IT), ("信息", codes.Sector.IT), ("软件", codes.Sector.IT), ("it", codes.Sector.IT),
    ("建筑", codes.Sector.CONSTRUCTION), ("零售", codes.Sector.RETAIL), ("商贸", codes.Sector.RETAIL),
    ("能源", codes.Sector.ENERGY), ("电力", codes.Sector.ENERGY), ("煤", codes.Sector.ENERGY),
    ("其他", codes.Sector.OTHER),
)  # fmt: skip

_DISTRICT_BY_NAME: dict[str, str] = {}
for _code, _name in codes.DISTRICTS.items():
    _DISTRICT_BY_NAME[_name] = _code
    if len(_name) > 2 and _name[-1] in "区县市":
        _DISTRICT_BY_NAME[_name[:-1]] = _code
_DISTRICT_BY_NAME.update({
    "经开区": "320371", "开发区": "320371", "经济开发区": "320371", "经济技术开发区": "320371",
    "徐州经开区": "320371", "徐州经济开发区": "320371", "铜山县": "320312",
})  # fmt: skip
_DISTRICT_PREFIXES = ("江苏省", "江苏", "徐州市", "徐州")


_KEY_DROP = re.compile(r"[\s_\-·]")


def _key(raw: Any) -> str:
    return _KEY_DROP.sub("", unicodedata.normalize("NFKC", str(raw))).lower()


def _words(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`read` (a pure function of one cell) remembered for text cells: a roster repeats the same
    few words (男, 本科, 鼓楼区, 175cm) down a column. Other cells are read each time."""
    remembered = functools.lru_cache(maxsize=4096)(read)

    @functools.wraps(read)
    def cell(raw: Any) -> Any:
        return remembered(raw) if type(raw) is str else read(raw)

    return cell


_READ = object()  # the cell is text a cleaner has to read


def _cell_code(raw: Any, *, as_code: Callable[[int], Any] = int, digits: bool = False) -> Any:
    """What a code cell says by itself: None when empty, the code when it holds a whole number
    (spreadsheets store 1 as 1.0) or, with `digits`, text of digits; else _READ."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer():
        return as_code(int(raw))
    if digits and _key(raw).isdigit():
        return int(_key(raw))
    return _READ


@_words
def clean_sex(raw: Any) -> Any:
    direct = _cell_code(raw)
    return direct if direct is not _READ else _SEX.get(_key(raw), as_text(raw))


@_words
def clean_education(raw: Any) -> Any:
    direct = _cell_code(raw, digits=True)
    if direct is not _READ:
        return direct
    key = _key(raw)
    for word, code in _EDUCATION:
        if word in key:
            return int(code)
    return as_text(raw)


_SAYS_MARRIED = object()  # the cell says the person is married


@_words
def _marital(raw: Any) -> Any:
    direct = _cell_code(raw, digits=True)
    if direct is not _READ:
        return direct
    key = _key(raw)
    if key in _MARITAL:
        return int(_MARITAL[key])
    if any(word in key for word in _MARRIED):
        return _SAYS_MARRIED
    for word, code in _MARITAL.items():  # 离异无子女, 未婚（从未结婚）
        if len(word) >= 2 and key.startswith(word):
            return int(code)
    return as_text(raw)


def clean_marital(raw: Any, problems: list[FieldProblem], *, field: str = "marital_status") -> Any:
    value = _marital(raw)
    if value is _SAYS_MARRIED:
        problems.append(FieldProblem(field, "import.married"))
        return None
    return value


@_words
def clean_children(raw: Any) -> Any:
    if raw is None or raw == "":
        return None
    key = _key(raw)
    return _CHILDREN[key].value if key in _CHILDREN else as_text(raw)


@_words
def clean_sector(raw: Any) -> Any:
    if raw is None or raw == "":
        return None
    key = _key(raw)
    if key in {s.value for s in codes.Sector}:
        return key
    for word, code in _SECTOR:
        if word in key:
            return code.value
    return as_text(raw)


@_words
def clean_district(raw: Any) -> Any:
    """A district code from a code (320302) or a name with or without 区/县/市 and the
    province/city prefix (鼓楼区, 鼓楼, 徐州市鼓楼区)."""
    direct = _cell_code(raw, as_code=str)
    if direct is not _READ:
        return direct
    text = _key(raw)
    if text in codes.DISTRICTS:
        return text
    for prefix in _DISTRICT_PREFIXES:  # 江苏省徐州市鼓楼区 -> 徐州市鼓楼区 -> 鼓楼区
        if text.startswith(prefix) and text not in _DISTRICT_BY_NAME:
            text = text[len(prefix) :]
    return _DISTRICT_BY_NAME.get(text, as_text(raw))


# District names inside longer text (a roster's title: 徐州市鼓楼区总工会…; a sheet name: 鼓楼).
# Full names match anywhere; a short name (鼓楼) only where it ends a word or is followed by
# 工会/总工会/分会, so 云龙湖 (a lake in 泉山区) is not 云龙区. 丰 and 沛 alone are too short.
_FULL_NAMES: dict[str, str] = {
    **{name: code for code, name in codes.DISTRICTS.items()},
    "铜山县": "320312", "经济技术开发区": "320371", "经济开发区": "320371", "经开区": "320371",
}  # fmt: skip
_SHORT_NAMES: dict[str, str] = {
    name[:-1]: code for code, name in codes.DISTRICTS.items() if len(name) == 3 and name[-1] in "区县市"
}
_NAMED = re.compile(
    "|".join(sorted(map(re.escape, _FULL_NAMES), key=len, reverse=True))
    + "|(?:" + "|".join(map(re.escape, _SHORT_NAMES)) + rf")(?=$|[^{_HAN}]|总?工会|分会)"
)


def districts_named(text: str) -> list[tuple[str, str]]:
    """The Xuzhou districts and counties a piece of text names, in order: (code, the words)."""
    found = []
    for match in _NAMED.finditer(unicodedata.normalize("NFKC", text)):
        words = match.group(0)
        found.append((_FULL_NAMES.get(words) or _SHORT_NAMES[words], words))
    return found


# --- measurements ---------------------------------------------------------------------------------
_MEASURE = re.compile(r"^(\d+(?:\.\d+)?)\s*([a-z\u4e00-\u9fff]*)$")


@_words
def clean_height(raw: Any) -> Any:
    """Centimetres from 175, 175.0, '175cm', '175厘米', '1.75m', '1.75米'."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = float(raw)
        return round(value * 100) if 1.0 <= value < 3.0 else round(value)
    match = _MEASURE.match(_key(raw))
    if not match:
        return as_text(raw)
    value, unit = float(match.group(1)), match.group(2)
    if unit in ("m", "米") or (not unit and 1.0 <= value < 3.0):
        return round(value * 100)
    if unit in ("", "cm", "厘米", "公分"):
        return round(value)
    return as_text(raw)


@_words
def clean_weight(raw: Any) -> Any:
    """Kilograms from 60, '60kg', '60公斤', '60千克', '120斤' (a jin is half a kilogram)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return round(float(raw))
    match = _MEASURE.match(_key(raw))
    if not match:
        return as_text(raw)
    value, unit = float(match.group(1)), match.group(2)
    if unit in ("", "kg", "公斤", "千克"):
        return round(value)
    if unit == "斤":
        return round(value / 2)
    return as_text(raw)


def _clean_description(raw: Any) -> str | None:
    return fold_width(str(raw)).strip() or None


# field -> how its cells are read; cleaners that can find a spreadsheet problem take `problems`.
_WITH_PROBLEMS: dict[str, Callable[[Any, list[FieldProblem]], Any]] = {
    "id_number": clean_id_number, "mobile": clean_mobile, "marital_status": clean_marital,
}  # fmt: skip
# Organisational text repeats down a roster (徐工集团工会 on every row): read once. Text about
# one person (WeChat id, nickname, place of household registration) is never remembered.
_shared_text = _words(as_text)
_CLEANERS: dict[str, Callable[[Any], Any]] = {
    "employer": _shared_text, "base_union": _shared_text, "occupation": _shared_text, "name": clean_name, "sex": clean_sex, "education": clean_education, "req_education_min": clean_education,
    "district_code": clean_district, "children": clean_children, "sector": clean_sector, "height_cm": clean_height,
    "weight_kg": clean_weight, "union_no": clean_code_text, "self_description": _clean_description,
}  # fmt: skip


Cleaner = Callable[[Any, list[FieldProblem]], Any]


@functools.cache
def cleaner(field: str, epoch: datetime = EXCEL_EPOCH) -> Cleaner:
    """How cells of `field` are read: `cleaner(field, epoch)(raw, problems)` is
    `clean_value(field, raw, epoch=epoch, problems=problems)` for a cell that is not blank
    (the importer looks it up once per column, not once per cell)."""
    if field in _WITH_PROBLEMS:
        return _WITH_PROBLEMS[field]
    if field == "birth_date":
        return lambda raw, _problems: clean_date(raw, epoch=epoch)
    read = _CLEANERS.get(field, as_text)
    return lambda raw, _problems: read(raw)


def clean_value(field: str, raw: Any, *, epoch: datetime = EXCEL_EPOCH, problems: list[FieldProblem]) -> Any:
    """One cell for `field` -> a MemberDraft value (None = empty). Problems are appended."""
    if isinstance(raw, str) and not raw.strip():
        return None
    return cleaner(field, epoch)(raw, problems)
