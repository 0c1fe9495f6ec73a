"""GUI start-up: application object, fonts, translations, logging, the database, the main window.

Chinese (zh_CN) is the default language; English is selectable (applies at the next start).
A TrueType CJK font ships in resources/fonts and is registered with Qt, so Chinese renders on a
machine without one. Unexpected exceptions reach one excepthook that logs them and shows a dialog.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from xzdesk import __version__
from xzdesk.app_context import AppContext
from xzdesk.config import Settings
from xzdesk.domain.errors import XzError
from xzdesk.paths import data_home, resource_path

log = logging.getLogger(__name__)
FONT_FILES = ("wqy-microhei.ttc", "DroidSansFallbackFull.ttf")
_translators: list[QTranslator] = []


def setup_logging() -> Path:
    """A rotating UTF-8 log file under XZDESK_HOME/logs (never personal data)."""
    folder = data_home() / "logs"
    folder.mkdir(exist_ok=True)
    path = folder / "xzdesk.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def register_fonts(app: QApplication) -> list[str]:
    """Register the shipped CJK fonts and put them behind the system font as fallbacks."""
    families: list[str] = []
    for name in FONT_FILES:
        path = resource_path("fonts", name)
        if not path.exists():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
    if families:
        font = QFont(app.font())
        font.setFamilies([app.font().family(), *families])
        app.setFont(font)
    return families


def install_translators(app: QApplication, language: str) -> list[str]:
    """Load Qt's own qtbase translations and ours (one .qm per UI area) for `language`."""
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    loaded: list[str] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return loaded
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # Qt's own dialogs and buttons: qtbase_<lang> where shipped, else the older catalogue qt_<lang>.
    qt_name = f"qtbase_{language}" if Path(qt_dir, f"qtbase_{language}.qm").exists() else f"qt_{language}"
    candidates = [(qt_name, qt_dir)]
    i18n = resource_path("i18n")
    candidates += [(qm.stem, str(i18n)) for qm in sorted(i18n.glob(f"*_{language}.qm"))]
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
            loaded.append(name)
    return loaded


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    log.error("unexpected error", exc_info=(kind, exc, tb))
    if QApplication.instance() is not None:
        from xzdesk.ui.messages import show_error

        show_error(QApplication.activeWindow(), exc)


def _open_off_thread(*, demo: bool, key: bytes) -> AppContext:
    """Open the store (which may back up and migrate a large file) on a worker thread, with a
    progress dialog after ~600 ms, while the UI stays responsive. Re-raises the worker's error."""
    from xzdesk.ui.waiting import run_off_thread

    return run_off_thread(lambda progress, cancel: AppContext.open(demo=demo, key=key, cancel=cancel, progress=progress),
                          label=QApplication.translate("App", "Updating the database…"))  # fmt: skip


def open_context(*, demo: bool) -> AppContext | None:
    """The database of this computer, ready to work on, or None when the person stops.

    A new (non-demo) database is made by the first-run wizard. An existing one is opened with its
    key (asking for the passphrase when there is no secure keyring, at most MAX_TRIES times) and
    migrated off the UI thread; if it has no administrator yet, the wizard creates the accounts."""
    from xzdesk.app_context import database_path
    from xzdesk.demo_template import install_template
    from xzdesk.domain.store.keys import database_key, is_new_database
    from xzdesk.ui.accounts.first_run import first_run
    from xzdesk.ui.accounts.unlock import MAX_TRIES, ask_unlock
    from xzdesk.ui.messages import show_error

    path = database_path(demo=demo)
    path.parent.mkdir(parents=True, exist_ok=True)
    if demo:
        install_template(path)  # before the key: a copied template uses the demo key
    elif is_new_database(path):
        return first_run(path.parent)
    for attempt in range(MAX_TRIES):
        try:
            key, _created = database_key(path, passphrase=lambda _new, n=attempt: ask_unlock(n), demo=demo)
            ctx = _open_off_thread(demo=demo, key=key)
        except XzError as exc:
            if exc.code == "store.wrong_key" and attempt + 1 < MAX_TRIES:
                continue
            if exc.code != "store.passphrase_cancelled":
                show_error(None, exc)
            return None
        if demo or not ctx.needs_first_account:
            return ctx
        if first_run(path.parent, existing=ctx) is None:
            ctx.close()
            return None
        return ctx
    return None


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("xzdesk")
    app.setOrganizationName("xzdesk")
    app.setApplicationVersion(__version__)
    register_fonts(app)
    icon = resource_path("icons", "xzdesk.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_translators(app, Settings.load().language)
    app.setApplicationDisplayName(QApplication.translate("App", "Xuzhou Union Matchmaker"))
    return app


def run_gui(*, demo: bool = False, collecting: bool | None = None) -> int:
    """The window, until it is closed. `collecting`: the caller paused the garbage collector
    while this process loaded (xzdesk.collector.pause's answer); it runs again once the first
    window is built (or when this returns first)."""
    from xzdesk import collector

    try:
        setup_logging()
        app = create_application()
        sys.excepthook = _excepthook
        from xzdesk.ui.main_window import MainWindow

        while True:  # a restore from backup restarts the window on the restored database
            ctx = open_context(demo=demo)
            if ctx is None:
                return 1
            window = MainWindow(ctx)
            window.show()
            window.start()
            if collecting is not None:
                collector.resume(collecting)
                collecting = None
            code = app.exec()
            window.ops.wait_idle()
            ctx.close()
            if not window.restart_requested:
                return code
    finally:
        if collecting is not None:
            collector.resume(collecting)
