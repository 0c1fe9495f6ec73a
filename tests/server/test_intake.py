"""Online self-registration: validated like the case editor, arrives on the district's laptops
as a case file awaiting verification, with lookup indexes under the organisation key."""

from __future__ import annotations

import pytest

from tests.server.api import Api, resident_id
from tests.sync.harness import LaptopFactory, add_user
from xzdesk.domain.errors import XzError
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import Consent, Member
from xzdesk.domain.members.service import register_member
from xzdesk.server.runner import ServerThread


def _person(**over: object) -> dict:
    body = {"name": "赵敏", "id_number": resident_id(), "mobile": "+86 139-5555-6666", "district_code": "320302",
            "consents": ["basic", "matching"], "notice_version": "2026-01", "hobbies": ["羽毛球"]}  # fmt: skip
    body.update(over)
    return body


def test_self_registration_reaches_the_district_laptop(server: ServerThread, laptops: LaptopFactory) -> None:
    add_user(server, "mini", role="intake", district=None)
    add_user(server, "gulou")
    mini = Api(server.url, "mini")
    r = mini.http.post("/intake/v1/members", json=_person())
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "registered" and r.json()["member_no"].startswith("XZ")
    # a second registration of the same person (same ID, or same mobile) is refused, revealing nothing
    for dup in (_person(mobile="13700000000"), _person(id_number=resident_id(seq="004"))):
        r = mini.http.post("/intake/v1/members", json=dup)
        assert r.status_code == 409 and r.json() == {
            "code": "intake.duplicate", "params": {}, "wipe": False, "message_zh": "已有使用此身份证号或手机号的档案",
            "message_en": "a case file with this ID number or mobile exists"}  # fmt: skip
    laptop = laptops.make(server.url, "gulou")
    assert laptop.engine.sync_once().error is None
    with laptop.store.read() as s:
        (m,) = s.query(Member).all()
        assert (m.status, m.referral_source, m.verified, m.mobile) == ("registered", "mini_program", False,
                                                                        "13955556666")  # fmt: skip
        assert sorted(c.type for c in s.query(Consent).filter_by(member_id=m.id)) == ["basic", "matching"]
    # the laptop's duplicate check finds the online registration: same organisation key
    with pytest.raises(XzError) as err, laptop.uow() as uow:
        register_member(uow, draft=MemberDraft(name="赵敏", id_number=resident_id(), mobile="13811112222",
                                               district_code="320302"))  # fmt: skip
    assert err.value.code == "members.duplicate"
    laptop.close()
    mini.close()


@pytest.mark.parametrize(
    ("over", "field", "code"),
    [
        ({"id_number": resident_id()[:-1] + ("0" if resident_id()[-1] != "0" else "1")}, "id_number", None),
        ({"mobile": "12345678901"}, "mobile", None),
        ({"consents": ["matching"]}, "consents", "members.consent_missing"),
        ({"district_code": "999999"}, "district_code", "members.unknown_code"),
        ({"sex": 1}, "sex", "members.sex_contradicts_id"),
    ],
)
def test_invalid_registration_lists_its_problems(server: ServerThread, over: dict, field: str, code: str | None) -> None:
    add_user(server, "mini", role="intake", district=None)
    mini = Api(server.url, "mini")
    r = mini.http.post("/intake/v1/members", json=_person(**over))
    assert r.status_code == 422, r.text
    problems = r.json()["params"]["problems"]
    assert field in {p["field"] for p in problems}
    if code:
        assert code in {p["code"] for p in problems}
    mini.close()
