from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xzdesk.domain.errors import XzError
from xzdesk.domain.store.ids import CROCKFORD, new_id
from xzdesk.domain.tokens import (
    EVENT_CODE_LENGTH,
    TOKEN_LENGTH,
    event_code_from_id,
    is_token_text,
    mint_token,
    new_event_key,
    parse_token,
    verify_token,
)

QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
KEY = bytes(range(32))
EVENT = "7K3Q9M"

event_codes = st.text(alphabet=CROCKFORD, min_size=EVENT_CODE_LENGTH, max_size=EVENT_CODE_LENGTH)
keys = st.binary(min_size=16, max_size=64)


def test_token_shape_is_upper_crockford_in_qr_alphanumeric_set():
    token = mint_token(EVENT, KEY)
    assert len(token) == TOKEN_LENGTH
    assert set(token) <= set(CROCKFORD)
    assert set(token) <= QR_ALPHANUMERIC
    assert token.isascii() and token == token.upper()
    assert token[1 : 1 + EVENT_CODE_LENGTH] == EVENT


def test_tokens_are_random():
    tokens = {mint_token(EVENT, KEY) for _ in range(200)}
    assert len(tokens) == 200
    nonces = {parse_token(t).nonce for t in tokens}
    assert len(nonces) == 200


@given(event_codes, keys)
def test_round_trip_verifies(event_code, key):
    token = mint_token(event_code, key)
    parsed = parse_token(token)
    assert parsed.text == token
    assert parsed.event_code == event_code
    assert verify_token(parsed, key)


@given(event_codes, keys, st.sampled_from(["lower", "spaces", "hyphens", "fullwidth", "tab-newline"]))
def test_scanner_variants_still_verify(event_code, key, variant):
    token = mint_token(event_code, key)
    text = {
        "lower": token.lower(),
        "spaces": f"  {token}  ",
        "hyphens": "-".join(token[i : i + 4] for i in range(0, len(token), 4)),
        "fullwidth": "".join(chr(ord(c) + 0xFEE0) for c in token),
        "tab-newline": f"\t{token.lower()}\r\n",
    }[variant]
    parsed = parse_token(text)
    assert parsed.text == token
    assert verify_token(parsed, key)


@given(event_codes, keys)
def test_crockford_confusables_are_read_as_digits(event_code, key):
    token = mint_token(event_code, key)
    confused = token.replace("1", "I").replace("0", "O")
    confused = confused[:5] + confused[5:].replace("I", "l")  # lower-case L as well
    parsed = parse_token(confused)
    assert parsed.text == token
    assert verify_token(parsed, key)


@given(event_codes, keys, st.data())
def test_tampering_with_any_character_fails(event_code, key, data):
    token = mint_token(event_code, key)
    pos = data.draw(st.integers(min_value=0, max_value=len(token) - 1))
    replacement = data.draw(st.sampled_from([c for c in CROCKFORD if c != token[pos]]))
    tampered = token[:pos] + replacement + token[pos + 1 :]
    try:
        parsed = parse_token(tampered)
    except XzError as exc:  # changing the version character makes it malformed
        assert exc.code == "checkin.token_malformed"
        assert pos == 0
        return
    assert not verify_token(parsed, key)


@given(event_codes, keys, keys)
def test_wrong_key_fails(event_code, key, other):
    if other == key:
        return
    token = mint_token(event_code, key)
    assert not verify_token(parse_token(token), other)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "length"),
        ("1ABC", "length"),
        ("x" * 500, "length"),
        ("1" + "U" * (TOKEN_LENGTH - 1), "charset"),  # U is not a Crockford symbol
        ("1" + "张" * (TOKEN_LENGTH - 1), "charset"),
        ("1" + "*" * (TOKEN_LENGTH - 1), "charset"),
        ("2" + "A" * (TOKEN_LENGTH - 1), "version"),
    ],
)
def test_malformed_text_raises_with_reason_only(text, reason):
    with pytest.raises(XzError) as info:
        parse_token(text)
    assert info.value.code == "checkin.token_malformed"
    assert info.value.params == {"reason": reason}


def test_non_string_is_malformed():
    with pytest.raises(XzError) as info:
        parse_token(b"1ABCDEF")  # type: ignore[arg-type]
    assert info.value.code == "checkin.token_malformed"


def test_mint_refuses_bad_event_code_and_short_key():
    with pytest.raises(XzError) as info:
        mint_token("abcdef", KEY)  # must be canonical upper-case
    assert info.value.code == "checkin.event_code_invalid"
    with pytest.raises(XzError) as info:
        mint_token("ABCDEU", KEY)
    assert info.value.code == "checkin.event_code_invalid"
    with pytest.raises(XzError) as info:
        mint_token(EVENT, b"short")
    assert info.value.code == "checkin.token_key_invalid"


def test_event_code_from_uuid7_is_stable_and_crockford():
    event_id = new_id()
    code = event_code_from_id(event_id)
    assert code == event_code_from_id(event_id.upper())
    assert re.fullmatch(f"[{CROCKFORD}]{{{EVENT_CODE_LENGTH}}}", code)
    token = mint_token(code, KEY)
    assert parse_token(token).event_code == code
    with pytest.raises(XzError) as info:
        event_code_from_id("not-an-id")
    assert info.value.code == "checkin.event_id_invalid"


def test_event_codes_differ_between_events():
    codes = {event_code_from_id(new_id()) for _ in range(500)}
    assert len(codes) >= 499  # 30 random bits: a collision among 500 is very unlikely


def test_new_event_key_is_random_and_long_enough():
    a, b = new_event_key(), new_event_key()
    assert a != b and len(a) >= 16


def test_is_token_text_only_for_canonical_tokens():
    token = mint_token(EVENT, KEY)
    assert is_token_text(token)
    assert not is_token_text(token.lower())
    assert not is_token_text("张先生")
    assert not is_token_text("13812345678")
