"""When the computer's own session locks, xzdesk locks its screen too (`OsLockMonitor`).

Sources, each used where it exists and silently skipped where it does not:

- Linux, systemd-logind (system bus): this session's `org.freedesktop.login1.Session` object sends
  `Lock` when something asks the session to lock (`loginctl lock-session`, suspend), and its
  `LockedHint` property turns true when the desktop's locker has locked it (GNOME, KDE);
- Linux, the desktop's screen saver (session bus): `org.freedesktop.ScreenSaver` (KDE, Xfce and
  others) and `org.gnome.ScreenSaver` send `ActiveChanged(true)`;
- Windows: `WTSRegisterSessionNotification` makes Windows send the window `WM_WTSSESSION_CHANGE`
  with `WTS_SESSION_LOCK` (Win+L, a locked remote session), read by a native event filter.

Qt's D-Bus module (QtDBus) is imported only on Linux and only when the monitor starts. Every
source emits the one signal `sig_os_locked`; tests emit it directly or send a real D-Bus signal on
a private bus (`watch_login1` / `watch_screensaver` take the connection).
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, Signal, Slot

log = logging.getLogger(__name__)

LOGIN1 = "org.freedesktop.login1"
LOGIN1_SESSION = "org.freedesktop.login1.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"
SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)
SYSTEM_BUS_SOCKET = "/run/dbus/system_bus_socket"
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
NOTIFY_FOR_THIS_SESSION = 0


class _Msg(ctypes.Structure):
    """The head of a Windows MSG (hwnd, message, wParam, lParam), laid out as on Windows."""

    _fields_ = (("hwnd", ctypes.c_void_p), ("message", ctypes.c_uint), ("wParam", ctypes.c_size_t),
                ("lParam", ctypes.c_ssize_t))  # fmt: skip


def is_session_lock(event_type: bytes | Any, message: int) -> bool:
    """Whether a native Windows message (its address, as Qt hands it over) says the session locked."""
    if bytes(event_type) != b"windows_generic_MSG" or not message:
        return False
    msg = _Msg.from_address(int(message))
    return msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK


class WtsEventFilter(QAbstractNativeEventFilter):
    """Passes every native message on; calls `on_lock` for a session lock."""

    def __init__(self, on_lock: Any) -> None:
        super().__init__()
        self.on_lock = on_lock

    def nativeEventFilter(self, event_type: Any, message: Any) -> tuple[bool, int]:
        try:
            if is_session_lock(event_type, message):
                self.on_lock()
        except (ValueError, TypeError, OSError):
            pass
        return False, 0


class OsLockMonitor(QObject):
    """Emits `sig_os_locked` when the computer's session locks (see the module docstring).
    `start(window)` returns the sources that are listening (empty where none exists)."""

    sig_os_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sources: list[str] = []
        self._wts_filter: WtsEventFilter | None = None

    def start(self, window: Any) -> list[str]:
        if sys.platform.startswith("linux"):
            self._try("login1", self._start_login1)
            self._try("screensaver", self._start_screensaver)
        elif sys.platform == "win32":
            self._try("wts", lambda: self._start_wts(window))
        return self.sources

    def _try(self, name: str, start: Any) -> None:
        try:
            if start():
                self.sources.append(name)
        except Exception as exc:  # a missing bus or API is normal: degrade silently
            log.debug("OS lock source %s not available: %s", name, type(exc).__name__)

    # --- Linux --------------------------------------------------------------------------------------
    def _start_login1(self) -> bool:
        if not (os.environ.get("DBUS_SYSTEM_BUS_ADDRESS") or os.path.exists(SYSTEM_BUS_SOCKET)):
            return False
        from PySide6.QtDBus import QDBusConnection

        bus = QDBusConnection.systemBus()
        path = own_session_path(bus) if bus.isConnected() else None
        return bool(path) and self.watch_login1(bus, str(path))

    def _start_screensaver(self) -> bool:
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):  # never start ("autolaunch") a bus of our own
            return False
        from PySide6.QtDBus import QDBusConnection

        bus = QDBusConnection.sessionBus()
        return bus.isConnected() and self.watch_screensaver(bus)

    def watch_login1(self, bus: Any, session_path: str) -> bool:
        """Listen to this session's logind object on `bus` (its `Lock` signal and `LockedHint`)."""
        locked = bus.connect(LOGIN1, session_path, LOGIN1_SESSION, "Lock", self, "1_on_lock()")
        # only logind itself can send as org.freedesktop.login1: the standard argument types hold
        hinted = bus.connect(LOGIN1, session_path, PROPERTIES, "PropertiesChanged", self,
                             "1_on_properties(QString,QVariantMap,QStringList)")  # fmt: skip
        return bool(locked or hinted)

    def watch_screensaver(self, bus: Any) -> bool:
        """Listen to the desktop's screen saver(s) on `bus` (`ActiveChanged(true)`)."""
        ok = False
        for service, path, interface in SCREENSAVERS:
            ok = bool(bus.connect(service, path, interface, "ActiveChanged", self, "1_on_active(QDBusMessage)")) or ok
        return ok

    @Slot()
    def _on_lock(self) -> None:
        self.sig_os_locked.emit()

    @Slot(str, "QVariantMap", "QStringList")
    def _on_properties(self, interface: str, changed: Any, _invalidated: Any) -> None:
        if interface == LOGIN1_SESSION and isinstance(changed, dict) and changed.get("LockedHint") is True:
            self.sig_os_locked.emit()

    @Slot("QDBusMessage")
    def _on_active(self, message: Any) -> None:
        """Read from the whole message: any program of the session may own these names, and an
        argument of another type is ignored rather than demarshalled into a fixed signature."""
        args = list(message.arguments())
        if args and args[0] is True:
            self.sig_os_locked.emit()

    # --- Windows ------------------------------------------------------------------------------------
    def _start_wts(self, window: Any) -> bool:
        wtsapi32 = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined]
        if not wtsapi32.WTSRegisterSessionNotification(ctypes.c_void_p(int(window.winId())), NOTIFY_FOR_THIS_SESSION):
            return False
        self._wts_filter = WtsEventFilter(self.sig_os_locked.emit)
        app = QCoreApplication.instance()
        if app is None:
            return False
        app.installNativeEventFilter(self._wts_filter)
        return True


def own_session_path(bus: Any) -> str | None:
    """The logind object path of the session this process runs in (None when logind does not
    know it, e.g. in a container or over ssh without a session). logind resolves "auto" to the
    caller's own session; XDG_SESSION_ID names it when set."""
    from PySide6.QtDBus import QDBusMessage

    call = QDBusMessage.createMethodCall(LOGIN1, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                                         "GetSession")  # fmt: skip
    call.setArguments([os.environ.get("XDG_SESSION_ID") or "auto"])
    reply = bus.call(call)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
        return None
    value = reply.arguments()[0]
    path = value.path() if hasattr(value, "path") else str(value)
    return path or None
