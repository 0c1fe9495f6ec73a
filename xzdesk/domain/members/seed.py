"""Synthetic Xuzhou members for demos, tests and benchmarks (`xzdesk seed --members N`).

Deterministic: the same seed on a database with the same number of members gives the same people with
the same ids; seeding again adds different people.
Plausible, not real: names from common surnames and given-name characters, resident IDs with
Xuzhou region codes and valid check digits, mobiles in real number ranges, employers and base
unions of Xuzhou, hobbies, partner requirements, statuses, consents and verification facts.

Seeded rows are bulk-inserted without sync outbox rows, and the database is marked as holding
demo data (`local_meta.demo_data`), so it is never pushed to a real server. Runs in batches with
progress and cancel; the caller owns the transaction (a cancel rolls everything back).

The rows are made by seed_rows.py as ready tuples; for 20,000 members or more in a second process
(seed_process.py) while this one writes the previous batch, adds the blind indexes and builds the
indexes at the end.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area
from xzdesk.domain.members import codes
from xzdesk.domain.members.models import Consent, FollowUp, Member, Note, Verification
from xzdesk.domain.members.seed_process import member_batches_elsewhere
from xzdesk.domain.members.seed_rows import (
    COLUMNS,
    FEMALE_CHARS,
    MALE_CHARS,
    SURNAMES,
    TABLES,
    Batch,
    Ids,
    Plan,
)
from xzdesk.domain.members.seed_rows import member_batches as member_batches_here
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.store.indexes import fill_cache, indexes_built_after
from xzdesk.domain.store.models import DEMO_DATA, LocalMeta
from xzdesk.domain.store.outbox import insert_plan
from xzdesk.domain.uow import UnitOfWork

BATCH = 2000
BULK_INDEX_AFTER = 20_000  # members seeded into an empty list: indexes built at the end (store.indexes)
ELSEWHERE_FROM = 20_000  # members from which the rows are made in a second process (seed_process)
SEED_EPOCH_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z: seeded ids are ordered from here


@dataclass(frozen=True)
class SeedReport:
    members: int
    staff: int
    consents: int
    verifications: int
    notes: int
    follow_ups: int


def _staff(uow: UnitOfWork, ids: Ids, per_district: int) -> list[tuple[str, str]]:
    """Matchmakers per district (created once; reused by later seeds). Returns (id, district)."""
    existing = uow.session.execute(
        select(Staff.id, Staff.district_code).where(
            Staff.role == Role.MATCHMAKER.value, Staff.district_code.is_not(None)
        )
    ).all()
    if existing:
        return [(sid, d) for sid, d in existing if d]
    rows = []
    rng = ids.rng
    for n, code in enumerate(codes.DISTRICTS):
        for k in range(per_district):
            sid = ids()
            display = rng.choice(SURNAMES) + rng.choice(FEMALE_CHARS + MALE_CHARS) + "红娘"
            rows.append({
                "id": sid, "version": 0, "username": f"mm{n:02d}{k}", "display_name": display,
                "role": Role.MATCHMAKER.value, "district_code": code, "active": True, "created_at": uow.now,
            })  # fmt: skip
    uow.session.execute(insert(Staff), rows)
    return [(r["id"], r["district_code"]) for r in rows]


def _plan(uow: UnitOfWork, *, count: int, seed: int, existing: int) -> tuple[Plan, int]:
    """The matchmakers (made now if there are none) and what the rows depend on. Returns the
    plan and the number of matchmakers."""
    # Deterministic for (seed, members already present): seeding twice adds different people.
    rng = random.Random(f"xzdesk-seed-{seed}-{existing}")
    ids = Ids(rng, SEED_EPOCH_MS + seed * 10**9 + existing * 100)
    staff = _staff(uow, ids, per_district=3)
    matchmakers: dict[str, list[str]] = {}
    for sid, district in staff:
        matchmakers.setdefault(district, []).append(sid)
    session = uow.session
    plan = Plan(
        rng_state=rng.getstate(), ids_ms=ids.ms, count=count, batch=BATCH, today=uow.today(),
        now=uow.now.astimezone(UTC), matchmakers=matchmakers, fallback_collector=next(iter(matchmakers.values()))[0],
        used_ids=frozenset(session.execute(select(Member.id_number)).scalars()),
        used_mobiles=frozenset(session.execute(select(Member.mobile)).scalars()),
        used_numbers=frozenset(session.execute(select(Member.member_no)).scalars()),
        dialect=type(session.connection().dialect),
    )  # fmt: skip
    return plan, len(staff)


class _Writer:
    """Batches of ready tuples into their tables, one executemany each on the driver; a member's
    blind indexes are added here, under the organisation's key."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self.connection = uow.session.connection()
        dialect = self.connection.dialect
        self.sql = [insert_plan(table, dialect, COLUMNS[table])[0] for table in TABLES]
        columns = COLUMNS[TABLES[0]]
        self.id_at, self.mobile_at = columns.index("id_number"), columns.index("mobile")
        self.totals = [0, 0, 0, 0, 0]

    def write(self, batch: Batch) -> None:
        blind, id_at, mobile_at = self.uow.blind_index, self.id_at, self.mobile_at
        members = [(*row, blind("id", row[id_at]), blind("mobile", row[mobile_at])) for row in batch[0]]
        for i, (sql, rows) in enumerate(zip(self.sql, (members, *batch[1:]), strict=True)):
            if rows:
                self.connection.exec_driver_sql(sql, rows)
                self.totals[i] += len(rows)


def _batches(plan: Plan) -> AbstractContextManager[Iterator[Batch]]:
    """The rows' source: a second process for a big seed (the rows are made while the previous
    batch is written), this one otherwise: a small seed (starting a process costs more than it
    saves), one core, or a frozen bundle (its entry point calls freeze_support, but a helper process
    started from the bundle is not covered by its smoke checks, so it is not relied on there)."""
    if plan.count >= ELSEWHERE_FROM and (os.cpu_count() or 1) > 1 and not getattr(sys, "frozen", False):
        return member_batches_elsewhere(plan)
    return nullcontext(member_batches_here(plan))


@contextmanager
def _big_fill(session: Session, models: tuple[type[Any], ...]) -> Iterator[None]:
    """A big fill of an empty list (a demo or benchmark database): the secondary indexes built at
    the end, and the fill's page cache meanwhile (store.indexes.fill_cache): fewer pages written out
    and read back (decrypted again) before the commit and the index builds."""
    with fill_cache(session), indexes_built_after(session, models):
        yield


def seed_members(
    uow: UnitOfWork,
    *,
    count: int,
    seed: int = 0,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> SeedReport:
    """Insert `count` synthetic members (and matchmakers if none exist). Caller commits."""
    existing = uow.session.execute(select(func.count()).select_from(Member)).scalar_one()
    plan, staff = _plan(uow, count=count, seed=seed, existing=existing)
    writer = _Writer(uow)
    models = (Member, Consent, Verification, Note, FollowUp)
    fill = _big_fill(uow.session, models) if existing == 0 and count >= BULK_INDEX_AFTER else nullcontext()
    with _batches(plan) as batches, fill:
        _write_all(writer, batches, count=count, progress=progress, cancel=cancel)
    uow.session.merge(LocalMeta(key=DEMO_DATA, value="1"))
    uow.audit("seed.members", fields=[f"count:{count}"])
    uow.mark(Area.MEMBERS)
    progress(1.0, "seed.members")
    totals = writer.totals
    return SeedReport(
        members=totals[0], staff=staff, consents=totals[1], verifications=totals[2],
        notes=totals[3], follow_ups=totals[4],
    )  # fmt: skip


def _write_all(writer: _Writer, batches: Iterator[Batch], *, count: int, progress: Progress, cancel: CancelToken) -> None:
    """Each batch written once the cancel token allows it, with progress after it."""
    done = 0
    for batch in batches:
        cancel.check()
        writer.write(batch)
        done += len(batch[0])
        progress(done / max(1, count), "seed.members")
