"""Real-name registration online: the desktop's rules, consents with their notice version, and a
case file awaiting verification that reaches the district laptop by sync and shows 工会认证 once
a matchmaker verified it there."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from tests.server.api import resident_id
from tests.server.h5.conftest import Browser
from tests.server.h5.helpers import register
from tests.sync.harness import add_user
from xzdesk.domain.members import service as members
from xzdesk.domain.members.codes import CURRENT_NOTICE_VERSION, Evidence, VerificationKind
from xzdesk.domain.members.models import Consent, Member
from xzdesk.server.h5.tables import MemberAccount
from xzdesk.server.models import Record
from xzdesk.server.runner import ServerThread

MOBILE = "13800000011"


def _records(app: Any, entity: str) -> list[dict[str, Any]]:
    with app.state.db.read() as s:
        return [json.loads(r) for r in s.execute(select(Record.fields).where(Record.entity == entity)).scalars()]


def test_registration_creates_a_case_file_awaiting_verification(browser: Browser, h5_app: Any) -> None:
    r = register(browser, name="张伟", mobile=MOBILE)
    assert r.status_code == 200, r.text
    assert "待工会核验" in r.text and "张先生" in r.text
    assert "张伟" not in r.text and "320302" + "19950505" not in r.text  # masked on screen
    (member,) = _records(h5_app, "member")
    assert member["status"] == "registered" and member["verified"] is False
    assert member["referral_source"] == "mini_program" and member["hobbies"] == ["读书", "徒步", "跳舞"]
    assert member["mobile"] == MOBILE and member["req_age_min"] == 24 and member["district_code"] == "320302"
    consents = {c["type"]: c for c in _records(h5_app, "consent")}
    assert set(consents) == {"basic", "share_profile", "public_display", "matching"}
    assert {c["notice_version"] for c in consents.values()} == {CURRENT_NOTICE_VERSION}
    assert {c["channel"] for c in consents.values()} == {"mini_program"}
    assert member["marital_status"] == 90  # no sensitive-data consent: marital history not kept


def test_refusals_write_nothing(browser: Browser, h5_app: Any) -> None:
    browser.sign_in(MOBILE)
    no_basic = register(browser, name="张伟", mobile=MOBILE, consent=["matching"], sign_in=False)
    assert no_basic.status_code == 422 and "必须同意基本信息处理" in no_basic.text
    bad_id = register(browser, name="张伟", mobile=MOBILE, id_number="320302199505050110", sign_in=False)
    assert bad_id.status_code == 422 and "身份证号码最后一位应为" in bad_id.text
    other_phone = register(browser, name="张伟", mobile="13900000000", sign_in=False)
    assert other_phone.status_code == 422 and "刚才接收验证码的号码" in other_phone.text
    digits = register(browser, name="张伟2", mobile=MOBILE, sign_in=False)
    assert digits.status_code == 422 and "姓名里不能有数字" in digits.text
    assert 'value="张伟2"' in digits.text  # what was typed stays in the form
    assert _records(h5_app, "member") == [] and _records(h5_app, "consent") == []


def test_the_same_person_cannot_register_twice(browser: Browser, make_browser: Any, h5_app: Any) -> None:
    assert register(browser, name="张伟", mobile=MOBILE).status_code == 200
    again = browser.post("/m/register", {"name": "张伟", "mobile": MOBILE, "id_number": resident_id("19950505", "011", "320302"),
                                         "district_code": "320302", "consent": ["basic"]})  # fmt: skip
    assert again.status_code == 409 and "无需重复登记" in again.text
    # The same ID number from another phone: never linked by the web app, the matchmaker is asked.
    other = make_browser()
    r = register(other, name="张伟", mobile="13800000012")
    assert r.status_code == 200 and "红娘确认后即可关联" in r.text
    assert len(_records(h5_app, "member")) == 1
    (task,) = _records(h5_app, "follow_up")
    (link,) = _records(h5_app, "online_link_request")
    member = _records(h5_app, "member")[0]
    assert task["member_id"] == link["member_id"] == member["id"] and task["title"] == "member.link_request"
    assert link["status"] == "pending" and link["follow_up_id"] == task["id"]
    assert "13800000012" not in json.dumps([task, link], ensure_ascii=False)
    with h5_app.state.db.read() as s:
        accounts = s.execute(select(MemberAccount).order_by(MemberAccount.created_at)).scalars().all()
        assert [a.member_id for a in accounts] == [member["id"], None]
        assert accounts[1].pending_request_id == link["id"]


def test_laptop_receives_the_case_file_and_its_verification_reaches_the_member(
    tmp_path: Any, laptops: Any
) -> None:
    from tests.server.h5.conftest import Browser as B
    from tests.sync.harness import FAST, server_db
    from xzdesk.server.h5.sms import FileSmsGateway

    with server_db("sqlite", tmp_path / "srv") as url, ServerThread(url, settings=FAST, max_lifetime_s=300) as srv:
        srv.app.state.h5.gateway = FileSmsGateway(tmp_path / "sms.txt")
        add_user(srv, "mm", district="320302")
        browser = B(srv.app, srv.app.state.h5.gateway)
        assert register(browser, name="张伟", mobile=MOBILE).status_code == 200
        laptop = laptops.make(srv.url, "mm")
        laptop.engine.sync_once()
        with laptop.store.read() as s:
            member = s.execute(select(Member)).scalar_one()
            member_id = member.id
            assert member.status == "registered" and member.referral_source == "mini_program"
            assert s.execute(select(func.count()).select_from(Consent)).scalar() == 4
        with laptop.uow() as uow:
            for kind, evidence in ((VerificationKind.REAL_NAME, Evidence.ID_CARD_SEEN),
                                   (VerificationKind.UNION_MEMBERSHIP, Evidence.UNION_CARD_SEEN),
                                   (VerificationKind.EMPLOYMENT, Evidence.LABOUR_CONTRACT_SEEN),
                                   (VerificationKind.DECLARATION, Evidence.SIGNED_FORM)):  # fmt: skip
                members.record_verification(uow, member_id=member_id, kind=kind, evidence=evidence)
        laptop.engine.sync_once()
        home = browser.get("/m/")
        assert "工会认证" in home.text and "待工会核验" not in home.text
        laptop.close()


def test_a_link_request_whose_case_file_was_erased_lets_the_person_register_anew(
    browser: Browser, make_browser: Any, h5_app: Any
) -> None:
    from datetime import UTC, datetime

    from xzdesk.server.erasure import erase_member

    assert register(browser, name="张伟", mobile=MOBILE).status_code == 200
    other = make_browser()
    assert "红娘确认后即可关联" in register(other, name="张伟", mobile="13800000012").text
    (member,) = _records(h5_app, "member")
    with h5_app.state.db.write() as s:
        erase_member(s, member["id"], now=datetime.now(UTC), requested_by=None)
    assert _records(h5_app, "online_link_request") == []
    home = other.get("/m/")
    assert "请先完成实名登记" in home.text and "红娘确认后" not in home.text
    again = register(other, name="张伟", mobile="13800000012", sign_in=False)
    assert again.status_code == 200 and "待工会核验" in again.text  # a new case file of their own
    with h5_app.state.db.read() as s:
        acc = s.execute(select(MemberAccount).where(MemberAccount.member_id.is_not(None))
                        .order_by(MemberAccount.created_at.desc())).scalars().first()  # fmt: skip
        assert acc.pending_request_id is None and acc.member_id != member["id"]
