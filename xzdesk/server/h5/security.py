"""Sign-in codes, throttles, sessions and CSRF tokens of the member web app.

Every function takes the caller's SQLAlchemy session (one transaction per request) and keeps its
state in the database, so several server workers agree on it:

- codes: 6 digits, stored as HMAC(server secret, mobile index + code), valid `code_ttl`, used once,
  burnt after `code_attempts` wrong guesses; a new code replaces the older ones;
- throttles: fixed windows per key (`hit`), taken under a row lock (SELECT ... FOR UPDATE on
  PostgreSQL; SQLite writers are serialised by BEGIN IMMEDIATE);
- sessions: a random cookie value; the database holds its SHA-256 only. Every visitor carries a
  cookie (signed in or not) and every form a CSRF token derived from it (HMAC), so a form posted
  from another site, or without the token, is refused. Signing in replaces the cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from xzdesk.server.h5.settings import H5Settings, Limit
from xzdesk.server.h5.tables import SmsCode, Throttle, WebSession
from xzdesk.server.models import ServerMeta

SECRET_KEY = "h5_secret"


def ensure_secret(session: Session) -> bytes:
    row = session.get(ServerMeta, SECRET_KEY)
    if row is None:
        row = ServerMeta(key=SECRET_KEY, value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return bytes.fromhex(row.value)


def keyed(secret: bytes, purpose: str, value: str) -> str:
    return hmac.new(secret, f"{purpose}|{value}".encode(), hashlib.sha256).hexdigest()


# --- throttles ----------------------------------------------------------------------------------
def _insert(session: Session) -> type:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert  # type: ignore[return-value]


def hit(session: Session, key: str, limit: Limit, *, now: datetime) -> bool:
    """Count one event for `key` under `limit`; False (and nothing counted) when it is spent."""
    full = f"{key}:{limit.name}"[:96]
    stmt = _insert(session)(Throttle).values(key=full, window_start=now, count=0)
    session.execute(stmt.on_conflict_do_nothing(index_elements=["key"]))
    row = session.execute(select(Throttle).where(Throttle.key == full).with_for_update()).scalar_one()
    if now - row.window_start >= limit.window:
        row.window_start, row.count = now, 0
    if row.count >= limit.count:
        return False
    row.count += 1
    return True


def hit_all(session: Session, key: str, limits: tuple[Limit, ...], *, now: datetime) -> bool:
    """True when every limit still had room (each is counted; a refusal counts nothing more)."""
    return all(hit(session, key, limit, now=now) for limit in limits)


# --- codes --------------------------------------------------------------------------------------
def new_code(session: Session, *, secret: bytes, mobile_hmac: str, settings: H5Settings, now: datetime) -> str:
    """Mint a code for the number (older unused codes stop working)."""
    code = f"{secrets.randbelow(10**settings.code_digits):0{settings.code_digits}d}"
    session.execute(delete(SmsCode).where(SmsCode.mobile_hmac == mobile_hmac))
    session.add(SmsCode(mobile_hmac=mobile_hmac, code_hmac=keyed(secret, "code", f"{mobile_hmac}:{code}"),
                        created_at=now, expires_at=now + settings.code_ttl, used_at=None, attempts=0))  # fmt: skip
    return code


def check_code(
    session: Session, *, secret: bytes, mobile_hmac: str, code: str, settings: H5Settings, now: datetime
) -> str | None:
    """None when `code` is the number's current code (it is then used up), else the refusal
    code: h5.code_wrong, h5.code_expired (or used, or burnt: ask for a new one)."""
    row = session.execute(
        select(SmsCode).where(SmsCode.mobile_hmac == mobile_hmac).order_by(SmsCode.id.desc()).limit(1).with_for_update()
    ).scalar()
    if row is None or row.used_at is not None or row.expires_at <= now or row.attempts >= settings.code_attempts:
        return "h5.code_expired"
    row.attempts += 1
    if not hmac.compare_digest(row.code_hmac, keyed(secret, "code", f"{mobile_hmac}:{code.strip()}")):
        return "h5.code_wrong"
    row.used_at = now
    return None


# --- sessions -----------------------------------------------------------------------------------
def new_token() -> str:
    return secrets.token_urlsafe(32)


def session_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(secret: bytes, token: str) -> str:
    return keyed(secret, "csrf", token)[:40]


def csrf_ok(secret: bytes, token: str | None, sent: str | None) -> bool:
    return bool(token) and bool(sent) and hmac.compare_digest(csrf_token(secret, token or ""), sent or "")


def start_session(session: Session, *, account_id: str, settings: H5Settings, now: datetime) -> str:
    token = new_token()
    session.add(WebSession(id=session_id(token), account_id=account_id, created_at=now, last_seen_at=now,
                           expires_at=now + settings.session_ttl))  # fmt: skip
    return token


def find_session(session: Session, token: str | None, *, settings: H5Settings, now: datetime) -> WebSession | None:
    """The live session of a cookie value (expired or idle ones are removed)."""
    if not token or len(token) > 100:
        return None
    row = session.get(WebSession, session_id(token))
    if row is None:
        return None
    if row.expires_at <= now or now - row.last_seen_at > settings.session_idle:
        session.delete(row)
        return None
    if (now - row.last_seen_at).total_seconds() > 300:  # write at most every five minutes
        session.execute(update(WebSession).where(WebSession.id == row.id).values(last_seen_at=now))
    return row


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(WebSession).where(WebSession.id == session_id(token)))


def end_all_sessions(session: Session, account_id: str) -> int:
    """Sign out everywhere: every browser of the account."""
    return int(session.execute(delete(WebSession).where(WebSession.account_id == account_id)).rowcount or 0)
