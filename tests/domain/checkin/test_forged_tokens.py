"""Forged badge tokens at the venue, one kind each, through `record_scan` on the real database:
none checks anyone in, each is recorded as refused with the reason that fits it, and the real
badges still work afterwards. (The token layer's own properties: tests/domain/printing/test_tokens.py.)"""

from __future__ import annotations

import secrets

import pytest
from sqlalchemy import select

from tests.domain.checkin._factory import make_venue
from xzdesk.domain.checkin import queries, service
from xzdesk.domain.checkin.codes import UnknownReason, Verdict
from xzdesk.domain.checkin.models import CheckinScan
from xzdesk.domain.events.models import Event
from xzdesk.domain.store.ids import CROCKFORD
from xzdesk.domain.tokens import EVENT_CODE_LENGTH, NONCE_LENGTH, mint_token
from xzdesk.domain.uow import unit_of_work

NONCE = slice(1 + EVENT_CODE_LENGTH, 1 + EVENT_CODE_LENGTH + NONCE_LENGTH)


def _flip(ch: str) -> str:
    return CROCKFORD[(CROCKFORD.index(ch) + 1) % len(CROCKFORD)]


def _flip_at(token: str, i: int) -> str:
    return token[:i] + _flip(token[i]) + token[i + 1 :]


def _kinds(real: str, other: str, code: str) -> dict[str, tuple[str, Verdict, str | None]]:
    """name -> (scanned text, verdict, detail) for each way of forging a badge of this event."""
    mac_start = NONCE.stop
    return {
        "mac altered": (_flip_at(real, len(real) - 1), Verdict.UNKNOWN, UnknownReason.FORGED),
        "nonce altered, mac kept": (_flip_at(real, NONCE.start + 3), Verdict.UNKNOWN, UnknownReason.FORGED),
        "mac of another badge": (real[:mac_start] + other[mac_start:], Verdict.UNKNOWN, UnknownReason.FORGED),
        "minted with a guessed key": (mint_token(code, secrets.token_bytes(32)), Verdict.UNKNOWN, UnknownReason.FORGED),
        "made-up nonce and mac": (real[: NONCE.start] + "0" * (len(real) - NONCE.start), Verdict.UNKNOWN,
                                  UnknownReason.FORGED),
        "event code altered": (_flip_at(real, 2), Verdict.OTHER_EVENT, None),
        "version altered": ("2" + real[1:], Verdict.UNKNOWN, UnknownReason.MALFORMED),
        "one character short": (real[:-1], Verdict.UNKNOWN, UnknownReason.MALFORMED),
        "one character more": (real + "0", Verdict.UNKNOWN, UnknownReason.MALFORMED),
        "outside the alphabet": (real[:-1] + "U", Verdict.UNKNOWN, UnknownReason.MALFORMED),
        "a web address": ("HTTPS://XZ.EXAMPLE/T/" + real, Verdict.UNKNOWN, UnknownReason.MALFORMED),
    }  # fmt: skip


@pytest.mark.parametrize("kind", list(_kinds("1" + "A" * 30, "1" + "B" * 30, "AAAAAA")))
def test_each_forged_kind_is_refused_and_recorded(store, matchmaker, kind):
    venue = make_venue(store, matchmaker, men=2, women=1)
    with store.read() as s:
        code = s.get(Event, venue.event_id).code
    real, other = venue.tokens[venue.men[0]], venue.tokens[venue.men[1]]
    text, verdict, detail = _kinds(real, other, code)[kind]
    assert text.upper() != real
    with unit_of_work(store, matchmaker) as uow:
        result = service.record_scan(uow, event_id=venue.event_id, text=text)
    assert not result.accepted
    assert (result.verdict, result.detail) == (verdict, detail)
    with store.read() as s:
        row = s.get(CheckinScan, result.scan_id)
        assert (row.verdict, row.registration_id, row.checkin_key) == (verdict.value, None, None)
        assert not queries.arrivals(s, event_id=venue.event_id)
    with unit_of_work(store, matchmaker) as uow:  # the real badge is unharmed
        assert service.record_scan(uow, event_id=venue.event_id, text=real).accepted
    with store.read() as s:
        assert len(s.execute(select(CheckinScan.id).where(CheckinScan.event_id == venue.event_id)).all()) == 2
