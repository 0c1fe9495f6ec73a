"""Record ids: UUIDv7 minted locally (time-ordered, so inserts stay append-friendly).

RFC 9562 layout: 48 bits of Unix time in milliseconds, the version (7), 74 random bits and the
variant. Ids minted in this process are strictly increasing: an id minted in the same or an
earlier millisecond than the previous one takes the previous one's millisecond plus one (the
scheme of the uuid6 package, used before; bulk writes mint thousands at once with `new_ids`).
"""

from __future__ import annotations

import os
import threading
import time

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PAIRS = [a + b for a in CROCKFORD for b in CROCKFORD]  # 10 bits -> two digits

_lock = threading.Lock()
_last_ms = 0
_VERSION_VARIANT = (0x7 << 76) | (0b10 << 62)
_RAND_A = 0xFFF << 64  # 12 random bits after the version
_RAND_B = (1 << 62) - 1  # 62 random bits after the variant


def new_ids(count: int) -> list[str]:
    """`count` new UUIDv7s (canonical 36-character strings), in increasing order."""
    global _last_ms
    if count <= 0:
        return []
    with _lock:
        first = max(time.time_ns() // 1_000_000, _last_ms + 1)
        _last_ms = first + count - 1
    noise = os.urandom(10 * count)
    out = []
    for n in range(count):
        rand = int.from_bytes(noise[10 * n : 10 * n + 10], "big")
        value = ((first + n) & 0xFFFFFFFFFFFF) << 80 | _VERSION_VARIANT | (rand << 48) & _RAND_A | rand & _RAND_B
        h = f"{value:032x}"
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


def new_id() -> str:
    """A new UUIDv7 as its canonical 36-character string."""
    return new_ids(1)[0]


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
