"""Small profile factory for matching tests: eligible, active, verified, consenting."""

from __future__ import annotations

from typing import Any

from xzdesk.domain.matching import MatchProfile


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
