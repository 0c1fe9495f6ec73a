"""A member with something in every area, made through the real services: case file with
consents, verification facts, a note and follow-ups; an introduction that reached dating; an event
with seats, a published roster, a check-in, interest cards (a mutual pair), attendance; a pair
block; an unmasked view by a matchmaker (audited). Plus staff of every role."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from tests.domain.checkin._factory import make_venue
from tests.domain.events._factory import People
from xzdesk.domain.checkin import service as checkin
from xzdesk.domain.checkin.cards import enter_interest_card
from xzdesk.domain.events import service as ev
from xzdesk.domain.introductions import service as intro
from xzdesk.domain.members import service as members
from xzdesk.domain.members.models import Member
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.staff.models import Staff
from xzdesk.domain.store.engine import Store
from xzdesk.domain.uow import ActorInfo, unit_of_work

CONSENTS = ("basic", "sensitive", "share_profile", "matching")


@dataclass
class World:
    matchmaker: ActorInfo
    officer: ActorInfo
    auditor: ActorInfo
    admin: ActorInfo
    member_id: str  # the rich one
    partner_id: str  # introduced to the member (dating)
    other_ids: list[str] = field(default_factory=list)  # everyone else at the event
    event_id: str = ""
    introduction_id: str = ""
    secrets: dict[str, str] = field(default_factory=dict)  # the member's name, ID number, mobile, member no


def add_staff(store: Store, *, username: str, name: str, role: Role, district: str | None = None) -> ActorInfo:
    with unit_of_work(store, None) as uow:
        staff = Staff(username=username, display_name=name, role=role.value, district_code=district, active=True,
                      created_at=uow.now)  # fmt: skip
        uow.session.add(staff)
        uow.session.flush()
        return ActorInfo(staff.id, role, district, name)


def build_world(store: Store, matchmaker: ActorInfo, *, people: People | None = None) -> World:
    people = people or People()
    officer = add_staff(store, username="po", name="周隐私", role=Role.PRIVACY_OFFICER)
    auditor = add_staff(store, username="au", name="吴审计", role=Role.AUDITOR)
    admin = add_staff(store, username="ua", name="郑管理", role=Role.UNION_ADMIN)
    venue = make_venue(store, matchmaker, men=3, women=3, people=people, tables=2, status="open")
    member_id = venue.members[venue.men[0]]
    partner_id = venue.members[venue.women[0]]
    with unit_of_work(store, matchmaker) as uow:
        for mid in (member_id, partner_id):
            for ctype in CONSENTS:
                members.grant_consent(uow, member_id=mid, type=ctype, channel="in_person")
        members.add_note(uow, member_id=member_id, body="喜欢安静，周末常去图书馆")
        from datetime import timedelta

        members.add_follow_up(uow, member_id=member_id, due_date=uow.today() + timedelta(days=7), title="电话回访")
        members.reveal_member(uow, member_id=member_id, fields=("mobile",), reason="联系本人确认活动")
    # the venue: check-in, interest cards (member and partner tick each other), attendance, held
    with unit_of_work(store, matchmaker) as uow:
        for reg in (*venue.men, *venue.women):
            checkin.check_in_registration(uow, event_id=venue.event_id, registration_id=reg)
        enter_interest_card(uow, event_id=venue.event_id, card_plate=venue.plates[venue.men[0]],
                            ticked=[venue.plates[venue.women[0]], venue.plates[venue.women[1]]])  # fmt: skip
        enter_interest_card(uow, event_id=venue.event_id, card_plate=venue.plates[venue.women[0]],
                            ticked=[venue.plates[venue.men[0]]])  # fmt: skip
        for reg in (*venue.men, *venue.women):
            ev.mark_attended(uow, registration_id=reg)
        ev.change_event_status(uow, event_id=venue.event_id, status="closed")
        ev.change_event_status(uow, event_id=venue.event_id, status="held")
    # the introduction: proposed, both accept, contacts, met, dating
    with unit_of_work(store, matchmaker) as uow:
        info = intro.propose_introduction(uow, member_a=member_id, member_b=partner_id)
        for side in (member_id, partner_id):
            intro.record_response(uow, introduction_id=info.id, member_id=side, accepted=True)
        intro.exchange_contacts(uow, introduction_id=info.id)
        intro.record_meeting(uow, introduction_id=info.id)
        intro.record_outcome(uow, introduction_id=info.id, outcome="dating")
        other = venue.members[venue.women[1]]
        intro.block_pair(uow, member_id=member_id, other_member_id=other, reason="colleagues")
    with store.read() as s:
        m = s.get(Member, member_id)
        secrets = {"name": m.name, "id_number": m.id_number, "mobile": m.mobile, "member_no": m.member_no}
        others = [mid for mid in venue.members.values() if mid not in (member_id, partner_id)]
        assert s.execute(select(Member.id).where(Member.id.in_(others))).all()
    return World(matchmaker, officer, auditor, admin, member_id, partner_id, others, venue.event_id, info.id, secrets)
