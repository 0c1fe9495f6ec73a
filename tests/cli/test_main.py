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


def test_seed_fills_the_current_database(capsys, _private_home):
    assert main(["seed", "--members", "50", "--seed", "4"]) == 0
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
