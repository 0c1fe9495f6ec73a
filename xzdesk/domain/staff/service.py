"""Staff accounts on this laptop: who they are, their role, their password, and sign-in.

Every person signs in with their own password (shared office PCs are the norm). The first
account of a new database is the local administrator, created without a permission check (the
person installing the app); every later one needs `staff.manage`, and nobody grants a role to
themselves.

On a laptop connected to a union server the server's staff are the truth: enrolment replaces the
local accounts with the enrolling person's server account and its argon2id hash (so they sign
in offline at once), and sync brings every account of the district and every city-wide one
(`staff` rows: name, role, district, active; `staff_password` rows: the server's hash and when it
was set). A password changed on the server works here after the next sync and the old one stops;
an account closed on the server can no longer sign in here after the next sync. Accounts are
then managed on the server only (`staff.managed_by_server`); the throttle and its lock stay this
laptop's (an administrator may unlock here, and a new server password lifts the lock).

Contracts: services take the caller's `UnitOfWork` and never commit; `sign_in` never raises for
a wrong password (the failure and its audit entry must be committed): it returns a refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from xzdesk.domain.changes import Area
from xzdesk.domain.errors import FieldProblem, NotFound, PermissionDenied, ValidationError, XzError
from xzdesk.domain.members.codes import DISTRICTS
from xzdesk.domain.privacy.audit import append_audit
from xzdesk.domain.reads import key_read
from xzdesk.domain.staff import passwords
from xzdesk.domain.staff.codes import NOT_SELF_ASSIGNABLE, Permission, Role
from xzdesk.domain.staff.models import Staff, StaffCredential, StaffPassword
from xzdesk.domain.store.models import is_enrolled
from xzdesk.domain.uow import ActorInfo, UnitOfWork

_USERNAME = re.compile(r"^[a-z0-9_.-]{2,32}$")


@dataclass(frozen=True)
class StaffInfo:
    id: str
    username: str
    display_name: str
    role: str
    district_code: str | None
    active: bool

    def actor(self) -> ActorInfo:
        return ActorInfo(self.id, Role(self.role), self.district_code, self.display_name)


def _info(s: Staff) -> StaffInfo:
    return StaffInfo(s.id, s.username, s.display_name, s.role, s.district_code, s.active)


def create_staff(
    uow: UnitOfWork,
    *,
    username: str,
    display_name: str,
    role: Role | str,
    district_code: str | None,
    password: str | None = None,
    temporary_password: bool = True,
) -> StaffInfo:
    """Create an account. While a database has no local administrator the account created must
    be that administrator (`staff.first_must_be_admin`); later ones need `staff.manage`. With a password the person
    can sign in; a password an administrator gives someone else is temporary (changed at the
    first sign-in) unless `temporary_password` is False (demo accounts)."""
    _require_local_accounts(uow)
    first = not has_administrator(uow.session)
    if not first:
        uow.require(Permission.STAFF_MANAGE)
    problems = new_account_problems(uow.session, username=username, display_name=display_name, role=role,
                                    district_code=district_code, password=password)  # fmt: skip
    username = (username or "").strip().lower()
    display_name = " ".join((display_name or "").split())
    if problems:
        raise ValidationError(problems)
    if first and Role(role) is not Role.ADMIN:
        raise ValidationError([FieldProblem("role", "staff.first_must_be_admin")])
    staff = Staff(
        username=username, display_name=display_name, role=Role(role).value,
        district_code=district_code or None, active=True, created_at=uow.now,
    )  # fmt: skip
    uow.session.add(staff)
    uow.session.flush()
    if password is not None:
        uow.session.add(StaffCredential(staff_id=staff.id, password_hash=passwords.hash_password(password),
                                        changed_at=uow.now, failures=0,
                                        must_change=temporary_password and not first))  # fmt: skip
    uow.audit("staff.create", fields=["role"])
    uow.mark(Area.STAFF)  # the roster other screens show (matchmakers, organisers) changed
    return _info(staff)


def new_account_problems(
    session: Session | None, *, username: str, display_name: str, role: Role | str, district_code: str | None,
    password: str | None = None,
) -> list[FieldProblem]:
    """What is wrong with a new account (empty when it can be created): user name format (and,
    given a session, whether it is taken), display name, role, district and, when given, the
    password policy. Forms check as the person types; `create_staff` checks again."""
    problems: list[FieldProblem] = []
    username = (username or "").strip().lower()
    display_name = " ".join((display_name or "").split())
    if not _USERNAME.match(username):
        problems.append(FieldProblem("username", "staff.username_format"))
    elif session is not None and session.execute(select(Staff.id).where(Staff.username == username)).first():
        problems.append(FieldProblem("username", "staff.username_taken"))
    if not display_name:
        problems.append(FieldProblem("display_name", "members.required"))
    try:
        Role(role)
    except ValueError:
        problems.append(FieldProblem("role", "members.unknown_code", value=str(role)))
    if district_code and district_code not in DISTRICTS:
        problems.append(FieldProblem("district_code", "members.unknown_code", value=district_code))
    if password is not None:
        problems += passwords.password_problems(password, username=username, display_name=display_name)
    return problems


def list_staff(session: Session, *, role: Role | None = None) -> list[StaffInfo]:
    query = select(Staff).where(Staff.active.is_(True)).order_by(Staff.display_name)
    if role:
        query = query.where(Staff.role == role.value)
    return [_info(s) for s in session.execute(query).scalars()]


@dataclass(frozen=True)
class StaffAccountRow:
    """One line of the administrator's accounts screen (no password material)."""

    id: str
    username: str
    display_name: str
    role: str
    district_code: str | None
    active: bool
    has_password: bool
    locked: bool
    must_change_password: bool
    failures: int
    created_at: datetime


@key_read
def list_accounts(session: Session) -> list[StaffAccountRow]:
    """Every account of this database, open ones first, then by display name; with the sign-in
    state an administrator needs (locked, must change the password, no password yet). On an
    enrolled laptop "has a password" means the server's hash of it is here."""
    enrolled = is_enrolled(session)
    rows = session.execute(
        select(Staff, StaffCredential, StaffPassword.id)
        .outerjoin(StaffCredential, StaffCredential.staff_id == Staff.id)
        .outerjoin(StaffPassword, StaffPassword.id == Staff.id)
    ).all()  # fmt: skip
    out = [
        StaffAccountRow(
            s.id, s.username, s.display_name, s.role, s.district_code, bool(s.active),
            server is not None if enrolled else c is not None,
            bool(c is not None and c.locked_at is not None), bool(c is not None and c.must_change),
            c.failures if c is not None else 0, s.created_at,
        )  # fmt: skip
        for s, c, server in rows
    ]
    return sorted(out, key=lambda r: (not r.active, r.display_name, r.username))


@key_read
def accounts_managed_by_server(session: Session) -> bool:
    """Whether this laptop's accounts come from a union server (it is enrolled): they are then
    created, changed and closed on the server, and shown here read-only."""
    return is_enrolled(session)


def needs_first_account(session: Session) -> bool:
    """A new database (no local administrator, not connected to a server): the first-run wizard
    creates the administrator. An enrolled laptop never needs one: its accounts are the server's."""
    return not has_administrator(session) and not is_enrolled(session)


@key_read
def get_staff(session: Session, staff_id: str) -> StaffInfo:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("staff.not_found")
    return _info(staff)


def find_staff(session: Session, username: str) -> StaffInfo | None:
    """The account with this user name (case-insensitive), or None."""
    staff = session.execute(select(Staff).where(Staff.username == (username or "").strip().lower())).scalar()
    return _info(staff) if staff is not None else None


def has_administrator(session: Session) -> bool:
    """Whether the database has a local administrator (else the next account created is one:
    a new database, or one holding only synthetic seeded staff)."""
    return session.execute(select(Staff.id).where(Staff.role == Role.ADMIN.value).limit(1)).first() is not None


def has_password(session: Session, staff_id: str) -> bool:
    if is_enrolled(session):
        return session.get(StaffPassword, staff_id) is not None
    return session.get(StaffCredential, staff_id) is not None


# --- passwords and sign-in --------------------------------------------------------------------
@dataclass(frozen=True)
class SignInResult:
    """The outcome of one sign-in attempt. `refusal` is an error code when refused:
    `staff.wrong_password` (also for an unknown user name), `staff.throttled` (wait
    `retry_after_s`), `staff.locked` (an administrator must unlock), `staff.inactive`,
    `staff.no_password` (the account was made without one: an administrator sets it)."""

    actor: ActorInfo | None
    refusal: str | None = None
    retry_after_s: int = 0
    must_change_password: bool = False
    failures: int = 0

    @property
    def ok(self) -> bool:
        return self.actor is not None

    def error(self) -> XzError:
        return XzError(self.refusal or "staff.wrong_password", retry_after=self.retry_after_s,
                       remaining=max(0, passwords.THROTTLE.lock_at - self.failures))  # fmt: skip


def _audit_staff(uow: UnitOfWork, action: str, staff_id: str | None, fields: tuple[str, ...] = ()) -> None:
    """Sign-in events are audited under the account they concern (there is no actor yet)."""
    append_audit(uow.session, at=uow.now, actor_id=staff_id, device_id=uow.device_id, action=action,
                 fields=fields)  # fmt: skip


def sign_in(uow: UnitOfWork, *, username: str, password: str) -> SignInResult:
    """Check a person's password. Throttled by `passwords.THROTTLE`: after a few failures each
    attempt waits longer, and at the limit the account locks until an administrator unlocks it.
    Every success, failure, throttled attempt and lock is audited. Never raises for a refusal
    (see SignInResult)."""
    staff = uow.session.execute(select(Staff).where(Staff.username == (username or "").strip().lower())).scalar()
    return _attempt(uow, staff, password, success="staff.sign_in")


def unlock_screen(uow: UnitOfWork, *, password: str) -> SignInResult:
    """The signed-in person unlocks their locked screen with their password: the same checks,
    throttle and lock as `sign_in`, audited as `staff.screen_unlocked` on success."""
    actor = _signed_in(uow)
    return _attempt(uow, uow.session.get(Staff, actor.staff_id), password, success="staff.screen_unlocked")


def record_screen_locked(uow: UnitOfWork, *, reason: str) -> None:
    """The screen of the signed-in person locked (`reason`: idle | os | manual), audited."""
    actor = _signed_in(uow)
    _audit_staff(uow, "staff.screen_locked", actor.staff_id, (reason,))


def _attempt(uow: UnitOfWork, staff: Staff | None, password: str, *, success: str) -> SignInResult:
    stored, cred = _secret(uow, staff)
    refusal = _refusal_before_check(uow, staff, stored, cred)
    if refusal is not None:
        return refusal
    if not passwords.verify_password(stored, password or ""):
        return _record_failure(uow, staff, cred)
    assert staff is not None and cred is not None
    cred.failures = 0
    cred.last_failure_at = None
    _audit_staff(uow, success, staff.id)
    return SignInResult(_info(staff).actor(), must_change_password=bool(cred.must_change))


def _secret(uow: UnitOfWork, staff: Staff | None) -> tuple[str | None, StaffCredential | None]:
    """(the password hash to check, the throttle row) of an account on this laptop. Enrolled:
    the server's hash (when it is here and costs no more than ours to check) and a throttle row
    for that server password, made or started afresh when the server's password is new."""
    if staff is None:
        return None, None
    cred = uow.session.get(StaffCredential, staff.id)
    if not is_enrolled(uow.session):
        return (cred.password_hash if cred is not None else None), cred
    server = uow.session.get(StaffPassword, staff.id)
    if server is None or not passwords.hash_parameters_ok(server.password_hash):
        return None, cred
    if cred is None:
        cred = StaffCredential(staff_id=staff.id, password_hash=server.password_hash, changed_at=server.changed_at,
                               failures=0, must_change=False)  # fmt: skip
        uow.session.add(cred)
    elif cred.password_hash != server.password_hash:  # a new password from the server: count afresh
        if cred.locked_at is not None:
            _audit_staff(uow, "staff.unlocked", staff.id, ("server_password",))
        cred.password_hash, cred.changed_at = server.password_hash, server.changed_at
        cred.failures, cred.last_failure_at, cred.locked_at, cred.must_change = 0, None, None, False
    return server.password_hash, cred


def _refusal_before_check(
    uow: UnitOfWork, staff: Staff | None, stored: str | None, cred: StaffCredential | None
) -> SignInResult | None:
    if staff is None:
        return None  # unknown user: checked against a dummy hash, then refused like a wrong password
    if stored is None or cred is None:
        code = "staff.not_here" if is_enrolled(uow.session) else "staff.no_password"
        _audit_staff(uow, "staff.sign_in_failed", staff.id, (code.removeprefix("staff."),))
        return SignInResult(None, code)
    if not staff.active:
        _audit_staff(uow, "staff.sign_in_failed", staff.id, ("inactive",))
        return SignInResult(None, "staff.inactive")
    if cred.locked_at is not None:
        _audit_staff(uow, "staff.sign_in_failed", staff.id, ("locked",))
        return SignInResult(None, "staff.locked", failures=cred.failures)
    wait = passwords.THROTTLE.wait_after(cred.failures)
    if wait and cred.last_failure_at is not None:
        left = int((cred.last_failure_at + timedelta(seconds=wait) - uow.now).total_seconds() + 0.999)
        if left > 0:
            _audit_staff(uow, "staff.sign_in_failed", staff.id, ("throttled",))
            return SignInResult(None, "staff.throttled", retry_after_s=left, failures=cred.failures)
    return None


def _record_failure(uow: UnitOfWork, staff: Staff | None, cred: StaffCredential | None) -> SignInResult:
    if staff is None or cred is None:
        _audit_staff(uow, "staff.sign_in_failed", None, ("unknown_user",))
        return SignInResult(None, "staff.wrong_password")
    cred.failures += 1
    cred.last_failure_at = uow.now
    _audit_staff(uow, "staff.sign_in_failed", staff.id, ("password",))
    if passwords.THROTTLE.locks(cred.failures):
        cred.locked_at = uow.now
        _audit_staff(uow, "staff.locked", staff.id)
        return SignInResult(None, "staff.locked", failures=cred.failures)
    return SignInResult(None, "staff.wrong_password", retry_after_s=passwords.THROTTLE.wait_after(cred.failures),
                        failures=cred.failures)  # fmt: skip


def change_own_password(uow: UnitOfWork, *, old_password: str, new_password: str) -> None:
    """The signed-in person changes their password (the old one is checked). Not on an enrolled
    laptop: the password is the server's (`staff.managed_by_server`)."""
    actor = _signed_in(uow)
    _require_local_accounts(uow)
    staff = uow.session.get(Staff, actor.staff_id)
    cred = uow.session.get(StaffCredential, actor.staff_id)
    if staff is None or cred is None or not passwords.verify_password(cred.password_hash, old_password or ""):
        raise ValidationError([FieldProblem("old_password", "staff.wrong_password")])
    _store_password(uow, staff, new_password, must_change=False)


def reset_password(uow: UnitOfWork, *, staff_id: str, new_password: str) -> None:
    """An administrator sets someone else's password (it must be changed at the next sign-in);
    this also lifts a lock."""
    actor = uow.require(Permission.STAFF_MANAGE)
    _require_local_accounts(uow)
    if actor.staff_id == staff_id:
        raise PermissionDenied("staff.self_reset")
    staff = uow.session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("staff.not_found")
    _store_password(uow, staff, new_password, must_change=True)


def _store_password(uow: UnitOfWork, staff: Staff, new_password: str, *, must_change: bool) -> None:
    problems = passwords.password_problems(new_password, username=staff.username, display_name=staff.display_name)
    if problems:
        raise ValidationError(problems)
    cred = uow.session.get(StaffCredential, staff.id)
    if cred is None:
        cred = StaffCredential(staff_id=staff.id, failures=0)
        uow.session.add(cred)
    cred.password_hash = passwords.hash_password(new_password)
    cred.changed_at = uow.now
    cred.must_change = must_change
    cred.failures = 0
    cred.last_failure_at = None
    cred.locked_at = None
    _audit_staff_by(uow, "staff.password_set", staff.id)


def unlock_staff(uow: UnitOfWork, *, staff_id: str) -> None:
    """An administrator lifts a sign-in lock (audited)."""
    uow.require(Permission.STAFF_MANAGE)
    cred = uow.session.get(StaffCredential, staff_id)
    if cred is None:
        raise NotFound("staff.not_found")
    cred.failures = 0
    cred.last_failure_at = None
    cred.locked_at = None
    _audit_staff_by(uow, "staff.unlocked", staff_id)


def grant_role(uow: UnitOfWork, *, staff_id: str, role: Role | str, district_code: str | None = None) -> StaffInfo:
    """An administrator changes someone else's role (never their own: `staff.self_grant`)."""
    actor = uow.require(Permission.STAFF_MANAGE)
    _require_local_accounts(uow)
    if actor.staff_id == staff_id:
        raise PermissionDenied("staff.self_grant")
    staff = uow.session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("staff.not_found")
    try:
        new_role = Role(role)
    except ValueError:
        raise ValidationError([FieldProblem("role", "members.unknown_code", value=str(role))]) from None
    if district_code and district_code not in DISTRICTS:
        raise ValidationError([FieldProblem("district_code", "members.unknown_code", value=district_code)])
    staff.role = new_role.value
    staff.district_code = district_code or None
    _audit_staff_by(uow, "staff.role_granted", staff_id, ("role",))
    uow.mark(Area.STAFF)  # the roster other screens show (matchmakers, organisers) changed
    return _info(staff)


def deactivate_staff(uow: UnitOfWork, *, staff_id: str) -> StaffInfo:
    """An administrator closes an account (never their own); it can no longer sign in."""
    actor = uow.require(Permission.STAFF_MANAGE)
    _require_local_accounts(uow)
    if actor.staff_id == staff_id:
        raise PermissionDenied("staff.self_deactivate")
    staff = uow.session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("staff.not_found")
    staff.active = False
    _audit_staff_by(uow, "staff.deactivated", staff_id)
    uow.mark(Area.STAFF)  # the roster other screens show (matchmakers, organisers) changed
    return _info(staff)


def reopen_staff(uow: UnitOfWork, *, staff_id: str) -> StaffInfo:
    """An administrator reopens a closed account (audited); its password and lock stay as they were."""
    uow.require(Permission.STAFF_MANAGE)
    _require_local_accounts(uow)
    staff = uow.session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("staff.not_found")
    staff.active = True
    _audit_staff_by(uow, "staff.reopened", staff_id)
    uow.mark(Area.STAFF)  # the roster other screens show (matchmakers, organisers) changed
    return _info(staff)


def assignable_roles(actor: ActorInfo | None, *, for_self: bool) -> list[Role]:
    """Roles the actor may give: at first run (no actor) only the administrator; an
    administrator gives any role to others, and never privacy officer or auditor to itself."""
    if actor is None:
        return [Role.ADMIN]
    if not actor.can(Permission.STAFF_MANAGE):
        return []
    return [r for r in Role if not (for_self and r in NOT_SELF_ASSIGNABLE)]


@dataclass(frozen=True)
class NewAccount:
    """An account typed into a form (the first-run wizard, the accounts screen)."""

    username: str
    display_name: str
    password: str
    role: Role | str = Role.ADMIN
    district_code: str | None = None


def set_up_first_accounts(uow: UnitOfWork, *, admin: NewAccount, own: NewAccount | None = None
                          ) -> tuple[StaffInfo, StaffInfo | None]:  # fmt: skip
    """A new database's accounts in one unit of work: the local administrator and, optionally,
    the installer's own working account, created by that administrator with a password of the
    person's own choosing (not temporary). The working account never gets a role nobody may give
    themselves (`staff.not_self_assignable`). Raises ValidationError; nothing is written then."""
    _require_local_accounts(uow)
    if has_administrator(uow.session):
        raise PermissionDenied("staff.already_set_up")
    if own is not None and Role(own.role) not in assignable_roles(ActorInfo("", Role.ADMIN), for_self=True):
        raise ValidationError([FieldProblem("role", "staff.not_self_assignable")])
    admin_info = create_staff(uow, username=admin.username, display_name=admin.display_name, role=Role.ADMIN,
                              district_code=None, password=admin.password)  # fmt: skip
    if own is None:
        return admin_info, None
    before = uow.actor
    uow.actor = admin_info.actor()
    try:
        own_info = create_staff(uow, username=own.username, display_name=own.display_name, role=own.role,
                                district_code=own.district_code, password=own.password,
                                temporary_password=False)  # fmt: skip
    finally:
        uow.actor = before
    return admin_info, own_info


def _require_local_accounts(uow: UnitOfWork) -> None:
    """Accounts of an enrolled laptop are managed on the server only."""
    if is_enrolled(uow.session):
        raise PermissionDenied("staff.managed_by_server")


@dataclass(frozen=True)
class ServerAccount:
    """The enrolling person's account as the server's enrolment answer gives it."""

    id: str
    username: str
    display_name: str
    role: str
    district_code: str | None
    password_hash: str  # the server's argon2id hash (never the password)


def install_server_account(session: Session, *, account: ServerAccount, now: datetime) -> None:
    """At enrolment, inside the enrolment's transaction: the local accounts (and their local
    passwords and throttle rows) give way to the enrolling person's server account and the
    server's hash of their password, so they can sign in offline at once. The next sync brings
    the district's other accounts (a server that sends no hash: the person signs in after it).
    Refuses a hash whose argon2 settings cost more than ours (`staff.password_hash_unusable`)."""
    if account.password_hash and not passwords.hash_parameters_ok(account.password_hash):
        raise XzError("staff.password_hash_unusable")
    session.execute(delete(StaffCredential))
    session.execute(delete(StaffPassword))
    session.execute(delete(Staff))
    session.add(Staff(id=account.id, version=0, username=account.username, display_name=account.display_name,
                      role=account.role, district_code=account.district_code, active=True, created_at=now))  # fmt: skip
    if account.password_hash:
        session.add(StaffPassword(id=account.id, version=0, password_hash=account.password_hash,
                                  district_code=account.district_code, changed_at=now))  # fmt: skip


def record_enrolment(uow: UnitOfWork, *, staff_id: str) -> None:
    """Audit that this laptop was connected to a server by that account (after the enrolment
    committed, so the entry goes to the server with the next push)."""
    _audit_staff(uow, "staff.enrolled", staff_id)


def _signed_in(uow: UnitOfWork) -> ActorInfo:
    if uow.actor is None:
        raise PermissionDenied("staff.not_signed_in")
    return uow.actor


def _audit_staff_by(uow: UnitOfWork, action: str, staff_id: str, fields: tuple[str, ...] = ()) -> None:
    """An account change, audited under who made it; the account concerned is named in `fields`
    (staff ids are not personal data of members)."""
    append_audit(uow.session, at=uow.now, actor_id=uow.actor.staff_id if uow.actor else None,
                 device_id=uow.device_id, action=action, fields=(*fields, f"staff:{staff_id}"))  # fmt: skip
