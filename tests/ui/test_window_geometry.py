"""The main window's size from the screen, remembered per screen with its splitters, clamped to
the screen when restored; kept in XZDESK_HOME. The tests' screen is 1366×768 (tests/conftest.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMargins, QRect, QSettings, QSize

from tests.ui.conftest import wait_jobs
from xzdesk.ui import geometry

FRAME = QMargins(8, 32, 8, 8)


def _inside(inner: QRect, outer: QRect) -> bool:
    return outer.contains(inner.topLeft()) and outer.contains(inner.bottomRight())


def _outer(client: QRect, frame: QMargins = FRAME) -> QRect:
    return client.marginsAdded(frame)


@pytest.mark.parametrize("available", [QRect(0, 0, 1366, 728), QRect(0, 0, 1280, 680), QRect(1920, 0, 1280, 680)])
def test_a_first_window_on_a_laptop_takes_what_the_screen_has(available):
    client = geometry.initial_rect(available, FRAME)
    assert _outer(client) == available  # the whole available area, frame included
    assert client.size() == QSize(available.width() - 16, available.height() - 40)


def test_a_first_window_on_a_large_screen_has_the_preferred_size_centred():
    available = QRect(0, 0, 2560, 1400)
    client = geometry.initial_rect(available, FRAME)
    assert client.size() == geometry.PREFERRED
    assert _inside(_outer(client), available.adjusted(16, 16, -16, -16))
    assert abs(_outer(client).center().x() - available.center().x()) <= 1


def test_fit_rect_shrinks_and_moves_a_window_onto_the_screen():
    available = QRect(0, 0, 1366, 728)
    too_big = QRect(300, 200, 1585, 808)  # the 活动 screen's old size, saved on a large monitor
    fitted = geometry.fit_rect(too_big, available, FRAME)
    assert _outer(fitted) == available
    assert geometry.fit_rect(QRect(100, 100, 800, 500), available, FRAME) == QRect(100, 100, 800, 500)
    off_right = geometry.fit_rect(QRect(1200, 600, 800, 500), available, FRAME)
    assert off_right.size() == QSize(800, 500) and _inside(_outer(off_right), available)


def _window(qtbot, ctx):
    from xzdesk.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    wait_jobs(qtbot, win)
    return win


def test_the_first_window_fits_the_screen(qtbot, ctx):
    win = _window(qtbot, ctx)
    assert _inside(win.frameGeometry(), win.screen().availableGeometry())
    assert win.width() >= 1300 and win.height() >= 680  # and uses it


def test_size_position_and_splitters_are_remembered_in_xzdesk_home(qtbot, ctx, _private_home):
    win = _window(qtbot, ctx)
    win.setGeometry(QRect(60, 70, 1100, 640))
    events = win.show_page("events")
    events.split.setSizes([520, 560])
    sizes = events.split.sizes()
    win.close()
    assert (_private_home / "window.ini").exists()
    again = _window(qtbot, ctx)
    assert again.geometry() == QRect(60, 70, 1100, 640)
    assert again.show_page("events").split.sizes() == sizes


def test_the_maximised_state_is_remembered(qtbot, ctx):
    win = _window(qtbot, ctx)
    win.showMaximized()
    qtbot.waitUntil(win.isMaximized, timeout=2000)
    win.close()
    again = _window(qtbot, ctx)
    assert again.isMaximized()


def test_a_restored_geometry_larger_than_the_screen_is_clamped(qtbot, ctx):
    win = _window(qtbot, ctx)
    win.setGeometry(QRect(0, 0, 1800, 1100))  # made on a large monitor of the same name
    geometry.save_window(win, "main")
    win.ops.wait_idle()
    win.hide()
    again = _window(qtbot, ctx)
    available = again.screen().availableGeometry()
    assert _inside(again.frameGeometry(), available)
    assert again.width() < 1800 and again.height() < 1100


def test_a_layout_saved_on_another_screen_is_not_used_here(qtbot, ctx):
    settings = geometry.settings()
    other = QRect(500, 400, 900, 500)
    win = _window(qtbot, ctx)
    win.setGeometry(other)
    settings.setValue("monitor-2560x1440/main/geometry", win.saveGeometry())
    settings.remove(f"{geometry.screen_key()}/main/geometry")
    settings.sync()
    win.ops.wait_idle()
    win.hide()
    again = _window(qtbot, ctx)
    assert again.geometry() != other
    assert again.geometry() == geometry.initial_rect(again.screen().availableGeometry())


def test_window_state_never_goes_to_the_users_own_qt_settings(qtbot, ctx, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    win = _window(qtbot, ctx)
    win.close()
    assert not (tmp_path / "config").exists() or not any((tmp_path / "config").rglob("*"))
