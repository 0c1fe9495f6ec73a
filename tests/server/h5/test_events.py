"""The calendar, sign-up and cancel, quotas and the waiting list (also under 200 concurrent
sign-ups on SQLite and PostgreSQL), and the refusals: a closed event, a full quota, an
ineligible member."""

from __future__ import annotations

import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from tests.server.h5.conftest import Browser
from tests.server.h5.helpers import seed_event, seed_member
from tests.sync.harness import FAST, server_db
from xzdesk.server.h5 import security
from xzdesk.server.models import Record
from xzdesk.server.runner import ServerThread


def registrations(app: Any, event_id: str) -> list[dict[str, Any]]:
    with app.state.db.read() as s:
        q = select(Record.fields).where(Record.entity == "registration", Record.event_id == event_id)
        return [json.loads(r) for r in s.execute(q).scalars()]


def test_calendar_sign_up_cancel_and_sign_up_again(browser: Browser, h5_app: Any) -> None:
    seed_member(h5_app, mobile="13800000021")
    event_id = seed_event(h5_app, capacity=3)
    browser.sign_in("13800000021")
    cal = browser.get("/m/events")
    assert "周末读书联谊会" in cal.text and "剩余3个名额" in cal.text
    r = browser.post(f"/m/events/{event_id}/signup", {})
    assert r.status_code == 200 and "报名成功，等待工会审核" in r.text and "待审核" in r.text
    (reg,) = registrations(h5_app, event_id)
    assert reg["status"] == "pending" and reg["source"] == "online"
    assert "剩余2个" in browser.get(f"/m/events/{event_id}").text  # a pending sign-up holds its place
    again = browser.post(f"/m/events/{event_id}/signup", {})
    assert "您已报名这场活动" in again.text and len(registrations(h5_app, event_id)) == 1
    r = browser.post(f"/m/events/{event_id}/cancel", {})
    assert "已取消报名" in r.text
    (reg,) = registrations(h5_app, event_id)
    assert reg["status"] == "cancelled" and reg["cancel_reason"] == "member_request"
    r = browser.post(f"/m/events/{event_id}/signup", {})
    (reg2,) = registrations(h5_app, event_id)
    assert reg2["id"] == reg["id"] and reg2["status"] == "pending"  # one registration per member and event


def test_full_quota_puts_the_member_on_the_waiting_list(browser: Browser, make_browser: Any, h5_app: Any) -> None:
    event_id = seed_event(h5_app, capacity=10, quota_male=1)
    seed_member(h5_app, mobile="13800000022", seq="011")
    seed_member(h5_app, mobile="13800000023", seq="013", name="王刚")
    seed_member(h5_app, mobile="13800000024", seq="012", name="韩梅梅")
    first, second, woman = browser, make_browser(), make_browser()
    for b, mobile in ((first, "13800000022"), (second, "13800000023"), (woman, "13800000024")):
        b.sign_in(mobile)
    first.post(f"/m/events/{event_id}/signup", {})
    r = second.post(f"/m/events/{event_id}/signup", {})
    assert "名额已满，已为您登记候补" in r.text and "候补" in r.text
    assert "报名成功" in woman.post(f"/m/events/{event_id}/signup", {}).text  # the women's places are not full
    statuses = sorted(r["status"] for r in registrations(h5_app, event_id))
    assert statuses == ["pending", "pending", "waitlisted"]


def test_closed_event_and_ineligible_member_are_refused_without_writing(browser: Browser, make_browser: Any,
                                                                       h5_app: Any) -> None:  # fmt: skip
    closed = seed_event(h5_app, status="closed")
    opened = seed_event(h5_app, age_min=40, age_max=60)
    seed_member(h5_app, mobile="13800000025")
    browser.sign_in("13800000025")
    r = browser.post(f"/m/events/{closed}/signup", {})
    assert r.status_code == 409 and "不再接受报名" in r.text
    r = browser.post(f"/m/events/{opened}/signup", {})
    assert r.status_code == 422 and "年龄不在本场范围内" in r.text
    seed_member(h5_app, mobile="13800000026", verified=False, name="赵敏", seq="014")
    unverified = make_browser()
    unverified.sign_in("13800000026")
    r = unverified.post(f"/m/events/{seed_event(h5_app)}/signup", {})
    assert r.status_code == 422 and "工会核验尚未完成" in r.text
    assert registrations(h5_app, closed) == [] and registrations(h5_app, opened) == []
    assert browser.get("/m/events/not-an-event").status_code == 404
    assert browser.post(f"/m/events/{seed_event(h5_app, status='draft')}/signup", {}).status_code == 404


def test_members_without_a_case_file_cannot_see_the_calendar(browser: Browser) -> None:
    browser.sign_in("13800000027")
    r = browser.get("/m/events")
    assert r.status_code == 403 and "请先完成实名登记" in r.text


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_200_concurrent_sign_ups_never_overfill_40_places(backend: str, tmp_path: Path) -> None:
    with server_db(backend, tmp_path / "srv") as url, ServerThread(url, settings=FAST, max_lifetime_s=300) as srv:
        app = srv.app
        event_id = seed_event(app, capacity=40)
        tokens = _signed_in_members(app, 200)
        start = threading.Barrier(50)

        def sign_up(token: str) -> int:
            with httpx.Client(base_url=srv.url, cookies={"xzm": token}, timeout=60) as client:
                try:
                    start.wait(timeout=30)
                except threading.BrokenBarrierError:
                    pass
                r = client.post(f"/m/events/{event_id}/signup",
                                data={"csrf": security.csrf_token(app.state.h5.secret, token)})  # fmt: skip
                return r.status_code

        with ThreadPoolExecutor(max_workers=50) as pool:
            codes = list(pool.map(sign_up, tokens))
        assert set(codes) == {303}, codes
        regs = registrations(app, event_id)
        assert len(regs) == 200
        assert sum(r["status"] == "pending" for r in regs) == 40
        assert sum(r["status"] == "waitlisted" for r in regs) == 160


def _signed_in_members(app: Any, n: int) -> list[str]:
    """n verified members with a signed-in browser each (session cookies made directly)."""
    ids = [seed_member(app, mobile=f"1370000{i:04d}", seq=f"{(i % 400) * 2 + 1:03d}"[-3:]) for i in range(n)]
    now = datetime.now(UTC)
    tokens = []
    with app.state.h5.db.write() as s:
        from xzdesk.server.h5.tables import MemberAccount

        accounts = {a.member_id: a.id for a in s.execute(select(MemberAccount)).scalars()}
        for member_id in ids:
            tokens.append(security.start_session(s, account_id=accounts[member_id], settings=app.state.h5.settings, now=now))
    assert all(re.fullmatch(r"[\w-]+", t) for t in tokens)
    return tokens


def test_e_ticket_of_an_approved_sign_up_checks_in_at_the_venue(tmp_path: Path, laptops: Any) -> None:
    """Office laptop opens an event; a member signs up online; the organiser approves on the
    laptop; the member's page shows the QR token; a venue laptop's scanner accepts that text."""
    from tests.server.h5.helpers import register
    from tests.server.h5.laptops import approve_all, create_open_event, scan, verify_all
    from tests.sync.harness import add_user
    from xzdesk.domain.tokens import parse_token
    from xzdesk.server.h5.sms import FileSmsGateway

    with server_db("sqlite", tmp_path / "srv") as url, ServerThread(url, settings=FAST, max_lifetime_s=300) as srv:
        srv.app.state.h5.gateway = FileSmsGateway(tmp_path / "sms.txt")
        add_user(srv, "office", district="320302")
        add_user(srv, "venue", role="event_staff", district=None)
        office = laptops.make(srv.url, "office")
        event_id = create_open_event(office)
        office.engine.sync_once()
        browser = Browser(srv.app, srv.app.state.h5.gateway)
        assert register(browser, name="张伟", mobile="13800000031").status_code == 200
        office.engine.sync_once()
        with office.store.read() as s:
            from xzdesk.domain.members.models import Member

            member_id = s.execute(select(Member.id)).scalar_one()
        verify_all(office, [member_id])
        office.engine.sync_once()
        r = browser.post(f"/m/events/{event_id}/signup", {})
        assert "报名成功" in r.text
        office.engine.sync_once()
        assert len(approve_all(office, event_id)) == 1
        office.engine.sync_once()
        page = browser.get(f"/m/events/{event_id}")
        assert "电子入场券" in page.text and "已通过" in page.text and "<svg" in page.text
        token = re.search(r'class="token">([0-9A-Z]+)<', page.text).group(1)
        assert parse_token(token).event_code  # the badge format
        assert re.search(r'class="plate">M\d\d<', page.text)
        venue = laptops.make(srv.url, "venue", events=(event_id,))
        venue.engine.sync_once()
        result = scan(venue, event_id, token.lower())  # a scanner with Caps Lock on
        assert result.verdict == "checked_in"
        office.close()
        venue.close()
