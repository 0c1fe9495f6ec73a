"""The user guide window: a table of contents, a search box and the page, rendered offline from
the Markdown files in resources/help (no remote resource is ever loaded).

F1 opens the page of the screen in front; the Help menu lists the guide and the quick starts of
each role.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from xzdesk.paths import resource_path

if TYPE_CHECKING:
    from xzdesk.ui.main_window import MainWindow

# The guide's pages in table-of-contents order (file names under resources/help, without .md).
PAGES = (
    "index", "first-run", "members", "matching", "events", "checkin", "sync", "reports", "accounts", "backup",
    "quick-matchmaker", "quick-organiser", "quick-door", "quick-privacy",
)  # fmt: skip
# The page F1 opens for each screen of the main window (the guide's first page otherwise).
SCREEN_PAGE = {"members": "members", "matching": "matching", "events": "events", "checkin": "checkin",
               "sync": "sync", "reports": "reports"}  # fmt: skip
QUICK_STARTS = ("quick-matchmaker", "quick-organiser", "quick-door", "quick-privacy")


@cache
def page_text(name: str) -> str:
    return resource_path("help", f"{name}.md").read_text("utf-8")


def page_title(name: str) -> str:
    first = page_text(name).splitlines()[0] if page_text(name) else name
    return first.lstrip("# ").strip()


def pages_matching(query: str) -> list[str]:
    """Pages whose text holds every word of `query` (case-insensitive); all pages for no query."""
    words = [w.lower() for w in query.split()]
    return [p for p in PAGES if all(w in page_text(p).lower() for w in words)]


class HelpWindow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("xzdesk user guide"))
        self.current: str | None = None
        self.search = QLineEdit()
        self.search.setObjectName("help_search")
        self.search.setPlaceholderText(self.tr("Search the guide"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.toc = QListWidget()
        self.toc.setObjectName("help_toc")
        self.toc.currentItemChanged.connect(self._on_toc)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help_browser")
        self.browser.setOpenLinks(False)  # links between pages are followed here; nothing remote
        self.browser.anchorClicked.connect(self._on_link)
        self.browser.document().setDefaultStyleSheet("h1 { font-size: 20px; } h2 { font-size: 16px; }")
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.toc, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setSizes([220, 640])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        self._fill_toc(list(PAGES))
        self.resize(900, 620)

    def _fill_toc(self, names: list[str]) -> None:
        self.toc.blockSignals(True)
        self.toc.clear()
        for name in names:
            item = QListWidgetItem(page_title(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.toc.addItem(item)
            if name == self.current:
                self.toc.setCurrentItem(item)
        self.toc.blockSignals(False)

    def show_page(self, name: str) -> None:
        if name not in PAGES:
            name = "index"
        self.current = name
        self.browser.setMarkdown(page_text(name))
        self.setWindowTitle(self.tr("xzdesk user guide — {page}").format(page=page_title(name)))
        for row in range(self.toc.count()):
            if self.toc.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.toc.blockSignals(True)
                self.toc.setCurrentRow(row)
                self.toc.blockSignals(False)
        query = self.search.text().strip()
        if query:
            self.browser.find(query.split()[0])

    def _on_toc(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is not None:
            self.show_page(item.data(Qt.ItemDataRole.UserRole))

    def _on_search(self, text: str) -> None:
        found = pages_matching(text)
        self._fill_toc(found)
        if found and self.current not in found:
            self.show_page(found[0])
        elif self.current in found and text.strip():
            self.show_page(self.current)  # highlight the first match on the open page

    def _on_link(self, url: QUrl) -> None:
        target = url.path() or url.toString()
        if url.scheme() in ("", "file") and target.endswith(".md"):
            self.show_page(target.rsplit("/", 1)[-1].removesuffix(".md"))


def open_help(window: QWidget, page: str) -> HelpWindow:
    """Show the guide (one window per main window) at `page`."""
    help_window = getattr(window, "_help_window", None)
    if help_window is None:
        help_window = HelpWindow(window)
        window._help_window = help_window  # type: ignore[attr-defined]
    help_window.show_page(page)
    help_window.show()
    help_window.raise_()
    help_window.activateWindow()
    return help_window


def add_help_actions(window: MainWindow, menu: QMenu) -> None:
    """User guide (F1: the page of the screen in front) and the quick starts of each role."""
    guide = QAction(QCoreApplication.translate("Help", "User guide"), window)
    guide.setObjectName("help_guide")
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    guide.triggered.connect(lambda: open_help(window, SCREEN_PAGE.get(window.current_page_key() or "", "index")))
    menu.addAction(guide)
    quick = menu.addMenu(QCoreApplication.translate("Help", "Quick start"))
    titles = {
        "quick-matchmaker": QCoreApplication.translate("Help", "Matchmaker"),
        "quick-organiser": QCoreApplication.translate("Help", "Event organiser"),
        "quick-door": QCoreApplication.translate("Help", "Check-in staff"),
        "quick-privacy": QCoreApplication.translate("Help", "Privacy officer"),
    }
    for name in QUICK_STARTS:
        action = QAction(titles[name], window)
        action.setObjectName(f"help_{name}")
        action.triggered.connect(lambda _checked=False, n=name: open_help(window, n))
        quick.addAction(action)
    for name, text in (("accounts", QCoreApplication.translate("Help", "Accounts and sign-in")), ("backup", QCoreApplication.translate("Help", "Backup and restore"))):
        action = QAction(text, window)
        action.setObjectName(f"help_{name}")
        action.triggered.connect(lambda _checked=False, n=name: open_help(window, n))
        menu.addAction(action)


def help_key(widget: QWidget, page: str) -> QShortcut:
    """F1 in a dialog or wizard opens the guide at `page`."""
    return QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), widget,
                     activated=lambda: open_help(widget, page))  # fmt: skip
