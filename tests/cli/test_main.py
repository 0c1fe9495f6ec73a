"""The command line, in-process and as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from xzdesk import __version__
from xzdesk.app_context import AppContext
from xzdesk.cli import main
from xzdesk.domain.members.service import count_members


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_seed_fills_the_current_database(capsys, _private_home, monkeypatch):
    import gc

    from xzdesk.domain.members import seed

    collecting = []  # the collector paused while the database opened, and runs while the work is done
    real = seed.seed_members
    monkeypatch.setattr(seed, "seed_members", lambda *a, **kw: collecting.append(gc.isenabled()) or real(*a, **kw))
    assert main(["seed", "--members", "50", "--seed", "4"]) == 0
    assert collecting == [True] and gc.isenabled()
    assert "seeded 50 members" in capsys.readouterr().out
    ctx = AppContext.open(home=_private_home)
    try:
        with ctx.store.read() as s:
            assert count_members(s) == 50
    finally:
        ctx.close()
    assert (_private_home / "xzdesk.db").exists() and not (_private_home / "demo.db").exists()


def test_seed_refuses_a_negative_count(capsys):
    assert main(["seed", "--members", "-1"]) == 2


def test_subprocess_without_keyring_asks_for_a_passphrase(tmp_path):
    """No secure keyring and no terminal: a clear message and exit 1, nothing created half-way."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env["XZDESK_HOME"] = str(tmp_path)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    proc = subprocess.run([sys.executable, "-m", "xzdesk", "seed", "--members", "3"], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 1
    assert "passphrase" in proc.stderr.lower() or "口令" in proc.stderr
    env["XZDESK_PASSPHRASE"] = "a long passphrase"
    proc = subprocess.run([sys.executable, "-m", "xzdesk", "seed", "--members", "3"], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "scrypt" in (tmp_path / "xzdesk.db.keyinfo.json").read_text()


def _run(args, env, **kw):
    return subprocess.run([sys.executable, "-m", "xzdesk", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=180, check=False, **kw)  # fmt: skip


def test_no_log_lines_on_the_terminal_even_when_alembic_migrates(tmp_path):
    """A new database runs every migration; at INFO level Alembic talks, into the log file only."""
    env = {**os.environ, "XZDESK_HOME": str(tmp_path), "XZDESK_LOG_LEVEL": "INFO"}
    proc = _run(["seed", "--members", "3"], env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "" and "INFO" not in proc.stdout and "alembic" not in proc.stdout.lower()
    assert "seeded 3 members" in proc.stdout
    logged = (tmp_path / "logs" / "xzdesk-cli.log").read_text("utf-8")
    assert "alembic" in logged.lower()  # what it said is kept where it belongs


def test_a_wrong_passphrase_is_said_in_words(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env.update(XZDESK_HOME=str(tmp_path), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               XZDESK_PASSPHRASE="the right passphrase")  # fmt: skip
    assert _run(["seed", "--members", "2"], env).returncode == 0
    env["XZDESK_PASSPHRASE"] = "a wrong passphrase"
    proc = _run(["seed", "--members", "2"], env)
    assert proc.returncode == 1
    assert "无法打开数据库：口令或密钥不正确 / cannot open the database: wrong passphrase or key" in proc.stderr
    assert "store." not in proc.stderr and "Traceback" not in proc.stderr


def test_progress_on_a_terminal_names_the_step_in_words(capsys):
    from xzdesk.commands._common import TerminalProgress

    progress = TerminalProgress()
    progress.tty = True
    progress(0.5, "import.analyse")
    progress(1.0, "import.commit")
    err = capsys.readouterr().err
    assert "检查各行 / checking rows  50%" in err and "写入 / writing 100%" in err and "import." not in err


def test_every_command_closes_the_database_also_when_it_fails(capsys, demo_home, monkeypatch):
    closed: list[bool] = []
    real_close = AppContext.close
    monkeypatch.setattr(AppContext, "close", lambda self: (closed.append(True), real_close(self))[1])
    assert main(["match", "why", "--demo", "--as", "demo", "--member", "M-NOPE-1", "--other", "M-NOPE-2"]) == 1
    assert "M-NOPE-1" in capsys.readouterr().err
    assert main(["account", "list", "--demo", "--as", "demo"]) == 0
    assert closed == [True, True]
