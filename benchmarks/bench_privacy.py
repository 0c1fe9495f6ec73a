"""Members' rights and union statistics at district-office scale (100,000 members).

- privacy.export_member: one member's data to xlsx + JSON (rows of every table that names the
  member, audit trail, staff and event context), p50/p95 over 20 members. Baseline in the same
  run: reading every synced table whole and filtering the member's rows in Python (what an
  export without the member-column indexes would do). Proposed target: 1 s.
- privacy.erase_member: an erasure request received and carried out (purge in every table, WAL
  checkpoint with TRUNCATE, backups removed), p50/p95 over 10 members. Baseline: one VACUUM of
  the same database (the usual way to make deleted rows unrecoverable without secure_delete).
  Proposed target: 2 s.
- reports.stats_year: the union statistics for a year (events, attendance, interest cards,
  introductions read from the audit trail, new members, suppression), p50/p95 over 5 runs.
  Baseline: loading the tables as ORM objects and counting in Python. Proposed target: 5 s.

The targets are not in performance.md yet (proposed to the lead). XZDESK_BENCH_SCALE shrinks the
sizes for a smoke run.
"""

from __future__ import annotations

import itertools
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "xzdesk.domain.store.keys.MemoryKeyring")

from _common import bench_actor, report, scale, time_calls
from sqlalchemy import select

from xzdesk.domain.events.models import Event, EventRegistration
from xzdesk.domain.events.seed import seed_events
from xzdesk.domain.introductions.models import Introduction, ordered_pair
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.privacy.audit import append_audit
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.privacy.portability import export_member_data
from xzdesk.domain.privacy.rights import erase_member_data, receive_request
from xzdesk.domain.reports.periods import year_period
from xzdesk.domain.reports.stats import union_statistics
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.store.base import SYNC_REGISTRY
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.uow import ActorInfo, unit_of_work

KEY = bytes(range(32))
STAGES = ("dating", "engaged", "married", "no_interest", "continue")


def add_introductions(store: Store, actor: ActorInfo, count: int, year: int) -> None:
    """Introductions that reached a relationship stage, with the audit entries the services write."""
    rng = random.Random(7)
    with store.read() as s:
        men = list(s.execute(select(Member.id).where(Member.sex == 1).limit(count * 2)).scalars())
        women = list(s.execute(select(Member.id).where(Member.sex == 2).limit(count * 2)).scalars())
    with unit_of_work(store, actor) as uow:
        uow.session.info["sync_apply"] = True  # bulk demo rows: no outbox
        for i in range(min(count, len(men), len(women))):
            a, b = ordered_pair(men[i], women[i])
            when = datetime(year, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(0, 360 * 24 * 60))
            stage = rng.choice(STAGES)
            uow.session.add(Introduction(
                id=new_id(), version=0, member_a_id=a, member_b_id=b, stage=stage, source="matchmaker",
                matchmaker_id=actor.staff_id, proposed_at=when - timedelta(days=30), proposed_by=actor.staff_id,
                follow_up_ids=[], updated_at=when, closed_at=when if stage in ("married", "no_interest") else None,
            ))  # fmt: skip
            for member in (a, b):
                append_audit(uow.session, at=when, actor_id=actor.staff_id, device_id=store.device_id,
                             action="introduction.dating" if stage != "married" else "introduction.married",
                             member_id=member, fields=["stage"])  # fmt: skip


def naive_export(store: Store, member_id: str) -> int:
    rows = 0
    with store.read() as s:
        for cls in SYNC_REGISTRY.values():
            table = cls.__table__
            columns = [c for c in (getattr(cls, "__member_column__", None), *getattr(cls, "__member_refs__", ())) if c]
            for row in s.execute(select(table)).mappings():
                if any(row.get(c) == member_id for c in columns):
                    rows += 1
    return rows


def naive_stats(store: Store, year: int) -> dict[str, int]:
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    with store.read() as s:
        events = [e for e in s.execute(select(Event)).scalars() if e.status == "held" and start <= e.event_date < end]
        held = {e.id for e in events}
        regs = [r for r in s.execute(select(EventRegistration)).scalars() if r.event_id in held and r.status == "attended"]
        members = list(s.execute(select(Member)).scalars())
        new = [m for m in members if start <= m.created_at.date() < end]
        intros = list(s.execute(select(Introduction)).scalars())
        audit = list(s.execute(select(AuditEntry)).scalars())
        married = [i for i in intros if i.stage == "married" and i.closed_at and start <= i.closed_at.date() < end]
        return {"events": len(events), "participations": len(regs), "participants": len({r.member_id for r in regs}),
                "new": len(new), "married": len(married), "audit": len(audit)}  # fmt: skip


def main() -> None:
    n = scale(100_000)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["XZDESK_HOME"] = str(home)
        store = Store.open(home / "xzdesk.db", key=KEY)
        mm = bench_actor(store, display_name="基准")
        with unit_of_work(store, mm) as uow:
            seed_members(uow, count=n, seed=1)
        with unit_of_work(store, mm) as uow:
            seed_events(uow, count=max(5, n // 1000), seed=1)
        year = datetime.now(UTC).year
        add_introductions(store, mm, max(50, n // 50), year)
        with unit_of_work(store, None) as uow:
            po = Staff(username="po", display_name="隐私", role=Role.PRIVACY_OFFICER.value, district_code=None,
                       active=True, created_at=uow.now)  # fmt: skip
            uow.session.add(po)
            uow.session.flush()
            officer = ActorInfo(po.id, Role.PRIVACY_OFFICER, None, "隐私")
        with store.read() as s:
            # members who took part in events first (they have rows in most tables), then others
            attendees = list(dict.fromkeys(s.execute(select(EventRegistration.member_id).where(
                EventRegistration.status == "attended").limit(40)).scalars()))  # fmt: skip
            others = list(s.execute(select(Member.id).order_by(Member.id.desc()).limit(40)).scalars())
            sample = list(dict.fromkeys([*attendees, *others]))[:40]
            numbers = dict(s.execute(select(Member.id, Member.member_no).where(Member.id.in_(sample))).all())

        # --- export one member -----------------------------------------------------------------------
        out = home / "exports"
        queue = itertools.cycle(sample[:20])

        def export_one() -> None:
            member = next(queue)
            with unit_of_work(store, officer) as uow:
                export_member_data(uow, member_id=member, directory=out, reason="基准测试")

        samples = time_calls(export_one, repeat=20, warmup=1)
        t0 = time.perf_counter()
        naive_export(store, sample[0])
        baseline = (time.perf_counter() - t0) * 1000
        report("privacy.export_member", n=n, samples_ms=samples, target_ms=1000, baseline_ms=baseline,
               baseline_what="every synced table read whole, rows filtered in Python")  # fmt: skip

        # --- erase one member ------------------------------------------------------------------------
        doomed = iter(sample[20:])
        erase_samples = []
        wal_left = 0
        for _ in range(10):
            member = next(doomed)
            t = time.perf_counter()
            with unit_of_work(store, officer) as uow:
                request = receive_request(uow, member_no=numbers[member], kind="erasure", received_on=uow.today(),
                                          channel="letter")  # fmt: skip
            result = erase_member_data(store, officer, request_id=request.id)
            erase_samples.append((time.perf_counter() - t) * 1000)
            wal_left += result.wal_bytes
        t0 = time.perf_counter()
        raw = store.engine.raw_connection()  # VACUUM runs outside a transaction
        try:
            raw.driver_connection.execute("VACUUM")
        finally:
            raw.close()
        vacuum_ms = (time.perf_counter() - t0) * 1000
        report("privacy.erase_member", n=n, samples_ms=erase_samples, target_ms=2000, baseline_ms=vacuum_ms,
               baseline_what="one VACUUM of the database", wal_bytes_left=wal_left)  # fmt: skip

        # --- statistics for a year -------------------------------------------------------------------
        period = year_period(year)
        with store.read() as s:
            def stats() -> None:
                union_statistics(s, actor=mm, period=period, now=datetime.now(UTC))

            stat_samples = time_calls(stats, repeat=5, warmup=1)
        t0 = time.perf_counter()
        naive = naive_stats(store, year)
        naive_ms = (time.perf_counter() - t0) * 1000
        report("reports.stats_year", n=n, samples_ms=stat_samples, target_ms=5000, baseline_ms=naive_ms,
               baseline_what="tables loaded as ORM objects, counted in Python", events=naive["events"],
               participations=naive["participations"], audit_entries=naive["audit"])  # fmt: skip
        store.close()


if __name__ == "__main__":
    main()
