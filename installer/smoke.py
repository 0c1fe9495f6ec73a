"""Smoke checks of a frozen onedir bundle: run the real executables as a user would.

    python installer/smoke.py DIST/xzdesk [SCRATCH]

Checks: both executables print the version; `seed --members 20` on a fresh XZDESK_HOME (the
encrypted database opens and every migration applies from the bundle) with the in-memory
keyring and again with a passphrase (then once more, reopening the existing database); the
shipped fonts, translations and migrations are inside the bundle; the GUI starts under
QT_QPA_PLATFORM=offscreen, shows its main window with the CJK fonts registered and quits
(installer/entry.py's XZDESK_SMOKE_REPORT hook). Used by `build.py --smoke` and tests/installer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

IS_WINDOWS = sys.platform == "win32"
MEMORY_KEYRING = "xzdesk.domain.store.keys.MemoryKeyring"
NO_KEYRING = "keyring.backends.null.Keyring"
SMOKE_PASSPHRASE = "smoke test passphrase 烟雾测试"
TIMEOUT_S = 300


@dataclass(frozen=True)
class CheckRow:
    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class RunInfo:
    returncode: int
    stdout: str
    stderr: str


def executable(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if IS_WINDOWS else name)


def internal_dir(bundle: Path) -> Path:
    """PyInstaller >= 6 keeps everything but the executables in _internal/."""
    inner = bundle / "_internal"
    return inner if inner.is_dir() else bundle


def run_frozen(exe: Path, args: list[str], *, home: Path, extra_env: dict[str, str] | None = None) -> RunInfo:
    """Run a frozen executable with a private XZDESK_HOME and none of the developer's Python
    environment (so nothing is imported from the source tree)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "XZDESK_", "VIRTUAL_ENV"))}
    env.update({"XZDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"})
    env.update(extra_env or {})
    home.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [str(exe), *args], env=env, cwd=home, capture_output=True, timeout=TIMEOUT_S,
        encoding="utf-8", errors="replace", stdin=subprocess.DEVNULL,
    )  # fmt: skip
    return RunInfo(proc.returncode, proc.stdout, proc.stderr)


def _tail(text: str, lines: int = 6) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])


def check_version(bundle: Path, scratch: Path, *, expect_version: str) -> list[CheckRow]:
    rows = []
    names = ["xzdesk-cli"] if IS_WINDOWS else ["xzdesk-cli", "xzdesk"]  # a windowed .exe has no stdout
    for name in names:
        info = run_frozen(executable(bundle, name), ["--version"], home=scratch / "home-version")
        out = info.stdout.strip()
        rows.append(CheckRow(f"{name} --version", info.returncode == 0 and out == f"xzdesk {expect_version}",
                             out or _tail(info.stderr)))  # fmt: skip
    return rows


def check_seed(bundle: Path, home: Path, *, env: dict[str, str], label: str, runs: int = 1) -> list[CheckRow]:
    """`runs` > 1 reopens the existing database (each run with its own seed: same seed, same people)."""
    rows = []
    for run in range(1, runs + 1):
        args = ["seed", "--members", "20", "--seed", str(run)]
        info = run_frozen(executable(bundle, "xzdesk-cli"), args, home=home, extra_env=env)
        ok = info.returncode == 0 and "seeded 20 members" in info.stdout and (home / "xzdesk.db").is_file()
        rows.append(CheckRow(f"seed --members 20 ({label}, run {run})", ok,
                             info.stdout.strip() or _tail(info.stderr)))  # fmt: skip
    return rows


def check_contents(bundle: Path, source_root: Path | None = None) -> list[CheckRow]:
    inner = internal_dir(bundle)
    rows = []
    fonts = inner / "resources" / "fonts"
    need = ["wqy-microhei.ttc", "DroidSansFallbackFull.ttf", "LICENSE-Apache-2.0.txt"]
    missing = [n for n in need if not (fonts / n).is_file() or (fonts / n).stat().st_size == 0]
    rows.append(CheckRow("CJK fonts and licence in bundle", not missing, f"missing {missing}" if missing else str(fonts)))
    qms = sorted(p.name for p in (inner / "resources" / "i18n").glob("*.qm"))
    rows.append(CheckRow("translations (.qm) in bundle", bool(qms), ", ".join(qms) or "none"))
    versions = inner / "xzdesk" / "domain" / "store" / "migrations" / "versions"
    shipped = sorted(p.name for p in versions.glob("*.py"))
    ok = bool(shipped) and (inner / "xzdesk" / "domain" / "store" / "migrations" / "env.py").is_file()
    detail = f"{len(shipped)} revisions"
    if source_root is not None:
        source = sorted(p.name for p in (source_root / "xzdesk/domain/store/migrations/versions").glob("*.py"))
        ok = ok and shipped == source
        detail += f" (source tree has {len(source)})"
    rows.append(CheckRow("store migrations in bundle", ok, detail))
    licences = inner / "licences"
    rows.append(CheckRow("third-party licences in bundle", (licences / "THIRD-PARTY.txt").is_file()
                         and (licences / "LGPL-3.0.txt").is_file(), str(licences)))  # fmt: skip
    return rows


def check_gui(bundle: Path, home: Path) -> tuple[list[CheckRow], dict[str, object]]:
    """Start the windowed executable offscreen on a fresh database; it reports and quits."""
    report_path = home / "smoke-report.json"
    home.mkdir(parents=True, exist_ok=True)
    report_path.unlink(missing_ok=True)
    info = run_frozen(executable(bundle, "xzdesk"), [], home=home, extra_env={
        "PYTHON_KEYRING_BACKEND": MEMORY_KEYRING, "XZDESK_SMOKE_REPORT": str(report_path),
        "XZDESK_SMOKE_TIMEOUT_S": "120",
    })  # fmt: skip
    report: dict[str, object] = {}
    if report_path.is_file():
        report = json.loads(report_path.read_text("utf-8"))
    inner = internal_dir(bundle).resolve()
    shown = report.get("shown") or []
    rows = [
        CheckRow("GUI started and quit", info.returncode == 0, f"exit {info.returncode} {_tail(info.stderr, 3)}"),
        CheckRow("GUI main window shown", "MainWindow" in shown, f"shown {shown}"),  # type: ignore[operator]
        CheckRow("GUI runs frozen from the bundle", report.get("frozen") is True
                 and Path(str(report.get("resources_dir"))).resolve().is_relative_to(inner),
                 str(report.get("resources_dir"))),  # fmt: skip
        CheckRow("GUI registered the CJK fonts", report.get("cjk_font_loaded") is True,
                 str(report.get("font_families"))),  # fmt: skip
        CheckRow("GUI loaded the bundled translations", any("resources" in str(t) for t in report.get("translations") or []),  # type: ignore[union-attr]
                 str(report.get("translations"))),  # fmt: skip
    ]
    return rows, report


def check_bundle(bundle: Path, scratch: Path, *, expect_version: str, source_root: Path | None = None) -> list[CheckRow]:
    """Every smoke check; `scratch` receives the throw-away data homes."""
    bundle, scratch = bundle.resolve(), scratch.resolve()
    rows = check_contents(bundle, source_root)
    rows += check_version(bundle, scratch, expect_version=expect_version)
    rows += check_seed(bundle, scratch / "home-memory", env={"PYTHON_KEYRING_BACKEND": MEMORY_KEYRING},
                       label="in-memory keyring")  # fmt: skip
    rows += check_seed(bundle, scratch / "home-passphrase",
                       env={"PYTHON_KEYRING_BACKEND": NO_KEYRING, "XZDESK_PASSPHRASE": SMOKE_PASSPHRASE},
                       label="passphrase", runs=2)  # fmt: skip
    gui_rows, _ = check_gui(bundle, scratch / "home-gui")
    rows += gui_rows
    written = sorted(str(p.relative_to(bundle)) for p in bundle.rglob("__pycache__"))
    rows.append(CheckRow("bundle left unchanged by running it", not written, ", ".join(written) or "no __pycache__"))
    return rows


if __name__ == "__main__":
    from importlib.metadata import version

    target = Path(sys.argv[1])
    scratch_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else target.parent / "smoke"
    results = check_bundle(target, scratch_dir, expect_version=version("xzdesk"))
    for row in results:
        print(f"{'ok ' if row.ok else 'FAIL'} {row.name}: {row.detail}")
    sys.exit(0 if all(r.ok for r in results) else 1)
