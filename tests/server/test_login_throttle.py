"""Sign-in throttle: 40 wrong passwords and then the right one succeeded. Now failures are
throttled by user name and by client address (a growing wait after 4, a 15-minute lock at 20,
answered 429 with Retry-After and words), attempts sent in parallel are counted as if in a row,
the state is in the database (every worker shares it), everything is audited, a command lifts a
lock, and no more than N argon2 hashes run at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher

from tests.sync.harness import FAST, PASSWORD, add_user, server_db
from xzdesk.cli import main
from xzdesk.domain.staff.passwords import ThrottleRule
from xzdesk.server import login
from xzdesk.server.hardening import Hardening
from xzdesk.server.login import SERVER_RULE, LoginSettings
from xzdesk.server.runner import ServerThread

NO_WAIT = ThrottleRule(free=4, first_wait_s=0, max_wait_s=0, lock_at=20, lock_s=15 * 60)  # straight to the lock
LENIENT = ThrottleRule(free=1000, first_wait_s=0, max_wait_s=0, lock_at=10_000, lock_s=60)


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def _settings(**login_kw: object) -> object:
    return replace(FAST, hardening=Hardening(login=LoginSettings(**login_kw)))  # type: ignore[arg-type]


@pytest.fixture
def url(backend: str, tmp_path: Path) -> Iterator[str]:
    with server_db(backend, tmp_path / "server") as db_url:
        yield db_url


def _start(url: str, clock: Clock | None = None, **login_kw: object) -> ServerThread:
    srv = ServerThread(url, settings=_settings(**login_kw), max_lifetime_s=180).start()  # type: ignore[arg-type]
    if clock is not None:
        srv.app.state.login.clock = clock
    return srv


def _enrol(srv: ServerThread, username: str, password: str) -> httpx.Response:
    return httpx.post(srv.url + "/sync/v1/enrol", json={"username": username, "password": password}, timeout=60)


def test_forty_wrong_then_right_does_not_get_in(url: str) -> None:
    clock = Clock()
    srv = _start(url, clock, by_address=LENIENT)  # the name's rule as shipped (the address's is tested below)
    try:
        add_user(srv, "alice")
        answers = [_enrol(srv, "alice", f"wrong-{n}") for n in range(40)]
        assert [r.status_code for r in answers[:5]] == [401] * 5
        assert {r.status_code for r in answers[5:]} == {429}
        right = _enrol(srv, "alice", PASSWORD)
        assert right.status_code == 429
        body = right.json()
        assert body["code"] == "auth.throttled" and body["params"]["retry_after"] == 1
        assert right.headers["Retry-After"] == "1"
        assert "1 秒后再试" in body["message_zh"] and "try again in 1 s" in body["message_en"]
        clock.advance(seconds=2)  # the wait is over: the right password gets in, and clears the name
        assert _enrol(srv, "alice", PASSWORD).status_code == 200
        assert [r.status_code for r in (_enrol(srv, "alice", "wrong") for _ in range(5))] == [401] * 5
    finally:
        srv.dispose()


def test_twenty_failures_lock_for_fifteen_minutes_then_each_failure_locks_again(url: str) -> None:
    clock = Clock()
    srv = _start(url, clock, by_user=NO_WAIT, by_address=LENIENT)
    try:
        add_user(srv, "alice")
        codes = [_enrol(srv, "alice", f"wrong-{n}").status_code for n in range(40)]
        assert codes == [401] * 20 + [429] * 20
        right = _enrol(srv, "alice", PASSWORD)
        assert right.status_code == 429 and right.json()["code"] == "auth.locked"
        assert right.json()["params"] == {"retry_after": 900, "retry_after_min": 15}
        assert right.headers["Retry-After"] == "900"
        assert "15 分钟后再试" in right.json()["message_zh"] and "xzdesk server unlock-login" in right.json()["message_en"]
        clock.advance(minutes=14)
        assert _enrol(srv, "alice", PASSWORD).status_code == 429  # 40 wrong, then right: not within the lock
        clock.advance(minutes=2)
        assert _enrol(srv, "alice", "wrong").status_code == 401  # after the lock, one more failure...
        assert _enrol(srv, "alice", PASSWORD).json()["code"] == "auth.locked"  # ...locks again
        clock.advance(minutes=16)
        assert _enrol(srv, "alice", PASSWORD).status_code == 200
    finally:
        srv.dispose()


def test_attempts_in_parallel_are_counted_as_if_in_a_row(url: str) -> None:
    srv = _start(url, by_user=NO_WAIT, by_address=LENIENT)
    try:
        add_user(srv, "alice")
        with ThreadPoolExecutor(max_workers=20) as pool:
            codes = list(pool.map(lambda n: _enrol(srv, "alice", f"wrong-{n}").status_code, range(40)))
        assert codes.count(401) == 20 and codes.count(429) == 20  # exactly the 20 the rule allows were checked
        assert _enrol(srv, "alice", PASSWORD).json()["code"] == "auth.locked"
    finally:
        srv.dispose()


def test_one_address_trying_many_names_is_locked_and_a_command_unlocks(url: str,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    srv = _start(url, by_user=LENIENT, by_address=NO_WAIT)
    try:
        for name in ("alice", *(f"staff{n}" for n in range(25))):
            add_user(srv, name)
        codes = [_enrol(srv, f"staff{n}", "123456").status_code for n in range(25)]
        assert codes == [401] * 20 + [429] * 5
        r = _enrol(srv, "alice", PASSWORD)  # a real person on that address is locked out too, for now
        assert r.status_code == 429 and r.json()["code"] == "auth.locked"
        assert main(["server", "login-locks", "--db", url]) == 0
        out = capsys.readouterr().out
        assert "地址 address\t127.0.0.1\t失败 failures 20" in out and "locked until" in out
        assert main(["server", "unlock-login", "--address", "127.0.0.1", "--db", url]) == 0
        assert "127.0.0.1" in capsys.readouterr().out
        assert _enrol(srv, "alice", PASSWORD).status_code == 200
        assert main(["server", "unlock-login", "--db", url]) == 1
        assert "请给出用户名或 --address 地址" in capsys.readouterr().err
    finally:
        srv.dispose()


def test_a_user_lock_is_lifted_by_name_and_everything_is_audited(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    srv = _start(url, by_user=NO_WAIT, by_address=LENIENT)
    try:
        add_user(srv, "alice")
        assert _enrol(srv, "alice", PASSWORD).status_code == 200
        assert _enrol(srv, "nobody", "x").status_code == 401
        for n in range(21):
            _enrol(srv, "alice", f"wrong-{n}")
        assert _enrol(srv, "alice", PASSWORD).json()["code"] == "auth.locked"
        assert main(["server", "unlock-login", "alice", "--db", url]) == 0
        assert "已解除 alice 的登录限制" in capsys.readouterr().out
        assert _enrol(srv, "alice", PASSWORD).status_code == 200
        with srv.app.state.db.read() as s:
            entries = login.audit_entries(s, limit=100)
        actions = [e.action for e in reversed(entries)]
        assert actions.count("login.ok") == 2 and actions.count("login.failed") == 21
        assert actions.count("login.locked") == 1 and actions.count("login.unlocked") == 1
        reasons = {e.detail.get("reason") for e in entries if e.action == "login.failed"}
        assert reasons == {"unknown_user", "password"}
        assert all(e.address == "127.0.0.1" for e in entries if e.action != "login.unlocked")
        assert not any("wrong-" in str(e.detail) or PASSWORD in str(e.detail) for e in entries)  # never a password
        assert main(["server", "login-audit", "--db", url, "--limit", "3"]) == 0
        lines = capsys.readouterr().out.strip().splitlines()
        assert len(lines) == 3 and "登录成功 signed in\talice\t127.0.0.1" in lines[0]
    finally:
        srv.dispose()


def test_every_worker_shares_the_throttle(url: str) -> None:
    """Two server processes' apps on one database: failures on either count for both."""
    first = _start(url, by_user=NO_WAIT, by_address=LENIENT)
    second = _start(url, by_user=NO_WAIT, by_address=LENIENT)
    try:
        add_user(first, "alice")
        for n in range(10):
            assert _enrol(first, "alice", f"wrong-{n}").status_code == 401
            assert _enrol(second, "alice", f"wrong-{n}").status_code == 401
        assert _enrol(first, "alice", PASSWORD).json()["code"] == "auth.locked"
        assert _enrol(second, "alice", PASSWORD).json()["code"] == "auth.locked"
    finally:
        first.dispose()
        second.dispose()


class CountingHasher(PasswordHasher):
    """The real argon2 check, slowed down, counting how many run at once."""

    def __init__(self, delay: float) -> None:
        super().__init__(time_cost=1, memory_cost=1024)
        self.delay = delay
        self.running = 0
        self.most = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(self.delay)
            return super().verify(hash, password)
        finally:
            with self._lock:
                self.running -= 1


def test_no_more_than_n_hashes_run_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    srv = _start(url, by_user=LENIENT, by_address=LENIENT, max_parallel_hashes=2)
    try:
        hasher = CountingHasher(delay=0.2)
        srv.app.state.login.hasher = hasher
        for n in range(8):
            add_user(srv, f"user{n}")
        with ThreadPoolExecutor(max_workers=8) as pool:
            codes = list(pool.map(lambda n: _enrol(srv, f"user{n}", "wrong-password").status_code, range(8)))
        assert codes == [401] * 8
        assert hasher.most == 2
    finally:
        srv.dispose()


def test_an_attempt_that_waits_too_long_for_a_hash_is_told_the_server_is_busy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    srv = _start(url, by_user=LENIENT, by_address=LENIENT, max_parallel_hashes=1, hash_wait_s=0.2)
    try:
        srv.app.state.login.hasher = CountingHasher(delay=1.0)
        add_user(srv, "alice")
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(lambda _n: _enrol(srv, "alice", "wrong-password"), range(4)))
        busy = [r for r in answers if r.status_code == 503]
        assert busy and len(busy) < 4
        assert {r.json()["code"] for r in busy} == {"server.busy"} and busy[0].headers["Retry-After"] == "5"
        with srv.app.state.db.read() as s:
            rows = {r.kind: r.failures for r in login.throttles(s)}
        checked = sum(1 for r in answers if r.status_code == 401)
        assert rows == {"user": checked, "address": checked}  # a busy answer is not counted as a failure
    finally:
        srv.dispose()


def test_the_server_rule_is_the_laptops_rule_with_a_timed_lock() -> None:
    assert isinstance(SERVER_RULE, ThrottleRule)
    assert [SERVER_RULE.wait_after(n) for n in range(4, 9)] == [0, 1, 2, 4, 8]
    assert not SERVER_RULE.locks(19) and SERVER_RULE.locks(20) and SERVER_RULE.lock_s == 900


def test_a_quiet_day_forgets_the_failures(url: str) -> None:
    clock = Clock()
    srv = _start(url, clock, by_user=NO_WAIT, by_address=NO_WAIT)
    try:
        add_user(srv, "alice")
        for n in range(21):
            _enrol(srv, "alice", f"wrong-{n}")
        clock.advance(minutes=16)  # the lock is over, the failures are not: one more locks again
        assert _enrol(srv, "alice", "wrong").status_code == 401
        assert _enrol(srv, "alice", PASSWORD).json()["code"] == "auth.locked"
        clock.advance(days=1, minutes=16)  # a quiet day: both the name and the address start from 0
        assert _enrol(srv, "alice", "wrong").status_code == 401
        with srv.app.state.db.read() as s:
            assert {(r.kind, r.failures) for r in login.throttles(s)} == {("user", 1), ("address", 1)}
        assert _enrol(srv, "alice", PASSWORD).status_code == 200
    finally:
        srv.dispose()
