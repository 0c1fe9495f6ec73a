"""Command line: `xzdesk` opens the GUI; subcommands script the same services.

    xzdesk [--demo] [--as USERNAME]            the GUI (on the demo database with --demo)
    xzdesk [--demo] [--as USERNAME] COMMAND …  a command; --demo and --as may also follow it
    xzdesk --version

The commands are listed in `xzdesk.commands.COMMANDS` and loaded lazily: parsing imports only
the module of the command named, so `xzdesk --help` costs next to nothing.

Exit status: 0 success, 1 the command could not do its work (a message in Chinese and English
says why), 2 usage, 130 interrupted. Messages name what to fix and never print personal data;
technical detail goes to the log file under XZDESK_HOME/logs, never to the terminal.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

# Environment variables the command line reads (the README lists the same; a test compares).
ENVIRONMENT: tuple[tuple[str, str, str], ...] = (
    ("XZDESK_HOME", "数据目录（数据库、备份、日志、设置）", "data folder (databases, backups, logs, settings)"),
    ("XZDESK_AS", "同 --as", "like --as"),
    ("XZDESK_PASSWORD", "--as 账号的密码", "the password of the --as account"),
    ("XZDESK_NEW_PASSWORD", "account add、account passwd、server add-user 的新密码（没有终端时）",
     "a new password for account add / passwd, server add-user (without a terminal)"),
    ("XZDESK_PASSPHRASE", "没有系统钥匙串时的数据库口令", "the database passphrase where there is no keyring"),
    ("XZDESK_SYNC_PASSWORD", "sync enrol 的服务器密码（没有终端时）", "the server password for sync enrol (without a terminal)"),
    ("XZDESK_PACK_PASSPHRASE", "活动包口令", "the venue pack passphrase"),
    ("XZDESK_SERVER_DB", "server 的数据库地址", "the server's database URL"),
    ("XZDESK_PG_BIN", "pg_dump、pg_restore 所在目录（server backup/restore）", "folder of pg_dump / pg_restore (server backup, restore)"),
    ("XZDESK_SMS_BACKEND", "会员网页版发送验证码的方式及 XZDESK_SMS_URL/KEY/TEMPLATE/SIGN/FILE（见 docs/member-app.md）",
     "how the server sends the member web app's codes, with XZDESK_SMS_URL/KEY/TEMPLATE/SIGN/FILE (docs/member-app.md)"),
    ("XZDESK_LOG_LEVEL", "日志级别（默认 WARNING；日志写入 XZDESK_HOME/logs）", "log level (default WARNING; logs go to XZDESK_HOME/logs)"),
)  # fmt: skip
EPILOG = "\n".join((
    "环境变量 / environment variables:",
    *(f"  {name:<23}{zh} / {en}" for name, zh, en in ENVIRONMENT),
    "",
    "退出码 / exit status: 0 成功 success, 1 未能完成（附原因）refused or failed, 2 用法错误 usage, 130 中断 interrupted",
    "每个命令的帮助 / help of a command: xzdesk COMMAND --help",
))

_LOG_HANDLER = "xzdesk-cli"
log = logging.getLogger(__name__)

# Options of the top-level parser that take a value (skipped when looking for the command).
_VALUED = frozenset({"--as"})


def command_named(argv: Sequence[str]) -> str | None:
    """The command `argv` names: its first word that is not a global option or an option's value."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--":
            return None
        elif token.startswith("-"):
            skip = token in _VALUED
        else:
            return token
    return None


class _VersionAction(argparse.Action):
    """`--version`: the installed package's metadata is read only when the version is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        import xzdesk

        print(f"xzdesk {xzdesk.__version__}")
        parser.exit()


def build_parser(command: str | None = None, *, every: bool = False) -> argparse.ArgumentParser:
    """The parser. Only the module of `command` (or of every command, for documentation and
    tests) is imported and configured; the others appear in the help by name."""
    from xzdesk.commands import COMMANDS
    from xzdesk.commands._parser import XzParser

    parser = XzParser(prog="xzdesk", description="徐州工会红娘 桌面工作台 / the 徐州工会红娘 desktop workbench",
                      epilog=EPILOG)  # fmt: skip
    parser.add_argument("--version", action=_VersionAction, help="版本 / version")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="命令 / commands")
    for spec in COMMANDS:
        p = sub.add_parser(spec.name, help=spec.help, description=spec.help, prog=f"xzdesk {spec.name}")
        if every or spec.name == command:
            spec.load().configure(p)
    return parser


def configure_logging() -> logging.Handler:
    """Log records go to a file under XZDESK_HOME/logs (opened on the first record), never to
    the terminal: what the user reads there are the command's own messages."""
    import logging.handlers

    from xzdesk.paths import data_home

    folder = data_home() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(folder / "xzdesk-cli.log", maxBytes=2_000_000, backupCount=3,
                                                   encoding="utf-8", delay=True)  # fmt: skip
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name(_LOG_HANDLER)
    root = logging.getLogger()
    root.addHandler(handler)
    level = os.environ.get("XZDESK_LOG_LEVEL", "WARNING").upper()
    root.setLevel(level if level in logging.getLevelNamesMapping() else logging.WARNING)
    return handler


GUI_ARGS = frozenset({"--demo"})  # `xzdesk` and `xzdesk --demo` open the window and nothing else


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if set(argv) <= GUI_ARGS:  # the window starts before any command-line machinery loads
        from xzdesk import collector

        collecting = collector.pause()  # while Qt, the ORM and the tables load (run_gui resumes it)
        from xzdesk.ui.app import run_gui

        return run_gui(demo="--demo" in argv, collecting=collecting)
    parser = build_parser(command_named(argv))
    from xzdesk.commands._parser import global_options

    args = global_options(parser.parse_args(argv))
    if args.command is None:
        from xzdesk.ui.app import run_gui

        return run_gui(demo=args.demo)
    if not hasattr(args, "func"):
        parser.parse_args([args.command, "--help"])  # a command without its action: its help
    root = logging.getLogger()
    level = root.level
    handler = configure_logging()
    try:
        return _run(args, handler)
    finally:  # main() may run again in this process (tests, scripts): leave logging as it was
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()


def _run(args: argparse.Namespace, handler: logging.FileHandler) -> int:
    from xzdesk.commands._messages import describe
    from xzdesk.domain.errors import XzError

    try:
        return int(args.func(args) or 0)
    except XzError as exc:
        print(f"xzdesk {args.command}: {describe(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n已中断 / interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        log.exception("unexpected error in xzdesk %s", args.command)
        path = handler.baseFilename
        print(f"xzdesk {args.command}: 出现意外错误（{type(exc).__name__}），详情已写入日志 {path} / "
              f"an unexpected error ({type(exc).__name__}); the details are in the log {path}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
