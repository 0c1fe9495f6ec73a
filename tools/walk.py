"""`make walk`: the scripted walk of a union's day (tests/e2e/test_walk.py) on a real X display,
with a screenshot of the whole 1366×768 screen at every step in walk-shots/.

Starts Xvfb (a virtual screen of an office laptop: 1366×768, 24 bits) and, when installed, the
openbox window manager (title bars, as on a real desktop), runs the walk on Qt's xcb platform
(not the offscreen one the test suite uses), then stops both. Xvfb missing: installed as root
with apt-get the way installer/sysdeps.py installs the Qt libraries, otherwise the exact
apt-get line is printed and nothing runs.

    python tools/walk.py [--display N] [--shots DIR]      (WALK_DISPLAY=N also chooses the display)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "installer"))

import sysdeps  # noqa: E402  (installer/sysdeps.py: the one place that installs system packages)

SCREEN = "1366x768x24"
PACKAGES = {"Xvfb": "xvfb"}  # executable -> Debian/Ubuntu package


def ensure_tools(*, root: bool) -> bool:
    """Xvfb on the PATH: installed when root and apt is there, else the apt-get line is printed."""
    missing = [package for tool, package in PACKAGES.items() if shutil.which(tool) is None]
    if not missing:
        return True
    if root and shutil.which("apt-get") and sysdeps.apt_install(missing, run=sysdeps._run):
        return all(shutil.which(tool) for tool in PACKAGES)
    sysdeps._say("make walk 需要虚拟屏幕 Xvfb，请先安装：", "make walk needs the Xvfb virtual screen; install it first:")
    print(sysdeps.install_line(missing, root=root), flush=True)
    return False


def free_display(start: int = 90) -> int:
    """A display number no X server uses (no lock file, no socket)."""
    for n in range(start, start + 100):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise SystemExit("no free X display number between :90 and :189")


def start_screen(display: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", SCREEN, "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    for _ in range(100):  # up to 10 s for the socket
        if Path(f"/tmp/.X11-unix/X{display}").exists():
            return server
        if server.poll() is not None:
            break
        time.sleep(0.1)
    server.kill()
    raise SystemExit(f"Xvfb did not start on :{display}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", type=int, default=int(os.environ.get("WALK_DISPLAY", "0")) or None)
    parser.add_argument("--shots", default=str(ROOT / "walk-shots"))
    args = parser.parse_args(argv)
    if not ensure_tools(root=os.geteuid() == 0):
        return 1
    display = args.display or free_display()
    shots = Path(args.shots).resolve()
    server = start_screen(display)
    env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb", "XZDESK_WALK_SHOTS": str(shots)}
    manager = None
    if shutil.which("openbox"):
        manager = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
    try:
        code = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                "tests/e2e/test_walk.py"], cwd=ROOT, env=env)  # fmt: skip
    finally:
        for process in (manager, server):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
    pictures = sorted(shots.glob("*.png"))
    print(f"{len(pictures)} screenshots in {shots}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
