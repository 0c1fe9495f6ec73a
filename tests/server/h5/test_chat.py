"""Chat between mutual matches and accepted introductions only: notice on first contact, unread
counts, warnings, block, report (the reported messages only), retention and erasure."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from tests.server.h5.conftest import Browser
from tests.server.h5.helpers import seed_held_event, seed_member
from xzdesk.server.h5.tables import ChatMessage, MemberAccount
from xzdesk.server.models import Record

MAN, WOMAN, STRANGER = "13800000051", "13800000052", "13800000053"


def _rows(app: Any, entity: str) -> list[dict[str, Any]]:
    with app.state.db.read() as s:
        return [json.loads(r) for r in s.execute(select(Record.fields).where(Record.entity == entity)).scalars()]


def _messages(app: Any) -> int:
    with app.state.db.read() as s:
        return int(s.execute(select(func.count()).select_from(ChatMessage)).scalar_one())


def _matched(app: Any, make_browser: Any) -> tuple[Browser, Browser, str, str]:
    man_id = seed_member(app, mobile=MAN, name="张伟", seq="011")
    woman_id = seed_member(app, mobile=WOMAN, name="李娜", seq="012")
    event_id, regs = seed_held_event(app, [(man_id, 1, "张先生"), (woman_id, 2, "李女士")])
    man, woman = make_browser(), make_browser()
    man.sign_in(MAN)
    woman.sign_in(WOMAN)
    man.post(f"/m/events/{event_id}/card", {"tick": [regs[woman_id]]})
    woman.post(f"/m/events/{event_id}/card", {"tick": [regs[man_id]]})
    return man, woman, man_id, woman_id


def test_mutual_matches_chat_after_the_safety_notice(make_browser: Any, h5_app: Any) -> None:
    man, woman, man_id, woman_id = _matched(h5_app, make_browser)
    first = man.get(f"/m/chat/{woman_id}")
    assert "第一次聊天前，请读一下安全提示" in first.text and "96110" in first.text and 'name="body"' not in first.text
    man.post(f"/m/chat/{woman_id}/notice", {})
    r = man.post(f"/m/chat/{woman_id}", {"body": "你好，周末一起去云龙湖走走？"})
    assert "你好，周末一起去云龙湖走走？" in r.text
    listing = woman.get("/m/chat")
    assert "张先生" in listing.text and 'aria-label="1条未读"' in listing.text
    woman.post(f"/m/chat/{man_id}/notice", {})
    thread = woman.get(f"/m/chat/{man_id}")
    assert "你好，周末一起去云龙湖走走？" in thread.text
    assert 'aria-label="1条未读"' not in woman.get("/m/chat").text  # read now
    last = re.search(r'data-last="([^"]+)"', thread.text).group(1)
    man.post(f"/m/chat/{woman_id}", {"body": "我最近在做一个投资理财平台，收益很高"})
    polled = woman.get(f"/m/chat/{man_id}/poll", params={"after": last}).json()["messages"]
    assert [m["body"] for m in polled] == ["我最近在做一个投资理财平台，收益很高"]
    assert "切勿向对方转账" in polled[0]["warning"] and not polled[0]["mine"]


def test_only_partners_may_chat(make_browser: Any, h5_app: Any) -> None:
    man, woman, man_id, woman_id = _matched(h5_app, make_browser)
    seed_member(h5_app, mobile=STRANGER, name="王芳", seq="014")
    stranger = make_browser()
    stranger.sign_in(STRANGER)
    for r in (stranger.get(f"/m/chat/{man_id}"), stranger.get(f"/m/chat/{man_id}/poll"),
              stranger.post(f"/m/chat/{man_id}", {"body": "你好"})):  # fmt: skip
        assert r.status_code == 403 and "只有互相心动或经红娘介绍" in r.text
    assert stranger.get(f"/m/chat/{woman_id}").status_code == 403
    assert _messages(h5_app) == 0


def test_accepted_introduction_opens_the_chat(make_browser: Any, h5_app: Any) -> None:
    from xzdesk.domain.introductions.models import ordered_pair
    from xzdesk.domain.store.ids import new_id
    from xzdesk.server.h5.records import RecordWriter

    a_id = seed_member(h5_app, mobile=MAN, name="张伟", seq="011")
    b_id = seed_member(h5_app, mobile=WOMAN, name="李娜", seq="012")
    a, b = ordered_pair(a_id, b_id)
    now = datetime.now(UTC).isoformat()
    intro_id = new_id()
    with h5_app.state.db.write() as s:
        RecordWriter(s, datetime.now(UTC)).insert("introduction", {
            "id": intro_id, "member_a_id": a, "member_b_id": b, "stage": "proposed", "source": "matchmaker",
            "proposed_at": now, "follow_up_ids": [], "updated_at": now}, member_id=a)  # fmt: skip
    man = make_browser()
    man.sign_in(MAN)
    assert man.get(f"/m/chat/{b_id}").status_code == 403  # proposed: not yet
    with h5_app.state.db.write() as s:
        RecordWriter(s, datetime.now(UTC)).update("introduction", intro_id, {
            "stage": "accepted", "a_response": "accepted", "b_response": "accepted"})  # fmt: skip
    assert "红娘介绍，双方同意" in man.get(f"/m/chat/{b_id}").text


def test_block_and_report(make_browser: Any, h5_app: Any) -> None:
    man, woman, man_id, woman_id = _matched(h5_app, make_browser)
    man.post(f"/m/chat/{woman_id}/notice", {})
    woman.post(f"/m/chat/{man_id}/notice", {})
    man.post(f"/m/chat/{woman_id}", {"body": "你好"})
    man.post(f"/m/chat/{woman_id}", {"body": "能借我两万块钱吗，下周还你"})
    page = woman.get(f"/m/chat/{man_id}").text
    ids = re.findall(r'name="msg" value="([^"]+)"', page)
    assert len(ids) == 2
    r = woman.post(f"/m/chat/{man_id}/report", {"msg": [ids[1]]})
    assert "举报已提交给红娘" in r.text
    (note,) = _rows(h5_app, "note")
    assert note["member_id"] == man_id and "能借我两万块钱吗" in note["body"] and "你好" not in note["body"]
    (task,) = _rows(h5_app, "follow_up")
    assert task["member_id"] == man_id and "举报" in task["title"]
    assert woman.post(f"/m/chat/{man_id}/report", {}).status_code == 422  # nothing chosen
    woman.post(f"/m/chat/{man_id}/block", {})
    before = _messages(h5_app)
    r = man.post(f"/m/chat/{woman_id}", {"body": "在吗"})
    assert r.status_code == 403 and "对方暂时无法接收您的消息" in r.text
    assert _messages(h5_app) == before


def test_oversized_and_empty_messages_are_refused(make_browser: Any, h5_app: Any) -> None:
    man, woman, man_id, woman_id = _matched(h5_app, make_browser)
    man.post(f"/m/chat/{woman_id}/notice", {})
    r = man.post(f"/m/chat/{woman_id}", {"body": "好" * (h5_app.state.h5.settings.chat_max_chars + 1)})
    assert r.status_code == 422 and "消息太长了" in r.text
    assert man.post(f"/m/chat/{woman_id}", {"body": "   "}).status_code == 422
    assert _messages(h5_app) == 0


def test_retention_and_erasure_delete_messages(make_browser: Any, h5_app: Any) -> None:
    from xzdesk.server.erasure import erase_member
    from xzdesk.server.h5.chat import purge_expired

    man, woman, man_id, woman_id = _matched(h5_app, make_browser)
    man.post(f"/m/chat/{woman_id}/notice", {})
    man.post(f"/m/chat/{woman_id}", {"body": "旧消息"})
    now = datetime.now(UTC)
    retention = h5_app.state.h5.settings.chat_retention
    assert retention == timedelta(days=180)
    with h5_app.state.db.write() as s:
        assert purge_expired(s, retention=retention, now=now + timedelta(days=179)) == 0
        assert purge_expired(s, retention=retention, now=now + timedelta(days=181)) == 1
    man.post(f"/m/chat/{woman_id}", {"body": "新消息"})
    woman.post(f"/m/chat/{man_id}/notice", {})
    woman.post(f"/m/chat/{man_id}", {"body": "回复"})
    with h5_app.state.db.write() as s:
        erase_member(s, man_id, now=now, requested_by=None)
    assert _messages(h5_app) == 0
    with h5_app.state.db.read() as s:
        assert s.execute(select(MemberAccount).where(MemberAccount.member_id == man_id)).first() is None
    assert "手机号登录" in man.get("/m/").text  # signed out: the account is gone


def test_a_member_flagged_for_fraud_can_no_longer_be_written_to(make_browser: Any, h5_app: Any) -> None:
    from xzdesk.server.h5.records import RecordWriter

    man, woman, man_id, woman_id = _matched(h5_app, make_browser)
    woman.post(f"/m/chat/{man_id}/notice", {})
    with h5_app.state.db.write() as s:  # the matchmaker flagged him on the laptop; it synced up
        RecordWriter(s, datetime.now(UTC)).update("member", man_id, {"fraud_flag": True})
    r = woman.post(f"/m/chat/{man_id}", {"body": "你好"})
    assert r.status_code == 403 and _messages(h5_app) == 0
