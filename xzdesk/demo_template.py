"""The demo database, ready at once: built into a template at install time, copied on first run.

Seeding the demo (5,000 synthetic members, 8 events with registrations and seat plans, the
documented demo accounts with their argon2 passwords) takes several seconds on an office laptop,
longer on a busy one. `make run` therefore builds it once into a template beside the
installation (`python -m xzdesk.demo_template`), and the first `--demo` start copies the template
instead of seeding. The template holds synthetic people only and is encrypted with the published
demo key (`keys.DEMO_KEY`), like any demo database on a computer without a secure keyring; each
copy gets a device identity of its own.

A template is used only while it matches this installation (a stamp over the version and the
domain code that builds it, migrations included) and was built today (China time), since the demo
calendar and follow-ups are placed around the day they were seeded. Otherwise the app seeds as it
always did, with progress, and the next `make run` builds a fresh template. The frozen app ships
no template (it would always be stale) and seeds on first run.

Thread: any; the functions touch only files and their own connections. No Qt.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import xzdesk
from xzdesk.domain.progress import Progress, no_progress

TEMPLATE_ENV = "XZDESK_DEMO_TEMPLATE"  # the template file; empty: no template at all
_PACKAGE = Path(xzdesk.__file__).resolve().parent
# What the demo content depends on: every domain module (seeding, services, migrations), the demo
# constants and accounts (app_context) and this builder.
_STAMPED = ("domain", "app_context.py", "demo_template.py")
_IDENTITY = ("device_id", "created_at", "hlc_last")  # per copy: minted again when the copy opens


def template_path() -> Path | None:
    """Where this installation keeps the demo template, or None when it keeps none."""
    env = os.environ.get(TEMPLATE_ENV)
    if env is not None:
        return Path(env) if env.strip() else None
    if getattr(sys, "frozen", False):
        return None
    return Path(sys.prefix) / "share" / "xzdesk" / "demo-template.db"


def _stamp_file(template: Path) -> Path:
    return template.with_name(template.name + ".json")


def code_stamp() -> str:
    """A digest of the version and of the code whose change could change the demo content."""
    digest = hashlib.sha256(xzdesk.__version__.encode())
    for part in _STAMPED:
        root = _PACKAGE / part
        files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
        for path in files:
            digest.update(f"{path.relative_to(_PACKAGE).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _today() -> str:
    from xzdesk.domain.uow import CHINA_TZ

    return datetime.now(CHINA_TZ).date().isoformat()


def template_ready(template: Path | None = None) -> bool:
    """True when `template` (default: this installation's) exists, matches this code and was
    built today."""
    template = template or template_path()
    if template is None or not template.is_file():
        return False
    try:
        stamp = json.loads(_stamp_file(template).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return stamp.get("code") == code_stamp() and stamp.get("built_on") == _today()


def build_template(template: Path | None = None, *, progress: Progress = no_progress) -> Path:
    """Seed a demo database (the same `AppContext.ensure_demo_data` the first run would use) and
    put it in place as the template, atomically: a failed or interrupted build leaves no
    template that looks valid."""
    from xzdesk.app_context import AppContext
    from xzdesk.config import Settings
    from xzdesk.domain.store.engine import Store
    from xzdesk.domain.store.files import checkpoint
    from xzdesk.domain.store.keys import DEMO_KEY

    template = template or template_path()
    if template is None:
        raise ValueError("this installation keeps no demo template")
    template.parent.mkdir(parents=True, exist_ok=True)
    work = template.with_name(f".{template.name}.{os.getpid()}")
    built_on = _today()
    _remove(work)
    try:
        ctx = AppContext(store=Store.open(work, key=DEMO_KEY), settings=Settings(), demo=True, home=work.parent)
        try:
            ctx.ensure_demo_data(progress=progress)
            checkpoint(ctx.store.engine)  # one self-contained file, no WAL beside it
        finally:
            ctx.close()
        _stamp_file(template).unlink(missing_ok=True)
        os.replace(work, template)
        _stamp_file(template).write_text(json.dumps({"code": code_stamp(), "built_on": built_on}), "utf-8")
    finally:
        _remove(work)
    return template


def install_template(db_path: Path, template: Path | None = None) -> bool:
    """Make a new demo database at `db_path` from the template, when one is ready and there is
    no database (nor key information) there yet. Returns True when it did. Never raises for a
    missing or stale template: the caller then seeds as usual."""
    from xzdesk.domain.store.keys import read_key_info, use_demo_key

    template = template or template_path()
    if db_path.exists() or read_key_info(db_path) is not None or not template_ready(template):
        return False
    assert template is not None
    db_path.parent.mkdir(parents=True, exist_ok=True)
    work = db_path.with_name(f".{db_path.name}.{os.getpid()}")
    try:
        shutil.copyfile(template, work)
        _forget_identity(work)
        use_demo_key(db_path)
        os.replace(work, db_path)
    finally:
        _remove(work)
    return True


def _forget_identity(path: Path) -> None:
    """A copy must not share the template's device identity: drop it so the store mints one."""
    from sqlalchemy import text

    from xzdesk.domain.store.engine import make_engine
    from xzdesk.domain.store.files import checkpoint
    from xzdesk.domain.store.keys import DEMO_KEY

    engine = make_engine(path, DEMO_KEY)
    try:
        with engine.begin() as conn:
            for key in _IDENTITY:
                conn.execute(text("DELETE FROM local_meta WHERE key = :k"), {"k": key})
        checkpoint(engine)
    finally:
        engine.dispose()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def prepare(home: Path, *, announce: Callable[[], None] = lambda: None) -> str:
    """`make run`'s step: build the template unless the demo database under `home` already
    exists or the template is ready (`announce` is called before a build). Returns what it did:
    "exists", "ready", "none" (this installation keeps no template) or "built"."""
    from xzdesk.app_context import database_path

    if database_path(demo=True, home=home).exists():
        return "exists"
    if template_path() is None:
        return "none"
    if template_ready():
        return "ready"
    announce()
    build_template()
    return "built"


def _announce() -> None:
    print("正在准备演示数据库（只需一次）… / preparing the demo database (once)…", flush=True)


def main() -> int:
    from xzdesk.paths import data_home

    started = time.perf_counter()
    if prepare(data_home(), announce=_announce) == "built":
        print(f"演示数据库已就绪 / demo database ready ({time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
