"""The system libraries the Qt window needs on Debian/Ubuntu: find what is missing and install it
(as root) or print the exact `sudo apt-get install` line.

`make run` runs this before it starts the window: PySide6's wheels carry Qt itself, but its X11
platform plugin loads system libraries (the xcb family, xkbcommon, EGL/GL, fontconfig) that a
fresh Debian or Ubuntu lacks, and without them the window never opens. What each part of Qt
links to is read with `ldd` from the installed PySide6 (never guessed), plus the libraries Qt
opens at run time (`libxcb-cursor.so.0`); a missing soname is mapped to its Debian package by the
table below. Printing (CUPS) and the venue camera and sounds (Qt Multimedia) are features: when
their libraries are missing, the window still opens and this says how to add them.

Skipped on anything but Linux, and when QT_QPA_PLATFORM=offscreen (tests, CI) needs no display.
Standard library only; it never imports Qt (which might not load). Exit status: 0 the window can
start, 1 libraries the window needs are missing and could not be installed (the message says
what to run).

    python installer/sysdeps.py            check; install as root, otherwise print the line
    python installer/sysdeps.py --check    check only, never install
    python installer/sysdeps.py --browser  the browser the member web app's tests drive: Debian's
                                           `chromium` (make test runs this; also headless, in CI)
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# soname -> Debian/Ubuntu package names, newest naming first (Debian 13 and Ubuntu 24.04 renamed
# some libraries with a "t64" suffix); the first one apt knows is installed.
PACKAGES: dict[str, tuple[str, ...]] = {
    # the X11 platform plugin (Qt's "Qt for X11 requirements")
    "libxcb.so.1": ("libxcb1",),
    "libxcb-cursor.so.0": ("libxcb-cursor0",),
    "libxcb-glx.so.0": ("libxcb-glx0",),
    "libxcb-icccm.so.4": ("libxcb-icccm4",),
    "libxcb-image.so.0": ("libxcb-image0",),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1",),
    "libxcb-randr.so.0": ("libxcb-randr0",),
    "libxcb-render.so.0": ("libxcb-render0",),
    "libxcb-render-util.so.0": ("libxcb-render-util0",),
    "libxcb-shape.so.0": ("libxcb-shape0",),
    "libxcb-shm.so.0": ("libxcb-shm0",),
    "libxcb-sync.so.1": ("libxcb-sync1",),
    "libxcb-util.so.1": ("libxcb-util1",),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0",),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0",),
    "libxcb-xinput.so.0": ("libxcb-xinput0",),
    "libxcb-xkb.so.1": ("libxcb-xkb1",),
    "libxkbcommon.so.0": ("libxkbcommon0",),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0",),
    "libX11.so.6": ("libx11-6",),
    "libX11-xcb.so.1": ("libx11-xcb1",),
    "libXau.so.6": ("libxau6",),
    "libXdmcp.so.6": ("libxdmcp6",),
    "libXext.so.6": ("libxext6",),
    "libXrandr.so.2": ("libxrandr2",),
    "libXrender.so.1": ("libxrender1",),
    # OpenGL/EGL (through libglvnd)
    "libGL.so.1": ("libgl1",),
    "libEGL.so.1": ("libegl1",),
    "libGLX.so.0": ("libglx0",),
    "libOpenGL.so.0": ("libopengl0",),
    "libGLdispatch.so.0": ("libglvnd0",),
    # fonts and images
    "libfontconfig.so.1": ("libfontconfig1",),
    "libfreetype.so.6": ("libfreetype6",),
    "libpng16.so.16": ("libpng16-16t64", "libpng16-16"),
    "libbrotlidec.so.1": ("libbrotli1",),
    "libbrotlicommon.so.1": ("libbrotli1",),
    "libexpat.so.1": ("libexpat1",),
    "libz.so.1": ("zlib1g",),
    "libzstd.so.1": ("libzstd1",),
    # GLib and D-Bus
    "libglib-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libgthread-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libgobject-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libgio-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libpcre2-8.so.0": ("libpcre2-8-0",),
    "libdbus-1.so.3": ("libdbus-1-3",),
    "libsystemd.so.0": ("libsystemd0",),
    "libcap.so.2": ("libcap2",),
    "libgcrypt.so.20": ("libgcrypt20",),
    "libgpg-error.so.0": ("libgpg-error0",),
    "liblzma.so.5": ("liblzma5",),
    "liblz4.so.1": ("liblz4-1",),
    "libbsd.so.0": ("libbsd0",),
    "libmd.so.0": ("libmd0",),
    "libstdc++.so.6": ("libstdc++6",),
    "libgcc_s.so.1": ("libgcc-s1",),
    # network (Qt's multimedia links it)
    "libgssapi_krb5.so.2": ("libgssapi-krb5-2",),
    "libkrb5.so.3": ("libkrb5-3",),
    "libk5crypto.so.3": ("libk5crypto3",),
    "libkrb5support.so.0": ("libkrb5support0",),
    "libcom_err.so.2": ("libcom-err2",),
    "libkeyutils.so.1": ("libkeyutils1",),
    # printing
    "libcups.so.2": ("libcups2t64", "libcups2"),
    # sound and camera at the venue
    "libpulse.so.0": ("libpulse0",),
    "libasound.so.2": ("libasound2t64", "libasound2"),
    "libdrm.so.2": ("libdrm2",),  # the FFmpeg that PySide6 ships
    "libbz2.so.1": ("libbz2-1.0",),
}


@dataclass(frozen=True)
class Part:
    """A part of the app and the Qt files (relative to PySide6's Qt folder) it loads."""

    name: str
    zh: str
    files: tuple[str, ...]
    dlopened: tuple[str, ...] = ()  # sonames loaded at run time, invisible to ldd
    required: bool = True  # False: a feature; the window opens without it


PARTS: tuple[Part, ...] = (
    Part("the window (Qt on X11)", "窗口（X11 上的 Qt）", (
        "lib/libQt6Core.so.6", "lib/libQt6Gui.so.6", "lib/libQt6Widgets.so.6", "lib/libQt6XcbQpa.so.6",
        "plugins/platforms/libqxcb.so", "plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "plugins/xcbglintegrations/libqxcb-egl-integration.so",
    ), dlopened=("libxcb-cursor.so.0",)),  # fmt: skip
    Part("printing", "打印", ("lib/libQt6PrintSupport.so.6", "plugins/printsupport/libcupsprintersupport.so"), required=False),
    Part("camera scanning and check-in sounds", "摄像头扫码和签到提示音", (
        "lib/libQt6Multimedia.so.6", "plugins/multimedia/libffmpegmediaplugin.so",
    ), required=False),  # fmt: skip
)


# --- reading what is missing ----------------------------------------------------------------
def missing_from_ldd(output: str) -> set[str]:
    """The sonames `ldd` reports as `not found`."""
    missing = set()
    for line in output.splitlines():
        name, sep, where = line.strip().partition("=>")
        if sep and where.strip() == "not found":
            missing.add(name.strip())
    return missing


def run_ldd(path: Path) -> str:
    done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False)
    return done.stdout


def loader_knows(soname: str) -> bool:
    """True when the dynamic loader can find `soname` (ldconfig's cache or the usual folders)."""
    try:
        cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    except OSError:
        cache = ""
    if any(line.strip().startswith(soname + " ") for line in cache.splitlines()):
        return True
    folders = ("/lib", "/usr/lib", "/lib64", "/usr/lib64", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
               "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu")  # fmt: skip
    return any(Path(folder, soname).exists() for folder in folders)


def qt_folder() -> Path | None:
    """PySide6's bundled Qt folder, found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def missing_sonames(
    part: Part, qt: Path, *, ldd: Callable[[Path], str] = run_ldd, knows: Callable[[str], bool] = loader_knows
) -> set[str]:
    """Sonames `part` needs that this system lacks."""
    missing: set[str] = set()
    for rel in part.files:
        path = qt / rel
        if path.exists():
            missing |= missing_from_ldd(ldd(path))
    return missing | {name for name in part.dlopened if not knows(name)}


# --- from sonames to packages ---------------------------------------------------------------
def apt_known(names: Iterable[str]) -> set[str]:
    """The package names apt has a candidate for (empty when apt has no lists)."""
    names = sorted(set(names))
    if not names or shutil.which("apt-cache") is None:
        return set()
    out = subprocess.run(["apt-cache", "policy", *names], capture_output=True, text=True, check=False).stdout
    known, current = set(), None
    for line in out.splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith(":"):
            current = line.strip()[:-1]
        elif current and line.strip().startswith("Candidate:") and "(none)" not in line:
            known.add(current)
    return known


def packages_for(sonames: Iterable[str], *, known: Callable[[Iterable[str]], set[str]] = apt_known) -> tuple[list[str], list[str]]:
    """(Debian packages to install, sonames the table does not know). Of a soname's candidate
    names, the first apt knows wins; when apt knows none of them, the older name."""
    sonames = sorted(set(sonames))
    candidates = {name: PACKAGES[name] for name in sonames if name in PACKAGES}
    unknown = [name for name in sonames if name not in PACKAGES]
    available = known(n for names in candidates.values() for n in names)
    chosen = {next((n for n in names if n in available), names[-1]) for names in candidates.values()}
    return sorted(chosen), unknown


# --- what to do -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Findings:
    required: dict[Part, set[str]]  # part -> missing sonames, for parts the window needs
    optional: dict[Part, set[str]]

    @property
    def ok(self) -> bool:
        return not any(self.required.values()) and not any(self.optional.values())

    def sonames(self) -> set[str]:
        return set().union(*self.required.values(), *self.optional.values())


def examine(qt: Path, *, ldd: Callable[[Path], str] = run_ldd, knows: Callable[[str], bool] = loader_knows) -> Findings:
    required: dict[Part, set[str]] = {}
    optional: dict[Part, set[str]] = {}
    for part in PARTS:
        missing = missing_sonames(part, qt, ldd=ldd, knows=knows)
        if missing:
            (required if part.required else optional)[part] = missing
    return Findings(required, optional)


def install_line(packages: Sequence[str], *, root: bool) -> str:
    prefix = "" if root else "sudo "
    return f"{prefix}apt-get install -y --no-install-recommends {' '.join(packages)}"


APT_ENV = ["env", "DEBIAN_FRONTEND=noninteractive"]


def apt_lists_empty(lists: Path = Path("/var/lib/apt/lists")) -> bool:
    return not any(lists.glob("*_Packages*"))


def apt_install(packages: Sequence[str], *, run: Callable[[list[str]], int]) -> bool:
    """apt-get install as root; when it fails, apt-get update once and try again (a stale list
    names versions the mirror no longer serves)."""
    install = [*APT_ENV, "apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    if run(install) == 0:
        return True
    return run([*APT_ENV, "apt-get", "update"]) == 0 and run(install) == 0


def _say(zh: str, en: str) -> None:
    print(f"sysdeps: {zh} / {en}", file=sys.stderr, flush=True)


def report_missing(findings: Findings, unknown: Sequence[str]) -> None:
    for title, parts in (("窗口需要", findings.required), ("可选功能", findings.optional)):
        for part, sonames in parts.items():
            names = ", ".join(sorted(sonames))
            _say(f"{title}：{part.zh}缺少 {names}", f"{part.name} lacks {names}")
    if unknown:
        _say(f"这些库请用发行版的包管理器安装：{', '.join(unknown)}",
             f"install the packages that provide: {', '.join(unknown)}")  # fmt: skip


def _run(cmd: list[str]) -> int:
    return subprocess.run(cmd, check=False).returncode


def resolve(
    findings: Findings,
    *,
    root: bool,
    may_install: bool,
    known: Callable[[Iterable[str]], set[str]] = apt_known,
    run: Callable[[list[str]], int] = _run,
    lists_empty: Callable[[], bool] = apt_lists_empty,
    has_apt: bool | None = None,
) -> int:
    """Install (as root) or explain what `findings` lack. Returns the exit status (module doc)."""
    if findings.ok:
        return 0
    has_apt = shutil.which("apt-get") is not None if has_apt is None else has_apt
    install = root and may_install and has_apt
    if install and lists_empty():  # apt knows no package names before its first update
        run([*APT_ENV, "apt-get", "update"])
    packages, unknown = packages_for(findings.sonames(), known=known)
    report_missing(findings, unknown)
    blocking = bool(findings.required)
    if packages and install:
        _say("正在安装：" + " ".join(packages), "installing: " + " ".join(packages))
        if apt_install(packages, run=run):
            return 1 if set(unknown) & set().union(*findings.required.values()) else 0
        _say("安装没有成功，请看上面 apt-get 的输出", "the installation failed; see apt-get's output above")
        return 1 if blocking else 0
    if packages:
        _say("请运行下面这一行，然后再 make run", "run this line, then make run again")
        print(install_line(packages, root=root), flush=True)
    if blocking:
        _say("缺少这些系统库，窗口无法打开", "the window cannot open without these system libraries")
        return 1
    _say("窗口照常打开；上面这些功能要装好这些包才能用", "the window opens; those features need the packages above")
    return 0


# --- the browser of the member web app's tests ------------------------------------------------------
BROWSER_PACKAGE = "chromium"  # Debian's; Playwright drives it through `executable_path`
BROWSER_COMMANDS = ("chromium", "chromium-browser")


def find_browser(which: Callable[[str], str | None] = shutil.which) -> str | None:
    """The headless browser the tests use: $XZDESK_CHROMIUM, else Debian's chromium on PATH."""
    given = os.environ.get("XZDESK_CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    return next((found for found in map(which, BROWSER_COMMANDS) if found), None)


def ensure_browser(
    *, root: bool, may_install: bool, run: Callable[[list[str]], int] = _run,
    lists_empty: Callable[[], bool] = apt_lists_empty, has_apt: bool | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> int:  # fmt: skip
    """0 when the browser is there (installed now as root when it was missing), else 1 with the
    line to run. Linux only (the member app's browser tests run on Debian/Ubuntu and in CI)."""
    if find_browser(which) is not None:
        return 0
    has_apt = shutil.which("apt-get") is not None if has_apt is None else has_apt
    if root and may_install and has_apt:
        if lists_empty():
            run([*APT_ENV, "apt-get", "update"])
        _say("正在安装浏览器测试用的 chromium", "installing chromium for the browser tests")
        if apt_install([BROWSER_PACKAGE], run=run) and find_browser(which) is not None:
            return 0
    _say("浏览器测试需要 chromium，请运行下面这一行", "the browser tests need chromium; run this line")
    print(install_line([BROWSER_PACKAGE], root=root), flush=True)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check and explain; never install")
    parser.add_argument("--browser", action="store_true", help="the chromium the member web app's browser tests drive")
    args = parser.parse_args(argv)
    if args.browser:
        if not sys.platform.startswith("linux"):
            return 0
        return ensure_browser(root=os.geteuid() == 0, may_install=not args.check)
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return 0
    qt = qt_folder()
    if qt is None or shutil.which("ldd") is None:
        return 0  # nothing to examine: pip reports a missing PySide6 itself
    return resolve(examine(qt), root=os.geteuid() == 0, may_install=not args.check)


if __name__ == "__main__":
    sys.exit(main())
