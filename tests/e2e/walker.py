"""What the scripted walk drives a real window with: screenshots of the whole screen, modal
dialogs driven through their own widgets, message boxes read and answered as a user would, and
the answers of the system's file dialogs (the only thing replaced).

- `Shots.take(name)` paints every visible top-level window (the main window, then dialogs, the
  active modal last) at its place on a screen-sized canvas and saves it as NN-name.png under
  XZDESK_WALK_SHOTS (nothing is saved when the variable is unset).
- `Modal(kind, act)` runs `act(dialog)` once a modal dialog of that class is showing; `act`
  closes it through its buttons. Used around the click that opens it (which blocks in exec()).
- `BoxWatcher` answers every QMessageBox that shows: a question gets Yes, a saved-file notice
  gets Close, anything else its OK/default button; each is recorded (title, text, icon) so the
  walk asserts what the user was told, and a warning nobody expected fails the step.
- `FileAnswers` replaces QFileDialog's static functions with queued answers.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QInputMethodEvent, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QProgressDialog, QWidget

POLL_MS = 25
STRAY_S = 120.0  # a dialog nobody drives is closed (and the step fails) after this long
CLAIMED: list[type[QWidget]] = []  # the dialog classes the walk is driving right now


@contextlib.contextmanager
def claimed(kind: type[QWidget]) -> Iterator[None]:
    """The walk drives dialogs of `kind` itself for a while (one opened with open(), say)."""
    CLAIMED.append(kind)
    try:
        yield
    finally:
        CLAIMED.remove(kind)


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type `text` as a person would: ASCII key by key, Chinese as an input method commits it."""
    widget.setFocus()
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def wait_until(qtbot: Any, condition: Callable[[], Any], *, timeout: int = 15000, what: str = "") -> None:
    """qtbot.waitUntil with a message that says what the walk was waiting for."""
    try:
        qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)
    except AssertionError as exc:
        raise AssertionError(f"timed out waiting for {what or condition}") from exc


# --- screenshots -----------------------------------------------------------------------------------
class Shots:
    """Numbered screenshots of the whole screen at each step."""

    def __init__(self, folder: str | None = None) -> None:
        value = folder if folder is not None else os.environ.get("XZDESK_WALK_SHOTS", "")
        self.folder = Path(value) if value else None
        self.n = 0
        self.saved: list[Path] = []
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            for old in self.folder.glob("[0-9][0-9]-*.png"):
                old.unlink()

    def take(self, name: str) -> Path | None:
        self.n += 1
        if self.folder is None:
            return None
        settle()
        path = self.folder / f"{self.n:02d}-{re.sub(r'[^a-z0-9-]+', '-', name.lower()).strip('-')}.png"
        screen_shot().save(str(path))
        self.saved.append(path)
        return path

    def pages(self, pdf: Path, name: str, *, first: int = 2, dpi: int = 80) -> None:
        """The first pages of a saved PDF as pictures (what goes on paper is looked at too)."""
        if self.folder is None:
            return
        import pypdfium2

        document = pypdfium2.PdfDocument(str(pdf))
        try:
            for i in range(min(first, len(document))):
                self.n += 1
                path = self.folder / f"{self.n:02d}-{name}-page-{i + 1}.png"
                document[i].render(scale=dpi / 72).to_pil().save(path)
                self.saved.append(path)
        finally:
            document.close()


def settle(timeout_s: float = 3.0) -> None:
    """Let what was just shown be drawn: on a real X display the server maps and paints windows
    (and the window manager their frames) after Qt asked it to."""
    QApplication.processEvents()
    if QGuiApplication.platformName() != "xcb":
        return
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        shown = [w.windowHandle() for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowHandle()]
        if all(h.isExposed() for h in shown):
            break
        QApplication.processEvents()
        time.sleep(0.02)
    for _ in range(5):  # the frames and a last repaint
        QApplication.processEvents()
        time.sleep(0.02)


def _stacking(widget: QWidget) -> tuple[int, int]:
    modal = QApplication.activeModalWidget()
    return (2 if widget is modal else 1 if isinstance(widget, QDialog) or widget.isModal() else 0, 0)


def screen_shot() -> QPixmap:
    """The screen as the user sees it. On a real X display (`make walk`: Xvfb, with openbox's
    title bars) the screen itself; offscreen, each visible top-level window painted at its place."""
    screen = QGuiApplication.primaryScreen()
    if QGuiApplication.platformName() == "xcb":
        return screen.grabWindow(0)
    size = screen.geometry().size()
    canvas = QPixmap(size)
    canvas.fill(QColor("#3b4a5a"))  # a plain desktop
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.width() > 1 and w.height() > 1
               and w.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)]  # fmt: skip
    painter = QPainter(canvas)
    for w in sorted(windows, key=_stacking):
        origin = w.geometry().topLeft() - screen.geometry().topLeft()
        painter.drawPixmap(QPoint(origin.x(), origin.y()), w.grab())
    painter.end()
    return canvas


# --- modal dialogs ---------------------------------------------------------------------------------
class Modal:
    """Drive the next modal dialog of class `kind`: `with Modal(kind, act): button.click()`.

    `act(dialog)` runs inside the dialog's own event loop once it is showing and must close it
    (through its buttons). A failure inside `act` closes the dialog and is raised after the
    with-block, so a broken step never hangs the walk."""

    def __init__(self, kind: type[QWidget], act: Callable[[Any], None], *, timeout_s: float = 30.0) -> None:
        self.kind, self.act, self.timeout_s = kind, act, timeout_s
        self.seen: QWidget | None = None
        self.error: BaseException | None = None
        self.timer = QTimer()
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self._started = 0.0

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, self.kind) and widget.isVisible():
            self.timer.stop()
            self.seen = widget
            try:
                self.act(widget)
            except BaseException as exc:
                self.error = exc
                if widget.isVisible():
                    widget.done(0) if isinstance(widget, QDialog) else widget.close()
            finally:
                self.done = True
        elif time.monotonic() - self._started > self.timeout_s:
            self.timer.stop()

    def __enter__(self) -> Modal:
        self._started = time.monotonic()
        self.done = False
        CLAIMED.append(self.kind)
        self.timer.start()
        return self

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        try:
            self._finish(exc)
        finally:
            CLAIMED.remove(self.kind)

    def _finish(self, exc: Any) -> None:
        # The click may only have scheduled the dialog (a queued call): wait for it and its end.
        while exc is None and not self.done and time.monotonic() - self._started < self.timeout_s:
            QApplication.processEvents()
            time.sleep(0.01)
        self.timer.stop()
        if exc is not None:
            return
        if self.error is not None:
            raise self.error
        assert self.seen is not None, f"no {self.kind.__name__} was shown"


def close_modals() -> None:
    """Close whatever modal dialog is left (after a failed step), so the test can end."""
    for _ in range(20):
        widget = QApplication.activeModalWidget()
        if widget is None:
            return
        widget.done(0) if isinstance(widget, QDialog) else widget.close()
        QApplication.processEvents()


# --- message boxes ---------------------------------------------------------------------------------
@dataclass
class Box:
    title: str
    text: str
    icon: QMessageBox.Icon
    buttons: list[str]
    answered: str = ""

    @property
    def warning(self) -> bool:
        return self.icon in (QMessageBox.Icon.Warning, QMessageBox.Icon.Critical)


@dataclass
class BoxWatcher:
    """Answers every message box as a careful user would and remembers what it said."""

    shots: Shots | None = None
    boxes: list[Box] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # button texts to press next, in order
    checked: int = 0

    def __post_init__(self) -> None:
        self._strays: dict[int, float] = {}
        self.timer = QTimer()
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _choose(self, box: QMessageBox) -> Any:
        buttons = box.buttons()
        if self.answers:
            wanted = self.answers.pop(0)
            return next(b for b in buttons if b.text().replace("&", "") == wanted)
        roles = {box.buttonRole(b): b for b in buttons}
        yes = box.button(QMessageBox.StandardButton.Yes)
        if yes is not None:
            return yes
        if QMessageBox.ButtonRole.ActionRole in roles and QMessageBox.ButtonRole.RejectRole in roles:
            return roles[QMessageBox.ButtonRole.RejectRole]  # "saved to …": Close (never open a viewer)
        return box.defaultButton() or box.escapeButton() or buttons[0]

    def _poll(self) -> None:
        box = QApplication.activeModalWidget()
        if box is not None and not isinstance(box, (QMessageBox, QProgressDialog, *CLAIMED)):
            self._stray(box)
            return
        if not isinstance(box, QMessageBox) or not box.isVisible() or box.property("walk_seen"):
            return
        box.setProperty("walk_seen", True)
        record = Box(box.windowTitle(), box.text(), box.icon(), [b.text().replace("&", "") for b in box.buttons()])
        self.boxes.append(record)
        if self.shots is not None:
            self.shots.take(f"message-{record.title}")
        button = self._choose(box)
        record.answered = button.text().replace("&", "")
        button.click()

    def _stray(self, widget: QWidget) -> None:
        """A dialog the walk does not drive: after STRAY_S it is recorded as a warning (the step
        fails saying which) and closed, so the walk ends instead of waiting for ever."""
        first = self._strays.setdefault(id(widget), time.monotonic())
        if time.monotonic() - first < STRAY_S:
            return
        self.boxes.append(Box(widget.windowTitle(), f"a {type(widget).__name__} nobody answered",
                              QMessageBox.Icon.Critical, []))  # fmt: skip
        widget.done(0) if isinstance(widget, QDialog) else widget.close()

    def new(self) -> list[Box]:
        """The boxes shown since the last call."""
        fresh = self.boxes[self.checked:]
        self.checked = len(self.boxes)
        return fresh


# --- file dialogs ----------------------------------------------------------------------------------
class FileAnswers:
    """Queued answers for QFileDialog's static functions (the system file chooser)."""

    def __init__(self, monkeypatch: Any) -> None:
        self.queue: list[tuple[str, str]] = []
        self.asked: list[tuple[str, str]] = []  # (kind, default path or caption)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._open)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", self._folder)

    def will_choose(self, kind: str, path: Path | str) -> None:
        self.queue.append((kind, str(path)))

    def _next(self, kind: str, asked: str) -> str:
        self.asked.append((kind, asked))
        assert self.queue, f"an unexpected file dialog ({kind}): {asked}"
        wanted, path = self.queue.pop(0)
        assert wanted == kind, f"expected a {wanted} file dialog, got {kind}"
        return path

    def _open(self, _parent: Any = None, caption: str = "", _dir: str = "", _filter: str = "", *_a: Any, **_k: Any) -> tuple[str, str]:
        return self._next("open", caption), _filter

    def _save(self, _parent: Any = None, caption: str = "", default: str = "", _filter: str = "", *_a: Any, **_k: Any) -> tuple[str, str]:
        return self._next("save", default or caption), _filter

    def _folder(self, _parent: Any = None, caption: str = "", *_a: Any, **_k: Any) -> str:
        return self._next("folder", caption)
