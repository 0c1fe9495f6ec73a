"""Record ids: UUIDv7 minted locally (time-ordered, so inserts stay append-friendly).

RFC 9562: 48 bits of Unix time in milliseconds, the version, a counter and random bits. The
`uuid-utils` package (Rust's `uuid` crate) mints them, strictly increasing within this process
(its counter orders ids minted in the same millisecond), about a microsecond each; bulk writes
mint thousands at once with `new_ids`.
"""

from __future__ import annotations

from uuid_utils import uuid7

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PAIRS = [a + b for a in CROCKFORD for b in CROCKFORD]  # 10 bits -> two digits


def new_ids(count: int) -> list[str]:
    """`count` new UUIDv7s (canonical 36-character strings), in increasing order."""
    return [str(uuid7()) for _ in range(count)]


def new_id() -> str:
    """A new UUIDv7 as its canonical 36-character string."""
    return str(uuid7())


def short_code(record_id: str, length: int = 8) -> str:
    """A human-friendly Crockford Base32 code from the random tail of a UUIDv7.

    Used for member numbers: unique enough offline (40 random bits at length 8) without a
    central counter, and free of personal data.
    """
    value = int(record_id.replace("-", "")[-16:], 16)
    if length == 8:  # member numbers, minted by the thousand in imports: two digits at a time
        return _PAIRS[value >> 30 & 1023] + _PAIRS[value >> 20 & 1023] + _PAIRS[value >> 10 & 1023] + _PAIRS[value & 1023]
    chars = []
    for _ in range(length):
        value, rem = divmod(value, 32)
        chars.append(CROCKFORD[rem])
    return "".join(reversed(chars))
