"""Record ids (issue 15: minted in bulk for imports): UUIDv7, increasing, unique, random tails."""

from __future__ import annotations

import time
import uuid

from xzdesk.domain.store.ids import CROCKFORD, new_id, new_ids, short_code


def test_ids_are_version_7_and_strictly_increasing_across_single_and_bulk_minting():
    ids = [new_id(), *new_ids(3000), new_id(), *new_ids(2), new_id()]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for text in ids:
        parsed = uuid.UUID(text)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122 and str(parsed) == text
    assert new_ids(0) == []


def test_ids_carry_the_time_and_random_tails():
    before = time.time_ns() // 1_000_000
    [first] = new_ids(1)
    assert uuid.UUID(first).int >> 80 >= before  # milliseconds since the epoch, never behind the clock
    tails = {short_code(i) for i in new_ids(2000)}
    assert len(tails) == 2000  # member numbers come from the random tail: no repeats in a batch
    bits = [uuid.UUID(i).int for i in new_ids(2000)]
    for bit in range(0, 40):  # the 40 bits a member number is made of are random in every id
        ones = sum((b >> bit) & 1 for b in bits)
        assert 800 < ones < 1200, bit


def test_member_number_codes_are_the_crockford_digits_of_the_random_tail():
    for record_id in [*new_ids(500), "01a24e11-a727-7bf8-938d-13c9cbf8ef70", "00000000-0000-7000-8000-000000000000"]:
        value = int(record_id.replace("-", "")[-16:], 16)
        digits = "".join(CROCKFORD[(value >> (5 * k)) & 31] for k in reversed(range(8)))
        assert short_code(record_id) == short_code(record_id, 8) == digits
        assert short_code(record_id, 4) == digits[-4:]
