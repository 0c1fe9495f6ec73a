"""Staff accounts on this laptop and their credentials (roles and permissions: codes.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from xzdesk.domain.staff.codes import Role
from xzdesk.domain.store.base import Base, MergeClass, SyncedMixin, register_synced
from xzdesk.domain.store.sync_state import local_personal


@register_synced
class Staff(SyncedMixin, Base):
    """A staff account. `district_code` None means city-wide (市总工会)."""

    __tablename__ = "staff"
    __sync__ = MergeClass.CASE_FIELDS
    __member_column__ = None

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[Role] = mapped_column(String(32))
    district_code: Mapped[str | None] = mapped_column(String(6))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


@register_synced
class StaffPassword(SyncedMixin, Base):
    """The server's argon2id hash of an account's password, on an enrolled laptop (id = the staff
    id). Written only by the server (`server_only`): at enrolment for the person enrolling, then
    by sync for every account of the laptop's district and every city-wide account. `version` is
    the server's: a password changed on the server arrives as a new version, and the old one stops
    working here at that sync. Never a plaintext password; no member data."""

    __tablename__ = "staff_password"
    __sync__ = MergeClass.CASE_FIELDS
    __member_column__ = None
    __scope__ = {"district": "district_code"}  # city-wide accounts (no district) reach every laptop

    password_hash: Mapped[str] = mapped_column(String(256))
    district_code: Mapped[str | None] = mapped_column(String(6))
    changed_at: Mapped[datetime]  # when the server set this password


@local_personal  # a revoked laptop keeps no password hash of anyone
class StaffCredential(Base):
    """The local password of a staff account (argon2id) and its sign-in throttle on this laptop.

    Local only, never synced: who may sign in on this computer is this computer's fact. On an
    enrolled laptop the password checked is the server's (`StaffPassword`); this row then keeps
    the throttle, and `password_hash` names the server password it counts failures against (a
    different one from the server starts the count again and lifts a lock)."""

    __tablename__ = "staff_credential"

    staff_id: Mapped[str] = mapped_column(String(36), ForeignKey("staff.id"), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    changed_at: Mapped[datetime]
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None]
    locked_at: Mapped[datetime | None]
    must_change: Mapped[bool] = mapped_column(Boolean, default=False)  # set by an administrator's reset
