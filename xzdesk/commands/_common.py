"""Shared pieces for command modules: open the app context, print progress."""

from __future__ import annotations

import os
import sys
from typing import Any

from xzdesk.app_context import AppContext
from xzdesk.domain.errors import XzError


def open_context(args: Any) -> AppContext:
    """Open the database and sign in the person named by `--as USERNAME` (or XZDESK_AS) with
    their password (XZDESK_PASSWORD, or a prompt on a terminal). Without a name the command runs
    signed out (the demo database signs in its documented demo matchmaker)."""
    from xzdesk.cli import passphrase_from_terminal

    ctx = AppContext.open(demo=bool(getattr(args, "demo", False)), passphrase=passphrase_from_terminal)
    username = getattr(args, "as_user", None) or os.environ.get("XZDESK_AS")
    if username:
        try:
            ctx.sign_in(username, staff_password(username))
        except BaseException:
            ctx.close()
            raise
    return ctx


def staff_password(username: str) -> str:
    """The password of `username` for this command: XZDESK_PASSWORD, or a prompt on a terminal."""
    env = os.environ.get("XZDESK_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty():
        raise XzError("staff.password_required", username=username)
    import getpass

    return getpass.getpass(f"{username} 的密码 / password: ")


class TerminalProgress:
    """Prints whole percentages to stderr when attached to a terminal (quiet in CI and pipes)."""

    def __init__(self) -> None:
        self.last = -1
        self.tty = sys.stderr.isatty()

    def __call__(self, fraction: float, code: str, /) -> None:
        pct = int(fraction * 100)
        if self.tty and pct != self.last:
            self.last = pct
            print(f"\r{code} {pct:3d}%", end="" if pct < 100 else "\n", file=sys.stderr, flush=True)
