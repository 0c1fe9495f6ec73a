"""Which screens a role works on: the screens it may open (the others are disabled in the
navigation, with a tooltip saying why) and the one it starts on after signing in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from xzdesk.domain.staff.codes import Permission, Role
from xzdesk.domain.uow import ActorInfo
from xzdesk.ui import labels

# A screen opens for a role holding any of these permissions (none listed: every signed-in person).
PAGE_NEEDS: dict[str, tuple[Permission, ...]] = {
    "members": (Permission.MEMBERS_VIEW,),
    "matching": (Permission.MEMBERS_EDIT, Permission.MATCHING_POLICY),
    "events": (Permission.EVENTS_MANAGE,),
    "checkin": (Permission.CHECKIN, Permission.CHECKIN_VIEW, Permission.EVENTS_MANAGE),
    "sync": (),
    "reports": (Permission.REPORTS_AGGREGATE, Permission.RIGHTS_REQUESTS, Permission.AUDIT_READ,
                Permission.MEMBERS_EDIT),  # fmt: skip
}
# The screen each role works on; every other role starts on 档案 (or its first open screen).
FIRST_PAGE: dict[Role, str] = {
    Role.EVENT_STAFF: "checkin",
    Role.PRIVACY_OFFICER: "reports",
    Role.AUDITOR: "reports",
    Role.UNION_ADMIN: "reports",
    Role.ADMIN: "sync",
}
DEFAULT_FIRST = "members"


def may_open(actor: ActorInfo | None, key: str) -> bool:
    if actor is None:
        return False
    needs = PAGE_NEEDS.get(key, ())
    return not needs or any(actor.can(p) for p in needs)


def first_page(actor: ActorInfo | None, keys: list[str]) -> str | None:
    """The screen `actor` starts on (None when signed out or no screen is open to them)."""
    if actor is None:
        return None
    wanted = FIRST_PAGE.get(Role(actor.role), DEFAULT_FIRST)
    if may_open(actor, wanted):
        return wanted
    return next((k for k in keys if may_open(actor, k)), None)


def why_closed(actor: ActorInfo | None, key: str) -> str:
    """The tooltip of a screen that is closed to `actor`."""
    if actor is None:
        return QCoreApplication.translate("Access", "Sign in first.")
    users = {
        "members": QCoreApplication.translate("Access", "matchmakers and the privacy officer"),
        "matching": QCoreApplication.translate("Access", "matchmakers (the weights: union administrators)"),
        "events": QCoreApplication.translate("Access", "matchmakers and union administrators"),
        "checkin": QCoreApplication.translate("Access", "event staff, matchmakers and union administrators"),
        "reports": QCoreApplication.translate("Access", "matchmakers, union administrators, the privacy officer and auditors"),
    }.get(key, "")
    return QCoreApplication.translate("Access", "Not open to your role ({role}): this screen is for {users}.").format(
        role=labels.role(str(actor.role)), users=users)
