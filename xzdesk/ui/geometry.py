"""Windows that fit the screen they open on, and remember how the user arranged them.

- The main window's first size comes from the screen's available area: the preferred size where
  the screen has room for it, else all the screen has, centred. A 1366×768 office laptop and a
  1280×720 projector both get a window whose buttons and status bar are on screen.
- Size, position, maximised state, and the splitters of every screen are remembered per screen
  configuration (the primary screen's name and size), so a layout made on a large monitor is not
  forced on the laptop; a restored geometry that is larger than the screen is clamped to it.
  They live in `window.ini` under XZDESK_HOME, with the rest of the user's data (Qt's default
  QSettings would write to the user's config folder instead).
- `ScreenFit`, an application-wide event filter, keeps every window inside the available screen
  area when it is shown: a dialog that asks for 1100×760 gets what a 720-pixel screen has.

Thread: the UI thread only.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QComboBox, QFrame, QScrollArea, QSplitter, QWidget

from xzdesk.paths import data_home

PREFERRED = QSize(1440, 900)  # the main window's first size where the screen has room for it
MARGIN = 16  # kept free around a first window that is shrunk to the screen
# A window's frame before the window manager has drawn it (title bar and borders): an estimate
# that errs large, replaced by the real frame once the window is on screen.
DEFAULT_FRAME = QMargins(8, 32, 8, 8)


_FRAMED = (Qt.WindowType.Window, Qt.WindowType.Dialog)


def settings() -> QSettings:
    return QSettings(str(data_home() / "window.ini"), QSettings.Format.IniFormat)


def screen_key(screen: QScreen | None = None) -> str:
    """The screen configuration a layout belongs to: the primary screen's name and size."""
    screen = screen or QGuiApplication.primaryScreen()
    size = screen.geometry().size()
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", screen.name() or "screen")
    return f"{name}-{size.width()}x{size.height()}"


def fit_rect(client: QRect, available: QRect, frame: QMargins) -> QRect:
    """`client` (a window's geometry without its frame) shrunk and moved so that the window with
    its frame lies inside `available`."""
    width = min(client.width(), available.width() - frame.left() - frame.right())
    height = min(client.height(), available.height() - frame.top() - frame.bottom())
    left_min, top_min = available.left() + frame.left(), available.top() + frame.top()
    x = max(left_min, min(client.x(), available.right() - frame.right() - width + 1))
    y = max(top_min, min(client.y(), available.bottom() - frame.bottom() - height + 1))
    return QRect(x, y, width, height)


def initial_rect(available: QRect, frame: QMargins = DEFAULT_FRAME, preferred: QSize = PREFERRED) -> QRect:
    """A first window: the preferred size with a margin around it where the screen has room,
    else all the screen has (a small laptop needs every pixel), centred."""
    outer = QSize(preferred.width() + frame.left() + frame.right() + 2 * MARGIN,
                  preferred.height() + frame.top() + frame.bottom() + 2 * MARGIN)  # fmt: skip
    margin = MARGIN if available.width() >= outer.width() and available.height() >= outer.height() else 0
    room = available.adjusted(margin, margin, -margin, -margin)
    width = min(preferred.width(), room.width() - frame.left() - frame.right())
    height = min(preferred.height(), room.height() - frame.top() - frame.bottom())
    outer_w = width + frame.left() + frame.right()
    outer_h = height + frame.top() + frame.bottom()
    x = available.x() + (available.width() - outer_w) // 2 + frame.left()
    y = available.y() + (available.height() - outer_h) // 2 + frame.top()
    return QRect(x, y, width, height)


def frame_margins(window: QWidget) -> QMargins:
    """The real frame once the window manager has drawn one, else DEFAULT_FRAME."""
    outer, inner = window.frameGeometry(), window.geometry()
    real = QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                    outer.right() - inner.right(), outer.bottom() - inner.bottom())  # fmt: skip
    return real if real.top() > 0 else DEFAULT_FRAME


def available_area(window: QWidget | None = None) -> QRect:
    """The part of `window`'s screen (default: the primary screen) that windows may use."""
    screen = (window.screen() if window is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move a (normal, not maximised) window so that it lies inside its screen's
    available area."""
    if window.isMaximized() or window.isFullScreen():
        return
    fitted = fit_rect(window.geometry(), available_area(window), frame_margins(window))
    if fitted != window.geometry():
        window.setGeometry(fitted)


def shrink_to_screen(window: QWidget) -> None:
    """Make a window that asks for more than its screen has no larger than the screen (its
    position is left to Qt and the window manager)."""
    room = available_area(window).marginsRemoved(frame_margins(window)).size()
    size = window.size().boundedTo(room)
    if size != window.size():
        window.resize(size)


class ScreenFit(QObject):
    """Application-wide event filter: every window and dialog is kept on screen when shown
    (menus, tooltips and other popups place themselves). The size is bounded at once; the
    position is checked once the window is placed, so a window Qt centres stays centred."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.windowType() in _FRAMED:
            shrink_to_screen(obj)
            QTimer.singleShot(0, obj, lambda: keep_on_screen(obj))
        return False


# --- remembering ------------------------------------------------------------------------------
def restore_window(window: QWidget, name: str) -> bool:
    """Give `window` the geometry it had last time on this screen configuration (clamped to the
    screen), or a first geometry that fits. Returns True when a saved geometry was used."""
    saved = settings().value(f"{screen_key()}/{name}/geometry")
    if isinstance(saved, QByteArray | bytes) and window.restoreGeometry(QByteArray(saved)):
        keep_on_screen(window)
        return True
    window.setGeometry(initial_rect(available_area()))
    return False


def save_window(window: QWidget, name: str) -> None:
    settings().setValue(f"{screen_key()}/{name}/geometry", window.saveGeometry())


def _splitter_keys(root: QWidget, name: str) -> list[tuple[QSplitter, str]]:
    """Each splitter under `root` with a key that changes when the screen's layout does (its
    position among the splitters, orientation and number of panes)."""
    keys = []
    for i, splitter in enumerate(root.findChildren(QSplitter)):
        kind = "h" if splitter.orientation() == Qt.Orientation.Horizontal else "v"
        keys.append((splitter, f"{screen_key()}/{name}/splitter{i}-{kind}{splitter.count()}"))
    return keys


def save_splitters(root: QWidget, name: str) -> None:
    store = settings()
    for splitter, key in _splitter_keys(root, name):
        store.setValue(key, splitter.saveState())


def restore_splitters(root: QWidget, name: str) -> None:
    store = settings()
    for splitter, key in _splitter_keys(root, name):
        state = store.value(key)
        if isinstance(state, QByteArray | bytes):
            splitter.restoreState(QByteArray(state))


# --- layouts that never widen the window ----------------------------------------------------------
def shrinkable(*combos: QComboBox, chars: int = 6) -> None:
    """Combo boxes whose minimum width is `chars` characters, not their longest item (Qt's
    default, which lets one long filter entry widen a whole screen). They still grow into the
    room a layout gives them, and their lists show every item in full."""
    for combo in combos:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless scroll area: for a long form or panel, which then scrolls inside
    its own screen instead of making the screen taller than the window."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area
