"""Synthetic members, events and labelled pairs with a known (hidden) preference structure.

Deterministic for a seed. Used by tests, the benchmark and demo data; never real people.

Hidden per member: a lifestyle (0 sporty, 1 cultural, 2 homely), a taste for one lifestyle
(usually their own) and an appeal (how much others like them, N(0, 1)). Hobby tags are drawn
mostly from the member's lifestyle cluster, so taste is visible only through shared hobbies.

Ground truth: A is interested in B when
    u(A->B) = BASE - 2.5 [B breaks one of A's stated requirements]
              + 1.6 [B's lifestyle is A's taste] - 0.9 |education levels apart|
              + 0.9 [same district] + 0.9 appeal(B) - 0.12 |age gap| + logistic noise   > 0
and a pair is a mutual match when both are interested. The rule score knows the stated
requirements and age windows but not these weights, nor the lifestyle or appeal: mutual interest
is partly predictable from profiles, and better by a model fitted on outcomes than by the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from xzdesk.domain.matching.model import LabelledPairRow
from xzdesk.domain.matching.pool import MatchPool, PairSet
from xzdesk.domain.matching.profile import MatchProfile
from xzdesk.domain.matching.ranking import rank
from xzdesk.domain.matching.rules import ineligibility_reasons, requirement_problems
from xzdesk.domain.members.codes import DISTRICTS

HOBBY_CLUSTERS: tuple[tuple[str, ...], ...] = (
    ("徒步", "骑行", "羽毛球", "跑步", "游泳", "篮球", "登山", "露营", "乒乓球", "健身"),
    ("读书", "书法", "摄影", "电影", "音乐", "绘画", "博物馆", "话剧", "古筝", "写作"),
    ("烹饪", "旅行", "美食", "宠物", "园艺", "手工", "桌游", "追剧", "茶艺", "钓鱼"),
)
ALL_HOBBIES = tuple(t for cluster in HOBBY_CLUSTERS for t in cluster)
DISTRICT_CODES = tuple(DISTRICTS)
_DISTRICT_P = np.array([14, 12, 5, 14, 13, 7, 8, 8, 7, 8, 4], dtype=np.float64)
EDU_CODES = (11, 14, 21, 31, 41, 61, 71)
_EDU_P = np.array([0.02, 0.10, 0.35, 0.28, 0.12, 0.10, 0.03])
INCOME_BANDS = ("lt50k", "50k_100k", "100k_200k", "200k_300k", "gt300k")

UTILITY_BASE = 0.9
W_BROKEN = 2.5
W_TASTE = 1.6
W_EDU = 0.9
W_DISTRICT = 0.9
W_APPEAL = 0.9
W_AGE = 0.12
NOISE_SCALE = 0.8


@dataclass(frozen=True)
class SyntheticTruth:
    """The hidden traits by member id (never features of any model)."""

    lifestyle: dict[str, int]
    taste: dict[str, int]
    appeal: dict[str, float]


@dataclass(frozen=True)
class SyntheticDataset:
    profiles: tuple[MatchProfile, ...]
    pairs: tuple[LabelledPairRow, ...]
    events: tuple[tuple[str, tuple[str, ...]], ...]  # (event id, attendee ids)
    truth: SyntheticTruth


def _make_profiles(
    n: int, rng: np.random.Generator, *, all_eligible: bool, open_rate: float
) -> tuple[list[MatchProfile], SyntheticTruth]:
    sex = np.where(rng.random(n) < 0.5, 1, 2)
    age = rng.integers(23, 46, n)
    height = np.where(sex == 1, rng.normal(173, 6, n), rng.normal(161, 5.5, n)).round().astype(int)
    height_known = rng.random(n) > 0.05
    edu_i = rng.choice(len(EDU_CODES), size=n, p=_EDU_P)
    edu_known = rng.random(n) > 0.03
    marital = rng.choice([10, 40, 30], size=n, p=[0.8, 0.17, 0.03])
    kids = np.where(
        (marital != 10) & (rng.random(n) < 0.5), np.where(rng.random(n) < 0.6, 1, 2), 0
    )
    district = rng.choice(len(DISTRICT_CODES), size=n, p=_DISTRICT_P / _DISTRICT_P.sum())
    income = np.clip(np.round(4.2 - edu_i * 0.55 + rng.normal(0, 0.9, n)), 0, 4).astype(int)
    income_known = rng.random(n) > 0.1
    lifestyle = rng.integers(0, 3, n)
    taste = np.where(rng.random(n) < 0.7, lifestyle, rng.integers(0, 3, n))
    appeal = rng.normal(0, 1, n)
    n_tags = rng.integers(2, 6, n)
    open_ = rng.poisson(open_rate, n) if open_rate > 0 else np.zeros(n, dtype=int)

    has_age_req = rng.random(n) < 0.7
    age_lo = np.maximum(20, age - rng.integers(2, 9, n))
    age_hi = age + rng.integers(2, 9, n)
    h_min = np.where((sex == 2) & (rng.random(n) < 0.4), rng.integers(165, 176, n), -1)
    h_max = np.where((sex == 1) & (rng.random(n) < 0.25), rng.integers(165, 176, n), -1)
    edu_req = np.where(rng.random(n) < 0.35, np.minimum(edu_i + rng.integers(0, 2, n), len(EDU_CODES) - 1), -1)
    dist_req = rng.random(n) < 0.15
    marital_req = (marital == 10) & (rng.random(n) < 0.4)
    children_ok = rng.random(n) < np.where(kids > 0, 0.95, 0.7)
    if all_eligible:
        status_u = np.zeros(n)
        verified = consent = np.ones(n, dtype=bool)
        fraud = np.zeros(n, dtype=bool)
    else:
        status_u = rng.random(n)
        verified = rng.random(n) > 0.05
        consent = rng.random(n) > 0.05
        fraud = rng.random(n) < 0.005

    profiles = []
    ids = [f"syn-{i:06d}" for i in range(n)]
    for i in range(n):
        tags = []
        for _ in range(int(n_tags[i])):
            cluster = HOBBY_CLUSTERS[int(lifestyle[i])] if rng.random() < 0.75 else ALL_HOBBIES
            tags.append(cluster[int(rng.integers(len(cluster)))])
        districts: tuple[str, ...] = ()
        if dist_req[i]:
            extra = rng.choice(len(DISTRICT_CODES), size=int(rng.integers(1, 4)), replace=False)
            districts = tuple(DISTRICT_CODES[j] for j in {int(district[i]), *extra.tolist()})
        status = "active" if status_u[i] < 0.92 else ("paused" if status_u[i] < 0.96 else "registered")
        profiles.append(
            MatchProfile(
                member_id=ids[i],
                sex=int(sex[i]),
                age=int(age[i]),
                height_cm=int(height[i]) if height_known[i] else None,
                education=EDU_CODES[int(edu_i[i])] if edu_known[i] else None,
                marital_status=int(marital[i]),
                children=("none", "living_with", "not_living_with")[int(kids[i])],
                district_code=DISTRICT_CODES[int(district[i])],
                hobbies=tuple(tags),
                income_band=INCOME_BANDS[int(income[i])] if income_known[i] else "unspecified",
                req_age_min=int(age_lo[i]) if has_age_req[i] else None,
                req_age_max=int(age_hi[i]) if has_age_req[i] else None,
                req_height_min=int(h_min[i]) if h_min[i] >= 0 else None,
                req_height_max=int(h_max[i]) if h_max[i] >= 0 else None,
                req_education_min=EDU_CODES[int(edu_req[i])] if edu_req[i] >= 0 else None,
                req_districts=districts,
                req_marital=(10,) if marital_req[i] else (),
                req_children_ok=bool(children_ok[i]),
                status=status,
                verified=bool(verified[i]),
                fraud_flag=bool(fraud[i]),
                consent_matching=bool(consent[i]),
                open_proposals=int(open_[i]),
            )
        )
    truth = SyntheticTruth(
        lifestyle={ids[i]: int(lifestyle[i]) for i in range(n)},
        taste={ids[i]: int(taste[i]) for i in range(n)},
        appeal={ids[i]: float(appeal[i]) for i in range(n)},
    )
    return profiles, truth


def synthetic_profiles(
    n: int, *, seed: int = 0, all_eligible: bool = False, open_rate: float = 0.4
) -> list[MatchProfile]:
    """`n` synthetic members (about 1 in 10 not eligible unless `all_eligible`)."""
    profiles, _ = _make_profiles(n, np.random.default_rng(seed), all_eligible=all_eligible, open_rate=open_rate)
    return profiles


def true_utility(truth: SyntheticTruth, a: MatchProfile, b: MatchProfile) -> float:
    """A's hidden utility for B without the noise term."""
    u = UTILITY_BASE
    if requirement_problems(a, b):
        u -= W_BROKEN
    if truth.lifestyle[b.member_id] == truth.taste[a.member_id]:
        u += W_TASTE
    if a.education_rank >= 0 and b.education_rank >= 0:
        u -= W_EDU * abs(a.education_rank - b.education_rank)
    if a.district_code == b.district_code:
        u += W_DISTRICT
    u += W_APPEAL * truth.appeal[b.member_id]
    u -= W_AGE * abs(a.age - b.age)
    return u


def _interested(truth: SyntheticTruth, a: MatchProfile, b: MatchProfile, rng: np.random.Generator) -> bool:
    return true_utility(truth, a, b) + NOISE_SCALE * float(rng.logistic()) > 0


def synthetic_dataset(
    *,
    n_members: int = 2000,
    n_events: int = 60,
    men_per_event: int = 10,
    women_per_event: int = 10,
    n_introductions: int = 200,
    seed: int = 0,
) -> SyntheticDataset:
    """Members, events (everyone meets everyone of the other sex) and labelled pairs:
    event pairs labelled with mutual interest (source "event", group = event id), and
    introductions to a member's rule-ranked top 10 labelled accepted-by-both (source
    "introduction", group = its own id)."""
    rng = np.random.default_rng(seed)
    profiles, truth = _make_profiles(n_members, rng, all_eligible=False, open_rate=0.0)
    by_id = {p.member_id: p for p in profiles}
    active = [p for p in profiles if p.status == "active"]
    men = [p for p in active if p.sex == 1]
    women = [p for p in active if p.sex == 2]
    pairs: list[LabelledPairRow] = []
    events = []
    for e in range(n_events):
        centre = int(rng.integers(26, 41))
        m_pool = [p for p in men if abs(p.age - centre) <= 5]
        w_pool = [p for p in women if abs(p.age - centre) <= 5]
        m_pick = [m_pool[i] for i in rng.permutation(len(m_pool))[:men_per_event]]
        w_pick = [w_pool[i] for i in rng.permutation(len(w_pool))[:women_per_event]]
        event_id = f"event-{e:04d}"
        events.append((event_id, tuple(p.member_id for p in m_pick + w_pick)))
        for m in m_pick:
            for w in w_pick:
                mutual = _interested(truth, m, w, rng) & _interested(truth, w, m, rng)
                pairs.append(LabelledPairRow(m.member_id, w.member_id, bool(mutual), "event", event_id))
    if n_introductions:
        pool = MatchPool.from_profiles(profiles)
        introduced = PairSet()
        eligible = [p.member_id for p in profiles if not ineligibility_reasons(p)]
        for i in range(n_introductions):
            me = eligible[int(rng.integers(len(eligible)))]
            rows = rank(pool, me, k=10, exclude_pairs=introduced)
            if not rows:
                continue
            other = rows[int(rng.integers(len(rows)))].member_id
            introduced.add(me, other)
            a, b = by_id[me], by_id[other]
            accepted = _interested(truth, a, b, rng) & _interested(truth, b, a, rng)
            pairs.append(LabelledPairRow(me, other, bool(accepted), "introduction", f"intro-{i:05d}"))
    return SyntheticDataset(tuple(profiles), tuple(pairs), tuple(events), truth)
