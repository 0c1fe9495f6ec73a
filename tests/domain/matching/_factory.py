"""Small profile factory for matching tests: eligible, active, verified, consenting."""

from __future__ import annotations

from typing import Any

import numpy as np

from xzdesk.domain.matching import LabelledPairRow, MatchProfile


def person(member_id: str, sex: int, **kw: Any) -> MatchProfile:
    base: dict[str, Any] = {
        "age": 30,
        "height_cm": 170 if sex == 1 else 160,
        "education": 21,
        "district_code": "320311",
        "status": "active",
        "verified": True,
        "consent_matching": True,
    }
    base.update(kw)
    return MatchProfile(member_id=member_id, sex=sex, **base)


def planted(n_people: int = 240, n_events: int = 40, seed: int = 4):
    """Men say yes to women younger than themselves, women to men of 175 cm or more; nothing
    else matters (10 % of answers flipped). Nobody states a requirement."""
    rng = np.random.default_rng(seed)
    profiles = [
        person(f"p{i:03d}", 1 + i % 2, age=int(rng.integers(24, 40)),
               height_cm=int(rng.normal(174, 6)) if i % 2 == 0 else int(rng.normal(161, 5)))
        for i in range(n_people)
    ]  # fmt: skip
    men = [p for p in profiles if p.sex == 1]
    women = [p for p in profiles if p.sex == 2]

    def noisy(x: bool) -> bool:
        return x if rng.random() > 0.1 else not x

    pairs = []
    for g in range(n_events):
        for i in rng.choice(len(men), 8, replace=False):
            for j in rng.choice(len(women), 8, replace=False):
                m, w = men[i], women[j]
                pairs.append(LabelledPairRow(m.member_id, w.member_id, None, "event", f"e{g:02d}",
                                             a_yes=noisy(w.age < m.age), b_yes=noisy(m.height_cm >= 175)))  # fmt: skip
    return profiles, pairs
