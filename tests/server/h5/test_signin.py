"""Signing in with a mobile number and an SMS code: every refusal the issue lists, over HTTP."""

from __future__ import annotations

import http.server
import json
import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.server.h5.conftest import Browser
from xzdesk.server.h5.sms import HttpSmsGateway, SmsError, gateway_from_env
from xzdesk.server.h5.tables import MemberAccount, SmsCode, WebSession

MOBILE = "13800000001"


def test_sign_in_sets_a_new_http_only_cookie_and_shows_the_next_step(browser: Browser) -> None:
    first = browser.get("/m/login")
    assert first.status_code == 200
    anon = browser.client.cookies.get("xzm")
    browser.post("/m/login", {"mobile": "+86 138-0000-0001"})
    code = browser.gateway.last_code(MOBILE)
    r = browser.post("/m/login/verify", {"mobile": MOBILE, "code": code}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/m/"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/m" in cookie
    assert "Secure" not in cookie  # plain http on loopback; https requests get Secure (below)
    assert browser.client.cookies.get("xzm") != anon  # a new session id after sign-in
    home = browser.get("/m/")
    assert "实名登记" in home.text
    assert r.headers["content-security-policy"].startswith("default-src 'self'")


def test_cookie_is_secure_over_https(h5_app: Any) -> None:
    from fastapi.testclient import TestClient

    client = TestClient(h5_app, base_url="https://127.0.0.1")
    r = client.get("/m/login")
    assert "Secure" in r.headers["set-cookie"]


def test_wrong_code_then_right_code(browser: Browser) -> None:
    browser.get("/m/login")
    browser.post("/m/login", {"mobile": MOBILE})
    code = browser.gateway.last_code(MOBILE)
    wrong = "000000" if code != "000000" else "111111"
    r = browser.post("/m/login/verify", {"mobile": MOBILE, "code": wrong})
    assert r.status_code == 422 and "验证码不对" in r.text
    r = browser.post("/m/login/verify", {"mobile": MOBILE, "code": code})
    assert r.status_code == 200 and "退出登录" in r.text


def test_code_is_single_use(browser: Browser, make_browser: Any) -> None:
    browser.sign_in(MOBILE)
    code = browser.gateway.last_code(MOBILE)
    other = make_browser()
    other.get("/m/login")
    r = other.post("/m/login/verify", {"mobile": MOBILE, "code": code})
    assert r.status_code == 422 and "验证码已失效" in r.text


def test_expired_code_is_refused(browser: Browser, h5_app: Any) -> None:
    browser.get("/m/login")
    browser.post("/m/login", {"mobile": MOBILE})
    code = browser.gateway.last_code(MOBILE)
    h5 = h5_app.state.h5
    real = h5.clock
    later = real() + h5.settings.code_ttl + timedelta(seconds=1)
    h5.clock = lambda: later
    r = browser.post("/m/login/verify", {"mobile": MOBILE, "code": code})
    assert r.status_code == 422 and "验证码已失效" in r.text
    with h5.db.read() as s:
        assert s.execute(select(func.count()).select_from(WebSession)).scalar() == 0


def test_code_burnt_after_too_many_wrong_guesses(browser: Browser, h5_app: Any) -> None:
    browser.get("/m/login")
    browser.post("/m/login", {"mobile": MOBILE})
    code = browser.gateway.last_code(MOBILE)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(h5_app.state.h5.settings.code_attempts):
        assert browser.post("/m/login/verify", {"mobile": MOBILE, "code": wrong}).status_code == 422
    r = browser.post("/m/login/verify", {"mobile": MOBILE, "code": code})
    assert r.status_code == 422 and "验证码已失效" in r.text


def test_too_many_codes_per_number(browser: Browser, make_browser: Any) -> None:
    browser.get("/m/login")
    assert browser.post("/m/login", {"mobile": MOBILE}).status_code == 200
    r = browser.post("/m/login", {"mobile": MOBILE})  # again within the minute
    assert r.status_code == 429 and "太频繁" in r.text
    other = make_browser()  # another browser does not get round it
    other.get("/m/login")
    assert other.post("/m/login", {"mobile": MOBILE}).status_code == 429
    assert len([ln for ln in browser.gateway.path.read_text().splitlines() if MOBILE in ln]) == 1


def test_too_many_codes_per_client_address(browser: Browser, h5_app: Any) -> None:
    limit = h5_app.state.h5.settings.send_per_client[0].count
    browser.get("/m/login")
    statuses = [browser.post("/m/login", {"mobile": f"1390000{i:04d}"}).status_code for i in range(limit + 1)]
    assert statuses[:limit] == [200] * limit and statuses[limit] == 429


def test_too_many_verify_attempts_per_number(browser: Browser, h5_app: Any) -> None:
    h5 = h5_app.state.h5
    browser.get("/m/login")
    browser.post("/m/login", {"mobile": MOBILE})
    limit = h5.settings.verify_per_number[0].count
    statuses = [browser.post("/m/login/verify", {"mobile": MOBILE, "code": "999999"}).status_code for _ in range(limit)]
    assert 429 not in statuses
    r = browser.post("/m/login/verify", {"mobile": MOBILE, "code": "999999"})
    assert r.status_code == 429 and "次数太多" in r.text


@pytest.mark.parametrize("path", ["/m/login", "/m/login/verify", "/m/logout"])
def test_post_without_csrf_is_refused_and_writes_nothing(browser: Browser, h5_app: Any, path: str) -> None:
    browser.get("/m/login")
    r = browser.post(path, {"mobile": MOBILE, "code": "123456"}, csrf=False)
    assert r.status_code == 403 and "页面已过期或来源不明" in r.text
    r = browser.post(path, {"mobile": MOBILE, "code": "123456", "csrf": "forged"})
    assert r.status_code == 403
    with h5_app.state.h5.db.read() as s:
        assert s.execute(select(func.count()).select_from(SmsCode)).scalar() == 0
    assert browser.gateway.last_code(MOBILE) is None


def test_csrf_token_of_another_browser_is_refused(browser: Browser, make_browser: Any) -> None:
    browser.get("/m/login")
    other = make_browser()
    other.get("/m/login")
    r = browser.post("/m/login", {"mobile": MOBILE, "csrf": other.csrf})
    assert r.status_code == 403


def test_malformed_and_oversized_input(browser: Browser, h5_app: Any) -> None:
    browser.get("/m/login")
    bad_number = browser.post("/m/login", {"mobile": "12345"})
    assert bad_number.status_code == 422 and "11位手机号码" in bad_number.text
    big = browser.post("/m/login", {"mobile": MOBILE, "pad": "x" * (h5_app.state.h5.settings.max_form_bytes + 1)})
    assert big.status_code == 413 and "内容太多" in big.text
    for body in (b"mobile=%ED%A0%80&csrf=" + browser.csrf.encode(),  # a lone surrogate as UTF-8 bytes
                 b"mobile=%00138&csrf=" + browser.csrf.encode(),      # NUL
                 b"mobile=\xff\xfe"):                                   # not even ASCII
        r = browser.client.post("/m/login", content=body, headers={"content-type": "application/x-www-form-urlencoded"})
        assert r.status_code == 400 and "无法识别" in r.text, body
    assert browser.gateway.last_code(MOBILE) is None


def test_sign_out_here_and_everywhere(browser: Browser, make_browser: Any, h5_app: Any) -> None:
    browser.sign_in(MOBILE)
    h5 = h5_app.state.h5
    later = h5.clock() + timedelta(minutes=2)  # a second code for the number may be sent after a minute
    h5.clock = lambda: later
    phone = make_browser()
    phone.sign_in(MOBILE)
    r = browser.post("/m/logout/everywhere", {}, follow_redirects=False)
    assert r.status_code == 303
    assert "手机号登录" in phone.get("/m/").text  # the other browser is signed out too
    with h5_app.state.h5.db.read() as s:
        assert s.execute(select(func.count()).select_from(WebSession)).scalar() == 0
        assert s.execute(select(func.count()).select_from(MemberAccount)).scalar() == 1


def test_pages_that_need_an_account_say_sign_in_first(browser: Browser) -> None:
    r = browser.get("/m/me")
    assert r.status_code == 401 and "请先用手机号登录" in r.text


# --- the union's SMS provider over HTTP, against a fake provider on 127.0.0.1 ----------------------
class _FakeProvider(http.server.BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []
    answer: tuple[int, dict[str, Any]] = (200, {"code": "OK"})

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        type(self).received.append({"auth": self.headers.get("authorization"), "body": json.loads(self.rfile.read(length))})
        status, body = type(self).answer
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def provider() -> Any:
    _FakeProvider.received = []
    _FakeProvider.answer = (200, {"code": "OK"})
    server = http.server.HTTPServer(("127.0.0.1", 0), _FakeProvider)
    server.timeout = 5
    done = threading.Event()

    def serve() -> None:
        for _ in range(10):  # a bounded loop: at most ten requests, then the thread ends
            if done.is_set():
                return
            server.handle_request()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server
    done.set()
    server.server_close()
    thread.join(timeout=10)


def test_http_provider_sends_the_code_with_the_unions_key_and_template(provider: Any) -> None:
    url = f"http://127.0.0.1:{provider.server_port}/sms/send"
    env = {"XZDESK_SMS_BACKEND": "http", "XZDESK_SMS_URL": url, "XZDESK_SMS_KEY": "k-123",
           "XZDESK_SMS_TEMPLATE": "SMS_0001", "XZDESK_SMS_SIGN": "徐州工会"}  # fmt: skip
    gateway = gateway_from_env(env)
    assert isinstance(gateway, HttpSmsGateway)
    gateway.send_code(MOBILE, "123456", minutes=5)
    (req,) = _FakeProvider.received
    assert req["auth"] == "Bearer k-123"
    assert req["body"] == {"phone": MOBILE, "template": "SMS_0001", "sign": "徐州工会",
                           "params": {"code": "123456", "minutes": "5"}}  # fmt: skip
    _FakeProvider.answer = (200, {"code": "isv.BUSINESS_LIMIT_CONTROL"})
    with pytest.raises(SmsError):
        gateway.send_code(MOBILE, "123456", minutes=5)
    _FakeProvider.answer = (500, {})
    with pytest.raises(SmsError):
        gateway.send_code(MOBILE, "123456", minutes=5)


def test_provider_failure_is_a_clear_page(browser: Browser, h5_app: Any, provider: Any) -> None:
    _FakeProvider.answer = (503, {})
    h5_app.state.h5.gateway = HttpSmsGateway(url=f"http://127.0.0.1:{provider.server_port}/", key="k", template="t")
    browser.get("/m/login")
    r = browser.post("/m/login", {"mobile": MOBILE})
    assert r.status_code == 503 and "短信暂时发不出去" in r.text


def test_incomplete_provider_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="XZDESK_SMS_KEY"):
        gateway_from_env({"XZDESK_SMS_BACKEND": "http", "XZDESK_SMS_URL": "https://sms.example/"})


def test_unknown_page_and_wrong_method_are_chinese_pages(browser: Browser) -> None:
    r = browser.get("/m/no-such-page")
    assert r.status_code == 404 and "没有找到这个页面" in r.text and r.headers["content-type"].startswith("text/html")
    r = browser.get("/m/logout")  # a form action opened as a link
    assert r.status_code == 405 and "没有找到这个页面" in r.text
    answer = browser.get("/sync/v1/nothing")  # the API keeps its JSON refusal with words
    assert answer.status_code == 404 and answer.headers["content-type"].startswith("application/json")
    assert answer.json()["code"] == "request.not_found" and answer.json()["message_zh"]
