"""Build xzdesk for distribution: translations, the PyInstaller bundle, then the package.

    python installer/build.py [--clean] [--smoke] [--dist DIR] [--work DIR] [--no-package]

1. builds resources/i18n/*.qm from the .ts sources (pyside6-lrelease, as `make i18n` does);
2. runs PyInstaller with installer/xzdesk.spec -> DIST/xzdesk/ (onedir: xzdesk + xzdesk-cli);
3. on Windows, signs the two executables when XZDESK_SIGN_COMMAND is set and compiles
   installer/xzdesk.iss with Inno Setup's ISCC.exe when it is found -> DIST/xzdesk-VER-setup.exe;
   elsewhere, packs the bundle as DIST/xzdesk-VER-PLATFORM.tar.gz;
4. with --smoke, runs the frozen program (installer/smoke.py) and fails when a check fails.

Run it with the project's environment (`.venv/bin/python installer/build.py`), which needs
PyInstaller: `pip install pyinstaller`.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "xzdesk.spec"
ISS = HERE / "xzdesk.iss"
APP = "xzdesk"
IS_WINDOWS = sys.platform == "win32"


def _step(message: str) -> None:
    print(f"== {message}", flush=True)


def _tool(name: str) -> str | None:
    """A console script of this environment (beside the interpreter) or on PATH."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Scripts" / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def build_translations() -> list[Path]:
    """resources/i18n/X.ts -> X.qm (always rebuilt: it takes a second)."""
    lrelease = _tool("pyside6-lrelease")
    if lrelease is None:
        raise SystemExit("pyside6-lrelease not found: install the project (pip install -e .)")
    built = []
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def run_pyinstaller(*, dist: Path, work: Path, clean: bool) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("PyInstaller is not installed here: pip install pyinstaller") from None
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]  # fmt: skip
    if clean:
        cmd.insert(3, "--clean")
    subprocess.run(cmd, check=True, cwd=ROOT)
    bundle = dist / APP
    if not (bundle / executable_name(APP)).exists():
        raise SystemExit(f"PyInstaller finished but {bundle} has no {executable_name(APP)}")
    return bundle


def executable_name(name: str) -> str:
    return f"{name}.exe" if IS_WINDOWS else name


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def sign(files: list[Path], command: str) -> None:
    """Run the signing command template on each file ('{file}' is replaced by the quoted path)."""
    for path in files:
        subprocess.run(command.replace("{file}", f'"{path}"'), shell=True, check=True)


def find_iscc() -> Path | None:
    """Inno Setup 6's command-line compiler: ISCC on PATH, or in the usual install folders."""
    on_path = shutil.which("iscc") or shutil.which("ISCC")
    if on_path:
        return Path(on_path)
    for var in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        base = os.environ.get(var)
        if not base:
            continue
        for sub in ("Inno Setup 6", "Programs/Inno Setup 6"):
            candidate = Path(base) / sub / "ISCC.exe"
            if candidate.exists():
                return candidate
    return None


def build_setup(iscc: Path, *, bundle: Path, icon: Path, out: Path, app_version: str, sign_command: str | None) -> Path:
    cmd = [str(iscc), "/Q", f"/DAppVersion={app_version}", f"/DBundleDir={bundle}", f"/DIconFile={icon}",
           f"/DOutputDir={out}"]  # fmt: skip
    if sign_command:
        # Inno signs the setup and uninstaller itself; $f is its placeholder for the quoted file.
        cmd += ["/DSign", f"/Sxzsign={sign_command.replace('{file}', '$f')}"]
    cmd.append(str(ISS))
    subprocess.run(cmd, check=True)
    return out / f"{APP}-{app_version}-setup.exe"


def make_archive(bundle: Path, *, out: Path, app_version: str) -> Path:
    """DIST/xzdesk-VER-PLATFORM.tar.gz holding xzdesk-VER/ (the onedir bundle)."""
    tag = f"{sys.platform}-{platform.machine().lower()}"
    target = out / f"{APP}-{app_version}-{tag}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{APP}-{app_version}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=HERE / "dist", help="output folder (default installer/dist)")
    parser.add_argument("--work", type=Path, default=HERE / "build", help="PyInstaller work folder")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache and work folder first")
    parser.add_argument("--no-package", action="store_true", help="stop after the bundle (no setup.exe / tar.gz)")
    parser.add_argument("--smoke", action="store_true", help="run the frozen program's smoke checks at the end")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    app_version = version(APP)
    started = time.monotonic()

    _step("translations")
    for qm in build_translations():
        print(f"   {qm.relative_to(ROOT)}")
    _step(f"PyInstaller (xzdesk {app_version}) -> {dist / APP}")
    bundle = run_pyinstaller(dist=dist, work=work, clean=args.clean)
    print(f"   bundle: {folder_size(bundle) / 2**20:.0f} MiB in {sum(1 for _ in bundle.rglob('*'))} files")

    sign_command = os.environ.get("XZDESK_SIGN_COMMAND") or None
    if not args.no_package:
        if IS_WINDOWS:
            if sign_command:
                _step("signing the executables")
                sign([bundle / executable_name(APP), bundle / executable_name(f"{APP}-cli")], sign_command)
            iscc = find_iscc()
            if iscc is None:
                print("   Inno Setup 6 (ISCC.exe) not found: install it or put it on PATH; bundle left as is")
            else:
                _step(f"Inno Setup ({iscc})")
                icon = work / APP / "generated" / "icon" / "xzdesk.ico"
                setup = build_setup(iscc, bundle=bundle, icon=icon, out=dist, app_version=app_version,
                                    sign_command=sign_command)  # fmt: skip
                print(f"   {setup} ({setup.stat().st_size / 2**20:.0f} MiB)")
        else:
            _step("archive")
            archive = make_archive(bundle, out=dist, app_version=app_version)
            print(f"   {archive} ({archive.stat().st_size / 2**20:.0f} MiB)")

    if args.smoke:
        _step("smoke checks")
        sys.path.insert(0, str(HERE))
        from smoke import check_bundle

        scratch = work / "smoke"
        shutil.rmtree(scratch, ignore_errors=True)
        checks = check_bundle(bundle, scratch, expect_version=app_version)
        for check in checks:
            print(f"   {'ok ' if check.ok else 'FAIL'} {check.name}: {check.detail}")
        if not all(c.ok for c in checks):
            return 1
    print(f"== done in {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
