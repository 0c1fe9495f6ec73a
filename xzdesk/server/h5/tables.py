"""Server-only tables of the member web app (never synced to laptops).

Accounts bind a verified mobile number (its blind index under the organisation key, the same
HMAC the laptops use) to a case file; codes, throttle counters and sessions are kept in the
database so several server workers share them; chat messages, blocks and first-contact notices
live here and are deleted with the member on erasure (`purge_member`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from xzdesk.server.models import BigId, ServerBase


class MemberAccount(ServerBase):
    """A member's online account: the verified mobile (blind index only) and, once known, the
    case file it belongs to. `pending_request_id` names a link request a matchmaker has to
    confirm (someone already on file registered online)."""

    __tablename__ = "h5_account"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mobile_hmac: Mapped[str] = mapped_column(String(64), unique=True)
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    pending_request_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class SmsCode(ServerBase):
    """A one-time sign-in code: stored as an HMAC under a server secret, never in clear."""

    __tablename__ = "h5_code"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    mobile_hmac: Mapped[str] = mapped_column(String(64), index=True)
    code_hmac: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class Throttle(ServerBase):
    """A fixed-window counter (`key` names what is limited: a number, a client address)."""

    __tablename__ = "h5_throttle"

    key: Mapped[str] = mapped_column(String(96), primary_key=True)
    window_start: Mapped[datetime]
    count: Mapped[int] = mapped_column(Integer, default=0)


class WebSession(ServerBase):
    """A signed-in browser. `id` is the SHA-256 of the cookie value (the cookie alone opens it)."""

    __tablename__ = "h5_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(36), index=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class ChatMessage(ServerBase):
    """One chat message between two members (`pair` = the two member ids in order, "a|b")."""

    __tablename__ = "h5_message"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # UUIDv7: time ordered
    pair: Mapped[str] = mapped_column(String(73))
    sender_id: Mapped[str] = mapped_column(String(36))
    recipient_id: Mapped[str] = mapped_column(String(36), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(index=True)
    read_at: Mapped[datetime | None]
    warned: Mapped[bool] = mapped_column(Boolean, default=False)  # money / loan / investment / gambling words
    reported_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_h5_message_pair_id", "pair", "id"), Index("ix_h5_message_sender", "sender_id"))


class ChatBlock(ServerBase):
    """`member_id` blocked `other_id`: no messages either way while it stands."""

    __tablename__ = "h5_block"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    other_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    created_at: Mapped[datetime]


class ContactNotice(ServerBase):
    """A member has read the anti-fraud notice for a conversation (shown on first contact)."""

    __tablename__ = "h5_notice"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    pair: Mapped[str] = mapped_column(String(73), primary_key=True)
    seen_at: Mapped[datetime]


MEMBER_TABLES = (MemberAccount, ChatMessage, ChatBlock, ContactNotice)


class AuditHead(ServerBase):
    """The last hash of the member web app's audit chain of a district (`device_id` is
    privacy.audit.online_device_id(district)): the server appends members' own acts online to the
    synced audit log, chained as each laptop chains its own entries. No member data."""

    __tablename__ = "h5_audit_head"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime]
