"""What every data-subject step checks, shared by the request services (rights.py) and the
member's copy of their data (portability.py): the case file is found by its number, district
staff act on their own district's members only, and a typed reason has at least MIN_REASON
characters.

Errors: NotFound `rights.member_not_found` (member_no); XzError `members.not_in_scope`
(member_no); ValidationError with FieldProblem("reason", "rights.reason_required", minimum).
"""

from __future__ import annotations

from sqlalchemy import select

from xzdesk.domain.errors import FieldProblem, NotFound, ValidationError, XzError
from xzdesk.domain.members.models import Member
from xzdesk.domain.uow import ActorInfo, UnitOfWork

MIN_REASON = 2


def find_member(uow: UnitOfWork, member_no: str) -> Member:
    """The case file with this member number (spaces and case ignored). NotFound otherwise."""
    number = "".join((member_no or "").split()).upper()
    member = uow.session.execute(select(Member).where(Member.member_no == number)).scalar()
    if member is None:
        raise NotFound("rights.member_not_found", member_no=number)
    return member


def check_scope(actor: ActorInfo, member: Member) -> None:
    if actor.district_code and member.district_code != actor.district_code:
        raise XzError("members.not_in_scope", member_no=member.member_no)


def clean_reason(reason: str | None, *, required: bool) -> str | None:
    """The reason with its spaces folded, at most 1000 characters; None when empty and not required."""
    text = " ".join((reason or "").split())
    if required and len(text) < MIN_REASON:
        raise ValidationError([FieldProblem("reason", "rights.reason_required", minimum=MIN_REASON)])
    return text[:1000] or None
