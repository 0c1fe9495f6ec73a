"""The README's command table is the parser's: the same commands and subcommands, options that
exist, one table (no blank line splitting it), and the environment variables the CLI reads."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from xzdesk.cli import ENVIRONMENT, build_parser

README = Path(__file__).resolve().parents[2] / "README.md"
SNIPPET = re.compile(r"`([^`]+)`")


def _section(title: str) -> list[str]:
    lines = README.read_text("utf-8").splitlines()
    start = lines.index(title)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start + 1 : end]


def _table(lines: list[str]) -> list[list[str]]:
    """The first table of `lines`, as cells; fails if a later table row follows a gap."""
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    rest = lines[first + len(rows) :]
    next_heading = next((i for i, line in enumerate(rest) if line.startswith("#")), len(rest))
    assert not any(line.startswith("| `xzdesk") for line in rest[:next_heading]), "the table is split by a blank line"
    return rows[2:]  # header and separator


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {s for a in parser._actions for s in a.option_strings}


def parser_paths() -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every runnable command path: a command, and each of its subcommands."""
    paths: dict[tuple[str, ...], argparse.ArgumentParser] = {}
    for name, cmd in _subparsers(build_parser(every=True)).items():
        paths[(name,)] = cmd
        for sub, p in _subparsers(cmd).items():
            paths[(name, sub)] = p
    return paths


def readme_commands() -> list[tuple[tuple[str, ...], list[str]]]:
    """(path, options) of every `xzdesk …` snippet in the first column (a snippet without
    `xzdesk` continues the row's command: `account list` after `xzdesk account add …`)."""
    out = []
    for cells in _table(_section("## More commands")):
        for snippet in SNIPPET.findall(cells[0]):
            words = snippet.split()
            if words[0] == "make":
                continue
            words = words[1:] if words[0] == "xzdesk" else words
            path = []
            for word in words:
                if word.startswith(("-", "[")) or not re.fullmatch(r"[a-z][a-z-]*", word):
                    break
                path.append(word)
            options = [w.strip("[]") for w in words if w.strip("[").startswith("--")]
            out.append((tuple(path), options))
    return out


def test_every_command_and_subcommand_is_in_the_readme_and_nothing_else():
    paths = parser_paths()
    named = {path for path, _options in readme_commands()}
    leaves = {p for p in paths if not _subparsers(paths[p]) or p[0] == "server"}  # `server` itself runs
    assert leaves - named == set(), f"missing from the README: {sorted(leaves - named)}"
    unknown = {p for p in named if p and p not in paths}
    assert not unknown, f"the README names commands that do not exist: {sorted(unknown)}"


def test_every_option_the_readme_shows_exists():
    paths = parser_paths()
    top = _options(build_parser())
    for path, options in readme_commands():
        allowed = _options(paths[path]) if path else top
        assert set(options) <= allowed, f"{' '.join(path)}: {sorted(set(options) - allowed)}"


def test_sync_enrol_is_documented_with_server_and_username():
    enrol = [options for path, options in readme_commands() if path == ("sync", "enrol")]
    assert enrol and {"--server", "--username"} <= set(enrol[0])


def test_the_environment_table_lists_what_the_cli_reads():
    rows = _table(_section("## More commands")[_section("## More commands").index("### Environment variables") :])
    documented = [SNIPPET.findall(cells[0])[0] for cells in rows]
    assert documented == [name for name, _zh, _en in ENVIRONMENT]
