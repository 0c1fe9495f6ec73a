"""Every screen and dialog fits a 1280×720 screen (and so 1366×768): the real main window, in
Chinese and in English, visits every screen and tab with real data, and nothing grows the window,
no screen needs scroll bars, and the buttons and the status bar are inside the window; the main
dialogs' minimum sizes fit, and a dialog is kept inside the screen when shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QDialog,
    QDialogButtonBox,
    QScrollArea,
    QWidget,
)

from tests.accounts import add_account
from tests.ui.conftest import wait_jobs
from tests.ui.events._setup import seated_event
from xzdesk.domain.changes import Area, Changes
from xzdesk.domain.staff.codes import Role
from xzdesk.ui import geometry
from xzdesk.ui.app import install_translators

# A 1280×720 screen at 100 % with a 40-pixel taskbar leaves 1280×680 for windows. The tests' own
# screen is 1366×768; the window code asks `geometry.available_area` what the screen offers, and
# these tests give it the smaller laptop's answer.
LAPTOP = QRect(0, 0, 1280, 680)
DIALOG = QSize(1264, 640)  # a dialog's client area there (its borders and title bar must fit too)


@pytest.fixture
def laptop(monkeypatch):
    monkeypatch.setattr(geometry, "available_area", lambda window=None: QRect(LAPTOP))
    return LAPTOP


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp):
    install_translators(qapp, request.param)
    yield request.param
    install_translators(qapp, "en")


@pytest.fixture
def event_id(ctx):
    return seated_event(ctx, men=6, women=6, tables=2)


@pytest.fixture
def small_window(qtbot, ctx, laptop, language, event_id):
    """The real main window, built in `language`, as it first opens on the 1280×720 laptop."""
    from xzdesk.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    wait_jobs(qtbot, win)
    assert _inside(win.frameGeometry(), laptop), win.frameGeometry()
    assert win.width() >= 1200 and win.height() >= 600, "the first window uses what the screen has"
    yield win
    win.ops.wait_idle()


def _settle(qtbot, window) -> None:
    wait_jobs(qtbot, window)
    qtbot.wait(30)  # layouts and scroll areas update on posted events


def _states(qtbot, window, event_id: str) -> Iterator[str]:
    """Show every screen, and every tab of it, one after the other; yields the state's name."""
    members = window.show_page("members")
    yield "members"
    members.table.selectRow(0)
    _settle(qtbot, window)
    yield "members · a case file open"
    for key in ("matching", "checkin", "reports"):
        page = window.show_page(key)
        for i in range(page.tabs.count()):
            page.tabs.setCurrentIndex(i)
            yield f"{key} · {page.tabs.tabText(i)}"
    window.show_page("sync")
    yield "sync"
    events = window.show_page("events")
    yield "events · nothing chosen"
    events.open_event(event_id)
    qtbot.waitUntil(lambda: events.info is not None, timeout=5000)
    for i in range(events.tabs.count()):
        events.tabs.setCurrentIndex(i)
        yield f"events · {events.tabs.tabText(i)}"


def _inside(inner: QRect, outer: QRect) -> bool:
    return outer.contains(inner.topLeft()) and outer.contains(inner.bottomRight())


def _clipped_buttons(window, page: QWidget) -> list[str]:
    """Visible buttons of `page` that the window cuts off (those inside a scrolling list or form
    of the screen itself are that list's business)."""
    holder = window.stack.currentWidget()
    out = []
    for button in page.findChildren(QAbstractButton):
        if not button.isVisible() or button.width() <= 1:
            continue
        parent, scrolled = button.parentWidget(), False
        while parent is not None and parent is not holder:
            scrolled = scrolled or isinstance(parent, QAbstractScrollArea)
            parent = parent.parentWidget()
        rect = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        if not scrolled and not _inside(rect, window.rect()):
            out.append(button.text() or button.objectName())
    return out


def _problems(window, state: str, size: QSize) -> list[str]:
    problems = []
    if window.size() != size:
        problems.append(f"{state}: the window grew to {window.width()}×{window.height()}")
    holder = window.stack.currentWidget()
    assert isinstance(holder, QScrollArea)
    page, room = holder.widget(), holder.viewport().size()
    hint = page.minimumSizeHint().expandedTo(page.minimumSize())
    if hint.width() > room.width() or hint.height() > room.height():
        problems.append(f"{state}: needs {hint.width()}×{hint.height()}, has {room.width()}×{room.height()}")
    if holder.horizontalScrollBar().maximum() > 0 or holder.verticalScrollBar().maximum() > 0:
        problems.append(f"{state}: the screen scrolls")
    clipped = _clipped_buttons(window, page)
    if clipped:
        problems.append(f"{state}: buttons cut off: {clipped}")
    bar = window.statusBar()
    if not bar.isVisible() or not _inside(bar.geometry(), window.rect()):
        problems.append(f"{state}: the status bar is not inside the window")
    return problems


def test_every_screen_fits_1280x720_and_nothing_grows_the_window(qtbot, ctx, small_window, event_id):
    window = small_window
    size = window.size()
    problems: list[str] = []
    for state in _states(qtbot, window, event_id):
        _settle(qtbot, window)
        problems += _problems(window, state, size)
    # the reports screen shows other tabs to a privacy officer (rights requests, the audit log)
    officer = add_account(ctx.store, username="po", role=Role.PRIVACY_OFFICER, display_name="隐私官")
    ctx.act_as(officer.staff_id)
    window._on_ops_changed(Changes.of(Area.ACTOR, Area.STAFF))
    page = window.show_page("reports")
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        _settle(qtbot, window)
        problems += _problems(window, f"reports (privacy officer) · {page.tabs.tabText(i)}", size)
    assert problems == [], "\n".join(problems)


# --- dialogs ------------------------------------------------------------------------------------
def _dialogs(window, ctx) -> dict[str, Callable[[], QDialog]]:
    from xzdesk.ui.accounts.manage import AccountsDialog
    from xzdesk.ui.accounts.sign_in import ChangePasswordDialog, SignInDialog
    from xzdesk.ui.checkin.walk_in import WalkInDialog as DoorWalkInDialog
    from xzdesk.ui.events.invite import WalkInDialog
    from xzdesk.ui.events.registrations import CancelRegistrationDialog
    from xzdesk.ui.events.seatplan import TableDialog
    from xzdesk.ui.matching.dialogs import BlockDialog, MeetingDialog, WithdrawDialog
    from xzdesk.ui.members.dialogs import (
        FollowUpDialog,
        NewMemberDialog,
        VerificationDialog,
    )
    from xzdesk.ui.reason import ReasonDialog
    from xzdesk.ui.reports.dialogs import AssignDialog, ConfirmErasureDialog, NewRequestDialog
    from xzdesk.ui.spreadsheets.export_dialog import ExportMembersDialog
    from xzdesk.ui.spreadsheets.wizard import ImportWizard

    events = window.pages["events"]
    return {
        "new case file": lambda: NewMemberDialog(ctx, window.ops, window),
        "print (badges)": lambda: events.make_print_dialog("badges"),
        "print (seat chart)": lambda: events.make_print_dialog("seat-chart"),
        "print (sign-in sheet)": lambda: events.make_print_dialog("sign-in"),
        "invite": lambda: events.registrations.make_invite_dialog(),
        "walk-in (events)": lambda: WalkInDialog(ctx, window.ops, events.info, window),
        "walk-in (check-in)": lambda: DoorWalkInDialog(ctx, window.ops, events.info.id, window),
        "add tables": lambda: TableDialog(window),
        "import wizard": lambda: ImportWizard(ctx, window.ops, window),
        "export": lambda: ExportMembersDialog(ctx, window.ops, parent=window),
        "switch user": lambda: SignInDialog(ctx, window),
        "accounts": lambda: AccountsDialog(ctx, window.ops, window),
        "change password": lambda: ChangePasswordDialog(ctx, window.ops, window),
        "meeting": lambda: MeetingDialog(date.today(), window),
        "withdraw introduction": lambda: WithdrawDialog(window),
        "block pair": lambda: BlockDialog("XZ1 × XZ2", window),
        "cancel registrations": lambda: CancelRegistrationDialog(3, window),
        "verification": lambda: VerificationDialog(window),
        "follow-up": lambda: FollowUpDialog(window),
        "reason": lambda: ReasonDialog("Show identity", "Why do you need to see it?", window),
        "rights request": lambda: NewRequestDialog(ctx.staff(), today=date.today(), me=None, parent=window),
        "assign request": lambda: AssignDialog(ctx.staff(), None, window),
        "confirm erasure": lambda: ConfirmErasureDialog("XZW1YGEBHA", window),
    }


def test_the_main_dialogs_fit_1280x720(qtbot, ctx, small_window, event_id, laptop):
    window = small_window
    events = window.show_page("events")
    events.open_event(event_id)
    qtbot.waitUntil(lambda: events.info is not None, timeout=5000)
    available = laptop
    problems = []
    for name, make in _dialogs(window, ctx).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        _settle(qtbot, window)
        hint = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if hint.width() > DIALOG.width() or hint.height() > DIALOG.height():
            problems.append(f"{name}: needs {hint.width()}×{hint.height()}")
        if not _inside(dialog.frameGeometry(), available):
            problems.append(f"{name}: {dialog.frameGeometry().getRect()} is not inside the screen {available.getRect()}")
        for box in dialog.findChildren(QDialogButtonBox):
            for button in box.buttons():
                rect = QRect(button.mapTo(dialog, button.rect().topLeft()), button.size())
                if button.isVisible() and not _inside(rect, dialog.rect()):
                    problems.append(f"{name}: button {button.text()} is cut off")
        dialog.reject()
    assert problems == [], "\n".join(problems)
