"""JSON columns are read through orjson where its answer is the standard library's (`jsontext.parsed`,
the store engine's `json_deserializer`): every value reads back as `json.loads` reads it, including
what orjson reads otherwise (integers beyond 64 bits, which it turns into floats) or refuses (NaN,
Infinity, 1e400, escaped lone surrogates)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import JSON, literal_column, select, type_coerce

from tests.sync.test_jsontext import values  # JSON values with integers beyond 64 bits, NaN, infinities
from xzdesk.domain.store.jsontext import parsed


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types all the way down (NaN equals NaN; 1 is not 1.0)."""
    return repr(a) == repr(b)


@settings(max_examples=500, deadline=None)
@given(values, st.booleans())
def test_parsed_reads_what_the_standard_library_reads(value: Any, ascii_only: bool) -> None:
    written = json.dumps(value, ensure_ascii=ascii_only)
    assert same(parsed(written), json.loads(written))


def test_the_texts_orjson_reads_otherwise_are_read_by_the_standard_library() -> None:
    for written in ("123456789012345678901234567890", "[-9223372036854775809]", '{"n": 18446744073709551616}',
                    "NaN", "[Infinity, -Infinity]", "1e400", '"\\ud800"', '{"a": 1, "a": 2}',
                    "0.1234567890123456789012"):  # fmt: skip
        assert same(parsed(written), json.loads(written)), written
    assert type(parsed("[123456789012345678901234567890]")[0]) is int  # orjson alone gives a float


def test_bad_json_still_raises_as_the_standard_library_does() -> None:
    for written in ("", "[1,", "{'a': 1}", "tru"):
        try:
            json.loads(written)
        except json.JSONDecodeError as expected:
            try:
                parsed(written)
            except json.JSONDecodeError as got:
                assert type(got) is type(expected) or isinstance(got, json.JSONDecodeError)
            else:
                raise AssertionError(f"parsed accepted {written!r}")


def test_the_store_reads_json_columns_through_parsed(store) -> None:
    big = "[123456789012345678901234567890, NaN, 0.5, \"徐州\"]"
    with store.read() as s:
        got = s.execute(select(type_coerce(literal_column(f"'{big}'"), JSON))).scalar_one()  # text as stored
    assert same(got, json.loads(big))
    assert store.engine.dialect._json_deserializer is parsed
