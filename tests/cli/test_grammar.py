"""One global-option grammar (`xzdesk [--demo] [--as U] COMMAND …`, the same options after the
command), help and usage errors in Chinese with English, and a parser that loads only the
command it is asked about."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.accounts import PASSWORD, first_run
from xzdesk.app_context import AppContext
from xzdesk.cli import build_parser, command_named, main
from xzdesk.commands import COMMANDS
from xzdesk.domain.staff.codes import Role


@pytest.mark.parametrize(
    "argv",
    [["--demo", "--as", "admin", "account", "list"], ["account", "list", "--demo", "--as", "admin"],
     ["--demo", "account", "list", "--as", "admin"], ["account", "--as", "admin", "--demo", "list"],
     ["--as=admin", "account", "list", "--demo"]],
)  # fmt: skip
def test_global_options_before_or_after_the_command(demo_home, capsys, argv):
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "演示管理员" in out and "5 个账号" in out
    assert not (demo_home / "xzdesk.db").exists()  # --demo was honoured wherever it stood


def test_as_overrides_xzdesk_as_and_a_wrong_name_is_refused_in_words(demo_home, capsys, monkeypatch):
    monkeypatch.setenv("XZDESK_AS", "nobody")
    assert main(["--demo", "account", "list"]) == 1
    assert "用户名或密码不对" in capsys.readouterr().err
    assert main(["--demo", "account", "list", "--as", "admin"]) == 0


def test_as_reaches_every_command_the_same_way(_private_home, capsys, monkeypatch, tmp_path):
    """`report` had its own --as; now it is the global one, before or after."""
    ctx = AppContext.open(home=_private_home)
    first_run(ctx, username="union", display_name="工会管理员", role=Role.UNION_ADMIN)
    ctx.close()
    monkeypatch.setenv("XZDESK_PASSWORD", PASSWORD)
    out = tmp_path / "s.xlsx"
    assert main(["--as", "union", "report", "stats", "--period", "2026-Q1", "-o", str(out)]) == 0
    assert main(["report", "stats", "--period", "2026-Q1", "-o", str(out), "--as", "union"]) == 0
    assert main(["report", "stats", "--period", "2026-Q1", "-o", str(out)]) == 1
    assert "需要登录" in capsys.readouterr().err


def test_help_is_chinese_with_english_and_lists_every_command(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("用法 / usage: xzdesk")
    assert "命令 / commands" in text and "全局选项（命令前后均可）" in text and "XZDESK_NEW_PASSWORD" in text
    for spec in COMMANDS:
        assert spec.name in text and spec.help.split(" / ")[0] in text
    with pytest.raises(SystemExit):
        main(["sync", "enrol", "--help"])
    text = capsys.readouterr().out
    assert "服务器地址" in text and "--username" in text and "显示本帮助 / show this help" in text


@pytest.mark.parametrize(
    ("argv", "words"),
    [(["match", "suggest"], "缺少必填参数：--member"), (["frobnicate"], "无效的选择 'frobnicate'"),
     (["seed", "--members", "many"], "'many' 不是整数"), (["match", "suggest", "--member", "X", "--k", "-3"], "必须是 0 或更大的整数"),
     (["print", "events", "--month", "2026-13"], "月份请写成 YYYY-MM"),
     (["report", "stats", "--period", "2026", "-o", "x.xlsx", "--bogus"], "无法识别的参数：--bogus")],
)  # fmt: skip
def test_usage_errors_say_what_to_fix_in_both_languages(capsys, argv, words):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "用法错误：" in err and words in err and "/ usage error:" in err


def test_the_command_is_found_past_the_global_options():
    assert command_named(["--demo", "--as", "match", "print", "badges"]) == "print"  # "match" is a user name
    assert command_named(["--as=demo", "seed"]) == "seed" and command_named(["--demo"]) is None


def _imported_after(argv: list[str]) -> set[str]:
    script = (
        "import sys\n"
        "from xzdesk.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {**os.environ, "XZDESK_HOME": os.environ["XZDESK_HOME"]}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120,
                          check=True)  # fmt: skip
    return set(proc.stderr.split())


def test_help_and_parsing_load_nothing_heavy():
    heavy = {"sqlalchemy", "openpyxl", "numpy", "reportlab", "PySide6", "xzdesk.app_context", "xzdesk.domain.models"}
    loaded = _imported_after(["--help"])
    assert not heavy & loaded, heavy & loaded
    assert not {f"xzdesk.commands.{c.module}" for c in COMMANDS} & loaded
    loaded = _imported_after(["match", "--help"])
    assert "xzdesk.commands.match" in loaded and "xzdesk.commands.print_" not in loaded
    assert not heavy & loaded, heavy & loaded


HEAVY_PACKAGES = frozenset({"sqlalchemy", "sqlcipher3", "openpyxl", "PySide6", "shiboken6", "numpy", "scipy",
                            "reportlab", "keyring"})  # fmt: skip


def _entry_point_imports(*argv: str) -> tuple[set[str], str]:
    """Modules a new `python -m xzdesk ARGV` process imports, as a user's terminal runs it (the
    interpreter's own import log, so nothing in this test process can hide one), and its output."""
    env = {**os.environ, "XZDESK_HOME": os.environ["XZDESK_HOME"]}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "xzdesk", *argv], capture_output=True,
                          text=True, env=env, timeout=120, check=True)  # fmt: skip
    loaded = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    return loaded, proc.stdout


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_xzdesk_help_and_version_start_without_the_heavy_libraries(argv):
    """`xzdesk --help` answers in a fraction of a second because it loads none of the libraries the
    work needs (and not even the package metadata)."""
    loaded, out = _entry_point_imports(*argv)
    assert "xzdesk.cli" in loaded and "xzdesk.commands" in loaded  # the import log is read right
    heavy = {m for m in loaded if m.split(".")[0] in HEAVY_PACKAGES}
    assert not heavy, sorted(heavy)
    assert not {m for m in loaded if m.startswith(("xzdesk.domain", "xzdesk.ui", "xzdesk.app_context"))}
    assert "importlib.metadata" not in loaded  # the version is a constant, not package metadata
    if argv == ["--help"]:
        assert "用法 / usage: xzdesk" in out
    else:
        assert out.startswith("xzdesk ") and out.split()[1][0].isdigit()


def test_the_full_parser_configures_every_command():
    parser = build_parser(every=True)
    choices = next(a for a in parser._actions if a.dest == "command").choices
    assert set(choices) == {c.name for c in COMMANDS}
    assert all(len(p._actions) > 3 for p in choices.values())  # each configured beyond help/--demo/--as


def test_the_demo_database_is_seeded_on_first_use(_private_home, capsys, monkeypatch):
    """As the app does on its first run: members, events and the documented accounts."""
    from xzdesk import app_context

    monkeypatch.setattr(app_context, "DEMO_MEMBERS", 40)
    monkeypatch.setattr(app_context, "DEMO_EVENTS", 1)
    monkeypatch.setattr(app_context, "DEMO_HISTORY", 0)
    monkeypatch.setenv("XZDESK_PASSWORD", app_context.DEMO_PASSWORD)
    assert main(["--demo", "--as", "admin", "account", "list"]) == 0
    assert "演示红娘" in capsys.readouterr().out
    assert main(["--demo", "print", "events"]) == 0
    assert "1 场活动" in capsys.readouterr().out
