"""Matching wiring at district-office scale: MatchIndex build from the real encrypted database
(100k seeded members, thousands of introductions and blocks), incremental update after an edit
(p95), ranking through the wiring (p95, target 20 ms), and an edit followed by the next ranking.

Baselines measured in the same run: building profiles through the ORM (Member objects plus the
members service's per-member consent query, extrapolated from a sample) for the build; a full
rebuild for the incremental update.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "xzdesk.domain.store.keys.MemoryKeyring")

from _common import bench_actor, report, rss_mb, scale, time_calls
from sqlalchemy import insert, select

from xzdesk.domain.introductions.codes import Stage
from xzdesk.domain.introductions.models import Introduction, PairBlock, ordered_pair
from xzdesk.domain.matching import profile_from_member
from xzdesk.domain.matching.index import MatchIndex
from xzdesk.domain.members import service as members
from xzdesk.domain.members.codes import ConsentType
from xzdesk.domain.members.models import Member
from xzdesk.domain.members.seed import seed_members
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.ids import new_id
from xzdesk.domain.uow import unit_of_work

KEY = bytes(range(32))
RANK_TARGET_MS = 20.0
STAGES = [s.value for s in Stage]


def seed_pairs(store: Store, *, n_intros: int, n_blocks: int, rnd: random.Random) -> None:
    """Bulk introductions and blocks between random active men and women (benchmark data)."""
    with store.read() as s:
        men = list(s.execute(select(Member.id).where(Member.sex == 1, Member.status == "active")).scalars())
        women = list(s.execute(select(Member.id).where(Member.sex == 2, Member.status == "active")).scalars())
    with unit_of_work(store, None) as uow:
        now = uow.now
        pairs: set[tuple[str, str]] = set()
        while len(pairs) < n_intros + n_blocks:
            pairs.add(ordered_pair(rnd.choice(men), rnd.choice(women)))
        ordered = sorted(pairs)
        rnd.shuffle(ordered)
        intros = [
            {"id": new_id(), "version": 0, "member_a_id": a, "member_b_id": b, "stage": rnd.choice(STAGES),
             "source": "matchmaker", "proposed_at": now, "follow_up_ids": [], "updated_at": now}
            for a, b in ordered[:n_intros]
        ]  # fmt: skip
        blocks = [
            {"id": new_id(), "version": 0, "member_id": a, "other_member_id": b, "reason": "relatives",
             "created_at": now}
            for a, b in ordered[n_intros:]
        ]  # fmt: skip
        uow.session.execute(insert(Introduction), intros)
        uow.session.execute(insert(PairBlock), blocks)


def orm_profiles(store: Store, ids: list[str], today) -> int:
    """The naive path: ORM Member objects, one consent query per member."""
    with store.read() as s:
        made = 0
        for m in s.execute(select(Member).where(Member.id.in_(ids))).scalars():
            consents = members.active_consents(s, m.id)
            ok = ConsentType.MATCHING in consents and ConsentType.SHARE_PROFILE in consents
            profile_from_member(m, today=today, consent_matching=ok)
            made += 1
        return made


def main() -> None:
    n = scale(100_000)
    rnd = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db", key=KEY)
        actor = bench_actor(store)
        t0 = time.perf_counter()
        with unit_of_work(store, None) as uow:
            seed_members(uow, count=n, seed=5)
        seed_pairs(store, n_intros=max(10, n // 20), n_blocks=max(5, n // 100), rnd=rnd)
        seed_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        index = MatchIndex.build(store)
        build_ms = (time.perf_counter() - t0) * 1000
        with store.read() as s:
            all_ids = list(s.execute(select(Member.id)).scalars())
        sample = rnd.sample(all_ids, min(2000, len(all_ids)))
        t0 = time.perf_counter()
        orm_profiles(store, sample, index.day)
        naive_ms = (time.perf_counter() - t0) * 1000 * len(all_ids) / len(sample)
        stats = index.stats()
        report("introductions_index_build", n=n, value_ms=build_ms, baseline_ms=naive_ms,
               baseline="ORM objects + consent query per member (extrapolated)", eligible=stats.eligible,
               introduced_pairs=stats.introduced_pairs, blocked_pairs=stats.blocked_pairs,
               seed_s=round(seed_s, 1), rss_mb=round(rss_mb(), 1))  # fmt: skip

        # Incremental update: edit a member through the service, then refresh just that member.
        eligible = [m for m in index.pool.ids() if not index.ineligibility(m)]
        edited = rnd.sample(eligible, min(100, len(eligible)))
        refresh_samples = []
        for k, member_id in enumerate(edited):
            with unit_of_work(store, actor) as uow:
                members.update_member(uow, member_id=member_id, changes={"height_cm": 150 + k % 40})
            t0 = time.perf_counter()
            index.refresh([member_id])
            refresh_samples.append((time.perf_counter() - t0) * 1000)
        if index.pool.get(edited[-1]).height_cm != 150 + (len(edited) - 1) % 40:
            raise SystemExit("refresh did not pick up the edit")
        t0 = time.perf_counter()
        index.rebuild()
        rebuild_ms = (time.perf_counter() - t0) * 1000
        report("introductions_index_refresh_one", n=n, samples_ms=refresh_samples, target_ms=RANK_TARGET_MS,
               baseline_ms=rebuild_ms, baseline="full rebuild")  # fmt: skip

        # Ranking through the wiring (nothing pending).
        queries = rnd.sample(eligible, min(200, len(eligible)))
        it = iter(queries * 2)
        found = []
        samples = time_calls(lambda: found.append(len(index.rank(next(it), k=50))), repeat=len(queries), warmup=3)
        report("introductions_rank_via_index", n=n, samples_ms=samples, target_ms=RANK_TARGET_MS,
               mean_candidates=round(sum(found) / max(1, len(found)), 1))  # fmt: skip

        # An edit committed while watching, then the next ranking (refresh + rank).
        index.watch()
        after = []
        for k, member_id in enumerate(queries[:60]):
            with unit_of_work(store, actor) as uow:
                members.update_member(uow, member_id=member_id, changes={"hobbies": ["读书", "旅行"][: 1 + k % 2]})
            t0 = time.perf_counter()
            index.rank(queries[-1 - k], k=50)
            after.append((time.perf_counter() - t0) * 1000)
        index.unwatch()
        report("introductions_rank_after_edit", n=n, samples_ms=after, target_ms=RANK_TARGET_MS)
        store.close()


if __name__ == "__main__":
    main()
