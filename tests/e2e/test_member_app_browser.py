"""The member web app in a real headless Chromium at 375×812 (Debian's `chromium`, driven by
Playwright through `executable_path`), against the real server on 127.0.0.1 and real laptops:

two members register; the district laptop syncs and verifies them; they sign up; the organiser
approves on the laptop; a venue laptop checks one in by the e-ticket; both tick each other's
number plates; both see the mutual match and chat (the reply arrives without reloading); one
withdraws a consent and requests erasure, the privacy officer's laptop erases, and the rest of
the system follows.

With XZDESK_WALK_SHOTS=<folder>, every page is saved as a PNG at 375×812 (member-app/NN-name.png).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.server.h5.laptops import approve_all, create_open_event, scan, verify_all
from tests.sync.harness import FAST, add_user, server_db
from xzdesk.domain.events import service as ev
from xzdesk.domain.members.models import Member
from xzdesk.domain.privacy import queries as privacy_queries
from xzdesk.domain.privacy import rights
from xzdesk.server.h5.sms import FileSmsGateway
from xzdesk.server.runner import ServerThread

PHONE = {"width": 375, "height": 812}
MAN, WOMAN = "13800000071", "13800000072"


def _chromium() -> str:
    import importlib.util

    spec = importlib.util.spec_from_file_location("sysdeps", Path(__file__).resolve().parents[2] / "installer" / "sysdeps.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    import sys

    sys.modules["sysdeps"] = module
    spec.loader.exec_module(module)
    found = module.find_browser()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium not installed: `make browser` installs it (installer/sysdeps.py --browser)")
        pytest.skip("chromium not installed (make browser)")
    return str(found)


class Shots:
    """Screenshots of each page when XZDESK_WALK_SHOTS names a folder."""

    def __init__(self) -> None:
        root = os.environ.get("XZDESK_WALK_SHOTS")
        self.folder = Path(root) / "member-app" if root else None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
        self.n = 0

    def __call__(self, page: Any, name: str) -> None:
        check_page(page, name)
        if self.folder is not None:
            self.n += 1
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(self.folder / f"{self.n:02d}-{name}.png"))
            if page.evaluate("document.documentElement.scrollHeight") > PHONE["height"] + 40:
                page.screenshot(path=str(self.folder / f"{self.n:02d}-{name}-full.png"), full_page=True)


# Controls smaller than a 44 px touch target, and form fields without a label (checkboxes and
# radios count through their label, which is the touch target).
AUDIT = """() => {
  const small = [], unlabelled = [];
  for (const el of document.querySelectorAll('button, a.button, select, textarea, input, .tabs a, label.check')) {
    if (el.type === 'hidden' || el.offsetParent === null) continue;
    if (el.type === 'checkbox' || el.type === 'radio') {
      if (!el.closest('label')) unlabelled.push(el.name);
      continue;
    }
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && !(el.id && document.querySelector(`label[for="${el.id}"]`)))
      unlabelled.push(el.name);
    const box = el.getBoundingClientRect();
    if (box.height < 44) small.push((el.innerText || el.name || el.tagName).slice(0, 20) + ':' + Math.round(box.height));
  }
  return {small, unlabelled, width: document.documentElement.scrollWidth, lang: document.documentElement.lang};
}"""


def check_page(page: Any, name: str) -> None:
    """Every page fits the phone's width, is Chinese, labels its fields, and has touch targets of
    at least 44 px."""
    # A click that follows a link has started the next page; read it once it has loaded (read
    # too early, its document had no root element yet: seen once in a full run under load).
    page.wait_for_load_state("load")
    found = page.evaluate(AUDIT)
    assert found["width"] <= PHONE["width"], f"{name}: page is {found['width']}px wide"
    assert found["lang"] == "zh-CN", name
    assert not found["unlabelled"], f"{name}: fields without a label {found['unlabelled']}"
    assert not found["small"], f"{name}: touch targets under 44px {found['small']}"


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = _chromium()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, headless=True, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


def _phone(browser: Any, base: str) -> Any:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="zh-CN", base_url=base)  # fmt: skip
    context.set_default_timeout(15000)
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())
    return page


def sign_in(page: Any, sms: FileSmsGateway, mobile: str, shots: Shots, tag: str) -> None:
    page.goto("/m/")
    shots(page, f"{tag}-welcome")
    page.get_by_role("link", name="手机号登录 / 注册").click()
    page.get_by_label("手机号码").fill(mobile)
    shots(page, f"{tag}-login")
    page.get_by_role("button", name="获取验证码").click()
    page.get_by_label("6位验证码").fill(sms.last_code(mobile) or "")
    shots(page, f"{tag}-code")
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url("**/m/")


def register(page: Any, *, name: str, id_number: str, mobile: str, shots: Shots, tag: str) -> None:
    page.get_by_role("link", name="实名登记").click()
    page.get_by_label("姓名").fill(name)
    page.get_by_label("身份证号码").fill(id_number)
    page.get_by_label("手机号码（刚才接收验证码的号码）").fill(mobile)
    page.get_by_label("所在区县").select_option("320302")
    page.get_by_label("基层工会").fill("徐工集团工会")
    page.get_by_label("工作单位").fill("徐工集团")
    page.get_by_label("学历", exact=True).select_option("21")
    page.get_by_label("身高（厘米）").fill("170")
    for tag_word in ("读书", "徒步"):
        page.locator(f"label.check:has(input[value='{tag_word}'])").click()
    shots(page, f"{tag}-register")
    for consent in ("basic", "share_profile", "public_display", "matching"):  # none is ticked beforehand
        page.locator(f"input[name=consent][value={consent}]").check()
    page.get_by_role("button", name="提交实名登记").click()
    page.wait_for_url("**/m/")
    expect(page.get_by_text("待工会核验")).to_be_visible()
    shots(page, f"{tag}-pending")


def test_two_members_from_registration_to_chat_and_erasure(browser: Any, tmp_path: Path, laptops: Any) -> None:
    from tests.server.api import resident_id

    shots = Shots()
    with server_db("sqlite", tmp_path / "srv") as url, ServerThread(url, settings=FAST, max_lifetime_s=600) as srv:
        sms = FileSmsGateway(tmp_path / "sms.txt")
        srv.app.state.h5.gateway = sms
        add_user(srv, "office", district="320302")
        add_user(srv, "venue", role="event_staff", district=None)
        add_user(srv, "privacy", role="privacy_officer", district=None)
        office = laptops.make(srv.url, "office")
        event_id = create_open_event(office, capacity=20)
        office.engine.sync_once()

        man, woman = _phone(browser, srv.url), _phone(browser, srv.url)
        sign_in(man, sms, MAN, shots, "man")
        register(man, name="张伟", id_number=resident_id("19930303", "031", "320302"), mobile=MAN, shots=shots, tag="man")
        sign_in(woman, sms, WOMAN, shots, "woman")
        register(woman, name="李娜", id_number=resident_id("19950505", "042", "320302"), mobile=WOMAN, shots=shots,
                 tag="woman")  # fmt: skip

        # the district laptop receives both case files and verifies them
        office.engine.sync_once()
        with office.store.read() as s:
            member_ids = {m.mobile: m.id for m in s.execute(select(Member)).scalars()}
        verify_all(office, list(member_ids.values()))
        office.engine.sync_once()
        man.reload()
        expect(man.get_by_text("工会认证")).to_be_visible()
        shots(man, "man-verified")

        # both sign up from the calendar
        for page, tag in ((man, "man"), (woman, "woman")):
            page.get_by_role("navigation").get_by_role("link", name="活动").click()
            shots(page, f"{tag}-calendar")
            page.get_by_role("link", name=re.compile("云龙湖读书联谊会")).click()
            page.get_by_role("button", name="我要报名").click()
            expect(page.get_by_text("报名成功，等待工会审核")).to_be_visible()
            shots(page, f"{tag}-signed-up")

        # the organiser approves on the laptop; the e-ticket appears
        office.engine.sync_once()
        assert len(approve_all(office, event_id)) == 2
        office.engine.sync_once()
        tokens = {}
        for page, tag in ((man, "man"), (woman, "woman")):
            page.reload()
            expect(page.get_by_role("heading", name="电子入场券")).to_be_visible()
            tokens[tag] = page.locator(".ticket .token").inner_text()
            shots(page, f"{tag}-ticket")

        # a venue laptop checks both in by the e-ticket's token; the event is held
        venue = laptops.make(srv.url, "venue", events=(event_id,))
        venue.engine.sync_once()
        assert scan(venue, event_id, tokens["man"]).verdict == "checked_in"
        assert scan(venue, event_id, tokens["woman"]).verdict == "checked_in"
        venue.engine.sync_once()
        with office.uow() as uow:
            ev.change_event_status(uow, event_id=event_id, status="held")
        office.engine.sync_once()

        # both tick each other on the online 心动卡 and see the mutual match
        for page, tag, plate in ((man, "man", "F01"), (woman, "woman", "M01")):
            page.get_by_role("navigation").get_by_role("link", name="缘分").click()
            page.get_by_role("link", name="填写心动卡").click()
            page.locator(f"label.check:has-text('{plate}')").click()
            shots(page, f"{tag}-card")
            page.get_by_role("button", name="保存心动卡").click()
            expect(page.get_by_text("心动卡已保存")).to_be_visible()
        man.reload()
        expect(man.get_by_text("F01 李女士")).to_be_visible()
        shots(man, "man-mutual-match")

        # chat: notice first, then messages; the reply arrives without reloading (polling)
        man.get_by_role("link", name="去聊天").click()
        expect(man.get_by_text("第一次聊天前，请读一下安全提示")).to_be_visible()
        shots(man, "man-chat-notice")
        man.get_by_role("button", name="我已阅读，开始聊天").click()
        man.get_by_label("发消息").fill("你好，我是张先生，周末一起去云龙湖走走？")
        man.get_by_role("button", name="发送").click()
        woman.get_by_role("navigation").get_by_role("link", name=re.compile("聊天")).click()
        expect(woman.get_by_label("1条未读").first).to_be_visible()
        shots(woman, "woman-chat-list")
        woman.get_by_role("link", name=re.compile("张先生")).click()
        woman.get_by_role("button", name="我已阅读，开始聊天").click()
        woman.get_by_label("发消息").fill("好呀，周六下午可以")
        woman.get_by_role("button", name="发送").click()
        shots(woman, "woman-chat")
        man.get_by_text("好呀，周六下午可以").wait_for(timeout=15000)
        shots(man, "man-chat")

        # the woman withdraws a consent and asks for erasure; the privacy officer erases
        woman.get_by_role("navigation").get_by_role("link", name="我的").click()
        shots(woman, "woman-my-data")
        woman.locator("form[action$='/public_display/withdraw'] button").click()
        expect(woman.get_by_text("已撤回，立即生效")).to_be_visible()
        woman.get_by_role("button", name="申请删除我的全部信息").click()
        expect(woman.get_by_text(re.compile("删除申请已提交，工会将在.*前处理"))).to_be_visible()
        shots(woman, "woman-erasure-requested")
        privacy = laptops.make(srv.url, "privacy")
        privacy.engine.sync_once()
        with privacy.store.read() as s:
            (request,) = privacy_queries.list_requests(s, actor=privacy.actor, today=request_day(srv), open_only=True)
        assert request.kind == "erasure" and request.member_id == member_ids[WOMAN]
        rights.erase_member_data(privacy.store, privacy.actor, request_id=request.id)
        privacy.engine.sync_once()
        office.engine.sync_once()
        with office.store.read() as s:
            assert s.execute(select(Member.id).where(Member.id == member_ids[WOMAN])).first() is None
        woman.goto("/m/")
        expect(woman.get_by_role("link", name="手机号登录 / 注册")).to_be_visible()  # her account went too
        man.goto("/m/chat")
        expect(man.get_by_text("还没有可以聊天的人")).to_be_visible()  # the conversation is gone
        shots(man, "man-after-erasure")
        for laptop in (office, venue, privacy):
            laptop.close()


def request_day(srv: ServerThread) -> Any:
    from xzdesk.domain.uow import CHINA_TZ

    return srv.app.state.h5.now().astimezone(CHINA_TZ).date()
