"""Where a saved file went: every print or export says its full path and offers to open the
file or its folder (nothing is saved silently under the data folder).

    announce_saved(self, path, title=self.tr("Result slips"), summary=self.tr("5 slips, 3 pages."))

Tests replace `_ask` (a modal box) with a function returning "file", "folder" or "close".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from xzdesk.app_context import AppContext


def prints_folder(ctx: AppContext) -> Path:
    """The default folder for prints (PDFs) of this database."""
    folder = ctx.home / "prints"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_path(path: Path) -> bool:
    """Open a file with the system's viewer (a PDF viewer prints it)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: Path) -> bool:
    """Open the folder holding `path` in the system's file manager."""
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _ask(parent: QWidget | None, title: str, text: str) -> str:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent)
    open_file = box.addButton(QCoreApplication.translate("Saved", "Open file"), QMessageBox.ButtonRole.AcceptRole)
    open_dir = box.addButton(QCoreApplication.translate("Saved", "Open folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QCoreApplication.translate("Saved", "Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)
    box.exec()
    clicked = box.clickedButton()
    return "file" if clicked is open_file else "folder" if clicked is open_dir else "close"


def saved_text(path: Path, summary: str = "") -> str:
    """The sentence a saved file is announced with: what, then the full path."""
    where = QCoreApplication.translate("Saved", "Saved to:\n{path}").format(path=str(path))
    return f"{summary}\n\n{where}" if summary else where


def announce_saved(parent: QWidget | None, path: Path, *, title: str, summary: str = "") -> str:
    """Tell where `path` was saved and offer to open it or its folder. Returns the choice."""
    choice = _ask(parent, title, saved_text(path, summary))
    if choice == "file":
        open_path(path)
    elif choice == "folder":
        open_folder(path)
    return choice
