"""After an event: the online 心动卡 merged with paper cards, mutual matches seen only by the two,
suggestions (consenting members only, masked) and "想认识" as a proposal for the matchmaker."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from tests.server.h5.conftest import Browser
from tests.server.h5.helpers import seed_held_event, seed_member
from xzdesk.server.models import Record

MAN, WOMAN, OTHER, ABSENT = "13800000041", "13800000042", "13800000043", "13800000044"


def _rows(app: Any, entity: str) -> list[dict[str, Any]]:
    with app.state.db.read() as s:
        return [json.loads(r) for r in s.execute(select(Record.fields).where(Record.entity == entity)).scalars()]


def _people(app: Any) -> tuple[dict[str, str], str, dict[str, str]]:
    ids = {
        MAN: seed_member(app, mobile=MAN, name="张伟", seq="011"),
        WOMAN: seed_member(app, mobile=WOMAN, name="李娜", seq="012"),
        OTHER: seed_member(app, mobile=OTHER, name="王芳", seq="014"),
        ABSENT: seed_member(app, mobile=ABSENT, name="赵敏", seq="016"),
    }
    event_id, regs = seed_held_event(app, [(ids[MAN], 1, "张先生"), (ids[WOMAN], 2, "李女士"), (ids[OTHER], 2, "王女士"),
                                           (ids[ABSENT], 2, "赵女士")],
                                     present={ids[MAN], ids[WOMAN], ids[OTHER]})  # fmt: skip
    return ids, event_id, regs


def test_online_cards_make_a_mutual_match_only_the_two_see(browser: Browser, make_browser: Any, h5_app: Any) -> None:
    ids, event_id, regs = _people(h5_app)
    man, woman, other = browser, make_browser(), make_browser()
    man.sign_in(MAN)
    woman.sign_in(WOMAN)
    other.sign_in(OTHER)
    form = man.get(f"/m/events/{event_id}/card")
    assert "F01" in form.text and "李女士" in form.text and "F03" not in form.text  # only people present
    man.post(f"/m/events/{event_id}/card", {"tick": [regs[ids[WOMAN]], regs[ids[OTHER]]]})
    woman.post(f"/m/events/{event_id}/card", {"tick": [regs[ids[MAN]]]})
    assert "张先生" in woman.get("/m/matches").text.split("我的心动卡")[0]
    assert "李女士" in man.get("/m/matches").text.split("我的心动卡")[0]
    page = other.get("/m/matches").text.split("我的心动卡")[0]
    assert "张先生" not in page and "还没有互相心动的结果" in page  # a one-sided tick stays private
    cards = _rows(h5_app, "interest_card")
    assert len(cards) == 2 and all(c["event_id"] == event_id and c["supersedes"] is None for c in cards)


def test_online_card_starts_from_the_paper_card_and_supersedes_it(browser: Browser, h5_app: Any) -> None:
    from datetime import UTC, datetime

    from xzdesk.domain.store.ids import new_id
    from xzdesk.server.h5.records import RecordWriter

    ids, event_id, regs = _people(h5_app)
    paper_id = new_id()
    with h5_app.state.db.write() as s:  # the office typed in the paper card at the venue
        RecordWriter(s, datetime.now(UTC)).insert("interest_card", {
            "id": paper_id, "event_id": event_id, "office_district": "320302", "owner_registration_id": regs[ids[MAN]],
            "member_id": ids[MAN], "ticked": [regs[ids[OTHER]]], "entered_by": new_id(),
            "entered_at": datetime.now(UTC).isoformat(), "device_id": new_id()}, member_id=ids[MAN])  # fmt: skip
    browser.sign_in(MAN)
    form = browser.get(f"/m/events/{event_id}/card").text
    assert f'value="{regs[ids[OTHER]]}" checked' in form
    browser.post(f"/m/events/{event_id}/card", {"tick": [regs[ids[OTHER]], regs[ids[WOMAN]]]})
    online = [c for c in _rows(h5_app, "interest_card") if c["id"] != paper_id]
    assert len(online) == 1 and online[0]["supersedes"] == paper_id
    assert sorted(online[0]["ticked"]) == sorted([regs[ids[OTHER]], regs[ids[WOMAN]]])


def test_card_refusals(browser: Browser, make_browser: Any, h5_app: Any) -> None:
    ids, event_id, regs = _people(h5_app)
    absent = make_browser()
    absent.sign_in(ABSENT)
    r = absent.get(f"/m/events/{event_id}/card")
    assert r.status_code == 403 and "到场签到的参加者" in r.text
    browser.sign_in(MAN)
    r = browser.post(f"/m/events/{event_id}/card", {"tick": [regs[ids[ABSENT]]]})  # not present
    assert r.status_code == 422
    days = h5_app.state.h5.settings.interest_card_days
    old_id, old_regs = seed_held_event(h5_app, [(ids[MAN], 1, "张先生"), (ids[WOMAN], 2, "李女士")], days_ago=days + 1)
    r = browser.post(f"/m/events/{old_id}/card", {"tick": [old_regs[ids[WOMAN]]]})
    assert r.status_code == 409 and "心动卡填写时间已过" in r.text
    assert _rows(h5_app, "interest_card") == []


def test_suggestions_show_consenting_members_masked_and_want_to_meet_proposes(browser: Browser, h5_app: Any) -> None:
    both = ("basic", "public_display", "matching")
    seed_member(h5_app, mobile=MAN, name="张伟", seq="011", consents=both, hobbies=("读书", "徒步"), matchmaker_id=None)
    woman = seed_member(h5_app, mobile=WOMAN, name="欧阳娜娜", seq="012", consents=both, hobbies=("读书",),
                        employer="徐州银行", wechat="ouyang88")  # fmt: skip
    seed_member(h5_app, mobile=OTHER, name="王芳", seq="014", consents=("basic", "matching"))  # no public display
    browser.sign_in(MAN)
    page = browser.get("/m/matches").text
    section = page.split("可能合适的人")[1]
    assert "欧阳女士" in section and "30–34岁" in section and "鼓楼区" in section and "读书" in section
    for secret in ("欧阳娜娜", "徐州银行", "ouyang88", WOMAN, "王女士"):
        assert secret not in section
    r = browser.post(f"/m/want/{woman}", {})
    assert "已提交“想认识”" in r.text
    (intro,) = _rows(h5_app, "introduction")
    assert intro["stage"] == "proposed" and intro["source"] == "online"
    side = "a" if intro["member_a_id"] != woman else "b"
    assert intro[f"{side}_response"] == "accepted" and intro[("b" if side == "a" else "a") + "_response"] is None
    assert "欧阳女士" not in browser.get("/m/matches").text.split("可能合适的人")[1]  # asked once: not suggested again
    assert browser.post(f"/m/want/{woman}", {}).status_code in (404, 409)
    assert len(_rows(h5_app, "introduction")) == 1


def test_no_suggestions_without_consent_and_no_want_to_meet(browser: Browser, h5_app: Any) -> None:
    seed_member(h5_app, mobile=MAN, name="张伟", seq="011", consents=("basic",))
    woman = seed_member(h5_app, mobile=WOMAN, name="李娜", seq="012", consents=("basic", "public_display", "matching"))
    browser.sign_in(MAN)
    assert "需要您同意“公开展示”和“算法匹配”" in browser.get("/m/matches").text
    r = browser.post(f"/m/want/{woman}", {})
    assert r.status_code == 403 and _rows(h5_app, "introduction") == []


def test_want_to_meet_reaches_the_matchmakers_board_on_the_laptop(tmp_path: Any, laptops: Any) -> None:
    from datetime import UTC, datetime

    from tests.sync.harness import FAST, add_user, server_db
    from xzdesk.domain.introductions.queries import list_introductions
    from xzdesk.server.h5.sms import FileSmsGateway
    from xzdesk.server.runner import ServerThread

    with server_db("sqlite", tmp_path / "srv") as url, ServerThread(url, settings=FAST, max_lifetime_s=300) as srv:
        app = srv.app
        app.state.h5.gateway = FileSmsGateway(tmp_path / "sms.txt")
        staff = add_user(srv, "mm", district="320302")
        both = ("basic", "public_display", "matching")
        seed_member(app, mobile=MAN, name="张伟", seq="011", consents=both, matchmaker_id=staff.id)
        woman = seed_member(app, mobile=WOMAN, name="李娜", seq="012", consents=both)
        browser = Browser(app, app.state.h5.gateway)
        browser.sign_in(MAN)
        assert "已提交“想认识”" in browser.post(f"/m/want/{woman}", {}).text
        laptop = laptops.make(srv.url, "mm")
        laptop.engine.sync_once()
        with laptop.store.read() as s:
            (row,) = list_introductions(s, today=datetime.now(UTC).date(), matchmaker_id=staff.id)
        assert row.stage == "proposed" and row.source == "online"
        laptop.close()
