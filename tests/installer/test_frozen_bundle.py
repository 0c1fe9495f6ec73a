"""The frozen app, built for real with `installer/build.py` and run as a user would run it.

Freezing takes minutes, so this runs only when asked for: `make pytest-slow` (`-m slow`) or
XZDESK_FREEZE_TEST=1, and only where PyInstaller is installed (`pip install pyinstaller`).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

from xzdesk import __version__

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"

pytestmark = pytest.mark.slow


def _load_smoke() -> ModuleType:
    spec = importlib.util.spec_from_file_location("xzdesk_installer_smoke", INSTALLER / "smoke.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


smoke = _load_smoke()


@pytest.fixture(scope="module")
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the build script once for this module: translations, PyInstaller, package."""
    asked = "slow" in (request.config.option.markexpr or "") or os.environ.get("XZDESK_FREEZE_TEST") == "1"
    if not asked:
        pytest.skip("freezing takes minutes: run with -m slow or XZDESK_FREEZE_TEST=1")
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install pyinstaller)")
    dist = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, str(INSTALLER / "build.py"), "--dist", str(dist)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return dist


@pytest.fixture(scope="module")
def bundle(built: Path) -> Path:
    return built / "xzdesk"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("smoke")


def _failures(rows: list) -> list[str]:
    return [f"{r.name}: {r.detail}" for r in rows if not r.ok]


def test_bundle_holds_fonts_translations_migrations_and_licences(bundle: Path) -> None:
    rows = smoke.check_contents(bundle, ROOT)
    assert len(rows) == 4
    assert not _failures(rows)
    assert (bundle / "_internal" / "resources" / "fonts" / "COPYRIGHT-wqy-microhei.txt").is_file()


def test_both_executables_report_the_installed_version(bundle: Path, scratch: Path) -> None:
    rows = smoke.check_version(bundle, scratch, expect_version=__version__)
    assert rows and not _failures(rows)


def test_seed_creates_and_migrates_the_encrypted_database(bundle: Path, scratch: Path) -> None:
    home = scratch / "home-memory"
    rows = smoke.check_seed(bundle, home, env={"PYTHON_KEYRING_BACKEND": smoke.MEMORY_KEYRING}, label="memory")
    assert not _failures(rows)
    assert (home / "xzdesk.db.keyinfo.json").is_file()
    assert b"SQLite format 3" not in (home / "xzdesk.db").read_bytes()[:16]  # encrypted on disk


def test_database_written_by_the_frozen_app_opens_here_at_every_head(bundle: Path, scratch: Path) -> None:
    """Frozen app seeds twice with a passphrase (the second run reopens the file); the source
    tree then opens the same file: the bundle applied exactly the migrations of this checkout."""
    from sqlalchemy import select

    from xzdesk.domain.members.models import Member
    from xzdesk.domain.store import migrate
    from xzdesk.domain.store.engine import Store

    home = scratch / "home-passphrase"
    env = {"PYTHON_KEYRING_BACKEND": smoke.NO_KEYRING, "XZDESK_PASSPHRASE": smoke.SMOKE_PASSPHRASE}
    rows = smoke.check_seed(bundle, home, env=env, label="passphrase", runs=2)
    assert not _failures(rows)
    backups = list((home / "backups").glob("*pre-migration*")) if (home / "backups").exists() else []
    assert backups == []  # the second run found the schema current: nothing to migrate, no backup
    store = Store.open(home / "xzdesk.db", passphrase=lambda _new: smoke.SMOKE_PASSPHRASE)
    try:
        assert migrate.current_heads(store.engine) == migrate.target_heads()
        with store.read() as s:
            assert len(s.execute(select(Member.id)).all()) == 40
    finally:
        store.close()


def test_gui_starts_offscreen_shows_the_main_window_and_quits(bundle: Path, scratch: Path) -> None:
    rows, report = smoke.check_gui(bundle, scratch / "home-gui")
    assert not _failures(rows)
    assert report["version"] == __version__
    assert "WenQuanYi Micro Hei" in report["font_families"]
    assert (scratch / "home-gui" / "logs" / "xzdesk.log").is_file()


def test_running_the_bundle_writes_nothing_into_it(bundle: Path, scratch: Path) -> None:
    """Alembic loads the migration scripts from .py files; no bytecode may land in the install
    folder (a per-user install is writable, and the uninstaller would leave it behind)."""
    rows = smoke.check_seed(bundle, scratch / "home-pycache", env={"PYTHON_KEYRING_BACKEND": smoke.MEMORY_KEYRING},
                            label="memory")  # fmt: skip
    assert not _failures(rows)
    assert sorted(bundle.rglob("__pycache__")) == []


@pytest.mark.skipif(sys.platform == "win32", reason="Windows builds package with Inno Setup")
def test_archive_holds_the_bundle(built: Path) -> None:
    archives = list(built.glob(f"xzdesk-{__version__}-*.tar.gz"))
    assert len(archives) == 1
    with tarfile.open(archives[0]) as tar:
        names = set(tar.getnames())
        top = f"xzdesk-{__version__}"
        for needed in ("xzdesk", "xzdesk-cli", "_internal/resources/fonts/wqy-microhei.ttc",
                       "_internal/xzdesk/domain/store/migrations/env.py"):  # fmt: skip
            assert f"{top}/{needed}" in names
        assert tar.getmember(f"{top}/xzdesk-cli").mode & 0o111
