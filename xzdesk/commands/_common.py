"""Shared pieces for command modules: open the app context, print progress."""

from __future__ import annotations

import sys
from typing import Any

from xzdesk.app_context import AppContext


def open_context(args: Any) -> AppContext:
    from xzdesk.cli import passphrase_from_terminal

    return AppContext.open(demo=bool(getattr(args, "demo", False)), passphrase=passphrase_from_terminal)


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
