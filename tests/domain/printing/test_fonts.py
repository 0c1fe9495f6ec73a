from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from xzdesk.domain.printing import MissingGlyph, check_glyphs
from xzdesk.domain.printing.fonts import (
    FALLBACK_FONT,
    PRIMARY_FONT,
    SUBSTITUTE_CHAR,
    GlyphLog,
    clean_text,
    ensure_fonts,
    fit_lines,
    fit_text,
    text_runs,
    text_width,
    wrap_text,
)

ABSENT = "\U000201d4"  # 𠇔: in neither bundled font
FALLBACK_ONLY = "\u4dae"  # 䶮: only in Droid Sans Fallback
SUPPLEMENTARY_IN_PRIMARY = "\U0001d30c"  # a supplementary-plane character WenQuanYi has


def test_fixture_characters_are_what_the_tests_assume():
    f = ensure_fonts()
    assert ord(ABSENT) not in f.primary_cmap and ord(ABSENT) not in f.fallback_cmap
    assert ord(FALLBACK_ONLY) not in f.primary_cmap and ord(FALLBACK_ONLY) in f.fallback_cmap
    assert ord(SUPPLEMENTARY_IN_PRIMARY) in f.primary_cmap
    assert ord(SUBSTITUTE_CHAR) in f.primary_cmap


def test_check_glyphs_reports_code_point_and_string_indices_only():
    result = check_glyphs(["张先生", f"{ABSENT}女士", "欧阳女士", f"小{ABSENT}{ABSENT}", FALLBACK_ONLY])
    assert result == [MissingGlyph(codepoint=0x201D4, items=(1, 3))]
    glyph = result[0]
    assert glyph.code == "printing.glyph_missing"
    assert glyph.label == "U+201D4"
    assert not any(isinstance(v, str) and "女士" in v for v in vars(glyph).values())


def test_check_glyphs_all_good():
    assert check_glyphs(["张先生", "欧阳女士", "Tom", "M01", FALLBACK_ONLY, SUPPLEMENTARY_IN_PRIMARY, ""]) == []


def test_runs_use_fallback_and_substitute():
    log = GlyphLog()
    runs = text_runs(f"张{FALLBACK_ONLY}{ABSENT}b", log=log, item=7)
    assert runs == [(PRIMARY_FONT, "张"), (FALLBACK_FONT, FALLBACK_ONLY), (PRIMARY_FONT, f"{SUBSTITUTE_CHAR}b")]
    assert log.result() == (MissingGlyph(codepoint=0x201D4, items=(7,)),)


def test_clean_text_nfc_controls_and_invisibles():
    decomposed = "Jose\u0301"
    assert clean_text(decomposed) == unicodedata.normalize("NFC", decomposed)
    assert clean_text(" 张\t先\n生 ") == "张 先 生"
    assert clean_text("欧\u200d阳\ufeff") == "欧阳"
    assert clean_text("葛\U000e0100") == "葛"  # ideographic variation selector dropped
    assert clean_text("\U000201d4") == "\U000201d4"  # supplementary plane kept whole


def test_fit_text_shrinks_then_condenses_but_never_overflows():
    box_w, box_h = 100.0, 30.0
    short = fit_text("张先生", box_w=box_w, box_h=box_h, max_size=24)
    assert short.size == 24 and short.hscale == 100
    longer = fit_text("阳光男孩小王同学的超级长昵称", box_w=box_w, box_h=box_h, max_size=24)
    assert longer.size < 24 and longer.hscale == 100
    assert longer.width <= box_w + 1e-6
    huge = fit_text("长" * 200, box_w=box_w, box_h=box_h, max_size=24, min_size=5)
    assert huge.size == 5 and huge.hscale < 100
    assert huge.width <= box_w + 1e-6


@given(st.text(alphabet="张王欧阳先生女士阳光小雨ABCxyz 01" + FALLBACK_ONLY + ABSENT, max_size=60),
       st.floats(min_value=5, max_value=300), st.floats(min_value=4, max_value=80))
def test_fit_text_width_never_exceeds_box(text, box_w, box_h):
    text = clean_text(text)
    fitted = fit_text(text, box_w=box_w, box_h=box_h, max_size=40)
    assert fitted.width <= box_w + 1e-6
    lines, two = fit_lines(text, box_w=box_w, box_h=box_h, max_size=40)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert text_width(line, two.size) * two.hscale / 100 <= box_w + 1e-6


def test_fit_lines_breaks_long_names_in_two_balanced_lines():
    lines, fitted = fit_lines("阳光男孩小王同学的超级长昵称", box_w=150, box_h=40, max_size=30)
    assert len(lines) == 2
    assert abs(len(lines[0]) - len(lines[1])) <= 1
    one = fit_text("阳光男孩小王同学的超级长昵称", box_w=150, box_h=40, max_size=30)
    assert fitted.size > one.size


@given(st.text(alphabet="徐州工会联谊活动，。请勿转账投资ABC def 123" + ABSENT, max_size=200),
       st.floats(min_value=40, max_value=400))
def test_wrap_text_lines_fit_and_keep_all_characters(text, width):
    lines = wrap_text(text, width=width, size=10)
    for line in lines:
        assert text_width(line, 10) <= width + 1e-6 or len(line) == 1
    if not re.search(r"[，。][\s，。]*[，。]", text):  # kinsoku can only move one character back
        for line in lines[1:]:
            assert not line.startswith(("，", "。"))
    assert "".join(lines).replace(" ", "") == clean_text(text).replace(" ", "")


def test_lone_surrogate_and_unassigned_code_points_do_not_crash():
    text = "张\ud840先生\U0010fffd"
    log = GlyphLog()
    runs = text_runs(clean_text(text), log=log, item=0)
    assert "".join(chunk for _, chunk in runs) == f"张{SUBSTITUTE_CHAR}先生{SUBSTITUTE_CHAR}"
    assert [g.codepoint for g in log.result()] == [0xD840, 0x10FFFD]
    assert [g.codepoint for g in check_glyphs([text])] == [0xD840, 0x10FFFD]
