"""The active pool as arrays: who could take part in events now (status active or verified, not
flagged, basic consent in force), in the actor's scope, with what demand, balance, the
not-served list and the suggestions' audiences are computed from. No names are loaded here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from xzdesk.domain.analytics.codes import AGE_BANDS, DEFAULT_AGE_SPREAD
from xzdesk.domain.events._state import basic_consents
from xzdesk.domain.events.codes import ELIGIBLE_MEMBER_STATUSES
from xzdesk.domain.events.models import EventRegistration
from xzdesk.domain.members.identity import age_on
from xzdesk.domain.members.models import Member
from xzdesk.domain.progress import NEVER_CANCELLED, CancelToken
from xzdesk.domain.uow import CHINA_TZ

CHUNK = 900


def band_label(lo: int, hi: int) -> str:
    return f"{lo}-{hi}"


def band_of(age: int) -> str | None:
    for lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            return band_label(lo, hi)
    return None


@dataclass(frozen=True)
class PoolArrays:
    """One entry per member of the pool (same order in every array)."""

    ids: tuple[str, ...]
    sex: np.ndarray  # int
    age: np.ndarray  # int, years today
    district: tuple[str, ...]
    sector: tuple[str | None, ...]
    hobbies: tuple[tuple[str, ...], ...]
    want_lo: np.ndarray  # the partner age range each one states (or the default spread)
    want_hi: np.ndarray
    last_offered: tuple[date | None, ...]  # last registration of any kind (invited or signed up)

    def __len__(self) -> int:
        return len(self.ids)

    def bands(self) -> list[str | None]:
        return [band_of(int(a)) for a in self.age]


def load_pool(session: Session, *, today: date, district: str | None,
              cancel: CancelToken = NEVER_CANCELLED) -> PoolArrays:  # fmt: skip
    query = select(Member.id, Member.sex, Member.birth_date, Member.district_code, Member.sector, Member.hobbies,
                   Member.req_age_min, Member.req_age_max).where(
        Member.status.in_(sorted(ELIGIBLE_MEMBER_STATUSES)), Member.fraud_flag.is_(False))  # fmt: skip
    if district:
        query = query.where(Member.district_code == district)
    rows = list(session.execute(query.order_by(Member.member_no)))
    cancel.check()
    consenting = basic_consents(session, [r.id for r in rows])
    rows = [r for r in rows if r.id in consenting]
    last: dict[str, date] = {}
    ids = [r.id for r in rows]
    for start in range(0, len(ids), CHUNK):
        cancel.check()
        part = ids[start : start + CHUNK]
        for member_id, at in session.execute(
            select(EventRegistration.member_id, func.max(EventRegistration.requested_at))
            .where(EventRegistration.member_id.in_(part)).group_by(EventRegistration.member_id)
        ):  # fmt: skip
            if at is not None:
                last[member_id] = at.astimezone(CHINA_TZ).date()
    ages = np.array([age_on(r.birth_date, today) for r in rows], dtype=np.int32)
    lo = np.array([r.req_age_min if r.req_age_min else -1 for r in rows], dtype=np.int32)
    hi = np.array([r.req_age_max if r.req_age_max else -1 for r in rows], dtype=np.int32)
    lo = np.where(lo < 0, ages - DEFAULT_AGE_SPREAD, lo)
    hi = np.where(hi < 0, ages + DEFAULT_AGE_SPREAD, hi)
    return PoolArrays(
        ids=tuple(ids), sex=np.array([int(r.sex) for r in rows], dtype=np.int8), age=ages,
        district=tuple(r.district_code for r in rows), sector=tuple(r.sector for r in rows),
        hobbies=tuple(tuple(r.hobbies or ()) for r in rows), want_lo=lo, want_hi=hi,
        last_offered=tuple(last.get(i) for i in ids),
    )  # fmt: skip


def fitting_partners(pool: PoolArrays, members: np.ndarray, *, same_district: bool = True) -> tuple[int, np.ndarray]:
    """For the pool indices `members` (one sex): the distinct people of the other sex whose age
    fits both ways with at least one of them, and each member's count of such people."""
    if members.size == 0:
        return 0, np.zeros(0, dtype=np.int32)
    sex = int(pool.sex[members[0]])
    others = np.flatnonzero(pool.sex != sex)
    if same_district:
        home = pool.district[int(members[0])]
        others = others[np.array([pool.district[int(j)] == home for j in others], dtype=bool)] if others.size else others
    if others.size == 0:
        return 0, np.zeros(members.size, dtype=np.int32)
    fits = (
        (pool.age[others][None, :] >= pool.want_lo[members][:, None])
        & (pool.age[others][None, :] <= pool.want_hi[members][:, None])
        & (pool.age[members][:, None] >= pool.want_lo[others][None, :])
        & (pool.age[members][:, None] <= pool.want_hi[others][None, :])
    )
    return int(fits.any(axis=0).sum()), fits.sum(axis=1).astype(np.int32)
