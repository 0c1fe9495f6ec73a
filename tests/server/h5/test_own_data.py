"""My data: see and download everything held, withdraw a consent (at once), request erasure (it
reaches the desktop's rights queue with its due date and the erasure follows everywhere), close
the account."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tests.server.h5.conftest import Browser
from tests.server.h5.helpers import register, seed_member
from tests.sync.harness import FAST, add_user, server_db
from xzdesk.domain.privacy import queries as privacy_queries
from xzdesk.domain.privacy import rights
from xzdesk.domain.privacy.workdays import add_working_days
from xzdesk.domain.uow import CHINA_TZ
from xzdesk.server.h5.sms import FileSmsGateway
from xzdesk.server.models import Record
from xzdesk.server.runner import ServerThread

MOBILE, OTHER = "13800000061", "13800000062"
BOTH = ("basic", "public_display", "matching")


def _rows(app: Any, entity: str) -> list[dict[str, Any]]:
    with app.state.db.read() as s:
        return [json.loads(r) for r in s.execute(select(Record.fields).where(Record.entity == entity)).scalars()]


def test_my_data_masked_on_screen_and_whole_in_the_download(browser: Browser, h5_app: Any) -> None:
    assert register(browser, name="张伟", mobile=MOBILE).status_code == 200
    page = browser.get("/m/me").text
    assert "138****0061" in page and MOBILE not in page and "同意记录" in page and "下载全部数据" in page
    r = browser.get("/m/me/data.json")
    assert r.headers["content-disposition"] == 'attachment; filename="xzdesk-my-data.json"'
    held = r.json()["records"]
    assert held["member"][0]["mobile"] == MOBILE and held["member"][0]["name"] == "张伟"
    assert {c["type"] for c in held["consent"]} == {"basic", "share_profile", "public_display", "matching"}


def test_withdrawing_a_consent_takes_effect_at_once(browser: Browser, make_browser: Any, h5_app: Any) -> None:
    seed_member(h5_app, mobile=MOBILE, name="张伟", seq="011", consents=BOTH)
    seed_member(h5_app, mobile=OTHER, name="李娜", seq="012", consents=BOTH)
    other = make_browser()
    other.sign_in(OTHER)
    assert "张先生" in other.get("/m/matches").text.split("可能合适的人")[1]
    browser.sign_in(MOBILE)
    r = browser.post("/m/me/consents/public_display/withdraw", {})
    assert "已撤回，立即生效" in r.text
    (withdrawn,) = [c for c in _rows(h5_app, "consent") if c["type"] == "public_display" and c["withdrawn_at"]]
    assert "张先生" not in other.get("/m/matches").text.split("可能合适的人")[1]
    assert "需要您同意" in browser.get("/m/matches").text
    assert browser.post("/m/me/consents/public_display/withdraw", {}).status_code == 409
    basic = browser.post("/m/me/consents/basic/withdraw", {})
    assert basic.status_code == 422 and "申请删除" in basic.text
    assert not any(c["withdrawn_at"] for c in _rows(h5_app, "consent") if c["type"] == "basic")


def test_closing_the_account_signs_out_and_keeps_the_case_file(browser: Browser, h5_app: Any) -> None:
    member_id = seed_member(h5_app, mobile=MOBILE, name="张伟")
    browser.sign_in(MOBILE)
    r = browser.post("/m/me/close", {}, follow_redirects=False)
    assert r.status_code == 303
    assert "手机号登录" in browser.get("/m/").text
    assert [m["id"] for m in _rows(h5_app, "member")] == [member_id]


def test_erasure_request_reaches_the_rights_queue_and_the_erasure_follows(tmp_path: Path, laptops: Any) -> None:
    with server_db("sqlite", tmp_path / "srv") as url, ServerThread(url, settings=FAST, max_lifetime_s=300) as srv:
        srv.app.state.h5.gateway = FileSmsGateway(tmp_path / "sms.txt")
        add_user(srv, "privacy", role="privacy_officer", district=None)
        browser = Browser(srv.app, srv.app.state.h5.gateway)
        assert register(browser, name="张伟", mobile=MOBILE).status_code == 200
        r = browser.post("/m/me/erasure", {})
        today = srv.app.state.h5.now().astimezone(CHINA_TZ).date()
        due = add_working_days(today).due
        assert f"工会将在{due.isoformat()}前处理" in r.text
        browser.post("/m/me/erasure", {})  # twice: still one request
        (req,) = _rows(srv.app, "online_rights_request")
        laptop = laptops.make(srv.url, "privacy")
        laptop.engine.sync_once()
        with laptop.store.read() as s:
            (info,) = privacy_queries.list_requests(s, actor=laptop.actor, today=today, open_only=True)
        assert info.id == req["id"] and info.kind == "erasure" and info.due_on == due
        assert info.channel == "mini_program" and info.received_on == today and info.member_no
        result = rights.erase_member_data(laptop.store, laptop.actor, request_id=info.id)
        assert result.rows_deleted > 0
        laptop.engine.sync_once()
        assert _rows(srv.app, "member") == [] and _rows(srv.app, "consent") == []
        assert "手机号登录" in browser.get("/m/").text  # the online account went with the erasure
        with laptop.store.read() as s:
            (done,) = privacy_queries.list_requests(s, actor=laptop.actor, today=today)
        assert done.status == "done"
        laptop.close()
        assert isinstance(due, date)
