"""The command line: `xzdesk server add-user/list-users/...` on a server database, and
`xzdesk sync enrol/now/status` on this laptop's database against that server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.harness import FAST
from xzdesk.cli import main
from xzdesk.server.runner import ServerThread


def test_server_and_sync_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    db = f"sqlite:///{tmp_path / 'server.db'}"
    monkeypatch.setenv("XZDESK_NEW_PASSWORD", "a-long-password")
    assert main(["server", "add-user", "--db", db, "--username", "wangli", "--role", "matchmaker",
                 "--district", "320302", "--display-name", "王丽"]) == 0  # fmt: skip
    assert main(["server", "add-user", "--db", db, "--username", "wangli", "--role", "matchmaker"]) == 1
    assert main(["server", "list-users", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "wangli\tmatchmaker\t320302\tactive" in out
    with ServerThread(db, settings=FAST, max_lifetime_s=120) as server:
        monkeypatch.setenv("XZDESK_SYNC_PASSWORD", "a-long-password")
        assert main(["sync", "enrol", "--server", server.url, "--username", "wangli", "--label", "鼓楼办公室"]) == 0
        assert "enrolled as device" in capsys.readouterr().out
        assert main(["sync", "now"]) == 0
        assert main(["sync", "status"]) == 0
        status = capsys.readouterr().out
        assert "pending      0" in status and "last error   -" in status
        assert main(["server", "list-devices", "--db", db]) == 0
        device_line = capsys.readouterr().out.strip().splitlines()[-1]
        assert "wangli" in device_line and "鼓楼办公室" in device_line
        assert main(["server", "revoke-device", "--db", db, "--device", device_line.split("\t")[0]]) == 0
        assert main(["sync", "now"]) == 1
        assert "工会办公室已注销本机" in capsys.readouterr().err


def test_db_is_honoured_before_or_after_the_action(tmp_path, monkeypatch, capsys, _private_home):
    monkeypatch.setenv("XZDESK_NEW_PASSWORD", "a-long-password")
    before, after = f"sqlite:///{tmp_path / 'before.db'}", f"sqlite:///{tmp_path / 'after.db'}"
    assert main(["server", "--db", before, "add-user", "--username", "wangli", "--role", "matchmaker"]) == 0
    assert main(["server", "add-user", "--username", "zhaomin", "--role", "matchmaker", "--db", after]) == 0
    capsys.readouterr()
    assert main(["server", "--db", before, "list-users"]) == 0
    listed = capsys.readouterr().out
    assert "wangli" in listed and "zhaomin" not in listed
    assert main(["server", "list-users", "--db", after]) == 0
    assert "zhaomin" in capsys.readouterr().out
    assert not (_private_home / "server").exists()  # nothing went to the default database


def test_a_busy_port_is_a_clear_error(tmp_path, capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["server", "--db", f"sqlite:///{tmp_path / 's.db'}", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"无法监听 127.0.0.1:{port}" in err and "端口已被占用" in err and "choose another --port" in err


def test_the_address_is_printed_once_the_server_listens(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    import httpx

    from xzdesk.server.runner import free_port

    port = free_port()
    env = {**os.environ, "XZDESK_HOME": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "xzdesk", "server", "--port", str(port), "--db",
                             f"sqlite:///{tmp_path / 's.db'}"], stderr=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=env)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        line = ""
        while "正在运行" not in line:
            assert time.monotonic() < deadline and proc.poll() is None, line
            line = proc.stderr.readline()
        assert f"http://127.0.0.1:{port}" in line and "press Ctrl+C to stop" in line
        assert httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200  # at once: it listens
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "已停止 / stopped" in err
    assert "INFO" not in err and "alembic" not in err.lower() and out == ""


def test_seed_on_an_enrolled_laptop_refuses_and_says_why(tmp_path, monkeypatch, capsys, demo_home):
    _private_home = demo_home
    from xzdesk.app_context import AppContext
    from xzdesk.domain.members.service import count_members

    db = f"sqlite:///{tmp_path / 'server.db'}"
    monkeypatch.setenv("XZDESK_NEW_PASSWORD", "a-long-password")
    monkeypatch.setenv("XZDESK_SYNC_PASSWORD", "a-long-password")
    assert main(["server", "add-user", "--db", db, "--username", "wangli", "--role", "matchmaker"]) == 0
    with ServerThread(db, settings=FAST, max_lifetime_s=120) as server:
        assert main(["sync", "enrol", "--server", server.url, "--username", "wangli"]) == 0
        capsys.readouterr()
        assert main(["seed", "--members", "5"]) == 1
        err = capsys.readouterr().err
        assert "本机已接入同步服务器" in err and "永远不会同步" in err and "xzdesk --demo seed" in err
        ctx = AppContext.open(home=_private_home)
        try:
            with ctx.store.read() as s:
                assert count_members(s) == 0
            assert not ctx.store.meta().get("demo_data")  # still a working laptop: sync goes on
        finally:
            ctx.close()
        assert main(["sync", "now"]) == 0
        assert main(["--demo", "seed", "--members", "5"]) == 0  # the demo database is the place for demo rows
        assert "永远不会同步到服务器 / demo rows stay on this computer and are never synced" in capsys.readouterr().out


def test_sync_status_of_the_demo_database_has_nothing_waiting(demo_home, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "seed", "--members", "5", "--events", "0"]) == 0  # changes a real database would send
    capsys.readouterr()
    assert main(["--demo", "sync", "status"]) == 0
    status = capsys.readouterr().out
    assert "pending      - （演示数据从不上传 demo data is never sent）" in status
