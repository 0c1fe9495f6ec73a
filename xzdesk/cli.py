"""Command line: `xzdesk` opens the GUI; subcommands script the same services.

    xzdesk                      the GUI on this laptop's database
    xzdesk --demo               the GUI on the demo database (seeded on first run)
    xzdesk --version
    xzdesk seed --members N [--seed S]
    xzdesk <command> ...        every module in xzdesk/commands/ adds its own subcommands

Exit status: 0 success, 1 the command could not do its work (a message says why), 2 usage.
Messages name what to fix and never print personal data.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Sequence

from xzdesk import __version__, commands
from xzdesk.domain.errors import XzError


def passphrase_from_terminal(new: bool) -> str | None:
    """Passphrase for a database when no secure keyring exists: XZDESK_PASSPHRASE or a prompt."""
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xzdesk", description="徐州工会红娘 desktop workbench")
    parser.add_argument("--version", action="version", version=f"xzdesk {__version__}")
    parser.add_argument("--demo", action="store_true", help="use the demo database (synthetic members)")
    sub = parser.add_subparsers(dest="command", metavar="command")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


GUI_ARGS = frozenset({"--demo"})  # `xzdesk` and `xzdesk --demo` open the window and nothing else


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=os.environ.get("XZDESK_LOG_LEVEL", "WARNING"))
    given = list(sys.argv[1:] if argv is None else argv)
    if set(given) <= GUI_ARGS:
        # The window starts without building the command parser (which imports every command).
        from xzdesk.ui.app import run_gui

        return run_gui(demo="--demo" in given)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from xzdesk.ui.app import run_gui

        return run_gui(demo=args.demo)
    try:
        return int(args.func(args) or 0)
    except XzError as exc:
        from xzdesk.commands._messages import describe

        print(f"xzdesk: {describe(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
