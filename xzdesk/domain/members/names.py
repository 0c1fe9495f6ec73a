"""People's names: surname split (compound surnames), pinyin for sorting and initials for search.

Names may hold any GB 18030-2022 character, including supplementary planes (𠇔, 䶮): Python
strings index code points, so nothing here can split a surrogate pair. Lengths are counted in
code points after NFC normalisation.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Any

# Two-character (复姓) surnames in use; a name starting with one keeps both characters.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 独孤 南宫 西门 "
    "万俟 闻人 赫连 澹台 申屠 公冶 太史 呼延 单于 百里 东郭 南门 羊舌 微生 公羊 梁丘 左丘 东门 "
    "司空 濮阳 淳于 仲孙 太叔 拓跋 第五 歐陽 司馬 諸葛 東方".split()
)

# Surnames read differently from the character's common reading (姓氏读音).
_SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "仇": "qiu", "区": "ou", "解": "xie", "查": "zha", "朴": "piao",
    "黑": "he", "乐": "yue", "缪": "miao", "翟": "zhai", "覃": "qin", "盖": "ge", "秘": "bi",
    "种": "chong", "召": "shao", "尉": "yu", "员": "yun", "万俟": "moqi", "尉迟": "yuchi",
    "长孙": "zhangsun", "单于": "chanyu", "繁": "po", "都": "du", "柏": "bai", "藏": "zang",
}  # fmt: skip


def normalize_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name or "").split())


def split_surname(name: str) -> tuple[str, str]:
    """(surname, given name). Compound surnames keep both characters."""
    name = normalize_name(name)
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    if len(name) == 2 and name in COMPOUND_SURNAMES:
        return name, ""
    return name[:1], name[1:]


# How print names a person without the full name (printed text, reviewed with the print labels).
TITLES = {1: "先生", 2: "女士"}


def polite_name(name: str | None, sex: int | None) -> str:
    """Surname + 先生/女士, compound surnames kept whole (`张先生`, `欧阳女士`): the one form in
    which badges, table tents, result slips and introduction slips name a person. An unknown sex
    gives the surname alone."""
    surname, _given = split_surname(name or "")
    return surname + TITLES.get(int(sex), "") if sex is not None else surname


@cache
def _pinyin() -> Any:
    """pypinyin loads its phrase dictionary on import (about a second): load it on first use,
    not at start-up (`warm_up` can preload it on a background thread)."""
    import pypinyin

    return pypinyin


def warm_up() -> None:
    _converter()


_REMEMBER = 50_000  # segments remembered (a few MB), then forgotten all at once


@cache
def _converter() -> Any:
    """`pypinyin.lazy_pinyin`'s own conversion (a `Pinyin` over an `UltimateConverter` with its
    default options), remembering what it made of each segment of a name (a surname, 建国, 伟) and
    the styled reading of each (character, reading) pair: a roster repeats the same few thousand
    characters and given names. Same results as `lazy_pinyin` (a test compares them)."""
    _pinyin()
    from pypinyin.converter import UltimateConverter
    from pypinyin.core import Pinyin

    class Remembering(UltimateConverter):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.styled: dict[tuple[Any, ...], str] = {}
            self.converted: dict[tuple[Any, ...], list[list[str]]] = {}

        def convert(self, words: str, style: Any, heteronym: bool, errors: Any, strict: Any, **kwargs: Any) -> Any:
            key = (words, style, heteronym, errors, strict)
            if kwargs or not isinstance(errors, str):
                return super().convert(words, style, heteronym, errors, strict, **kwargs)
            out = self.converted.get(key)
            if out is None:
                if len(self.converted) >= _REMEMBER:
                    self.converted.clear()
                out = self.converted[key] = super().convert(words, style, heteronym, errors, strict)
            return [list(item) for item in out]

        def convert_style(self, han: str, orig_pinyin: str, style: Any, strict: Any, **kwargs: Any) -> str:
            if kwargs:
                return super().convert_style(han, orig_pinyin, style, strict, **kwargs)
            key = (han, orig_pinyin, style, strict)
            out = self.styled.get(key)
            if out is None:
                out = self.styled[key] = super().convert_style(han, orig_pinyin, style, strict)
            return out

    return Pinyin(Remembering())


def _lazy_pinyin(text: str) -> list[str]:
    return _converter().lazy_pinyin(text, style=_pinyin().Style.NORMAL, errors="default")


@lru_cache(maxsize=8192)
def _given_pinyin(given: str) -> tuple[str, ...]:
    """lazy_pinyin of a given name alone: a roster repeats given names far more than whole names,
    so recent ones are remembered apart (segmenting each again was most of the cost)."""
    return tuple(_lazy_pinyin(given))


def _syllables(name: str) -> list[str]:
    surname, given = split_surname(name)
    head = _SURNAME_READINGS.get(surname)
    if head is not None:
        return [head, *_given_pinyin(given)]
    return _lazy_pinyin(name)


def name_pinyin(name: str) -> str:
    """Lower-case pinyin syllables joined by spaces, for sorting (`zhang san feng`)."""
    return name_keys(name)[0]


def name_initials(name: str) -> str:
    """Lower-case initials for 首字母 search (`zsf`); non-Han characters keep their first letter."""
    return name_keys(name)[1]


@lru_cache(maxsize=8192)
def name_keys(name: str) -> tuple[str, str]:
    """(pinyin, initials) computed from one pinyin lookup (bulk paths: seeding, imports; names
    repeat, so recent ones are remembered)."""
    syllables = [s.strip().lower() for s in _syllables(normalize_name(name)) if s.strip()]
    return " ".join(syllables), "".join(s[0] for s in syllables)
