"""An event with approved registrations, a seat plan and its venue roster, made through the real
services; extra stores (venue laptops) from the migrated template."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select

from tests.accounts import add_account
from tests.conftest import TEST_KEY
from tests.domain.events._factory import People, make_event
from xzdesk.domain.checkin import service
from xzdesk.domain.checkin.models import CheckinRoster
from xzdesk.domain.events import service as ev
from xzdesk.domain.events.models import EventRegistration, EventSeat, EventTable
from xzdesk.domain.store.engine import Store
from xzdesk.domain.store.models import LocalMeta
from xzdesk.domain.uow import ActorInfo, unit_of_work

CONSENTS = ("basic", "share_profile", "matching")
PEOPLE = People()  # one counter for the whole run: every person made is distinct


@dataclass
class Venue:
    event_id: str
    men: list[str]  # registration ids, plate order
    women: list[str]
    members: dict[str, str] = field(default_factory=dict)  # registration id -> member id
    tokens: dict[str, str] = field(default_factory=dict)  # registration id -> token
    plates: dict[str, str] = field(default_factory=dict)  # registration id -> plate

    def by_plate(self, plate: str) -> str:
        return next(r for r, p in self.plates.items() if p == plate)


def make_venue(store: Store, actor, *, men: int = 3, women: int = 3, people: People | None = None,
               tables: int = 2, publish: bool = True, **event_kw) -> Venue:  # fmt: skip
    """`publish=False` leaves the roster to follow the registrations by itself (no publish step)."""
    people = people or PEOPLE
    m_ids, f_ids = people.many(store, actor, men=men, women=women, consents=CONSENTS)
    event_id = make_event(store, actor, **event_kw)
    with unit_of_work(store, actor) as uow:
        ev.invite_members(uow, event_id=event_id, member_ids=[*m_ids, *f_ids])
        table_ids = []
        for i in range(tables):
            t = EventTable(event_id=event_id, label=f"{i + 1}", shape="round", capacity=10, position=i,
                           locked_seats=[], created_at=uow.now)  # fmt: skip
            uow.session.add(t)
            uow.session.flush()
            table_ids.append(t.id)
        regs = uow.session.execute(select(EventRegistration).where(EventRegistration.event_id == event_id)).scalars().all()
        for i, reg in enumerate(sorted(regs, key=lambda r: r.plate or "")):
            uow.session.add(EventSeat(event_id=event_id, registration_id=reg.id, member_id=reg.member_id,
                                      table_id=table_ids[i % tables] if tables else None, seat_index=i // max(1, tables),
                                      updated_at=uow.now))  # fmt: skip
        if publish:
            service.publish_roster(uow, event_id=event_id)
    with store.read() as s:
        regs = s.execute(select(EventRegistration).where(EventRegistration.event_id == event_id)).scalars().all()
        by_member = {r.member_id: r for r in regs}
        venue = Venue(event_id, [by_member[m].id for m in m_ids], [by_member[f].id for f in f_ids])
        for r in regs:
            venue.members[r.id] = r.member_id
            venue.tokens[r.id] = r.token
            venue.plates[r.id] = r.plate
    return venue


def roster_row(store: Store, registration_id: str) -> CheckinRoster:
    with store.read() as s:
        return s.get(CheckinRoster, registration_id)


def open_laptop(template: Path, folder: Path, name: str) -> Store:
    """Another laptop: a copy of the migrated template with its own device id."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.db"
    shutil.copy2(template, path)
    s = Store.open(path, key=TEST_KEY)
    with s.write_session() as session, session.begin():
        session.execute(delete(LocalMeta).where(LocalMeta.key == "device_id"))
    s.close()
    return Store.open(path, key=TEST_KEY)


def staff_actor(store: Store, *, username: str, role: str = "event_staff", district: str | None = None) -> ActorInfo:
    """A staff account on `store`, made by the administrator (created first if needed)."""
    return add_account(store, username=username, role=role, district_code=district)
