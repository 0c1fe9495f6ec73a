"""The main window and the Chinese UI."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from xzdesk.paths import resource_path
from xzdesk.ui.app import install_translators, register_fonts
from xzdesk.ui.main_window import PAGES

ROOT = Path(__file__).resolve().parents[2]


def test_navigation_has_every_area(window):
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert len(titles) == len(PAGES) == 6
    for spec in PAGES:
        widget = window.show_page(spec.key)
        assert widget.isVisible()


def test_chinese_translations_load_and_apply(qapp):
    loaded = install_translators(qapp, "zh_CN")
    try:
        assert "core_zh_CN" in loaded and "members_zh_CN" in loaded
        assert QApplication.translate("MainWindow", "Case files") == "档案"
        assert QApplication.translate("Labels", "Female") == "女"
    finally:
        install_translators(qapp, "en")


def _as_shown(title: str, display_name: str) -> str:
    """The title bar's text: Qt (QPlatformWindow::formatWindowTitle) appends " — " and the
    application's display name to a window title that does not end with it."""
    return title if not display_name or title.endswith(display_name) else f"{title} — {display_name}"


@pytest.mark.parametrize(("demo", "shown"), [(True, "演示数据库 — 徐州工会红娘"), (False, "徐州工会红娘")])
def test_the_title_bar_is_in_chinese_and_names_the_app_once(qtbot, qapp, tmp_path, demo, shown):
    from xzdesk.app_context import AppContext
    from xzdesk.ui.main_window import MainWindow

    install_translators(qapp, "zh_CN")
    previous = qapp.applicationDisplayName()
    ctx = AppContext.open(demo=demo, home=tmp_path / "home")
    try:
        qapp.setApplicationDisplayName(QApplication.translate("App", "Xuzhou Union Matchmaker"))  # as the app does
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        assert _as_shown(win.windowTitle(), qapp.applicationDisplayName()) == shown
    finally:
        ctx.close()
        qapp.setApplicationDisplayName(previous)
        install_translators(qapp, "en")


def test_cjk_font_registered(qapp):
    families = register_fonts(qapp)
    assert any("WenQuanYi" in f or "文泉驿" in f for f in families)


def _ts_messages(path: Path) -> tuple[set[tuple[str, str]], list[str]]:
    root = ET.parse(path).getroot()
    found, missing = set(), []
    for context in root.iter("context"):
        name = context.findtext("name")
        for msg in context.iter("message"):
            src = msg.findtext("source") or ""
            tr = msg.find("translation")
            found.add((name, src))
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip():
                missing.append(f"{name}: {src}")
    return found, missing


def test_every_ui_string_has_a_chinese_translation(tmp_path):
    """Extract the strings from the sources afresh: every one must be in the .ts, translated."""
    lupdate = Path(ROOT / ".venv/bin/pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    ui = ROOT / "xzdesk" / "ui"
    areas = {"core": sorted(ui.glob("*.py"))}
    for pkg in sorted(p.parent for p in ui.glob("*/__init__.py")):
        areas[pkg.name] = sorted(pkg.rglob("*.py"))
    problems = []
    for area, sources in areas.items():
        committed = resource_path("i18n", f"{area}_zh_CN.ts")
        fresh = tmp_path / f"{area}.ts"
        subprocess.run([str(lupdate), "-silent", "-locations", "none", *map(str, sources), "-ts", str(fresh)],
                       check=True, capture_output=True)  # fmt: skip
        wanted, _ = _ts_messages(fresh)
        if not wanted:
            continue
        assert committed.exists(), f"resources/i18n/{area}_zh_CN.ts is missing: run make lupdate"
        have, untranslated = _ts_messages(committed)
        problems += [f"{area}: not in .ts (run make lupdate): {m}" for m in sorted(wanted - have)]
        problems += [f"{area}: untranslated: {m}" for m in untranslated if tuple(m.split(": ", 1)) in wanted]
    assert not problems, "\n".join(problems[:30])


def test_open_context_off_the_ui_thread(qapp, _private_home):
    from xzdesk.ui.app import open_context

    ctx = open_context(demo=True)
    assert ctx is not None
    try:
        assert ctx.store.path == _private_home / "demo.db"
        assert (_private_home / "demo.db.keyinfo.json").exists()
    finally:
        ctx.close()


def test_qt_own_strings_are_translated(qapp):
    loaded = install_translators(qapp, "zh_CN")
    try:
        assert any(name.startswith(("qtbase_zh_CN", "qt_zh_CN")) for name in loaded)
    finally:
        install_translators(qapp, "en")
