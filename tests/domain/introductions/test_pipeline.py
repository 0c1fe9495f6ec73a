"""The introduction pipeline on a real store: every transition allowed and forbidden, answers,
outcomes and member status, outbox and audit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from tests.domain.introductions._people import make_member
from xzdesk.domain.errors import PermissionDenied, XzError
from xzdesk.domain.introductions import service
from xzdesk.domain.introductions.codes import Stage
from xzdesk.domain.introductions.models import (
    TRANSITIONS,
    UNDO_TRANSITIONS,
    Introduction,
    validate_transition,
)
from xzdesk.domain.members import service as members
from xzdesk.domain.members.codes import MemberStatus
from xzdesk.domain.privacy.audit import verify_chain
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.staff.codes import Role
from xzdesk.domain.store.models import OutboxRow
from xzdesk.domain.uow import unit_of_work

# How to bring a fresh introduction to each stage (after proposing or event entry).
PATHS: dict[Stage, tuple[str, ...]] = {
    Stage.PROPOSED: (),
    Stage.MUTUAL_INTEREST: (),
    Stage.ACCEPTED: ("accept_a", "accept_b"),
    Stage.DECLINED: ("decline_a",),
    Stage.CONTACTS_EXCHANGED: ("accept_a", "accept_b", "exchange"),
    Stage.MET: ("accept_a", "accept_b", "exchange", "met"),
    Stage.WITHDRAWN: ("withdraw",),
    **{o: ("accept_a", "accept_b", "exchange", "met", o.value) for o in
       (Stage.NO_INTEREST, Stage.CONTINUE, Stage.DATING, Stage.ENGAGED, Stage.MARRIED)},
}  # fmt: skip
# The action that attempts each target stage.
ATTEMPT: dict[Stage, tuple[str, ...]] = {
    Stage.ACCEPTED: ("accept_a", "accept_b"),
    Stage.DECLINED: ("decline_a",),
    Stage.CONTACTS_EXCHANGED: ("exchange",),
    Stage.MET: ("met",),
    Stage.WITHDRAWN: ("withdraw",),
    **{o: (o.value,) for o in (Stage.NO_INTEREST, Stage.CONTINUE, Stage.DATING, Stage.ENGAGED, Stage.MARRIED)},
}


def act(uow, intro_id: str, step: str, man: str, woman: str) -> None:
    ops: dict[str, Callable[[], object]] = {
        "accept_a": lambda: service.record_response(uow, introduction_id=intro_id, member_id=man, accepted=True),
        "accept_b": lambda: service.record_response(uow, introduction_id=intro_id, member_id=woman, accepted=True),
        "decline_a": lambda: service.record_response(uow, introduction_id=intro_id, member_id=man, accepted=False),
        "exchange": lambda: service.exchange_contacts(uow, introduction_id=intro_id),
        "met": lambda: service.record_meeting(uow, introduction_id=intro_id),
        "withdraw": lambda: service.withdraw_introduction(uow, introduction_id=intro_id),
    }
    if step in ops:
        ops[step]()
    else:
        service.record_outcome(uow, introduction_id=intro_id, outcome=step)


def stage_of(store, intro_id: str) -> str:
    with store.read() as s:
        return s.get(Introduction, intro_id).stage


def test_no_transition_leads_into_an_entry_stage():
    targets = set().union(*TRANSITIONS.values())
    assert Stage.PROPOSED not in targets and Stage.MUTUAL_INTEREST not in targets
    assert set(TRANSITIONS) == set(Stage)


@pytest.mark.parametrize("start", list(Stage), ids=lambda s: s.value)
def test_every_transition_from(start, store, matchmaker):
    """From `start`, each target succeeds exactly when TRANSITIONS allows it. Refused attempts
    roll back, so they all run on one introduction; each allowed one gets its own."""
    man = make_member(store, matchmaker, sex=1)
    allowed = [t for t in ATTEMPT if t in TRANSITIONS[start]]
    women = {key: make_member(store, matchmaker, sex=2) for key in ["refused", *allowed]}
    intros = {}
    with unit_of_work(store, matchmaker) as uow:
        for key, woman in women.items():
            if start == Stage.MUTUAL_INTEREST:
                info = service.create_from_mutual_interest(uow, event_id="e1", member_a=man, member_b=woman)
            else:
                info = service.propose_introduction(uow, member_a=man, member_b=woman)
            intros[key] = info.id
        for key, intro_id in intros.items():
            for step in PATHS[start]:
                act(uow, intro_id, step, man, women[key])
    for target in ATTEMPT:
        key = target if target in allowed else "refused"
        intro_id = intros[key]
        assert stage_of(store, intro_id) == start.value
        try:
            with unit_of_work(store, matchmaker) as uow:
                for step in ATTEMPT[target]:
                    act(uow, intro_id, step, man, women[key])
        except XzError as exc:
            assert target not in allowed, f"{start} -> {target} refused: {exc}"
            assert exc.code in ("introductions.bad_transition", "introductions.answers_closed")
            assert stage_of(store, intro_id) == start.value  # nothing half-written
        else:
            assert target in allowed, f"{start} -> {target} was accepted"
            assert stage_of(store, intro_id) == target.value


def test_validator_agrees_with_the_table():
    for start in Stage:
        for target in Stage:
            current = {"stage": start.value, "a_response": None, "b_response": None}
            answers = {}
            if start != target and target == Stage.ACCEPTED:
                answers = {"a_response": "accepted", "b_response": "accepted"}
            elif start != target and target == Stage.DECLINED:
                answers = {"a_response": "declined"}
            code = validate_transition(current, {"stage": target.value, **answers})
            # a decline may be undone (back to an entry stage, no declined answer left)
            expected = start == target or target in TRANSITIONS[start] or target in UNDO_TRANSITIONS.get(start, ())
            assert (code is None) == expected, (start, target, code)
    # accepted needs both answers; answers cannot change after the entry stages
    assert validate_transition({"stage": "proposed"}, {"stage": "accepted", "a_response": "accepted"})
    assert validate_transition({"stage": "proposed", "a_response": None}, {"a_response": "accepted"}) is None
    assert validate_transition({"stage": "met", "a_response": "accepted"}, {"a_response": "declined"}) == (
        "introductions.answers_closed"
    )


def test_answers_one_by_one(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker) as uow:
        info = service.propose_introduction(uow, member_a=woman, member_b=man, score=0.8)
    assert info.stage == "proposed" and info.score == 0.8 and info.source == "matchmaker"
    assert {info.a.member_id, info.b.member_id} == {man, woman}
    assert info.side_of(man).name_masked.endswith("*")
    with unit_of_work(store, matchmaker) as uow:
        info = service.record_response(uow, introduction_id=info.id, member_id=man, accepted=True)
    assert info.stage == "proposed" and info.side_of(man).response == "accepted" and info.side_of(woman).response is None
    with pytest.raises(XzError) as err:
        with unit_of_work(store, matchmaker) as uow:
            service.record_response(uow, introduction_id=info.id, member_id="someone-else", accepted=True)
    assert err.value.code == "introductions.not_a_side"
    with unit_of_work(store, matchmaker) as uow:
        info = service.record_response(uow, introduction_id=info.id, member_id=woman, accepted=False)
    assert info.stage == "declined" and info.closed_at is not None and info.next_stages == ()


def test_outbox_and_audit(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker) as uow:
        info = service.propose_introduction(uow, member_a=man, member_b=woman)
    a, b = sorted([man, woman])
    with store.read() as s:
        row = s.execute(select(OutboxRow).where(OutboxRow.entity == "introduction")).scalar_one()
        assert row.op == "insert" and row.entity_id == info.id and row.member_id == a
        assert row.fields["member_a_id"] == a and row.fields["member_b_id"] == b and row.fields["stage"] == "proposed"
        audits = s.execute(select(AuditEntry).where(AuditEntry.action == "introduction.proposed")).scalars().all()
        assert {e.member_id for e in audits} == {man, woman}
        assert verify_chain(s).intact


def test_sync_declarations():
    assert Introduction.__sync__ == "state_machine"
    assert Introduction.__member_column__ == "member_a_id" and Introduction.__member_refs__ == ("member_b_id",)
    assert Introduction.__state_field__ == "stage"
    assert Introduction.__transitions__["met"] == {o.value for o in TRANSITIONS[Stage.MET]}


def test_outcomes_move_member_status_where_allowed(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker) as uow:
        intro = service.propose_introduction(uow, member_a=man, member_b=woman).id
        for step in PATHS[Stage.MET]:
            act(uow, intro, step, man, woman)
        members.change_status(uow, member_id=woman, status=MemberStatus.WITHDRAWN)
        result = service.record_outcome(uow, introduction_id=intro, outcome="dating")
    changes = {c.member_id: c for c in result.status_changes}
    assert changes[man].applied and changes[man].new_status == "in_relationship"
    assert not changes[woman].applied and changes[woman].old_status == "withdrawn"
    with unit_of_work(store, matchmaker) as uow:
        assert members.member_info(uow, man).status == "in_relationship"
        assert members.member_info(uow, woman).status == "withdrawn"
        result = service.record_outcome(uow, introduction_id=intro, outcome="married")
        assert members.member_info(uow, man).status == "married"
    assert result.introduction.stage == "married" and result.introduction.closed_at is not None


def test_married_straight_after_meeting_goes_through_in_relationship(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker) as uow:
        intro = service.propose_introduction(uow, member_a=man, member_b=woman).id
        for step in PATHS[Stage.MET]:
            act(uow, intro, step, man, woman)
        result = service.record_outcome(uow, introduction_id=intro, outcome="married")
    assert all(c.applied and c.new_status == "married" for c in result.status_changes)
    with store.read() as s:
        actions = [e.action for e in s.execute(select(AuditEntry).where(AuditEntry.member_id == man)).scalars()]
    assert actions.index("member.status.in_relationship") < actions.index("member.status.married")


def test_not_an_outcome_and_future_meeting(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker) as uow:
        intro = service.propose_introduction(uow, member_a=man, member_b=woman).id
        for step in PATHS[Stage.CONTACTS_EXCHANGED]:
            act(uow, intro, step, man, woman)
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        service.record_outcome(uow, introduction_id=intro, outcome="withdrawn")
    assert err.value.code == "introductions.not_an_outcome"
    from datetime import timedelta

    with pytest.raises(XzError) as err2, unit_of_work(store, matchmaker) as uow:
        service.record_meeting(uow, introduction_id=intro, met_on=uow.today() + timedelta(days=1))
    assert err2.value.problems[0].code == "introductions.date_in_future"


def test_stale_base_version_is_refused(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker) as uow:
        intro = service.propose_introduction(uow, member_a=man, member_b=woman)
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        service.withdraw_introduction(uow, introduction_id=intro.id, base_version=intro.version + 1)
    assert err.value.code == "introductions.stale"


def test_permissions_and_scope(store, matchmaker, staff_factory):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    venue = staff_factory("venue", Role.EVENT_STAFF)
    with pytest.raises(PermissionDenied), unit_of_work(store, venue) as uow:
        service.propose_introduction(uow, member_a=man, member_b=woman)
    other_district = staff_factory("gulou", Role.MATCHMAKER, "320302")  # members live in 320311
    with pytest.raises(XzError) as err, unit_of_work(store, other_district) as uow:
        service.propose_introduction(uow, member_a=man, member_b=woman)
    assert err.value.code == "introductions.not_in_scope"


def test_erasing_either_member_purges_the_introduction_and_its_outbox(store, matchmaker):
    from xzdesk.domain.introductions.models import PairBlock
    from xzdesk.domain.store.sync_state import erase_member

    man, woman, other = (make_member(store, matchmaker, sex=s) for s in (1, 2, 2))
    with unit_of_work(store, matchmaker) as uow:
        first = service.propose_introduction(uow, member_a=man, member_b=woman).id
        second = service.propose_introduction(uow, member_a=man, member_b=other).id
        service.block_pair(uow, member_id=other, other_member_id=woman)
    erased = woman if woman == max(man, woman) else man  # the one stored as member_b of `first`
    erase_member(store, erased)
    with store.read() as s:
        left = set(s.execute(select(Introduction.id)).scalars())
        assert first not in left
        assert not s.execute(select(OutboxRow).where(OutboxRow.entity_id == first)).first()
        assert (second in left) == (erased != man)
        if erased == woman:
            assert not s.execute(select(PairBlock)).first()
