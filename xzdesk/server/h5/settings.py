"""Settings of the member web app, with their defaults in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta


@dataclass(frozen=True)
class Limit:
    """At most `count` events per `window` for one key (a number, a client address)."""

    name: str
    count: int
    window: timedelta


@dataclass(frozen=True)
class H5Settings:
    code_digits: int = 6
    code_ttl: timedelta = timedelta(minutes=5)
    code_attempts: int = 5  # wrong guesses before a code is burnt
    # Codes sent: per number and per client address; code checks per number.
    send_per_number: tuple[Limit, ...] = (
        Limit("1m", 1, timedelta(minutes=1)), Limit("1h", 5, timedelta(hours=1)), Limit("1d", 10, timedelta(days=1)),
    )  # fmt: skip
    send_per_client: tuple[Limit, ...] = (Limit("1h", 20, timedelta(hours=1)), Limit("1d", 60, timedelta(days=1)))
    verify_per_number: tuple[Limit, ...] = (Limit("1h", 10, timedelta(hours=1)),)
    session_ttl: timedelta = timedelta(days=30)
    session_idle: timedelta = timedelta(days=7)
    secure_cookies: str = "auto"  # auto (Secure when the request came over https) | always | never
    max_form_bytes: int = 32 * 1024
    chat_retention: timedelta = timedelta(days=180)
    chat_max_chars: int = 500
    chat_per_minute: int = 20
    recommendations: int = 10
    interest_card_days: int = 7  # an online 心动卡 may be ticked until this many days after the event
    extra: dict[str, str] = field(default_factory=dict)
