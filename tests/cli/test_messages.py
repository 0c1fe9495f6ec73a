"""The command line's catalogue: every error code raised anywhere in xzdesk/ has words in
Chinese and English, placeholders agree, and the codes printed as words never leak."""

from __future__ import annotations

import re
import string

import pytest

from tests.cli.codes import error_codes
from xzdesk.commands._messages import (
    FACTOR_WORDS,
    MESSAGES,
    PROGRESS_WORDS,
    REASON_WORDS,
    describe,
    describe_code,
    factor_words,
    reason_words,
    words,
)
from xzdesk.domain.errors import FieldProblem, NotFound, PermissionDenied, ValidationError, XzError
from xzdesk.domain.matching.ranking import FACTOR_CODES

CODE = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")


def codes_in(text: str) -> list[str]:
    """Known codes (raised in xzdesk/ or in the catalogue) that appear bare in `text`."""
    known = error_codes() | set(MESSAGES)
    return [c for c in CODE.findall(text) if c in known]


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_error_code_in_xzdesk_has_words():
    missing = sorted(c for c in error_codes() if c not in MESSAGES)
    assert not missing, f"no command-line words for: {missing}"


def test_the_scan_finds_codes_however_they_are_raised():
    """The scanner sees direct raises, kinds of XzError, refusals, problem rows and codes chosen
    in a conditional (a scanner that found nothing would make the test above pass vacuously)."""
    codes = error_codes()
    for code in ("members.duplicate", "staff.locked", "sync.offline", "sync.not_enrolled", "events.no_rotation",
                 "checkin.plate_ambiguous", "events.quota_below_approved", "introductions.member_not_active",
                 "sync.bad_transition", "not_found", "checkin.card_unknown_plate"):  # fmt: skip
        assert code in codes, code
    assert len(codes) > 250


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_take_the_same_placeholders_and_hold_no_code(code):
    zh, en = MESSAGES[code]
    assert _fields(zh) == _fields(en), code
    assert zh and en and zh != en
    assert not codes_in(zh) and not codes_in(en), code
    assert re.search(r"[\u4e00-\u9fff]", zh), f"{code}: the Chinese is not Chinese"


def test_a_validation_error_names_each_field_in_words():
    exc = ValidationError([FieldProblem("name", "members.required"), FieldProblem("mobile", "identity.mobile_format"),
                           FieldProblem("birth_date", "members.bad_date")])  # fmt: skip
    text = describe(exc)
    assert text.startswith("姓名必填；手机号格式不对") and "出生日期不是有效日期" in text
    assert " / name is required; not a mainland mobile number" in text and "birth date is not a valid date" in text
    assert not codes_in(text)


def test_params_that_are_codes_are_phrased():
    text = describe(XzError("events.not_eligible", member_no="XZ1", problems=["sector", "age"]))
    assert "行业不符、年龄不符" in text and "sector, age" in text
    text = describe(XzError("introductions.member_not_active", member_no="XZ1", status="paused"))
    assert "当前：暂停" in text and "now: paused" in text
    text = describe(PermissionDenied(permission="staff.manage", role="matchmaker"))
    assert "当前账号（红娘）无权管理账号" in text and "staff.manage" not in text
    assert "需要登录" in describe(PermissionDenied(permission="members.edit", role=None))
    text = describe(XzError("members.duplicate", member_no="XZ2", name="张*", district="320302"))
    assert "鼓楼区" in text and "320302" not in text


def test_missing_optional_params_leave_no_traces():
    assert describe(NotFound("members.not_found")) == "找不到会员档案 / no case file"
    assert describe(XzError("store.keyring_unavailable")).endswith("the system keyring is unavailable")


def test_an_unknown_code_prints_a_sentence_not_the_code(caplog):
    text = describe(XzError("nowhere.new_code", x=1))
    assert "nowhere" not in text and "操作未能完成" in text
    assert "nowhere.new_code" in caplog.text  # the code goes to the log for whoever looks into it
    assert describe_code("http.418") == "服务器返回 HTTP 418 / the server answered HTTP 418"


def test_id_derived_values_are_never_shown():
    text = describe(FieldProblem("birth_date", "members.birth_contradicts_id", id_birth="1988-06-01"))
    assert "1988" not in text


def _appended_reasons() -> set[str]:
    """The reason codes the matcher's rules and index append (`reasons.append("paused")`)."""
    import ast

    from tests.cli.codes import ROOT

    found = set()
    for name in ("rules.py", "index.py"):
        for node in ast.walk(ast.parse((ROOT / "domain" / "matching" / name).read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add(node.args[0].value)  # fmt: skip
            if isinstance(node, ast.Constant) and node.value in ("same_member", "same_sex"):
                found.add(node.value)
    return found


def test_match_reasons_and_factors_in_words():
    assert set(FACTOR_CODES) <= set(FACTOR_WORDS)
    reasons = _appended_reasons()
    assert {"not_verified", "age", "already_introduced"} <= reasons
    assert reasons <= set(REASON_WORDS), sorted(reasons - set(REASON_WORDS))
    codes = ["a.not_verified", "b.paused", "same_sex", "a_requires.age", "b_requires.district", "blocked"]
    zh, en = reason_words(codes, 0), reason_words(codes, 1)
    assert zh == "本人未核验；对方档案暂停；性别相同；对方不符合本人对年龄的要求；本人不符合对方对所在区的要求；已屏蔽"
    assert "the member: not verified" in en and "the other does not meet the member's wish on age" in en
    assert factor_words("common_hobbies", {"tags": ["骑行", "电影"]}, 0) == "共同爱好：骑行、电影"
    assert factor_words("mutual_satisfaction", {"member": 0.9, "candidate": 0.85}, 1) == "mutual fit 90% / 85%"


def test_every_progress_step_has_words():
    from tests.cli.codes import progress_codes

    steps = progress_codes()
    assert {"import.analyse", "printing.badges", "store.migrating", "sync.pulling"} <= steps
    assert not sorted(steps - set(PROGRESS_WORDS))


def test_progress_steps_in_words():
    assert PROGRESS_WORDS["import.analyse"] == ("检查各行", "checking rows")
    assert words("store.wrong_key", {}, 0) == "无法打开数据库：口令或密钥不正确"
