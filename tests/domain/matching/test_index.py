"""MatchIndex against the database: the same profiles as the ORM says, kept equal to a full
rebuild after random edits, withdrawal and flags effective at the very next ranking."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from xzdesk.domain.errors import NotFound, XzError
from xzdesk.domain.introductions import service as intro_service
from xzdesk.domain.introductions.codes import OPEN_STAGES
from xzdesk.domain.introductions.models import Introduction
from xzdesk.domain.matching import profile_from_member
from xzdesk.domain.matching.index import MatchIndex
from xzdesk.domain.members import codes
from xzdesk.domain.members import service as members
from xzdesk.domain.members.codes import ConsentType, MemberStatus
from xzdesk.domain.members.models import Member
from xzdesk.domain.uow import CHINA_TZ, unit_of_work


def reference_profiles(store, today):
    """Profiles the slow way: ORM rows, the members service's consent lookup, counting in Python."""
    with store.read() as s:
        intros = s.execute(select(Introduction)).scalars().all()
        open_counts = Counter(m for i in intros if i.stage in OPEN_STAGES for m in (i.member_a_id, i.member_b_id))
        out = {}
        for m in s.execute(select(Member)).scalars():
            if m.status == MemberStatus.ARCHIVED:
                continue
            consents = members.active_consents(s, m.id)
            ok = ConsentType.MATCHING in consents and ConsentType.SHARE_PROFILE in consents
            out[m.id] = profile_from_member(m, today=today, consent_matching=ok, open_proposals=open_counts[m.id])
        return out


def state(index):
    index.apply_pending()
    with index.pool.lock:
        return ({m: index.pool.get(m) for m in index.pool.ids()}, set(index.introduced), set(index.blocked),
                index.weights)  # fmt: skip


def ranking(index, member_id):
    return [(r.member_id, round(r.score, 12)) for r in index.rank(member_id, k=20)]


def eligible_ids(index):
    return sorted(m for m in index.pool.ids() if not index.ineligibility(m))


def test_built_index_matches_the_orm(seeded):
    index = MatchIndex.build(seeded)
    profiles, introduced, blocked, _ = state(index)
    assert profiles == reference_profiles(seeded, index.day)
    assert introduced == set() and blocked == set()
    member = eligible_ids(index)[0]
    rows = index.rank(member, k=10)
    assert rows and all(not index.why_not(member, r.member_id) for r in rows)


def test_withdrawal_and_flag_remove_a_member_from_candidate_lists_at_once(seeded, matchmaker):
    index = MatchIndex.build(seeded)
    index.watch()
    try:
        ranked = {m: index.rank(m, k=200) for m in eligible_ids(index)}
        member, rows = next((m, r) for m, r in ranked.items() if len(r) >= 3)
        first, second, third = (r.member_id for r in rows[:3])
        with unit_of_work(seeded, matchmaker) as uow:
            members.withdraw_consent(uow, member_id=first, type=ConsentType.MATCHING)
        assert first not in [r.member_id for r in index.rank(member, k=200)]
        assert index.ineligibility(first) == ("no_matching_consent",)
        with unit_of_work(seeded, matchmaker) as uow:
            members.withdraw_consent(uow, member_id=second, type=ConsentType.SHARE_PROFILE)
            members.set_fraud_flag(uow, member_id=third, flagged=True, reason="可疑")
        now = [r.member_id for r in index.rank(member, k=200)]
        assert second not in now and third not in now
        assert "fraud_flag" in index.ineligibility(third)
    finally:
        index.unwatch()


def test_an_introduction_excludes_the_pair_and_damps_the_candidate(seeded, matchmaker):
    index = MatchIndex.build(seeded)
    index.watch()
    try:
        member, rows = next((m, r) for m in eligible_ids(index) if len(r := index.rank(m, k=200)) >= 2)
        top, other = rows[0].member_id, rows[1].member_id
        with unit_of_work(seeded, matchmaker) as uow:
            intro_service.propose_introduction(uow, member_a=member, member_b=top)
        after = {r.member_id: r for r in index.rank(member, k=200)}
        assert top not in after and "already_introduced" in index.why_not(member, top)
        assert index.pool.get(top).open_proposals == 1 and index.pool.get(member).open_proposals == 1
        # any list that still shows `member` now shows it damped
        for m in eligible_ids(index):
            row = next((r for r in index.rank(m, k=200) if r.member_id == member), None)
            if row is not None:
                assert row.open_proposals == 1 and row.damping < 1.0
                break
        with unit_of_work(seeded, matchmaker) as uow:
            intro_service.block_pair(uow, member_id=member, other_member_id=other)
        assert other not in {r.member_id for r in index.rank(member, k=200)}
        assert "blocked" in index.why_not(other, member)
    finally:
        index.unwatch()


def test_explicit_refresh_without_watching(seeded, matchmaker):
    index = MatchIndex.build(seeded)
    target = eligible_ids(index)[0]
    with unit_of_work(seeded, matchmaker) as uow:
        members.change_status(uow, member_id=target, status=MemberStatus.ARCHIVED)
    assert target in index.pool  # not watching: nothing noticed yet
    assert index.refresh([target]) == 1
    assert target not in index.pool
    with pytest.raises(NotFound):
        index.rank(target)


def test_ages_follow_the_calendar(seeded):
    with seeded.read() as s:
        member_id, birth = s.execute(select(Member.id, Member.birth_date).where(
            Member.status == "active").order_by(Member.id).limit(1)).one()  # fmt: skip
    eve = datetime(2026, birth.month, birth.day, 12, tzinfo=CHINA_TZ) - timedelta(days=1)
    if (birth.month, birth.day) == (2, 29):
        pytest.skip("leap-day birthday")
    now = [eve]
    index = MatchIndex.build(seeded, clock=lambda: now[0])
    age = index.pool.get(member_id).age
    now[0] = eve + timedelta(days=1)
    index.apply_pending()
    assert index.pool.get(member_id).age == age + 1
    assert state(index)[0] == reference_profiles(seeded, now[0].astimezone(CHINA_TZ).date())


# --- random edits: the incremental index equals a full rebuild ------------------------------------
OPS = st.lists(
    st.tuples(
        st.sampled_from(["propose", "edit", "consent_off", "propose", "consent_on", "flag", "respond", "unflag",
                         "propose", "pause", "activate", "respond", "block", "lift", "archive", "propose"]),
        st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 10_000),
    ),
    min_size=1, max_size=8,
)  # fmt: skip


def apply_op(store, actor, op, people, x, y, z):
    """Run one service call; refusals (XzError) are part of the game. Pairs are man x woman."""
    men, women = people
    a, b = men[x % len(men)], women[y % len(women)]
    if z % 2:
        a, b = b, a
    rng_districts = sorted(codes.DISTRICTS)
    hobbies = ["羽毛球", "旅行", "摄影", "读书", "烹饪", "跑步"]
    with unit_of_work(store, actor) as uow:
        if op == "edit":
            members.update_member(uow, member_id=a, changes={
                "height_cm": 150 + z % 40, "district_code": rng_districts[z % len(rng_districts)],
                "hobbies": [h for i, h in enumerate(hobbies) if (z >> i) & 1], "req_age_max": 30 + z % 15,
            })  # fmt: skip
        elif op == "consent_off":
            members.withdraw_consent(uow, member_id=a, type=[ConsentType.MATCHING, ConsentType.SHARE_PROFILE][z % 2])
        elif op == "consent_on":
            ctype = [ConsentType.MATCHING, ConsentType.SHARE_PROFILE][z % 2]
            members.grant_consent(uow, member_id=a, type=ctype, channel="paper_form")
        elif op in ("flag", "unflag"):
            members.set_fraud_flag(uow, member_id=a, flagged=op == "flag", reason="可疑")
        elif op in ("pause", "activate", "archive"):
            target = {"pause": "paused", "activate": "active", "archive": "archived"}[op]
            members.change_status(uow, member_id=a, status=target)
        elif op == "propose":
            intro_service.propose_introduction(uow, member_a=a, member_b=b)
        elif op == "respond":
            intro = uow.session.execute(select(Introduction).order_by(Introduction.id).limit(1)
                                        .offset(z % 5)).scalar()  # fmt: skip
            if intro is not None:
                intro_service.record_response(uow, introduction_id=intro.id, member_id=intro.member_a_id,
                                              accepted=bool(z % 2))  # fmt: skip
        elif op == "block":
            intro_service.block_pair(uow, member_id=a, other_member_id=b)
        elif op == "lift":
            from xzdesk.domain.introductions.models import PairBlock

            block = uow.session.execute(select(PairBlock).where(PairBlock.lifted_at.is_(None)).limit(1)).scalar()
            if block is not None:
                intro_service.lift_block(uow, block_id=block.id)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_incremental_index_equals_a_rebuild(seeded, matchmaker, ops):
    index = _watched_index(seeded)
    with seeded.read() as s:
        people = tuple(sorted(s.execute(select(Member.id).where(Member.sex == sex)).scalars()) for sex in (1, 2))
    for op, x, y, z in ops:
        try:
            apply_op(seeded, matchmaker, op, people, x, y, z)
        except XzError:
            pass  # a refused edit changes nothing; the index must agree with that too
    fresh = MatchIndex.build(seeded, clock=index.clock)
    assert state(index) == state(fresh)
    assert state(index)[0] == reference_profiles(seeded, index.day)
    for member in eligible_ids(fresh)[:3]:
        assert ranking(index, member) == ranking(fresh, member)


_INDEXES: dict[int, MatchIndex] = {}


def _watched_index(store):
    """One index per store, kept across Hypothesis examples so edits accumulate."""
    index = _INDEXES.get(id(store))
    if index is None or index.store is not store:
        _INDEXES.clear()
        index = _INDEXES[id(store)] = MatchIndex.build(store, clock=lambda: datetime(2026, 6, 1, 4, tzinfo=UTC))
        index.watch()
    return index

