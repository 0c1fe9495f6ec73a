"""Members and events for the events tests, made through the real services."""

from __future__ import annotations

from datetime import date, timedelta

from xzdesk.domain.events import service as ev
from xzdesk.domain.events.dto import AgeBandInfo, EventDraft
from xzdesk.domain.members import service as members
from xzdesk.domain.members.codes import Evidence, VerificationKind
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.identity import check_char
from xzdesk.domain.uow import unit_of_work

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
GIVEN = {1: "伟强磊军洋勇杰涛", 2: "芳娜敏静丽艳娟霞"}
EVENT_DAY = date(2026, 6, 20)
FACTS = (
    (VerificationKind.REAL_NAME, Evidence.ID_CARD_SEEN),
    (VerificationKind.UNION_MEMBERSHIP, Evidence.UNION_ROSTER),
    (VerificationKind.EMPLOYMENT, Evidence.UNION_ROSTER),
    (VerificationKind.DECLARATION, Evidence.SIGNED_FORM),
)


class People:
    """Makes distinct members: each call gets a fresh ID number and mobile."""

    def __init__(self) -> None:
        self.n = 0

    def draft(self, *, sex: int, age: int, district: str = "320302", employer: str | None = None,
              sector: str | None = None, nickname: str | None = None, name: str | None = None) -> MemberDraft:
        self.n += 1
        n = self.n
        # born in January, so the age holds for events from February on
        birth = date(EVENT_DAY.year - age, 1, 1) + timedelta(days=n % 28)
        seq = (n % 50) * 20 + (1 if sex == 1 else 2) + 2 * (n // 50 % 4)
        first17 = f"320302{birth:%Y%m%d}{seq:03d}"
        surname = SURNAMES[n % len(SURNAMES)]
        given = GIVEN[sex][n % len(GIVEN[sex])] + GIVEN[sex][(n // 8) % len(GIVEN[sex])]
        return MemberDraft(
            name=name or surname + given, id_number=first17 + check_char(first17), mobile=f"139{n:08d}",
            district_code=district, employer=employer, sector=sector, nickname=nickname,
        )

    def make(self, store, actor, *, status: str = "active", consents=("basic",), **kw) -> str:
        with unit_of_work(store, actor) as uow:
            info = members.register_member(uow, draft=self.draft(**kw), consents=consents)
            if status in ("verified", "active"):
                for kind, evidence in FACTS:
                    members.record_verification(uow, member_id=info.id, kind=kind, evidence=evidence)
            if status == "active":
                members.change_status(uow, member_id=info.id, status="active")
        return info.id

    def many(self, store, actor, *, men: int = 0, women: int = 0, age: int = 28, **kw) -> tuple[list[str], list[str]]:
        m = [self.make(store, actor, sex=1, age=age, **kw) for _ in range(men)]
        f = [self.make(store, actor, sex=2, age=age, **kw) for _ in range(women)]
        return m, f


def event_draft(**overrides) -> EventDraft:
    values = dict(
        name="五月花青年联谊会", kind="mixer", event_date=EVENT_DAY, start_time="14:30", end_time="17:00",
        venue="徐州市工人文化宫", capacity=20,
    )
    values.update(overrides)
    return EventDraft(**values)


def make_event(store, actor, *, status: str = "open", **overrides) -> str:
    with unit_of_work(store, actor) as uow:
        info = ev.create_event(uow, draft=event_draft(**overrides))
        if status != "draft":
            ev.change_event_status(uow, event_id=info.id, status="open")
        if status in ("closed", "held"):
            ev.change_event_status(uow, event_id=info.id, status=status)
    return info.id


__all__ = ["AgeBandInfo", "EVENT_DAY", "People", "event_draft", "make_event"]
