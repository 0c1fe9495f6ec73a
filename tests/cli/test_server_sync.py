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
