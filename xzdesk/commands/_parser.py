"""The command line's argument parser: help in Chinese with English beside it, usage errors in
both languages, and the global options (`--demo`, `--as USERNAME`) accepted before the command
and after any subcommand, defined once here.

Light on purpose: only argparse and re, so `xzdesk --help` stays fast.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

USAGE = "用法 / usage: "
GLOBAL_TITLE = "全局选项（命令前后均可）/ global options (before or after the command)"

# argparse's own sentences -> Chinese; "{0}" etc. are the groups of the English pattern.
_ARGPARSE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"^the following arguments are required: (.+)$", "缺少必填参数：{0}"),
        (r"^unrecognized arguments: (.+)$", "无法识别的参数：{0}"),
        (r"^invalid choice: (.+) \(choose from (.+)\)$", "无效的选择 {0}（可选：{1}）"),
        (r"^invalid int value: (.+)$", "{0} 不是整数"),
        (r"^invalid float value: (.+)$", "{0} 不是数字"),
        (r"^invalid (\S+) value: (.+)$", "{1} 的格式不对"),
        (r"^expected one argument$", "后面要跟一个值"),
        (r"^expected at least one argument$", "后面至少要跟一个值"),
        (r"^expected at most one argument$", "后面最多跟一个值"),
        (r"^ambiguous option: (\S+) could match (.+)$", "选项 {0} 不明确，可能是 {1}"),
        (r"^not allowed with argument (.+)$", "不能与 {0} 同时使用"),
        (r"^one of the arguments (.+) is required$", "必须给出其中之一：{0}"),
        (r"^ignored explicit argument (.+)$", "多余的值 {0}"),
        (r"^must be 0 or more: (.+)$", "必须是 0 或更大的整数：{0}"),
        (r"^must be 1 or more: (.+)$", "必须是 1 或更大的整数：{0}"),
        (r"^write the month as YYYY-MM: (.+)$", "月份请写成 YYYY-MM：{0}"),
    )
)
_ARGUMENT = re.compile(r"^argument (\S+): (.+)$")


def argparse_words(message: str) -> str:
    """argparse's English error sentence in Chinese (the message itself when unknown)."""
    nested = _ARGUMENT.match(message)
    if nested:
        return f"参数 {nested.group(1)}：{argparse_words(nested.group(2))}"
    for pattern, words in _ARGPARSE_WORDS:
        match = pattern.match(message)
        if match:
            return words.format(*match.groups())
    return message


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the descriptions' line breaks (they hold the Chinese and English lines) and says
    "用法 / usage"."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix=USAGE if prefix is None else prefix)


class XzParser(argparse.ArgumentParser):
    """ArgumentParser with Chinese / English help and errors. Every parser made from it,
    including each subcommand's (argparse builds subparsers of the parent's class), accepts the
    global options; their values given anywhere reach the handler as `args.demo`,
    `args.as_user` (see `global_options`)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数 / arguments"
        self._optionals.title = "选项 / options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="显示本帮助 / show this help")  # fmt: skip
        group = self.add_argument_group(GLOBAL_TITLE)
        group.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                           help="使用演示数据库（虚构会员）/ use the demo database (synthetic members)")  # fmt: skip
        group.add_argument("--as", dest="as_user", metavar="USERNAME", default=argparse.SUPPRESS,
                           help="以此工作人员账号登录（密码取自 XZDESK_PASSWORD 或终端提示）/ "
                                "sign in as this staff account (password from XZDESK_PASSWORD or a prompt)")  # fmt: skip

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 用法错误：{argparse_words(message)} / usage error: {message}\n")


def non_negative_int(text: str) -> int:
    """An option's value that counts something (0 or more)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {text}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {text}")
    return value


def positive_int(text: str) -> int:
    """An option's value that counts something there must be at least one of."""
    value = non_negative_int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text}")
    return value


def year_month(text: str) -> tuple[int, int]:
    """A month written YYYY-MM."""
    try:
        year, month = (int(part) for part in text.split("-"))
        if not 1 <= month <= 12 or not 1900 <= year <= 9999:
            raise ValueError(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"write the month as YYYY-MM: {text}") from None
    return year, month


def global_options(args: argparse.Namespace) -> argparse.Namespace:
    """Fill the global options' defaults (they are SUPPRESSed so that a value given before the
    command is not overwritten by a subcommand's default)."""
    if not hasattr(args, "demo"):
        args.demo = False
    if not hasattr(args, "as_user"):
        args.as_user = None
    return args


def subcommands(parser: argparse.ArgumentParser, *, dest: str, required: bool = True,
                metavar: str = "action") -> argparse._SubParsersAction:  # fmt: skip
    """A group of sub-subcommands (e.g. `sync enrol|now|status`), titled in both languages."""
    return parser.add_subparsers(dest=dest, metavar=metavar, required=required, title="子命令 / subcommands")
