"""QR tokens for badges and check-in: opaque, ASCII, verifiable offline.

Layout of a token (31 characters, upper-case Crockford Base32, all in the QR alphanumeric set):

    V EEEEEE NNNNNNNNNNNNNNNN MMMMMMMM
    | |      |                `- MAC: HMAC-SHA256(event key, V+E+N) truncated to 40 bits (8 chars)
    | |      `- nonce: 80 random bits (16 chars)
    | `- event code: 30 bits from the event's UUIDv7 random tail (`event_code_from_id`)
    `- format version, currently "1"

A token carries no personal data and no Chinese. The event code lets a venue laptop tell "a
badge of another event" from "forged" before it looks anything up; the MAC lets it reject a
made-up token without any database access. The full canonical token (`ParsedToken.text`) is
what the events area stores per registration and what check-in looks up.

Reading is forgiving the way Crockford Base32 intends: surrounding whitespace, lower case
(a scanner typing with Caps Lock on), full-width forms (an input method left on), hyphens, and the
confusable letters I/L (read as 1) and O (read as 0) are all accepted. Anything else raises
`XzError("checkin.token_malformed", reason=...)` where reason is one of "type", "length",
"charset", "version"; the params never contain the scanned text.

Pure functions, no I/O, safe on any thread. Verification costs one HMAC (microseconds).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata
import uuid
from dataclasses import dataclass

from xzdesk.domain.errors import XzError
from xzdesk.domain.store.ids import CROCKFORD, short_code

TOKEN_VERSION = "1"
EVENT_CODE_LENGTH = 6  # 30 bits
NONCE_BITS = 80
NONCE_LENGTH = NONCE_BITS // 5  # 16 characters
MAC_BYTES = 5
MAC_LENGTH = MAC_BYTES * 8 // 5  # 8 characters (40 bits)
TOKEN_LENGTH = 1 + EVENT_CODE_LENGTH + NONCE_LENGTH + MAC_LENGTH  # 31
MIN_KEY_BYTES = 16

_RFC4648 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_RFC4648, CROCKFORD)
# Crockford decoding: I and L read as 1, O reads as 0; hyphens are readability only.
_CONFUSABLES = str.maketrans({"I": "1", "L": "1", "O": "0", "-": None})
_ALPHABET = frozenset(CROCKFORD)
_MAC_DOMAIN = b"xzdesk.badge-token|"
_MAX_INPUT = 96  # longer input is not a token; refuse before doing any work


@dataclass(frozen=True)
class ParsedToken:
    """A syntactically valid token, split into its parts (all canonical upper-case Crockford)."""

    version: str
    event_code: str
    nonce: str
    mac: str

    @property
    def text(self) -> str:
        """The canonical token: what is printed in the QR and stored per registration."""
        return f"{self.version}{self.event_code}{self.nonce}{self.mac}"

    @property
    def signed_part(self) -> str:
        return f"{self.version}{self.event_code}{self.nonce}"


def new_event_key() -> bytes:
    """A fresh random per-event secret key (32 bytes) for `mint_token` / `verify_token`."""
    return secrets.token_bytes(32)


def event_code_from_id(event_id: str) -> str:
    """The 6-character event code embedded in tokens, from an event's UUIDv7 string.

    Taken from the random tail of the id (see `store.ids.short_code`), so it is stable for the
    event's lifetime and reveals nothing. Different events may, rarely, share a code; the MAC
    under each event's own key still tells their tokens apart.
    """
    try:
        canonical = str(uuid.UUID(event_id))
    except (ValueError, AttributeError, TypeError) as exc:
        raise XzError("checkin.event_id_invalid") from exc
    return short_code(canonical, EVENT_CODE_LENGTH)


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=").translate(_TO_CROCKFORD)


def _mac(signed_part: str, key: bytes) -> str:
    digest = hmac.new(key, _MAC_DOMAIN + signed_part.encode("ascii"), hashlib.sha256).digest()
    return _b32(digest[:MAC_BYTES])


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes | bytearray) or len(key) < MIN_KEY_BYTES:
        raise XzError("checkin.token_key_invalid", min_bytes=MIN_KEY_BYTES)


def _check_event_code(event_code: str) -> None:
    if (
        not isinstance(event_code, str)
        or len(event_code) != EVENT_CODE_LENGTH
        or not set(event_code) <= _ALPHABET
    ):
        raise XzError("checkin.event_code_invalid", length=EVENT_CODE_LENGTH)


def mint_token(event_code: str, key: bytes) -> str:
    """A new random token for one registration of the event with this code and key.

    Raises XzError("checkin.event_code_invalid") or XzError("checkin.token_key_invalid").
    """
    _check_event_code(event_code)
    _check_key(key)
    signed = TOKEN_VERSION + event_code + _b32(secrets.token_bytes(NONCE_BITS // 8))
    return signed + _mac(signed, key)


def parse_token(text: str) -> ParsedToken:
    """Read scanned or typed text as a token (see module docstring for what is tolerated).

    Checks the syntax only; call `verify_token` with the event's key to check the MAC.
    Raises XzError("checkin.token_malformed", reason=...).
    """
    if not isinstance(text, str):
        raise XzError("checkin.token_malformed", reason="type")
    if len(text) > _MAX_INPUT:
        raise XzError("checkin.token_malformed", reason="length")
    canon = unicodedata.normalize("NFKC", text).strip().upper().translate(_CONFUSABLES)
    if len(canon) != TOKEN_LENGTH:
        raise XzError("checkin.token_malformed", reason="length")
    if not set(canon) <= _ALPHABET:
        raise XzError("checkin.token_malformed", reason="charset")
    if canon[0] != TOKEN_VERSION:
        raise XzError("checkin.token_malformed", reason="version")
    e_end = 1 + EVENT_CODE_LENGTH
    n_end = e_end + NONCE_LENGTH
    return ParsedToken(
        version=canon[0], event_code=canon[1:e_end], nonce=canon[e_end:n_end], mac=canon[n_end:]
    )


def verify_token(parsed: ParsedToken, key: bytes) -> bool:
    """True when the token's MAC is right under this event key (constant-time comparison).

    Does not compare the event code with any event: look the key up by `parsed.event_code`
    (or compare it with the venue's event first to report "another event").
    """
    _check_key(key)
    expected = _mac(parsed.signed_part, key)
    return hmac.compare_digest(expected.encode("ascii"), parsed.mac.encode("ascii"))


def is_token_text(text: str) -> bool:
    """True when `text` is already a canonical token (used to refuse anything else in a QR)."""
    try:
        return parse_token(text).text == text
    except XzError:
        return False
