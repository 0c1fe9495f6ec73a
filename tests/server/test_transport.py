"""Transport: `sync enrol` took http:// to any host, so passwords and device tokens could cross a
network in clear. Now https is required except on this computer (refused before any
connection, with words), the server serves TLS, and the laptop verifies the server's certificate
against the system's store or the union's CA file given at enrolment (kept for every later sync).
A real CA and server certificates are made here; the real server runs TLS on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from tests.server.api import resident_id
from tests.server.certs import UnionCA
from tests.sync.harness import FAST, PASSWORD, LaptopFactory, add_user
from xzdesk.cli import main
from xzdesk.domain.errors import XzError
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.service import register_member
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.uow import ActorInfo, unit_of_work
from xzdesk.server.models import Record
from xzdesk.server.runner import ServerThread, TlsFiles, bind, free_port
from xzdesk.sync.client import ServerClient, SyncError, check_server_url
from xzdesk.sync.engine import M_CA, M_URL, SyncEngine


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> UnionCA:
    return UnionCA(tmp_path_factory.mktemp("union-ca"))


def _tls_server(tmp_path: Path, ca: UnionCA, stem: str = "server", **issue: object) -> ServerThread:
    issued = ca.issue(stem, **issue)  # type: ignore[arg-type]
    srv = ServerThread(f"sqlite:///{tmp_path / (stem + '.db')}", settings=FAST, max_lifetime_s=120,
                       tls=TlsFiles(issued.cert, issued.key))  # fmt: skip
    return srv.start()


@pytest.fixture
def tls_server(tmp_path: Path, ca: UnionCA) -> Iterator[ServerThread]:
    srv = _tls_server(tmp_path, ca)
    add_user(srv, "gulou")
    yield srv
    srv.dispose()


def _bare_laptop(laptops: LaptopFactory) -> SyncEngine:
    """A laptop whose engine makes its own connections (no test transport), as in the field."""
    laptop = laptops.make("unused", "gulou", enrol=False)
    laptop.transport.close()
    return SyncEngine(laptop.store)


def test_a_laptop_with_the_union_ca_syncs_over_tls_and_keeps_the_ca(tls_server: ServerThread, ca: UnionCA,
                                                                    laptops: LaptopFactory, tmp_path: Path) -> None:  # fmt: skip
    assert tls_server.url.startswith("https://127.0.0.1:")
    ca_copy = tmp_path / "given.pem"
    ca_copy.write_bytes(ca.files.cert.read_bytes() + ca.files.key.read_bytes())  # a careless file: key included
    engine = _bare_laptop(laptops)
    info = engine.enrol(tls_server.url, "gulou", PASSWORD, ca_file=ca_copy)
    meta = engine.store.meta()
    assert meta[M_URL] == tls_server.url and "BEGIN CERTIFICATE" in meta[M_CA]
    assert "PRIVATE KEY" not in meta[M_CA]  # only the certificate is kept
    ca_copy.unlink()  # later syncs use the stored certificate, not the file
    actor = ActorInfo(info.staff_id, Role(info.role), info.district_code, info.display_name)
    with unit_of_work(engine.store, actor) as uow:
        member_id = register_member(uow, draft=MemberDraft(name="王小明", id_number=resident_id(region="320302"),
                                                          mobile="13900000001", district_code="320302")).id  # fmt: skip
    report = engine.sync_once()
    assert report.error is None and report.acked >= 1
    with tls_server.app.state.db.read() as s:
        assert s.execute(select(Record.id).where(Record.id == member_id)).scalar() == member_id
    engine.store.close()


def test_a_der_ca_file_works_too(tls_server: ServerThread, ca: UnionCA, laptops: LaptopFactory) -> None:
    engine = _bare_laptop(laptops)
    engine.enrol(tls_server.url, "gulou", PASSWORD, ca_file=ca.der_file())
    assert engine.sync_once().error is None
    engine.store.close()


def test_without_the_ca_the_laptop_refuses_the_server(tls_server: ServerThread, laptops: LaptopFactory) -> None:
    engine = _bare_laptop(laptops)
    with pytest.raises(SyncError) as raised:
        engine.enrol(tls_server.url, "gulou", PASSWORD)  # the system store does not know the union's CA
    assert raised.value.code == "sync.certificate_untrusted"
    assert M_URL not in engine.store.meta()  # not enrolled, nothing kept
    engine.store.close()


def test_a_certificate_for_another_name_is_refused(tmp_path: Path, ca: UnionCA, laptops: LaptopFactory) -> None:
    srv = _tls_server(tmp_path, ca, "other", dns=("hongniang.example.cn",), ips=())
    try:
        add_user(srv, "gulou")
        engine = _bare_laptop(laptops)
        with pytest.raises(SyncError) as raised:
            engine.enrol(srv.url, "gulou", PASSWORD, ca_file=ca.files.cert)
        assert raised.value.code == "sync.certificate_wrong_host"
        engine.store.close()
    finally:
        srv.dispose()


def test_an_expired_certificate_is_refused(tmp_path: Path, ca: UnionCA, laptops: LaptopFactory) -> None:
    srv = _tls_server(tmp_path, ca, "expired", expired=True)
    try:
        engine = _bare_laptop(laptops)
        with pytest.raises(SyncError) as raised:
            engine.enrol(srv.url, "gulou", PASSWORD, ca_file=ca.files.cert)
        assert raised.value.code == "sync.certificate_expired"
        engine.store.close()
    finally:
        srv.dispose()


def test_plain_http_to_another_computer_is_refused_before_any_connection(laptops: LaptopFactory, tmp_path: Path) -> None:
    sent: list[httpx.Request] = []
    recording = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(500))
    laptop = laptops.make("unused", "gulou", enrol=False)
    engine = SyncEngine(laptop.store, transport=recording)
    for url in ("http://192.0.2.10:8765", "http://hongniang.example.cn", "http://localhost.example.cn"):
        with pytest.raises(XzError) as raised:
            engine.enrol(url, "gulou", PASSWORD)
        assert raised.value.code == "sync.https_required"
        with pytest.raises(XzError):
            ServerClient(url, transport=recording)
    for url in ("ftp://192.0.2.10", "https://", "http://[::1", "192.0.2.10:8765"):
        with pytest.raises(XzError) as raised:
            check_server_url(url)
        assert raised.value.code == "sync.bad_url"
    assert sent == []  # no request left this computer
    for url in ("http://127.0.0.1:8765", "http://127.8.9.10", "http://localhost:1", "http://[::1]:8765"):
        assert check_server_url(url + "/") == url
    (tmp_path / "junk.pem").write_text("not a certificate")
    for ca_file, code in ((tmp_path / "missing.pem", "sync.ca_file_unreadable"), (tmp_path / "junk.pem", "sync.ca_file_invalid")):
        with pytest.raises(XzError) as raised:
            engine.enrol("https://192.0.2.10", "gulou", PASSWORD, ca_file=ca_file)
        assert raised.value.code == code
    assert sent == []
    laptop.close()


def test_https_to_a_plain_http_server_fails_with_words(tmp_path: Path) -> None:
    with ServerThread(f"sqlite:///{tmp_path / 's.db'}", settings=FAST, max_lifetime_s=60) as srv:
        with ServerClient(srv.url.replace("http://", "https://")) as client, pytest.raises(SyncError) as raised:
            client.health()
    assert raised.value.code == "sync.tls_failed"


def test_the_commands_serve_and_enrol_over_tls(tmp_path: Path, ca: UnionCA, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    issued = ca.issue("cli-server")
    db = f"sqlite:///{tmp_path / 'server.db'}"
    monkeypatch.setenv("XZDESK_NEW_PASSWORD", PASSWORD)
    assert main(["server", "add-user", "--db", db, "--username", "wangli", "--role", "matchmaker",
                 "--district", "320302"]) == 0  # fmt: skip
    assert main(["server", "--db", db, "--tls-cert", str(issued.cert)]) == 1
    assert "--tls-cert 和 --tls-key 须同时给出" in capsys.readouterr().err
    assert main(["server", "--db", db, "--tls-cert", str(issued.cert), "--tls-key", str(ca.files.key)]) == 1
    assert "无法使用证书" in capsys.readouterr().err  # a key that is not the certificate's
    port = free_port()
    env = {**os.environ, "XZDESK_HOME": str(tmp_path / "server-home")}
    proc = subprocess.Popen([sys.executable, "-m", "xzdesk", "server", "--port", str(port), "--db", db,
                             "--tls-cert", str(issued.cert), "--tls-key", str(issued.key)],
                            stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        line = ""
        while "正在运行" not in line:
            assert time.monotonic() < deadline and proc.poll() is None, line
            line = proc.stderr.readline()
        assert f"https://127.0.0.1:{port}" in line
        monkeypatch.setenv("XZDESK_SYNC_PASSWORD", PASSWORD)
        assert main(["sync", "enrol", "--server", "http://192.0.2.10:8765", "--username", "wangli"]) == 1
        err = capsys.readouterr().err
        assert "服务器地址必须以 https:// 开头" in err and "must start with https://" in err
        assert main(["sync", "enrol", "--server", f"https://127.0.0.1:{port}", "--username", "wangli"]) == 1
        assert "服务器的证书不受信任" in capsys.readouterr().err
        assert main(["sync", "enrol", "--server", f"https://127.0.0.1:{port}", "--username", "wangli",
                     "--ca-file", str(ca.files.cert)]) == 0  # fmt: skip
        assert "enrolled as device" in capsys.readouterr().out
        assert main(["sync", "now"]) == 0
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    assert proc.returncode == 0


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_connections_to_the_bound_socket_send_without_waiting_for_acks(host: str) -> None:
    """`xzdesk server` serves on the socket `runner.bind` made. asyncio turns Nagle's algorithm
    off only on connections whose socket says IPPROTO_TCP; with proto 0 a short answer written in
    two parts (head, then body) waited for the laptop's delayed ACK, about 40 ms. The connection
    the event loop accepts from that socket must have TCP_NODELAY set."""
    try:
        listener = bind(host, 0)
    except OSError:
        pytest.skip(f"{host} is not available here")
    seen: list[int] = []

    async def handle(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    async def run() -> None:
        server = await asyncio.start_server(handle, sock=listener)
        async with server:
            reader, writer = await asyncio.open_connection(host, listener.getsockname()[1])
            await reader.read()
            writer.close()

    try:
        asyncio.run(run())
    finally:
        listener.close()
    assert len(seen) == 1 and seen[0] != 0
