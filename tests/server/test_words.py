"""Every refusal the server answers carries Chinese and English words beside its code, for the
mini-program's developers and administrators as much as for the laptops; the words never echo
a request's values."""

from __future__ import annotations

import ast
import re
import string

import pytest

from tests.cli.codes import ROOT, _literals_in
from xzdesk.server.guard import lone_surrogate_at
from xzdesk.server.hardening import FRAMEWORK_CODES
from xzdesk.server.words import WORDS, error_body, words

# refusals answered as an ErrorOut body (a per-change `Reject` is a result inside a push instead)
ANSWERED = frozenset({"ApiError", "_error", "CursorError", "IntakeError", "PushRefused", "_Refused", "LoginRefused"})


def _answered_codes() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "server").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                if name in ANSWERED:
                    found |= _literals_in([*node.args[:3], *(kw.value for kw in node.keywords if kw.arg == "code")])
    return found | set(FRAMEWORK_CODES.values()) | {"request.malformed", "validation.failed", "sync.seq_reused",
                                                    "sync.key_reused"}  # fmt: skip


def test_every_refusal_the_server_answers_has_words() -> None:
    codes = _answered_codes()
    assert {"auth.bad_credentials", "auth.locked", "request.too_large", "request.bad_text", "intake.duplicate",
            "sync.cursor_expired", "erasure.unknown_member"} <= codes  # fmt: skip
    assert not sorted(codes - set(WORDS))


@pytest.mark.parametrize("code", sorted(WORDS))
def test_both_languages_take_the_same_placeholders(code: str) -> None:
    zh, en = WORDS[code]
    names = lambda text: {n for _t, n, _s, _c in string.Formatter().parse(text) if n}  # noqa: E731
    assert names(zh) == names(en), code
    assert re.search(r"[\u4e00-\u9fff]", zh) and not re.search(r"[\u4e00-\u9fff]", en)


def test_params_fill_the_words_and_a_missing_one_reads_as_a_dash() -> None:
    assert words("auth.locked", {"retry_after": 900, "retry_after_min": 15})[0].count("15 分钟") == 1
    assert "-" in words("request.too_large", {})[1]
    zh, en = words("validation.failed", {"problems": [{"field": "mobile", "code": "identity.mobile_format"}]})
    assert "mobile" in zh and "mobile" in en
    assert words("no.such_code") == ("请求被拒绝", "the request was refused")
    body = error_body("request.bad_text", {"where": "mutations.0.fields.name", "problem": "surrogate"})
    assert body["message_en"] == ("the request holds invalid text (mutations.0.fields.name: a lone surrogate code "
                                  "point) and nothing was done: send well-formed UTF-8 text")  # fmt: skip


def test_the_place_of_a_lone_surrogate_is_named_without_echoing_it() -> None:
    assert lone_surrogate_at({"a": ["ok", {"b": "x\ud800"}]}) == "a.1.b"
    assert lone_surrogate_at({"fields": {"ok": 1, "\udc00k": 2}}) == "fields.<key 1>"
    assert lone_surrogate_at({"name": "\U0001f600 笑"}) is None  # a pair decoded is a character
    assert lone_surrogate_at(["\udfff"]) == "0"
