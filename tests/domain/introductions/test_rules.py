"""Who may be introduced: consent, fraud flag, status, already introduced, blocks, warnings."""

from __future__ import annotations

import pytest

from tests.domain.introductions._people import make_member
from xzdesk.domain.errors import XzError
from xzdesk.domain.introductions import service
from xzdesk.domain.members import service as members
from xzdesk.domain.members.codes import ConsentType, MemberStatus
from xzdesk.domain.uow import unit_of_work

NO_SHARING = (ConsentType.BASIC, ConsentType.SENSITIVE, ConsentType.MATCHING)


def propose(store, actor, a, b):
    with unit_of_work(store, actor) as uow:
        return service.propose_introduction(uow, member_a=a, member_b=b)


def refused(store, actor, a, b) -> XzError:
    with pytest.raises(XzError) as err:
        propose(store, actor, a, b)
    return err.value


def member_no(store, actor, member_id):
    with unit_of_work(store, actor) as uow:
        return members.member_info(uow, member_id).member_no


def test_share_profile_consent_is_needed_on_both_sides(store, matchmaker):
    man = make_member(store, matchmaker, sex=1)
    woman = make_member(store, matchmaker, sex=2, consents=NO_SHARING)
    err = refused(store, matchmaker, man, woman)
    assert err.code == "introductions.consent_missing"
    assert err.params == {"member_no": member_no(store, matchmaker, woman), "type": "share_profile"}
    with unit_of_work(store, matchmaker) as uow:
        members.grant_consent(uow, member_id=woman, type=ConsentType.SHARE_PROFILE, channel="paper_form")
    assert propose(store, matchmaker, man, woman).stage == "proposed"


def test_fraud_flag_blocks_new_introductions(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker) as uow:
        members.set_fraud_flag(uow, member_id=man, flagged=True, reason="多次借钱")
    err = refused(store, matchmaker, woman, man)
    assert err.code == "introductions.fraud_flag" and err.params["member_no"] == member_no(store, matchmaker, man)
    with unit_of_work(store, matchmaker) as uow:
        members.set_fraud_flag(uow, member_id=man, flagged=False)
    propose(store, matchmaker, woman, man)


def test_flag_after_proposing_stops_acceptance_not_declining_and_a_withdrawn_consent_ends_it(store, matchmaker):
    man, woman, other = (make_member(store, matchmaker, sex=s) for s in (1, 2, 2))
    first = propose(store, matchmaker, man, woman).id
    second = propose(store, matchmaker, man, other).id
    with unit_of_work(store, matchmaker) as uow:
        members.withdraw_consent(uow, member_id=woman, type=ConsentType.SHARE_PROFILE)
        members.set_fraud_flag(uow, member_id=other, flagged=True, reason="可疑")
    # Without sharing the profile the proposal cannot go on: it ends at once (withdrawn, reason given).
    with unit_of_work(store, matchmaker) as uow:
        ended = service.introduction_info(uow, first)
    assert ended.stage == "withdrawn" and ended.withdraw_reason == "consent_withdrawn"
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        service.record_response(uow, introduction_id=first, member_id=woman, accepted=False)
    assert err.value.code == "introductions.answers_closed"
    # A fraud flag stops accepting, not declining.
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        service.record_response(uow, introduction_id=second, member_id=man, accepted=True)
    assert err.value.code == "introductions.fraud_flag"
    with unit_of_work(store, matchmaker) as uow:
        info = service.record_response(uow, introduction_id=second, member_id=other, accepted=False)
    assert info.stage == "declined"


def test_only_active_members(store, matchmaker):
    man = make_member(store, matchmaker, sex=1, status=MemberStatus.PAUSED)
    woman = make_member(store, matchmaker, sex=2, status=MemberStatus.VERIFIED)
    err = refused(store, matchmaker, man, woman)
    assert err.code == "introductions.member_not_active" and err.params["status"] in ("paused", "verified")
    with unit_of_work(store, matchmaker) as uow:
        check = service.check_pair(uow, member_a=man, member_b=woman)
    assert {(p.code, p.member_id) for p in check.blocking} == {
        ("introductions.member_not_active", man), ("introductions.member_not_active", woman)
    }


def test_never_the_same_pair_twice_in_either_order(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    intro = propose(store, matchmaker, man, woman)
    err = refused(store, matchmaker, woman, man)
    assert err.code == "introductions.already_introduced" and err.params == {"stage": "proposed"}
    with unit_of_work(store, matchmaker) as uow:
        service.record_response(uow, introduction_id=intro.id, member_id=woman, accepted=False)
    assert refused(store, matchmaker, man, woman).params == {"stage": "declined"}  # past ones count too
    with unit_of_work(store, matchmaker) as uow:
        check = service.check_pair(uow, member_a=man, member_b=woman)
    assert check.existing_introduction_id == intro.id and not check.ok


def test_blocked_pairs_until_lifted(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker) as uow:
        block = service.block_pair(uow, member_id=woman, other_member_id=man, reason="colleagues")
        assert service.block_pair(uow, member_id=man, other_member_id=woman).id == block.id  # one block per pair
    assert refused(store, matchmaker, man, woman).code == "introductions.blocked"
    with unit_of_work(store, matchmaker) as uow:
        lifted = service.lift_block(uow, block_id=block.id)
    assert lifted.lifted_at is not None
    propose(store, matchmaker, man, woman)


def test_same_member_and_same_sex(store, matchmaker):
    man, other_man = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=1)
    assert refused(store, matchmaker, man, man).code == "introductions.same_member"
    assert refused(store, matchmaker, man, other_man).code == "introductions.same_sex"


def test_requirement_mismatches_are_warnings_a_matchmaker_may_override(store, matchmaker):
    man = make_member(store, matchmaker, sex=1, age=40)
    woman = make_member(store, matchmaker, sex=2, age=28, req_age_min=25, req_age_max=35, req_education_min=14)
    with unit_of_work(store, matchmaker) as uow:
        check = service.check_pair(uow, member_a=woman, member_b=man)
    assert check.ok
    assert {p.code for p in check.warnings} == {"a_requires.age", "a_requires.education"}
    assert all(p.member_id == woman for p in check.warnings)
    assert propose(store, matchmaker, woman, man).stage == "proposed"


def test_batch_proposal_skips_with_reasons(store, matchmaker):
    man, woman, flagged = (make_member(store, matchmaker, sex=s) for s in (1, 2, 2))
    with unit_of_work(store, matchmaker) as uow:
        members.set_fraud_flag(uow, member_id=flagged, flagged=True, reason="可疑")
        result = service.propose_introductions(uow, pairs=[(man, woman, 0.7), (man, flagged), (woman, man)])
    assert [i.source for i in result.created] == ["batch"] and result.created[0].score == 0.7
    assert [(s.member_b, s.code) for s in result.skipped] == [
        (flagged, "introductions.fraud_flag"), (man, "introductions.already_introduced")
    ]


def test_mutual_interest_entry_is_idempotent(store, matchmaker):
    man, woman = make_member(store, matchmaker, sex=1), make_member(store, matchmaker, sex=2)
    with unit_of_work(store, matchmaker) as uow:
        first = service.create_from_mutual_interest(uow, event_id="ev-1", member_a=woman, member_b=man)
        again = service.create_from_mutual_interest(uow, event_id="ev-1", member_a=man, member_b=woman)
    assert first.id == again.id and first.stage == "mutual_interest" and first.event_id == "ev-1"
    assert first.source == "event"
    blocked_woman = make_member(store, matchmaker, sex=2, consents=NO_SHARING)
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        service.create_from_mutual_interest(uow, event_id="ev-1", member_a=man, member_b=blocked_woman)
    assert err.value.code == "introductions.consent_missing"
