"""Signing in with a mobile number and a one-time SMS code; signing out (here or everywhere)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from xzdesk.domain.errors import FieldProblem
from xzdesk.domain.members.identity import normalize_mobile
from xzdesk.domain.store.engine import compute_blind_index
from xzdesk.domain.store.ids import new_id
from xzdesk.server.h5 import security
from xzdesk.server.h5.sms import SmsError
from xzdesk.server.h5.tables import MemberAccount
from xzdesk.server.h5.web import H5, Posted, SignedIn, VisitorDep, h5_of, page, redirect

log = logging.getLogger(__name__)
router = APIRouter()


def mobile_index(h5: H5, mobile: str) -> str:
    """The blind index of a mobile number: the laptops' HMAC under the organisation key."""
    return compute_blind_index(h5.blind_key, "mobile", mobile).hex()


def client_key(h5: H5, request: Request) -> str:
    host = request.client.host if request.client else "unknown"
    return security.keyed(h5.secret, "client", host)[:32]


def _parse_mobile(raw: str) -> str | None:
    try:
        return normalize_mobile(raw)
    except FieldProblem:
        return None


@router.get("/login")
def login_form(request: Request, v: VisitorDep) -> Response:
    if v.account is not None:
        return redirect(request, v, "/")
    return page(request, v, "login.html", title="登录", mobile="", error=None)


@router.post("/login")
def send_code(request: Request, v: VisitorDep, form: Posted) -> Response:
    """Step 1: a code to the number (throttled per number and per client address)."""
    h5 = h5_of(request)
    raw = form.get("mobile").strip()[:32]
    mobile = _parse_mobile(raw)
    if mobile is None:
        return page(request, v, "login.html", status=422, title="登录", mobile=raw, error="h5.mobile_invalid")
    index = mobile_index(h5, mobile)
    now = h5.now()
    with h5.db.write() as s:
        allowed = security.hit_all(s, "send:c:" + client_key(h5, request), h5.settings.send_per_client, now=now) and \
            security.hit_all(s, "send:m:" + index[:40], h5.settings.send_per_number, now=now)  # fmt: skip
        code = security.new_code(s, secret=h5.secret, mobile_hmac=index, settings=h5.settings, now=now) if allowed else None
    if code is None:
        return page(request, v, "login.html", status=429, title="登录", mobile=raw, error="h5.too_many_codes")
    minutes = int(h5.settings.code_ttl.total_seconds() // 60)
    try:
        h5.gateway.send_code(mobile, code, minutes=minutes)
    except SmsError as exc:
        log.warning("sms not sent: %s", exc)
        return page(request, v, "login.html", status=503, title="登录", mobile=raw, error="h5.sms_failed")
    return page(request, v, "code.html", title="输入验证码", mobile=mobile, minutes=minutes, error=None)


@router.post("/login/verify")
def verify_code(request: Request, v: VisitorDep, form: Posted) -> Response:
    """Step 2: the code signs the browser in (a new cookie); the account is made on first use."""
    h5 = h5_of(request)
    mobile = _parse_mobile(form.get("mobile"))
    if mobile is None:
        return page(request, v, "login.html", status=422, title="登录", mobile="", error="h5.mobile_invalid")
    code = form.get("code").strip()
    minutes = int(h5.settings.code_ttl.total_seconds() // 60)

    def again(status: int, error: str) -> Response:
        return page(request, v, "code.html", status=status, title="输入验证码", mobile=mobile, minutes=minutes,
                    error=error)  # fmt: skip

    if not (code.isdigit() and len(code) == h5.settings.code_digits):
        return again(422, "h5.code_format")
    index = mobile_index(h5, mobile)
    now = h5.now()
    with h5.db.write() as s:
        if not security.hit_all(s, "verify:m:" + index[:40], h5.settings.verify_per_number, now=now):
            problem: str | None = "h5.too_many_tries"
        else:
            problem = security.check_code(s, secret=h5.secret, mobile_hmac=index, code=code, settings=h5.settings, now=now)
    if problem is not None:  # the attempt stays counted (its own transaction above)
        return again(429 if problem == "h5.too_many_tries" else 422, problem)
    with h5.db.write() as s:
        account = s.execute(select(MemberAccount).where(MemberAccount.mobile_hmac == index)).scalar()
        if account is None:
            account = MemberAccount(id=new_id(), mobile_hmac=index, member_id=None, pending_request_id=None,
                                    created_at=now, closed_at=None)  # fmt: skip
            s.add(account)
        elif account.closed_at is not None:  # a closed account starts again empty
            account.closed_at, account.member_id, account.pending_request_id = None, None, None
        s.flush()
        security.end_session(s, v.token)
        token = security.start_session(s, account_id=account.id, settings=h5.settings, now=now)
    return redirect(request, v, "/", token=token)


@router.post("/logout")
def logout(request: Request, v: VisitorDep, form: Posted) -> Response:
    h5 = h5_of(request)
    with h5.db.write() as s:
        security.end_session(s, v.token)
    return redirect(request, v, "/login", clear=True)


@router.post("/logout/everywhere")
def logout_everywhere(request: Request, v: SignedIn, form: Posted) -> Response:
    h5 = h5_of(request)
    assert v.account is not None
    with h5.db.write() as s:
        security.end_all_sessions(s, v.account.id)
    return redirect(request, v, "/login", clear=True)
