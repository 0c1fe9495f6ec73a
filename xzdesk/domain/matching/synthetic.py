"""Synthetic members, events and labelled answers from hidden tastes: a test bed whose truth is
not the model's own assumptions.

Deterministic for a seed. Used by tests and the benchmark; never real people.

Hidden per member (`SyntheticTruth`, never a profile field or a feature):
- traits: a point in a K_TRAITS-dimensional space of hidden attributes (temperament, lifestyle);
- taste: which traits they are drawn to, a vector near one of N_TASTE_TYPES prototypes (so
  people of one type like similar people: collaborative structure), plus personal noise;
- attractiveness: how much everyone likes them, N(0, 1); selectivity: how rarely they say yes.

Visible through profile fields, partly and noisily: hobbies are drawn from clusters weighted by
the first three traits; the sector follows the fourth; education and income correlate; heights,
ages, districts, employers, marital history, children and stated requirements with their
importance are drawn like a union's case files.

A's answer about B is yes when
    u = BASE[sex of A] - selectivity(A) + W_ATTRACT * attractiveness(B)
        + W_TASTE * taste(A) . traits(B) / sqrt(K_TRAITS)
        - W_AGE * |age(B) - (age(A) + AGE_OFFSET[sex of A])|     (men younger, women older)
        - education: women W_EDU_UP per level B is below A, men W_EDU per level apart
        - W_KM * km between districts - W_SAME_UNIT [same employer]
        - per requirement of A that B breaks: BROKEN_PENALTY[importance]
        + logistic noise (scale NOISE)  > 0
and a mutual match is both answers yes. The rule score knows stated requirements, the age
window and education closeness, but none of the weights, the traits, tastes, attractiveness or
selectivity; the model sees profiles, pair terms and (from other events) who said yes to whom.
Neither is the generator's form: each may win or lose, and the benchmark reports which.

Events: each draws men and women around an age centre; everyone meets everyone of the other sex
and hands in a card (both answers known, source "event"). People come to several events.
Introductions: a member and one of their rule-ranked top ten; each side's accept or decline is
the same kind of answer (source "introduction"); a pair who both accepted has an outcome
(source "outcome", same group): dating when both still say yes after meeting, else "no interest"
with no direction known (the EM path of the model).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from xzdesk.domain.matching.geo import district_km
from xzdesk.domain.matching.labels import LabelledPairRow
from xzdesk.domain.matching.pool import MatchPool, PairSet
from xzdesk.domain.matching.profile import MatchProfile
from xzdesk.domain.matching.ranking import rank
from xzdesk.domain.matching.rules import ineligibility_reasons, requirement_problems
from xzdesk.domain.members.codes import DISTRICTS, Sector

HOBBY_CLUSTERS: tuple[tuple[str, ...], ...] = (
    ("徒步", "骑行", "羽毛球", "跑步", "游泳", "篮球", "登山", "露营", "乒乓球", "健身"),
    ("读书", "书法", "摄影", "电影", "音乐", "绘画", "博物馆", "话剧", "古筝", "写作"),
    ("烹饪", "旅行", "美食", "宠物", "园艺", "手工", "桌游", "追剧", "茶艺", "钓鱼"),
)
ALL_HOBBIES = tuple(t for cluster in HOBBY_CLUSTERS for t in cluster)
DISTRICT_CODES = tuple(DISTRICTS)
_DISTRICT_P = np.array([14, 12, 5, 14, 13, 7, 8, 8, 7, 8, 4], dtype=np.float64)
EDU_CODES = (11, 14, 21, 31, 41, 61, 71)  # doctorate .. junior high
_EDU_P = np.array([0.02, 0.10, 0.35, 0.28, 0.12, 0.10, 0.03])
INCOME_BANDS = ("lt50k", "50k_100k", "100k_200k", "200k_300k", "gt300k")
SECTORS = tuple(s.value for s in Sector)
EMPLOYERS_PER_DISTRICT = 40
OCCUPATIONS = ("教师", "护士", "医生", "工程师", "会计", "司机", "公务员", "销售", "技术员", "文员")

K_TRAITS = 4
N_TASTE_TYPES = 4
BASE = {1: 0.6, 2: -0.2}  # men say yes more often than women, as at real events
AGE_OFFSET = {1: -2.0, 2: 2.0}
W_ATTRACT = 1.0
W_TASTE = 1.3
W_AGE = 0.12
W_EDU = 0.25
W_EDU_UP = 0.6
W_KM = 0.012
W_SAME_UNIT = 0.8
BROKEN_PENALTY = {None: 1.5, 0: 0.2, 1: 0.7, 2: 1.5, 3: 3.0}
NOISE = 0.9


@dataclass(frozen=True)
class SyntheticTruth:
    """The hidden traits by member id (never features of any model)."""

    traits: dict[str, np.ndarray]
    taste: dict[str, np.ndarray]
    attractiveness: dict[str, float]
    selectivity: dict[str, float]


@dataclass(frozen=True)
class SyntheticDataset:
    profiles: tuple[MatchProfile, ...]
    pairs: tuple[LabelledPairRow, ...]
    events: tuple[tuple[str, tuple[str, ...]], ...]  # (event id, attendee ids)
    truth: SyntheticTruth


def _draw(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Every member's fields and hidden traits, drawn column by column (fast for 100,000)."""
    c: dict[str, np.ndarray] = {}
    c["sex"] = np.where(rng.random(n) < 0.5, 1, 2)
    c["age"] = rng.integers(23, 46, n)
    c["traits"] = rng.normal(0, 1, (n, K_TRAITS))
    c["taste_type"] = rng.integers(N_TASTE_TYPES, size=n)
    c["taste_noise"] = rng.normal(0, 0.5, (n, K_TRAITS))
    edu = rng.choice(len(EDU_CODES), size=n, p=_EDU_P) - (c["traits"][:, 1] > 1.0)
    c["edu_i"] = np.clip(edu, 0, len(EDU_CODES) - 1)
    c["edu_known"] = rng.random(n) > 0.03
    c["marital"] = rng.choice([10, 40, 30], size=n, p=[0.8, 0.17, 0.03])
    c["kids"] = np.where((c["marital"] != 10) & (rng.random(n) < 0.5), np.where(rng.random(n) < 0.6, 1, 2), 0)
    c["district"] = rng.choice(len(DISTRICT_CODES), size=n, p=_DISTRICT_P / _DISTRICT_P.sum())
    c["income"] = np.clip(np.round(4.2 - c["edu_i"] * 0.55 + rng.normal(0, 0.9, n)), 0, 4).astype(int)
    c["income_known"] = rng.random(n) > 0.1
    c["height"] = np.where(c["sex"] == 1, rng.normal(173, 6, n), rng.normal(161, 5.5, n)).round().astype(int)
    c["height_known"] = rng.random(n) > 0.05
    sector = np.round(c["traits"][:, 3] * 2 + 5 + rng.normal(0, 1.5, n))
    c["sector_i"] = np.clip(sector, 0, len(SECTORS) - 1).astype(int)
    c["sector_known"] = rng.random(n) > 0.1
    c["occupation_i"] = np.where(rng.random(n) > 0.2, rng.integers(len(OCCUPATIONS), size=n), -1)
    c["employer_i"] = rng.integers(EMPLOYERS_PER_DISTRICT, size=n)
    c["attractiveness"] = rng.normal(0, 1, n)
    c["selectivity"] = rng.normal(0, 0.6, n)
    # requirements and how much each matters
    c["has_age_req"] = rng.random(n) < 0.7
    c["age_lo"] = np.maximum(20, c["age"] - rng.integers(2, 9, n) + np.where(c["sex"] == 2, 2, -1))
    c["age_hi"] = c["age"] + rng.integers(2, 9, n) + np.where(c["sex"] == 2, 3, 0)
    c["h_min"] = np.where((c["sex"] == 2) & (rng.random(n) < 0.4), rng.integers(165, 176, n), -1)
    c["h_max"] = np.where((c["sex"] == 1) & (rng.random(n) < 0.25), rng.integers(165, 176, n), -1)
    c["edu_req"] = np.where(rng.random(n) < 0.35,
                            np.minimum(c["edu_i"] + rng.integers(0, 2, n), len(EDU_CODES) - 1), -1)  # fmt: skip
    c["dist_req"] = rng.random(n) < 0.15
    c["marital_req"] = (c["marital"] == 10) & (rng.random(n) < 0.4)
    c["children_ok"] = rng.random(n) < np.where(c["kids"] > 0, 0.95, 0.7)
    c["imp_said"] = rng.random((n, 6)) < 0.5
    c["imp_level"] = rng.integers(0, 4, (n, 6))
    return c


_IMPORTANCE_ORDER = ("age", "height", "education", "district", "marital", "children")


def _requirements(c: dict[str, np.ndarray], i: int, rng: np.random.Generator) -> dict:
    req: dict = {"req_children_ok": bool(c["children_ok"][i])}
    if c["has_age_req"][i]:
        req["req_age_min"], req["req_age_max"] = int(c["age_lo"][i]), int(c["age_hi"][i])
    if c["h_min"][i] >= 0:
        req["req_height_min"] = int(c["h_min"][i])
    if c["h_max"][i] >= 0:
        req["req_height_max"] = int(c["h_max"][i])
    if c["edu_req"][i] >= 0:
        req["req_education_min"] = EDU_CODES[int(c["edu_req"][i])]
    if c["dist_req"][i]:
        extra = rng.choice(len(DISTRICT_CODES), size=int(rng.integers(1, 4)), replace=False)
        req["req_districts"] = tuple(DISTRICT_CODES[j] for j in sorted({int(c["district"][i]), *extra.tolist()}))
    if c["marital_req"][i]:
        req["req_marital"] = (10,)
    req["req_importance"] = {k: int(c["imp_level"][i, j]) for j, k in enumerate(_IMPORTANCE_ORDER)
                             if c["imp_said"][i, j]}  # fmt: skip
    return req


def _status(rng: np.random.Generator, n: int, all_eligible: bool) -> list[dict]:
    if all_eligible:
        return [{"status": "active", "verified": True, "consent_matching": True, "fraud_flag": False}] * n
    u, verified, consent, fraud = rng.random(n), rng.random(n) > 0.05, rng.random(n) > 0.05, rng.random(n) < 0.005
    return [{"status": "active" if u[i] < 0.92 else ("paused" if u[i] < 0.96 else "registered"),
             "verified": bool(verified[i]), "consent_matching": bool(consent[i]), "fraud_flag": bool(fraud[i])}
            for i in range(n)]  # fmt: skip


def _draw_hobbies(n: int, rng: np.random.Generator, traits: np.ndarray) -> list[tuple[str, ...]]:
    """2-5 tags each, mostly from the clusters the first three traits favour."""
    weights = np.exp(1.5 * traits[:, :3])
    cdf = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
    n_tags = rng.integers(2, 6, n)
    cluster = (rng.random((n, 5))[:, :, None] > cdf[:, None, :]).sum(axis=2)
    anywhere = rng.random((n, 5)) >= 0.75
    pick = rng.random((n, 5))
    wide = (pick * len(ALL_HOBBIES)).astype(int)
    narrow = (pick * len(HOBBY_CLUSTERS[0])).astype(int)
    return [
        tuple(ALL_HOBBIES[wide[i, j]] if anywhere[i, j] else HOBBY_CLUSTERS[cluster[i, j]][narrow[i, j]]
              for j in range(n_tags[i]))
        for i in range(n)
    ]  # fmt: skip


def _profile(c: dict[str, np.ndarray], i: int, rng: np.random.Generator, status: dict, open_: int,
             hobbies: tuple[str, ...]) -> MatchProfile:  # fmt: skip
    district = DISTRICT_CODES[int(c["district"][i])]
    return MatchProfile(
        member_id=f"syn-{i:06d}", sex=int(c["sex"][i]), age=int(c["age"][i]),
        height_cm=int(c["height"][i]) if c["height_known"][i] else None,
        education=EDU_CODES[int(c["edu_i"][i])] if c["edu_known"][i] else None,
        marital_status=int(c["marital"][i]), children=("none", "living_with", "not_living_with")[int(c["kids"][i])],
        district_code=district, hobbies=hobbies,
        income_band=INCOME_BANDS[int(c["income"][i])] if c["income_known"][i] else "unspecified",
        sector=SECTORS[int(c["sector_i"][i])] if c["sector_known"][i] else "",
        occupation=OCCUPATIONS[int(c["occupation_i"][i])] if c["occupation_i"][i] >= 0 else "",
        employer=f"{district}-单位{int(c['employer_i'][i]):02d}", open_proposals=open_,
        **_requirements(c, i, rng), **status,
    )  # fmt: skip


def _make_profiles(n: int, rng: np.random.Generator, *, all_eligible: bool, open_rate: float,
                   ) -> tuple[list[MatchProfile], SyntheticTruth]:  # fmt: skip
    prototypes = rng.normal(0, 1.2, (N_TASTE_TYPES, K_TRAITS))
    c = _draw(n, rng)
    statuses = _status(rng, n, all_eligible)
    opens = rng.poisson(open_rate, n) if open_rate > 0 else np.zeros(n, dtype=int)
    hobbies = _draw_hobbies(n, rng, c["traits"])
    profiles = [_profile(c, i, rng, statuses[i], int(opens[i]), hobbies[i]) for i in range(n)]
    ids = [p.member_id for p in profiles]
    taste = prototypes[c["taste_type"]] + c["taste_noise"]
    truth = SyntheticTruth(dict(zip(ids, c["traits"], strict=True)), dict(zip(ids, taste, strict=True)),
                           dict(zip(ids, c["attractiveness"].tolist(), strict=True)),
                           dict(zip(ids, c["selectivity"].tolist(), strict=True)))  # fmt: skip
    return profiles, truth


def synthetic_profiles(
    n: int, *, seed: int = 0, all_eligible: bool = False, open_rate: float = 0.4
) -> list[MatchProfile]:
    """`n` synthetic members (about 1 in 10 not eligible unless `all_eligible`)."""
    profiles, _ = _make_profiles(n, np.random.default_rng(seed), all_eligible=all_eligible, open_rate=open_rate)
    return profiles


def true_utility(truth: SyntheticTruth, a: MatchProfile, b: MatchProfile) -> float:
    """A's hidden utility for B without the noise term (see the module docstring)."""
    u = BASE.get(a.sex, 0.0) - truth.selectivity[a.member_id] + W_ATTRACT * truth.attractiveness[b.member_id]
    u += W_TASTE * float(truth.taste[a.member_id] @ truth.traits[b.member_id]) / np.sqrt(K_TRAITS)
    if a.age is not None and b.age is not None:
        u -= W_AGE * abs(b.age - (a.age + AGE_OFFSET.get(a.sex, 0.0)))
    if a.education_rank >= 0 and b.education_rank >= 0:
        gap = a.education_rank - b.education_rank
        u -= W_EDU_UP * max(gap, 0) if a.sex == 2 else W_EDU * abs(gap)
    u -= W_KM * (district_km(a.district_code, b.district_code) or 0.0)
    if a.employer and a.employer == b.employer:
        u -= W_SAME_UNIT
    for problem in requirement_problems(a, b):
        u -= BROKEN_PENALTY[a.importance(problem)]
    return u


def true_yes_probability(truth: SyntheticTruth, a: MatchProfile, b: MatchProfile) -> float:
    """P(A says yes to B) under the hidden truth: the best any model could know (the bench's
    upper bound)."""
    return float(1.0 / (1.0 + np.exp(-true_utility(truth, a, b) / NOISE)))


def _says_yes(truth: SyntheticTruth, a: MatchProfile, b: MatchProfile, rng: np.random.Generator) -> bool:
    return true_utility(truth, a, b) + NOISE * float(rng.logistic()) > 0


def _event_pairs(truth: SyntheticTruth, men: list[MatchProfile], women: list[MatchProfile], event_id: str,
                 rng: np.random.Generator) -> list[LabelledPairRow]:  # fmt: skip
    out = []
    for m in men:
        for w in women:
            a, b = _says_yes(truth, m, w, rng), _says_yes(truth, w, m, rng)
            out.append(LabelledPairRow(m.member_id, w.member_id, None, "event", event_id, a_yes=a, b_yes=b))
    return out


def _introductions(profiles: list[MatchProfile], truth: SyntheticTruth, n: int,
                   rng: np.random.Generator) -> list[LabelledPairRow]:  # fmt: skip
    by_id = {p.member_id: p for p in profiles}
    pool = MatchPool.from_profiles(profiles)
    introduced = PairSet()
    eligible = [p.member_id for p in profiles if not ineligibility_reasons(p)]
    out = []
    for i in range(n):
        me = eligible[int(rng.integers(len(eligible)))]
        rows = rank(pool, me, k=10, exclude_pairs=introduced)
        if not rows:
            continue
        other = rows[int(rng.integers(len(rows)))].member_id
        introduced.add(me, other)
        a, b = by_id[me], by_id[other]
        ya, yb = _says_yes(truth, a, b, rng), _says_yes(truth, b, a, rng)
        group = f"intro-{i:05d}"
        out.append(LabelledPairRow(me, other, None, "introduction", group, a_yes=ya, b_yes=yb))
        if ya and yb:
            dating = _says_yes(truth, a, b, rng) and _says_yes(truth, b, a, rng)
            out.append(LabelledPairRow(me, other, dating, "outcome", group))
    return out


def synthetic_dataset(
    *,
    n_members: int = 2000,
    n_events: int = 60,
    men_per_event: int = 10,
    women_per_event: int = 10,
    n_introductions: int = 200,
    seed: int = 0,
) -> SyntheticDataset:
    """Members, events (everyone meets everyone of the other sex; both answers known) and
    introductions with their answers and outcomes (see the module docstring)."""
    rng = np.random.default_rng(seed)
    profiles, truth = _make_profiles(n_members, rng, all_eligible=False, open_rate=0.0)
    active = [p for p in profiles if p.status == "active" and p.age is not None]
    men = [p for p in active if p.sex == 1]
    women = [p for p in active if p.sex == 2]
    pairs: list[LabelledPairRow] = []
    events = []
    for e in range(n_events):
        centre = int(rng.integers(26, 41))
        m_pool = [p for p in men if abs(p.age - centre) <= 5]  # type: ignore[operator]
        w_pool = [p for p in women if abs(p.age - centre) <= 5]  # type: ignore[operator]
        m_pick = [m_pool[i] for i in rng.permutation(len(m_pool))[:men_per_event]]
        w_pick = [w_pool[i] for i in rng.permutation(len(w_pool))[:women_per_event]]
        event_id = f"event-{e:04d}"
        events.append((event_id, tuple(p.member_id for p in m_pick + w_pick)))
        pairs += _event_pairs(truth, m_pick, w_pick, event_id, rng)
    if n_introductions:
        pairs += _introductions(profiles, truth, n_introductions, rng)
    return SyntheticDataset(tuple(profiles), tuple(pairs), tuple(events), truth)
