"""The audit chain's hash covers the entry's canonical text exactly as the standard library writes
it (sorted keys, compact, UTF-8): entries hashed before the text went through orjson, on this
laptop, another one or the server, still verify."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from xzdesk.domain.privacy.audit import GENESIS, canonical_entry, chained_hash

_text = st.text(max_size=12)  # any characters: Chinese, control characters, quotes, lone surrogates


@given(
    entry_id=_text, actor=st.none() | _text, action=_text, member=st.none() | _text,
    fields=st.lists(_text, max_size=4), reason=st.none() | _text,
)  # fmt: skip
def test_hash_is_of_the_standard_librarys_text(entry_id, actor, action, member, fields, reason):
    entry = canonical_entry(id=entry_id, at=datetime(2026, 3, 1, 2, 30, tzinfo=UTC), actor_id=actor, device_id="d",
                            action=action, member_id=member, fields=fields, reason=reason)  # fmt: skip
    text = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    expected = hashlib.sha256((GENESIS + text).encode("utf-8", "surrogatepass")).hexdigest()
    try:
        got = chained_hash(GENESIS, entry)
    except UnicodeEncodeError:  # a lone surrogate cannot be hashed as UTF-8, as before
        got = None
        assert any("\ud800" <= ch <= "\udfff" for ch in text)
    if got is not None:
        assert got == expected
