"""`make run`'s system-library check (installer/sysdeps.py), with fake ldd output: no root, no
apt and no missing library needed. The last tests read the installed PySide6 for real."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("xzdesk_installer_sysdeps", ROOT / "installer" / "sysdeps.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


sysdeps = _load()

# What ldd prints for libqxcb.so on a fresh Debian 12 without the xcb helper libraries.
LDD_QXCB = """\
\tlinux-vdso.so.1 (0x00007ffc2d5f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f1)
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f9c839be000)
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibglib-2.0.so.0 => /lib/x86_64-linux-gnu/libglib-2.0.so.0 (0x00007f9c818c8000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f9c83b1e000)
"""
LDD_CUPS = "\tlibcups.so.2 => not found\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n"


@pytest.fixture
def qt(tmp_path) -> Path:
    """A Qt folder holding every file the check examines (empty files: ldd is faked)."""
    for part in sysdeps.PARTS:
        for rel in part.files:
            (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / rel).touch()
    return tmp_path


def fake_ldd(outputs: dict[str, str]):
    return lambda path: outputs.get(path.name, "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n")


def test_ldd_output_is_read_for_not_found_sonames_only():
    assert sysdeps.missing_from_ldd(LDD_QXCB) == {"libxkbcommon-x11.so.0", "libxcb-cursor.so.0", "libxcb-icccm.so.4"}
    assert sysdeps.missing_from_ldd("\tstatically linked\n") == set()


def test_window_and_feature_libraries_are_told_apart(qt):
    findings = sysdeps.examine(qt, ldd=fake_ldd({"libqxcb.so": LDD_QXCB, "libcupsprintersupport.so": LDD_CUPS}),
                               knows=lambda soname: True)  # fmt: skip
    window = next(p for p in sysdeps.PARTS if p.required)
    printing = next(p for p in sysdeps.PARTS if p.name == "printing")
    assert findings.required == {window: {"libxkbcommon-x11.so.0", "libxcb-cursor.so.0", "libxcb-icccm.so.4"}}
    assert findings.optional == {printing: {"libcups.so.2"}}


def test_the_dlopened_cursor_library_is_checked_although_ldd_cannot_see_it(qt):
    findings = sysdeps.examine(qt, ldd=fake_ldd({}), knows=lambda soname: soname != "libxcb-cursor.so.0")
    assert findings.sonames() == {"libxcb-cursor.so.0"}
    assert findings.required


def test_sonames_map_to_debian_packages_and_t64_names_when_apt_has_them():
    sonames = ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libglib-2.0.so.0", "libgthread-2.0.so.0", "libcups.so.2"]
    old, unknown = sysdeps.packages_for(sonames, known=lambda names: set())  # apt knows none: the older names
    assert old == ["libcups2", "libglib2.0-0", "libxcb-cursor0", "libxkbcommon-x11-0"]
    assert unknown == []
    new, _ = sysdeps.packages_for(sonames, known=lambda names: {"libglib2.0-0t64", "libcups2t64", "libxcb-cursor0"})
    assert new == ["libcups2t64", "libglib2.0-0t64", "libxcb-cursor0", "libxkbcommon-x11-0"]
    _, unknown = sysdeps.packages_for(["libxcb-cursor.so.0", "libexotic.so.3"], known=lambda names: set())
    assert unknown == ["libexotic.so.3"]


def _findings(qt, outputs):
    return sysdeps.examine(qt, ldd=fake_ldd(outputs), knows=lambda soname: True)


def _never(cmd):
    raise AssertionError(f"ran {cmd}")


def test_not_root_prints_the_exact_line_and_stops(qt, capsys):
    findings = _findings(qt, {"libqxcb.so": LDD_QXCB})
    status = sysdeps.resolve(findings, root=False, may_install=True, known=lambda names: set(), run=_never,
                             lists_empty=lambda: False, has_apt=True)  # fmt: skip
    out, err = capsys.readouterr()
    assert status == 1
    assert out.strip() == "sudo apt-get install -y --no-install-recommends libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0"
    assert "窗口无法打开" in err and "the window cannot open" in err
    assert "libxcb-cursor.so.0" in err


def test_missing_feature_libraries_explain_but_let_the_window_start(qt, capsys):
    findings = _findings(qt, {"libcupsprintersupport.so": LDD_CUPS})
    status = sysdeps.resolve(findings, root=False, may_install=True, known=lambda names: set(), run=_never,
                             lists_empty=lambda: False, has_apt=True)  # fmt: skip
    out, err = capsys.readouterr()
    assert status == 0
    assert out.strip() == "sudo apt-get install -y --no-install-recommends libcups2"
    assert "打印" in err and "the window opens" in err


def test_check_only_never_installs_even_as_root(qt, capsys):
    findings = _findings(qt, {"libqxcb.so": LDD_QXCB})
    status = sysdeps.resolve(findings, root=True, may_install=False, known=lambda names: set(), run=_never,
                             lists_empty=lambda: True, has_apt=True)  # fmt: skip
    assert status == 1
    assert capsys.readouterr().out.startswith("apt-get install -y")  # root needs no sudo


def test_root_updates_apt_once_when_it_has_no_lists_then_installs(qt):
    ran: list[list[str]] = []

    def run(cmd):
        ran.append(cmd)
        return 0

    findings = _findings(qt, {"libqxcb.so": LDD_QXCB})
    status = sysdeps.resolve(findings, root=True, may_install=True, known=lambda names: set(), run=run,
                             lists_empty=lambda: True, has_apt=True)  # fmt: skip
    assert status == 0
    assert [c[c.index("apt-get") + 1] for c in ran] == ["update", "install"]
    assert ran[1][-3:] == ["libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0"]
    assert "DEBIAN_FRONTEND=noninteractive" in ran[1]


def test_root_retries_after_an_update_when_the_install_fails(qt):
    ran: list[str] = []
    results = iter([100, 0, 0])  # install fails (stale lists), update, install again

    def run(cmd):
        ran.append(cmd[cmd.index("apt-get") + 1])
        return next(results)

    findings = _findings(qt, {"libqxcb.so": LDD_QXCB})
    status = sysdeps.resolve(findings, root=True, may_install=True, known=lambda names: set(), run=run,
                             lists_empty=lambda: False, has_apt=True)  # fmt: skip
    assert (status, ran) == (0, ["install", "update", "install"])


def test_a_failed_install_of_window_libraries_stops_make_run(qt, capsys):
    findings = _findings(qt, {"libqxcb.so": LDD_QXCB})
    status = sysdeps.resolve(findings, root=True, may_install=True, known=lambda names: set(), run=lambda cmd: 100,
                             lists_empty=lambda: False, has_apt=True)  # fmt: skip
    assert status == 1
    assert "installation failed" in capsys.readouterr().err


def test_nothing_missing_says_nothing(qt, capsys):
    assert sysdeps.resolve(_findings(qt, {}), root=False, may_install=True, run=_never, has_apt=True) == 0
    assert capsys.readouterr() == ("", "")


def test_skipped_offscreen_and_off_linux(monkeypatch):
    monkeypatch.setattr(sysdeps, "examine", lambda *a, **k: pytest.fail("examined"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert sysdeps.main([]) == 0
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(sys, "platform", "win32")
    assert sysdeps.main([]) == 0


# --- the installed PySide6, read for real ---------------------------------------------------
GLIBC = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libresolv.so.2", "ld-linux-x86-64.so.2",
         "ld-linux-aarch64.so.1"}  # fmt: skip


def _needed(path: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return {line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line}


def _bundled(output: str, qt: Path) -> dict[str, Path]:
    """Sonames ldd resolves inside PySide6 (Qt itself, and the ICU and FFmpeg it ships)."""
    found = {}
    for line in output.splitlines():
        name, sep, where = line.strip().partition(" => ")
        path = Path(where.split(" (", 1)[0]) if sep else None
        if path and path.exists() and qt.parent in path.resolve().parents:
            found[name] = path.resolve()
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux") or not (shutil.which("ldd") and shutil.which("readelf")),
                    reason="Linux with ldd and readelf")  # fmt: skip
def test_the_table_covers_every_system_library_the_installed_qt_links():
    """Every library that Qt (or a library PySide6 ships) links directly and that the system must
    provide has a package in the table, so a fresh machine's gap is always named."""
    qt = sysdeps.qt_folder()
    assert qt is not None
    window = next(p for p in sysdeps.PARTS if p.required)
    for rel in window.files:  # a renamed plugin would make the check silently pass
        assert (qt / rel).exists(), rel
    ours: dict[str, Path] = {}
    for part in sysdeps.PARTS:
        for rel in part.files:
            if (qt / rel).exists():
                ours[rel] = (qt / rel).resolve()
                ours.update(_bundled(sysdeps.run_ldd(qt / rel), qt))
    system = set().union(*(_needed(path) for path in ours.values())) - set(ours) - GLIBC
    system = {name for name in system if not name.startswith("libQt6")}
    assert "libxcb-cursor.so.0" in system
    assert sorted(system - set(sysdeps.PACKAGES)) == []


# --- the browser of the member web app's tests ------------------------------------------------------
def test_browser_present_needs_nothing(monkeypatch: Any) -> None:
    monkeypatch.delenv("XZDESK_CHROMIUM", raising=False)
    calls: list[list[str]] = []
    rc = sysdeps.ensure_browser(root=True, may_install=True, run=lambda c: calls.append(c) or 0, has_apt=True,  # type: ignore[func-returns-value]
                                which=lambda name: "/usr/bin/chromium" if name == "chromium" else None)  # fmt: skip
    assert rc == 0 and calls == []


def test_browser_missing_is_installed_as_root_after_apt_update(monkeypatch: Any) -> None:
    monkeypatch.delenv("XZDESK_CHROMIUM", raising=False)
    installed: list[str] = []
    calls: list[list[str]] = []

    def run(cmd: list[str]) -> int:
        calls.append(cmd)
        if "install" in cmd:
            installed.append(cmd[-1])
        return 0

    rc = sysdeps.ensure_browser(root=True, may_install=True, run=run, lists_empty=lambda: True, has_apt=True,
                                which=lambda name: "/usr/bin/chromium" if installed and name == "chromium" else None)  # fmt: skip
    assert rc == 0 and installed == ["chromium"]
    assert calls[0][-2:] == ["apt-get", "update"]


def test_browser_missing_without_root_prints_the_line(monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.delenv("XZDESK_CHROMIUM", raising=False)
    rc = sysdeps.ensure_browser(root=False, may_install=True, run=lambda c: 0, has_apt=True, which=lambda n: None)
    assert rc == 1
    assert "sudo apt-get install -y --no-install-recommends chromium" in capsys.readouterr().out
