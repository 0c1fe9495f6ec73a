"""The main window: navigation 档案 · 配对 · 活动 · 签到 · 同步 · 报表, status bar, menus.

Screens are created when first shown. Each screen is a QWidget built as
`Screen(ctx, ops, parent)`; it may define `on_changed(changes: Changes)` (called after every job
that changed something, and whenever members' case files vanished: see domain/changes.py) and
`on_shown()`. Areas register their screen in PAGES.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from xzdesk import __version__
from xzdesk.app_context import AppContext
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.members.service import due_follow_ups
from xzdesk.domain.staff.codes import Permission
from xzdesk.ui import geometry, labels
from xzdesk.ui.access import first_page, may_open, why_closed
from xzdesk.ui.messages import show_error
from xzdesk.ui.ops import Ops

if TYPE_CHECKING:
    from xzdesk.sync.engine import SyncStatusInfo
    from xzdesk.ui.matching.index_holder import MatchIndexHolder


SYNC_START_DELAY_MS = 500
RETRAIN_CHECK_DELAY_MS = 3000  # the matching model's retrain schedule, after the warm-up
WARM_UP_DELAY_MS = 1500  # the pinyin dictionary loads in the background once the window is usable


def _warm_up_pinyin() -> None:
    """Load pypinyin's dictionary (about a second) on a background thread, so the first save of
    a name does not wait for it; started late because it competes with start-up for the GIL."""
    import threading

    from xzdesk.domain.members.names import warm_up

    threading.Thread(target=warm_up, name="pinyin-warm-up", daemon=True).start()


def _page_holder() -> QScrollArea:
    """Where a screen sits: a frameless scroll area, so a screen's minimum size can never grow
    the window (it scrolls instead, which the fit test keeps from happening at 1280×720)."""
    return geometry.scrolling(QWidget())


def window_title(*, demo: bool) -> str:
    """The main window's title: the app's name, after "演示数据库 — " on the demo database. Qt
    appends the application's display name (the same name, `app.create_application`) to a title
    that does not end with it, so the title ends with it and the name shows once."""
    name = QCoreApplication.translate("App", "Xuzhou Union Matchmaker")
    if not demo:
        return name
    database = QCoreApplication.translate("MainWindow", "Demo database")
    return f"{database} — {name}"


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: Callable[[], str]
    factory: str  # "module:Class"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("members", lambda: QCoreApplication.translate("MainWindow", "Case files"), "xzdesk.ui.members.page:CaseListPage"),
    PageSpec("matching", lambda: QCoreApplication.translate("MainWindow", "Matching"), "xzdesk.ui.matching.page:MatchingPage"),
    PageSpec("events", lambda: QCoreApplication.translate("MainWindow", "Events"), "xzdesk.ui.events.page:EventsPage"),
    PageSpec("checkin", lambda: QCoreApplication.translate("MainWindow", "Check-in"), "xzdesk.ui.checkin.page:CheckinPage"),
    PageSpec("sync", lambda: QCoreApplication.translate("MainWindow", "Sync"), "xzdesk.ui.sync.page:SyncPage"),
    PageSpec("reports", lambda: QCoreApplication.translate("MainWindow", "Reports"), "xzdesk.ui.reports.page:ReportsPage"),
)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ops = Ops(ctx, self)
        self.ops.sig_error.connect(self._on_ops_error)
        self.ops.sig_changed.connect(self._on_ops_changed)
        self.pages: dict[str, QWidget] = {}
        self.restart_requested = False  # set by a restore from backup: run_gui opens the window again
        self._locked = False
        from xzdesk.ui.sync.controller import SyncController

        self.sync = SyncController(ctx, self.ops, self)
        self.sync.sig_status.connect(self._on_sync_status)
        self.setWindowTitle(window_title(demo=ctx.demo))

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(120)
        self.stack = QStackedWidget()
        for spec in PAGES:
            item = QListWidgetItem(spec.title())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.nav.addItem(item)
            self.stack.addWidget(_page_holder())
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.nav.setStyleSheet("QListWidget#nav::item { height: 44px; font-size: 15px; }")

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_user = QLabel()
        self.status_db = QLabel()
        self.status_follow = QLabel()
        self.status_sync = QLabel(self.tr("Not connected to a server"))
        for w in (self.status_user, self.status_db, self.status_follow):
            self.statusBar().addWidget(w)
        self.statusBar().addPermanentWidget(self.status_sync)
        from xzdesk.ui.accounts.session import SessionController

        self.session = SessionController(self)
        self._build_menus()
        self._restore_geometry()
        self.apply_access()  # nothing opens before someone signs in
        self.refresh_status()

    # --- start-up ---------------------------------------------------------------------------
    def start(self) -> None:
        """Who is working first (sign-in, or the accounts of a database without any), then their
        first screen; seed the demo database on first run (off the UI thread)."""
        # After the first screen is usable: these wait for its reads to finish (Ops.when_idle).
        self.ops.when_idle(self.sync.start, after_ms=SYNC_START_DELAY_MS)
        self.ops.when_idle(_warm_up_pinyin, after_ms=WARM_UP_DELAY_MS)
        if self.ctx.demo and not self.ctx.store.meta().get("demo_data"):
            self.ops.run(
                lambda ctx, progress, cancel: ctx.ensure_demo_data(progress=progress, cancel=cancel),
                on_done=lambda _r: self._after_demo_seed(),
                title=self.tr("Preparing the demo database"),
                parent=self,
                mode="bare",
                changes=Changes.of(Area.MEMBERS, Area.STAFF),
            )
            self.reset_for_actor()
        elif not self.session.start():
            QTimer.singleShot(0, self.close)

    def _after_demo_seed(self) -> None:
        self.session.refresh()
        self.reset_for_actor()

    def reset_for_actor(self) -> None:
        """The person working changed (signed in, switched, signed out): drop every screen built
        for the previous one, so nothing of theirs stays on screen, then open the new person's
        first screen with the screens of their role."""
        self.drop_pages()
        self.apply_access()
        self.session.refresh()
        self.backup.refresh()
        self.refresh_status()
        actor = self.ctx.actor
        first = first_page(actor, [p.key for p in PAGES])
        if first is not None:
            self.show_page(first)
        if actor is not None:  # once per run, once the screen is usable: a due retrain runs in the background
            self.ops.when_idle(self._check_scheduled_retrain, after_ms=RETRAIN_CHECK_DELAY_MS)
        if first == "sync" and self.ctx.demo and actor is not None and actor.can(Permission.STAFF_MANAGE):
            # The demo never connects to a server, so the local administrator's 同步 has nothing to
            # do there: their work is the accounts, opened at once (as on a new computer).
            QTimer.singleShot(0, self.session.open_accounts)

    def _check_scheduled_retrain(self) -> None:
        from xzdesk.ui.matching.schedule import check_scheduled_retrain  # brings numpy: not at start-up

        check_scheduled_retrain(self)

    def drop_pages(self) -> None:
        """Remove every screen (they are built again when next shown). The caller makes sure no
        job of theirs is still running (`ops.wait_idle()`)."""
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(-1)
        self.nav.blockSignals(False)
        for key, widget in list(self.pages.items()):
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
            del self.pages[key]

    def apply_access(self) -> None:
        """Enable the screens the person's role works on (and, when sync has locked this laptop,
        only 同步); each closed screen says why in its tooltip."""
        actor = self.ctx.actor
        for row, spec in enumerate(PAGES):
            item = self.nav.item(row)
            allowed = may_open(actor, spec.key)
            locked = self._locked and spec.key != "sync"
            enabled = allowed and not locked
            flags = item.flags()
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if enabled else flags & ~Qt.ItemFlag.ItemIsEnabled)
            tip = "" if enabled else why_closed(actor, spec.key) if not allowed else self.tr(
                "Locked until this computer syncs with the union server (see 同步).")  # fmt: skip
            item.setToolTip(tip)

    @property
    def match_index(self) -> MatchIndexHolder:
        """The one matching index of the window (built when a screen first needs it), shared by
        the 配对 and 活动 screens and kept current as case files change."""
        from xzdesk.ui.matching.index_holder import MatchIndexHolder

        holder = getattr(self, "_match_index", None)
        if holder is None:
            holder = self._match_index = MatchIndexHolder(self.ctx, self.ops, self)
            self.ops.sig_changed.connect(holder.on_changed)
        return holder

    # --- navigation ---------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The screen for `key`, created on first use."""
        if key not in self.pages:
            index = [s.key for s in PAGES].index(key)
            spec = PAGES[index]
            module_name, class_name = spec.factory.split(":")
            cls = getattr(importlib.import_module(module_name), class_name)
            widget = cls(self.ctx, self.ops, self)
            widget.setObjectName(f"page_{key}")
            holder = self.stack.widget(index)
            assert isinstance(holder, QScrollArea)
            holder.setWidget(widget)
            self.pages[key] = widget
            geometry.restore_splitters(widget, f"main/{key}")
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow([s.key for s in PAGES].index(key))
        return self.page(key)

    def current_page_key(self) -> str | None:
        row = self.nav.currentRow()
        return PAGES[row].key if 0 <= row < len(PAGES) else None

    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = PAGES[row].key
        widget = self.page(key)
        self.stack.setCurrentIndex(row)
        on_shown = getattr(widget, "on_shown", None)
        if on_shown:
            on_shown()

    # --- menus ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in self.session.actions():
            file_menu.addAction(action)
        file_menu.addSeparator()
        from xzdesk.ui.backup import BackupActions

        self.backup = BackupActions(self)
        for action in self.backup.actions():
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        lang_menu = view_menu.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        for code, name in (("zh_CN", "中文"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(self.ctx.settings.language == code)
            action.triggered.connect(lambda _checked=False, c=code: self._on_language(c))
            group.addAction(action)
            lang_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        from xzdesk.ui.help.window import add_help_actions

        add_help_actions(self, help_menu)
        help_menu.addSeparator()
        about = QAction(self.tr("About xzdesk"), self)
        about.triggered.connect(self._on_about)
        help_menu.addAction(about)

    def _on_language(self, code: str) -> None:
        if code == self.ctx.settings.language:
            return
        self.ctx.settings.language = code
        self.ctx.settings.save(self.ctx.home)
        QMessageBox.information(
            self, self.tr("Language"), self.tr("The new language applies the next time xzdesk starts.")
        )

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About xzdesk"),
            self.tr(
                "<h3>Xuzhou Union Matchmaker — desktop workbench</h3><p>Version {version}</p>"
                "<p>Case files, matching, events and offline check-in for the matchmaking service of "
                "the Xuzhou Federation of Trade Unions.</p><p>Data stays on this computer, encrypted; "
                "the only network peer is the configured union server. No telemetry.</p>"
                "<p>Fonts: WenQuanYi Micro Hei, Droid Sans Fallback (Apache License 2.0).</p>"
            ).format(version=__version__),
        )

    # --- status and refresh -------------------------------------------------------------------
    def refresh_status(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            self.status_user.setText(self.tr("No user"))
        else:
            scope = labels.district(actor.district_code) if actor.district_code else self.tr("city-wide")
            self.status_user.setText(f"{actor.display_name} · {labels.role(actor.role)} · {scope}")
        self.status_db.setText(self.tr("Demo database") if self.ctx.demo else self.tr("Encrypted database"))
        self.status_follow.setVisible(bool(actor and actor.can(Permission.MEMBERS_VIEW)))
        if self.status_follow.isVisibleTo(self.statusBar()):  # a count over every follow-up: a reader thread
            today = labels.today()
            self.ops.run(lambda s, _p, _c: due_follow_ups(s, today=today, assigned_to=None),
                         on_done=self._show_follow_ups, mode="read")  # fmt: skip

    def _show_follow_ups(self, due: int) -> None:
        if shiboken6.isValid(self):
            self.status_follow.setText(self.tr("Follow-ups due: {n}").format(n=due))

    def _on_ops_changed(self, changes: Changes) -> None:
        for widget in self.pages.values():
            handler = getattr(widget, "on_changed", None)
            if handler:
                handler(changes)
        if changes.touches(Area.ACTOR):  # someone new works here without signing in again (after enrolment)
            self.apply_access()
            self.session.refresh()
            self.backup.refresh()
        if changes.touches(Area.MEMBERS, Area.FOLLOW_UPS, Area.ACTOR):
            self.refresh_status()

    def _on_ops_error(self, exc: BaseException, _tb: str) -> None:
        show_error(self, exc)

    # --- window state -------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        """Last time's size, position, maximised state and splitters on this screen, or a first
        size from the screen; every window (dialogs too) is kept inside the screen when shown."""
        self._screen_fit = geometry.ScreenFit(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._screen_fit)
        geometry.restore_window(self, "main")

    def _save_geometry(self) -> None:
        geometry.save_window(self, "main")
        for key, widget in self.pages.items():
            geometry.save_splitters(widget, f"main/{key}")

    def _on_sync_status(self, st: SyncStatusInfo) -> None:
        if not st.enrolled:
            text = self.tr("Not connected to a server")
        elif st.running:
            text = self.tr("Syncing…")
        else:
            text = self.tr("Synced {when} · waiting {pending} · conflicts {conflicts}").format(
                when=labels.local_time(st.last_success_at, empty="—"), pending=st.pending, conflicts=st.conflicts
            )
            if st.last_error:
                text += " · " + self.tr("offline")
        self.status_sync.setText(text)
        self.set_locked(st.locked or st.revoked)

    def set_locked(self, locked: bool) -> None:
        """Offline longer than allowed (or revoked): personal screens lock until a sync."""
        self._locked = locked
        self.apply_access()
        if locked and 0 <= self.nav.currentRow() and PAGES[self.nav.currentRow()].key != "sync":
            self.show_page("sync")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sync.stop()
        self._save_geometry()
        self.ops.wait_idle(10000)
        super().closeEvent(event)
