"""Composition root (no Qt): the open store, settings, and who is working.

The GUI, the command line and the tests build one `AppContext` and pass it down; services get
their unit of work from `ctx.uow()`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from xzdesk.config import Settings
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.staff.models import Role, Staff
from xzdesk.domain.staff.service import StaffInfo, create_staff, get_staff, list_staff
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.keys import PassphraseProvider
from xzdesk.domain.store.uow import ActorInfo, UnitOfWork, unit_of_work
from xzdesk.paths import data_home

if TYPE_CHECKING:
    from xzdesk.sync.engine import SyncEngine

log = logging.getLogger(__name__)
DEMO_MEMBERS = 5000
DEMO_SEED = 2026
DEMO_EVENTS = 8


def database_path(*, demo: bool, home: Path | None = None) -> Path:
    return (home or data_home()) / ("demo.db" if demo else "xzdesk.db")


@dataclass
class AppContext:
    store: Store
    settings: Settings
    demo: bool = False
    actor: ActorInfo | None = None
    home: Path = field(default_factory=data_home)

    @classmethod
    def open(
        cls,
        *,
        demo: bool = False,
        home: Path | None = None,
        passphrase: PassphraseProvider | None = None,
        key: bytes | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> AppContext:
        home = home or data_home()
        store = Store.open(database_path(demo=demo, home=home), passphrase=passphrase, demo=demo, key=key,
                           progress=progress, cancel=cancel)  # fmt: skip
        ctx = cls(store=store, settings=Settings.load(home), demo=demo, home=home)
        ctx._restore_actor()
        return ctx

    def close(self) -> None:
        self.store.close()

    # --- sync ---------------------------------------------------------------------------------
    def sync_engine(self) -> SyncEngine:
        """The one sync engine of this database (created on first use; Qt-free, run
        `sync_once()` on a worker thread; `status()` is cheap)."""
        engine = getattr(self, "_sync_engine", None)
        if engine is None:
            from xzdesk.sync.engine import SyncEngine

            engine = SyncEngine(self.store, interval_s=float(self.settings.sync_interval_s))
            self._sync_engine = engine
        return engine

    # --- who is working ----------------------------------------------------------------------
    def _restore_actor(self) -> None:
        sid = self.settings.current_staff_id
        with self.store.read() as s:
            if sid and s.get(Staff, sid) is not None:
                self.actor = get_staff(s, sid).actor()
                return
            if self.demo:
                demo = s.execute(select(Staff).where(Staff.username == "demo")).scalar()
                if demo is not None:
                    self.actor = get_staff(s, demo.id).actor()

    def staff(self) -> list[StaffInfo]:
        with self.store.read() as s:
            return list_staff(s)

    def switch_actor(self, staff_id: str) -> ActorInfo:
        with self.store.read() as s:
            self.actor = get_staff(s, staff_id).actor()
        if not self.demo:
            self.settings.current_staff_id = staff_id
            self.settings.save(self.home)
        return self.actor

    def create_first_account(self, *, username: str, display_name: str, role: Role, district_code: str | None) -> ActorInfo:
        with self.uow() as uow:
            info = create_staff(uow, username=username, display_name=display_name, role=role,
                                district_code=district_code)  # fmt: skip
        return self.switch_actor(info.id)

    @property
    def needs_first_account(self) -> bool:
        return self.actor is None

    # --- work ---------------------------------------------------------------------------------
    @contextlib.contextmanager
    def uow(self) -> Iterator[UnitOfWork]:
        with unit_of_work(self.store, self.actor) as uow:
            yield uow

    def ensure_demo_data(self, *, progress: Progress = no_progress, cancel: CancelToken = NEVER_CANCELLED) -> bool:
        """Seed the demo database on first run: a city-wide demo matchmaker, members, and events
        with registrations and seat plans (one transaction: a cancel leaves the database empty)."""
        if not self.demo or self.store.meta().get("demo_data"):
            if self.actor is None and self.demo:
                self._restore_actor()
            return False
        from xzdesk.domain.events.seed import seed_events
        from xzdesk.domain.members.seed import seed_members

        with self.uow() as uow:
            if uow.session.execute(select(Staff.id).where(Staff.username == "demo")).first() is None:
                create_staff(uow, username="demo", display_name="演示红娘", role=Role.MATCHMAKER, district_code=None)
            seed_members(uow, count=DEMO_MEMBERS, seed=DEMO_SEED, cancel=cancel,
                         progress=lambda f, code: progress(0.8 * f, code))  # fmt: skip
            seed_events(uow, count=DEMO_EVENTS, seed=DEMO_SEED, cancel=cancel,
                        progress=lambda f, code: progress(0.8 + 0.2 * f, code))  # fmt: skip
        self._restore_actor()
        return True
