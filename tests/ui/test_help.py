"""The user guide: shipped, offline, one page per screen and per role, F1 opens the page of the
screen in front, and every button or menu the guide names exists in the Chinese UI."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence

from xzdesk.paths import resource_path
from xzdesk.ui.help import window as help_window
from xzdesk.ui.main_window import PAGES

QUOTED = re.compile(r"【([^】]+)】")


def _translations() -> set[str]:
    """Every Chinese text of the UI, as shown: accelerators like (&F) and & removed."""
    found: set[str] = set()
    for ts in sorted(resource_path("i18n").glob("*_zh_CN.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            text = message.findtext("translation") or ""
            text = re.sub(r"\(&\w\)", "", text).replace("&", "").strip()
            if text:
                found.add(text)
    return found


def test_every_page_exists_and_every_screen_has_its_page():
    for name in help_window.PAGES:
        text = help_window.page_text(name)
        assert text.startswith("# "), name
    assert {p.key for p in PAGES} == set(help_window.SCREEN_PAGE)
    assert {"accounts", "backup", "quick-matchmaker", "quick-organiser", "quick-door", "quick-privacy"} <= set(
        help_window.PAGES)
    shipped = {p.stem for p in resource_path("help").glob("*.md")}
    assert shipped == set(help_window.PAGES)  # no page left out of the table of contents


def test_the_guide_names_only_buttons_the_chinese_ui_has():
    ui = _translations()
    missing = []
    for name in help_window.PAGES:
        for quoted in QUOTED.findall(help_window.page_text(name)):
            if quoted not in ui and quoted + "…" not in ui:
                missing.append(f"{name}: 【{quoted}】")
    assert not missing, "\n".join(missing)


# Steps the UI no longer has: the guide must not send anyone looking for them, in brackets or not.
RETIRED = ("发布签到名单", "活动汇总】")


def test_the_guide_mentions_no_retired_step():
    found = [(name, word) for name in help_window.PAGES for word in RETIRED if word in help_window.page_text(name)]
    assert found == []


def test_the_check_in_guide_says_how_a_card_kept_aside_comes_to_count():
    text = help_window.page_text("checkin")
    assert "【确认到场】" in text and "报名已取消" in text


def test_the_reports_guide_names_every_kind_of_rights_request_action():
    text = help_window.page_text("reports")
    for button in ("【更正…】", "【出具说明…】", "【撤回同意…】", "【停止处理…】", "【内部视图（真实数字）】"):
        assert button in text, button


def test_links_stay_inside_the_guide_and_nothing_is_remote():
    for name in help_window.PAGES:
        text = help_window.page_text(name)
        assert "http://" not in text and "https://" not in text and "![" not in text, name
        for target in re.findall(r"\]\(([^)]+)\)", text):
            assert target.endswith(".md") and target.removesuffix(".md") in help_window.PAGES, (name, target)


def test_f1_opens_the_page_of_the_screen_in_front(qtbot, window):
    guide = next(a for a in window.findChildren(type(window.session.switch_action)) if a.objectName() == "help_guide")
    assert guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    for key in ("events", "checkin", "members"):
        window.show_page(key)
        guide.trigger()
        assert window._help_window.current == key
        assert window._help_window.isVisible()
        title = help_window.page_title(key)
        assert title in window._help_window.browser.toPlainText()
    window._help_window.close()


def test_quick_starts_are_in_the_help_menu(qtbot, window):
    names = {a.objectName() for a in window.findChildren(type(window.session.switch_action))}
    assert {"help_quick-matchmaker", "help_quick-organiser", "help_quick-door", "help_quick-privacy"} <= names


def test_search_and_links(qtbot):
    win = help_window.HelpWindow()
    qtbot.addWidget(win)
    win.show_page("index")
    win._on_link(QUrl("checkin.md"))
    assert win.current == "checkin"
    win.search.setText("心动卡")
    listed = [win.toc.item(i).data(256) for i in range(win.toc.count())]
    assert "checkin" in listed and "sync" not in listed
    assert win.browser.textCursor().selectedText() == "心动卡"  # the first match is highlighted
    win.search.setText("")
    assert win.toc.count() == len(help_window.PAGES)


@pytest.mark.parametrize("name", help_window.PAGES)
def test_pages_render_as_text(qtbot, name):
    win = help_window.HelpWindow()
    qtbot.addWidget(win)
    win.show_page(name)
    plain = win.browser.toPlainText()
    assert help_window.page_title(name) in plain and "#" not in plain.splitlines()[0]


def test_f1_in_the_wizard_and_the_accounts_screen(qtbot, tmp_path, window):
    from PySide6.QtGui import QShortcut

    from xzdesk.ui.accounts.first_run import FirstRunWizard
    from xzdesk.ui.accounts.manage import AccountsDialog

    for widget, page in ((FirstRunWizard(tmp_path, with_passphrase=False), "first-run"),
                         (AccountsDialog(window.ctx, window.ops, window), "accounts")):  # fmt: skip
        qtbot.addWidget(widget)
        shortcut = next(s for s in widget.findChildren(QShortcut) if s.key() == QKeySequence(QKeySequence.StandardKey.HelpContents))
        shortcut.activated.emit()
        assert widget._help_window.current == page
        widget._help_window.close()
