"""A quarter of union work (2025-Q3) made through the real services with fixed clocks, so that
every statistic has a known value:

- events held: 七月联谊会 (鼓楼区, 2025-07-10: 8 registered, 7 attended, 2 mutual pairs) and
  八月沙龙 (city, 2025-08-15: 6 attended, 1 mutual pair); outside the quarter: one held in May
  (2 attended) and one still open in September;
- introductions: #1 by the 鼓楼区 matchmaker, dating on 2025-07-20; #2 by the city matchmaker,
  dating on 2025-06-30 (before the quarter) and married on 2025-08-08; #3 by the city matchmaker,
  dating on 2025-09-01, no interest on 2025-09-10;
- new case files in the quarter: four on 2025-07-05, one at 23:00 on 2025-09-30 (Xuzhou time),
  one at 00:30 on 2025-10-01 (outside); everyone else registered in 2024;
- employers of the people served: 徐工集团 (also written with spaces), 徐州地铁, 中国矿业大学;
  base unions 徐工集团工会, 徐州地铁工会. The May attendee's employer is not served in the quarter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import update

from tests.domain.checkin._factory import make_venue
from tests.domain.events._factory import People
from tests.domain.privacy._world import add_staff
from xzdesk.domain.checkin import service as checkin
from xzdesk.domain.checkin.cards import enter_interest_card
from xzdesk.domain.events import service as ev
from xzdesk.domain.introductions import service as intro
from xzdesk.domain.members.models import Member
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.store.engine import Store
from xzdesk.domain.uow import ActorInfo, unit_of_work

PERIOD = "2025-Q3"


def at(y: int, m: int, d: int, h: int = 2, minute: int = 0) -> datetime:
    return datetime(y, m, d, h, minute, tzinfo=UTC)


@dataclass
class Quarter:
    city_mm: ActorInfo
    gulou_mm: ActorInfo
    people: dict[str, list[str]] = field(default_factory=dict)  # venue -> member ids (men then women)
    secrets: list[str] = field(default_factory=list)  # every member's name, ID, mobile, member number


def _set(store: Store, ids: list[str], **values) -> None:
    with store.write_session() as s, s.begin():
        s.execute(update(Member).where(Member.id.in_(ids)).values(**values))


def _hold(store: Store, actor: ActorInfo, venue, *, absent: int = 0, pairs: int = 0) -> list[str]:
    regs = [*venue.men, *venue.women]
    with unit_of_work(store, actor) as uow:
        for reg in regs[: len(regs) - absent] if absent else regs:
            checkin.check_in_registration(uow, event_id=venue.event_id, registration_id=reg)
            ev.mark_attended(uow, registration_id=reg)
        for i in range(pairs):
            enter_interest_card(uow, event_id=venue.event_id, card_plate=venue.plates[venue.men[i]],
                                ticked=[venue.plates[venue.women[i]]])  # fmt: skip
            enter_interest_card(uow, event_id=venue.event_id, card_plate=venue.plates[venue.women[i]],
                                ticked=[venue.plates[venue.men[i]]])  # fmt: skip
        if len(venue.men) > pairs and len(venue.women) > pairs:  # a one-way tick
            enter_interest_card(uow, event_id=venue.event_id, card_plate=venue.plates[venue.men[pairs]],
                                ticked=[venue.plates[venue.women[pairs]]])  # fmt: skip
        ev.change_event_status(uow, event_id=venue.event_id, status="closed")
        ev.change_event_status(uow, event_id=venue.event_id, status="held")
    return [venue.members[r] for r in regs]


def _introduce(store: Store, actor: ActorInfo, a: str, b: str, steps: list[tuple[str, datetime]]) -> str:
    intro_id = ""
    for step, when in steps:
        with unit_of_work(store, actor, clock=lambda when=when: when) as uow:
            if step == "propose":
                intro_id = intro.propose_introduction(uow, member_a=a, member_b=b).id
                for side in (a, b):
                    intro.record_response(uow, introduction_id=intro_id, member_id=side, accepted=True)
                intro.exchange_contacts(uow, introduction_id=intro_id)
                intro.record_meeting(uow, introduction_id=intro_id)
            else:
                intro.record_outcome(uow, introduction_id=intro_id, outcome=step)
    return intro_id


def build_quarter(store: Store, city_mm: ActorInfo) -> Quarter:
    people = People()
    gulou_mm = add_staff(store, username="mm2", name="陈红娘", role=Role.MATCHMAKER, district="320302")
    q = Quarter(city_mm, gulou_mm)
    v1 = make_venue(store, city_mm, men=4, women=4, people=people, name="七月联谊会", event_date=date(2025, 7, 10),
                    district_code="320302")  # fmt: skip
    v2 = make_venue(store, city_mm, men=3, women=3, people=people, name="八月沙龙", event_date=date(2025, 8, 15))
    v3 = make_venue(store, city_mm, men=1, women=1, people=people, name="五月户外", event_date=date(2025, 5, 1))
    v4 = make_venue(store, city_mm, men=1, women=1, people=people, name="九月专场", event_date=date(2025, 9, 20))
    # absent=1 leaves out the last registration (women[3]) of the July event
    q.people["v1"] = _hold(store, city_mm, v1, absent=1, pairs=2)
    q.people["v2"] = _hold(store, city_mm, v2, pairs=1)
    q.people["v3"] = _hold(store, city_mm, v3)
    q.people["v4"] = [v4.members[r] for r in (*v4.men, *v4.women)]
    every = [m for ms in q.people.values() for m in ms]
    v1m, v2m = q.people["v1"], q.people["v2"]  # men first: v1 men 0-3, women 4-7; v2 men 0-2, women 3-5
    _introduce(store, gulou_mm, v1m[0], v1m[4], [("propose", at(2025, 7, 12)), ("dating", at(2025, 7, 20))])
    _introduce(store, city_mm, v2m[1], v2m[4], [("propose", at(2025, 6, 1)), ("dating", at(2025, 6, 30)),
                                                ("married", at(2025, 8, 8))])  # fmt: skip
    _introduce(store, city_mm, v2m[2], v2m[5], [("propose", at(2025, 8, 20)), ("dating", at(2025, 9, 1)),
                                                ("no_interest", at(2025, 9, 10))])  # fmt: skip
    _set(store, every, created_at=at(2024, 1, 1))
    _set(store, [v1m[5], v1m[6], v1m[7], v2m[3]], created_at=at(2025, 7, 5))
    _set(store, [v1m[1]], created_at=at(2025, 9, 30, 15))  # 23:00 on 09-30 in Xuzhou
    _set(store, [v1m[2]], created_at=at(2025, 9, 30, 16, 30))  # 00:30 on 10-01 in Xuzhou
    _set(store, v1m, employer="徐工集团", base_union="徐工集团工会")
    _set(store, [v1m[3]], employer=" 徐工 集团 ")
    _set(store, v2m, employer="徐州地铁", base_union="徐州地铁工会")
    _set(store, [v2m[0]], employer="中国矿业大学")
    _set(store, q.people["v3"], employer="江苏师范大学", base_union="江苏师范大学工会")
    with store.read() as s:
        for m in s.query(Member).filter(Member.id.in_(every)):
            q.secrets += [m.name, m.id_number, m.mobile, m.member_no]
    return q
