"""Record ids: UUIDv7 minted locally (time-ordered, so inserts stay append-friendly)."""

from __future__ import annotations

import uuid6

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id() -> str:
    """A new UUIDv7 as its canonical 36-character string."""
    return str(uuid6.uuid7())


def short_code(record_id: str, length: int = 8) -> str:
    """A human-friendly Crockford Base32 code from the random tail of a UUIDv7.

    Used for member numbers: unique enough offline (40 random bits at length 8) without a
    central counter, and free of personal data.
    """
    value = int(record_id.replace("-", "")[-16:], 16)
    chars = []
    for _ in range(length):
        value, rem = divmod(value, 32)
        chars.append(CROCKFORD[rem])
    return "".join(reversed(chars))
