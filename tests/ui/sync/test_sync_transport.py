"""The 同步 screen's connect form and transport: plain http to another computer is refused at
once with words (nothing sent, nothing enrolled); a union server on TLS is reached with the
union's certificate chosen in the form; a certificate the laptop does not trust is explained."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.server.certs import UnionCA
from tests.sync.harness import FAST, PASSWORD, add_user
from xzdesk.app_context import AppContext
from xzdesk.server.runner import ServerThread, TlsFiles
from xzdesk.ui.app import install_translators


@pytest.fixture
def boxes(monkeypatch):
    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def tls_server(tmp_path):
    ca = UnionCA(tmp_path / "ca")
    issued = ca.issue("server")
    srv = ServerThread(f"sqlite:///{tmp_path / 'server.db'}", settings=FAST, max_lifetime_s=300,
                       tls=TlsFiles(issued.cert, issued.key)).start()  # fmt: skip
    add_user(srv, "wang", district="320302")
    yield srv, ca
    srv.dispose()


def _window(qtbot, tmp_path, monkeypatch):
    from xzdesk.ui.accounts.session import SessionController
    from xzdesk.ui.main_window import MainWindow

    ctx = AppContext.open(home=tmp_path / "laptop")
    monkeypatch.setattr(SessionController, "start", lambda self: True)  # connecting creates the account
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    yield win
    win.sync.stop()
    win.ops.wait_idle()
    ctx.close()


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    yield from _window(qtbot, tmp_path, monkeypatch)


@pytest.fixture(params=["zh_CN", "en"])
def window_in(request, qapp, qtbot, tmp_path, monkeypatch):
    """The window built in Chinese (the default) and in English."""
    install_translators(qapp, request.param)
    yield from _window(qtbot, tmp_path, monkeypatch)
    install_translators(qapp, "en")


def _fill(page, url: str, ca_file: str = "") -> None:
    page.url.setText(url)
    page.username.setText("wang")
    page.password.setText(PASSWORD)
    page.ca_file.setText(ca_file)


def test_plain_http_to_another_computer_is_refused_at_once(qtbot, window, boxes):
    page = window.show_page("sync")
    _fill(page, "http://192.0.2.10:8765")
    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    assert len(boxes) == 1 and "https://" in boxes[0].text() and "Nothing was sent" in boxes[0].text()
    assert page.enrol_button.isEnabled() and page.enrol_box.isVisible()  # nothing started, nothing enrolled
    assert not window.ctx.store.meta().get("sync_server_url")


def test_connecting_to_a_tls_server_with_the_union_certificate(qtbot, window, boxes, tls_server, tmp_path):
    srv, ca = tls_server
    page = window.show_page("sync")
    _fill(page, srv.url)  # first without the certificate: not trusted, and said so
    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(boxes) == 1, timeout=20000)
    assert "certificate is not trusted" in boxes[0].text() and "union certificate" in boxes[0].text()
    qtbot.waitUntil(page.enrol_button.isEnabled, timeout=5000)
    _fill(page, srv.url, str(ca.files.cert))
    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync.status is not None and window.sync.status.enrolled, timeout=20000)
    qtbot.waitUntil(lambda: not window.sync.running, timeout=20000)
    assert window.sync.last_report is not None and window.sync.last_report.error is None
    assert page.fields["server"].text() == srv.url
    shots = os.environ.get("XZDESK_WALK_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(shots) / "sync-connected-tls.png"))


def test_the_connect_form_fits_a_small_laptop(qtbot, window_in):
    window = window_in
    page = window.show_page("sync")
    _fill(page, "https://hongniang.example.cn:8765", r"C:\Users\wang\Documents\union-ca.pem")
    for width, height in ((1366, 728), (1280, 680)):
        window.resize(width, height)
        qtbot.wait(50)
        assert window.width() <= width and window.height() <= height
        for widget in (page.url, page.ca_file, page.enrol_button, page.findChild(type(page.enrol_button), "choose_ca")):
            corner = widget.mapTo(window, widget.rect().bottomRight())
            assert widget.isVisible() and corner.x() <= window.width() and corner.y() <= window.height(), widget
        shots = os.environ.get("XZDESK_WALK_SHOTS")
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            window.grab().save(str(Path(shots) / f"sync-connect-{width}-{window.locale().name()}.png"))
