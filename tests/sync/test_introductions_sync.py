"""Introductions across laptops: one row per pair, pairs across districts, server-checked stages."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests.server.api import resident_id
from tests.sync.harness import Laptop, LaptopFactory, add_user
from xzdesk.domain.introductions.models import Introduction
from xzdesk.domain.introductions.service import propose_introduction, record_response
from xzdesk.domain.members import service as members
from xzdesk.domain.members.codes import Evidence, VerificationKind
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.store.sync_state import SyncRejected
from xzdesk.server.models import Record
from xzdesk.server.runner import ServerThread

FACTS = ((VerificationKind.REAL_NAME, Evidence.ID_CARD_SEEN), (VerificationKind.UNION_MEMBERSHIP, Evidence.UNION_ROSTER),
         (VerificationKind.EMPLOYMENT, Evidence.UNION_ROSTER), (VerificationKind.DECLARATION, Evidence.SIGNED_FORM))  # fmt: skip


def matchable(laptop: Laptop, *, seq: int, sex: int, district: str) -> str:
    """An active, verified member consenting to matching and to sharing the profile."""
    birth = "19900101"
    draft = MemberDraft(name=("王强" if sex == 1 else "李娜"), mobile=f"137{seq:08d}", district_code=district,
                        id_number=resident_id(birth=birth, seq=f"{seq % 500 * 2 + (1 if sex == 1 else 0):03d}",
                                              region="320302"))  # fmt: skip
    with laptop.uow() as uow:
        info = members.register_member(uow, draft=draft, consents=("basic", "share_profile", "matching"))
        for kind, evidence in FACTS:
            members.record_verification(uow, member_id=info.id, kind=kind, evidence=evidence)
        members.change_status(uow, member_id=info.id, status="active")
    return info.id


def pairs(laptop: Laptop) -> list[tuple[str, str, str]]:
    with laptop.store.read() as s:
        return [(i.member_a_id, i.member_b_id, i.stage) for i in s.execute(select(Introduction)).scalars()]


def sync(*laptops: Laptop) -> None:
    for laptop in laptops:
        assert laptop.engine.sync_once().error is None


def test_same_pair_proposed_on_two_laptops_offline_is_one_introduction(server: ServerThread, laptops: LaptopFactory):
    add_user(server, "one", district="320302")
    add_user(server, "two", district="320302")
    one, two = laptops.make(server.url, "one"), laptops.make(server.url, "two")
    man = matchable(one, seq=1, sex=1, district="320302")
    woman = matchable(one, seq=2, sex=2, district="320302")
    sync(one, two)
    for laptop in (one, two):  # both propose the same pair while offline
        with laptop.uow() as uow:
            propose_introduction(uow, member_a=man, member_b=woman)
    sync(one, two, one, two)
    assert len(pairs(one)) == 1 and len(pairs(two)) == 1
    assert pairs(one) == pairs(two)


def test_pair_across_districts_reaches_both_districts(server: ServerThread, laptops: LaptopFactory):
    add_user(server, "gulou", district="320302")
    add_user(server, "yunlong", district="320303")
    add_user(server, "city", district=None)
    gulou, yunlong, city = (laptops.make(server.url, u) for u in ("gulou", "yunlong", "city"))
    man = matchable(gulou, seq=3, sex=1, district="320302")
    woman = matchable(yunlong, seq=4, sex=2, district="320303")
    sync(gulou, yunlong, city)
    with city.uow() as uow:
        propose_introduction(uow, member_a=man, member_b=woman)
    sync(city, gulou, yunlong)
    assert len(pairs(gulou)) == 1 and len(pairs(yunlong)) == 1


def test_server_refuses_a_stage_jump_pushed_past_the_services(server: ServerThread, laptops: LaptopFactory):
    add_user(server, "a2", district="320302")
    laptop = laptops.make(server.url, "a2")
    man = matchable(laptop, seq=5, sex=1, district="320302")
    woman = matchable(laptop, seq=6, sex=2, district="320302")
    with laptop.uow() as uow:
        info = propose_introduction(uow, member_a=man, member_b=woman)
    sync(laptop)
    with laptop.uow() as uow:  # a laptop bypassing the services cannot skip to "married"
        uow.session.get(Introduction, info.id).stage = "married"
    laptop.engine.sync_once()
    with laptop.store.read() as s:
        codes = [r.code for r in s.execute(select(SyncRejected)).scalars()]
    assert "introductions.bad_transition" in codes or "sync.bad_transition" in codes
    with server.app.state.db.read() as s:
        assert json.loads(s.get(Record, ("introduction", info.id)).fields)["stage"] == "proposed"


def test_the_second_acceptance_moves_the_introduction_on_the_server(server: ServerThread, laptops: LaptopFactory):
    """Both answers and the move to `accepted` they lead to pass the server's transition validator
    (end to end: the laptop's outbox, the push, the pure merge rule, the pull)."""
    add_user(server, "a3", district="320302")
    laptop = laptops.make(server.url, "a3")
    man = matchable(laptop, seq=7, sex=1, district="320302")
    woman = matchable(laptop, seq=8, sex=2, district="320302")
    with laptop.uow() as uow:
        info = propose_introduction(uow, member_a=man, member_b=woman)
    sync(laptop)
    with laptop.uow() as uow:
        record_response(uow, introduction_id=info.id, member_id=man, accepted=True)
    sync(laptop)
    with laptop.uow() as uow:
        assert record_response(uow, introduction_id=info.id, member_id=woman, accepted=True).stage == "accepted"
    sync(laptop)
    with laptop.store.read() as s:
        assert [(r.code, r.params) for r in s.execute(select(SyncRejected)).scalars()] == []
    with server.app.state.db.read() as s:
        fields = json.loads(s.get(Record, ("introduction", info.id)).fields)
    assert (fields["stage"], fields["a_response"], fields["b_response"]) == ("accepted", "accepted", "accepted")
    assert pairs(laptop)[0][2] == "accepted"  # the laptop keeps what the server took
