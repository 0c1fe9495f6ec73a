"""The fast canonical JSON text of sync values is the standard library's, byte for byte:
stored fingerprints and field text must not change with the writer (a payload resent after an
upgrade must still match its fingerprint)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from xzdesk.domain.store.jsontext import canonical
from xzdesk.server.push import canonical as push_canonical
from xzdesk.server.push import fingerprint
from xzdesk.sync.protocol import MutationIn


def stdlib(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
scalars = (
    st.none() | st.booleans() | text
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
)  # fmt: skip
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(text, inner, max_size=5),
                      max_leaves=30)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(values)
def test_canonical_is_the_standard_librarys_text(value: Any) -> None:
    assert canonical(value) == stdlib(value)
    assert push_canonical(value) == stdlib(value)


def test_the_cases_orjson_writes_otherwise_take_the_standard_library() -> None:
    # floats (orjson writes 1e-05 as 0.00001), NaN, integers beyond 64 bits, non-string keys,
    # lone surrogates, subclasses of str and int, tuples
    for value in ({"w": 1e-05}, [1e16], {"x": float("nan")}, {"n": 2**64}, {1: "a"}, {"s": "\ud800"},
                  [True, 1, "a", None, [{"b": 0.5}]], ("a", 1)):  # fmt: skip
        assert canonical(value) == stdlib(value)


def test_the_fingerprint_of_a_mutation_is_unchanged() -> None:
    m = MutationIn(seq=7, idempotency_key="k-7", entity="member", entity_id="019d1816-2e22-78c0-a79c-fe849ababb2b",
                   op="update", fields={"union_no": "00100001", "height_cm": 157, "score": 0.00005, "名": "张三"},
                   base={"union_no": None}, base_version=3, hlc="1765000000000-0001")  # fmt: skip
    import hashlib

    expected = hashlib.sha256(stdlib(m.model_dump(mode="json")).encode("utf-8")).hexdigest()
    assert fingerprint(m) == expected
