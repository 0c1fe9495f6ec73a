"""The laptop's sync engine (pure Python, no Qt): enrol, push then pull, status for the UI.

    engine = SyncEngine(store)
    engine.enrol("https://server", "wangli", password, label="鼓楼区办公室")   # once
    report = engine.sync_once()      # on a worker thread: push outbox, pull pages, ack erasures
    engine.status()                  # any thread: what the 同步 screen and status bar show

Threads: `sync_once` does network and database work and must run off the UI thread; it holds
an engine lock, so a second concurrent call returns at once with `report.skipped = True`.
`status()`, `conflicts()` and `rejected()` only read the database and are cheap.

State kept in local_meta (the encrypted database): server URL and id, device scope, cursor,
last success/attempt/error code, consecutive failures, offline window. The device token goes to
the OS keyring when a secure backend exists, else into local_meta (encrypted with the database).

Failure handling: every error is recorded as a code (`status().last_error`) and the run ends;
the caller retries after `next_delay_s()` (exponential backoff with jitter). A dropped push
response is harmless: the same batch is sent again and the server replays its stored results.
A 410 from pull makes the engine push its outbox, wipe the synced rows and bootstrap. A revoked
device (401 with wipe) wipes personal data and forgets its token.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import keyring
from keyring.errors import KeyringError, PasswordDeleteError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from xzdesk.domain.errors import Cancelled, XzError
from xzdesk.domain.members.models import Member
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.staff.service import ServerAccount, install_server_account, record_enrolment
from xzdesk.domain.store import keys as keymod
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.indexes import defer_indexes, restore_indexes
from xzdesk.domain.store.models import (
    DEMO_DATA,
    SYNC_REVOKED,
    SYNC_SERVER_URL,
    LocalMeta,
    OutboxRow,
    put_meta,
)
from xzdesk.domain.store.sync_state import (
    ErasureOrigin,
    SyncErasure,
    SyncResolution,
    finish_erasure,
    open_conflict_count,
    rejected_count,
    wipe_personal_rows,
)
from xzdesk.domain.uow import unit_of_work
from xzdesk.sync import protocol as p
from xzdesk.sync.apply import (
    CURSOR_KEY,
    UNKNOWN_KEY,
    PageReport,
    apply_page,
    apply_push_result,
    empty_entities,
    outbox_to_mutations,
)
from xzdesk.sync.client import ServerClient, SyncError, ca_certificates, check_server_url
from xzdesk.sync.registry import all_specs, entity_spec

log = logging.getLogger(__name__)
BOOTSTRAP_GROUP_ROWS = 20_000  # pulled changes per write transaction while bootstrapping


class _PageWrites:
    """Pulled pages applied in write transactions: one per page, or while bootstrapping, pages
    together until `group_rows` changes are in one (each with its cursor, so a transaction is
    still whole pages). A page with purges, and the last page, commit at once. A page that fails
    to apply rolls its transaction back; leaving the block otherwise (the network failed, the user
    cancelled) commits the whole pages applied so far, as page-by-page commits would have."""

    def __init__(self, store: Store, *, group_rows: int) -> None:
        self.store, self.group_rows = store, group_rows
        self.session: Session | None = None
        self.rows = 0

    def __enter__(self) -> _PageWrites:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.session is not None:
            try:
                self.session.commit()
            except Exception:  # the error that ended the pull is the one to report
                log.exception("committing the pulled pages failed")
        self._close()

    def apply(self, page: p.PullOut, *, now: datetime, fresh: frozenset[str]) -> PageReport:
        try:
            if self.session is None:
                self.session = self.store.write_session()
                self.session.info["sync_apply"] = True
                self.session.begin()
            applied = apply_page(self.session, page, now=now, fresh=fresh)
            self.rows += len(page.changes)
            if applied.purged or not page.has_more or self.rows >= self.group_rows:
                self.session.commit()
                self._close()
        except Exception as exc:
            self._close()
            log.exception("applying a pulled page failed")
            raise SyncError("sync.apply_failed") from exc
        return applied

    def _close(self) -> None:
        if self.session is not None:
            self.session.close()  # rolls back what was not committed
        self.session, self.rows = None, 0


M_URL = SYNC_SERVER_URL
M_SERVER_ID = "sync_server_id"
M_STAFF = "sync_staff"
M_SCOPE = "sync_scope"
M_TOKEN = "sync_token"
M_TOKEN_IN = "sync_token_in"
M_LAST_OK = "sync_last_success"
M_LAST_TRY = "sync_last_attempt"
M_LAST_ERROR = "sync_last_error"
M_FAILURES = "sync_failures"
M_WINDOW = "sync_offline_window_days"
M_REVOKED = SYNC_REVOKED
M_CA = "sync_ca_pem"  # the union's CA certificates given at enrolment (PEM), used by every sync
BASE_DELAY_S = 5.0
MAX_DELAY_S = 600.0


@dataclass(frozen=True)
class EnrolmentInfo:
    device_id: str
    staff_id: str
    username: str
    display_name: str
    role: str
    district_code: str | None
    districts: tuple[str, ...] | None
    events: tuple[str, ...]


@dataclass(frozen=True)
class SyncStatusInfo:
    """What the 同步 screen and the status bar show. `last_error` is a stable code."""

    enrolled: bool
    server_url: str | None
    device_id: str
    username: str | None
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str | None
    pending: int  # outbox rows not yet acknowledged (0 on a database that cannot sync)
    conflicts: int  # open conflicts (not resolved here)
    rejected: int  # rejected mutations not dismissed
    erasures_unreported: int  # local erasures or purges the server has not heard of yet
    failures: int  # consecutive failed runs (drives the backoff)
    locked: bool  # offline longer than the allowed window: personal screens must lock
    revoked: bool  # the server revoked this device; personal data was wiped
    running: bool
    syncable: bool = True  # False: demo data lives here; it never connects to a server, nothing waits to go


@dataclass
class SyncReport:
    pushed: int = 0
    acked: int = 0
    rejected: int = 0
    conflicts: int = 0
    pulled: int = 0
    pages: int = 0
    purged: list[str] = field(default_factory=list)
    wal_bytes_after_purge: int | None = None  # 0 = the WAL was truncated after purging
    bootstrapped: bool = False
    wiped: bool = False
    skipped: bool = False  # another run was in progress
    error: str | None = None


def utc_now() -> datetime:
    return datetime.now(UTC)


CA_FILE_MAX_BYTES = 1024 * 1024


def read_ca_file(path: str | Path) -> str:
    """The CA certificates of a file given at enrolment, as PEM text (see `ca_certificates`).
    Raises XzError `sync.ca_file_unreadable` / `sync.ca_file_invalid`."""
    try:
        with open(path, "rb") as f:
            data = f.read(CA_FILE_MAX_BYTES + 1)
    except OSError as exc:
        raise XzError("sync.ca_file_unreadable") from exc
    if len(data) > CA_FILE_MAX_BYTES:
        raise XzError("sync.ca_file_invalid")
    return ca_certificates(data)


def _unreported_erasures(session: Any) -> list[str]:
    """Members erased on this laptop whose erasure the server has not acknowledged yet."""
    return list(session.execute(
        select(SyncErasure.member_id).where(
            SyncErasure.origin == ErasureOrigin.LOCAL.value, SyncErasure.reported_at.is_(None)
        ).limit(p.MAX_BATCH)
    ).scalars())  # fmt: skip


def _sent_everything(rows: list[p.MutationIn], size: int, acked: int, resolutions: list[str],
                     erasures: list[str], last: int) -> bool:  # fmt: skip
    """Whether the batch just acknowledged in full held the whole outbox up to the run's last seq
    (fewer rows than a batch holds, or the last of them was that seq), every resolution and every
    unreported erasure (each list shorter than its limit), so that reading them again would find
    nothing."""
    whole_outbox = len(rows) < size or rows[-1].seq >= last
    return acked == len(rows) and whole_outbox and len(resolutions) < p.MAX_BATCH and len(erasures) < p.MAX_BATCH


class SyncEngine:
    """Sync for one open `Store`. Safe to share across threads (runs are serialised)."""

    def __init__(
        self,
        store: Store,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], datetime] = utc_now,
        batch_size: int = 200,
        page_size: int | None = None,
        interval_s: float = 300.0,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.transport = transport
        self.clock = clock
        self.batch_size = max(1, min(batch_size, p.MAX_BATCH))
        self.page_size = page_size
        self.interval_s = interval_s
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self._attempt = ""  # when the running sync began (written as M_LAST_TRY with its outcome)

    # --- enrolment ------------------------------------------------------------------------------
    def enrol(
        self, server_url: str, username: str, password: str, *, label: str = "", events: Sequence[str] = (),
        ca_file: str | Path | None = None,
    ) -> EnrolmentInfo:
        """Enrol this laptop (once). Refuses plain http to another computer and an unusable CA
        file before any connection, a demo database, an already enrolled one, and one that
        holds members (their lookup indexes use a local key, not the organisation's). `ca_file`:
        the union's CA certificate (PEM or DER); when given, the server's certificate is checked
        against it alone, now and at every later sync (it is kept with the enrolment).
        Local staff accounts are replaced by the enrolling person's server account with the
        server's hash of their password (`staff.service.install_server_account`): they can sign in
        offline at once, and the next sync brings the district's other accounts. Switch the UI
        actor to `info.staff_id` afterwards."""
        server_url = check_server_url(server_url)
        ca_pem = read_ca_file(ca_file) if ca_file else None
        meta = self.store.meta()
        if meta.get(DEMO_DATA):
            raise XzError("sync.demo_database")
        if meta.get(M_URL) and not meta.get(M_REVOKED):
            raise XzError("sync.already_enrolled")
        with self.store.read() as s:
            if s.execute(select(func.count()).select_from(Member)).scalar_one():
                raise XzError("sync.not_empty")
        with ServerClient(server_url, transport=self.transport, ca_pem=ca_pem) as client:
            out = client.enrol(p.EnrolIn(username=username, password=password, label=label, events=list(events)))
        if not out.blind_index_key:
            raise XzError("sync.not_a_laptop_account")
        now = self.clock()
        staff = out.staff
        session = self.store.write_session()
        session.info["sync_apply"] = True
        try:
            with session.begin():
                server_only = [s.name for s in all_specs() if s.server_only]
                session.execute(delete(OutboxRow).where(OutboxRow.entity.in_(server_only)))
                install_server_account(session, account=ServerAccount(
                    id=staff.id, username=staff.username, display_name=staff.display_name, role=staff.role,
                    district_code=staff.district_code, password_hash=out.password_hash), now=now)  # fmt: skip
                values = {
                    "device_id": out.device_id, "blind_index_key": out.blind_index_key, M_URL: server_url.rstrip("/"),
                    M_SERVER_ID: out.server_id, M_STAFF: staff.model_dump_json(), M_SCOPE: out.scope.model_dump_json(),
                    M_WINDOW: str(out.offline_window_days), M_LAST_OK: now.isoformat(), M_FAILURES: "0",
                    **({M_CA: ca_pem} if ca_pem else {}),
                }  # fmt: skip
                for key, value in values.items():
                    session.merge(LocalMeta(key=key, value=value))
                for key in (CURSOR_KEY, M_REVOKED, M_LAST_ERROR, M_TOKEN, *(() if ca_pem else (M_CA,))):
                    session.execute(delete(LocalMeta).where(LocalMeta.key == key))
        finally:
            session.close()
        self.store.device_id = out.device_id
        self.store.set_blind_index_key(out.blind_index_key)
        self._save_token(out.token)
        with unit_of_work(self.store, None) as uow:
            record_enrolment(uow, staff_id=staff.id)
        return EnrolmentInfo(
            device_id=out.device_id, staff_id=staff.id, username=staff.username, display_name=staff.display_name,
            role=staff.role, district_code=staff.district_code,
            districts=None if out.scope.districts is None else tuple(out.scope.districts),
            events=tuple(out.scope.events),
        )  # fmt: skip

    # --- token ----------------------------------------------------------------------------------
    def _token_name(self) -> str:
        return f"sync-token:{self.store.device_id}"

    def _save_token(self, token: str) -> None:
        if keymod.keyring_is_secure():
            try:
                keyring.set_password(keymod.SERVICE, self._token_name(), token)
                self.store.meta_set(M_TOKEN_IN, "keyring")
                return
            except KeyringError:
                log.warning("keyring refused the device token; keeping it in the encrypted database")
        self.store.meta_set(M_TOKEN, token)
        self.store.meta_set(M_TOKEN_IN, "db")

    def _token(self, meta: dict[str, str]) -> str | None:
        if meta.get(M_TOKEN_IN) == "keyring":
            try:
                return keyring.get_password(keymod.SERVICE, self._token_name())
            except KeyringError:
                return None
        return meta.get(M_TOKEN)

    def _forget_token(self) -> None:
        try:
            keyring.delete_password(keymod.SERVICE, self._token_name())
        except (PasswordDeleteError, KeyringError):
            pass
        with self._tx() as s:
            s.execute(delete(LocalMeta).where(LocalMeta.key.in_([M_TOKEN, M_TOKEN_IN])))

    @contextlib.contextmanager
    def _tx(self) -> Iterator[Session]:
        session = self.store.write_session()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    # --- running --------------------------------------------------------------------------------
    def sync_once(self, *, progress: Progress = no_progress, cancel: CancelToken = NEVER_CANCELLED) -> SyncReport:
        """Push the outbox, then pull until the server has nothing more, then acknowledge
        purges. Never raises for sync failures: the code lands in `report.error` and
        `status().last_error`. Raises Cancelled when `cancel` is set (nothing half-applied)."""
        report = SyncReport()
        if not self._lock.acquire(blocking=False):
            report.skipped = True
            return report
        try:
            meta = self.store.meta()
            self._attempt = self.clock().isoformat()  # kept with the outcome: one write, not one more
            cursor = None if self._bootstrap_if_upgraded(meta) else meta.get(CURSOR_KEY)
            url, token = meta.get(M_URL), self._token(meta)
            if not url or meta.get(M_REVOKED):
                report.error = "sync.not_enrolled" if not meta.get(M_REVOKED) else "device.revoked"
                self._record_failure(report.error)
                return report
            if not token:
                report.error = "sync.token_missing"
                self._record_failure(report.error)
                return report
            with ServerClient(url, token, transport=self.transport, ca_pem=meta.get(M_CA)) as client:
                try:
                    self._run(client, report, progress, cancel, cursor)
                except SyncError as exc:
                    report.error = exc.code
                    if exc.wipe:
                        self._revoked_wipe()
                        report.wiped = True
                    self._record_failure(exc.code)
                    return report
            self._record_success()
            return report
        except Cancelled:
            self._record_failure("cancelled")
            raise
        except XzError as exc:
            report.error = exc.code
            self._record_failure(exc.code)
            return report
        finally:
            self._lock.release()

    def _bootstrap_if_upgraded(self, meta: dict[str, str]) -> bool:
        """Rows of entities this version did not know were skipped while the cursor moved on;
        once an upgrade knows them, pull everything again (applying a page twice is harmless).
        True when the cursor was dropped for that."""
        names = [n for n in meta.get(UNKNOWN_KEY, "").split(",") if n]
        if names and any(entity_spec(n) is not None for n in names):
            with self._tx() as s:
                s.execute(delete(LocalMeta).where(LocalMeta.key.in_([CURSOR_KEY, UNKNOWN_KEY])))
            return True
        return False

    def _run(self, client: ServerClient, report: SyncReport, progress: Progress, cancel: CancelToken,
             cursor: str | None) -> None:  # fmt: skip
        progress(0.0, "sync.pushing")
        pulled = self._push_all(client, report, cancel, cursor)
        progress(0.3, "sync.pulling")
        try:
            if not pulled:
                self._pull_all(client, report, progress, cancel)
        except SyncError as exc:
            if exc.status != 410:
                raise
            log.info("pull answered 410 (%s): pushing, wiping and bootstrapping", exc.code)
            self._push_all(client, report, cancel, None)
            self._scope_wipe()
            report.wiped = report.bootstrapped = True
            self._pull_all(client, report, progress, cancel)
        self._report_erasures(client)
        progress(1.0, "sync.done")

    def _push_all(self, client: ServerClient, report: SyncReport, cancel: CancelToken, cursor: str | None) -> bool:
        """Push the outbox. Each push sends this laptop's pull `cursor` (None: a bootstrap, which
        the pull does on its own path), and the server answers with the pull page after it, which
        is applied here: True when the last push's page was the last one (nothing left to pull:
        the pull's request is saved)."""
        with self.store.read() as s:
            erasures_first = _unreported_erasures(s)
            last = s.execute(select(func.max(OutboxRow.seq))).scalar() or 0
            idle = not (last or erasures_first or s.execute(select(SyncResolution.conflict_id).limit(1)).first())
        if idle:  # nothing to send: no second look
            return False
        self._push_erasures_first(client, erasures_first)
        size = self.batch_size
        pulled = False
        while True:
            cancel.check()
            with self.store.read() as s:
                outbox = OutboxRow.__table__  # rows as read, no ORM objects: they are only sent
                rows = outbox_to_mutations(list(s.execute(
                    select(outbox).where(outbox.c.seq <= last).order_by(outbox.c.seq).limit(size)
                )))  # fmt: skip
                resolutions = list(s.execute(select(SyncResolution.conflict_id).limit(p.MAX_BATCH)).scalars())
                erasures = _unreported_erasures(s)
            if not rows and not resolutions and not erasures:
                return pulled
            body = p.PushIn(mutations=rows, resolutions=resolutions, erasures=erasures)
            try:
                result = client.push(body, cursor=cursor)
            except SyncError as exc:
                if exc.status != 413 or len(rows) <= 1:
                    raise
                size = max(1, len(rows) // 2)  # over the server's size limit: send fewer at a time
                continue
            acked, rejected = self._keep_push_result(rows, resolutions, erasures, result)
            pulled = result.page is not None and not result.page.has_more
            if result.page is not None:
                with _PageWrites(self.store, group_rows=0) as writes:
                    self._take_page(writes, result.page, report)
                cursor = result.page.cursor
            report.pushed += len(rows)
            report.acked += acked
            report.rejected += rejected
            report.conflicts += sum(1 for r in result.results if r.status == "conflict")
            if rows and not acked:
                raise SyncError("sync.no_progress")
            if not rows or _sent_everything(rows, size, acked, resolutions, erasures, last):
                return pulled

    def _push_erasures_first(self, client: ServerClient, erasures: list[str]) -> None:
        """Members erased here are reported before any row goes: the server then takes their
        audit trail (kept on erasure), and a member it never held (erased here before it was ever
        sent) is told back as unknown, whose remaining rows then never leave this laptop
        (apply_push_result): nothing of that member reaches the server."""
        if erasures:
            self._keep_push_result([], [], erasures, client.push(p.PushIn(mutations=[], resolutions=[], erasures=erasures)))

    def _keep_push_result(self, rows: list[p.MutationIn], resolutions: list[str], erasures: list[str],
                          result: p.PushOut) -> tuple[int, int]:  # fmt: skip
        session = self.store.write_session()
        try:
            with session.begin():
                return apply_push_result(session, sent=rows, resolutions=resolutions, erasures=erasures, result=result,
                                         now=self.clock())  # fmt: skip
        finally:
            session.close()

    def _pull_all(self, client: ServerClient, report: SyncReport, progress: Progress, cancel: CancelToken) -> None:
        """Pull pages until the server has nothing more. The next page is fetched on a helper
        thread while this one is applied (the cursor of page N+1 comes with page N), so the
        server's work and the network overlap with the local writes."""
        cursor = self.store.meta().get(CURSOR_KEY)
        fresh: frozenset[str] = frozenset()
        if cursor is None:  # a bootstrap: tables empty now take the fast path (apply_page)
            report.bootstrapped = True
            with self.store.read() as s:
                fresh = empty_entities(s)
        with (self._indexes_deferred(fresh), ThreadPoolExecutor(max_workers=1, thread_name_prefix="xzdesk-pull") as pool,
              _PageWrites(self.store, group_rows=BOOTSTRAP_GROUP_ROWS if fresh else 0) as writes):  # fmt: skip
            pending = pool.submit(client.pull, cursor, limit=self.page_size)
            while True:
                cancel.check()
                page = pending.result()
                if page.has_more:
                    pending = pool.submit(client.pull, page.cursor, limit=self.page_size)
                self._take_page(writes, page, report, fresh=fresh)
                progress(min(0.95, 0.3 + 0.05 * report.pages), "sync.pulling")
                if not page.has_more:
                    return

    def _take_page(self, writes: _PageWrites, page: p.PullOut, report: SyncReport,
                   fresh: frozenset[str] = frozenset()) -> None:  # fmt: skip
        applied = writes.apply(page, now=self.clock(), fresh=fresh)
        if applied.purged:
            report.wal_bytes_after_purge, _ = finish_erasure(self.store)
            report.purged.extend(applied.purged)
        report.pulled += len(page.changes)
        report.pages += 1

    @contextlib.contextmanager
    def _indexes_deferred(self, fresh: frozenset[str]) -> Iterator[None]:
        """While a bootstrap fills empty tables, their secondary indexes are built once at the end,
        after the last page's commit (store.indexes): keeping them up to date row by row was most
        of a first pull's writing. A pull that fails or is cancelled builds them too; a process that
        dies first leaves them to the next Store.open."""
        tables = sorted({spec.model.__table__.name for spec in map(entity_spec, fresh) if spec is not None})  # type: ignore[attr-defined]
        if not tables:
            yield
            return
        with self._tx() as s:
            dropped = defer_indexes(s, tables)
        try:
            yield
        finally:
            with self._tx() as s:
                restore_indexes(s, dropped)

    def _report_erasures(self, client: ServerClient) -> None:
        """Acknowledge purges announced by the server (after they were committed here)."""
        with self.store.read() as s:
            ids = list(s.execute(
                select(SyncErasure.member_id).where(
                    SyncErasure.origin == ErasureOrigin.SERVER.value, SyncErasure.reported_at.is_(None)
                )
            ).scalars())  # fmt: skip
        for start in range(0, len(ids), p.MAX_BATCH):
            chunk = ids[start : start + p.MAX_BATCH]
            client.ack_erasures(chunk)
            with self._tx() as s:
                s.execute(
                    update(SyncErasure).where(SyncErasure.member_id.in_(chunk)).values(reported_at=self.clock())
                )

    # --- wiping ---------------------------------------------------------------------------------
    def _scope_wipe(self) -> None:
        """Drop every synced row and the cursor (after the outbox was pushed), then bootstrap."""
        session = self.store.write_session()
        session.info["sync_apply"] = True
        try:
            with session.begin():
                wipe_personal_rows(session, keep_inbox=True)
                session.execute(delete(LocalMeta).where(LocalMeta.key == CURSOR_KEY))
        finally:
            session.close()
        finish_erasure(self.store)

    def _revoked_wipe(self) -> None:
        """The server revoked this device: wipe personal data and forget the token."""
        session = self.store.write_session()
        session.info["sync_apply"] = True
        try:
            with session.begin():
                wipe_personal_rows(session, keep_inbox=False)
                session.execute(delete(LocalMeta).where(LocalMeta.key == CURSOR_KEY))
                session.merge(LocalMeta(key=M_REVOKED, value=self.clock().isoformat()))
        finally:
            session.close()
        finish_erasure(self.store)
        self._forget_token()

    # --- bookkeeping ----------------------------------------------------------------------------
    def _record_success(self) -> None:
        with self._tx() as s:
            put_meta(s, {M_LAST_OK: self.clock().isoformat(), M_LAST_TRY: self._attempt, M_FAILURES: "0"})
            s.execute(delete(LocalMeta).where(LocalMeta.key == M_LAST_ERROR))

    def _record_failure(self, code: str) -> None:
        failures = int(self.store.meta().get(M_FAILURES, "0") or 0) + 1
        with self._tx() as s:
            put_meta(s, {M_LAST_ERROR: code, M_LAST_TRY: self._attempt, M_FAILURES: str(failures)})

    def next_delay_s(self) -> float:
        """Seconds until the next automatic run: the interval after a success, exponential
        backoff with ±20 % jitter after failures (5 s, 10 s, 20 s ... at most 10 min)."""
        failures = int(self.store.meta().get(M_FAILURES, "0") or 0)
        if failures == 0:
            return self.interval_s
        delay = min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures - 1))
        return delay * self._rng.uniform(0.8, 1.2)

    def client(self, *, timeout: httpx.Timeout | None = None) -> ServerClient:
        """A client of this laptop's server for one call outside a sync run (close it after use).
        Raises XzError sync.not_enrolled / device.revoked / sync.token_missing."""
        meta = self.store.meta()
        if meta.get(M_REVOKED):
            raise XzError("device.revoked")
        url, token = meta.get(M_URL), self._token(meta)
        if not url:
            raise XzError("sync.not_enrolled")
        if not token:
            raise XzError("sync.token_missing")
        extra = {"timeout": timeout} if timeout is not None else {}
        return ServerClient(url, token, transport=self.transport, ca_pem=meta.get(M_CA), **extra)

    # --- what the UI reads ----------------------------------------------------------------------
    def aggregate_only(self) -> bool:
        """Whether this laptop is enrolled for the union's figures only (no case files: a union
        administrator's laptop). Local settings only."""
        meta = self.store.meta()
        if not _enrolled(meta) or not meta.get(M_SCOPE):
            return False
        return bool(json.loads(meta[M_SCOPE]).get("aggregate_only"))

    def enrolled(self) -> bool:
        """Whether this laptop is connected to a server and not revoked (local settings only:
        cheap enough for the UI thread, unlike `status`, which counts the outbox)."""
        return _enrolled(self.store.meta())

    def status(self) -> SyncStatusInfo:
        meta = self.store.meta()
        syncable = not meta.get(DEMO_DATA)  # enrol refuses a demo database: its outbox never goes anywhere
        with self.store.read() as s:
            pending = s.execute(select(func.count()).select_from(OutboxRow)).scalar_one() if syncable else 0
            conflicts = open_conflict_count(s)
            rejected = rejected_count(s)
            unreported = s.execute(
                select(func.count()).select_from(SyncErasure).where(SyncErasure.reported_at.is_(None))
            ).scalar_one()
        last_ok = _parse_time(meta.get(M_LAST_OK))
        window = timedelta(days=int(meta.get(M_WINDOW, "30") or 30))
        enrolled = _enrolled(meta)
        staff = json.loads(meta[M_STAFF]) if meta.get(M_STAFF) else {}
        return SyncStatusInfo(
            enrolled=enrolled, server_url=meta.get(M_URL), device_id=self.store.device_id,
            username=staff.get("username"), last_success_at=last_ok, last_attempt_at=_parse_time(meta.get(M_LAST_TRY)),
            last_error=meta.get(M_LAST_ERROR), pending=pending, conflicts=conflicts, rejected=rejected,
            erasures_unreported=unreported, failures=int(meta.get(M_FAILURES, "0") or 0),
            locked=enrolled and last_ok is not None and self.clock() - last_ok > window,
            revoked=bool(meta.get(M_REVOKED)), running=self._lock.locked(), syncable=syncable,
        )  # fmt: skip

    def conflicts(self) -> list[Any]:
        from xzdesk.sync.conflicts import list_conflicts

        with self.store.read() as s:
            return list_conflicts(s)

    def rejected(self, *, include_dismissed: bool = False) -> list[Any]:
        from xzdesk.sync.conflicts import list_rejected

        with self.store.read() as s:
            return list_rejected(s, include_dismissed=include_dismissed)

    def dismiss_rejected(self, rejected_id: int) -> None:
        from xzdesk.sync.conflicts import dismiss_rejected

        with self._tx() as s:
            dismiss_rejected(s, rejected_id, now=self.clock())


def _enrolled(meta: dict[str, str]) -> bool:
    return bool(meta.get(M_URL)) and not meta.get(M_REVOKED)


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


__all__ = ["EnrolmentInfo", "SyncEngine", "SyncReport", "SyncStatusInfo", "ServerClient", "SyncError"]
