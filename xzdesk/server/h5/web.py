"""Plumbing of the member web app: its context on the FastAPI app, the visitor behind a request
(cookie, session, account), form reading with size and encoding checks, CSRF, and rendering.

Handlers are plain functions (FastAPI runs them on its thread pool); only reading the body is
asynchronous. Each handler uses one transaction for what it writes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import update

from xzdesk.domain.members.codes import DISTRICTS, LinkStatus
from xzdesk.domain.privacy.masking import mask
from xzdesk.server.db import ServerDB
from xzdesk.server.h5 import links, security
from xzdesk.server.h5.messages import message
from xzdesk.server.h5.settings import H5Settings
from xzdesk.server.h5.sms import SmsGateway
from xzdesk.server.h5.tables import MemberAccount, WebSession

HERE = Path(__file__).resolve().parent
COOKIE = "xzm"
PREFIX = "/m"
MAX_FIELDS = 300
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}  # fmt: skip


class PageError(Exception):
    """A refusal shown to the member as a page with one sentence (status + message code)."""

    def __init__(self, status: int, code: str, **params: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.params = params


@dataclass
class H5:
    """What every handler needs; `app.state.h5` (tests may swap the gateway or the clock)."""

    db: ServerDB
    settings: H5Settings
    gateway: SmsGateway
    secret: bytes
    blind_key: bytes
    templates: jinja2.Environment
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def now(self) -> datetime:
        return self.clock()


@dataclass(frozen=True)
class AccountInfo:
    id: str
    member_id: str | None
    pending_request_id: str | None
    closed: bool
    link_status: str | None = None  # where a link request stands (someone already on file): links.py
    link_reason: str | None = None  # the matchmaker's reason, when rejected
    link_district: str | None = None  # the district of the case file, to say where to go


@dataclass
class Visitor:
    """The browser behind a request: its cookie value, whether a new cookie must be set, and the
    signed-in account (None when anonymous)."""

    token: str
    fresh: bool
    account: AccountInfo | None
    csrf: str

    @property
    def member_id(self) -> str | None:
        return self.account.member_id if self.account else None


def h5_of(request: Request) -> H5:
    return request.app.state.h5  # type: ignore[no-any-return]


def _account(s: Any, account_id: str) -> AccountInfo | None:
    acc = s.get(MemberAccount, account_id)
    if acc is None:
        return None
    link = links.state(s, acc)
    if link is not None and link.status == links.GONE:  # nothing to wait for: as if never asked
        return AccountInfo(acc.id, acc.member_id, None, acc.closed_at is not None)
    return AccountInfo(acc.id, acc.member_id, acc.pending_request_id, acc.closed_at is not None,
                       *((link.status, link.reason, link.district_code) if link else ()))  # fmt: skip


def _settle_link(h5: H5, account: AccountInfo) -> AccountInfo:
    """A link request the matchmaker confirmed ties the account to its case file now."""
    with h5.db.write() as s:
        acc = s.get(MemberAccount, account.id, with_for_update=True)
        if acc is not None:
            links.settle(s, acc)
            s.flush()
        return _account(s, account.id) or account


def visitor(request: Request) -> Visitor:
    """The visitor of this request (a fresh anonymous cookie when there is none or it is odd)."""
    h5 = h5_of(request)
    token = request.cookies.get(COOKIE) or ""
    if not (20 <= len(token) <= 100) or not token.replace("-", "").replace("_", "").isalnum():
        token = security.new_token()
        return Visitor(token, True, None, security.csrf_token(h5.secret, token))
    now = h5.now()
    account = None
    stale = False
    with h5.db.read() as s:
        row = s.get(WebSession, security.session_id(token))
        if row is not None and row.expires_at > now and now - row.last_seen_at <= h5.settings.session_idle:
            account = _account(s, row.account_id)
            stale = (now - row.last_seen_at).total_seconds() > 300
    if stale:
        with h5.db.write() as s:
            s.execute(update(WebSession).where(WebSession.id == security.session_id(token)).values(last_seen_at=now))
    if account is not None and account.closed:
        account = None
    if account is not None and account.link_status == LinkStatus.CONFIRMED:
        account = _settle_link(h5, account)
    return Visitor(token, False, account, security.csrf_token(h5.secret, token))


VisitorDep = Annotated[Visitor, Depends(visitor)]


def signed_in(v: VisitorDep) -> Visitor:
    if v.account is None:
        raise PageError(401, "h5.sign_in_first")
    return v


def member(v: Annotated[Visitor, Depends(signed_in)]) -> Visitor:
    """A signed-in visitor with a case file (registered online, or linked after confirmation)."""
    if v.member_id is None:
        raise PageError(403, _not_linked_code(v.account))
    return v


def _not_linked_code(account: AccountInfo | None) -> str:
    if account is None or not account.pending_request_id:
        return "h5.register_first"
    return "h5.link_rejected" if account.link_status == LinkStatus.REJECTED else "h5.link_pending"


SignedIn = Annotated[Visitor, Depends(signed_in)]
MemberV = Annotated[Visitor, Depends(member)]


# --- forms --------------------------------------------------------------------------------------
class Form:
    """A posted form: text values cleaned (NFC, no control characters); repeated keys kept."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def get(self, key: str, default: str = "") -> str:
        for k, v in self.pairs:
            if k == key:
                return v
        return default

    def all(self, key: str) -> list[str]:
        return [v for k, v in self.pairs if k == key]

    def __contains__(self, key: str) -> bool:
        return any(k == key for k, _ in self.pairs)


def clean_text(value: str) -> str:
    """NFC; control characters other than newline and tab refused by the caller (see read)."""
    return unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")


def _bad_char(text: str) -> bool:
    return any((unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t") or ch in "\u2028\u2029" for ch in text)


async def read_form(request: Request) -> Form:
    """The urlencoded body, refused when larger than the limit (checked before and while
    reading), not UTF-8, or holding control characters."""
    limit = h5_of(request).settings.max_form_bytes
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise PageError(413, "h5.form_too_large")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in ("application/x-www-form-urlencoded", ""):
        raise PageError(400, "h5.form_malformed")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise PageError(413, "h5.form_too_large")
    try:
        text = body.decode("ascii")
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text), encoding="utf-8", errors="strict",
                          max_num_fields=MAX_FIELDS)  # fmt: skip
    except (UnicodeDecodeError, ValueError):
        raise PageError(400, "h5.form_malformed") from None
    cleaned = [(k, clean_text(v)) for k, v in pairs]
    if any(_bad_char(k) or _bad_char(v) for k, v in cleaned):
        raise PageError(400, "h5.form_malformed")
    return Form(cleaned)


async def posted(request: Request, v: VisitorDep) -> Form:
    """The form of a POST, after the CSRF check (the token must come from this visitor's cookie)."""
    form = await read_form(request)
    if v.fresh or not security.csrf_ok(h5_of(request).secret, v.token, form.get("csrf")):
        raise PageError(403, "h5.csrf")
    return form


Posted = Annotated[Form, Depends(posted)]


# --- rendering ----------------------------------------------------------------------------------
def make_templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True, trim_blocks=True,
        lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )  # fmt: skip
    env.filters["mask"] = mask
    env.globals["districts"] = DISTRICTS
    env.globals["message"] = message
    return env


def _secure(request: Request, settings: H5Settings) -> bool:
    if settings.secure_cookies == "always":
        return True
    if settings.secure_cookies == "never":
        return False
    return request.url.scheme == "https"


def finish(request: Request, response: Response, v: Visitor, *, token: str | None = None) -> Response:
    """Security headers and, when needed, the cookie (a new visitor, or a new session)."""
    h5 = h5_of(request)
    for k, val in SECURITY_HEADERS.items():
        response.headers.setdefault(k, val)
    value = token or (v.token if v.fresh else None)
    if value is not None:
        response.set_cookie(COOKIE, value, max_age=int(h5.settings.session_ttl.total_seconds()), path=PREFIX,
                            httponly=True, samesite="lax", secure=_secure(request, h5.settings))  # fmt: skip
    return response


def page(request: Request, v: Visitor, template: str, *, status: int = 200, token: str | None = None,
         **context: Any) -> Response:  # fmt: skip
    h5 = h5_of(request)
    csrf = security.csrf_token(h5.secret, token) if token else v.csrf
    html = h5.templates.get_template(template).render(v=v, csrf=csrf, prefix=PREFIX, **context)
    return finish(request, HTMLResponse(html, status_code=status), v, token=token)


def redirect(request: Request, v: Visitor, to: str, *, token: str | None = None, clear: bool = False) -> Response:
    response = RedirectResponse(PREFIX + to, status_code=303)
    if clear:
        response.delete_cookie(COOKIE, path=PREFIX)
        for k, val in SECURITY_HEADERS.items():
            response.headers.setdefault(k, val)
        return response
    return finish(request, response, v, token=token)


def error_page(request: Request, exc: PageError) -> Response:
    try:
        v = visitor(request)
    except Exception:  # the database may be the problem: answer without a visitor
        v = Visitor(security.new_token(), True, None, "")
    text = message(exc.code, exc.params)
    return page(request, v, "error.html", status=exc.status, title="提示", text=text, code=exc.code)


def problems_by_field(problems: Any) -> Mapping[str, list[str]]:
    """Field -> sentences for a form that marks each field."""
    out: dict[str, list[str]] = {}
    for p in problems:
        out.setdefault(p.field, []).append(message(p.code, p.params))
    return out
