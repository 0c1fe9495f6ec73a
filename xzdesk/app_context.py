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
from xzdesk.demo_template import install_template
from xzdesk.domain import models as _registry  # noqa: F401  (every table: Base.metadata and the sync registry)
from xzdesk.domain.errors import XzError
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.staff.service import (
    NewAccount,
    StaffInfo,
    create_staff,
    get_staff,
    list_staff,
    needs_first_account,
    set_up_first_accounts,
    sign_in,
)
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.files import wipe
from xzdesk.domain.store.keys import PassphraseProvider, database_key, is_new_database
from xzdesk.domain.uow import ActorInfo, UnitOfWork, unit_of_work
from xzdesk.paths import data_home

if TYPE_CHECKING:
    from xzdesk.sync.engine import SyncEngine

log = logging.getLogger(__name__)
DEMO_MEMBERS = 5000
DEMO_SEED = 2026
DEMO_EVENTS = 8
DEMO_HISTORY = 24  # held events over the past year: what 活动分析 and 排期建议 learn from
# The demo database's accounts (synthetic data only; documented in the README).
DEMO_PASSWORD = "hongniang-2026"
DEMO_ACCOUNTS = (  # username, display name, role
    ("admin", "演示管理员", Role.ADMIN),
    ("demo", "演示红娘", Role.MATCHMAKER),
    ("door", "演示签到员", Role.EVENT_STAFF),
    ("privacy", "演示个人信息保护负责人", Role.PRIVACY_OFFICER),
    ("union", "演示工会管理员", Role.UNION_ADMIN),
)


def database_path(*, demo: bool, home: Path | None = None) -> Path:
    return (home or data_home()) / ("demo.db" if demo else "xzdesk.db")


@dataclass
class AppContext:
    store: Store
    settings: Settings
    demo: bool = False
    actor: ActorInfo | None = None
    home: Path = field(default_factory=data_home)
    must_change_password: bool = False  # the signed-in person's password was set by an administrator

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
        if demo and key is None:
            install_template(database_path(demo=True, home=home))  # a new demo home: ready at once
        store = Store.open(database_path(demo=demo, home=home), passphrase=passphrase, demo=demo, key=key,
                           progress=progress, cancel=cancel)  # fmt: skip
        ctx = cls(store=store, settings=Settings.load(home), demo=demo, home=home)
        ctx._restore_actor()
        return ctx

    @classmethod
    def create_new(
        cls,
        *,
        admin: NewAccount,
        own: NewAccount | None = None,
        passphrase: str | None = None,
        home: Path | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> AppContext:
        """A new (non-demo) database and its first accounts, all or nothing (the first-run
        wizard): the key (keyring, or derived from `passphrase` when there is no secure keyring),
        the file, the administrator and optionally the installer's own account, signed in as that
        account (else the administrator). On any failure or cancel the file, its key information
        and its keyring entry are removed again. Raises XzError `store.already_exists`."""
        home = home or data_home()
        path = database_path(demo=False, home=home)
        if not is_new_database(path):
            raise XzError("store.already_exists")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            key, _created = database_key(path, passphrase=(lambda _new: passphrase) if passphrase else None)
            ctx = cls.open(home=home, key=key, progress=progress, cancel=cancel)
        except BaseException:
            wipe(path)
            raise
        try:
            cancel.check()
            ctx.set_up_accounts(admin=admin, own=own)
        except BaseException:
            ctx.close()
            wipe(path)
            raise
        return ctx

    def set_up_accounts(self, *, admin: NewAccount, own: NewAccount | None = None) -> ActorInfo:
        """The first accounts of a database that has none (one transaction), then sign in as the
        installer's own account when made, else as the administrator."""
        with self.uow() as uow:
            set_up_first_accounts(uow, admin=admin, own=own)
        who = own or admin
        return self.sign_in(who.username, who.password)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, *_exc: object) -> None:
        """`with AppContext.open(...) as ctx:` (or a command's `with open_context(args) as ctx:`)
        closes the database however the block ends."""
        self.close()

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
        """Only the demo database opens signed in (as its documented matchmaker); every other
        database starts signed out and each person signs in with their own password."""
        if not self.demo:
            return
        with self.store.read() as s:
            demo = s.execute(select(Staff).where(Staff.username == "demo")).scalar()
            if demo is not None:
                self.actor = get_staff(s, demo.id).actor()

    def staff(self) -> list[StaffInfo]:
        with self.store.read() as s:
            return list_staff(s)

    def sign_in(self, username: str, password: str) -> ActorInfo:
        """Check the password (throttled, audited) and make that person the actor. Raises
        XzError with the refusal (`staff.wrong_password`, `staff.throttled`, `staff.locked`, ...)
        after the failed attempt has been recorded."""
        with self.uow() as uow:
            result = sign_in(uow, username=username, password=password)
        if not result.ok:
            raise result.error()
        assert result.actor is not None
        self.actor = result.actor
        self.must_change_password = result.must_change_password
        self.settings.last_username = username.strip().lower()
        self.settings.save(self.home)
        return self.actor

    def sign_out(self) -> None:
        self.actor = None

    def act_as(self, staff_id: str) -> ActorInfo:
        """Make an account the actor WITHOUT a password: only for a person who has just proved
        who they are another way (enrolment with their server password) and for tests."""
        with self.store.read() as s:
            self.actor = get_staff(s, staff_id).actor()
        return self.actor

    def create_first_account(
        self, *, username: str, display_name: str, password: str, district_code: str | None = None
    ) -> ActorInfo:
        """The first account of a new database: the local administrator, signed in at once."""
        with self.uow() as uow:
            info = create_staff(uow, username=username, display_name=display_name, role=Role.ADMIN,
                                district_code=district_code, password=password)  # fmt: skip
        return self.act_as(info.id)

    @property
    def needs_first_account(self) -> bool:
        """No local administrator yet on a database not connected to a server (a new database):
        the first-run wizard creates one. An enrolled laptop's accounts come from the server."""
        with self.store.read() as s:
            return needs_first_account(s)

    @property
    def needs_sign_in(self) -> bool:
        return self.actor is None and not self.needs_first_account

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
        from xzdesk.domain.events.seed import seed_event_history, seed_events
        from xzdesk.domain.members.seed import seed_members

        with self.uow() as uow:
            _create_demo_accounts(uow)
            seed_members(uow, count=DEMO_MEMBERS, seed=DEMO_SEED, cancel=cancel,
                         progress=lambda f, code: progress(0.8 * f, code))  # fmt: skip
            seed_events(uow, count=DEMO_EVENTS, seed=DEMO_SEED, cancel=cancel,
                        progress=lambda f, code: progress(0.8 + 0.1 * f, code))  # fmt: skip
            seed_event_history(uow, count=DEMO_HISTORY, seed=DEMO_SEED, cancel=cancel,
                               progress=lambda f, code: progress(0.9 + 0.1 * f, code))  # fmt: skip
        self._restore_actor()
        return True


def _create_demo_accounts(uow: UnitOfWork) -> None:
    """The documented demo accounts, all with DEMO_PASSWORD (the administrator first)."""
    existing = set(uow.session.execute(select(Staff.username)).scalars())
    admin_id: str | None = None
    for username, display_name, role in DEMO_ACCOUNTS:
        if username in existing:
            continue
        if admin_id is not None:
            uow.actor = get_staff(uow.session, admin_id).actor()
        info = create_staff(uow, username=username, display_name=display_name, role=role, district_code=None,
                            password=DEMO_PASSWORD, temporary_password=False)  # fmt: skip
        if role is Role.ADMIN:
            admin_id = info.id
    uow.actor = None
