"""Someone already on file registers online: the account is linked only after a matchmaker
compared and confirmed on the laptop (never by the phone alone), or the member is told why not
and what to do. Real server on 127.0.0.1, real laptops syncing over HTTP, the desktop's services."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from tests.server.api import resident_id
from tests.server.h5.conftest import Browser
from tests.server.h5.helpers import register
from tests.server.h5.laptops import verify_all
from tests.sync.harness import FAST, add_user, server_db
from xzdesk.domain.errors import ValidationError, XzError
from xzdesk.domain.members import service as members
from xzdesk.domain.members.dto import MemberDraft
from xzdesk.domain.members.models import FollowUp, Member, OnlineLinkRequest
from xzdesk.domain.members.queries import MemberFilter, list_member_ids
from xzdesk.domain.privacy.models import AuditEntry
from xzdesk.server.h5.sms import FileSmsGateway
from xzdesk.server.h5.tables import MemberAccount
from xzdesk.server.models import Record
from xzdesk.server.runner import ServerThread

FIRST, SECOND, THIRD, OFFICE_PHONE = "13800000021", "13800000022", "13800000023", "13800000031"


@pytest.fixture
def world(tmp_path: Any, laptops: Any) -> Iterator[Any]:
    """A server on 127.0.0.1 with one matchmaker's laptop and a member 张伟 registered online,
    verified on the laptop."""
    with server_db("sqlite", tmp_path / "srv") as url, ServerThread(url, settings=FAST, max_lifetime_s=300) as srv:
        srv.app.state.h5.gateway = FileSmsGateway(tmp_path / "sms.txt")
        add_user(srv, "mm", district="320302")
        first = Browser(srv.app, srv.app.state.h5.gateway)
        assert register(first, name="张伟", mobile=FIRST).status_code == 200
        laptop = laptops.make(srv.url, "mm")
        laptop.engine.sync_once()
        with laptop.store.read() as s:
            member_id = s.execute(select(Member.id)).scalar_one()
        verify_all(laptop, [member_id])
        laptop.engine.sync_once()

        class World:
            pass

        w = World()
        w.srv, w.laptop, w.member_id, w.laptops = srv, laptop, member_id, laptops  # type: ignore[attr-defined]
        w.browser = lambda: Browser(srv.app, srv.app.state.h5.gateway)  # type: ignore[attr-defined]
        yield w
        laptop.close()


def _server_rows(srv: ServerThread, entity: str) -> list[dict[str, Any]]:
    with srv.app.state.db.read() as s:
        return [json.loads(r) for r in s.execute(select(Record.fields).where(Record.entity == entity)).scalars()]


def test_same_id_from_a_new_phone_waits_for_the_matchmaker_and_is_linked_after_confirming(world: Any) -> None:
    other = world.browser()
    r = register(other, name="张伟", mobile=SECOND, employer="徐州地铁")  # the same ID number, a new phone
    assert r.status_code == 200 and "红娘确认后即可关联" in r.text and "pill ok status" not in r.text
    assert len(_server_rows(world.srv, "member")) == 1  # no duplicate case file
    (req,) = _server_rows(world.srv, "online_link_request")
    assert req["status"] == "pending" and req["member_id"] == world.member_id
    assert req["submitted"]["employer"] == {"shown": "徐州地铁", "same": False}
    assert req["submitted"]["id_number"]["same"] is True and "*" in req["submitted"]["id_number"]["shown"]
    text = json.dumps(req, ensure_ascii=False)
    assert SECOND not in text and resident_id("19950505", "011", "320302") not in text and "张伟" not in text
    assert other.get("/m/me/data.json").status_code == 403  # nothing of the case file before the matchmaker confirms

    laptop = world.laptop
    laptop.engine.sync_once()
    with laptop.store.read() as s:
        pending = list_member_ids(s, MemberFilter(link_pending=True), blind_index=laptop.store.blind_index,
                                  today=laptop.now().date())  # fmt: skip
        assert pending == [world.member_id]
        task_id = s.execute(select(FollowUp.id).where(FollowUp.title == "member.link_request")).scalar_one()
    with laptop.uow() as uow:
        info = members.member_info(uow, world.member_id)
    link = info.link_request
    assert link is not None and link.pending and link.same_id
    rows = {row.field: row for row in link.rows}
    assert rows["name"].case_value == rows["name"].online_value == "张*" and rows["name"].same
    assert rows["mobile"].case_value == "138****0021" and rows["mobile"].online_value == "138****0022"
    assert not rows["mobile"].same and not rows["employer"].same and rows["id_number"].same

    with laptop.uow() as uow:
        after = members.confirm_link(uow, request_id=link.id, base_version=link.version)
    assert after.link_request is not None and after.link_request.status == "confirmed"
    with laptop.store.read() as s:
        assert s.get(FollowUp, task_id).done_at is not None  # the reminder is dealt with
        actions = list(s.execute(select(AuditEntry.action).where(AuditEntry.member_id == world.member_id)).scalars())
        assert "member.link_confirm" in actions
        assert list_member_ids(s, MemberFilter(link_pending=True), blind_index=laptop.store.blind_index,
                               today=laptop.now().date()) == []  # fmt: skip
    laptop.engine.sync_once()

    home = other.get("/m/")
    assert "pill ok status\">工会认证" in home.text and "张先生" in home.text and "红娘确认后" not in home.text
    me = other.get("/m/me")
    assert me.status_code == 200 and "核验" in me.text  # their history: verifications, consents...
    assert "线上账号关联申请" in me.text and "online_link_request" not in me.text
    (held,) = other.get("/m/me/data.json").json()["records"]["online_link_request"]
    assert held["status"] == "confirmed" and not {"submitted", "id_hmac", "account_id"} & set(held)
    with world.srv.app.state.db.read() as s:
        linked = s.execute(select(MemberAccount).where(MemberAccount.member_id == world.member_id)).scalars().all()
        assert len(linked) == 2 and all(a.pending_request_id is None for a in linked)


def test_the_phone_alone_never_links_and_a_rejection_tells_the_member_what_to_do(world: Any) -> None:
    laptop = world.laptop
    with laptop.uow() as uow:  # a case file made at the office, with a mobile nobody used online yet
        office = members.register_member(uow, draft=MemberDraft(
            name="刘强", id_number=resident_id("19900101", "031", "320302"), mobile=OFFICE_PHONE,
            district_code="320302"))  # fmt: skip
    laptop.engine.sync_once()
    # Its phone, but another person's ID number (a reassigned number, a relative).
    stranger = world.browser()
    r = register(stranger, name="王芳", mobile=OFFICE_PHONE, birth="19970707", seq="022")
    assert r.status_code == 200 and "红娘确认后即可关联" in r.text
    assert len(_server_rows(world.srv, "member")) == 2  # no third case file
    laptop.engine.sync_once()
    with laptop.uow() as uow:
        link = members.member_info(uow, office.id).link_request
    assert link is not None and link.pending and not link.same_id
    assert {row.field for row in link.rows if not row.same} >= {"name", "id_number", "sex", "birth_year"}
    with pytest.raises(XzError) as refused, laptop.uow() as uow:
        members.confirm_link(uow, request_id=link.id)
    assert refused.value.code == "members.link_id_differs"
    with pytest.raises(ValidationError), laptop.uow() as uow:
        members.reject_link(uow, request_id=link.id, reason=" ")
    with laptop.store.read() as s:
        assert s.get(OnlineLinkRequest, link.id).status == "pending"  # refusals wrote nothing

    reason = "身份证号与档案不符，请本人带身份证到鼓楼区工会办理"
    with laptop.uow() as uow:
        members.reject_link(uow, request_id=link.id, reason=reason)
    with pytest.raises(XzError) as twice, laptop.uow() as uow:
        members.reject_link(uow, request_id=link.id, reason=reason)
    assert twice.value.code == "members.link_decided"
    laptop.engine.sync_once()

    home = stranger.get("/m/")
    assert "未能确认" in home.text and reason in home.text and "鼓楼区" in home.text and "重新登记" in home.text
    assert stranger.get("/m/me/data.json").status_code == 403
    with world.srv.app.state.db.read() as s:
        acc = s.execute(select(MemberAccount).where(MemberAccount.pending_request_id == link.id)).scalar_one()
        assert acc.member_id is None  # still apart from the case file
    (server_req,) = _server_rows(world.srv, "online_link_request")
    assert server_req["status"] == "rejected" and server_req["reason"] == reason
    # After a rejection the member may correct their details and register again: a new request.
    again = register(stranger, name="王芳", mobile=OFFICE_PHONE, birth="19970707", seq="022", sign_in=False)
    assert again.status_code == 200 and "红娘确认后即可关联" in again.text
    assert len(_server_rows(world.srv, "online_link_request")) == 2


def test_a_second_laptop_of_the_district_sees_the_decision_and_cannot_decide_again(world: Any) -> None:
    assert register(world.browser(), name="张伟", mobile=THIRD).status_code == 200
    add_user(world.srv, "mm2", district="320302")
    second = world.laptops.make(world.srv.url, "mm2")
    try:
        world.laptop.engine.sync_once()
        second.engine.sync_once()
        with world.laptop.uow() as uow:
            link = members.member_info(uow, world.member_id).link_request
        assert link is not None
        with world.laptop.uow() as uow:  # decided offline on the first laptop, synced later
            members.confirm_link(uow, request_id=link.id, base_version=link.version)
        world.laptop.engine.sync_once()
        second.engine.sync_once()
        with second.uow() as uow:
            seen = members.member_info(uow, world.member_id).link_request
        assert seen is not None and seen.status == "confirmed" and seen.decided_by_name
        with pytest.raises(XzError) as late, second.uow() as uow:
            members.reject_link(uow, request_id=link.id, reason="不是本人", base_version=link.version)
        assert late.value.code == "members.stale"
    finally:
        second.close()
