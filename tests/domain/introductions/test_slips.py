"""Introduction slips: the other side's card without name, phone, WeChat, ID or employer until
both accepted, with them afterwards; sensitive fields only with consent; audited prints."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.domain.introductions._people import make_member
from tests.domain.printing.pdfcheck import PHONE_LIKE, page_texts, squash
from xzdesk.domain.errors import XzError
from xzdesk.domain.introductions import service
from xzdesk.domain.introductions.slips import build_introduction_slips, print_introduction_slips_for
from xzdesk.domain.members import service as members
from xzdesk.domain.members.codes import ConsentType
from xzdesk.domain.members.models import Member
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.domain.uow import unit_of_work

CONTACT_KEYS = {"name", "phone", "wechat", "employer"}
NO_SENSITIVE = (ConsentType.BASIC, ConsentType.SHARE_PROFILE, ConsentType.MATCHING)


@pytest.fixture
def pair(store, matchmaker):
    man = make_member(store, matchmaker, sex=1, marital_status=40, children="living_with",
                      self_description="喜欢户外运动，性格开朗。")  # fmt: skip
    woman = make_member(store, matchmaker, sex=2, consents=NO_SENSITIVE, marital_status=40)
    with unit_of_work(store, matchmaker) as uow:
        intro = service.propose_introduction(uow, member_a=man, member_b=woman).id
    with store.read() as s:
        people = {m.id: (m.name, m.mobile, m.employer) for m in s.execute(select(Member)).scalars()}
    return man, woman, intro, people


def slips_by_reader(store, actor, intro, man, woman):
    with unit_of_work(store, actor) as uow:
        slips = build_introduction_slips(uow, introduction_id=intro)
    a, _ = sorted([man, woman])
    first, second = slips
    return {a: first, ({man, woman} - {a}).pop(): second}


def test_before_acceptance_no_identity_on_the_card(store, matchmaker, pair):
    man, woman, intro, people = pair
    slips = slips_by_reader(store, matchmaker, intro, man, woman)
    for_woman, for_man = slips[woman], slips[man]
    assert for_woman.recipient == "李女士" and for_man.recipient == "张先生"
    for slip, other in ((for_woman, man), (for_man, woman)):
        keys = {f.key for f in slip.fields}
        assert not keys & CONTACT_KEYS
        text = " ".join(f.value for f in slip.fields) + slip.about
        name, mobile, employer = people[other]
        assert name not in text and mobile not in text and employer not in text
        assert slip.reference.startswith("IN") and slip.matchmaker == "王红娘"
    man_card = {f.key: f.value for f in for_woman.fields}
    assert man_card["marital_status"] == "离异" and man_card["children"] == "有子女，随本人生活"
    assert man_card["sex"] == "男" and man_card["education"] == "大学本科" and man_card["district"] == "泉山区"
    assert for_woman.about == "喜欢户外运动，性格开朗。"
    woman_card = {f.key for f in for_man.fields}
    assert "marital_status" not in woman_card  # she gave no consent for sensitive categories


def test_after_both_accepted_contacts_are_on_the_slip_and_in_the_pdf(store, matchmaker, pair, tmp_path):
    man, woman, intro, people = pair
    out = tmp_path / "slips.pdf"
    with unit_of_work(store, matchmaker) as uow:
        before = print_introduction_slips_for(uow, introduction_ids=[intro], out=out)
    assert before.pages == 2
    assert not any(PHONE_LIKE.search(squash(t)) for t in page_texts(out))
    with unit_of_work(store, matchmaker) as uow:
        for m in (man, woman):
            service.record_response(uow, introduction_id=intro, member_id=m, accepted=True)
    slips = slips_by_reader(store, matchmaker, intro, man, woman)
    card = {f.key: f.value for f in slips[woman].fields}
    name, mobile, employer = people[man]
    assert (card["name"], card["phone"], card["employer"]) == (name, mobile, employer)
    with unit_of_work(store, matchmaker) as uow:
        print_introduction_slips_for(uow, introduction_ids=[intro], out=out)
    texts = [squash(t) for t in page_texts(out)]
    assert any(people[man][1] in t for t in texts) and any(people[woman][1] in t for t in texts)
    with store.read() as s:
        prints = s.execute(select(AuditEntry).where(AuditEntry.action == "introduction.print")).scalars().all()
        assert {e.member_id for e in prints} == {man, woman}
        last = [e for e in prints if e.member_id == man][-1]
        assert {"name", "phone", "employer"} <= set(last.fields)


def test_no_slips_without_consent_or_with_a_flag_or_when_closed(store, matchmaker, pair):
    man, woman, intro, _ = pair
    with unit_of_work(store, matchmaker) as uow:
        members.set_fraud_flag(uow, member_id=man, flagged=True, reason="可疑")
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        build_introduction_slips(uow, introduction_id=intro)
    assert err.value.code == "introductions.fraud_flag"
    with unit_of_work(store, matchmaker) as uow:
        members.set_fraud_flag(uow, member_id=man, flagged=False)
        for side in (man, woman):
            service.record_response(uow, introduction_id=intro, member_id=side, accepted=True)
        service.exchange_contacts(uow, introduction_id=intro)
        # contacts already exchanged: the introduction stays, but no slip shows her profile any more
        members.withdraw_consent(uow, member_id=woman, type=ConsentType.SHARE_PROFILE)
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        build_introduction_slips(uow, introduction_id=intro)
    assert err.value.code == "introductions.consent_missing"


def test_a_withdrawn_consent_before_contacts_ends_the_introduction_and_its_slips(store, matchmaker, pair):
    _man, woman, intro, _ = pair
    with unit_of_work(store, matchmaker) as uow:
        members.withdraw_consent(uow, member_id=woman, type=ConsentType.SHARE_PROFILE)
    with pytest.raises(XzError) as err, unit_of_work(store, matchmaker) as uow:
        build_introduction_slips(uow, introduction_id=intro)
    assert err.value.code == "introductions.closed"
