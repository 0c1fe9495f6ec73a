from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from xzdesk.domain.members.names import name_initials, name_pinyin, split_surname
from xzdesk.domain.privacy.masking import mask


def test_examples_from_domain_rules():
    assert mask("11010519491231002X", "id") == "110***********002X"
    assert mask("13812345678", "phone") == "138****5678"
    assert mask("张三", "name") == "张*"
    assert mask("张三丰", "name") == "张*"
    assert mask("欧阳娜娜", "name") == "欧阳*"
    assert mask(None, "name") == ""


def test_supplementary_plane_names_never_split():
    assert mask("𠇔䶮", "name") == "𠇔*"
    assert mask("王𠇔", "name") == "王*"
    masked = mask("𠇔𠇔𠇔𠇔", "text")
    assert masked == "𠇔**𠇔"
    masked.encode("utf-8")  # no lone surrogates


def test_surname_and_pinyin():
    assert split_surname("欧阳娜娜") == ("欧阳", "娜娜")
    assert split_surname("张三") == ("张", "三")
    assert name_pinyin("单田芳") == "shan tian fang"  # surname reading, not dan
    assert name_initials("张三丰") == "zsf"
    assert name_initials("曾小贤") == "zxx"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=8, max_size=24))
def test_mask_keeps_only_head_and_tail(text):
    for kind in ("id", "phone"):
        out = mask(text, kind)
        assert len(out) == len(text)
        assert out[:3] == text[:3] and out[-4:] == text[-4:]
        assert set(out[3:-4]) <= {"*"}
