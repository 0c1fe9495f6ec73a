"""Shared pieces for command modules: open the app context as the person named by `--as`,
read passwords, print progress.

Light at import time (the app context and the database are imported when a command runs).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from xzdesk.commands._messages import progress_words
from xzdesk.domain.errors import XzError

if TYPE_CHECKING:
    from xzdesk.app_context import AppContext
    from xzdesk.domain.uow import ActorInfo


def passphrase_from_terminal(new: bool) -> str | None:
    """Passphrase for a database when no secure keyring exists: XZDESK_PASSPHRASE or a prompt."""
    from xzdesk.domain.errors import XzError

    env = os.environ.get("XZDESK_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise XzError("store.passphrase_required")
    import getpass

    first = getpass.getpass("数据库口令 / database passphrase: ")
    if new and getpass.getpass("再次输入 / repeat: ") != first:
        print("两次输入不一致 / the two entries differ", file=sys.stderr)
        return None
    return first


def open_context(args: Any, *, temporary_password_ok: bool = False, password: str | None = None) -> AppContext:
    """Open the database (`--demo`: the demo database) and sign in the person named by
    `--as USERNAME` (or XZDESK_AS) with their password (XZDESK_PASSWORD, or a prompt on a
    terminal). Without a name the command runs signed out (the demo database, seeded on first
    use, signs in its documented demo matchmaker). A temporary password set by an administrator must be changed
    first (`staff.must_change_password`) unless `temporary_password_ok` (`account passwd`, which
    also passes the `password` it has already read)."""
    from xzdesk import collector

    with collector.loading():  # the ORM, every area's tables and the database: made once, kept
        from xzdesk.app_context import AppContext

        ctx = AppContext.open(demo=bool(getattr(args, "demo", False)), passphrase=passphrase_from_terminal)
    try:
        if ctx.demo:  # seeded on first use, as the app does: its members, events and documented accounts
            ctx.ensure_demo_data(progress=TerminalProgress())
        username = signed_in_name(args)
        if username:
            ctx.sign_in(username, password if password is not None else staff_password(username))
            if ctx.must_change_password and not temporary_password_ok:
                raise XzError("staff.must_change_password", username=username.strip().lower())
    except BaseException:
        ctx.close()
        raise
    return ctx


def signed_in_name(args: Any) -> str | None:
    """The user name given by `--as` or XZDESK_AS (None: nobody)."""
    return getattr(args, "as_user", None) or os.environ.get("XZDESK_AS") or None


def require_actor(ctx: AppContext) -> ActorInfo:
    """The signed-in person, or `staff.not_signed_in` (the message says how to sign in)."""
    if ctx.actor is None:
        raise XzError("staff.not_signed_in")
    return ctx.actor


def staff_password(username: str) -> str:
    """The password of `username` for this command: XZDESK_PASSWORD, or a prompt on a terminal."""
    env = os.environ.get("XZDESK_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty():
        raise XzError("staff.password_required", username=username)
    import getpass

    return getpass.getpass(f"{username} 的密码 / password: ")


def new_password(prompt: str = "新密码 / new password: ") -> str:
    """A new password: asked twice on a terminal, else XZDESK_NEW_PASSWORD. Raises
    `staff.new_password_required` or `staff.passwords_differ`."""
    if not sys.stdin.isatty():
        env = os.environ.get("XZDESK_NEW_PASSWORD")
        if not env:
            raise XzError("staff.new_password_required")
        return env
    import getpass

    first = getpass.getpass(prompt)
    if not first:
        raise XzError("staff.new_password_required")
    if getpass.getpass("再次输入 / repeat: ") != first:
        raise XzError("staff.passwords_differ")
    return first


class TerminalProgress:
    """Prints the step in words and whole percentages to stderr when attached to a terminal
    (quiet in CI and pipes)."""

    def __init__(self) -> None:
        self.last = (-1, "")
        self.tty = sys.stderr.isatty()

    def __call__(self, fraction: float, code: str, /) -> None:
        pct = int(fraction * 100)
        if self.tty and (pct, code) != self.last:
            self.last = (pct, code)
            end = "" if pct < 100 else "\n"
            print(f"\r{progress_words(code)} {pct:3d}%\033[K", end=end, file=sys.stderr, flush=True)
