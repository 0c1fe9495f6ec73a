"""Sending sign-in codes by SMS: a gateway interface, the union's HTTP provider, and a local
backend for development and tests.

    gateway = gateway_from_env()              # XZDESK_SMS_* (docs/member-app.md)
    gateway.send_code("13800000001", "123456", minutes=5)

- `HttpSmsGateway` posts one JSON request per code to the provider the union contracts
  (`XZDESK_SMS_URL`, `XZDESK_SMS_KEY` sent as `Authorization: Bearer`, the approved template id
  `XZDESK_SMS_TEMPLATE` and signature `XZDESK_SMS_SIGN`); any 2xx answer whose JSON `code` is
  absent, 0, "0" or "OK" counts as accepted, anything else raises `SmsError`. The code is never
  logged.
- `FileSmsGateway` appends `time mobile code` lines to a file, or writes them to the console
  when no file is named (`XZDESK_SMS_BACKEND=console`): for development and tests only.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import httpx


class SmsError(Exception):
    """The provider did not accept the message (code `h5.sms_failed` for the member)."""


class SmsGateway(Protocol):
    def send_code(self, mobile: str, code: str, *, minutes: int) -> None:
        """Deliver `code` to `mobile` (11 digits); raise SmsError when it cannot be sent."""


@dataclass
class FileSmsGateway:
    """Development backend: one line per code in `path` (or on the console when None)."""

    path: Path | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def send_code(self, mobile: str, code: str, *, minutes: int) -> None:
        line = f"{datetime.now(UTC).isoformat(timespec='seconds')} {mobile} {code} ({minutes} min)\n"
        with self._lock:
            if self.path is None:
                sys.stderr.write("[sms] " + line)
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line)

    def last_code(self, mobile: str) -> str | None:
        """The newest code written for `mobile` (tests and the development console)."""
        if self.path is None or not self.path.exists():
            return None
        found = None
        for line in self.path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[1] == mobile:
                found = parts[2]
        return found


@dataclass
class HttpSmsGateway:
    """The union's SMS provider over HTTPS (JSON in, JSON out; see the module docstring)."""

    url: str
    key: str
    template: str
    sign: str = ""
    timeout_s: float = 10.0
    transport: httpx.BaseTransport | None = None

    def send_code(self, mobile: str, code: str, *, minutes: int) -> None:
        body = {"phone": mobile, "template": self.template, "sign": self.sign,
                "params": {"code": code, "minutes": str(minutes)}}  # fmt: skip
        headers = {"Authorization": f"Bearer {self.key}", "Content-Type": "application/json; charset=utf-8"}
        try:
            with httpx.Client(timeout=self.timeout_s, transport=self.transport) as client:
                answer = client.post(self.url, content=json.dumps(body, ensure_ascii=False).encode(), headers=headers)
        except httpx.HTTPError as exc:
            raise SmsError(type(exc).__name__) from None
        if not answer.is_success:
            raise SmsError(f"http {answer.status_code}")
        try:
            result = answer.json()
        except ValueError:
            result = {}
        status = result.get("code") if isinstance(result, dict) else None
        if status not in (None, 0, "0", "OK", "ok"):
            raise SmsError(f"provider code {str(status)[:32]}")


def gateway_from_env(env: dict[str, str] | None = None) -> SmsGateway:
    """The gateway the server's environment names (default: console, for development)."""
    env = dict(os.environ if env is None else env)
    backend = env.get("XZDESK_SMS_BACKEND", "console").strip().lower()
    if backend == "http":
        missing = [k for k in ("XZDESK_SMS_URL", "XZDESK_SMS_KEY", "XZDESK_SMS_TEMPLATE") if not env.get(k)]
        if missing:
            raise ValueError("SMS provider settings missing: " + ", ".join(missing))
        return HttpSmsGateway(url=env["XZDESK_SMS_URL"], key=env["XZDESK_SMS_KEY"],
                              template=env["XZDESK_SMS_TEMPLATE"], sign=env.get("XZDESK_SMS_SIGN", ""))  # fmt: skip
    if backend == "file":
        return FileSmsGateway(Path(env.get("XZDESK_SMS_FILE") or "sms-codes.txt"))
    if backend == "console":
        return FileSmsGateway(None)
    raise ValueError(f"unknown XZDESK_SMS_BACKEND {backend!r} (http, file or console)")
