"""A withdrawn consent ends the introductions it makes impossible, on the laptop as online
(introductions.codes.ENDED_BY_WITHDRAWAL): without sharing the profile, a pair that has not
exchanged contacts cannot go on; later stages and other consents leave introductions alone."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.domain.introductions._people import make_member
from xzdesk.domain.introductions import service
from xzdesk.domain.introductions.codes import ENDED_BY_WITHDRAWAL, Stage
from xzdesk.domain.introductions.models import Introduction
from xzdesk.domain.members import service as members
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.uow import unit_of_work


def _pair(store, matchmaker, *steps: str) -> tuple[str, str, str]:
    man = make_member(store, matchmaker, sex=1)
    woman = make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker) as uow:
        intro = service.propose_introduction(uow, member_a=man, member_b=woman)
        for step in steps:
            if step == "accept":
                for side in (man, woman):
                    service.record_response(uow, introduction_id=intro.id, member_id=side, accepted=True)
            elif step == "exchange":
                service.exchange_contacts(uow, introduction_id=intro.id)
    return man, woman, intro.id


def _intro(store, intro_id: str) -> Introduction:
    with store.read() as s:
        row = s.get(Introduction, intro_id)
        s.expunge(row)
        return row


@pytest.mark.parametrize(("steps", "ended"), [((), True), (("accept",), True), (("accept", "exchange"), False)])
def test_withdrawing_profile_sharing_ends_introductions_before_contacts(store, matchmaker, steps, ended):
    man, woman, intro_id = _pair(store, matchmaker, *steps)
    before = _intro(store, intro_id).stage
    with unit_of_work(store, matchmaker) as uow:
        members.withdraw_consent(uow, member_id=woman, type="share_profile")
    intro = _intro(store, intro_id)
    if ended:
        assert intro.stage == Stage.WITHDRAWN and intro.withdraw_reason == "consent_withdrawn"
        assert intro.closed_at is not None
    else:
        assert intro.stage == before == Stage.CONTACTS_EXCHANGED and intro.withdraw_reason is None
    with store.read() as s:
        actions = [(a, m) for a, m in s.execute(select(AuditEntry.action, AuditEntry.member_id)).all()]
        assert (("introduction.withdrawn", man) in actions) is ended and (("introduction.withdrawn", woman) in actions) is ended
        assert ("consent.withdraw", woman) in actions
        assert verify_chain(s).intact


def test_other_consents_leave_introductions_alone(store, matchmaker):
    _man, woman, intro_id = _pair(store, matchmaker)
    with unit_of_work(store, matchmaker) as uow:
        for ctype in ("matching", "sensitive"):
            members.withdraw_consent(uow, member_id=woman, type=ctype)
    assert _intro(store, intro_id).stage == Stage.PROPOSED
    assert set(ENDED_BY_WITHDRAWAL) == {"basic", "share_profile"}
